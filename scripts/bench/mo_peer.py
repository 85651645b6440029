"""Optuna's multi-objective samplers on scripts/bench/mo's problems, same budgets and seed numbers
(Optuna draws its own random numbers, so only the statistics are comparable). Run by scripts/bench/mo in
its venv (pinned optuna, torch CPU for GPSampler). One JSON line per run.

  mo_peer.py run <problem> <evaluations> <seed> <nsga2|tpe|gp>   → {"problem", "sampler", "seed", "hv": [...]}
  mo_peer.py time <N> <repeats>   GPSampler: one suggestion (study.ask) on dtlz2 (6 inputs, 2 objectives)
                                  after N random trials → {"seconds": [...]} (process CPU time)
"""
import json, math, random, sys, time, warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=FutureWarning)  # constraints_func: deprecated in 5.0, still what all three samplers take


def branin(a, b):
    return (b - 5.1 / (4 * math.pi ** 2) * a * a + 5 / math.pi * a - 6) ** 2 + 10 * (1 - 1 / (8 * math.pi)) * math.cos(a) + 10


def branincurrin(x):
    x0, x1 = x
    factor = 1 - math.exp(-1 / (2 * x1)) if x1 > 0 else 1
    currin = factor * (2300 * x0 ** 3 + 1900 * x0 ** 2 + 2092 * x0 + 60) / (100 * x0 ** 3 + 500 * x0 ** 2 + 4 * x0 + 20)
    return [branin(15 * x0 - 5, 15 * x1), currin]


def dtlz2(x, m=2):
    g = sum((v - 0.5) ** 2 for v in x[m - 1:])
    out = []
    for j in range(m):
        f = 1 + g
        for i in range(m - 1 - j):
            f *= math.cos(x[i] * math.pi / 2)
        if j > 0:
            f *= math.sin(x[m - 1 - j] * math.pi / 2)
        out.append(f)
    return out


def zdt1(x):
    g = 1 + 9 * sum(x[1:]) / (len(x) - 1)
    return [x[0], g * (1 - math.sqrt(x[0] / g))]


def disk(x):
    a, b = 15 * x[0] - 5 - 2.5, 15 * x[1] - 7.5
    return [a * a + b * b - 50]


# name: (dimension, objectives, constraints or None, reference point) — as mo-bench's.
PROBLEMS = {
    "branincurrin": (2, branincurrin, None, [18.0, 6.0]),
    "dtlz2": (6, dtlz2, None, [1.1, 1.1]),
    "zdt1": (6, zdt1, None, [11.0, 11.0]),
    "constrained_branincurrin": (2, branincurrin, disk, [80.0, 12.0]),
}


def hv2(points, ref):
    area, best = 0.0, ref[1]
    for p in sorted(p for p in points if p[0] < ref[0] and p[1] < ref[1]):
        if p[1] < best:
            area += (ref[0] - p[0]) * (best - p[1])
            best = p[1]
    return area


def make_sampler(name, seed, constraints):
    cf = (lambda t: t.user_attrs["c"]) if constraints else None
    if name == "nsga2":
        return optuna.samplers.NSGAIISampler(seed=seed, constraints_func=cf)
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed, constraints_func=cf)
    if name == "gp":
        return optuna.samplers.GPSampler(seed=seed, constraints_func=cf)
    raise SystemExit(f"unknown sampler {name}")


def run(problem, evaluations, seed, name):
    d, f, constraints, ref = PROBLEMS[problem]
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=make_sampler(name, seed, constraints))
    feasible, hv, seconds = [], [], []
    for _ in range(evaluations):
        t0 = time.process_time()
        trial = study.ask()
        x = [trial.suggest_float(f"x{i}", 0.0, 1.0) for i in range(d)]
        seconds.append(time.process_time() - t0)
        y = f(x)
        c = constraints(x) if constraints else []
        if constraints:
            trial.set_user_attr("c", c)
        study.tell(trial, y)
        if all(v <= 0 for v in c):
            feasible.append(y)
        hv.append(hv2(feasible, ref))
    print(json.dumps({"problem": problem, "sampler": name, "seed": seed, "hv": hv, "suggest_seconds": seconds}), flush=True)


def timing(n, repeats):
    rng = random.Random(42)
    dists = {f"x{i}": optuna.distributions.FloatDistribution(0.0, 1.0) for i in range(6)}
    out = []
    for r in range(repeats):
        study = optuna.create_study(directions=["minimize", "minimize"], sampler=optuna.samplers.GPSampler(seed=r))
        for _ in range(n):
            params = {k: rng.random() for k in dists}
            study.add_trial(optuna.trial.create_trial(params=params, distributions=dists,
                                                      values=dtlz2([params[f"x{i}"] for i in range(6)])))
        t0 = time.process_time()
        study.ask(dists)
        out.append(time.process_time() - t0)
    print(json.dumps({"seconds": out}))


if __name__ == "__main__":
    if sys.argv[1] == "run":
        run(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    elif sys.argv[1] == "time":
        timing(int(sys.argv[2]), int(sys.argv[3]))
    else:
        raise SystemExit(__doc__)
