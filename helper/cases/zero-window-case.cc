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
#include <map>
#include <stdexcept>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 5: zero-window probes, answered or not.
 *
 * As Linux captures 05a and 05b in one run: two connections from the client (the sender) to a
 * server that never reads (4096-byte receive buffer). Both windows close; the client probes
 * with `A seq=SND.UNA-1` and no data, the timeout doubling from max(RTO, 200 ms) up to RtoMax.
 * On the first connection the server answers every probe (window 0; one within 500 ms of its
 * last answer is not, tcp_invalid_ratelimit): probing goes on, no reset. On the second the
 * server becomes unreachable: after tcp_retries2 (15) unanswered probes the client gives up
 * with ETIMEDOUT and sends nothing. With --maxZeroWindowProbes=N (the seed note's variant, not
 * Linux) the client resets both after N probes instead.
 */
class ZeroWindowCase : public RstCase
{
  public:
    ZeroWindowCase();
    bool ShowsResets() const override;
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void Schedule(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

  private:
    /// The client's probes on a connection: A, no data, after the window closed.
    std::vector<const LadderSegment*> Probes(const CaseResult& result, uint16_t port) const;

    Time m_rtoMax{Seconds(120)};                     //!< tcp_rto_max_ms on the client
    Time m_vanishAt{Seconds(3)};                     //!< the second receiver becomes unreachable
    uint32_t m_maxProbes{0};                         //!< MaxZeroWindowProbes (0: Linux)
    uint32_t m_bytes{200000};                        //!< what the client writes on each connection
    std::map<uint16_t, Ptr<TcpRstSocket>> m_clients; //!< by port
    std::map<uint16_t, Time> m_endedAt;              //!< when a client connection ended
    std::map<uint16_t, TcpRstSocket::SocketError> m_errors; //!< and with what
};

namespace
{
constexpr uint16_t kAnsweredPort = 40051;
constexpr uint16_t kVanishingPort = 40052;
constexpr uint16_t kServerPort = 5000;
constexpr uint32_t kRetries2 = 15;
} // namespace

ZeroWindowCase::ZeroWindowCase()
    : RstCase("zero-window",
              "seed case 5: zero-window probes answered for ever, or unanswered until ETIMEDOUT",
              "no reset: probes go on while answered; ETIMEDOUT, no segment, when not")
{
}

bool
ZeroWindowCase::ShowsResets() const
{
    return m_maxProbes != 0; // Linux sends none: that is the point
}

void
ZeroWindowCase::AddOptions(CaseOptions& options)
{
    options.AddTime(
        "rtoMax", "tcp_rto_max_ms on the client, [1s, 120s] (capture 05b used 2s)", m_rtoMax);
    options.AddTime(
        "vanishAt", "when the second receiver becomes unreachable, [2s, 60s]", m_vanishAt);
    options.Add("maxZeroWindowProbes",
                "reset after this many probes (the seed note's variant); 0 = Linux, [0, 1000]",
                m_maxProbes);
    options.Add("bytes", "what the client writes on each connection, [10000, 10000000]", m_bytes);
}

void
ZeroWindowCase::Validate() const
{
    if (m_rtoMax < Seconds(1) || m_rtoMax > Seconds(120))
    {
        throw std::invalid_argument("--rtoMax must be in [1s, 120s]");
    }
    if (m_vanishAt < Seconds(2) || m_vanishAt > Seconds(60))
    {
        throw std::invalid_argument("--vanishAt must be in [2s, 60s]");
    }
    RequireInRange("maxZeroWindowProbes", m_maxProbes, 0U, 1000U);
    RequireInRange("bytes", m_bytes, 10000U, 10000000U);
}

Time
ZeroWindowCase::GetDuration(const CaseContext& ctx) const
{
    // 15 unanswered probes and the expiry after them: at most RtoMax apart.
    return m_vanishAt + m_rtoMax * int64_t(kRetries2 + 1) + Seconds(10) + ctx.LinkAllowance();
}

void
ZeroWindowCase::Schedule(CaseContext& ctx)
{
    const CaseTopology& t = ctx.topology;
    CaseContext* c = &ctx;
    t.ClientTcp()->SetAttribute("RtoMax", TimeValue(m_rtoMax));
    t.ClientTcp()->SetAttribute("MaxZeroWindowProbes", UintegerValue(m_maxProbes));
    // The server never reads.
    ctx.ListenOnServer(
        kServerPort,
        [](Ptr<TcpRstSocket>, const InetSocketAddress&) {},
        [](Ptr<TcpRstSocket> listener)
        { listener->SetAttribute("RcvBufSize", UintegerValue(4096)); });
    // The second receiver vanishes: nothing it sends arrives any more.
    Time vanish = m_vanishAt;
    ctx.fromServer->Drop(
        [vanish](const FilteredSegment& s)
        { return Simulator::Now() >= vanish && s.header.GetDestinationPort() == kVanishingPort; });
    Simulator::Schedule(vanish,
                        [c]()
                        {
                            c->Note("script",
                                    "the receiver of conn " + std::to_string(kVanishingPort) +
                                        " becomes unreachable");
                        });

    Address server = InetSocketAddress(t.serverAddress, kServerPort);
    Time at = Seconds(1);
    for (uint16_t port : {kAnsweredPort, kVanishingPort})
    {
        Ptr<TcpRstSocket> client = TcpRstHelper::CreateSocket(t.client);
        m_clients[port] = client;
        uint32_t bytes = m_bytes;
        client->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                       [c, port, bytes](Ptr<Socket> s)
                                       {
                                           s->Send(Create<Packet>(bytes), 0);
                                           c->Note("client",
                                                   "conn " + std::to_string(port) + ": send(" +
                                                       std::to_string(bytes) + ")");
                                       }),
                                   MakeNullCallback<void, Ptr<Socket>>());
        client->SetCloseCallbacks(
            MakeNullCallback<void, Ptr<Socket>>(),
            Callback<void, Ptr<Socket>>(
                [this, c, port](Ptr<Socket> s)
                {
                    m_endedAt[port] = Simulator::Now();
                    m_errors[port] = DynamicCast<TcpRstSocket>(s)->GetSocketError();
                    c->Note("client",
                            "conn " + std::to_string(port) + ": SO_ERROR -> " +
                                TcpRstSocket::SocketErrorName(m_errors[port]));
                }));
        Simulator::Schedule(at,
                            [client, server, port]()
                            {
                                client->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
                                client->Connect(server);
                            });
        at += MilliSeconds(100);
    }
}

