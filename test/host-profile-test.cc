/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The Linux host profile: ISNs, timestamp offsets, MSS/PSH, SYN and SYN-ACK timers, give-up
// errors, the Ns3 profile, and refusal of bad values.
#include "case-test-util.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/inet-socket-address.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-filter.h"
#include "ns3/tcp-segment-injector.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace ns3
{
namespace test
{

namespace
{
constexpr uint16_t kServerPort = 5000;

/// A client connecting at `at` from `port`; its SYNs may be dropped on the way.
struct Connecting : Scene
{
    explicit Connecting(TcpRstHelper& rst)
        : Scene(rst)
    {
        TcpRstHelper::AssignStreams(topology.nodes, 0);
    }

    Ptr<TcpRstSocket>
    Connect(Time at, uint16_t port)
    {
        Ptr<TcpRstSocket> c = TcpRstHelper::CreateSocket(topology.client);
        c->SetConnectCallback(
            Callback<void, Ptr<Socket>>([this](Ptr<Socket>) { ++connected; }),
            Callback<void, Ptr<Socket>>([this](Ptr<Socket>) { failedAt = Simulator::Now(); }));
        c->SetCloseCallbacks(
            MakeNullCallback<void, Ptr<Socket>>(),
            Callback<void, Ptr<Socket>>([this](Ptr<Socket>) { errorAt = Simulator::Now(); }));
        Address to = InetSocketAddress(topology.serverAddress, kServerPort);
        Simulator::Schedule(at,
                            [c, to, port]()
                            {
                                c->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
                                c->Connect(to);
                            });
        return c;
    }

    Ptr<TcpRstSocket>
    Listen()
    {
        Ptr<TcpRstSocket> l = TcpRstHelper::CreateSocket(topology.server);
        l->Bind(InetSocketAddress(Ipv4Address::GetAny(), kServerPort));
        l->Listen();
        l->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                             Callback<void, Ptr<Socket>, const Address&>(
                                 [this](Ptr<Socket> s, const Address&) { accepted.push_back(s); }));
        return l;
    }

    /// \return the times of the segments with these flags from the client (or server)
    std::vector<Time>
    Times(const std::string& flags, bool fromClient) const
    {
        std::vector<Time> times;
        for (const LadderSegment& s : ladder->GetSegments())
        {
            if (s.flags == flags && s.fromClient == fromClient)
            {
                times.push_back(s.time);
            }
        }
        return times;
    }

    uint32_t connected{0};
    Time failedAt{Time::Max()}; //!< connect() failed
    Time errorAt{Time::Max()};  //!< an established connection ended with an error
    std::vector<Ptr<Socket>> accepted;
};

std::vector<Time>
Gaps(const std::vector<Time>& times)
{
    std::vector<Time> gaps;
    for (std::size_t i = 1; i < times.size(); ++i)
    {
        gaps.push_back(times[i] - times[i - 1]);
    }
    return gaps;
}

/// The ISN the client host gives 10.77.1.1:port -> 10.77.2.2:5000 at `at`, in run `run`.
uint32_t
IsnInRun(uint32_t run, uint16_t port, Time at)
{
    RngSeedManager::SetRun(run);
    TcpRstHelper rst;
    Scene scene(rst);
    TcpRstHelper::AssignStreams(scene.topology.nodes, 0);
    uint32_t isn = 0;
    Ptr<TcpRstL4Protocol> tcp = scene.topology.ClientTcp();
    Address local = scene.topology.clientAddress;
    Address peer = scene.topology.serverAddress;
    Simulator::Schedule(
        at, [&]() { isn = tcp->InitialSequenceNumber(local, port, peer, kServerPort).GetValue(); });
    Simulator::Run();
    Simulator::Destroy();
    RngSeedManager::SetRun(1);
    return isn;
}
} // namespace

using HostProfile = TcpRstTest;

TEST_F(HostProfile, IsnsDifferPerFourTupleAndRunAndRepeatWithinARun)
{
    uint32_t a = IsnInRun(1, 40001, Seconds(1));
    EXPECT_EQ(IsnInRun(1, 40001, Seconds(1)), a) << "same run, same 4-tuple, same instant";
    EXPECT_NE(IsnInRun(1, 40002, Seconds(1)), a) << "another port";
    EXPECT_NE(IsnInRun(2, 40001, Seconds(1)), a) << "another RngRun draws another key";
    EXPECT_NE(a, 0u);
}

TEST_F(HostProfile, IsnsAdvanceWithTheClockOnePer64Nanoseconds)
{
    uint32_t a = IsnInRun(1, 40001, Seconds(1));
    uint32_t b = IsnInRun(1, 40001, Seconds(1) + MicroSeconds(64));
    EXPECT_EQ(b - a, 1000u) << "ktime_get_real_ns() >> 6";
    // Capture 01: the server's second ISN, 11.2 ms after its first, is 175281 higher.
    uint32_t c = IsnInRun(1, 40001, Seconds(1) + NanoSeconds(175281 * 64));
    EXPECT_EQ(c - a, 175281u);
}

TEST_F(HostProfile, ConnectionsOnTheWireUseSecureIsnsAndOffsetTimestamps)
{
    TcpRstHelper rst;
    Connecting scene(rst);
    scene.Listen();
    Ptr<TcpRstSocket> first = scene.Connect(Seconds(1), 40001);
    Ptr<TcpRstSocket> second = scene.Connect(Seconds(1), 40002);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    ASSERT_EQ(scene.connected, 2u);
    EXPECT_NE(first->GetIss(), second->GetIss());
    EXPECT_NE(first->GetIss(), SequenceNumber32(0));
    std::set<uint32_t> serverIsns;
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        if (s.flags == "SA")
        {
            serverIsns.insert(s.header.GetSequenceNumber().GetValue());
        }
        if (s.flags == "S")
        {
            // TSval = ms clock + secure_tcp_ts_off(client, server): not the bare clock.
            auto ts = DynamicCast<const TcpOptionTS>(s.header.GetOption(TcpOption::TS));
            EXPECT_EQ(ts->GetTimestamp(),
                      1000 +
                          scene.topology.ClientTcp()->GetTimestampValue(
                              scene.topology.clientAddress, scene.topology.serverAddress) -
                          TcpOptionTS::NowToTsValue());
            EXPECT_NE(ts->GetTimestamp(), 1000u);
        }
    }
    EXPECT_EQ(serverIsns.size(), 2u);
    EXPECT_EQ(serverIsns.count(0), 0u);
}

