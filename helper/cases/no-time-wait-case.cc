/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/close-path-case.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-l4-protocol.h"
#include "ns3/uinteger.h"

#include <memory>
#include <stdexcept>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 2: the active closer keeps no TIME_WAIT and its final ACK is lost.
 *
 * As Linux captures 02a and 02b, once each way: the client closes first, the router drops its
 * final ACK, and the server's retransmitted FIN finds no socket on the client, which answers
 * `R seq=SEG.ACK` (NO_SOCKET); the server's LAST_ACK connection is gone on that reset.
 * Connection 40021 closes while the client's MaxTwBuckets is 0 (no TIME_WAIT entry is made,
 * TcpExtTCPTimeWaitOverflow); connection 40022 gets a TIME_WAIT entry that
 * TcpRstHelper::KillTimeWait() destroys `--killAfter` after the lost ACK, as `ss -K`.
 */
class NoTimeWaitCase : public ClosePathCase
{
  public:
    NoTimeWaitCase();
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
    /// \param result the result \param ctx the scenario \param port which connection
    /// \param how how it lost TIME_WAIT (for the check's text)
    void JudgeConnection(const CaseContext& ctx,
                         CaseResult& result,
                         uint16_t port,
                         const std::string& how) const;

    uint32_t m_dataBytes{100};            //!< what the client sends before it closes
    Time m_closeAfter{MilliSeconds(500)}; //!< the client closes this long after connecting
    Time m_killAfter{MilliSeconds(100)};  //!< ss -K this long after the lost final ACK
    std::shared_ptr<std::map<uint16_t, bool>> m_armed;    //!< drop the next pure ACK of a port
    std::shared_ptr<std::map<uint16_t, Time>> m_killedAt; //!< when TIME_WAIT was killed
};

namespace
{
constexpr uint16_t kBuckets0Port = 40021; // 02a: tcp_max_tw_buckets = 0
constexpr uint16_t kKilledPort = 40022;   // 02b: ss -K state time-wait
} // namespace

NoTimeWaitCase::NoTimeWaitCase()
    : ClosePathCase("no-time-wait",
                    "seed case 2: no TIME_WAIT (MaxTwBuckets 0, then ss -K), final ACK lost",
                    "C>S R seq=SEG.ACK to the retransmitted FIN (NO_SOCKET), both ways",
                    {kBuckets0Port, kKilledPort})
    , m_armed(std::make_shared<std::map<uint16_t, bool>>())
    , m_killedAt(std::make_shared<std::map<uint16_t, Time>>())
{
}

void
NoTimeWaitCase::AddOptions(CaseOptions& options)
{
    options.Add("dataBytes", "bytes the client sends before it closes, [1, 65536]", m_dataBytes);
    options.AddTime(
        "closeAfter", "the client closes this long after connecting, [1ms, 10s]", m_closeAfter);
    options.AddTime("killAfter",
                    "ss -K kills the TIME_WAIT of connection 40022 this long after its final "
                    "ACK was lost, [0, 150ms] (before the server's FIN is retransmitted)",
                    m_killAfter);
}

void
NoTimeWaitCase::Validate() const
{
    RequireInRange("dataBytes", m_dataBytes, 1U, 65536U);
    RequireInRange("closeAfter", m_closeAfter, MilliSeconds(1), Seconds(10));
    RequireInRange("killAfter", m_killAfter, Time(0), MilliSeconds(150));
}

Time
NoTimeWaitCase::ConnectAt(std::size_t index) const
{
    // One after the other: the second connection starts once the first is over.
    return Seconds(1) + (m_closeAfter + Seconds(3)) * static_cast<int64_t>(index);
}

Time
NoTimeWaitCase::GetDuration(const CaseContext& ctx) const
{
    return ConnectAt(2) + ctx.LinkAllowance() * 4;
}

void
NoTimeWaitCase::Prepare(CaseContext& ctx)
{
    Ptr<TcpRstL4Protocol> clientTcp = TcpRstHelper::GetTcp(ctx.topology.client);
    clientTcp->SetAttribute("MaxTwBuckets", UintegerValue(0));
    ctx.Note("script", "client MaxTwBuckets=0 (connection 40021)");
    // The router drops the client's final ACK of the close (the ACK of the server's FIN), once
    // per connection; the server's FIN is seen on its way.
    auto finEnd = std::make_shared<std::map<uint16_t, SequenceNumber32>>();
    ctx.fromServer->Drop(
        [finEnd](const FilteredSegment& s)
        {
            if (s.header.GetFlags() & TcpHeader::FIN)
            {
                (*finEnd)[s.header.GetDestinationPort()] =
                    s.header.GetSequenceNumber() + SequenceNumber32(s.payloadSize + 1);
            }
            return false;
        });
    auto armed = m_armed;
    auto killedAt = m_killedAt;
    CaseContext* c = &ctx;
    Time killAfter = m_killAfter;
    ctx.fromClient->Drop(
        [armed, finEnd, killedAt, c, clientTcp, killAfter](const FilteredSegment& s)
        {
            uint16_t port = s.header.GetSourcePort();
            bool pureAck = s.header.GetFlags() == TcpHeader::ACK && s.payloadSize == 0;
            auto fin = finEnd->find(port);
            if (!pureAck || !(*armed)[port] || fin == finEnd->end() ||
                s.header.GetAckNumber() != fin->second)
            {
                return false;
            }
            (*armed)[port] = false;
            if (port == kKilledPort)
            {
                Simulator::Schedule(killAfter,
                                    [killedAt, c, clientTcp]()
                                    {
                                        (*killedAt)[kKilledPort] = Simulator::Now();
                                        c->Note("script",
                                                "client: ss -K state time-wait (" +
                                                    std::to_string(clientTcp->GetTimeWaitCount()) +
                                                    " entry)");
                                    });
                TcpRstHelper::KillTimeWait(NodeContainer(c->topology.client),
                                           Simulator::Now() + killAfter);
            }
            return true;
        });
}

