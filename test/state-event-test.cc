/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// State x event: a connection brought into each state by ConnectionHarness, then a crafted
// segment or an application call. Sequence numbers are relative to the ISNs: the client has
// sent 100 bytes (its SND.NXT is 101, 102 after its FIN), the server 200 (201, 202).
#include "connection-harness.h"

#include "ns3/inet6-socket-address.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-counters.h"
#include "ns3/tcp-segment-injector.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace test
{

namespace
{
using Lines = std::vector<std::string>;
using Side = ConnectionHarness::Side;

uint64_t
Count(const ConnectionHarness& h, TcpStat stat)
{
    return h.SubjectTcp()->GetCounters().Get(stat);
}

/// The dispositions of the resets the subject received since Bring().
std::vector<RstDisposition>
Dispositions(const ConnectionHarness& h)
{
    std::vector<RstDisposition> result;
    for (const TcpResetEvent& e : h.NewResetsReceived())
    {
        result.push_back(e.disposition);
    }
    return result;
}

/// The reasons of the resets sent since Bring().
std::vector<RstReason>
SentReasons(const ConnectionHarness& h)
{
    std::vector<RstReason> result;
    for (const TcpResetEvent& e : h.NewResetsSent())
    {
        result.push_back(e.reason);
    }
    return result;
}

/// Fixture for tests that run over IPv4 and IPv6.
class OverIp : public TcpRstTest, public ::testing::WithParamInterface<Ip>
{
};
} // namespace

// ---------------------------------------------------------------------------------------
// ESTABLISHED (subject: the server's accepted socket; RCV.NXT 101, SND.NXT 201)
// ---------------------------------------------------------------------------------------
using Established = OverIp;

TEST_P(Established, ExactRstGivesEconnreset)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::ESTABLISHED);
    h.Inject(TcpHeader::RST, 0);
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S R 101 -"})) << "no answer to an accepted reset";
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Subject()->GetSocketError(), TcpRstSocket::CONNECTION_RESET);
    EXPECT_TRUE(h.SubjectApp().errorClose);
    EXPECT_FALSE(h.SubjectApp().normalClose);
    EXPECT_EQ(Dispositions(h), std::vector<RstDisposition>{RstDisposition::CONNECTION_RESET});
    EXPECT_EQ(Count(h, TcpStat::EstabResets), 1u);
    EXPECT_EQ(Count(h, TcpStat::RstsIgnored), 0u);
}

TEST_P(Established, InWindowRstGetsChallengeAck)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::ESTABLISHED);
    h.Inject(TcpHeader::RST, 10);
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S R 111 -", "S>C A 201 101"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::ESTABLISHED);
    EXPECT_EQ(Dispositions(h), std::vector<RstDisposition>{RstDisposition::CHALLENGE_ACK});
    EXPECT_EQ(Count(h, TcpStat::ChallengeAck), 1u);
    EXPECT_EQ(Count(h, TcpStat::RstsIgnored), 1u);
    EXPECT_EQ(h.Subject()->GetSocketError(), TcpRstSocket::NO_ERROR);
}

TEST_P(Established, OutOfWindowRstIsDroppedAndCountedAsIgnored)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::ESTABLISHED);
    uint32_t window = h.Subject()->GetRcvWnd();
    h.Inject(TcpHeader::RST, static_cast<int32_t>(window));
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S R " + std::to_string(101 + window) + " -"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::ESTABLISHED);
    EXPECT_EQ(Dispositions(h), std::vector<RstDisposition>{RstDisposition::OUT_OF_WINDOW});
    EXPECT_EQ(Count(h, TcpStat::RstsIgnored), 1u);
    EXPECT_EQ(Count(h, TcpStat::ChallengeAck), 0u);
}

