/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket in SYN_RCVD: resets reaching a half-open connection.
#include "tcp-reset-shapes.h"
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

namespace ns3
{

// Linux tcp_check_req(), in its order: the request's own SYN again -> SYN-ACK again; an ACK
// that does not ack our SYN-ACK -> R seq=SEG.ACK from the listener, request kept; out of
// window -> ACK (RST: dropped); RST in window -> request freed; SYN in window -> request
// reset (INVALID_SYN); no ACK -> dropped; the rest completes the handshake.
TcpRstSocket::Handled
TcpRstSocket::OnSynRcvdSegment(const Segment& s)
{
    if (IsStock(TcpRstPolicy::FLAG_VALIDATION))
    {
        return (s.flags & TcpHeader::RST) ? OnSynRcvdReset(s) : MeetAcceptQueue(s);
    }
    SequenceNumber32 seq = s.header.GetSequenceNumber();
    SequenceNumber32 rcvNxt = GetRcvNxt();
    if (s.flags == TcpHeader::SYN && seq + SequenceNumber32(1) == rcvNxt)
    {
        return Handled::NO; // TcpSocketBase sends the SYN-ACK again
    }
    if ((s.flags & TcpHeader::ACK) && !SynSentAckAcceptable(m_iss, s.header.GetAckNumber()))
    {
        if (s.flags & TcpHeader::RST)
        {
            NotifyResetReceived(s, RstDisposition::UNACCEPTABLE_ACK);
        }
        else
        {
            NodeTcp()->ReplyWithReset(RstReason::TCP_FLAGS, s.header, s.payloadSize, s.from, s.to);
        }
        return Handled::YES;
    }
    uint32_t length = SegmentLength(s.header, s.payloadSize);
    if (!SegmentTouchesWindow(
            seq, seq + SequenceNumber32(length), rcvNxt, rcvNxt + SequenceNumber32(GetRcvWnd())))
    {
        if (s.flags & TcpHeader::RST)
        {
            NotifyResetReceived(s, RstDisposition::OUT_OF_WINDOW);
        }
        else
        {
            SendAck(m_iss + SequenceNumber32(1));
        }
        return Handled::YES;
    }
    if (s.flags & TcpHeader::RST)
    {
        return OnSynRcvdReset(s);
    }
    if (s.flags & TcpHeader::SYN)
    {
        NodeTcp()->GetCounters().Increment(TcpStat::AttemptFails);
        NodeTcp()->GetCounters().Increment(TcpStat::EmbryonicRsts);
        NodeTcp()->ReplyWithReset(RstReason::INVALID_SYN, s.header, s.payloadSize, s.from, s.to);
        m_closeNotified = true; // the application never saw this connection
        CloseAndNotify();
        return Handled::YES;
    }
    if (!(s.flags & TcpHeader::ACK))
    {
        return Handled::YES;
    }
    return MeetAcceptQueue(s); // the ACK completes the handshake if the accept queue has room
}

// Linux tcp_check_req(): an in-window RST frees the request silently (TcpAttemptFails); the
// application never saw the connection.
TcpRstSocket::Handled
TcpRstSocket::OnSynRcvdReset(const Segment& s)
{
    if (CheckRstRfc793(GetRcvNxt(), GetRcvWnd(), s.header.GetSequenceNumber()) != RstCheck::ACCEPT)
    {
        NotifyResetReceived(s, RstDisposition::OUT_OF_WINDOW);
        return Handled::YES;
    }
    NotifyResetReceived(s, RstDisposition::HALF_OPEN_FREED);
    NodeTcp()->GetCounters().Increment(TcpStat::AttemptFails);
    m_closeNotified = true; // the application never saw this connection
    CloseAndNotify();
    return Handled::YES;
}

} // namespace ns3
