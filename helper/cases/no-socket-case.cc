/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/rst-case.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-injector.h"
#include "ns3/uinteger.h"

#include <map>
#include <stdexcept>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief First half of seed case 4: segments reaching a host that has no such connection.
 *
 * Two connections are open when the client host loses its TCP state without a segment on the
 * wire (TcpRstL4Protocol::DiscardAllSockets()); a listener then takes the second one's port.
 * The server's data on the first connection meets no socket (`R seq=SEG.ACK`, NO_SOCKET, as in
 * Linux capture 04c), on the second the listener (`R seq=SEG.ACK`, TCP_FLAGS, as in 04c2); the
 * server's connections end as reset (ECONNRESET). Last, crafted segments to unbound ports: one
 * with 20 bytes and no ACK is answered `R.` seq=0 ack=SEG.SEQ+20 (the payload counts), a pure
 * ACK is answered `R` seq=SEG.ACK.
 */
class NoSocketCase : public RstCase
{
  public:
    NoSocketCase();
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void Schedule(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

    uint32_t m_serverBytes{1000}; //!< bytes the server sends after the client lost its state
    uint32_t m_craftedBytes{20};  //!< payload of the crafted segment without ACK

  private:
    void Crash(CaseContext* ctx);
    void Trigger(CaseContext* ctx);

    std::map<uint16_t, uint32_t> m_read;              //!< bytes the server read per client port
    bool m_crashed{false};                            //!< the client host lost its state
    Time m_crashAt{Time::Max()};                      //!< when
    std::map<uint16_t, Ptr<TcpRstSocket>> m_accepted; //!< server sockets by client port
    std::map<uint16_t, bool> m_serverReset;           //!< server saw its connection reset
    Ptr<TcpRstSocket> m_listener;                     //!< server listener
    Ptr<TcpRstSocket> m_clientListener;               //!< listener on the client after the wipe
    std::vector<Ptr<TcpRstSocket>> m_clients;         //!< client sockets
    SequenceNumber32 m_craftedSeq{1000};              //!< seq of the crafted segment
};

namespace
{
constexpr uint16_t kServerPort = 5000;
constexpr uint16_t kUnboundClientPort = 40051;  //!< nobody binds it after the wipe
constexpr uint16_t kListenedClientPort = 40052; //!< a listener takes it after the wipe
constexpr uint16_t kCraftedSourcePort = 7000;
constexpr uint16_t kCraftedDestinationPort = 6000;
constexpr uint16_t kPureAckDestinationPort = 6001;
constexpr uint32_t kPureAckAck = 424242;
} // namespace

NoSocketCase::NoSocketCase()
    : RstCase("no-socket",
              "seed case 4 (first half): segments reaching a host without the connection",
              "C>S R seq=SEG.ACK per segment; C>S R. ack=SEG.SEQ+LEN")
{
}

void
NoSocketCase::AddOptions(CaseOptions& options)
{
    options.Add("serverBytes",
                "bytes the server sends after the client crashed, [1, 65536]",
                m_serverBytes);
    options.Add(
        "craftedBytes", "payload of the crafted segment without ACK, [0, 1400]", m_craftedBytes);
}

void
NoSocketCase::Validate() const
{
    RequireInRange("serverBytes", m_serverBytes, 1U, 65536U);
    RequireInRange("craftedBytes", m_craftedBytes, 0U, 1400U);
}

Time
NoSocketCase::GetDuration(const CaseContext& ctx) const
{
    return Seconds(4) + ctx.LinkAllowance();
}

// The timeline follows the scenario, not the clock: the client host crashes once both
// connections carried the client's 10 bytes, whatever the link's delay or losses.
void
NoSocketCase::Schedule(CaseContext& ctx)
{
    const CaseTopology& t = ctx.topology;
    CaseContext* c = &ctx;

    m_listener = ctx.ListenOnServer(
        kServerPort,
        [this, c](Ptr<TcpRstSocket> s, const InetSocketAddress& peer)
        {
            uint16_t port = peer.GetPort();
            m_accepted[port] = s;
            m_serverReset[port] = false;
            s->SetRecvCallback(Callback<void, Ptr<Socket>>(
                [this, port, c](Ptr<Socket> sock)
                {
                    while (Ptr<Packet> p = sock->Recv())
                    {
                        if (p->GetSize() == 0)
                        {
                            break;
                        }
                        m_read[port] += p->GetSize();
                    }
                    if (!m_crashed && m_read[kUnboundClientPort] >= 10 &&
                        m_read[kListenedClientPort] >= 10)
                    {
                        m_crashed = true;
                        // One round trip later the server's ACKs have reached the client.
                        Simulator::Schedule(c->topology.RoundTrip(), &NoSocketCase::Crash, this, c);
                    }
                }));
            s->SetCloseCallbacks(
                MakeNullCallback<void, Ptr<Socket>>(),
                Callback<void, Ptr<Socket>>(
                    [this, port, c](Ptr<Socket> sock)
                    {
                        m_serverReset[port] = true;
                        c->Note("server",
                                "conn " + std::to_string(port) + ": SO_ERROR -> " +
                                    TcpRstSocket::SocketErrorName(
                                        DynamicCast<TcpRstSocket>(sock)->GetSocketError()));
                    }));
        });

    // Two connections; each client sends 10 bytes.
    Address server = InetSocketAddress(t.serverAddress, kServerPort);
    for (uint16_t port : {kUnboundClientPort, kListenedClientPort})
    {
        Ptr<TcpRstSocket> client = TcpRstHelper::CreateSocket(t.client);
        m_clients.push_back(client);
        client->SetConnectCallback(
            Callback<void, Ptr<Socket>>(
                [c, port](Ptr<Socket> s)
                {
                    s->Send(Create<Packet>(10));
                    c->Note("client", "conn " + std::to_string(port) + ": connect -> ok, send(10)");
                }),
            MakeNullCallback<void, Ptr<Socket>>());
        Time at = port == kUnboundClientPort ? Seconds(1.0) : Seconds(1.1);
        Simulator::Schedule(at,
                            [client, server, port]()
                            {
                                client->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
                                client->Connect(server);
                            });
    }
}

// The client host loses its TCP state without a segment on the wire; a listener takes the
// second connection's port; then the server sends and crafted segments follow.
void
NoSocketCase::Crash(CaseContext* ctx)
{
    m_crashAt = Simulator::Now();
    uint32_t n = ctx->topology.ClientTcp()->DiscardAllSockets();
    ctx->Note("script",
              "host C lost its TCP state (" + std::to_string(n) +
                  " sockets discarded, nothing sent)");
    Ptr<Node> clientNode = ctx->topology.client;
    Simulator::Schedule(
        MilliSeconds(100),
        [this, clientNode, ctx]()
        {
            m_clientListener = TcpRstHelper::CreateSocket(clientNode);
            m_clientListener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kListenedClientPort));
            m_clientListener->Listen();
            ctx->Note("client",
                      "listen(:" + std::to_string(kListenedClientPort) + ") on the old port");
        });
    Simulator::Schedule(MilliSeconds(500), &NoSocketCase::Trigger, this, ctx);
}

