#!/usr/bin/env bash
# The Spark job against `planner batch`: 200 generated households and a few malformed lines,
# planned by plan_households.py in Spark local mode (twice, with different partitions) and by
# one sequential `planner batch`; every result line must be the same bytes, household by
# household, error records included.
#
#   bash Benchmarks/spark/test_local.sh        (needs pyspark and Java 17; builds the release planner)
#
# The households plan 1 day each and stop within a 20 % gap (a plan is then about 0.2 s of CPU),
# so that the test takes a few minutes; the comparison itself is of the full result lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

swift build -c release --product planner >/dev/null
# spark-submit from PATH, else the one in the pyspark package that pip installed.
spark_submit=$(command -v spark-submit || echo "$(python3 -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')/bin/spark-submit")
bin=$(swift build -c release --show-bin-path)
planner=$bin/planner
work=$(mktemp -d "${TMPDIR:-/tmp}/planner-spark-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

# 200 households, with malformed lines among them: not JSON, a bad profile, a household that is
# not a string, an unknown key, a cut-off line, a list, a request with no plan, blank lines, CRLF.
"$planner" generate-requests --count 200 --seed 14 --days 1 --gap 0.2 --output "$work/generated.jsonl"
python3 - "$work/generated.jsonl" "$work/households.jsonl" <<'EOF'
import sys
import json
# The test is about the job, not the plans: one-day requests without meal patterns or food
# groups plan in well under a second each, so 200 of them run in minutes on 2 cores. A few
# (the sugar objective) take 15-25 s of their node budget: a long time limit keeps the node
# budget, not a loaded machine's clock, the end of every search, so that every run gives the
# same bytes.
lines = []
for raw in open(sys.argv[1], "rb").read().splitlines():
    request = json.loads(raw)
    request.setdefault("variety", {}).update({"mealPatterns": False, "foodGroups": None})
    request["timeLimit"] = 600
    lines.append(json.dumps(request, sort_keys=True).encode() + b"\n")
bad = {
    10: b"this is not JSON\n",
    40: b'{"household": "bad-sex", "profile": {"sex": "robot"}, "days": 1}\n',
    41: b"\n",
    70: b'{"household": 71, "profile": {"sex": "female"}, "days": 1}\n',
    100: b'{"household": "bad-key", "profile": {"sex": "male"}, "days": 1, "colour": "blue"}\n',
    130: b'{"household": "cut-off", "profile": {"sex": "male"\n',
    131: b"   \n",
    160: b"[1, 2, 3]\n",
    180: b'{"household": "no-plan", "profile": {"sex": "female"}, "days": 1, "relativeGap": 0.2, "nutrients": [{"nutrient": "potassium_mg", "min": 30000}]}\n',
    190: b'{"household": "crlf", "profile": {"sex": "robot"}}\r\n',
}
out = []
for index, line in enumerate(lines):
    if index in bad:
        out.append(bad[index])
    out.append(line)
open(sys.argv[2], "wb").write(b"".join(out))
EOF

echo "planner batch, sequential:"
time "$planner" batch "$work/households.jsonl" --jobs 1 --quiet >"$work/sequential.jsonl"

run_spark() { # output-folder partitions
    if ! "$spark_submit" --master 'local[2]' --conf spark.ui.enabled=false \
        --files "$planner,$root/Datasets/foods.csv,$root/Datasets/recipes.csv,$root/Datasets/recipe_ingredients.csv" \
        "$root/Benchmarks/spark/plan_households.py" "$work/households.jsonl" "$1" --partitions "$2" \
        >"$1.log" 2>&1; then
        tail -40 "$1.log" >&2
        echo "test_local: the Spark job failed" >&2
        exit 1
    fi
    grep '^plan_households:' "$1.log"
}
echo "Spark local[2], 7 partitions:"
time run_spark "$work/spark-a" 7
echo "Spark local[2], 4 partitions:"
time run_spark "$work/spark-b" 4

python3 - "$work/households.jsonl" "$work/sequential.jsonl" "$work/spark-a" "$work/spark-b" <<'EOF'
import glob, json, os, sys

def key(record):
    household = record.get("household")
    return (0, household, record["line"]) if isinstance(household, str) else (1, "", record["line"])

def read(lines):
    result = {}
    for text in lines:
        text = text.rstrip(b"\n")
        k = key(json.loads(text))
        assert k not in result, f"two results for {k}"
        result[k] = text
    return result

requests = [line for line in open(sys.argv[1], "rb").read().split(b"\n") if line.strip()]
sequential = read(open(sys.argv[2], "rb"))
assert len(sequential) == len(requests), (len(sequential), len(requests))
for folder in sys.argv[3:]:
    parts = sorted(glob.glob(os.path.join(folder, "part-*")))
    lines = [line for part in parts for line in open(part, "rb")]
    spark = read(lines)
    missing = sorted(set(sequential) - set(spark))
    extra = sorted(set(spark) - set(sequential))
    assert not missing and not extra, f"{folder}: missing {missing[:5]}, extra {extra[:5]}"
    different = [k for k in sequential if sequential[k] != spark[k]]
    assert not different, f"{folder}: {len(different)} results differ, first {different[0]}"
    order = [key(json.loads(line)) for line in lines]
    assert order == sorted(order), f"{folder}: not sorted by household"
statuses = {}
for text in sequential.values():
    status = json.loads(text)["status"]
    statuses[status] = statuses.get(status, 0) + 1
# The malformed lines: error records, with their household when the line is JSON with a string one.
status = {k: json.loads(v)["status"] for k, v in sequential.items()}
for household in ["bad-sex", "bad-key", "crlf"]:
    assert [s for k, s in status.items() if k[1] == household] == ["error"], household
assert [s for k, s in status.items() if k[1] == "no-plan"] == ["no plan"]
unnamed = sorted(k[2] for k in status if k[0] == 1)
assert len(unnamed) == 4 and all(status[(1, "", line)] == "error" for line in unnamed), unnamed
print(f"test_local: {len(sequential)} results, {statuses}; both Spark runs equal planner batch, byte for byte")
EOF
