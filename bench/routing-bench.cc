/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Building a fat-tree's routes: tcp-rst's per-flow ECMP tables (filled from the tree's
// structure) against ns-3's global routing (shortest paths computed over the whole graph).
// Nix-vector routing builds nothing up front: it computes a path per destination on first use.
// Also the ceiling: the raw event rate of ns-3's scheduler on this machine.
#include "bench.h"

#include "ns3/fat-tree-topology.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-helper.h"

#include <benchmark/benchmark.h>
#include <chrono>

namespace ns3
{
namespace bench
{
namespace
{

void
BuildRoutes(benchmark::State& state, FatTreeRouting routing)
{
    for (auto _ : state)
    {
        TcpRstHelper rst;
        FatTreeOptions options;
        options.k = static_cast<uint32_t>(state.range(0));
        options.routing = routing;
        FatTreeTopology tree(rst, options);
        state.SetIterationTime(tree.GetRoutingBuildSeconds());
        state.counters["hosts"] = tree.GetNHosts();
        state.counters["switches"] = tree.GetSwitches().GetN();
        Simulator::Destroy();
    }
}

void
NoOp()
{
}

/// Schedules N events that do nothing, then runs them: what the simulator can do at all.
void
SchedulerCeiling(benchmark::State& state)
{
    for (auto _ : state)
    {
        const int64_t n = state.range(0);
        for (int64_t i = 0; i < n; ++i)
        {
            Simulator::Schedule(NanoSeconds(i), &NoOp);
        }
        TimedRun run = RunSimulation();
        state.SetIterationTime(run.seconds);
        state.counters["events"] = static_cast<double>(run.events);
        state.counters["events_per_s"] = run.events / run.seconds;
        Simulator::Destroy();
    }
}
} // namespace

void
RegisterRouting(uint32_t k)
{
    for (const auto& [name, routing] : std::vector<std::pair<std::string, FatTreeRouting>>{
             {"flow-ecmp", FatTreeRouting::FLOW_ECMP}, {"global", FatTreeRouting::GLOBAL}})
    {
        benchmark::RegisterBenchmark(("Routing/" + name).c_str(), BuildRoutes, routing)
            ->Arg(k)
            ->Iterations(1)
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark("Ceiling/scheduler", SchedulerCeiling)
        ->Arg(10000000)
        ->Iterations(1)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
}

} // namespace bench
} // namespace ns3