TEST_P(Established, ClientSideExactRstGivesEconnreset)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::ESTABLISHED, Side::CLIENT);
    h.Inject(TcpHeader::RST | TcpHeader::ACK, 0);
    EXPECT_EQ(h.NewSegments(), (Lines{"S>C RA 201 101"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Subject()->GetSocketError(), TcpRstSocket::CONNECTION_RESET);
    EXPECT_EQ(Count(h, TcpStat::EstabResets), 1u);
}

TEST_P(Established, CloseWithUnreadDataSendsActiveResetAndCloses)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.StopReading(Side::CLIENT);
    h.Bring(TcpSocket::ESTABLISHED, Side::CLIENT);
    h.Client()->Close();
    h.RunFor(MilliSeconds(20));
    // Linux __tcp_close(): R. seq=SND.NXT ack=RCV.NXT, and the socket is gone.
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S RA 101 201"}));
    EXPECT_EQ(SentReasons(h), std::vector<RstReason>{RstReason::TCP_ABORT_ON_CLOSE});
    EXPECT_EQ(h.Client()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(Count(h, TcpStat::AbortOnClose), 1u);
    EXPECT_EQ(h.Server()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Server()->GetSocketError(), TcpRstSocket::CONNECTION_RESET);
}

// A crashed host: the connection is lost without a segment and the application is not told.
TEST_P(Established, DiscardTellsTheApplicationNothing)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::ESTABLISHED);
    EXPECT_EQ(h.SubjectTcp()->DiscardAllSockets(), 2u) << "the listener and the connection";
    h.RunFor(Seconds(1));
    EXPECT_EQ(h.NewSegments(), Lines{});
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    EXPECT_FALSE(h.SubjectApp().normalClose);
    EXPECT_FALSE(h.SubjectApp().errorClose);
    EXPECT_EQ(h.Subject()->GetSocketError(), TcpRstSocket::NO_ERROR);
}

INSTANTIATE_TEST_SUITE_P(Ip, Established, ::testing::Values(Ip::V4, Ip::V6), IpName);

// ---------------------------------------------------------------------------------------
// CLOSE_WAIT (subject: the server; the client's FIN moved its RCV.NXT to 102)
// ---------------------------------------------------------------------------------------
using CloseWait = OverIp;

TEST_P(CloseWait, ExactRstGivesEpipe)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::CLOSE_WAIT);
    h.Inject(TcpHeader::RST, 0);
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S R 102 -"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    // Linux tcp_reset(): EPIPE in CLOSE_WAIT; counted in TcpEstabResets like ESTABLISHED.
    EXPECT_EQ(h.Subject()->GetSocketError(), TcpRstSocket::BROKEN_PIPE);
    EXPECT_EQ(Count(h, TcpStat::EstabResets), 1u);
    EXPECT_TRUE(h.SubjectApp().errorClose);
}

TEST_P(CloseWait, RstAtRcvNxtMinusOneResets)
{
    // Linux tcp_reset_check(): after the peer's FIN, RCV.NXT - 1 (the FIN's seq) also resets.
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::CLOSE_WAIT);
    h.Inject(TcpHeader::RST, -1);
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S R 101 -"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(Dispositions(h), std::vector<RstDisposition>{RstDisposition::CONNECTION_RESET});
}

TEST_P(CloseWait, InWindowRstGetsChallengeAck)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::CLOSE_WAIT);
    EXPECT_GT(h.Subject()->GetRcvWnd(), 1000u) << "the window stays the last one advertised";
    h.Inject(TcpHeader::RST, 10);
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S R 112 -", "S>C A 201 102"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSE_WAIT);
    EXPECT_EQ(Count(h, TcpStat::ChallengeAck), 1u);
}

TEST_P(CloseWait, Rfc793ResetsOnAnyInWindowSeq)
{
    TcpRstHelper rst;
    TcpRstHelper::SetSocketDefault("RstValidation", EnumValue(RstValidation::RFC793));
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::CLOSE_WAIT);
    h.Inject(TcpHeader::RST, 10);
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S R 112 -"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Subject()->GetSocketError(), TcpRstSocket::BROKEN_PIPE);
}

INSTANTIATE_TEST_SUITE_P(Ip, CloseWait, ::testing::Values(Ip::V4, Ip::V6), IpName);

// ---------------------------------------------------------------------------------------
// FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT (subject: the client, SND.NXT 102 with its FIN;
// RCV.NXT 201, 202 once the server's FIN arrived) and LAST_ACK (subject: the server)
// ---------------------------------------------------------------------------------------
using FinWait1 = OverIp;
using FinWait2 = OverIp;
using Closing = OverIp;
using LastAck = OverIp;
using TimeWait = OverIp;

TEST_P(FinWait1, ExactRstGivesEconnreset)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::FIN_WAIT_1);
    h.Inject(TcpHeader::RST, 0);
    EXPECT_EQ(h.NewSegments(), (Lines{"S>C R 201 -"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Subject()->GetSocketError(), TcpRstSocket::CONNECTION_RESET);
    EXPECT_EQ(Count(h, TcpStat::EstabResets), 0u) << "only ESTABLISHED and CLOSE_WAIT count";
}

TEST_P(FinWait1, InWindowRstGetsChallengeAckAtSndNxt)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::FIN_WAIT_1);
    h.Inject(TcpHeader::RST, 5);
    EXPECT_EQ(h.NewSegments(), (Lines{"S>C R 206 -", "C>S A 102 201"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::FIN_WAIT_1);
}

TEST_P(FinWait2, ExactRstGivesEconnreset)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::FIN_WAIT_2);
    h.Inject(TcpHeader::RST, 0);
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Subject()->GetSocketError(), TcpRstSocket::CONNECTION_RESET);
}

