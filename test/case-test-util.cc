/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "case-test-util.h"

#include "ns3/case-options.h"
#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ns3
{
namespace test
{

void
TcpRstTest::SetUp()
{
    Config::Reset();
}

void
TcpRstTest::TearDown()
{
    Simulator::Destroy();
    Config::Reset();
}

std::vector<std::string>
Ladder(const std::vector<LadderSegment>& segments)
{
    std::vector<std::string> lines;
    for (const LadderSegment& s : segments)
    {
        lines.push_back(s.Summary());
    }
    return lines;
}

std::vector<std::string>
WithWindows(const std::vector<LadderSegment>& segments)
{
    std::vector<std::string> lines;
    for (const LadderSegment& s : segments)
    {
        std::string options = s.options.rfind("ts=", 0) == 0 ? "" : s.options;
        options = options.substr(0, options.find(" ts="));
        lines.push_back(s.Summary() + " win=" + std::to_string(s.window) +
                        (options.empty() ? "" : " " + options));
    }
    return lines;
}

std::string
CaseTestName(const ::testing::TestParamInfo<std::string>& info)
{
    std::string name = info.param;
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
}

std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

std::vector<LadderSegment>
SegmentsOfPort(const CaseResult& result, uint16_t port)
{
    std::vector<LadderSegment> segments;
    for (const LadderSegment& s : result.segments)
    {
        if (s.clientPort == port)
        {
            segments.push_back(s);
        }
    }
    return segments;
}

CaseResult
RunCase(const std::string& name, bool stock, const std::string& outDir)
{
    std::unique_ptr<RstCase> rstCase = RstCaseCatalog::Create(name);
    EXPECT_TRUE(rstCase) << name;
    CaseRunOptions options;
    options.stock = stock;
    options.outDir = outDir;
    return RstCaseRunner::Run(*rstCase, options);
}

CaseResult
RunCaseOn(const std::string& name,
          const CaseRunOptions& options,
          const std::vector<std::string>& caseArguments)
{
    std::unique_ptr<RstCase> rstCase = RstCaseCatalog::Create(name);
    EXPECT_TRUE(rstCase) << name;
    CommandLine cmd("test");
    CaseOptions declared(cmd);
    rstCase->AddOptions(declared);
    declared.CheckArguments(caseArguments);
    std::vector<std::string> argv{"test"};
    argv.insert(argv.end(), caseArguments.begin(), caseArguments.end());
    std::vector<char*> pointers;
    for (std::string& a : argv)
    {
        pointers.push_back(a.data());
    }
    cmd.Parse(static_cast<int>(pointers.size()), pointers.data());
    return RstCaseRunner::Run(*rstCase, options);
}

Scene::Scene(TcpRstHelper& rst, TcpRstHelper* serverStack)
    : topology(CaseTopology::Build(rst, "1Gbps", MicroSeconds(20), false, serverStack))
{
    ladder =
        std::make_unique<TcpLadderRecorder>("test", topology.clientAddress, topology.serverAddress);
    ladder->Watch(topology.clientDevice);
    ladder->Watch(topology.serverDevice);
    auto record = [this](const TcpResetEvent& e) { resets.push_back(e); };
    for (Ptr<TcpRstL4Protocol> tcp : {topology.ClientTcp(), topology.ServerTcp()})
    {
        tcp->TraceConnectWithoutContext("ResetSent", Callback<void, const TcpResetEvent&>(record));
        tcp->TraceConnectWithoutContext("ResetReceived",
                                        Callback<void, const TcpResetEvent&>(record));
    }
}

std::vector<TcpResetEvent>
WithDisposition(const std::vector<TcpResetEvent>& events, RstDisposition disposition)
{
    std::vector<TcpResetEvent> result;
    for (const TcpResetEvent& e : events)
    {
        if (!e.sent && e.disposition == disposition)
        {
            result.push_back(e);
        }
    }
    return result;
}

} // namespace test
} // namespace ns3
