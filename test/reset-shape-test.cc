/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Pure units: reset shapes, policy decisions, reason names, counters, CSV rows.
#include "ns3/inet6-socket-address.h"
#include "ns3/rst-reason.h"
#include "ns3/tcp-reset-shapes.h"
#include "ns3/tcp-reset-validation.h"
#include "ns3/tcp-rst-counters.h"
#include "ns3/tcp-rst-csv-writer.h"
#include "ns3/tcp-rst-reason-tag.h"
#include "ns3/tcp-rst-socket.h"

#include <gtest/gtest.h>
#include <set>
#include <sstream>

namespace ns3
{
namespace test
{

namespace
{
TcpHeader
Segment(uint8_t flags, uint32_t seq, uint32_t ack)
{
    TcpHeader h;
    h.SetSourcePort(40000);
    h.SetDestinationPort(5000);
    h.SetFlags(flags);
    h.SetSequenceNumber(SequenceNumber32(seq));
    h.SetAckNumber(SequenceNumber32(ack));
    h.SetWindowSize(512);
    return h;
}
} // namespace

TEST(ResetShape, SegmentWithAckGetsRstSeqSegAck)
{
    TcpHeader reply = NoSocketResetShape(Segment(TcpHeader::ACK, 1000, 77), 500);
    EXPECT_EQ(reply.GetFlags(), TcpHeader::RST);
    EXPECT_EQ(reply.GetSequenceNumber(), SequenceNumber32(77));
    EXPECT_EQ(reply.GetAckNumber(), SequenceNumber32(0));
    EXPECT_EQ(reply.GetWindowSize(), 0);
    EXPECT_EQ(reply.GetSourcePort(), 5000);
    EXPECT_EQ(reply.GetDestinationPort(), 40000);
    EXPECT_EQ(reply.GetOptionList().size(), 0u);
}

TEST(ResetShape, SynGetsRstAckSeqZeroAckIsnPlusOne)
{
    TcpHeader reply = NoSocketResetShape(Segment(TcpHeader::SYN, 4294967295u, 0), 0);
    EXPECT_EQ(reply.GetFlags(), TcpHeader::RST | TcpHeader::ACK);
    EXPECT_EQ(reply.GetSequenceNumber(), SequenceNumber32(0));
    EXPECT_EQ(reply.GetAckNumber(), SequenceNumber32(0)); // wraps
}

TEST(ResetShape, PayloadSynAndFinAllCountInTheAck)
{
    EXPECT_EQ(NoSocketResetShape(Segment(0, 1000, 0), 20).GetAckNumber(), SequenceNumber32(1020));
    EXPECT_EQ(NoSocketResetShape(Segment(TcpHeader::FIN, 1000, 0), 20).GetAckNumber(),
              SequenceNumber32(1021));
    EXPECT_EQ(
        NoSocketResetShape(Segment(TcpHeader::SYN | TcpHeader::FIN, 1000, 0), 3).GetAckNumber(),
        SequenceNumber32(1005));
}

TEST(ResetShape, StockShapeAcksSeqPlusOneWhateverTheLength)
{
    TcpHeader reply = StockNoSocketResetShape(Segment(0, 1000, 0));
    EXPECT_EQ(reply.GetFlags(), TcpHeader::RST | TcpHeader::ACK);
    EXPECT_EQ(reply.GetAckNumber(), SequenceNumber32(1001));
    EXPECT_EQ(reply.GetWindowSize(), 0xffff) << "ns-3 leaves TcpHeader's default window";
}

TEST(ResetShape, ActiveResetIsRstAckSndNxtRcvNxt)
{
    TcpHeader reset = ActiveResetShape(SequenceNumber32(101), SequenceNumber32(7), 63, 5000, 40000);
    EXPECT_EQ(reset.GetFlags(), TcpHeader::RST | TcpHeader::ACK);
    EXPECT_EQ(reset.GetSequenceNumber(), SequenceNumber32(101));
    EXPECT_EQ(reset.GetAckNumber(), SequenceNumber32(7));
    EXPECT_EQ(reset.GetWindowSize(), 63);
}

TEST(Policy, SynSentAcceptsOnlyAnAckOfItsSyn)
{
    EXPECT_TRUE(SynSentAckAcceptable(SequenceNumber32(100), SequenceNumber32(101)));
    EXPECT_FALSE(SynSentAckAcceptable(SequenceNumber32(100), SequenceNumber32(100)));
    EXPECT_FALSE(SynSentAckAcceptable(SequenceNumber32(100), SequenceNumber32(91)));
    EXPECT_FALSE(SynSentAckAcceptable(SequenceNumber32(100), SequenceNumber32(102)));
}

TEST(Policy, Rfc5961ResetsOnlyOnExactSeq)
{
    SequenceNumber32 rcvNxt(1000);
    EXPECT_EQ(CheckRstRfc5961(rcvNxt, 100, SequenceNumber32(1000)), RstCheck::ACCEPT);
    EXPECT_EQ(CheckRstRfc5961(rcvNxt, 100, SequenceNumber32(1001)), RstCheck::CHALLENGE_ACK);
    EXPECT_EQ(CheckRstRfc5961(rcvNxt, 100, SequenceNumber32(1099)), RstCheck::CHALLENGE_ACK);
    EXPECT_EQ(CheckRstRfc5961(rcvNxt, 100, SequenceNumber32(1100)), RstCheck::DROP);
    EXPECT_EQ(CheckRstRfc5961(rcvNxt, 100, SequenceNumber32(999)), RstCheck::DROP);
    EXPECT_EQ(CheckRstRfc5961(rcvNxt, 0, SequenceNumber32(1001)), RstCheck::DROP);
}

TEST(Policy, Rfc5961AlsoAcceptsRcvNxtMinusOneAfterThePeersFin)
{
    // Linux tcp_reset_check(): in CLOSE_WAIT, LAST_ACK and CLOSING.
    SequenceNumber32 rcvNxt(1000);
    EXPECT_EQ(CheckRstRfc5961(rcvNxt, 100, SequenceNumber32(999), true), RstCheck::ACCEPT);
    EXPECT_EQ(CheckRstRfc5961(rcvNxt, 100, SequenceNumber32(999), false), RstCheck::DROP);
    EXPECT_EQ(CheckRstRfc5961(rcvNxt, 100, SequenceNumber32(998), true), RstCheck::DROP);
}

TEST(Policy, Rfc793ResetsAnywhereInWindow)
{
    SequenceNumber32 rcvNxt(1000);
    EXPECT_EQ(CheckRstRfc793(rcvNxt, 100, SequenceNumber32(1050)), RstCheck::ACCEPT);
    EXPECT_EQ(CheckRstRfc793(rcvNxt, 100, SequenceNumber32(1100)), RstCheck::DROP);
    EXPECT_EQ(CheckRstRfc793(rcvNxt, 0, SequenceNumber32(1000)), RstCheck::ACCEPT);
}

TEST(Reason, NamesAreLinuxNamesAndRoundTrip)
{
    EXPECT_STREQ(RstReasonName(RstReason::NO_SOCKET), "NO_SOCKET");
    EXPECT_STREQ(RstReasonName(RstReason::TCP_ABORT_ON_LINGER), "TCP_ABORT_ON_LINGER");
    EXPECT_EQ(AllRstReasons().size(), RST_REASON_COUNT);
    for (RstReason reason : AllRstReasons())
    {
        RstReason parsed;
        ASSERT_TRUE(RstReasonFromName(RstReasonName(reason), &parsed));
        EXPECT_EQ(parsed, reason);
    }
    RstReason unused;
    EXPECT_FALSE(RstReasonFromName("SK_RST_REASON_NO_SOCKET", &unused));
}

TEST(Counters, NstatNamesAndPerReasonCounts)
{
    TcpRstCounters counters;
    counters.CountSent(RstReason::NO_SOCKET);
    counters.CountSent(RstReason::NO_SOCKET);
    counters.CountReceived(RstReason::TCP_FLAGS);
    counters.Increment(TcpStat::EstabResets);
    uint64_t value = 0;
    ASSERT_TRUE(counters.Lookup("TcpOutRsts", &value));
    EXPECT_EQ(value, 2u);
    ASSERT_TRUE(counters.Lookup("RstSent.NO_SOCKET", &value));
    EXPECT_EQ(value, 2u);
    ASSERT_TRUE(counters.Lookup("RstReceived.TCP_FLAGS", &value));
    EXPECT_EQ(value, 1u);
    ASSERT_TRUE(counters.Lookup("TcpEstabResets", &value));
    EXPECT_EQ(value, 1u);
    EXPECT_FALSE(counters.Lookup("TcpNoSuchCounter", &value));
    std::ostringstream os;
    counters.Print(os);
    EXPECT_NE(os.str().find("TcpOutRsts 2\n"), std::string::npos);
    EXPECT_EQ(os.str().find("TcpAttemptFails"), std::string::npos)
        << "zero counters are not printed";
}

TEST(Csv, RowHasTheDocumentedColumns)
{
    TcpResetEvent e;
    e.time = MilliSeconds(1500);
    e.nodeId = 2;
    e.reason = RstReason::NO_SOCKET;
    e.sent = true;
    e.source = InetSocketAddress(Ipv4Address("10.77.2.2"), 5000);
    e.destination = InetSocketAddress(Ipv4Address("10.77.1.1"), 40011);
    e.header = NoSocketResetShape(Segment(TcpHeader::SYN, 41, 0), 0);
    EXPECT_STREQ(TcpRstCsvWriter::HEADER, "time_s,node,reason,direction,src,dst,flags,seq,ack");
    EXPECT_EQ(TcpRstCsvWriter::FormatRow(e),
              "1.500000000,2,NO_SOCKET,sent,10.77.2.2:5000,10.77.1.1:40011,RST|ACK,0,42");
}

TEST(Names, EveryDispositionAndSocketErrorHasAStableName)
{
    std::set<std::string> names;
    for (int d = 0; d <= static_cast<int>(RstDisposition::PASSED_TO_STOCK); ++d)
    {
        std::string name = RstDispositionName(static_cast<RstDisposition>(d));
        EXPECT_NE(name, "INVALID");
        EXPECT_TRUE(names.insert(name).second) << name;
    }
    EXPECT_STREQ(TcpRstSocket::SocketErrorName(TcpRstSocket::NO_ERROR), "OK");
    EXPECT_STREQ(TcpRstSocket::SocketErrorName(TcpRstSocket::CONNECTION_REFUSED), "ECONNREFUSED");
    EXPECT_STREQ(TcpRstSocket::SocketErrorName(TcpRstSocket::CONNECTION_RESET), "ECONNRESET");
    EXPECT_STREQ(TcpRstSocket::SocketErrorName(TcpRstSocket::BROKEN_PIPE), "EPIPE");
    EXPECT_STREQ(TcpRstSocket::SocketErrorName(TcpRstSocket::TIMED_OUT), "ETIMEDOUT");
    for (std::size_t i = 0; i < TCP_STAT_COUNT; ++i)
    {
        uint64_t value = 1;
        std::string name = TcpRstCounters::Name(static_cast<TcpStat>(i));
        EXPECT_TRUE(TcpRstCounters().Lookup(name, &value)) << name;
        EXPECT_EQ(value, 0u);
    }
}

TEST(Events, PrintBothIpVersionsAndTheDisposition)
{
    TcpResetEvent e;
    e.time = Seconds(2);
    e.nodeId = 1;
    e.reason = RstReason::TCP_ABORT_ON_CLOSE;
    e.sent = false;
    e.disposition = RstDisposition::CHALLENGE_ACK;
    e.source = Inet6SocketAddress(Ipv6Address("2001:77:1::1"), 40100);
    e.destination = InetSocketAddress(Ipv4Address("10.77.2.2"), 5000);
    e.header = ActiveResetShape(SequenceNumber32(7), SequenceNumber32(9), 100, 40100, 5000);
    std::ostringstream os;
    os << e;
    EXPECT_EQ(os.str(),
              "2s node 1 received [2001:77:1::1]:40100 > 10.77.2.2:5000 RST|ACK seq 7 ack 9 "
              "TCP_ABORT_ON_CLOSE CHALLENGE_ACK");
    EXPECT_EQ(FormatEndpoint(Address()), "?");

    TcpRstReasonTag tag(RstReason::NO_SOCKET);
    std::ostringstream tagText;
    tag.Print(tagText);
    EXPECT_EQ(tagText.str(), "reason=NO_SOCKET");
}

} // namespace test
} // namespace ns3

