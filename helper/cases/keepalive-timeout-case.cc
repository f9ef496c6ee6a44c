/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/peer-failure-case.h"
#include "ns3/rst-case-catalog.h"

#include <stdexcept>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 4, keepalive: the peer stays down and every probe is lost.
 *
 * As Linux capture 04a2: the server (idle 3 s, interval 1 s, 3 probes) probes a client that
 * crashed and never comes back; one interval after the last unanswered probe Linux sends an
 * active reset `R. seq=SND.NXT ack=RCV.NXT` (reason TCP_KEEPALIVE_TIMEOUT), lost too, and the
 * application sees ETIMEDOUT.
 */
class KeepaliveTimeoutCase : public PeerFailureCase
{
  public:
    KeepaliveTimeoutCase();
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void OnConnected(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

  private:
    Keepalive m_keepalive;      //!< the server socket's keepalive
    Time m_crashAt{Seconds(1)}; //!< crash, after the first data was read
};

namespace
{
constexpr uint16_t kClientPort = 40045;
} // namespace

KeepaliveTimeoutCase::KeepaliveTimeoutCase()
    : PeerFailureCase("keepalive-timeout",
                      "seed case 4: keepalive probes to a peer that stays down",
                      "S>C R. seq=SND.NXT ack=RCV.NXT after the last probe, ETIMEDOUT",
                      {kClientPort})
{
}

void
KeepaliveTimeoutCase::AddOptions(CaseOptions& options)
{
    m_keepalive.AddOptions(options);
    options.AddTime("crashAt", "client crash, after the first data was read, (0, idle)", m_crashAt);
}

void
KeepaliveTimeoutCase::Validate() const
{
    m_keepalive.Validate();
    if (!m_crashAt.IsStrictlyPositive() || m_crashAt >= m_keepalive.idle)
    {
        throw std::invalid_argument("--crashAt must be in (0, idle): the client must be down "
                                    "before the first probe");
    }
}

Time
KeepaliveTimeoutCase::GetDuration(const CaseContext& ctx) const
{
    return Seconds(3) + m_keepalive.idle +
           (m_keepalive.interval + m_keepalive.interval / 4) * int64_t(m_keepalive.probes + 1) +
           ctx.LinkAllowance();
}

void
KeepaliveTimeoutCase::OnConnected(CaseContext& ctx)
{
    Ptr<TcpRstSocket> server = Get(kClientPort).server;
    m_keepalive.Apply(server, ctx);
    CrashClient(ctx, m_crashAt);
}

void
KeepaliveTimeoutCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    if (!Connected())
    {
        result.NotTriggered("the connection never carried its first data");
        return;
    }
    std::vector<const LadderSegment*> probes;
    const LadderSegment* rst = nullptr;
    for (const LadderSegment* s : SegmentsAfterConnected(result, kClientPort, false))
    {
        if (s->flags == "A" && s->length == 0)
        {
            probes.push_back(s);
        }
        if (s->header.GetFlags() & TcpHeader::RST)
        {
            rst = s;
        }
    }
    result.Check("KeepCnt probes, A seq=SND.UNA-1, no data, one interval apart",
                 probes.size() == m_keepalive.probes &&
                     std::all_of(probes.begin(),
                                 probes.end(),
                                 [](const LadderSegment* p) { return p->seq == 0; }) &&
                     (probes.size() < 2 ||
                      (probes[1]->time - probes[0]->time >= m_keepalive.interval &&
                       probes[1]->time - probes[0]->time <=
                           m_keepalive.interval + m_keepalive.interval / 8 + MilliSeconds(8))),
                 std::to_string(probes.size()) + " probes");
    result.Check("then R. seq=SND.NXT ack=RCV.NXT with window and timestamp "
                 "(tcp_send_active_reset), reason TCP_KEEPALIVE_TIMEOUT",
                 rst && rst->flags == "RA" && rst->seq == 1 && rst->ack && *rst->ack == 11 &&
                     rst->window > 0 && rst->header.HasOption(TcpOption::TS) && rst->reason &&
                     *rst->reason == RstReason::TCP_KEEPALIVE_TIMEOUT,
                 rst ? DescribeReset(*rst) : "no reset");
    result.Check("one interval after the last probe",
                 rst && !probes.empty() &&
                     rst->time - probes.back()->time >= m_keepalive.interval &&
                     rst->time - probes.back()->time <=
                         m_keepalive.interval + m_keepalive.interval / 8 + MilliSeconds(8),
                 rst && !probes.empty()
                     ? std::to_string((rst->time - probes.back()->time).GetMilliSeconds()) + " ms"
                     : "");
    const Connection& conn = Get(kClientPort);
    result.Check("the server's application sees ETIMEDOUT",
                 conn.serverError == TcpRstSocket::TIMED_OUT,
                 TcpRstSocket::SocketErrorName(conn.serverError));
    uint64_t keepalives = ctx.topology.ServerTcp()->GetCounters().Get(TcpStat::KeepAlive);
    result.Check("the server counts TcpExtTCPKeepAlive = KeepCnt",
                 keepalives == m_keepalive.probes,
                 std::to_string(keepalives));
}

TCP_RST_REGISTER_CASE(KeepaliveTimeoutCase, 4);

} // namespace ns3
