# SPDX-License-Identifier: GPL-2.0-only
"""One sweep run, in a process of its own (the ns-3 simulator is a singleton):
``python3 -m tcprst.point`` reads the run as JSON on stdin and writes one line
``TCPRST-RESULT {...}`` on stdout: the run's result flattened to one row of named values."""

import json
import sys

MARKER = "TCPRST-RESULT "


def flatten(kind, result):
    """A run's result as one tidy row: numbers and short texts, no nested data."""
    if kind == "experiment":
        return dict(result["metrics"])
    row = {}
    if kind == "case":
        row.update(verdict=result["verdict"], passed=int(result["passed"]),
                   triggered=int(result["triggered"]), observed=result["observed"],
                   resets_sent=sum(1 for e in result["resets"] if e["direction"] == "sent"),
                   resets_received=sum(1 for e in result["resets"]
                                       if e["direction"] == "received"),
                   simulated_s=result["simulated_s"], events=result["events"])
        totals = {}
        for counters in result["counters"].values():
            for name, value in counters.items():
                if isinstance(value, int):
                    totals[name] = totals.get(name, 0) + value
        row.update(totals)
    else:
        verdicts = {}
        for per_case in result["verdicts"].values():
            for verdict, n in per_case.items():
                verdicts[verdict] = verdicts.get(verdict, 0) + n
        row.update(passed=int(result["passed"]), instances=len(result["instances"]),
                   pass_count=verdicts.get("PASS", 0), fail_count=verdicts.get("FAIL", 0),
                   not_triggered_count=verdicts.get("NOT TRIGGERED", 0),
                   resets=result["resets"], background_resets=result["background"]["resets"],
                   rounds=result["rounds"], events=result["events"],
                   simulated_s=result["simulated_s"])
    for reason, n in sorted(result["reset_reasons"].items()):
        row[f"rst.{reason}"] = n
    return row


def run(payload):
    """Run one point as the payload says; returns the flattened row."""
    import tcprst

    for path, value in payload["defaults"].items():
        tcprst.Config.SetDefault(path, value)
    tcprst.RngSeedManager.SetSeed(payload["seed"])
    tcprst.RngSeedManager.SetRun(payload["run"])
    params = dict(payload["params"])
    if payload.get("out"):
        params["out"] = payload["out"]
    kind, name = payload["kind"], payload["scenario"]
    if kind == "experiment":
        result = tcprst.run_experiment(name, params)
    elif kind == "case":
        result = tcprst.run_case(name, params)
    else:
        result = tcprst.run_scenario(params)
    return flatten(kind, result)


def main():
    payload = json.load(sys.stdin)
    row = run(payload)
    sys.stdout.write(MARKER + json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
