/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Segments reaching a listener and an established connection (state x event).
#include "case-test-util.h"
#include "linux-ladder.h"

#include "ns3/config.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-injector.h"

namespace ns3
{
namespace test
{

namespace
{
constexpr uint16_t kPort = 5000;

/// A listener on the server, and a client that connects at a given time.
struct ListenerScene : Scene
{
    explicit ListenerScene(TcpRstHelper& rst)
        : Scene(rst)
    {
        listener = TcpRstHelper::CreateSocket(topology.server);
        listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
        listener->Listen();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    Callback<void, Ptr<Socket>, const Address&>(
                                        [this](Ptr<Socket> s, const Address&)
                                        { accepted = DynamicCast<TcpRstSocket>(s); }));
        client = TcpRstHelper::CreateSocket(topology.client);
        client->SetConnectCallback(
            Callback<void, Ptr<Socket>>([this](Ptr<Socket>) { connected = true; }),
            MakeNullCallback<void, Ptr<Socket>>());
    }

    void
    ConnectAt(Time at)
    {
        Ptr<TcpRstSocket> c = client;
        Address to = InetSocketAddress(topology.serverAddress, kPort);
        Simulator::Schedule(at,
                            [c, to]()
                            {
                                c->Bind(InetSocketAddress(Ipv4Address::GetAny(), 40100));
                                c->Connect(to);
                            });
    }

    /// A segment from the client host to the server's port kPort, from port 40100.
    TcpSegmentSpec
    Segment(uint8_t flags, uint32_t seq, uint32_t ack = 0) const
    {
        TcpSegmentSpec spec;
        spec.sourcePort = 40100;
        spec.destinationPort = kPort;
        spec.flags = flags;
        spec.seq = SequenceNumber32(seq);
        spec.ack = SequenceNumber32(ack);
        return spec;
    }

    Ptr<TcpRstSocket> listener;
    Ptr<TcpRstSocket> client;
    Ptr<TcpRstSocket> accepted;
    bool connected{false};
};
} // namespace

using Listen = TcpRstTest;
using Established = TcpRstTest;

TEST_F(Listen, BareRstIsIgnored)
{
    TcpRstHelper rst;
    ListenerScene scene(rst);
    TcpSegmentSpec bare = scene.Segment(TcpHeader::RST, 12345);
    bare.window = 0;
    TcpSegmentInjector::Schedule(
        Seconds(1), scene.topology.client, scene.topology.serverAddress, bare);
    scene.ConnectAt(Seconds(8)); // stock ns-3 crashed 6 s after such a reset
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    EXPECT_EQ(WithDisposition(scene.resets, RstDisposition::IGNORED_LISTEN).size(), 1u);
    EXPECT_EQ(scene.topology.ServerTcp()->GetCounters().Get(TcpStat::OutRsts), 0u);
    EXPECT_EQ(scene.listener->GetState(), TcpSocket::LISTEN);
    EXPECT_TRUE(scene.connected) << "the listener still accepts connections";
}

TEST_F(Listen, BareRstUnderStockPolicyDoesNotCrash)
{
    // Every policy stock: the reset reaches TcpSocketBase, which arms the persist timer on the
    // listener (m_rWnd is 0); when it fires 6 s later stock ns-3 reads an empty buffer.
    TcpRstHelper rst;
    rst.UseStockBehaviour();
    ListenerScene scene(rst);
    TcpSegmentSpec bare = scene.Segment(TcpHeader::RST, 12345);
    bare.window = 0;
    TcpSegmentInjector::Schedule(
        Seconds(1), scene.topology.client, scene.topology.serverAddress, bare);
    scene.ConnectAt(Seconds(8));
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    EXPECT_EQ(WithDisposition(scene.resets, RstDisposition::PASSED_TO_STOCK).size(), 1u);
    EXPECT_TRUE(scene.connected);
}

TEST_F(Listen, AckIsAnsweredWithResetSeqSegAck)
{
    TcpRstHelper rst;
    ListenerScene scene(rst);
    TcpSegmentInjector::Schedule(Seconds(1),
                                 scene.topology.client,
                                 scene.topology.serverAddress,
                                 scene.Segment(TcpHeader::ACK, 100, 5555));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    std::vector<LadderSegment> segments = scene.ladder->GetSegments();
    ASSERT_EQ(segments.size(), 2u);
    EXPECT_EQ(segments[1].Summary(), "S>C R abs:5555 -");
    ASSERT_TRUE(segments[1].reason.has_value());
    EXPECT_EQ(*segments[1].reason, RstReason::TCP_FLAGS);
}

TEST_F(Listen, MalformedSegmentsDoNotHarmIt)
{
    TcpRstHelper rst;
    ListenerScene scene(rst);
    std::vector<TcpSegmentSpec> odd;
    odd.push_back(scene.Segment(TcpHeader::SYN | TcpHeader::RST | TcpHeader::FIN, 1));
    odd.push_back(scene.Segment(TcpHeader::SYN | TcpHeader::FIN, 2));
    odd.push_back(scene.Segment(TcpHeader::FIN, 3));
    odd.push_back(scene.Segment(TcpHeader::URG | TcpHeader::PSH, 4));
    odd.push_back(scene.Segment(0, 5));
    odd.back().payloadSize = 1000;
    odd.push_back(scene.Segment(TcpHeader::SYN, 6));
    odd.back().window = 0; // a zero window on a SYN must not start a persist timer
    odd.back().sourcePort = 40200;
    odd.push_back(scene.Segment(TcpHeader::SYN, 7));
    odd.back().windowScale = 14;
    odd.back().sourcePort = 40201;
    Time at = Seconds(1);
    for (const TcpSegmentSpec& spec : odd)
    {
        TcpSegmentInjector::Schedule(at, scene.topology.client, scene.topology.serverAddress, spec);
        at += MilliSeconds(10);
    }
    scene.ConnectAt(Seconds(9));
    Simulator::Stop(Seconds(12));
    Simulator::Run();
    EXPECT_TRUE(scene.connected);
    EXPECT_EQ(scene.listener->GetState(), TcpSocket::LISTEN);
}

TEST_F(Listen, SynWithoutOptionsDoesNotDisableThemForLaterConnections)
{
    TcpRstHelper rst;
    ListenerScene scene(rst);
    TcpSegmentSpec bare = scene.Segment(TcpHeader::SYN, 1);
    bare.sourcePort = 40300; // no timestamp, no window scale, no SACK-permitted
    TcpSegmentInjector::Schedule(
        Seconds(1), scene.topology.client, scene.topology.serverAddress, bare);
    scene.ConnectAt(Seconds(2));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_TRUE(scene.connected);
    std::vector<std::string> synAcks;
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        if (s.flags == "SA")
        {
            synAcks.push_back(std::to_string(s.clientPort) + " " + s.options);
        }
    }
    // The crafted SYN's SYN-ACK carries only the MSS option (always sent); the real client's
    // gets them all back.
    ASSERT_EQ(synAcks.size(), 2u);
    EXPECT_EQ(synAcks[0], "40300 mss=1460");
    EXPECT_NE(synAcks[1].find("ts="), std::string::npos) << synAcks[1];
    EXPECT_NE(synAcks[1].find("ws="), std::string::npos) << synAcks[1];
    EXPECT_NE(synAcks[1].find("sackOK"), std::string::npos) << synAcks[1];
}

