/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "connection-harness.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/simulator.h"
#include "ns3/tcp-segment-injector.h"

#include <stdexcept>

namespace ns3
{
namespace test
{

namespace
{
/// Time for a handshake, a close or a burst of data to settle (delayed ACKs included).
const Time kSettle = MilliSeconds(500);
/// Time for one exchange on the 20 us links, well below any retransmission timeout.
const Time kExchange = MilliSeconds(20);

SegmentPredicate
PureAck()
{
    return TcpSegmentFilter::FlagsAre(TcpHeader::ACK);
}
} // namespace

std::string
IpName(const ::testing::TestParamInfo<Ip>& ip)
{
    return ip.param == Ip::V4 ? "Ipv4" : "Ipv6";
}

ConnectionHarness::ConnectionHarness(TcpRstHelper& rst, Ip ip)
    : topology(CaseTopology::Build(rst, "1Gbps", MicroSeconds(20), ip == Ip::V6))
    , m_ip(ip)
{
    if (ip == Ip::V4)
    {
        m_ladder = std::make_unique<TcpLadderRecorder>(
            "harness", topology.clientAddress, topology.serverAddress);
    }
    else
    {
        m_ladder = std::make_unique<TcpLadderRecorder>(
            "harness", topology.clientAddress6, topology.serverAddress6);
    }
    m_ladder->Watch(topology.clientDevice);
    m_ladder->Watch(topology.serverDevice);
    m_fromClient = TcpSegmentFilter::Install(topology.routerFromClient);
    m_fromServer = TcpSegmentFilter::Install(topology.routerFromServer);
    Ptr<TcpSegmentFilter> fromClient = m_fromClient;
    Ptr<TcpSegmentFilter> fromServer = m_fromServer;
    m_ladder->SetLossOracle([fromClient, fromServer](uint64_t uid)
                            { return fromClient->WasDropped(uid) || fromServer->WasDropped(uid); });
    auto record = [this](const TcpResetEvent& e) { m_resets.push_back(e); };
    for (Ptr<TcpRstL4Protocol> tcp : {topology.ClientTcp(), topology.ServerTcp()})
    {
        tcp->TraceConnectWithoutContext("ResetSent", Callback<void, const TcpResetEvent&>(record));
        tcp->TraceConnectWithoutContext("ResetReceived",
                                        Callback<void, const TcpResetEvent&>(record));
    }
    m_client = TcpRstHelper::CreateSocket(topology.client);
    Watch(m_client, &m_clientApp, &m_clientReads);
}

void
ConnectionHarness::StopReading(Side side)
{
    (side == Side::CLIENT ? m_clientReads : m_serverReads) = false;
}

void
ConnectionHarness::Watch(Ptr<TcpRstSocket> socket, AppView* view, bool* reads)
{
    socket->SetCloseCallbacks(
        Callback<void, Ptr<Socket>>([view](Ptr<Socket>) { view->normalClose = true; }),
        Callback<void, Ptr<Socket>>([view](Ptr<Socket>) { view->errorClose = true; }));
    socket->SetRecvCallback(Callback<void, Ptr<Socket>>(
        [reads](Ptr<Socket> s)
        {
            while (*reads && s->Recv())
            {
            }
        }));
}

void
ConnectionHarness::Listen()
{
    m_listener = TcpRstHelper::CreateSocket(topology.server);
    if (m_ip == Ip::V4)
    {
        m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kServerPort));
    }
    else
    {
        m_listener->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), kServerPort));
    }
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  Callback<void, Ptr<Socket>, const Address&>(
                                      [this](Ptr<Socket> s, const Address&)
                                      {
                                          m_server = DynamicCast<TcpRstSocket>(s);
                                          Watch(m_server, &m_serverApp, &m_serverReads);
                                      }));
}

void
ConnectionHarness::ConnectNow()
{
    // Devices and queue discs are set up when the simulation starts: connect at 1 ms.
    Simulator::Schedule(MilliSeconds(1), &ConnectionHarness::Connect, this);
}

void
ConnectionHarness::Connect()
{
    m_client->SetConnectCallback(
        Callback<void, Ptr<Socket>>([this](Ptr<Socket>) { m_clientApp.connected = true; }),
        Callback<void, Ptr<Socket>>([this](Ptr<Socket>) { m_clientApp.connectFailed = true; }));
    if (m_ip == Ip::V4)
    {
        m_client->Bind(InetSocketAddress(Ipv4Address::GetAny(), kClientPort));
        m_client->Connect(InetSocketAddress(topology.serverAddress, kServerPort));
    }
    else
    {
        m_client->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), kClientPort));
        m_client->Connect(Inet6SocketAddress(topology.serverAddress6, kServerPort));
    }
}

void
ConnectionHarness::ExchangeData()
{
    RunFor(kSettle);
    if (!m_server || m_server->GetState() != TcpSocket::ESTABLISHED)
    {
        throw std::runtime_error("harness: the connection was not established");
    }
    m_client->Send(Create<Packet>(kClientBytes), 0);
    m_server->Send(Create<Packet>(kServerBytes), 0);
    RunFor(kSettle);
}

