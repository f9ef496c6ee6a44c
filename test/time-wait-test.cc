/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TIME_WAIT (tcp_timewait_state_process() as a pure function, the node's entries and their
// timers), the orphan count and its cache, and the close-path policies against Stock.
#include "case-test-util.h"
#include "connection-harness.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/string.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-orphan-count.h"
#include "ns3/tcp-rst-l4-protocol.h"
#include "ns3/tcp-time-wait.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace ns3
{
namespace test
{

namespace
{
const Time kNow = Seconds(100);
const Time kRateLimit = MilliSeconds(500);

/// A TIME_WAIT entry as the captures leave it: RCV.NXT 1000, SND.NXT 5000, ts_recent 7000.
TcpTimeWaitState
Entry(bool timestamps = true)
{
    TcpTimeWaitState tw;
    tw.rcvNxt = SequenceNumber32(1000);
    tw.sndNxt = SequenceNumber32(5000);
    tw.rcvWnd = 65536;
    tw.rcvWscale = 10;
    if (timestamps)
    {
        tw.tsRecent = 7000;
        tw.tsRecentStamp = kNow - Seconds(1);
    }
    return tw;
}

/// A segment: flags, seq, ack, optional TSval.
TcpHeader
Segment(uint8_t flags, uint32_t seq, std::optional<uint32_t> tsval = std::nullopt)
{
    TcpHeader h;
    h.SetFlags(flags);
    h.SetSequenceNumber(SequenceNumber32(seq));
    h.SetAckNumber(SequenceNumber32(5000));
    if (tsval)
    {
        Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
        ts->SetTimestamp(*tsval);
        h.AppendOption(ts);
    }
    return h;
}

TcpTimeWaitVerdict
Process(TcpTimeWaitState& tw,
        const TcpHeader& h,
        uint32_t payload = 0,
        bool rfc1337 = false,
        Time now = kNow)
{
    return TcpTimeWaitProcess(tw, h, payload, rfc1337, kRateLimit, now);
}
} // namespace

using V = TcpTimeWaitVerdict;

TEST(TimeWaitProcess, RetransmittedFinIsAckedAndRearmsTheTimer)
{
    TcpTimeWaitState tw = Entry();
    V v = Process(tw, Segment(TcpHeader::FIN | TcpHeader::ACK, 999, 7001));
    EXPECT_EQ(v.action, V::ACK);
    EXPECT_TRUE(v.rearm);
    // A second retransmission right away is still answered: a FIN is not rate-limited.
    EXPECT_EQ(Process(tw, Segment(TcpHeader::FIN | TcpHeader::ACK, 999, 7002)).action, V::ACK);
}

TEST(TimeWaitProcess, BareAckAtRcvNxtIsDroppedRearmsAndUpdatesTsRecent)
{
    TcpTimeWaitState tw = Entry();
    V v = Process(tw, Segment(TcpHeader::ACK, 1000, 7005));
    EXPECT_EQ(v.action, V::DROP);
    EXPECT_TRUE(v.rearm);
    EXPECT_EQ(tw.tsRecent, 7005u);
}

TEST(TimeWaitProcess, ExactRstEndsItWithoutRfc1337)
{
    TcpTimeWaitState tw = Entry();
    EXPECT_EQ(Process(tw, Segment(TcpHeader::RST, 1000)).action, V::KILL);
}

TEST(TimeWaitProcess, ExactRstIsIgnoredWithRfc1337AndDoesNotRearm)
{
    TcpTimeWaitState tw = Entry();
    V v = Process(tw, Segment(TcpHeader::RST, 1000), 0, true);
    EXPECT_EQ(v.action, V::DROP);
    EXPECT_FALSE(v.rearm) << "07c2: ss still counts down from the first entry";
}

TEST(TimeWaitProcess, InexactRstIsIgnored)
{
    TcpTimeWaitState tw = Entry();
    V v = Process(tw, Segment(TcpHeader::RST, 1001));
    EXPECT_EQ(v.action, V::DROP);
    EXPECT_FALSE(v.rearm);
}

TEST(TimeWaitProcess, SynWithHigherSeqReopensWithIsnSndNxtPlus65537)
{
    TcpTimeWaitState tw = Entry(false);
    V v = Process(tw, Segment(TcpHeader::SYN, 2000));
    EXPECT_EQ(v.action, V::ACCEPT_SYN);
    EXPECT_EQ(v.isn, SequenceNumber32(5000 + 65537));
}

TEST(TimeWaitProcess, SynWithLowerSeqButNewerTsvalReopens07b3)
{
    TcpTimeWaitState tw = Entry();
    V v = Process(tw, Segment(TcpHeader::SYN, 0, 7001));
    EXPECT_EQ(v.action, V::ACCEPT_SYN);
    EXPECT_EQ(v.isn, SequenceNumber32(5000 + 65537));
}

TEST(TimeWaitProcess, SynWithLowerSeqAndOlderTsvalGetsTheLastAck07b1)
{
    TcpTimeWaitState tw = Entry();
    V v = Process(tw, Segment(TcpHeader::SYN, 0, 6000));
    EXPECT_EQ(v.action, V::ACK);
    EXPECT_TRUE(v.pawsRejected) << "TcpExtPAWSTimewait";
    EXPECT_TRUE(v.rearm) << "a PAWS-rejected segment rearms";
}

TEST(TimeWaitProcess, SynWithLowerSeqAndNoTimestampGetsTheLastAckWithoutRearm07b2)
{
    TcpTimeWaitState tw = Entry();
    V v = Process(tw, Segment(TcpHeader::SYN, 0));
    EXPECT_EQ(v.action, V::ACK);
    EXPECT_FALSE(v.pawsRejected);
    EXPECT_FALSE(v.rearm) << "an ACKless SYN may be a new SYN with a lower random ISN";
}

TEST(TimeWaitProcess, SynWithHigherSeqButOlderTsvalIsPawsRejected07b4)
{
    TcpTimeWaitState tw = Entry();
    V v = Process(tw, Segment(TcpHeader::SYN, 2000, 6000));
    EXPECT_EQ(v.action, V::ACK);
    EXPECT_TRUE(v.pawsRejected);
}

TEST(TimeWaitProcess, AnIsnOfZeroBecomesOne)
{
    TcpTimeWaitState tw = Entry(false);
    tw.sndNxt = SequenceNumber32(0) - SequenceNumber32(65537);
    EXPECT_EQ(Process(tw, Segment(TcpHeader::SYN, 2000)).isn, SequenceNumber32(1));
}

TEST(TimeWaitProcess, AnswersToEmptyOutOfWindowSegmentsAreRateLimited)
{
    TcpTimeWaitState tw = Entry(false);
    EXPECT_EQ(Process(tw, Segment(TcpHeader::ACK, 500)).action, V::ACK);
    V second = Process(tw, Segment(TcpHeader::ACK, 500), 0, false, kNow + MilliSeconds(100));
    EXPECT_EQ(second.action, V::DROP);
    EXPECT_TRUE(second.rateLimited);
    EXPECT_EQ(Process(tw, Segment(TcpHeader::ACK, 500), 10, false, kNow + MilliSeconds(200)).action,
              V::ACK)
        << "data is not part of an ACK loop: never limited";
    EXPECT_EQ(Process(tw, Segment(TcpHeader::ACK, 500), 0, false, kNow + MilliSeconds(600)).action,
              V::ACK);
}

TEST(TimeWaitProcess, FinWait2ResetsNewData10b)
{
    TcpTimeWaitState tw = Entry();
    tw.substate = TcpTimeWaitState::FIN_WAIT2;
    EXPECT_EQ(Process(tw, Segment(TcpHeader::ACK | TcpHeader::PSH, 1000, 7001), 100).action,
              V::RESET);
}

TEST(TimeWaitProcess, FinWait2BecomesTimeWaitOnThePeersFin)
{
    TcpTimeWaitState tw = Entry();
    tw.substate = TcpTimeWaitState::FIN_WAIT2;
    V v = Process(tw, Segment(TcpHeader::FIN | TcpHeader::ACK, 1000, 7002));
    EXPECT_EQ(v.action, V::ACK);
    EXPECT_TRUE(v.rearm);
    EXPECT_EQ(tw.substate, TcpTimeWaitState::TIME_WAIT);
    EXPECT_EQ(tw.rcvNxt, SequenceNumber32(1001));
    EXPECT_EQ(tw.tsRecent, 7002u);
}

TEST(TimeWaitProcess, FinWait2OtherSegments)
{
    TcpTimeWaitState tw = Entry(false);
    tw.substate = TcpTimeWaitState::FIN_WAIT2;
    EXPECT_EQ(Process(tw, Segment(TcpHeader::ACK, 1000)).action, V::DROP) << "a duplicate ACK";
    EXPECT_EQ(Process(tw, Segment(TcpHeader::SYN, 1000)).action, V::RESET) << "SYN at RCV.NXT";
    EXPECT_EQ(Process(tw, Segment(TcpHeader::ACK, 900000)).action, V::ACK) << "out of window";
    EXPECT_EQ(Process(tw, Segment(TcpHeader::RST, 1000)).action, V::KILL);
}

TEST(TimeWaitProcess, PawsIgnoresAResetsOldTimestampOnlyAfterAnMsl)
{
    EXPECT_TRUE(TcpPawsReject(7000, kNow - Seconds(1), 6000, true, kNow));
    EXPECT_FALSE(TcpPawsReject(7000, kNow - Seconds(61), 6000, true, kNow));
    EXPECT_TRUE(TcpPawsReject(7000, kNow - Seconds(61), 6000, false, kNow));
    EXPECT_FALSE(TcpPawsReject(7000, kNow - Seconds(1), 7000, false, kNow)) << "equal is fine";
    EXPECT_FALSE(TcpPawsReject(0, kNow - Seconds(1), 6000, false, kNow)) << "no ts_recent";
    EXPECT_FALSE(TcpPawsReject(7000, kNow - Seconds(25 * 24 * 3600), 6000, false, kNow));
}

TEST(OrphanCount, WithoutACacheTheLimitReadsTheExactCount)
{
    TcpOrphanCount orphans;
    orphans.Add(Seconds(1));
    orphans.Add(Seconds(1));
    EXPECT_EQ(orphans.Cached(Seconds(1)), 2u);
    orphans.Remove(Seconds(2));
    orphans.Remove(Seconds(2));
    orphans.Remove(Seconds(2)); // never below zero
    EXPECT_EQ(orphans.Get(), 0u);
}

TEST(OrphanCount, TheCacheShowsTheCountOfTheLastTick)
{
    TcpOrphanCount orphans;
    orphans.SetCache(MilliSeconds(100), MilliSeconds(30)); // ticks at 30, 130, 230 ... ms
    orphans.Add(MilliSeconds(40));
    orphans.Add(MilliSeconds(50));
    EXPECT_EQ(orphans.Get(), 2u);
    EXPECT_EQ(orphans.Cached(MilliSeconds(129)), 0u) << "the tick at 30 ms saw none";
    EXPECT_EQ(orphans.Cached(MilliSeconds(130)), 2u);
    orphans.Add(MilliSeconds(140));
    EXPECT_EQ(orphans.Cached(MilliSeconds(229)), 2u);
    EXPECT_EQ(orphans.Cached(MilliSeconds(500)), 3u) << "several ticks later";
    orphans.Clear();
    EXPECT_EQ(orphans.Cached(MilliSeconds(600)), 0u);
}

using TimeWaitEntries = TcpRstTest;

// The client shut its side (FIN_WAIT_2); the server's FIN puts it in TIME_WAIT. The client's
// first final ACK is lost, so the server retransmits its FIN. Timers exact (JiffyTimers false).
TEST_F(TimeWaitEntries, AnEntryLastsTimeWaitLengthFromTheLastFinWhichIsAckedAgain)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("JiffyTimers", BooleanValue(false));
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::FIN_WAIT_2, ConnectionHarness::Side::CLIENT);
    h.DropFromClient(TcpSegmentFilter::FlagsAre(TcpHeader::ACK), 0, 1);
    Ptr<TcpRstL4Protocol> tcp = h.SubjectTcp();
    h.Server()->Close();
    h.RunFor(Seconds(2));
    ASSERT_EQ(tcp->GetTimeWaitCount(), 1u);
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED) << "the socket left for the entry";
    std::vector<LadderSegment> segments = h.NewLadderSegments();
    std::vector<std::string> lines;
    Time lastAck;
    for (const LadderSegment& s : segments)
    {
        lines.push_back(s.Summary());
        lastAck = s.fromClient ? s.time : lastAck;
    }
    EXPECT_EQ(lines,
              (std::vector<std::string>{
                  "S>C FA 201 102", "C>S A 102 202 LOST", "S>C FA 201 102", "C>S A 102 202"}))
        << "the retransmitted FIN is ACKed again (tcp_v4_timewait_ack)";
    // The entry was rearmed when the retransmitted FIN arrived, just before that ACK.
    h.RunFor(lastAck + Seconds(60) - MilliSeconds(1) - Simulator::Now());
    EXPECT_EQ(tcp->GetTimeWaitCount(), 1u);
    h.RunFor(MilliSeconds(2));
    EXPECT_EQ(tcp->GetTimeWaitCount(), 0u) << "TimeWaitLength after the last FIN";
    EXPECT_EQ(tcp->GetCounters().Get(TcpStat::TimeWaited), 1u);
}

