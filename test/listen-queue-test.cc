/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Seed case 8: the listener's SYN queue, SYN cookies and accept queue (policy ListenQueues),
// the TcpAcceptServer, and the accept-overflow scenario against captures 08a and 08b.
#include "case-test-util.h"
#include "linux-ladder.h"

#include "ns3/boolean.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/integer.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/packet.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-accept-server-helper.h"
#include "ns3/tcp-accept-server.h"
#include "ns3/tcp-listen-queue.h"
#include "ns3/tcp-rst-attribute-check.h"
#include "ns3/tcp-segment-filter.h"
#include "ns3/tcp-segment-injector.h"
#include "ns3/tcp-syn-cookie.h"
#include "ns3/uinteger.h"

#include <map>
#include <regex>

namespace ns3
{
namespace test
{

namespace
{
constexpr uint16_t kPort = 5000;
constexpr uint16_t kFirstClientPort = 40200;

/// A listener that does not accept by itself, and clients that connect when told.
struct QueueScene : Scene
{
    QueueScene(TcpRstHelper& rst, int32_t backlog, bool autoAccept = false)
        : Scene(rst)
    {
        TcpRstHelper::AssignStreams(topology.nodes, 0); // the jiffy phases, whatever ran before
        fromClient = TcpSegmentFilter::Install(topology.routerFromClient);
        listener = TcpRstHelper::CreateSocket(topology.server);
        listener->SetAttribute("AutoAccept", BooleanValue(autoAccept));
        listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
        listener->Listen(backlog);
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    Callback<void, Ptr<Socket>, const Address&>(
                                        [this](Ptr<Socket> s, const Address& from)
                                        {
                                            accepted.push_back(
                                                InetSocketAddress::ConvertFrom(from).GetPort());
                                            acceptedAt.push_back(Simulator::Now());
                                            sockets.push_back(DynamicCast<TcpRstSocket>(s));
                                        }));
    }

    /// \param index client number \return its port
    static uint16_t
    Port(uint32_t index)
    {
        return kFirstClientPort + index;
    }

    /// Client \p index connects at \p at and sends \p bytes once connected.
    void
    ConnectAt(uint32_t index, Time at, uint32_t bytes = 0)
    {
        Ptr<TcpRstSocket> c = TcpRstHelper::CreateSocket(topology.client);
        clients[index] = c;
        c->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                  [this, index, bytes](Ptr<Socket> s)
                                  {
                                      connectedAt[index] = Simulator::Now();
                                      if (bytes > 0)
                                      {
                                          s->Send(Create<Packet>(bytes), 0);
                                      }
                                  }),
                              MakeNullCallback<void, Ptr<Socket>>());
        Address to = InetSocketAddress(topology.serverAddress, kPort);
        uint16_t port = Port(index);
        Simulator::Schedule(at,
                            [c, to, port]()
                            {
                                c->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
                                c->Connect(to);
                            });
    }

    /// \param port a client port \param fromClient direction \return its segments
    std::vector<LadderSegment>
    Of(uint16_t port, bool fromClient) const
    {
        std::vector<LadderSegment> out;
        for (const LadderSegment& s : ladder->GetSegments())
        {
            if (s.clientPort == port && s.fromClient == fromClient)
            {
                out.push_back(s);
            }
        }
        return out;
    }

    /// \param stat a server counter \return its value
    uint64_t
    Server(TcpStat stat) const
    {
        return topology.ServerTcp()->GetCounters().Get(stat);
    }

    Ptr<TcpSegmentFilter> fromClient;
    Ptr<TcpRstSocket> listener;
    std::map<uint32_t, Ptr<TcpRstSocket>> clients;
    std::map<uint32_t, Time> connectedAt;
    std::vector<uint16_t> accepted;
    std::vector<Time> acceptedAt;
    std::vector<Ptr<TcpRstSocket>> sockets;
};

/// Drops client \p port's next pure ACK from the router, once.
void
DropNextPureAck(const QueueScene& scene, Ptr<TcpSegmentFilter> filter, uint16_t port)
{
    auto done = std::make_shared<bool>(false);
    filter->Drop(
        [done, port](const FilteredSegment& s)
        {
            bool pureAck = (s.header.GetFlags() & ~TCP_STATELESS_FLAGS) == TcpHeader::ACK &&
                           s.payloadSize == 0;
            if (*done || !pureAck || s.header.GetSourcePort() != port)
            {
                return false;
            }
            *done = true;
            return true;
        });
}

/// \return the value of one "name=value" of the accept-overflow report's phase \p phase
uint64_t
ReportCounter(const CaseResult& result, char phase, const std::string& name)
{
    std::size_t at = result.report.find(std::string("== phase ") + phase);
    std::size_t line = result.report.find("server counters:", at);
    std::size_t end = result.report.find('\n', line);
    std::smatch m;
    std::string text = result.report.substr(line, end - line);
    if (!std::regex_search(text, m, std::regex(name + "=([0-9]+)")))
    {
        ADD_FAILURE() << name << " not in " << text;
        return 0;
    }
    return std::stoull(m[1]);
}

/// \return the model's lines of one connection, consecutive repeats collapsed
std::vector<std::string>
Collapsed(std::vector<std::string> lines)
{
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    return lines;
}

/// Without the LOST mark (a collapsed run may start at a lost copy).
std::vector<std::string>
WithoutLost(std::vector<std::string> lines)
{
    for (std::string& l : lines)
    {
        if (l.size() > 5 && l.compare(l.size() - 5, 5, " LOST") == 0)
        {
            l.erase(l.size() - 5);
        }
    }
    return lines;
}
} // namespace

// ---------------------------------------------------------------------------------------------
// The decisions (pure)
// ---------------------------------------------------------------------------------------------

TEST(TcpListenQueueTest, BacklogIsCappedBySomaxConn)
{
    TcpListenQueue q;
    q.SetBacklog(4096, 128);
    EXPECT_EQ(q.GetMaxAckBacklog(), 128u);
    q.SetBacklog(3, 128);
    EXPECT_EQ(q.GetMaxAckBacklog(), 3u);
}

