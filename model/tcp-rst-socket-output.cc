/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket output: the resets a connection sends, and the sequence space they use.
#include "tcp-reset-shapes.h"
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/ipv4-end-point.h"
#include "ns3/ipv6-end-point.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocketOutput");

// SND.NXT as RFC 9293 counts it. ns-3 keeps the FIN out of m_highTxMark and moves
// m_nextTxSequence past it only when the FIN is acknowledged, and counts its SYN only when the
// handshake completes: each is counted here once, from the moment it was sent.
SequenceNumber32
TcpRstSocket::GetSndNxt() const
{
    if (m_state == FIN_WAIT_1 || m_state == FIN_WAIT_2 || m_state == CLOSING ||
        m_state == LAST_ACK || m_state == TIME_WAIT)
    {
        return m_tcb->m_highTxMark + SequenceNumber32(1); // our FIN was sent
    }
    if (m_state == SYN_SENT || m_state == SYN_RCVD)
    {
        return m_iss + SequenceNumber32(1); // our SYN was sent; ns-3 counts it on the ACK
    }
    return std::max(m_tcb->m_nextTxSequence.Get(), m_tcb->m_highTxMark.Get());
}

// ns-3's receive buffer reports the FIN's sequence as its limit once the FIN arrived; the
// window the peer was told stays the last one advertised (m_advWnd), as Linux's rcv_wnd does.
// Under LinuxWindows that is always the window offered, not the free buffer.
uint32_t
TcpRstSocket::GetRcvWnd() const
{
    if (m_tcb->m_rxBuffer->GotFin() ||
        (LinuxHost() && m_linuxConnection && m_linuxConnection->rcvSsthresh != 0))
    {
        return m_advWnd;
    }
    return m_tcb->m_rxBuffer->MaxRxSequence() - m_tcb->m_rxBuffer->NextRxSequence();
}

// TcpTxBuffer::NextSeg() offers a segment of min(MSS, RWND - sent) bytes of new data, which is
// 0 once the data sent equals the peer's window exactly; TcpSocketBase then builds an empty
// data segment and crashes. Linux windows (whole MSS: 65160 = 45 x 1448) meet that equality:
// nothing can be sent then, so the window available is 0.
uint32_t
TcpRstSocket::AvailableWindow() const
{
    uint32_t window = TcpSocketBase::AvailableWindow();
    if (window == 0)
    {
        return 0;
    }
    // Only when the bytes sent fill the peer's window can NextSeg() (a walk over every segment
    // in flight) offer an empty range: skip the walk otherwise.
    uint32_t sent = m_tcb->m_highTxMark.Get() - m_txBuffer->HeadSequence();
    if (sent < m_rWnd.Get())
    {
        return window;
    }
    SequenceNumber32 next;
    SequenceNumber32 high;
    bool recovery = m_sackEnabled && m_tcb->m_congState == TcpSocketState::CA_RECOVERY;
    if (m_txBuffer->NextSeg(&next, &high, recovery) && high == next)
    {
        return 0;
    }
    return window;
}

void
TcpRstSocket::SendEmptyPacket(uint8_t flags)
{
    if (flags & TcpHeader::RST)
    {
        // TcpSocketBase's own resets: attributed by the one call that can cause them. Outside
        // such a call it sends none; if it did, NOT_SPECIFIED would show it (Attribution test).
        SendActiveReset(m_stockResetReason.value_or(RstReason::NOT_SPECIFIED));
        return;
    }
    bool handshake = (flags & TcpHeader::SYN) && (m_state == CLOSED || m_state == LISTEN ||
                                                  m_state == SYN_SENT || m_state == SYN_RCVD);
    if (handshake && LinuxHost())
    {
        SendHandshakeSegment(flags);
        return;
    }
    if (m_deferFinAck && flags == TcpHeader::ACK && m_state == CLOSE_WAIT)
    {
        m_deferFinAck = false;
        // As captured (01, 10a-10d): the ACK follows within a jiffy or two, unless the
        // application's close() sends FIN+ACK first (02a, 07*).
        if (m_delAckEvent.IsExpired())
        {
            m_delAckEvent =
                Simulator::Schedule(NodeTcp()->TimerDelay(NodeTcp()->GetTimeoutMin() / 2),
                                    &TcpRstSocket::DelAckTimeout,
                                    this);
        }
        return;
    }
    if (!handshake && LinuxHost())
    {
        // TcpSocketBase recomputes the RTO from the RTT estimate on every empty segment it
        // sends, which undoes the backoff of a retransmission in progress (an ACK sent while
        // data is being retransmitted restarted the doubling); Linux's ACKs leave it alone.
        Time rto = m_rto.Get();
        bool timerIdle = m_retxEvent.IsExpired();
        TcpSocketBase::SendEmptyPacket(flags);
        m_rto = rto;
        if ((flags & TcpHeader::FIN) && timerIdle && !m_retxEvent.IsExpired())
        {
            // TcpSocketBase re-sends a lone FIN every RTO for ever; Linux's retransmission
            // timer backs off and gives up (RetransmitFin()).
            m_retxEvent.Cancel();
            m_retxEvent =
                Simulator::Schedule(NodeTcp()->TimerDelay(m_rto), &TcpRstSocket::ReTxTimeout, this);
        }
        return;
    }
    if (handshake)
    {
        m_iss = m_tcb->m_nextTxSequence;
        if (m_synCount == 0 && (m_state == SYN_SENT || m_state == SYN_RCVD))
        {
            // Linux tcp_write_timeout() -> tcp_write_err(): SYN (or SYN-ACK) retransmissions
            // ran out; TcpSocketBase gives up below and tells the application.
            SetSocketError(TIMED_OUT);
            NodeTcp()->GetCounters().Increment(TcpStat::AbortOnTimeout);
            NodeTcp()->GetCounters().Increment(TcpStat::AttemptFails);
        }
    }
    TcpSocketBase::SendEmptyPacket(flags);
}

