# SPDX-License-Identifier: GPL-2.0-only
"""The sweep runner: every (grid point, RngRun) of a spec in a process of its own, in parallel
up to the core count (or on a Dask distributed cluster), cached in SQLite by a hash of its
parameters, then one tidy CSV (one row per run), plots with confidence intervals over the
replications, and tables.

    ./tcp-rst sweep examples/sweeps/accept-queue.toml          # shell
    tcprst.sweep("examples/sweeps/accept-queue.toml", jobs=2)  # Python

A failed run is recorded with its stderr and reported; it is not run again unless asked
(retry_failed=True, --retry-failed).
"""

import csv
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .point import MARKER
from .spec import load_spec
from .store import RunStore

PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)


def run_point(payload, python=None):
    """Run one sweep point in a new process; never raises for the run's own failure.

    Returns {"status": "ok", "result": row, "wall_s": s} or {"status": "failed", "stderr": ...}.
    This is what a Dask worker executes too (it needs this package on its PYTHONPATH).
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (PACKAGE_PARENT, env.get("PYTHONPATH", "")) if p)
    started = time.monotonic()
    try:
        done = subprocess.run([python or sys.executable, "-m", "tcprst.point"],
                              input=json.dumps(payload), capture_output=True, text=True,
                              env=env, timeout=payload.get("timeout"), check=False)
    except subprocess.TimeoutExpired as e:
        stderr = e.stderr.decode() if isinstance(e.stderr, bytes) else (e.stderr or "")
        return {"status": "failed", "wall_s": time.monotonic() - started,
                "stderr": f"timed out after {payload.get('timeout')} s\n{stderr}"}
    wall = time.monotonic() - started
    rows = [line[len(MARKER):] for line in done.stdout.splitlines() if line.startswith(MARKER)]
    if done.returncode != 0 or len(rows) != 1:
        return {"status": "failed", "wall_s": wall,
                "stderr": f"exit status {done.returncode}\n{done.stderr}"}
    return {"status": "ok", "wall_s": wall, "result": json.loads(rows[0])}


@dataclass
class SweepReport:
    """What a sweep did and wrote."""

    spec: object
    csv: Path
    database: Path
    total: int = 0
    ran: int = 0
    cached: int = 0
    failed: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    tables: list = field(default_factory=list)

    def summary(self):
        text = (f"sweep {self.spec.name}: {self.total} runs ({self.ran} run now, {self.cached} "
                f"from the cache, {len(self.failed)} failed); results in {self.csv}")
        for key, point, run, stderr in self.failed:
            last = stderr.strip().splitlines()[-1] if stderr.strip() else "no stderr"
            text += f"\n  FAILED {json.dumps(point)} RngRun={run}: {last}"
        return text


def run_sweep(spec, jobs=None, scheduler=None, retry_failed=False, progress=True, plots=True,
              figures_dir=None, base_dir=None):
    """Run a sweep spec (a TOML path or a dict, see tcprst.spec).

    jobs: parallel processes on this machine (default: the core count).
    scheduler: a Dask scheduler address ("tcp://host:8786") or a distributed.Client: the runs
    go to its workers instead (each still in a process of its own).
    figures_dir: also write the figures and tables there (e.g. doc/figures).
    """
    spec = load_spec(spec, base_dir=base_dir)
    spec.out_dir.mkdir(parents=True, exist_ok=True)
    store = RunStore(spec.out_dir / "sweep.sqlite")
    report = SweepReport(spec=spec, csv=spec.out_dir / "results.csv",
                         database=spec.out_dir / "sweep.sqlite")
    try:
        todo = []
        order = []
        for point in spec.points():
            for run in spec.runs:
                key = spec.key(point, run)
                order.append((key, point, run))
                status = store.status(key)
                if status == "ok" or (status == "failed" and not retry_failed):
                    report.cached += 1
                    continue
                todo.append((key, point, run, _payload(spec, key, point, run)))
        report.total = len(order)
        _execute(spec, store, todo, jobs, scheduler, progress)
        report.ran = len(todo)
        rows = _write_csv(spec, store, order, report.csv)
        report.failed = []
        for key, point, run in order:
            status, _, stderr = store.get(key)
            if status == "failed":
                report.failed.append((key, point, run, stderr))
        if plots:
            from .plots import plot_sweep, write_tables

            targets = [spec.out_dir] + ([Path(figures_dir)] if figures_dir else [])
            report.figures = plot_sweep(spec, report.csv, targets)
            report.tables = write_tables(spec, rows, targets)
    finally:
        store.close()
    return report


def _payload(spec, key, point, run):
    out = str(spec.out_dir / "runs" / key) if spec.keep_files else ""
    return {"kind": spec.kind, "scenario": spec.scenario, "params": point,
            "defaults": spec.defaults, "seed": spec.seed, "run": run, "out": out,
            "timeout": spec.timeout}


def _progress_bar(total, name, enabled):
    from tqdm import tqdm

    return tqdm(total=total, desc=name, unit="run", disable=not enabled or total == 0,
                file=sys.stderr)


def _execute(spec, store, todo, jobs, scheduler, progress):
    if not todo:
        return
    bar = _progress_bar(len(todo), spec.name, progress)
    by_key = {key: (point, run) for key, point, run, _ in todo}

    def record(key, outcome):
        point, run = by_key[key]
        store.put(key, spec.scenario, point, run, outcome)
        bar.update(1)
        if outcome["status"] == "failed":
            bar.write(f"run failed: {json.dumps(point)} RngRun={run}")

    try:
        if scheduler is not None:
            _execute_dask(todo, scheduler, record)
        else:
            workers = jobs or os.cpu_count() or 1
            if workers < 1:
                raise ValueError(f"jobs: {workers} is not a number of processes >= 1")
            pool = ThreadPoolExecutor(max_workers=workers)
            try:
                futures = {pool.submit(run_point, payload): key for key, _, _, payload in todo}
                for future in as_completed(futures):
                    record(futures[future], future.result())
            finally:
                # On Ctrl-C, start nothing more (what finished is stored; a rerun resumes).
                pool.shutdown(wait=True, cancel_futures=True)
    finally:
        bar.close()


def _execute_dask(todo, scheduler, record):
    from distributed import Client, as_completed as dask_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        futures = {client.submit(run_point, payload, key=f"tcprst-{key}", pure=False): key
                   for key, _, _, payload in todo}
        for future in dask_completed(futures):
            try:
                outcome = future.result()
            except Exception as e:  # the worker itself failed (lost, killed, not importable)
                outcome = {"status": "failed", "stderr": f"dask worker: {e!r}"}
            record(futures[future], outcome)
    finally:
        if client is not scheduler:
            client.close()


def _write_csv(spec, store, order, path):
    """One row per run, in grid order: parameters, RngRun, status, metrics, error."""
    params = spec.parameters()
    rows, metrics = [], []
    for key, point, run in order:
        status, result, stderr = store.get(key)
        row = {"scenario": spec.scenario, **{p: point.get(p, "") for p in params},
               "RngRun": run, "status": status}
        for name, value in (result or {}).items():
            if name not in metrics:
                metrics.append(name)
            row[name] = value
        lines = stderr.strip().splitlines()
        row["error"] = lines[-1] if status == "failed" and lines else ""
        rows.append(row)
    columns = ["scenario", *params, "RngRun", "status", *metrics, "error"]
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return rows
