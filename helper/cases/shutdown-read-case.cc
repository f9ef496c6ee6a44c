/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/close-path-case.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-l4-protocol.h"

#include <memory>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 10: data reaching a connection whose receive side is shut, as the Linux
 * captures 10a-10e, plus the seed note's (Windows') variant.
 *
 * Each connection's server does one thing, then the client sends 100 bytes:
 * 40101 shutdown(SHUT_RD) alone (10a: ACKed, queued, read later; no reset);
 * 40102 close() (10b: the orphan's FIN_WAIT_2 answers `R seq=SEG.ACK`);
 * 40103 shutdown(SHUT_WR) (10c control: delivered);
 * 40104 shutdown(SHUT_RDWR) (10d: `R seq=SEG.ACK`, TCP_ABORT_ON_DATA, the server reads ECONNRESET);
 * 40105 close() with its FIN lost (10e: FIN_WAIT_1 answers `R seq=SEG.ACK`, not covering the FIN);
 * 40106 shutdown(SHUT_RD) alone with DataAfterShutdown=Windows (reset, the seed's variant).
 */
class ShutdownReadCase : public ClosePathCase
{
  public:
    ShutdownReadCase();
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

  protected:
    void Prepare(CaseContext& ctx) override;
    Time ConnectAt(std::size_t index) const override;
    void OnEstablished(CaseContext& ctx, Connection& conn) override;
    void OnEof(CaseContext& ctx, Connection& conn, bool client) override;

  private:
    /// \param result the result \param port a connection \param after from when
    /// \return the server's first reset after that time
    static const LadderSegment* ServerReset(const CaseResult& result, uint16_t port, Time after);

    uint32_t m_dataBytes{100};           //!< what the client sends into the shut side
    Time m_sendAfter{MilliSeconds(500)}; //!< ... this long after the server's call
    std::map<uint16_t, Time> m_sentAt;   //!< when the client sent it
};

namespace
{
constexpr uint16_t kShutRd = 40101;        // 10a
constexpr uint16_t kCloseFinWait2 = 40102; // 10b
constexpr uint16_t kShutWr = 40103;        // 10c
constexpr uint16_t kShutRdWr = 40104;      // 10d
constexpr uint16_t kCloseFinWait1 = 40105; // 10e
constexpr uint16_t kWindows = 40106;       // the seed's variant
} // namespace

ShutdownReadCase::ShutdownReadCase()
    : ClosePathCase("shutdown-read",
                    "seed case 10: data after shutdown(SHUT_RD) / close() (FIN_WAIT_1/2 reset)",
                    "S>C R seq=SEG.ACK in FIN_WAIT_1/2 (TCP_ABORT_ON_DATA); none after SHUT_RD "
                    "alone",
                    {kShutRd, kCloseFinWait2, kShutWr, kShutRdWr, kCloseFinWait1, kWindows})
{
}

void
ShutdownReadCase::AddOptions(CaseOptions& options)
{
    options.Add("dataBytes", "bytes the client sends into the shut side, [1, 65536]", m_dataBytes);
    options.AddTime(
        "sendAfter", "the client sends this long after the server's call, [1ms, 30s]", m_sendAfter);
}

void
ShutdownReadCase::Validate() const
{
    RequireInRange("dataBytes", m_dataBytes, 1U, 65536U);
    RequireInRange("sendAfter", m_sendAfter, MilliSeconds(1), Seconds(30));
}

Time
ShutdownReadCase::ConnectAt(std::size_t index) const
{
    return Seconds(1) + (m_sendAfter * 3 + Seconds(1)) * static_cast<int64_t>(index);
}

Time
ShutdownReadCase::GetDuration(const CaseContext& ctx) const
{
    return ConnectAt(6) + ctx.LinkAllowance() * 4;
}

void
ShutdownReadCase::Prepare(CaseContext& ctx)
{
    // 10e: the server's first FIN of that connection is lost.
    ctx.fromServer->Drop(TcpSegmentFilter::And(TcpSegmentFilter::FromPort(SERVER_PORT),
                                               [](const FilteredSegment& s)
                                               {
                                                   return s.header.GetDestinationPort() ==
                                                              kCloseFinWait1 &&
                                                          (s.header.GetFlags() & TcpHeader::FIN);
                                               }),
                         0,
                         1);
}

void
ShutdownReadCase::OnEstablished(CaseContext& ctx, Connection& conn)
{
    uint16_t port = conn.clientPort;
    Time callAt = MilliSeconds(1) + ctx.topology.RoundTrip() * 2;
    if (port != kShutRd && port != kWindows)
    {
        SendLater(ctx, conn, true, 10, Time(0)); // read by the server before its call
    }
    // The server's FIN and its ACK have crossed before the data is sent, on any link.
    Time sendAt = callAt + m_sendAfter + ctx.topology.RoundTrip() * 2;
    switch (port)
    {
    case kShutRd:
    case kWindows:
        if (port == kWindows)
        {
            conn.server->SetAttribute("DataAfterShutdown", StringValue("Windows"));
            ctx.Note("server:" + std::to_string(port), "DataAfterShutdown=Windows");
        }
        conn.serverReads = false; // reads once, later
        CallLater(ctx,
                  conn,
                  false,
                  callAt,
                  "shutdown(SHUT_RD)",
                  [](Ptr<TcpRstSocket> s) { s->ShutdownRecv(); });
        SendLater(ctx, conn, true, m_dataBytes, sendAt);
        {
            // The second write once the first is acknowledged (no Nagle hold), the read and
            // the close after both arrived, on any link.
            Time rtt = ctx.topology.RoundTrip();
            SendLater(ctx, conn, true, m_dataBytes, sendAt + m_sendAfter / 2 + rtt * 2);
            CallLater(ctx,
                      conn,
                      false,
                      sendAt + m_sendAfter + rtt * 4,
                      "recv()",
                      [this, &ctx, &conn](Ptr<TcpRstSocket>) { ReadNow(ctx, conn, false); });
            CallLater(ctx,
                      conn,
                      false,
                      sendAt + m_sendAfter * 2 + rtt * 4,
                      "close()",
                      [](Ptr<TcpRstSocket> s) { s->Close(); });
        }
        break;
    case kCloseFinWait2:
    case kCloseFinWait1:
        CallLater(ctx, conn, false, callAt, "close()", [](Ptr<TcpRstSocket> s) { s->Close(); });
        SendLater(ctx,
                  conn,
                  true,
                  m_dataBytes,
                  port == kCloseFinWait1 ? callAt + m_sendAfter / 5 : sendAt);
        break;
    case kShutWr:
        CallLater(ctx,
                  conn,
                  false,
                  callAt,
                  "shutdown(SHUT_WR)",
                  [](Ptr<TcpRstSocket> s) { s->ShutdownSend(); });
        SendLater(ctx, conn, true, m_dataBytes, sendAt);
        // 10c: the client still sends into the half-closed connection, then closes.
        CallLater(ctx,
                  conn,
                  true,
                  sendAt + m_sendAfter * 3 / 5 + ctx.topology.RoundTrip() * 2,
                  "close()",
                  [](Ptr<TcpRstSocket> s) { s->Close(); });
        break;
    case kShutRdWr:
        CallLater(ctx,
                  conn,
                  false,
                  callAt,
                  "shutdown(SHUT_RDWR)",
                  [](Ptr<TcpRstSocket> s)
                  {
                      s->ShutdownRecv();
                      s->ShutdownSend();
                  });
        SendLater(ctx, conn, true, m_dataBytes, sendAt);
        break;
    }
    m_sentAt[port] =
        Simulator::Now() + (port == kCloseFinWait1 ? callAt + m_sendAfter / 5 : sendAt);
}

void
ShutdownReadCase::OnEof(CaseContext& ctx, Connection& conn, bool client)
{
    if (client && (conn.clientPort == kShutRd || conn.clientPort == kShutWr))
    {
        if (conn.clientPort == kShutRd)
        {
            // 10a: the client reads EOF a while later, then closes.
            CallLater(ctx,
                      conn,
                      true,
                      m_sendAfter / 5,
                      "close()",
                      [](Ptr<TcpRstSocket> s) { s->Close(); });
        }
    }
    if (client && conn.clientPort == kCloseFinWait2)
    {
        // After the reset: the half-closed client's next send() fails with EPIPE.
        SendLater(ctx, conn, true, 10, m_sendAfter + ctx.topology.RoundTrip() * 4);
    }
    if (!client && conn.clientPort == kShutWr)
    {
        CallLater(ctx, conn, false, Time(0), "close()", [](Ptr<TcpRstSocket> s) { s->Close(); });
    }
}

const LadderSegment*
ShutdownReadCase::ServerReset(const CaseResult& result, uint16_t port, Time after)
{
    for (const LadderSegment* s : Segments(result, port, false, after))
    {
        if (s->header.GetFlags() & TcpHeader::RST)
        {
            return s;
        }
    }
    return nullptr;
}

void
ShutdownReadCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    if (m_sentAt.size() != 6)
    {
        result.NotTriggered("not every connection opened");
        return;
    }
    for (uint16_t port : {kCloseFinWait2, kShutWr, kShutRdWr, kCloseFinWait1})
    {
        if (Get(port).serverRead < 10)
        {
            result.NotTriggered("conn " + std::to_string(port) +
                                ": the first 10 bytes had not arrived before the server's call");
            return;
        }
    }
    for (uint16_t port : {kShutRd, kCloseFinWait2, kShutWr, kShutRdWr, kCloseFinWait1, kWindows})
    {
        for (const LadderSegment* s : Segments(result, port, true, m_sentAt.at(port)))
        {
            if (s->lost && s->length > 0)
            {
                result.NotTriggered("conn " + std::to_string(port) +
                                    ": the client's data was lost on the way");
                return;
            }
        }
    }
    for (const LadderSegment* s : Segments(result, kShutRd, false, m_sentAt.at(kShutRd)))
    {
        if (s->lost)
        {
            result.NotTriggered("conn 40101: an ACK of the data was lost (the second write "
                                "then waits for a retransmission)");
            return;
        }
    }
    auto resetCheck = [&](uint16_t port, int64_t seq, RstReason reason, const std::string& what)
    {
        const LadderSegment* rst = ServerReset(result, port, m_sentAt.at(port));
        result.Check("conn " + std::to_string(port) + " (" + what +
                         "): the data gets S>C R seq=" + std::to_string(seq) +
                         " (SEG.ACK), window 0, no options, reason " + RstReasonName(reason),
                     rst && rst->flags == "R" && rst->seq == seq && rst->window == 0 &&
                         rst->header.GetOptionList().empty() && rst->reason &&
                         *rst->reason == reason,
                     rst ? DescribeReset(*rst) : "no reset");
    };
    // 10a: SHUT_RD alone.
    const Connection& a = Get(kShutRd);
    result.Check("conn 40101 (SHUT_RD alone): no reset; the data is ACKed and a later recv() "
                 "returns all of it",
                 ServerReset(result, kShutRd, Time(0)) == nullptr &&
                     a.serverRead == 2 * m_dataBytes,
                 std::to_string(a.serverRead) + " bytes read");
    // 10b: close(), FIN_WAIT_2 orphan (a timewait entry in Linux).
    // Linux: the orphan's FIN_WAIT_2 is a timewait entry (TCP_TW_RST); when the ACK of the FIN
    // was lost the orphan is still in FIN_WAIT_1 and resets as 40105 does.
    const LadderSegment* b2 = ServerReset(result, kCloseFinWait2, m_sentAt.at(kCloseFinWait2));
    bool finWait1 = b2 && b2->reason && *b2->reason == RstReason::TCP_ABORT_ON_DATA;
    resetCheck(kCloseFinWait2,
               2,
               finWait1 ? RstReason::TCP_ABORT_ON_DATA : RstReason::TCP_TIMEWAIT_SOCKET,
               finWait1 ? "close(), still FIN_WAIT_1" : "close(), FIN_WAIT_2");
    const Connection& b = Get(kCloseFinWait2);
    result.Check("conn 40102: the half-closed client read EOF, then send() fails with EPIPE",
                 b.clientEof && b.client->GetSocketError() == TcpRstSocket::BROKEN_PIPE,
                 std::string(b.clientEof ? "EOF" : "no EOF") + ", " +
                     TcpRstSocket::SocketErrorName(b.client->GetSocketError()));
    // 10c: SHUT_WR only.
    const Connection& c = Get(kShutWr);
    result.Check("conn 40103 (SHUT_WR alone, control): the data is delivered, no reset",
                 ServerReset(result, kShutWr, Time(0)) == nullptr &&
                     c.serverRead == 10 + m_dataBytes,
                 std::to_string(c.serverRead) + " bytes read");
    // 10d: SHUT_RDWR without close().
    resetCheck(kShutRdWr, 2, RstReason::TCP_ABORT_ON_DATA, "SHUT_RDWR, FIN_WAIT_2");
    result.Check("conn 40104: the server's application reads ECONNRESET",
                 Get(kShutRdWr).serverError == TcpRstSocket::CONNECTION_RESET,
                 TcpRstSocket::SocketErrorName(Get(kShutRdWr).serverError));
    // 10e: close() with the FIN lost.
    resetCheck(kCloseFinWait1, 1, RstReason::TCP_ABORT_ON_DATA, "close(), FIN lost, FIN_WAIT_1");
    result.Check("conn 40105: the client reads ECONNRESET",
                 Get(kCloseFinWait1).clientError == TcpRstSocket::CONNECTION_RESET,
                 TcpRstSocket::SocketErrorName(Get(kCloseFinWait1).clientError));
    // The seed's / Windows' variant.
    resetCheck(
        kWindows, 1, RstReason::TCP_ABORT_ON_DATA, "SHUT_RD alone, DataAfterShutdown=Windows");
    uint64_t onData =
        TcpRstHelper::GetTcp(ctx.topology.server)->GetCounters().Get(TcpStat::AbortOnData);
    uint64_t expected = finWait1 ? 4 : 3;
    result.Check("the server counts TcpExtTCPAbortOnData for each TCP_ABORT_ON_DATA reset (not "
                 "for the timewait entry's)",
                 onData == expected,
                 std::to_string(onData));
}

TCP_RST_REGISTER_CASE(ShutdownReadCase, 10);

} // namespace ns3
