# SPDX-License-Identifier: GPL-2.0-only
"""The sweep runner: per-run processes, SQLite cache and resume after a kill, recorded
failures, the tidy CSV, the loaders, the plots, and a Dask LocalCluster giving the same CSV."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

import tcprst
from tcprst.sweep import run_sweep


def test_a_sweep_writes_one_row_per_run_and_reruns_nothing(small_spec, tmp_path):
    report = run_sweep(small_spec(plot={"x": "connRate", "y": ["success_pct"],
                                        "file": "p.png"}), jobs=2, progress=False)
    assert (report.total, report.ran, report.cached, report.failed) == (8, 8, 0, [])
    frame = tcprst.load_results(report.csv)
    assert len(frame) == 8
    assert list(frame.columns[:6]) == ["scenario", "connRate", "backlog", "duration",
                                       "patience", "RngRun"]
    assert set(frame["status"]) == {"ok"}
    assert set(frame["RngRun"]) == {1, 2}
    # 200 connections a second into an accept() of 500 a second never overflow
    calm = frame[frame["connRate"] == 200]
    assert (calm["success_pct"] == 100).all() and (calm["listen_overflows"] == 0).all()
    busy = frame[(frame["connRate"] == 2000) & (frame["backlog"] == 5)]
    assert (busy["listen_overflows"] > 0).all()
    with open(report.figures[0], "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    text = report.csv.read_text()
    again = run_sweep(small_spec(), jobs=2, progress=False, plots=False)
    assert (again.ran, again.cached) == (0, 8)
    assert again.csv.read_text() == text


def test_replications_differ_where_linux_would(small_spec):
    report = run_sweep(small_spec(), jobs=2, progress=False, plots=False)
    frame = tcprst.load_results(report.csv)
    one = frame[(frame["connRate"] == 2000) & (frame["backlog"] == 5)]
    assert one["offered"].nunique() == 2  # Poisson arrivals: another RngRun, other arrivals


def test_loaders_give_pandas_and_xarray(small_spec):
    report = run_sweep(small_spec(), jobs=2, progress=False, plots=False)
    frame = tcprst.load_results(report.csv.parent)
    array = tcprst.to_xarray(frame, "success_pct")
    assert array.dims == ("connRate", "backlog", "RngRun")
    assert array.shape == (2, 2, 2)
    assert float(array.sel(connRate=200, backlog=5, RngRun=1)) == 100
    with pytest.raises(KeyError, match="no metric 'nope'"):
        tcprst.to_xarray(frame, "nope")


def test_failed_runs_are_recorded_with_stderr_and_not_dropped(small_spec, tmp_path):
    spec = small_spec(output={"dir": str(tmp_path / "slow"), "timeout": 0.01})
    report = run_sweep(spec, jobs=2, progress=False, plots=False)
    assert len(report.failed) == 8
    assert "timed out after 0.01 s" in report.failed[0][3]
    frame = tcprst.load_results(report.csv)
    assert set(frame["status"]) == {"failed"} and len(frame) == 8
    assert frame["error"].str.contains("timed out").all()
    assert "FAILED" in report.summary()
    # Not run again unless asked.
    assert run_sweep(spec, jobs=2, progress=False, plots=False).ran == 0


def test_the_command_line_reports_failures_with_exit_status_1(small_spec, tmp_path, build_dir):
    toml = tmp_path / "bad.toml"
    toml.write_text('scenario = "accept-load"\n[params]\nconnRate = [0]\n')
    done = subprocess.run([sys.executable, "-m", "tcprst", "sweep", str(toml)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2
    assert "--connRate=0 is out of range [1, 20000]" in done.stderr
    assert not (tmp_path / "results").exists()  # refused before anything ran


def test_a_killed_sweep_resumes_where_it_stopped(small_spec, tmp_path):
    toml = tmp_path / "resume.toml"
    out = tmp_path / "resume"
    toml.write_text(f'''name = "resume"
scenario = "accept-load"
replications = 4
[params]
connRate = [200, 2000]
backlog = [5, 128]
duration = "200ms"
patience = "4s"
[output]
dir = "{out}"
''')
    process = subprocess.Popen([sys.executable, "-m", "tcprst", "sweep", str(toml), "--jobs",
                                "1", "--no-progress"], start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    database = out / "sweep.sqlite"
    deadline = time.monotonic() + 120
    done = 0
    while done < 4 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
        if database.exists():
            try:
                done = sqlite3.connect(database).execute("SELECT COUNT(*) FROM runs").fetchone()[0]
            except sqlite3.OperationalError:
                pass
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 4 <= done < 16, f"{done} runs were stored before the kill"
    resumed = run_sweep(str(toml), jobs=2, progress=False, plots=False)
    assert resumed.cached >= 4 and resumed.cached + resumed.ran == 16
    assert resumed.failed == []
    # The same CSV as a sweep that was never interrupted.
    clean_toml = tmp_path / "clean.toml"
    clean_toml.write_text(toml.read_text().replace(str(out), str(tmp_path / "clean")))
    clean = run_sweep(str(clean_toml), jobs=2, progress=False, plots=False)
    assert resumed.csv.read_text() == clean.csv.read_text()


def test_a_dask_local_cluster_gives_the_local_runners_csv(small_spec, tmp_path):
    from distributed import Client, LocalCluster

    local = run_sweep(small_spec(out=tmp_path / "local"), jobs=2, progress=False, plots=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        remote = run_sweep(small_spec(out=tmp_path / "dask"), scheduler=client, progress=False,
                           plots=False)
        # by address, as from another machine
        by_address = run_sweep(small_spec(out=tmp_path / "address"),
                               scheduler=cluster.scheduler_address, progress=False, plots=False)
    assert remote.ran == 8 and remote.failed == []
    assert by_address.ran == 8 and by_address.failed == []
    assert remote.csv.read_text() == local.csv.read_text()
    assert by_address.csv.read_text() == local.csv.read_text()
