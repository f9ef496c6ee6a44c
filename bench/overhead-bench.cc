/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What the module costs where no reset happens: the same reset-free workloads on a k=4
// fat-tree with ns-3's own TCP and with tcp-rst set to behave as stock ns-3 (every policy
// Stock, the Ns3 host profile), so that both execute the same events. Workloads: bulk flows
// (BulkSend to PacketSink) and short request/response connections.
#include "bench.h"

#include "ns3/background-traffic.h"
#include "ns3/fat-tree-topology.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-helper.h"

#include <benchmark/benchmark.h>
#include <memory>

namespace ns3
{
namespace bench
{
namespace
{

enum Workload
{
    BULK,  //!< long flows
    SHORT, //!< short connections
};

void
RunOverhead(benchmark::State& state, Stack stack, Workload workload)
{
    for (auto _ : state)
    {
        FatTreeOptions options;
        TcpRstHelper rst;
        rst.UseStockBehaviour();
        std::unique_ptr<FatTreeTopology> tree =
            stack == NS3
                ? std::make_unique<FatTreeTopology>(
                      [](NodeContainer nodes) { InternetStackHelper().Install(nodes); }, options)
                : std::make_unique<FatTreeTopology>(rst, options);
        std::vector<uint32_t> hosts;
        for (uint32_t h = 0; h < tree->GetNHosts(); ++h)
        {
            hosts.push_back(h);
        }
        BackgroundOptions traffic;
        traffic.flows = static_cast<uint32_t>(state.range(0));
        traffic.kinds = {workload == BULK ? "bulk" : "short"};
        traffic.bulkBytes = 1000000;
        BackgroundTraffic flows(*tree, hosts, traffic);
        flows.Install();
        Simulator::Stop(Seconds(30));
        TimedRun run = RunSimulation();
        BackgroundStats stats = flows.GetStats();
        state.SetIterationTime(run.seconds);
        state.counters["events"] = static_cast<double>(run.events);
        state.counters["flows"] = stats.flows;
        state.counters["completed"] = stats.completed;
        state.counters["rx_bytes"] = static_cast<double>(stats.bytes);
        tree.reset();
        Simulator::Destroy();
        state.counters["peak_rss_MiB"] = PeakResidentMiB();
    }
}
} // namespace

void
RegisterOverhead(uint32_t bulkFlows, uint32_t shortConnections)
{
    for (const auto& [workload, name, size] :
         std::vector<std::tuple<Workload, std::string, uint32_t>>{
             {BULK, "bulk", bulkFlows}, {SHORT, "short", shortConnections}})
    {
        for (const auto& [stackName, stack] :
             std::vector<std::pair<std::string, Stack>>{{"ns3", NS3}, {"tcp-rst", TCP_RST_STOCK}})
        {
            benchmark::RegisterBenchmark(
                ("Overhead/" + name + "/" + stackName).c_str(), RunOverhead, stack, workload)
                ->Arg(size)
                ->Iterations(1)
                ->UseManualTime()
                ->Unit(benchmark::kMillisecond);
        }
    }
}

} // namespace bench
} // namespace ns3
