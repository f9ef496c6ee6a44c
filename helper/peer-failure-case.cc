/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "peer-failure-case.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/uinteger.h"

#include <stdexcept>
#include <string>

namespace ns3
{

PeerFailureCase::PeerFailureCase(std::string name,
                                 std::string title,
                                 std::string expected,
                                 std::vector<uint16_t> clientPorts)
    : RstCase(std::move(name), std::move(title), std::move(expected))
    , m_clientDown(std::make_shared<bool>(false))
{
    for (uint16_t port : clientPorts)
    {
        m_connections[port].clientPort = port;
    }
}

void
PeerFailureCase::Keepalive::AddOptions(CaseOptions& options)
{
    options.AddTime("idle", "TCP_KEEPIDLE on the server socket, [1s, 32767s]", idle);
    options.AddTime("interval", "TCP_KEEPINTVL, [1s, 32767s]", interval);
    options.Add("probes", "TCP_KEEPCNT, [1, 127]", probes);
}

void
PeerFailureCase::Keepalive::Validate() const
{
    if (idle < Seconds(1) || idle > Seconds(32767) || interval < Seconds(1) ||
        interval > Seconds(32767))
    {
        throw std::invalid_argument("--idle and --interval must be in [1s, 32767s]");
    }
    RequireInRange("probes", probes, 1U, 127U);
}

void
PeerFailureCase::Keepalive::Apply(Ptr<TcpRstSocket> socket, const CaseContext& ctx) const
{
    socket->SetAttribute("KeepIdle", TimeValue(idle));
    socket->SetAttribute("KeepIntvl", TimeValue(interval));
    socket->SetAttribute("KeepCnt", UintegerValue(probes));
    socket->SetAttribute("KeepAlive", BooleanValue(true));
    ctx.Note("server",
             "SO_KEEPALIVE idle=" + std::to_string(idle.GetMilliSeconds()) +
                 "ms interval=" + std::to_string(interval.GetMilliSeconds()) +
                 "ms probes=" + std::to_string(probes));
}

void
PeerFailureCase::ConfigureListener(Ptr<TcpRstSocket>)
{
}

void
PeerFailureCase::Schedule(CaseContext& ctx)
{
    CaseContext* c = &ctx;
    // The lab's crash: the router drops what goes to or comes from the crashed host.
    std::shared_ptr<bool> down = m_clientDown;
    auto whileDown = [down](const FilteredSegment&) { return *down; };
    ctx.fromClient->Drop(whileDown);
    ctx.fromServer->Drop(whileDown);

    m_listener = ctx.ListenOnServer(
        SERVER_PORT,
        [this, c](Ptr<TcpRstSocket> s, const InetSocketAddress& peer)
        {
            Connection& conn = Get(peer.GetPort());
            conn.server = s;
            s->SetRecvCallback(Callback<void, Ptr<Socket>>(
                [this, c, &conn](Ptr<Socket> sock)
                {
                    while (Ptr<Packet> p = sock->Recv())
                    {
                        if (p->GetSize() == 0)
                        {
                            break;
                        }
                        conn.read += p->GetSize();
                    }
                    bool all = true;
                    for (const auto& [port, other] : m_connections)
                    {
                        all = all && other.read >= 10;
                    }
                    if (all && !Connected())
                    {
                        m_connectedAt = Simulator::Now();
                        c->Note("server", "every client's 10 bytes read");
                        OnConnected(*c);
                    }
                }));
            s->SetCloseCallbacks(
                MakeNullCallback<void, Ptr<Socket>>(),
                Callback<void, Ptr<Socket>>(
                    [c, &conn](Ptr<Socket> sock)
                    {
                        auto rst = DynamicCast<TcpRstSocket>(sock);
                        conn.serverError = rst->GetSocketError();
                        conn.serverErrorAt = Simulator::Now();
                        c->Note("server",
                                "conn " + std::to_string(conn.clientPort) + ": SO_ERROR -> " +
                                    TcpRstSocket::SocketErrorName(conn.serverError));
                    }));
        },
        [this](Ptr<TcpRstSocket> listener) { ConfigureListener(listener); });

    Address server = InetSocketAddress(ctx.topology.serverAddress, SERVER_PORT);
    Time at = Seconds(1);
    for (auto& [port, conn] : m_connections)
    {
        conn.client = TcpRstHelper::CreateSocket(ctx.topology.client);
        Ptr<TcpRstSocket> client = conn.client;
        uint16_t p = port;
        client->SetConnectCallback(
            Callback<void, Ptr<Socket>>(
                [c, p](Ptr<Socket> s)
                {
                    s->Send(Create<Packet>(10));
                    c->Note("client", "conn " + std::to_string(p) + ": connect -> ok, send(10)");
                }),
            MakeNullCallback<void, Ptr<Socket>>());
        Simulator::Schedule(at,
                            [client, server, p]()
                            {
                                client->Bind(InetSocketAddress(Ipv4Address::GetAny(), p));
                                client->Connect(server);
                            });
        at += MilliSeconds(100);
    }
}

void
PeerFailureCase::CrashClient(CaseContext& ctx, Time after)
{
    m_hosts.Crash(ctx.topology.client, Simulator::Now() + after);
    std::shared_ptr<bool> down = m_clientDown;
    CaseContext* c = &ctx;
    Simulator::Schedule(after,
                        [down, c]()
                        {
                            *down = true;
                            c->Note("script",
                                    "host C CRASHED (TCP state lost, nothing sent; the router "
                                    "drops its traffic)");
                        });
}

void
PeerFailureCase::RebootClient(CaseContext& ctx, Time after, std::function<void()> restart)
{
    std::shared_ptr<bool> down = m_clientDown;
    CaseContext* c = &ctx;
    m_hosts.Reboot(ctx.topology.client,
                   Simulator::Now() + after,
                   [down, c, restart]()
                   {
                       *down = false;
                       c->Note("script", "host C REBOOTED (reachable again, no TCP state)");
                       if (restart)
                       {
                           restart();
                       }
                   });
}

PeerFailureCase::Connection&
PeerFailureCase::Get(uint16_t port)
{
    return m_connections.at(port);
}

const PeerFailureCase::Connection&
PeerFailureCase::Get(uint16_t port) const
{
    return m_connections.at(port);
}

bool
PeerFailureCase::Connected() const
{
    return m_connectedAt != Time::Max();
}

std::vector<const LadderSegment*>
PeerFailureCase::SegmentsAfterConnected(const CaseResult& result,
                                        uint16_t port,
                                        bool fromClient) const
{
    std::vector<const LadderSegment*> segments;
    for (const LadderSegment& s : result.segments)
    {
        if (s.time > m_connectedAt && s.clientPort == port && s.fromClient == fromClient &&
            !s.injected)
        {
            segments.push_back(&s);
        }
    }
    return segments;
}

} // namespace ns3
