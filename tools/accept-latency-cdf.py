#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The connect() latency distribution behind the accept-queue sweep's mean: one run of the
accept-load experiment per setting, through the Python module, as a CDF with Linux's SYN
retransmission instants marked (1, 2, 3, 4, 5 s, then 7 and 11 s: Linux 6.x retries a SYN at
linear 1 s intervals four times, tcp_syn_linear_timeouts, then backs off exponentially).

    ./tcp-rst python tools/accept-latency-cdf.py doc/figures/accept-queue-latency.png
"""

import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import tcprst  # noqa: E402

SETTINGS = [
    {"backlog": 128, "abortOnOverflow": False, "synCookies": 1},
    {"backlog": 128, "abortOnOverflow": False, "synCookies": 0},
    {"backlog": 5, "abortOnOverflow": False, "synCookies": 0},
    {"backlog": 128, "abortOnOverflow": True, "synCookies": 1},
]
LOAD = {"connRate": 2000, "acceptRate": 500, "duration": "2s", "patience": "20s", "RngRun": 1}


def main(out):
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    for setting in SETTINGS:
        result = tcprst.run_experiment("accept-load", {**LOAD, **setting})
        latencies = sorted(float(r["connect_ms"]) / 1000 for r in result["records"]
                           if r["connect_ms"])
        offered = len(result["records"])
        share = [100.0 * (i + 1) / offered for i in range(len(latencies))]
        label = ", ".join(f"{k}={tcprst.value_text(v)}" for k, v in setting.items())
        ax.step(latencies, share, where="post", label=label)
    for instant in (1, 2, 3, 4, 5, 7, 11):
        ax.axvline(instant, color="grey", linewidth=0.8, linestyle=":")
    ax.set_xscale("log")
    ax.set_xlim(0.002, 30)
    ax.set_xlabel("connect() latency (s); dotted: the client's SYN retransmissions")
    ax.set_ylabel("connections connected (% of offered)")
    ax.set_title("accept-load, 2000 connections/s for 2 s, accept() 500/s (RngRun 1)",
                 fontsize=10)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"written: {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: accept-latency-cdf.py OUT.png")
    main(sys.argv[1])
