"""docs/protocol/*.schema.json against real messages: every op and error of a scripted session."""

from __future__ import annotations

import glob
import json
import os
import subprocess
import unittest

from schema_check import SchemaChecker
from support import SCHEMAS, SweepTestCase

import sweep_client
from sweep_client import Study

OPS = ["ask", "tell", "report", "suggest", "release", "best", "trials", "enqueue", "heartbeat", "info", "close"]


class SchemaFileTests(unittest.TestCase):
    def test_every_op_has_a_request_and_a_reply_schema_and_all_parse(self):
        names = {os.path.basename(p) for p in glob.glob(os.path.join(SCHEMAS, "*.schema.json"))}
        for op in OPS:
            self.assertIn(f"{op}.request.schema.json", names)
            self.assertIn(f"{op}.reply.schema.json", names)
        for name in ["ready.schema.json", "startup-error.schema.json", "error.reply.schema.json", "trial.schema.json"]:
            self.assertIn(name, names)
        checker = SchemaChecker(SCHEMAS)
        for name in names:
            schema = checker.load(name)
            self.assertEqual(schema["$schema"], "https://json-schema.org/draft/2020-12/schema", name)
            # The checker refuses keywords it does not know: every schema is fully checked.
            checker.errors({}, schema)

    def test_the_checker_rejects_what_it_should(self):
        checker = SchemaChecker(SCHEMAS)
        self.assertTrue(checker.errors({"op": "tell", "trial": -1}, "tell.request.schema.json"))
        self.assertTrue(checker.errors({"op": "tell"}, "tell.request.schema.json"))
        self.assertTrue(checker.errors({"id": 1, "ok": True, "decision": "stop"}, "report.reply.schema.json"))
        self.assertTrue(checker.errors({"id": 1, "ok": True, "done": False}, "ask.reply.schema.json"))
        self.assertTrue(checker.errors({"id": 1, "ok": False, "error": {"code": "oops", "message": "x"}}, "error.reply.schema.json"))
        self.assertFalse(checker.errors({"id": None, "ok": True, "done": True, "retry": False, "reason": "r"}, "ask.reply.schema.json"))


class RealMessageTests(SweepTestCase):
    def test_every_message_of_a_session_matches_its_schema(self):
        path = self.sweep_file("schema", """
            parameters:
              x: {type: float, min: -3, max: 3}
              act: {values: [relu, tanh]}
            pruner: {name: median, warmup_trials: 1}
            budget: {trials: 4}
            """)
        log = []
        study = Study(path, sweep_bin=self.sweep, trace=lambda kind, message: log.append((kind, json.loads(json.dumps(message)))))
        s = study._session
        errors = []

        def expect_error(op, **fields):
            try:
                s.request(op, **fields)
            except sweep_client.SweepError as e:
                errors.append(e.code)
            else:
                self.fail(f"{op} {fields} succeeded")

        study.enqueue_trial({"x": 2.0, "act": "relu"})
        t0 = study.ask()
        t0.suggest_float("lr", 1e-4, 1e-1, log=True)
        t0.suggest_int("k", 1, 3)
        t0.suggest_categorical("opt", ["sgd", "adam"])
        t0.report(1.5, 1)
        t1 = study._tell_and_ask(t0, 1.0)  # tell with ask: true
        try:
            for step in range(1, 4):
                t1.report(100.0 + step, step)
        except sweep_client.TrialPruned:
            study.tell(t1, state="pruned")
        t2 = study.ask()
        s.request("heartbeat")
        s.request("heartbeat", trials=[t2.number])
        s.request("release", trial=t2.number)
        t2 = study.ask()
        study.tell(t2, state="failed", reason="diverged")
        study.best_trial
        study.get_trials(["complete", "pruned"])
        study.info()
        t3 = study.ask()
        self.assertIsNone(study.ask())  # budget of 4 spent (t3 still running)
        expect_error("fly")
        expect_error("tell", trial=t3.number)
        expect_error("tell", trial=t3.number, value="x")
        expect_error("report", trial=t3.number, step=-1, value=1.0)
        expect_error("report", trial=99, step=1, value=1.0)
        expect_error("tell", trial=t0.number, value=5.0)
        expect_error("suggest", trial=t3.number, name="x", type="float", low=5, high=6)
        expect_error("enqueue", params={"x": 10.0, "act": "relu"})
        expect_error("trials", states=["done"])
        s.request("close")
        study.close()
        self.assertEqual(set(errors), {"unknown_op", "bad_request", "invalid_value", "unknown_trial", "not_running",
                                       "invalid_suggestion", "invalid_params"})

        # A raw bad line too, and the startup error line.
        raw = subprocess.run([self.sweep, "session", path], input=b"{not json\n", capture_output=True, timeout=60)
        lines = [json.loads(line) for line in raw.stdout.splitlines()]
        log += [("ready", lines[0]), ("reply", lines[1])]
        self.assertEqual(lines[1]["error"]["code"], "bad_json")
        bad = subprocess.run([self.sweep, "session", "nothere", "--storage", os.path.join(self.dir, "x.sqlite")],
                             capture_output=True, timeout=60)
        self.assertEqual(bad.returncode, 2)
        log.append(("startup", json.loads(bad.stdout)))

        checker = SchemaChecker(SCHEMAS)
        ops = {}
        seen = set()
        refused = {m["id"] for k, m in log if k == "reply" and m.get("ok") is False}
        # Requests answered with an error were sent malformed on purpose; the others must be valid.
        log = [(k, m) for k, m in log if not (k == "request" and m["id"] in refused and ops.setdefault(m["id"], m["op"]))]
        for kind, message in log:
            if kind == "ready":
                schema = "ready.schema.json"
            elif kind == "startup":
                schema = "startup-error.schema.json"
            elif kind == "request":
                ops[message["id"]] = message["op"]
                if message["op"] not in OPS:
                    continue  # the deliberately unknown op
                schema = f"{message['op']}.request.schema.json"
            elif message.get("ok") is False:
                schema = "error.reply.schema.json"
            else:
                schema = f"{ops[message['id']]}.reply.schema.json"
            seen.add(schema)
            self.assertEqual(checker.errors(message, schema), [], f"{kind} {message}")
            try:
                import jsonschema  # cross-check with the reference implementation when it is installed
            except ImportError:
                continue
            from jsonschema.validators import Draft202012Validator
            from referencing import Registry, Resource
            registry = Registry().with_resources(
                (checker.load(n)["$id"], Resource.from_contents(checker.load(n)))
                for n in map(os.path.basename, glob.glob(os.path.join(SCHEMAS, "*.schema.json"))))
            Draft202012Validator(checker.load(schema), registry=registry).validate(message)
        expected = {f"{op}.{k}.schema.json" for op in OPS for k in ("request", "reply")}
        expected |= {"ready.schema.json", "startup-error.schema.json", "error.reply.schema.json"}
        self.assertEqual(expected - seen, set())


if __name__ == "__main__":
    unittest.main()
