/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpSegmentInjector and TcpSegmentFilter.
#include "case-test-util.h"
#include "connection-harness.h"

#include "ns3/inet-socket-address.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-check.h"
#include "ns3/tcp-segment-filter.h"
#include "ns3/tcp-segment-injector.h"

#include <sstream>
#include <stdexcept>
#include <vector>

namespace ns3
{
namespace test
{

using Injector = TcpRstTest;
using Filter = TcpRstTest;

TEST_F(Injector, CraftedSegmentAppearsOnTheWireAsSpecified)
{
    TcpRstHelper rst;
    Scene scene(rst);
    TcpSegmentSpec spec;
    spec.sourcePort = 1234;
    spec.destinationPort = 80;
    spec.flags = TcpHeader::SYN | TcpHeader::ECE | TcpHeader::CWR;
    spec.seq = SequenceNumber32(4000000000u);
    spec.window = 1024;
    spec.mss = 1460;
    spec.sackPermitted = true;
    spec.windowScale = 7;
    spec.tsValue = 555;
    spec.tsEcho = 7;
    spec.payloadSize = 3;
    TcpSegmentInjector::Schedule(
        Seconds(1), scene.topology.client, scene.topology.serverAddress, spec);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    std::vector<LadderSegment> segments = scene.ladder->GetSegments();
    ASSERT_EQ(segments.size(), 2u); // the crafted SYN and the no-socket reply
    const LadderSegment& s = segments[0];
    EXPECT_TRUE(s.fromClient);
    EXPECT_TRUE(s.injected);
    EXPECT_EQ(s.header.GetFlags(), spec.flags);
    EXPECT_EQ(s.header.GetSequenceNumber(), spec.seq);
    EXPECT_EQ(s.header.GetWindowSize(), 1024);
    EXPECT_EQ(s.length, 3u);
    EXPECT_EQ(s.options, "mss=1460,sackOK,ws=7 ts=555/7");
    // The server has no socket on port 80: R. seq=0 ack=SEG.SEQ+1+3.
    EXPECT_EQ(segments[1].header.GetAckNumber(), SequenceNumber32(4000000004u));
}

TEST_F(Injector, BadSpecsAreRefusedWithTheFieldAndRange)
{
    TcpSegmentSpec spec;
    spec.sourcePort = 1;
    spec.destinationPort = 2;
    spec.windowScale = 15;
    try
    {
        spec.Validate();
        FAIL() << "windowScale 15 accepted";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("windowScale 15 is out of range [0, 14]"),
                  std::string::npos)
            << e.what();
    }
    spec.windowScale.reset();
    spec.payloadSize = 70000;
    EXPECT_THROW(spec.Validate(), std::invalid_argument);
    spec.payloadSize = 0;
    spec.sourcePort = 0;
    EXPECT_THROW(spec.Validate(), std::invalid_argument);
}

TEST_F(Injector, NodeWithoutRouteIsRefused)
{
    TcpRstHelper rst;
    Ptr<Node> lonely = CreateObject<Node>();
    rst.Install(lonely);
    TcpSegmentSpec spec;
    spec.sourcePort = 1;
    spec.destinationPort = 2;
    EXPECT_THROW(TcpSegmentInjector::Send(lonely, Ipv4Address("10.9.9.9"), spec),
                 std::invalid_argument);
    EXPECT_THROW(TcpSegmentInjector::Send(nullptr, Ipv4Address("10.9.9.9"), spec),
                 std::invalid_argument);
}

namespace
{
/// A raw 20-byte TCP header: ports, seq 1000, data offset in words, flags.
std::vector<uint8_t>
RawHeader(uint16_t dstPort, uint8_t dataOffsetWords, uint8_t flags)
{
    std::vector<uint8_t> h(20, 0);
    h[0] = 0x9c; // source port 40000
    h[1] = 0x40;
    h[2] = dstPort >> 8;
    h[3] = dstPort & 0xff;
    h[7] = 0xe8; // seq 1000
    h[6] = 0x03;
    h[12] = static_cast<uint8_t>(dataOffsetWords << 4);
    h[13] = flags;
    h[14] = 0xff; // window
    return h;
}
} // namespace

TEST_F(Injector, MalformedHeadersAreDroppedAndCountedNeverAnswered)
{
    TcpRstHelper rst;
    Scene scene(rst);
    Ptr<TcpRstSocket> listener = TcpRstHelper::CreateSocket(scene.topology.server);
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000));
    listener->Listen();
    Ptr<Node> client = scene.topology.client;
    Ipv4Address server = scene.topology.serverAddress;
    std::vector<std::vector<uint8_t>> bad = {
        std::vector<uint8_t>(10, 0x42),      // shorter than a header
        RawHeader(5000, 3, TcpHeader::SYN),  // data offset below 5 words
        RawHeader(5000, 15, TcpHeader::SYN), // data offset past the end
        RawHeader(6000, 3, TcpHeader::ACK),  // to a port nobody bound: still not answered
    };
    Time at = Seconds(1);
    for (const auto& bytes : bad)
    {
        Simulator::Schedule(
            at, [client, server, bytes]() { TcpSegmentInjector::SendRaw(client, server, bytes); });
        at += MilliSeconds(10);
    }
    // A well-formed raw SYN to an unbound port is answered as usual.
    std::vector<uint8_t> good = RawHeader(6000, 5, TcpHeader::SYN);
    Simulator::Schedule(
        at, [client, server, good]() { TcpSegmentInjector::SendRaw(client, server, good); });
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    const TcpRstCounters& counters = scene.topology.ServerTcp()->GetCounters();
    EXPECT_EQ(counters.Get(TcpStat::InErrs), 4u);
    EXPECT_EQ(counters.Get(TcpStat::OutRsts), 1u) << "only the well-formed SYN is answered";
    EXPECT_EQ(listener->GetState(), TcpSocket::LISTEN);
    std::vector<std::string> lines = Ladder(scene.ladder->GetSegments());
    EXPECT_EQ(lines, (std::vector<std::string>{"C>S S 0 -", "S>C RA abs:0 1"}));
}

