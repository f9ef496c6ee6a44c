/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Seed case 1 against Linux ladder 01-historical-syn.
#include "case-test-util.h"
#include "linux-ladder.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/nstime.h"
#include "ns3/tcp-option-ts.h"

namespace ns3
{
namespace test
{

using SynSent = TcpRstTest;

std::vector<std::string>
FirstLines(const CaseResult& result, std::size_t n)
{
    std::vector<std::string> lines = Ladder(result.segments);
    lines.resize(std::min(n, lines.size()));
    return lines;
}

TEST_F(SynSent, UnacceptableSynAckIsResetAndHandshakeCompletes)
{
    CaseResult result = RunCase("historical-syn");
    // Linux 01-historical-syn, all 13 segments: S LOST, old S, SA 0 1, R 1 -, S, SA 0 1, A 1 1,
    // data, the server's quick ACK before its FIN, the closes; with the windows and options
    // (timestamps aside) of the Linux host profile.
    std::vector<std::string> expected = LinuxLadderWithWindows("01-historical-syn");
    ASSERT_EQ(expected.size(), 13u);
    EXPECT_EQ(WithWindows(result.segments), expected);
    ASSERT_GE(result.segments.size(), 5u);
    const LadderSegment& rst = result.segments[3];
    EXPECT_EQ(rst.header.GetFlags(), TcpHeader::RST);
    EXPECT_EQ(rst.header.GetSequenceNumber(), result.segments[2].header.GetAckNumber());
    EXPECT_EQ(rst.window, 0);
    EXPECT_TRUE(rst.options.empty());
    ASSERT_TRUE(rst.reason.has_value());
    EXPECT_EQ(*rst.reason, RstReason::TCP_INVALID_ACK_SEQUENCE);
    // Linux echoes the old SYN's TSval in the SYN-ACK (ladder: ts=0/-100).
    const LadderSegment& oldSyn = result.segments[1];
    const LadderSegment& synAck = result.segments[2];
    ASSERT_TRUE(oldSyn.header.HasOption(TcpOption::TS) && synAck.header.HasOption(TcpOption::TS));
    EXPECT_EQ(
        DynamicCast<const TcpOptionTS>(synAck.header.GetOption(TcpOption::TS))->GetEcho(),
        DynamicCast<const TcpOptionTS>(oldSyn.header.GetOption(TcpOption::TS))->GetTimestamp());
    // The client's own SYN goes out again TCP_TIMEOUT_MIN (2 jiffies) after its reset, on the
    // timer wheel: 8 to 12 ms at HZ=250 (Linux 9-12 ms).
    EXPECT_GT(result.segments[4].time - rst.time, MilliSeconds(8));
    EXPECT_LE(result.segments[4].time - rst.time, MilliSeconds(12));
    EXPECT_TRUE(result.pass) << result.ladder;
}

TEST_F(SynSent, QuickSynRetransmitFollowsTimeoutMin)
{
    Config::SetDefault("ns3::TcpRstL4Protocol::JiffyTimers", BooleanValue(false));
    Config::SetDefault("ns3::TcpRstL4Protocol::TimeoutMin", TimeValue(MilliSeconds(2)));
    CaseResult result = RunCase("historical-syn");
    ASSERT_GE(result.segments.size(), 5u);
    EXPECT_EQ(result.segments[4].time - result.segments[3].time, MilliSeconds(2));
    EXPECT_TRUE(result.pass);
}

TEST_F(SynSent, ServerFreesHalfOpenConnectionSilently)
{
    CaseResult result = RunCase("historical-syn");
    EXPECT_EQ(WithDisposition(result.resets, RstDisposition::HALF_OPEN_FREED).size(), 1u);
    EXPECT_TRUE(result.Resets(false).empty()) << "the server must not answer the reset";
}

TEST_F(SynSent, StockPolicyAbortsTheConnectAndFailsTheCase)
{
    CaseResult result = RunCase("historical-syn", true);
    EXPECT_FALSE(result.pass);
    std::vector<LadderSegment> resets = result.Resets(true);
    ASSERT_EQ(resets.size(), 1u);
    // Stock ns-3 resets with its own SND.NXT (the real ISN, 10 above the old one) and gives up.
    EXPECT_EQ(resets[0].Summary(), "C>S R 10 -");
}

} // namespace test
} // namespace ns3
