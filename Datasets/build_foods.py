#!/usr/bin/env python3
"""Build the meal planner's food table from USDA SR28.

Usage:
    python3 Datasets/build_foods.py /path/to/usda-sr28 [--fndds /path/to/fndds]
                                    [--out Datasets/foods.csv]

Inputs:
    selection.csv (next to this script): the hand-curated food list.
    The SR28 directory given as the first argument: FOOD_DES.txt, WEIGHT.txt,
    NUTR_DEF.txt and NUT_DATA.txt.gz (or NUT_DATA.txt), caret-separated,
    text fields wrapped in tildes, Latin-1.
    fndds_review.csv (next to this script): the reviewed SR -> FNDDS mapping.
    With --fndds DIR: FPED_1718.csv and FNDDS_1718_foods_and_beverages.csv
    (USDA ARS Food Surveys Research Group, 2017-2018). Without --fndds the
    FPED values are read back from fped_extract.csv (written by an earlier
    run with --fndds), so the table rebuilds without the FNDDS files.

Outputs (written next to --out, default: foods.csv next to this script):
    foods.csv          per-serving nutrient table used by the planner
    usda_extract.csv   the raw SR28 inputs for every selected food, so the
                       table can be re-derived without the USDA files
    fped_extract.csv   the FNDDS description, WWEIA category and FPED
                       components per 100 g of every selected food (only
                       written with --fndds; read otherwise)

The build is deterministic: running it twice gives byte-identical files.
Python 3 standard library only.
"""

import argparse
import csv
import gzip
import io
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP, getcontext

getcontext().prec = 50

HERE = os.path.dirname(os.path.abspath(__file__))
SELECTION = os.path.join(HERE, "selection.csv")
REVIEW = os.path.join(HERE, "fndds_review.csv")

SELECTION_COLUMNS = [
    "id", "ndb_no", "name", "weight_seq", "serving_qty", "serving_unit", "meals",
    "group", "diets", "allergens", "max_servings_per_meal",
    "price_per_serving_usd", "price_basis", "fndds_code", "roles", "family",
    "pairs_with", "max_per_carrier", "min_servings",
]

FOODS_COLUMNS = [
    "id", "name", "ndb_no", "serving_qty", "serving_unit", "serving_g",
    "kcal", "protein_g", "fat_g", "carbs_g", "fiber_g", "sugars_g",
    "added_sugars_g", "potassium_mg", "sodium_mg", "calcium_mg", "magnesium_mg",
    "price_usd", "meals", "group", "diets", "allergens", "max_servings_per_meal",
    "fndds_code", "roles", "family", "pairs_with", "max_per_carrier", "min_servings",
]

EXTRACT_COLUMNS = [
    "id", "ndb_no", "usda_description", "fdgrp", "weight_seq", "weight_amount",
    "weight_desc", "weight_g", "serving_g", "kcal_100g", "protein_100g",
    "fat_100g", "carbs_100g", "fiber_100g", "sugars_100g", "potassium_100g",
    "sodium_100g", "calcium_100g", "magnesium_100g", "pro_factor", "fat_factor",
    "cho_factor", "alcohol_100g",
]

# foods.csv column -> (SR28 Nutr_No, usda_extract column)
NUTRIENTS = [
    ("kcal", "208", "kcal_100g"),
    ("protein_g", "203", "protein_100g"),
    ("fat_g", "204", "fat_100g"),
    ("carbs_g", "205", "carbs_100g"),
    ("fiber_g", "291", "fiber_100g"),
    ("sugars_g", "269", "sugars_100g"),
    ("potassium_mg", "306", "potassium_100g"),
    ("sodium_mg", "307", "sodium_100g"),
    ("calcium_mg", "301", "calcium_100g"),
    ("magnesium_mg", "304", "magnesium_100g"),
]
# ------------------------------------------------------------ FPED columns
# FPED 2017-2018 components used (names as in the FPED header, without units).
FPED_COMPONENTS = [
    "F_TOTAL", "V_TOTAL", "V_DRKGR", "V_REDOR_TOTAL", "V_STARCHY_TOTAL",
    "V_OTHER", "V_LEGUMES", "G_TOTAL", "G_WHOLE", "G_REFINED", "PF_TOTAL",
    "PF_MEAT", "PF_CUREDMEAT", "PF_ORGAN", "PF_POULT", "PF_EGGS",
    "PF_SEAFD_HI", "PF_SEAFD_LOW", "PF_NUTSDS", "PF_SOY", "PF_LEGUMES",
    "D_TOTAL", "OILS", "SOLID_FATS", "ADD_SUGARS",
]
# foods.csv column -> FPED components summed (per 100 g), in output order.
FPED_COLUMNS = [
    ("fruit_cup_eq", ["F_TOTAL"]),
    ("veg_cup_eq", ["V_TOTAL"]),
    ("veg_dark_green_cup_eq", ["V_DRKGR"]),
    ("veg_red_orange_cup_eq", ["V_REDOR_TOTAL"]),
    ("veg_starchy_cup_eq", ["V_STARCHY_TOTAL"]),
    ("veg_other_cup_eq", ["V_OTHER"]),
    ("veg_legumes_cup_eq", ["V_LEGUMES"]),
    ("grains_oz_eq", ["G_TOTAL"]),
    ("grains_whole_oz_eq", ["G_WHOLE"]),
    ("grains_refined_oz_eq", ["G_REFINED"]),
    ("protein_oz_eq", ["PF_TOTAL"]),
    ("protein_meat_poultry_eggs_oz_eq",
     ["PF_MEAT", "PF_CUREDMEAT", "PF_ORGAN", "PF_POULT", "PF_EGGS"]),
    ("protein_seafood_oz_eq", ["PF_SEAFD_HI", "PF_SEAFD_LOW"]),
    ("protein_nuts_seeds_soy_oz_eq", ["PF_NUTSDS", "PF_SOY"]),
    ("protein_legumes_oz_eq", ["PF_LEGUMES"]),
    ("dairy_cup_eq", ["D_TOTAL"]),
    ("oils_g", ["OILS"]),
    ("solid_fats_g", ["SOLID_FATS"]),
]
FOODS_COLUMNS += [c for c, _ in FPED_COLUMNS]
ADDED_SUGAR_G_PER_TSP = Decimal("4.2")
FPED_FILE = "FPED_1718.csv"
FNDDS_FILE = "FNDDS_1718_foods_and_beverages.csv"
FNDDS_CODE_RE = re.compile(r"^[0-9]{8}$")
MATCH_KINDS = ["exact", "same-food-different-preparation", "closest", "none"]
REVIEW_COLUMNS = [
    "id", "ndb_no", "usda_description", "fndds_code", "fndds_description",
    "wweia_category", "match", "note",
]
FPED_EXTRACT_COLUMNS = [
    "id", "fndds_code", "fndds_description", "wweia_category_number",
    "wweia_category",
] + FPED_COMPONENTS

