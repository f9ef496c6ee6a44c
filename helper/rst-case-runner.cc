/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rst-case-runner.h"

#include "case-options.h"
#include "tcp-rst-helper.h"

#include "ns3/data-rate.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-socket.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RstCaseRunner");

namespace
{
// The resets on the wire, one entry per shape in order of first appearance, "(xN)" when a
// shape was sent more than once.
std::string
ObservedResets(const CaseResult& result, std::string* reasons)
{
    std::vector<std::pair<std::string, uint32_t>> shapes;
    std::set<std::string> seen;
    for (const LadderSegment& s : result.segments)
    {
        if (!(s.header.GetFlags() & TcpHeader::RST) || s.injected)
        {
            continue;
        }
        std::string d = DescribeReset(s);
        std::string shape = d.substr(0, d.find(" ("));
        auto it = std::find_if(shapes.begin(),
                               shapes.end(),
                               [&shape](const auto& entry) { return entry.first == shape; });
        if (it == shapes.end())
        {
            shapes.emplace_back(shape, 1);
        }
        else
        {
            ++it->second;
        }
        std::string reason = s.reason ? RstReasonName(*s.reason) : "-";
        if (seen.insert(reason).second)
        {
            *reasons += (reasons->empty() ? "" : ",") + reason;
        }
    }
    std::ostringstream text;
    std::string sep;
    for (const auto& [shape, count] : shapes)
    {
        text << sep << shape << (count > 1 ? " (x" + std::to_string(count) + ")" : "");
        sep = "; ";
    }
    return shapes.empty() ? "no reset" : text.str();
}

void
WriteFile(const std::string& path, const std::string& text)
{
    std::ofstream out(path);
    if (!out)
    {
        throw std::runtime_error("cannot write '" + path + "'");
    }
    out << text;
}
} // namespace

void
CaseRunOptions::Validate() const
{
    if (linkDelay.IsStrictlyNegative() || linkDelay > Seconds(10))
    {
        throw std::invalid_argument("--delay=" + std::to_string(linkDelay.GetSeconds()) +
                                    "s is out of range [0, 10s]");
    }
    DataRateValue rate;
    if (!rate.DeserializeFromString(linkRate, MakeDataRateChecker()) ||
        rate.Get().GetBitRate() < 10000)
    {
        throw std::invalid_argument("--rate='" + linkRate +
                                    "' is not a data rate of at least 10kbps (e.g. 1Gbps, 10Mbps)");
    }
    StackProfileOption(stock, profile);
    if (!(lossRate >= 0 && lossRate <= 0.5))
    {
        throw std::invalid_argument("--loss=" + std::to_string(lossRate) +
                                    " is out of range [0, 0.5]");
    }
}

