/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/simulator.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-l4-protocol.h"
#include "ns3/tcp-segment-injector.h"
#include "ns3/time-wait-case.h"

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 7, SYNs reaching TIME_WAIT: one reuse and one rejection in a run.
 *
 * The server holds TIME_WAIT for both connections (TimeWaitCase). Connection 40071, as
 * capture 07a: the client connects again from the same port, its SYN is newer (higher ISN and
 * TSval), and the server's SYN-ACK carries ISN = old SND.NXT + 65537 (tcp_timewait_state_process
 * TCP_TW_SYN); the connection is reused. Connection 40072, as 07b1-07b4 (`--oldSyn`): the
 * client's new SYN is lost and an old duplicate SYN of the 4-tuple arrives instead; a rejected
 * one gets the last ACK again (the "4th ACK"), the client in SYN_SENT answers `R seq=SEG.ACK`,
 * that reset ends TIME_WAIT (tcp_rfc1337 = 0) and the client's quick SYN retransmission reaches
 * the listener; an accepted one (07b3, newer TSval) gets a SYN-ACK with the TIME_WAIT ISN that
 * the client resets.
 */
class TimeWaitSynCase : public TimeWaitCase
{
  public:
    TimeWaitSynCase();
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

  protected:
    Time ConnectAt(std::size_t index) const override;
    void OnTimeWait(CaseContext& ctx, Connection& conn, const TcpTimeWaitState& tw) override;

  private:
    /// The old SYN of connection 40072, as the captures' variants
    struct OldSyn
    {
        bool higherSeq; //!< seq = RCV.NXT + 1000 (else - 1000)
        int timestamp;  //!< -1 older TSval, 0 none, +1 newer TSval
        bool accepted;  //!< Linux takes it as a new connection
    };
    /// \return the variant --oldSyn names
    OldSyn Variant() const;
    void Reconnect(CaseContext& ctx, Connection& conn, bool loseSyn);
    void JudgeReuse(const CaseContext& ctx, CaseResult& result) const;
    void JudgeOldSyn(const CaseContext& ctx, CaseResult& result) const;

    std::string m_oldSyn{"lower-older"};           //!< --oldSyn
    Time m_reconnectAfter{MilliSeconds(1200)};     //!< new connect() this long into TIME_WAIT
    Time m_oldSynAfter{MilliSeconds(60)};          //!< the old SYN this long after the lost SYN
    std::map<uint16_t, Ptr<TcpRstSocket>> m_again; //!< the new client sockets
    std::map<uint16_t, bool> m_againConnected;     //!< their connect() succeeded
    std::shared_ptr<bool> m_armed;                 //!< drop the next SYN from 40072
    std::shared_ptr<Time> m_oldSynSentAt;          //!< when the old SYN was injected
};

namespace
{
constexpr uint16_t kReusePort = 40071;  // 07a
constexpr uint16_t kOldSynPort = 40072; // 07b
} // namespace

TimeWaitSynCase::TimeWaitSynCase()
    : TimeWaitCase("time-wait-syn",
                   "seed case 7: SYNs reaching TIME_WAIT (reuse with ISN+65537; old SYN rejected)",
                   "S>C SA ISN=SND.NXT+65537; old SYN: S>C A (4th ACK), C>S R seq=RCV.NXT",
                   {kReusePort, kOldSynPort})
    , m_armed(std::make_shared<bool>(false))
    , m_oldSynSentAt(std::make_shared<Time>(Time::Max()))
{
}

void
TimeWaitSynCase::AddOptions(CaseOptions& options)
{
    options.Add("oldSyn",
                "the old SYN of connection 40072: lower-older (07b1), lower-none (07b2), "
                "lower-newer (07b3, accepted), higher-older (07b4)",
                m_oldSyn);
    options.AddTime("reconnectAfter",
                    "the clients connect again this long into TIME_WAIT, [1ms, 50s]",
                    m_reconnectAfter);
    options.AddTime("oldSynAfter",
                    "the old SYN arrives this long after the client's SYN was lost, [1ms, 900ms]",
                    m_oldSynAfter);
}