TEST(TcpListenQueueTest, AcceptQueueIsFullAboveTheBacklogSynQueueAtIt)
{
    TcpListenQueue q;
    q.SetBacklog(1, 4096);
    EXPECT_FALSE(q.AcceptQueueFull());
    q.Enqueue();
    EXPECT_FALSE(q.AcceptQueueFull()) << "Linux queues backlog + 1";
    q.Enqueue();
    EXPECT_TRUE(q.AcceptQueueFull());
    q.Dequeue();
    EXPECT_FALSE(q.AcceptQueueFull());
    EXPECT_FALSE(q.SynQueueFull());
    q.AddRequest();
    EXPECT_TRUE(q.SynQueueFull());
}

TEST(TcpListenQueueTest, SynVerdictsFollowTcpConnRequestInItsOrder)
{
    TcpListenQueue q;
    q.SetBacklog(1, 4096);
    EXPECT_EQ(q.OnSyn(1, 2048, false), TcpSynVerdict::REQUEST);
    EXPECT_EQ(q.OnSyn(2, 2048, false), TcpSynVerdict::COOKIE) << "tcp_syncookies 2: always";
    q.AddRequest(); // the SYN queue is full
    EXPECT_EQ(q.OnSyn(1, 2048, false), TcpSynVerdict::COOKIE);
    EXPECT_EQ(q.OnSyn(0, 2048, false), TcpSynVerdict::SYN_QUEUE_FULL);
    EXPECT_EQ(q.OnSyn(0, 2048, true), TcpSynVerdict::REQUEST) << "a TIME_WAIT reuse needs no room";
    q.Enqueue();
    q.Enqueue(); // the accept queue is full too
    EXPECT_EQ(q.OnSyn(1, 2048, false), TcpSynVerdict::ACCEPT_QUEUE_FULL);
    EXPECT_EQ(q.OnSyn(0, 2048, true), TcpSynVerdict::ACCEPT_QUEUE_FULL);
    EXPECT_EQ(q.OnSyn(0, 2048, false), TcpSynVerdict::SYN_QUEUE_FULL)
        << "without cookies the SYN queue check comes first";
}

TEST(TcpListenQueueTest, WithoutCookiesTheLastQuarterOfMaxSynBacklogIsKeptForProvenPeers)
{
    TcpListenQueue q;
    q.SetBacklog(100, 4096);
    for (int i = 0; i < 6; ++i)
    {
        q.AddRequest();
    }
    EXPECT_EQ(q.OnSyn(0, 8, false), TcpSynVerdict::REQUEST) << "8 - 6 = 2 left, not below 8/4";
    q.AddRequest();
    EXPECT_EQ(q.OnSyn(0, 8, false), TcpSynVerdict::UNPROVEN_PEER) << "1 left, below 2";
    EXPECT_EQ(q.OnSyn(1, 8, false), TcpSynVerdict::REQUEST) << "with cookies the rule is off";
}

TEST(TcpListenQueueTest, OldRequestsLoseSynAckRetriesWhileTheQueueIsCrowded)
{
    TcpListenQueue q;
    q.SetBacklog(16, 4096);
    for (int i = 0; i < 8; ++i)
    {
        q.AddRequest();
    }
    EXPECT_EQ(q.SynAckRetries(5), 5u) << "qlen 8: 16 is not above max(8, 16)";
    q.AddRequest();
    q.AddRequest(); // qlen 10, all young
    EXPECT_EQ(q.SynAckRetries(5), 5u) << "young ones keep room: no pruning";
    for (int i = 0; i < 8; ++i)
    {
        q.AgeRequest(); // 2 young left
    }
    EXPECT_EQ(q.GetYoungRequests(), 2u);
    // young*2 = 4 <= 10 -> 4; 8 <= 10 -> 3; 16 > 10 stop
    EXPECT_EQ(q.SynAckRetries(5), 3u);
    EXPECT_EQ(q.SynAckRetries(2), 2u) << "never below 2";
    q.RemoveRequest(true);
    EXPECT_EQ(q.GetRequests(), 9u);
    EXPECT_EQ(q.GetYoungRequests(), 1u);
}

TEST(TcpListenQueueTest, CookieAcksAreCheckedForTwoMinutesAfterTheLastCookie)
{
    TcpListenQueue q;
    EXPECT_TRUE(q.NoRecentOverflow(Seconds(1))) << "never overflowed";
    q.NoteOverflow(Seconds(10));
    q.NoteOverflow(Seconds(10.5)); // the stamp moves at most once a second
    EXPECT_FALSE(q.NoRecentOverflow(Seconds(130)));
    EXPECT_TRUE(q.NoRecentOverflow(Seconds(130.001)));
    q.NoteOverflow(Seconds(11.5));
    EXPECT_FALSE(q.NoRecentOverflow(Seconds(131)));
}

TEST(TcpSynCookieTest, MssIndexIsTheLargestTableEntryNotAboveThePeers)
{
    EXPECT_EQ(TcpSynCookie::MssIndex(100, false), 0u);
    EXPECT_EQ(TcpSynCookie::MssIndex(536, false), 0u);
    EXPECT_EQ(TcpSynCookie::MssIndex(1299, false), 0u);
    EXPECT_EQ(TcpSynCookie::MssIndex(1300, false), 1u);
    EXPECT_EQ(TcpSynCookie::MssIndex(1459, false), 2u);
    EXPECT_EQ(TcpSynCookie::MssIndex(1460, false), 3u);
    EXPECT_EQ(TcpSynCookie::MssIndex(9000, false), 3u);
    EXPECT_EQ(TcpSynCookie::MssOf(2, false), 1440);
    EXPECT_EQ(TcpSynCookie::MssIndex(1420, true), 1u);
    EXPECT_EQ(TcpSynCookie::MssOf(3, true), 8940);
}