TEST_F(HostProfile, SynCarriesMssWindowAndScaleAndDataCarriesPsh)
{
    TcpRstHelper rst;
    Connecting scene(rst);
    scene.Listen();
    Ptr<TcpRstSocket> c = scene.Connect(Seconds(1), 40001);
    Simulator::Schedule(Seconds(1.5), [c]() { c->Send(Create<Packet>(3000), 0); });
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    std::vector<std::string> lines;
    std::vector<std::string> data;
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        std::string line = s.Summary() + " win=" + std::to_string(s.window);
        lines.push_back(s.flags.find('S') != std::string::npos ? line + " " + s.options : line);
        if (s.length > 0)
        {
            data.push_back(line);
        }
    }
    // As the Linux ladders: SYN 64240 with mss=1460, SYN-ACK 65160 (1448 x 45), window
    // scale 10, quick ACKs; segments of 1448 bytes, PSH on the last segment of the write.
    ASSERT_GE(lines.size(), 3u);
    EXPECT_EQ(lines[0].substr(0, lines[0].find(" ts=")),
              "C>S S 0 - win=64240 mss=1460,sackOK,ws=10");
    EXPECT_EQ(lines[1].substr(0, lines[1].find(" ts=")),
              "S>C SA 0 1 win=65160 mss=1460,sackOK,ws=10");
    EXPECT_EQ(lines[2], "C>S A 1 1 win=63");
    EXPECT_EQ(data,
              (std::vector<std::string>{"C>S A 1 1 len=1448 win=63",
                                        "C>S A 1449 1 len=1448 win=63",
                                        "C>S PA 2897 1 len=104 win=63"}));
    std::vector<std::string> acks(lines.begin() + 3, lines.end());
    // Each in-order segment is acknowledged at once (quick ACKs) with rcv_ssthresh two MSS
    // larger: 65160 + 2896 = 68056, rounded up to the 1024-byte scale: 67.
    EXPECT_EQ(std::count(acks.begin(), acks.end(), "S>C A 1 1449 win=67"), 1)
        << ::testing::PrintToString(acks);
    EXPECT_EQ(std::count(acks.begin(), acks.end(), "S>C A 1 2897 win=70"), 1)
        << ::testing::PrintToString(acks);
    UintegerValue segmentSize;
    c->GetAttribute("SegmentSize", segmentSize);
    EXPECT_EQ(segmentSize.Get(), 1448u) << "MSS 1460 minus the timestamp option";
}