// The FIN counted once: after shutdown(SHUT_WR) and the ACK of its FIN, close() with unread
// data sends R. seq=SND.NXT (102, not 103), which the CLOSE_WAIT peer accepts (EPIPE).
TEST_P(FinWait2, CloseWithUnreadDataResetsAtSndNxtAndThePeerAcceptsIt)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.StopReading(Side::CLIENT);
    h.Bring(TcpSocket::FIN_WAIT_2);
    h.Client()->Close();
    h.RunFor(MilliSeconds(20));
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S RA 102 201"}));
    EXPECT_EQ(SentReasons(h), std::vector<RstReason>{RstReason::TCP_ABORT_ON_CLOSE});
    EXPECT_EQ(h.Client()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Server()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Server()->GetSocketError(), TcpRstSocket::BROKEN_PIPE);
    EXPECT_EQ(h.topology.ServerTcp()->GetCounters().Get(TcpStat::EstabResets), 1u);
}

TEST_P(Closing, RstAtFinSeqResets)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::CLOSING);
    h.Inject(TcpHeader::RST, -1); // the server's FIN's seq: tcp_reset_check()
    EXPECT_EQ(h.NewSegments(), (Lines{"S>C R 201 -"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Subject()->GetSocketError(), TcpRstSocket::CONNECTION_RESET);
}

TEST_P(Closing, InWindowRstGetsChallengeAck)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::CLOSING);
    h.Inject(TcpHeader::RST, 10);
    EXPECT_EQ(h.NewSegments(), (Lines{"S>C R 212 -", "C>S A 102 202"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSING);
}

TEST_P(LastAck, ExactRstResets)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::LAST_ACK);
    h.Inject(TcpHeader::RST, 0);
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S R 102 -"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Subject()->GetSocketError(), TcpRstSocket::CONNECTION_RESET);
    EXPECT_EQ(Count(h, TcpStat::EstabResets), 0u);
}

TEST_P(LastAck, InWindowRstGetsChallengeAck)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::LAST_ACK);
    h.Inject(TcpHeader::RST, 10);
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S R 112 -", "S>C A 202 102"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::LAST_ACK);
}

TEST_P(TimeWait, StockTimeWaitIgnoresAnExactRst)
{
    TcpRstHelper rst;
    TcpRstHelper::SetSocketDefault("TimeWait", StringValue("Stock"));
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::TIME_WAIT);
    h.Inject(TcpHeader::RST, 0);
    EXPECT_EQ(h.NewSegments(), (Lines{"S>C R 202 -"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::TIME_WAIT);
    EXPECT_EQ(Dispositions(h), std::vector<RstDisposition>{RstDisposition::IGNORED_STATE});
    EXPECT_EQ(Count(h, TcpStat::RstsIgnored), 1u);
}

TEST_P(TimeWait, ExactRstEndsTheTimeWaitEntry)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::TIME_WAIT);
    Ptr<TcpRstL4Protocol> tcp = TcpRstHelper::GetTcp(h.Subject()->GetNode());
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED) << "the socket left for the entry";
    ASSERT_EQ(tcp->GetTimeWaitCount(), 1u);
    h.Inject(TcpHeader::RST, 0);
    EXPECT_EQ(h.NewSegments(), (Lines{"S>C R 202 -"})) << "nothing answers it";
    EXPECT_EQ(tcp->GetTimeWaitCount(), 0u) << "TIME_WAIT assassination (tcp_rfc1337 = 0)";
    EXPECT_EQ(Dispositions(h), std::vector<RstDisposition>{RstDisposition::TIME_WAIT_ENDED});
}

INSTANTIATE_TEST_SUITE_P(Ip, FinWait1, ::testing::Values(Ip::V4, Ip::V6), IpName);
INSTANTIATE_TEST_SUITE_P(Ip, FinWait2, ::testing::Values(Ip::V4, Ip::V6), IpName);
INSTANTIATE_TEST_SUITE_P(Ip, Closing, ::testing::Values(Ip::V4, Ip::V6), IpName);
INSTANTIATE_TEST_SUITE_P(Ip, LastAck, ::testing::Values(Ip::V4, Ip::V6), IpName);
INSTANTIATE_TEST_SUITE_P(Ip, TimeWait, ::testing::Values(Ip::V4, Ip::V6), IpName);