TEST_F(Injector, MalformedHeadersOverIpv6AreDroppedAndCountedToo)
{
    TcpRstHelper rst;
    CaseTopology t = CaseTopology::Build(rst, "1Gbps", MicroSeconds(20), true);
    Ptr<Node> client = t.client;
    Ipv6Address server = t.serverAddress6;
    Simulator::Schedule(
        Seconds(1),
        [client, server]()
        {
            TcpSegmentInjector::SendRaw(client, server, std::vector<uint8_t>(10, 0x42));
            TcpSegmentInjector::SendRaw(client, server, RawHeader(6000, 5, TcpHeader::SYN));
        });
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(t.ServerTcp()->GetCounters().Get(TcpStat::InErrs), 1u);
    EXPECT_EQ(t.ServerTcp()->GetCounters().Get(TcpStat::OutRsts), 1u);
}

TEST_F(Filter, DropsTheChosenMatchingSegmentsOnly)
{
    TcpRstHelper rst;
    Scene scene(rst);
    Ptr<TcpSegmentFilter> filter = TcpSegmentFilter::Install(scene.topology.routerFromClient);
    filter->Drop(TcpSegmentFilter::FlagsAre(TcpHeader::SYN), 1, 2); // the 2nd and 3rd SYN
    TcpSegmentSpec spec;
    spec.sourcePort = 1000;
    spec.destinationPort = 80;
    spec.flags = TcpHeader::SYN;
    for (int i = 0; i < 4; ++i)
    {
        spec.sourcePort = 1000 + i;
        TcpSegmentInjector::Schedule(
            Seconds(1 + i), scene.topology.client, scene.topology.serverAddress, spec);
    }
    scene.ladder->SetLossOracle([filter](uint64_t uid, uint32_t copy)
                                { return filter->WasDropped(uid, copy); });
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    EXPECT_EQ(filter->GetDropCount(), 2u);
    std::vector<std::string> lines = Ladder(scene.ladder->GetSegments());
    EXPECT_EQ(lines,
              (std::vector<std::string>{"C>S S 0 -",
                                        "S>C RA abs:0 1",
                                        "C>S S 0 - LOST",
                                        "C>S S 0 - LOST",
                                        "C>S S 0 -",
                                        "S>C RA abs:0 1"}));
}

// TCP retransmits a segment as a copy of the same packet (same uid): only the copy that was
// dropped is LOST, the retransmission that arrives is not.
TEST_F(Filter, OnlyTheDroppedCopyOfARetransmittedSegmentIsLost)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::ESTABLISHED, ConnectionHarness::Side::CLIENT);
    h.DropFromClient(TcpSegmentFilter::HasPayload(), 0, 1);
    h.Client()->Send(Create<Packet>(10), 0);
    h.RunFor(Seconds(4)); // the first RTO is 200 ms (RtoMin) after the handshake's RTT
    std::vector<std::string> lines = h.NewSegments();
    ASSERT_GE(lines.size(), 3u) << ::testing::PrintToString(lines);
    EXPECT_EQ(lines[0], "C>S PA 101 201 len=10 LOST");
    EXPECT_EQ(lines[1], "C>S PA 101 201 len=10") << "the retransmission arrived";
    EXPECT_EQ(lines[2], "S>C A 201 111");
}