TEST_F(HostProfile, TimestampsEchoTheLatestTsvalWhateverTheIsns)
{
    // TcpSocketBase echoes a TSval only from a segment at or below the highest ACK it sent,
    // compared in sequence space from 0: random ISNs must not leave the echo stale (half the
    // ISN space would). Both directions, over runs with other ISNs.
    for (uint32_t run = 1; run <= 6; ++run)
    {
        RngSeedManager::SetRun(run);
        {
            TcpRstHelper rst;
            Connecting scene(rst);
            scene.Listen();
            Ptr<TcpRstSocket> c = scene.Connect(Seconds(1), 40001);
            for (int i = 0; i < 3; ++i)
            {
                Simulator::Schedule(Seconds(1.2 + 0.1 * i),
                                    [c]() { c->Send(Create<Packet>(10), 0); });
                Simulator::Schedule(Seconds(1.25 + 0.1 * i),
                                    [&scene]()
                                    {
                                        if (!scene.accepted.empty())
                                        {
                                            scene.accepted[0]->Send(Create<Packet>(10), 0);
                                        }
                                    });
            }
            Simulator::Stop(Seconds(2));
            Simulator::Run();
            std::map<bool, uint32_t> lastTsval; // per direction: the last TSval sent
            uint32_t checked = 0;
            for (const LadderSegment& s : scene.ladder->GetSegments())
            {
                auto ts = DynamicCast<const TcpOptionTS>(s.header.GetOption(TcpOption::TS));
                ASSERT_TRUE(ts) << s.Summary();
                if (s.length > 0 || s.flags == "A")
                {
                    auto peer = lastTsval.find(!s.fromClient);
                    ASSERT_NE(peer, lastTsval.end()) << s.Summary();
                    EXPECT_EQ(ts->GetEcho(), peer->second) << "run " << run << " " << s.Summary();
                    ++checked;
                }
                lastTsval[s.fromClient] = ts->GetTimestamp();
            }
            EXPECT_GE(checked, 8u);
            Simulator::Destroy();
        }
    }
    RngSeedManager::SetRun(1);
}

TEST_F(HostProfile, SynRetransmissionsFollowLinuxThenConnectFailsWithEtimedout)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("JiffyTimers", BooleanValue(false));
    Connecting scene(rst);
    TcpSegmentFilter::Install(scene.topology.routerFromClient)
        ->Drop(TcpSegmentFilter::FlagsAre(TcpHeader::SYN));
    Ptr<TcpRstSocket> c = scene.Connect(Seconds(1), 40001);
    Simulator::Stop(Seconds(200));
    Simulator::Run();
    // tcp_syn_linear_timeouts 4: five retransmissions 1 s apart, then doubling; tcp_syn_retries
    // 6 more (10 in all); the 11th expiry gives up (1+1+1+1+1+2+4+8+16+32+64 = 131 s).
    std::vector<Time> expected{Seconds(1),
                               Seconds(1),
                               Seconds(1),
                               Seconds(1),
                               Seconds(1),
                               Seconds(2),
                               Seconds(4),
                               Seconds(8),
                               Seconds(16),
                               Seconds(32)};
    EXPECT_EQ(Gaps(scene.Times("S", true)), expected);
    EXPECT_EQ(scene.failedAt, Seconds(1 + 131));
    EXPECT_EQ(c->GetSocketError(), TcpRstSocket::TIMED_OUT);
    EXPECT_EQ(c->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(scene.topology.ClientTcp()->GetCounters().Get(TcpStat::AbortOnTimeout), 1u);
    EXPECT_TRUE(scene.resets.empty()) << "giving up sends nothing";
}

