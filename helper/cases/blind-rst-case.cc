/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/rst-case.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-segment-injector.h"

#include <map>
#include <sstream>
#include <stdexcept>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 4, RFC 5961's reason to be: blind in-window resets and SYNs.
 *
 * An off-path attacker who knows the 4-tuples and the receive windows, not the exact
 * sequence numbers, sends resets and SYNs with guessed in-window sequence numbers into
 * connections carrying a steady stream (modelled by injecting them from the client host,
 * whose TCP does not know). The server's connections are split over three listeners whose
 * RstValidation is the default (Rfc5961, Linux; Stock under --stock), Rfc793 and Stock. Under RFC
 * 5961 no connection is reset: an inexact reset or a SYN only gets a challenge ACK (rate-limited,
 * tcp_invalid_ratelimit); the run reports the share of connections reset under each.
 */
class BlindRstCase : public RstCase
{
  public:
    BlindRstCase();
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void Schedule(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

  private:
    /// One policy under attack.
    struct Target
    {
        uint16_t port;                           //!< its listener's port
        const char* policy;                      //!< RstValidation value
        std::vector<Ptr<TcpRstSocket>> accepted; //!< its connections
        std::vector<uint16_t> peerPorts;         //!< their client ports
        uint32_t reset{0}; //!< connections that ended (no FIN is ever sent here)
    };

    uint32_t m_connections{10};               //!< connections per policy
    uint32_t m_blind{100};                    //!< blind segments per connection
    Time m_interval{MilliSeconds(20)};        //!< between blind segments to one connection
    std::map<uint16_t, Target> m_targets;     //!< by listener port
    std::vector<Ptr<TcpRstSocket>> m_clients; //!< the clients
    Ptr<UniformRandomVariable> m_guess;       //!< the attacker's guesses
};

namespace
{
constexpr uint16_t kFirstClientPort = 41000;
constexpr double kGuessRange = 64000; //!< below the 64240 the server's window never goes under
} // namespace

BlindRstCase::BlindRstCase()
    : RstCase("blind-rst",
              "seed case 4: blind in-window resets and SYNs against RFC 5961, RFC 793, stock",
              "no reset under RFC 5961 (challenge ACKs); Rfc793/Stock connections reset")
{
}

void
BlindRstCase::AddOptions(CaseOptions& options)
{
    options.Add("connections", "connections per policy, [1, 100]", m_connections);
    options.Add("blind", "blind segments per connection (every 4th a SYN), [1, 10000]", m_blind);
    options.AddTime("interval", "between blind segments to one connection, [1ms, 1s]", m_interval);
}

void
BlindRstCase::Validate() const
{
    RequireInRange("connections", m_connections, 1U, 100U);
    RequireInRange("blind", m_blind, 1U, 10000U);
    if (m_interval < MilliSeconds(1) || m_interval > Seconds(1))
    {
        throw std::invalid_argument("--interval must be in [1ms, 1s]");
    }
}

Time
BlindRstCase::GetDuration(const CaseContext& ctx) const
{
    return Seconds(3) + m_interval * int64_t(m_blind) + ctx.LinkAllowance();
}

void
BlindRstCase::Schedule(CaseContext& ctx)
{
    const CaseTopology& t = ctx.topology;
    m_guess = CreateObject<UniformRandomVariable>();
    m_guess->SetStream(200);
    // The first listener keeps the default RstValidation (Rfc5961; Stock under --stock).
    m_targets = {{5001, {5001, "default", {}, {}, 0}},
                 {5002, {5002, "Rfc793", {}, {}, 0}},
                 {5003, {5003, "Stock", {}, {}, 0}}};
    uint16_t clientPort = kFirstClientPort;
    for (auto& [port, target] : m_targets)
    {
        Target* tg = &target;
        const char* policy = target.policy;
        ctx.ListenOnServer(
            port,
            [tg](Ptr<TcpRstSocket> s, const InetSocketAddress& peer)
            {
                tg->accepted.push_back(s);
                tg->peerPorts.push_back(peer.GetPort());
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
                // Stock ns-3 closes on a reset as on a FIN (normal close): count both.
                Callback<void, Ptr<Socket>> ended([tg](Ptr<Socket>) { ++tg->reset; });
                s->SetCloseCallbacks(ended, ended);
            },
            [policy](Ptr<TcpRstSocket> listener)
            {
                if (std::string(policy) != "default")
                {
                    listener->SetAttribute("RstValidation", StringValue(policy));
                }
            });
        // Each client keeps sending while the attack runs.
        for (uint32_t i = 0; i < m_connections; ++i)
        {
            Ptr<TcpRstSocket> client = TcpRstHelper::CreateSocket(t.client);
            m_clients.push_back(client);
            Address to = InetSocketAddress(t.serverAddress, port);
            uint16_t local = clientPort++;
            // A steady stream (1000 bytes every 10 ms), so that the sequence numbers move
            // while the attacker guesses, without filling the link: what is measured is the
            // reset validation, not congestion.
            Time until = Seconds(2) + m_interval * int64_t(m_blind);
            client->SetConnectCallback(
                Callback<void, Ptr<Socket>>(
                    [until](Ptr<Socket> s)
                    {
                        for (Time at = Time(0); Simulator::Now() + at < until;
                             at += MilliSeconds(10))
                        {
                            Simulator::Schedule(at,
                                                [s]()
                                                {
                                                    if (s->GetTxAvailable() >= 1000)
                                                    {
                                                        s->Send(Create<Packet>(1000), 0);
                                                    }
                                                });
                        }
                    }),
                MakeNullCallback<void, Ptr<Socket>>());
            Simulator::Schedule(Seconds(1) + MilliSeconds(i),
                                [client, to, local]()
                                {
                                    client->Bind(InetSocketAddress(Ipv4Address::GetAny(), local));
                                    client->Connect(to);
                                });
        }
    }
    ctx.Note("attacker",
             "from 2 s: " + std::to_string(m_blind) + " blind segments per connection, every " +
                 std::to_string(m_interval.GetMilliSeconds()) + " ms, in-window guesses");
    // The attack: for each connection a reset (every 4th a SYN) with a sequence number guessed
    // inside the server's receive window, never exactly RCV.NXT.
    for (uint32_t k = 0; k < m_blind; ++k)
    {
        Time at = Seconds(2) + m_interval * int64_t(k);
        for (auto& [port, target] : m_targets)
        {
            for (uint32_t i = 0; i < m_connections; ++i)
            {
                Target* tg = &target;
                Ptr<UniformRandomVariable> guess = m_guess;
                bool syn = k % 4 == 3;
                TcpSegmentInjector::Schedule(
                    at + MicroSeconds(i),
                    t.client,
                    t.serverAddress,
                    [tg, i, guess, syn]()
                    {
                        TcpSegmentSpec spec;
                        spec.flags = TcpHeader::RST;
                        spec.destinationPort = tg->port;
                        spec.sourcePort = kFirstClientPort - 1; // nobody's: ignored
                        if (i >= tg->accepted.size())
                        {
                            return spec; // a connection that never came up
                        }
                        Ptr<TcpRstSocket> victim = tg->accepted[i];
                        spec.sourcePort = tg->peerPorts[i];
                        spec.destinationPort = tg->port;
                        spec.flags = syn ? TcpHeader::SYN : TcpHeader::RST;
                        spec.tsValue = 1; // any TSval: ns-3 drops segments without one
                        // Inside the smallest window the server offers (64240), never exact.
                        spec.seq = victim->GetRcvNxt() +
                                   SequenceNumber32(
                                       1 + static_cast<uint32_t>(guess->GetValue() * kGuessRange));
                        return spec;
                    });
            }
        }
    }
}

void
BlindRstCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    std::ostringstream table;
    for (const auto& [port, target] : m_targets)
    {
        table << target.policy << ": " << target.reset << "/" << target.accepted.size()
              << " reset; ";
    }
    result.Check("the attack reached every connection (all accepted)",
                 std::all_of(m_targets.begin(),
                             m_targets.end(),
                             [this](const auto& entry)
                             { return entry.second.accepted.size() == m_connections; }),
                 table.str());
    const Target& rfc5961 = m_targets.at(5001);
    const Target& rfc793 = m_targets.at(5002);
    result.Check("default RstValidation (Rfc5961, Linux): no connection reset by a blind segment",
                 rfc5961.reset == 0,
                 std::to_string(rfc5961.reset) + " of " + std::to_string(m_connections));
    result.Check("RFC 793: every connection reset by the first in-window reset",
                 rfc793.reset == m_connections,
                 std::to_string(rfc793.reset) + " of " + std::to_string(m_connections));
    const TcpRstCounters& counters = ctx.topology.ServerTcp()->GetCounters();
    uint64_t sent = counters.Get(TcpStat::ChallengeAck);
    uint64_t skipped = counters.Get(TcpStat::AckSkippedChallenge);
    // At most one challenge ACK per socket per tcp_invalid_ratelimit.
    Time attack = m_interval * int64_t(m_blind);
    uint64_t perSocket = static_cast<uint64_t>(attack.GetMilliSeconds() / 500) + 1;
    result.Check("challenge ACKs within tcp_invalid_ratelimit (one per socket per 500 ms)",
                 sent > 0 && sent <= perSocket * 3 * m_connections && skipped > 0,
                 std::to_string(sent) + " sent, " + std::to_string(skipped) + " skipped");
    result.observed = table.str();
}

TCP_RST_REGISTER_CASE(BlindRstCase, 4);

} // namespace ns3
