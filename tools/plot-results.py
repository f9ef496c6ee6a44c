#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Plots of a tcp-rst showcase results folder (written by tcp-rst-run --showcase --out=DIR).

  resets-per-reason.png   resets sent, per case, stacked by reason
  resets-over-time.png    every reset sent, by case and time in its round, coloured by reason
  samples/CASE/ladder.png the sample flow's sequence diagram, resets in red with their reason

Usage: /usr/bin/python3 tools/plot-results.py DIR   (Debian's python3-matplotlib)
"""
import csv
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Segments drawn around the resets of a sample flow: more would not be readable.
LADDER_SEGMENTS = 40


def reason_colours(reasons):
    cmap = plt.get_cmap("tab20")
    return {r: cmap(i % 20) for i, r in enumerate(sorted(reasons))}


def plot_reasons(summary, out):
    cases = [c for c in summary["cases"]]
    reasons = sorted({r for c in cases for r in c["reasons"]})
    colours = reason_colours(reasons)
    fig, ax = plt.subplots(figsize=(11, 6))
    bottoms = [0] * len(cases)
    names = [c["case"] for c in cases]
    for reason in reasons:
        counts = [c["reasons"].get(reason, 0) for c in cases]
        ax.bar(names, counts, bottom=bottoms, label=reason, color=colours[reason])
        bottoms = [b + n for b, n in zip(bottoms, counts)]
    ax.set_yscale("symlog")
    ax.set_ylabel("resets sent (all instances)")
    ax.set_title("Resets per reason per case — " + summary["topology"])
    ax.tick_params(axis="x", rotation=60)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def plot_over_time(rows, out, title):
    sent = [r for r in rows if r["event"] == "sent"]
    cases = sorted({r["case"] for r in sent})
    reasons = sorted({r["reason"] for r in sent})
    colours = reason_colours(reasons)
    fig, ax = plt.subplots(figsize=(11, 6))
    for reason in reasons:
        pts = [r for r in sent if r["reason"] == reason]
        ax.scatter(
            [float(r["time_s"]) for r in pts],
            [cases.index(r["case"]) for r in pts],
            s=14,
            color=colours[reason],
            label=reason,
        )
    ax.set_xscale("symlog", linthresh=1.0)
    ax.set_yticks(range(len(cases)))
    ax.set_yticklabels(cases, fontsize=8)
    ax.set_xlabel("time in its round (s, log scale above 1 s)")
    ax.set_title("Resets sent over time — " + title)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def window(segments):
    """The segments around the first resets, at most LADDER_SEGMENTS."""
    resets = [i for i, s in enumerate(segments) if "R" in s["flags"]]
    if len(segments) <= LADDER_SEGMENTS or not resets:
        return segments[:LADDER_SEGMENTS]
    first = max(0, resets[0] - LADDER_SEGMENTS // 2)
    return segments[first : first + LADDER_SEGMENTS]


def plot_ladder(path, out, name):
    with open(path) as f:
        segments = list(csv.DictReader(f))
    if not segments:
        return
    shown = window(segments)
    fig, ax = plt.subplots(figsize=(8, max(4, 0.32 * len(shown) + 1.5)))
    ax.axvline(0, color="black")
    ax.axvline(1, color="black")
    for row, s in enumerate(shown):
        y = row
        x0, x1 = (0, 1) if s["dir"] == "C>S" else (1, 0)
        reset = "R" in s["flags"]
        colour = "red" if reset else ("grey" if s["lost"] == "1" else "tab:blue")
        end = x0 + (x1 - x0) * (0.5 if s["lost"] == "1" else 1.0)
        ax.annotate(
            "",
            xy=(end, y + 0.8),
            xytext=(x0, y),
            arrowprops=dict(arrowstyle="->", color=colour, lw=2 if reset else 1),
        )
        label = "%s seq=%s" % (s["flags"], s["seq"])
        if s["ack"]:
            label += " ack=%s" % s["ack"]
        if s["len"] != "0":
            label += " len=%s" % s["len"]
        if reset and s["reason"]:
            label += "  [%s]" % s["reason"]
        if s["lost"] == "1":
            label += "  LOST"
        if s["injected"] == "1":
            label += "  (injected)"
        ax.text(0.5, y + 0.25, label, ha="center", fontsize=7, color=colour,
                fontweight="bold" if reset else "normal")
        ax.text(-0.02, y, "%.3f ms" % float(s["time_ms"]), ha="right", fontsize=6)
    ax.set_xlim(-0.35, 1.1)
    ax.set_ylim(len(shown) + 0.5, -1)
    ax.set_xticks([0, 1])
    ax.set_xticklabels(["client", "server"])
    ax.set_yticks([])
    more = "" if len(shown) == len(segments) else " (%d of %d segments)" % (len(shown), len(segments))
    ax.set_title("%s: sample flow%s" % (name, more), fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main():
    if len(sys.argv) != 2 or not os.path.isfile(os.path.join(sys.argv[1], "summary.json")):
        sys.exit("usage: plot-results.py DIR (a folder holding summary.json)")
    folder = sys.argv[1]
    with open(os.path.join(folder, "summary.json")) as f:
        summary = json.load(f)
    with open(os.path.join(folder, "resets.csv")) as f:
        rows = list(csv.DictReader(f))
    written = []
    out = os.path.join(folder, "resets-per-reason.png")
    plot_reasons(summary, out)
    written.append(out)
    out = os.path.join(folder, "resets-over-time.png")
    plot_over_time(rows, out, summary["topology"])
    written.append(out)
    samples = os.path.join(folder, "samples")
    for name in sorted(os.listdir(samples)) if os.path.isdir(samples) else []:
        ladder = os.path.join(samples, name, "ladder.csv")
        if os.path.isfile(ladder):
            out = os.path.join(samples, name, "ladder.png")
            plot_ladder(ladder, out, name)
            written.append(out)
    print("plots: %d PNG files in %s" % (len(written), folder))


if __name__ == "__main__":
    main()
