/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The policies other stacks need and Linux does not have: Blackhole, ResetRateLimit,
// SynValidation Rfc793, PersistMax (BacklogOverflow: listen-queue-test.cc).
#include "case-test-util.h"
#include "connection-harness.h"

#include "ns3/config.h"
#include "ns3/inet-socket-address.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-segment-injector.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace test
{

namespace
{
class OtherStacks : public TcpRstTest
{
};

constexpr uint16_t kClosedPort = 9;

/// Inject from the client host \p count segments with \p flags to a closed port of the server,
/// from ports 41000, 41001 ..., \p spacing apart starting \p at.
void
InjectToClosedPort(Scene& scene, uint8_t flags, uint32_t count, Time at, Time spacing)
{
    for (uint32_t i = 0; i < count; ++i)
    {
        TcpSegmentSpec spec;
        spec.sourcePort = static_cast<uint16_t>(41000 + i);
        spec.destinationPort = kClosedPort;
        spec.flags = flags;
        spec.seq = SequenceNumber32(1000 * i);
        spec.ack = SequenceNumber32(5000);
        TcpSegmentInjector::Schedule(
            at + spacing * int64_t(i), scene.topology.client, scene.topology.serverAddress, spec);
    }
}

/// \return the server's segments in the scene's ladder
std::vector<LadderSegment>
FromServer(const Scene& scene)
{
    std::vector<LadderSegment> out;
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        if (!s.fromClient)
        {
            out.push_back(s);
        }
    }
    return out;
}
} // namespace

// blackhole(4): 0 answers, 1 leaves SYNs unanswered, 2 leaves everything unanswered.
TEST_F(OtherStacks, BlackholeLeavesSynsOrEverySegmentToAClosedPortUnanswered)
{
    for (const char* value : {"Off", "Syn", "All"})
    {
        SCOPED_TRACE(value);
        TcpRstHelper rst;
        rst.SetTcpAttribute("Blackhole", StringValue(value));
        Scene scene(rst);
        InjectToClosedPort(scene, TcpHeader::SYN, 1, Seconds(1), Time(0));
        InjectToClosedPort(scene, TcpHeader::ACK, 1, Seconds(2), Time(0));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        std::vector<LadderSegment> answers = FromServer(scene);
        std::string v = value;
        uint64_t dropped = scene.topology.ServerTcp()->GetCounters().Get(TcpStat::BlackholeDrops);
        if (v == "Off")
        {
            ASSERT_EQ(answers.size(), 2u);
            EXPECT_EQ(answers[0].flags, "RA");
            EXPECT_EQ(answers[1].flags, "R");
            EXPECT_EQ(answers[1].header.GetSequenceNumber(), SequenceNumber32(5000));
            EXPECT_EQ(dropped, 0u);
        }
        else if (v == "Syn")
        {
            ASSERT_EQ(answers.size(), 1u) << "the SYN goes unanswered, the ACK does not";
            EXPECT_EQ(answers[0].flags, "R");
            EXPECT_EQ(dropped, 1u);
        }
        else
        {
            EXPECT_TRUE(answers.empty());
            EXPECT_EQ(dropped, 2u);
        }
        Simulator::Destroy();
    }
}

// A socket bound but not listening is invisible (BoundNotListening Linux): a closed port too.
TEST_F(OtherStacks, BlackholeCoversAPortBoundWithoutListen)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("Blackhole", StringValue("Syn"));
    Scene scene(rst);
    Ptr<TcpRstSocket> bound = TcpRstHelper::CreateSocket(scene.topology.server);
    bound->Bind(InetSocketAddress(Ipv4Address::GetAny(), kClosedPort));
    InjectToClosedPort(scene, TcpHeader::SYN, 1, Seconds(1), Time(0));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_TRUE(FromServer(scene).empty());
    EXPECT_EQ(scene.topology.ServerTcp()->GetCounters().Get(TcpStat::BlackholeDrops), 1u);
}

// badport_bandlim(): at most IcmpLim replies in a second that starts with the first reply;
// the rest are not sent, and a connection's own reset is never limited.
TEST_F(OtherStacks, ResetRateLimitSendsIcmpLimRepliesASecondAndNeverLimitsActiveResets)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("ResetRateLimit", StringValue("Bandlim"));
    rst.SetTcpAttribute("IcmpLim", UintegerValue(5));
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::ESTABLISHED);
    Time start = Simulator::Now();
    for (uint32_t i = 0; i < 8; ++i)
    {
        TcpSegmentSpec spec;
        spec.sourcePort = static_cast<uint16_t>(41000 + i);
        spec.destinationPort = kClosedPort;
        spec.flags = TcpHeader::SYN;
        spec.seq = SequenceNumber32(1000 * i);
        // 8 SYNs over 0.7 s: the second that began with the first has room for 5.
        TcpSegmentInjector::Schedule(
            MilliSeconds(100 * i), h.topology.client, h.topology.serverAddress, spec);
    }
    // 1.05 s after the first: a new second.
    TcpSegmentSpec late;
    late.sourcePort = 42000;
    late.destinationPort = kClosedPort;
    late.flags = TcpHeader::SYN;
    TcpSegmentInjector::Schedule(
        MilliSeconds(1050), h.topology.client, h.topology.serverAddress, late);
    // While replies are limited, SO_LINGER {on, 0} still resets the connection.
    Simulator::Schedule(MilliSeconds(650),
                        [&h]()
                        {
                            h.Server()->SetLinger(true, Time(0));
                            h.Server()->Close();
                        });
    h.RunFor(Seconds(2));
    std::vector<Time> replies;
    bool lingerReset = false;
    for (const TcpResetEvent& e : h.NewResetsSent())
    {
        if (e.reason == RstReason::NO_SOCKET)
        {
            replies.push_back(e.time - start);
        }
        lingerReset |= e.reason == RstReason::TCP_ABORT_ON_LINGER;
    }
    ASSERT_EQ(replies.size(), 6u) << "5 in the first second, then the late one";
    EXPECT_LT(replies[4], MilliSeconds(500));
    EXPECT_GE(replies[5], MilliSeconds(1050));
    EXPECT_TRUE(lingerReset) << "an active reset is never rate-limited";
    EXPECT_EQ(h.SubjectTcp()->GetCounters().Get(TcpStat::RstRateLimited), 3u);
}