TimeWaitSynCase::OldSyn
TimeWaitSynCase::Variant() const
{
    if (m_oldSyn == "lower-older")
    {
        return {false, -1, false};
    }
    if (m_oldSyn == "lower-none")
    {
        return {false, 0, false};
    }
    if (m_oldSyn == "lower-newer")
    {
        return {false, 1, true};
    }
    if (m_oldSyn == "higher-older")
    {
        return {true, -1, false};
    }
    throw std::invalid_argument("--oldSyn=" + m_oldSyn +
                                " is not one of lower-older, lower-none, lower-newer, "
                                "higher-older");
}

void
TimeWaitSynCase::Validate() const
{
    Variant();
    RequireInRange("reconnectAfter", m_reconnectAfter, MilliSeconds(1), Seconds(50));
    RequireInRange("oldSynAfter", m_oldSynAfter, MilliSeconds(1), MilliSeconds(900));
}

Time
TimeWaitSynCase::ConnectAt(std::size_t index) const
{
    return Seconds(1) + (m_reconnectAfter + Seconds(4)) * static_cast<int64_t>(index);
}

Time
TimeWaitSynCase::GetDuration(const CaseContext& ctx) const
{
    return ConnectAt(2) + ctx.LinkAllowance() * 4;
}

void
TimeWaitSynCase::OnTimeWait(CaseContext& ctx, Connection& conn, const TcpTimeWaitState& tw)
{
    CaseContext* c = &ctx;
    Connection* cn = &conn;
    bool loseSyn = conn.clientPort == kOldSynPort;
    Simulator::Schedule(m_reconnectAfter,
                        [this, c, cn, loseSyn]() { Reconnect(*c, *cn, loseSyn); });
    if (!loseSyn)
    {
        return;
    }
    // The router drops the client's new SYN once; the old SYN follows it.
    OldSyn variant = Variant();
    auto armed = m_armed;
    auto sentAt = m_oldSynSentAt;
    Time after = m_oldSynAfter;
    Ptr<Node> client = ctx.topology.client;
    Address server = ctx.topology.serverAddress;
    TcpTimeWaitState at = tw;
    ctx.fromClient->Drop(
        [armed, sentAt, after, client, server, at, variant, c](const FilteredSegment& s)
        {
            if (!*armed || s.header.GetSourcePort() != kOldSynPort ||
                s.header.GetFlags() != TcpHeader::SYN)
            {
                return false;
            }
            *armed = false;
            TcpSegmentSpec old;
            old.sourcePort = kOldSynPort;
            old.destinationPort = SERVER_PORT;
            old.flags = TcpHeader::SYN;
            old.seq = at.rcvNxt + SequenceNumber32(variant.higherSeq ? 1000 : -1000);
            old.mss = 1460;
            old.sackPermitted = true;
            old.windowScale = 7;
            if (variant.timestamp != 0)
            {
                old.tsValue = at.tsRecent + (variant.timestamp > 0 ? 1 : -1000);
            }
            Simulator::Schedule(after,
                                [client, server, old, sentAt, c]()
                                {
                                    *sentAt = Simulator::Now();
                                    TcpSegmentInjector::Send(client, server, old);
                                    c->Note("inject", "old duplicate SYN of the 4-tuple");
                                });
            return true;
        });
}

void
TimeWaitSynCase::Reconnect(CaseContext& ctx, Connection& conn, bool loseSyn)
{
    *m_armed = loseSyn;
    uint16_t port = conn.clientPort;
    Ptr<TcpRstSocket> again = TcpRstHelper::CreateSocket(ctx.topology.client);
    m_again[port] = again;
    CaseContext* c = &ctx;
    std::string who = "client-new:" + std::to_string(port);
    again->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                  [this, c, port, who](Ptr<Socket> s)
                                  {
                                      m_againConnected[port] = true;
                                      c->Note(who, "connect -> ok, send(10)");
                                      s->Send(Create<Packet>(10));
                                  }),
                              MakeNullCallback<void, Ptr<Socket>>());
    again->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    again->Connect(InetSocketAddress(ctx.topology.serverAddress, SERVER_PORT));
    ctx.Note(who,
             std::string("connect() from the same port") +
                 (loseSyn ? "; the router drops this SYN once" : ""));
}

