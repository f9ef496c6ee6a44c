# SPDX-License-Identifier: GPL-2.0-only
"""pytest for the Python module tcprst (run by ./tcp-rst test, after the build)."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("TCP_RST_BUILD_DIR", ROOT / "build")).resolve()
sys.path.insert(0, str(BUILD / "python"))
# Processes the tests start (sweep points, Dask workers) import tcprst too.
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(BUILD / "python"), os.environ.get("PYTHONPATH", "")) if p)


@pytest.fixture(scope="session")
def build_dir():
    """The build folder (its programs and python/)."""
    if not (BUILD / "python" / "tcprst" / "__init__.py").exists():
        pytest.fail(f"the Python module is not built in {BUILD} (./tcp-rst build)")
    return BUILD


@pytest.fixture
def small_spec(tmp_path):
    """A sweep of 8 short accept-load runs (2 x 2 points, 2 replications)."""

    def make(out=None, **extra):
        spec = {
            "name": "small",
            "scenario": "accept-load",
            "replications": 2,
            "params": {"connRate": [200, 2000], "backlog": [5, 128], "duration": "200ms",
                       "patience": "4s"},
            "output": {"dir": str(out or tmp_path / "small")},
        }
        spec.update(extra)
        return spec

    return make