// ---------------------------------------------------------------------------------------
// SYN_RCVD (subject: the server's half-open connection; its RCV.NXT is 1)
// ---------------------------------------------------------------------------------------
using SynRcvd = OverIp;

TEST_P(SynRcvd, InexactInWindowRstFreesTheRequestSilently)
{
    // Linux tcp_check_req(): any in-window RST, not only an exact one, frees the request.
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::SYN_RCVD);
    h.Inject(TcpHeader::RST, 10);
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S R 11 -"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(Dispositions(h), std::vector<RstDisposition>{RstDisposition::HALF_OPEN_FREED});
    EXPECT_EQ(Count(h, TcpStat::AttemptFails), 1u);
    EXPECT_EQ(Count(h, TcpStat::RstsIgnored), 0u);
    EXPECT_FALSE(h.SubjectApp().errorClose) << "the application never saw the connection";
}

TEST_P(SynRcvd, OutOfWindowRstIsDropped)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, GetParam());
    h.Bring(TcpSocket::SYN_RCVD);
    h.Inject(TcpHeader::RST, -10);
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::SYN_RCVD);
    EXPECT_EQ(Dispositions(h), std::vector<RstDisposition>{RstDisposition::OUT_OF_WINDOW});
    EXPECT_EQ(Count(h, TcpStat::AttemptFails), 0u);
    EXPECT_EQ(Count(h, TcpStat::RstsIgnored), 1u);
}

INSTANTIATE_TEST_SUITE_P(Ip, SynRcvd, ::testing::Values(Ip::V4, Ip::V6), IpName);

// ---------------------------------------------------------------------------------------
// LISTEN and CLOSED (bound, not listening) over IPv6: answers carry IPv6 endpoints
// ---------------------------------------------------------------------------------------
using Listen6 = TcpRstTest;

TEST_F(Listen6, AckGetsResetSeqSegAckAndRstGetsNothing)
{
    TcpRstHelper rst;
    CaseTopology t = CaseTopology::Build(rst, "1Gbps", MicroSeconds(20), true);
    TcpLadderRecorder ladder("v6", t.clientAddress6, t.serverAddress6);
    ladder.Watch(t.clientDevice);
    ladder.Watch(t.serverDevice);
    std::vector<TcpResetEvent> events;
    t.ServerTcp()->TraceConnectWithoutContext(
        "ResetSent",
        Callback<void, const TcpResetEvent&>([&events](const TcpResetEvent& e)
                                             { events.push_back(e); }));
    Ptr<TcpRstSocket> listener = TcpRstHelper::CreateSocket(t.server);
    listener->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), 5000));
    listener->Listen();
    Ptr<TcpRstSocket> bound = TcpRstHelper::CreateSocket(t.server);
    bound->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), 5001));
    TcpSegmentSpec spec;
    spec.sourcePort = 40100;
    spec.destinationPort = 5000;
    spec.flags = TcpHeader::ACK;
    spec.seq = SequenceNumber32(100);
    spec.ack = SequenceNumber32(5555);
    TcpSegmentInjector::Schedule(Seconds(1), t.client, t.serverAddress6, spec);
    spec.flags = TcpHeader::RST;
    TcpSegmentInjector::Schedule(Seconds(1.1), t.client, t.serverAddress6, spec);
    spec.destinationPort = 5001; // bound, not listening: a reset to it is dropped unanswered
    TcpSegmentInjector::Schedule(Seconds(1.2), t.client, t.serverAddress6, spec);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(
        Ladder(ladder.GetSegments()),
        (Lines{
            "C>S A abs:100 abs:5555", "S>C R abs:5555 -", "C>S R abs:100 -", "C>S R abs:100 -"}));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(FormatEndpoint(events[0].source),
              FormatEndpoint(Inet6SocketAddress(t.serverAddress6, 5000)));
    EXPECT_EQ(FormatEndpoint(events[0].destination),
              FormatEndpoint(Inet6SocketAddress(t.clientAddress6, 40100)));
    EXPECT_EQ(FormatEndpoint(events[0].source).substr(0, 11), "[2001:77:2:");
    const TcpRstCounters& c = t.ServerTcp()->GetCounters();
    EXPECT_EQ(c.Get(TcpStat::RstsIgnored), 2u) << "the listener's and the bound socket's";
    EXPECT_EQ(bound->GetState(), TcpSocket::CLOSED);
}