TEST_F(HostProfile, SynRetransmissionsOnTheTimerWheelAsCapture08a)
{
    TcpRstHelper rst;
    Connecting scene(rst);
    TcpSegmentFilter::Install(scene.topology.routerFromClient)
        ->Drop(TcpSegmentFilter::FlagsAre(TcpHeader::SYN));
    scene.Connect(Seconds(1), 40001);
    Simulator::Stop(Seconds(12));
    Simulator::Run();
    // Capture 08a: 1021, 1024, 1024, 1024, 1024, then 2016 ms. The first waits for a level-1
    // tick (250 to 258 jiffies), the others start on one.
    std::vector<Time> gaps = Gaps(scene.Times("S", true));
    ASSERT_GE(gaps.size(), 6u);
    EXPECT_GE(gaps[0], MilliSeconds(1000));
    EXPECT_LE(gaps[0], MilliSeconds(1032));
    for (int i = 1; i < 5; ++i)
    {
        EXPECT_EQ(gaps[i], MilliSeconds(1024)) << i;
    }
    EXPECT_EQ(gaps[5], MilliSeconds(2016));
}

TEST_F(HostProfile, SynAckRetransmissionsDoubleAndTheHalfOpenConnectionGoesAt63Seconds)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("JiffyTimers", BooleanValue(false));
    Connecting scene(rst);
    Ptr<TcpRstSocket> listener = scene.Listen();
    // Every SYN-ACK is lost, so the client never answers; the client keeps its SYN_SENT.
    TcpSegmentFilter::Install(scene.topology.routerFromServer)
        ->Drop(TcpSegmentFilter::FlagsAre(TcpHeader::SYN | TcpHeader::ACK));
    TcpSegmentFilter::Install(scene.topology.routerFromClient)
        ->Drop(TcpSegmentFilter::FlagsAre(TcpHeader::SYN), 1);
    scene.Connect(Seconds(1), 40001);
    uint32_t halfOpenAt62 = 0;
    uint32_t halfOpenAt64 = 0;
    Ptr<TcpRstL4Protocol> server = scene.topology.ServerTcp();
    auto halfOpen = [server]()
    {
        uint32_t n = 0;
        for (const Ptr<TcpRstSocket>& s : server->GetSockets())
        {
            n += s->GetState() == TcpSocket::SYN_RCVD ? 1 : 0;
        }
        return n;
    };
    Simulator::Schedule(Seconds(1 + 62.9), [&]() { halfOpenAt62 = halfOpen(); });
    Simulator::Schedule(Seconds(1 + 63.1), [&]() { halfOpenAt64 = halfOpen(); });
    Simulator::Stop(Seconds(70));
    Simulator::Run();
    // tcp_synack_retries 5: +1, +3, +7, +15, +31 s (1 s doubling); dropped at +63 s.
    std::vector<Time> synAcks = scene.Times("SA", false);
    ASSERT_EQ(synAcks.size(), 6u);
    std::vector<Time> sinceFirst;
    for (const Time& t : synAcks)
    {
        sinceFirst.push_back(t - synAcks[0]);
    }
    EXPECT_EQ(sinceFirst,
              (std::vector<Time>{
                  Seconds(0), Seconds(1), Seconds(3), Seconds(7), Seconds(15), Seconds(31)}));
    EXPECT_EQ(halfOpenAt62, 1u);
    EXPECT_EQ(halfOpenAt64, 0u);
    EXPECT_TRUE(scene.accepted.empty());
}

TEST_F(HostProfile, SynAckRetriesAreTheListenersNotConnCount)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("JiffyTimers", BooleanValue(false));
    rst.SetTcpAttribute("SynAckRetries", UintegerValue(2));
    Connecting scene(rst);
    scene.Listen();
    TcpSegmentFilter::Install(scene.topology.routerFromServer)
        ->Drop(TcpSegmentFilter::FlagsAre(TcpHeader::SYN | TcpHeader::ACK));
    TcpSegmentFilter::Install(scene.topology.routerFromClient)
        ->Drop(TcpSegmentFilter::FlagsAre(TcpHeader::SYN), 1);
    scene.Connect(Seconds(1), 40001);
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    // Capture 06 (tcp_synack_retries=2): SYN-ACK at 0, +1 s, +3 s; the client's SYN
    // retransmissions (its own budget) are dropped before they reach the server.
    std::vector<Time> synAcks = scene.Times("SA", false);
    ASSERT_EQ(synAcks.size(), 3u);
    EXPECT_EQ(Gaps(synAcks), (std::vector<Time>{Seconds(1), Seconds(2)}));
}

