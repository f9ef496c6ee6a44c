/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket in the synchronized states: is a reset acceptable (RFC 5961, RFC 793)?
#include "tcp-reset-shapes.h"
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/simulator.h"
#include "ns3/tcp-tx-buffer.h"

namespace ns3
{

// Linux tcp_rcv_state_process() and tcp_validate_incoming() for ESTABLISHED, FIN_WAIT_1/2,
// CLOSE_WAIT, CLOSING and LAST_ACK: no ACK, RST or SYN -> dropped; RST -> validated; SYN ->
// SynValidation (Linux: challenge ACK, RFC 5961 4.2); the rest goes on to TcpSocketBase's ACK
// and data processing.
TcpRstSocket::Handled
TcpRstSocket::OnSynchronizedSegment(const Segment& s)
{
    if (s.flags & TcpHeader::RST)
    {
        return OnSynchronizedReset(s);
    }
    if (IsStock(TcpRstPolicy::FLAG_VALIDATION) || m_state == TIME_WAIT)
    {
        return Handled::NO;
    }
    if (s.flags & TcpHeader::SYN)
    {
        return OnSynchronizedSyn(s);
    }
    if (!(s.flags & TcpHeader::ACK))
    {
        return Handled::YES; // SKB_DROP_REASON_TCP_FLAGS: no ACK, RST or SYN
    }
    if (!InReceiveWindow(s))
    {
        // tcp_validate_incoming(): outside the window -> a duplicate ACK, and the segment is
        // dropped. Empty ones (keepalive and zero-window probes) are answered at most once
        // per InvalidRateLimit (tcp_oow_rate_limited()); TcpSocketBase answers data itself.
        if (SegmentLength(s.header, s.payloadSize) != 0)
        {
            if (m_state == CLOSING || m_state == LAST_ACK)
            {
                // TcpSocketBase would act on the flags of a segment outside the window here.
                SendEmptyPacket(TcpHeader::ACK);
                return Handled::YES;
            }
            return Handled::NO;
        }
        if (Timers().oowAnswers.Limited(Simulator::Now(), NodeTcp()->GetSysctls().invalidRateLimit))
        {
            NodeTcp()->GetCounters().Increment(TcpStat::AckSkippedSeq);
        }
        else
        {
            SendEmptyPacket(TcpHeader::ACK);
        }
        return Handled::YES;
    }
    // RFC 5961 5.2 as Linux tcp_ack(): an ACK older than SND.UNA - MAX.SND.WND gets a
    // challenge ACK; an ACK of data never sent is dropped (TCP_ACK_UNSENT_DATA).
    SequenceNumber32 ack = s.header.GetAckNumber();
    if (ack < m_txBuffer->HeadSequence() - static_cast<int32_t>(m_maxSndWnd))
    {
        SendChallengeAck();
        return Handled::YES;
    }
    if (ack > GetSndNxt())
    {
        return Handled::YES;
    }
    if (m_state == CLOSING || m_state == LAST_ACK)
    {
        return OnAckAfterBothFins(s);
    }
    return Handled::NO;
}

// RFC 5961 4.2 as Linux tcp_validate_incoming() step 4: a challenge ACK; FreeBSD tcp_input()
// with insecure_syn (SynValidation Rfc793): a SYN inside the window drops the connection.
TcpRstSocket::Handled
TcpRstSocket::OnSynchronizedSyn(const Segment& s)
{
    int policy = GetPolicy(TcpRstPolicy::SYN_VALIDATION);
    if (policy == SynValidation::STOCK)
    {
        return Handled::NO; // TcpSocketBase ignores a SYN in a synchronized state
    }
    // tcp_rcv_established() counts it in TcpInErrs.
    if (m_state == ESTABLISHED)
    {
        NodeTcp()->GetCounters().Increment(TcpStat::InErrs);
    }
    SequenceNumber32 seq = s.header.GetSequenceNumber();
    if (policy == SynValidation::RFC793 && seq >= GetRcvNxt() &&
        seq < GetRcvNxt() + SequenceNumber32(GetRcvWnd()))
    {
        // tcp_drop(tp, ECONNRESET): R. seq=SND.NXT ack=RCV.NXT, the application sees a reset.
        SendActiveReset(RstReason::INVALID_SYN);
        Abort(CONNECTION_RESET);
        return Handled::YES;
    }
    NodeTcp()->GetCounters().Increment(TcpStat::SynChallenge);
    SendChallengeAck();
    return Handled::YES;
}

// tcp_sequence(): the segment overlaps RCV.NXT .. RCV.NXT + RCV.WND.
bool
TcpRstSocket::InReceiveWindow(const Segment& s) const
{
    SequenceNumber32 seq = s.header.GetSequenceNumber();
    SequenceNumber32 end = seq + SequenceNumber32(SegmentLength(s.header, s.payloadSize));
    return SegmentAcceptable(seq, end, GetRcvNxt(), GetRcvWnd());
}

// Linux tcp_rcv_state_process(), cases TCP_CLOSING and TCP_LAST_ACK: only the ACK of our FIN
// (SND.UNA == SND.NXT) moves on: to TIME_WAIT from CLOSING, to CLOSED from LAST_ACK; anything
// else is a duplicate. (TcpSocketBase closes on any FIN+ACK whatever its numbers, and resets on
// an ECE or CWR flag.)
TcpRstSocket::Handled
TcpRstSocket::OnAckAfterBothFins(const Segment& s)
{
    // tcp_sequence() came first (OnSynchronizedSegment()): the segment is in the window.
    if (s.header.GetAckNumber() != GetSndNxt())
    {
        if (s.flags & TcpHeader::FIN)
        {
            SendEmptyPacket(TcpHeader::ACK); // the peer's FIN again
        }
        return Handled::YES;
    }
    if (m_state == CLOSING)
    {
        TimeWait();
    }
    else
    {
        CloseAndNotify();
    }
    return Handled::YES;
}

// RFC 5961 3.2 / 4.2 / 5.2: the challenge ACK (seq = SND.NXT, ack = RCV.NXT), as Linux
// tcp_send_challenge_ack() limits it: first the socket's InvalidRateLimit, then the node's
// ChallengeAckLimit per second.
void
TcpRstSocket::SendChallengeAck()
{
    if (Timers().oowAnswers.Limited(Simulator::Now(), NodeTcp()->GetSysctls().invalidRateLimit))
    {
        NodeTcp()->GetCounters().Increment(TcpStat::AckSkippedChallenge);
        return;
    }
    if (!NodeTcp()->TakeChallengeAck())
    {
        return;
    }
    NodeTcp()->GetCounters().Increment(TcpStat::ChallengeAck);
    SendEmptyPacket(TcpHeader::ACK);
}

// RFC 5961 3.2 as Linux tcp_validate_incoming(): exact seq resets, other in-window seq gets a
// challenge ACK, the rest is dropped; Rfc793 resets on any in-window seq.
TcpRstSocket::Handled
TcpRstSocket::OnSynchronizedReset(const Segment& s)
{
    if (m_state == TIME_WAIT)
    {
        // TIME_WAIT keeps the stock behaviour (ignore) until the TIME_WAIT policy lands.
        NotifyResetReceived(s, RstDisposition::IGNORED_STATE);
        return Handled::YES;
    }
    SequenceNumber32 seq = s.header.GetSequenceNumber();
    bool peerFinReceived = m_state == CLOSE_WAIT || m_state == LAST_ACK || m_state == CLOSING;
    RstCheck check = GetPolicy(TcpRstPolicy::RST_VALIDATION) == RstValidation::RFC5961
                         ? CheckRstRfc5961(GetRcvNxt(), GetRcvWnd(), seq, peerFinReceived)
                         : CheckRstRfc793(GetRcvNxt(), GetRcvWnd(), seq);
    switch (check)
    {
    case RstCheck::ACCEPT:
        NotifyResetReceived(s, RstDisposition::CONNECTION_RESET);
        if (m_state == ESTABLISHED || m_state == CLOSE_WAIT)
        {
            NodeTcp()->GetCounters().Increment(TcpStat::EstabResets);
        }
        // Linux tcp_reset(): EPIPE in CLOSE_WAIT, ECONNRESET otherwise.
        Abort(m_state == CLOSE_WAIT ? BROKEN_PIPE : CONNECTION_RESET);
        return Handled::YES;
    case RstCheck::CHALLENGE_ACK:
        // RFC 5961 3.2: answer an in-window, inexact RST with an ACK (challenge ACK).
        NotifyResetReceived(s, RstDisposition::CHALLENGE_ACK);
        SendChallengeAck();
        return Handled::YES;
    case RstCheck::DROP:
        break;
    }
    NotifyResetReceived(s, RstDisposition::OUT_OF_WINDOW);
    return Handled::YES;
}

} // namespace ns3
