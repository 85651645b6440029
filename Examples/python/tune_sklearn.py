"""Tune scikit-learn's HistGradientBoostingClassifier on digits with Sweep, from Python.

    Examples/python/run-sklearn        # creates .build/examples-venv (scikit-learn), builds sweep, runs this

The sweep file (sklearn.yaml) declares the search space; this program evaluates each trial. Boosting
rounds are reported as steps so the median pruner stops hopeless configurations early, and a
define-by-run parameter (l2_regularization) shows suggest_float. Interrupt it (Ctrl-C, kill -9) and
run it again: finished trials are kept and an interrupted one is resumed.
"""
import sys

import sweep_client
from sklearn.datasets import load_digits
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split

X, y = load_digits(return_X_y=True)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)


def objective(trial: sweep_client.Trial) -> float:
    p = trial.params
    l2 = trial.suggest_float("l2_regularization", 1e-6, 1.0, log=True)
    model = HistGradientBoostingClassifier(learning_rate=p["learning_rate"], max_depth=p["max_depth"], max_features=p["max_features"],
                                           l2_regularization=l2, max_iter=10, warm_start=True, early_stopping=False,
                                           random_state=0)
    accuracy = 0.0
    for step, rounds in enumerate([10, 25, 50, 100], start=1):
        model.set_params(max_iter=rounds)
        model.fit(X_train, y_train)          # warm start: adds the new boosting rounds only
        accuracy = model.score(X_val, y_val)
        trial.report(accuracy, step)         # raises TrialPruned when the median rule says stop
    return accuracy


if __name__ == "__main__":
    config = sys.argv[1] if len(sys.argv) > 1 else "sklearn.yaml"
    with sweep_client.Study(config) as study:
        study.optimize(objective)
        best = study.best_trial
        print(f"best val_accuracy {best.value:.4f} with {best.params}")
        counts = {}
        for t in study.trials:
            counts[t.state] = counts.get(t.state, 0) + 1
        print("trials:", counts)