TEST(TcpSynCookieTest, ACookieIsValidForTwoMinuteCountsAndCarriesItsMssIndex)
{
    auto counted = [](uint32_t count) { return 0x9e3779b9U * (count + 7); };
    TcpSynCookie::Hashes h{0x12345678, counted(1000)};
    uint32_t peerIsn = 0xfffffff0; // wraps
    uint32_t cookie = TcpSynCookie::Make(h, peerIsn, 1000, 2);
    EXPECT_EQ(TcpSynCookie::Check(cookie, h.tuple, counted, peerIsn, 1000), 2u);
    EXPECT_EQ(TcpSynCookie::Check(cookie, h.tuple, counted, peerIsn, 1001), 2u);
    EXPECT_FALSE(TcpSynCookie::Check(cookie, h.tuple, counted, peerIsn, 1002)) << "too old";
    EXPECT_FALSE(TcpSynCookie::Check(cookie, h.tuple, counted, peerIsn + 0x1000, 1000))
        << "another peer ISN";
    EXPECT_FALSE(TcpSynCookie::Check(cookie, h.tuple + 0x777, counted, peerIsn, 1000))
        << "another 4-tuple";
    // As in Linux, only the index is left to check: a peer ISN off by one still passes, with
    // another index.
    EXPECT_EQ(TcpSynCookie::Check(cookie, h.tuple, counted, peerIsn + 1, 1000), 1u);
    EXPECT_FALSE(TcpSynCookie::Check(cookie + 5, h.tuple, counted, peerIsn, 1000))
        << "index 7 is not in the table";
}

TEST(TcpSynCookieTest, TheTsvalCarriesTheSynsOptionsAndIsNeverAhead)
{
    TcpSynCookie::Options asked;
    asked.windowScale = true;
    asked.peerWindowShift = 10;
    asked.sack = true;
    uint32_t ts = TcpSynCookie::EncodeTimestamp(1000, asked);
    EXPECT_EQ(ts & 63u, 10u | TcpSynCookie::TS_SACK);
    EXPECT_LE(ts, 1000u);
    EXPECT_GT(ts, 1000u - 64);
    TcpSynCookie::Options back = TcpSynCookie::DecodeTimestamp(ts);
    EXPECT_TRUE(back.windowScale);
    EXPECT_EQ(back.peerWindowShift, 10);
    EXPECT_TRUE(back.sack);
    EXPECT_FALSE(back.ecn);
    TcpSynCookie::Options none;
    uint32_t plain = TcpSynCookie::EncodeTimestamp(1000, none);
    EXPECT_EQ(plain & 63u, TcpSynCookie::TS_WSCALE_MASK);
    EXPECT_FALSE(TcpSynCookie::DecodeTimestamp(plain).windowScale);
    EXPECT_FALSE(TcpSynCookie::DecodeTimestamp(plain).sack);
}

// ---------------------------------------------------------------------------------------------
// Bad values
// ---------------------------------------------------------------------------------------------

using ListenQueues = TcpRstTest;