void
ConnectionHarness::Bring(TcpSocket::TcpStates_t state, Side side)
{
    Listen();
    m_subjectIsClient = true;
    switch (state)
    {
    case TcpSocket::SYN_SENT:
        m_fromClient->Drop(TcpSegmentFilter::FlagsAre(TcpHeader::SYN));
        ConnectNow();
        RunFor(kExchange);
        break;
    case TcpSocket::SYN_RCVD:
        m_fromClient->Drop(PureAck(), 0, 1); // the handshake's third segment
        ConnectNow();
        RunFor(kExchange);
        for (Ptr<TcpRstSocket> s : topology.ServerTcp()->GetSockets())
        {
            if (s->GetState() == TcpSocket::SYN_RCVD)
            {
                m_server = s;
            }
        }
        m_subjectIsClient = false;
        break;
    case TcpSocket::ESTABLISHED:
        ConnectNow();
        ExchangeData();
        m_subjectIsClient = side == Side::CLIENT;
        break;
    case TcpSocket::CLOSE_WAIT:
    case TcpSocket::FIN_WAIT_2:
        ConnectNow();
        ExchangeData();
        m_client->ShutdownSend();
        RunFor(kSettle);
        m_subjectIsClient = state == TcpSocket::FIN_WAIT_2;
        break;
    case TcpSocket::FIN_WAIT_1:
        ConnectNow();
        ExchangeData();
        m_fromServer->Drop(PureAck());
        m_client->ShutdownSend();
        RunFor(kExchange);
        break;
    case TcpSocket::LAST_ACK:
        ConnectNow();
        ExchangeData();
        m_client->ShutdownSend();
        RunFor(kSettle);
        m_fromClient->Drop(PureAck());
        m_server->ShutdownSend();
        RunFor(kExchange);
        m_subjectIsClient = false;
        break;
    case TcpSocket::CLOSING:
        ConnectNow();
        ExchangeData();
        m_fromServer->Drop(PureAck());
        m_client->ShutdownSend();
        m_server->ShutdownSend(); // the FINs cross
        RunFor(kExchange);
        break;
    case TcpSocket::TIME_WAIT:
        ConnectNow();
        ExchangeData();
        m_client->ShutdownSend();
        RunFor(kSettle);
        m_server->ShutdownSend();
        RunFor(kExchange);
        break;
    default:
        throw std::invalid_argument("harness: cannot bring a connection into that state");
    }
    if (!Subject() || Subject()->GetState() != state)
    {
        throw std::runtime_error(
            std::string("harness: subject is in ") +
            (Subject() ? TcpSocket::TcpStateName[Subject()->GetState()] : "no socket") + ", not " +
            TcpSocket::TcpStateName[state]);
    }
    m_segmentMark = m_ladder->GetSegments().size();
    m_resetMark = m_resets.size();
}

Ptr<TcpRstSocket>
ConnectionHarness::Subject() const
{
    return m_subjectIsClient ? m_client : m_server;
}

Ptr<TcpRstSocket>
ConnectionHarness::Client() const
{
    return m_client;
}

Ptr<TcpRstSocket>
ConnectionHarness::Server() const
{
    return m_server;
}

Ptr<TcpRstL4Protocol>
ConnectionHarness::SubjectTcp() const
{
    return m_subjectIsClient ? topology.ClientTcp() : topology.ServerTcp();
}

const AppView&
ConnectionHarness::SubjectApp() const
{
    return m_subjectIsClient ? m_clientApp : m_serverApp;
}

const AppView&
ConnectionHarness::PeerApp() const
{
    return m_subjectIsClient ? m_serverApp : m_clientApp;
}

std::string
ConnectionHarness::SubjectLetter() const
{
    return m_subjectIsClient ? "C" : "S";
}

void
ConnectionHarness::Inject(uint8_t flags, int32_t seqOffset, int32_t ackOffset, uint16_t window)
{
    Ptr<TcpRstSocket> subject = Subject();
    bool toClient = m_subjectIsClient;
    Ptr<Node> from = toClient ? topology.server : topology.client;
    Address to;
    if (m_ip == Ip::V4)
    {
        to = toClient ? topology.clientAddress : topology.serverAddress;
    }
    else
    {
        to = toClient ? topology.clientAddress6 : topology.serverAddress6;
    }
    TcpSegmentSpec spec;
    spec.sourcePort = toClient ? kServerPort : kClientPort;
    spec.destinationPort = toClient ? kClientPort : kServerPort;
    spec.flags = flags;
    spec.window = window;
    spec.seq = subject->GetRcvNxt() + SequenceNumber32(seqOffset);
    spec.ack = subject->GetSndNxt() + SequenceNumber32(ackOffset);
    TcpSegmentInjector::Send(from, to, spec);
    RunFor(kExchange);
}

void
ConnectionHarness::RunFor(Time time)
{
    Simulator::Stop(time);
    Simulator::Run();
}

std::vector<LadderSegment>
ConnectionHarness::NewLadderSegments() const
{
    std::vector<LadderSegment> all = m_ladder->GetSegments();
    return std::vector<LadderSegment>(all.begin() + m_segmentMark, all.end());
}

std::vector<std::string>
ConnectionHarness::NewSegments() const
{
    return Ladder(NewLadderSegments());
}

std::vector<TcpResetEvent>
ConnectionHarness::NewResetsReceived() const
{
    std::vector<TcpResetEvent> result;
    for (std::size_t i = m_resetMark; i < m_resets.size(); ++i)
    {
        if (!m_resets[i].sent)
        {
            result.push_back(m_resets[i]);
        }
    }
    return result;
}

std::vector<TcpResetEvent>
ConnectionHarness::NewResetsSent() const
{
    std::vector<TcpResetEvent> result;
    for (std::size_t i = m_resetMark; i < m_resets.size(); ++i)
    {
        if (m_resets[i].sent)
        {
            result.push_back(m_resets[i]);
        }
    }
    return result;
}

} // namespace test
} // namespace ns3
