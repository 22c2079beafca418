#!/usr/bin/env python3
"""The default week's proven gap after 5, 10 and 60 seconds, and glpsol's on the same model.

Usage: gap_vs_time.py PLANNER [ARGS...]   (ARGS default: --sex female)

Each planner row is `PLANNER ARGS --effort 1000 --time-limit T --format json` (the effort makes
the search use its whole time), plus the default effort; the glpsol row solves the model that
`PLANNER export ARGS --lp` writes, with `glpsol --lp week.lp --cuts --tmlim 60`, and reads its
last progress line (incumbent and bound). Prints a Markdown table; run it on an idle machine.
"""
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time


def planner_row(label, planner, args):
    start = time.monotonic()
    done = subprocess.run([planner, *args, "--format", "json"], capture_output=True, text=True)
    seconds = time.monotonic() - start
    if done.returncode != 0:
        return f"| {label} | no plan (exit {done.returncode}) | | | {seconds:.1f} |"
    objective = json.loads(done.stdout)["objective"]
    return f"| {label} | {objective['value']:.2f} | {objective['bound']:.2f} | {objective['gap'] * 100:.1f} % | {seconds:.1f} |"


def glpsol_row(planner, args, seconds_limit):
    glpsol = shutil.which("glpsol")
    if glpsol is None:
        return "| glpsol | not installed | | | |"
    with tempfile.TemporaryDirectory() as folder:
        model = f"{folder}/week.lp"
        subprocess.run([planner, "export", *args, "--lp", model], check=True, capture_output=True)
        start = time.monotonic()
        done = subprocess.run([glpsol, "--lp", model, "--cuts", "--tmlim", str(seconds_limit)], capture_output=True, text=True)
        seconds = time.monotonic() - start
    # Progress lines: "+  5356: mip =   3.05e+01 >=   2.49e+01  18.4% (288; 0)" or "mip = not found yet >= ...".
    progress = [line for line in done.stdout.splitlines() if re.match(r"^[+*]\s*\d+: mip =", line)]
    if not progress:
        return f"| glpsol --lp --cuts --tmlim {seconds_limit} | no progress line | | | {seconds:.1f} |"
    last = progress[-1]
    found = re.search(r"mip =\s+(\S+(?: \S+ \S+)?)\s+>=\s+(\S+)", last)
    incumbent, bound = found.group(1), float(found.group(2))
    if incumbent.startswith("not"):
        return f"| glpsol --lp --cuts --tmlim {seconds_limit} | not found | {bound:.2f} | – | {seconds:.1f} |"
    value = float(incumbent)
    return f"| glpsol --lp --cuts --tmlim {seconds_limit} | {value:.2f} | {bound:.2f} | {(value - bound) / abs(value) * 100:.1f} % | {seconds:.1f} |"


def main():
    planner = sys.argv[1]
    args = sys.argv[2:] or ["--sex", "female"]
    print("| run | plan | proven bound | gap | seconds |")
    print("|---|---:|---:|---:|---:|")
    print(planner_row("planner (default effort)", planner, args), flush=True)
    for limit in (5, 10, 60):
        print(planner_row(f"planner --effort 1000 --time-limit {limit}", planner, [*args, "--effort", "1000", "--time-limit", str(limit)]), flush=True)
    print(glpsol_row(planner, args, 60), flush=True)


if __name__ == "__main__":
    main()
