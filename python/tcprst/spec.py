# SPDX-License-Identifier: GPL-2.0-only
"""Sweep specs: a TOML file (or a dict of the same shape) naming the scenario, the parameter
grid, the replications and the outputs. Everything is checked before anything runs; a bad spec
raises SpecError naming the offending key and what it allows.

Example (examples/sweeps/accept-queue.toml has the whole paper)::

    name = "accept-queue"
    scenario = "accept-load"          # an experiment, a case, or "scenario"
    replications = 3                  # RngRun 1..3 (or: runs = [4, 5, 6])
    seed = 1                          # RngSeed

    [params]                          # a list is an axis of the grid, a scalar is fixed
    connRate = [100, 400, 1600]
    backlog = [5, 128]
    duration = "1s"

    [defaults]                        # Config::SetDefault, values as text
    "ns3::TcpRstL4Protocol::SynAckRetries" = "5"

    [output]
    dir = "results/sweeps/accept-queue"   # relative to the working directory
    files = false                     # keep each run's own files (pcaps ...) under dir/runs/

    [[plot]]
    x = "connRate"
    y = ["success_pct", "client_resets"]
    series = ["backlog"]              # default: every other axis
    file = "accept-queue.png"

    [[table]]                         # a reStructuredText table of one replication's labels
    rows = "stack"
    columns = ["in_window_rst", "in_window_syn"]
    file = "outcomes.rst"
"""

import functools
import hashlib
import itertools
import json
import math
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import _tcprst
from ._values import value_text

TOP_KEYS = ("name", "description", "scenario", "replications", "runs", "seed", "params",
            "defaults", "output", "plot", "table")
OUTPUT_KEYS = ("dir", "files", "timeout")
PLOT_KEYS = ("x", "y", "series", "file", "title", "xscale", "yscale")
TABLE_KEYS = ("rows", "columns", "file", "run")
RESERVED_PARAMS = {
    "RngRun": "use 'replications' or 'runs'",
    "RngSeed": "use 'seed'",
    "out": "the sweep gives each run its folder (output.files = true keeps them)",
    "quiet": "sweep runs are always quiet",
}


class SpecError(ValueError):
    """A sweep spec that cannot run; the message names the key and what it allows."""


@dataclass
class PlotSpec:
    x: str
    y: list
    series: list
    file: str
    title: str = ""
    xscale: str = "linear"
    yscale: str = "linear"


@dataclass
class TableSpec:
    rows: str
    columns: list
    file: str
    run: int


@dataclass
class SweepSpec:
    name: str
    scenario: str
    kind: str
    grid: dict
    fixed: dict
    runs: list
    seed: int
    defaults: dict
    out_dir: Path
    keep_files: bool = False
    timeout: float = 3600.0
    plots: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    description: str = ""

    def points(self):
        """Every grid point: a dict of every parameter (axes and fixed ones), as text."""
        axes = list(self.grid)
        for values in itertools.product(*(self.grid[a] for a in axes)):
            point = dict(self.fixed)
            point.update(zip(axes, values))
            yield {k: value_text(v) for k, v in point.items()}

    def key(self, point, run):
        """The cache key of one run: a hash of everything that decides its result, the built
        model included (a rebuilt library with other code runs the sweep again)."""
        what = {"scenario": self.scenario, "kind": self.kind, "params": point,
                "defaults": self.defaults, "seed": self.seed, "run": run,
                "model": model_fingerprint()}
        return hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()[:20]

    def parameters(self):
        """The parameter names, axes first, in spec order."""
        return list(self.grid) + [k for k in self.fixed if k not in self.grid]


@functools.lru_cache(maxsize=1)
def model_fingerprint():
    """A hash of the built C++ code the runs execute: the bindings and, in a build tree,
    libtcp-rst.so beside them."""
    module = Path(_tcprst.__file__)
    digest = hashlib.sha256()
    for path in (module, module.parents[2] / "libtcp-rst.so"):
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _fail(key, message):
    raise SpecError(f"{key}: {message}")


def _check_keys(table, allowed, where):
    for key in table:
        if key not in allowed:
            _fail(f"{where}{key}", "unknown key; allowed: " + ", ".join(allowed))


def _catalog():
    experiments = {e["name"]: e for e in _tcprst.experiments()}
    cases = {c["name"]: c for c in _tcprst.cases()}
    return experiments, cases


