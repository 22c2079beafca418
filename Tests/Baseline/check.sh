#!/usr/bin/env bash
# The planner's observable behaviour, byte for byte: runs a fixed set of commands against the
# food table in Tests/Baseline/Fixtures/foods.csv (a frozen copy, independent of Datasets/) and
# compares stdout, stderr and the exit code of each with Tests/Baseline/expected/<name>.{out,err,rc}.
# Outputs over 256 KiB (the exported models) are kept gzipped as <name>.out.gz. Exits 1, with a
# diff of each difference, when any output differs.
#
#   bash Tests/Baseline/check.sh            build (release) and compare
#   bash Tests/Baseline/check.sh --record   build and overwrite the expected files: only when
#                                            behaviour changes on purpose; review `git diff
#                                            Tests/Baseline/expected` and commit it with the change
#
# PLANNER=/path/to/planner skips the build and checks that binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
record=false
[[ ${1:-} == --record ]] && record=true

if [[ -z ${PLANNER:-} ]]; then
    swift build -c release --product planner >&2
    PLANNER=$root/.build/release/planner
fi
foods=Tests/Baseline/Fixtures/foods.csv
expected=Tests/Baseline/expected
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$expected"

"$PLANNER" generate-foods --count 10000 --seed 1 --output "$work/foods-10k.csv"
cat > "$work/batch.jsonl" <<'JSONL'
{"profile": {"sex": "female", "age": 35}, "days": 2}
{"profile": {"sex": "male", "age": 60}, "days": 1, "objective": "sugar", "timeLimit": 600}
{"profile": {"sex": "female"}, "days": 1, "nutrients": [{"nutrient": "potassium_mg", "min": 30000}]}
{"profile": {"sex": "female"}, "days": 1, "diets": ["vegan"]}
{"profile": {"sex": "robot"}}
JSONL

failures=0
# run NAME ARGS...: one command; "@FOODS10K" and "@BATCH" stand for the generated files.
run() {
    local name=$1; shift
    local args=()
    for a in "$@"; do
        case $a in
            @FOODS10K) args+=("$work/foods-10k.csv") ;;
            @BATCH) args+=("$work/batch.jsonl") ;;
            *) args+=("$a") ;;
        esac
    done
    local rc=0
    (cd "$work" && "$PLANNER" "${args[@]}" >"$work/$name.out" 2>"$work/$name.err") || rc=$?
    echo "$rc" >"$work/$name.rc"
    if $record; then
        rm -f "$expected/$name.out" "$expected/$name.out.gz"
        if [[ $(wc -c <"$work/$name.out") -gt 262144 ]]; then
            gzip -n -9 -c "$work/$name.out" >"$expected/$name.out.gz"
        else
            cp "$work/$name.out" "$expected/"
        fi
        cp "$work/$name.err" "$work/$name.rc" "$expected/"
        echo "recorded $name (exit $rc)"
        return
    fi
    if [[ -f $expected/$name.out.gz ]]; then
        gzip -dc "$expected/$name.out.gz" >"$work/$name.expected.out"
    else
        cp "$expected/$name.out" "$work/$name.expected.out" 2>/dev/null || : >"$work/$name.expected.out"
    fi
    local part before=$failures
    for part in out err rc; do
        local want=$expected/$name.$part
        [[ $part == out ]] && want=$work/$name.expected.out
        if [[ ! -f $want ]] || ! cmp -s "$want" "$work/$name.$part"; then
            echo "DIFFERENT: $name.$part" >&2
            diff -u "$want" "$work/$name.$part" | head -40 >&2 || true
            failures=$((failures + 1))
        fi
    done
    [[ $failures -ne $before ]] || echo "same: $name"
}

F=$root/$foods
run female-table        plan --foods "$F" --sex female
run female-json         plan --foods "$F" --sex female --format json
run male-table          plan --foods "$F" --sex male
run male-json           plan --foods "$F" --sex male --format json
run vegan               plan --foods "$F" --sex female --diet vegan
run pregnant-25         plan --foods "$F" --sex female --age 25 --pregnant
run one-day             plan --foods "$F" --sex male --days 1
run relax               plan --foods "$F" --sex female --relax
run relax-json          plan --foods "$F" --sex male --relax --format json
run export-lp           export --foods "$F" --sex female --lp -
run export-mps          export --foods "$F" --sex female --mps -
run export-one-day-lp   export --foods "$F" --sex male --relax --one-day --lp -
run generated-10k-relax plan --foods @FOODS10K --request "$root/Datasets/requests/benchmark-week.json" --relax
run infeasible          plan --foods "$F" --sex female --max-grams-per-day 200 --time-limit 10
run bad-range           plan --foods "$F" --sex female --potassium-min 20000 --potassium-max 1000
run batch               batch @BATCH --foods "$F" --jobs 2 --quiet
run foods-potato        foods --foods "$F" --search potato

if ! $record && [[ $failures -gt 0 ]]; then
    echo "baseline: $failures difference(s)" >&2
    exit 1
fi
$record || echo "baseline: every output is the same"