namespace
{
/// Connect at 1 s, then inject a reset towards the server's accepted socket at 1.5 s.
void
RunWithInjectedRst(ListenerScene& scene, int32_t offsetFromRcvNxt)
{
    ListenerScene* s = &scene;
    scene.ConnectAt(Seconds(1));
    TcpSegmentInjector::Schedule(Seconds(1.5),
                                 scene.topology.client,
                                 scene.topology.serverAddress,
                                 [s, offsetFromRcvNxt]()
                                 {
                                     TcpSegmentSpec spec = s->Segment(TcpHeader::RST, 0);
                                     spec.seq = s->accepted->GetRcvNxt() +
                                                SequenceNumber32(offsetFromRcvNxt);
                                     return spec;
                                 });
    Simulator::Stop(Seconds(2));
    Simulator::Run();
}
} // namespace

TEST_F(Established, RstWithExactSeqResets)
{
    TcpRstHelper rst;
    ListenerScene scene(rst);
    RunWithInjectedRst(scene, 0);
    const std::vector<TcpResetEvent>& resets = scene.resets;
    ASSERT_EQ(WithDisposition(resets, RstDisposition::CONNECTION_RESET).size(), 1u);
    EXPECT_EQ(WithDisposition(resets, RstDisposition::CONNECTION_RESET)[0].reason,
              RstReason::INJECTED);
    EXPECT_EQ(scene.accepted->GetSocketError(), TcpRstSocket::CONNECTION_RESET);
    EXPECT_EQ(scene.topology.ServerTcp()->GetCounters().Get(TcpStat::EstabResets), 1u);
}

TEST_F(Established, InWindowInexactRstGetsChallengeAck)
{
    TcpRstHelper rst;
    ListenerScene scene(rst);
    RunWithInjectedRst(scene, 100);
    const std::vector<TcpResetEvent>& resets = scene.resets;
    EXPECT_EQ(WithDisposition(resets, RstDisposition::CHALLENGE_ACK).size(), 1u);
    EXPECT_EQ(scene.accepted->GetState(), TcpSocket::ESTABLISHED);
    EXPECT_EQ(scene.topology.ServerTcp()->GetCounters().Get(TcpStat::ChallengeAck), 1u);
    // The challenge ACK: S>C A with ack = RCV.NXT, right after the injected reset.
    std::vector<LadderSegment> segments = scene.ladder->GetSegments();
    ASSERT_GE(segments.size(), 2u);
    EXPECT_EQ(segments.back().Summary(), "S>C A 1 1");
}

