/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Linux tcp_timewait_state_process() (net/ipv4/tcp_minisocks.c) as a pure function.
#include "tcp-time-wait.h"

#include "ns3/tcp-option-ts.h"

namespace ns3
{

namespace
{
// TCP_PAWS_MSL: a reset's timestamp is not checked once ts_recent is this old.
const Time kPawsMsl = Seconds(60);
// TCP_PAWS_24DAYS: ts_recent this old is no longer trusted.
const Time kPaws24Days = Seconds(60 * 60 * 24 * 24);

// Linux tcp_in_window(): the segment overlaps [s_win, e_win).
bool
InWindow(SequenceNumber32 seq, SequenceNumber32 end, SequenceNumber32 sWin, SequenceNumber32 eWin)
{
    if (seq == sWin)
    {
        return true;
    }
    if (end > sWin && seq < eWin)
    {
        return true;
    }
    return seq == eWin && seq == end;
}
} // namespace

// Linux tcp_paws_check() + tcp_paws_reject().
bool
TcpPawsReject(uint32_t tsRecent, Time tsRecentStamp, uint32_t tsval, bool reset, Time now)
{
    if (static_cast<int32_t>(tsRecent - tsval) <= 0 || now >= tsRecentStamp + kPaws24Days ||
        tsRecent == 0)
    {
        return false;
    }
    return !(reset && now >= tsRecentStamp + kPawsMsl);
}

TcpTimeWaitVerdict
TcpTimeWaitProcess(TcpTimeWaitState& tw,
                   const TcpHeader& header,
                   uint32_t payloadSize,
                   bool rfc1337,
                   Time invalidRateLimit,
                   Time now)
{
    TcpTimeWaitVerdict verdict;
    uint8_t flags = header.GetFlags();
    bool rst = flags & TcpHeader::RST;
    bool syn = flags & TcpHeader::SYN;
    bool fin = flags & TcpHeader::FIN;
    bool ack = flags & TcpHeader::ACK;
    SequenceNumber32 seq = header.GetSequenceNumber();
    SequenceNumber32 end = seq + SequenceNumber32(payloadSize + (syn ? 1 : 0) + (fin ? 1 : 0));

    std::optional<uint32_t> tsval;
    if (tw.tsRecentStamp && header.HasOption(TcpOption::TS))
    {
        auto ts = DynamicCast<const TcpOptionTS>(header.GetOption(TcpOption::TS));
        tsval = ts->GetTimestamp();
        verdict.pawsRejected = TcpPawsReject(tw.tsRecent, *tw.tsRecentStamp, *tsval, rst, now);
    }
    // tcp_timewait_check_oow_rate_limit(): only empty segments and SYNs are rate-limited.
    auto oowAck = [&]()
    {
        bool limitable = seq == end || syn;
        if (limitable && tw.oowAnswers.Limited(now, invalidRateLimit))
        {
            verdict.action = TcpTimeWaitVerdict::DROP;
            verdict.rateLimited = true;
        }
        else
        {
            verdict.action = TcpTimeWaitVerdict::ACK;
        }
        return verdict;
    };

    if (tw.substate == TcpTimeWaitState::FIN_WAIT2)
    {
        // "Just repeat all the checks of tcp_rcv_state_process()"
        if (verdict.pawsRejected ||
            !InWindow(seq, end, tw.rcvNxt, tw.rcvNxt + SequenceNumber32(tw.rcvWnd)))
        {
            return oowAck();
        }
        if (rst)
        {
            verdict.action = TcpTimeWaitVerdict::KILL;
            return verdict;
        }
        if (syn && !(seq < tw.rcvNxt))
        {
            verdict.action = TcpTimeWaitVerdict::RESET;
            return verdict;
        }
        if (!ack || !(end > tw.rcvNxt) || end == seq)
        {
            return verdict; // a duplicate ACK
        }
        // New data after the half-duplex close: reset. Only the peer's FIN is welcome.
        if (!fin || end != tw.rcvNxt + SequenceNumber32(1))
        {
            verdict.action = TcpTimeWaitVerdict::RESET;
            return verdict;
        }
        tw.substate = TcpTimeWaitState::TIME_WAIT;
        tw.rcvNxt = end;
        if (tsval)
        {
            tw.tsRecent = *tsval;
            tw.tsRecentStamp = now;
        }
        verdict.rearm = true;
        verdict.action = TcpTimeWaitVerdict::ACK;
        return verdict;
    }

    // RFC 1122 4.2.2.13: in TIME_WAIT an in-window segment may only be a reset or a bare ACK.
    if (!verdict.pawsRejected && seq == tw.rcvNxt && (seq == end || rst))
    {
        if (rst)
        {
            // TIME_WAIT assassination (RFC 1337), unless tcp_rfc1337 ignores it.
            if (!rfc1337)
            {
                verdict.action = TcpTimeWaitVerdict::KILL;
                return verdict;
            }
        }
        else
        {
            verdict.rearm = true;
        }
        if (tsval)
        {
            tw.tsRecent = *tsval;
            tw.tsRecentStamp = now;
        }
        return verdict;
    }

    // A new SYN reopens the connection if it is no old duplicate: newer seq or newer TSval.
    if (syn && !rst && !ack && !verdict.pawsRejected &&
        (seq > tw.rcvNxt || (tsval && static_cast<int32_t>(tw.tsRecent - *tsval) < 0)))
    {
        verdict.action = TcpTimeWaitVerdict::ACCEPT_SYN;
        verdict.isn = tw.sndNxt + SequenceNumber32(65535 + 2);
        if (verdict.isn == SequenceNumber32(0))
        {
            verdict.isn = SequenceNumber32(1);
        }
        return verdict;
    }

    if (!rst)
    {
        // An ACKless SYN may be a new SYN with a lower random ISN: it does not rearm.
        verdict.rearm = verdict.pawsRejected || ack;
        return oowAck();
    }
    return verdict;
}

} // namespace ns3