// FreeBSD insecure_syn=1 (SynValidation Rfc793): a SYN inside the window drops the connection
// with R. seq=SND.NXT ack=RCV.NXT; one outside still gets a challenge ACK.
TEST_F(OtherStacks, SynValidationRfc793ResetsOnAnInWindowSynAndChallengesTheOthers)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::ESTABLISHED);
    h.Server()->SetAttribute("SynValidation", StringValue("Rfc793"));
    // The ladder numbers a SYN from itself: "S>C A 201 -N" acks RCV.NXT (101) for a SYN at
    // RCV.NXT + N.
    auto window = static_cast<int32_t>(h.Server()->GetRcvWnd());
    h.Inject(TcpHeader::SYN, window + 1000); // beyond the window
    std::string beyond = "S>C A 201 -" + std::to_string(window + 1000);
    EXPECT_EQ(h.NewSegments(), (std::vector<std::string>{"C>S S 0 -", beyond}));
    h.RunFor(Seconds(1));            // tcp_invalid_ratelimit: one challenge ACK per 500 ms
    h.Inject(TcpHeader::SYN, -1000); // below RCV.NXT
    EXPECT_EQ(h.NewSegments(),
              (std::vector<std::string>{"C>S S 0 -", beyond, "C>S S 0 -", "S>C A 201 1000"}));
    EXPECT_EQ(h.Server()->GetState(), TcpSocket::ESTABLISHED);
    h.Inject(TcpHeader::SYN, 1000);
    EXPECT_EQ(
        h.NewSegments(),
        (std::vector<std::string>{
            "C>S S 0 -", beyond, "C>S S 0 -", "S>C A 201 1000", "C>S S 0 -", "S>C RA 201 -1000"}));
    EXPECT_EQ(h.Server()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Server()->GetSocketError(), TcpRstSocket::CONNECTION_RESET);
    std::vector<TcpResetEvent> sent = h.NewResetsSent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].reason, RstReason::INVALID_SYN);
}

// SynValidation Stock: TcpSocketBase ignores a SYN in ESTABLISHED.
TEST_F(OtherStacks, SynValidationStockIgnoresTheSyn)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::ESTABLISHED);
    h.Server()->SetAttribute("SynValidation", StringValue("Stock"));
    h.Inject(TcpHeader::SYN, 1000);
    EXPECT_EQ(h.NewSegments(), (std::vector<std::string>{"C>S S 0 -"}));
    EXPECT_EQ(h.Server()->GetState(), TcpSocket::ESTABLISHED);
}

// macOS caps the zero-window probe interval (TCPTV_PERSMAX); PersistMax models it. The
// backoff doubles from the first interval until it reaches the cap, then stays there.
TEST_F(OtherStacks, PersistMaxCapsTheZeroWindowProbeInterval)
{
    for (Time cap : {Time(0), Seconds(2)})
    {
        SCOPED_TRACE(cap.As(Time::S));
        Config::SetDefault("ns3::TcpRstL4Protocol::PersistMax", TimeValue(cap));
        CaseResult result = RunCase("zero-window");
        std::vector<Time> probes;
        for (const LadderSegment& s : result.segments)
        {
            if (s.clientPort == 40051 && s.fromClient && s.flags == "A" && s.length == 0 &&
                s.seq > 1)
            {
                probes.push_back(s.time);
            }
        }
        ASSERT_GE(probes.size(), 8u);
        Time longest;
        for (std::size_t i = 1; i < probes.size(); ++i)
        {
            longest = Max(longest, probes[i] - probes[i - 1]);
        }
        if (cap.IsZero())
        {
            EXPECT_GT(longest, Seconds(3)) << "RtoMax (120 s) caps it, far above";
        }
        else
        {
            // Timer-wheel rounding adds at most a few jiffies (4 ms each at HZ=250).
            EXPECT_LE(longest, cap + MilliSeconds(20));
            EXPECT_GE(longest, cap);
            EXPECT_GE(probes.back() - probes[probes.size() - 2], cap) << "it stays at the cap";
        }
        Simulator::Destroy();
        Config::Reset();
    }
}

} // namespace test
} // namespace ns3
