# SPDX-License-Identifier: GPL-2.0-only
"""The example programs honour the contract SEM (the ns-3 Simulation Execution Manager) drives
programs by: --PrintHelp lists every parameter with its default, SEM's own way of reading that
list finds them, every parameter is taken back as --key=value the way SEM writes values (floats,
True/False), --RngRun picks the replication, and the outputs land in the working directory."""

import re
import subprocess

import pytest

import tcprst

PROGRAMS = {
    "tcp-rst-synack-retries": ("case", "synack-retries", {"synAckRetries": 3},
                               ["client.pcap", "server.pcap", "ladder.txt", "resets.csv"]),
    "tcp-rst-accept-load": ("experiment", "accept-load",
                            {"connRate": 500.0, "duration": "200ms", "patience": "3s"},
                            ["metrics.csv", "records.csv"]),
    "tcp-rst-blind-injection": ("experiment", "blind-injection",
                                {"attackRate": 2000.0, "attackDuration": "1s",
                                 "connections": 4.0},
                                ["records.csv", "metrics.csv"]),
}


def sem_parameters(program):
    """What SEM's SimulationRunner.get_available_parameters() reads from --PrintHelp."""
    result = subprocess.run([program, "--PrintHelp"], capture_output=True, text=True, check=True)
    options = re.findall(r".*Program\s(?:Options|Arguments):(.*)General\sArguments.*",
                         result.stdout, re.DOTALL)
    assert options, result.stdout
    params = {}
    for line in options[0].splitlines():
        key = re.findall(r".*--(.*?)[?::|=].*", line)
        value = re.findall(r".*\[(.*?)]", line)
        if key:
            value = value[0] if value else None
            if value is None:
                params[key[0]] = None
            elif value.lower() in ("true", "false"):
                params[key[0]] = value.lower() == "true"
            else:
                try:
                    params[key[0]] = float(value)
                except ValueError:
                    params[key[0]] = value
    return params


def sem_run(program, params, cwd):
    """Run as SEM's runner does: every parameter as '--%s=%s', in a folder of its own."""
    command = [program] + ["--%s=%s" % (k, v) for k, v in params.items() if v is not None]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_print_help_lists_every_parameter_with_its_default(name, build_dir):
    kind, target, _, _ = PROGRAMS[name]
    declared = (tcprst.cases() if kind == "case" else tcprst.experiments())
    declared = {p["name"]: p["default"] for p in
                next(d for d in declared if d["name"] == target)["parameters"]}
    found = sem_parameters(str(build_dir / name))
    assert set(found) == set(declared)
    assert found["out"] == "."  # outputs in the working directory by default


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_sem_runs_the_program_and_finds_its_outputs_in_the_working_directory(
        name, build_dir, tmp_path):
    _, _, chosen, outputs = PROGRAMS[name]
    program = str(build_dir / name)
    params = sem_parameters(program)
    params.update(chosen)
    runs = {}
    for folder, run in (("a", 1), ("b", 1), ("c", 2)):
        cwd = tmp_path / folder
        cwd.mkdir()
        done = sem_run(program, {**params, "RngRun": run}, cwd)
        assert done.returncode == 0, done.stderr
        for output in outputs:
            assert (cwd / output).is_file(), output
        runs[folder] = (cwd / outputs[0]).read_bytes()
    assert runs["a"] == runs["b"]  # same RngRun: the same bytes
    assert runs["a"] != runs["c"]  # another RngRun: other ISNs, arrivals or sweep starts


def test_bad_values_exit_with_status_2_naming_the_parameter(build_dir, tmp_path):
    done = sem_run(str(build_dir / "tcp-rst-accept-load"), {"backlog": 128.5}, tmp_path)
    assert done.returncode == 2
    assert "invalid value '128.5' for --backlog" in done.stderr
    done = sem_run(str(build_dir / "tcp-rst-synack-retries"), {"quiet": "maybe"}, tmp_path)
    assert done.returncode == 2
    assert "invalid value 'maybe' for --quiet; allowed: true or false" in done.stderr
