"""Tune scikit-learn's SGDClassifier on digits with Sweep, from Python.

    Examples/python/run-sklearn        # creates .build/examples-venv (scikit-learn), builds sweep, runs this

The sweep file (sklearn.yaml) declares the search space (Bayesian optimization); this program
evaluates each trial: 20 epochs of `partial_fit`, the validation accuracy reported after each, so
the median pruner stops hopeless configurations early. `l1_ratio` is a define-by-run parameter that
exists only for the elasticnet penalty. Interrupt it (Ctrl-C, kill -9) and run it again: finished
trials are kept and an interrupted one is resumed; raise `budget.trials` to extend the sweep.
"""
import sys

import numpy as np
import sweep_client
from sklearn.datasets import load_digits
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

X, y = load_digits(return_X_y=True)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
scaler = StandardScaler().fit(X_train)
X_train, X_val = scaler.transform(X_train), scaler.transform(X_val)
CLASSES = np.unique(y)
EPOCHS = 20


def objective(trial: sweep_client.Trial) -> float:
    p = trial.params
    l1_ratio = trial.suggest_float("l1_ratio", 0.0, 1.0) if p["penalty"] == "elasticnet" else 0.15
    model = SGDClassifier(loss="log_loss", alpha=p["alpha"], eta0=p["eta0"], learning_rate=p["learning_rate"],
                          penalty=p["penalty"], l1_ratio=l1_ratio, random_state=trial.number)
    rng = np.random.default_rng(trial.number)
    accuracy = 0.0
    for epoch in range(1, EPOCHS + 1):
        order = rng.permutation(len(X_train))
        model.partial_fit(X_train[order], y_train[order], classes=CLASSES)
        accuracy = model.score(X_val, y_val)
        trial.report(accuracy, epoch)        # raises TrialPruned when the median rule says stop
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