TEST_F(ListenQueues, ANegativeBacklogIsRefusedWithItsRange)
{
    TcpRstHelper rst;
    Scene scene(rst);
    Ptr<TcpRstSocket> s = TcpRstHelper::CreateSocket(scene.topology.server);
    s->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
    try
    {
        s->Listen(-1);
        FAIL() << "no error";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("Backlog: -1 is out of range [0, 2147483647]"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(CheckAttributeValue(TcpRstSocket::GetTypeId(), "Backlog", IntegerValue(-1)),
                 std::invalid_argument);
}

TEST_F(ListenQueues, SomaxConnZeroIsRefused)
{
    TcpRstHelper rst;
    try
    {
        rst.SetTcpAttribute("SomaxConn", UintegerValue(0));
        FAIL() << "no error";
    }
    catch (const std::invalid_argument& e)
    {
        std::string m = e.what();
        EXPECT_NE(m.find("SomaxConn"), std::string::npos) << m;
        EXPECT_NE(m.find("2147483647"), std::string::npos) << m;
    }
    EXPECT_THROW(rst.SetTcpAttribute("SynCookies", UintegerValue(3)), std::invalid_argument);
}

TEST_F(ListenQueues, AnAcceptRateOfZeroOrLessIsRefused)
{
    TcpAcceptServerHelper helper(InetSocketAddress(Ipv4Address::GetAny(), kPort));
    for (double rate : {0.0, -1.0})
    {
        try
        {
            helper.SetAttribute("AcceptRate", DoubleValue(rate));
            ADD_FAILURE() << "no error for " << rate;
        }
        catch (const std::invalid_argument& e)
        {
            EXPECT_NE(std::string(e.what()).find("AcceptRate"), std::string::npos) << e.what();
        }
    }
    EXPECT_THROW(helper.SetAttribute("Backlog", IntegerValue(-1)), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// The queues on the wire
// ---------------------------------------------------------------------------------------------

TEST_F(ListenQueues, ListenCapsTheBacklogBySomaxConnAndListenAgainResizes)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("SomaxConn", UintegerValue(8));
    QueueScene scene(rst, 100);
    EXPECT_EQ(scene.listener->GetMaxAckBacklog(), 8u);
    EXPECT_EQ(scene.listener->Listen(3), 0);
    EXPECT_EQ(scene.listener->GetMaxAckBacklog(), 3u);
}

TEST_F(ListenQueues, TheAcceptQueueHoldsBacklogPlusOneThenSynsAreDroppedSilently)
{
    TcpRstHelper rst;
    QueueScene scene(rst, 2);
    for (uint32_t i = 0; i < 4; ++i)
    {
        scene.ConnectAt(i, Seconds(1) + MilliSeconds(10 * i));
    }
    Simulator::Schedule(Seconds(1.5),
                        [&scene]()
                        {
                            EXPECT_EQ(scene.listener->GetAcceptQueueLength(), 3u);
                            EXPECT_TRUE(scene.accepted.empty()) << "nobody called Accept()";
                            EXPECT_TRUE(scene.Of(QueueScene::Port(3), false).empty())
                                << "no SYN-ACK for the fourth";
                            EXPECT_EQ(scene.Server(TcpStat::ListenOverflows), 1u);
                            EXPECT_EQ(scene.Server(TcpStat::ListenDrops), 1u);
                            scene.listener->Accept();
                        });
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    ASSERT_EQ(scene.accepted.size(), 1u);
    EXPECT_EQ(scene.accepted[0], QueueScene::Port(0)) << "the oldest first";
    std::vector<LadderSegment> syns = scene.Of(QueueScene::Port(3), true);
    ASSERT_GE(syns.size(), 2u);
    EXPECT_EQ(syns[0].flags, "S");
    EXPECT_EQ(syns[1].flags, "S");
    EXPECT_EQ(syns[1].header.GetSequenceNumber(), syns[0].header.GetSequenceNumber());
    EXPECT_EQ(scene.connectedAt.count(3), 1u) << "its retransmitted SYN found room";
    EXPECT_GE(scene.connectedAt[3], Seconds(2.03));
    EXPECT_EQ(scene.listener->GetAcceptQueueLength(), 3u);
    EXPECT_EQ(scene.Server(TcpStat::OutRsts), 0u);
}

// Windows (BacklogOverflow Reset): the SYN that finds the accept queue full is refused at once.
TEST_F(ListenQueues, BacklogOverflowResetRefusesTheSynThatFindsTheAcceptQueueFull)
{
    TcpRstHelper rst;
    QueueScene scene(rst, 2);
    scene.listener->SetAttribute("BacklogOverflow", StringValue("Reset"));
    for (uint32_t i = 0; i < 4; ++i)
    {
        scene.ConnectAt(i, Seconds(1) + MilliSeconds(10 * i));
    }
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    std::vector<LadderSegment> syns = scene.Of(QueueScene::Port(3), true);
    std::vector<LadderSegment> answers = scene.Of(QueueScene::Port(3), false);
    ASSERT_EQ(syns.size(), 1u) << "refused: never retransmitted";
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_EQ(answers[0].flags, "RA");
    EXPECT_EQ(answers[0].header.GetSequenceNumber(), SequenceNumber32(0));
    EXPECT_EQ(answers[0].header.GetAckNumber(), syns[0].header.GetSequenceNumber() + 1);
    ASSERT_TRUE(answers[0].reason);
    EXPECT_EQ(*answers[0].reason, RstReason::TCP_LISTEN_OVERFLOW);
    EXPECT_EQ(scene.clients[3]->GetSocketError(), TcpRstSocket::CONNECTION_REFUSED);
    EXPECT_EQ(scene.Server(TcpStat::ListenOverflows), 1u);
    EXPECT_EQ(scene.Server(TcpStat::OutRsts), 1u);
    EXPECT_EQ(scene.listener->GetAcceptQueueLength(), 3u) << "the three before it wait";
}

TEST_F(ListenQueues, AcceptedLateTheConnectionHandsOverWhatArrivedMeanwhile)
{
    TcpRstHelper rst;
    QueueScene scene(rst, 4);
    scene.ConnectAt(0, Seconds(1), 300);
    uint32_t read = 0;
    Time readAt;
    // The application sets its recv callback in its accept callback, as PacketSink does.
    scene.listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      Callback<void, Ptr<Socket>, const Address&>(
                                          [&read, &readAt](Ptr<Socket> s, const Address&)
                                          {
                                              s->SetRecvCallback(Callback<void, Ptr<Socket>>(
                                                  [&read, &readAt](Ptr<Socket> sock)
                                                  {
                                                      while (Ptr<Packet> p = sock->Recv())
                                                      {
                                                          read += p->GetSize();
                                                          readAt = Simulator::Now();
                                                      }
                                                  }));
                                          }));
    Simulator::Schedule(Seconds(2),
                        [&scene]()
                        {
                            ASSERT_TRUE(scene.listener->Accept());
                            EXPECT_EQ(scene.listener->Accept(), nullptr);
                            EXPECT_EQ(scene.listener->GetErrno(), Socket::ERROR_AGAIN);
                        });
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(read, 300u) << "what waited in the connection is read once it is accepted";
    EXPECT_EQ(readAt, Seconds(2)) << "at once, not with the next segment";
}

TEST_F(ListenQueues, AutoAcceptHandsEachConnectionOverAsItCompletes)
{
    TcpRstHelper rst;
    QueueScene scene(rst, 1, true);
    for (uint32_t i = 0; i < 5; ++i)
    {
        scene.ConnectAt(i, Seconds(1) + MilliSeconds(i));
    }
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(scene.accepted.size(), 5u) << "PacketSink-style applications never overflow";
    EXPECT_EQ(scene.listener->GetAcceptQueueLength(), 0u);
    EXPECT_EQ(scene.Server(TcpStat::ListenOverflows), 0u);
}

TEST_F(ListenQueues, PacketSinkWithATinyBacklogStillGetsEveryConnection)
{
    TcpRstHelper rst;
    TcpRstHelper::SetSocketDefault("Backlog", IntegerValue(1));
    Scene scene(rst);
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 9));
    ApplicationContainer sinkApp = sink.Install(scene.topology.server);
    for (uint32_t i = 0; i < 5; ++i)
    {
        BulkSendHelper bulk("ns3::TcpSocketFactory",
                            InetSocketAddress(scene.topology.serverAddress, 9));
        bulk.SetAttribute("MaxBytes", UintegerValue(1000));
        bulk.Install(scene.topology.client).Start(Seconds(1));
    }
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    Ptr<PacketSink> app = DynamicCast<PacketSink>(sinkApp.Get(0));
    EXPECT_EQ(app->GetAcceptedSockets().size(), 5u) << "it accepts in its callback";
    EXPECT_EQ(app->GetTotalRx(), 5000u);
    EXPECT_EQ(scene.topology.ServerTcp()->GetCounters().Get(TcpStat::ListenOverflows), 0u);
}

TEST_F(ListenQueues, TheStockPolicyForksEveryConnectionAndHandsItOver)
{
    TcpRstHelper rst;
    TcpRstHelper::SetSocketDefault("ListenQueues", StringValue("Stock"));
    QueueScene scene(rst, 1);
    for (uint32_t i = 0; i < 4; ++i)
    {
        scene.ConnectAt(i, Seconds(1) + MilliSeconds(i));
    }
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(scene.accepted.size(), 4u) << "no accept queue: AutoAccept does not matter";
    EXPECT_EQ(scene.Server(TcpStat::ListenOverflows), 0u);
    EXPECT_EQ(scene.Server(TcpStat::SyncookiesSent), 0u);
}