void
NoSocketCase::Trigger(CaseContext* ctx)
{
    for (auto& [port, socket] : m_accepted)
    {
        socket->Send(Create<Packet>(m_serverBytes), 0);
        ctx->Note("server",
                  "conn " + std::to_string(port) + ": send(" + std::to_string(m_serverBytes) + ")");
    }
    // A crafted segment with payload and no ACK, to a port nobody bound, and a pure ACK to
    // another; each three times, 100 ms apart, so that a lossy link still delivers one.
    const CaseTopology& t = ctx->topology;
    TcpSegmentSpec crafted;
    crafted.sourcePort = kCraftedSourcePort;
    crafted.destinationPort = kCraftedDestinationPort;
    crafted.flags = 0;
    crafted.seq = m_craftedSeq;
    crafted.payloadSize = m_craftedBytes;
    TcpSegmentSpec pureAck = crafted;
    pureAck.destinationPort = kPureAckDestinationPort;
    pureAck.flags = TcpHeader::ACK;
    pureAck.ack = SequenceNumber32(kPureAckAck);
    pureAck.payloadSize = 0;
    ctx->Note("inject",
              "segment without ACK, seq " + std::to_string(crafted.seq.GetValue()) + ", " +
                  std::to_string(crafted.payloadSize) +
                  " bytes, to :" + std::to_string(kCraftedDestinationPort) +
                  "; pure ACK to :" + std::to_string(kPureAckDestinationPort) + " (each x3)");
    for (int i = 0; i < 3; ++i)
    {
        Time at = MilliSeconds(500 + 100 * i);
        TcpSegmentInjector::Schedule(at, t.server, t.clientAddress, crafted);
        TcpSegmentInjector::Schedule(at + MilliSeconds(50), t.server, t.clientAddress, pureAck);
    }
}

