/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "time-wait-case.h"

#include "ns3/inet-socket-address.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-l4-protocol.h"

namespace ns3
{

const TcpTimeWaitState*
TimeWaitCase::ServerTimeWait(const CaseContext& ctx, uint16_t port)
{
    return TcpRstHelper::GetTcp(ctx.topology.server)
        ->FindTimeWait(InetSocketAddress(ctx.topology.serverAddress, SERVER_PORT),
                       InetSocketAddress(ctx.topology.clientAddress, port));
}

const TcpTimeWaitState*
TimeWaitCase::TimeWaitAtStart(uint16_t port) const
{
    auto it = m_started.find(port);
    return it == m_started.end() ? nullptr : &it->second;
}

void
TimeWaitCase::OnEstablished(CaseContext& ctx, Connection& conn)
{
    SendLater(ctx, conn, true, 50, Time(0));
}

void
TimeWaitCase::OnRead(CaseContext& ctx, Connection& conn, bool client, uint32_t)
{
    if (!client && conn.serverRead == 50)
    {
        // As the captures: send(100), then close() a fraction of a millisecond later.
        SendLater(ctx, conn, false, 100, Time(0));
        CallLater(ctx,
                  conn,
                  false,
                  MicroSeconds(300),
                  "close()",
                  [](Ptr<TcpRstSocket> s) { s->Close(); });
    }
}

void
TimeWaitCase::OnEof(CaseContext& ctx, Connection& conn, bool client)
{
    if (!client || conn.clientRead < 100)
    {
        return;
    }
    CallLater(ctx, conn, true, Time(0), "close()", [](Ptr<TcpRstSocket> s) { s->Close(); });
    WaitForTimeWait(ctx, conn, 0);
}

// The client's FIN and the server's ACK of it: then the server is in TIME_WAIT (not its
// orphan FIN_WAIT_2, which is what a lost client FIN leaves for a while).
void
TimeWaitCase::WaitForTimeWait(CaseContext& ctx, Connection& conn, uint32_t tries)
{
    CaseContext* c = &ctx;
    Connection* cn = &conn;
    Simulator::Schedule(ctx.topology.RoundTrip() * 2 + MilliSeconds(1),
                        [this, c, cn, tries]()
                        {
                            const TcpTimeWaitState* tw = ServerTimeWait(*c, cn->clientPort);
                            TcpTimeWaitState stock; // TimeWait=Stock: the socket stays
                            if (!tw && cn->server && cn->server->GetState() == TcpSocket::TIME_WAIT)
                            {
                                stock.rcvNxt = cn->server->GetRcvNxt();
                                stock.sndNxt = cn->server->GetSndNxt();
                                tw = &stock;
                            }
                            bool timeWait = tw && tw->substate == TcpTimeWaitState::TIME_WAIT;
                            if (!timeWait && tries < 40)
                            {
                                WaitForTimeWait(*c, *cn, tries + 1);
                                return;
                            }
                            if (!timeWait)
                            {
                                c->Note("server:" + std::to_string(cn->clientPort),
                                        "no TIME_WAIT (the close did not complete)");
                                return;
                            }
                            m_started[cn->clientPort] = *tw;
                            c->Note("server:" + std::to_string(cn->clientPort),
                                    "TIME_WAIT: rcv_nxt=" + std::to_string(tw->rcvNxt.GetValue()) +
                                        " ts_recent=" + std::to_string(tw->tsRecent));
                            OnTimeWait(*c, *cn, *tw);
                        });
}

} // namespace ns3
