# SPDX-License-Identifier: GPL-2.0-only
"""A sweep's figures (matplotlib: mean over the replications with a 95 % confidence interval,
Student's t) and tables (reStructuredText list-tables)."""

import math
from pathlib import Path


def _t95(n):
    from scipy.stats import t

    return float(t.ppf(0.975, n - 1)) if n > 1 else math.nan


def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class _Styles:
    """Series told apart the way a paper's figure does: the first series axis by colour, the
    second by line style, the third by marker (further axes only by the legend)."""

    LINES = ["-", "--", ":", "-."]
    MARKERS = ["o", "s", "^", "D", "v", "x"]

    def __init__(self, frame, series):
        import matplotlib.pyplot as plt

        self.values = [list(dict.fromkeys(frame[s])) for s in series]
        self.colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        self.single = len(series) <= 1

    def of(self, name):
        if self.single:
            index = self.values[0].index(name[0]) if self.values else 0
            return {"color": self.colours[index % len(self.colours)], "marker": "o"}
        style = {"color": self.colours[self.values[0].index(name[0]) % len(self.colours)]}
        style["linestyle"] = self.LINES[self.values[1].index(name[1]) % len(self.LINES)]
        if len(name) > 2:
            style["marker"] = self.MARKERS[self.values[2].index(name[2]) % len(self.MARKERS)]
        else:
            style["marker"] = "o"
        return style


def plot_sweep(spec, csv_path, targets):
    """Draw every [[plot]] of the spec; returns the files written (one per plot and target)."""
    if not spec.plots:
        return []
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .results import load_results

    frame = load_results(csv_path)
    ok = frame[frame["status"] == "ok"]
    written = []
    for plot in spec.plots:
        missing = [m for m in plot.y if m not in frame.columns]
        if missing:
            metrics = [c for c in frame.columns
                       if c not in spec.parameters() + ["scenario", "RngRun", "status", "error"]]
            raise ValueError(f"plot y: no metric {', '.join(missing)}; the runs measured: "
                             + ", ".join(metrics))
        fig, axes = plt.subplots(1, len(plot.y), figsize=(5.2 * len(plot.y), 4.2),
                                 squeeze=False)
        if len(plot.series) == 1:
            groups = ok.groupby(plot.series[0], sort=False)
        else:
            groups = ok.groupby(plot.series, sort=False) if plot.series else [((), ok)]
        styles = _Styles(ok, plot.series)
        for name, group in groups:
            name = name if isinstance(name, tuple) else (name,)
            label = ", ".join(f"{s}={v}" for s, v in zip(plot.series, name)) or None
            style = styles.of(name)
            xs = sorted(group[plot.x].unique(), key=lambda v: (_number(v) is None, _number(v), v))
            for ax, metric in zip(axes[0], plot.y):
                means, errors = [], []
                for x in xs:
                    values = group[group[plot.x] == x][metric].astype(float)
                    n = len(values)
                    means.append(values.mean())
                    errors.append(_t95(n) * values.std(ddof=1) / math.sqrt(n) if n > 1 else 0)
                ax.errorbar([_number(x) if _number(x) is not None else str(x) for x in xs],
                            means, yerr=errors, markersize=4, capsize=3, label=label, **style)
        for ax, metric in zip(axes[0], plot.y):
            ax.set_xlabel(plot.x)
            ax.set_ylabel(metric)
            ax.set_xscale(plot.xscale)
            ax.set_yscale(plot.yscale)
            ax.grid(True, alpha=0.3)
        runs = len(spec.runs)
        fig.suptitle((plot.title or f"{spec.name}: {spec.scenario}")
                     + f" (mean of {runs} run{'s' if runs > 1 else ''}, 95 % CI)", fontsize=10)
        if plot.series:
            axes[0][-1].legend(fontsize=7, loc="best")
        fig.tight_layout()
        for target in targets:
            Path(target).mkdir(parents=True, exist_ok=True)
            path = Path(target) / plot.file
            fig.savefig(path, dpi=110)
            written.append(path)
        plt.close(fig)
    return written


def write_tables(spec, rows, targets):
    """Write every [[table]] of the spec; returns the files written."""
    written = []
    for table in spec.tables:
        chosen = {}
        for row in rows:
            if row["RngRun"] == table.run and row["status"] == "ok":
                chosen.setdefault(row[table.rows], row)
        missing = [c for c in table.columns if rows and all(c not in r for r in rows)]
        if missing:
            raise ValueError(f"table columns: no metric {', '.join(missing)}")
        lines = [f".. list-table:: {spec.name}: {table.rows} against "
                 + ", ".join(table.columns) + f" (RngRun {table.run})",
                 "   :header-rows: 1", "",
                 f"   * - {table.rows}"]
        lines += [f"     - {c}" for c in table.columns]
        for value in spec.grid[table.rows]:
            from ._values import value_text

            row = chosen.get(value_text(value), {})
            lines.append(f"   * - {value_text(value)}")
            lines += [f"     - {row.get(c, 'failed')}" for c in table.columns]
        text = "\n".join(lines) + "\n"
        for target in targets:
            Path(target).mkdir(parents=True, exist_ok=True)
            path = Path(target) / table.file
            path.write_text(text)
            written.append(path)
    return written
