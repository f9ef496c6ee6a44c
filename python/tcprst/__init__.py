# SPDX-License-Identifier: GPL-2.0-only
"""tcp-rst from Python: Linux-faithful TCP resets for ns-3, for scripts and parameter sweeps.

The idioms follow ns-3's own Python bindings (cppyy, ``from ns import ns``), so an upstream
script ports by changing its import to ``from tcprst import ns``::

    import tcprst
    from tcprst import ns

    ns.Config.SetDefault("ns3::TcpRstL4Protocol::SynAckRetries", ns.UintegerValue(2))
    result = tcprst.run_case("synack-retries", RngRun=3, on_reset=print)
    result["verdict"], result["reset_reasons"]

Every run is a fresh simulation in this process, destroyed before the call returns; errors
(bad names, values out of range) raise ValueError with the C++ message. Sweeps over many
parameters, each point in its own process: :func:`tcprst.sweep`.
"""

from . import _tcprst
from ._values import (
    BooleanValue,
    DoubleValue,
    IntegerValue,
    StringValue,
    TimeValue,
    UintegerValue,
    value_text,
)

__all__ = [
    "cases", "experiments", "scenario_parameters", "topologies", "policies", "profiles",
    "reasons", "attributes", "knobs", "run_case", "run_experiment", "run_scenario",
    "Config", "GlobalValue", "RngSeedManager", "ns", "sweep", "load_results", "to_xarray",
    "StringValue", "UintegerValue", "IntegerValue", "DoubleValue", "BooleanValue", "TimeValue",
]

cases = _tcprst.cases
experiments = _tcprst.experiments
scenario_parameters = _tcprst.scenario_parameters
policies = _tcprst.policies
profiles = _tcprst.profiles
reasons = _tcprst.reasons
attributes = _tcprst.attributes


def knobs():
    """The per-node knobs: every attribute of ns3::TcpRstL4Protocol (sysctl-named)."""
    return attributes("ns3::TcpRstL4Protocol")


_TOPOLOGY_PARAMETERS = {
    "fat-tree": ("k", "hostRate", "hostDelay", "fabricRate", "fabricDelay"),
    "dumbbell": ("leaves",),
    "star": ("spokes",),
}


def topologies():
    """The scenario layer's topologies, each with its own parameters."""
    by_name = {p["name"]: p for p in scenario_parameters()}
    return {name: [by_name[key] for key in keys] for name, keys in _TOPOLOGY_PARAMETERS.items()}


def _params(params, kwargs):
    merged = dict(params or {})
    merged.update(kwargs)
    return {key: value_text(value) for key, value in merged.items()}


def run_case(name, params=None, *, on_reset=None, **kwargs):
    """Run one case (``tcprst.cases()``) in a fresh simulation.

    Parameters are the case program's ``--key=value`` options, as a dict or as keywords
    (``RngRun=3``, ``delay="10ms"``, ``out="results/x"``). ``on_reset`` is called with a dict
    for every reset sent or received, as it happens. Returns the verdict, checks, resets,
    per-reason counts, every node's counters, timings and the files written.
    """
    return _tcprst.run_case(name, _params(params, kwargs), on_reset)


def run_experiment(name, params=None, **kwargs):
    """Run one experiment (``tcprst.experiments()``): its metrics, records and report.
    (Experiments count resets in their metrics; they take no reset callback.)"""
    return _tcprst.run_experiment(name, _params(params, kwargs))


def run_scenario(params=None, *, on_reset=None, **kwargs):
    """Run the scenario layer: cases placed on a topology beside background traffic."""
    return _tcprst.run_scenario(_params(params, kwargs), on_reset)


class Config:
    """ns-3's Config, as upstream scripts call it."""

    @staticmethod
    def SetDefault(path, value):
        """Set an attribute's default: ``Config.SetDefault("ns3::TcpSocket::SegmentSize",
        "1448")``; the value may be a string, a number, a bool or a ``StringValue(...)``."""
        _tcprst.set_default(path, value_text(value))


class GlobalValue:
    """ns-3's GlobalValue (RngRun, RngSeed, SchedulerType ...)."""

    @staticmethod
    def Bind(name, value):
        _tcprst.bind_global(name, value_text(value))


class RngSeedManager:
    """ns-3's RngSeedManager: the seed and the run (replication) number."""

    @staticmethod
    def SetSeed(seed):
        GlobalValue.Bind("RngSeed", seed)

    @staticmethod
    def SetRun(run):
        GlobalValue.Bind("RngRun", run)


class _Namespace:
    """``from tcprst import ns``: the names an upstream ns-3 Python script uses."""

    Config = Config
    GlobalValue = GlobalValue
    RngSeedManager = RngSeedManager
    StringValue = StringValue
    UintegerValue = UintegerValue
    IntegerValue = IntegerValue
    DoubleValue = DoubleValue
    BooleanValue = BooleanValue
    TimeValue = TimeValue

    @property
    def core(self):
        return self


ns = _Namespace()


def sweep(spec, **options):
    """Run a sweep spec (a TOML path or a dict): see :mod:`tcprst.sweep`."""
    from .sweep import run_sweep

    return run_sweep(spec, **options)


def load_results(path):
    """A sweep's results.csv (or its folder) as a pandas DataFrame."""
    from .results import load_results as load

    return load(path)


def to_xarray(frame, metric):
    """One metric of a sweep as an xarray DataArray over its parameters and RngRun."""
    from .results import to_xarray as convert

    return convert(frame, metric)