def _resolve_scenario(name):
    experiments, cases = _catalog()
    if name in experiments:
        return "experiment", experiments[name]["parameters"]
    if name in cases:
        return "case", cases[name]["parameters"]
    if name == "scenario":
        return "scenario", _tcprst.scenario_parameters()
    allowed = sorted(experiments) + sorted(cases) + ["scenario"]
    _fail("scenario", f"unknown '{name}'; allowed: " + ", ".join(allowed))


def _positive_int(value, key, minimum=1):
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        _fail(key, f"{value!r} is not a whole number >= {minimum}")
    return value


def _scalar(value, key):
    if isinstance(value, (dict, list)) or (isinstance(value, float) and not math.isfinite(value)):
        _fail(key, f"{value!r} is not a value (a string, number or bool)")
    return value


def load_spec(source, base_dir=None):
    """Read and check a spec: a path to a TOML file, or a dict of the same shape."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except FileNotFoundError:
            raise SpecError(f"spec: no such file '{path}'") from None
        except tomllib.TOMLDecodeError as e:
            raise SpecError(f"spec: '{path}' is not valid TOML: {e}") from None
        default_name = path.stem
    elif isinstance(source, dict):
        data = source
        default_name = "sweep"
    else:
        raise SpecError(f"spec: {type(source).__name__} is neither a path nor a dict")
    base = Path(base_dir) if base_dir else Path.cwd()

    _check_keys(data, TOP_KEYS, "")
    if "scenario" not in data:
        _fail("scenario", "missing: name an experiment, a case, or 'scenario'")
    scenario = data["scenario"]
    if not isinstance(scenario, str):
        _fail("scenario", f"{scenario!r} is not a name")
    kind, declared = _resolve_scenario(scenario)
    name = data.get("name", default_name)
    if not isinstance(name, str) or not name or "/" in name:
        _fail("name", f"{name!r} is not a plain name")

    if "replications" in data and "runs" in data:
        _fail("runs", "give either 'replications' or 'runs', not both")
    if "runs" in data:
        runs = data["runs"]
        if not isinstance(runs, list) or not runs:
            _fail("runs", "not a non-empty list of RngRun values")
        runs = [_positive_int(r, f"runs[{i}]") for i, r in enumerate(runs)]
        if len(set(runs)) != len(runs):
            _fail("runs", "lists a run twice")
    else:
        runs = list(range(1, _positive_int(data.get("replications", 1), "replications") + 1))
    seed = _positive_int(data.get("seed", 1), "seed")

    params = data.get("params", {})
    if not isinstance(params, dict):
        _fail("params", "not a table")
    names = [p["name"] for p in declared]
    grid, fixed = {}, {}
    for key, value in params.items():
        if key in RESERVED_PARAMS:
            _fail(f"params.{key}", "not a sweep parameter: " + RESERVED_PARAMS[key])
        if key not in names:
            allowed = [n for n in names if n not in RESERVED_PARAMS]
            _fail(f"params.{key}",
                  f"'{scenario}' has no such parameter; allowed: " + ", ".join(allowed))
        if isinstance(value, list):
            if not value:
                _fail(f"params.{key}", "an empty list makes an empty grid")
            values = [_scalar(v, f"params.{key}[{i}]") for i, v in enumerate(value)]
            if len({value_text(v) for v in values}) != len(values):
                _fail(f"params.{key}", "lists a value twice")
            grid[key] = values
        else:
            fixed[key] = _scalar(value, f"params.{key}")

    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        _fail("defaults", "not a table of \"ns3::Type::Attribute\" = \"value\"")
    defaults = {k: value_text(_scalar(v, f"defaults.{k}")) for k, v in defaults.items()}

    output = data.get("output", {})
    if not isinstance(output, dict):
        _fail("output", "not a table")
    _check_keys(output, OUTPUT_KEYS, "output.")
    out_dir = output.get("dir", f"results/sweeps/{name}")
    if not isinstance(out_dir, str) or not out_dir:
        _fail("output.dir", f"{out_dir!r} is not a folder path")
    keep_files = output.get("files", False)
    if not isinstance(keep_files, bool):
        _fail("output.files", f"{keep_files!r} is not true or false")
    timeout = output.get("timeout", 3600)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= 86400:
        _fail("output.timeout", f"{timeout!r} is not a number of seconds in (0, 86400]")

    spec = SweepSpec(name=name, scenario=scenario, kind=kind, grid=grid, fixed=fixed, runs=runs,
                     seed=seed, defaults=defaults, out_dir=(base / out_dir).resolve(),
                     keep_files=keep_files, timeout=float(timeout),
                     description=str(data.get("description", "")))
    spec.plots = [_plot(p, i, spec) for i, p in enumerate(_list_of_tables(data, "plot"))]
    spec.tables = [_table(t, i, spec) for i, t in enumerate(_list_of_tables(data, "table"))]
    _check_points(spec)
    return spec


def _list_of_tables(data, key):
    value = data.get(key, [])
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        _fail(key, "not a table or an array of tables ([[" + key + "]])")
    return value


def _file_name(value, key):
    if not isinstance(value, str) or not value or "/" in value:
        _fail(key, f"{value!r} is not a file name (written into output.dir)")
    return value


def _plot(p, i, spec):
    where = f"plot[{i}]."
    _check_keys(p, PLOT_KEYS, where)
    axes = list(spec.grid)
    x = p.get("x")
    if x not in axes:
        _fail(where + "x", f"{x!r} is not an axis of the grid; allowed: " + ", ".join(axes))
    y = p.get("y")
    y = [y] if isinstance(y, str) else y
    if not isinstance(y, list) or not y or not all(isinstance(m, str) for m in y):
        _fail(where + "y", "not a metric name or a list of them")
    series = p.get("series", [a for a in axes if a != x])
    series = [series] if isinstance(series, str) else series
    for s in series:
        if s not in axes or s == x:
            _fail(where + "series",
                  f"{s!r} is not another axis of the grid; allowed: "
                  + ", ".join(a for a in axes if a != x))
    for key in ("xscale", "yscale"):
        if p.get(key, "linear") not in ("linear", "log"):
            _fail(where + key, f"{p[key]!r}; allowed: linear, log")
    return PlotSpec(x=x, y=y, series=series,
                    file=_file_name(p.get("file", f"{spec.name}-{i}.png"), where + "file"),
                    title=str(p.get("title", "")), xscale=p.get("xscale", "linear"),
                    yscale=p.get("yscale", "linear"))


def _table(t, i, spec):
    where = f"table[{i}]."
    _check_keys(t, TABLE_KEYS, where)
    rows = t.get("rows")
    if rows not in spec.grid:
        _fail(where + "rows", f"{rows!r} is not an axis of the grid; allowed: "
              + ", ".join(spec.grid))
    columns = t.get("columns")
    if not isinstance(columns, list) or not columns or not all(isinstance(c, str) for c in columns):
        _fail(where + "columns", "not a list of metric names")
    run = t.get("run", spec.runs[0])
    if run not in spec.runs:
        _fail(where + "run", f"{run!r} is not one of the sweep's runs {spec.runs}")
    return TableSpec(rows=rows, columns=columns,
                     file=_file_name(t.get("file", f"{spec.name}-{i}.rst"), where + "file"),
                     run=run)


def _check_points(spec):
    """Every grid point through the C++ checks a run would make (nothing runs)."""
    for point in spec.points():
        try:
            _tcprst.check_parameters(spec.kind, spec.scenario, point)
        except ValueError as e:
            raise SpecError(f"params (at {json.dumps(point)}): {e}") from None
    for path, value in spec.defaults.items():
        _check_default(path, value)


def _check_default(path, value):
    type_name, _, attribute = path.rpartition("::")
    try:
        attributes = _tcprst.attributes(type_name)
    except ValueError as e:
        raise SpecError(f"defaults.\"{path}\": {e}") from None
    info = {a["name"]: a for a in attributes}
    if attribute not in info:
        _fail(f"defaults.\"{path}\"", f"{type_name} has no attribute '{attribute}'; allowed: "
              + ", ".join(sorted(info)))
    # Applying it is the only complete check; the point processes apply it again.
    try:
        _tcprst.set_default(path, value)
    except ValueError as e:
        raise SpecError(f"defaults.\"{path}\": {e}") from None
    finally:
        _tcprst.set_default(path, info[attribute]["default"])