TEST_F(ListenQueues, AFullSynQueueIsAnsweredWithACookieAndTheAckMakesTheConnection)
{
    TcpRstHelper rst;
    QueueScene scene(rst, 1, true);
    DropNextPureAck(scene, scene.fromClient, QueueScene::Port(0)); // its request lingers
    scene.ConnectAt(0, Seconds(1));
    scene.ConnectAt(1, Seconds(1.1), 100);
    Simulator::Stop(Seconds(1.2));
    Simulator::Run();
    EXPECT_EQ(scene.Server(TcpStat::ReqQFullDoCookies), 1u);
    EXPECT_EQ(scene.Server(TcpStat::SyncookiesSent), 1u);
    EXPECT_EQ(scene.Server(TcpStat::SyncookiesRecv), 1u);
    EXPECT_EQ(scene.listener->GetSynQueueLength(), 1u) << "the cookie left no request behind";
    ASSERT_EQ(scene.accepted, std::vector<uint16_t>{QueueScene::Port(1)});
    std::vector<LadderSegment> toCookie = scene.Of(QueueScene::Port(1), false);
    ASSERT_GE(toCookie.size(), 2u);
    EXPECT_EQ(toCookie[0].flags, "SA");
    EXPECT_EQ(toCookie[0].options.substr(0, toCookie[0].options.find(" ts=")),
              "mss=1460,sackOK,ws=10")
        << "with timestamps the cookie keeps window scaling and SACK";
    EXPECT_EQ(toCookie[1].Summary(), "S>C A 1 101") << "the data came with the cookie's ACK";
    EXPECT_EQ(scene.sockets.at(0)->GetRxAvailable(), 100u);
    // what the SYN asked for came back in the echoed TSval
    EXPECT_EQ(scene.sockets.at(0)->GetPeerWindowShift(), 10);
    EXPECT_TRUE(scene.sockets.at(0)->IsSackPermitted());
    EXPECT_EQ(scene.Server(TcpStat::OutRsts), 0u);
}

TEST_F(ListenQueues, ACookieWithoutTimestampsLosesWindowScalingAndSack)
{
    TcpRstHelper rst;
    QueueScene scene(rst, 1, true);
    DropNextPureAck(scene, scene.fromClient, QueueScene::Port(0));
    scene.ConnectAt(0, Seconds(1));
    scene.ConnectAt(1, Seconds(1.1));
    scene.clients[1]->SetAttribute("Timestamp", BooleanValue(false));
    Simulator::Stop(Seconds(1.2));
    Simulator::Run();
    std::vector<LadderSegment> toRequest = scene.Of(QueueScene::Port(0), false);
    std::vector<LadderSegment> toCookie = scene.Of(QueueScene::Port(1), false);
    ASSERT_FALSE(toRequest.empty());
    ASSERT_FALSE(toCookie.empty());
    EXPECT_EQ(toRequest[0].options.substr(0, toRequest[0].options.find(" ts=")),
              "mss=1460,sackOK,ws=10");
    EXPECT_EQ(toCookie[0].options, "mss=1460") << "tcp_clear_options(): no ws, no sackOK";
    ASSERT_EQ(scene.accepted.size(), 1u);
    EXPECT_EQ(scene.sockets[0]->GetPeerWindowShift(), 0);
    EXPECT_FALSE(scene.sockets[0]->IsSackPermitted());
    EXPECT_EQ(scene.Server(TcpStat::SyncookiesRecv), 1u);
}

TEST_F(ListenQueues, WithoutCookiesAFullSynQueueDropsTheSyn)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("SynCookies", UintegerValue(0));
    QueueScene scene(rst, 1, true);
    DropNextPureAck(scene, scene.fromClient, QueueScene::Port(0));
    scene.ConnectAt(0, Seconds(1));   // its request lingers until it re-sends its SYN-ACK (2 s)
    scene.ConnectAt(1, Seconds(1.5)); // its SYN again at 2.5 s, after conn 0 completed
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(scene.Server(TcpStat::ReqQFullDrop), 1u);
    EXPECT_EQ(scene.Server(TcpStat::ListenDrops), 1u);
    EXPECT_EQ(scene.Server(TcpStat::SyncookiesSent), 0u);
    std::vector<LadderSegment> syns = scene.Of(QueueScene::Port(1), true);
    ASSERT_GE(syns.size(), 2u);
    EXPECT_EQ(syns[1].flags, "S") << "the client had to send its SYN again";
    EXPECT_EQ(scene.accepted.size(), 2u) << "then it found room";
}

TEST_F(ListenQueues, SynCookiesTwoAnswersEverySynWithACookie)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("SynCookies", UintegerValue(2));
    QueueScene scene(rst, 128, true);
    scene.ConnectAt(0, Seconds(1), 50);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(scene.Server(TcpStat::SyncookiesSent), 1u);
    EXPECT_EQ(scene.Server(TcpStat::SyncookiesRecv), 1u);
    EXPECT_EQ(scene.accepted.size(), 1u);
    EXPECT_EQ(scene.listener->GetSynQueueLength(), 0u);
}

TEST_F(ListenQueues, CookiesWorkOverIpv6WithTheIpv6MssTable)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("SynCookies", UintegerValue(2));
    CaseTopology t = CaseTopology::Build(rst, "1Gbps", MicroSeconds(20), true);
    Ptr<TcpRstSocket> listener = TcpRstHelper::CreateSocket(t.server);
    listener->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), kPort));
    listener->Listen(16);
    Ptr<TcpRstSocket> accepted;
    listener->SetAcceptCallback(
        MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
        Callback<void, Ptr<Socket>, const Address&>([&accepted](Ptr<Socket> s, const Address&)
                                                    { accepted = DynamicCast<TcpRstSocket>(s); }));
    Ptr<TcpRstSocket> client = TcpRstHelper::CreateSocket(t.client);
    Address to = Inet6SocketAddress(t.serverAddress6, kPort);
    Simulator::Schedule(Seconds(1), [client, to]() { client->Connect(to); });
    Simulator::Schedule(Seconds(1.5), [client]() { client->Send(Create<Packet>(3000), 0); });
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    ASSERT_TRUE(accepted);
    EXPECT_EQ(accepted->GetState(), TcpSocket::ESTABLISHED);
    EXPECT_EQ(t.ServerTcp()->GetCounters().Get(TcpStat::SyncookiesRecv), 1u);
    EXPECT_EQ(accepted->GetRxAvailable(), 3000u);
    UintegerValue size;
    accepted->GetAttribute("SegmentSize", size);
    EXPECT_EQ(size.Get(), 1440u - 12) << "1440 from the IPv6 table, less the timestamp option";
}

