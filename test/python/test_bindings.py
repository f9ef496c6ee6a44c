# SPDX-License-Identifier: GPL-2.0-only
"""The bindings: catalogues, runs equal to the C++ programs', repeatability, callbacks,
errors as Python exceptions."""

import csv
import filecmp
import subprocess

import pytest

import tcprst
from tcprst import ns

CASE = "synack-retries"


def test_every_case_is_listed_with_its_parameters():
    cases = {c["name"]: c for c in tcprst.cases()}
    assert len(cases) == 18
    assert {"historical-syn", "no-listen", "accept-overflow", "orphan-limit"} <= set(cases)
    params = {p["name"]: p for p in cases[CASE]["parameters"]}
    assert params["synAckRetries"]["type"] == "uint"
    assert params["synAckRetries"]["range"] == "[1, 10]"
    assert params["delay"]["type"] == "time" and params["delay"]["default"] == "20us"
    assert params["loss"]["range"] == "[0, 0.5]"
    assert cases[CASE]["expected"].startswith("S>C R")


def test_experiments_and_topologies_are_listed():
    names = [e["name"] for e in tcprst.experiments()]
    assert names == ["accept-load", "blind-injection"]
    topologies = tcprst.topologies()
    assert [p["name"] for p in topologies["fat-tree"]][0] == "k"
    assert topologies["star"][0]["range"] == "[2, 1000]"


def test_policy_table_knobs_profiles_and_reasons():
    policies = {p["name"]: p for p in tcprst.policies()}
    assert policies["RstValidation"]["choices"] == ["Rfc5961", "Rfc793", "Stock"]
    assert policies["RstValidation"]["linux"] == "Rfc5961"
    assert policies["RstValidation"]["stock"] == "Stock"
    assert policies["RstValidation"]["path"] == "ns3::TcpRstSocket::RstValidation"
    assert policies["Orphans"]["scope"] == "host"
    knobs = {k["name"]: k for k in tcprst.knobs()}
    assert knobs["SynCookies"]["range"] == "uint32_t 0:2"
    assert knobs["SynCookies"]["default"] == "1"
    assert "tcp_syncookies" in knobs["SynCookies"]["help"]
    profiles = {p["name"]: p for p in tcprst.profiles()}
    assert list(profiles) == ["Linux", "Linux-4.4", "Ns3", "FreeBSD", "macOS", "Windows"]
    assert profiles["Linux"]["settings"] == []
    assert "TCP_ABORT_ON_OVERFLOW" in tcprst.reasons()


def _read(path):
    return path.read_bytes()


def test_a_case_run_equals_the_programs(build_dir, tmp_path):
    program_out = tmp_path / "program"
    subprocess.run([str(build_dir / "tcp-rst-run"), f"--case={CASE}", "--RngRun=3",
                    "--delay=7ms", "--quiet", f"--out={program_out}"], check=True,
                   capture_output=True)
    python_out = tmp_path / "python"
    result = tcprst.run_case(CASE, RngRun=3, delay="7ms", out=str(python_out))
    for name in ("client.pcap", "server.pcap", "ladder.txt", "counters.txt", "checks.txt",
                 "resets.csv"):
        assert _read(program_out / name) == _read(python_out / name), name
    assert result["verdict"] == "PASS"
    assert result["ladder"] == (python_out / "ladder.txt").read_text()
    assert str(python_out / "client.pcap") in result["files"]
    # The counters equal what the program printed: the server sent one reset (the client's
    # data after the request expired), attributed TCP_FLAGS.
    assert result["reset_reasons"] == {"TCP_FLAGS": 1}
    server = [c for c in result["counters"].values() if c["TcpOutRsts"] == 1]
    assert len(server) == 1 and server[0]["RstSent"] == {"TCP_FLAGS": 1}
    assert result["simulated_s"] > 0 and result["events"] > 0


def test_an_experiment_run_equals_the_programs(build_dir, tmp_path):
    args = {"connRate": 1500, "backlog": 5, "duration": "300ms", "patience": "5s",
            "abortOnOverflow": True}
    cwd = tmp_path / "program"
    cwd.mkdir()
    subprocess.run([str(build_dir / "tcp-rst-accept-load"), "--RngRun=2"]
                   + [f"--{k}={tcprst.value_text(v)}" for k, v in args.items()],
                   check=True, capture_output=True, cwd=cwd)
    out = tmp_path / "python"
    result = tcprst.run_experiment("accept-load", args, RngRun=2, out=str(out))
    assert filecmp.cmp(cwd / "metrics.csv", out / "metrics.csv", shallow=False)
    assert filecmp.cmp(cwd / "records.csv", out / "records.csv", shallow=False)
    with open(cwd / "metrics.csv") as f:
        program = {row["metric"]: float(row["value"]) for row in csv.DictReader(f)}
    assert program == pytest.approx(result["metrics"])
    # tcp_abort_on_overflow 1 with backlog 5 at 1500/s: the listener resets, clients see it.
    assert result["metrics"]["client_resets"] > 0
    assert result["metrics"]["server_rsts"] >= result["metrics"]["client_resets"]
    assert len(result["records"]) == result["metrics"]["offered"]