TEST_F(TimeWaitEntries, MaxTwBucketsZeroMakesNoEntryAndCountsTheOverflow)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::FIN_WAIT_2, ConnectionHarness::Side::CLIENT);
    h.SubjectTcp()->SetAttribute("MaxTwBuckets", UintegerValue(0));
    h.DropFromClient(TcpSegmentFilter::FlagsAre(TcpHeader::ACK), 0, 1);
    h.Server()->Close();
    h.RunFor(Seconds(2));
    EXPECT_EQ(h.SubjectTcp()->GetTimeWaitCount(), 0u);
    EXPECT_EQ(h.SubjectTcp()->GetCounters().Get(TcpStat::TimeWaitOverflow), 1u);
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.NewSegments(),
              (std::vector<std::string>{
                  "S>C FA 201 102", "C>S A 102 202 LOST", "S>C FA 201 102", "C>S R 102 -"}))
        << "the retransmitted FIN meets no socket (02a)";
    EXPECT_EQ(h.Server()->GetState(), TcpSocket::CLOSED) << "LAST_ACK is gone on the reset";
}

TEST_F(TimeWaitEntries, TheHelperKillsTimeWaitAtTheChosenTimeAndRefusesBadInput)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::TIME_WAIT);
    Ptr<TcpRstL4Protocol> tcp = h.SubjectTcp();
    ASSERT_EQ(tcp->GetTimeWaitCount(), 1u);
    TcpRstHelper::KillTimeWait(NodeContainer(h.Subject()->GetNode()),
                               Simulator::Now() + Seconds(2));
    h.RunFor(Seconds(2) - MilliSeconds(1));
    EXPECT_EQ(tcp->GetTimeWaitCount(), 1u);
    h.RunFor(MilliSeconds(2));
    EXPECT_EQ(tcp->GetTimeWaitCount(), 0u);
    EXPECT_TRUE(h.NewSegments().empty()) << "ss -K sends nothing";
    EXPECT_THROW(TcpRstHelper::KillTimeWait(NodeContainer(h.Subject()->GetNode()), Seconds(0)),
                 std::invalid_argument);
    EXPECT_THROW(TcpRstHelper::KillTimeWait(NodeContainer(CreateObject<Node>()), Simulator::Now()),
                 std::invalid_argument);
}

