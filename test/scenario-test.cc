/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The scenario layer: cases placed on host pairs of a topology, beside background traffic.
#include "case-test-util.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/rst-scenario.h"
#include "ns3/scenario-report.h"

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace ns3
{
namespace test
{

using Scenario = TcpRstTest;

TEST_F(Scenario, EveryCasePlacedOnAFatTreeIsObservedOncePerInstanceAndTheBackgroundIsResetFree)
{
    ScenarioOptions options;
    options.perCase = 1;
    options.background.flows = 30;
    ScenarioResult result = RstScenario::Run(options);
    std::vector<std::string> names = RstCaseCatalog::GetNames();
    ASSERT_EQ(result.instances.size(), names.size());
    EXPECT_EQ(result.rounds, 3u) << "12 case hosts on k=4: 6 pairs per round";
    for (std::size_t n = 0; n < names.size(); ++n)
    {
        const CaseInstance& i = result.instances[n];
        EXPECT_EQ(i.name, names[n]);
        EXPECT_EQ(i.result.Verdict(), "PASS") << i.name << " on hosts " << i.client << " -> "
                                              << i.server << " (" << i.pathKind << ")";
        EXPECT_NE(i.client, i.server);
        EXPECT_NE(i.client % 4, 3u) << "background hosts are h % 4 == 3";
        EXPECT_NE(i.server % 4, 3u);
        // Every reset an instance recorded was sent or received by its own two hosts (hosts
        // are the first nodes of each round's simulation: host index = node id).
        for (const TcpResetEvent& e : i.result.resets)
        {
            EXPECT_TRUE(e.nodeId == i.client || e.nodeId == i.server) << i.name << ": " << e;
        }
    }
    // Within a round no host carries two instances.
    std::map<uint32_t, std::set<uint32_t>> hostsPerRound;
    for (const CaseInstance& i : result.instances)
    {
        EXPECT_TRUE(hostsPerRound[i.round].insert(i.client).second) << i.name;
        EXPECT_TRUE(hostsPerRound[i.round].insert(i.server).second) << i.name;
    }
    EXPECT_EQ(result.background.flows, 3u * 30);
    EXPECT_EQ(result.background.completed, 3u * 30);
    EXPECT_EQ(result.background.resets, 0u);
    for (const auto& [id, event] : result.resets)
    {
        EXPECT_GE(id, 0) << "a background host saw a reset: " << event;
    }
    EXPECT_TRUE(result.Passed());
}

TEST_F(Scenario, RepetitionsOfACaseTakeEveryPathKind)
{
    ScenarioOptions options;
    options.cases = {"linger-abort", "no-listen"};
    options.perCase = 6;
    options.background.flows = 6;
    ScenarioResult result = RstScenario::Run(options);
    std::map<std::string, std::set<std::string>> kinds;
    for (const CaseInstance& i : result.instances)
    {
        EXPECT_EQ(i.result.Verdict(), "PASS") << i.name << " (" << i.pathKind << ")";
        kinds[i.name].insert(i.pathKind);
        EXPECT_EQ(i.hops, i.pathKind == "edge" ? 2u : (i.pathKind == "pod" ? 4u : 6u));
    }
    EXPECT_EQ(kinds["linger-abort"], (std::set<std::string>{"edge", "pod", "core"}));
    EXPECT_EQ(kinds["no-listen"], (std::set<std::string>{"edge", "pod", "core"}));
    EXPECT_TRUE(result.Passed());
}

TEST_F(Scenario, CasesHoldOnADumbbellAndAStar)
{
    for (const std::string& topology : {"dumbbell", "star"})
    {
        ScenarioOptions options;
        options.topology = topology;
        options.dumbbell.leaves = 4;
        options.star.spokes = 8;
        options.cases = {"no-socket", "keepalive-timeout", "orphan-limit", "historical-syn"};
        options.perCase = 2;
        options.background.flows = 6;
        ScenarioResult result = RstScenario::Run(options);
        ASSERT_EQ(result.instances.size(), 8u);
        for (const CaseInstance& i : result.instances)
        {
            EXPECT_EQ(i.result.Verdict(), "PASS")
                << topology << ' ' << i.name << " (" << i.pathKind << ")";
        }
        EXPECT_EQ(result.background.resets, 0u) << topology;
    }
}

TEST_F(Scenario, StockNs3MismatchesAndSaysSo)
{
    ScenarioOptions options;
    options.cases = {"linger-abort", "no-time-wait"};
    options.stock = true;
    options.background.flows = 3;
    ScenarioResult result = RstScenario::Run(options);
    EXPECT_FALSE(result.Passed());
    std::ostringstream table;
    PrintScenarioTable(result, table);
    EXPECT_NE(table.str().find("MISMATCH linger-abort #0"), std::string::npos) << table.str();
}

TEST_F(Scenario, BadOptionsAreRefusedBeforeAnythingRuns)
{
    auto refused = [](ScenarioOptions options, const std::string& text)
    {
        try
        {
            RstScenario::Run(options);
            ADD_FAILURE() << text << ": accepted";
        }
        catch (const std::invalid_argument& e)
        {
            EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
        }
    };
    ScenarioOptions ring;
    ring.topology = "ring";
    refused(ring, "--topology='ring' is not one of fat-tree, dumbbell, star");
    ScenarioOptions unknown;
    unknown.cases = {"no-such-case"};
    refused(unknown, "--cases: unknown case 'no-such-case'");
    ScenarioOptions none;
    none.perCase = 0;
    refused(none, "--per-case=0 is out of range [1, 100000]");
    ScenarioOptions tooMany;
    tooMany.background.flows = 2000000;
    refused(tooMany, "--background=2000000 is out of range [0, 1000000]");
    ScenarioOptions small;
    small.topology = "star";
    small.star.spokes = 3;
    refused(small, "too few hosts for background traffic");
    ScenarioOptions oddK;
    oddK.fatTree.k = 3;
    refused(oddK, "--k=3 must be even");
}

TEST_F(Scenario, ResultsFolderHoldsSummariesAndOneSampleFlowPerCase)
{
    std::string dir = (std::filesystem::temp_directory_path() / "tcp-rst-scenario-out").string();
    std::filesystem::remove_all(dir);
    auto run = [&dir](const std::string& out)
    {
        ScenarioOptions options;
        options.cases = {"no-listen", "unread-close"};
        options.perCase = 4;
        options.background.flows = 6;
        options.outDir = out;
        ScenarioResult result = RstScenario::Run(options);
        WriteScenarioResults(result, options, out);
        return result;
    };
    ScenarioResult result = run(dir + "/a");
    ASSERT_TRUE(result.Passed());
    std::string summary = ReadFile(dir + "/a/summary.csv");
    EXPECT_EQ(summary.substr(0, summary.find('\n')),
              "case,instances,expected,passed,mismatches,not_triggered,reasons,paths");
    EXPECT_NE(summary.find("\nunread-close,4,"), std::string::npos) << summary;
    EXPECT_NE(summary.find("\nbackground,12,no reset,12,0,"), std::string::npos) << summary;
    std::string json = ReadFile(dir + "/a/summary.json");
    EXPECT_NE(json.find("\"passed\": true"), std::string::npos);
    EXPECT_NE(json.find("\"reasons\": {\"TCP_ABORT_ON_CLOSE\": 4}"), std::string::npos) << json;
    std::string resets = ReadFile(dir + "/a/resets.csv");
    EXPECT_NE(resets.find(",unread-close,"), std::string::npos);
    EXPECT_EQ(resets.find(",background,"), std::string::npos);
    for (const std::string name : {"no-listen", "unread-close"})
    {
        for (const std::string file :
             {"client.pcap", "server.pcap", "ladder.txt", "ladder.csv", "checks.txt"})
        {
            EXPECT_TRUE(std::filesystem::exists(dir + "/a/samples/" + name + "/" + file))
                << name << '/' << file;
        }
    }
    uint32_t withLadder = 0;
    for (const CaseInstance& i : result.instances)
    {
        withLadder += i.result.ladder.empty() ? 0 : 1;
    }
    EXPECT_EQ(withLadder, 2u) << "one sample flow per case keeps its segments";
    // The same options give the same pcaps, byte for byte.
    run(dir + "/b");
    for (const std::string name : {"no-listen", "unread-close"})
    {
        EXPECT_EQ(ReadFile(dir + "/a/samples/" + name + "/client.pcap"),
                  ReadFile(dir + "/b/samples/" + name + "/client.pcap"))
            << name;
        EXPECT_EQ(ReadFile(dir + "/a/samples/" + name + "/ladder.txt"),
                  ReadFile(dir + "/b/samples/" + name + "/ladder.txt"));
    }
    EXPECT_EQ(ReadFile(dir + "/a/resets.csv"), ReadFile(dir + "/b/resets.csv"));
    std::filesystem::remove_all(dir);
}

TEST_F(Scenario, TheHashAndTheScanGiveTheSamePcapsOnAMixedWorkload)
{
    std::string dir = (std::filesystem::temp_directory_path() / "tcp-rst-scenario-demux").string();
    std::filesystem::remove_all(dir);
    const std::vector<std::string> cases{
        "no-socket", "accept-overflow", "time-wait-syn", "orphan-limit", "blind-rst"};
    for (bool fast : {true, false})
    {
        Config::SetDefault("ns3::TcpRstL4Protocol::FastDemux", BooleanValue(fast));
        ScenarioOptions options;
        options.cases = cases;
        options.perCase = 2;
        options.background.flows = 30;
        options.outDir = dir + (fast ? "/hash" : "/scan");
        ScenarioResult result = RstScenario::Run(options);
        WriteScenarioResults(result, options, options.outDir);
        EXPECT_TRUE(result.Passed()) << (fast ? "hash" : "scan");
    }
    for (const std::string& name : cases)
    {
        for (const std::string file : {"client.pcap", "server.pcap", "ladder.txt"})
        {
            std::string hash = ReadFile(dir + "/hash/samples/" + name + "/" + file);
            EXPECT_FALSE(hash.empty()) << name << '/' << file;
            EXPECT_EQ(hash, ReadFile(dir + "/scan/samples/" + name + "/" + file))
                << name << '/' << file;
        }
    }
    EXPECT_EQ(ReadFile(dir + "/hash/resets.csv"), ReadFile(dir + "/scan/resets.csv"));
    EXPECT_EQ(ReadFile(dir + "/hash/summary.csv"), ReadFile(dir + "/scan/summary.csv"));
    std::filesystem::remove_all(dir);
}

} // namespace test
} // namespace ns3
