#!/usr/bin/env python3
"""Measure the planner at scale and compare it with glpsol, in one run.

Run it from anywhere (Python 3.9+, standard library only):

    python3 Benchmarks/compare.py                              # builds the planner, full run
    python3 Benchmarks/compare.py --planner PATH               # an existing planner binary
    python3 Benchmarks/compare.py --planner PATH --quick       # smoke run, about 3 minutes
    python3 Benchmarks/compare.py --planner PATH --output Benchmarks/RESULTS.md

Without --planner the script runs `swift build -c release --product planner` in the
repository root (the parent of this script's folder) and uses `.build/release/planner`.
Work files (food tables, MPS files, plans) go to --work DIR, by default a fresh temporary
directory; nothing is written into the repository except --output. The planner binary is
copied into the work directory first, so that a rebuild during the run cannot mix versions.

It prints Markdown with six sections:

1. Machine: date, kernel, CPU, memory, glpsol version, planner binary.
2. LP at scale: the reference model (Datasets/requests/benchmark-week.json, --relax) over
   generated food tables of each size; planner wall time and peak RSS with column generation
   and with the full model; the same LP exported as MPS and solved by glpsol with default
   settings and with `--dual --nopresol --noscale`; every objective checked against the others
   (1e-6 relative); glpsol/planner time ratios; the issue's targets.
3. Integer plans at scale: the same request without --relax: objective, proven bound, gap,
   distance to the LP optimum, time; every plan re-checked with `planner check`.
4. Strategy comparison at 10k foods: full model vs column generation, LP vs integer,
   cost vs sugar objective, with the plans' cost, nutrients and number of foods.
5. Weekly plan gap vs time: the default `--sex female` plan under time limits and efforts,
   against glpsol on the exported weekly MIP with a 60 s limit.
6. Batch throughput: 24 varied requests with `planner batch --jobs 1` and `--jobs 2`.

Times are wall clock of whole commands (time.monotonic around the process); peak RSS comes
from `/usr/bin/time -f %M` (os.wait4 rusage when there is no /usr/bin/time). "Solve" times are the planner's own `seconds` (JSON with --show-timing, after
the food table is loaded) and, for glpsol, the time between its "GLPK Simplex Optimizer" line
and its end (the time after reading the MPS file; glpsol's own "Time used" is shown too).
The machine is shared, so compare ratios measured in the same run rather than absolute times.

Exit status: 0 when every objective agrees, 1 when some disagree (or a section-2 solve
failed), 2 when a command the run cannot do without fails.
"""

import argparse
import contextlib
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
REQUEST = ROOT / "Datasets" / "requests" / "benchmark-week.json"
FULL_SIZES = [1_000, 10_000, 100_000, 1_000_000]
QUICK_SIZES = [1_000, 10_000]
MAX_FULL_MODEL_FOODS = 100_000  # full model, MPS export and glpsol only up to this size
TOLERANCE = 1e-6
GIB = 1024 ** 3


# ---------------------------------------------------------------- running commands

class CommandFailed(Exception):
    """A command exited with a non-zero code, or was stopped by its time limit."""

    def __init__(self, result, what=""):
        self.result = result
        code = "timed out" if result.timed_out else f"exit code {result.code}"
        last = result.last_error_line() or "(no output)"
        super().__init__(f"{what + ': ' if what else ''}`{result.shell()}` failed: {code}; "
                         f"last stderr line: {last}")

    def short(self):
        """A short cell text for a table."""
        if self.result.timed_out:
            return f"timeout ({self.result.wall:.0f} s)"
        return f"failed (exit {self.result.code}: {self.result.last_error_line()[:80]})"


@dataclass
class Result:
    cmd: list
    code: int
    wall: float
    rss_kib: int
    stdout: str
    stderr: str
    timed_out: bool
    stamped: list = field(default_factory=list)  # (seconds since start, stdout line)
    cpu: float = 0.0  # user + system CPU seconds

    def shell(self):
        return " ".join(str(c) for c in self.cmd)

    def last_error_line(self):
        """The last stderr line that says "error" (else the last line; stdout if stderr is empty)."""
        for text in (self.stderr, self.stdout):
            lines = [l.strip() for l in text.splitlines() if l.strip()]
            errors = [l for l in lines if "error" in l.lower()]
            if errors or lines:
                return (errors or lines)[-1]
        return ""

    def ok(self, what=""):
        if self.code != 0 or self.timed_out:
            raise CommandFailed(self, what)
        return self


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
RSS_SOURCE = "/usr/bin/time -f %M" if TIME else "os.wait4 rusage (includes this script's own memory)"


def run(cmd, *, timeout=None, stdout_path=None, cwd=None, work=None):
    """Run cmd; return its wall time, peak RSS and output, each stdout line time-stamped.

    stdout goes to stdout_path when given, otherwise it is read line by line as it comes
    (glpsol flushes every line, so the stamps show when it starts solving). The command runs
    under `/usr/bin/time -f %M` when there is one: the rusage of a child that Python starts
    counts Python's own memory too, which matters for the small runs.
    """
    cmd = [str(c) for c in cmd]
    timed_out = threading.Event()
    with tempfile.TemporaryFile(dir=work) as err, \
            tempfile.NamedTemporaryFile(dir=work, prefix="rss-") as rss_file, \
            (open(stdout_path, "wb") if stdout_path else contextlib.nullcontext()) as out_file:
        argv = [TIME, "-f", "%M", "-o", rss_file.name, *cmd] if TIME else cmd
        start = time.monotonic()
        try:
            proc = subprocess.Popen(argv, stdout=out_file or subprocess.PIPE, stderr=err, cwd=cwd,
                                    start_new_session=True)
        except OSError as error:
            fail(f"cannot start `{' '.join(cmd)}`: {error}")

        def stop():
            # The group is ours (time and the command) until wait4 below reaps proc.
            os.killpg(proc.pid, signal.SIGKILL)

        def on_timeout():
            timed_out.set()
            stop()

        timer = threading.Timer(timeout, on_timeout) if timeout else None
        if timer:
            timer.start()
        stamped = []
        try:
            if proc.stdout is not None:
                for raw in proc.stdout:
                    stamped.append((time.monotonic() - start, raw.decode("utf-8", "replace")))
                proc.stdout.close()
            os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # ended, not yet reaped
        except BaseException:  # Ctrl-C or SIGTERM: do not leave the command running
            stop()
            os.wait4(proc.pid, 0)
            proc.returncode = -1
            raise
        wall = time.monotonic() - start
        if timer:
            timer.cancel()
            timer.join()  # so that the timer never signals a group that is no longer ours
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        rss = peak_rss_from_time(rss_file.name) if TIME else usage.ru_maxrss
    return Result(cmd, proc.returncode, wall, rss, "".join(l for _, l in stamped),
                  stderr, timed_out.is_set(), stamped, usage.ru_utime + usage.ru_stime)


