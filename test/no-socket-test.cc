/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// First half of seed case 4 against Linux ladders 04c and 04c2.
#include "case-test-util.h"
#include "linux-ladder.h"

namespace ns3
{
namespace test
{

using NoSocket = TcpRstTest;

TEST_F(NoSocket, DataToLostConnectionIsResetWithSegAck)
{
    CaseResult result = RunCase("no-socket");
    std::vector<std::string> resets;
    for (const LadderSegment& s : result.Resets(true))
    {
        resets.push_back(s.Summary() + " " + RstReasonName(*s.reason));
    }
    // 04c: R 11 - (unbound port); 04c2: R 11 - (listener); crafted data without ACK:
    // RA 0 SEG.SEQ+20; crafted pure ACK: R SEG.ACK; each crafted segment is sent three times
    // (so that one gets through a lossy link) and each is answered.
    EXPECT_EQ(LinuxLadder("04c-retrans-to-rebooted-unbound").back(), "C>S R 11 -");
    EXPECT_EQ(LinuxLadder("04c2-retrans-to-rebooted-listener").back(), "C>S R 11 -");
    EXPECT_EQ(resets,
              (std::vector<std::string>{"C>S R 11 - NO_SOCKET",
                                        "C>S R 11 - TCP_FLAGS",
                                        "C>S RA abs:0 abs:1020 NO_SOCKET",
                                        "C>S R abs:424242 - NO_SOCKET",
                                        "C>S RA abs:0 abs:1020 NO_SOCKET",
                                        "C>S R abs:424242 - NO_SOCKET",
                                        "C>S RA abs:0 abs:1020 NO_SOCKET",
                                        "C>S R abs:424242 - NO_SOCKET"}));
    EXPECT_TRUE(result.pass) << result.ladder;
}

TEST_F(NoSocket, PeerConnectionEndsAsReset)
{
    CaseResult result = RunCase("no-socket");
    std::vector<TcpResetEvent> accepted =
        WithDisposition(result.resets, RstDisposition::CONNECTION_RESET);
    ASSERT_EQ(accepted.size(), 2u);
    EXPECT_EQ(accepted[0].nodeId, 2u) << "the server node";
    // Nothing the server sends after the reset on those connections.
    for (const LadderSegment& s : result.segments)
    {
        if (!s.fromClient && !s.injected && s.time > accepted[1].time)
        {
            ADD_FAILURE() << "server segment after reset: " << s.Summary();
        }
    }
}

TEST_F(NoSocket, ResetToResetIsNeverAnswered)
{
    CaseResult result = RunCase("no-socket");
    // The replies to the six crafted segments reach a server port nobody bound: ignored, not
    // answered.
    EXPECT_EQ(WithDisposition(result.resets, RstDisposition::IGNORED_NO_SOCKET).size(), 6u);
    EXPECT_TRUE(result.Resets(false).empty());
}

TEST_F(NoSocket, StockPolicyLeavesTheServerConnectionAlive)
{
    CaseResult result = RunCase("no-socket", true);
    EXPECT_FALSE(result.pass);
    EXPECT_TRUE(WithDisposition(result.resets, RstDisposition::CONNECTION_RESET).empty());
}

} // namespace test
} // namespace ns3