TEST_F(HostProfile, DataGivesUpAfterTheRetries2TimeBoundWithEtimedout)
{
    TcpRstHelper rst;
    Connecting scene(rst);
    scene.Listen();
    Ptr<TcpRstSocket> c = scene.Connect(Seconds(1), 40001);
    Ptr<TcpSegmentFilter> filter = TcpSegmentFilter::Install(scene.topology.routerFromClient);
    filter->Drop(TcpSegmentFilter::HasPayload());
    c->SetAttribute("DataRetries", UintegerValue(3)); // tcp_model_timeout(3) = 3.0 s
    Time sentAt = Seconds(1.5);
    Simulator::Schedule(sentAt, [c]() { c->Send(Create<Packet>(10), 0); });
    TcpSocket::TcpStates_t stateAt3s = TcpSocket::CLOSED;
    Simulator::Schedule(sentAt + Seconds(2.9), [&]() { stateAt3s = c->GetState(); });
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    EXPECT_EQ(stateAt3s, TcpSocket::ESTABLISHED);
    EXPECT_EQ(c->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(c->GetSocketError(), TcpRstSocket::TIMED_OUT);
    // The data went out at 1.5 s and was retransmitted at each doubling RTO; the first expiry
    // at or after 1.5 s + 3.0 s gives up.
    std::vector<Time> data;
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        if (s.fromClient && s.length > 0)
        {
            data.push_back(s.time);
        }
    }
    ASSERT_GE(data.size(), 3u);
    EXPECT_LE(data.front() - sentAt, MicroSeconds(1));
    EXPECT_LT(data.back(), sentAt + Seconds(3));
    EXPECT_EQ(scene.topology.ClientTcp()->GetCounters().Get(TcpStat::AbortOnTimeout), 1u);
}

// retransmits_timed_out() measures from the oldest unacknowledged segment: an earlier loss
// that was recovered (its retransmission acknowledged) does not shorten a later outage's bound.
TEST_F(HostProfile, DataGiveUpCountsFromTheOldestUnacknowledgedSegmentNotAnEarlierLoss)
{
    TcpRstHelper rst;
    Connecting scene(rst);
    scene.Listen();
    Ptr<TcpRstSocket> c = scene.Connect(Seconds(1), 40001);
    Ptr<TcpSegmentFilter> filter = TcpSegmentFilter::Install(scene.topology.routerFromClient);
    filter->Drop(TcpSegmentFilter::HasPayload(), 0, 1); // the first data, once: one RTO
    // Rules see what earlier rules let through: this one's index 0 is the retransmission.
    filter->Drop(TcpSegmentFilter::HasPayload(), 1);  // from the second send on: an outage
    c->SetAttribute("DataRetries", UintegerValue(3)); // tcp_model_timeout(3) = 3.0 s
    Simulator::Schedule(Seconds(1.5), [c]() { c->Send(Create<Packet>(10), 0); });
    Time outageAt = Seconds(10);
    Simulator::Schedule(outageAt, [c]() { c->Send(Create<Packet>(10), 0); });
    TcpSocket::TcpStates_t stateBeforeBound = TcpSocket::CLOSED;
    Simulator::Schedule(outageAt + Seconds(2.9), [&]() { stateBeforeBound = c->GetState(); });
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_EQ(stateBeforeBound, TcpSocket::ESTABLISHED);
    EXPECT_EQ(c->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(c->GetSocketError(), TcpRstSocket::TIMED_OUT);
    std::vector<Time> outage;
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        if (s.fromClient && s.length > 0 && s.time >= outageAt)
        {
            outage.push_back(s.time);
        }
    }
    ASSERT_GE(outage.size(), 3u); // sent, then retransmitted at 10.2 s and 10.6 s at least
    EXPECT_EQ(scene.topology.ClientTcp()->GetCounters().Get(TcpStat::AbortOnTimeout), 1u);
}