// The client holds TIME_WAIT and has no listener; Rfc1337 keeps the entry through the resets
// the server host's listener sends back to its ACKs.
TEST_F(TimeWaitEntries, ANewSynWithoutAListenerGetsTheLastAckAndEmptyAnswersAreRateLimited)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("Rfc1337", BooleanValue(true));
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::TIME_WAIT);
    Ptr<TcpRstL4Protocol> tcp = h.SubjectTcp();
    h.Inject(TcpHeader::SYN, 1000);
    std::vector<std::string> lines = h.NewSegments();
    ASSERT_GE(lines.size(), 2u);
    EXPECT_EQ(lines[1].rfind("C>S A 102 ", 0), 0u)
        << lines[1] << ": TCP_TW_SYN without a listener falls through to TCP_TW_ACK";
    EXPECT_EQ(tcp->GetTimeWaitCount(), 1u);
    auto clientAcks = [](const std::vector<std::string>& l)
    {
        return std::count_if(
            l.begin(), l.end(), [](const std::string& x) { return x.rfind("C>S A 102 ", 0) == 0; });
    };
    // NewSegments() counts from the end of Bring(): one client ACK so far (to the SYN).
    h.Inject(TcpHeader::ACK, -100);
    EXPECT_EQ(clientAcks(h.NewSegments()), 2) << "an empty out-of-window segment: the last ACK";
    h.Inject(TcpHeader::ACK, -100);
    EXPECT_EQ(clientAcks(h.NewSegments()), 2) << "again within InvalidRateLimit: skipped";
    h.RunFor(MilliSeconds(500));
    h.Inject(TcpHeader::ACK, -100);
    EXPECT_EQ(clientAcks(h.NewSegments()), 3) << "answered again after InvalidRateLimit";
    EXPECT_EQ(tcp->GetCounters().Get(TcpStat::AckSkippedTimeWait), 1u);
    EXPECT_EQ(tcp->GetTimeWaitCount(), 1u);
}

