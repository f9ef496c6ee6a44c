/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "connection-state-driver.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-helper.h"

#include <map>
#include <stdexcept>

namespace ns3
{

namespace
{
/// Time for a handshake, a close or a burst of data to settle (delayed ACKs included).
const Time kSettle = MilliSeconds(500);
/// Time for one exchange on short links, well below any retransmission timeout.
const Time kExchange = MilliSeconds(20);

SegmentPredicate
PureAck()
{
    return TcpSegmentFilter::FlagsAre(TcpHeader::ACK);
}

Address
SocketAddress(const Address& ip, uint16_t port)
{
    if (Ipv6Address::IsMatchingType(ip))
    {
        return Inet6SocketAddress(Ipv6Address::ConvertFrom(ip), port);
    }
    return InetSocketAddress(Ipv4Address::ConvertFrom(ip), port);
}

Address
AnyAddress(const Address& like, uint16_t port)
{
    if (Ipv6Address::IsMatchingType(like))
    {
        return Inet6SocketAddress(Ipv6Address::GetAny(), port);
    }
    return InetSocketAddress(Ipv4Address::GetAny(), port);
}
} // namespace

ConnectionStateDriver::ConnectionStateDriver(Ptr<Node> client,
                                             Ptr<Node> server,
                                             const Address& serverAddress,
                                             uint16_t serverPort,
                                             Ptr<TcpSegmentFilter> fromClient,
                                             Ptr<TcpSegmentFilter> fromServer)
    : m_clientNode(client)
    , m_serverNode(server)
    , m_serverAddress(serverAddress)
    , m_serverPort(serverPort)
    , m_fromClient(fromClient)
    , m_fromServer(fromServer)
{
}

void
ConnectionStateDriver::Create(uint32_t count, uint16_t firstClientPort)
{
    m_connections.resize(count);
    for (uint32_t i = 0; i < count; ++i)
    {
        Connection& c = m_connections[i];
        c.clientPort = static_cast<uint16_t>(firstClientPort + i);
        c.client = TcpRstHelper::CreateSocket(m_clientNode);
        Watch(c.client, &c.clientApp, true);
    }
}

void
ConnectionStateDriver::SetReading(bool client, bool reads)
{
    (client ? m_clientReads : m_serverReads) = reads;
}

void
ConnectionStateDriver::Watch(Ptr<TcpRstSocket> socket, AppView* view, bool client)
{
    const bool* reads = client ? &m_clientReads : &m_serverReads;
    socket->SetCloseCallbacks(
        Callback<void, Ptr<Socket>>([view](Ptr<Socket>) { view->normalClose = true; }),
        Callback<void, Ptr<Socket>>([view](Ptr<Socket>) { view->errorClose = true; }));
    socket->SetRecvCallback(Callback<void, Ptr<Socket>>(
        [reads](Ptr<Socket> s)
        {
            // An empty packet is the end of stream (ns-3 returns it forever in CLOSE_WAIT).
            for (Ptr<Packet> p = *reads ? s->Recv() : nullptr; p && p->GetSize() > 0; p = s->Recv())
            {
            }
        }));
}

void
ConnectionStateDriver::Listen()
{
    m_listener = TcpRstHelper::CreateSocket(m_serverNode);
    m_listener->Bind(AnyAddress(m_serverAddress, m_serverPort));
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  Callback<void, Ptr<Socket>, const Address&>(
                                      [this](Ptr<Socket> s, const Address& from)
                                      {
                                          uint16_t port =
                                              InetSocketAddress::IsMatchingType(from)
                                                  ? InetSocketAddress::ConvertFrom(from).GetPort()
                                                  : Inet6SocketAddress::ConvertFrom(from).GetPort();
                                          for (Connection& c : m_connections)
                                          {
                                              if (c.clientPort == port)
                                              {
                                                  c.server = DynamicCast<TcpRstSocket>(s);
                                                  Watch(c.server, &c.serverApp, false);
                                              }
                                          }
                                      }));
}

void
ConnectionStateDriver::ConnectAll()
{
    // Devices and queue discs are set up when the simulation starts: connect at 1 ms.
    Simulator::Schedule(
        MilliSeconds(1),
        [this]()
        {
            for (Connection& c : m_connections)
            {
                AppView* view = &c.clientApp;
                c.client->SetConnectCallback(
                    Callback<void, Ptr<Socket>>([view](Ptr<Socket>) { view->connected = true; }),
                    Callback<void, Ptr<Socket>>([view](Ptr<Socket>)
                                                { view->connectFailed = true; }));
                c.client->Bind(AnyAddress(m_serverAddress, c.clientPort));
                c.client->Connect(SocketAddress(m_serverAddress, m_serverPort));
            }
        });
}

