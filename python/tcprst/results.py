# SPDX-License-Identifier: GPL-2.0-only
"""Loaders for a sweep's results.csv: pandas for tables, xarray for labelled arrays."""

from pathlib import Path


def load_results(path):
    """results.csv (or the sweep folder holding it) as a pandas DataFrame, one row per run."""
    import pandas as pd

    path = Path(path)
    if path.is_dir():
        path = path / "results.csv"
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def to_xarray(frame, metric):
    """One metric as an xarray DataArray indexed by every parameter that varies, and RngRun."""
    ok = frame[frame["status"] == "ok"]
    if metric not in ok.columns:
        raise KeyError(f"no metric '{metric}'; the results have: "
                       + ", ".join(c for c in ok.columns if c not in ("scenario", "status")))
    fixed = ("scenario", "status", "error")
    dims = [c for c in frame.columns
            if c not in fixed and c != metric and _is_parameter(frame, c) and ok[c].nunique() > 1]
    dims = [d for d in dims if d != "RngRun"] + ["RngRun"]
    return ok.set_index(dims)[metric].to_xarray()


def _is_parameter(frame, column):
    # parameters come before RngRun in the CSV, metrics after status
    columns = list(frame.columns)
    return columns.index(column) <= columns.index("RngRun")
