# SPDX-License-Identifier: GPL-2.0-only
"""What the README and the doc say about Python holds: the README's session runs as printed,
the doc's injection table is what the model does, the figures it shows exist."""

import contextlib
import io
import re
from pathlib import Path

import pytest

import tcprst

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "doc" / "tcp-rst.rst").read_text()


def test_the_readme_session_runs_as_printed():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```python\n(.*?)```", readme, re.DOTALL).group(1)
    lines = block.strip().splitlines()
    assert len(lines) == 10
    printed = io.StringIO()
    namespace = {}
    knob = {k["name"]: k for k in tcprst.knobs()}["SynAckRetries"]["default"]
    try:
        with contextlib.redirect_stdout(printed):
            exec("\n".join(lines[:-1]), namespace)
        for line in lines:
            shown = re.search(r"print\(.*\)\s+# (.*)$", line)
            if shown and "{" in shown.group(1):
                assert shown.group(1) in printed.getvalue()
        with pytest.raises(ValueError, match=re.escape(lines[-1].split("ValueError: ")[1])):
            exec(lines[-1].split("#")[0], namespace)
    finally:
        tcprst.ns.Config.SetDefault("ns3::TcpRstL4Protocol::SynAckRetries", knob)


def _doc_table(caption_start):
    start = DOC.index(caption_start)
    rows, row = [], None
    for line in DOC[start:].splitlines()[1:]:
        if line.startswith("   * - "):
            row = [line[7:]]
            rows.append(row)
        elif line.startswith("     - "):
            row.append(line[7:])
        elif line.strip() and not line.startswith("   :"):
            break
    return rows


def test_the_docs_injection_table_is_what_the_model_does():
    rows = _doc_table(".. list-table:: blind-injection: stack against")
    header, body = rows[0], rows[1:]
    assert header == ["stack", "in_window_rst", "in_window_syn", "in_window_data",
                      "data_with_a_bad_ack"]
    assert [r[0] for r in body] == ["Linux", "Rfc793", "Ns3"]
    # the sweep's own table (./tcp-rst sweep ... --figures=doc/figures) is the one shown
    generated = (ROOT / "doc" / "figures" / "blind-injection-table.rst").read_text()
    assert generated.strip() in DOC
    for row in body:
        labels = tcprst.run_experiment("blind-injection", stack=row[0], attackRate=0,
                                       connections=1)["metrics"]
        assert [labels[c] for c in header[1:]] == row[1:], row[0]


def test_every_figure_the_doc_shows_exists():
    figures = re.findall(r"^\.\. figure:: (\S+)$", DOC, re.MULTILINE)
    assert {"figures/accept-queue.png", "figures/blind-injection.png",
            "figures/accept-queue-latency.png"} <= set(figures)
    for figure in figures:
        with open(ROOT / "doc" / figure, "rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n", figure