TEST_F(Established, OutOfWindowRstIsDropped)
{
    TcpRstHelper rst;
    ListenerScene scene(rst);
    RunWithInjectedRst(scene, -5000);
    const std::vector<TcpResetEvent>& resets = scene.resets;
    EXPECT_EQ(WithDisposition(resets, RstDisposition::OUT_OF_WINDOW).size(), 1u);
    EXPECT_EQ(scene.accepted->GetState(), TcpSocket::ESTABLISHED);
}

TEST_F(Established, Rfc793AcceptsAnyInWindowRst)
{
    TcpRstHelper rst;
    TcpRstHelper::SetSocketDefault("RstValidation", EnumValue(RstValidation::RFC793));
    ListenerScene scene(rst);
    RunWithInjectedRst(scene, 100);
    const std::vector<TcpResetEvent>& resets = scene.resets;
    EXPECT_EQ(WithDisposition(resets, RstDisposition::CONNECTION_RESET).size(), 1u);
    EXPECT_EQ(scene.accepted->GetSocketError(), TcpRstSocket::CONNECTION_RESET);
}

} // namespace test
} // namespace ns3

namespace ns3
{
namespace test
{

TEST_F(Established, CloseWithUnreadDataSendsActiveReset)
{
    // Linux ladder 03b: S>C RA 1 101 win 64 ts=..., no FIN; the client reads ECONNRESET.
    TcpRstHelper rst;
    ListenerScene scene(rst);
    scene.ConnectAt(Seconds(1));
    ListenerScene* s = &scene;
    Simulator::Schedule(Seconds(1.1), [s]() { s->client->Send(Create<Packet>(100), 0); });
    Simulator::Schedule(Seconds(1.6), [s]() { s->accepted->Close(); });
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    std::vector<LadderSegment> segments = scene.ladder->GetSegments();
    ASSERT_FALSE(segments.empty());
    EXPECT_EQ(WithWindows(segments), LinuxLadderWithWindows("03b-close-with-unread-data"));
    const LadderSegment& reset = segments.back();
    EXPECT_GT(reset.window, 0) << "an active reset advertises the receive window";
    EXPECT_TRUE(reset.header.HasOption(TcpOption::TS)) << "and carries the timestamp option";
    ASSERT_TRUE(reset.reason.has_value());
    EXPECT_EQ(*reset.reason, RstReason::TCP_ABORT_ON_CLOSE);
    for (const LadderSegment& seg : segments)
    {
        EXPECT_FALSE(seg.header.GetFlags() & TcpHeader::FIN) << "no FIN: " << seg.Summary();
    }
    EXPECT_EQ(scene.topology.ServerTcp()->GetCounters().Get(TcpStat::AbortOnClose), 1u);
    EXPECT_EQ(scene.client->GetSocketError(), TcpRstSocket::CONNECTION_RESET);
}

TEST_F(Established, OddSegmentsDoNotHarmTheConnection)
{
    TcpRstHelper rst;
    ListenerScene scene(rst);
    scene.ConnectAt(Seconds(1));
    ListenerScene* s = &scene;
    Time at = Seconds(1.5);
    for (uint8_t flags : {uint8_t(TcpHeader::SYN | TcpHeader::RST | TcpHeader::FIN),
                          uint8_t(TcpHeader::SYN | TcpHeader::FIN),
                          uint8_t(TcpHeader::URG | TcpHeader::PSH),
                          uint8_t(TcpHeader::SYN | TcpHeader::ACK),
                          uint8_t(TcpHeader::ECE | TcpHeader::CWR | TcpHeader::ACK),
                          uint8_t(0xff)})
    {
        TcpSegmentInjector::Schedule(at,
                                     scene.topology.client,
                                     scene.topology.serverAddress,
                                     [s, flags]()
                                     {
                                         TcpSegmentSpec spec = s->Segment(flags, 0);
                                         // far outside the window: must not be accepted
                                         spec.seq = s->accepted->GetRcvNxt() + 100000000;
                                         spec.ack = SequenceNumber32(123456789);
                                         spec.window = 0;
                                         spec.payloadSize = 10;
                                         return spec;
                                     });
        at += MilliSeconds(10);
    }
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(scene.accepted->GetState(), TcpSocket::ESTABLISHED);
    EXPECT_EQ(scene.client->GetState(), TcpSocket::ESTABLISHED);
    EXPECT_EQ(scene.accepted->GetSocketError(), TcpRstSocket::NO_ERROR);
}

} // namespace test
} // namespace ns3
