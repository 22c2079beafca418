#!/usr/bin/env python3
"""Plans household requests on Apache Spark with the planner's own `planner batch`.

Input: JSON Lines, one request per line (the request-file format with a "household" id, as
`planner generate-requests` writes). Output: a folder of JSON Lines part files, one result line
per request, sorted by household id (lines without a readable id last, by line number). Each
result line is exactly the line `planner batch FILE` writes for that request: the plan's JSON
document, or a "no plan" or "error" record, with "line" (the request's line in the input) and
"household".

The planner binary, the food table and its recipes travel with the job (`--files`); each task pipes its
partition through `planner batch - --numbered`, so lines may reach a task in any order and
still report their own line number:

    spark-submit --master local[2] \\
        --files .build/release/planner,Datasets/foods.csv,Datasets/recipes.csv,Datasets/recipe_ingredients.csv \\
        Benchmarks/spark/plan_households.py households.jsonl plans

Options after the output folder: --partitions N (default 4 per core, at most one per line),
--jobs N (planner threads per task, default spark.task.cpus), --planner NAME, --foods NAME,
--recipes NAME and --recipe-ingredients NAME (the names given to --files, default planner,
foods.csv, recipes.csv and recipe_ingredients.csv; --no-recipes plans with the table alone),
--input-name NAME (the name in
error messages, default the input's file name). The job exits 0 when every line has its result (plans,
no plans and error records alike); a planner process that fails (a crash, a missing
binary) fails its task, which Spark retries.
"""

import argparse
import json
import os
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time

from pyspark import SparkConf, SparkContext, SparkFiles, StorageLevel


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Plan household requests with planner batch on Spark.")
    parser.add_argument("input", help="requests, JSON Lines (a file, folder or glob Hadoop reads)")
    parser.add_argument("output", help="the output folder (must not exist)")
    parser.add_argument("--partitions", type=int, default=None, help="partitions to plan in (default: 4 per core)")
    parser.add_argument("--jobs", type=int, default=None, help="planner threads per task (default: spark.task.cpus)")
    parser.add_argument("--planner", default="planner", help="the planner binary's name in --files")
    parser.add_argument("--foods", default="foods.csv", help="the food table's name in --files")
    parser.add_argument("--recipes", default="recipes.csv", help="the recipes' name in --files")
    parser.add_argument("--recipe-ingredients", default="recipe_ingredients.csv", help="the recipe ingredients' name in --files")
    parser.add_argument("--no-recipes", action="store_true", help="plan with the food table alone")
    parser.add_argument("--input-name", default=None, help="the input's name in error messages")
    return parser.parse_args(argv)


def shipped(name):
    """The path of a file given to --files, on the executor that calls it."""
    path = SparkFiles.get(name)
    if not os.path.isfile(path):
        # Cluster managers that localize --files into the task's working folder (YARN, Kubernetes).
        local = os.path.join(os.getcwd(), name)
        if os.path.isfile(local):
            return local
        raise FileNotFoundError(f"{name} was not shipped with the job: pass it to spark-submit --files")
    return path


def executable(path):
    """The shipped binary, executable (a file fetched by Spark may lose its mode bits)."""
    mode = os.stat(path).st_mode
    if mode & stat.S_IXUSR:
        return path
    try:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return path
    except OSError:
        copy = os.path.join(tempfile.mkdtemp(prefix="planner-"), os.path.basename(path))
        shutil.copy(path, copy)
        os.chmod(copy, 0o755)
        return copy


def plan_partition(settings, planner_seconds):
    """The function that plans one partition of (line number, request bytes) pairs; adds the
    planner process's CPU seconds to the accumulator `planner_seconds`."""

    def run(pairs):
        planner = executable(shipped(settings["planner"]))
        command = [planner, "batch", "-", "--numbered", "--quiet", "--input-name", settings["input_name"],
                   "--jobs", str(settings["jobs"]), "--foods", shipped(settings["foods"])]
        if settings["recipes"]:
            # The same recipes as the bundled table's, so that results equal `planner batch FILE`.
            command += ["--recipes", shipped(settings["recipes"]), "--recipe-ingredients", shipped(settings["recipe_ingredients"])]
        errors = tempfile.TemporaryFile()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors)
        failure = []

        def feed():
            try:
                for number, text in pairs:
                    process.stdin.write(b"%d\t" % number + text + b"\n")
                process.stdin.close()
            except Exception as error:  # a broken pipe: the planner ended early, reported below
                failure.append(error)
                try:
                    process.stdin.close()
                except Exception:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for line in process.stdout:
            text = line.rstrip(b"\n")
            record = json.loads(text)
            household = record.get("household")
            # The sort key: households by id, then lines without an id by line number.
            yield ((0, household, record["line"]) if isinstance(household, str) else (1, "", record["line"]), text)
        writer.join()
        status = process.wait()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        planner_seconds.add(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if status != 0 or failure:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip()
            raise RuntimeError(f"{' '.join(command)} exited with {status}: {detail or failure}")

    return run


def request_lines(context, path):
    """(line number, bytes) of every line, split at line feeds only, as `planner batch` does."""
    lines = context.newAPIHadoopFile(
        path, "org.apache.hadoop.mapreduce.lib.input.TextInputFormat", "org.apache.hadoop.io.LongWritable",
        "org.apache.hadoop.io.Text", conf={"textinputformat.record.delimiter": "\n"})
    return lines.map(lambda pair: pair[1].encode("utf-8")).zipWithIndex().map(lambda pair: (pair[1] + 1, pair[0]))


def main(argv):
    options = parse_arguments(argv)
    context = SparkContext(conf=SparkConf().setAppName("plan-households"))
    started = time.time()
    cores = context.defaultParallelism
    task_cpus = int(context.getConf().get("spark.task.cpus", "1"))
    settings = {
        "planner": options.planner, "foods": options.foods, "jobs": options.jobs or task_cpus,
        "recipes": None if options.no_recipes else options.recipes, "recipe_ingredients": options.recipe_ingredients,
        "input_name": options.input_name or os.path.basename(options.input.rstrip("/")),
    }
    # Blank lines go too: the planner skips them by its own rule (no result line).
    requests = request_lines(context, options.input)
    count = requests.count()
    partitions = max(1, min(options.partitions or 4 * cores, count))
    # Spread by line number (no shuffle order to depend on); each partition is one planner process.
    spread = requests.partitionBy(partitions, lambda number: number % partitions)
    planner_seconds = context.accumulator(0.0)
    results = spread.mapPartitions(plan_partition(settings, planner_seconds)).persist(StorageLevel.MEMORY_AND_DISK)
    planned = results.count()
    statuses = dict(results.map(lambda pair: (json.loads(pair[1]).get("status"), 1)).reduceByKey(lambda a, b: a + b).collect())
    results.sortByKey(numPartitions=partitions).values().saveAsTextFile(options.output)
    seconds = time.time() - started
    results.unpersist()
    context.stop()
    summary = {"lines": count, "results": planned, "statuses": statuses, "partitions": partitions, "cores": cores,
               "seconds": round(seconds, 2), "planner_cpu_seconds": round(planner_seconds.value, 2), "households_per_minute": round(60 * planned / seconds, 1) if seconds > 0 else None}
    # On stdout: spark-submit merges the driver's stderr into its stdout anyway.
    print("plan_households: " + json.dumps(summary, sort_keys=True), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