// ---------------------------------------------------------------------------------------
// Timers: a zero window makes the server probe (TcpSocketBase's persist timer, 6 s in ns-3)
// ---------------------------------------------------------------------------------------
TEST_P(Established, ZeroWindowFromThePeerStartsPersistProbes)
{
    TcpRstHelper rst;
    rst.SetHostProfile("Ns3"); // ns-3's persist timer and 536-byte segments
    ConnectionHarness h(rst, GetParam());
    h.StopReading(Side::CLIENT);
    // 200 bytes are already unread; two 536-byte segments fill the rest (ns-3 never sends a
    // segment smaller than the MSS into a small window, so the fill must be exact).
    h.Client()->SetAttribute("RcvBufSize", UintegerValue(200 + 2 * 536));
    h.Bring(TcpSocket::ESTABLISHED);
    h.Subject()->Send(Create<Packet>(2000), 0);
    h.RunFor(Seconds(7));
    std::vector<LadderSegment> segments = h.NewLadderSegments();
    const LadderSegment* zeroWindow = nullptr;
    const LadderSegment* probe = nullptr;
    for (const LadderSegment& seg : segments)
    {
        if (seg.fromClient && seg.window == 0 && !zeroWindow)
        {
            zeroWindow = &seg;
        }
        if (!seg.fromClient && seg.length == 1 && !probe)
        {
            probe = &seg;
        }
    }
    ASSERT_TRUE(zeroWindow && probe) << ::testing::PrintToString(h.NewSegments());
    // ns-3's PersistTimeout (6 s) from the zero-window ACK's arrival (one path delay later).
    Time gap = probe->time - zeroWindow->time;
    EXPECT_GT(gap, Seconds(6));
    EXPECT_LT(gap, Seconds(6) + MilliSeconds(1));
    // Stock ns-3's probe carries no ACK flag (Linux's does: the persist work will mend it).
    EXPECT_EQ(probe->Summary(), "S>C . 1273 - len=1");
}

// ---------------------------------------------------------------------------------------
// Resets TcpSocketBase still sends itself, each with the reason of the call behind it
// ---------------------------------------------------------------------------------------
using StockResets = TcpRstTest;

TEST_F(StockResets, IllegalFlagsInEstablishedAreResetWithReasonTcpFlags)
{
    TcpRstHelper rst;
    rst.UseStockBehaviour();
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::ESTABLISHED);
    h.Inject(TcpHeader::SYN | TcpHeader::FIN, 0); // ns-3 ProcessEstablished(): illegal
    // (The ladder takes a SYN as a new client ISN: the crafted segment shows as seq 0.)
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S SF 0 -", "S>C R 201 -"}));
    EXPECT_EQ(SentReasons(h), std::vector<RstReason>{RstReason::TCP_FLAGS});
}

TEST_F(StockResets, ConnectOnALiveConnectionResetsWithReasonTcpState)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::ESTABLISHED, Side::CLIENT);
    h.Client()->Connect(InetSocketAddress(h.topology.serverAddress, 5000));
    h.RunFor(MilliSeconds(20));
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S RA 101 201"}));
    EXPECT_EQ(SentReasons(h), std::vector<RstReason>{RstReason::TCP_STATE});
}

TEST_F(StockResets, CloseInSynSentSendsNothingUnderLinux)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::SYN_SENT);
    h.NewSegments();
    h.Client()->Close();
    h.RunFor(MilliSeconds(20));
    EXPECT_TRUE(h.NewSegments().empty()) << "tcp_close_state(SYN_SENT) = CLOSE, no FIN, no RST";
    EXPECT_EQ(h.Client()->GetState(), TcpSocket::CLOSED);
    EXPECT_FALSE(h.Client()->IsOrphan());
}

TEST_F(StockResets, StockCloseInSynSentResetsWithReasonTcpState)
{
    TcpRstHelper rst;
    TcpRstHelper::SetSocketDefault("Close", StringValue("Stock"));
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::SYN_SENT);
    h.Client()->Close();
    h.RunFor(MilliSeconds(20));
    EXPECT_EQ(SentReasons(h), std::vector<RstReason>{RstReason::TCP_STATE});
    EXPECT_EQ(h.Client()->GetState(), TcpSocket::CLOSED);
}

