"""Checks what `sweep export --mlflow` wrote, with MLflow's own Python client.

Usage: mlflow-check.py URL EXPERIMENT SWEEP METRIC METHOD TRIALS.jsonl [BEST.ckpt]
TRIALS.jsonl is `sweep export --format jsonl` of the same sweep (the ground truth); BEST.ckpt is what
`sweep best --save-model` wrote (mlp sweeps). Exits 1 with a list of problems, 0 when all hold.
"""
import json
import math
import os
import sys
import tempfile

import mlflow
from mlflow.tracking import MlflowClient

url, experiment, sweep, metric, method, trials_path = sys.argv[1:7]
best_ckpt = sys.argv[7] if len(sys.argv) > 7 else None
problems = []


def stored(v):
    """A value as MLflow's SQL store keeps it: +-inf become +-max float."""
    v = float(v)
    return math.copysign(sys.float_info.max, v) if math.isinf(v) else v


def check(cond, what):
    if not cond:
        problems.append(what)


trials = [json.loads(line) for line in open(trials_path) if line.strip()]
mlflow.set_tracking_uri(url)  # the artifact proxy (mlflow-artifacts:) resolves against it
client = MlflowClient(tracking_uri=url)
exp = client.get_experiment_by_name(experiment)
if exp is None:
    sys.exit(f"experiment {experiment!r} not found at {url}")
runs = client.search_runs([exp.experiment_id], filter_string=f"tags.`sweep.name` = '{sweep}'", max_results=5000)
parents = [r for r in runs if r.data.tags.get("sweep.role") == "parent"]
children = [r for r in runs if r.data.tags.get("sweep.role") != "parent"]
check(len(parents) == 1, f"{len(parents)} parent runs, expected 1")
check(len(children) == len(trials), f"{len(children)} trial runs for {len(trials)} trials (duplicates?)")
by_trial = {}
for r in children:
    n = int(r.data.tags["sweep.trial"])
    check(n not in by_trial, f"trial {n} has more than one run")
    by_trial[n] = r
parent_id = parents[0].info.run_id if parents else None
status = {"complete": "FINISHED", "pruned": "KILLED", "failed": "FAILED", "running": "RUNNING", "waiting": "SCHEDULED"}
best_runs = []
points = 0
for t in trials:
    n = t["number"]
    r = by_trial.get(n)
    if r is None:
        problems.append(f"trial {n}: no run")
        continue
    tags, where = r.data.tags, f"trial {n} (run {r.info.run_id})"
    check(r.info.run_name == f"trial-{n}", f"{where}: run name {r.info.run_name!r}")
    check(r.info.status == status[t["state"]], f"{where}: status {r.info.status} for state {t['state']}")
    check(tags.get("sweep.state") == t["state"], f"{where}: sweep.state {tags.get('sweep.state')!r}")
    check(tags.get("sweep.method") == method, f"{where}: sweep.method {tags.get('sweep.method')!r}")
    check(tags.get("mlflow.parentRunId") == parent_id, f"{where}: mlflow.parentRunId {tags.get('mlflow.parentRunId')!r}")
    if t.get("failure_reason"):
        check(tags.get("sweep.failure_reason") == t["failure_reason"], f"{where}: failure reason tag")
    if tags.get("sweep.best") == "true":
        best_runs.append(r)
    # Params: the exact numbers, as text MLflow keeps as strings.
    check(set(r.data.params) == set(t["params"]), f"{where}: params {sorted(r.data.params)} vs {sorted(t['params'])}")
    for k, v in t["params"].items():
        got = r.data.params.get(k)
        if isinstance(v, bool) or isinstance(v, str):
            ok = got == (("true" if v else "false") if isinstance(v, bool) else v)
        else:
            ok = got is not None and float(got) == float(v)
        check(ok, f"{where}: param {k} = {got!r}, stored {v!r}")
    # Final value and history with steps, no duplicate points.
    if t.get("value") is not None:
        got = r.data.metrics.get(metric)
        check(got == stored(t["value"]), f"{where}: metric {metric} = {got!r}, stored final value {t['value']!r}")
    history = client.get_metric_history(r.info.run_id, metric)
    pairs = [(m.step, m.value) for m in history]
    points += len(pairs)
    check(len(pairs) == len(set(pairs)), f"{where}: duplicated history points {sorted(pairs)}")
    for step, value in t.get("intermediate_values", {}).items():
        check((int(step), stored(value)) in pairs or (math.isnan(float(value)) and any(s == int(step) and math.isnan(x) for s, x in pairs)), f"{where}: step {step} value {value!r} missing from the history {sorted(pairs)}")
    check(r.info.start_time is not None and (t.get("started_at") is None or r.info.start_time > 0), f"{where}: start time")

complete = [t for t in trials if t["state"] == "complete" and t.get("value") is not None and not math.isnan(t["value"])]
check(len(best_runs) == (1 if complete else 0), f"{len(best_runs)} runs tagged sweep.best=true")
if best_ckpt:
    if best_runs:
        with tempfile.TemporaryDirectory() as d:
            path = client.download_artifacts(best_runs[0].info.run_id, "model/best.ckpt", d)
            got = open(path, "rb").read()
            want = open(best_ckpt, "rb").read()
            check(got == want, f"artifact model/best.ckpt: {len(got)} bytes differ from the checkpoint ({len(want)} bytes)")
    else:
        problems.append("no best run to hold the model")

if problems:
    print(f"MLflow check of {sweep!r} FAILED:", *problems, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(f"MLflow check of {sweep!r}: {len(trials)} runs, {points} metric points, parent run, tags"
      + (", model artifact" if best_ckpt else "") + " OK")