def peak_rss_from_time(path):
    """The KiB that `/usr/bin/time -f %M -o path` wrote (its last line)."""
    lines = Path(path).read_text().split()
    return int(lines[-1]) if lines and lines[-1].isdigit() else None


def fail(message):
    """Stop the run: a command it cannot do without is missing or failed (exit status 2)."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def load_average():
    """The 1-minute load average (other users of the machine show up here)."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def log(message):
    print(f"[compare {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- formatting

def fmt_s(seconds):
    if seconds is None:
        return "–"
    if seconds < 10:
        return f"{seconds:.2f}"
    return f"{seconds:.1f}"


def fmt_mib(kib):
    return "–" if kib is None else f"{kib / 1024:,.0f} MiB"


def fmt_ratio(numerator, denominator):
    if numerator is None or denominator is None or denominator <= 0:
        return "–"
    return f"{numerator / denominator:,.1f}x"


def fmt_num(value, digits=6):
    return "–" if value is None else f"{value:.{digits}f}"


def fmt_pct(fraction, digits=2):
    return "–" if fraction is None else f"{100 * fraction:.{digits}f} %"


def fmt_foods(n):
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else (
        f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n))


def table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def relative_spread(values):
    """(max - min) / max |value| over the values that exist; None when fewer than 2."""
    values = [v for v in values if v is not None]
    if len(values) < 2:
        return None
    scale = max(max(abs(v) for v in values), 1e-12)
    return (max(values) - min(values)) / scale


def max_rss(values):
    """The largest peak RSS in KiB, ignoring runs without one (None when there is none)."""
    values = [v for v in values if v is not None]
    return max(values) if values else None


def met(flag):
    return "**met**" if flag else "**not met**"


# ---------------------------------------------------------------- the benchmark context

@dataclass
class Bench:
    planner: Path   # the copy that every run uses
    source: Path    # the binary given with --planner (or built)
    work: Path
    sizes: list
    quick: bool
    repeats: int
    glpsol_timeout: float
    planner_timeout: float
    out: list = field(default_factory=list)       # Markdown printed so far
    disagreements: int = 0
    notes: list = field(default_factory=list)     # odd findings, printed at the end
    lp_optimum: dict = field(default_factory=dict)  # foods -> LP objective (section 2)

    def emit(self, text=""):
        print(text, flush=True)
        self.out.append(text)

    def foods(self, count):
        """The generated food table with `count` foods, seed 1 (generated when missing)."""
        path = self.work / f"foods-{count}.csv"
        if not path.exists():
            log(f"generating {count:,} foods")
            run([self.planner, "generate-foods", "--count", count, "--seed", 1, "-o", path],
                work=self.work).ok("generate-foods")
        return path


@dataclass
class Plan:
    """One planner run that wrote a JSON plan."""
    result: Result
    doc: dict
    path: Path

    @property
    def objective(self):
        return self.doc["objective"]["value"]

    @property
    def bound(self):
        return self.doc["objective"].get("bound")

    @property
    def gap(self):
        return self.doc["objective"].get("gap")

    @property
    def seconds(self):
        return self.doc.get("seconds")

    def average_daily(self, nutrient):
        days = self.doc.get("dailyTotals") or []
        values = [d["nutrients"].get(nutrient) for d in days]
        values = [v for v in values if v is not None]
        return sum(values) / len(values) if values else None

    def distinct_foods(self):
        return len({item["foodId"] for item in self.doc.get("items", [])})


def plan(bench, name, args, *, timing=False, timeout=None):
    """Run `planner plan ARGS --format json -o FILE` once; raise CommandFailed on failure."""
    path = bench.work / f"{name}.json"
    cmd = [bench.planner, "plan", *args, "--format", "json", "-o", path]
    if timing:
        cmd.append("--show-timing")
    log("running " + " ".join(str(c) for c in cmd[1:]))
    result = run(cmd, timeout=timeout or bench.planner_timeout, work=bench.work).ok()
    return Plan(result, json.loads(path.read_text()), path)


@dataclass
class Repeated:
    """Best-of-N runs of one planner command, plus one --show-timing run for `seconds`."""
    best_wall: float
    walls: list
    rss_kib: int
    plan: Plan          # the --show-timing run
    identical: bool     # the untimed runs wrote the same bytes


def plan_repeated(bench, name, args, repeats):
    walls, rss, outputs = [], [], set()
    for i in range(repeats):
        p = plan(bench, f"{name}-run{i + 1}", args)
        walls.append(p.result.wall)
        rss.append(p.result.rss_kib)
        outputs.add(hashlib.sha256(p.path.read_bytes()).hexdigest())
    timed = plan(bench, f"{name}-timed", args, timing=True)
    rss.append(timed.result.rss_kib)
    return Repeated(min(walls), walls, max_rss(rss), timed, len(outputs) == 1)


# ---------------------------------------------------------------- glpsol

@dataclass
class Glpsol:
    result: Result
    status: str
    objective: Optional[float]
    read_seconds: Optional[float]   # until "GLPK Simplex Optimizer" (or the MIP's first line)
    solve_seconds: Optional[float]  # from there to the end of the process
    time_used: Optional[float]      # glpsol's own "Time used"
    last_progress: str = ""


def glpsol(bench, mps, options, timeout):
    cmd = ["glpsol", "--freemps", mps, "--min", *options]
    log("running " + " ".join(str(c) for c in cmd))
    result = run(cmd, timeout=timeout, work=bench.work)
    return parse_glpsol(result)


def parse_glpsol(result):
    solve_start = next((t for t, line in result.stamped
                        if line.startswith("GLPK Simplex Optimizer")), None)
    objective, status, time_used, progress = None, "", None, ""
    for _, line in result.stamped:
        text = line.strip()
        if m := re.search(r"obj =\s*([-+0-9.eE]+)", text):
            objective = float(m.group(1))
        if text.startswith("+") and "mip =" in text:
            progress = text
        if re.fullmatch(r"[A-Z][A-Z ;]+[A-Z]", text):
            status = text
        if m := re.match(r"Time used:\s*([0-9.]+)", text):
            time_used = float(m.group(1))
    if result.timed_out:
        status = "timeout"
    elif result.code != 0:
        status = f"exit {result.code}: {result.last_error_line()}"
    if status != "OPTIMAL LP SOLUTION FOUND":
        objective = None  # an LP objective only counts when glpsol ends with the LP optimum
    solve = result.wall - solve_start if solve_start is not None else None
    return Glpsol(result, status, objective, solve_start, solve, time_used, progress)


