/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// SYN_SENT x {RST without ACK, RST with a wrong ACK, RST acking the SYN, bad SYN-ACK after a
// retransmission}: Linux tcp_rcv_synsent_state_process().
#include "case-test-util.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-filter.h"
#include "ns3/tcp-segment-injector.h"

namespace ns3
{
namespace test
{

namespace
{
constexpr uint16_t kClientPort = 40500;
constexpr uint16_t kServerPort = 5000;

/// A client whose SYNs never reach the server, and a way to answer it by hand.
struct ConnectingClient : Scene
{
    explicit ConnectingClient(TcpRstHelper& rst)
        : Scene(rst)
    {
        filter = TcpSegmentFilter::Install(topology.routerFromClient);
        filter->Drop(TcpSegmentFilter::FlagsAre(TcpHeader::SYN));
        client = TcpRstHelper::CreateSocket(topology.client);
        client->SetConnectCallback(
            MakeNullCallback<void, Ptr<Socket>>(),
            Callback<void, Ptr<Socket>>([this](Ptr<Socket>) { failedAt = Simulator::Now(); }));
        Ptr<TcpRstSocket> c = client;
        Address to = InetSocketAddress(topology.serverAddress, kServerPort);
        Simulator::Schedule(Seconds(1),
                            [c, to]()
                            {
                                c->Bind(InetSocketAddress(Ipv4Address::GetAny(), kClientPort));
                                c->Connect(to);
                            });
    }

    /// Answer from the server host at `at`, ack = client ISS + ackOffset.
    void
    Answer(Time at, uint8_t flags, int32_t ackOffset)
    {
        Ptr<TcpRstSocket> c = client;
        TcpSegmentInjector::Schedule(at,
                                     topology.server,
                                     topology.clientAddress,
                                     [c, flags, ackOffset]()
                                     {
                                         TcpSegmentSpec spec;
                                         spec.sourcePort = kServerPort;
                                         spec.destinationPort = kClientPort;
                                         spec.flags = flags;
                                         spec.seq = SequenceNumber32(777);
                                         spec.ack = c->GetIss() + SequenceNumber32(ackOffset);
                                         return spec;
                                     });
    }

    Ptr<TcpSegmentFilter> filter;
    Ptr<TcpRstSocket> client;
    Time failedAt{Time::Max()};
};
} // namespace

using SynSentRst = TcpRstTest;

TEST_F(SynSentRst, RstWithoutAckIsIgnored)
{
    TcpRstHelper rst;
    ConnectingClient scene(rst);
    scene.Answer(Seconds(1.1), TcpHeader::RST, 1);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(WithDisposition(scene.resets, RstDisposition::UNACCEPTABLE_ACK).size(), 1u);
    EXPECT_EQ(scene.client->GetState(), TcpSocket::SYN_SENT);
    EXPECT_EQ(scene.failedAt, Time::Max());
}

TEST_F(SynSentRst, RstWithWrongAckIsIgnored)
{
    TcpRstHelper rst;
    ConnectingClient scene(rst);
    scene.Answer(Seconds(1.1), TcpHeader::RST | TcpHeader::ACK, 5);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(WithDisposition(scene.resets, RstDisposition::UNACCEPTABLE_ACK).size(), 1u);
    EXPECT_EQ(scene.client->GetState(), TcpSocket::SYN_SENT);
    EXPECT_EQ(scene.client->GetSocketError(), TcpRstSocket::NO_ERROR);
}

// The SocketError trace source is made when first connected to: it fires once, with the
// error, and a disconnected sink hears nothing more.
TEST_F(SynSentRst, TheSocketErrorTraceReportsTheRefusal)
{
    TcpRstHelper rst;
    ConnectingClient scene(rst);
    std::vector<TcpRstSocket::SocketError> errors;
    Callback<void, TcpRstSocket::SocketError> sink([&errors](TcpRstSocket::SocketError e)
                                                   { errors.push_back(e); });
    Callback<void, TcpRstSocket::SocketError> gone(
        [](TcpRstSocket::SocketError) { ADD_FAILURE() << "a disconnected sink was called"; });
    ASSERT_TRUE(scene.client->TraceConnectWithoutContext("SocketError", sink));
    ASSERT_TRUE(scene.client->TraceConnectWithoutContext("SocketError", gone));
    ASSERT_TRUE(scene.client->TraceDisconnectWithoutContext("SocketError", gone));
    scene.Answer(Seconds(1.1), TcpHeader::RST | TcpHeader::ACK, 1);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(errors, std::vector<TcpRstSocket::SocketError>{TcpRstSocket::CONNECTION_REFUSED});
}

TEST_F(SynSentRst, RstAckingTheSynRefusesTheConnection)
{
    TcpRstHelper rst;
    ConnectingClient scene(rst);
    scene.Answer(Seconds(1.1), TcpHeader::RST | TcpHeader::ACK, 1);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(scene.client->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(scene.client->GetSocketError(), TcpRstSocket::CONNECTION_REFUSED);
    EXPECT_GT(scene.failedAt, Seconds(1.1));
    EXPECT_LT(scene.failedAt, Seconds(1.101));
}

TEST_F(SynSentRst, NoQuickSynAfterARetransmission)
{
    // Linux re-arms the SYN timer to TCP_TIMEOUT_MIN only while icsk_retransmits == 0.
    TcpRstHelper rst;
    rst.SetTcpAttribute("JiffyTimers", BooleanValue(false));
    ConnectingClient scene(rst);
    scene.Answer(Seconds(4.5), TcpHeader::SYN | TcpHeader::ACK, -9); // after 3 re-sends
    Simulator::Stop(Seconds(12));
    Simulator::Run();
    std::vector<Time> synTimes;
    Time resetAt;
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        if (s.fromClient && s.flags == "S")
        {
            synTimes.push_back(s.time);
        }
        if (s.fromClient && s.flags == "R")
        {
            resetAt = s.time;
        }
    }
    EXPECT_GT(resetAt, Seconds(4.5));
    // SYN at 1 s, re-sent 1 s apart (tcp_syn_linear_timeouts), then after 2 s; none at
    // 4.5 s + 8 ms.
    EXPECT_EQ(
        synTimes,
        (std::vector<Time>{
            Seconds(1), Seconds(2), Seconds(3), Seconds(4), Seconds(5), Seconds(6), Seconds(8)}));
}

} // namespace test
} // namespace ns3
