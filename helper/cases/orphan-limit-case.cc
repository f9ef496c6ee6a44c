/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/close-path-case.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/simulator.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-l4-protocol.h"
#include "ns3/uinteger.h"

#include <memory>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 9: too many orphans (tcp_max_orphans), as Linux capture 09.
 *
 * Six connections carry 10 bytes each; then the router drops everything the client sends, and
 * the server closes the connections one after the other, so every close leaves an orphan whose
 * FIN is never acknowledged. With MaxOrphans 3 the node is soon over the limit: a closing
 * orphan sends its FIN and right after it `R. seq=FIN+1` (tcp_check_oom() in __tcp_close()),
 * and an existing orphan sends `R.` instead of its next FIN retransmission
 * (tcp_out_of_resources()); both count TcpExtTCPAbortOnMemory. Which closes are hit depends on
 * the 100 ms orphan cache (OrphanCacheInterval), as on Linux. The closes come 150 ms apart,
 * not 300 ms as in the capture: Linux's first retransmission of an orphan's FIN is a tail loss
 * probe, which does not check the orphan limit, so its orphans live one probe longer; without
 * TLPs the model needs closes that much closer to show every kind of close in one run.
 */
class OrphanLimitCase : public ClosePathCase
{
  public:
    OrphanLimitCase();
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

  protected:
    void Prepare(CaseContext& ctx) override;
    Time ConnectAt(std::size_t index) const override;
    void OnEstablished(CaseContext& ctx, Connection& conn) override;
    void OnRead(CaseContext& ctx, Connection& conn, bool client, uint32_t bytes) override;

  private:
    uint32_t m_maxOrphans{3};                //!< the server's MaxOrphans
    Time m_closeInterval{MilliSeconds(150)}; //!< between the server's closes
    Time m_watch{Seconds(3)};                //!< how long the orphans are watched
    std::shared_ptr<bool> m_clientCut;       //!< the router drops the client's segments
    std::map<uint16_t, Time> m_closedAt;     //!< when the server closed each connection
    uint32_t m_established{0};               //!< connections carrying their data
};

namespace
{
const std::vector<uint16_t> kPorts = {40091, 40092, 40093, 40094, 40095, 40096};
} // namespace

OrphanLimitCase::OrphanLimitCase()
    : ClosePathCase("orphan-limit",
                    "seed case 9: too many orphans: FIN then R. at close, R. at the timer",
                    "S>C FA then R. seq=FIN+1 (TCP_ABORT_ON_MEMORY); orphans R. at their timer",
                    kPorts)
    , m_clientCut(std::make_shared<bool>(false))
{
}

void
OrphanLimitCase::AddOptions(CaseOptions& options)
{
    options.Add("maxOrphans", "the server's MaxOrphans (tcp_max_orphans), [0, 5]", m_maxOrphans);
    options.AddTime(
        "closeInterval", "time between the server's closes, [1ms, 10s]", m_closeInterval);
    options.AddTime(
        "watch", "how long the orphans are watched after the last close, [1s, 300s]", m_watch);
}

void
OrphanLimitCase::Validate() const
{
    RequireInRange("maxOrphans", m_maxOrphans, 0U, 5U);
    RequireInRange("closeInterval", m_closeInterval, MilliSeconds(1), Seconds(10));
    RequireInRange("watch", m_watch, Seconds(1), Seconds(300));
}

Time
OrphanLimitCase::ConnectAt(std::size_t index) const
{
    return Seconds(1) + MilliSeconds(53) * static_cast<int64_t>(index);
}

Time
OrphanLimitCase::GetDuration(const CaseContext& ctx) const
{
    return ConnectAt(kPorts.size()) + Seconds(1) + m_closeInterval * int64_t(kPorts.size()) +
           m_watch + ctx.LinkAllowance() * 2;
}

void
OrphanLimitCase::Prepare(CaseContext& ctx)
{
    TcpRstHelper::GetTcp(ctx.topology.server)
        ->SetAttribute("MaxOrphans", UintegerValue(m_maxOrphans));
    ctx.Note("script", "server MaxOrphans=" + std::to_string(m_maxOrphans));
    auto cut = m_clientCut;
    ctx.fromClient->Drop([cut](const FilteredSegment&) { return *cut; });
}

