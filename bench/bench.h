/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_BENCH_H
#define TCP_RST_BENCH_H

#include <benchmark/benchmark.h>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace bench
{

/// The stacks a benchmark compares.
enum Stack
{
    NS3,           //!< ns-3's own TCP (InternetStackHelper, TcpSocketBase)
    TCP_RST_STOCK, //!< tcp-rst with every policy Stock
    TCP_RST_LINUX, //!< tcp-rst as Linux (its defaults)
    TCP_RST_SCAN,  //!< tcp-rst as Linux with FastDemux off (ns-3's endpoint scan)
};

/// \param clients spoofed SYNs of the flood \brief registers SynFlood/<stack>
void RegisterSynFlood(uint32_t clients);
/// \param connections concurrent connections to one server \brief registers Demux/<stack>
void RegisterDemux(uint32_t connections);
/// \param k fat-tree size \brief registers Routing/<kind> and Ceiling/scheduler
void RegisterRouting(uint32_t k);
/**
 * \brief registers Overhead/{bulk,short}/{ns3,tcp-rst}
 * \param bulkFlows 1 MB flows of the bulk workload
 * \param shortConnections request/response connections of the short workload
 */
void RegisterOverhead(uint32_t bulkFlows, uint32_t shortConnections);
/// \param sizes connections of each Scale/connections/N run
void RegisterScale(const std::vector<uint32_t>& sizes);
/// \return the process's peak resident memory in MiB
double PeakResidentMiB();

/// Simulator::Run(), timed: what it cost.
struct TimedRun
{
    double seconds{0};  //!< wall time
    uint64_t events{0}; //!< events executed
};

/// \return Simulator::Run()'s wall time and events
TimedRun RunSimulation();

/// One benchmark function per stack.
using StackBenchmark = void (*)(benchmark::State& state, Stack stack);

/**
 * \brief Registers prefix/<stack name> for each stack: one argument, one iteration, manual
 * time in milliseconds.
 * \param prefix e.g. "SynFlood" \param stacks names and stacks \param run the function
 * \param arg its argument
 */
void RegisterStacks(const std::string& prefix,
                    const std::vector<std::pair<std::string, Stack>>& stacks,
                    StackBenchmark run,
                    int64_t arg);

} // namespace bench
} // namespace ns3

#endif /* TCP_RST_BENCH_H */