// Linux tcp_send_active_reset(): R. seq=SND.NXT ack=RCV.NXT, with window and timestamp.
void
TcpRstSocket::SendActiveReset(RstReason reason)
{
    NS_LOG_FUNCTION(this << reason);
    Ends ends;
    if (!GetEnds(&ends))
    {
        NS_LOG_WARN("no endpoint: reset " << reason << " not sent");
        return;
    }
    TcpHeader reset = ActiveResetShape(
        GetSndNxt(), GetRcvNxt(), AdvertisedWindowSize(), ends.localPort, ends.peerPort);
    if (IsStock(TcpRstPolicy::ACTIVE_RESET_SHAPE))
    {
        // As ns-3's SendEmptyPacket(RST): no ACK flag, its own m_nextTxSequence (+1 once a
        // FIN is out but not acked).
        SequenceNumber32 seq = m_tcb->m_nextTxSequence;
        if (m_state == FIN_WAIT_1 || m_state == LAST_ACK || m_state == CLOSING)
        {
            seq = seq + SequenceNumber32(1);
        }
        reset.SetSequenceNumber(seq);
        reset.SetFlags(TcpHeader::RST);
    }
    AddOptions(reset);
    NodeTcp()->SendReset(reason, reset, ends.local, ends.peer, m_boundnetdevice);
}

uint16_t
TcpRstSocket::GetPeerPort() const
{
    Ends ends;
    return GetEnds(&ends) ? ends.peerPort : 0;
}

bool
TcpRstSocket::GetEnds(Ends* ends) const
{
    if (m_endPoint != nullptr)
    {
        *ends = {m_endPoint->GetLocalAddress(),
                 m_endPoint->GetPeerAddress(),
                 m_endPoint->GetLocalPort(),
                 m_endPoint->GetPeerPort()};
        return true;
    }
    if (m_endPoint6 != nullptr)
    {
        *ends = {m_endPoint6->GetLocalAddress(),
                 m_endPoint6->GetPeerAddress(),
                 m_endPoint6->GetLocalPort(),
                 m_endPoint6->GetPeerPort()};
        return true;
    }
    return false;
}

// An ACK with a chosen sequence number, ack = RCV.NXT, window and timestamp:
// - Linux tcp_v4_reqsk_send_ack(): a half-open connection acknowledges an out-of-window
//   segment with seq = ISS + 1 (TcpSocketBase would send seq = ISS in SYN_RCVD);
// - Linux tcp_xmit_probe_skb(): a keepalive or zero-window probe is seq = SND.UNA - 1, without
//   data, so that the peer must answer it (it is outside its window).
void
TcpRstSocket::SendAck(SequenceNumber32 seq)
{
    Ends ends;
    if (!GetEnds(&ends))
    {
        return;
    }
    TcpHeader ack;
    ack.SetFlags(TcpHeader::ACK);
    ack.SetSequenceNumber(seq);
    ack.SetAckNumber(GetRcvNxt());
    ack.SetSourcePort(ends.localPort);
    ack.SetDestinationPort(ends.peerPort);
    ack.SetWindowSize(AdvertisedWindowSize());
    AddOptions(ack);
    m_tcp->SendPacket(Create<Packet>(), ack, ends.local, ends.peer, m_boundnetdevice);
}

void
TcpRstSocket::NotifyResetReceived(const Segment& s, RstDisposition disposition) const
{
    NodeTcp()->NotifyResetReceived(s.packet, s.header, s.from, s.to, disposition);
}

} // namespace ns3
