"""Errors of the Sweep client. Every error answered by `sweep session` carries the protocol's
error code (see docs/protocol.md) in ``SweepError.code``."""

from __future__ import annotations


class SweepError(Exception):
    """An error answered by `sweep session` (or raised by the client), with its protocol code."""

    code = "internal"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:  # "not_owner: trial 3 is run by ..."
        return f"{self.code}: {self.message}"


# The typed errors, one per protocol code (plus two of the client's own): name -> (code, doc).
_ERRORS = {
    "BadRequestError": ("bad_request", "A request the server could not read (``bad_json``, ``bad_request``, ``unknown_op``)."),
    "InvalidValueError": ("invalid_value", "A number out of range: NaN/infinite value, negative step (``invalid_value``)."),
    "UnknownTrialError": ("unknown_trial", "No such trial (``unknown_trial``)."),
    "TrialNotRunningError": ("not_running", "The trial is finished or waiting, so it cannot be reported or told (``not_running``)."),
    "NotOwnerError": ("not_owner", "Another worker runs the trial (``not_owner``)."),
    "InvalidSuggestionError": ("invalid_suggestion",
                               "A define-by-run suggestion conflicts with the declared space or an earlier one (``invalid_suggestion``)."),
    "InvalidParamsError": ("invalid_params", "Enqueued parameters do not fit the search space (``invalid_params``)."),
    "SweepConfigError": ("config", "The sweep cannot be opened: bad sweep file, unknown sweep, changed config (``config``)."),
    "StorageError": ("storage", "The store failed (``storage``)."),
    "SessionClosedError": ("session_closed", "The `sweep session` process is gone (it exited or was killed), or the client was closed."),
    "SweepNotFoundError": ("sweep_not_found", "The `sweep` binary was not found (give ``sweep_bin=``, set SWEEP_BIN, or put it on PATH)."),
}
for _name, (_code, _doc) in _ERRORS.items():
    globals()[_name] = type(_name, (SweepError,), {"code": _code, "__doc__": _doc, "__module__": __name__})
BadRequestError: type = globals()["BadRequestError"]
InvalidValueError: type = globals()["InvalidValueError"]
UnknownTrialError: type = globals()["UnknownTrialError"]
TrialNotRunningError: type = globals()["TrialNotRunningError"]
NotOwnerError: type = globals()["NotOwnerError"]
InvalidSuggestionError: type = globals()["InvalidSuggestionError"]
InvalidParamsError: type = globals()["InvalidParamsError"]
SweepConfigError: type = globals()["SweepConfigError"]
StorageError: type = globals()["StorageError"]
SessionClosedError: type = globals()["SessionClosedError"]
SweepNotFoundError: type = globals()["SweepNotFoundError"]


_BY_CODE = {
    "bad_json": BadRequestError,
    "bad_request": BadRequestError,
    "unknown_op": BadRequestError,
    "invalid_value": InvalidValueError,
    "unknown_trial": UnknownTrialError,
    "not_running": TrialNotRunningError,
    "not_owner": NotOwnerError,
    "invalid_suggestion": InvalidSuggestionError,
    "invalid_params": InvalidParamsError,
    "config": SweepConfigError,
    "storage": StorageError,
}


def error_from_reply(error: dict) -> SweepError:
    """The typed exception for a protocol ``error`` object ``{"code": ..., "message": ...}``."""
    code = str(error.get("code", "internal"))
    message = str(error.get("message", "unknown error"))
    return _BY_CODE.get(code, SweepError)(message, code)


class TrialPruned(Exception):
    """Raised by ``Trial.report`` when the pruner says stop (like ``optuna.TrialPruned``).

    ``Study.optimize`` records the trial as pruned; with ask/tell, catch it and call
    ``study.tell(trial, state="pruned")``. Raise it yourself to prune a trial.
    """


class TrialPaused(Exception):
    """Raised by ``Trial.report`` when a multi-fidelity scheduler's rung is reached (``pause``).

    The session has already handed the trial back (waiting, with its intermediate values); a later
    ``ask`` returns it again when the scheduler promotes it (``trial.last_step`` says where it
    stopped). Do not tell it. ``Study.optimize`` handles this for you.
    """

    def __init__(self, step: int):
        super().__init__(f"paused at step {step} for promotion")
        self.step = step
