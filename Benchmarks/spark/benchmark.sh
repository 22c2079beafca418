#!/usr/bin/env bash
# Households per minute: `planner batch --jobs 1` and `--jobs 2`, and plan_households.py on
# Spark local[1] and local[2], in one run, interleaved, on the same generated households (the
# realistic mix: mostly 7-day plans). Prints a Markdown report for Benchmarks/RESULTS.md.
#
#   bash Benchmarks/spark/benchmark.sh [COUNT] [SEED]      (default 32 households, seed 1)
#
# The runs on one core are pinned to one CPU (`taskset -c 0`): a plan's search uses a second
# thread when it can, so without the pin `--jobs 1` and local[1] would use both cores.
#
# Spark's overhead per household is (Spark local[N] wall - planner batch --jobs N wall) / COUNT:
# everything Spark adds (JVM start, reading, shuffling, piping, sorting, writing), compared with
# a plan's time (planner batch --jobs 1 wall / COUNT).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
count=${1:-32}
seed=${2:-1}

swift build -c release --product planner >/dev/null
# spark-submit from PATH, else the one in the pyspark package that pip installed.
spark_submit=$(command -v spark-submit || echo "$(python3 -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')/bin/spark-submit")
bin=$(swift build -c release --show-bin-path)
work=$(mktemp -d "${TMPDIR:-/tmp}/planner-spark-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$bin/planner" "$work/planner"
planner=$work/planner
"$planner" generate-requests --count "$count" --seed "$seed" --output "$work/generated.jsonl"
# A long time limit: the node and round budgets, not a loaded machine's clock, end every
# search, so that the four runs plan the same weeks (a plan near the default 30 s limit would
# differ between a run with one plan per core and one with two).
python3 - "$work/generated.jsonl" "$work/households.jsonl" <<'PY'
import json, sys
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1]):
        request = json.loads(line)
        request["timeLimit"] = 600
        out.write(json.dumps(request) + "\n")
PY

now() { date +%s.%N; }
load() { cut -d' ' -f1 /proc/loadavg; }
rows=()
record() { # name wall cpu extra
    rows+=("$1|$2|$3|$4")
}

# The CPUs a run on N cores may use.
pin() { # cores
    if [ "$1" = 1 ]; then echo "taskset -c 0"; fi
}

where() { # cores
    if [ "$1" = 1 ]; then echo "on CPU 0 only, "; fi
}

batch() { # jobs
    local start end
    start=$(now)
    /usr/bin/time -f '%U %S' -o "$work/time-$1" $(pin "$1") "$planner" batch "$work/households.jsonl" --jobs "$1" --quiet >"$work/batch-$1.jsonl"
    end=$(now)
    record "\`planner batch --jobs $1\`" "$(echo "$end - $start" | bc)" "$(awk '{print $1 + $2}' "$work/time-$1")" "$(where "$1")load $(load) after"
}

spark() { # cores
    local start end summary
    rm -rf "$work/spark-$1"
    start=$(now)
    $(pin "$1") "$spark_submit" --master "local[$1]" --conf spark.ui.enabled=false --files "$planner,$root/Datasets/foods.csv,$root/Datasets/recipes.csv,$root/Datasets/recipe_ingredients.csv" \
        "$root/Benchmarks/spark/plan_households.py" "$work/households.jsonl" "$work/spark-$1" >"$work/spark-$1.log" 2>&1 \
        || { tail -30 "$work/spark-$1.log" >&2; exit 1; }
    end=$(now)
    summary=$(grep '^plan_households:' "$work/spark-$1.log" | sed 's/^plan_households: //')
    cpu=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["planner_cpu_seconds"])' "$summary")
    job=$(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); print("job %s s in the driver, %s partitions" % (s["seconds"], s["partitions"]))' "$summary")
    record "Spark \`local[$1]\`" "$(echo "$end - $start" | bc)" "$cpu" "$job, $(where "$1")load $(load) after"
}

load_start=$(cat /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M:%S')
batch 1
spark 1
batch 2
spark 2

python3 - "$work" "$count" "$load_start" "$started" "$seed" "${rows[@]}" <<'EOF'
import glob, json, os, subprocess, sys
work, count, load_start, started, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
rows = [row.split("|") for row in sys.argv[6:]]
walls = {name: float(wall) for name, wall, _, _ in rows}

def results(paths):
    out = {}
    for path in paths:
        for line in open(path, "rb"):
            record = json.loads(line)
            out[(record.get("household"), record["line"])] = line.rstrip(b"\n")
    return out

reference = results([os.path.join(work, "batch-1.jsonl")])
same = all(results(paths) == reference for paths in [
    [os.path.join(work, "batch-2.jsonl")],
    sorted(glob.glob(os.path.join(work, "spark-1", "part-*"))),
    sorted(glob.glob(os.path.join(work, "spark-2", "part-*")))])
statuses = {}
for line in reference.values():
    status = json.loads(line)["status"]
    statuses[status] = statuses.get(status, 0) + 1
days = [json.loads(line)["days"] for line in open(os.path.join(work, "households.jsonl"))]

b1, b2 = walls["`planner batch --jobs 1`"], walls["`planner batch --jobs 2`"]
s1, s2 = walls["Spark `local[1]`"], walls["Spark `local[2]`"]
plan = b1 / count
print(f"Run {started} UTC, {count} households (`planner generate-requests --count {count} --seed {seed}`: "
      f"{days.count(7)} of 7 days, the others 1-6), load average at start {load_start}.\n")
print("| run | wall s | households / min | planner CPU s (user+sys) | notes |")
print("|---|---|---|---|---|")
for name, wall, cpu, notes in rows:
    print(f"| {name} | {float(wall):.1f} | {60 * count / float(wall):.1f} | {float(cpu):.1f} | {notes} |")
print()
print("|  | value |")
print("|---|---|")
print(f"| a plan's time (batch `--jobs 1` wall / households) | {plan:.2f} s |")
print(f"| Spark `local[2]` / Spark `local[1]` (throughput) | {s1 / s2:.2f}x |")
print(f"| `--jobs 2` / `--jobs 1` (throughput) | {b1 / b2:.2f}x |")
print(f"| Spark overhead per household, 1 core ((local[1] - jobs 1) / households) | {(s1 - b1) / count:.2f} s = {100 * (s1 - b1) / count / plan:.1f} % of a plan |")
print(f"| Spark overhead per household, 2 cores ((local[2] - jobs 2) / households) | {(s2 - b2) / count:.2f} s = {100 * (s2 - b2) / count / plan:.1f} % of a plan |")
print(f"| households per core-minute, Spark `local[2]` | {60 * count / s2 / 2:.1f} |")
print(f"| all four outputs the same bytes per household | {'yes' if same else 'NO'} |")
print(f"| statuses | {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))} |")
EOF
