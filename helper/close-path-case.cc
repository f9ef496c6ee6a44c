/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "close-path-case.h"

#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-helper.h"

namespace ns3
{

ClosePathCase::ClosePathCase(std::string name,
                             std::string title,
                             std::string expected,
                             std::vector<uint16_t> clientPorts)
    : RstCase(std::move(name), std::move(title), std::move(expected))
    , m_order(clientPorts)
{
    for (uint16_t port : clientPorts)
    {
        m_connections[port].clientPort = port;
    }
}

void
ClosePathCase::Prepare(CaseContext&)
{
}

void
ClosePathCase::OnEof(CaseContext&, Connection&, bool)
{
}

void
ClosePathCase::OnRead(CaseContext&, Connection&, bool, uint32_t)
{
}

Time
ClosePathCase::ConnectAt(std::size_t index) const
{
    return Seconds(1) + MilliSeconds(100) * static_cast<int64_t>(index);
}

ClosePathCase::Connection&
ClosePathCase::Get(uint16_t port)
{
    return m_connections.at(port);
}

const ClosePathCase::Connection&
ClosePathCase::Get(uint16_t port) const
{
    return m_connections.at(port);
}

void
ClosePathCase::Schedule(CaseContext& ctx)
{
    CaseContext* c = &ctx;
    Prepare(ctx);
    m_listener = ctx.ListenOnServer(SERVER_PORT,
                                    [this, c](Ptr<TcpRstSocket> s, const InetSocketAddress& peer)
                                    { Accepted(*c, s, peer.GetPort()); });
    for (std::size_t i = 0; i < m_order.size(); ++i)
    {
        Connection* conn = &m_connections[m_order[i]];
        Simulator::Schedule(ConnectAt(i), [this, c, conn]() { Connect(*c, *conn); });
    }
}

void
ClosePathCase::Connect(CaseContext& ctx, Connection& conn)
{
    CaseContext* c = &ctx;
    Connection* cn = &conn;
    conn.client = TcpRstHelper::CreateSocket(ctx.topology.client);
    std::string who = "client:" + std::to_string(conn.clientPort);
    conn.client->SetConnectCallback(
        Callback<void, Ptr<Socket>>(
            [this, c, cn, who](Ptr<Socket>)
            {
                c->Note(who, "connect -> ok");
                MaybeEstablished(*c, *cn);
            }),
        Callback<void, Ptr<Socket>>(
            [c, cn, who](Ptr<Socket>)
            {
                c->Note(who,
                        std::string("connect -> ") +
                            TcpRstSocket::SocketErrorName(cn->client->GetSocketError()));
            }));
    conn.client->SetRecvCallback(
        Callback<void, Ptr<Socket>>([this, c, cn](Ptr<Socket>) { ReadNow(*c, *cn, true); }));
    conn.client->SetCloseCallbacks(
        Callback<void, Ptr<Socket>>(
            [this, c, cn, who](Ptr<Socket>)
            {
                if (cn->client->GetState() == TcpSocket::CLOSE_WAIT && !cn->clientEof)
                {
                    cn->clientEof = true;
                    c->Note(who, "recv -> 0 bytes (EOF)");
                    OnEof(*c, *cn, true);
                }
            }),
        Callback<void, Ptr<Socket>>(
            [c, cn, who](Ptr<Socket>)
            {
                cn->clientError = cn->client->GetSocketError();
                c->Note(who,
                        std::string("recv -> ") + TcpRstSocket::SocketErrorName(cn->clientError));
            }));
    conn.client->Bind(InetSocketAddress(Ipv4Address::GetAny(), conn.clientPort));
    conn.client->Connect(InetSocketAddress(ctx.topology.serverAddress, SERVER_PORT));
    ctx.Note(who,
             "connect(" +
                 FormatEndpoint(InetSocketAddress(ctx.topology.serverAddress, SERVER_PORT)) + ")");
}

void
ClosePathCase::Accepted(CaseContext& ctx, Ptr<TcpRstSocket> socket, uint16_t port)
{
    auto it = m_connections.find(port);
    if (it == m_connections.end())
    {
        return;
    }
    CaseContext* c = &ctx;
    Connection* cn = &it->second;
    cn->server = socket;
    std::string who = "server:" + std::to_string(port);
    socket->SetRecvCallback(Callback<void, Ptr<Socket>>(
        [this, c, cn](Ptr<Socket>)
        {
            if (cn->serverReads)
            {
                ReadNow(*c, *cn, false);
            }
        }));
    socket->SetCloseCallbacks(
        Callback<void, Ptr<Socket>>(
            [this, c, cn, who](Ptr<Socket>)
            {
                if (cn->server->GetState() == TcpSocket::CLOSE_WAIT && !cn->serverEof)
                {
                    cn->serverEof = true;
                    c->Note(who, "recv -> 0 bytes (EOF)");
                    OnEof(*c, *cn, false);
                }
            }),
        Callback<void, Ptr<Socket>>(
            [c, cn, who](Ptr<Socket>)
            {
                cn->serverError = cn->server->GetSocketError();
                c->Note(who,
                        std::string("recv -> ") + TcpRstSocket::SocketErrorName(cn->serverError));
            }));
    MaybeEstablished(ctx, *cn);
}

void
ClosePathCase::MaybeEstablished(CaseContext& ctx, Connection& conn)
{
    bool clientUp = conn.client && conn.client->GetState() == TcpSocket::ESTABLISHED;
    if (!clientUp || !conn.server || conn.establishedAt != Time::Max())
    {
        return;
    }
    conn.establishedAt = Simulator::Now();
    OnEstablished(ctx, conn);
}

void
ClosePathCase::ReadNow(CaseContext& ctx, Connection& conn, bool fromClient)
{
    Ptr<Socket> socket = fromClient ? conn.client : conn.server;
    uint32_t& read = fromClient ? conn.clientRead : conn.serverRead;
    std::string who = (fromClient ? "client:" : "server:") + std::to_string(conn.clientPort);
    uint32_t now = 0;
    while (Ptr<Packet> p = socket->Recv())
    {
        if (p->GetSize() == 0)
        {
            break;
        }
        now += p->GetSize();
    }
    if (now > 0)
    {
        read += now;
        ctx.Note(who, "recv -> " + std::to_string(now) + " bytes");
        OnRead(ctx, conn, fromClient, now);
    }
}

void
ClosePathCase::SendLater(
    CaseContext& ctx, Connection& conn, bool fromClient, uint32_t bytes, Time after) const
{
    CaseContext* c = &ctx;
    Connection* cn = &conn;
    Simulator::Schedule(
        after,
        [c, cn, fromClient, bytes]()
        {
            Ptr<TcpRstSocket> s = fromClient ? cn->client : cn->server;
            int sent = s->Send(Create<Packet>(bytes));
            std::string who = (fromClient ? "client:" : "server:") + std::to_string(cn->clientPort);
            c->Note(who,
                    "send(" + std::to_string(bytes) + ") -> " +
                        (sent >= 0
                             ? std::to_string(sent)
                             : std::string(TcpRstSocket::SocketErrorName(s->GetSocketError()))));
        });
}

void
ClosePathCase::CallLater(CaseContext& ctx,
                         Connection& conn,
                         bool fromClient,
                         Time after,
                         const std::string& what,
                         std::function<void(Ptr<TcpRstSocket>)> action) const
{
    CaseContext* c = &ctx;
    Connection* cn = &conn;
    Simulator::Schedule(
        after,
        [c, cn, fromClient, what, action]()
        {
            Ptr<TcpRstSocket> s = fromClient ? cn->client : cn->server;
            c->Note((fromClient ? "client:" : "server:") + std::to_string(cn->clientPort), what);
            action(s);
        });
}

std::vector<const LadderSegment*>
ClosePathCase::Segments(const CaseResult& result, uint16_t port, bool fromClient, Time after)
{
    std::vector<const LadderSegment*> segments;
    for (const LadderSegment& s : result.segments)
    {
        if (s.clientPort == port && s.fromClient == fromClient && !s.injected && s.time >= after)
        {
            segments.push_back(&s);
        }
    }
    return segments;
}

bool
ClosePathCase::InjectedLost(const CaseResult& result, uint16_t port, Time from)
{
    for (const LadderSegment& s : result.segments)
    {
        if (s.clientPort == port && s.injected && s.lost && s.time >= from)
        {
            return true;
        }
    }
    return false;
}

} // namespace ns3
