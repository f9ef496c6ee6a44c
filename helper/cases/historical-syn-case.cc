/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/rst-case.h"
#include "ns3/simulator.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-l4-protocol.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-injector.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 1: an old duplicate SYN reaches the server before the client's own SYN.
 *
 * As in the Linux capture 01-historical-syn: the client's first SYN is lost, an old SYN of
 * the same 4-tuple with a lower ISN and an older timestamp arrives, the server answers it with
 * a SYN-ACK acking the old ISN, the client (SYN_SENT) answers `R seq=SEG.ACK`, the server frees
 * the half-open connection silently, the client re-sends its SYN TCP_TIMEOUT_MIN later and the
 * handshake completes; data then flows.
 */
class HistoricalSynCase : public RstCase
{
  public:
    HistoricalSynCase();
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void Schedule(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;
    /// Judge the --loseOldSynAck path.
    void JudgeLostSynAck(const CaseContext& ctx,
                         CaseResult& result,
                         const LadderSegment& synAck) const;

    uint32_t m_isnOffset{10};          //!< the old SYN's ISN is this much below the client's
    Time m_oldSynAt{MilliSeconds(48)}; //!< when the old SYN is sent, after connect()
    Time m_tsAge{MilliSeconds(100)};   //!< how much older its TSval is than the client's SYN
    uint32_t m_dataBytes{100};         //!< bytes the client sends once connected
    bool m_loseOldSynAck{false};       //!< lose the SYN-ACK answering the old SYN

  private:
    Ptr<TcpRstSocket> m_client;   //!< the connecting socket
    Ptr<TcpRstSocket> m_listener; //!< the server's listener
    bool m_connected{false};      //!< connect() succeeded
    bool m_connectFailed{false};  //!< connect() failed
    uint32_t m_accepted{0};       //!< connections the server accepted
    uint32_t m_received{0};       //!< bytes the server read
    bool m_serverClosed{false};   //!< the server called close()
};

namespace
{
constexpr uint16_t kClientPort = 40001;
constexpr uint16_t kServerPort = 5000;
} // namespace

HistoricalSynCase::HistoricalSynCase()
    : RstCase(
          "historical-syn",
          "seed case 1: SYN-ACK for an old duplicate SYN is reset, the handshake then completes",
          "C>S R seq=SEG.ACK, then handshake completes (--loseOldSynAck: S>C R. INVALID_SYN)")
{
}

void
HistoricalSynCase::AddOptions(CaseOptions& options)
{
    options.Add(
        "isnOffset", "old SYN's ISN is this much below the client's [1, 2^31)", m_isnOffset);
    options.AddTime("oldSynAt", "when the old SYN is sent after connect(), (0, 1s)", m_oldSynAt);
    options.AddTime("tsAge",
                    "how much older the old SYN's timestamp is than the client's SYN, [0, 10s]",
                    m_tsAge);
    options.Add("dataBytes", "bytes the client sends once connected, [1, 65536]", m_dataBytes);
    options.Add("loseOldSynAck",
                "lose the SYN-ACK answering the old SYN: the client's own SYN then meets the "
                "half-open connection (tcp_check_req(): INVALID_SYN reset)",
                m_loseOldSynAck);
}

void
HistoricalSynCase::Validate() const
{
    RequireInRange("isnOffset", m_isnOffset, 1U, 2147483647U);
    if (!m_oldSynAt.IsStrictlyPositive() || m_oldSynAt >= Seconds(1))
    {
        throw std::invalid_argument("--oldSynAt must be in (0, 1s): the old SYN has to arrive "
                                    "before the client's own SYN is retransmitted");
    }
    if (m_tsAge.IsStrictlyNegative() || m_tsAge > Seconds(10))
    {
        throw std::invalid_argument("--tsAge must be in [0, 10s]");
    }
    RequireInRange("dataBytes", m_dataBytes, 1U, 65536U);
}

Time
HistoricalSynCase::GetDuration(const CaseContext& ctx) const
{
    return Seconds(4) + ctx.LinkAllowance();
}

void
HistoricalSynCase::Schedule(CaseContext& ctx)
{
    const CaseTopology& t = ctx.topology;
    const CaseContext* c = &ctx;

    // Server: listen; read what arrives; close once everything is read.
    m_listener = ctx.ListenOnServer(
        kServerPort,
        [this, c](Ptr<TcpRstSocket> s, const InetSocketAddress&)
        {
            ++m_accepted;
            s->SetRecvCallback(Callback<void, Ptr<Socket>>(
                [this, c](Ptr<Socket> sock)
                {
                    while (Ptr<Packet> p = sock->Recv())
                    {
                        if (p->GetSize() == 0)
                        {
                            break;
                        }
                        m_received += p->GetSize();
                        c->Note("server", "recv -> " + std::to_string(p->GetSize()) + " bytes");
                    }
                    if (m_received >= m_dataBytes && !m_serverClosed)
                    {
                        m_serverClosed = true;
                        sock->Close();
                        c->Note("server", "close()");
                    }
                }));
        });

    // The client's first SYN is lost on the way, as in the capture.
    ctx.fromClient->Drop(TcpSegmentFilter::And(TcpSegmentFilter::FromPort(kClientPort),
                                               TcpSegmentFilter::FlagsAre(TcpHeader::SYN)),
                         0,
                         1);
    if (m_loseOldSynAck)
    {
        ctx.fromServer->Drop(TcpSegmentFilter::FlagsAre(TcpHeader::SYN | TcpHeader::ACK), 0, 1);
    }

    m_client = TcpRstHelper::CreateSocket(t.client);
    m_client->SetConnectCallback(
        Callback<void, Ptr<Socket>>(
            [this, c](Ptr<Socket> s)
            {
                m_connected = true;
                c->Note("client", "connect -> ok");
                s->Send(Create<Packet>(m_dataBytes));
                c->Note("client", "send(" + std::to_string(m_dataBytes) + ")");
            }),
        Callback<void, Ptr<Socket>>(
            [this, c](Ptr<Socket> s)
            {
                m_connectFailed = true;
                c->Note("client",
                        std::string("connect -> ") +
                            TcpRstSocket::SocketErrorName(m_client->GetSocketError()));
            }));
    // As in the capture, the client closes its side 500 ms after the server's FIN.
    m_client->SetCloseCallbacks(Callback<void, Ptr<Socket>>(
                                    [c](Ptr<Socket> s)
                                    {
                                        Simulator::Schedule(MilliSeconds(500),
                                                            [c, s]()
                                                            {
                                                                c->Note("client", "close()");
                                                                s->Close();
                                                            });
                                    }),
                                MakeNullCallback<void, Ptr<Socket>>());
    Ptr<TcpRstSocket> client = m_client;
    Address server = InetSocketAddress(t.serverAddress, kServerPort);
    Ipv4Address clientAddress = t.clientAddress;
    Simulator::Schedule(
        Seconds(1),
        [client, server, clientAddress, c]()
        {
            client->Bind(InetSocketAddress(Ipv4Address::GetAny(), kClientPort));
            client->Connect(server);
            c->Note("client",
                    "connect(" + FormatEndpoint(InetSocketAddress::ConvertFrom(server)) +
                        ") from " + FormatEndpoint(InetSocketAddress(clientAddress, kClientPort)));
        });

    // The old duplicate SYN: same 4-tuple, ISN below the client's, older timestamp.
    uint32_t offset = m_isnOffset;
    Time tsAge = m_oldSynAt + m_tsAge; // older than the client's own SYN, as in the capture
    TcpSegmentInjector::Schedule(
        Seconds(1) + m_oldSynAt,
        t.client,
        t.serverAddress,
        [=]()
        {
            TcpSegmentSpec old;
            old.sourcePort = kClientPort;
            old.destinationPort = kServerPort;
            old.flags = TcpHeader::SYN;
            old.seq = client->GetIss() - SequenceNumber32(offset);
            old.mss = 1460;
            old.sackPermitted = true;
            old.windowScale = 7;
            uint32_t now = c->topology.ClientTcp()->GetTimestampValue(clientAddress, server);
            uint32_t age = static_cast<uint32_t>(tsAge.GetMilliSeconds());
            old.tsValue = now > age ? now - age : 0;
            c->Note("inject",
                    "old SYN sent: ISN " + std::to_string(old.seq.GetValue()) + " (-" +
                        std::to_string(offset) + " vs the client's), TSval -" +
                        std::to_string(age) + " ms vs now");
            return old;
        });
}

void
HistoricalSynCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    // The trigger: the old SYN reaches the server and its SYN-ACK reaches the client.
    const LadderSegment* oldSyn = nullptr;
    const LadderSegment* synAck = nullptr;
    for (const LadderSegment& s : result.segments)
    {
        if (!oldSyn && s.injected && s.flags == "S")
        {
            oldSyn = &s;
        }
        else if (oldSyn && !synAck && !s.fromClient && s.flags == "SA" &&
                 s.header.GetAckNumber() == oldSyn->header.GetSequenceNumber() + 1)
        {
            synAck = &s;
        }
    }
    if (!oldSyn || oldSyn->lost)
    {
        result.NotTriggered("the old SYN was lost on the way");
        return;
    }
    result.Check("the server answers the old SYN with a SYN-ACK acking its ISN",
                 synAck != nullptr,
                 synAck ? "SA ack=" + std::to_string(synAck->header.GetAckNumber().GetValue())
                        : "no SYN-ACK");
    if (!synAck)
    {
        return;
    }
    if (m_loseOldSynAck)
    {
        JudgeLostSynAck(ctx, result, *synAck);
        return;
    }
    if (synAck->lost)
    {
        result.NotTriggered("the SYN-ACK answering the old SYN was lost (--loseOldSynAck=true "
                            "runs that path)");
        return;
    }
    std::vector<LadderSegment> resets = result.Resets(true);
    result.Check("exactly one reset, sent by the client",
                 resets.size() == 1 && result.Resets(false).empty(),
                 std::to_string(resets.size()) + " from client, " +
                     std::to_string(result.Resets(false).size()) + " from server");
    if (resets.empty())
    {
        return;
    }
    const LadderSegment& rst = resets.front();
    if (rst.lost)
    {
        result.NotTriggered("the client's reset was lost: the half-open connection stayed");
        return;
    }
    result.Check("reset is R without ACK, seq = SEG.ACK of the SYN-ACK (tcp_v4_send_reset)",
                 rst.flags == "R" &&
                     rst.header.GetSequenceNumber() == synAck->header.GetAckNumber(),
                 DescribeReset(rst));
    result.Check("reset seq is 1 relative to the old SYN's ISN (Linux ladder: R 1 -)",
                 rst.seq == 1 && !rst.seqAbsolute,
                 "seq " + std::to_string(rst.seq));
    result.Check("reason is TCP_INVALID_ACK_SEQUENCE",
                 rst.reason && *rst.reason == RstReason::TCP_INVALID_ACK_SEQUENCE,
                 rst.reason ? RstReasonName(*rst.reason) : "none");
    const LadderSegment* nextSyn = nullptr;
    for (const LadderSegment& s : result.segments)
    {
        if (s.time > rst.time && s.fromClient && s.flags == "S")
        {
            nextSyn = &s;
            break;
        }
    }
    // TCP_TIMEOUT_MIN on the timer wheel: whole jiffies plus up to two of rounding.
    Ptr<TcpRstL4Protocol> clientTcp = ctx.topology.ClientTcp();
    Time timeoutMin = clientTcp->GetTimeoutMin();
    const TcpHostProfile& profile = clientTcp->GetHostProfile();
    Time slack = profile.IsLinux() && profile.jiffyTimers ? Seconds(2.0 / profile.hz) : Time(0);
    std::ostringstream gap;
    bool quick = false;
    if (nextSyn)
    {
        Time after = nextSyn->time - rst.time;
        quick = after >= timeoutMin && after <= timeoutMin + slack && nextSyn->seq == 0;
        gap << "SYN re-sent " << after.GetMicroSeconds() << " us after the reset";
    }
    result.Check("client stays in SYN_SENT and re-sends its SYN TCP_TIMEOUT_MIN after the reset",
                 quick,
                 gap.str());
    uint32_t freed = 0;
    for (const TcpResetEvent& e : result.resets)
    {
        freed += (!e.sent && e.disposition == RstDisposition::HALF_OPEN_FREED) ? 1 : 0;
    }
    result.Check("server frees the half-open connection on the reset, silently",
                 freed == 1,
                 std::to_string(freed) + " half-open connection(s) freed");
    result.Check("handshake then completes: client connected, server accepted once",
                 m_connected && !m_connectFailed && m_accepted == 1,
                 std::string(m_connected ? "connected" : "not connected") + ", accepted " +
                     std::to_string(m_accepted));
    result.Check("data flows: server read " + std::to_string(m_dataBytes) + " bytes",
                 m_received == m_dataBytes,
                 std::to_string(m_received) + " bytes");
}