TEST_F(ListenQueues, AnAckThatIsNoCookieIsResetAndCountedWhileCookiesAreRecent)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("SynCookies", UintegerValue(2));
    QueueScene scene(rst, 128, true);
    scene.ConnectAt(0, Seconds(1)); // one cookie: ACKs are checked for two minutes
    TcpSegmentSpec forged;
    forged.sourcePort = 41000;
    forged.destinationPort = kPort;
    forged.flags = TcpHeader::ACK;
    forged.seq = SequenceNumber32(1000);
    forged.ack = SequenceNumber32(777);
    TcpSegmentInjector::Schedule(
        Seconds(2), scene.topology.client, scene.topology.serverAddress, forged);
    TcpSegmentInjector::Schedule(
        Seconds(200), scene.topology.client, scene.topology.serverAddress, forged);
    Simulator::Stop(Seconds(201));
    Simulator::Run();
    EXPECT_EQ(scene.Server(TcpStat::SyncookiesFailed), 1u) << "not checked 2 min later";
    std::vector<LadderSegment> resets = scene.Of(41000, false);
    ASSERT_EQ(resets.size(), 2u);
    for (const LadderSegment& r : resets)
    {
        EXPECT_EQ(r.flags, "R");
        EXPECT_EQ(r.header.GetSequenceNumber(), SequenceNumber32(777));
        ASSERT_TRUE(r.reason);
        EXPECT_EQ(*r.reason, RstReason::TCP_FLAGS);
    }
}

TEST_F(ListenQueues, ClosingTheListenerResetsWaitingConnectionsAndDropsRequests)
{
    TcpRstHelper rst;
    QueueScene scene(rst, 4);
    DropNextPureAck(scene, scene.fromClient, QueueScene::Port(1)); // stays half-open
    scene.ConnectAt(0, Seconds(1));
    scene.ConnectAt(1, Seconds(1.1));
    scene.ConnectAt(2, Seconds(1.2));
    Simulator::Schedule(Seconds(1.5), [&scene]() { scene.listener->Close(); });
    Simulator::Stop(Seconds(1.6));
    Simulator::Run();
    std::vector<uint16_t> resetOrder;
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        if (!s.fromClient && s.flags == "RA")
        {
            resetOrder.push_back(s.clientPort);
        }
    }
    EXPECT_EQ(resetOrder, (std::vector<uint16_t>{QueueScene::Port(0), QueueScene::Port(2)}))
        << "the waiting connections in accept-queue order";
    std::vector<LadderSegment> toWaiting = scene.Of(QueueScene::Port(0), false);
    ASSERT_FALSE(toWaiting.empty());
    const LadderSegment& r = toWaiting.back();
    EXPECT_EQ(r.flags, "RA");
    ASSERT_TRUE(r.reason);
    EXPECT_EQ(*r.reason, RstReason::TCP_STATE) << "tcp_disconnect()";
    EXPECT_EQ(scene.clients[0]->GetSocketError(), TcpRstSocket::CONNECTION_RESET);
    EXPECT_EQ(scene.Of(QueueScene::Port(1), false).back().flags, "SA")
        << "the request is dropped without a segment";
    EXPECT_TRUE(scene.accepted.empty());
}

/// \return SYN-ACKs each of \p count half-open requests sent (their ACKs all dropped)
std::vector<std::size_t>
SynAcksOfHalfOpenRequests(uint32_t count)
{
    TcpRstHelper rst;
    QueueScene scene(rst, 16, true);
    scene.fromClient->Drop(
        [](const FilteredSegment& s) {
            return (s.header.GetFlags() & ~TCP_STATELESS_FLAGS) == TcpHeader::ACK &&
                   s.payloadSize == 0;
        });
    for (uint32_t i = 0; i < count; ++i)
    {
        scene.ConnectAt(i, Seconds(1) + MicroSeconds(100 * i));
    }
    Simulator::Stop(Seconds(70));
    Simulator::Run();
    std::vector<std::size_t> synAcks;
    for (uint32_t i = 0; i < count; ++i)
    {
        synAcks.push_back(scene.Of(QueueScene::Port(i), false).size());
    }
    EXPECT_EQ(scene.listener->GetSynQueueLength(), 0u) << "every request expired";
    Simulator::Destroy();
    return synAcks;
}

// Linux reqsk_timer_handler(): once requests that already timed out take more than half of
// max(8, backlog), they get fewer SYN-ACK retries (down to 2) so that young ones keep room.
TEST_F(ListenQueues, OldRequestsOfACrowdedSynQueueGiveUpSooner)
{
    EXPECT_EQ(SynAcksOfHalfOpenRequests(2), std::vector<std::size_t>(2, 6))
        << "2 of 16: tcp_synack_retries 5, SYN-ACKs at 0, 1, 3, 7, 15, 31 s";
    // 10 of 16, none young after 1 s: at 7 s the first two to expire find 10, then 9
    // requests (crowded: 2 retries, SYN-ACKs at 0, 1, 3 s, dropped); the rest find 8 of 16.
    std::vector<std::size_t> crowded(10, 6);
    crowded[0] = crowded[1] = 3;
    EXPECT_EQ(SynAcksOfHalfOpenRequests(10), crowded);
}

// ---------------------------------------------------------------------------------------------
// TcpAcceptServer
// ---------------------------------------------------------------------------------------------

/// Three clients connect at once to a TcpAcceptServer and send 100 bytes each.
struct ServerRun
{
    std::vector<Time> accepts;
    uint64_t rx{0};
    uint32_t maxQueued{0};
    std::vector<uint16_t> windows; //!< windows the server advertised after the data
};

