"""A real Neo4j server for tests: scripts/neo4j/Launcher.java in a child JVM.

Plain module, no pytest needed::

    from tests.neo4j_server import Neo4jServer

    with Neo4jServer() as server:           # temp data dir, free port
        driver = GraphDatabase.driver(server.uri, auth=server.auth)
        ...
        server.kill()                        # SIGKILL, data dir kept
        server.restart()                     # same data dir, same port

The server lives as long as the launcher's standard input is open: ``stop()``
closes it (clean shutdown), and if this Python process dies the pipe closes
and the server goes with it. Jars are fetched on first use by
``scripts/neo4j-fetch`` (needs mvn and a JDK 17+).

Environment: ``GRAPHMAP_NEO4J_JAVA`` (java executable, default ``java`` on
PATH), ``GRAPHMAP_NEO4J_JAVA_OPTS`` (extra JVM options, split on spaces),
``GRAPHMAP_NEO4J_PASSWORD`` (default password).
"""

from __future__ import annotations

import atexit
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "scripts"
NEO4J_DIR = SCRIPTS / "neo4j"
LIB = NEO4J_DIR / "lib"
FETCH = SCRIPTS / "neo4j-fetch"
JVM_OPTIONS = NEO4J_DIR / "jvm.options"

DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "graphmap-test"
# Generous: on a loaded 2-core machine a cold start has taken over a minute.
DEFAULT_START_TIMEOUT = 300.0

_fetch_lock = threading.Lock()
_live: set[Neo4jServer] = set()


class Neo4jServerError(RuntimeError):
    """The server could not be fetched, started or stopped."""


def fetch(timeout: float = 1800.0) -> None:
    """Run scripts/neo4j-fetch (a no-op when everything is up to date)."""
    with _fetch_lock:
        try:
            proc = subprocess.run(
                ["bash", str(FETCH)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise Neo4jServerError(f"{FETCH} timed out after {timeout:.0f}s") from exc
        if proc.returncode != 0:
            out = proc.stdout.decode(errors="replace")
            raise Neo4jServerError(f"{FETCH} failed (exit {proc.returncode}):\n{_tail(out)}")


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def _tail_file(path: Path, lines: int = 40) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - 64 * 1024))
            return _tail(fh.read().decode(errors="replace"), lines)
    except OSError as exc:
        return f"(cannot read {path}: {exc})"


