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
 * \brief Seed case 4, keepalive: the server probes a client that crashed and rebooted.
 *
 * As Linux capture 04a: the server sets SO_KEEPALIVE (idle 3 s, interval 1 s, 3 probes); the
 * client crashes and reboots before the first probe. The probe (`A seq=SND.UNA-1`, no data)
 * reaches a host without the connection, which answers `R seq=SEG.ACK`; that reset is exact
 * and the server's application sees ECONNRESET.
 */
class KeepaliveRebootCase : public PeerFailureCase
{
  public:
    KeepaliveRebootCase();
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void OnConnected(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

  private:
    Keepalive m_keepalive;         //!< the server socket's keepalive
    Time m_crashAt{Seconds(1)};    //!< crash, after the data was read
    Time m_rebootAt{Seconds(1.9)}; //!< reboot, after the data was read
    Time m_lastReceived;           //!< when the server last heard from the client
};

namespace
{
constexpr uint16_t kClientPort = 40041;
} // namespace

KeepaliveRebootCase::KeepaliveRebootCase()
    : PeerFailureCase("keepalive-reboot",
                      "seed case 4: a keepalive probe reaches a rebooted peer",
                      "C>S R seq=SEG.ACK of the probe, server ECONNRESET",
                      {kClientPort})
{
}

void
KeepaliveRebootCase::AddOptions(CaseOptions& options)
{
    m_keepalive.AddOptions(options);
    options.AddTime(
        "crashAt", "client crash, after the first data was read, (0, rebootAt)", m_crashAt);
    options.AddTime(
        "rebootAt", "client reboot, after the first data was read, (crashAt, idle)", m_rebootAt);
}

void
KeepaliveRebootCase::Validate() const
{
    m_keepalive.Validate();
    if (!m_crashAt.IsStrictlyPositive() || m_rebootAt <= m_crashAt ||
        m_rebootAt >= m_keepalive.idle)
    {
        throw std::invalid_argument("need 0 < --crashAt < --rebootAt < --idle: the client "
                                    "must be back before the first probe");
    }
}

Time
KeepaliveRebootCase::GetDuration(const CaseContext& ctx) const
{
    return Seconds(2) + m_keepalive.idle + m_keepalive.interval * int64_t(m_keepalive.probes + 1) +
           ctx.LinkAllowance();
}

void
KeepaliveRebootCase::OnConnected(CaseContext& ctx)
{
    Ptr<TcpRstSocket> server = Get(kClientPort).server;
    m_lastReceived = Simulator::Now();
    m_keepalive.Apply(server, ctx);
    CrashClient(ctx, m_crashAt);
    RebootClient(ctx, m_rebootAt);
}

void
KeepaliveRebootCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    if (!Connected())
    {
        result.NotTriggered("the connection never carried its first data");
        return;
    }
    // The first probe that reached the rebooted client, and the reset answering it.
    const LadderSegment* probe = nullptr;
    const LadderSegment* firstProbe = nullptr;
    for (const LadderSegment* s : SegmentsAfterConnected(result, kClientPort, false))
    {
        if (s->flags == "A" && s->length == 0)
        {
            firstProbe = firstProbe ? firstProbe : s;
            if (!s->lost && !probe)
            {
                probe = s;
            }
        }
    }
    result.Check("the server sends keepalive probes",
                 firstProbe != nullptr,
                 firstProbe ? firstProbe->Summary() : "no probe");
    if (!firstProbe)
    {
        return;
    }
    if (!probe)
    {
        result.NotTriggered("every keepalive probe was lost");
        return;
    }
    result.Check("the first probe comes the idle time after the last segment received (timer "
                 "wheel: up to 1/8 later)",
                 firstProbe->time >= m_lastReceived + m_keepalive.idle &&
                     firstProbe->time <=
                         m_lastReceived + m_keepalive.idle + m_keepalive.idle / 8 + MilliSeconds(8),
                 std::to_string((firstProbe->time - m_lastReceived).GetMilliSeconds()) +
                     " ms after the last arrival");
    result.Check("a probe is A seq=SND.UNA-1 ack=RCV.NXT, no data (tcp_xmit_probe_skb)",
                 probe->seq == 0 && probe->ack && *probe->ack == 11 && !probe->seqAbsolute,
                 probe->Summary());
    std::vector<LadderSegment> resets = result.Resets(true);
    const LadderSegment* rst = nullptr;
    for (const LadderSegment& r : resets)
    {
        if (r.time >= probe->time && !rst)
        {
            rst = &r;
        }
    }
    result.Check("the rebooted client answers R seq=SEG.ACK of the probe, no ACK (NO_SOCKET)",
                 rst && rst->flags == "R" &&
                     rst->header.GetSequenceNumber() == probe->header.GetAckNumber() &&
                     rst->reason && *rst->reason == RstReason::NO_SOCKET,
                 rst ? DescribeReset(*rst) : "no reset");
    if (rst && rst->lost)
    {
        result.NotTriggered("the client's reset was lost");
        return;
    }
    result.Check("no reset from the server", result.Resets(false).empty());
    const Connection& conn = Get(kClientPort);
    result.Check("the server's application sees ECONNRESET",
                 conn.serverError == TcpRstSocket::CONNECTION_RESET,
                 TcpRstSocket::SocketErrorName(conn.serverError));
}

TCP_RST_REGISTER_CASE(KeepaliveRebootCase, 4);

} // namespace ns3
