/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/boolean.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-l4-protocol.h"
#include "ns3/tcp-segment-injector.h"
#include "ns3/time-wait-case.h"

#include <map>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 7, a reset reaching TIME_WAIT, with tcp_rfc1337 off and on side by side.
 *
 * The server holds TIME_WAIT for both connections (TimeWaitCase). A reset with seq = RCV.NXT
 * arrives, then a probe SYN with a lower seq and no timestamp. Connection 40076, Rfc1337
 * false (capture 07c): the reset ends TIME_WAIT silently and the probe SYN meets the listener
 * (SYN-ACK with a fresh ISN, which the client host resets). Connection 40077, Rfc1337 true
 * (07c2): the reset is ignored, the probe SYN gets the last ACK again (the 4th ACK) and the
 * client host's reset to it is ignored too; TIME_WAIT stays.
 */
class TimeWaitRstCase : public TimeWaitCase
{
  public:
    TimeWaitRstCase();
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

  protected:
    Time ConnectAt(std::size_t index) const override;
    void OnTimeWait(CaseContext& ctx, Connection& conn, const TcpTimeWaitState& tw) override;

  private:
    void JudgeConnection(const CaseContext& ctx, CaseResult& result, uint16_t port) const;

    Time m_rstAfter{MilliSeconds(400)};    //!< the reset this long into TIME_WAIT
    Time m_synAfter{MilliSeconds(880)};    //!< the probe SYN this long after the reset
    std::map<uint16_t, Time> m_rstAt;      //!< when each reset was injected
    std::map<uint16_t, Time> m_synAt;      //!< when each probe SYN was injected
    std::map<uint16_t, bool> m_aliveAfter; //!< TIME_WAIT still there after the probe
};

namespace
{
constexpr uint16_t kRfc1337OffPort = 40076; // 07c
constexpr uint16_t kRfc1337OnPort = 40077;  // 07c2
} // namespace

TimeWaitRstCase::TimeWaitRstCase()
    : TimeWaitCase("time-wait-rst",
                   "seed case 7: a reset reaching TIME_WAIT, Rfc1337 false and true",
                   "Rfc1337 false: TIME_WAIT ends silently; true: ignored, probe SYN gets the "
                   "4th ACK",
                   {kRfc1337OffPort, kRfc1337OnPort})
{
}

void
TimeWaitRstCase::AddOptions(CaseOptions& options)
{
    options.AddTime("rstAfter", "the reset this long into TIME_WAIT, [1ms, 30s]", m_rstAfter);
    options.AddTime("synAfter", "the probe SYN this long after the reset, [1ms, 20s]", m_synAfter);
}

void
TimeWaitRstCase::Validate() const
{
    RequireInRange("rstAfter", m_rstAfter, MilliSeconds(1), Seconds(30));
    RequireInRange("synAfter", m_synAfter, MilliSeconds(1), Seconds(20));
}

Time
TimeWaitRstCase::ConnectAt(std::size_t index) const
{
    return Seconds(1) + (m_rstAfter + m_synAfter + Seconds(3)) * static_cast<int64_t>(index);
}

Time
TimeWaitRstCase::GetDuration(const CaseContext& ctx) const
{
    return ConnectAt(2) + ctx.LinkAllowance() * 4;
}

void
TimeWaitRstCase::OnTimeWait(CaseContext& ctx, Connection& conn, const TcpTimeWaitState& tw)
{
    uint16_t port = conn.clientPort;
    bool rfc1337 = port == kRfc1337OnPort;
    Ptr<TcpRstL4Protocol> serverTcp = TcpRstHelper::GetTcp(ctx.topology.server);
    serverTcp->SetAttribute("Rfc1337", BooleanValue(rfc1337));
    ctx.Note("script", std::string("server Rfc1337=") + (rfc1337 ? "true" : "false"));
    CaseContext* c = &ctx;
    Ptr<Node> client = ctx.topology.client;
    Address server = ctx.topology.serverAddress;
    TcpSegmentSpec rst;
    rst.sourcePort = port;
    rst.destinationPort = SERVER_PORT;
    rst.flags = TcpHeader::RST;
    rst.seq = tw.rcvNxt;
    rst.window = 0;
    Simulator::Schedule(m_rstAfter,
                        [this, c, client, server, rst, port]()
                        {
                            m_rstAt[port] = Simulator::Now();
                            TcpSegmentInjector::Send(client, server, rst);
                            c->Note("inject", "R seq=RCV.NXT, no timestamp");
                        });
    TcpSegmentSpec syn;
    syn.sourcePort = port;
    syn.destinationPort = SERVER_PORT;
    syn.flags = TcpHeader::SYN;
    syn.seq = tw.rcvNxt - SequenceNumber32(1000);
    syn.mss = 1460;
    syn.sackPermitted = true;
    syn.windowScale = 7;
    Simulator::Schedule(m_rstAfter + m_synAfter,
                        [this, c, client, server, syn, port]()
                        {
                            m_synAt[port] = Simulator::Now();
                            TcpSegmentInjector::Send(client, server, syn);
                            c->Note("inject", "probe SYN, seq below RCV.NXT, no timestamp");
                        });
    Simulator::Schedule(m_rstAfter + m_synAfter + c->topology.RoundTrip() * 3 + MilliSeconds(1),
                        [this, c, port]()
                        { m_aliveAfter[port] = ServerTimeWait(*c, port) != nullptr; });
}

