/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/inet-socket-address.h"
#include "ns3/peer-failure-case.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-helper.h"

#include <stdexcept>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 4, RFC 5961: a rebooted client reconnects from the same port.
 *
 * As Linux capture 04b: the client crashes and reboots; its new SYN (another ISN) reaches the
 * server's ESTABLISHED connection of that 4-tuple, which answers with a challenge ACK (seq =
 * SND.NXT, ack = RCV.NXT, RFC 5961 4.2); the client, in SYN_SENT, answers that unacceptable
 * ACK with `R seq=SEG.ACK`, which is exactly RCV.NXT: the server's connection ends
 * (ECONNRESET). The client re-sends its SYN TCP_TIMEOUT_MIN later, to the listener this time,
 * and connects.
 */
class ChallengeAckRebootCase : public PeerFailureCase
{
  public:
    ChallengeAckRebootCase();
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void OnConnected(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

  private:
    Time m_crashAt{MilliSeconds(500)};      //!< crash, after the first data was read
    Time m_rebootAt{MilliSeconds(1100)};    //!< reboot
    Time m_reconnectAt{MilliSeconds(1500)}; //!< the new connect() from the same port
    Ptr<TcpRstSocket> m_again;              //!< the client's socket after the reboot
    bool m_connectedAgain{false};           //!< it connected
    Time m_reconnectStarted;                //!< when it called connect()
    SequenceNumber32 m_serverSndNxt;        //!< the old connection's SND.NXT at the crash
    SequenceNumber32 m_serverRcvNxt;        //!< and its RCV.NXT
};

namespace
{
constexpr uint16_t kClientPort = 40042;
} // namespace

ChallengeAckRebootCase::ChallengeAckRebootCase()
    : PeerFailureCase("challenge-ack-reboot",
                      "seed case 4: a rebooted client's SYN meets its old connection (RFC 5961)",
                      "S>C challenge ACK; C>S R seq=SEG.ACK; server ECONNRESET; reconnect",
                      {kClientPort})
{
}

void
ChallengeAckRebootCase::AddOptions(CaseOptions& options)
{
    options.AddTime("crashAt", "client crash, after the first data was read, > 0", m_crashAt);
    options.AddTime(
        "rebootAt", "client reboot, after the first data was read, > crashAt", m_rebootAt);
    options.AddTime("reconnectAt",
                    "the rebooted client's connect(), after the first data was read, > rebootAt",
                    m_reconnectAt);
}

void
ChallengeAckRebootCase::Validate() const
{
    if (!m_crashAt.IsStrictlyPositive() || m_rebootAt <= m_crashAt || m_reconnectAt <= m_rebootAt ||
        m_reconnectAt > Seconds(3600))
    {
        throw std::invalid_argument("need 0 < --crashAt < --rebootAt < --reconnectAt <= 3600s");
    }
}

Time
ChallengeAckRebootCase::GetDuration(const CaseContext& ctx) const
{
    return Seconds(3) + m_reconnectAt + ctx.LinkAllowance();
}

void
ChallengeAckRebootCase::OnConnected(CaseContext& ctx)
{
    m_serverSndNxt = Get(kClientPort).server->GetSndNxt();
    m_serverRcvNxt = Get(kClientPort).server->GetRcvNxt();
    CrashClient(ctx, m_crashAt);
    RebootClient(ctx, m_rebootAt);
    CaseContext* c = &ctx;
    Simulator::Schedule(m_reconnectAt,
                        [this, c]()
                        {
                            m_again = TcpRstHelper::CreateSocket(c->topology.client);
                            m_again->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                                            [this, c](Ptr<Socket> s)
                                                            {
                                                                m_connectedAgain = true;
                                                                s->Send(Create<Packet>(20));
                                                                c->Note("client-after-reboot",
                                                                        "connect -> ok, send(20)");
                                                            }),
                                                        MakeNullCallback<void, Ptr<Socket>>());
                            m_again->Bind(InetSocketAddress(Ipv4Address::GetAny(), kClientPort));
                            m_reconnectStarted = Simulator::Now();
                            m_again->Connect(
                                InetSocketAddress(c->topology.serverAddress, SERVER_PORT));
                            c->Note("client-after-reboot", "connect() from the same port");
                        });
}

void
ChallengeAckRebootCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    if (!Connected() || !m_again)
    {
        result.NotTriggered("the first connection never carried its data");
        return;
    }
    // The new SYN, the server's answer to it, the client's reset.
    const LadderSegment* syn = nullptr;
    const LadderSegment* challenge = nullptr;
    const LadderSegment* rst = nullptr;
    for (const LadderSegment& s : result.segments)
    {
        if (s.time < m_reconnectStarted)
        {
            continue;
        }
        if (!syn && s.fromClient && s.flags == "S" && !s.lost)
        {
            syn = &s;
        }
        else if (syn && !challenge && !s.fromClient && s.flags == "A")
        {
            challenge = &s;
        }
        else if (challenge && !rst && s.fromClient && (s.header.GetFlags() & TcpHeader::RST))
        {
            rst = &s;
        }
    }
    if (!syn)
    {
        result.NotTriggered("every SYN of the rebooted client was lost");
        return;
    }
    const Connection& old = Get(kClientPort);
    result.Check("the old connection answers the SYN with a challenge ACK: A seq=SND.NXT "
                 "ack=RCV.NXT (RFC 5961 4.2)",
                 challenge && challenge->header.GetSequenceNumber() == m_serverSndNxt &&
                     challenge->header.GetAckNumber() == m_serverRcvNxt,
                 challenge ? challenge->Summary() : "no challenge ACK");
    if (!challenge || challenge->lost)
    {
        if (challenge)
        {
            result.NotTriggered("the challenge ACK was lost");
        }
        return;
    }
    result.Check("the client (SYN_SENT) answers R seq=SEG.ACK, reason TCP_INVALID_ACK_SEQUENCE",
                 rst && rst->flags == "R" &&
                     rst->header.GetSequenceNumber() == challenge->header.GetAckNumber() &&
                     rst->reason && *rst->reason == RstReason::TCP_INVALID_ACK_SEQUENCE,
                 rst ? DescribeReset(*rst) : "no reset");
    if (!rst || rst->lost)
    {
        if (rst)
        {
            result.NotTriggered("the client's reset was lost");
        }
        return;
    }
    result.Check("that reset is exactly RCV.NXT: the server's connection ends with ECONNRESET",
                 old.serverError == TcpRstSocket::CONNECTION_RESET,
                 TcpRstSocket::SocketErrorName(old.serverError));
    uint64_t synChallenges = ctx.topology.ServerTcp()->GetCounters().Get(TcpStat::SynChallenge);
    result.Check("the server counts TcpExtTCPSYNChallenge",
                 synChallenges >= 1,
                 std::to_string(synChallenges));
    result.Check("the client re-sends its SYN and connects to the listener, data flows",
                 m_connectedAgain && m_again->GetSocketError() == TcpRstSocket::NO_ERROR,
                 m_connectedAgain ? "connected" : "not connected");
}

TCP_RST_REGISTER_CASE(ChallengeAckRebootCase, 4);

} // namespace ns3
