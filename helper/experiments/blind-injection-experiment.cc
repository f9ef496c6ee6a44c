/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/case-topology.h"
#include "ns3/config.h"
#include "ns3/connection-state-driver.h"
#include "ns3/log.h"
#include "ns3/profiled-server-topology.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rst-experiment.h"
#include "ns3/simulator.h"
#include "ns3/stack-matrix.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-filter.h"
#include "ns3/tcp-segment-injector.h"

#include <cctype>
#include <functional>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("BlindInjectionExperiment");

namespace
{
/// Sets attribute defaults ("ns3::Type::Attribute") for one run and restores the previous
/// ones afterwards, so that a Python process running several experiments keeps its own.
class ScopedDefaults
{
  public:
    explicit ScopedDefaults(const std::vector<std::pair<std::string, std::string>>& values)
    {
        for (const auto& [path, value] : values)
        {
            std::string::size_type split = path.rfind("::");
            TypeId::AttributeInformation info;
            TypeId::LookupByName(path.substr(0, split))
                .LookupAttributeByName(path.substr(split + 2), &info);
            m_saved.emplace_back(path, info.initialValue->SerializeToString(info.checker));
            Config::SetDefault(path, StringValue(value));
        }
    }

    ~ScopedDefaults()
    {
        for (const auto& [path, value] : m_saved)
        {
            Config::SetDefault(path, StringValue(value));
        }
    }

  private:
    std::vector<std::pair<std::string, std::string>> m_saved; //!< the defaults before
};
} // namespace

/**
 * \ingroup tcp-rst
 * \brief Blind in-window injection (Luckie et al., "Resilience of deployed TCP to blind
 * attacks", IMC 2015; Watson, "Slipping in the window", 2004): what one injected segment does
 * to an ESTABLISHED connection under a stack policy, and the share of connections an off-path
 * attacker who knows the four-tuple resets by sweeping the sequence space with RSTs spaced one
 * receive window apart, at a given packet rate.
 *
 * Stacks: Linux (RFC 5961: only an exact RST resets, RFC 5961 3.2), Rfc793 (the Linux model
 * with RstValidation and SynValidation Rfc793: any in-window RST or SYN resets, RFC 793 p. 37),
 * Ns3 (stock ns-3 3.37 TcpSocketBase).
 */
class BlindInjectionExperiment : public RstExperiment
{
  public:
    BlindInjectionExperiment()
        : RstExperiment("blind-injection",
                        "Blind in-window injection: each injected segment's outcome, and the "
                        "share of connections a blind RST sweep resets at a packet rate")
    {
    }

    void
    AddOptions(CaseOptions& o) override
    {
        o.Add("stack", "the target's stack: Linux (RFC 5961), Rfc793 or Ns3", m_stack);
        o.Add("attackRate",
              "the attacker's RSTs per second, over every connection, [0, 1e6]",
              m_attackRate);
        o.AddTime("attackDuration", "how long the attacker sends, [0, 600s]", m_attackDuration);
        o.Add("connections", "ESTABLISHED connections attacked, [1, 1000]", m_connections);
        o.Add("probes", "also inject one segment of each kind (the outcome table)", m_probes);
    }

    void
    Validate() const override
    {
        if (m_stack != "Linux" && m_stack != "Rfc793" && m_stack != "Ns3")
        {
            throw std::invalid_argument("invalid value '" + m_stack +
                                        "' for --stack; allowed: Linux, Rfc793, Ns3");
        }
        RequireInRange("attackRate", m_attackRate, 0.0, 1e6);
        RequireInRange("attackDuration", m_attackDuration, Time(0), Seconds(600));
        RequireInRange<uint32_t>("connections", m_connections, 1, 1000);
        if (m_attackRate * m_attackDuration.GetSeconds() > 5e6)
        {
            throw std::invalid_argument("--attackRate x --attackDuration is more than 5e6 "
                                        "injected segments");
        }
    }

    ExperimentResult
    Run() override
    {
        std::vector<std::pair<std::string, std::string>> defaults;
        if (m_stack == "Rfc793")
        {
            defaults.emplace_back("ns3::TcpRstSocket::RstValidation", "Rfc793");
            defaults.emplace_back("ns3::TcpRstSocket::SynValidation", "Rfc793");
        }
        ScopedDefaults scoped(defaults);
        std::string profile = m_stack == "Ns3" ? "Ns3" : "Linux";
        ExperimentResult result;
        result.columns = {"part", "item", "outcome", "detail"};
        if (m_probes)
        {
            for (InjectedSegment segment : {InjectedSegment::IN_WINDOW_RST,
                                            InjectedSegment::IN_WINDOW_SYN,
                                            InjectedSegment::IN_WINDOW_DATA,
                                            InjectedSegment::BAD_ACK_DATA})
            {
                StackMatrixCell cell = StackMatrix::Probe(profile, segment);
                std::string name = StackMatrix::SegmentName(segment);
                result.records.push_back(
                    {"probe", name, StackMatrix::OutcomeName(cell.outcome), cell.evidence});
                std::string key;
                for (char c : name)
                {
                    key += (c == ' ' || c == '-') ? '_' : static_cast<char>(std::tolower(c));
                }
                result.labels.emplace_back(key, StackMatrix::OutcomeName(cell.outcome));
            }
        }
        Attack(result, profile);
        std::ostringstream report;
        report << "blind-injection: stack " << m_stack << ", " << m_connections << " connections, "
               << m_attackRate << " RST/s for " << m_attackDuration.As(Time::S) << '\n';
        for (const auto& row : result.records)
        {
            report << "  " << row[0] << " " << row[1] << ": " << row[2] << " (" << row[3] << ")\n";
        }
        result.report = report.str();
        return result;
    }