TEST_F(StockResets, StockCloseWithUnreadDataKeepsTheSocket)
{
    TcpRstHelper rst;
    TcpRstHelper::SetSocketDefault("CloseWithUnreadData", EnumValue(TcpRstBehaviour::STOCK));
    ConnectionHarness h(rst, Ip::V4);
    h.StopReading(Side::CLIENT);
    h.Bring(TcpSocket::ESTABLISHED, Side::CLIENT);
    h.Client()->Close();
    h.RunFor(MilliSeconds(20));
    EXPECT_EQ(SentReasons(h), std::vector<RstReason>{RstReason::TCP_ABORT_ON_CLOSE});
    EXPECT_EQ(h.Client()->GetState(), TcpSocket::ESTABLISHED) << "ns-3 3.37 keeps it";
}

} // namespace test
} // namespace ns3

namespace ns3
{
namespace test
{

// ---------------------------------------------------------------------------------------
// Flag combinations no connection expects (FlagValidation = Linux): none of them kills it
// ---------------------------------------------------------------------------------------
namespace
{
/// A synchronized state and the side it is reached on.
struct StateCell
{
    TcpSocket::TcpStates_t state;
    const char* name;
};

const std::vector<StateCell> kSynchronized = {
    {TcpSocket::ESTABLISHED, "ESTABLISHED"},
    {TcpSocket::CLOSE_WAIT, "CLOSE_WAIT"},
    {TcpSocket::FIN_WAIT_1, "FIN_WAIT_1"},
    {TcpSocket::FIN_WAIT_2, "FIN_WAIT_2"},
    {TcpSocket::CLOSING, "CLOSING"},
    {TcpSocket::LAST_ACK, "LAST_ACK"},
};
} // namespace

using Synchronized = TcpRstTest;

// Linux tcp_rcv_state_process(): a segment without ACK, RST or SYN is dropped, in window or not.
TEST_F(Synchronized, SegmentsWithoutAckRstOrSynAreDroppedSilently)
{
    for (const StateCell& cell : kSynchronized)
    {
        for (uint8_t flags : {0, int(TcpHeader::FIN), int(TcpHeader::PSH | TcpHeader::URG)})
        {
            Simulator::Destroy();
            TcpRstHelper rst;
            ConnectionHarness h(rst, Ip::V4);
            h.Bring(cell.state);
            h.Inject(flags, 0);
            EXPECT_EQ(h.NewSegments().size(), 1u)
                << cell.name << " flags " << int(flags) << ": only the injected segment";
            EXPECT_EQ(h.Subject()->GetState(), cell.state) << cell.name << " flags " << int(flags);
        }
    }
}

// RFC 5961 4.2 as Linux tcp_validate_incoming(): any SYN (without RST) gets a challenge ACK.
TEST_F(Synchronized, SynInAnyFormGetsAChallengeAck)
{
    for (const StateCell& cell : kSynchronized)
    {
        for (uint8_t flags : {int(TcpHeader::SYN),
                              int(TcpHeader::SYN | TcpHeader::FIN),
                              int(TcpHeader::SYN | TcpHeader::ACK),
                              int(TcpHeader::SYN | TcpHeader::FIN | TcpHeader::ACK)})
        {
            Simulator::Destroy();
            TcpRstHelper rst;
            ConnectionHarness h(rst, Ip::V4);
            h.Bring(cell.state);
            std::string subject = h.SubjectLetter();
            std::string expectedAck = subject == "S" ? "S>C A" : "C>S A";
            h.Inject(flags, 1000);
            std::vector<std::string> lines = h.NewSegments();
            ASSERT_EQ(lines.size(), 2u) << cell.name << " flags " << int(flags);
            EXPECT_EQ(lines[1].substr(0, 5), expectedAck) << cell.name;
            EXPECT_EQ(h.Subject()->GetState(), cell.state) << cell.name << " flags " << int(flags);
            const TcpRstCounters& c = h.SubjectTcp()->GetCounters();
            EXPECT_EQ(c.Get(TcpStat::SynChallenge), 1u) << cell.name;
            EXPECT_EQ(c.Get(TcpStat::ChallengeAck), 1u) << cell.name;
            EXPECT_EQ(c.Get(TcpStat::InErrs), cell.state == TcpSocket::ESTABLISHED ? 1u : 0u)
                << "tcp_rcv_established() counts a SYN in TcpInErrs";
        }
    }
}

TEST_F(Synchronized, ChallengeAckCarriesSndNxtAndRcvNxt)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V6);
    h.Bring(TcpSocket::ESTABLISHED);
    h.Inject(TcpHeader::SYN, 12345);
    std::vector<LadderSegment> segments = h.NewLadderSegments();
    ASSERT_EQ(segments.size(), 2u);
    EXPECT_EQ(segments[1].flags, "A");
    EXPECT_EQ(segments[1].seq, 201) << "SND.NXT, relative to the server's ISN";
    EXPECT_EQ(segments[1].header.GetSequenceNumber(), h.Subject()->GetSndNxt()) << "SND.NXT";
    EXPECT_EQ(segments[1].header.GetAckNumber(), h.Subject()->GetRcvNxt()) << "RCV.NXT";
}

