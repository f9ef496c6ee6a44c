/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rst-scenario.h"

#include "case-options.h"
#include "rst-case-catalog.h"
#include "rst-case-runner.h"
#include "tcp-rst-helper.h"

#include "ns3/command-line.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulation-progress.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RstScenario");

namespace
{
/// First RNG stream of the segment filters (the nodes take 0 .. 999).
constexpr int64_t kFilterStreams = 1000;

std::unique_ptr<RstCase>
MakeCase(const std::string& name)
{
    std::unique_ptr<RstCase> rstCase = RstCaseCatalog::Create(name);
    std::vector<std::string> args = rstCase->PlacementArguments();
    if (!args.empty())
    {
        CommandLine cmd;
        CaseOptions declared(cmd);
        rstCase->AddOptions(declared);
        std::vector<char*> argv{const_cast<char*>("scenario")};
        for (std::string& arg : args)
        {
            argv.push_back(arg.data());
        }
        cmd.Parse(static_cast<int>(argv.size()), argv.data());
    }
    rstCase->Validate();
    return rstCase;
}

/// A case instance while its round runs.
struct Placed
{
    CaseInstance* instance;                    //!< where its result goes
    std::unique_ptr<RstCase> rstCase;          //!< the case object
    CaseContext ctx;                           //!< its context
    std::unique_ptr<TcpLadderRecorder> ladder; //!< its ladder
};

/// \return the path lengths (in links) between hosts of \p topology, shortest first
std::vector<uint32_t>
PathLengths(const HostTopology& topology)
{
    std::set<uint32_t> lengths;
    for (uint32_t h = 1; h < topology.GetNHosts(); ++h)
    {
        lengths.insert(topology.GetHops(0, h));
    }
    return {lengths.begin(), lengths.end()};
}

/**
 * \brief Take a client and a server from \p free, \p hops links apart if such a pair is left,
 * else the first pair. A longer path is built from hosts that have no free partner on the
 * shortest path first, so that short pairs are not broken up.
 * \return client and server host indices
 */
std::pair<uint32_t, uint32_t>
TakePair(const HostTopology& topology,
         std::vector<uint32_t>& free,
         uint32_t hops,
         uint32_t shortest)
{
    std::vector<std::size_t> order(free.size());
    for (std::size_t i = 0; i < free.size(); ++i)
    {
        order[i] = i;
    }
    if (hops != shortest)
    {
        auto hasShortPartner = [&](std::size_t i)
        {
            for (uint32_t other : free)
            {
                if (topology.GetHops(free[i], other) == shortest)
                {
                    return true;
                }
            }
            return false;
        };
        std::stable_partition(
            order.begin(), order.end(), [&](std::size_t i) { return !hasShortPartner(i); });
    }
    std::size_t a = 0;
    std::size_t b = 1;
    bool found = false;
    for (std::size_t x = 0; x < order.size() && !found; ++x)
    {
        for (std::size_t y = x + 1; y < order.size(); ++y)
        {
            if (topology.GetHops(free[order[x]], free[order[y]]) == hops)
            {
                a = std::min(order[x], order[y]);
                b = std::max(order[x], order[y]);
                found = true;
                break;
            }
        }
    }
    std::pair<uint32_t, uint32_t> pair{free[a], free[b]};
    free.erase(free.begin() + static_cast<std::ptrdiff_t>(b));
    free.erase(free.begin() + static_cast<std::ptrdiff_t>(a));
    return pair;
}

CaseTopology
PairTopology(const HostTopology& topology, uint32_t client, uint32_t server)
{
    CaseTopology t;
    t.client = topology.GetHost(client);
    t.server = topology.GetHost(server);
    t.clientAddress = topology.GetHostAddress(client);
    t.serverAddress = topology.GetHostAddress(server);
    t.clientDevice = topology.GetHostDevice(client);
    t.serverDevice = topology.GetHostDevice(server);
    t.routerFromClient = topology.GetAccessDevice(client);
    t.routerFromServer = topology.GetAccessDevice(server);
    t.nodes = NodeContainer(t.client, t.server);
    t.pathDelay = topology.GetPathDelay(client, server);
    t.linkDelay = t.pathDelay / 2;
    return t;
}

void
ConnectResets(Ptr<Node> node, std::function<void(const TcpResetEvent&)> record)
{
    Ptr<TcpRstL4Protocol> tcp = TcpRstHelper::GetTcp(node);
    Callback<void, const TcpResetEvent&> cb(record);
    tcp->TraceConnectWithoutContext("ResetSent", cb);
    tcp->TraceConnectWithoutContext("ResetReceived", cb);
}
} // namespace

