"""Optuna-like ``Study`` and ``Trial`` over a `sweep session` process."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Type

from .errors import InvalidValueError, SweepError, TrialPaused, TrialPruned
from .session import Session


def _finite(value: Any, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidValueError(f"{what} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise InvalidValueError(f"{what} must be finite, got {value!r}; tell the trial as failed instead")
    return number


def _time(text: Optional[str]) -> Optional[datetime]:
    if not text:
        return None
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class FrozenTrial:
    """A stored trial (as ``sweep trials --format json`` prints it)."""

    number: int
    state: str
    value: Optional[float]
    params: Dict[str, Any]
    #: The objective vector of a trial of a sweep with several metrics (in ``metrics:`` order), else None.
    values: Optional[List[float]] = None
    intermediate_values: Dict[int, float] = field(default_factory=dict)
    attributes: Dict[str, Any] = field(default_factory=dict)
    failure_reason: Optional[str] = None
    datetime_start: Optional[datetime] = None
    datetime_complete: Optional[datetime] = None
    duration: Optional[float] = None

    @staticmethod
    def from_json(o: dict) -> "FrozenTrial":
        def number(v: Any) -> Optional[float]:
            if v is None:
                return None
            return float(v) if not isinstance(v, str) else float(v.replace("Infinity", "inf"))

        return FrozenTrial(
            number=int(o["number"]), state=o["state"], value=number(o.get("value")), params=dict(o.get("params", {})),
            values=[number(v) for v in o["values"]] if o.get("values") is not None else None,
            intermediate_values={int(k): number(v) for k, v in o.get("intermediate_values", {}).items()},
            attributes=dict(o.get("attributes", {})), failure_reason=o.get("failure_reason"),
            datetime_start=_time(o.get("started_at")), datetime_complete=_time(o.get("finished_at")),
            duration=o.get("duration_s"))


class Trial:
    """A running trial handed out by ``Study.ask``: its parameters, define-by-run suggestions and
    intermediate reports. Used by one thread at a time."""

    def __init__(self, study: "Study", reply: dict):
        self.study = study
        #: The trial's number in the sweep.
        self.number: int = int(reply["trial"])
        #: Parameter values (declared ones, plus define-by-run suggestions made so far).
        self.params: Dict[str, Any] = dict(reply.get("params", {}))
        #: The steps (epochs) a multi-fidelity scheduler granted this run of the trial, or None.
        self.resource: Optional[int] = reply.get("resource")
        #: The last step reported by an earlier run of this trial (interrupted or paused), or None.
        self.last_step: Optional[int] = reply.get("last_step")
        #: Sampler/scheduler attributes.
        self.attributes: Dict[str, Any] = dict(reply.get("attributes", {}))
        self._last_decision = "continue"
        self.finished = False

    def __repr__(self) -> str:
        return f"Trial(number={self.number}, params={self.params!r})"

    def _suggest(self, name: str, **spec: Any) -> Any:
        if not isinstance(name, str) or not name:
            raise InvalidValueError(f"a parameter name must be a non-empty string, got {name!r}")
        value = self.study._session.request("suggest", trial=self.number, name=name, **spec)["value"]
        self.params[name] = value
        return value

    def suggest_float(self, name: str, low: float, high: float, *, step: Optional[float] = None, log: bool = False) -> float:
        """A float in [low, high] (log-uniform with ``log``, on a grid with ``step``). Declared
        parameters return their sampled value (which must lie in the range)."""
        spec: Dict[str, Any] = {"type": "float", "low": _finite(low, "low"), "high": _finite(high, "high"), "log": bool(log)}
        if step is not None:
            spec["step"] = _finite(step, "step")
        return float(self._suggest(name, **spec))

    def suggest_int(self, name: str, low: int, high: int, *, step: int = 1, log: bool = False) -> int:
        """An int in [low, high]."""
        return int(self._suggest(name, type="int", low=int(low), high=int(high), step=int(step), log=bool(log)))

    def suggest_categorical(self, name: str, choices: Sequence[Any]) -> Any:
        """One of ``choices`` (strings, numbers or booleans)."""
        return self._suggest(name, type="categorical", choices=list(choices))

    def report(self, value: float, step: int) -> str:
        """Records an intermediate value (e.g. validation loss after an epoch).

        Returns ``"continue"``; raises ``TrialPruned`` when the pruner says stop and ``TrialPaused``
        when a multi-fidelity rung is reached (the trial was handed back for a later promotion).
        """
        if isinstance(step, bool) or not isinstance(step, int) or step < 0:
            raise InvalidValueError(f"step must be an integer >= 0, got {step!r}")
        decision = self.study._session.request("report", trial=self.number, step=step,
                                               value=_finite(value, "value"))["decision"]
        self._last_decision = decision
        if decision == "prune":
            raise TrialPruned(f"trial {self.number} pruned at step {step}")
        if decision == "pause":
            self.finished = True
            raise TrialPaused(step)
        return decision

    def should_prune(self) -> bool:
        """Whether the last report was answered ``prune`` (for code that calls ``report`` inside
        ``try``/``except TrialPruned`` as with Optuna)."""
        return self._last_decision == "prune"


class Study:
    """A Sweep sweep driven from Python, like ``optuna.Study``.

    ``Study("sweep.yaml")`` opens (creating or resuming) the sweep a file describes; ``Study("name",
    storage="sweeps/name.sqlite")`` opens a stored one. The binary is ``sweep_bin``, $SWEEP_BIN or
    `sweep` on PATH. Close it (or use ``with``) to hand back trials you did not finish.
    """

    def __init__(self, sweep: str, storage: Optional[str] = None, *, sweep_bin: Optional[str] = None,
                 lease: Optional[float] = None, trace: Optional[Callable[[str, dict], None]] = None):
        self._session = Session(sweep, storage=storage, sweep_bin=sweep_bin, lease=lease, trace=trace)
        info = self._session.info
        #: The sweep's name, its direction ("minimize"/"maximize") and metric name.
        self.study_name: str = info["sweep"]
        self.direction: str = info["direction"]
        self.metric_name: str = info["metric"]
        #: Why the last ``ask`` returned None ("trial budget reached", …).
        self.last_stop_reason: Optional[str] = None

    # -- lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        """Hands back unfinished trials and stops the session process."""
        self._session.close()

    def __enter__(self) -> "Study":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def session_pid(self) -> int:
        """The pid of the `sweep session` process."""
        return self._session.process.pid

    # -- ask / tell ------------------------------------------------------------------------------

    def ask(self) -> Optional[Trial]:
        """The next trial (an interrupted or paused one first), or None once the sweep's budget is
        spent (``last_stop_reason`` says why)."""
        return self._trial_or_none(self._session.request("ask"))

    def tell(self, trial: Any, value: Optional[float] = None, *, values: Optional[Sequence[float]] = None,
             metrics: Optional[Dict[str, float]] = None, state: Optional[str] = None,
             reason: Optional[str] = None) -> FrozenTrial:
        """Records how ``trial`` (a ``Trial`` or its number) ended: a ``value``, or ``values`` (one per
        metric of a sweep with several ``metrics:``, in their order) with optional ``metrics`` (named
        values its ``constraints:`` need, e.g. ``{"latency_us": 12.5}``), or ``state="pruned"`` /
        ``state="failed"`` (with ``reason``). A NaN or infinite objective value fails the trial; a wrong
        number of values or a missing constraint metric raises ``InvalidValueError`` and stores nothing."""
        reply = self._session.request("tell", **self._outcome(trial, value, state, reason, values, metrics))
        if isinstance(trial, Trial):
            trial.finished = True
        return FrozenTrial.from_json(reply["trial"])

    def _tell_and_ask(self, trial: Trial, value: Optional[float] = None, state: Optional[str] = None,
                      reason: Optional[str] = None) -> Optional[Trial]:
        """``tell`` then ``ask`` in one request (and one store transaction): the loop step of ``optimize``."""
        reply = self._session.request("tell", ask=True, **self._outcome(trial, value, state, reason))
        trial.finished = True
        return self._trial_or_none(reply["next"])

    @staticmethod
    def _outcome(trial: Any, value: Optional[float], state: Optional[str], reason: Optional[str],
                 values: Optional[Sequence[float]] = None, metrics: Optional[Dict[str, float]] = None) -> Dict[str, Any]:
        fields: Dict[str, Any] = {"trial": trial.number if isinstance(trial, Trial) else int(trial)}
        if (values is not None or metrics is not None) and state in (None, "complete"):
            if values is not None and value is not None:
                raise InvalidValueError("give value or values, not both")
            vector = [value] if values is None else list(values)
            try:
                numbers = [float(v) for v in vector]
                named = {str(k): float(v) for k, v in (metrics or {}).items()}
            except (TypeError, ValueError):
                raise InvalidValueError(f"values and metrics must be numbers, got {vector!r} and {metrics!r}") from None
            if not all(math.isfinite(v) for v in named.values()):
                raise InvalidValueError(f"metrics must be finite numbers, got {metrics!r}")
            if all(math.isfinite(v) for v in numbers):
                fields["values"] = numbers
                if named:
                    fields["metrics"] = named
            else:
                fields.update(state="failed", reason=f"objective returned {vector!r}")
        elif state in (None, "complete"):
            if value is None:
                raise InvalidValueError("tell needs a value, or state='pruned' / state='failed'")
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise InvalidValueError(f"the objective value must be a number, got {value!r}") from None
            if math.isfinite(number):
                fields["value"] = number
            else:
                fields.update(state="failed", reason=f"objective returned {value!r}")
        elif state == "pruned":
            fields["state"] = "pruned"
        elif state == "failed":
            fields.update(state="failed", reason=reason or "failed")
        else:
            raise InvalidValueError(f"state must be 'complete', 'pruned' or 'failed', got {state!r}")
        return fields

    def _trial_or_none(self, reply: dict) -> Optional[Trial]:
        if reply.get("done"):
            self.last_stop_reason = reply.get("reason")
            return None
        return Trial(self, reply)

    def optimize(self, func: Callable[[Trial], float], n_trials: Optional[int] = None, timeout: Optional[float] = None,
                 catch: Tuple[Type[BaseException], ...] = ()) -> None:
        """Runs ``func`` on asked trials until ``n_trials`` ran, ``timeout`` seconds passed, or the
        sweep's budget is spent. ``TrialPruned`` prunes the trial; any other exception fails it and
        is re-raised unless it is an instance of ``catch`` (as in Optuna). Ctrl-C hands the running
        trial back (it resumes at the next ask) and re-raises. Between trials the result and the
        next ask travel in one request."""
        start = time.monotonic()
        done = 0

        def more() -> bool:
            return (n_trials is None or done < n_trials) and (timeout is None or time.monotonic() - start < timeout)

        trial = self.ask() if more() else None
        while trial is not None:
            done += 1
            outcome: Dict[str, Any]
            try:
                value = func(trial)
                outcome = {"value": value} if value is not None else {"state": "failed", "reason": "the objective returned None"}
            except TrialPruned:
                outcome = {"state": "pruned"}
            except TrialPaused:
                trial = self.ask() if more() else None
                continue
            except KeyboardInterrupt:
                try:
                    self._session.request("release", trial=trial.number)
                finally:
                    raise
            except Exception as e:  # noqa: BLE001 - the trial fails with the exception's text
                self.tell(trial, state="failed", reason=f"{type(e).__name__}: {e}")
                if isinstance(e, catch):
                    trial = self.ask() if more() else None
                    continue
                raise
            if more():
                trial = self._tell_and_ask(trial, **outcome)
            else:
                self.tell(trial, **outcome)
                trial = None

    def enqueue_trial(self, params: Dict[str, Any]) -> FrozenTrial:
        """Adds a trial with these parameters; it runs before new proposals."""
        return FrozenTrial.from_json(self._session.request("enqueue", params=dict(params))["trial"])

    # -- reading ---------------------------------------------------------------------------------

    @property
    def trials(self) -> List[FrozenTrial]:
        """Every trial, by number."""
        return self.get_trials()

    def get_trials(self, states: Optional[Sequence[str]] = None) -> List[FrozenTrial]:
        """Trials, optionally only those in ``states`` ("waiting", "running", "complete", "pruned", "failed")."""
        fields = {"states": list(states)} if states is not None else {}
        return [FrozenTrial.from_json(t) for t in self._session.request("trials", **fields)["trials"]]

    @property
    def best_trial(self) -> FrozenTrial:
        """The best complete trial; ValueError when none completed yet (as in Optuna)."""
        t = self._session.request("best")["trial"]
        if t is None:
            raise ValueError("no trial is complete yet")
        return FrozenTrial.from_json(t)

    @property
    def best_value(self) -> float:
        value = self.best_trial.value
        assert value is not None
        return value

    @property
    def best_params(self) -> Dict[str, Any]:
        return self.best_trial.params

    def info(self) -> Dict[str, Any]:
        """Budget, trial counts and the trials this client holds."""
        reply = self._session.request("info")
        return {k: v for k, v in reply.items() if k not in ("id", "ok")}

    def trials_dataframe(self):
        """The trials as a pandas DataFrame (number, value, state, params_*, datetime_start,
        datetime_complete, duration); needs pandas."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("trials_dataframe needs pandas (pip install pandas)") from None
        rows = []
        for t in self.trials:
            row: Dict[str, Any] = {"number": t.number, "value": t.value, "state": t.state,
                                   "datetime_start": t.datetime_start, "datetime_complete": t.datetime_complete,
                                   "duration": t.duration}
            for k, v in t.params.items():
                row["params_" + k] = v
            rows.append(row)
        return pd.DataFrame(rows)