ServerRun
RunServer(double rate, bool accepting, bool read)
{
    TcpRstHelper rst;
    QueueScene scene(rst, 0); // a listener of its own on another port, unused
    TcpAcceptServerHelper helper(InetSocketAddress(Ipv4Address::GetAny(), 6000));
    helper.SetAttribute("Backlog", IntegerValue(4));
    helper.SetAttribute("AcceptRate", DoubleValue(rate));
    helper.SetAttribute("Accepting", BooleanValue(accepting));
    helper.SetAttribute("Read", BooleanValue(read));
    ApplicationContainer app = helper.Install(scene.topology.server);
    Ptr<TcpAcceptServer> server = DynamicCast<TcpAcceptServer>(app.Get(0));
    ServerRun run;
    server->TraceConnectWithoutContext("Accept",
                                       Callback<void, Ptr<const TcpRstSocket>, const Address&>(
                                           [&run](Ptr<const TcpRstSocket>, const Address&)
                                           { run.accepts.push_back(Simulator::Now()); }));
    server->TraceConnectWithoutContext(
        "AcceptQueueLength",
        Callback<void, uint32_t, uint32_t>([&run](uint32_t, uint32_t now)
                                           { run.maxQueued = std::max(run.maxQueued, now); }));
    for (uint16_t i = 0; i < 3; ++i)
    {
        Ptr<TcpRstSocket> c = TcpRstHelper::CreateSocket(scene.topology.client);
        c->SetConnectCallback(
            Callback<void, Ptr<Socket>>([](Ptr<Socket> s) { s->Send(Create<Packet>(100), 0); }),
            MakeNullCallback<void, Ptr<Socket>>());
        Address to = InetSocketAddress(scene.topology.serverAddress, 6000);
        Simulator::Schedule(Seconds(1), [c, to]() { c->Connect(to); });
    }
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    run.rx = server->GetTotalRx();
    EXPECT_EQ(server->GetListener()->GetMaxAckBacklog(), 4u);
    Simulator::Destroy();
    return run;
}

TEST_F(ListenQueues, TheServerAcceptsAtItsRateFromTheFirstCompletion)
{
    ServerRun run = RunServer(2, true, true);
    ASSERT_EQ(run.accepts.size(), 3u);
    // a blocked accept() returns when the first handshake completes; then one per 1/rate
    EXPECT_GT(run.accepts[0], Seconds(1));
    EXPECT_LT(run.accepts[0], Seconds(1.001));
    EXPECT_EQ(run.accepts[1] - run.accepts[0], Seconds(0.5));
    EXPECT_EQ(run.accepts[2] - run.accepts[1], Seconds(0.5));
    EXPECT_EQ(run.rx, 300u);
    EXPECT_EQ(run.maxQueued, 2u) << "the first was taken at once, two waited";
}

TEST_F(ListenQueues, TheServerThatNeverAcceptsOrNeverReads)
{
    ServerRun never = RunServer(2, false, true);
    EXPECT_TRUE(never.accepts.empty());
    EXPECT_EQ(never.maxQueued, 3u);
    EXPECT_EQ(never.rx, 0u);
    ServerRun unread = RunServer(100, true, false);
    EXPECT_EQ(unread.accepts.size(), 3u);
    EXPECT_EQ(unread.rx, 0u);
}

TEST_F(ListenQueues, StoppingTheServerResetsTheConnectionsItNeverAccepted)
{
    TcpRstHelper rst;
    Scene scene(rst);
    TcpAcceptServerHelper helper(InetSocketAddress(Ipv4Address::GetAny(), 6000));
    helper.SetAttribute("Accepting", BooleanValue(false));
    ApplicationContainer app = helper.Install(NodeContainer(scene.topology.server));
    app.Start(Seconds(0));
    app.Stop(Seconds(2));
    std::vector<Ptr<TcpRstSocket>> clients;
    for (int i = 0; i < 2; ++i)
    {
        Ptr<TcpRstSocket> c = TcpRstHelper::CreateSocket(scene.topology.client);
        Address to = InetSocketAddress(scene.topology.serverAddress, 6000);
        Simulator::Schedule(Seconds(1), [c, to]() { c->Connect(to); });
        clients.push_back(c);
    }
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    for (const Ptr<TcpRstSocket>& c : clients)
    {
        EXPECT_EQ(c->GetSocketError(), TcpRstSocket::CONNECTION_RESET) << "process exit";
    }
    EXPECT_TRUE(DynamicCast<TcpAcceptServer>(app.Get(0))->GetAccepted().empty());
    EXPECT_EQ(scene.topology.ServerTcp()->GetCounters().GetSent(RstReason::TCP_STATE), 2u);
}

TEST_F(ListenQueues, TheServerNeedsATcpRstNodeAndAFreePort)
{
    NodeContainer plain(1);
    InternetStackHelper().Install(plain);
    TcpAcceptServerHelper helper(InetSocketAddress(Ipv4Address::GetAny(), 6000));
    helper.Install(plain.Get(0)).Start(Seconds(1));
    try
    {
        Simulator::Run();
        FAIL() << "no error";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("has no TcpRstL4Protocol"), std::string::npos)
            << e.what();
    }
    Simulator::Destroy();

    TcpRstHelper rst;
    Scene scene(rst);
    Ptr<TcpRstSocket> taken = TcpRstHelper::CreateSocket(scene.topology.server);
    taken->Bind(InetSocketAddress(Ipv4Address::GetAny(), 6000));
    helper.Install(scene.topology.server).Start(Seconds(1));
    EXPECT_THROW(Simulator::Run(), std::invalid_argument) << "port 6000 is taken";
}

// ---------------------------------------------------------------------------------------------
// The scenario against the captures
// ---------------------------------------------------------------------------------------------

using AcceptOverflow = TcpRstTest;

CaseResult
ReplayOnly()
{
    CaseRunOptions options;
    return RunCaseOn("accept-overflow", options, {"--clients=0"});
}

