"""Start a throwaway Virtuoso 7 (Debian's ``virtuoso-opensource-7-bin``) on loopback for the store tests.

The server runs in the foreground of a child process, from a ``virtuoso.ini``
written into a temporary directory, on free loopback ports; the anonymous
``SPARQL`` user is granted SPARQL_UPDATE so that ``/sparql`` takes updates and
``/sparql-graph-crud`` takes Graph Store PUT/DELETE. By hand::

    python tests/store/virtuoso.py      # prints the endpoint URL, stops on Ctrl-C
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

BINARY = "virtuoso-t"
ISQL = ("isql-vt", "isql")  # Debian renames unixODBC's clash away as isql-vt
PACKAGE = "virtuoso-opensource-7-bin"

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
; ~160 MB of buffers: enough for the test graphs, small beside other work on the machine
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {dir}
; ORDER BY with LIMIT above this fails (SR353); visits() asks for up to 100000 rows
MaxSortedTopRows = 1000000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxClientConnections = 10
EnabledDavVSP = 0

[SPARQL]
; Virtuoso silently truncates answers at ResultSetMaxRows; keep it far above any test answer
ResultSetMaxRows = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
"""


class VirtuosoMissing(RuntimeError):
    """``virtuoso-t`` is not installed."""


def free_port() -> int:
    """Return a loopback TCP port that nothing listens on (right now)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Virtuoso:
    """A running server: its SPARQL endpoint URL, its directory and its process."""

    url: str
    gsp_url: str
    sql_port: int
    directory: Path
    process: subprocess.Popen
    temporary: bool = False  # the directory was made for this server and goes with it

    def stop(self) -> None:
        """Stop the server and wait for it (kill it if it does not stop in 20 s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.temporary:
            shutil.rmtree(self.directory, ignore_errors=True)

    def log(self) -> str:
        """Return the tail of the server's log, for failure messages."""
        path = self.directory / "virtuoso.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""


def start(directory: str | os.PathLike | None = None, timeout: float = 90.0) -> Virtuoso:
    """Start Virtuoso in ``directory`` (a new temporary one by default) and wait until it answers."""
    binary = shutil.which(BINARY)
    if binary is None:
        raise VirtuosoMissing(f"{BINARY} is not on PATH: apt-get install -y {PACKAGE}")
    work = Path(directory or tempfile.mkdtemp(prefix="cityties-virtuoso-"))
    work.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    (work / "virtuoso.ini").write_text(INI.format(dir=work, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(work / "virtuoso.ini")],
                               cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
    base = f"http://127.0.0.1:{http_port}"
    server = Virtuoso(url=f"{base}/sparql", gsp_url=f"{base}/sparql-graph-crud", sql_port=sql_port,
                      directory=work, process=process, temporary=directory is None)
    try:
        _wait(server, timeout)
        _grant_update(server)
    except BaseException:
        server.stop()
        raise
    return server


def _die_with_parent() -> None:
    """Have Linux stop the server if the test process dies without tearing it down."""
    try:
        import ctypes
        import signal
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the session fixture still stops it


def _wait(server: Virtuoso, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {server.process.returncode}:\n{server.log()}")
        try:
            r = httpx.post(server.url, data={"query": "ASK {}"}, timeout=2,
                           headers={"Accept": "application/sparql-results+json"})
            if r.status_code == 200:
                return
        except httpx.HTTPError:
            pass  # not listening yet
        time.sleep(0.3)
    raise RuntimeError(f"Virtuoso did not answer on {server.url} within {timeout:.0f} s:\n{server.log()}")


def _grant_update(server: Virtuoso) -> None:
    isql = next((shutil.which(name) for name in ISQL if shutil.which(name)), None)
    if isql is None:
        raise VirtuosoMissing(f"isql-vt is not on PATH: apt-get install -y {PACKAGE}")
    sql = 'GRANT SPARQL_UPDATE TO "SPARQL";'
    done = subprocess.run([isql, f"127.0.0.1:{server.sql_port}", "dba", "dba", f"exec={sql}"],
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        raise RuntimeError(f"cannot grant SPARQL_UPDATE: {done.stdout}{done.stderr}")


if __name__ == "__main__":
    s = start()
    print(f"Virtuoso at {s.url} (Graph Store: {s.gsp_url}; files in {s.directory}); Ctrl-C stops it")
    try:
        s.process.wait()
    except KeyboardInterrupt:
        s.stop()
