"""Drive a Sweep hyperparameter search from Python, like Optuna's ask/tell.

    import sweep_client
    study = sweep_client.Study("sweep.yaml")
    study.optimize(objective, n_trials=50)
    print(study.best_trial.params)

Pure standard library; talks to `sweep session` (docs/protocol.md) over pipes.
"""

from .errors import (
    BadRequestError, InvalidParamsError, InvalidSuggestionError, InvalidValueError, NotOwnerError,
    SessionClosedError, StorageError, SweepConfigError, SweepError, SweepNotFoundError, TrialNotRunningError,
    TrialPaused, TrialPruned, UnknownTrialError,
)
from .session import PROTOCOL_VERSION, Session, find_sweep
from .study import FrozenTrial, Study, Trial

__all__ = [
    "Study", "Trial", "FrozenTrial", "Session", "find_sweep", "PROTOCOL_VERSION",
    "SweepError", "BadRequestError", "InvalidValueError", "UnknownTrialError", "TrialNotRunningError", "NotOwnerError",
    "InvalidSuggestionError", "InvalidParamsError", "SweepConfigError", "StorageError", "SessionClosedError",
    "SweepNotFoundError", "TrialPruned", "TrialPaused",
]
__version__ = "0.1.0"
