"""Examples/python/torch_loop_skeleton.py runs as shipped (stand-in formula, no PyTorch needed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from support import CLIENT_ROOT, REPO_ROOT, SweepTestCase

EXAMPLES = os.path.join(REPO_ROOT, "Examples", "python")


class TorchSkeletonTests(SweepTestCase):
    def test_the_skeleton_tunes_with_asha_and_resumes_from_checkpoints(self):
        with open(os.path.join(EXAMPLES, "torch.yaml")) as f:
            shipped = f.read()
        body = shipped.replace("name: torch-mlp\n", "").replace("max_resource: 27", "max_resource: 9").replace("trials: 60", "trials: 12")
        self.assertNotEqual(body, shipped.replace("name: torch-mlp\n", ""))
        path = self.sweep_file("torch-mlp", body)
        script = os.path.join(EXAMPLES, "torch_loop_skeleton.py")
        env = dict(os.environ, SWEEP_BIN=self.sweep, PYTHONPATH=CLIENT_ROOT, CHECKPOINTS=os.path.join(self.dir, "ckpt"))
        run = subprocess.run([sys.executable, script, path], env=env, capture_output=True, text=True, timeout=300)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("best:", run.stdout)
        trials = json.loads(subprocess.run([self.sweep, "trials", path.replace(".yaml", ".sqlite"), "--format", "json"],
                                           capture_output=True, text=True, check=True).stdout)
        self.assertEqual(len(trials), 12)
        self.assertNotIn("running", [t["state"] for t in trials])
        # Some trials were promoted past the first rung (they continued from their checkpoint).
        promoted = [t for t in trials if max(map(int, t.get("intermediate_values", {"0": 0}))) > 1]
        self.assertTrue(promoted)
        for t in trials:
            self.assertIn("dropout", t["params"])
