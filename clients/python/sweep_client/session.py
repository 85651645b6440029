"""The `sweep session` process and its newline-delimited JSON protocol (docs/protocol.md)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from typing import Any, Callable, Optional, Sequence

from .errors import InvalidValueError, SessionClosedError, SweepError, SweepNotFoundError, error_from_reply

PROTOCOL_VERSION = 1


def find_sweep(sweep_bin: Optional[str] = None) -> str:
    """The `sweep` binary: ``sweep_bin`` if given, else $SWEEP_BIN, else `sweep` on PATH."""
    candidate = sweep_bin or os.environ.get("SWEEP_BIN")
    if candidate:
        if os.path.sep in candidate or os.path.isfile(candidate):
            if os.access(candidate, os.X_OK):
                return candidate
            raise SweepNotFoundError(f"{candidate} is not an executable file (from sweep_bin= or SWEEP_BIN)")
        found = shutil.which(candidate)
        if found:
            return found
        raise SweepNotFoundError(f"'{candidate}' (from sweep_bin= or SWEEP_BIN) is not on PATH")
    found = shutil.which("sweep")
    if found:
        return found
    raise SweepNotFoundError("the `sweep` binary is not on PATH; set SWEEP_BIN=/path/to/sweep or pass sweep_bin=")


class Session:
    """One `sweep session` child process; ``request`` sends one op and returns its reply.

    Thread-safe (requests are serialised). The child runs in its own process group, so a Ctrl-C
    meant for the Python program does not kill it: the program's ``close()`` (or its exit, which
    closes the pipe) hands running trials back.
    """

    def __init__(self, target: str, storage: Optional[str] = None, sweep_bin: Optional[str] = None,
                 lease: Optional[float] = None, extra_args: Sequence[str] = (),
                 trace: Optional[Callable[[str, dict], None]] = None):
        args = [find_sweep(sweep_bin), "session", target]
        if storage:
            args += ["--storage", storage]
        if lease is not None:
            args += ["--lease", repr(float(lease))]
        args += list(extra_args)
        #: Called with ("ready" | "request" | "reply", message) for every line (debugging, tests).
        self.trace = trace
        self._lock = threading.Lock()
        self._next_id = 0
        # Buffered pipes (a raw pipe's readline reads byte by byte); every request is flushed.
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True)
        self._out = self.process.stdout
        self._in = self.process.stdin
        try:
            ready = self._read()
            if ready is not None and trace is not None:
                trace("ready", ready)
            if ready is None:
                raise SessionClosedError(f"`sweep session {target}` exited with status {self.process.wait()} "
                                         "before it was ready (see its stderr)")
            if ready.get("event") == "error":
                raise error_from_reply(ready.get("error", {}))
            if ready.get("event") != "ready":
                raise SweepError(f"unexpected first line from sweep session: {ready!r}", "bad_reply")
            if ready.get("protocol") != PROTOCOL_VERSION:
                raise SweepError(f"sweep session speaks protocol {ready.get('protocol')}, this client {PROTOCOL_VERSION}; "
                                 "install matching versions", "protocol_mismatch")
        except BaseException:
            self.close()
            raise
        #: The `ready` line: sweep, direction, metric, storage, pid, lease_s, version.
        self.info = ready

    def _read(self) -> Optional[dict]:
        line = self._out.readline()
        if not line:
            return None
        return json.loads(line)

    def request(self, op: str, **fields: Any) -> dict:
        """Sends ``{"op": op, ...fields}`` and returns the reply; raises the typed error of an
        error reply, or ``SessionClosedError`` when the process is gone."""
        with self._lock:
            if self._in is None:
                raise SessionClosedError("the session is closed")
            self._next_id += 1
            fields["op"] = op
            fields["id"] = self._next_id
            if self.trace is not None:
                self.trace("request", fields)
            try:
                line = json.dumps(fields, separators=(",", ":"), allow_nan=False).encode() + b"\n"
            except (TypeError, ValueError) as e:  # NaN/inf, or a value JSON cannot carry
                raise InvalidValueError(f"{op}: cannot send {fields!r} as JSON ({e}); values must be finite numbers, "
                                        "strings, booleans, lists or objects") from None
            try:
                self._in.write(line)
                self._in.flush()
            except (BrokenPipeError, OSError) as e:
                raise SessionClosedError(f"sweep session is gone ({e}); exit status {self.process.poll()}") from None
            reply = self._read()
            # Replies to earlier requests whose wait was interrupted (Ctrl-C) are stale: skip them.
            while reply is not None and isinstance(reply.get("id"), int) and reply["id"] < self._next_id:
                reply = self._read()
            if reply is None:
                raise SessionClosedError(f"sweep session ended (exit status {self.process.wait()}) while answering {op}")
            if self.trace is not None:
                self.trace("reply", reply)
            if reply.get("id") != self._next_id:
                raise SweepError(f"reply to request {reply.get('id')} while waiting for {self._next_id}", "bad_reply")
            if not reply.get("ok"):
                raise error_from_reply(reply.get("error", {}))
            return reply

    def close(self) -> None:
        """Asks the session to hand back running trials and exit; waits for it."""
        with self._lock:
            if self._in is None:
                return
            try:
                self._in.write(b'{"op":"close"}\n')
                self._in.flush()
            except (BrokenPipeError, OSError):
                pass
            try:
                self._in.close()
            except (BrokenPipeError, OSError):
                pass
            self._in = None
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self._out is not None:
            self._out.close()

    @property
    def closed(self) -> bool:
        return self._in is None