CaseResult
RstCaseRunner::Run(RstCase& rstCase, const CaseRunOptions& options)
{
    NS_LOG_FUNCTION(rstCase.GetName() << options.outDir << options.stock);
    options.Validate();
    rstCase.Validate();
    if (!options.outDir.empty())
    {
        std::filesystem::create_directories(options.outDir);
    }

    TcpRstHelper rst;
    rst.SetStackProfile(StackProfileOption(options.stock, options.profile));
    CaseContext ctx;
    ctx.topology = CaseTopology::Build(rst, options.linkRate, options.linkDelay);
    const CaseTopology& t = ctx.topology;
    TcpRstHelper::AssignStreams(t.nodes, 0);
    TcpLadderRecorder ladder(rstCase.GetName(), t.clientAddress, t.serverAddress);
    ladder.Watch(t.clientDevice);
    ladder.Watch(t.serverDevice);
    ctx.ladder = &ladder;
    ctx.fromClient = TcpSegmentFilter::Install(t.routerFromClient);
    ctx.fromServer = TcpSegmentFilter::Install(t.routerFromServer);
    ctx.lossRate = options.lossRate;
    ctx.helper = &rst;
    ctx.fromClient->SetRandomLoss(options.lossRate);
    ctx.fromServer->SetRandomLoss(options.lossRate);
    ctx.fromClient->AssignStreams(100);
    ctx.fromServer->AssignStreams(101);
    Ptr<TcpSegmentFilter> fromClient = ctx.fromClient;
    Ptr<TcpSegmentFilter> fromServer = ctx.fromServer;
    ladder.SetLossOracle(
        [fromClient, fromServer](uint64_t uid, uint32_t copy)
        { return fromClient->WasDropped(uid, copy) || fromServer->WasDropped(uid, copy); });

    CaseResult result;
    result.name = rstCase.GetName();
    result.expected = rstCase.GetExpected();

    rstCase.Schedule(ctx);
    // After Schedule(): a case may have added hosts.
    auto record = [&result, &options](const TcpResetEvent& event)
    {
        result.resets.push_back(event);
        if (options.onReset)
        {
            options.onReset(event);
        }
    };
    for (auto it = t.nodes.Begin(); it != t.nodes.End(); ++it)
    {
        Ptr<TcpRstL4Protocol> tcp = TcpRstHelper::GetTcp(*it);
        tcp->TraceConnectWithoutContext("ResetSent", Callback<void, const TcpResetEvent&>(record));
        tcp->TraceConnectWithoutContext("ResetReceived",
                                        Callback<void, const TcpResetEvent&>(record));
    }
    if (!options.outDir.empty())
    {
        PointToPointHelper pcap;
        pcap.EnablePcap(options.outDir + "/client.pcap", t.clientDevice, false, true);
        pcap.EnablePcap(options.outDir + "/server.pcap", t.serverDevice, false, true);
        rst.EnableResetTrace(options.outDir + "/resets.csv");
    }
    Simulator::Stop(rstCase.GetDuration(ctx));
    Simulator::Run();

    Conclude(rstCase, ctx, ladder, result);
    for (auto it = t.nodes.Begin(); it != t.nodes.End(); ++it)
    {
        result.counters.emplace_back((*it)->GetId(), TcpRstHelper::GetTcp(*it)->GetCounters());
    }
    result.simulatedSeconds = Simulator::Now().GetSeconds();
    result.events = Simulator::GetEventCount();
    if (!options.outDir.empty())
    {
        WriteFile(options.outDir + "/ladder.txt", result.ladder);
        std::ostringstream counters;
        TcpRstHelper::PrintCounters(t.nodes, counters);
        WriteFile(options.outDir + "/counters.txt", counters.str());
        std::ostringstream checks;
        PrintChecks(result, checks);
        WriteFile(options.outDir + "/checks.txt", checks.str());
        for (const auto& [file, content] : result.files)
        {
            WriteFile(options.outDir + "/" + file, content);
        }
    }
    NS_LOG_INFO("case " << result.name << ": " << result.Verdict());
    Simulator::Destroy();
    return result;
}

void
RstCaseRunner::Conclude(const RstCase& rstCase,
                        const CaseContext& ctx,
                        const TcpLadderRecorder& ladder,
                        CaseResult& result)
{
    result.segments = ladder.GetSegments();
    std::ostringstream ladderText;
    ladder.Write(ladderText);
    result.ladder = ladderText.str();
    result.observed = ObservedResets(result, &result.reasons);
    rstCase.Judge(ctx, result);
    result.pass = result.triggered && !result.checks.empty() &&
                  std::all_of(result.checks.begin(),
                              result.checks.end(),
                              [](const CaseCheck& c) { return c.pass; });
}

void
RstCaseRunner::PrintChecks(const CaseResult& result, std::ostream& os)
{
    os << "case " << result.name << ": " << result.Verdict();
    if (!result.triggered)
    {
        os << " (" << result.notTriggeredBecause << "; the checks below are not a verdict)";
    }
    os << '\n';
    for (const CaseCheck& c : result.checks)
    {
        os << "  [" << (c.pass ? "ok" : "FAILED") << "] " << c.what;
        if (!c.detail.empty())
        {
            os << " -- " << c.detail;
        }
        os << '\n';
    }
}

void
RstCaseRunner::PrintTable(const std::vector<CaseResult>& results, std::ostream& os)
{
    std::vector<std::array<std::string, 5>> rows;
    rows.push_back({"case", "expected reset", "observed", "reason", "verdict"});
    for (const CaseResult& r : results)
    {
        rows.push_back({r.name, r.expected, r.observed, r.reasons, r.Verdict()});
    }
    std::array<std::size_t, 5> width{};
    for (const auto& row : rows)
    {
        for (std::size_t i = 0; i < row.size(); ++i)
        {
            width[i] = std::max(width[i], row[i].size());
        }
    }
    rows.insert(rows.begin() + 1,
                {std::string(width[0], '-'),
                 std::string(width[1], '-'),
                 std::string(width[2], '-'),
                 std::string(width[3], '-'),
                 std::string(width[4], '-')});
    for (const auto& row : rows)
    {
        for (std::size_t i = 0; i < row.size(); ++i)
        {
            os << std::left << std::setw(static_cast<int>(i + 1 < row.size() ? width[i] : 0))
               << row[i] << (i + 1 < row.size() ? "  " : "\n");
        }
    }
}

} // namespace ns3
