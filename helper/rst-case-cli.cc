/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rst-case-cli.h"

#include "rst-case-catalog.h"
#include "rst-case-runner.h"
#include "rst-scenario.h"
#include "scenario-report.h"
#include "stack-matrix.h"
#include "tcp-rst-attribute-check.h"

#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/tcp-rst-fuzzer.h"
#include "ns3/tcp-rst-policies.h"
#include "ns3/tcp-stack-profile.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace ns3
{

namespace
{
constexpr int kExitFail = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitNotTriggered = 3;

/// The link every case runs on: --delay, --rate, --loss.
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

/// \return the exit status of a verdict
int
ExitStatus(const CaseResult& result)
{
    if (!result.triggered)
    {
        return kExitNotTriggered;
    }
    return result.pass ? 0 : kExitFail;
}

bool
TakeFlag(std::vector<std::string>& args, const std::string& flag)
{
    for (auto it = args.begin(); it != args.end(); ++it)
    {
        if (*it == flag || *it == flag + "=true" || *it == flag + "=1")
        {
            args.erase(it);
            return true;
        }
    }
    return false;
}

std::string
TakeValue(std::vector<std::string>& args, const std::string& key)
{
    std::string prefix = key + "=";
    for (auto it = args.begin(); it != args.end(); ++it)
    {
        if (it->rfind(prefix, 0) == 0)
        {
            std::string value = it->substr(prefix.size());
            args.erase(it);
            return value;
        }
    }
    return "";
}

// Attribute defaults given as --ns3::Type::Attribute=value are checked here, so that a bad
// value is reported with its allowed range instead of an ns-3 abort.
void
ApplyAttributeDefaults(std::vector<std::string>& args)
{
    for (auto it = args.begin(); it != args.end();)
    {
        if (it->rfind("--ns3::", 0) == 0)
        {
            std::string::size_type eq = it->find('=');
            if (eq == std::string::npos)
            {
                throw std::invalid_argument("'" + *it + "' needs a value: " + *it + "=VALUE");
            }
            SetCheckedDefault(it->substr(2, eq - 2), it->substr(eq + 1));
            it = args.erase(it);
        }
        else
        {
            ++it;
        }
    }
}

void
ParseArguments(CommandLine& cmd, const std::string& program, std::vector<std::string> args)
{
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (std::string& arg : args)
    {
        argv.push_back(arg.data());
    }
    cmd.Parse(static_cast<int>(argv.size()), argv.data());
}

/// --profile=NAME, as every command that runs cases takes it.
void
DeclareProfileOption(CaseOptions& declared, std::string& profile)
{
    declared.Add("profile",
                 "every node's stack profile: " + StackProfileNames() +
                     " (./tcp-rst profiles shows what each sets)",
                 profile);
}

/// Under another stack than Linux, say what the verdicts mean.
void
NoteVerdictsJudgeLinux(const std::string& profile, std::ostream& os)
{
    if (profile != "Linux")
    {
        os << "note: stack profile " << profile
           << "; each verdict states whether the behaviour is Linux's: FAIL marks where " << profile
           << " differs\n";
    }
}

int
RunStackMatrix(std::vector<std::string> args, const std::string& program)
{
    std::string out;
    std::string profiles;
    bool rst = false;
    CommandLine cmd(program);
    cmd.Usage("For each stack profile and each segment an off-path sender injects into an "
              "ESTABLISHED connection: what the connection does (reset, challenge ACK, "
              "accepted, dropped).");
    CaseOptions declared(cmd);
    declared.AddOutputDirectory("out", "write stack-matrix.csv here", out);
    declared.Add("profiles", "comma-separated profiles (default: every one)", profiles);
    declared.Add("rst", "print the doc's reStructuredText table", rst);
    declared.CheckArguments(args);
    ParseArguments(cmd, program, args);
    std::vector<std::string> chosen;
    std::stringstream list(profiles);
    for (std::string name; std::getline(list, name, ',');)
    {
        try
        {
            FindStackProfile(name);
        }
        catch (const std::invalid_argument& e)
        {
            throw std::invalid_argument(std::string("--profiles: ") + e.what());
        }
        chosen.push_back(name);
    }
    std::vector<StackMatrixCell> cells = StackMatrix::Run(chosen);
    StackMatrix::Print(cells, std::cout, rst);
    if (!out.empty())
    {
        std::ofstream csv(out + "/stack-matrix.csv");
        if (!csv)
        {
            throw std::runtime_error("cannot write " + out + "/stack-matrix.csv");
        }
        StackMatrix::WriteCsv(cells, csv);
        std::cout << "\nwritten: " << out << "/stack-matrix.csv\n";
    }
    return 0;
}

int
RunOne(const std::string& name, std::vector<std::string> args, const std::string& program)
{
    std::unique_ptr<RstCase> rstCase = RstCaseCatalog::Create(name);
    if (!rstCase)
    {
        std::cerr << program << ": error: unknown case '" << name << "'; valid cases:\n"
                  << RstCaseCatalog::Describe();
        return kExitBadInput;
    }
    CaseRunOptions options;
    bool quiet = false;
    CommandLine cmd(program);
    cmd.Usage(rstCase->GetTitle() + "\nExpected: " + rstCase->GetExpected());
    CaseOptions declared(cmd);
    declared.AddOutputDirectory(
        "out", "write client.pcap, server.pcap, resets.csv, ladder.txt here", options.outDir);
    declared.Add("stock",
                 "stock ns-3: every policy Stock and the Ns3 host profile (for comparison)",
                 options.stock);
    DeclareProfileOption(declared, options.profile);
    declared.Add("quiet", "print only the verdict", quiet);
    DeclareLinkOptions(declared, options);
    rstCase->AddOptions(declared);
    declared.CheckArguments(args);
    ParseArguments(cmd, program, args);

    CaseResult result = RstCaseRunner::Run(*rstCase, options);
    NoteVerdictsJudgeLinux(StackProfileOption(options.stock, options.profile), std::cout);
    if (!quiet)
    {
        // A case with its own report (many connections) shows it instead of the whole ladder.
        std::cout << (result.report.empty() ? result.ladder : result.report) << '\n';
        RstCaseRunner::PrintChecks(result, std::cout);
        std::cout << '\n';
    }
    RstCaseRunner::PrintTable({result}, std::cout);
    if (!options.outDir.empty() && !quiet)
    {
        std::cout << "\noutputs in " << options.outDir
                  << ": client.pcap server.pcap resets.csv ladder.txt counters.txt checks.txt";
        for (const auto& file : result.files)
        {
            std::cout << ' ' << file.first;
        }
        std::cout << '\n';
    }
    return ExitStatus(result);
}

int
RunFuzz(std::vector<std::string> args, const std::string& program)
{
    FuzzOptions options;
    uint64_t count = options.count;
    uint32_t seed = options.seed;
    uint32_t timeLimit = 600;
    CommandLine cmd(program);
    cmd.Usage("Sends random crafted segments to connections in every state and counts what "
              "ends them (TcpRstFuzzer).");
    CaseOptions declared(cmd);
    declared.Add("count", "crafted segments in all, [1, 2^64)", count);
    declared.Add("seed", "RNG seed, [1, 2^32)", seed);
    declared.Add("stock", "every policy Stock", options.stock);
    std::string only;
    declared.Add("situation", "fuzz only this situation (LISTEN, SYN_SENT ... UNBOUND)", only);
    declared.Add("timeLimit",
                 "seconds each situation may take before it counts as a hang "
                 "(0: no limit)",
                 timeLimit);
    declared.CheckArguments(args);
    ParseArguments(cmd, program, args);
    if (count == 0 || seed == 0)
    {
        throw std::invalid_argument("--count and --seed must be at least 1");
    }
    options.count = count;
    options.seed = seed;
    options.timeLimitSeconds = timeLimit;
    std::vector<std::string> all = TcpRstFuzzer::Situations();
    if (!only.empty() && std::find(all.begin(), all.end(), only) == all.end())
    {
        std::string valid;
        for (const std::string& name : all)
        {
            valid += " " + name;
        }
        throw std::invalid_argument("invalid value '" + only +
                                    "' for --situation; allowed:" + valid);
    }
    if (!only.empty())
    {
        options.situations = {only};
    }
    std::vector<FuzzReport> reports = TcpRstFuzzer::Run(options);
    TcpRstFuzzer::Print(reports, std::cout);
    for (const FuzzReport& r : reports)
    {
        if (r.notAsLinux != 0 || !r.failure.empty())
        {
            return kExitFail;
        }
    }
    return 0;
}

int
RunDemo(std::vector<std::string> args, const std::string& program)
{
    std::string out;
    CaseRunOptions link;
    CommandLine cmd(program);
    cmd.Usage("Runs every case and prints the verdict table.");
    CaseOptions declared(cmd);
    declared.AddOutputDirectory("out", "write each case's outputs in DIR/CASE", out);
    declared.Add("stock", "stock ns-3: every policy Stock, the Ns3 host profile", link.stock);
    DeclareProfileOption(declared, link.profile);
    DeclareLinkOptions(declared, link);
    declared.CheckArguments(args);
    ParseArguments(cmd, program, args);
    std::vector<CaseResult> results;
    for (const std::string& name : RstCaseCatalog::GetNames())
    {
        std::unique_ptr<RstCase> rstCase = RstCaseCatalog::Create(name);
        CaseRunOptions options = link;
        options.outDir = out.empty() ? "" : out + "/" + name;
        std::cout << "== " << name << ": " << rstCase->GetTitle() << '\n';
        results.push_back(RstCaseRunner::Run(*rstCase, options));
        RstCaseRunner::PrintChecks(results.back(), std::cout);
        std::cout << '\n';
    }
    NoteVerdictsJudgeLinux(StackProfileOption(link.stock, link.profile), std::cout);
    RstCaseRunner::PrintTable(results, std::cout);
    if (!out.empty())
    {
        std::cout << "\noutputs (pcaps, resets.csv, ladder.txt per case) in " << out << '\n';
    }
    int status = 0;
    for (const CaseResult& r : results)
    {
        if (ExitStatus(r) == kExitFail)
        {
            return kExitFail;
        }
        status = std::max(status, ExitStatus(r));
    }
    return status;
}
int
RunShowcase(std::vector<std::string> args, const std::string& program)
{
    ScenarioOptions options;
    options.perCase = 5;
    options.background.flows = 200;
    std::string cases;
    bool quiet = false;
    CommandLine cmd(program);
    cmd.Usage("The all-cases showcase: every case placed several times on host pairs of a "
              "topology, beside background flows that must see no reset.");
    CaseOptions declared(cmd);
    declared.AddOutputDirectory(
        "out", "results folder (summary.csv/json, resets.csv, samples/CASE)", options.outDir);
    declared.Add("topology", "fat-tree, dumbbell or star", options.topology);
    declared.Add(
        "k", "fat-tree ports per switch, even, [2, 32] (k=4: 16 hosts)", options.fatTree.k);
    declared.Add("hostRate", "fat-tree host links, e.g. 1Gbps", options.fatTree.hostRate);
    declared.AddTime("hostDelay", "fat-tree host link delay, [0, 1s]", options.fatTree.hostDelay);
    declared.Add("fabricRate", "fat-tree switch links, e.g. 10Gbps", options.fatTree.fabricRate);
    declared.AddTime(
        "fabricDelay", "fat-tree switch link delay, [0, 1s]", options.fatTree.fabricDelay);
    declared.Add("leaves", "dumbbell hosts per side, [1, 1000]", options.dumbbell.leaves);
    declared.Add("spokes", "star hosts, [2, 1000]", options.star.spokes);
    declared.Add("per-case", "instances of each case, [1, 100000]", options.perCase);
    declared.Add("cases", "comma-separated case names (default: every case)", cases);
    declared.Add("background",
                 "background flows per round (bulk, on-off, request/response), [0, 1000000]",
                 options.background.flows);
    declared.Add(
        "bulkBytes", "bytes of a bulk background flow, [1, 1e9]", options.background.bulkBytes);
    declared.Add("stock", "stock ns-3: every policy Stock, the Ns3 host profile", options.stock);
    DeclareProfileOption(declared, options.profile);
    declared.Add("quiet", "no progress on stderr", quiet);
    std::string results;
    declared.Add(
        "results", "without --out: write into RESULTS/showcase-TOPOLOGY-PARAMS (created)", results);
    declared.CheckArguments(args);
    ParseArguments(cmd, program, args);
    options.progress = !quiet;
    if (options.outDir.empty() && !results.empty())
    {
        std::ostringstream name;
        name << results << "/showcase-" << options.topology;
        if (options.topology == "fat-tree")
        {
            name << "-k" << options.fatTree.k;
        }
        name << "-per-case" << options.perCase << "-bg" << options.background.flows
             << (options.stock ? "-stock" : "")
             << (options.profile != "Linux" ? "-" + options.profile : "");
        options.outDir = name.str();
    }
    std::stringstream list(cases);
    for (std::string name; std::getline(list, name, ',');)
    {
        if (!name.empty())
        {
            options.cases.push_back(name);
        }
    }
    ScenarioResult result = RstScenario::Run(options);
    NoteVerdictsJudgeLinux(StackProfileOption(options.stock, options.profile), std::cout);
    PrintScenarioTable(result, std::cout);
    if (!options.outDir.empty())
    {
        WriteScenarioResults(result, options, options.outDir);
        std::cout << "results in " << options.outDir << '\n';
    }
    if (result.Passed())
    {
        return 0;
    }
    return result.OnlyNotTriggered() ? kExitNotTriggered : kExitFail;
}
} // namespace

int
RunCaseCommandLine(int argc, char** argv, const std::string& fixedCase)
{
    std::string program = argc > 0 ? argv[0] : "tcp-rst-run";
    std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    try
    {
        ApplyAttributeDefaults(args);
        if (!fixedCase.empty())
        {
            return RunOne(fixedCase, args, program);
        }
        if (TakeFlag(args, "--policies"))
        {
            PrintPolicyTable(std::cout, TakeFlag(args, "--rst"));
            return 0;
        }
        if (TakeFlag(args, "--profiles"))
        {
            PrintStackProfileTable(std::cout, TakeFlag(args, "--rst"));
            return 0;
        }
        if (TakeFlag(args, "--stack-matrix"))
        {
            return RunStackMatrix(args, program);
        }
        if (TakeFlag(args, "--list"))
        {
            std::cout << RstCaseCatalog::Describe();
            return 0;
        }
        if (TakeFlag(args, "--fuzz"))
        {
            return RunFuzz(args, program);
        }
        if (TakeFlag(args, "--demo"))
        {
            return RunDemo(args, program);
        }
        if (TakeFlag(args, "--showcase"))
        {
            return RunShowcase(args, program);
        }
        std::string name = TakeValue(args, "--case");
        if (name.empty())
        {
            std::cerr << program
                      << ": error: give --list, --demo, --showcase or --case=NAME; cases:\n"
                      << RstCaseCatalog::Describe();
            return kExitBadInput;
        }
        return RunOne(name, args, program);
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << program << ": error: " << e.what() << '\n';
        return kExitBadInput;
    }
    catch (const std::exception& e)
    {
        std::cerr << program << ": error: " << e.what() << '\n';
        return kExitBadInput;
    }
}

} // namespace ns3
