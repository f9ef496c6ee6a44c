/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SCENARIO_REPORT_H
#define SCENARIO_REPORT_H

#include "ns3/rst-scenario.h"

#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief The showcase table: one row per case (instances, expected reset, reasons seen,
 * passed, mismatches, not triggered, placements) and one for the background flows.
 * \param result a scenario's result
 * \param os where
 */
void PrintScenarioTable(const ScenarioResult& result, std::ostream& os);

/**
 * \ingroup tcp-rst
 * \brief Write a scenario's results folder: summary.csv and summary.json (per case, per
 * reason, per node), instances.csv, resets.csv, counters.txt, and for one sample flow of each
 * case samples/CASE/{client,server}.pcap (written during the run), ladder.txt, checks.txt.
 * \param result the result
 * \param options what ran
 * \param dir the folder (exists)
 */
void WriteScenarioResults(const ScenarioResult& result,
                          const ScenarioOptions& options,
                          const std::string& dir);

} // namespace ns3

#endif /* SCENARIO_REPORT_H */