void
TimeWaitSynCase::JudgeReuse(const CaseContext& ctx, CaseResult& result) const
{
    const TcpTimeWaitState* tw = TimeWaitAtStart(kReusePort);
    if (!tw)
    {
        result.NotTriggered("conn 40071: the server never held TIME_WAIT");
        return;
    }
    const LadderSegment* synAck = nullptr;
    for (const LadderSegment* s :
         Segments(result,
                  kReusePort,
                  false,
                  ctx.topology.RoundTrip() + Get(kReusePort).establishedAt + m_reconnectAfter))
    {
        if (s->flags == "SA")
        {
            synAck = s;
            break;
        }
    }
    SequenceNumber32 expected = tw->sndNxt + SequenceNumber32(65537);
    result.Check("conn 40071: the newer SYN reuses TIME_WAIT: S>C SA with ISN = old SND.NXT + "
                 "65537 (tcp_timewait_state_process)",
                 synAck && synAck->header.GetSequenceNumber() == expected,
                 synAck ? "ISN " + std::to_string(synAck->header.GetSequenceNumber().GetValue()) +
                              ", expected " + std::to_string(expected.GetValue())
                        : "no SYN-ACK");
    auto it = m_againConnected.find(kReusePort);
    result.Check("conn 40071: the new connection completes and carries its data",
                 it != m_againConnected.end() && it->second &&
                     Get(kReusePort).serverRead >= 50 + 10,
                 std::to_string(Get(kReusePort).serverRead) + " bytes read in all");
}