void
NoSocketCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    if (m_crashAt == Time::Max())
    {
        result.NotTriggered("the two connections never carried their first data");
        return;
    }
    result.Check("no reset from the server", result.Resets(false).empty());
    std::vector<LadderSegment> resets = result.Resets(true);
    // The reset answering a segment: the first client reset on its port with seq = its ack
    // (no ACK flag), or ack = its seq + length (no ACK in the segment).
    auto answer = [&resets](const LadderSegment& s) -> const LadderSegment*
    {
        for (const LadderSegment& r : resets)
        {
            bool samePort = r.header.GetSourcePort() == s.header.GetDestinationPort();
            if (samePort && r.time >= s.time &&
                ((s.header.GetFlags() & TcpHeader::ACK)
                     ? r.flags == "R" && r.header.GetSequenceNumber() == s.header.GetAckNumber()
                     : r.flags == "RA" && r.header.GetSequenceNumber().GetValue() == 0 &&
                           r.header.GetAckNumber() ==
                               s.header.GetSequenceNumber() + SequenceNumber32(s.length)))
            {
                return &r;
            }
        }
        return nullptr;
    };
    struct Expectation
    {
        uint16_t port;
        RstReason reason;
        const char* what;
    };
    uint32_t expectedResets = 0;
    for (const Expectation& e :
         {Expectation{kUnboundClientPort, RstReason::NO_SOCKET, "unbound port"},
          Expectation{kListenedClientPort, RstReason::TCP_FLAGS, "listener"},
          Expectation{kCraftedDestinationPort, RstReason::NO_SOCKET, "crafted, no ACK"},
          Expectation{kPureAckDestinationPort, RstReason::NO_SOCKET, "crafted pure ACK"}})
    {
        std::string label = "port " + std::to_string(e.port) + " (" + e.what + "): ";
        uint32_t arrived = 0;
        uint32_t answered = 0;
        std::string detail;
        for (const LadderSegment& s : result.segments)
        {
            if (s.fromClient || s.header.GetDestinationPort() != e.port || s.time < m_crashAt ||
                s.lost)
            {
                continue;
            }
            ++arrived;
            const LadderSegment* rst = answer(s);
            bool shape = rst && rst->window == 0 && rst->options.empty() && rst->reason &&
                         *rst->reason == e.reason;
            answered += shape ? 1 : 0;
            if (detail.empty())
            {
                detail = rst ? DescribeReset(*rst) : "no reset";
            }
        }
        expectedResets += arrived;
        if (arrived == 0)
        {
            result.NotTriggered(label + "no segment reached the client host");
            continue;
        }
        result.Check(
            label + "every segment that reaches the host gets " +
                (e.port == kCraftedDestinationPort ? "R. seq=0 ack=SEG.SEQ+LEN" : "R seq=SEG.ACK") +
                ", window 0, no options, reason " + RstReasonName(e.reason),
            answered == arrived,
            std::to_string(answered) + " of " + std::to_string(arrived) +
                " answered; first: " + detail);
    }
    result.Check("no reset other than those answers",
                 resets.size() == expectedResets,
                 std::to_string(resets.size()) + " resets, " + std::to_string(expectedResets) +
                     " expected");
    for (uint16_t port : {kUnboundClientPort, kListenedClientPort})
    {
        auto socket = m_accepted.find(port);
        auto reset = m_serverReset.find(port);
        bool anyReset = false;
        bool anyArrived = false;
        for (const LadderSegment& r : resets)
        {
            anyReset |= r.header.GetSourcePort() == port;
            anyArrived |= r.header.GetSourcePort() == port && !r.lost;
        }
        if (anyReset && !anyArrived)
        {
            result.NotTriggered("conn " + std::to_string(port) + ": every reset was lost");
            continue;
        }
        result.Check("conn " + std::to_string(port) +
                         ": the server's connection ends as reset (ECONNRESET)",
                     socket != m_accepted.end() && reset != m_serverReset.end() && reset->second &&
                         socket->second->GetSocketError() == TcpRstSocket::CONNECTION_RESET,
                     socket == m_accepted.end()
                         ? "connection never accepted"
                         : TcpRstSocket::SocketErrorName(socket->second->GetSocketError()));
    }
    uint64_t estabResets = ctx.topology.ServerTcp()->GetCounters().Get(TcpStat::EstabResets);
    result.Check("server counts TcpEstabResets = 2", estabResets == 2, std::to_string(estabResets));
}

TCP_RST_REGISTER_CASE(NoSocketCase, 4);

} // namespace ns3
