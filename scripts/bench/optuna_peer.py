#!/usr/bin/env python3
"""Runs Optuna's GPSampler and TPESampler beside Sweep on the same workloads (`pip install optuna`, plus
torch for GPSampler).

  optuna_peer.py regret [seeds] [evals]   median log10 regret of GPSampler (defaults 10 seeds, 50 evals)
  optuna_peer.py gp-regret [seeds] [evals] [functions…]
                                          best-so-far regret trace of GPSampler(), one JSON line per
                                          function and seed (default: every function, 100 evals)
  optuna_peer.py time N [repeats]         one GPSampler suggestion on hartmann6 after N random trials (s)
  optuna_peer.py tpe-regret [seeds] [evals] [independent] [functions…]
                                          best-so-far regret trace of TPESampler() (Optuna's defaults,
                                          default 100 evals), one JSON line per function and seed;
                                          `independent` runs multivariate=False instead;
                                          FIRST_SEED=S (env) runs seeds S..S+seeds-1
  optuna_peer.py tpe-time N [repeats]     one TPESampler suggestion on hartmann6 after N random trials (s)

Test functions are the standard definitions used by SweepCore's TestFunction.
"""
import json, math, os, statistics, sys, time
import numpy as np

def branin(x):
    a, b, c, r, s, t = 1, 5.1 / (4 * math.pi ** 2), 5 / math.pi, 6, 10, 1 / (8 * math.pi)
    return a * (x[1] - b * x[0] ** 2 + c * x[0] - r) ** 2 + s * (1 - t) * math.cos(x[0]) + s

A = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]])
P = np.array([[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
              [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]])
ALPHA = np.array([1.0, 1.2, 3.0, 3.2])

def hartmann6(x):
    x = np.asarray(x)
    return float(-(ALPHA * np.exp(-(A * (x - P) ** 2).sum(axis=1))).sum())

def ackley(x):
    x = np.asarray(x); n = len(x)
    return float(-20 * math.exp(-0.2 * math.sqrt((x ** 2).sum() / n)) - math.exp(np.cos(2 * math.pi * x).sum() / n) + 20 + math.e)

def rosenbrock(x):
    return float(sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (x[i] - 1) ** 2 for i in range(len(x) - 1)))

def rastrigin(x):
    x = np.asarray(x)
    return float(10 * len(x) + (x ** 2 - 10 * np.cos(2 * math.pi * x)).sum())

def levy(x):
    w = 1 + (np.asarray(x) - 1) / 4
    return float(math.sin(math.pi * w[0]) ** 2 + ((w[:-1] - 1) ** 2 * (1 + 10 * np.sin(math.pi * w[:-1] + 1) ** 2)).sum()
                 + (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2))

def griewank(x):
    x = np.asarray(x)
    return float((x ** 2).sum() / 4000 - np.prod(np.cos(x / np.sqrt(np.arange(1, len(x) + 1)))) + 1)

FUNCTIONS = {
    "branin": (branin, [(-5, 10), (0, 15)], 0.397887357729738),
    "hartmann6": (hartmann6, [(0, 1)] * 6, -3.322368011391339),
    "ackley5": (ackley, [(-32.768, 32.768)] * 5, 0.0),
    "rosenbrock4": (rosenbrock, [(-5, 10)] * 4, 0.0),
    "rastrigin5": (rastrigin, [(-5.12, 5.12)] * 5, 0.0),
    "levy5": (levy, [(-10, 10)] * 5, 0.0),
    "griewank5": (griewank, [(-600, 600)] * 5, 0.0),
}

def main():
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    if sys.argv[1] in ("tpe-regret", "gp-regret"):
        seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
        evals = int(sys.argv[3]) if len(sys.argv) > 3 else 100
        kwargs = {"multivariate": False} if "independent" in sys.argv[4:] else {}
        only = [a for a in sys.argv[4:] if a in FUNCTIONS] or list(FUNCTIONS)
        if sys.argv[1] == "gp-regret":
            import torch
            torch.set_num_threads(1)
        for name, (f, bounds, fmin) in FUNCTIONS.items():
            if name not in only: continue
            for seed in range(int(os.environ.get("FIRST_SEED", "0")), int(os.environ.get("FIRST_SEED", "0")) + seeds):
                sampler = (optuna.samplers.GPSampler(seed=seed) if sys.argv[1] == "gp-regret"
                           else optuna.samplers.TPESampler(seed=seed, **kwargs))
                study = optuna.create_study(sampler=sampler)
                trace, best = [], math.inf
                def objective(t):
                    return f([t.suggest_float(f"x{i}", lo, hi) for i, (lo, hi) in enumerate(bounds)])
                for _ in range(evals):
                    study.optimize(objective, n_trials=1)
                    best = min(best, study.trials[-1].value)
                    trace.append(best - fmin)
                print(json.dumps({"function": name, "seed": seed, "regret": trace}), flush=True)
        return
    if sys.argv[1] == "tpe-time":
        return time_suggestion(optuna, optuna.samplers.TPESampler)
    import torch
    torch.set_num_threads(1)
    if sys.argv[1] == "regret":
        seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
        evals = int(sys.argv[3]) if len(sys.argv) > 3 else 50
        for name, (f, bounds, fmin) in FUNCTIONS.items():
            regrets = []
            for seed in range(seeds):
                study = optuna.create_study(sampler=optuna.samplers.GPSampler(seed=seed))
                study.optimize(lambda t: f([t.suggest_float(f"x{i}", lo, hi) for i, (lo, hi) in enumerate(bounds)]), n_trials=evals)
                regrets.append(math.log10(max(study.best_value - fmin, 1e-12)))
            print(json.dumps({"function": name, "evals": evals, "median": statistics.median(regrets), "per_seed": regrets}), flush=True)
    else:
        time_suggestion(optuna, optuna.samplers.GPSampler)

def time_suggestion(optuna, sampler_class):
    """CPU time of one suggestion on hartmann6 after N random trials (argv: N [repeats])."""
    n = int(sys.argv[2]); repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    f, bounds, _ = FUNCTIONS["hartmann6"]
    dists = {f"x{i}": optuna.distributions.FloatDistribution(0, 1) for i in range(6)}
    times = []
    for r in range(repeats):
        rng = np.random.default_rng(1000 + r)
        study = optuna.create_study(sampler=sampler_class(seed=r))
        for _ in range(n):
            x = rng.random(6)
            study.add_trial(optuna.trial.create_trial(params={f"x{i}": float(v) for i, v in enumerate(x)}, distributions=dists, value=f(x)))
        t0 = time.process_time()
        trial = study.ask()
        for i in range(6): trial.suggest_float(f"x{i}", 0, 1)
        times.append(time.process_time() - t0)
    print(json.dumps({"n": n, "seconds": times}), flush=True)

if __name__ == "__main__":
    main()