namespace ns3
{
namespace test
{

TEST(WindowChecks, TcpSequenceAcceptsWhatTouchesRcvNxtToTheWindowEnd)
{
    SequenceNumber32 rcvNxt(1000);
    // tcp_sequence(): an empty probe one below RCV.NXT is outside; at RCV.NXT it is inside,
    // also with a zero window; a segment starting past the window end is outside.
    EXPECT_FALSE(SegmentAcceptable(SequenceNumber32(999), SequenceNumber32(999), rcvNxt, 100));
    EXPECT_TRUE(SegmentAcceptable(rcvNxt, rcvNxt, rcvNxt, 0));
    EXPECT_TRUE(SegmentAcceptable(SequenceNumber32(990), SequenceNumber32(1010), rcvNxt, 100));
    EXPECT_TRUE(SegmentAcceptable(SequenceNumber32(1100), SequenceNumber32(1200), rcvNxt, 100));
    EXPECT_FALSE(SegmentAcceptable(SequenceNumber32(1101), SequenceNumber32(1200), rcvNxt, 100));
}

TEST(WindowChecks, TcpInWindowAsTcpCheckReqUsesIt)
{
    SequenceNumber32 start(1000);
    SequenceNumber32 end(1100);
    EXPECT_TRUE(SegmentTouchesWindow(start, start, start, end)) << "at RCV.NXT";
    EXPECT_TRUE(SegmentTouchesWindow(SequenceNumber32(990), SequenceNumber32(1001), start, end));
    EXPECT_FALSE(SegmentTouchesWindow(SequenceNumber32(990), start, start, end)) << "ends at it";
    EXPECT_TRUE(SegmentTouchesWindow(end, end, start, end)) << "empty, at the window end";
    EXPECT_FALSE(SegmentTouchesWindow(end, end + SequenceNumber32(1), start, end));
}

} // namespace test
} // namespace ns3
