# SPDX-License-Identifier: GPL-2.0-only
"""Sweep specs are checked whole before anything runs; each refusal names the key and what it
allows."""

from pathlib import Path

import pytest

from tcprst.spec import SpecError, load_spec

ROOT = Path(__file__).resolve().parents[2]


def spec(**changes):
    base = {"scenario": "accept-load", "replications": 2,
            "params": {"connRate": [100, 200], "backlog": 5},
            "output": {"dir": "unused"}}
    for key, value in changes.items():
        if value is None:
            base.pop(key, None)
        else:
            base[key] = value
    return base


def refused(data, *fragments, tmp_path=None):
    with pytest.raises(SpecError) as error:
        load_spec(data, base_dir=tmp_path)
    for fragment in fragments:
        assert fragment in str(error.value), str(error.value)
    return str(error.value)


def test_a_good_spec_gives_its_grid_and_runs(tmp_path):
    s = load_spec(spec(seed=7), base_dir=tmp_path)
    assert s.kind == "experiment"
    assert list(s.points()) == [{"backlog": "5", "connRate": "100"},
                                {"backlog": "5", "connRate": "200"}]
    assert s.runs == [1, 2] and s.seed == 7
    assert s.out_dir == tmp_path / "unused"
    keys = {s.key(p, r) for p in s.points() for r in s.runs}
    assert len(keys) == 4
    # the key depends on everything that decides a result
    other = load_spec(spec(seed=8), base_dir=tmp_path)
    assert other.key({"backlog": "5", "connRate": "100"}, 1) not in keys


def test_cases_and_the_scenario_layer_are_sweepable(tmp_path):
    assert load_spec({"scenario": "historical-syn", "params": {"delay": ["1ms", "50ms"]}},
                     base_dir=tmp_path).kind == "case"
    assert load_spec({"scenario": "scenario", "params": {"k": [4, 6], "background": 0}},
                     base_dir=tmp_path).kind == "scenario"


@pytest.mark.parametrize("data, fragments", [
    (spec(colour="red"), ["colour: unknown key; allowed: name, description, scenario"]),
    (spec(scenario=None), ["scenario: missing"]),
    (spec(scenario="accept-lod"), ["scenario: unknown 'accept-lod'; allowed: accept-load,",
                                   "historical-syn", "scenario"]),
    (spec(params={"connrate": [1]}), ["params.connrate: 'accept-load' has no such parameter; "
                                      "allowed:", "connRate", "backlog"]),
    (spec(params={"connRate": []}), ["params.connRate: an empty list makes an empty grid"]),
    (spec(params={"connRate": [1, 1]}), ["params.connRate: lists a value twice"]),
    (spec(params={"connRate": [100, 0]}),
     ["params (at", "--connRate=0 is out of range [1, 20000]"]),
    (spec(params={"duration": "soon"}), ["invalid value 'soon' for --duration; allowed: a time"]),
    (spec(params={"abortOnOverflow": "maybe"}), ["--abortOnOverflow", "true or false"]),
    (spec(params={"RngRun": [1, 2]}), ["params.RngRun: not a sweep parameter: use 'replications'"]),
    (spec(params={"out": "x"}), ["params.out: not a sweep parameter"]),
    (spec(params={"connRate": {"a": 1}}), ["params.connRate: {'a': 1} is not a value"]),
    (spec(replications=0), ["replications: 0 is not a whole number >= 1"]),
    (spec(replications=True), ["replications: True is not a whole number"]),
    (spec(runs=[1, 2]), ["runs: give either 'replications' or 'runs', not both"]),
    (spec(replications=None, runs=[3, 3]), ["runs: lists a run twice"]),
    (spec(seed=0), ["seed: 0 is not a whole number >= 1"]),
    (spec(defaults={"ns3::TcpRstL4Protocol::SynCookies": "9"}),
     ["defaults.\"ns3::TcpRstL4Protocol::SynCookies\"", "allowed: uint32_t 0:2"]),
    (spec(defaults={"ns3::TcpRstL4Protocol::Cookies": "1"}),
     ["ns3::TcpRstL4Protocol has no attribute 'Cookies'; allowed:", "SynCookies"]),
    (spec(defaults={"ns3::Nope::X": "1"}), ["unknown type 'ns3::Nope'"]),
    (spec(output={"dir": "x", "keep": True}), ["output.keep: unknown key; allowed: dir, files"]),
    (spec(output={"timeout": -1}), ["output.timeout: -1 is not a number of seconds"]),
    (spec(plot={"x": "backlog", "y": "success_pct"}),
     ["plot[0].x: 'backlog' is not an axis of the grid; allowed: connRate"]),
    (spec(plot={"x": "connRate", "y": []}), ["plot[0].y: not a metric name or a list"]),
    (spec(plot={"x": "connRate", "y": "a", "series": ["backlog"]}),
     ["plot[0].series: 'backlog' is not another axis"]),
    (spec(plot={"x": "connRate", "y": "a", "file": "../x.png"}),
     ["plot[0].file: '../x.png' is not a file name"]),
    (spec(plot={"x": "connRate", "y": "a", "xscale": "cubic"}),
     ["plot[0].xscale: 'cubic'; allowed: linear, log"]),
    (spec(table={"rows": "connRate", "columns": ["a"], "run": 9}),
     ["table[0].run: 9 is not one of the sweep's runs [1, 2]"]),
])
def test_bad_specs_are_refused_naming_the_key(data, fragments, tmp_path):
    refused(data, *fragments, tmp_path=tmp_path)


def test_a_default_is_checked_without_being_left_set(tmp_path):
    import tcprst

    before = {k["name"]: k["default"] for k in tcprst.knobs()}["SynCookies"]
    load_spec(spec(defaults={"ns3::TcpRstL4Protocol::SynCookies": "2"}), base_dir=tmp_path)
    assert {k["name"]: k["default"] for k in tcprst.knobs()}["SynCookies"] == before


def test_toml_files_are_read_and_their_errors_named(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("scenario = \n")
    refused(str(bad), "spec: '", "is not valid TOML")
    refused(str(tmp_path / "missing.toml"), "spec: no such file")


@pytest.mark.parametrize("name", ["accept-queue", "blind-injection"])
def test_the_shipped_paper_specs_are_valid(name, tmp_path):
    s = load_spec(ROOT / "examples" / "sweeps" / f"{name}.toml", base_dir=tmp_path)
    assert s.name == name and s.plots
    assert len(list(s.points())) * len(s.runs) >= 30