TEST_F(TimeWaitEntries, KillTimeWaitAlsoKillsAStockTimeWaitSocket)
{
    TcpRstHelper rst;
    TcpRstHelper::SetSocketDefault("TimeWait", StringValue("Stock"));
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::TIME_WAIT);
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::TIME_WAIT);
    EXPECT_EQ(h.SubjectTcp()->KillTimeWait(), 1u);
    EXPECT_EQ(h.Subject()->GetState(), TcpSocket::CLOSED);
}

using Orphans = TcpRstTest;

TEST_F(Orphans, AnOrphansFinGivesUpAfterOrphanRetriesNotRetries2)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::ESTABLISHED, ConnectionHarness::Side::CLIENT);
    h.DropFromServer([](const FilteredSegment&) { return true; }, 0, 1000000);
    h.Client()->Close();
    EXPECT_TRUE(h.Client()->IsOrphan());
    EXPECT_EQ(h.SubjectTcp()->GetOrphanCount(), 1u);
    h.RunFor(Seconds(300));
    std::vector<Time> fins;
    for (const LadderSegment& s : h.NewLadderSegments())
    {
        if (s.fromClient && s.flags == "FA")
        {
            fins.push_back(s.time);
        }
    }
    ASSERT_EQ(fins.size(), 9u) << "the FIN and tcp_orphan_retries (0 means 8) retransmissions";
    // The RTO timer backs off: each gap twice the one before, give or take the timer wheel's
    // granularity (up to 1/8 of a timeout; 203, 432, 832 ms here, 204+208, 428, 832 in 09).
    for (std::size_t i = 2; i < fins.size(); ++i)
    {
        Time gap = fins[i] - fins[i - 1];
        Time before = fins[i - 1] - fins[i - 2];
        EXPECT_LE(Abs(gap - before * 2), before / 4 + MilliSeconds(8)) << "gap " << i;
    }
    EXPECT_EQ((fins[3] - fins[2]).GetMilliSeconds(), 832) << "as capture 09";
    EXPECT_GE(fins[1] - fins[0], MilliSeconds(200)) << "RtoMin";
    EXPECT_EQ(h.Client()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(h.Client()->GetSocketError(), TcpRstSocket::TIMED_OUT);
    EXPECT_EQ(h.SubjectTcp()->GetOrphanCount(), 0u);
}

