#!/usr/bin/env python3
"""Prints one benchmark result as a JSON line (lib.sh's bench_record appends it
to $BENCH_RESULTS). Standard library only.

    record.py workload=ingest measure="1 M documents, c8 import vs SQLite" \
              unit=s better=lower c8=1.07 peer=SQLite peer_value=3.10 goal_ratio=1.5

Fields in (key=value; only workload, measure, unit, better and c8 are required):
  better       higher (throughput) or lower (time, latency, memory): says which
               way the ratio turns
  peer, peer_value   the side it is measured against, in the same unit
  goal_ratio   the goal as a speed ratio over the peer (1.5 = 1.5x the peer)
  goal_max, goal_min  an absolute goal on c8's own value (p99 <= 5 ms)
  goal         the goal as text, when neither form above says it
  met          true/false, when the workload itself judged it
  latency      p50/p99/max: the row goes on the latency chart, grouped by
  group        (e.g. "HTTP GET, 64 connections")
  label        a short name for the charts (default: measure)
  ratio        the ratio as the workload printed it (from unrounded figures)
Computed: ratio = c8's speed relative to the peer, > 1 means c8 is better
(c8/peer for higher-is-better units, peer/c8 for lower-is-better ones); met
from the goals when not given.
"""
import json
import sys


def number(text):
    try:
        return float(text.replace(",", "").strip())
    except ValueError:
        return None


def main(arguments):
    fields = {}
    for argument in arguments:
        key, sep, value = argument.partition("=")
        if not sep:
            sys.exit(f"record.py: {argument!r} is not key=value")
        fields[key] = value
    for key in ("workload", "measure", "unit", "better", "c8"):
        if key not in fields:
            sys.exit(f"record.py: {key}= missing")
    if fields["better"] not in ("higher", "lower"):
        sys.exit("record.py: better= is higher or lower")
    higher = fields["better"] == "higher"
    c8 = number(fields["c8"])
    peer_value = number(fields.get("peer_value", ""))
    ratio = None
    if c8 and peer_value:  # none when either is missing or zero
        ratio = c8 / peer_value if higher else peer_value / c8
    printed = number(fields.get("ratio", "").strip().rstrip("×"))
    if printed:  # the workload's own, from unrounded figures (same direction: c8 better above 1)
        ratio = printed
    goal_ratio = number(fields.get("goal_ratio", ""))
    goal_max = number(fields.get("goal_max", ""))
    goal_min = number(fields.get("goal_min", ""))

    goal, checks = fields.get("goal", ""), []
    if goal_ratio is not None:
        goal = goal or f"≥ {goal_ratio:g}× {fields.get('peer', 'peer')}"
        checks.append(ratio is not None and ratio >= goal_ratio)
    if goal_max is not None:
        goal = goal or f"≤ {goal_max:g} {fields['unit']}"
        checks.append(c8 is not None and c8 <= goal_max)
    if goal_min is not None:
        goal = goal or f"≥ {goal_min:g} {fields['unit']}"
        checks.append(c8 is not None and c8 >= goal_min)
    if "met" in fields:
        met = fields["met"] == "true"
    else:
        met = all(checks) if checks else None

    record = {
        "type": "measure",
        "workload": fields["workload"],
        "measure": fields["measure"],
        "label": fields.get("label", fields["measure"]),
        "unit": fields["unit"],
        "better": fields["better"],
        "c8": c8,
        "peer": fields.get("peer"),
        "peer_value": peer_value,
        "ratio": round(ratio, 4) if ratio is not None else None,
        "goal": goal or None,
        "goal_ratio": goal_ratio,
        "goal_max": goal_max,
        "goal_min": goal_min,
        "met": met,
        "latency": fields.get("latency"),
        "group": fields.get("group"),
    }
    print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
