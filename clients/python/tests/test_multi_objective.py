"""Sweeps with several metrics and constraints through the Python client: vector tells."""

from __future__ import annotations

from support import SweepTestCase

import sweep_client
from sweep_client import Study

MO = """
metrics:
  - {name: acc, goal: maximize}
  - {name: latency_us, goal: minimize}
constraints: ["latency_us <= 50", "size <= 10"]
method: random
parameters:
  x: {type: float, min: 0, max: 1}
budget: {trials: 4}
"""


class MultiObjectiveTellTests(SweepTestCase):
    def test_a_vector_and_constraint_metrics_are_stored(self):
        path = self.sweep_file("mo", MO)
        with Study(path, sweep_bin=self.sweep) as study:
            trial = study.ask()
            frozen = study.tell(trial, values=[0.9, 40.0], metrics={"size": 12})
            self.assertEqual((frozen.state, frozen.value, frozen.values), ("complete", 0.9, [0.9, 40.0]))
            # Violations, c <= 0 feasible: latency 40 - 50, size 12 - 10.
            self.assertEqual(frozen.attributes["constraints"], [-10.0, 2.0])
            self.assertEqual(frozen.attributes["sweep.metrics"], {"size": 12.0})
            self.assertEqual(study.trials[0].values, [0.9, 40.0])

    def test_bad_tells_are_refused_and_store_nothing(self):
        path = self.sweep_file("mobad", MO)
        with Study(path, sweep_bin=self.sweep) as study:
            trial = study.ask()
            for bad in ({"values": [1.0]}, {"values": [1.0, 2.0, 3.0]}, {"values": [1.0, 2.0]}):
                with self.assertRaises(sweep_client.InvalidValueError) as e:
                    study.tell(trial, **bad)
                self.assertEqual(e.exception.code, "invalid_value")
            with self.assertRaises(sweep_client.InvalidValueError) as e:
                study.tell(trial, 1.0)
            self.assertIn("2 metrics (acc, latency_us)", str(e.exception))
            with self.assertRaises(sweep_client.InvalidValueError) as e:
                study.tell(trial, values=[1.0, 2.0])
            self.assertIn("'size'", str(e.exception))
            with self.assertRaises(sweep_client.InvalidValueError):
                study.tell(trial, values=[1.0, 2.0], metrics={"size": float("nan")})
            self.assertEqual(study.trials[0].state, "running")
            self.assertIsNone(study.trials[0].values)
            # The trial can still be told properly; a non-finite objective fails it.
            self.assertEqual(study.tell(trial, values=[0.5, 60], metrics={"size": 1}).attributes["constraints"], [10.0, -9.0])
            nan_trial = study.ask()
            self.assertEqual(study.tell(nan_trial, values=[float("nan"), 1.0], metrics={"size": 1}).state, "failed")