namespace
{
/// A sender filling the zero window of a receiver that never reads (4096-byte buffer, as
/// captures 05a/05b), and the sender's zero-window probes.
struct ZeroWindow : Connecting
{
    explicit ZeroWindow(TcpRstHelper& rst)
        : Connecting(rst)
    {
        Ptr<TcpRstSocket> listener = Listen();
        listener->SetAttribute("RcvBufSize", UintegerValue(4096)); // accepted sockets inherit it
        sender = Connect(Seconds(1), 40001);
        Ptr<TcpRstSocket> c = sender;
        Simulator::Schedule(Seconds(1.5), [c]() { c->Send(Create<Packet>(200000), 0); });
    }

    /// \return the sender's probes: A, no data, seq one below the receiver's ack
    std::vector<LadderSegment>
    Probes() const
    {
        std::vector<LadderSegment> probes;
        for (const LadderSegment& s : ladder->GetSegments())
        {
            if (s.fromClient && s.flags == "A" && s.length == 0 && s.time > Seconds(1.5))
            {
                probes.push_back(s);
            }
        }
        return probes;
    }

    Ptr<TcpRstSocket> sender;
};
} // namespace

TEST_F(HostProfile, ZeroWindowProbesAreAcksBelowSndUnaAndGoOnWhileAnswered)
{
    TcpRstHelper rst;
    ZeroWindow scene(rst);
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    std::vector<LadderSegment> probes = scene.Probes();
    ASSERT_GE(probes.size(), 6u);
    // Capture 05a: A seq=SND.UNA-1 len 0, the timeout doubling from max(RTO, 200 ms); the
    // receiver answers A win=0, except the probe that comes within 500 ms of its last answer
    // (tcp_invalid_ratelimit). The connection stays up.
    // The timeout starts at max(RTO, 200 ms) = 200 ms here and doubles; on the timer wheel
    // each lands up to one level's granularity later (at most 1/8 of it, plus a jiffy).
    Time zeroWindowAt;
    int64_t sndUna = 0;
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        if (!s.fromClient && s.window == 0 && zeroWindowAt.IsZero())
        {
            zeroWindowAt = s.time;
            sndUna = s.ack.value_or(0);
        }
    }
    EXPECT_EQ(probes[0].seq, sndUna - 1) << "A seq=SND.UNA-1, no data";
    Time previous = zeroWindowAt;
    for (std::size_t i = 0; i < probes.size(); ++i)
    {
        EXPECT_EQ(probes[i].seq, probes[0].seq) << i;
        Time nominal = MilliSeconds(200) * int64_t(1U << i);
        Time gap = probes[i].time - previous;
        EXPECT_GE(gap, nominal) << "probe " << i;
        EXPECT_LE(gap, nominal + nominal / 8 + MilliSeconds(8)) << "probe " << i;
        previous = probes[i].time;
    }
    uint32_t answers = 0;
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        answers += (!s.fromClient && s.flags == "A" && s.time > probes[0].time && s.window == 0);
    }
    EXPECT_EQ(answers, probes.size() - 1) << "the second probe is rate-limited";
    EXPECT_EQ(scene.topology.ServerTcp()->GetCounters().Get(TcpStat::AckSkippedSeq), 1u);
    EXPECT_EQ(scene.sender->GetState(), TcpSocket::ESTABLISHED);
    EXPECT_TRUE(scene.resets.empty());
}

TEST_F(HostProfile, ZeroWindowProbesGiveUpAfterRetries2UnansweredWithEtimedout)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("RtoMax", TimeValue(Seconds(2))); // as capture 05b's sender
    ZeroWindow scene(rst);
    // From 3 s on nothing the receiver sends arrives.
    Time silentFrom = Seconds(3);
    Ptr<NetDevice> fromServer = scene.topology.routerFromServer;
    Simulator::Schedule(silentFrom,
                        [fromServer]() {
                            TcpSegmentFilter::Install(fromServer)
                                ->Drop([](const FilteredSegment&) { return true; });
                        });
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    std::vector<LadderSegment> silent;
    for (const LadderSegment& p : scene.Probes())
    {
        if (p.time > silentFrom)
        {
            silent.push_back(p);
        }
    }
    // 05b: exactly tcp_retries2 = 15 unanswered probes, 2.016 s apart once the timeout is at
    // RtoMax (a 2 s timer on the wheel), then ETIMEDOUT at the next expiry, no segment.
    ASSERT_EQ(silent.size(), 15u);
    EXPECT_EQ(silent[14].time - silent[13].time, MilliSeconds(2016));
    EXPECT_EQ(scene.sender->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(scene.sender->GetSocketError(), TcpRstSocket::TIMED_OUT);
    EXPECT_EQ(scene.errorAt, silent[14].time + MilliSeconds(2016));
    EXPECT_TRUE(scene.resets.empty()) << "giving up sends nothing (capture 05b)";
    EXPECT_EQ(scene.topology.ClientTcp()->GetCounters().Get(TcpStat::AbortOnTimeout), 1u);
}

