"""The Python client against a real `sweep session` (the debug build, or $SWEEP_BIN)."""

from __future__ import annotations

import math
import os
import unittest

from support import SweepTestCase

import sweep_client
from sweep_client import Study, TrialPaused, TrialPruned

SPACE = """
parameters:
  x: {type: float, min: -3, max: 3}
  n: {type: int, min: 1, max: 4}
  act: {values: [relu, tanh]}
"""


class AskTellTests(SweepTestCase):
    def test_ask_and_tell_until_the_budget_is_spent(self):
        path = self.sweep_file("basic", SPACE + "budget: {trials: 6}\n")
        with Study(path, sweep_bin=self.sweep) as study:
            self.assertEqual((study.study_name, study.direction, study.metric_name), ("basic", "minimize", "loss"))
            told = []
            while True:
                trial = study.ask()
                if trial is None:
                    break
                self.assertIsInstance(trial.params["x"], float)
                self.assertIsInstance(trial.params["n"], int)
                self.assertIn(trial.params["act"], ("relu", "tanh"))
                value = (trial.params["x"] - 1) ** 2 - 1.25
                frozen = study.tell(trial, value)
                self.assertEqual((frozen.state, frozen.value), ("complete", value))
                told.append(value)
            self.assertEqual(len(told), 6)
            self.assertEqual(study.last_stop_reason, "trial budget reached")
            self.assertEqual(study.best_value, min(told))
            self.assertEqual(study.best_trial.params, study.trials[told.index(min(told))].params)

    def test_define_by_run_suggestions_are_stored_and_repeatable(self):
        path = self.sweep_file("dbr", SPACE + "budget: {trials: 4}\n")
        with Study(path, sweep_bin=self.sweep) as study:
            trial = study.ask()
            lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
            self.assertTrue(1e-5 <= lr <= 1e-1)
            self.assertEqual(trial.suggest_float("lr", 1e-5, 1e-1, log=True), lr)
            k = trial.suggest_int("k", 2, 8, step=2)
            self.assertIn(k, (2, 4, 6, 8))
            opt = trial.suggest_categorical("opt", ["sgd", "adam"])
            self.assertIn(opt, ("sgd", "adam"))
            whole = trial.suggest_float("whole", 1, 3, step=1.0)
            self.assertIsInstance(whole, float)
            # A declared parameter answers its sampled value.
            self.assertEqual(trial.suggest_float("x", -3, 3), trial.params["x"])
            with self.assertRaises(sweep_client.InvalidSuggestionError) as e:
                trial.suggest_float("lr", 1.0, 2.0)
            self.assertEqual(e.exception.code, "invalid_suggestion")
            study.tell(trial, 0.5)
            stored = study.trials[0].params
            self.assertEqual((stored["lr"], stored["k"], stored["opt"]), (lr, k, opt))

    def test_typed_errors_carry_the_protocol_code(self):
        path = self.sweep_file("err", SPACE + "budget: {trials: 4}\n")
        with Study(path, sweep_bin=self.sweep) as study:
            trial = study.ask()
            with self.assertRaises(sweep_client.UnknownTrialError) as e:
                study.tell(99, 1.0)
            self.assertEqual(e.exception.code, "unknown_trial")
            with self.assertRaises(sweep_client.InvalidValueError):
                trial.report(float("nan"), 1)
            with self.assertRaises(sweep_client.InvalidValueError):
                trial.report(1.0, -1)
            study.tell(trial, 2.0)
            with self.assertRaises(sweep_client.TrialNotRunningError) as e:
                study.tell(trial, 3.0)
            self.assertEqual(e.exception.code, "not_running")
            with self.assertRaises(sweep_client.InvalidParamsError):
                study.enqueue_trial({"x": 10.0, "n": 1, "act": "relu"})
            with self.assertRaises(sweep_client.InvalidValueError):
                study.enqueue_trial({"x": math.inf, "n": 1, "act": "relu"})
            # NaN from the objective fails the trial (as in Optuna).
            nan_trial = study.ask()
            self.assertEqual(study.tell(nan_trial, math.nan).state, "failed")
        with self.assertRaises(sweep_client.SweepConfigError) as e:
            Study("nothere", storage=os.path.join(self.dir, "none.sqlite"), sweep_bin=self.sweep)
        self.assertEqual(e.exception.code, "config")
        with self.assertRaises(sweep_client.SweepNotFoundError):
            Study(path, sweep_bin=os.path.join(self.dir, "no-such-sweep"))

    def test_enqueued_trials_run_first(self):
        path = self.sweep_file("enq", SPACE + "budget: {trials: 3}\n")
        with Study(path, sweep_bin=self.sweep) as study:
            study.enqueue_trial({"x": 0.25, "n": 2, "act": "tanh"})
            trial = study.ask()
            self.assertEqual(trial.params, {"x": 0.25, "n": 2, "act": "tanh"})

    def test_closing_hands_unfinished_trials_back(self):
        path = self.sweep_file("close", SPACE + "budget: {trials: 3}\n")
        study = Study(path, sweep_bin=self.sweep)
        trial = study.ask()
        trial.report(0.75, 1)
        study.close()
        self.assertEqual(study._session.process.returncode, 0)
        with Study(path, sweep_bin=self.sweep) as again:
            self.assertEqual([t.state for t in again.trials], ["waiting"])
            resumed = again.ask()
            self.assertEqual((resumed.number, resumed.params, resumed.last_step), (trial.number, trial.params, 1))


    def test_a_reply_left_unread_by_an_interrupted_wait_is_skipped(self):
        path = self.sweep_file("stale", SPACE + "budget: {trials: 3}\n")
        with Study(path, sweep_bin=self.sweep) as study:
            session = study._session
            # As if Ctrl-C struck after a request was written and before its reply was read.
            session._next_id += 1
            session._in.write(b'{"op":"info","id":%d}\n' % session._next_id)
            session._in.flush()
            trial = study.ask()
            self.assertEqual(trial.number, 0)
            self.assertEqual(study.tell(trial, 1.0).state, "complete")