TEST_F(Orphans, AShutdownThatIsNoCloseKeepsRetries2)
{
    TcpRstHelper rst;
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::ESTABLISHED, ConnectionHarness::Side::CLIENT);
    h.DropFromServer([](const FilteredSegment&) { return true; }, 0, 1000000);
    h.Client()->ShutdownSend();
    EXPECT_FALSE(h.Client()->IsOrphan());
    h.RunFor(Seconds(300));
    uint32_t fins = 0;
    for (const std::string& line : h.NewSegments())
    {
        fins += line.rfind("C>S FA", 0) == 0 ? 1 : 0;
    }
    EXPECT_GT(fins, 9u) << "tcp_retries2 (15) bounds it: 924.6 s, far more than 9";
}

TEST_F(Orphans, AFinWait2OrphanLastsFinTimeout)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("JiffyTimers", BooleanValue(false));
    rst.SetTcpAttribute("FinTimeout", TimeValue(Seconds(10)));
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::ESTABLISHED, ConnectionHarness::Side::CLIENT);
    h.Client()->Close();
    h.RunFor(MilliSeconds(20)); // FIN and its ACK
    Ptr<TcpRstL4Protocol> tcp = h.SubjectTcp();
    ASSERT_EQ(tcp->GetTimeWaitCount(), 1u) << "the orphan's FIN_WAIT_2 is a timewait entry";
    EXPECT_EQ(h.Client()->GetState(), TcpSocket::CLOSED);
    EXPECT_EQ(tcp->GetOrphanCount(), 0u) << "a timewait entry is no orphan";
    h.RunFor(Seconds(10) - MilliSeconds(30));
    EXPECT_EQ(tcp->GetTimeWaitCount(), 1u);
    h.RunFor(MilliSeconds(30));
    EXPECT_EQ(tcp->GetTimeWaitCount(), 0u);
}