TEST_F(Synchronized, StockFlagValidationLetsIllegalFlagsKill)
{
    TcpRstHelper rst;
    TcpRstHelper::SetSocketDefault("FlagValidation", StringValue("Stock"));
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::CLOSE_WAIT);
    h.Inject(0, 0);
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED) << "ns-3 ProcessWait resets";
}

using SynSentFlags = TcpRstTest;

TEST_F(SynSentFlags, BareDataAndFinAreDiscardedNotAHandshakeNorAReset)
{
    for (uint8_t flags : {0, int(TcpHeader::FIN)})
    {
        Simulator::Destroy();
        TcpRstHelper rst;
        ConnectionHarness h(rst, Ip::V4);
        h.Bring(TcpSocket::SYN_SENT);
        h.Inject(flags, 0);
        EXPECT_EQ(h.NewSegments().size(), 1u) << int(flags);
        EXPECT_EQ(h.Subject()->GetState(), TcpSocket::SYN_SENT) << int(flags);
        EXPECT_FALSE(h.SubjectApp().connected) << "stock ns-3 took bare data as a handshake";
    }
}

// Linux tcp_check_req() for a half-open connection (subject: the server, RCV.NXT 1, ISS 0).
using SynRcvdFlags = TcpRstTest;

TEST_F(SynRcvdFlags, AckNotAckingTheSynAckGetsResetSeqSegAckAndTheRequestStays)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::SYN_RCVD);
    h.Inject(TcpHeader::ACK, 0, 5); // ack = ISS + 1 + 5
    // The real client, ESTABLISHED, answers the reset with a challenge ACK, which completes
    // the handshake: the request was kept.
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S A 1 6", "S>C R 6 -", "C>S A 1 1"}));
    EXPECT_EQ(SentReasons(h), std::vector<RstReason>{RstReason::TCP_FLAGS});
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::ESTABLISHED);
}

TEST_F(SynRcvdFlags, RstWithAWrongAckIsIgnored)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::SYN_RCVD);
    h.Inject(TcpHeader::RST | TcpHeader::ACK, 0, 5);
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::SYN_RCVD);
    EXPECT_EQ(Dispositions(h), std::vector<RstDisposition>{RstDisposition::UNACCEPTABLE_ACK});
}

TEST_F(SynRcvdFlags, OutOfWindowSegmentGetsAnAckFromIssPlusOne)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::SYN_RCVD);
    h.Inject(TcpHeader::ACK, -100);
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S A -99 1", "S>C A 1 1"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::SYN_RCVD);
}

TEST_F(SynRcvdFlags, InWindowSynResetsTheRequest)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::SYN_RCVD);
    h.Inject(TcpHeader::SYN, 10);
    EXPECT_EQ(SentReasons(h), std::vector<RstReason>{RstReason::INVALID_SYN});
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(Count(h, TcpStat::EmbryonicRsts), 1u);
    EXPECT_EQ(Count(h, TcpStat::AttemptFails), 1u);
}

TEST_F(SynRcvdFlags, TheRequestsOwnSynAgainGetsTheSynAckAgain)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::SYN_RCVD);
    h.Inject(TcpHeader::SYN, -1);
    std::vector<std::string> lines = h.NewSegments();
    ASSERT_GE(lines.size(), 2u);
    EXPECT_EQ(lines[1], "S>C SA 0 1");
    EXPECT_EQ(Count(h, TcpStat::EmbryonicRsts), 0u);
}

TEST_F(SynRcvdFlags, SynAckWithTheRequestsOwnSeqIsOutOfWindowAndGetsAnAck)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::SYN_RCVD);
    h.Inject(TcpHeader::SYN | TcpHeader::ACK, -1, 0, 0); // tcp_in_window(): ends at RCV.NXT
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S SA 0 1", "S>C A 1 1"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::SYN_RCVD);
}

TEST_F(SynRcvdFlags, BareDataIsDroppedNotAHandshake)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::SYN_RCVD);
    h.Inject(0, 0);
    EXPECT_EQ(h.NewSegments().size(), 1u);
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::SYN_RCVD);
}

} // namespace test
} // namespace ns3

