/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/close-path-case.h"
#include "ns3/inet-socket-address.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-l4-protocol.h"

#include <memory>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 3: close() that aborts, with a graceful control connection.
 *
 * The first connection closes abortively: the client with SO_LINGER {on, 0} (capture 03a,
 * `linger-abort`) or the server with unread data (03b, `unread-close`). The closer sends
 * `R. seq=SND.NXT ack=RCV.NXT` with its window and timestamp, no FIN, keeps no TIME_WAIT; the
 * peer's application reads ECONNRESET, and its next send() fails with EPIPE. The second
 * connection is the control: SO_LINGER {on, LingerTime > 0}, or everything read, closes with
 * a FIN.
 */
class AbortiveCloseCase : public ClosePathCase
{
  public:
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

  protected:
    /// \param linger SO_LINGER {on, 0} (else close() with unread data) \param ports the ports
    AbortiveCloseCase(bool linger, std::vector<uint16_t> ports);
    void OnEstablished(CaseContext& ctx, Connection& conn) override;

  private:
    /// \param ctx the scenario \return close() this long after connecting: the data has arrived
    Time CloseDelay(const CaseContext& ctx) const;

    bool m_linger;                             //!< which abortive close
    uint16_t m_abortPort;                      //!< the aborted connection
    uint16_t m_controlPort;                    //!< the graceful one
    uint32_t m_dataBytes{100};                 //!< what the client sends first
    Time m_closeAfter{MilliSeconds(500)};      //!< close() this long after connecting
    std::shared_ptr<uint32_t> m_unreadAtClose; //!< bytes unread when the server closed
};

/// Capture 03a: SO_LINGER {on, 0} + close().
class LingerAbortCase : public AbortiveCloseCase
{
  public:
    LingerAbortCase()
        : AbortiveCloseCase(true, {40031, 40032})
    {
    }
};

/// Capture 03b: close() with unread data.
class UnreadCloseCase : public AbortiveCloseCase
{
  public:
    UnreadCloseCase()
        : AbortiveCloseCase(false, {40033, 40034})
    {
    }
};

AbortiveCloseCase::AbortiveCloseCase(bool linger, std::vector<uint16_t> ports)
    : ClosePathCase(linger ? "linger-abort" : "unread-close",
                    linger ? "seed case 3: SO_LINGER {on, 0} then close(): a reset instead of a FIN"
                           : "seed case 3: close() with unread data: a reset instead of a FIN",
                    linger ? "C>S R. seq=SND.NXT ack=RCV.NXT (TCP_ABORT_ON_LINGER), peer ECONNRESET"
                           : "S>C R. seq=SND.NXT ack=RCV.NXT (TCP_ABORT_ON_CLOSE), peer ECONNRESET",
                    ports)
    , m_linger(linger)
    , m_abortPort(ports[0])
    , m_controlPort(ports[1])
    , m_unreadAtClose(std::make_shared<uint32_t>(0))
{
}

void
AbortiveCloseCase::AddOptions(CaseOptions& options)
{
    options.Add("dataBytes", "bytes the client sends first, [1, 65536]", m_dataBytes);
    options.AddTime("closeAfter", "close() this long after connecting, [1ms, 10s]", m_closeAfter);
}

void
AbortiveCloseCase::Validate() const
{
    RequireInRange("dataBytes", m_dataBytes, 1U, 65536U);
    RequireInRange("closeAfter", m_closeAfter, MilliSeconds(1), Seconds(10));
}

Time
AbortiveCloseCase::GetDuration(const CaseContext& ctx) const
{
    return Seconds(3) + CloseDelay(ctx) * 2 + ctx.LinkAllowance() * 2;
}

Time
AbortiveCloseCase::CloseDelay(const CaseContext& ctx) const
{
    return m_closeAfter + ctx.topology.RoundTrip();
}

void
AbortiveCloseCase::OnEstablished(CaseContext& ctx, Connection& conn)
{
    bool abort = conn.clientPort == m_abortPort;
    conn.serverReads = !(abort && !m_linger); // 03b: the server never reads
    SendLater(ctx, conn, true, m_dataBytes, Time(0));
    if (m_linger)
    {
        Time lingerTime = abort ? Time(0) : Seconds(5);
        CallLater(ctx,
                  conn,
                  true,
                  CloseDelay(ctx),
                  std::string("setsockopt SO_LINGER {on, ") +
                      std::to_string(lingerTime.GetSeconds()) + "} + close()",
                  [lingerTime](Ptr<TcpRstSocket> s)
                  {
                      s->SetLinger(true, lingerTime);
                      s->Close();
                  });
    }
    else
    {
        auto unread = m_unreadAtClose;
        CallLater(ctx,
                  conn,
                  false,
                  CloseDelay(ctx),
                  abort ? "close() with the data unread" : "close() after reading everything",
                  [abort, unread](Ptr<TcpRstSocket> s)
                  {
                      if (abort)
                      {
                          *unread = s->GetRxAvailable();
                      }
                      s->Close();
                  });
    }
    if (abort)
    {
        // The peer's application writes again after the reset: EPIPE.
        SendLater(ctx,
                  conn,
                  !m_linger,
                  10,
                  CloseDelay(ctx) + ctx.topology.RoundTrip() * 4 + MilliSeconds(100));
    }
}