def test_a_second_run_in_the_process_repeats_the_first():
    first = tcprst.run_case("historical-syn", RngRun=5)
    tcprst.run_experiment("accept-load", connRate=100, duration="50ms", patience="1s")
    tcprst.run_case("no-socket")
    again = tcprst.run_case("historical-syn", RngRun=5)
    assert again["ladder"] == first["ladder"]
    assert again["resets"] == first["resets"]
    # RngRun applies to its run only: a run without it is the default run's.
    default = tcprst.run_case("historical-syn")
    assert default["resets"] != first["resets"]  # other ISNs
    assert default["resets"] == tcprst.run_case("historical-syn", RngRun=1)["resets"]


def test_the_reset_callback_sees_every_reset_as_it_happens():
    events = []
    result = tcprst.run_case("no-socket", on_reset=events.append)
    assert events == result["resets"]
    assert [e["time_s"] for e in events] == sorted(e["time_s"] for e in events)
    sent = [e for e in events if e["direction"] == "sent"]
    assert sent and all(e["flags"].startswith("RST") for e in sent)
    assert {e["reason"] for e in sent} <= set(tcprst.reasons())


def test_a_callback_exception_is_raised_after_the_run_and_the_next_run_works():
    calls = []

    def fail(event):
        calls.append(event)
        raise KeyError("from the callback")

    with pytest.raises(KeyError, match="from the callback"):
        tcprst.run_case("no-socket", on_reset=fail)
    assert len(calls) == 1  # not called again once it raised
    assert tcprst.run_case("no-socket")["verdict"] == "PASS"


@pytest.mark.parametrize("call, message", [
    (lambda: tcprst.run_case("nope"), "unknown case 'nope'; valid cases:"),
    (lambda: tcprst.run_case(CASE, bogus=1), "unknown option '--bogus=1'; accepted:"),
    (lambda: tcprst.run_case(CASE, synAckRetries=0), "--synAckRetries=0 is out of range [1, 10]"),
    (lambda: tcprst.run_case(CASE, delay="soon"), "invalid value 'soon' for --delay"),
    (lambda: tcprst.run_case(CASE, profile="Plan9"), "unknown stack profile 'Plan9'"),
    (lambda: tcprst.run_experiment("accept-load", connRate=0),
     "--connRate=0 is out of range [1, 20000]"),
    (lambda: tcprst.run_experiment("nope"), "unknown experiment 'nope'; valid: accept-load"),
    (lambda: tcprst.run_scenario(topology="ring"), "topology"),
    (lambda: ns.Config.SetDefault("ns3::TcpRstL4Protocol::SynCookies", "7"),
     "invalid value '7' for ns3::TcpRstL4Protocol::SynCookies; allowed: uint32_t 0:2"),
    (lambda: ns.Config.SetDefault("ns3::TcpSocket::SegmentSize", "abc"),
     "invalid value 'abc' for ns3::TcpSocket::SegmentSize"),
    (lambda: ns.Config.SetDefault("ns3::Nope::X", "1"), "unknown type 'ns3::Nope'"),
    (lambda: ns.Config.SetDefault("ns3::TcpSocket::Nope", "1"), "has no attribute 'Nope'"),
    (lambda: ns.RngSeedManager.SetRun("x"), "invalid value 'x' for --RngRun"),
    (lambda: ns.GlobalValue.Bind("Nope", 1), "unknown global value 'Nope'; known:"),
    (lambda: tcprst.attributes("ns3::Nope"), "unknown type 'ns3::Nope'"),
])
def test_errors_cross_as_value_errors_with_the_cpp_message(call, message):
    with pytest.raises(ValueError) as error:
        call()
    assert message in str(error.value)


def test_config_set_default_takes_upstream_values_and_changes_the_run():
    segment_size = {a["name"]: a for a in tcprst.attributes("ns3::TcpSocket")}["SegmentSize"]
    default_run = tcprst.run_case("no-socket")
    try:
        ns.Config.SetDefault("ns3::TcpSocket::SegmentSize", ns.UintegerValue(500))
        assert {a["name"]: a for a in tcprst.attributes("ns3::TcpSocket")}[
            "SegmentSize"]["default"] == "500"
        assert tcprst.run_case("no-socket")["ladder"] != default_run["ladder"]
        ns.Config.SetDefault("ns3::TcpL4Protocol::SocketType", ns.StringValue("ns3::TcpNewReno"))
        ns.Config.SetDefault("ns3::TcpSocket::ConnTimeout", "3s")
        ns.Config.SetDefault("ns3::TcpSocket::TcpNoDelay", True)
    finally:
        ns.Config.SetDefault("ns3::TcpSocket::SegmentSize", segment_size["default"])
    assert tcprst.run_case("no-socket")["ladder"] == default_run["ladder"]


def test_a_scenario_runs_and_returns_plain_data(tmp_path):
    result = tcprst.run_scenario(topology="star", spokes=8, cases="no-socket,linger-abort",
                                 background=4, out=str(tmp_path), **{"per-case": 1})
    assert result["passed"]
    assert sorted(i["case"] for i in result["instances"]) == ["linger-abort", "no-socket"]
    assert result["verdicts"] == {"linger-abort": {"PASS": 1}, "no-socket": {"PASS": 1}}
    assert result["background"]["resets"] == 0
    assert str(tmp_path / "summary.json") in result["files"]
