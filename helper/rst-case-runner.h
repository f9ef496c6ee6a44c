/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RST_CASE_RUNNER_H
#define RST_CASE_RUNNER_H

#include "rst-case.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief How to run a case.
 */
struct CaseRunOptions
{
    std::string outDir;               //!< write pcaps, resets.csv, ladder.txt here ("" = none)
    bool stock{false};                //!< select stock ns-3 behaviour (the Ns3 profile)
    std::string profile{"Linux"};     //!< every node's stack profile (TcpStackProfiles())
    std::string linkRate{"1Gbps"};    //!< rate of both links
    Time linkDelay{MicroSeconds(20)}; //!< one-way delay of each link
    double lossRate{0};               //!< each segment lost with this probability on the router
    /// called with every reset sent or received, as it happens (e.g. a Python callback)
    std::function<void(const TcpResetEvent&)> onReset;

    /// \throws std::invalid_argument naming the option outside its range
    void Validate() const;
};

/**
 * \ingroup tcp-rst
 * \brief Runs a case in a fresh simulation and reports what happened.
 */
class RstCaseRunner
{
  public:
    /**
     * \brief Build the topology, run the case, judge it, write its outputs, destroy the
     * simulation.
     * \param rstCase the case
     * \param options how
     * \return the result
     * \throws std::invalid_argument for a case parameter outside its range
     */
    static CaseResult Run(RstCase& rstCase, const CaseRunOptions& options);

    /**
     * \brief After the run: take the ladder's segments, describe the resets seen, let the case
     * judge, and decide the verdict.
     * \param rstCase the case
     * \param ctx its context
     * \param ladder its ladder
     * \param result filled in (name, expected and resets are the caller's)
     */
    static void Conclude(const RstCase& rstCase,
                         const CaseContext& ctx,
                         const TcpLadderRecorder& ladder,
                         CaseResult& result);

    /**
     * \param result a result
     * \param os where to print the checks
     */
    static void PrintChecks(const CaseResult& result, std::ostream& os);

    /**
     * \brief The demo table: one row per case (case, expected reset, observed, reason,
     * verdict).
     * \param results the results
     * \param os where
     */
    static void PrintTable(const std::vector<CaseResult>& results, std::ostream& os);
};

} // namespace ns3

#endif /* RST_CASE_RUNNER_H */
