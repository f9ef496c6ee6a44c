/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The close-path scenarios (seed cases 2, 3, 7, 9, 10) against their Linux captures.
#include "case-test-util.h"
#include "linux-ladder.h"

#include "ns3/inet-socket-address.h"
#include "ns3/tcp-rst-l4-protocol.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace ns3
{
namespace test
{

namespace
{

/// \return the first n lines
std::vector<std::string>
Head(std::vector<std::string> lines, std::size_t n)
{
    lines.resize(std::min(n, lines.size()));
    return lines;
}
} // namespace

using ClosePath = TcpRstTest;

TEST_F(ClosePath, NoTimeWaitMatchesCaptures02aAnd02b)
{
    CaseResult result = RunCase("no-time-wait");
    EXPECT_EQ(WithWindows(SegmentsOfPort(result, 40021)),
              LinuxLadderWithWindows("02a-no-timewait-buckets0"));
    EXPECT_EQ(WithWindows(SegmentsOfPort(result, 40022)),
              LinuxLadderWithWindows("02b-no-timewait-ss-kill"));
    EXPECT_EQ(result.Verdict(), "PASS") << result.ladder;
}

TEST_F(ClosePath, LingerAbortMatchesCapture03a)
{
    CaseResult result = RunCase("linger-abort");
    EXPECT_EQ(WithWindows(SegmentsOfPort(result, 40031)),
              LinuxLadderWithWindows("03a-linger0-close"));
    EXPECT_EQ(result.Verdict(), "PASS") << result.ladder;
}

TEST_F(ClosePath, UnreadCloseMatchesCapture03b)
{
    CaseResult result = RunCase("unread-close");
    EXPECT_EQ(WithWindows(SegmentsOfPort(result, 40033)),
              LinuxLadderWithWindows("03b-close-with-unread-data"));
    EXPECT_EQ(result.Verdict(), "PASS") << result.ladder;
}

TEST_F(ClosePath, TimeWaitSynMatchesCaptures07aAnd07b1)
{
    CaseResult result = RunCase("time-wait-syn");
    std::vector<std::string> reuse = WithWindows(SegmentsOfPort(result, 40071));
    EXPECT_EQ(reuse, Head(LinuxLadderWithWindows("07a-tw-syn-newer-reused"), reuse.size()));
    std::vector<std::string> old = WithWindows(SegmentsOfPort(result, 40072));
    EXPECT_EQ(old, Head(LinuxLadderWithWindows("07b1-tw-oldsyn-lower-seq-older-ts"), old.size()));
    EXPECT_EQ(result.Verdict(), "PASS") << result.ladder;
}

TEST_F(ClosePath, TimeWaitRstMatchesCaptures07cAnd07c2)
{
    CaseResult result = RunCase("time-wait-rst");
    EXPECT_EQ(WithWindows(SegmentsOfPort(result, 40076)),
              LinuxLadderWithWindows("07c-tw-rst-rfc1337-0"));
    EXPECT_EQ(WithWindows(SegmentsOfPort(result, 40077)),
              LinuxLadderWithWindows("07c2-tw-rst-rfc1337-1"));
    EXPECT_EQ(result.Verdict(), "PASS") << result.ladder;
}

TEST_F(ClosePath, ShutdownReadMatchesCaptures10aTo10e)
{
    CaseResult result = RunCase("shutdown-read");
    EXPECT_EQ(WithWindows(SegmentsOfPort(result, 40101)),
              LinuxLadderWithWindows("10a-data-after-shut-rd"));
    EXPECT_EQ(WithWindows(SegmentsOfPort(result, 40102)),
              LinuxLadderWithWindows("10b-data-after-close-fin-wait2"));
    EXPECT_EQ(WithWindows(SegmentsOfPort(result, 40103)),
              LinuxLadderWithWindows("10c-data-after-shut-wr-control"));
    EXPECT_EQ(WithWindows(SegmentsOfPort(result, 40104)),
              LinuxLadderWithWindows("10d-data-after-shut-rdwr"));
    EXPECT_EQ(WithWindows(SegmentsOfPort(result, 40105)),
              LinuxLadderWithWindows("10e-data-after-close-fin-wait1"));
    EXPECT_EQ(result.Verdict(), "PASS") << result.ladder;
}

} // namespace test
} // namespace ns3

namespace ns3
{
namespace test
{

// A round trip longer than the 1 s initial RTO (SYNs are retransmitted before their SYN-ACK
// returns) on a slow link: the close-path verdicts still hold.
class ClosePathOnALongPath : public TcpRstTest, public ::testing::WithParamInterface<std::string>
{
};

TEST_P(ClosePathOnALongPath, Passes)
{
    CaseRunOptions options;
    options.linkDelay = MilliSeconds(300);
    options.linkRate = "1Mbps";
    CaseResult result = RunCaseOn(GetParam(), options);
    EXPECT_EQ(result.Verdict(), "PASS") << result.ladder;
}

INSTANTIATE_TEST_SUITE_P(ClosePath,
                         ClosePathOnALongPath,
                         ::testing::Values("no-time-wait",
                                           "linger-abort",
                                           "unread-close",
                                           "time-wait-syn",
                                           "time-wait-rst",
                                           "orphan-limit",
                                           "shutdown-read"),
                         [](const ::testing::TestParamInfo<std::string>& info)
                         {
                             std::string n = info.param;
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });

} // namespace test
} // namespace ns3