// Linux tcp_check_req(): the client's own SYN (ISN above the old one, inside the request's
// window) meets the half-open connection: embryonic reset R. seq=0 ack=SEG.SEQ+1
// (INVALID_SYN), counted TcpExtEmbryonicRsts; the client's connect() is refused.
void
HistoricalSynCase::JudgeLostSynAck(const CaseContext& ctx,
                                   CaseResult& result,
                                   const LadderSegment& synAck) const
{
    const LadderSegment* ownSyn = nullptr;
    for (const LadderSegment& s : result.segments)
    {
        if (s.time > synAck.time && s.fromClient && s.flags == "S" && !s.injected)
        {
            ownSyn = &s;
            break;
        }
    }
    if (!ownSyn || ownSyn->lost)
    {
        result.NotTriggered("the client's SYN retransmission was lost");
        return;
    }
    std::vector<LadderSegment> resets = result.Resets(false);
    result.Check("exactly one reset, sent by the server",
                 resets.size() == 1 && result.Resets(true).empty(),
                 std::to_string(resets.size()) + " from server, " +
                     std::to_string(result.Resets(true).size()) + " from client");
    if (resets.empty())
    {
        return;
    }
    const LadderSegment& rst = resets.front();
    result.Check("reset is R. seq=0 ack=SEG.SEQ+1 of the client's SYN (tcp_v4_send_reset)",
                 rst.flags == "RA" && rst.header.GetSequenceNumber().GetValue() == 0 &&
                     rst.header.GetAckNumber() == ownSyn->header.GetSequenceNumber() + 1,
                 DescribeReset(rst));
    result.Check("reason is INVALID_SYN",
                 rst.reason && *rst.reason == RstReason::INVALID_SYN,
                 rst.reason ? RstReasonName(*rst.reason) : "none");
    uint64_t embryonic = ctx.topology.ServerTcp()->GetCounters().Get(TcpStat::EmbryonicRsts);
    result.Check(
        "server counts TcpExtEmbryonicRsts = 1", embryonic == 1, std::to_string(embryonic));
    if (rst.lost)
    {
        result.NotTriggered("the server's reset was lost");
        return;
    }
    result.Check("client's connect() fails with ECONNREFUSED, nothing accepted",
                 m_connectFailed && !m_connected && m_accepted == 0 &&
                     m_client->GetSocketError() == TcpRstSocket::CONNECTION_REFUSED,
                 TcpRstSocket::SocketErrorName(m_client->GetSocketError()));
}

TCP_RST_REGISTER_CASE(HistoricalSynCase, 1);

} // namespace ns3
