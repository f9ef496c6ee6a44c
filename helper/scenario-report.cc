/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-report.h"

#include "case-options.h"
#include "rst-case-runner.h"

#include "ns3/rst-reason.h"
#include "ns3/tcp-rst-csv-writer.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>
#include <stdexcept>

namespace ns3
{

namespace
{
/// Per case, what its instances showed.
struct CaseRow
{
    std::string expected;                    //!< expected reset
    uint32_t instances{0};                   //!< placed
    uint32_t passed{0};                      //!< PASS
    uint32_t failed{0};                      //!< FAIL (mismatches)
    uint32_t notTriggered{0};                //!< NOT TRIGGERED
    std::map<std::string, uint32_t> reasons; //!< resets sent, by reason
    std::map<std::string, uint32_t> paths;   //!< instances by path kind
};

std::map<std::string, CaseRow>
Rows(const ScenarioResult& result, std::vector<std::string>* order)
{
    std::map<std::string, CaseRow> rows;
    for (const CaseInstance& i : result.instances)
    {
        if (rows.count(i.name) == 0)
        {
            order->push_back(i.name);
        }
        CaseRow& row = rows[i.name];
        row.expected = i.result.expected;
        ++row.instances;
        ++row.paths[i.pathKind];
        if (!i.result.triggered)
        {
            ++row.notTriggered;
        }
        else if (i.result.pass)
        {
            ++row.passed;
        }
        else
        {
            ++row.failed;
        }
        for (const TcpResetEvent& e : i.result.resets)
        {
            if (e.sent)
            {
                ++row.reasons[RstReasonName(e.reason)];
            }
        }
    }
    return rows;
}

std::string
Join(const std::map<std::string, uint32_t>& counts, const std::string& sep)
{
    std::ostringstream os;
    std::string s;
    for (const auto& [key, n] : counts)
    {
        os << s << key << ' ' << n;
        s = sep;
    }
    return os.str();
}

std::string
Json(const std::string& text)
{
    std::ostringstream os;
    os << '"';
    for (char c : text)
    {
        switch (c)
        {
        case '"':
            os << "\\\"";
            break;
        case '\\':
            os << "\\\\";
            break;
        case '\n':
            os << "\\n";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
            {
                os << "\\u" << std::hex << std::setw(4) << std::setfill('0') << int(c) << std::dec
                   << std::setfill(' ');
            }
            else
            {
                os << c;
            }
        }
    }
    os << '"';
    return os.str();
}

std::ofstream
Open(const std::string& path)
{
    std::ofstream out(path);
    if (!out)
    {
        throw std::runtime_error("cannot write '" + path + "'");
    }
    return out;
}
} // namespace

void
PrintScenarioTable(const ScenarioResult& result, std::ostream& os)
{
    std::vector<std::string> order;
    std::map<std::string, CaseRow> rows = Rows(result, &order);
    std::vector<std::array<std::string, 7>> table;
    table.push_back({"case",
                     "instances",
                     "expected reset",
                     "reasons sent (count)",
                     "passed",
                     "mismatches",
                     "not triggered"});
    for (const std::string& name : order)
    {
        const CaseRow& r = rows[name];
        table.push_back({name,
                         std::to_string(r.instances),
                         r.expected,
                         r.reasons.empty() ? "-" : Join(r.reasons, ", "),
                         std::to_string(r.passed),
                         std::to_string(r.failed),
                         std::to_string(r.notTriggered)});
    }
    const BackgroundStats& b = result.background;
    table.push_back({"background",
                     std::to_string(b.flows),
                     "no reset",
                     "resets " + std::to_string(b.resets),
                     std::to_string(b.completed) + " completed",
                     std::to_string(b.resets),
                     "-"});
    std::array<std::size_t, 7> width{};
    for (const auto& row : table)
    {
        for (std::size_t i = 0; i < row.size(); ++i)
        {
            width[i] = std::max(width[i], row[i].size());
        }
    }
    std::array<std::string, 7> rule;
    for (std::size_t i = 0; i < rule.size(); ++i)
    {
        rule[i] = std::string(width[i], '-');
    }
    table.insert(table.begin() + 1, rule);
    for (const auto& row : table)
    {
        for (std::size_t i = 0; i < row.size(); ++i)
        {
            os << std::left << std::setw(static_cast<int>(i + 1 < row.size() ? width[i] : 0))
               << row[i] << (i + 1 < row.size() ? "  " : "\n");
        }
    }
    os << result.topology << "; " << result.rounds << " round(s), " << result.instances.size()
       << " case instances, " << b.flows << " background flows; " << result.events << " events, "
       << std::fixed << std::setprecision(1) << result.simulatedSeconds << " s simulated in "
       << result.wallSeconds << " s\n";
    for (const CaseInstance& i : result.instances)
    {
        if (i.result.triggered && !i.result.pass)
        {
            os << "MISMATCH " << i.name << " #" << i.id << " (hosts " << i.client << " -> "
               << i.server << ", " << i.pathKind << "):\n";
            RstCaseRunner::PrintChecks(i.result, os);
        }
    }
}

void
WriteScenarioResults(const ScenarioResult& result,
                     const ScenarioOptions& options,
                     const std::string& dir)
{
    std::vector<std::string> order;
    std::map<std::string, CaseRow> rows = Rows(result, &order);
    {
        std::ofstream csv = Open(dir + "/summary.csv");
        csv << "case,instances,expected,passed,mismatches,not_triggered,reasons,paths\n";
        for (const std::string& name : order)
        {
            const CaseRow& r = rows[name];
            csv << name << ',' << r.instances << ',' << CsvField(r.expected) << ',' << r.passed
                << ',' << r.failed << ',' << r.notTriggered << ',' << CsvField(Join(r.reasons, ";"))
                << ',' << CsvField(Join(r.paths, ";")) << '\n';
        }
        const BackgroundStats& b = result.background;
        csv << "background," << b.flows << ",no reset," << b.completed << ',' << b.resets
            << ",0,,\n";
    }
    std::map<uint32_t, std::map<std::string, uint32_t>> perNode;
    {
        std::ofstream csv = Open(dir + "/resets.csv");
        csv << "time_s,instance,case,node,event,reason,source,destination,flags,seq,ack\n";
        for (const auto& [id, e] : result.resets)
        {
            std::string name = id < 0 ? "background" : result.instances[id].name;
            csv << std::fixed << std::setprecision(9) << e.time.GetSeconds() << ',' << id << ','
                << name << ',' << e.nodeId << ',' << (e.sent ? "sent" : "received") << ','
                << RstReasonName(e.reason) << ',' << FormatEndpoint(e.source) << ','
                << FormatEndpoint(e.destination) << ','
                << TcpHeader::FlagsToString(e.header.GetFlags(), "|") << ','
                << e.header.GetSequenceNumber() << ',' << e.header.GetAckNumber() << '\n';
            if (e.sent)
            {
                ++perNode[e.nodeId][RstReasonName(e.reason)];
            }
        }
    }
    {
        std::ofstream csv = Open(dir + "/instances.csv");
        csv << "instance,case,round,client,server,path,hops,verdict,observed,reasons\n";
        for (const CaseInstance& i : result.instances)
        {
            csv << i.id << ',' << i.name << ',' << i.round << ',' << i.client << ',' << i.server
                << ',' << i.pathKind << ',' << i.hops << ',' << i.result.Verdict() << ','
                << CsvField(i.result.observed) << ',' << CsvField(i.result.reasons) << '\n';
        }
    }
    {
        std::ofstream counters = Open(dir + "/counters.txt");
        for (std::size_t r = 0; r < result.counters.size(); ++r)
        {
            counters << "## round " << r << '\n' << result.counters[r];
        }
    }
    for (const CaseInstance& i : result.instances)
    {
        if (!i.result.ladder.empty())
        {
            std::string sample = dir + "/samples/" + i.name;
            Open(sample + "/ladder.txt") << i.result.ladder;
            std::ofstream checks = Open(sample + "/checks.txt");
            checks << "instance " << i.id << ": hosts " << i.client << " -> " << i.server << " ("
                   << i.pathKind << ", " << i.hops << " links)\n";
            RstCaseRunner::PrintChecks(i.result, checks);
            // For the ladder diagram (tools/plot-results.py): one segment per line.
            std::ofstream csv = Open(sample + "/ladder.csv");
            csv << "time_ms,conn,dir,flags,seq,ack,len,lost,injected,reason,one_way_ms\n";
            for (const LadderSegment& seg : i.result.segments)
            {
                csv << std::fixed << std::setprecision(3) << seg.time.GetSeconds() * 1000 << ','
                    << seg.clientPort << ',' << (seg.fromClient ? "C>S" : "S>C") << ',' << seg.flags
                    << ',' << seg.seq << ',' << (seg.ack ? std::to_string(*seg.ack) : "") << ','
                    << seg.length << ',' << seg.lost << ',' << seg.injected << ','
                    << (seg.reason ? RstReasonName(*seg.reason) : "") << ','
                    << i.oneWay.GetSeconds() * 1000 << '\n';
            }
        }
    }
    std::ofstream json = Open(dir + "/summary.json");
    json << "{\n  \"topology\": " << Json(result.topology)
         << ",\n  \"options\": {\"topology\": " << Json(options.topology)
         << ", \"k\": " << options.fatTree.k << ", \"per_case\": " << options.perCase
         << ", \"background\": " << options.background.flows
         << ", \"stock\": " << (options.stock ? "true" : "false") << ", \"profile\": \""
         << StackProfileOption(options.stock, options.profile) << '"'
         << "},\n  \"rounds\": " << result.rounds << ",\n  \"events\": " << result.events
         << ",\n  \"simulated_s\": " << result.simulatedSeconds
         << ",\n  \"wall_s\": " << result.wallSeconds
         << ",\n  \"passed\": " << (result.Passed() ? "true" : "false") << ",\n  \"cases\": [";
    std::string sep = "\n";
    for (const std::string& name : order)
    {
        const CaseRow& r = rows[name];
        json << sep << "    {\"case\": " << Json(name) << ", \"instances\": " << r.instances
             << ", \"expected\": " << Json(r.expected) << ", \"passed\": " << r.passed
             << ", \"mismatches\": " << r.failed << ", \"not_triggered\": " << r.notTriggered
             << ", \"reasons\": {";
        std::string s;
        for (const auto& [reason, n] : r.reasons)
        {
            json << s << Json(reason) << ": " << n;
            s = ", ";
        }
        json << "}, \"paths\": {";
        s = "";
        for (const auto& [path, n] : r.paths)
        {
            json << s << Json(path) << ": " << n;
            s = ", ";
        }
        json << "}}";
        sep = ",\n";
    }
    const BackgroundStats& b = result.background;
    json << "\n  ],\n  \"background\": {\"flows\": " << b.flows << ", \"bulk\": " << b.bulk
         << ", \"on_off\": " << b.onOff << ", \"short\": " << b.shortConnections
         << ", \"completed\": " << b.completed << ", \"bytes\": " << b.bytes
         << ", \"resets\": " << b.resets << "},\n  \"resets_sent_per_node\": {";
    sep = "";
    for (const auto& [node, reasons] : perNode)
    {
        json << sep << "\"" << node << "\": {";
        std::string s;
        for (const auto& [reason, n] : reasons)
        {
            json << s << Json(reason) << ": " << n;
            s = ", ";
        }
        json << "}";
        sep = ", ";
    }
    json << "}\n}\n";
}

} // namespace ns3