void
NoTimeWaitCase::OnEstablished(CaseContext& ctx, Connection& conn)
{
    if (conn.clientPort == kKilledPort)
    {
        TcpRstHelper::GetTcp(ctx.topology.client)
            ->SetAttribute("MaxTwBuckets", UintegerValue(TcpHostSysctls().maxTwBuckets));
        ctx.Note("script", "client MaxTwBuckets=131072 (connection 40022)");
    }
    SendLater(ctx, conn, true, m_dataBytes, Time(0));
    auto armed = m_armed;
    uint16_t port = conn.clientPort;
    CallLater(ctx,
              conn,
              true,
              m_closeAfter,
              "close(); the router will drop its final ACK",
              [armed, port](Ptr<TcpRstSocket> s)
              {
                  (*armed)[port] = true;
                  s->Close();
              });
}

void
NoTimeWaitCase::OnEof(CaseContext& ctx, Connection& conn, bool client)
{
    if (!client)
    {
        CallLater(ctx, conn, false, Time(0), "close()", [](Ptr<TcpRstSocket> s) { s->Close(); });
    }
}

void
NoTimeWaitCase::JudgeConnection(const CaseContext& ctx,
                                CaseResult& result,
                                uint16_t port,
                                const std::string& how) const
{
    const Connection& conn = Get(port);
    std::string p = "conn " + std::to_string(port) + " (" + how + "): ";
    const int64_t finEnd = static_cast<int64_t>(m_dataBytes) + 2; // SEG.ACK of the server's FIN
    std::vector<const LadderSegment*> serverFins;
    for (const LadderSegment* s : Segments(result, port, false))
    {
        if (s->header.GetFlags() & TcpHeader::FIN)
        {
            serverFins.push_back(s);
        }
    }
    const LadderSegment* lostAck = nullptr;
    for (const LadderSegment* s : Segments(result, port, true))
    {
        if (s->lost && s->flags == "A")
        {
            lostAck = s;
        }
    }
    if (!lostAck)
    {
        result.NotTriggered(p + "the client's final ACK never left");
        return;
    }
    if (serverFins.size() < 2)
    {
        result.Check(p + "the server retransmits its FIN",
                     false,
                     std::to_string(serverFins.size()) + " FIN(s)");
        return;
    }
    const LadderSegment* again = nullptr; // the first retransmission that reached the client
    for (std::size_t i = 1; i < serverFins.size() && !again; ++i)
    {
        again = serverFins[i]->lost ? nullptr : serverFins[i];
    }
    if (!again)
    {
        result.NotTriggered(p + "every retransmission of the server's FIN was lost");
        return;
    }
    result.Check(p + "the server retransmits FA seq=1 ack=" + std::to_string(finEnd) +
                     " one RTO (>= 200 ms) after its FIN",
                 again->flags == "FA" && again->seq == 1 && again->ack && *again->ack == finEnd &&
                     serverFins[1]->time - serverFins[0]->time >= MilliSeconds(200),
                 again->Summary() + " +" +
                     std::to_string((serverFins[1]->time - serverFins[0]->time).GetMilliSeconds()) +
                     " ms");
    const LadderSegment* rst = nullptr;
    const LadderSegment* delivered = nullptr; // the first reset that reached the server
    for (const LadderSegment* s : Segments(result, port, true, again->time))
    {
        if (s->header.GetFlags() & TcpHeader::RST)
        {
            rst = rst ? rst : s;
            delivered = (delivered || s->lost) ? delivered : s;
        }
    }
    result.Check(p + "the client answers R seq=" + std::to_string(finEnd) +
                     " (SEG.ACK), no ACK flag, window 0, no options, reason NO_SOCKET",
                 rst && rst->flags == "R" && rst->seq == finEnd && rst->window == 0 &&
                     rst->header.GetOptionList().empty() && rst->reason &&
                     *rst->reason == RstReason::NO_SOCKET,
                 rst ? DescribeReset(*rst) : "no reset");
    uint32_t finsAfter = 0;
    for (const LadderSegment* s : serverFins)
    {
        finsAfter += (delivered && s->time > delivered->time) ? 1 : 0;
    }
    result.Check(p + "the server's LAST_ACK connection is gone on that reset, no FIN after it",
                 delivered && conn.server && conn.server->GetState() == TcpSocket::CLOSED &&
                     finsAfter == 0,
                 conn.server ? std::string(TcpSocket::TcpStateName[conn.server->GetState()]) +
                                   ", " + std::to_string(finsAfter) + " FIN(s) after the reset"
                             : "no server socket");
    (void)ctx;
}

void
NoTimeWaitCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    JudgeConnection(ctx, result, kBuckets0Port, "MaxTwBuckets 0");
    JudgeConnection(ctx, result, kKilledPort, "ss -K");
    Ptr<TcpRstL4Protocol> clientTcp = TcpRstHelper::GetTcp(ctx.topology.client);
    uint64_t overflow = clientTcp->GetCounters().Get(TcpStat::TimeWaitOverflow);
    result.Check("the client counts TcpExtTCPTimeWaitOverflow = 1 (connection 40021 only)",
                 overflow == 1,
                 std::to_string(overflow));
    result.Check("connection 40022's TIME_WAIT was killed before the FIN came back",
                 m_killedAt->count(kKilledPort) == 1,
                 m_killedAt->count(kKilledPort) ? "killed" : "not killed");
}

TCP_RST_REGISTER_CASE(NoTimeWaitCase, 2);

} // namespace ns3