TEST_F(Orphans, AFinTimeoutLongerThanTimeWaitKeepsTheSocketForTheDifferenceFirst)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("JiffyTimers", BooleanValue(false));
    rst.SetTcpAttribute("FinTimeout", TimeValue(Seconds(100)));
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::ESTABLISHED, ConnectionHarness::Side::CLIENT);
    h.Client()->Close();
    h.RunFor(MilliSeconds(20));
    Ptr<TcpRstL4Protocol> tcp = h.SubjectTcp();
    EXPECT_EQ(h.Client()->GetState(), TcpSocket::FIN_WAIT_2) << "tcp_keepalive_timer() first";
    EXPECT_EQ(tcp->GetTimeWaitCount(), 0u);
    h.RunFor(Seconds(40));
    EXPECT_EQ(h.Client()->GetState(), TcpSocket::CLOSED);
    ASSERT_EQ(tcp->GetTimeWaitCount(), 1u) << "then a FIN_WAIT_2 entry (tcp_time_wait())";
    h.RunFor(Seconds(40));
    EXPECT_EQ(tcp->GetTimeWaitCount(), 0u) << "it lives tcp_fin_time - TCP_TIMEWAIT_LEN";
}

TEST_F(Orphans, WithAnExactCountEveryCloseOverTheLimitSendsFinThenReset)
{
    Config::SetDefault("ns3::TcpRstL4Protocol::OrphanCacheInterval", TimeValue(Time(0)));
    CaseResult result = RunCase("orphan-limit");
    std::map<uint16_t, std::vector<std::string>> perPort;
    for (const LadderSegment& s : result.segments)
    {
        if (!s.fromClient && (s.header.GetFlags() & (TcpHeader::FIN | TcpHeader::RST)) &&
            s.seq <= 2 && s.ack && *s.ack == 11)
        {
            perPort[s.clientPort].push_back(s.flags + " " + std::to_string(s.seq));
        }
    }
    for (uint16_t port : {40094, 40095, 40096})
    {
        ASSERT_GE(perPort[port].size(), 2u) << port;
        EXPECT_EQ(perPort[port][0], "FA 1") << port;
        EXPECT_EQ(perPort[port][1], "RA 2") << port << ": the reset right after the FIN";
        EXPECT_EQ(perPort[port].size(), 2u) << port;
    }
    for (uint16_t port : {40091, 40092, 40093})
    {
        for (const std::string& line : perPort[port])
        {
            EXPECT_EQ(line, "FA 1") << port << ": within the limit, only FINs";
        }
    }
    EXPECT_EQ(result.Verdict(), "PASS") << result.ladder;
}

TEST_F(Orphans, TheDefaultRunShowsEveryKindOfClose)
{
    CaseResult result = RunCase("orphan-limit");
    std::string detail;
    for (const CaseCheck& check : result.checks)
    {
        detail = check.what == "over the limit orphans are reset" ? check.detail : detail;
    }
    EXPECT_NE(detail.find("FIN-only closes 5"), std::string::npos) << detail;
    EXPECT_NE(detail.find("FIN+RST closes 1"), std::string::npos) << detail;
    EXPECT_EQ(detail.find("timer resets 0"), std::string::npos) << detail;
    EXPECT_EQ(result.Verdict(), "PASS") << result.ladder;
}

// Each policy of the close path, switched to Stock, makes its scenario fail.
struct PolicyCase
{
    std::string attribute; //!< full attribute path
    std::string scenario;  //!< the case
};

class StockPolicy : public TcpRstTest, public ::testing::WithParamInterface<PolicyCase>
{
};

TEST_P(StockPolicy, TheScenarioFails)
{
    Config::SetDefault(GetParam().attribute, StringValue("Stock"));
    CaseResult result = RunCase(GetParam().scenario);
    EXPECT_EQ(result.Verdict(), "FAIL") << result.ladder;
}