TEST_F(Filter, DelayedSegmentArrivesLater)
{
    TcpRstHelper rst;
    Scene scene(rst);
    Ptr<TcpSegmentFilter> filter = TcpSegmentFilter::Install(scene.topology.routerFromClient);
    filter->Delay(TcpSegmentFilter::FromPort(1000), MilliSeconds(50));
    TcpSegmentSpec spec;
    spec.sourcePort = 1000;
    spec.destinationPort = 80;
    spec.flags = TcpHeader::SYN;
    TcpSegmentInjector::Schedule(
        Seconds(1), scene.topology.client, scene.topology.serverAddress, spec);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(filter->GetDelayCount(), 1u);
    std::vector<LadderSegment> segments = scene.ladder->GetSegments();
    ASSERT_EQ(segments.size(), 2u);
    // SYN sent at 1 s; the reply leaves the server one hop + 50 ms + one hop later.
    Time rtt = segments[1].time - segments[0].time;
    EXPECT_GT(rtt, MilliSeconds(50));
    EXPECT_LT(rtt, MilliSeconds(51));
    EXPECT_THROW(filter->Delay(TcpSegmentFilter::HasPayload(), Time(0)), std::invalid_argument);
}

TEST_F(Filter, OnlyPointToPointDevicesAreSupported)
{
    EXPECT_THROW(TcpSegmentFilter::Install(CreateObject<SimpleNetDevice>()), std::invalid_argument);
}

} // namespace test
} // namespace ns3

namespace ns3
{
namespace test
{

using LadderText = TcpRstTest;

// A note before the first segment has a negative time (ns-3's int64x64 conversion of a negative
// time to double shifted a negative value: UBSan).
TEST_F(LadderText, NotesBeforeTheFirstSegmentHaveNegativeTimes)
{
    TcpRstHelper rst;
    Scene scene(rst);
    TcpLadderRecorder* ladder = scene.ladder.get();
    Simulator::Schedule(Seconds(1), [ladder]() { ladder->Note("[script] before"); });
    TcpSegmentSpec syn;
    syn.sourcePort = 40000;
    syn.destinationPort = 6000;
    syn.flags = TcpHeader::SYN;
    TcpSegmentInjector::Schedule(
        MilliSeconds(1500), scene.topology.client, scene.topology.serverAddress, syn);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    std::ostringstream text;
    ladder->Write(text);
    EXPECT_NE(text.str().find("  -500.000  # [script] before\n"), std::string::npos) << text.str();
}

} // namespace test
} // namespace ns3

namespace ns3
{
namespace test
{

TEST(SegmentNumbers, PeekReadsPortsNumbersFlagsAndPayloadWithoutAHeaderParse)
{
    TcpHeader h;
    h.SetSourcePort(40071);
    h.SetDestinationPort(5000);
    h.SetSequenceNumber(SequenceNumber32(0xfffffff0));
    h.SetAckNumber(SequenceNumber32(12345));
    h.SetFlags(TcpHeader::FIN | TcpHeader::ACK);
    Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
    h.AppendOption(ts);
    Ptr<Packet> p = Create<Packet>(100);
    p->AddHeader(h);
    TcpSegmentNumbers n = PeekTcpNumbers(p);
    EXPECT_EQ(n.sourcePort, 40071);
    EXPECT_EQ(n.destinationPort, 5000);
    EXPECT_EQ(n.seq, SequenceNumber32(0xfffffff0));
    EXPECT_EQ(n.ack, SequenceNumber32(12345));
    EXPECT_EQ(n.flags, TcpHeader::FIN | TcpHeader::ACK);
    EXPECT_EQ(n.payloadSize, 100u);

    h.SetWindowSize(0xabcd);
    h.SetUrgentPointer(7);
    Ptr<Packet> q = Create<Packet>(10);
    q->AddHeader(h);
    TcpHeader bare = PeekTcpHeaderWithoutOptions(q);
    EXPECT_EQ(bare.GetSourcePort(), 40071);
    EXPECT_EQ(bare.GetDestinationPort(), 5000);
    EXPECT_EQ(bare.GetSequenceNumber(), SequenceNumber32(0xfffffff0));
    EXPECT_EQ(bare.GetAckNumber(), SequenceNumber32(12345));
    EXPECT_EQ(bare.GetFlags(), TcpHeader::FIN | TcpHeader::ACK);
    EXPECT_EQ(bare.GetWindowSize(), 0xabcd);
    EXPECT_EQ(bare.GetUrgentPointer(), 7);
    EXPECT_FALSE(bare.HasOption(TcpOption::TS)) << "options are not read";
}

} // namespace test
} // namespace ns3
