"""Shared helpers of the client tests: the `sweep` binary under test and throwaway sweep files."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT_ROOT = os.path.dirname(HERE)
REPO_ROOT = os.path.dirname(os.path.dirname(CLIENT_ROOT))
SCHEMAS = os.path.join(REPO_ROOT, "docs", "protocol")
if CLIENT_ROOT not in sys.path:
    sys.path.insert(0, CLIENT_ROOT)


def sweep_binary() -> str:
    """$SWEEP_BIN, else the debug build of this checkout, else `sweep` on PATH."""
    candidates = [os.environ.get("SWEEP_BIN"), os.path.join(REPO_ROOT, ".build", "debug", "sweep"), shutil.which("sweep")]
    for c in candidates:
        if c and os.access(c, os.X_OK):
            return c
    raise unittest.SkipTest("no sweep binary: build it (swift build) or set SWEEP_BIN")


class SweepTestCase(unittest.TestCase):
    """A test with a temporary directory for sweep files and databases."""

    def setUp(self) -> None:
        self.sweep = sweep_binary()
        self.dir = tempfile.mkdtemp(prefix="sweep-client-test-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def sweep_file(self, name: str, body: str) -> str:
        """Writes ``<dir>/<name>.yaml`` (storage in the same directory) and returns its path."""
        path = os.path.join(self.dir, name + ".yaml")
        text = f"name: {name}\nstorage: {os.path.join(self.dir, name + '.sqlite')}\n" + textwrap.dedent(body)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path