void
TimeWaitRstCase::JudgeConnection(const CaseContext& ctx, CaseResult& result, uint16_t port) const
{
    bool rfc1337 = port == kRfc1337OnPort;
    std::string p =
        "conn " + std::to_string(port) + " (Rfc1337 " + (rfc1337 ? "true" : "false") + "): ";
    const TcpTimeWaitState* tw = TimeWaitAtStart(port);
    auto rstAt = m_rstAt.find(port);
    auto synAt = m_synAt.find(port);
    if (!tw || rstAt == m_rstAt.end() || synAt == m_synAt.end())
    {
        result.NotTriggered(p + "the server never held TIME_WAIT");
        return;
    }
    for (const LadderSegment* s : Segments(result, port, true, rstAt->second - m_rstAfter))
    {
        if (s->time < synAt->second)
        {
            result.NotTriggered(p + "the server's last ACK was lost: the client is not quiet");
            return;
        }
    }
    if (InjectedLost(result, port, rstAt->second))
    {
        result.NotTriggered(p + "the injected reset or probe SYN was lost");
        return;
    }
    std::vector<const LadderSegment*> afterRst = Segments(result, port, false, rstAt->second);
    bool silent = afterRst.empty() || afterRst.front()->time >= synAt->second;
    result.Check(
        p + "nothing answers the reset", silent, silent ? "" : afterRst.front()->Summary());
    std::vector<const LadderSegment*> answers = Segments(result, port, false, synAt->second);
    const LadderSegment* answer = answers.empty() ? nullptr : answers.front();
    if (answer && answer->lost)
    {
        result.NotTriggered(p + "the answer to the probe SYN was lost");
        return;
    }
    const LadderSegment* clientRst = nullptr;
    for (const LadderSegment* s : Segments(result, port, true, synAt->second))
    {
        clientRst = (!clientRst && (s->header.GetFlags() & TcpHeader::RST)) ? s : clientRst;
    }
    auto alive = m_aliveAfter.find(port);
    bool stays = alive != m_aliveAfter.end() && alive->second;
    if (!rfc1337)
    {
        result.Check(p + "the reset ended TIME_WAIT: the probe SYN meets the listener (SYN-ACK, "
                         "fresh ISN)",
                     answer && answer->flags == "SA" &&
                         answer->header.GetSequenceNumber() != tw->sndNxt + SequenceNumber32(65537),
                     answer ? answer->Summary() : "no answer");
        result.Check(p + "the client host, without that connection, resets the SYN-ACK: "
                         "R seq=SEG.ACK (NO_SOCKET)",
                     clientRst && clientRst->flags == "R" && answer &&
                         clientRst->header.GetSequenceNumber() == answer->header.GetAckNumber() &&
                         clientRst->reason && *clientRst->reason == RstReason::NO_SOCKET,
                     clientRst ? DescribeReset(*clientRst) : "no reset");
        result.Check(p + "no TIME_WAIT left", !stays, stays ? "still there" : "gone");
    }
    else
    {
        result.Check(p + "the reset is ignored: the probe SYN gets the 4th ACK, S>C A "
                         "seq=SND.NXT ack=RCV.NXT",
                     answer && answer->flags == "A" &&
                         answer->header.GetSequenceNumber() == tw->sndNxt &&
                         answer->header.GetAckNumber() == tw->rcvNxt,
                     answer ? answer->Summary() : "no answer");
        result.Check(p + "the client host resets that ACK (R seq=RCV.NXT), ignored too: "
                         "TIME_WAIT stays",
                     clientRst && clientRst->header.GetSequenceNumber() == tw->rcvNxt && stays,
                     std::string(clientRst ? DescribeReset(*clientRst) : "no reset") +
                         (stays ? ", TIME_WAIT stays" : ", TIME_WAIT gone"));
    }
}

void
TimeWaitRstCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    JudgeConnection(ctx, result, kRfc1337OffPort);
    JudgeConnection(ctx, result, kRfc1337OnPort);
}

TCP_RST_REGISTER_CASE(TimeWaitRstCase, 7);

} // namespace ns3