class Neo4jServer:
    """One Neo4j server process, restartable on the same data dir and port.

    ``data_dir``: the Neo4j home (store, transaction logs, ``logs/``). None
    makes a temporary one, removed by ``stop()``. ``port``: Bolt port on
    127.0.0.1, 0 picks a free one; after the first start the chosen port is
    kept, so ``restart()`` (or a new ``Neo4jServer(data_dir=..., port=...)``)
    serves the same address. The launcher's own log is
    ``<data_dir>/logs/launcher.log`` beside Neo4j's ``debug.log``.
    """

    def __init__(
        self,
        data_dir: str | os.PathLike[str] | None = None,
        port: int = 0,
        password: str | None = None,
        *,
        heap: str = "1g",
        pagecache: str = "64m",
        start_timeout: float = DEFAULT_START_TIMEOUT,
        java: str | None = None,
        java_opts: list[str] | None = None,
    ) -> None:
        self._owns_data_dir = data_dir is None
        self.data_dir = Path(data_dir).resolve() if data_dir is not None else None
        self.port = int(port)
        self.user = DEFAULT_USER
        self.password = (
            password or os.environ.get("GRAPHMAP_NEO4J_PASSWORD") or DEFAULT_PASSWORD
        )
        self.heap = heap
        self.pagecache = pagecache
        self.start_timeout = start_timeout
        self.java = java or os.environ.get("GRAPHMAP_NEO4J_JAVA") or "java"
        if java_opts is None:
            java_opts = os.environ.get("GRAPHMAP_NEO4J_JAVA_OPTS", "").split()
        self.java_opts = list(java_opts)
        self.uri: str | None = None
        self.start_seconds: float | None = None  # time to the URI line, last start
        self._proc: subprocess.Popen[bytes] | None = None
        self._log = None

    # -- public API -------------------------------------------------------

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def log_path(self) -> Path | None:
        return self.data_dir / "logs" / "launcher.log" if self.data_dir else None

    @property
    def debug_log_path(self) -> Path | None:
        return self.data_dir / "logs" / "debug.log" if self.data_dir else None

    def start(self) -> Neo4jServer:
        """Start the server and wait until it accepts logins; returns self."""
        if self.running:
            raise Neo4jServerError(f"already running at {self.uri}")
        self._reap()
        if shutil.which(self.java) is None:
            raise Neo4jServerError(f"java not found ({self.java!r}); Neo4j 5.26 needs Java 17+")
        fetch()
        if self.data_dir is None:
            self.data_dir = Path(tempfile.mkdtemp(prefix="graphmap-neo4j-"))
        (self.data_dir / "logs").mkdir(parents=True, exist_ok=True)
        cmd = [
            self.java,
            f"@{JVM_OPTIONS}",
            f"-Xmx{self.heap}",
            *self.java_opts,
            "-cp",
            f"{LIB / 'classes'}{os.pathsep}{LIB / '*'}",
            "Launcher",
            "--port", str(self.port),
            "--data", str(self.data_dir),
            "--pagecache", self.pagecache,
        ]  # fmt: skip
        env = dict(os.environ, GRAPHMAP_NEO4J_PASSWORD=self.password)
        self._log = open(self.log_path, "ab")
        self._log.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(cmd)}\n".encode())
        self._log.flush()
        t0 = time.monotonic()
        self._proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            env=env,
            cwd=str(REPO),
        )
        _live.add(self)
        try:
            line = self._read_uri_line(t0 + self.start_timeout)
        except BaseException:
            self._terminate(kill=True)
            raise
        self.start_seconds = time.monotonic() - t0
        self.uri = line
        self.port = int(line.rsplit(":", 1)[1])
        return self

    def stop(self, timeout: float = 60.0) -> None:
        """Shut down cleanly (close stdin), then kill if it takes too long.

        Removes the data dir if this object made it.
        """
        self._terminate(kill=False, timeout=timeout)
        _live.discard(self)
        if self._owns_data_dir and self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self.data_dir = None

    def kill(self) -> None:
        """SIGKILL the JVM, as a crash would; the data dir stays for restart()."""
        self._terminate(kill=True)

    def restart(self) -> Neo4jServer:
        """Stop (cleanly if still running) and start again, same dir and port."""
        self._terminate(kill=False)
        return self.start()

    def __enter__(self) -> Neo4jServer:
        return self if self.running else self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<Neo4jServer {self.uri or '-'} {state} data_dir={self.data_dir}>"

    # -- internals --------------------------------------------------------

    def _read_uri_line(self, deadline: float) -> str:
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        buf = b""
        while b"\n" not in buf:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._start_error(f"no URI within {self.start_timeout:.0f}s")
            ready, _, _ = select.select([fd], [], [], min(remaining, 1.0))
            if ready:
                chunk = os.read(fd, 4096)
                if not chunk:
                    self._proc.wait(timeout=30)
                    raise self._start_error(f"launcher exited with {self._proc.returncode}")
                buf += chunk
        line = buf.split(b"\n", 1)[0].decode(errors="replace").strip()
        if not line.startswith("bolt://"):
            raise self._start_error(f"unexpected first line {line!r}")
        return line

    def _start_error(self, what: str) -> Neo4jServerError:
        parts = [f"Neo4j did not start ({what}); data dir {self.data_dir}"]
        if self.log_path:
            parts.append(f"--- tail of {self.log_path}:\n{_tail_file(self.log_path)}")
        if self.debug_log_path and self.debug_log_path.exists():
            parts.append(f"--- tail of {self.debug_log_path}:\n{_tail_file(self.debug_log_path, 20)}")
        return Neo4jServerError("\n".join(parts))

    def _terminate(self, kill: bool, timeout: float = 60.0) -> None:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            if kill:
                proc.send_signal(signal.SIGKILL)
            else:
                try:
                    assert proc.stdin is not None
                    proc.stdin.close()
                except OSError:
                    pass
                try:
                    proc.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    proc.send_signal(signal.SIGTERM)
                    try:
                        proc.wait(timeout=15)
                    except subprocess.TimeoutExpired:
                        proc.kill()
            proc.wait()
        self._reap()

    def _reap(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            for stream in (proc.stdin, proc.stdout):
                try:
                    if stream:
                        stream.close()
                except OSError:
                    pass
        if self._log is not None:
            self._log.close()
            self._log = None


@atexit.register
def _stop_all() -> None:
    for server in list(_live):
        try:
            server.stop(timeout=30)
        except Exception:  # noqa: BLE001 - best effort at interpreter exit
            pass
