/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket in LISTEN: what reaches a listener, and the child it forks.
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/log.h"
#include "ns3/tcp-option-ts.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocketListen");

// Linux tcp_rcv_state_process(), case TCP_LISTEN: RST ignored (RFC 9293 3.10.7.2), ACK
// answered with a reset, SYN starts a connection, anything else is dropped.
TcpRstSocket::Handled
TcpRstSocket::OnListenSegment(const Segment& s)
{
    if (s.flags & TcpHeader::RST)
    {
        NotifyResetReceived(s, RstDisposition::IGNORED_LISTEN);
        return Handled::YES;
    }
    // tcp_v4_do_rcv(): an ACK may carry a SYN cookie (tcp_v4_cookie_check()) first.
    if (ListenQueuesOn() && (s.flags & TcpHeader::ACK) && !(s.flags & TcpHeader::SYN) &&
        OnListenCookieAck(s) == Handled::YES)
    {
        return Handled::YES;
    }
    if (s.flags == TcpHeader::SYN && ListenQueuesOn())
    {
        return OnListenSyn(s);
    }
    if (IsStock(TcpRstPolicy::LISTENER_SEGMENTS))
    {
        // Stock drops everything but SYN (here, so that it does not arm the persist timer).
        return s.flags == TcpHeader::SYN ? Handled::NO : Handled::YES;
    }
    if (s.flags & TcpHeader::ACK)
    {
        NodeTcp()->ReplyWithReset(RstReason::TCP_FLAGS, s.header, s.payloadSize, s.from, s.to);
        return Handled::YES;
    }
    if (s.flags == TcpHeader::SYN)
    {
        return Handled::NO; // TcpSocketBase forks the connection
    }
    NS_LOG_LOGIC("listener drops " << s.header);
    return Handled::YES; // SYN+FIN, FIN, bare data: discarded
}

// Linux tcp_openreq_init(): the SYN-ACK echoes the SYN's TSval, whatever the SYN's sequence
// number (stock ns-3 echoes it only when SEG.SEQ equals its not yet initialised RCV.NXT).
void
TcpRstSocket::CompleteFork(Ptr<Packet> p,
                           const TcpHeader& tcpHeader,
                           const Address& fromAddress,
                           const Address& toAddress)
{
    ForkKind kind = ForkedAs();
    if (kind == ForkKind::COOKIE_SYN_ACK)
    {
        SendCookieSynAck(tcpHeader, fromAddress, toAddress);
    }
    StartPassiveOpen(tcpHeader, fromAddress, toAddress);
    if (kind != ForkKind::REQUEST)
    {
        SetInitialSequence(Linux().cookieIsn); // the cookie is the ISN
    }
    if (m_timestampEnabled && tcpHeader.HasOption(TcpOption::TS))
    {
        Ptr<const TcpOptionTS> ts =
            DynamicCast<const TcpOptionTS>(tcpHeader.GetOption(TcpOption::TS));
        m_timestampToEcho = ts->GetTimestamp();
        m_tcb->m_rcvTimestampValue = ts->GetTimestamp();
    }
    TcpSocketBase::CompleteFork(p, tcpHeader, fromAddress, toAddress);
    RegisterConnection();
    if (kind == ForkKind::COOKIE_SYN_ACK)
    {
        // Linux tcp_conn_request(): want_cookie -> reqsk_free(); nothing is kept.
        NodeTcp()->SetCookieTimestamp(std::nullopt);
        Discard();
    }
}

} // namespace ns3