TEST_F(HostProfile, MaxZeroWindowProbesResetsAsTheSeedNoteSays)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("MaxZeroWindowProbes", UintegerValue(3));
    ZeroWindow scene(rst);
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    // Not Linux: after three probes, answered or not, the sender resets (R. seq=SND.NXT).
    EXPECT_EQ(scene.Probes().size(), 3u);
    std::vector<LadderSegment> resets;
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        if (s.header.GetFlags() & TcpHeader::RST)
        {
            resets.push_back(s);
        }
    }
    ASSERT_EQ(resets.size(), 1u);
    EXPECT_EQ(resets[0].flags, "RA");
    EXPECT_TRUE(resets[0].fromClient);
    ASSERT_TRUE(resets[0].reason.has_value());
    EXPECT_EQ(*resets[0].reason, RstReason::ZERO_WINDOW_PROBES);
    EXPECT_EQ(scene.sender->GetSocketError(), TcpRstSocket::CONNECTION_RESET);
}

TEST_F(HostProfile, Ns3ProfileRestoresStockValues)
{
    TcpRstHelper rst;
    rst.SetHostProfile("Ns3");
    Connecting scene(rst);
    TcpSegmentFilter::Install(scene.topology.routerFromClient)
        ->Drop(TcpSegmentFilter::FlagsAre(TcpHeader::SYN));
    Ptr<TcpRstSocket> c = scene.Connect(Seconds(1), 40001);
    Simulator::Stop(Seconds(12));
    Simulator::Run();
    std::vector<LadderSegment> segments = scene.ladder->GetSegments();
    ASSERT_FALSE(segments.empty());
    EXPECT_EQ(segments[0].header.GetSequenceNumber(), SequenceNumber32(0)) << "ISN 0";
    EXPECT_FALSE(segments[0].header.HasOption(TcpOption::MSS));
    EXPECT_EQ(segments[0].window, 65535);
    auto ts = DynamicCast<const TcpOptionTS>(segments[0].header.GetOption(TcpOption::TS));
    EXPECT_EQ(ts->GetTimestamp(), 1000u) << "TSval = simulation ms";
    // ns-3: ConnTimeout 3 s doubling.
    EXPECT_EQ(Gaps(scene.Times("S", true)), (std::vector<Time>{Seconds(3), Seconds(6)}));
    UintegerValue segmentSize;
    c->GetAttribute("SegmentSize", segmentSize);
    EXPECT_EQ(segmentSize.Get(), 536u);
    TimeValue minRto;
    c->GetAttribute("MinRto", minRto);
    EXPECT_EQ(minRto.Get(), Seconds(1));
    BooleanValue noDelay;
    c->GetAttribute("TcpNoDelay", noDelay);
    EXPECT_TRUE(noDelay.Get());
    TypeId::AttributeInformation info;
    TcpL4Protocol::GetTypeId().LookupAttributeByName("SocketType", &info);
    EXPECT_EQ("ns3::" + c->GetCongestionControlName(),
              info.originalInitialValue->SerializeToString(info.checker))
        << "ns-3's own default, whatever the release";
}

