/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket in the synchronized states: is a reset acceptable (RFC 5961, RFC 793)?
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

namespace ns3
{

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
            m_rstTcp->GetCounters().Increment(TcpStat::EstabResets);
        }
        // Linux tcp_reset(): EPIPE in CLOSE_WAIT, ECONNRESET otherwise.
        AbortOnReset(m_state == CLOSE_WAIT ? BROKEN_PIPE : CONNECTION_RESET);
        return Handled::YES;
    case RstCheck::CHALLENGE_ACK:
        // RFC 5961 3.2: answer an in-window, inexact RST with an ACK (challenge ACK).
        NotifyResetReceived(s, RstDisposition::CHALLENGE_ACK);
        m_rstTcp->GetCounters().Increment(TcpStat::ChallengeAck);
        TcpSocketBase::SendEmptyPacket(TcpHeader::ACK);
        return Handled::YES;
    case RstCheck::DROP:
        break;
    }
    NotifyResetReceived(s, RstDisposition::OUT_OF_WINDOW);
    return Handled::YES;
}

} // namespace ns3