class OptimizeTests(SweepTestCase):
    def test_pruning_failures_and_exceptions(self):
        path = self.sweep_file("opt", SPACE + "pruner: {name: median, warmup_trials: 3}\nbudget: {trials: 40}\n")

        def objective(trial):
            x = trial.params["x"]
            if trial.params["act"] == "tanh" and trial.params["n"] == 4:
                raise RuntimeError("unlucky combination")
            for step in range(1, 6):
                trial.report((x - 1) ** 2 + 1.0 / step, step)
            return (x - 1) ** 2

        with Study(path, sweep_bin=self.sweep) as study:
            study.optimize(objective, n_trials=40, catch=(RuntimeError,))
            trials = study.trials
        states = [t.state for t in trials]
        self.assertEqual(len(trials), 40)
        self.assertGreater(states.count("pruned"), 0)
        self.assertGreater(states.count("complete"), 0)
        self.assertNotIn("running", states)
        for t in trials:
            if t.state == "failed":
                self.assertEqual(t.failure_reason, "RuntimeError: unlucky combination")
            if t.state == "pruned":
                self.assertLess(max(t.intermediate_values), 5)

    def test_an_exception_not_caught_fails_the_trial_and_propagates(self):
        path = self.sweep_file("raise", SPACE + "budget: {trials: 5}\n")

        def objective(trial):
            raise KeyError("boom")

        with Study(path, sweep_bin=self.sweep) as study:
            with self.assertRaises(KeyError):
                study.optimize(objective, n_trials=5)
            self.assertEqual([t.state for t in study.trials], ["failed"])
            study.optimize(lambda t: None, n_trials=1)
            self.assertEqual(study.trials[1].failure_reason, "the objective returned None")

    def test_successive_halving_pauses_and_promotes_through_report(self):
        path = self.sweep_file("sha", """
            method: {name: sha, options: {min_resource: 1, max_resource: 9, eta: 3}}
            parameters:
              x: {type: float, min: 0, max: 1}
            """)
        epochs = {}

        def objective(trial):
            start = (trial.last_step or 0) + 1
            for step in range(start, trial.resource + 1):
                epochs[trial.number] = epochs.get(trial.number, 0) + 1
                trial.report(trial.params["x"] + 1.0 / step, step)
            return trial.params["x"]

        with Study(path, sweep_bin=self.sweep) as study:
            study.optimize(objective)
            trials = study.trials
        self.assertEqual(len(trials), 9)
        self.assertEqual(sorted(t.state for t in trials), ["complete"] + ["pruned"] * 8)
        best = min(trials, key=lambda t: t.params["x"])
        self.assertEqual(best.state, "complete")
        # Promoted trials continued where they paused: 9 x 1 + 3 x 2 + 1 x 6 epochs in all.
        self.assertEqual(sum(epochs.values()), 9 + 6 + 6)

    def test_trials_dataframe(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            raise unittest.SkipTest("pandas is not installed")
        path = self.sweep_file("df", SPACE + "budget: {trials: 3}\n")
        with Study(path, sweep_bin=self.sweep) as study:
            study.optimize(lambda t: t.params["x"] ** 2)
            df = study.trials_dataframe()
        self.assertEqual(list(df["number"]), [0, 1, 2])
        self.assertIn("params_x", df.columns)


class ExceptionTypes(unittest.TestCase):
    def test_pruned_and_paused_are_distinct(self):
        self.assertFalse(issubclass(TrialPaused, TrialPruned))
        self.assertEqual(TrialPaused(3).step, 3)


if __name__ == "__main__":
    unittest.main()
