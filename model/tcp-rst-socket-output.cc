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
#include "ns3/tcp-rx-buffer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocketOutput");

// SND.NXT as RFC 9293 counts it. ns-3 keeps the FIN out of m_highTxMark and moves
// m_nextTxSequence past it only when the FIN is acknowledged, so the FIN is counted here once.
SequenceNumber32
TcpRstSocket::GetSndNxt() const
{
    if (m_state == FIN_WAIT_1 || m_state == FIN_WAIT_2 || m_state == CLOSING ||
        m_state == LAST_ACK || m_state == TIME_WAIT)
    {
        return m_tcb->m_highTxMark + SequenceNumber32(1); // our FIN was sent
    }
    return std::max(m_tcb->m_nextTxSequence.Get(), m_tcb->m_highTxMark.Get());
}

// ns-3's receive buffer reports the FIN's sequence as its limit once the FIN arrived; the
// window the peer was told stays the last one advertised (m_advWnd), as Linux's rcv_wnd does.
uint32_t
TcpRstSocket::GetRcvWnd() const
{
    if (m_tcb->m_rxBuffer->GotFin())
    {
        return m_advWnd;
    }
    return m_tcb->m_rxBuffer->MaxRxSequence() - m_tcb->m_rxBuffer->NextRxSequence();
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
    if ((flags & TcpHeader::SYN) &&
        (m_state == CLOSED || m_state == LISTEN || m_state == SYN_SENT || m_state == SYN_RCVD))
    {
        m_iss = m_tcb->m_nextTxSequence;
    }
    TcpSocketBase::SendEmptyPacket(flags);
}

// Linux tcp_send_active_reset(): R. seq=SND.NXT ack=RCV.NXT, with window and timestamp.
void
TcpRstSocket::SendActiveReset(RstReason reason)
{
    NS_LOG_FUNCTION(this << reason);
    if (m_endPoint == nullptr && m_endPoint6 == nullptr)
    {
        NS_LOG_WARN("no endpoint: reset " << reason << " not sent");
        return;
    }
    Address local;
    Address peer;
    uint16_t localPort;
    uint16_t peerPort;
    if (m_endPoint != nullptr)
    {
        local = m_endPoint->GetLocalAddress();
        peer = m_endPoint->GetPeerAddress();
        localPort = m_endPoint->GetLocalPort();
        peerPort = m_endPoint->GetPeerPort();
    }
    else
    {
        local = m_endPoint6->GetLocalAddress();
        peer = m_endPoint6->GetPeerAddress();
        localPort = m_endPoint6->GetLocalPort();
        peerPort = m_endPoint6->GetPeerPort();
    }
    TcpHeader reset =
        ActiveResetShape(GetSndNxt(), GetRcvNxt(), AdvertisedWindowSize(), localPort, peerPort);
    if (IsStock(TcpRstPolicy::ACTIVE_RESET_SHAPE))
    {
        reset.SetFlags(TcpHeader::RST);
    }
    AddOptions(reset);
    m_rstTcp->SendReset(reason, reset, local, peer, m_boundnetdevice);
}

void
TcpRstSocket::NotifyResetReceived(const Segment& s, RstDisposition disposition) const
{
    m_rstTcp->NotifyResetReceived(s.packet, s.header, s.from, s.to, disposition);
}

} // namespace ns3