ALCOHOL = "221"
WANTED_NUTRIENTS = {n for _, n, _ in NUTRIENTS} | {ALCOHOL}

MEALS = ["breakfast", "lunch", "dinner", "snack"]
GROUPS = [
    "fruit", "juice", "vegetable", "starchy-vegetable", "legume", "grain", "dairy",
    "egg", "fish", "meat", "poultry", "nuts-seeds", "soy", "soup", "mixed-dish",
    "fat", "condiment", "sweet", "sweet-drink", "drink",
]
# How a food is eaten (closed set). The last five are accompaniments: never a
# menu item on their own, always with a carrier named in pairs_with.
MENU_ROLES = [
    "breakfast-main", "main", "starch-side", "vegetable-side", "salad", "fruit",
    "dairy", "drink", "snack", "dessert",
]
ACCOMPANIMENT_ROLES = ["spread", "topping", "cooking-fat", "sweetener", "condiment"]
ROLES = MENU_ROLES + ACCOMPANIMENT_ROLES
FAMILY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DIETS = ["vegetarian", "vegan", "pescatarian", "gluten-free", "dairy-free"]
ALLERGENS = ["milk", "egg", "fish", "shellfish", "tree-nuts", "peanuts", "wheat",
             "soy", "sesame"]


def canonical(text, order):
    """A ;-separated list rewritten in the order of `order`."""
    items = [item for item in text.split(";") if item]
    return ";".join(sorted(items, key=order.index))

# Foods the documentation (README potassium table) relies on.
REQUIRED_IDS = [
    "potato-baked", "sweet-potato-baked", "dried-apricots", "lentils", "avocado",
    "spinach-cooked", "banana", "yogurt-nonfat-fruit", "kidney-beans",
    "black-beans", "white-beans", "almonds", "pistachios", "oatmeal",
    "egg-boiled", "milk-whole", "orange-juice", "tomato", "salmon-baked",
]
REQUIRED_NDB = {"potato-baked": "11674", "sweet-potato-baked": "11508",
                "banana": "09040"}

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NDB_RE = re.compile(r"^[0-9]{5}$")
UNIT_RE = re.compile(r"^[a-z][a-z -]{0,19}$")
NUMBER_RE = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
PRICE_RE = re.compile(r"^[0-9]+\.[0-9]{2}$")
BASIS_PREFIXES = ("ERS-FV-", "BLS-AP-", "estimate:")

# Atwater check tolerances
REL_TOL = Decimal("0.15")
ABS_TOL_KCAL_PER_SERVING = Decimal("5")
DEFAULT_FACTORS = (Decimal("4"), Decimal("9"), Decimal("4"))
ALCOHOL_FACTOR = Decimal("6.93")

CENT = Decimal("0.01")
TEN_THOUSANDTH = Decimal("0.0001")


class BuildError(Exception):
    pass


# ---------------------------------------------------------------- SR28 files

def _open_sr_text(path):
    return io.open(path, "r", encoding="latin-1", newline="")


def _fields(line):
    line = line.rstrip("\r\n")
    if not line:
        return None
    return [f[1:-1] if len(f) >= 2 and f[0] == "~" and f[-1] == "~" else f
            for f in line.split("^")]


def read_sr_file(path):
    with _open_sr_text(path) as fh:
        for line in fh:
            rec = _fields(line)
            if rec is not None:
                yield rec


def find_file(sr_dir, name):
    p = os.path.join(sr_dir, name)
    if os.path.exists(p):
        return p
    raise BuildError("missing SR28 file: %s" % p)


