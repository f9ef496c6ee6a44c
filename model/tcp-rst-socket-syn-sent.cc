/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket in SYN_SENT: resets and SYN-ACKs answering our SYN, and connect().
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocketSynSent");

TcpRstSocket::Handled
TcpRstSocket::OnSynSentSegment(const Segment& s)
{
    bool ackAcceptable =
        (s.flags & TcpHeader::ACK) && SynSentAckAcceptable(m_iss, s.header.GetAckNumber());
    if (s.flags & TcpHeader::RST)
    {
        // RFC 9293 3.10.7.3 / Linux tcp_rcv_synsent_state_process(): a RST in SYN_SENT counts
        // only if it acks our SYN; then the connection is refused.
        if (!ackAcceptable)
        {
            NotifyResetReceived(s, RstDisposition::UNACCEPTABLE_ACK);
            return Handled::YES;
        }
        NotifyResetReceived(s, RstDisposition::CONNECTION_RESET);
        NodeTcp()->GetCounters().Increment(TcpStat::AttemptFails);
        Abort(CONNECTION_REFUSED);
        return Handled::YES;
    }
    // Linux tcp_rcv_synsent_state_process(): without ACK, a segment that is not a SYN is
    // discarded (stock ns-3 takes bare data as a completed handshake and resets on a FIN).
    if (!(s.flags & (TcpHeader::ACK | TcpHeader::SYN)) && !IsStock(TcpRstPolicy::FLAG_VALIDATION))
    {
        return Handled::YES;
    }
    // Linux tcp_rcv_synsent_state_process(): an ACK outside SND.UNA < SEG.ACK <= SND.NXT is
    // answered with a reset (seq = SEG.ACK); the socket stays in SYN_SENT and, if it has not
    // retransmitted yet, re-sends its SYN after TCP_TIMEOUT_MIN ("previous RST/ACK might be
    // lost").
    if (IsStock(TcpRstPolicy::UNACCEPTABLE_SYN_ACK) || !(s.flags & TcpHeader::ACK) || ackAcceptable)
    {
        if ((s.flags & TcpHeader::SYN) && (!(s.flags & TcpHeader::ACK) || ackAcceptable))
        {
            NotePeerSyn(s.header);
        }
        return Handled::NO;
    }
    NodeTcp()->ReplyWithReset(RstReason::TCP_INVALID_ACK_SEQUENCE, s.header, 0, s.from, s.to);
    if (LinuxHost())
    {
        if (SynRetransmits() == 0)
        {
            ArmSynTimer(NodeTcp()->GetTimeoutMin());
        }
    }
    else if (m_synCount + 1 == m_synRetries)
    {
        m_retxEvent.Cancel();
        m_retxEvent =
            Simulator::Schedule(NodeTcp()->GetTimeoutMin(), &TcpRstSocket::RetransmitSynNow, this);
    }
    return Handled::YES;
}

void
TcpRstSocket::RetransmitSynNow()
{
    if (m_state == SYN_SENT)
    {
        ReTxTimeout();
    }
}

// ns-3 DoConnect(): connect() on a live connection (SYN_RCVD, ESTABLISHED, FIN_WAIT_1/2,
// CLOSING) resets it; the reason names that.
int
TcpRstSocket::Connect(const Address& address)
{
    StockResetReason reason(this, RstReason::TCP_STATE);
    int result = TcpSocketBase::Connect(address);
    RegisterConnection(); // also when it failed after binding
    return result;
}

} // namespace ns3