std::vector<const LadderSegment*>
ZeroWindowCase::Probes(const CaseResult& result, uint16_t port) const
{
    std::vector<const LadderSegment*> probes;
    bool closed = false;
    for (const LadderSegment& s : result.segments)
    {
        if (s.clientPort != port)
        {
            continue;
        }
        closed = closed || (!s.fromClient && s.window == 0 && s.flags == "A");
        if (closed && s.fromClient && s.flags == "A" && s.length == 0)
        {
            probes.push_back(&s);
        }
    }
    return probes;
}

void
ZeroWindowCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    std::vector<const LadderSegment*> answered = Probes(result, kAnsweredPort);
    std::vector<const LadderSegment*> vanishing = Probes(result, kVanishingPort);
    for (uint16_t port : {kAnsweredPort, kVanishingPort})
    {
        bool closedOnWire = false;
        bool closedArrived = false;
        for (const LadderSegment& s : result.segments)
        {
            if (s.clientPort == port && !s.fromClient && s.window == 0 && s.flags == "A")
            {
                closedOnWire = true;
                closedArrived = closedArrived || !s.lost;
            }
        }
        if (closedOnWire && !closedArrived)
        {
            result.NotTriggered("every zero-window ACK of conn " + std::to_string(port) +
                                " was lost");
            return;
        }
    }
    result.Check("both receivers' windows close, and the client probes them",
                 !answered.empty() && !vanishing.empty(),
                 std::to_string(answered.size()) + " and " + std::to_string(vanishing.size()) +
                     " probes (A, no data)");
    if (answered.empty() || vanishing.empty())
    {
        return;
    }
    // Every probe is A seq=SND.UNA-1 without data; the timeout doubles from >= 200 ms.
    bool shape = true;
    for (const LadderSegment* p : answered)
    {
        shape = shape && p->seq == answered.front()->seq && p->length == 0;
    }
    result.Check("probes are A seq=SND.UNA-1 with no data (tcp_xmit_probe_skb)",
                 shape && answered.front()->ack.has_value(),
                 answered.front()->Summary());
    bool doubling = true;
    for (std::size_t i = 2; i < answered.size(); ++i)
    {
        Time gap = answered[i]->time - answered[i - 1]->time;
        Time previous = answered[i - 1]->time - answered[i - 2]->time;
        Time expected = Min(previous * 2, m_rtoMax);
        doubling = doubling && gap >= expected - expected / 8 - MilliSeconds(8) &&
                   gap <= expected + expected / 8 + MilliSeconds(8);
    }
    result.Check("the probe timeout doubles up to RtoMax (tcp_probe0_when())",
                 doubling,
                 std::to_string(answered.size()) + " probes on the answered connection");
    if (m_maxProbes == 0)
    {
        result.Check("answered probes go on: no reset, the connection stays up",
                     result.Resets(true).empty() && result.Resets(false).empty() &&
                         m_clients.at(kAnsweredPort)->GetState() == TcpSocket::ESTABLISHED,
                     TcpSocket::TcpStateName[m_clients.at(kAnsweredPort)->GetState()]);
        // The probes after the last one that got an answer through.
        std::vector<const LadderSegment*> silent;
        for (std::size_t i = 0; i < vanishing.size(); ++i)
        {
            Time next = i + 1 < vanishing.size() ? vanishing[i + 1]->time : Time::Max();
            bool answered = std::any_of(result.segments.begin(),
                                        result.segments.end(),
                                        [&](const LadderSegment& s)
                                        {
                                            return s.clientPort == kVanishingPort &&
                                                   !s.fromClient && !s.lost &&
                                                   s.time > vanishing[i]->time && s.time < next;
                                        });
            if (answered)
            {
                silent.clear();
            }
            else
            {
                silent.push_back(vanishing[i]);
            }
        }
        auto ended = m_endedAt.find(kVanishingPort);
        result.Check("the unanswered connection sends exactly tcp_retries2 (15) probes that get "
                     "no answer",
                     silent.size() == kRetries2,
                     std::to_string(silent.size()) + " probes");
        result.Check(
            "then ends with ETIMEDOUT at the next expiry, sending nothing",
            ended != m_endedAt.end() && m_errors.at(kVanishingPort) == TcpRstSocket::TIMED_OUT &&
                !silent.empty() && ended->second > silent.back()->time,
            ended == m_endedAt.end() ? "still up"
                                     : TcpRstSocket::SocketErrorName(m_errors.at(kVanishingPort)));
        return;
    }
    // The seed note's variant: a reset after N probes, answered or not.
    for (uint16_t port : {kAnsweredPort, kVanishingPort})
    {
        std::string label = "conn " + std::to_string(port) + ": ";
        std::vector<const LadderSegment*> probes = Probes(result, port);
        const LadderSegment* rst = nullptr;
        for (const LadderSegment& s : result.segments)
        {
            if (s.clientPort == port && s.fromClient && (s.header.GetFlags() & TcpHeader::RST))
            {
                rst = &s;
            }
        }
        result.Check(label + "MaxZeroWindowProbes probes, then R. seq=SND.NXT (reason "
                             "ZERO_WINDOW_PROBES, the seed note's variant)",
                     probes.size() == m_maxProbes && rst && rst->flags == "RA" && rst->reason &&
                         *rst->reason == RstReason::ZERO_WINDOW_PROBES,
                     std::to_string(probes.size()) + " probes; " +
                         (rst ? DescribeReset(*rst) : "no reset"));
    }
}

TCP_RST_REGISTER_CASE(ZeroWindowCase, 5);

} // namespace ns3