void
OrphanLimitCase::OnEstablished(CaseContext& ctx, Connection& conn)
{
    SendLater(ctx, conn, true, 10, Time(0));
}

void
OrphanLimitCase::OnRead(CaseContext& ctx, Connection& conn, bool client, uint32_t)
{
    if (client || conn.serverRead < 10 || ++m_established < kPorts.size())
    {
        return;
    }
    // Every connection is up: cut the clients off, then close one connection after the other.
    CaseContext* c = &ctx;
    auto cut = m_clientCut;
    Simulator::Schedule(ctx.topology.RoundTrip() * 2 + MilliSeconds(300),
                        [this, c, cut]()
                        {
                            *cut = true;
                            c->Note("script",
                                    "router: from now on drop everything the client "
                                    "sends (the server's FINs stay unanswered)");
                            Time at = MilliSeconds(300);
                            for (uint16_t port : kPorts)
                            {
                                CallLater(*c,
                                          Get(port),
                                          false,
                                          at,
                                          "close()",
                                          [this, port](Ptr<TcpRstSocket> s)
                                          {
                                              m_closedAt[port] = Simulator::Now();
                                              s->Close();
                                          });
                                at += m_closeInterval;
                            }
                        });
}

void
OrphanLimitCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    if (m_closedAt.size() != kPorts.size())
    {
        result.NotTriggered("not every connection carried its data");
        return;
    }
    uint32_t finOnly = 0;
    uint32_t finThenRst = 0;
    uint32_t timerResets = 0;
    bool finFirst = true;
    bool shapes = true;
    std::string badShape;
    std::vector<uint16_t> resetAtCloseOrder;
    for (std::size_t i = 0; i < kPorts.size(); ++i)
    {
        uint16_t port = kPorts[i];
        Time closedAt = m_closedAt.at(port);
        std::vector<const LadderSegment*> sent = Segments(result, port, false, closedAt);
        finFirst =
            finFirst && !sent.empty() && sent.front()->flags == "FA" && sent.front()->seq == 1;
        bool resetAtClose = false;
        for (const LadderSegment* s : sent)
        {
            if (!(s->header.GetFlags() & TcpHeader::RST))
            {
                continue;
            }
            bool ok = s->flags == "RA" && s->seq == 2 && s->ack && *s->ack == 11 && s->window > 0 &&
                      s->header.HasOption(TcpOption::TS) && s->reason &&
                      *s->reason == RstReason::TCP_ABORT_ON_MEMORY;
            if (!ok && shapes)
            {
                shapes = false;
                badShape = DescribeReset(*s);
            }
            if (s->time == closedAt)
            {
                resetAtClose = true;
                ++finThenRst;
                if (i < m_maxOrphans)
                {
                    resetAtCloseOrder.push_back(port);
                }
            }
            else
            {
                ++timerResets;
            }
        }
        finOnly += resetAtClose ? 0 : 1;
    }
    result.Check("every close sends its FIN first: S>C FA seq=1 ack=11", finFirst);
    result.Check("every reset is R. seq=FIN+1 ack=11 with window and timestamp, reason "
                 "TCP_ABORT_ON_MEMORY",
                 shapes,
                 badShape);
    result.Check("the first MaxOrphans closes are FIN-only (the limit is not exceeded yet)",
                 resetAtCloseOrder.empty());
    result.Check("over the limit orphans are reset",
                 kPorts.size() <= m_maxOrphans || finThenRst + timerResets > 0,
                 "FIN-only closes " + std::to_string(finOnly) + ", FIN+RST closes " +
                     std::to_string(finThenRst) + ", timer resets " + std::to_string(timerResets));
    Ptr<TcpRstL4Protocol> tcp = TcpRstHelper::GetTcp(ctx.topology.server);
    uint64_t aborts = tcp->GetCounters().Get(TcpStat::AbortOnMemory);
    result.Check("the server counts TcpExtTCPAbortOnMemory = the resets",
                 aborts == finThenRst + timerResets,
                 std::to_string(aborts));
    result.Check("the orphans left are at most MaxOrphans",
                 tcp->GetOrphanCount() <= m_maxOrphans,
                 std::to_string(tcp->GetOrphanCount()) + " orphans");
}

TCP_RST_REGISTER_CASE(OrphanLimitCase, 9);

} // namespace ns3
