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
    Time GetDuration() const override;
    void Schedule(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

    uint32_t m_serverBytes{1000}; //!< bytes the server sends after the client lost its state
    uint32_t m_craftedBytes{20};  //!< payload of the crafted segment without ACK

  private:
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
              "C>S R seq=SEG.ACK (x3); C>S R. ack=SEG.SEQ+LEN")
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
    if (m_serverBytes == 0 || m_serverBytes > 65536)
    {
        throw std::invalid_argument("--serverBytes=" + std::to_string(m_serverBytes) +
                                    " is out of range [1, 65536]");
    }
    if (m_craftedBytes > 1400)
    {
        throw std::invalid_argument("--craftedBytes=" + std::to_string(m_craftedBytes) +
                                    " is out of range [0, 1400]");
    }
}

Time
NoSocketCase::GetDuration() const
{
    return Seconds(4);
}

void
NoSocketCase::Schedule(CaseContext& ctx)
{
    const CaseTopology& t = ctx.topology;
    const CaseContext* c = &ctx;

    m_listener = ctx.ListenOnServer(
        kServerPort,
        [this, c](Ptr<TcpRstSocket> s, const InetSocketAddress& peer)
        {
            uint16_t port = peer.GetPort();
            m_accepted[port] = s;
            m_serverReset[port] = false;
            s->SetRecvCallback(Callback<void, Ptr<Socket>>(
                [](Ptr<Socket> sock)
                {
                    while (Ptr<Packet> p = sock->Recv())
                    {
                        if (p->GetSize() == 0)
                        {
                            break;
                        }
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
        },
        // Linux's MSS on this path (1500-byte MTU, timestamps): the server's data leaves as
        // one segment, as in captures 04c/04c2. Accepted sockets inherit it.
        [](Ptr<TcpRstSocket> listener)
        { listener->SetAttribute("SegmentSize", UintegerValue(1448)); });

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

    // The client host loses its TCP state without a segment on the wire.
    Ptr<TcpRstL4Protocol> clientTcp = t.ClientTcp();
    Simulator::Schedule(Seconds(1.5),
                        [clientTcp, c]()
                        {
                            uint32_t n = clientTcp->DiscardAllSockets();
                            c->Note("script",
                                    "host C lost its TCP state (" + std::to_string(n) +
                                        " sockets discarded, nothing sent)");
                        });
    Ptr<Node> clientNode = t.client;
    Simulator::Schedule(
        Seconds(1.6),
        [this, clientNode, c]()
        {
            m_clientListener = TcpRstHelper::CreateSocket(clientNode);
            m_clientListener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kListenedClientPort));
            m_clientListener->Listen();
            c->Note("client",
                    "listen(:" + std::to_string(kListenedClientPort) + ") on the old port");
        });

    // The server sends on both connections.
    Simulator::Schedule(Seconds(2.0),
                        [this, c]()
                        {
                            for (auto& [port, socket] : m_accepted)
                            {
                                socket->Send(Create<Packet>(m_serverBytes), 0);
                                c->Note("server",
                                        "conn " + std::to_string(port) + ": send(" +
                                            std::to_string(m_serverBytes) + ")");
                            }
                        });

    // A crafted segment with payload and no ACK, to a port nobody bound.
    TcpSegmentSpec crafted;
    crafted.sourcePort = kCraftedSourcePort;
    crafted.destinationPort = kCraftedDestinationPort;
    crafted.flags = 0;
    crafted.seq = m_craftedSeq;
    crafted.payloadSize = m_craftedBytes;
    TcpSegmentInjector::Schedule(Seconds(2.5), t.server, t.clientAddress, crafted);
    // And a pure ACK (no data) to another port nobody bound.
    TcpSegmentSpec pureAck = crafted;
    pureAck.destinationPort = kPureAckDestinationPort;
    pureAck.flags = TcpHeader::ACK;
    pureAck.ack = SequenceNumber32(kPureAckAck);
    pureAck.payloadSize = 0;
    TcpSegmentInjector::Schedule(Seconds(2.6), t.server, t.clientAddress, pureAck);
    Simulator::Schedule(Seconds(2.5),
                        [c, crafted]()
                        {
                            c->Note("inject",
                                    "segment without ACK, seq " +
                                        std::to_string(crafted.seq.GetValue()) + ", " +
                                        std::to_string(crafted.payloadSize) +
                                        " bytes, to :" + std::to_string(kCraftedDestinationPort));
                        });
}

void
NoSocketCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    std::vector<LadderSegment> resets = result.Resets(true);
    result.Check("four resets, all from the client host",
                 resets.size() == 4 && result.Resets(false).empty(),
                 std::to_string(resets.size()) + " from client, " +
                     std::to_string(result.Resets(false).size()) + " from server");
    auto find = [&resets](uint16_t port) -> const LadderSegment*
    {
        for (const LadderSegment& s : resets)
        {
            if (s.header.GetSourcePort() == port)
            {
                return &s;
            }
        }
        return nullptr;
    };
    // The data segment each reset answers: the last S>C segment with payload on that port.
    auto dataAck = [&result](uint16_t port) -> std::optional<SequenceNumber32>
    {
        std::optional<SequenceNumber32> ack;
        for (const LadderSegment& s : result.segments)
        {
            if (!s.fromClient && s.length > 0 && s.header.GetDestinationPort() == port)
            {
                ack = s.header.GetAckNumber();
            }
        }
        return ack;
    };
    struct Expectation
    {
        uint16_t port;
        RstReason reason;
        const char* who;
    };
    for (const Expectation& e :
         {Expectation{kUnboundClientPort, RstReason::NO_SOCKET, "unbound port"},
          Expectation{kListenedClientPort, RstReason::TCP_FLAGS, "listener"}})
    {
        const LadderSegment* rst = find(e.port);
        std::optional<SequenceNumber32> ack = dataAck(e.port);
        std::string label = std::string("conn ") + std::to_string(e.port) + " (" + e.who + "): ";
        result.Check(label + "R seq=SEG.ACK of the server's data, no ACK flag, window 0",
                     rst && ack && rst->flags == "R" && rst->header.GetSequenceNumber() == *ack &&
                         rst->window == 0 && rst->seq == 11,
                     rst ? DescribeReset(*rst) : "no reset");
        result.Check(label + "reason " + RstReasonName(e.reason),
                     rst && rst->reason && *rst->reason == e.reason,
                     rst && rst->reason ? RstReasonName(*rst->reason) : "none");
        auto socket = m_accepted.find(e.port);
        auto reset = m_serverReset.find(e.port);
        result.Check(label + "the server's connection ends as reset (ECONNRESET)",
                     socket != m_accepted.end() && reset != m_serverReset.end() && reset->second &&
                         socket->second->GetSocketError() == TcpRstSocket::CONNECTION_RESET,
                     socket == m_accepted.end()
                         ? "connection never accepted"
                         : TcpRstSocket::SocketErrorName(socket->second->GetSocketError()));
    }
    const LadderSegment* pureAck = find(kPureAckDestinationPort);
    result.Check("crafted pure ACK: R seq=SEG.ACK, no ACK flag",
                 pureAck && pureAck->flags == "R" &&
                     pureAck->header.GetSequenceNumber() == SequenceNumber32(kPureAckAck),
                 pureAck ? DescribeReset(*pureAck) : "no reset");
    const LadderSegment* crafted = find(kCraftedDestinationPort);
    result.Check(
        "crafted segment without ACK: R. seq=0 ack=SEG.SEQ+" + std::to_string(m_craftedBytes) +
            " (the payload counts)",
        crafted && crafted->flags == "RA" && crafted->header.GetSequenceNumber().GetValue() == 0 &&
            crafted->header.GetAckNumber() == m_craftedSeq + SequenceNumber32(m_craftedBytes),
        crafted ? DescribeReset(*crafted) : "no reset");
    uint64_t estabResets = ctx.topology.ServerTcp()->GetCounters().Get(TcpStat::EstabResets);
    result.Check("server counts TcpEstabResets = 2", estabResets == 2, std::to_string(estabResets));
}

TCP_RST_REGISTER_CASE(NoSocketCase, 4);

} // namespace ns3