def load_sr28(sr_dir, ndbs):
    """Load only what the selected foods need."""
    foods = {}
    for rec in read_sr_file(find_file(sr_dir, "FOOD_DES.txt")):
        if rec[0] in ndbs:
            foods[rec[0]] = {
                "fdgrp": rec[1],
                "desc": rec[2],
                "pro_factor": rec[11] if len(rec) > 11 else "",
                "fat_factor": rec[12] if len(rec) > 12 else "",
                "cho_factor": rec[13] if len(rec) > 13 else "",
            }
    weights = {}
    for rec in read_sr_file(find_file(sr_dir, "WEIGHT.txt")):
        if rec[0] in ndbs:
            weights.setdefault(rec[0], {})[rec[1]] = {
                "amount": rec[2], "desc": rec[3], "g": rec[4]}
    # nutrient definitions: only used to check the numbers mean what we think
    nutr_def = {}
    for rec in read_sr_file(find_file(sr_dir, "NUTR_DEF.txt")):
        nutr_def[rec[0]] = (rec[1], rec[2])
    expected_units = {"208": "kcal", "203": "g", "204": "g", "205": "g",
                      "291": "g", "269": "g", "306": "mg", "307": "mg",
                      "301": "mg", "304": "mg", "221": "g"}
    for nutr, unit in expected_units.items():
        got = nutr_def.get(nutr)
        if got is None or got[0] != unit:
            raise BuildError("NUTR_DEF: nutrient %s should be in %s, found %r"
                             % (nutr, unit, got))
    nut = {}
    gz = os.path.join(sr_dir, "NUT_DATA.txt.gz")
    if os.path.exists(gz):
        fh = io.TextIOWrapper(gzip.open(gz, "rb"), encoding="latin-1", newline="")
    else:
        fh = _open_sr_text(find_file(sr_dir, "NUT_DATA.txt"))
    with fh:
        for line in fh:
            rec = _fields(line)
            if rec is None or rec[0] not in ndbs or rec[1] not in WANTED_NUTRIENTS:
                continue
            nut.setdefault(rec[0], {})[rec[1]] = rec[2]
    return foods, weights, nut


# ---------------------------------------------------------------- FNDDS / FPED

def _read_usda_csv(path, first_header):
    """Rows (as dicts) of an FNDDS/FPED csv: UTF-8 with BOM, title lines first."""
    if not os.path.exists(path):
        raise BuildError("missing FNDDS/FPED file: %s" % path)
    with io.open(path, "r", encoding="utf-8-sig", newline="") as fh:
        records = list(csv.reader(fh))
    for i, rec in enumerate(records):
        if rec and rec[0].strip() == first_header:
            header = [h.strip() for h in rec]
            return header, [dict(zip(header, r)) for r in records[i + 1:] if r]
    raise BuildError("%s: no header line starting with %r" % (path, first_header))


def load_fndds(fndds_dir):
    """FNDDS code -> (main description, WWEIA number, WWEIA description) and
    FNDDS code -> {FPED component: value per 100 g as text}."""
    _, rows = _read_usda_csv(os.path.join(fndds_dir, FNDDS_FILE), "Food code")
    fndds = {r["Food code"]: (r["Main food description"],
                              r["WWEIA Category number"],
                              r["WWEIA Category description"]) for r in rows}
    header, rows = _read_usda_csv(os.path.join(fndds_dir, FPED_FILE), "FOODCODE")
    names = {h.split(" ")[0]: h for h in header}
    missing = [c for c in FPED_COMPONENTS if c not in names]
    if missing:
        raise BuildError("%s lacks components %s" % (FPED_FILE, ", ".join(missing)))
    fped = {}
    for r in rows:
        fped[r["FOODCODE"]] = {c: canon_number(r[names[c]]) for c in FPED_COMPONENTS}
    return fndds, fped