INSTANTIATE_TEST_SUITE_P(
    ClosePath,
    StockPolicy,
    ::testing::Values(PolicyCase{"ns3::TcpRstSocket::TimeWait", "time-wait-syn"},
                      PolicyCase{"ns3::TcpRstSocket::TimeWait", "time-wait-rst"},
                      PolicyCase{"ns3::TcpRstSocket::TimeWait", "no-time-wait"},
                      PolicyCase{"ns3::TcpRstSocket::Close", "linger-abort"},
                      PolicyCase{"ns3::TcpRstSocket::CloseWithUnreadData", "unread-close"},
                      PolicyCase{"ns3::TcpRstL4Protocol::Orphans", "orphan-limit"},
                      PolicyCase{"ns3::TcpRstSocket::DataAfterShutdown", "shutdown-read"}),
    [](const ::testing::TestParamInfo<PolicyCase>& info)
    {
        std::string n = info.param.attribute.substr(info.param.attribute.rfind(':') + 1) + "_" +
                        info.param.scenario;
        for (char& c : n)
        {
            c = c == '-' ? '_' : c;
        }
        return n;
    });

using ClosePathValues = TcpRstTest;

TEST_F(ClosePathValues, OutOfRangeSysctlsAndLingerAreRefusedWithTheirRange)
{
    TcpRstHelper rst;
    auto refused =
        [&](const std::string& name, const AttributeValue& value, const std::string& range)
    {
        try
        {
            rst.SetTcpAttribute(name, value);
        }
        catch (const std::invalid_argument& e)
        {
            std::string m = e.what();
            EXPECT_NE(m.find(name), std::string::npos) << m;
            EXPECT_NE(m.find(range), std::string::npos) << m;
            return;
        }
        ADD_FAILURE() << name << " accepted";
    };
    refused("TimeWaitLength", TimeValue(Time(0)), "Range [1ms, 1h]");
    refused("MaxTwBuckets", UintegerValue(2147483648ULL), "Range [0, 2147483647]");
    refused("MaxOrphans", UintegerValue(2147483648ULL), "Range [0, 2147483647]");
    refused("OrphanRetries", UintegerValue(256), "Range [0, 255]");
    refused("FinTimeout", TimeValue(MilliSeconds(500)), "Range [1s, 1h]");
    refused("OrphanCacheInterval", TimeValue(Seconds(11)), "Range [0, 10s]");
    // Time(0) - Seconds(1): Seconds(-1) shifts a negative value inside ns-3's int64x64 (UBSan)
    const Time kMinusOneSecond = Time(0) - Seconds(1);
    Ptr<TcpRstSocket> socket = CreateObject<TcpRstSocket>();
    EXPECT_THROW(socket->SetLinger(true, kMinusOneSecond), std::invalid_argument);
    EXPECT_FALSE(socket->SetAttributeFailSafe("LingerTime", TimeValue(kMinusOneSecond)));
    try
    {
        TcpRstHelper::SetSocketDefault("LingerTime", TimeValue(kMinusOneSecond));
        ADD_FAILURE() << "a negative LingerTime was accepted";
    }
    catch (const std::invalid_argument& e)
    {
        std::string m = e.what();
        EXPECT_NE(m.find("LingerTime"), std::string::npos) << m;
        EXPECT_NE(m.find("Range [0s, 2147483647s]"), std::string::npos) << m;
    }
}

TEST_F(ClosePathValues, CaseParametersOutOfRangeAreRefused)
{
    for (const auto& [name, args] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"no-time-wait", {"--killAfter=200ms"}},
             {"time-wait-syn", {"--oldSyn=bogus"}},
             {"orphan-limit", {"--maxOrphans=6"}},
             {"shutdown-read", {"--sendAfter=0s"}}})
    {
        EXPECT_THROW(RunCaseOn(name, CaseRunOptions(), args), std::invalid_argument) << name;
    }
}

TEST_F(ClosePathValues, AcceptedSocketsInheritSoLinger)
{
    TcpRstHelper rst;
    TcpRstHelper::SetSocketDefault("LingerOn", BooleanValue(true));
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::ESTABLISHED);
    BooleanValue on;
    h.Server()->GetAttribute("LingerOn", on);
    EXPECT_TRUE(on.Get());
    h.Server()->Close(); // {on, 0}: an abortive close
    h.RunFor(MilliSeconds(10));
    EXPECT_EQ(h.NewSegments(), (std::vector<std::string>{"S>C RA 201 101"}));
}

} // namespace test
} // namespace ns3