  private:
    void Attack(ExperimentResult& result, const std::string& profile) const;

    std::string m_stack{"Linux"};
    double m_attackRate{1000};
    Time m_attackDuration{Seconds(10)};
    uint32_t m_connections{8};
    bool m_probes{true};
};

namespace
{
constexpr uint16_t kServerPort = 80;
constexpr uint16_t kFirstClientPort = 41000;
constexpr int64_t kAttackStream = 2000;
} // namespace

void
BlindInjectionExperiment::Attack(ExperimentResult& result, const std::string& profile) const
{
    ProfiledServerTopology pair(profile);
    const CaseTopology& t = pair.topology;
    std::unique_ptr<ConnectionStateDriver> driver =
        pair.Establish(kServerPort, m_connections, kFirstClientPort);
    std::vector<ConnectionStateDriver::Connection>& connections = driver->GetConnections();

    // Per connection: where the sweep starts (unknown to the attacker: uniform), its step (the
    // receive window the server advertises), and when the connection ended.
    Ptr<UniformRandomVariable> start = CreateObject<UniformRandomVariable>();
    start->SetStream(kAttackStream);
    struct Target
    {
        Ptr<TcpRstSocket> server;
        uint16_t clientPort;
        uint32_t start;
        uint32_t step;
        uint32_t rcvNxt;
        uint64_t sent{0};
        Time endedAt{Time::Max()};
    };
    std::vector<Target> targets;
    const Time attackStart = Simulator::Now();
    for (const auto& c : connections)
    {
        Target target{c.server,
                      c.clientPort,
                      static_cast<uint32_t>(start->GetInteger(0, 0xFFFFFFFFU)),
                      std::max<uint32_t>(1, c.server->GetRcvWnd()),
                      c.server->GetRcvNxt().GetValue()};
        targets.push_back(target);
    }
    for (std::size_t i = 0; i < targets.size(); ++i)
    {
        Target* target = &targets[i];
        target->server->TraceConnectWithoutContext(
            "State",
            Callback<void, TcpSocket::TcpStates_t, TcpSocket::TcpStates_t>(
                [target](TcpSocket::TcpStates_t, TcpSocket::TcpStates_t now)
                {
                    if (now == TcpSocket::CLOSED && target->endedAt == Time::Max())
                    {
                        target->endedAt = Simulator::Now();
                    }
                }));
    }
    uint64_t total = static_cast<uint64_t>(m_attackRate * m_attackDuration.GetSeconds());
    Ptr<Node> attacker = t.client; // spoofs the client's address from its link
    Address serverAddress = t.serverAddress;
    // One event at a time (a sweep may send millions): packet k goes to connection k mod N.
    // Packets for a connection that has already ended are not simulated: they cannot change
    // whether it was reset, and they would only cost time.
    double rate = m_attackRate;
    uint64_t simulated = 0;
    std::function<void(uint64_t)> send = [&](uint64_t k)
    {
        Target& target = targets[k % targets.size()];
        if (target.endedAt == Time::Max())
        {
            ++simulated;
        }
        else
        {
            ++target.sent;
            if (k + 1 < total)
            {
                Simulator::Schedule(Seconds((k + 1) / rate) - Seconds(k / rate),
                                    [&send, k]() { send(k + 1); });
            }
            return;
        }
        TcpSegmentSpec spec;
        spec.sourcePort = target.clientPort;
        spec.destinationPort = kServerPort;
        spec.flags = TcpHeader::RST;
        spec.seq =
            SequenceNumber32(target.start + static_cast<uint32_t>(target.sent) * target.step);
        ++target.sent;
        TcpSegmentInjector::Send(attacker, serverAddress, spec);
        if (k + 1 < total)
        {
            Simulator::Schedule(Seconds((k + 1) / rate) - Seconds(k / rate),
                                [&send, k]() { send(k + 1); });
        }
    };
    if (total > 0)
    {
        Simulator::ScheduleNow([&send]() { send(0); });
    }
    ConnectionStateDriver::RunFor(m_attackDuration + Seconds(1));

    uint32_t reset = 0;
    double timeSum = 0;
    for (const Target& target : targets)
    {
        bool ended = target.endedAt != Time::Max();
        std::ostringstream detail;
        detail << "window " << target.step << ", " << target.sent << " RSTs from RCV.NXT+"
               << (target.start - target.rcvNxt);
        if (ended)
        {
            ++reset;
            timeSum += (target.endedAt - attackStart).GetSeconds();
            detail << ", reset after " << (target.endedAt - attackStart).GetSeconds() << " s";
        }
        result.records.push_back({"attack",
                                  "port " + std::to_string(target.clientPort),
                                  ended ? "reset" : "survived",
                                  detail.str()});
    }
    const TcpRstCounters& counters = TcpRstHelper::GetTcp(t.server)->GetCounters();
    result.Set("attack_packets", static_cast<double>(total));
    result.Set("simulated_packets", static_cast<double>(simulated));
    result.Set("reset_share_pct", 100.0 * reset / targets.size());
    result.Set("time_to_reset_mean_s", reset ? timeSum / reset : 0);
    result.Set("challenge_acks", counters.Get(TcpStat::ChallengeAck));
    Simulator::Destroy();
}

TCP_RST_REGISTER_EXPERIMENT(BlindInjectionExperiment);

} // namespace ns3
