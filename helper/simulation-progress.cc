/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "simulation-progress.h"

#include "ns3/simulator.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{
constexpr double kPrintEverySeconds = 2.0;
}

SimulationProgress::SimulationProgress(bool enabled, std::ostream& os)
    : m_enabled(enabled)
    , m_os(os)
    , m_start(std::chrono::steady_clock::now())
{
}

double
SimulationProgress::Elapsed() const
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
}

void
SimulationProgress::StartRound(uint32_t round, uint32_t rounds, Time duration)
{
    m_round = round;
    m_rounds = rounds;
    m_duration = duration;
    m_lastEvents = 0;
    m_lastEventsAt = Elapsed();
    m_roundStart = m_lastEventsAt;
    if (m_enabled)
    {
        Simulator::Schedule(MilliSeconds(100), &SimulationProgress::Check, this);
    }
}

void
SimulationProgress::Check()
{
    double now = Elapsed();
    if (now - m_lastPrint >= kPrintEverySeconds)
    {
        uint64_t events = Simulator::GetEventCount();
        double rate = (events - m_lastEvents) / std::max(1e-9, now - m_lastEventsAt);
        m_os << std::fixed << std::setprecision(1) << "tcp-rst: round " << m_round + 1 << '/'
             << m_rounds << ": simulated " << Simulator::Now().GetSeconds() << '/'
             << m_duration.GetSeconds() << " s, wall " << now << " s, " << std::setprecision(0)
             << rate << " events/s, " << Eta(now) << std::endl;
        m_lastPrint = now;
        m_lastEvents = events;
        m_lastEventsAt = now;
    }
    if (Simulator::Now() + MilliSeconds(100) < m_duration)
    {
        Simulator::Schedule(MilliSeconds(100), &SimulationProgress::Check, this);
    }
}

std::string
SimulationProgress::Eta(double now) const
{
    // Simulated time says little about the work left (the traffic is early, the timers late):
    // the estimate comes from the rounds already done.
    if (m_round == 0)
    {
        return "ETA after the first round";
    }
    double perRound = m_roundsWall / m_round;
    double left = perRound * (m_rounds - m_round) - (now - m_roundStart);
    std::ostringstream os;
    os << std::fixed << std::setprecision(0) << "ETA " << std::max(0.0, left) << " s";
    return os.str();
}

void
SimulationProgress::EndRound(uint32_t done, uint32_t rounds)
{
    m_roundsWall += Elapsed() - m_roundStart;
    if (m_enabled)
    {
        m_os << std::fixed << std::setprecision(1) << "tcp-rst: round " << done << '/' << rounds
             << " done, wall " << Elapsed() << " s" << std::endl;
    }
}

} // namespace ns3
