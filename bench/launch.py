"""Run one command from a small process and report its wall time and its own peak RSS.

Linux carries a process's peak RSS across fork and exec: a child started by the benchmark
process (which holds corpora of hundreds of MB) would report the parent's peak as its own.
Started from this small interpreter instead, the child's ru_maxrss is its own work's. Only the
standard library is imported, so that this process stays small.

    python bench/launch.py RESULT.json TIMEOUT_S COMMAND [ARG ...]

Writes {"wall", "cpu", "max_rss_kb", "returncode", "timed_out"} to RESULT.json (``cpu``: the
command's user and system seconds, with those of the processes it waited for); the command's
stdout and stderr are this process's own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time


def main() -> None:
    result_path, timeout, command = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL)
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        proc.kill()

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    with open(result_path, "w", encoding="utf-8") as out:
        json.dump(
            {
                "wall": wall,
                "cpu": usage.ru_utime + usage.ru_stime,
                "max_rss_kb": usage.ru_maxrss,
                "returncode": proc.returncode,
                "timed_out": killed.is_set(),
            },
            out,
        )


if __name__ == "__main__":
    main()