void
TimeWaitSynCase::JudgeOldSyn(const CaseContext& ctx, CaseResult& result) const
{
    const TcpTimeWaitState* tw = TimeWaitAtStart(kOldSynPort);
    if (!tw || *m_oldSynSentAt == Time::Max())
    {
        result.NotTriggered("conn 40072: TIME_WAIT or the lost SYN never happened");
        return;
    }
    if (InjectedLost(result, kOldSynPort, *m_oldSynSentAt))
    {
        result.NotTriggered("conn 40072: the old SYN was lost");
        return;
    }
    OldSyn variant = Variant();
    std::vector<const LadderSegment*> fromServer =
        Segments(result, kOldSynPort, false, *m_oldSynSentAt);
    std::vector<const LadderSegment*> fromClient =
        Segments(result, kOldSynPort, true, *m_oldSynSentAt);
    const LadderSegment* answer = fromServer.empty() ? nullptr : fromServer.front();
    if (answer && answer->lost)
    {
        result.NotTriggered("conn 40072: the answer to the old SYN was lost");
        return;
    }
    const LadderSegment* rst = nullptr;
    for (const LadderSegment* s : fromClient)
    {
        if (s->header.GetFlags() & TcpHeader::RST)
        {
            rst = s;
            break;
        }
    }
    if (rst && rst->lost)
    {
        result.NotTriggered("conn 40072: the client's reset was lost (its SYN retransmission "
                            "then meets TIME_WAIT itself)");
        return;
    }
    if (variant.accepted)
    {
        SequenceNumber32 expected = tw->sndNxt + SequenceNumber32(65537);
        result.Check("conn 40072: the old SYN with a newer TSval is accepted: SA with ISN = old "
                     "SND.NXT + 65537 (07b3)",
                     answer && answer->flags == "SA" &&
                         answer->header.GetSequenceNumber() == expected,
                     answer ? answer->Summary() : "no answer");
        result.Check("conn 40072: the client (SYN_SENT) resets it: R seq=SEG.ACK",
                     rst && rst->flags == "R" && answer &&
                         rst->header.GetSequenceNumber() == answer->header.GetAckNumber(),
                     rst ? DescribeReset(*rst) : "no reset");
    }
    else
    {
        result.Check("conn 40072: the old SYN gets the last ACK again: S>C A seq=SND.NXT "
                     "ack=RCV.NXT echoing ts_recent (the 4th ACK)",
                     answer && answer->flags == "A" &&
                         answer->header.GetSequenceNumber() == tw->sndNxt &&
                         answer->header.GetAckNumber() == tw->rcvNxt,
                     answer ? answer->Summary() : "no answer");
        result.Check("conn 40072: the client (SYN_SENT) answers R seq=SEG.ACK = RCV.NXT, "
                     "reason TCP_INVALID_ACK_SEQUENCE",
                     rst && rst->flags == "R" && rst->header.GetSequenceNumber() == tw->rcvNxt &&
                         rst->reason && *rst->reason == RstReason::TCP_INVALID_ACK_SEQUENCE,
                     rst ? DescribeReset(*rst) : "no reset");
    }
    // On a long round trip the client's own SYN retransmission (1 s) leaves before its reset
    // to the 4th ACK: then that newer SYN reopens TIME_WAIT itself (ISN + 65537), as Linux does.
    const LadderSegment* clientSyn = nullptr;
    for (const LadderSegment* s : fromClient)
    {
        clientSyn = (!clientSyn && s->flags == "S") ? s : clientSyn;
    }
    bool reopened = !variant.accepted && clientSyn && rst && clientSyn->time < rst->time;
    if (!variant.accepted)
    {
        // What the server did with that reset when it came (at the end of the run a newer SYN
        // may have taken the entry whatever became of the reset). When the client's newer SYN
        // left first, it took the entry and the reset finds none.
        std::optional<RstDisposition> outcome;
        for (const TcpResetEvent& e : result.resets)
        {
            if (!e.sent && e.header.GetSourcePort() == kOldSynPort &&
                e.header.GetDestinationPort() == SERVER_PORT && !outcome)
            {
                outcome = e.disposition;
            }
        }
        result.Check("conn 40072: that reset ends TIME_WAIT (tcp_rfc1337 = 0), unless the "
                     "client's newer SYN took it first",
                     outcome == RstDisposition::TIME_WAIT_ENDED ||
                         (reopened && outcome != RstDisposition::IGNORED_STATE),
                     !outcome ? "no reset reached the server"
                              : std::string(RstDispositionName(*outcome)) +
                                    (reopened ? " (after the newer SYN)" : ""));
    }
    const LadderSegment* lastSynAck = nullptr;
    for (const LadderSegment* s : fromServer)
    {
        if (s->flags == "SA" && s != answer)
        {
            lastSynAck = s;
        }
    }
    bool twIsn = lastSynAck &&
                 lastSynAck->header.GetSequenceNumber() == tw->sndNxt + SequenceNumber32(65537);
    result.Check(reopened ? "conn 40072: the client's SYN retransmission, sent before its reset, "
                            "reopens TIME_WAIT (ISN + 65537); the connection completes"
                          : "conn 40072: the client's SYN retransmission reaches the listener: a "
                            "fresh ISN, the connection completes",
                 lastSynAck && twIsn == reopened && m_againConnected.count(kOldSynPort) == 1,
                 lastSynAck ? lastSynAck->Summary() : "no SYN-ACK from the listener");
    uint64_t paws =
        TcpRstHelper::GetTcp(ctx.topology.server)->GetCounters().Get(TcpStat::PawsTimewait);
    result.Check("the server counts TcpExtPAWSTimewait for an old SYN with an older TSval",
                 paws == (variant.timestamp < 0 ? 1U : 0U),
                 std::to_string(paws));
}

void
TimeWaitSynCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    JudgeReuse(ctx, result);
    JudgeOldSyn(ctx, result);
}

TCP_RST_REGISTER_CASE(TimeWaitSynCase, 7);

} // namespace ns3