namespace ns3
{
namespace test
{

// Linux tcp_rcv_state_process() TCP_CLOSING / TCP_LAST_ACK: only the ACK of our FIN moves on.
using BothFins = TcpRstTest;

TEST_F(BothFins, ClosingReAcksTheFinAgainAndMovesOnOnlyOnTheAckOfOurFin)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::CLOSING);
    h.Inject(TcpHeader::FIN | TcpHeader::ACK, -1, -1); // the server's FIN again, not acking ours
    EXPECT_EQ(h.NewSegments(), (Lines{"S>C FA 201 101", "C>S A 102 202"}));
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSING) << "ns-3 closed on any FIN+ACK";
    // The FIN again, now acking ours (with ECE, on which ns-3 reset). (A pure ACK would not
    // get through: the harness drops the server's pure ACKs to keep the client in CLOSING.)
    h.Inject(TcpHeader::FIN | TcpHeader::ACK | TcpHeader::ECE, -1, 0);
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED) << "TIME_WAIT is the node's entry";
    EXPECT_EQ(TcpRstHelper::GetTcp(h.Subject()->GetNode())->GetTimeWaitCount(), 1u);
    EXPECT_TRUE(h.NewResetsSent().empty());
}

TEST_F(BothFins, LastAckClosesOnlyOnTheAckOfOurFinInTheWindow)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::LAST_ACK);
    h.Inject(TcpHeader::FIN | TcpHeader::ACK, 0, -1);
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::LAST_ACK);
    h.Inject(TcpHeader::FIN | TcpHeader::ACK, -5000, 0); // acks our FIN, seq before the window
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::LAST_ACK);
    EXPECT_EQ(h.NewSegments().back(), "S>C A 202 102") << "a duplicate ACK";
    h.Inject(TcpHeader::FIN | TcpHeader::ACK | TcpHeader::CWR, 0, 0); // acks our FIN
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Subject()->GetSocketError(), TcpRstSocket::NO_ERROR);
    EXPECT_TRUE(h.NewResetsSent().empty());
}

TEST_F(StockResets, StockShapeFromFinWait1UsesNs3sOwnSequenceNumber)
{
    TcpRstHelper rst;
    TcpRstHelper::SetSocketDefault("ActiveResetShape", StringValue("Stock"));
    ConnectionHarness h(rst, Ip::V4);
    h.StopReading(ConnectionHarness::Side::CLIENT);
    h.Bring(TcpSocket::FIN_WAIT_1);
    h.Client()->Close();
    h.RunFor(MilliSeconds(20));
    // ns-3's SendEmptyPacket(RST) in FIN_WAIT_1: seq = its SND.NXT (101) + 1, no ACK flag.
    EXPECT_EQ(h.NewSegments(), (Lines{"C>S R 102 -"}));
}

} // namespace test
} // namespace ns3

namespace ns3
{
namespace test
{

// Linux tcp_write_timeout() -> tcp_write_err(): retransmissions run out -> ETIMEDOUT, no segment.
using GiveUp = TcpRstTest;

TEST_F(GiveUp, DataRetransmissionsRunOutWithEtimedoutAndNoReset)
{
    TcpRstHelper rst;
    rst.SetHostProfile("Ns3"); // counted retries; the Linux bound is in host-profile-test.cc
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::ESTABLISHED, ConnectionHarness::Side::CLIENT);
    h.DropFromClient(TcpSegmentFilter::HasPayload(), 0, 1000);
    h.Client()->Send(Create<Packet>(10), 0);
    h.RunFor(Seconds(600)); // ns-3: 6 retries, RTO from 1 s doubling
    EXPECT_EQ(h.Client()->GetState(), TcpSocket::CLOSED) << "ns-3 left the state as it was";
    EXPECT_EQ(h.Client()->GetSocketError(), TcpRstSocket::TIMED_OUT);
    EXPECT_TRUE(h.SubjectApp().errorClose);
    EXPECT_EQ(Count(h, TcpStat::AbortOnTimeout), 1u);
    EXPECT_TRUE(h.NewResetsSent().empty()) << "Linux sends nothing when it gives up";
}

TEST_F(GiveUp, SynRetransmissionsRunOutWithEtimedout)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::SYN_SENT);
    h.RunFor(Seconds(600));
    EXPECT_EQ(h.Client()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Client()->GetSocketError(), TcpRstSocket::TIMED_OUT);
    EXPECT_TRUE(h.SubjectApp().connectFailed);
    EXPECT_EQ(Count(h, TcpStat::AbortOnTimeout), 1u);
    EXPECT_EQ(Count(h, TcpStat::AttemptFails), 1u);
    EXPECT_TRUE(h.NewResetsSent().empty());
}

} // namespace test
} // namespace ns3
