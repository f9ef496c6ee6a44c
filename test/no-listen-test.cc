/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Seed case 11 against Linux ladder 11-bind-no-listen.
#include "case-test-util.h"
#include "linux-ladder.h"

#include "ns3/rst-case-catalog.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace test
{

using Closed = TcpRstTest;

TEST_F(Closed, SynToBoundOrUnboundPortIsRefused)
{
    CaseResult result = RunCase("no-listen");
    // Linux: S, then RA abs:0 1 (win 0, no options), for both ports.
    std::vector<std::string> expected = LinuxLadderWithWindows("11-bind-no-listen");
    ASSERT_EQ(expected.size(), 4u);
    EXPECT_EQ(WithWindows(result.segments), expected);
    for (const LadderSegment& rst : result.Resets(false))
    {
        EXPECT_EQ(rst.window, 0);
        EXPECT_TRUE(rst.options.empty());
        ASSERT_TRUE(rst.reason.has_value());
        EXPECT_EQ(*rst.reason, RstReason::NO_SOCKET);
    }
    EXPECT_TRUE(result.pass) << result.ladder;
}

TEST_F(Closed, RefusedConnectIsReportedAtOnceAsEconnrefused)
{
    CaseResult result = RunCase("no-listen");
    std::vector<TcpResetEvent> accepted =
        WithDisposition(result.resets, RstDisposition::CONNECTION_RESET);
    ASSERT_EQ(accepted.size(), 2u);
    for (const TcpResetEvent& e : accepted)
    {
        EXPECT_EQ(e.reason, RstReason::NO_SOCKET) << "the sender's reason travels with the reset";
    }
    for (const CaseCheck& check : result.checks)
    {
        EXPECT_TRUE(check.pass) << check.what << ": " << check.detail;
    }
}

TEST_F(Closed, VerdictHoldsOnSlowerLinks)
{
    for (Time delay : {MilliSeconds(10), MilliSeconds(100)})
    {
        Simulator::Destroy();
        std::unique_ptr<RstCase> rstCase = RstCaseCatalog::Create("no-listen");
        CaseRunOptions options;
        options.linkDelay = delay;
        CaseResult result = RstCaseRunner::Run(*rstCase, options);
        EXPECT_TRUE(result.pass) << delay.As(Time::MS);
        for (const CaseCheck& check : result.checks)
        {
            EXPECT_TRUE(check.pass)
                << delay.As(Time::MS) << " " << check.what << ": " << check.detail;
        }
    }
}

TEST_F(Closed, StockPolicyNeverRefusesTheConnect)
{
    CaseResult result = RunCase("no-listen", true);
    EXPECT_FALSE(result.pass);
    // Stock: the bound socket answers R seq=SND.NXT without ACK; the RA from the unbound port
    // carries no timestamp and is dropped by the stock client.
    std::vector<std::string> resets;
    for (const LadderSegment& s : result.Resets(false))
    {
        resets.push_back(s.Summary());
    }
    EXPECT_EQ(resets, (std::vector<std::string>{"S>C R abs:0 -", "S>C RA abs:0 1"}));
}

} // namespace test
} // namespace ns3