MIP_LINE = re.compile(r"^\+\s*(\d+): mip =\s*(not found yet|\S+)\s*>=\s*(\S+)\s*(?:([0-9.]+)%)?")


def parse_mip_progress(line):
    """(best, bound) from a glpsol progress line; best is None before a first solution."""
    m = MIP_LINE.match(line or "")
    if not m:
        return None, None
    best = None if m.group(2) == "not found yet" else float(m.group(2))
    bound = None if m.group(3) in ("-inf", "+inf") else float(m.group(3))
    return best, bound


# ---------------------------------------------------------------- section 1: machine

def cpu_model_and_count():
    model, count = platform.processor() or "unknown", os.cpu_count()
    try:
        text = Path("/proc/cpuinfo").read_text()
        models = re.findall(r"^model name\s*:\s*(.+)$", text, re.M)
        if models:
            model, count = models[0].strip(), len(models)
    except OSError:
        pass
    return model, count


def meminfo(key):
    try:
        m = re.search(rf"^{key}:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        return int(m.group(1)) * 1024 if m else None
    except OSError:
        return None


def section_machine(bench):
    log("section 1: machine")
    uname = run(["uname", "-srm"], work=bench.work).stdout.strip()
    version = run(["glpsol", "--version"], work=bench.work).ok("glpsol").stdout.splitlines()[0]
    model, count = cpu_model_and_count()
    total, available = meminfo("MemTotal"), meminfo("MemAvailable")
    loadavg = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    stat = bench.source.stat()
    digest = hashlib.sha256(bench.planner.read_bytes()).hexdigest()[:16]
    bench.emit("## 1. Machine\n")
    rows = [
        ("date (UTC)", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")),
        ("kernel (`uname -srm`)", uname),
        ("CPU", f"{model}, {count} logical CPUs"),
        ("memory", f"{total / GIB:.1f} GiB total, {available / GIB:.1f} GiB available at start"
         if total and available else "unknown"),
        ("load average at start", " ".join(loadavg) or "unknown"),
        ("glpsol", version),
        ("planner binary", f"`{bench.source}` ({stat.st_size / 1024 ** 2:.1f} MiB, modified "
         f"{datetime.datetime.fromtimestamp(stat.st_mtime, datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, "
         f"sha256 {digest}…), copied at start to the work directory and run from there"),
        ("python", platform.python_version()),
        ("mode", "quick (smoke run)" if bench.quick else "full"),
    ]
    bench.emit(table(["", ""], rows))
    bench.emit()


# ---------------------------------------------------------------- section 2: LP at scale

@dataclass
class LPRow:
    foods: int
    columns: Optional[Repeated] = None
    full: Optional[Repeated] = None
    export: Optional[Result] = None
    mps_bytes: Optional[int] = None
    glpsol_default: Optional[Glpsol] = None
    glpsol_fast: Optional[Glpsol] = None
    failures: dict = field(default_factory=dict)  # part -> cell text


GLPSOL_DEFAULT = []
GLPSOL_FAST = ["--dual", "--nopresol", "--noscale"]


def measure_lp(bench, foods):
    row = LPRow(foods)
    table_path = bench.foods(foods)
    base = ["--request", REQUEST, "--foods", table_path, "--relax"]
    repeats = bench.repeats if foods <= MAX_FULL_MODEL_FOODS else 1
    for strategy in ("columns", "full"):
        if strategy == "full" and foods > MAX_FULL_MODEL_FOODS:
            continue
        try:
            measured = plan_repeated(bench, f"lp-{foods}-{strategy}",
                                     [*base, "--strategy", strategy], repeats)
            setattr(row, strategy, measured)
        except CommandFailed as failure:
            row.failures[strategy] = failure.short()
            bench.notes.append(str(failure))
    if foods <= MAX_FULL_MODEL_FOODS:
        measure_glpsol(bench, row, base)
    return row


def measure_glpsol(bench, row, base):
    mps = bench.work / f"lp-{row.foods}.mps"
    cmd = [bench.planner, "export", *base, "--mps", mps]
    log("running " + " ".join(str(c) for c in cmd[1:]))
    try:
        row.export = run(cmd, timeout=bench.planner_timeout, work=bench.work).ok("export")
    except CommandFailed as failure:
        row.failures["export"] = failure.short()
        bench.notes.append(str(failure))
        return
    row.mps_bytes = mps.stat().st_size
    repeats = bench.repeats if row.foods <= 10_000 else 1
    for attr, options in (("glpsol_fast", GLPSOL_FAST), ("glpsol_default", GLPSOL_DEFAULT)):
        runs = [glpsol(bench, mps, options, bench.glpsol_timeout) for _ in range(repeats)]
        best = min(runs, key=lambda g: g.result.wall)
        best.result.rss_kib = max_rss(g.result.rss_kib for g in runs)
        setattr(row, attr, best)
        if best.objective is None:
            bench.notes.append(f"glpsol {' '.join(options) or '(default)'} at {row.foods:,} foods: "
                               f"{best.status or 'no optimum'} after {best.result.wall:.0f} s")
    mps.unlink()  # up to several hundred MB


def lp_objectives(row):
    values = {}
    if row.columns:
        values["planner columns"] = row.columns.plan.objective
    if row.full:
        values["planner full"] = row.full.plan.objective
    if row.glpsol_default and row.glpsol_default.objective is not None:
        values["glpsol default"] = row.glpsol_default.objective
    if row.glpsol_fast and row.glpsol_fast.objective is not None:
        values["glpsol fast"] = row.glpsol_fast.objective
    return values


def agreement(row):
    """(text, passed) for one size: every objective within TOLERANCE of the others."""
    values = lp_objectives(row)
    missing = [k for k in ("columns", "full", "export") if k in row.failures]
    if missing:
        return f"FAIL ({', '.join(missing)} failed)", False
    spread = relative_spread(values.values())
    if spread is None:
        return "n/a (one solver)", True
    unchecked = [f"{name}: {g.status or 'no optimum'}" for name, g in
                 (("glpsol default", row.glpsol_default), ("glpsol fast", row.glpsol_fast))
                 if g is not None and g.objective is None]
    verdict = "PASS" if spread <= TOLERANCE else "FAIL"
    return verdict + (f" ({'; '.join(unchecked)}, not compared)" if unchecked else ""), spread <= TOLERANCE


def full_model_skipped(bench, rows, foods):
    """The cell for the full model at sizes above MAX_FULL_MODEL_FOODS, with an estimate."""
    ref = next((r for r in rows if r.foods == MAX_FULL_MODEL_FOODS), None)
    scale = foods / MAX_FULL_MODEL_FOODS
    parts = []
    if ref and ref.full and ref.full.rss_kib:
        parts.append(f"planner full ≈{ref.full.rss_kib * scale / 1024 ** 2:.0f} GiB")
    if ref and ref.mps_bytes:
        parts.append(f"MPS ≈{ref.mps_bytes * scale / GIB:.1f} GiB")
    for name, g in (("glpsol fast", ref and ref.glpsol_fast), ("glpsol default", ref and ref.glpsol_default)):
        if g and g.result.rss_kib:
            parts.append(f"{name} ≈{g.result.rss_kib * scale / 1024 ** 2:.0f} GiB")
    estimate = f" (10x the {fmt_foods(MAX_FULL_MODEL_FOODS)} figures: " + ", ".join(parts) + ")" if parts else ""
    return ("skipped: the full model would need about 16 GB or more" + estimate)


def section_lp(bench):
    log("section 2: LP at scale")
    rows = [measure_lp(bench, n) for n in bench.sizes]
    bench.emit("## 2. LP at scale (reference model, `--relax`)\n")
    bench.emit(f"Request `Datasets/requests/benchmark-week.json` over `planner generate-foods --seed 1` "
               f"tables. Planner: best of {bench.repeats} runs (1 run at 1M) without `--show-timing`; "
               f"\"solve\" is the `seconds` field of one more run with `--show-timing` (time after "
               f"the table is loaded). glpsol: best of {bench.repeats} runs up to 10k, 1 run at 100k; "
               f"\"read\" is the time until glpsol starts the simplex, \"solve\" the rest "
               f"(glpsol's own \"Time used\" in brackets). Peak RSS from `{RSS_SOURCE}`. "
               f"glpsol time limit {bench.glpsol_timeout:.0f} s. `fast` = `--dual --nopresol --noscale`.\n")
    emit_planner_lp_table(bench, rows)
    emit_glpsol_table(bench, rows)
    emit_agreement_table(bench, rows)
    emit_ratio_table(bench, rows)
    emit_lp_targets(bench, rows)
    for row in rows:
        if row.columns:
            bench.lp_optimum[row.foods] = row.columns.plan.objective
        elif row.full:
            bench.lp_optimum[row.foods] = row.full.plan.objective


def emit_planner_lp_table(bench, rows):
    out = []
    for row in rows:
        for strategy in ("columns", "full"):
            m = getattr(row, strategy)
            if m:
                out.append([fmt_foods(row.foods), strategy, fmt_s(m.best_wall),
                            " / ".join(fmt_s(w) for w in m.walls), fmt_s(m.plan.seconds),
                            fmt_mib(m.rss_kib), fmt_num(m.plan.objective, 9),
                            "yes" if m.identical else "**no**", m.plan.doc.get("strategy", "")])
            elif strategy in row.failures:
                out.append([fmt_foods(row.foods), strategy, row.failures[strategy]] + ["–"] * 6)
            elif strategy == "full" and row.foods > MAX_FULL_MODEL_FOODS:
                out.append([fmt_foods(row.foods), strategy, full_model_skipped(bench, rows, row.foods)]
                           + ["–"] * 6)
    bench.emit("### Planner\n")
    bench.emit(table(["foods", "strategy", "wall s (best)", "all runs s", "solve s", "peak RSS",
                      "objective ($/week)", "same bytes", "planner's strategy text"], out))
    bench.emit()


def glpsol_cells(g):
    if g is None:
        return ["–"] * 4
    if g.objective is None:
        return [f"{g.status or 'no optimum'} after {fmt_s(g.result.wall)} s", fmt_s(g.read_seconds), "–",
                fmt_mib(g.result.rss_kib)]
    used = f" ({g.time_used:.1f})" if g.time_used is not None else ""
    return [fmt_s(g.result.wall), fmt_s(g.read_seconds), fmt_s(g.solve_seconds) + used,
            fmt_mib(g.result.rss_kib)]


def emit_glpsol_table(bench, rows):
    out = []
    for row in rows:
        if row.foods > MAX_FULL_MODEL_FOODS:
            out.append([fmt_foods(row.foods), "skipped", "–", "skipped: the full model would need about "
                        "16 GB (see the planner table)"] + ["–"] * 7)
            continue
        export = row.failures.get("export") or (fmt_s(row.export.wall) if row.export else "–")
        size = f"{row.mps_bytes / 1024 ** 2:,.0f} MiB" if row.mps_bytes else "–"
        out.append([fmt_foods(row.foods), export, size, *glpsol_cells(row.glpsol_default),
                    *glpsol_cells(row.glpsol_fast)])
    bench.emit("### Export and glpsol\n")
    bench.emit(table(["foods", "export s", "MPS", "default: wall s", "read s", "solve s (Time used)",
                      "peak RSS", "fast: wall s", "read s", "solve s (Time used)", "peak RSS"], out))
    bench.emit()


def emit_agreement_table(bench, rows):
    out = []
    for row in rows:
        values = lp_objectives(row)
        verdict, passed = agreement(row)
        if not passed:
            bench.disagreements += 1
        spread = relative_spread(values.values())
        cells = [fmt_num(values.get(k), 9) for k in
                 ("planner columns", "planner full", "glpsol default", "glpsol fast")]
        out.append([fmt_foods(row.foods), *cells, "–" if spread is None else f"{spread:.1e}", verdict])
    bench.emit(f"### Objectives agree (relative tolerance {TOLERANCE:g})\n")
    bench.emit(table(["foods", "planner columns", "planner full", "glpsol default", "glpsol fast",
                      "max relative difference", "check"], out))
    bench.emit("\nglpsol's objective is read from its last simplex line (10 significant digits).\n")


def emit_ratio_table(bench, rows):
    out = []
    for row in rows:
        for strategy in ("columns", "full"):
            m = getattr(row, strategy)
            if not m or row.foods > MAX_FULL_MODEL_FOODS:
                continue
            cells = []
            for g in (row.glpsol_default, row.glpsol_fast):
                if g is not None and g.objective is not None:
                    cells += [fmt_ratio(g.result.wall, m.best_wall), fmt_ratio(g.solve_seconds, m.plan.seconds)]
                elif g is not None and g.status == "timeout":  # glpsol took at least this long
                    cells += ["> " + fmt_ratio(g.result.wall, m.best_wall), "–"]
                else:
                    cells += ["–", "–"]
            out.append([fmt_foods(row.foods), strategy, *cells])
    bench.emit("### Ratios: glpsol time / planner time (higher = planner faster)\n")
    bench.emit(table(["foods", "planner strategy", "default: whole command", "default: solve only",
                      "fast: whole command", "fast: solve only"], out))
    bench.emit("\nWhole command: wall clock of each command, the planner's including reading the CSV "
               "table, glpsol's including reading the MPS file. Solve only: planner `seconds` (model "
               "build and solve after loading) vs glpsol's time after reading.\n")


def emit_lp_targets(bench, rows):
    bench.emit("### Targets\n")
    by_size = {r.foods: r for r in rows}
    lines = []
    r = by_size.get(100_000)
    if r and r.columns and r.glpsol_fast and r.glpsol_fast.objective is not None:
        whole = r.glpsol_fast.result.wall / r.columns.best_wall
        solve = (r.glpsol_fast.solve_seconds / r.columns.plan.seconds
                 if r.columns.plan.seconds else None)
        lines.append(f"- 100k foods, planner LP (column generation) at least 20x faster than glpsol "
                     f"`--dual --nopresol --noscale`: whole command {whole:,.1f}x ({fmt_s(r.glpsol_fast.result.wall)} s vs "
                     f"{fmt_s(r.columns.best_wall)} s) → {met(whole >= 20)}; solve only "
                     f"{fmt_ratio(r.glpsol_fast.solve_seconds, r.columns.plan.seconds)} "
                     f"({fmt_s(r.glpsol_fast.solve_seconds)} s vs {fmt_s(r.columns.plan.seconds)} s) → "
                     f"{met(solve is not None and solve >= 20)}.")
    else:
        lines.append("- 100k foods vs glpsol fastest: not measured in this run.")
    r = by_size.get(1_000_000)
    if r and r.columns:
        seconds, rss = r.columns.plan.seconds, (r.columns.rss_kib or 0) * 1024
        lines.append(f"- 1M foods, LP in under 5 s after loading: `seconds` = {fmt_s(seconds)} s "
                     f"(whole command {fmt_s(r.columns.best_wall)} s, including reading the 1M-row CSV) → "
                     f"{met(seconds is not None and seconds < 5)}; peak memory under 2 GiB: "
                     f"{rss / GIB:.2f} GiB → {met(0 < rss < 2 * GIB)}.")
    else:
        lines.append("- 1M foods: not measured in this run" + (" (`--quick`)." if bench.quick else "."))
    bench.emit("\n".join(lines))
    bench.emit()


# ---------------------------------------------------------------- section 3: integer plans

def check_plan(bench, p, table_path):
    result = run([bench.planner, "check", p.path, "--foods", table_path], work=bench.work)
    return "holds" if result.code == 0 else f"**exit {result.code}**: {result.last_error_line()[:80]}"


def section_integer(bench):
    log("section 3: integer plans")
    sizes = [n for n in bench.sizes if n <= MAX_FULL_MODEL_FOODS or not bench.quick]
    out, targets = [], []
    for foods in sizes:
        table_path = bench.foods(foods)
        try:
            p = plan(bench, f"int-{foods}", ["--request", REQUEST, "--foods", table_path], timing=True)
        except CommandFailed as failure:
            out.append([fmt_foods(foods), failure.short()] + ["–"] * 11)
            bench.notes.append(str(failure))
            continue
        lp = bench.lp_optimum.get(foods)
        above_lp = (p.objective - lp) / lp if lp else None
        bound_vs_lp = (p.bound - lp) / lp if lp and p.bound is not None else None
        if bound_vs_lp is not None and bound_vs_lp < -TOLERANCE:
            bench.notes.append(f"Integer plan at {foods:,} foods: proven bound {p.bound:.6f} is below the "
                               f"LP optimum {lp:.6f} of section 2.")
        out.append([fmt_foods(foods), p.doc["status"], fmt_num(p.objective, 4), fmt_num(p.bound, 4),
                    fmt_pct(p.gap), fmt_num(lp, 4), fmt_pct(above_lp), fmt_pct(bound_vs_lp),
                    fmt_s(p.result.wall), fmt_s(p.seconds), fmt_mib(p.result.rss_kib),
                    check_plan(bench, p, table_path)])
        out[-1].append(p.doc.get("strategy", ""))
        if foods == 100_000:
            targets.append((p.gap, p.result.wall))
    bench.emit("## 3. Integer plans at scale (reference model, half-serving portions)\n")
    bench.emit("One run each with `--show-timing`; the request's own limits apply (time limit 60 s, "
               "relative gap 0.0001). \"above LP\" = (plan − LP optimum) / LP optimum; \"bound vs LP\" = "
               "(proven bound − LP optimum) / LP optimum, negative means the proven bound is weaker "
               "than the LP relaxation. \"check\" is `planner check` on the saved plan.\n")
    bench.emit(table(["foods", "status", "objective", "proven bound", "gap", "LP optimum", "above LP",
                      "bound vs LP", "wall s", "solve s", "peak RSS", "check", "planner's strategy text"], out))
    bench.emit()
    if targets:
        gap, wall = targets[0]
        bench.emit(f"Target: 100k foods within 2 % proven gap in under 30 s: gap {fmt_pct(gap)}, "
                   f"{fmt_s(wall)} s → {met(gap is not None and gap <= 0.02 and wall < 30)}.\n")
    else:
        bench.emit("Target (100k within 2 % in under 30 s): not measured in this run.\n")


# ---------------------------------------------------------------- section 4: strategies at 10k

STRATEGY_RUNS = [
    ("LP, full model", ["--relax", "--strategy", "full"]),
    ("LP, column generation", ["--relax", "--strategy", "columns"]),
    ("integer, auto (column generation)", []),
    ("integer, full model", ["--strategy", "full"]),
    ("LP, sugar objective", ["--relax", "--objective", "sugar"]),
    ("integer, sugar objective", ["--objective", "sugar"]),
]


def section_strategies(bench):
    log("section 4: strategy comparison at 10k")
    foods = 10_000
    table_path = bench.foods(foods)
    out, plans = [], {}
    for label, extra in STRATEGY_RUNS:
        name = "strat-" + re.sub(r"[^a-z]+", "-", label.lower()).strip("-")
        try:
            p = plan(bench, name, ["--request", REQUEST, "--foods", table_path, *extra], timing=True)
        except CommandFailed as failure:
            out.append([label, failure.short()] + ["–"] * 10)
            bench.notes.append(str(failure))
            continue
        plans[label] = p
        objective = p.doc["objective"]
        out.append([label, f"{objective['value']:.4f} ({objective['kind']})", fmt_num(p.bound, 4),
                    fmt_pct(p.gap), f"${p.doc['cost']['total']:.2f}",
                    fmt_num(p.average_daily("potassium_mg"), 0), fmt_num(p.average_daily("sodium_mg"), 0),
                    fmt_num(p.average_daily("sugars_g"), 1), p.distinct_foods(), fmt_s(p.result.wall),
                    fmt_s(p.seconds), p.doc.get("strategy", "")])
    bench.emit("## 4. Strategy comparison at 10k foods\n")
    bench.emit("Same request (`benchmark-week.json`), one run each with `--show-timing`. Nutrients are "
               "daily averages over the week from the plan's `dailyTotals`; the sugar objective is "
               "`--objective sugar` (its value is in the planner's sugar unit, see the text).\n")
    bench.emit(table(["run", "objective", "bound", "gap", "weekly cost", "potassium mg/day",
                      "sodium mg/day", "sugars g/day", "distinct foods", "wall s", "solve s",
                      "planner's strategy text"], out))
    bench.emit()
    emit_strategy_summary(bench, plans)


def emit_strategy_summary(bench, plans):
    lines = []
    full, cols = plans.get("LP, full model"), plans.get("LP, column generation")
    if full and cols:
        spread = relative_spread([full.objective, cols.objective])
        lines.append(f"- Full model vs column generation (LP): objectives differ by {spread:.1e} relative; "
                     f"column generation {fmt_ratio(full.result.wall, cols.result.wall)} faster (whole command).")
    integer = plans.get("integer, auto (column generation)")
    if cols and integer:
        lines.append(f"- LP bound vs integer plan: the integer plan costs "
                     f"{fmt_pct((integer.objective - cols.objective) / cols.objective)} more than the LP optimum.")
    int_full = plans.get("integer, full model")
    if integer and int_full:
        lines.append(f"- Integer, auto vs full model: {integer.objective:.4f} (gap {fmt_pct(integer.gap)}, "
                     f"{fmt_s(integer.result.wall)} s) vs {int_full.objective:.4f} "
                     f"(gap {fmt_pct(int_full.gap)}, {fmt_s(int_full.result.wall)} s).")
    sugar = plans.get("integer, sugar objective")
    if integer and sugar:
        lines.append(f"- Cost vs sugar objective (integer): ${integer.doc['cost']['total']:.2f} and "
                     f"{integer.average_daily('sugars_g'):.1f} g sugars/day vs "
                     f"${sugar.doc['cost']['total']:.2f} and {sugar.average_daily('sugars_g'):.1f} g/day.")
    bench.emit("\n".join(lines))
    bench.emit()


# ---------------------------------------------------------------- section 5: gap vs time

def week_runs(quick):
    if quick:
        return [("--time-limit 5 --effort 1000", ["--time-limit", "5", "--effort", "1000"]),
                ("--effort 1 (default)", ["--effort", "1"])]
    runs = [(f"--time-limit {t} --effort 1000", ["--time-limit", str(t), "--effort", "1000"])
            for t in (5, 10, 60)]
    return runs + [(f"--effort {e}" + (" (default)" if e == 1 else ""), ["--effort", str(e)])
                   for e in (1, 2, 4)]


def section_week(bench):
    log("section 5: weekly plan gap vs time")
    profile = ["--sex", "female"]
    lp_value = None
    try:
        lp_value = plan(bench, "week-lp", [*profile, "--relax"]).objective
    except CommandFailed as failure:
        bench.notes.append(str(failure))
    rows, within_10s = [], []
    for label, extra in week_runs(bench.quick):
        try:
            p = plan(bench, "week-" + re.sub(r"[^a-z0-9]+", "-", label).strip("-"),
                     [*profile, *extra], timing=True)
        except CommandFailed as failure:
            rows.append([f"planner {label}", failure.short()] + ["–"] * 7)
            bench.notes.append(f"Weekly plan, planner {label}: {failure}")
            continue
        gap_lp = week_gap_with_lp(p.objective, p.bound, lp_value)
        rows.append([f"planner {label}", fmt_s(p.result.wall), fmt_s(p.seconds), f"${p.objective:.3f}",
                     fmt_num(p.bound, 3), fmt_pct(p.gap), fmt_pct(gap_lp), p.doc["status"],
                     p.doc.get("strategy", "")])
        note_early_stop(bench, label, p)
        if p.result.wall <= 10.5:
            within_10s.append(p.gap)
        if lp_value is not None and p.bound is not None and p.bound < lp_value - 1e-9:
            bench.notes.append(f"Weekly plan, planner {label}: proven bound {p.bound:.4f} is below the "
                               f"week's LP relaxation {lp_value:.4f} (`planner --sex female --relax`), "
                               f"so the reported gap {fmt_pct(p.gap)} is wider than the "
                               f"{fmt_pct(gap_lp)} the LP alone proves.")
    rows.append(glpsol_week_row(bench, profile, lp_value))
    bench.emit("## 5. Weekly plan: gap vs time (`planner --sex female`, bundled table)\n")
    bench.emit(f"One run each with `--show-timing`; \"solve s\" is the planner's `seconds` (after "
               f"loading) and glpsol's time after reading the MPS file. \"gap\" is the planner's proven gap; \"gap with LP "
               f"bound\" uses max(proven bound, the week's LP relaxation "
               f"{fmt_num(lp_value, 4)} from `planner --sex female --relax`). glpsol solves the MIP "
               f"written by `planner export --sex female --mps week.mps` with default settings; its row "
               f"is its last progress line.\n")
    bench.emit(table(["run", "wall s", "solve s", "plan ($/week)", "bound", "gap", "gap with LP bound",
                      "status", "strategy / glpsol status"], rows))
    bench.emit()
    best = min((g for g in within_10s if g is not None), default=None)
    bench.emit(f"Goal: proven gap at most 3 % within 10 s: best planner gap among the runs that ended "
               f"within 10.5 s wall "
               f"{fmt_pct(best)} → {met(best is not None and best <= 0.03)}.\n")


def note_early_stop(bench, label, p):
    """A note when the plan says the time limit stopped the search well before that limit."""
    limit = (p.doc.get("request") or {}).get("timeLimit")
    said = any("time limit" in n for n in p.doc.get("notes", []))
    if said and limit and p.seconds is not None and p.seconds < 0.9 * limit:
        bench.notes.append(f"Weekly plan, planner {label}: the plan's note says the search stopped at the "
                           f"time limit ({limit:g} s), but it stopped after {p.seconds:.1f} s "
                           f"({100 * p.seconds / limit:.0f} % of the limit).")


def week_gap_with_lp(value, bound, lp_value):
    bounds = [b for b in (bound, lp_value) if b is not None]
    if not bounds or not value:
        return None
    return max(0.0, (value - max(bounds)) / abs(value))


def glpsol_week_row(bench, profile, lp_value):
    limit = 5 if bench.quick else 60
    mps = bench.work / "week.mps"
    cmd = [bench.planner, "export", *profile, "--mps", mps]
    try:
        run(cmd, timeout=bench.planner_timeout, work=bench.work).ok("export")
    except CommandFailed as failure:
        bench.notes.append(str(failure))
        return [f"glpsol --tmlim {limit}", failure.short()] + ["–"] * 7
    g = glpsol(bench, mps, ["--tmlim", str(limit)], limit + 300)
    best, bound = parse_mip_progress(g.last_progress)
    gap = (best - bound) / abs(best) if best is not None and bound is not None else None
    return [f"glpsol --tmlim {limit} (default settings)", fmt_s(g.result.wall), fmt_s(g.solve_seconds),
            "not found yet" if best is None else f"${best:.3f}", fmt_num(bound, 3), fmt_pct(gap),
            fmt_pct(week_gap_with_lp(best, bound, lp_value)) if best is not None else "–",
            g.status or "?", f"`{g.last_progress}`" if g.last_progress else "no progress line"]


# ---------------------------------------------------------------- section 6: batch

DIETS = [[], [], ["vegetarian"], [], ["pescatarian"], ["vegan"], [], ["dairy-free"], ["gluten-free"]]
ACTIVITIES = ["sedentary", "moderate", "active"]


def batch_requests(count):
    """`count` varied requests: alternating sex, ages 20-70, some diets and an allergen."""
    requests = []
    for i in range(count):
        request = {"profile": {"sex": "female" if i % 2 == 0 else "male",
                               "age": 20 + (i * 50) // max(count - 1, 1),
                               "activity": ACTIVITIES[i % 3]}}
        if DIETS[i % len(DIETS)]:
            request["diets"] = DIETS[i % len(DIETS)]
        if i % 5 == 3:
            request["excludeAllergens"] = ["peanuts"]
        requests.append(request)
    return requests


def run_batch(bench, path, jobs, label):
    output = bench.work / f"batch-{label}.jsonl"
    cmd = [bench.planner, "batch", path, "--jobs", jobs, "--quiet"]
    log("running " + " ".join(str(c) for c in cmd[1:]))
    result = run(cmd, timeout=bench.planner_timeout, stdout_path=output, work=bench.work).ok("batch")
    return result, output.read_bytes()


def run_pair(bench, halves, index):
    """The reference for 2 cores: two separate `batch --jobs 1` processes, one per half, at once.

    Returns (wall of the pair, CPU seconds of both, the merged output in input order).
    """
    results = [None, None]

    def work(i):
        try:
            results[i] = run_batch(bench, halves[i], 1, f"pair{index}-half{i + 1}")
        except CommandFailed as failure:
            results[i] = failure

    start = time.monotonic()
    threads = [threading.Thread(target=work, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    for r in results:
        if isinstance(r, CommandFailed):
            raise r
    return wall, sum(r.cpu for r, _ in results), [d for _, d in results]


def batch_problems(data, count):
    lines = [json.loads(l) for l in data.decode().splitlines() if l.strip()]
    problems = [] if len(lines) == count else [f"{len(lines)} output lines for {count} requests"]
    for number, line in enumerate(lines, 1):
        if line.get("line") != number:
            problems.append(f"output line {number} has line number {line.get('line')}")
        if line.get("status") in ("error", "no plan"):
            problems.append(f"request {number}: {line.get('status')}: {line.get('message') or line.get('error')}")
    return problems, lines


def strip_line_numbers(data):
    """Output lines without their "line" key, to compare the halves with the whole batch."""
    return [json.dumps({k: v for k, v in json.loads(l).items() if k != "line"}, sort_keys=True)
            for l in data.decode().splitlines() if l.strip()]


def write_batch_files(bench, count):
    requests = [json.dumps(r) + "\n" for r in batch_requests(count)]
    path = bench.work / "batch.jsonl"
    path.write_text("".join(requests))
    halves = [bench.work / "batch-half1.jsonl", bench.work / "batch-half2.jsonl"]
    halves[0].write_text("".join(requests[0::2]))
    halves[1].write_text("".join(requests[1::2]))
    return path, halves


def section_batch(bench):
    log("section 6: batch throughput")
    count = 8 if bench.quick else 24
    path, halves = write_batch_files(bench, count)
    repeats = 1 if bench.quick else 2
    walls, outputs, rows, pair_walls, pair_outputs = {1: [], 2: []}, [], [], [], []
    try:
        for i in range(repeats):  # interleaved, so that a busy spell hits every kind alike
            for jobs in (1, 2):
                result, data = run_batch(bench, path, jobs, f"jobs{jobs}-run{i + 1}")
                walls[jobs].append(result.wall)
                outputs.append(data)
                rows.append([f"`--jobs {jobs}`", i + 1, fmt_s(result.wall), fmt_s(result.cpu),
                             f"{100 * result.cpu / result.wall:.0f} %", fmt_mib(result.rss_kib), load_average()])
            wall, cpu, data = run_pair(bench, halves, i + 1)
            pair_walls.append(wall)
            pair_outputs.append(data)
            rows.append(["reference: 2 processes `--jobs 1`, half each", i + 1, fmt_s(wall), fmt_s(cpu),
                         f"{100 * cpu / wall:.0f} %", "–", load_average()])
    except CommandFailed as failure:
        bench.notes.append(str(failure))
        bench.emit("## 6. Batch throughput\n\n" + failure.short() + "\n")
        return
    problems, lines = batch_problems(outputs[0], count)
    identical = len(set(outputs)) == 1
    whole = strip_line_numbers(outputs[0])
    halves_agree = all(strip_line_numbers(h1) == whole[0::2] and strip_line_numbers(h2) == whole[1::2]
                       for h1, h2 in pair_outputs)
    best1, best2, best_pair = min(walls[1]), min(walls[2]), min(pair_walls)
    statuses = {}
    for line in lines:
        statuses[line.get("status")] = statuses.get(line.get("status"), 0) + 1
    gaps = [l["objective"]["gap"] for l in lines if (l.get("objective") or {}).get("gap") is not None]
    bench.emit("## 6. Batch throughput (bundled table)\n")
    bench.emit(f"{count} requests (female/male alternating, ages 20-70, sedentary/moderate/active, diets "
               f"vegetarian, pescatarian, vegan, dairy-free, gluten-free on some, peanuts excluded on "
               f"some), `planner batch FILE --jobs N --quiet`, best of {repeats}, runs interleaved. First "
               f"request: `{json.dumps(batch_requests(count)[0])}`. The reference runs the odd and the even "
               f"requests as two separate `--jobs 1` processes at the same time: it shows how much of "
               f"2 cores the machine gave at that moment.\n")
    bench.emit(table(["command", "run", "wall s", "CPU s (user+sys)", "CPU / wall", "peak RSS",
                      "load average after"], rows))
    bench.emit()
    bench.emit(table(["", "value"], [
        ("`--jobs 1`: requests/second", f"{count / best1:.2f}"),
        ("`--jobs 2`: requests/second", f"{count / best2:.2f}"),
        ("speed-up `--jobs 2` (best jobs 1 / best jobs 2)", fmt_ratio(best1, best2)),
        ("reference speed-up, 2 processes (best jobs 1 / best pair)", fmt_ratio(best1, best_pair)),
        ("`--jobs 2` relative to the reference (best pair / best jobs 2)", fmt_ratio(best_pair, best2)),
        ("outputs byte-identical (all `--jobs 1` and `--jobs 2` runs)", "yes" if identical else "**no**"),
        ("the halves' plans equal the whole batch's", "yes" if halves_agree else "**no**"),
        ("plan statuses", ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str))),
        ("proven gaps", f"median {fmt_pct(statistics.median(gaps))}, max {fmt_pct(max(gaps))}" if gaps else "–"),
        ("invalid requests / problems", "; ".join(problems) or "none"),
    ]))
    bench.emit()
    bench.emit(f"Target: speed-up at least 1.7x on 2 cores: {fmt_ratio(best1, best2)} → "
               f"{met(best1 / best2 >= 1.7)} (two separate processes reached {fmt_ratio(best1, best_pair)} "
               f"in the same run).\n")
    if not identical:
        bench.notes.append("Batch outputs differ between runs (jobs 1 vs jobs 2 or repeats).")
    if not halves_agree:
        bench.notes.append("Batch: plans of the half files differ from the same requests in the whole file.")
    bench.notes.extend(f"Batch: {p}" for p in problems)


# ---------------------------------------------------------------- main

def build_planner():
    log("building the planner: swift build -c release --product planner")
    run(["swift", "build", "-c", "release", "--product", "planner"], cwd=ROOT).ok("swift build")
    path = ROOT / ".build" / "release" / "planner"
    if not path.exists():
        fail(f"swift build succeeded but {path} does not exist")
    return path


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--planner", type=Path, help="planner binary (default: build it with swift build)")
    parser.add_argument("--sizes", help="food table sizes, comma separated (default 1000,10000,100000,1000000)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1k and 10k, short limits, 1 repeat")
    parser.add_argument("--work", type=Path, help="work directory (default: a fresh temporary directory)")
    parser.add_argument("--output", type=Path, help="also write the Markdown to this file")
    parser.add_argument("--glpsol-timeout", type=float, default=600, help="seconds per glpsol LP run (default 600)")
    parser.add_argument("--planner-timeout", type=float, default=900, help="seconds per planner run (default 900)")
    args = parser.parse_args(argv)
    try:
        args.sizes = ([int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
                      if args.sizes else None)
    except ValueError:
        parser.error("--sizes takes whole numbers separated by commas, e.g. 1000,10000")
    return args


def make_bench(args):
    if shutil.which("glpsol") is None:
        fail("glpsol is not on PATH (install glpk-utils)")
    planner = args.planner.resolve() if args.planner else build_planner()
    if not os.access(planner, os.X_OK):
        fail(f"{planner} is not an executable file")
    work = args.work.resolve() if args.work else Path(tempfile.mkdtemp(prefix="planner-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    # Run a private copy: the binary at the given path may be rebuilt while the run goes on.
    copy = work / "planner"
    if copy != planner:
        shutil.copy2(planner, copy)
    sizes = args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES)
    if args.quick:
        sizes = [n for n in sizes if n < 1_000_000]
    return Bench(planner=copy, source=planner, work=work, sizes=sorted(set(sizes)), quick=args.quick,
                 repeats=1 if args.quick else 3, glpsol_timeout=args.glpsol_timeout,
                 planner_timeout=args.planner_timeout)


def emit_notes(bench):
    bench.emit("## Notes\n")
    if bench.notes:
        bench.emit("\n".join(f"- {n}" for n in bench.notes))
    else:
        bench.emit("- Nothing odd: every command succeeded and every check passed.")
    verdict = ("every LP objective agrees" if bench.disagreements == 0
               else f"{bench.disagreements} size(s) with disagreeing or missing LP objectives (exit status 1)")
    bench.emit(f"\nResult: {verdict}. Work files: `{bench.work}`.")


def on_sigterm(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, on_sigterm)
    started = time.monotonic()
    bench = None
    status = 0
    try:
        bench = make_bench(args)
        log(f"work directory {bench.work}")
        bench.emit("# Planner benchmarks: scale, glpsol comparison, search quality, batch\n")
        for section in (section_machine, section_lp, section_integer, section_strategies,
                        section_week, section_batch):
            load_before, section_start = load_average(), time.monotonic()
            section(bench)
            if section is not section_machine:
                bench.emit(f"*Section time {(time.monotonic() - section_start) / 60:.1f} min; load average "
                           f"(1 min) {load_before} at its start, {load_average()} at its end.*\n")
        bench.emit(f"Total run time: {(time.monotonic() - started) / 60:.1f} min.\n")
        emit_notes(bench)
        status = 1 if bench.disagreements else 0
    except CommandFailed as failure:
        print(f"error: {failure}", file=sys.stderr)
        if bench:
            bench.emit(f"\n**Run stopped**: {failure}")
        status = 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        status = 130
    if bench and args.output:
        args.output.write_text("\n".join(bench.out) + "\n")
        log(f"wrote {args.output}")
    return status


if __name__ == "__main__":
    sys.exit(main())
