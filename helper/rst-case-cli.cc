/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rst-case-cli.h"

#include "rst-case-catalog.h"
#include "rst-case-runner.h"
#include "rst-scenario.h"
#include "run-invocation.h"
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
    ParseCommandLine(cmd, program, args);
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
RunOne(const std::string& name,
       const std::vector<std::string>& args,
       const std::string& program,
       const std::string& outDir = "")
{
    std::unique_ptr<CaseInvocation> invocation;
    try
    {
        invocation = std::make_unique<CaseInvocation>(name, program, outDir);
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << program << ": error: " << e.what();
        return kExitBadInput;
    }
    invocation->Parse(args);
    const CaseRunOptions& options = invocation->GetOptions();
    bool quiet = invocation->IsQuiet();
    CaseResult result = invocation->Run();
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
    ParseCommandLine(cmd, program, args);
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
    ParseCommandLine(cmd, program, args);
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
RunShowcase(const std::vector<std::string>& args, const std::string& program)
{
    ScenarioInvocation invocation(program);
    invocation.Parse(args);
    const ScenarioOptions& options = invocation.GetOptions();
    ScenarioResult result = invocation.Run();
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
            // An example writes its outputs into the working directory (SEM's contract).
            return RunOne(fixedCase, args, program, ".");
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
