#!/usr/bin/env python3
"""Peak resident memory of a server while a benchmark runs (lib.sh's
bench_rss_watch starts it, stops it with SIGTERM before the server stops).

    rss.py PID OUTFILE

Every 0.5 s it reads the process tree rooted at PID. On SIGTERM it samples
once more and writes "KIB METHOD" to OUTFILE:
  hwm  the tree was one process all along: its VmHWM, the kernel's exact peak
  pss  several processes (PostgreSQL's backends, nginx's workers): the
       largest sum of their Pss seen in a sample. Pss splits shared pages
       between the processes mapping them, so shared buffers count once,
       which a sum of RSS would not; a peak between samples can be missed.
Standard library only; it is cheap (one /proc scan per sample) so that it
does not take CPU from what it measures.
"""
import os
import signal
import sys
import time


def children_map():
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # comm may hold spaces and parentheses: the fields after the last ')'
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    return parents


def tree(root):
    parents, pids, todo = children_map(), [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(parents.get(pid, []))
    return pids


def field_kib(path, name):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(name):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class Peak:
    def __init__(self, root):
        self.root, self.hwm, self.pss, self.processes = root, 0, 0, 1

    def sample(self):
        pids = tree(self.root)
        self.processes = max(self.processes, len(pids))
        hwm = field_kib(f"/proc/{self.root}/status", "VmHWM:")
        if hwm:
            self.hwm = max(self.hwm, hwm)
        total = 0
        for pid in pids:
            pss = field_kib(f"/proc/{pid}/smaps_rollup", "Pss:")
            total += pss if pss is not None else (field_kib(f"/proc/{pid}/status", "VmRSS:") or 0)
        self.pss = max(self.pss, total)

    def result(self):
        return f"{self.hwm} hwm" if self.processes == 1 else f"{self.pss} pss"


def main():
    root, out = int(sys.argv[1]), sys.argv[2]
    peak = Peak(root)

    def stop(*_):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        while os.path.exists(f"/proc/{root}"):
            peak.sample()
            time.sleep(0.5)
    finally:
        peak.sample()
        with open(out, "w") as f:
            f.write(peak.result() + "\n")


if __name__ == "__main__":
    main()