TEST_F(HostProfile, LinuxProfileSetsSocketDefaultsButKeepsTheUsers)
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1000));
    TcpRstHelper rst;
    Connecting scene(rst);
    Ptr<TcpRstSocket> s = TcpRstHelper::CreateSocket(scene.topology.client);
    UintegerValue segmentSize;
    s->GetAttribute("SegmentSize", segmentSize);
    EXPECT_EQ(segmentSize.Get(), 1000u) << "Config::SetDefault is the user's choice";
    TimeValue minRto;
    s->GetAttribute("MinRto", minRto);
    EXPECT_EQ(minRto.Get(), MilliSeconds(200));
    TimeValue delAck;
    s->GetAttribute("DelAckTimeout", delAck);
    EXPECT_EQ(delAck.Get(), MilliSeconds(40));
    UintegerValue connCount;
    s->GetAttribute("ConnCount", connCount);
    EXPECT_EQ(connCount.Get(), 6u);
    BooleanValue noDelay;
    s->GetAttribute("TcpNoDelay", noDelay);
    EXPECT_FALSE(noDelay.Get()) << "Nagle on";
    EXPECT_EQ(s->GetCongestionControlName(), "TcpCubic") << "Linux's default, in every ns-3";
}

TEST_F(HostProfile, ADefaultChangedBetweenTwoSocketsIsSeenByTheSecond)
{
    TcpRstHelper rst;
    Connecting scene(rst);
    auto segmentSizeOfNewSocket = [&scene]()
    {
        UintegerValue size;
        TcpRstHelper::CreateSocket(scene.topology.client)->GetAttribute("SegmentSize", size);
        return size.Get();
    };
    EXPECT_EQ(segmentSizeOfNewSocket(), 1448u) << "the profile's";
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1000));
    EXPECT_EQ(segmentSizeOfNewSocket(), 1000u) << "the user's, set after the first socket";
    Config::Reset();
    EXPECT_EQ(segmentSizeOfNewSocket(), 1448u) << "the profile's again";
}

TEST_F(HostProfile, CongestionControlChosenByTheUserIsKept)
{
    Config::SetDefault("ns3::TcpL4Protocol::SocketType", StringValue("ns3::TcpVegas"));
    TcpRstHelper rst;
    Connecting scene(rst);
    EXPECT_EQ(TcpRstHelper::CreateSocket(scene.topology.client)->GetCongestionControlName(),
              "TcpVegas");
}

TEST_F(HostProfile, BadValuesAreRefusedNamingTheAttributeAndRange)
{
    TcpRstHelper rst;
    auto message = [&rst](const std::string& name, const AttributeValue& value)
    {
        try
        {
            rst.SetTcpAttribute(name, value);
        }
        catch (const std::invalid_argument& e)
        {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    std::string synRetries = message("SynRetries", UintegerValue(128));
    EXPECT_NE(synRetries.find("SynRetries"), std::string::npos) << synRetries;
    EXPECT_NE(synRetries.find("127"), std::string::npos) << synRetries;
    EXPECT_NE(message("SynAckRetries", UintegerValue(256)).find("255"), std::string::npos);
    EXPECT_NE(message("Retries2", UintegerValue(0)).find("Retries2"), std::string::npos);
    EXPECT_NE(message("InitialRto", TimeValue(Seconds(0))).find("InitialRto"), std::string::npos);
    EXPECT_NE(message("RtoMin", StringValue("-1ms")).find("RtoMin"), std::string::npos);
    EXPECT_NE(message("RtoMax", StringValue("300s")).find("RtoMax"), std::string::npos);
    EXPECT_NE(message("Hz", UintegerValue(50)).find("Hz"), std::string::npos);
    EXPECT_NE(message("KeepAliveProbes", UintegerValue(0)).find("[1, 127]"), std::string::npos);
    EXPECT_NE(message("KeepAliveTime", TimeValue(Seconds(0))).find("KeepAliveTime"),
              std::string::npos);
    EXPECT_NE(message("KeepAliveIntvl", StringValue("-1s")).find("KeepAliveIntvl"),
              std::string::npos);
    EXPECT_NE(message("MaxZeroWindowProbes", UintegerValue(1001)).find("1000"), std::string::npos);
    EXPECT_NE(message("ChallengeAckStyle", StringValue("Sometimes")).find("Randomized|Exact"),
              std::string::npos);
    try
    {
        rst.SetHostProfile("Bsd");
        ADD_FAILURE() << "an unknown profile was accepted";
    }
    catch (const std::invalid_argument& e)
    {
        std::string text = e.what();
        EXPECT_NE(text.find("HostProfile"), std::string::npos) << text;
        EXPECT_NE(text.find("Linux"), std::string::npos) << text;
        EXPECT_NE(text.find("Ns3"), std::string::npos) << text;
    }
}

} // namespace test
} // namespace ns3
