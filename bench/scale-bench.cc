/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Scale: N short request/response connections on a k=16 fat-tree (1024 hosts) through the
// scenario layer, with a share of the hosts running every case (N / 10 000 instances of each,
// at least one): wall time, events per second, peak memory and memory per connection.
#include "bench.h"

#include "ns3/rst-scenario.h"

#include <benchmark/benchmark.h>
#include <cmath>

namespace ns3
{
namespace bench
{
namespace
{

void
RunScale(benchmark::State& state)
{
    for (auto _ : state)
    {
        const auto connections = static_cast<uint32_t>(state.range(0));
        ScenarioOptions options;
        options.fatTree.k = 16;
        options.perCase = std::max<uint32_t>(1, connections / 10000);
        options.background.flows = connections;
        options.background.kinds = {"short"};
        // 5 000 new connections a second, at least one second.
        options.background.startWindow = Seconds(std::max(1.0, connections / 5000.0));
        ScenarioResult result = RstScenario::Run(options);
        state.SetIterationTime(result.wallSeconds);
        double peak = PeakResidentMiB();
        state.counters["connections"] = connections;
        state.counters["completed"] = result.background.completed;
        state.counters["background_resets"] = result.background.resets;
        state.counters["case_instances"] = static_cast<double>(result.instances.size());
        state.counters["cases_passed"] = result.Passed() ? 1 : 0;
        state.counters["events"] = static_cast<double>(result.events);
        state.counters["events_per_s"] = result.events / result.wallSeconds;
        state.counters["peak_rss_MiB"] = peak;
        state.counters["KiB_per_connection"] = peak * 1024 / connections;
        state.counters["us_per_connection"] = result.wallSeconds * 1e6 / connections;
    }
}
} // namespace

void
RegisterScale(const std::vector<uint32_t>& sizes)
{
    for (uint32_t n : sizes)
    {
        benchmark::RegisterBenchmark("Scale/connections", RunScale)
            ->Arg(n)
            ->Iterations(1)
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
    }
}

} // namespace bench
} // namespace ns3
