# SPDX-License-Identifier: GPL-2.0-only
"""The experiments behind the papers measure what they say, exactly: a blind RST sweep resets an
RFC 793 connection at the packet whose sequence number first lands in its window, never a
Linux (RFC 5961) one, whose window it crosses once for one challenge ACK; and accept-load's
outcomes add up and follow the listener's knobs."""

import re

import pytest

import tcprst

SPACE = 2 ** 32


def attack(stack, **params):
    return tcprst.run_experiment("blind-injection", stack=stack, probes=False, **params)


def test_an_rfc793_connection_is_reset_by_the_rst_that_first_lands_in_its_window():
    rate, connections = 16000, 2
    result = attack("Rfc793", attackRate=rate, attackDuration="10s", connections=connections,
                    RngRun=3)
    assert result["metrics"]["reset_share_pct"] == 100
    for i, record in enumerate(result["records"]):
        window, start, after = re.match(
            r"window (\d+), \d+ RSTs from RCV\.NXT\+(\d+), reset after ([0-9.e-]+) s",
            record["detail"]).groups()
        window, start = int(window), int(start)
        # packet k goes to connection k mod N; connection i's j-th RST has seq start + j*W
        j = -(-(SPACE - start) // window) if start else 0
        sent_at = (j * connections + i) / rate
        one_way = 0.002  # two 1 ms links
        assert float(after) == pytest.approx(sent_at + one_way, abs=0.0005), record


def test_a_linux_connection_survives_a_sweep_of_its_whole_window_space_with_one_challenge_ack():
    # 70 000 RSTs, 64 KB apart: the sequence space (65 536 windows) is covered once.
    result = attack("Linux", attackRate=35000, attackDuration="2s", connections=1, RngRun=2)
    assert result["metrics"]["reset_share_pct"] == 0
    assert result["metrics"]["challenge_acks"] == 1
    assert result["records"][0]["outcome"] == "survived"


def test_stock_ns3_is_reset_by_the_first_rst_whatever_its_sequence_number():
    result = attack("Ns3", attackRate=1000, attackDuration="1s", connections=4, RngRun=5)
    assert result["metrics"]["reset_share_pct"] == 100
    assert result["metrics"]["simulated_packets"] == 4  # one each, then nothing to reset
    times = [float(re.search(r"reset after ([0-9.e-]+) s", r["detail"]).group(1))
             for r in result["records"]]
    assert times == pytest.approx([0.002 + i / 1000 for i in range(4)], abs=0.0005)


def test_accept_load_outcomes_add_up_and_follow_the_knobs():
    base = {"connRate": 2000, "backlog": 5, "duration": "300ms", "patience": "5s", "RngRun": 1}
    drop = tcprst.run_experiment("accept-load", base)["metrics"]
    abort = tcprst.run_experiment("accept-load", base, abortOnOverflow=True)["metrics"]
    for m in (drop, abort):
        accepted = m["success_pct"] * m["offered"] / 100
        assert accepted + m["client_resets"] + m["timed_out"] == pytest.approx(m["offered"])
        assert m["listen_overflows"] > 0
    # tcp_abort_on_overflow 0: no reset, the clients wait; 1: the listener resets them
    assert drop["client_resets"] == 0 and drop["server_rsts"] == 0
    assert abort["client_resets"] > 0
    assert drop["connect_latency_p99_ms"] >= 1000  # a SYN retransmission (1 s) was needed
    # a backlog that holds every arrival: no overflow, every connection in one round trip
    calm = tcprst.run_experiment("accept-load", base, backlog=4096)["metrics"]
    assert calm["success_pct"] == 100 and calm["listen_overflows"] == 0
    assert calm["connect_latency_p99_ms"] == pytest.approx(4.0, abs=0.1)  # 2 x 2 ms
