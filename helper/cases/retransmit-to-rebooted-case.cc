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
 * \brief Seed case 4: the server retransmits data to a client that crashed and rebooted.
 *
 * As Linux captures 04c and 04c2 in one run: two connections; the client crashes, the server
 * sends 1000 bytes on each while it is down (lost, retransmitted with backoff); the client
 * reboots, and a process listens on the second connection's old port. The first
 * retransmission that arrives meets no socket on the first port (`R seq=SEG.ACK`, NO_SOCKET)
 * and the listener on the second (`R seq=SEG.ACK`, TCP_FLAGS); the server's applications see
 * ECONNRESET.
 */
class RetransmitToRebootedCase : public PeerFailureCase
{
  public:
    RetransmitToRebootedCase();
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void OnConnected(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

  private:
    uint32_t m_bytes{1000};              //!< what the server sends while the client is down
    Time m_crashAt{MilliSeconds(500)};   //!< crash, after the first data was read
    Time m_sendAt{MilliSeconds(700)};    //!< the server's send
    Time m_rebootAt{MilliSeconds(2000)}; //!< reboot
    Ptr<TcpRstSocket> m_clientListener;  //!< listening on the second port after the reboot
    Time m_rebootedAt{Time::Max()};      //!< when the client came back
    Time m_crashedAt{Time::Max()};       //!< when the client crashed
};

namespace
{
constexpr uint16_t kFreePort = 40043;     //!< nobody binds it after the reboot
constexpr uint16_t kListenedPort = 40044; //!< a listener takes it after the reboot
} // namespace

RetransmitToRebootedCase::RetransmitToRebootedCase()
    : PeerFailureCase("retransmit-to-rebooted",
                      "seed case 4: retransmissions reach a rebooted peer (free port, listener)",
                      "C>S R seq=SEG.ACK (NO_SOCKET; TCP_FLAGS from the listener)",
                      {kFreePort, kListenedPort})
{
}

void
RetransmitToRebootedCase::AddOptions(CaseOptions& options)
{
    options.Add("bytes", "what the server sends while the client is down, [1, 65536]", m_bytes);
    options.AddTime("crashAt", "client crash, after the first data was read, > 0", m_crashAt);
    options.AddTime(
        "sendAt", "the server's send, after the first data was read, > crashAt", m_sendAt);
    options.AddTime(
        "rebootAt", "client reboot, after the first data was read, > sendAt", m_rebootAt);
}

void
RetransmitToRebootedCase::Validate() const
{
    RequireInRange("bytes", m_bytes, 1U, 65536U);
    if (!m_crashAt.IsStrictlyPositive() || m_sendAt <= m_crashAt || m_rebootAt <= m_sendAt ||
        m_rebootAt > Seconds(600))
    {
        throw std::invalid_argument("need 0 < --crashAt < --sendAt < --rebootAt <= 600s");
    }
}

Time
RetransmitToRebootedCase::GetDuration(const CaseContext& ctx) const
{
    // The retransmission after the reboot comes at most one RTO (doubled up to 120 s) later.
    return Seconds(2) + m_rebootAt * 2 + Seconds(5) + ctx.LinkAllowance();
}

void
RetransmitToRebootedCase::OnConnected(CaseContext& ctx)
{
    CaseContext* c = &ctx;
    m_crashedAt = Simulator::Now() + m_crashAt;
    CrashClient(ctx, m_crashAt);
    Simulator::Schedule(m_sendAt,
                        [this, c]()
                        {
                            for (uint16_t port : {kFreePort, kListenedPort})
                            {
                                Get(port).server->Send(Create<Packet>(m_bytes), 0);
                                c->Note("server",
                                        "conn " + std::to_string(port) + ": send(" +
                                            std::to_string(m_bytes) + ")");
                            }
                        });
    RebootClient(
        ctx,
        m_rebootAt,
        [this, c]()
        {
            m_rebootedAt = Simulator::Now();
            m_clientListener = TcpRstHelper::CreateSocket(c->topology.client);
            m_clientListener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kListenedPort));
            m_clientListener->Listen();
            c->Note("client", "listen(:" + std::to_string(kListenedPort) + ") on the old port");
        });
}

void
RetransmitToRebootedCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    if (!Connected() || m_rebootedAt == Time::Max())
    {
        result.NotTriggered("the connections never carried their first data");
        return;
    }
    result.Check("no reset from the server", result.Resets(false).empty());
    struct Expectation
    {
        uint16_t port;
        RstReason reason;
        const char* who;
    };
    for (const Expectation& e : {Expectation{kFreePort, RstReason::NO_SOCKET, "free port"},
                                 Expectation{kListenedPort, RstReason::TCP_FLAGS, "listener"}})
    {
        std::string label = "conn " + std::to_string(e.port) + " (" + e.who + "): ";
        // Lost while the client was down, then one arriving after the reboot.
        uint32_t lost = 0;
        const LadderSegment* arrived = nullptr;
        for (const LadderSegment* s : SegmentsAfterConnected(result, e.port, false))
        {
            if (s->length == 0)
            {
                continue;
            }
            if (s->lost && !arrived)
            {
                ++lost;
            }
            else if (!s->lost && !arrived)
            {
                arrived = s;
            }
        }
        if (lost == 0)
        {
            result.NotTriggered(label + "no transmission was lost while the client was down "
                                        "(reboot later, or send earlier)");
            continue;
        }
        if (!arrived)
        {
            result.NotTriggered(label + "no retransmission reached the rebooted client");
            continue;
        }
        result.Check(label + "the data is retransmitted until a copy reaches the rebooted host",
                     arrived->time > m_crashedAt,
                     std::to_string(lost) + " lost, then one arrived");
        const LadderSegment* rst = nullptr;
        for (const LadderSegment* s : SegmentsAfterConnected(result, e.port, true))
        {
            if ((s->header.GetFlags() & TcpHeader::RST) && s->time >= arrived->time && !rst)
            {
                rst = s;
            }
        }
        result.Check(label + "R seq=SEG.ACK of the retransmission, no ACK, reason " +
                         RstReasonName(e.reason),
                     rst && rst->flags == "R" &&
                         rst->header.GetSequenceNumber() == arrived->header.GetAckNumber() &&
                         rst->seq == 11 && rst->reason && *rst->reason == e.reason,
                     rst ? DescribeReset(*rst) : "no reset");
        if (!rst)
        {
            continue;
        }
        if (rst->lost)
        {
            result.NotTriggered(label + "the reset was lost");
            continue;
        }
        result.Check(label + "the server's application sees ECONNRESET",
                     Get(e.port).serverError == TcpRstSocket::CONNECTION_RESET,
                     TcpRstSocket::SocketErrorName(Get(e.port).serverError));
    }
}

TCP_RST_REGISTER_CASE(RetransmitToRebootedCase, 4);

} // namespace ns3
