#!/usr/bin/env python3
"""A local Neo4j Community server for development and CI, started by one command.

    python3 run.py neo4j [--port 7687] [--data DIR] [--pagecache-mb 512] [--heap-mb 2048] [--uri-file F]

On first use Maven fetches Neo4j (pinned in ``tools/neo4j/pom.xml``) and ``javac`` builds the
launcher class; both are cached under ``~/.cache/graphcrm/neo4j/<hash of pom and source>``. The
server runs in the foreground with Bolt on a loopback port and authentication on. The password
of the ``neo4j`` user comes from ``GRAPHCRM_NEO4J_PASSWORD``, or is made up and printed. Once
Bolt answers, one line gives the URI to pass to ``graphcrm --db`` as it is, credentials included;
Ctrl-C or SIGTERM shuts the database down cleanly. Needs only the standard library, Java 17 to 21
and Maven.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "src" / "main" / "java" / "graphcrm" / "neo4j" / "LocalServer.java"
POM = HERE / "pom.xml"
MAIN_CLASS = "graphcrm.neo4j.LocalServer"
JAVA_VERSIONS = range(17, 22)  # Neo4j 5.26 runs on Java 17 and 21
READY = re.compile(r"^graphcrm-neo4j ready (\S+):(\d+)")


class LaunchError(Exception):
    """The server could not be built or started; the message says why in one line."""


def cache_dir() -> Path:
    """Where the built launcher lives: keyed by the pom and the source, so an edit rebuilds."""
    digest = hashlib.sha256(POM.read_bytes() + SOURCE.read_bytes()).hexdigest()[:16]
    root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return root / "graphcrm" / "neo4j" / digest


def find_java() -> str:
    """A ``java`` of a version Neo4j 5.26 supports: ``GRAPHCRM_JAVA``, ``JAVA_HOME``, PATH, then /usr/lib/jvm."""
    candidates = [os.environ.get("GRAPHCRM_JAVA", "")]
    if home := os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(home) / "bin" / "java"))
    candidates.append(shutil.which("java") or "")
    candidates += sorted(str(p) for p in Path("/usr/lib/jvm").glob("*/bin/java")) if Path("/usr/lib/jvm").exists() else []
    seen = []
    for java in filter(None, candidates):
        version = _java_major(java)
        seen.append(f"{java} ({version or '?'})")
        if version in JAVA_VERSIONS:
            return java
    raise LaunchError(f"Neo4j 5.26 needs Java 17 to 21; found {', '.join(seen) or 'no java'} (set GRAPHCRM_JAVA)")


def _java_major(java: str) -> int | None:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)', out)
    return int(match[1]) if match else None


def build(java: str) -> Path:
    """Fetch Neo4j's jars and compile the launcher, once per pom/source version; return the cache."""
    target = cache_dir()
    if (target / "ready").exists():
        return target
    mvn = shutil.which("mvn")
    if not mvn:
        raise LaunchError("building the Neo4j launcher needs Maven ('mvn' on PATH; Debian package 'maven')")
    javac = Path(java).resolve().parent / "javac"
    if not javac.exists():
        raise LaunchError(f"no javac beside {java}: install a JDK (Debian package 'openjdk-17-jdk-headless')")
    work = Path(tempfile.mkdtemp(prefix="build-", dir=_mkdir(target.parent)))
    print("graphcrm-neo4j: fetching Neo4j with Maven and building the launcher (first run only) ...", flush=True)
    env = {**os.environ, "JAVA_HOME": str(Path(java).resolve().parent.parent)}
    steps = [
        [mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
         f"-DoutputDirectory={work / 'lib'}", "-DincludeScope=runtime"],
        [str(javac), "--release", "17", "-d", str(work / "classes"), "-cp", str(work / "lib") + "/*", str(SOURCE)],
    ]
    for step in steps:
        result = subprocess.run(step, env=env, capture_output=True, text=True)
        if result.returncode:
            shutil.rmtree(work, ignore_errors=True)
            detail = (result.stdout + result.stderr).strip().splitlines()[-1:] or ["(no output)"]
            raise LaunchError(f"{Path(step[0]).name} failed: {detail[0]}")
    (work / "ready").write_text("ok\n")
    if target.exists():  # a half-built cache from an interrupted run
        shutil.rmtree(target)
    work.rename(target)
    return target


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def serve(args: argparse.Namespace) -> int:
    """Build if needed, start the server, print its URI when Bolt answers, and wait for it to end."""
    java = find_java()
    built = build(java)
    password = os.environ.get("GRAPHCRM_NEO4J_PASSWORD") or secrets.token_urlsafe(12)
    data = Path(args.data).expanduser().resolve()
    _mkdir(data).chmod(0o700)
    command = [
        java, f"-Xmx{args.heap_mb}m", "-XX:+UseG1GC", "-cp", f"{built / 'classes'}{os.pathsep}{built / 'lib'}/*",
        MAIN_CLASS, "--data", str(data), "--port", str(args.port), "--host", args.host,
        "--pagecache-mb", str(args.pagecache_mb),
    ]
    process = subprocess.Popen(
        command, env={**os.environ, "GRAPHCRM_NEO4J_PASSWORD": password},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
    )

    def stop(signum: int, _frame: object) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    assert process.stdout is not None
    tail: list[str] = []
    for line in process.stdout:
        line = line.rstrip("\n")
        if match := READY.match(line):
            uri = f"bolt://neo4j:{password}@{match[1]}:{match[2]}"
            if args.uri_file:
                Path(args.uri_file).write_text(uri + "\n")
                Path(args.uri_file).chmod(0o600)
            print(f"Neo4j {_version()} is up, data in {data}: {uri}", flush=True)
        elif line.startswith("graphcrm-neo4j"):
            print(line, flush=True)
        else:
            tail = (tail + [line])[-20:]
    code = process.wait()
    if code not in (0, 130, 143, -signal.SIGTERM):
        print("graphcrm-neo4j: the server stopped with exit code", code, file=sys.stderr)
        print("\n".join(tail[-5:]), file=sys.stderr)
        return 1
    return 0


def _version() -> str:
    match = re.search(r"<neo4j.version>([^<]+)</neo4j.version>", POM.read_text())
    return match[1] if match else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run.py neo4j", description="Start a local Neo4j Community server.")
    parser.add_argument("--port", type=int, default=7687, help="Bolt port on loopback (default 7687)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--data", default=".neo4j", help="database folder (default ./.neo4j)")
    parser.add_argument("--pagecache-mb", type=int, default=512, help="page cache size (default 512)")
    parser.add_argument("--heap-mb", type=int, default=2048, help="Java heap size (default 2048)")
    parser.add_argument("--uri-file", help="also write the URI to this file (mode 0600) once Bolt answers")
    parser.add_argument("--build-only", action="store_true", help="fetch and build, then exit")
    args = parser.parse_args(argv)
    try:
        if args.build_only:
            print("graphcrm-neo4j: built in", build(find_java()), flush=True)
            return 0
        return serve(args)
    except LaunchError as exc:
        print(f"graphcrm-neo4j: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
