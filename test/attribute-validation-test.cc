/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Bad input is refused with the parameter and its allowed values: attributes, the case
// runner's command line, case parameters.
#include "case-test-util.h"

#include "ns3/enum.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-attribute-check.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace ns3
{
namespace test
{

namespace
{
/// Run a program; return its exit status and what it printed (stdout and stderr).
std::pair<int, std::string>
Program(const std::string& program, const std::string& args)
{
    std::string command = program + " " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    std::array<char, 4096> buffer;
    while (pipe && fgets(buffer.data(), buffer.size(), pipe))
    {
        output += buffer.data();
    }
    int status = pipe ? pclose(pipe) : -1;
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

/// Run the case runner; return its exit status and what it printed (stdout and stderr).
std::pair<int, std::string>
Runner(const std::string& args)
{
    return Program(TCP_RST_RUNNER, args);
}

std::string
Message(const std::function<void()>& f)
{
    try
    {
        f();
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "(no error)";
}
} // namespace

using Attributes = TcpRstTest;
using RunnerCommandLine = TcpRstTest;

TEST_F(Attributes, OutOfRangeTimeoutMinNamesTheRange)
{
    TcpRstHelper rst;
    std::string m = Message([&]() { rst.SetTcpAttribute("TimeoutMin", TimeValue(Seconds(0))); });
    EXPECT_NE(m.find("ns3::TcpRstL4Protocol::TimeoutMin"), std::string::npos) << m;
    EXPECT_NE(m.find("Range [1ms, 1s]"), std::string::npos) << m;
}

TEST_F(Attributes, UnknownPolicyValueListsTheChoices)
{
    std::string m =
        Message([]() { TcpRstHelper::SetSocketDefault("RstValidation", StringValue("Bogus")); });
    EXPECT_NE(m.find("'Bogus'"), std::string::npos) << m;
    EXPECT_NE(m.find("Rfc5961|Rfc793|Stock"), std::string::npos) << m;
}

TEST_F(Attributes, UnknownAttributeOrTypeIsNamed)
{
    TcpRstHelper rst;
    EXPECT_NE(Message([&]() { rst.SetTcpAttribute("NoSuchKnob", StringValue("1")); })
                  .find("has no attribute 'NoSuchKnob'"),
              std::string::npos);
    EXPECT_NE(Message([]() { SetCheckedDefault("ns3::NoSuchType::X", "1"); })
                  .find("unknown type 'ns3::NoSuchType'"),
              std::string::npos);
    EXPECT_NE(
        Message([]() { SetCheckedDefault("TimeoutMin", "1ms"); }).find("ns3::Type::Attribute"),
        std::string::npos);
}

TEST_F(Attributes, TextThatIsNotATimeIsRefusedNotAborted)
{
    std::string m =
        Message([]() { SetCheckedDefault("ns3::TcpRstL4Protocol::TimeoutMin", "abc"); });
    EXPECT_NE(m.find("invalid value 'abc' for ns3::TcpRstL4Protocol::TimeoutMin"),
              std::string::npos)
        << m;
    Time t;
    EXPECT_TRUE(ParseTime("8ms", &t));
    EXPECT_EQ(t, MilliSeconds(8));
    EXPECT_TRUE(ParseTime("+1.5s", &t));
    EXPECT_EQ(t, MilliSeconds(1500));
    EXPECT_TRUE(ParseTime("2", &t));
    EXPECT_EQ(t, Seconds(2));
    for (const char* bad : {"abc", "", "ms", "5 parsecs", "1.2.3s", "--1s"})
    {
        EXPECT_FALSE(ParseTime(bad, &t)) << bad;
    }
}

TEST_F(Attributes, GoodValuesAreAccepted)
{
    TcpRstHelper rst;
    EXPECT_NO_THROW(rst.SetTcpAttribute("TimeoutMin", StringValue("4ms")));
    EXPECT_NO_THROW(rst.SetTcpAttribute("NoSocketReply", StringValue("Stock")));
    EXPECT_NO_THROW(SetCheckedDefault("ns3::TcpRstSocket::RstValidation", "Rfc793"));
}

TEST_F(RunnerCommandLine, UnknownCaseListsTheValidOnes)
{
    auto [status, output] = Runner("--case=no-such-case");
    EXPECT_EQ(status, 2);
    EXPECT_NE(output.find("unknown case 'no-such-case'"), std::string::npos) << output;
    EXPECT_NE(output.find("historical-syn"), std::string::npos) << output;
}

TEST_F(RunnerCommandLine, OutOfRangeCaseParameterIsNamed)
{
    auto [status, output] = Runner("--case=historical-syn --isnOffset=0");
    EXPECT_EQ(status, 2);
    EXPECT_NE(output.find("--isnOffset=0 is out of range [1, 2147483647]"), std::string::npos)
        << output;
}

TEST_F(RunnerCommandLine, BadAttributeValueIsNamedWithItsRange)
{
    auto [status, output] = Runner("--case=no-listen --ns3::TcpRstL4Protocol::TimeoutMin=5s");
    EXPECT_EQ(status, 2);
    EXPECT_NE(output.find("TimeoutMin"), std::string::npos) << output;
    EXPECT_NE(output.find("Range [1ms, 1s]"), std::string::npos) << output;
}

TEST_F(RunnerCommandLine, MalformedValueIsRefused)
{
    auto [status, output] = Runner("--case=historical-syn --dataBytes=lots");
    EXPECT_EQ(status, 2);
    EXPECT_NE(output.find("invalid value 'lots' for --dataBytes; allowed: an integer in [0, "),
              std::string::npos)
        << output;
    auto [negative, negativeOutput] = Runner("--case=no-listen --boundPort=-1");
    EXPECT_EQ(negative, 2) << negativeOutput;
    EXPECT_NE(negativeOutput.find("[0, 65535]"), std::string::npos) << negativeOutput;
}

TEST_F(RunnerCommandLine, MalformedTimeIsRefusedNotAborted)
{
    auto [status, output] = Runner("--case=historical-syn --oldSynAt=abc");
    EXPECT_EQ(status, 2) << "ns-3's Time parser would abort (134)";
    EXPECT_NE(output.find("invalid value 'abc' for --oldSynAt; allowed: a time"), std::string::npos)
        << output;
    auto [attrStatus, attrOutput] =
        Runner("--case=no-listen --ns3::TcpRstL4Protocol::TimeoutMin=x");
    EXPECT_EQ(attrStatus, 2) << attrOutput;
}

TEST_F(RunnerCommandLine, UnknownOptionIsNamedWithExitTwo)
{
    auto [status, output] = Runner("--case=no-listen --bogus=1");
    EXPECT_EQ(status, 2) << "ns-3's CommandLine would exit 1, like a failed case";
    EXPECT_NE(output.find("unknown option '--bogus=1'; accepted:"), std::string::npos) << output;
    EXPECT_NE(output.find("--boundPort"), std::string::npos) << output;
}

TEST_F(RunnerCommandLine, BadGlobalValueIsNamedWithExitTwo)
{
    for (const char* bad : {"abc", "-1"})
    {
        auto [status, output] = Runner(std::string("--case=no-listen --RngRun=") + bad);
        EXPECT_EQ(status, 2) << bad << ": " << output;
        EXPECT_NE(output.find(std::string("invalid value '") + bad + "' for --RngRun"),
                  std::string::npos)
            << output;
    }
    auto [status, output] = Runner("--case=no-listen --quiet --RngRun=3");
    EXPECT_EQ(status, 0) << output;
}

TEST_F(RunnerCommandLine, FailedCaseExitsOneAndHelpExitsZero)
{
    auto [failed, failedOutput] = Runner("--case=no-listen --quiet --stock");
    EXPECT_EQ(failed, 1) << failedOutput;
    EXPECT_NE(failedOutput.find("FAIL"), std::string::npos) << failedOutput;
    auto [help, helpOutput] = Runner("--case=no-listen --PrintHelp");
    EXPECT_EQ(help, 0) << helpOutput;
    EXPECT_NE(helpOutput.find("--boundPort"), std::string::npos) << helpOutput;
}

// --profile runs every node on a stack profile; Windows differs from Linux in shutdown-read
// (data after SD_RECEIVE is reset), and the run says what the verdict compares with.
TEST_F(RunnerCommandLine, ProfileSelectsTheStackAndBadProfilesExitTwo)
{
    auto [windows, windowsOutput] = Runner("--case=shutdown-read --quiet --profile=Windows");
    EXPECT_EQ(windows, 1) << windowsOutput;
    EXPECT_NE(windowsOutput.find("note: stack profile Windows; each verdict states whether the "
                                 "behaviour is Linux's: FAIL marks where Windows differs"),
              std::string::npos)
        << windowsOutput;
    auto [same, sameOutput] = Runner("--case=no-listen --quiet --profile=FreeBSD");
    EXPECT_EQ(same, 0) << sameOutput;
    auto [bad, badOutput] = Runner("--case=no-listen --profile=BSD");
    EXPECT_EQ(bad, 2) << badOutput;
    EXPECT_NE(badOutput.find("--profile: unknown stack profile 'BSD'; allowed: Linux, "
                             "Linux-4.4, Ns3, FreeBSD, macOS, Windows"),
              std::string::npos)
        << badOutput;
    auto [both, bothOutput] = Runner("--demo --stock --profile=Windows");
    EXPECT_EQ(both, 2) << bothOutput;
    EXPECT_NE(bothOutput.find("--stock conflicts with --profile=Windows"), std::string::npos)
        << bothOutput;
    auto [matrix, matrixOutput] = Runner("--stack-matrix --profiles=Linux,Plan9");
    EXPECT_EQ(matrix, 2) << matrixOutput;
    EXPECT_NE(matrixOutput.find("--profiles: unknown stack profile 'Plan9'"), std::string::npos)
        << matrixOutput;
    auto [profiles, profilesOutput] = Runner("--profiles");
    EXPECT_EQ(profiles, 0) << profilesOutput;
    EXPECT_NE(profilesOutput.find("L4::ResetRateLimit"), std::string::npos) << profilesOutput;
}

// The mixed-stacks example: one Linux client, a server per profile, 300 SYNs to each closed
// port in a second; FreeBSD refuses icmplim (200) of them, with blackhole Syn none.
TEST_F(RunnerCommandLine, TheMixedStacksExampleShowsEachStacksAnswer)
{
    std::string csv = "--csv=" + (std::filesystem::temp_directory_path() / "mixed.csv").string();
    auto [status, output] = Program(TCP_RST_MIXED_STACKS, csv);
    EXPECT_EQ(status, 0) << output;
    for (const char* line : {"Linux      300       0                 0\n",
                             "Linux-4.4  300       0                 0\n",
                             "FreeBSD    200       100               0\n",
                             "macOS      300       0                 0\n",
                             "Windows    300       0                 0\n"})
    {
        EXPECT_NE(output.find(line), std::string::npos) << line << output;
    }
    auto [hole, holeOutput] = Program(TCP_RST_MIXED_STACKS, csv + " --burst=50 --blackhole=All");
    EXPECT_EQ(hole, 0) << holeOutput;
    EXPECT_NE(holeOutput.find("FreeBSD    0         0                 55\n"), std::string::npos)
        << "50 SYNs and the 5 retransmitted within the second, all unanswered\n"
        << holeOutput;
    auto [bad, badOutput] = Program(TCP_RST_MIXED_STACKS, "--burst=0");
    EXPECT_EQ(bad, 2) << badOutput;
    EXPECT_NE(badOutput.find("--burst=0 is out of range [1, 10000]"), std::string::npos)
        << badOutput;
}

TEST_F(RunnerCommandLine, OutputDirectoryMustBeAWritableDirectory)
{
    for (const char* args : {"--case=no-listen --out=", "--demo --out="})
    {
        auto [status, output] = Runner(args);
        EXPECT_EQ(status, 2) << args << ": " << output;
        EXPECT_NE(output.find("invalid value '' for --out; allowed: a directory path"),
                  std::string::npos)
            << output;
    }
    auto [status, output] = Runner("--case=no-listen --out=/etc/passwd");
    EXPECT_EQ(status, 2) << "ns-3's pcap writer aborted (134)";
    EXPECT_NE(output.find("for --out; allowed: a directory that exists or can be created"),
              std::string::npos)
        << output;
    auto [demo, demoOutput] = Runner("--demo --bogus");
    EXPECT_EQ(demo, 2) << demoOutput;
    EXPECT_NE(
        demoOutput.find(
            "unknown option '--bogus'; accepted: --delay --loss --out --profile --rate --stock"),
        std::string::npos)
        << demoOutput;
}

TEST_F(RunnerCommandLine, ShowcaseRefusesBadFlagsAndExitsByItsVerdict)
{
    auto [oddK, oddOutput] = Runner("--showcase --k=5");
    EXPECT_EQ(oddK, 2) << oddOutput;
    EXPECT_NE(oddOutput.find("--k=5 must be even and in [2, 32]"), std::string::npos) << oddOutput;
    auto [unknown, unknownOutput] = Runner("--showcase --cases=no-such-case");
    EXPECT_EQ(unknown, 2) << unknownOutput;
    EXPECT_NE(unknownOutput.find("--cases: unknown case 'no-such-case'"), std::string::npos);
    auto [ok, okOutput] =
        Runner("--showcase --quiet --cases=no-listen,linger-abort --per-case=1 --background=3");
    EXPECT_EQ(ok, 0) << okOutput;
    EXPECT_NE(okOutput.find("\nno-listen  "), std::string::npos) << okOutput;
    EXPECT_NE(okOutput.find("\nbackground  "), std::string::npos) << okOutput;
    auto [stock, stockOutput] =
        Runner("--showcase --quiet --stock --cases=linger-abort --per-case=1 --background=3");
    EXPECT_EQ(stock, 1) << "a mismatch fails the showcase: " << stockOutput;
}

TEST_F(RunnerCommandLine, MissingCaseIsRefused)
{
    auto [status, output] = Runner("");
    EXPECT_EQ(status, 2);
    EXPECT_NE(output.find("--case=NAME"), std::string::npos) << output;
}

TEST_F(RunnerCommandLine, GoodRunExitsZeroAndPrintsTheVerdict)
{
    auto [status, output] = Runner("--case=no-listen --quiet");
    EXPECT_EQ(status, 0) << output;
    EXPECT_NE(output.find("PASS"), std::string::npos) << output;
}

} // namespace test
} // namespace ns3
