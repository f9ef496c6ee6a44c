/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// tcp-rst-bench: Google Benchmark's command line, plus --clients=N (the SYN flood's SYNs) and
// --connections=N (concurrent connections of the demultiplexing benchmark) and --scale=N
// (connections of the one Scale run; default: 1 000, 10 000 and 100 000).
#include "bench.h"

#include "ns3/simulator.h"

#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

namespace ns3
{
namespace bench
{

TimedRun
RunSimulation()
{
    TimedRun run;
    uint64_t before = Simulator::GetEventCount();
    auto start = std::chrono::steady_clock::now();
    Simulator::Run();
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.events = Simulator::GetEventCount() - before;
    return run;
}

void
RegisterStacks(const std::string& prefix,
               const std::vector<std::pair<std::string, Stack>>& stacks,
               StackBenchmark run,
               int64_t arg)
{
    for (const auto& [name, stack] : stacks)
    {
        benchmark::RegisterBenchmark((prefix + "/" + name).c_str(), run, stack)
            ->Arg(arg)
            ->Iterations(1)
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
    }
}

} // namespace bench
} // namespace ns3

namespace
{
/// Takes --name=N out of argv; \return false (after a message) when N is out of [1, max]
bool
TakeCount(int& argc, char** argv, const std::string& name, uint32_t max, uint32_t* value)
{
    std::string prefix = "--" + name + "=";
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        if (arg.rfind(prefix, 0) != 0)
        {
            continue;
        }
        char* end = nullptr;
        long n = std::strtol(arg.c_str() + prefix.size(), &end, 10);
        if (*end != '\0' || n < 1 || n > static_cast<long>(max))
        {
            std::cerr << "tcp-rst-bench: " << arg << " is out of range [1, " << max << "]\n";
            return false;
        }
        *value = static_cast<uint32_t>(n);
        for (int k = i; k + 1 < argc; ++k)
        {
            argv[k] = argv[k + 1];
        }
        --argc;
        --i;
    }
    return true;
}
} // namespace

int
main(int argc, char** argv)
{
    uint32_t clients = 10000;
    uint32_t connections = 10000;
    uint32_t scale = 0;
    if (!TakeCount(argc, argv, "clients", 1000000, &clients) ||
        !TakeCount(argc, argv, "connections", 200000, &connections) ||
        !TakeCount(argc, argv, "scale", 1000000, &scale))
    {
        return 2;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
    {
        return 2;
    }
    ns3::bench::RegisterSynFlood(clients);
    ns3::bench::RegisterDemux(connections);
    ns3::bench::RegisterRouting(16);
    ns3::bench::RegisterOverhead(32, 2000);
    ns3::bench::RegisterScale(scale > 0 ? std::vector<uint32_t>{scale}
                                        : std::vector<uint32_t>{1000, 10000, 100000});
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