def read_plain_csv(path, columns, label):
    if not os.path.exists(path):
        raise BuildError("missing %s" % path)
    with io.open(path, "r", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header != columns:
            raise BuildError("%s header must be %s, found %s"
                             % (label, ",".join(columns), ",".join(header or [])))
        rows = []
        for lineno, rec in enumerate(reader, start=2):
            if len(rec) != len(columns):
                raise BuildError("%s line %d: %d fields, expected %d"
                                 % (label, lineno, len(rec), len(columns)))
            row = dict(zip(columns, rec))
            row["_line"] = lineno
            rows.append(row)
    return rows


def validate_fndds(rows, review, foods, fndds=None, extract=None):
    """selection.csv, fndds_review.csv and FNDDS/FPED (or fped_extract.csv) agree."""
    errors = []
    by_review = {}
    for r in review:
        where = "fndds_review.csv line %d (%s)" % (r["_line"], r["id"])
        if r["id"] in by_review:
            errors.append("%s: duplicate id" % where)
        by_review[r["id"]] = r
        if r["match"] not in MATCH_KINDS:
            errors.append("%s: match %r is not one of %s"
                          % (where, r["match"], ", ".join(MATCH_KINDS)))
        if (r["match"] == "none") != (r["fndds_code"] == ""):
            errors.append("%s: match 'none' exactly when fndds_code is empty" % where)
        if r["match"] in ("none", "closest", "same-food-different-preparation") \
                and not r["note"].strip():
            errors.append("%s: a %s match needs a note" % (where, r["match"]))
    ids = set()
    for row in rows:
        rid, code = row["id"], row["fndds_code"]
        ids.add(rid)
        where = "selection.csv line %d (%s)" % (row["_line"], rid)
        if code and not FNDDS_CODE_RE.match(code):
            errors.append("%s: fndds_code must be 8 digits or empty" % where)
        rv = by_review.get(rid)
        if rv is None:
            errors.append("%s: no row in fndds_review.csv" % where)
            continue
        if rv["fndds_code"] != code:
            errors.append("%s: fndds_code %r but fndds_review.csv says %r"
                          % (where, code, rv["fndds_code"]))
        if rv["ndb_no"] != row["ndb_no"]:
            errors.append("%s: fndds_review.csv has ndb_no %s" % (where, rv["ndb_no"]))
        if row["ndb_no"] in foods and rv["usda_description"] != foods[row["ndb_no"]]["desc"]:
            errors.append("%s: fndds_review.csv usda_description differs from "
                          "FOOD_DES %r" % (where, foods[row["ndb_no"]]["desc"]))
        if not code:
            if rv["fndds_description"] or rv["wweia_category"]:
                errors.append("%s: unmatched food with an FNDDS description" % where)
            continue
        if fndds is not None:
            fdesc, _, wweia = fndds[0].get(code, (None, None, None))
            if fdesc is None:
                errors.append("%s: fndds_code %s is not in %s" % (where, code, FNDDS_FILE))
                continue
            if code not in fndds[1]:
                errors.append("%s: fndds_code %s is not in %s" % (where, code, FPED_FILE))
        else:
            ex = extract.get(rid)
            if ex is None or ex["fndds_code"] != code:
                errors.append("%s: fped_extract.csv has no row for fndds_code %s "
                              "(rerun with --fndds)" % (where, code))
                continue
            fdesc, wweia = ex["fndds_description"], ex["wweia_category"]
        if rv["fndds_description"] != fdesc:
            errors.append("%s: fndds_review.csv fndds_description %r differs from "
                          "FNDDS main description %r" % (where, rv["fndds_description"], fdesc))
        if rv["wweia_category"] != wweia:
            errors.append("%s: fndds_review.csv wweia_category %r differs from FNDDS %r"
                          % (where, rv["wweia_category"], wweia))
    for rid in sorted(set(by_review) - ids):
        errors.append("fndds_review.csv: id %r is not in selection.csv" % rid)
    if extract is not None:
        for rid in sorted(set(extract) - ids):
            errors.append("fped_extract.csv: id %r is not in selection.csv" % rid)
    if errors:
        raise BuildError("FNDDS mapping is invalid:\n  " + "\n  ".join(errors))


def check_dairy(rows, fped_ext):
    """Group `dairy` and role `dairy` follow FPED: the FNDDS match has D_TOTAL > 0
    (fortified soy milk does, almond milk does not)."""
    errors = []
    for row in rows:
        ext = fped_ext.get(row["id"])
        if not ext or not ext["fndds_code"]:
            continue
        dairy = Decimal(ext["D_TOTAL"]) > 0
        if (row["group"] == "dairy" or "dairy" in split_list(row["roles"])) and not dairy:
            errors.append("%s: group/role dairy but FPED D_TOTAL of %s is 0"
                          % (row["id"], row["fndds_code"]))
    if errors:
        raise BuildError("dairy does not follow FPED:\n  " + "\n  ".join(errors))


def fped_rows(rows, fndds, fped):
    """fped_extract.csv rows (one per food, sorted by id)."""
    out = []
    for row in sorted(rows, key=lambda r: r["id"]):
        code = row["fndds_code"]
        ext = {"id": row["id"], "fndds_code": code}
        if code:
            desc, num, cat = fndds[code]
            ext.update(fndds_description=desc, wweia_category_number=num,
                       wweia_category=cat)
            ext.update(fped[code])
        else:
            ext.update(fndds_description="", wweia_category_number="",
                       wweia_category="")
            ext.update({c: "" for c in FPED_COMPONENTS})
        out.append(ext)
    return out


def read_fped_extract(path):
    rows = read_plain_csv(path, FPED_EXTRACT_COLUMNS, "fped_extract.csv")
    out = {}
    for r in rows:
        for c in FPED_COMPONENTS:
            if r["fndds_code"]:
                try:
                    r[c] = canon_number(r[c])
                except Exception:
                    raise BuildError("fped_extract.csv line %d: %s is not a number"
                                     % (r["_line"], c))
        out[r["id"]] = r
    return out


# ---------------------------------------------------------------- helpers

def canon_number(text):
    """Canonical text of a decimal number as found in SR28 (".5" -> "0.5")."""
    text = text.strip()
    if text == "":
        return ""
    if text.startswith("."):
        text = "0" + text
    Decimal(text)  # validates
    return text


def round2(value):
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(value):
    """2-decimal HALF_UP rounding, trailing zeros (and dot) removed."""
    s = "%s" % round2(value)
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s == "-0":
        s = "0"
    return s


def fmt4(value):
    """4-decimal HALF_UP rounding, trailing zeros (and dot) removed."""
    s = "%s" % value.quantize(TEN_THOUSANDTH, rounding=ROUND_HALF_UP)
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s == "-0":
        s = "0"
    return s


def fmt_plain(text):
    """Normalize a number typed in selection.csv (e.g. 0.50 -> 0.5)."""
    d = Decimal(text)
    s = format(d.normalize(), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def split_list(text):
    return [x for x in text.split(";")] if text else []


# ---------------------------------------------------------------- selection

def read_selection(path):
    with io.open(path, "r", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        if header != SELECTION_COLUMNS:
            raise BuildError("selection.csv header must be %s, found %s"
                             % (",".join(SELECTION_COLUMNS), ",".join(header)))
        rows = []
        for lineno, rec in enumerate(reader, start=2):
            if not rec or all(not f.strip() for f in rec):
                continue
            if len(rec) != len(SELECTION_COLUMNS):
                raise BuildError("selection.csv line %d: %d fields, expected %d"
                                 % (lineno, len(rec), len(SELECTION_COLUMNS)))
            row = dict(zip(SELECTION_COLUMNS, rec))
            row["_line"] = lineno
            rows.append(row)
    return rows


def validate_row(row, errors):
    where = "selection.csv line %d (%s)" % (row["_line"], row["id"])

    def err(msg):
        errors.append("%s: %s" % (where, msg))

    if not ID_RE.match(row["id"]):
        err("id must be a lowercase slug [a-z0-9-]")
    if not NDB_RE.match(row["ndb_no"]):
        err("ndb_no must be 5 digits (keep leading zeros)")
    if not row["name"].strip() or row["name"] != row["name"].strip():
        err("name must be non-empty without surrounding spaces")
    if not re.match(r"^[0-9]+$", row["weight_seq"]):
        err("weight_seq must be an integer")
    for col in ("serving_qty", "max_servings_per_meal"):
        if not NUMBER_RE.match(row[col]) or Decimal(row[col]) <= 0:
            err("%s must be a positive number" % col)
    if NUMBER_RE.match(row["max_servings_per_meal"]):
        if (Decimal(row["max_servings_per_meal"]) * 2) % 1 != 0:
            err("max_servings_per_meal must be a multiple of 0.5")
    # A serving of several small pieces (crackers, prunes, patties) halves into whole pieces:
    # the planner serves half servings.
    if (NUMBER_RE.match(row["serving_qty"]) and row["serving_unit"].endswith("s")
            and row["serving_unit"] not in ("cups", "tbsp", "tsp", "oz", "fl oz")
            and Decimal(row["serving_qty"]) > 1 and Decimal(row["serving_qty"]) % 1 == 0
            and Decimal(row["serving_qty"]) % 2 != 0):
        err("a serving of %s %s does not halve into whole pieces; give an even count"
            % (row["serving_qty"], row["serving_unit"]))
    if not UNIT_RE.match(row["serving_unit"]) or row["serving_unit"].endswith(" "):
        err("serving_unit must be a short lowercase unit (letters, spaces, "
            "hyphens; at most 20 characters), found %r" % row["serving_unit"])
    meals = split_list(row["meals"])
    if not meals:
        err("meals must not be empty")
    for label, allowed, values in (("meals", MEALS, meals),
                                   ("diets", DIETS, split_list(row["diets"])),
                                   ("allergens", ALLERGENS,
                                    split_list(row["allergens"]))):
        for v in values:
            if v not in allowed:
                err("%s: unknown value %r" % (label, v))
        if len(set(values)) != len(values):
            err("%s: duplicate value" % label)
        if values != [a for a in allowed if a in values]:
            err("%s: list values in the order %s" % (label, ";".join(allowed)))
    if row["group"] not in GROUPS:
        err("group %r is not one of %s" % (row["group"], ", ".join(GROUPS)))
    roles = split_list(row["roles"])
    if not roles:
        err("roles must not be empty")
    for v in roles:
        if v not in ROLES:
            err("roles: unknown role %r (allowed: %s)" % (v, ", ".join(ROLES)))
    if len(set(roles)) != len(roles):
        err("roles: duplicate value")
    elif all(v in ROLES for v in roles) and roles != [a for a in ROLES if a in roles]:
        err("roles: list values in the order %s" % ";".join(ROLES))
    if not FAMILY_RE.match(row["family"]):
        err("family must be lowercase words joined by hyphens, found %r" % row["family"])
    accompaniment = any(v in ACCOMPANIMENT_ROLES for v in roles)
    if accompaniment:
        if not row["pairs_with"]:
            err("an accompaniment (%s) needs pairs_with"
                % ";".join(v for v in roles if v in ACCOMPANIMENT_ROLES))
        if not NUMBER_RE.match(row["max_per_carrier"]) \
                or Decimal(row["max_per_carrier"]) <= 0:
            err("an accompaniment needs max_per_carrier > 0, found %r"
                % row["max_per_carrier"])
    elif row["pairs_with"] or row["max_per_carrier"]:
        err("pairs_with and max_per_carrier are only for foods with an "
            "accompaniment role (%s)" % ", ".join(ACCOMPANIMENT_ROLES))
    if row["min_servings"]:
        if not NUMBER_RE.match(row["min_servings"]) or Decimal(row["min_servings"]) <= 0:
            err("min_servings must be a positive number or empty")
        elif NUMBER_RE.match(row["max_servings_per_meal"]) and \
                Decimal(row["min_servings"]) > Decimal(row["max_servings_per_meal"]):
            err("min_servings %s is above max_servings_per_meal %s"
                % (row["min_servings"], row["max_servings_per_meal"]))
    if not PRICE_RE.match(row["price_per_serving_usd"]):
        err("price_per_serving_usd must have exactly 2 decimals")
    if not row["price_basis"].startswith(BASIS_PREFIXES):
        err("price_basis must start with one of %s" % ", ".join(BASIS_PREFIXES))

    # diet / allergen consistency
    diets = set(split_list(row["diets"]))
    allergens = set(split_list(row["allergens"]))
    group = row["group"]
    if "vegan" in diets and not {"vegetarian", "dairy-free"} <= diets:
        err("vegan foods are also vegetarian and dairy-free")
    if "vegetarian" in diets and "pescatarian" not in diets:
        err("vegetarian foods are also fine for pescatarians")
    if "milk" in allergens and diets & {"vegan", "dairy-free"}:
        err("contains milk: cannot be vegan or dairy-free")
    if "egg" in allergens and "vegan" in diets:
        err("contains egg: cannot be vegan")
    if "wheat" in allergens and "gluten-free" in diets:
        err("contains wheat: cannot be gluten-free")
    if allergens & {"fish", "shellfish"} and diets & {"vegetarian", "vegan"}:
        err("contains fish/shellfish: cannot be vegetarian")
    if group in ("meat", "poultry") and diets & {"vegetarian", "vegan", "pescatarian"}:
        err("meat/poultry cannot be vegetarian or pescatarian")
    if group == "fish" and not allergens & {"fish", "shellfish"}:
        err("group fish must list fish or shellfish as allergen")


def validate(rows, foods, weights):
    errors = []
    seen = set()
    for row in rows:
        validate_row(row, errors)
        if row["id"] in seen:
            errors.append("duplicate id %r" % row["id"])
        seen.add(row["id"])
        ndb = row["ndb_no"]
        if ndb not in foods:
            errors.append("%s: ndb_no %s not in FOOD_DES" % (row["id"], ndb))
        elif row["weight_seq"] not in weights.get(ndb, {}):
            errors.append("%s: weight_seq %s not in WEIGHT for %s (has %s)" % (
                row["id"], row["weight_seq"], ndb,
                ",".join(sorted(weights.get(ndb, {}), key=int)) or "none"))
    families = {r["family"] for r in rows}
    for row in rows:
        toks = split_list(row["pairs_with"])
        if len(set(toks)) != len(toks):
            errors.append("%s: pairs_with has a duplicate token" % row["id"])
        for tok in toks:
            if tok not in ROLES and tok not in families and tok not in seen:
                errors.append("%s: pairs_with token %r is not a role, a family or a "
                              "food id" % (row["id"], tok))
            elif tok in ACCOMPANIMENT_ROLES:
                errors.append("%s: pairs_with token %r is an accompaniment role; "
                              "name a carrier" % (row["id"], tok))
        carriers = [r for r in rows
                    if any(t in split_list(r["roles"]) or t == r["family"] or t == r["id"]
                           for t in toks)
                    and any(v in MENU_ROLES for v in split_list(r["roles"]))]
        if toks and not carriers:
            errors.append("%s: pairs_with names no food with a menu role" % row["id"])
    for rid in REQUIRED_IDS:
        if rid not in seen:
            errors.append("required food %r missing from selection.csv" % rid)
    by_id = {r["id"]: r for r in rows}
    for rid, ndb in REQUIRED_NDB.items():
        if rid in by_id and by_id[rid]["ndb_no"] != ndb:
            errors.append("%s must use NDB %s" % (rid, ndb))
    if errors:
        raise BuildError("selection.csv is invalid:\n  " + "\n  ".join(errors))


# ---------------------------------------------------------------- build

def fped_values(ext, serving_g):
    """Per-serving FPED columns and added sugars (g) of one food; all empty
    when the food has no FNDDS match."""
    out = {}
    matched = bool(ext and ext["fndds_code"])
    for col, comps in FPED_COLUMNS:
        if not matched:
            out[col] = ""
            continue
        per100 = sum((Decimal(ext[c]) for c in comps), Decimal(0))
        out[col] = fmt4(per100 * serving_g / 100)
    if matched:
        tsp = Decimal(ext["ADD_SUGARS"])
        out["added_sugars_g"] = fmt(tsp * ADDED_SUGAR_G_PER_TSP * serving_g / 100)
    else:
        out["added_sugars_g"] = ""
    return out


def build(rows, foods, weights, nut, fped_ext):
    food_rows, extract_rows, checks = [], [], []
    for row in sorted(rows, key=lambda r: r["id"]):
        ndb = row["ndb_no"]
        fd = foods[ndb]
        w = weights[ndb][row["weight_seq"]]
        amount = Decimal(canon_number(w["amount"]))
        grams = Decimal(canon_number(w["g"]))
        serving_g = round2(grams * Decimal(row["serving_qty"]) / amount)
        values = nut.get(ndb, {})

        out = {
            "id": row["id"], "name": row["name"], "ndb_no": ndb,
            "serving_qty": fmt_plain(row["serving_qty"]),
            "serving_unit": row["serving_unit"], "serving_g": fmt(serving_g),
            "price_usd": fmt(Decimal(row["price_per_serving_usd"])),
            # Lists in the canonical order of MEALS, DIETS and ALLERGENS, so that the
            # planner writes the table back byte for byte.
            "meals": canonical(row["meals"], MEALS), "group": row["group"],
            "diets": canonical(row["diets"], DIETS),
            "allergens": canonical(row["allergens"], ALLERGENS),
            "max_servings_per_meal": fmt_plain(row["max_servings_per_meal"]),
            "fndds_code": row["fndds_code"],
            "roles": canonical(row["roles"], ROLES), "family": row["family"],
            "pairs_with": row["pairs_with"],
            "max_per_carrier": fmt_plain(row["max_per_carrier"])
            if row["max_per_carrier"] else "",
            "min_servings": fmt_plain(row["min_servings"]) if row["min_servings"] else "",
        }
        ext = {
            "id": row["id"], "ndb_no": ndb, "usda_description": fd["desc"],
            "fdgrp": fd["fdgrp"], "weight_seq": row["weight_seq"],
            "weight_amount": canon_number(w["amount"]), "weight_desc": w["desc"],
            "weight_g": canon_number(w["g"]), "serving_g": fmt(serving_g),
            "pro_factor": canon_number(fd["pro_factor"]),
            "fat_factor": canon_number(fd["fat_factor"]),
            "cho_factor": canon_number(fd["cho_factor"]),
            "alcohol_100g": canon_number(values.get(ALCOHOL, "")),
        }
        for col, nutr, ext_col in NUTRIENTS:
            raw = canon_number(values.get(nutr, ""))
            ext[ext_col] = raw
            out[col] = "" if raw == "" else fmt(Decimal(raw) * serving_g / 100)
        out.update(fped_values(fped_ext.get(row["id"]), serving_g))
        food_rows.append(out)
        extract_rows.append(ext)
        checks.append(atwater(row, ext, serving_g))
    return food_rows, extract_rows, checks


def atwater(row, ext, serving_g):
    """Energy from macronutrients vs stated energy, per 100 g and per serving."""
    res = {"id": row["id"], "status": "ok", "note": ""}
    needed = ["kcal_100g", "protein_100g", "fat_100g", "carbs_100g"]
    if any(ext[c] == "" for c in needed):
        res["status"] = "unchecked"
        res["note"] = "missing " + ",".join(c for c in needed if ext[c] == "")
        return res
    if ext["pro_factor"] and ext["fat_factor"] and ext["cho_factor"]:
        fp, ff, fc = (Decimal(ext["pro_factor"]), Decimal(ext["fat_factor"]),
                      Decimal(ext["cho_factor"]))
        res["factors"] = "food"
    else:
        fp, ff, fc = DEFAULT_FACTORS
        res["factors"] = "4/9/4"
    alcohol = Decimal(ext["alcohol_100g"]) if ext["alcohol_100g"] else Decimal(0)
    calc = (Decimal(ext["protein_100g"]) * fp + Decimal(ext["fat_100g"]) * ff
            + Decimal(ext["carbs_100g"]) * fc + alcohol * ALCOHOL_FACTOR)
    stated = Decimal(ext["kcal_100g"])
    diff100 = calc - stated
    diff_serving = diff100 * serving_g / 100
    rel = (abs(diff100) / stated) if stated != 0 else None
    res.update(calc_100g=calc, stated_100g=stated, diff_serving=diff_serving,
               rel=rel)
    within_rel = rel is not None and rel <= REL_TOL
    within_abs = abs(diff_serving) <= ABS_TOL_KCAL_PER_SERVING
    if not within_rel and not within_abs:
        res["status"] = "outside"
    elif not within_rel:
        res["status"] = "small"  # relative error large, absolute error tiny
    return res


def write_csv(path, columns, rows):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for r in rows:
        writer.writerow([r[c] for c in columns])
    data = buf.getvalue().encode("utf-8")
    tmp = path + ".tmp"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def summarize(food_rows, checks, out_path, extract_path):
    print("wrote %s (%d foods)" % (out_path, len(food_rows)))
    print("wrote %s" % extract_path)
    print("\nfoods per group:")
    for g in GROUPS:
        print("  %-18s %4d" % (g, sum(1 for r in food_rows if r["group"] == g)))
    print("\nfoods per meal:")
    for m in MEALS:
        n = sum(1 for r in food_rows if m in r["meals"].split(";"))
        v = sum(1 for r in food_rows if m in r["meals"].split(";")
                and "vegan" in r["diets"].split(";"))
        print("  %-10s %4d  (vegan %d)" % (m, n, v))
    print("\nfoods per diet:")
    for d in DIETS:
        print("  %-12s %4d" % (d, sum(1 for r in food_rows
                                      if d in r["diets"].split(";"))))
    missing = {c: sum(1 for r in food_rows if r[c] == "")
               for c in FOODS_COLUMNS if c.endswith(("_g", "_mg")) or c == "kcal"}
    missing = {c: n for c, n in missing.items()
               if n and c not in [k for k, _ in FPED_COLUMNS] + ["added_sugars_g"]}
    print("\nmissing values (left empty): %s" % (
        ", ".join("%s %d" % kv for kv in sorted(missing.items())) or "none"))

    print("\nAtwater check (energy from protein/fat/carbohydrate[/alcohol] vs "
          "stated kcal; tolerance +/-15 %% or +/-%s kcal per serving):"
          % ABS_TOL_KCAL_PER_SERVING)
    outside = [c for c in checks if c["status"] == "outside"]
    small = [c for c in checks if c["status"] == "small"]
    unchecked = [c for c in checks if c["status"] == "unchecked"]
    print("  within tolerance: %d, outside: %d, small absolute difference only: "
          "%d, unchecked: %d" % (
              sum(1 for c in checks if c["status"] == "ok"), len(outside),
              len(small), len(unchecked)))
    for label, items in (("OUTSIDE +/-15 %", outside),
                         ("relative error > 15 % but |diff| <= 5 kcal/serving",
                          small)):
        if items:
            print("  %s:" % label)
            for c in items:
                rel = ("%+.1f%%" % ((c["calc_100g"] - c["stated_100g"])
                                    / c["stated_100g"] * 100)
                       if c["stated_100g"] else "n/a")
                print("    %-28s stated %7s kcal/100g, from macros %8s (%s), "
                      "diff %s, %+.1f kcal/serving" % (
                          c["id"], c["stated_100g"], round2(c["calc_100g"]),
                          c["factors"], rel, c["diff_serving"]))
    for c in unchecked:
        print("  unchecked %-20s %s" % (c["id"], c["note"]))
    return outside


def summarize_roles(food_rows, fped_ext):
    print("\nfoods per role (a food may have several):")
    for role in ROLES:
        n = sum(1 for r in food_rows if role in r["roles"].split(";"))
        only = sum(1 for r in food_rows if r["roles"].split(";") == [role])
        print("  %-15s %4d%s" % (role, n, "  (only role: %d)" % only
                                 if role in ACCOMPANIMENT_ROLES else ""))
    fams = {}
    for r in food_rows:
        fams.setdefault(r["family"], []).append(r["id"])
    print("families: %d (%d with more than one food)"
          % (len(fams), sum(1 for v in fams.values() if len(v) > 1)))
    # WWEIA cross-check: roles by WWEIA category of the FNDDS match
    by_cat = {}
    for r in food_rows:
        ext = fped_ext.get(r["id"])
        cat = ext["wweia_category"] if ext and ext["fndds_code"] else "(no FNDDS match)"
        by_cat.setdefault(cat, {}).setdefault(r["roles"], []).append(r["id"])
    print("\nroles by WWEIA category of the FNDDS match:")
    for cat in sorted(by_cat):
        print("  %s: %s" % (cat, "; ".join(
            "%s %d" % (roles, len(ids)) for roles, ids in sorted(by_cat[cat].items()))))


def summarize_fped(rows, review, food_rows):
    kinds = {k: 0 for k in MATCH_KINDS}
    for r in review:
        kinds[r["match"]] += 1
    print("\nFNDDS match (fndds_review.csv): %s" % ", ".join(
        "%s %d" % (k, kinds[k]) for k in MATCH_KINDS))
    unmatched = [r["id"] for r in sorted(rows, key=lambda r: r["id"])
                 if not r["fndds_code"]]
    print("  no FNDDS match (equivalents and added_sugars_g empty): %s"
          % (", ".join(unmatched) or "none"))
    print("  foods with added sugars > 0: %d" % sum(
        1 for r in food_rows if r["added_sugars_g"] not in ("", "0")))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sr28_dir", help="directory holding the USDA SR28 files")
    ap.add_argument("--fndds", metavar="DIR",
                    help="directory holding FPED_1718.csv and "
                         "FNDDS_1718_foods_and_beverages.csv; writes "
                         "fped_extract.csv (without it, fped_extract.csv is read)")
    ap.add_argument("--out", default=os.path.join(HERE, "foods.csv"),
                    help="output foods.csv (usda_extract.csv is written beside it)")
    args = ap.parse_args(argv)
    try:
        rows = read_selection(SELECTION)
        ndbs = {r["ndb_no"] for r in rows}
        foods, weights, nut = load_sr28(args.sr28_dir, ndbs)
        validate(rows, foods, weights)
        review = read_plain_csv(REVIEW, REVIEW_COLUMNS, "fndds_review.csv")
        out_path = os.path.abspath(args.out)
        out_dir = os.path.dirname(out_path)
        fped_path = os.path.join(out_dir, "fped_extract.csv")
        if args.fndds:
            fndds, fped = load_fndds(args.fndds)
            validate_fndds(rows, review, foods, fndds=(fndds, fped))
            fped_out = fped_rows(rows, fndds, fped)
            fped_ext = {r["id"]: r for r in fped_out}
        else:
            src = fped_path if os.path.exists(fped_path) else \
                os.path.join(HERE, "fped_extract.csv")
            fped_ext = read_fped_extract(src)
            validate_fndds(rows, review, foods, extract=fped_ext)
            fped_out = None
        check_dairy(rows, fped_ext)
        food_rows, extract_rows, checks = build(rows, foods, weights, nut, fped_ext)
    except BuildError as e:
        print("error: %s" % e, file=sys.stderr)
        return 1
    extract_path = os.path.join(out_dir, "usda_extract.csv")
    write_csv(out_path, FOODS_COLUMNS, food_rows)
    write_csv(extract_path, EXTRACT_COLUMNS, extract_rows)
    if fped_out is not None:
        write_csv(fped_path, FPED_EXTRACT_COLUMNS, fped_out)
    summarize(food_rows, checks, out_path, extract_path)
    print("%s %s" % ("wrote" if fped_out is not None else "read", fped_path
                     if fped_out is not None or os.path.exists(fped_path)
                     else os.path.join(HERE, "fped_extract.csv")))
    summarize_fped(rows, review, food_rows)
    summarize_roles(food_rows, fped_ext)
    return 0


if __name__ == "__main__":
    sys.exit(main())
