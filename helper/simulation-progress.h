/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SIMULATION_PROGRESS_H
#define SIMULATION_PROGRESS_H

#include "ns3/nstime.h"

#include <chrono>
#include <cstdint>
#include <iostream>
#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Progress of a long run on a stream (stderr): round, simulated time, wall time,
 * events per second and an estimate of the time left, at most every two seconds of wall time.
 */
class SimulationProgress
{
  public:
    /**
     * \param enabled print nothing when false
     * \param os where to print
     */
    explicit SimulationProgress(bool enabled, std::ostream& os = std::cerr);

    /**
     * \brief A round (simulation) starts: look at it every 100 ms of simulated time.
     * \param round its number, from 0
     * \param rounds how many in all
     * \param duration how long it will simulate
     */
    void StartRound(uint32_t round, uint32_t rounds, Time duration);

    /**
     * \brief A round ended.
     * \param done rounds done
     * \param rounds how many in all
     */
    void EndRound(uint32_t done, uint32_t rounds);

  private:
    /// Print a line if two seconds of wall time passed since the last one.
    void Check();
    /// \return wall seconds since construction
    double Elapsed() const;
    /// \param now Elapsed() \return "ETA N s" from the rounds done so far
    std::string Eta(double now) const;

    bool m_enabled;                                //!< print at all
    std::ostream& m_os;                            //!< where
    std::chrono::steady_clock::time_point m_start; //!< construction
    double m_lastPrint{0};                         //!< Elapsed() of the last line
    uint64_t m_lastEvents{0};                      //!< events at the last line
    double m_lastEventsAt{0};                      //!< Elapsed() at m_lastEvents
    uint32_t m_round{0};                           //!< current round
    uint32_t m_rounds{1};                          //!< rounds in all
    Time m_duration;                               //!< simulated time of this round
    double m_roundStart{0};                        //!< Elapsed() when this round began
    double m_roundsWall{0};                        //!< wall seconds of the rounds done
};

} // namespace ns3

#endif /* SIMULATION_PROGRESS_H */