void
ScenarioOptions::Validate() const
{
    if (topology == "fat-tree")
    {
        fatTree.Validate();
    }
    else if (topology == "dumbbell")
    {
        dumbbell.Validate();
    }
    else if (topology == "star")
    {
        star.Validate();
    }
    else
    {
        throw std::invalid_argument("--topology='" + topology +
                                    "' is not one of fat-tree, dumbbell, star");
    }
    StackProfileOption(stock, profile);
    std::vector<std::string> known = RstCaseCatalog::GetNames();
    for (const std::string& name : cases)
    {
        if (std::find(known.begin(), known.end(), name) == known.end())
        {
            throw std::invalid_argument("--cases: unknown case '" + name + "'; valid cases:\n" +
                                        RstCaseCatalog::Describe());
        }
    }
    if (perCase < 1 || perCase > 100000)
    {
        throw std::invalid_argument("--per-case=" + std::to_string(perCase) +
                                    " is out of range [1, 100000]");
    }
    background.Validate();
}

bool
ScenarioResult::Passed() const
{
    return background.resets == 0 &&
           std::all_of(instances.begin(),
                       instances.end(),
                       [](const CaseInstance& i) { return i.result.pass; });
}

bool
ScenarioResult::OnlyNotTriggered() const
{
    bool anyNotTriggered = false;
    for (const CaseInstance& i : instances)
    {
        if (i.result.triggered && !i.result.pass)
        {
            return false;
        }
        anyNotTriggered |= !i.result.triggered;
    }
    return anyNotTriggered && background.resets == 0;
}

std::unique_ptr<HostTopology>
RstScenario::BuildTopology(TcpRstHelper& rst, const ScenarioOptions& options)
{
    if (options.topology == "dumbbell")
    {
        return std::make_unique<DumbbellTopology>(rst, options.dumbbell);
    }
    if (options.topology == "star")
    {
        return std::make_unique<StarTopology>(rst, options.star);
    }
    return std::make_unique<FatTreeTopology>(rst, options.fatTree);
}

