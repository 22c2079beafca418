#!/usr/bin/env python3
"""Plans each request of the plan-comparison table one at a time and prints its Markdown row.

Usage: compare_plans.py PLANNER [OUTDIR]

PLANNER is a release build of the planner (.build/release/planner). Each row is
`PLANNER ARGS --format json -o OUTDIR/NAME.json`; every figure is computed from the JSON plan's
items (cost as $/week: a one-day plan's is 7 times its day), not from its summary.
"""
import json
import os
import re
import subprocess
import sys
import time

ROWS = [
    ("--sex female", ["--sex", "female"]),
    ("--sex male", ["--sex", "male"]),
    ("--diet vegan", ["--sex", "female", "--diet", "vegan"]),
    ("--diet vegetarian", ["--sex", "female", "--diet", "vegetarian"]),
    ("--age 25 --pregnant", ["--sex", "female", "--age", "25", "--pregnant"]),
    ("--age 30 --lactating", ["--sex", "female", "--age", "30", "--lactating"]),
    ("--sex male --age 70", ["--sex", "male", "--age", "70"]),
    ("--sex female --age 16", ["--sex", "female", "--age", "16"]),
    ("--objective sugar", ["--sex", "female", "--objective", "sugar"]),
    ("--objective sodium", ["--sex", "female", "--objective", "sodium"]),
    ("--objective potassium", ["--sex", "female", "--objective", "potassium"]),
    ("--objective energy", ["--sex", "female", "--objective", "energy"]),
    ("--days 1", ["--sex", "female", "--days", "1"]),
]

POTASSIUM_FOODS = ["sweet potato", "dried apricots", "lentils", "avocado", "spinach", "banana", "yogurt"]


def row(name, args, planner, outdir):
    out = os.path.join(outdir, name.strip("-").replace(" ", "_").replace("-", "") + ".json")
    start = time.monotonic()
    done = subprocess.run([planner, *args, "--format", "json", "-o", out], capture_output=True, text=True)
    seconds = time.monotonic() - start
    if done.returncode != 0:
        return f"| `{name}` | no plan (exit {done.returncode}) | | | | | | | | | | | {seconds:.1f} |"
    plan = json.load(open(out))
    days = plan["days"] if isinstance(plan["days"], int) else len(plan["days"])
    items = plan["items"]

    def total(key):
        return sum(item["nutrients"].get(key, 0) or 0 for item in items)

    cost = sum(item["cost"] for item in items) * 7 / days
    # By name, outside recipes (a banana toast is not a banana) and frozen yogurt.
    held = {k for item in items if not item.get("recipe") and "frozen" not in item["foodName"].lower()
            for k in POTASSIUM_FOODS if k in item["foodName"].lower()}
    recipes = {item["foodId"] for item in items if item.get("recipe") or item.get("ingredients")}
    gap = plan["objective"].get("gap")
    if plan["objective"]["kind"] == "energy":
        # A deviation from the target has no meaningful relative gap: the plan says it in kcal.
        found = re.search(r"within ([0-9.,]+ kcal) of the best possible", plan["objective"]["text"])
        gap_cell = found.group(1) if found else "–"
    else:
        gap_cell = "–" if gap is None else f"{gap * 100:.1f} %"
    cells = [
        f"{cost:.2f}",
        f"{total('potassium_mg') / days:,.0f}",
        f"{total('sodium_mg') / days:,.0f}",
        f"{total('added_sugars_g') / days:.1f}",
        f"{total('sugars_g') / days:.1f}",
        f"{total('fruit_cup_eq') / days:.2f}",
        f"{total('veg_with_legumes_cup_eq') / days:.2f}",
        str(len({item['foodId'] for item in items})),
        str(len(held)),
        str(len(recipes)),
        gap_cell,
        f"{seconds:.1f}",
    ]
    return f"| `{name}` | " + " | ".join(cells) + " |"


def main():
    planner = sys.argv[1]
    outdir = sys.argv[2] if len(sys.argv) > 2 else "plans-out"
    os.makedirs(outdir, exist_ok=True)
    print("| request | cost $/week | potassium mg/day | sodium mg/day | added sugars g/day | total sugars g/day "
          "| fruit cup-eq/day | vegetables cup-eq/day | distinct foods | potassium foods | recipes | gap | seconds |")
    print("|---|" + "---:|" * 12)
    for name, args in ROWS:
        print(row(name, args, planner, outdir), flush=True)


if __name__ == "__main__":
    main()
