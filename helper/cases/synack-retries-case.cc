/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/rst-case.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 6: the third handshake ACK is lost; the SYN-ACK retries run out.
 *
 * As Linux capture 06 (there with tcp_synack_retries 2; here Linux's default 5): the router
 * drops every segment from the client but SYNs for a while. The client is ESTABLISHED and
 * sends 100 bytes, lost and retransmitted; the server's half-open connection retransmits its
 * SYN-ACK at +1, +3, +7, +15, +31 s (each answered by a duplicate ACK, lost too), then
 * disappears silently at +63 s. The client's next retransmission reaches the bare listener:
 * `R seq=SEG.ACK` (TCP_FLAGS), and the client sees ECONNRESET.
 */
class SynAckRetriesCase : public RstCase
{
  public:
    SynAckRetriesCase();
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void Schedule(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

  private:
    /// \return when the half-open connection is dropped, after its first SYN-ACK
    Time RequestLifetime() const;

    uint32_t m_synAckRetries{5}; //!< tcp_synack_retries on the server
    uint32_t m_bytes{100};       //!< what the client sends once connected
    Ptr<TcpRstSocket> m_client;  //!< the client
    bool m_connected{false};     //!< the client connected
    uint32_t m_accepted{0};      //!< connections the server accepted
    Time m_dropUntil;            //!< the router drops the client's non-SYN segments until then
};

namespace
{
constexpr uint16_t kClientPort = 40061;
constexpr uint16_t kServerPort = 5000;
} // namespace

SynAckRetriesCase::SynAckRetriesCase()
    : RstCase("synack-retries",
              "seed case 6: third ACK lost, SYN-ACK retries run out, later data is reset",
              "S>C R seq=SEG.ACK from the listener, client ECONNRESET")
{
}

void
SynAckRetriesCase::AddOptions(CaseOptions& options)
{
    options.Add("synAckRetries", "tcp_synack_retries on the server, [1, 10]", m_synAckRetries);
    options.Add("bytes", "what the client sends once connected, [1, 65536]", m_bytes);
}

void
SynAckRetriesCase::Validate() const
{
    RequireInRange("synAckRetries", m_synAckRetries, 1U, 10U);
    RequireInRange("bytes", m_bytes, 1U, 65536U);
}

Time
SynAckRetriesCase::RequestLifetime() const
{
    return Seconds((2 << m_synAckRetries) - 1); // 1 s doubling: 63 s for 5 retries
}

Time
SynAckRetriesCase::GetDuration(const CaseContext& ctx) const
{
    // The client's data timeout doubles from 200 ms: the first retransmission after the drop
    // ends comes at most one doubled timeout later.
    return Seconds(1) + RequestLifetime() * 2 + Seconds(4) + ctx.LinkAllowance();
}

void
SynAckRetriesCase::Schedule(CaseContext& ctx)
{
    const CaseTopology& t = ctx.topology;
    const CaseContext* c = &ctx;
    t.ServerTcp()->SetAttribute("SynAckRetries", UintegerValue(m_synAckRetries));
    ctx.ListenOnServer(kServerPort,
                       [this](Ptr<TcpRstSocket>, const InetSocketAddress&) { ++m_accepted; });
    // Every segment from the client but its SYNs is dropped until the request is gone.
    m_dropUntil = Seconds(1) + RequestLifetime() + Seconds(1);
    Time until = m_dropUntil;
    ctx.fromClient->Drop(
        [until](const FilteredSegment& s)
        {
            return Simulator::Now() < until &&
                   (s.header.GetFlags() & ~TCP_STATELESS_FLAGS) != TcpHeader::SYN;
        });
    Simulator::Schedule(until, [c]() { c->Note("script", "router: drop rule removed"); });

    m_client = TcpRstHelper::CreateSocket(t.client);
    m_client->SetConnectCallback(
        Callback<void, Ptr<Socket>>(
            [this, c](Ptr<Socket> s)
            {
                m_connected = true;
                s->Send(Create<Packet>(m_bytes), 0);
                c->Note("client", "connect -> ok, send(" + std::to_string(m_bytes) + ")");
            }),
        MakeNullCallback<void, Ptr<Socket>>());
    m_client->SetCloseCallbacks(
        MakeNullCallback<void, Ptr<Socket>>(),
        Callback<void, Ptr<Socket>>(
            [this, c](Ptr<Socket>)
            {
                c->Note("client",
                        std::string("SO_ERROR -> ") +
                            TcpRstSocket::SocketErrorName(m_client->GetSocketError()));
            }));
    Ptr<TcpRstSocket> client = m_client;
    Address server = InetSocketAddress(t.serverAddress, kServerPort);
    Simulator::Schedule(Seconds(1),
                        [client, server]()
                        {
                            client->Bind(InetSocketAddress(Ipv4Address::GetAny(), kClientPort));
                            client->Connect(server);
                        });
}

void
SynAckRetriesCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    std::vector<const LadderSegment*> synAcks;
    const LadderSegment* data = nullptr; // the first client data after the drop ended
    for (const LadderSegment& s : result.segments)
    {
        if (!s.fromClient && s.flags == "SA")
        {
            synAcks.push_back(&s);
        }
        if (s.fromClient && s.length > 0 && !s.lost && !data)
        {
            data = &s;
        }
    }
    if (synAcks.empty() || synAcks.front()->lost || !m_connected)
    {
        result.NotTriggered("the first SYN-ACK did not reach the client");
        return;
    }
    bool schedule = synAcks.size() == m_synAckRetries + 1;
    std::string gaps;
    for (std::size_t i = 1; i < synAcks.size(); ++i)
    {
        Time nominal = Seconds(1 << (i - 1));
        Time gap = synAcks[i]->time - synAcks[i - 1]->time;
        schedule = schedule && gap >= nominal && gap <= nominal + nominal / 8 + MilliSeconds(8);
        gaps += (gaps.empty() ? "" : ", ") + std::to_string(gap.GetMilliSeconds()) + " ms";
    }
    result.Check("the half-open connection re-sends its SYN-ACK SynAckRetries times, 1 s "
                 "doubling (+1, +3, +7, +15, +31 s for 5)",
                 schedule,
                 std::to_string(synAcks.size()) + " SYN-ACKs; gaps " + gaps);
    uint32_t dupAcks = 0;
    for (const LadderSegment& s : result.segments)
    {
        dupAcks += (s.fromClient && s.flags == "A" && s.length == 0 &&
                    s.time > synAcks.front()->time + MilliSeconds(500))
                       ? 1
                       : 0;
    }
    result.Check("the client (ESTABLISHED) answers each retransmitted SYN-ACK with an ACK",
                 dupAcks >= synAcks.size() - 1,
                 std::to_string(dupAcks) + " ACKs");
    result.Check(
        "the server never accepted the connection", m_accepted == 0, std::to_string(m_accepted));
    bool sentAfterDrop =
        std::any_of(result.segments.begin(),
                    result.segments.end(),
                    [this](const LadderSegment& s)
                    { return s.fromClient && s.length > 0 && s.time >= m_dropUntil; });
    if (!data && sentAfterDrop)
    {
        result.NotTriggered("every data segment of the client after the drop ended was lost");
        return;
    }
    result.Check("the client still retransmits its data after the drop ended",
                 data != nullptr,
                 data ? data->Summary() : "no data segment arrived");
    if (!data)
    {
        return;
    }
    result.Check("the client's data arrives after the half-open connection is gone",
                 data->time >= synAcks.front()->time + RequestLifetime(),
                 std::to_string((data->time - synAcks.front()->time).GetMilliSeconds()) +
                     " ms after the first SYN-ACK");
    std::vector<LadderSegment> resets = result.Resets(false);
    const LadderSegment* rst = resets.empty() ? nullptr : &resets.front();
    result.Check("the bare listener answers R seq=SEG.ACK, no ACK, reason TCP_FLAGS",
                 resets.size() == 1 && rst->flags == "R" &&
                     rst->header.GetSequenceNumber() == data->header.GetAckNumber() &&
                     rst->seq == 1 && rst->reason && *rst->reason == RstReason::TCP_FLAGS,
                 rst ? DescribeReset(*rst) : "no reset");
    if (rst && rst->lost)
    {
        result.NotTriggered("the listener's reset was lost");
        return;
    }
    result.Check("no reset from the client", result.Resets(true).empty());
    result.Check("the client sees ECONNRESET",
                 m_client->GetSocketError() == TcpRstSocket::CONNECTION_RESET,
                 TcpRstSocket::SocketErrorName(m_client->GetSocketError()));
}

TCP_RST_REGISTER_CASE(SynAckRetriesCase, 6);

} // namespace ns3