void
ConnectionStateDriver::ExchangeData()
{
    RunFor(kSettle);
    for (Connection& c : m_connections)
    {
        if (!c.server || c.server->GetState() != TcpSocket::ESTABLISHED)
        {
            throw std::runtime_error("connection from port " + std::to_string(c.clientPort) +
                                     " was not established");
        }
        c.client->Send(ns3::Create<Packet>(kClientBytes), 0);
        c.server->Send(ns3::Create<Packet>(kServerBytes), 0);
    }
    RunFor(kSettle);
}

void
ConnectionStateDriver::Bring(TcpSocket::TcpStates_t state, bool subjectIsClient)
{
    auto shutdown = [this](bool client)
    {
        for (Connection& c : m_connections)
        {
            (client ? c.client : c.server)->ShutdownSend();
        }
    };
    Listen();
    bool isClient = true;
    switch (state)
    {
    case TcpSocket::SYN_SENT:
        m_fromClient->Drop(TcpSegmentFilter::FlagsAre(TcpHeader::SYN));
        ConnectAll();
        RunFor(kExchange);
        break;
    case TcpSocket::SYN_RCVD:
        for (const Connection& c : m_connections)
        {
            // the handshake's third segment
            m_fromClient->Drop(
                TcpSegmentFilter::And(PureAck(), TcpSegmentFilter::FromPort(c.clientPort)), 0, 1);
        }
        ConnectAll();
        RunFor(kExchange);
        for (Ptr<TcpRstSocket> s : TcpRstHelper::GetTcp(m_serverNode)->GetSockets())
        {
            if (s->GetState() != TcpSocket::SYN_RCVD)
            {
                continue;
            }
            for (Connection& c : m_connections)
            {
                if (!c.server && c.clientPort == s->GetPeerPort())
                {
                    c.server = s;
                }
            }
        }
        isClient = false;
        break;
    case TcpSocket::ESTABLISHED:
        ConnectAll();
        ExchangeData();
        isClient = subjectIsClient;
        break;
    case TcpSocket::CLOSE_WAIT:
    case TcpSocket::FIN_WAIT_2:
        ConnectAll();
        ExchangeData();
        shutdown(true);
        RunFor(kSettle);
        isClient = state == TcpSocket::FIN_WAIT_2;
        break;
    case TcpSocket::FIN_WAIT_1:
        ConnectAll();
        ExchangeData();
        m_fromServer->Drop(PureAck());
        shutdown(true);
        RunFor(kExchange);
        break;
    case TcpSocket::LAST_ACK:
        ConnectAll();
        ExchangeData();
        shutdown(true);
        RunFor(kSettle);
        m_fromClient->Drop(PureAck());
        shutdown(false);
        RunFor(kExchange);
        isClient = false;
        break;
    case TcpSocket::CLOSING:
        ConnectAll();
        ExchangeData();
        m_fromServer->Drop(PureAck());
        shutdown(true);
        shutdown(false); // the FINs cross
        RunFor(kExchange);
        break;
    case TcpSocket::TIME_WAIT:
        ConnectAll();
        ExchangeData();
        shutdown(true);
        RunFor(kSettle);
        shutdown(false);
        RunFor(kExchange);
        break;
    default:
        throw std::invalid_argument(std::string("cannot bring a connection into ") +
                                    TcpSocket::TcpStateName[state]);
    }
    for (Connection& c : m_connections)
    {
        c.subjectIsClient = isClient;
        Ptr<TcpRstSocket> subject = Subject(c);
        // Under the Linux TimeWait policy TIME_WAIT is a timewait entry of the node and the
        // socket itself is CLOSED (tcp_time_wait()).
        bool timeWaitEntry =
            state == TcpSocket::TIME_WAIT && subject && subject->GetState() == TcpSocket::CLOSED &&
            TcpRstHelper::GetTcp(isClient ? m_clientNode : m_serverNode)->GetTimeWaitCount() >=
                m_connections.size();
        if (!subject || (subject->GetState() != state && !timeWaitEntry))
        {
            throw std::runtime_error(
                std::string("subject is in ") +
                (subject ? TcpSocket::TcpStateName[subject->GetState()] : "no socket") + ", not " +
                TcpSocket::TcpStateName[state]);
        }
    }
}

std::vector<ConnectionStateDriver::Connection>&
ConnectionStateDriver::GetConnections()
{
    return m_connections;
}

Ptr<TcpRstSocket>
ConnectionStateDriver::Subject(const Connection& c)
{
    return c.subjectIsClient ? c.client : c.server;
}

void
ConnectionStateDriver::RunFor(Time time)
{
    Simulator::Stop(time);
    Simulator::Run();
}

} // namespace ns3
