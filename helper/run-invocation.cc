/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "run-invocation.h"

#include "rst-case-catalog.h"

#include "ns3/tcp-stack-profile.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

void
ParseCommandLine(CommandLine& cmd, const std::string& program, std::vector<std::string> args)
{
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (std::string& arg : args)
    {
        argv.push_back(arg.data());
    }
    cmd.Parse(static_cast<int>(argv.size()), argv.data());
}

void
DeclareProfileOption(CaseOptions& declared, std::string& profile)
{
    declared.Add("profile",
                 "every node's stack profile: " + StackProfileNames() +
                     " (./tcp-rst profiles shows what each sets)",
                 profile);
}

void
DeclareLinkOptions(CaseOptions& declared, CaseRunOptions& options)
{
    declared.AddTime(
        "delay", "one-way delay of each of the two links, [0, 10s]", options.linkDelay);
    declared.Add(
        "rate", "rate of both links, e.g. 1Gbps, 10Mbps (at least 10kbps)", options.linkRate);
    declared.Add("loss",
                 "probability that the router loses a segment, each direction, [0, 0.5]",
                 options.lossRate);
}

namespace
{
/// \param name a case name \return the case \throws std::invalid_argument when unknown
std::unique_ptr<RstCase>
CreateCase(const std::string& name)
{
    std::unique_ptr<RstCase> rstCase = RstCaseCatalog::Create(name);
    if (!rstCase)
    {
        throw std::invalid_argument("unknown case '" + name + "'; valid cases:\n" +
                                    RstCaseCatalog::Describe());
    }
    return rstCase;
}
} // namespace

CaseInvocation::CaseInvocation(const std::string& caseName,
                               const std::string& program,
                               const std::string& outDir)
    : m_case(CreateCase(caseName))
    , m_program(program)
    , m_cmd(program)
    , m_declared(m_cmd)
{
    m_options.outDir = outDir;
    m_cmd.Usage(m_case->GetTitle() + "\nExpected: " + m_case->GetExpected());
    m_declared.AddOutputDirectory(
        "out", "write client.pcap, server.pcap, resets.csv, ladder.txt here", m_options.outDir);
    m_declared.Add("stock",
                   "stock ns-3: every policy Stock and the Ns3 host profile (for comparison)",
                   m_options.stock);
    DeclareProfileOption(m_declared, m_options.profile);
    m_declared.Add("quiet", "print only the verdict", m_quiet);
    DeclareLinkOptions(m_declared, m_options);
    m_case->AddOptions(m_declared);
}

const std::vector<CaseParameter>&
CaseInvocation::GetParameters() const
{
    return m_declared.GetParameters();
}

void
CaseInvocation::Parse(const std::vector<std::string>& args)
{
    m_declared.CheckArguments(args);
    ParseCommandLine(m_cmd, m_program, args);
}

RstCase&
CaseInvocation::GetCase()
{
    return *m_case;
}

CaseRunOptions&
CaseInvocation::GetOptions()
{
    return m_options;
}

bool
CaseInvocation::IsQuiet() const
{
    return m_quiet;
}

CaseResult
CaseInvocation::Run()
{
    return RstCaseRunner::Run(*m_case, m_options);
}

ScenarioInvocation::ScenarioInvocation(const std::string& program)
    : m_program(program)
    , m_cmd(program)
    , m_declared(m_cmd)
{
    m_options.perCase = 5;
    m_options.background.flows = 200;
    m_cmd.Usage("The all-cases showcase: every case placed several times on host pairs of a "
                "topology, beside background flows that must see no reset.");
    CaseOptions& d = m_declared;
    d.AddOutputDirectory(
        "out", "results folder (summary.csv/json, resets.csv, samples/CASE)", m_options.outDir);
    d.Add("topology", "fat-tree, dumbbell or star", m_options.topology);
    d.Add("k", "fat-tree ports per switch, even, [2, 32] (k=4: 16 hosts)", m_options.fatTree.k);
    d.Add("hostRate", "fat-tree host links, e.g. 1Gbps", m_options.fatTree.hostRate);
    d.AddTime("hostDelay", "fat-tree host link delay, [0, 1s]", m_options.fatTree.hostDelay);
    d.Add("fabricRate", "fat-tree switch links, e.g. 10Gbps", m_options.fatTree.fabricRate);
    d.AddTime("fabricDelay", "fat-tree switch link delay, [0, 1s]", m_options.fatTree.fabricDelay);
    d.Add("leaves", "dumbbell hosts per side, [1, 1000]", m_options.dumbbell.leaves);
    d.Add("spokes", "star hosts, [2, 1000]", m_options.star.spokes);
    d.Add("per-case", "instances of each case, [1, 100000]", m_options.perCase);
    d.Add("cases", "comma-separated case names (default: every case)", m_cases);
    d.Add("background",
          "background flows per round (bulk, on-off, request/response), [0, 1000000]",
          m_options.background.flows);
    d.Add("bulkBytes", "bytes of a bulk background flow, [1, 1e9]", m_options.background.bulkBytes);
    d.Add("stock", "stock ns-3: every policy Stock, the Ns3 host profile", m_options.stock);
    DeclareProfileOption(d, m_options.profile);
    d.Add("quiet", "no progress on stderr", m_quiet);
    d.Add("results",
          "without --out: write into RESULTS/showcase-TOPOLOGY-PARAMS (created)",
          m_results);
}

const std::vector<CaseParameter>&
ScenarioInvocation::GetParameters() const
{
    return m_declared.GetParameters();
}

void
ScenarioInvocation::Parse(const std::vector<std::string>& args)
{
    m_declared.CheckArguments(args);
    ParseCommandLine(m_cmd, m_program, args);
    m_options.progress = !m_quiet;
    if (m_options.outDir.empty() && !m_results.empty())
    {
        std::ostringstream name;
        name << m_results << "/showcase-" << m_options.topology;
        if (m_options.topology == "fat-tree")
        {
            name << "-k" << m_options.fatTree.k;
        }
        name << "-per-case" << m_options.perCase << "-bg" << m_options.background.flows
             << (m_options.stock ? "-stock" : "")
             << (m_options.profile != "Linux" ? "-" + m_options.profile : "");
        m_options.outDir = name.str();
    }
    m_options.cases.clear();
    std::stringstream list(m_cases);
    for (std::string name; std::getline(list, name, ',');)
    {
        if (!name.empty())
        {
            m_options.cases.push_back(name);
        }
    }
}

ScenarioOptions&
ScenarioInvocation::GetOptions()
{
    return m_options;
}

ScenarioResult
ScenarioInvocation::Run()
{
    return RstScenario::Run(m_options);
}

} // namespace ns3
