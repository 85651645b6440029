"""A PyTorch-style training loop driven by Sweep, with a report per epoch (a skeleton: replace the
marked parts with your model and data). It shows the parts that matter for a tuned training loop:

- parameters from the sweep file (`trial.params`) and define-by-run ones (`trial.suggest_*`);
- `trial.report(val_loss, epoch)` after every epoch: `TrialPruned` stops a hopeless trial (median
  rule), `TrialPaused` ends this run of a trial at a Hyperband/ASHA rung (`trial.resource` epochs);
- checkpoints, so a promoted or interrupted trial continues where it stopped (`trial.last_step`).

    cd Examples/python && python3 torch_loop_skeleton.py torch.yaml   # with sweep_client installed

torch.yaml (next to this file) has no objective: this program evaluates the trials.
"""
import os
import sys

import sweep_client

CHECKPOINTS = os.environ.get("CHECKPOINTS", "checkpoints")


def train(trial: sweep_client.Trial) -> float:
    lr = trial.params["lr"]
    hidden = trial.params["hidden"]
    dropout = trial.suggest_float("dropout", 0.0, 0.5)                 # define-by-run
    optimizer_name = trial.suggest_categorical("optimizer", ["adam", "sgd"])
    epochs = trial.resource or 27                                     # rung length under ASHA, else the full budget
    checkpoint = os.path.join(CHECKPOINTS, f"trial-{trial.number}.pt")

    # --- replace: build the model and optimizer -------------------------------------------------
    # model = MLP(hidden=hidden, dropout=dropout)
    # optimizer = torch.optim.Adam(model.parameters(), lr=lr) if optimizer_name == "adam" else torch.optim.SGD(...)
    state = {"epoch": 0, "val_loss": float("inf")}
    first_epoch = 1
    if trial.last_step and os.path.exists(checkpoint):
        # --- replace: state = torch.load(checkpoint); model.load_state_dict(...); optimizer.load_state_dict(...)
        first_epoch = trial.last_step + 1

    val_loss = state["val_loss"]
    for epoch in range(first_epoch, epochs + 1):
        # --- replace: one epoch of training, then validation ------------------------------------
        val_loss = (lr - 0.01) ** 2 * 100 + 1.0 / (epoch * hidden) + dropout * 0.01 + (0.001 if optimizer_name == "sgd" else 0.0)
        os.makedirs(CHECKPOINTS, exist_ok=True)
        # --- replace: torch.save({"model": ..., "optimizer": ..., "epoch": epoch}, checkpoint)
        with open(checkpoint, "w") as f:
            f.write(str(epoch))
        trial.report(val_loss, epoch)  # may raise TrialPruned / TrialPaused: let them propagate
    return val_loss


def main():
    config = sys.argv[1] if len(sys.argv) > 1 else "torch.yaml"
    with sweep_client.Study(config) as study:
        study.optimize(train)
        print("best:", study.best_trial.params, study.best_value)


if __name__ == "__main__":
    main()