void
AbortiveCloseCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    const Connection& abort = Get(m_abortPort);
    bool closerIsClient = m_linger;
    Time closeAt =
        abort.establishedAt == Time::Max() ? Time::Max() : abort.establishedAt + CloseDelay(ctx);
    if (closeAt == Time::Max())
    {
        result.NotTriggered("the connection never opened");
        return;
    }
    if (!m_linger && *m_unreadAtClose == 0)
    {
        result.NotTriggered("the data had not arrived when the server closed");
        return;
    }
    int64_t sndNxt = closerIsClient ? m_dataBytes + 1 : 1;
    int64_t rcvNxt = closerIsClient ? 1 : m_dataBytes + 1;
    const LadderSegment* rst = nullptr;
    bool fin = false;
    for (const LadderSegment* s : Segments(result, m_abortPort, closerIsClient, closeAt))
    {
        fin = fin || (s->header.GetFlags() & TcpHeader::FIN);
        rst = (!rst && (s->header.GetFlags() & TcpHeader::RST)) ? s : rst;
    }
    RstReason reason = m_linger ? RstReason::TCP_ABORT_ON_LINGER : RstReason::TCP_ABORT_ON_CLOSE;
    std::string who = closerIsClient ? "C>S" : "S>C";
    result.Check(who + " R. seq=SND.NXT(" + std::to_string(sndNxt) + ") ack=RCV.NXT(" +
                     std::to_string(rcvNxt) + ") with window and timestamp, reason " +
                     RstReasonName(reason),
                 rst && rst->flags == "RA" && rst->seq == sndNxt && rst->ack &&
                     *rst->ack == rcvNxt && rst->window > 0 &&
                     rst->header.HasOption(TcpOption::TS) && rst->reason && *rst->reason == reason,
                 rst ? DescribeReset(*rst) : "no reset");
    result.Check("no FIN from the closer", !fin, fin ? "a FIN was sent" : "");
    if (rst && rst->lost)
    {
        result.NotTriggered("the reset was lost on the way");
        return;
    }
    Ptr<TcpRstSocket> closer = closerIsClient ? abort.client : abort.server;
    Ptr<TcpRstL4Protocol> closerTcp =
        TcpRstHelper::GetTcp(closerIsClient ? ctx.topology.client : ctx.topology.server);
    InetSocketAddress clientEnd(ctx.topology.clientAddress, m_abortPort);
    InetSocketAddress serverEnd(ctx.topology.serverAddress, SERVER_PORT);
    bool timeWait = closerIsClient ? closerTcp->FindTimeWait(clientEnd, serverEnd) != nullptr
                                   : closerTcp->FindTimeWait(serverEnd, clientEnd) != nullptr;
    result.Check("the closer's socket is gone, no TIME_WAIT",
                 closer && closer->GetState() == TcpSocket::CLOSED && !timeWait,
                 closer ? std::string(TcpSocket::TcpStateName[closer->GetState()]) +
                              (timeWait ? ", TIME_WAIT" : "")
                        : "no socket");
    TcpRstSocket::SocketError peerError = closerIsClient ? abort.serverError : abort.clientError;
    Ptr<TcpRstSocket> peer = closerIsClient ? abort.server : abort.client;
    result.Check("the peer's application reads ECONNRESET, then send() fails with EPIPE",
                 peerError == TcpRstSocket::CONNECTION_RESET && peer &&
                     peer->GetSocketError() == TcpRstSocket::BROKEN_PIPE,
                 std::string(TcpRstSocket::SocketErrorName(peerError)) + " then " +
                     (peer ? TcpRstSocket::SocketErrorName(peer->GetSocketError()) : "?"));
    TcpStat counter = m_linger ? TcpStat::AbortOnLinger : TcpStat::AbortOnClose;
    uint64_t count = closerTcp->GetCounters().Get(counter);
    result.Check(std::string("the closer counts ") + TcpRstCounters::Name(counter) + " = 1",
                 count == 1,
                 std::to_string(count));
    bool controlFin = false;
    bool controlRst = false;
    for (const LadderSegment& s : result.segments)
    {
        if (s.clientPort == m_controlPort && s.fromClient == closerIsClient)
        {
            controlFin = controlFin || (s.header.GetFlags() & TcpHeader::FIN);
            controlRst = controlRst || (s.header.GetFlags() & TcpHeader::RST);
        }
    }
    result.Check(std::string("control connection ") + std::to_string(m_controlPort) +
                     (m_linger ? " (SO_LINGER {on, 5 s})" : " (everything read)") +
                     ": close() sends a FIN, no reset",
                 controlFin && !controlRst,
                 std::string(controlFin ? "FIN" : "no FIN") + (controlRst ? ", reset" : ""));
}

TCP_RST_REGISTER_CASE(LingerAbortCase, 3);
TCP_RST_REGISTER_CASE(UnreadCloseCase, 3);

} // namespace ns3
