#!/usr/bin/env python3
"""The report of one scripts/bench/run: a Markdown summary of every recorded
result and two gnuplot charts. Standard library only; gnuplot draws.

    report.py RESULTS.jsonl --summary OUT.md --charts DIR [--link PREFIX] [--doc Docs/BENCHMARKS.md]

RESULTS.jsonl holds the lines of record.py (type measure), lib.sh's
bench_rss* (type rss), and run's own (type meta, type status).
--link is how the summary refers to DIR (e.g. "bench/" from Docs/);
--doc also puts the summary between the markers below in that file,
leaving everything outside them as it is.
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys

BEGIN, END = "<!-- bench:summary:begin -->", "<!-- bench:summary:end -->"
MET, MISSED, NOGOAL = "#2e7d32", "#c62828", "#9e9e9e"


def load(path):
    records = []
    with open(path) as f:
        for line in f:
            if line.strip():
                records.append(json.loads(line))
    return records


def output(command):
    try:
        return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine():
    """One line each: what the figures were measured on."""
    mem_kib = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
    debian = open("/etc/debian_version").read().strip() if os.path.exists("/etc/debian_version") else "?"
    swift = re.search(r"Swift version (\S+)", output("swift --version 2>&1"))
    pgbin = output("ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1")
    peers = [
        ("SQLite", output("sqlite3 --version | cut -d' ' -f1")),
        ("PostgreSQL", output(f"{pgbin}/postgres --version | awk '{{print $3}}'") if pgbin else ""),
        ("Redis", output("redis-server --version | sed 's/.* v=\\([^ ]*\\).*/\\1/'")),
        ("nginx", output("nginx -v 2>&1 | sed 's|.*nginx/||'")),
        ("wrk", output("wrk -v 2>&1 | head -1 | awk '{print $2}'")),
        ("gnuplot", output("gnuplot --version | awk '{print $2 \".\" $4}'")),
        ("Python", output("python3 -c 'import platform; print(platform.python_version())'")),
    ]
    return {
        "cores": output("nproc"),
        "ram": f"{mem_kib / 1048576:.1f} GiB",
        "kernel": output("uname -r"),
        "debian": debian,
        "swift": swift.group(1) if swift else "?",
        "peers": ", ".join(f"{name} {version}" for name, version in peers if version),
    }


def figure(value):
    if value is None:
        return ""
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def ratio_text(ratio):
    return "" if ratio is None else (f"{ratio:.3f}×" if ratio < 0.1 else f"{ratio:.2f}×")


def mib(kib):
    return f"{kib / 1024:.0f}" if kib >= 10240 else f"{kib / 1024:.1f}"


def peak_rss(records, by_process=False):
    """(workload, side) → (largest KiB, what, method) over the run's samples
    (a side's largest process); by_process: (workload, side, what) → the same."""
    peaks = {}
    for r in records:
        if r.get("type") == "rss" and r.get("kib"):
            key = (r["workload"], r["side"], r["what"]) if by_process else (r["workload"], r["side"])
            if key not in peaks or r["kib"] > peaks[key][0]:
                peaks[key] = (r["kib"], r["what"], r["method"])
    return peaks


def summary(records, link, info, charts):
    meta = next((r for r in records if r.get("type") == "meta"), {})
    statuses = [r for r in records if r.get("type") == "status"]
    measures = [r for r in records if r.get("type") == "measure"]
    peaks = peak_rss(records)
    lines = [BEGIN, "## Latest run (generated)", "",
             f"Written by `scripts/bench/run` — edits here are replaced on the next full run; "
             f"the hand-written history follows below.", ""]
    lines.append(f"- **Command:** `{meta.get('command', 'scripts/bench/run')}` — {meta.get('mode', 'full')} sizes, "
                 f"{meta.get('started', '?')} to {meta.get('finished', '?')}")
    lines.append(f"- **c8:** {meta.get('c8', '?')}, release build")
    lines.append(f"- **Machine:** {info['cores']} cores, {info['ram']} RAM, Linux {info['kernel']}, "
                 f"Debian {info['debian']}, Swift {info['swift']}; load average before {meta.get('load_before', '?')}, "
                 f"after {meta.get('load_after', '?')}")
    lines.append(f"- **Peers:** {info['peers']}")
    done = ", ".join(f"{s['workload']} {s['seconds']} s" + ("" if s["status"] == "ok" else f" **{s['status'].upper()}** (exit {s['rc']})")
                     for s in statuses)
    lines.append(f"- **Workloads:** {done}")
    failed = [s["workload"] for s in statuses if s["status"] != "ok"]
    if failed:
        lines.append(f"- **Not measured (failed):** {', '.join(failed)} — see the logs of the run; "
                     "rows below may be missing for them")
    lines.append("")
    lines.append("c8 / peer is c8's *speed* relative to the peer: above 1× c8 is better (c8 ÷ peer for "
                 "throughput, peer ÷ c8 for times, latencies and memory). Absolute goals (≤ 5 ms) apply to c8's "
                 "own figure. Peak RSS is per side over the whole workload (the Memory table says of which process).")
    lines.append("")
    lines.append("| workload | measure | c8 | peer | c8 / peer | goal | | peak RSS MiB c8 / peer |")
    lines.append("|---|---|---:|---:|---:|---|---|---:|")
    for r in measures:
        unit = r["unit"]
        peer = f"{figure(r['peer_value'])} {unit} ({r['peer']})" if r.get("peer") and r.get("peer_value") is not None else (r.get("peer") or "")
        verdict = {True: "met", False: "**missed**", None: ""}[r.get("met")]
        c8_rss = peaks.get((r["workload"], "c8"))
        peer_rss = peaks.get((r["workload"], r.get("peer"))) if r.get("peer") else None
        rss = " / ".join(x for x in [mib(c8_rss[0]) if c8_rss else "", mib(peer_rss[0]) if peer_rss else ""] if x) \
            if c8_rss or peer_rss else ""
        lines.append(f"| {r['workload']} | {r['measure']} | {figure(r['c8'])} {unit} | {peer} | {ratio_text(r.get('ratio'))} "
                     f"| {r.get('goal') or ''} | {verdict} | {rss} |")
    lines.append("")
    for name, alt in charts:
        lines.append(f"![{alt}]({link}{name})")
        lines.append("")
    if peaks:
        lines.append("Memory: the peak resident set of each side's processes (`maxrss`: GNU time's %M of a "
                     "client process; `hwm`: a server's VmHWM; `pss`: the largest summed Pss of a multi-process "
                     "server, sampled every 0.5 s).")
        lines.append("")
        lines.append("| workload | side | process | peak MiB | how |")
        lines.append("|---|---|---|---:|---|")
        for (workload, side, what), (kib, _, method) in peak_rss(records, by_process=True).items():
            lines.append(f"| {workload} | {side} | {what} | {mib(kib)} | {method} |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines) + "\n"


def splice(doc, text):
    content = open(doc).read()
    begin, end = content.find(BEGIN), content.find(END)
    if begin < 0 or end < begin:
        sys.exit(f"report.py: {doc} has no {BEGIN} … {END} markers")
    with open(doc, "w") as f:
        f.write(content[:begin] + text.rstrip("\n") + content[end + len(END):])


# --- charts ---------------------------------------------------------------------------------
def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def gnuplot(script, directory):
    path = os.path.join(directory, "chart.gp")
    with open(path, "w") as f:
        f.write(script)
    result = subprocess.run(["gnuplot", path], capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        sys.exit("report.py: gnuplot failed")
    os.remove(path)


def ratio_chart(measures, directory, title):
    """Horizontal bars from 1× (parity) to each c8/peer ratio on a log axis; a
    black mark at the goal; green met, red missed, grey no goal."""
    rows = [r for r in measures if r.get("ratio")]
    if not rows:
        return False
    data = os.path.join(directory, "ratios.dat")
    values = []
    with open(data, "w") as f:
        for i, r in enumerate(reversed(rows)):
            ratio, goal = r["ratio"], r.get("goal_ratio")
            colour = NOGOAL if r.get("met") is None else (MET if r["met"] else MISSED)
            values += [ratio] + ([goal] if goal else [])
            f.write(f"{i}\t{ratio}\t{min(1, ratio)}\t{max(1, ratio)}\t{goal if goal else 'NaN'}\t"
                    f"{int(colour[1:], 16)}\t{quote(r['label'])}\t{quote(ratio_text(ratio))}\t"
                    f"{ratio * 1.08 if ratio >= 1 else ratio / 1.08}\t{1 if ratio >= 1 else 0}\n")
    low, high = min(values + [1]) / 2, max(values + [1]) * 3
    height = 90 + 24 * len(rows)
    gnuplot(bar_chart_header(os.path.join(directory, "ratios.png"), height, title, low, high, len(rows)) + f"""
set xlabel "c8 speed / peer (log scale; > 1: c8 better). Black mark: goal. Green: goal met, red: missed, grey: no goal"
set arrow from 1, graph 0 to 1, graph 1 nohead dt 2 lc rgb "#444444"
unset key
set lmargin 36
plot {quote(data)} using 2:1:3:4:($1-0.35):($1+0.35):6:ytic(7) with boxxyerror lc rgb variable, \\
     '' using 5:($1-0.45):(0):(0.9) with vectors nohead lw 3 lc rgb "black", \\
     '' using ($10 > 0 ? $9 : NaN):1:8 with labels left font ",9", \\
     '' using ($10 > 0 ? NaN : $9):1:8 with labels right font ",9"
""", directory)
    os.remove(data)
    return True


def bar_chart_header(output, height, title, low, high, count):
    """What both charts start with: a PNG of one horizontal bar row per
    measure on a logarithmic x axis from low to high."""
    return f"""
set terminal pngcairo size 1000,{height} font "DejaVu Sans,10"
set output {quote(output)}
set title {quote(title)}
set logscale x
set xrange [{low}:{high}]
set yrange [-0.7:{count - 0.3}]
set grid xtics
set style fill solid 0.85 noborder"""


def latency_chart(measures, directory, title):
    """p50 and p99 per group (HTTP at 64 and 1000 connections, streams,
    replication lag): c8 blue, its peer orange, on a log axis in ms."""
    rows = [r for r in measures if r.get("latency") in ("p50", "p99") and r.get("unit") == "ms" and r.get("c8")]
    if not rows:
        return False
    data = os.path.join(directory, "latency.dat")
    values = []
    with open(data, "w") as f:
        for i, r in enumerate(reversed(rows)):
            peer = r.get("peer_value") or "NaN"
            goal = r.get("goal_max") if r.get("goal_max") is not None else "NaN"
            values += [r["c8"]] + ([r["peer_value"]] if r.get("peer_value") else [])
            peer_name = f" (vs {r['peer']})" if r.get("peer") else ""
            f.write(f"{i}\t{r['c8']}\t{peer}\t{goal}\t{quote(r['label'] + peer_name)}\n")
    low, high = min(values) / 3, max(values) * 3
    height = 100 + 30 * len(rows)
    gnuplot(bar_chart_header(os.path.join(directory, "latency.png"), height, title, low, high, len(rows)) + f"""
set xlabel "milliseconds (log scale; black bar = goal)"
set key outside top center horizontal
set lmargin 34
plot {quote(data)} using ({low}):($1+0.04):({low}):2:($1+0.04):($1+0.36):ytic(5) with boxxyerror lc rgb "#1565c0" title "c8", \\
     '' using ({low}):($1-0.04):({low}):3:($1-0.36):($1-0.04) with boxxyerror lc rgb "#ef6c00" title "peer", \\
     '' using 4:($1-0.45):(0):(0.9) with vectors nohead lw 3 lc rgb "black" notitle
""", directory)
    os.remove(data)
    return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("--summary", required=True)
    parser.add_argument("--charts", required=True)
    parser.add_argument("--link", default="")
    parser.add_argument("--doc")
    args = parser.parse_args()
    records = load(args.results)
    measures = [r for r in records if r.get("type") == "measure"]
    meta = next((r for r in records if r.get("type") == "meta"), {})
    os.makedirs(args.charts, exist_ok=True)
    when = meta.get("started", datetime.date.today().isoformat())
    charts = []
    if ratio_chart(measures, args.charts, f"c8 against its peers, {meta.get('mode', 'full')} run {when}, {meta.get('c8', '')}"):
        charts.append(("ratios.png", "c8 / peer speed ratio per measure, goal marks"))
    if latency_chart(measures, args.charts, f"Latency, {meta.get('mode', 'full')} run {when}"):
        charts.append(("latency.png", "latency p50 and p99, c8 and peer"))
    text = summary(records, args.link, machine(), charts)
    with open(args.summary, "w") as f:
        f.write(text)
    if args.doc:
        splice(args.doc, text)


if __name__ == "__main__":
    main()