ScenarioResult
RstScenario::Run(const ScenarioOptions& options)
{
    options.Validate();
    auto wallStart = std::chrono::steady_clock::now();
    std::vector<std::string> names =
        options.cases.empty() ? RstCaseCatalog::GetNames() : options.cases;
    for (const std::string& name : names)
    {
        MakeCase(name); // refuse a case that cannot be placed before anything runs
    }
    ScenarioResult out;
    // Interleaved: each round holds a mix of cases.
    for (uint32_t r = 0; r < options.perCase; ++r)
    {
        for (const std::string& name : names)
        {
            CaseInstance instance;
            instance.name = name;
            instance.id = static_cast<uint32_t>(out.instances.size());
            out.instances.push_back(instance);
        }
    }
    std::map<std::string, uint32_t> sampleOf; // case -> instance id whose files are kept
    if (!options.outDir.empty())
    {
        std::filesystem::create_directories(options.outDir);
    }

    std::size_t next = 0;
    uint32_t totalRounds = 0;
    SimulationProgress progress(options.progress);
    while (next < out.instances.size())
    {
        TcpRstHelper rst;
        rst.SetStackProfile(StackProfileOption(options.stock, options.profile));
        std::unique_ptr<HostTopology> topology = BuildTopology(rst, options);
        out.topology = topology->Describe();
        NodeContainer all = topology->GetNodes();
        TcpRstHelper::AssignStreams(all, 0);

        std::vector<uint32_t> backgroundHosts;
        std::vector<uint32_t> free;
        for (uint32_t h = 0; h < topology->GetNHosts(); ++h)
        {
            (options.background.flows > 0 && h % 4 == 3 ? backgroundHosts : free).push_back(h);
        }
        if (options.background.flows > 0 && backgroundHosts.size() < 2)
        {
            throw std::invalid_argument(topology->Describe() +
                                        ": too few hosts for background traffic (give "
                                        "--background=0 or a larger topology)");
        }
        if (free.size() < 2)
        {
            throw std::invalid_argument(topology->Describe() + ": no host pair left for cases");
        }
        if (totalRounds == 0)
        {
            uint32_t pairs = static_cast<uint32_t>(free.size() / 2);
            totalRounds = static_cast<uint32_t>((out.instances.size() + pairs - 1) / pairs);
        }

        std::vector<std::unique_ptr<Placed>> placed;
        std::vector<uint32_t> lengths = PathLengths(*topology);
        Time duration = Seconds(1);
        while (next < out.instances.size() && free.size() >= 2)
        {
            CaseInstance& instance = out.instances[next++];
            // Each repetition of a case takes the next path length the topology offers.
            uint32_t turn =
                static_cast<uint32_t>(instance.id % names.size() + instance.id / names.size());
            auto [client, server] =
                TakePair(*topology, free, lengths[turn % lengths.size()], lengths.front());
            instance.round = out.rounds;
            instance.client = client;
            instance.server = server;
            instance.hops = topology->GetHops(client, server);
            instance.pathKind = topology->GetPathKind(client, server);
            instance.oneWay = topology->GetPathDelay(client, server);
            instance.result.name = instance.name;

            auto p = std::make_unique<Placed>();
            p->instance = &instance;
            p->rstCase = MakeCase(instance.name);
            instance.result.expected = p->rstCase->GetExpected();
            CaseContext& ctx = p->ctx;
            ctx.topology = PairTopology(*topology, client, server);
            p->ladder = std::make_unique<TcpLadderRecorder>(
                instance.name, ctx.topology.clientAddress, ctx.topology.serverAddress);
            p->ladder->Watch(ctx.topology.clientDevice);
            p->ladder->Watch(ctx.topology.serverDevice);
            ctx.ladder = p->ladder.get();
            ctx.fromClient = TcpSegmentFilter::Install(ctx.topology.routerFromClient);
            ctx.fromServer = TcpSegmentFilter::Install(ctx.topology.routerFromServer);
            int64_t slot = static_cast<int64_t>(placed.size());
            ctx.fromClient->AssignStreams(kFilterStreams + 2 * slot);
            ctx.fromServer->AssignStreams(kFilterStreams + 2 * slot + 1);
            ctx.helper = &rst;
            Ptr<TcpSegmentFilter> fromClient = ctx.fromClient;
            Ptr<TcpSegmentFilter> fromServer = ctx.fromServer;
            p->ladder->SetLossOracle(
                [fromClient, fromServer](uint64_t uid, uint32_t copy)
                { return fromClient->WasDropped(uid, copy) || fromServer->WasDropped(uid, copy); });
            p->rstCase->Schedule(ctx);
            CaseResult* result = &instance.result;
            int64_t id = instance.id;
            auto record = [result, &out, id, &options](const TcpResetEvent& event)
            {
                result->resets.push_back(event);
                out.resets.emplace_back(id, event);
                if (options.onReset)
                {
                    options.onReset(event);
                }
            };
            ConnectResets(ctx.topology.client, record);
            ConnectResets(ctx.topology.server, record);
            duration = std::max(duration, p->rstCase->GetDuration(ctx));
            if (!options.outDir.empty() && sampleOf.count(instance.name) == 0)
            {
                sampleOf[instance.name] = instance.id;
                std::string dir = options.outDir + "/samples/" + instance.name;
                std::filesystem::create_directories(dir);
                PointToPointHelper pcap;
                pcap.EnablePcap(dir + "/client.pcap", ctx.topology.clientDevice, false, true);
                pcap.EnablePcap(dir + "/server.pcap", ctx.topology.serverDevice, false, true);
            }
            placed.push_back(std::move(p));
        }

        BackgroundTraffic background(*topology, backgroundHosts, options.background);
        background.Install();
        uint32_t backgroundResets = 0;
        for (uint32_t h : backgroundHosts)
        {
            ConnectResets(topology->GetHost(h),
                          [&backgroundResets, &out, &options](const TcpResetEvent& event)
                          {
                              ++backgroundResets;
                              out.resets.emplace_back(-1, event);
                              if (options.onReset)
                              {
                                  options.onReset(event);
                              }
                          });
        }

        progress.StartRound(out.rounds, totalRounds, duration);
        Simulator::Stop(duration);
        Simulator::Run();
        out.events += Simulator::GetEventCount();
        out.simulatedSeconds += Simulator::Now().GetSeconds();

        for (auto& p : placed)
        {
            CaseResult& result = p->instance->result;
            RstCaseRunner::Conclude(*p->rstCase, p->ctx, *p->ladder, result);
            if (sampleOf.count(result.name) == 0 || sampleOf[result.name] != p->instance->id)
            {
                // Only the sample flows keep their segments: a large run holds thousands.
                result.segments.clear();
                result.segments.shrink_to_fit();
                result.ladder.clear();
            }
        }
        BackgroundStats stats = background.GetStats();
        stats.resets = backgroundResets;
        out.background.Add(stats);
        std::ostringstream counters;
        TcpRstHelper::PrintCounters(all, counters);
        out.counters.push_back(counters.str());
        placed.clear();
        topology.reset();
        Simulator::Destroy();
        ++out.rounds;
        progress.EndRound(out.rounds, totalRounds);
    }
    out.wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    return out;
}

} // namespace ns3
