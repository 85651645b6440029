"""End to end: a Python program tunes a small objective with pruning through the client, is killed
with SIGKILL mid-run and run again. No completed trial may be lost and no trial left `running`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from support import CLIENT_ROOT, SweepTestCase

from sweep_client import Study

DRIVER = r'''
import sys, time
sys.path.insert(0, sys.argv[3])
import sweep_client

def objective(trial):
    x = trial.params["x"]
    y = trial.suggest_float("y", -1.0, 1.0)
    for step in range(1, 6):
        time.sleep(0.01)
        trial.report((x - 0.3) ** 2 + y * y + 1.0 / step, step)
        print("reported", trial.number, step, flush=True)
    return (x - 0.3) ** 2 + y * y

with sweep_client.Study(sys.argv[1], sweep_bin=sys.argv[2]) as study:
    print("session", study.session_pid, flush=True)
    study.optimize(objective)
print("finished", flush=True)
'''

SWEEP = """
parameters:
  x: {type: float, min: -1, max: 1}
pruner: {name: median, warmup_trials: 3}
budget: {trials: 40}
"""


class KillAndResumeTests(SweepTestCase):
    def start(self, path):
        driver = os.path.join(self.dir, "driver.py")
        with open(driver, "w") as f:
            f.write(DRIVER)
        p = subprocess.Popen([sys.executable, driver, path, self.sweep, CLIENT_ROOT], stdout=subprocess.PIPE, text=True)
        self.addCleanup(p.stdout.close)
        self.addCleanup(lambda: p.poll() is None and p.kill())
        first = p.stdout.readline().split()
        self.assertEqual(first[0], "session", first)
        return p, int(first[1])

    def trials(self, path):
        out = subprocess.run([self.sweep, "trials", path.replace(".yaml", ".sqlite"), "--format", "json"],
                             capture_output=True, text=True, timeout=60, check=True).stdout
        return json.loads(out)

    def run_until_mid_trial(self, process, trials):
        """Reads the driver's progress until trial number `trials` or later reported step 2 (so it is
        in the middle of its objective); returns that trial's number."""
        for line in process.stdout:
            words = line.split()
            if words[0] == "reported" and int(words[1]) >= trials and words[2] == "2":
                return int(words[1])
        self.fail("the driver ended before it was killed")

    def wait_gone(self, pid):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return
            time.sleep(0.02)
        self.fail(f"process {pid} still runs")

    def resume_and_check(self, path, before):
        p, _ = self.start(path)
        self.assertEqual(p.wait(timeout=300), 0)
        after = {t["number"]: t for t in self.trials(path)}
        self.assertEqual(len(after), 40)
        self.assertEqual([t for t in after.values() if t["state"] not in ("complete", "pruned")], [])
        for number, t in before.items():
            if t["state"] in ("complete", "pruned", "failed"):
                self.assertEqual((after[number]["state"], after[number]["value"]), (t["state"], t["value"]), number)
            else:  # interrupted: resumed with the same parameters
                self.assertEqual(after[number]["params"]["x"], t["params"]["x"])
        self.assertGreater(sum(t["state"] == "pruned" for t in after.values()), 0)
        self.assertGreater(sum(t["state"] == "complete" for t in after.values()), 0)

    def test_client_killed_the_session_hands_its_trial_back(self):
        path = self.sweep_file("killclient", SWEEP)
        p, session = self.start(path)
        running = self.run_until_mid_trial(p, 8)
        p.send_signal(signal.SIGKILL)
        p.wait()
        # The session notices (end of input / its parent died), hands the running trial back, exits.
        self.wait_gone(session)
        before = {t["number"]: t for t in self.trials(path)}
        self.assertNotIn("running", [t["state"] for t in before.values()])
        self.assertEqual(before[running]["state"], "waiting")
        self.resume_and_check(path, before)

    def test_client_and_session_killed_the_next_session_resumes(self):
        path = self.sweep_file("killboth", SWEEP)
        p, session = self.start(path)
        running = self.run_until_mid_trial(p, 8)
        os.kill(session, signal.SIGKILL)
        p.send_signal(signal.SIGKILL)
        p.wait()
        self.wait_gone(session)
        before = {t["number"]: t for t in self.trials(path)}
        # The dead session's trial is still marked running; the next session requeues it (owner gone).
        self.assertEqual(before[running]["state"], "running")
        self.resume_and_check(path, before)

    def test_a_study_reading_results_after_the_run(self):
        path = self.sweep_file("read", SWEEP.replace("40", "5"))
        p, _ = self.start(path)
        self.assertEqual(p.wait(timeout=120), 0)
        with Study(path, sweep_bin=self.sweep) as study:
            self.assertEqual(len(study.trials), 5)
            self.assertIn("y", study.best_trial.params)