TEST_F(AcceptOverflow, AbortOnOverflowFalseMatchesCapture08a)
{
    CaseResult result = ReplayOnly();
    EXPECT_TRUE(result.pass) << result.report;
    for (uint16_t port : {40081, 40083, 40084})
    {
        EXPECT_EQ(WithWindows(SegmentsOfPort(result, port)),
                  LinuxConnectionWithWindows("08a-accept-queue-full-abort0", port))
            << "conn " << port;
    }
    // conn2: Linux sends its data once more before each SYN-ACK (a tail loss probe 205 ms
    // after the first copy, then RTOs from 208 ms); ns-3 has no TLP and starts at 200 ms. The
    // segments and their order match once repeated copies are counted once.
    EXPECT_EQ(
        Collapsed(WithoutLost(WithWindows(SegmentsOfPort(result, 40082)))),
        Collapsed(WithoutLost(LinuxConnectionWithWindows("08a-accept-queue-full-abort0", 40082))));
    // nstat of the capture: TcpExtListenOverflows=15 TcpExtListenDrops=15
    EXPECT_EQ(ReportCounter(result, 'A', "TcpExtListenOverflows"), 15u);
    EXPECT_EQ(ReportCounter(result, 'A', "TcpExtListenDrops"), 15u);
    EXPECT_EQ(ReportCounter(result, 'A', "TcpExtSyncookiesSent"), 1u) << "conn3";
    EXPECT_EQ(ReportCounter(result, 'A', "TcpExtEmbryonicRsts"), 0u);
    // The SYN-ACKs again at +1 s and +3 s (jiffies: a little later), the reset only after the
    // request expired at +7 s.
    std::vector<LadderSegment> toConn2;
    for (const LadderSegment& s : SegmentsOfPort(result, 40082))
    {
        if (!s.fromClient)
        {
            toConn2.push_back(s);
        }
    }
    ASSERT_EQ(toConn2.size(), 4u);
    Time first = toConn2[0].time;
    EXPECT_GE(toConn2[1].time - first, Seconds(1));
    EXPECT_LT(toConn2[1].time - first, Seconds(1.07));
    EXPECT_GE(toConn2[2].time - toConn2[1].time, Seconds(2));
    EXPECT_LT(toConn2[2].time - toConn2[1].time, Seconds(2.07));
    EXPECT_GE(toConn2[3].time - first, Seconds(7));
    ASSERT_TRUE(toConn2[3].reason);
    EXPECT_EQ(*toConn2[3].reason, RstReason::TCP_FLAGS) << "from the bare listener";
}

TEST_F(AcceptOverflow, AbortOnOverflowTrueMatchesCapture08b)
{
    CaseResult result = ReplayOnly();
    for (uint16_t port : {40091, 40092, 40093, 40094})
    {
        EXPECT_EQ(WithWindows(SegmentsOfPort(result, port)),
                  LinuxConnectionWithWindows("08b-accept-queue-full-abort1", port - 10))
            << "conn " << port;
    }
    // nstat of the capture: TcpExtListenOverflows=8 TcpExtListenDrops=8
    EXPECT_EQ(ReportCounter(result, 'B', "TcpExtListenOverflows"), 8u);
    EXPECT_EQ(ReportCounter(result, 'B', "TcpExtListenDrops"), 8u);
    EXPECT_EQ(ReportCounter(result, 'B', "TcpExtEmbryonicRsts"), 1u);
    const LadderSegment* reset = nullptr;
    const LadderSegment* data = nullptr;
    std::vector<LadderSegment> conn2 = SegmentsOfPort(result, 40092);
    for (const LadderSegment& s : conn2)
    {
        data = (s.fromClient && s.length > 0 && !data) ? &s : data;
        reset = (!s.fromClient && s.flags == "R") ? &s : reset;
    }
    ASSERT_TRUE(reset && data);
    ASSERT_TRUE(reset->reason);
    EXPECT_EQ(*reset->reason, RstReason::TCP_ABORT_ON_OVERFLOW);
    EXPECT_EQ(reset->header.GetSequenceNumber(), data->header.GetAckNumber());
    EXPECT_LT(reset->time - data->time, MilliSeconds(1)) << "at once";
}

TEST_F(AcceptOverflow, TheReportListsEveryClientsOutcome)
{
    CaseRunOptions options;
    CaseResult result =
        RunCaseOn("accept-overflow", options, {"--clients=6", "--backlog=2", "--hosts=2"});
    EXPECT_TRUE(result.pass) << result.report;
    for (const char* line : {"conn1   0     40081  connected",
                             "conn2   0     40082  reset",
                             "conn4   0     40084  timed out",
                             "conn2   0     40092  reset",
                             "accept queue held at most 3 (backlog 2 + 1)"})
    {
        EXPECT_NE(result.report.find(line), std::string::npos) << line << "\n" << result.report;
    }
    EXPECT_NE(result.report.find("ladder of a client that was reset (port 40082)"),
              std::string::npos);
    EXPECT_NE(result.report.find("ladder of a client that timed out (port 40084)"),
              std::string::npos);
    EXPECT_NE(result.report.find("no ladder of a client that was connected late: none sits on "
                                 "host 0"),
              std::string::npos)
        << "burst clients 0 and 3 (host 0) connected at once";
    ASSERT_EQ(result.files.size(), 1u);
    EXPECT_EQ(result.files[0].first, "clients.txt");
}

TEST_F(AcceptOverflow, UnderTheStockListenQueuesTheScenarioFails)
{
    TcpRstHelper::SetSocketDefault("ListenQueues", StringValue("Stock"));
    CaseResult result = ReplayOnly();
    EXPECT_TRUE(result.triggered);
    EXPECT_FALSE(result.pass);
    EXPECT_EQ(ReportCounter(result, 'A', "TcpExtListenOverflows"), 0u);
}

TEST_F(AcceptOverflow, BadScenarioValuesAreRefused)
{
    for (const char* bad : {"--acceptRate=0", "--acceptRate=-2", "--backlog=-1", "--clients=5000"})
    {
        auto parse = [bad]()
        {
            std::unique_ptr<RstCase> fresh = RstCaseCatalog::Create("accept-overflow");
            CommandLine line("test");
            CaseOptions options(line);
            fresh->AddOptions(options);
            options.CheckArguments({bad});
            std::vector<std::string> argv{"test", bad};
            std::vector<char*> pointers{argv[0].data(), argv[1].data()};
            line.Parse(2, pointers.data());
            fresh->Validate();
        };
        EXPECT_THROW(parse(), std::invalid_argument) << bad;
    }
}

} // namespace test
} // namespace ns3
