/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#define NS_LOG_APPEND_CONTEXT                                                                      \
    if (m_node)                                                                                    \
    {                                                                                              \
        std::clog << " [node " << m_node->GetId() << "] ";                                         \
    }

#include "tcp-rst-socket.h"

#include "tcp-reset-shapes.h"
#include "tcp-rst-l4-protocol.h"
#include "tcp-segment-check.h"

#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-end-point.h"
#include "ns3/ipv6-end-point.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"
#include "ns3/trace-source-accessor.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocket");

NS_OBJECT_ENSURE_REGISTERED(TcpRstSocket);

namespace
{
Ptr<const AttributeChecker>
BehaviourChecker()
{
    return MakeEnumChecker(TcpRstBehaviour::LINUX, "Linux", TcpRstBehaviour::STOCK, "Stock");
}
} // namespace

TypeId
TcpRstSocket::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpRstSocket")
            .SetParent<TcpSocketBase>()
            .SetGroupName("TcpRst")
            .AddConstructor<TcpRstSocket>()
            .AddAttribute(
                "RstValidation",
                "How a reset reaching a synchronized connection is checked. Rfc5961 "
                "(Linux tcp_validate_incoming): seq == RCV.NXT resets, other in-window "
                "seq gets a challenge ACK, the rest is dropped; Rfc793: any in-window "
                "seq resets; Stock: unmodified ns-3 (any seq resets, a reset without "
                "timestamp is dropped when timestamps are on).",
                EnumValue(RstValidation::RFC5961),
                TCP_RST_ENUM_ACCESSOR(RstValidation::Value, &TcpRstSocket::m_rstValidation),
                MakeEnumChecker(RstValidation::RFC5961,
                                "Rfc5961",
                                RstValidation::RFC793,
                                "Rfc793",
                                RstValidation::STOCK,
                                "Stock"))
            .AddAttribute(
                "UnacceptableSynAck",
                "SYN_SENT receiving a SYN-ACK that does not ack its SYN. Linux "
                "(tcp_rcv_synsent_state_process): answer R seq=SEG.ACK, stay in "
                "SYN_SENT, re-send the SYN after TimeoutMin; Stock: R seq=SND.NXT and "
                "the connect fails.",
                EnumValue(TcpRstBehaviour::LINUX),
                TCP_RST_ENUM_ACCESSOR(TcpRstBehaviour::Value, &TcpRstSocket::m_unacceptableSynAck),
                BehaviourChecker())
            .AddAttribute(
                "ListenerSegments",
                "Non-SYN segments reaching a listener. Linux (tcp_rcv_state_process "
                "LISTEN): a reset is ignored, an ACK is answered R seq=SEG.ACK; Stock: "
                "everything but SYN is silently dropped.",
                EnumValue(TcpRstBehaviour::LINUX),
                TCP_RST_ENUM_ACCESSOR(TcpRstBehaviour::Value, &TcpRstSocket::m_listenerSegments),
                BehaviourChecker())
            .AddAttribute(
                "BoundNotListening",
                "Segments reaching a socket that is bound but neither listening nor "
                "connected. Linux: the socket is invisible, the segment is answered as "
                "if no socket existed (R. seq=0 ack=SEG.SEQ+SEG.LEN); Stock: R "
                "seq=SND.NXT without ACK.",
                EnumValue(TcpRstBehaviour::LINUX),
                TCP_RST_ENUM_ACCESSOR(TcpRstBehaviour::Value, &TcpRstSocket::m_boundNotListening),
                BehaviourChecker())
            .AddAttribute(
                "ActiveResetShape",
                "Shape of a reset sent by a live connection. Linux "
                "(tcp_send_active_reset): R. seq=SND.NXT ack=RCV.NXT with the receive "
                "window and timestamp; Stock: R seq=SND.NXT without ACK.",
                EnumValue(TcpRstBehaviour::LINUX),
                TCP_RST_ENUM_ACCESSOR(TcpRstBehaviour::Value, &TcpRstSocket::m_activeResetShape),
                BehaviourChecker())
            .AddTraceSource("SocketError",
                            "The error an application would read from SO_ERROR was set.",
                            MakeTraceSourceAccessor(&TcpRstSocket::m_socketErrorTrace),
                            "ns3::TcpRstSocket::SocketErrorTracedCallback");
    return tid;
}

#if TCP_RST_NS3_MINOR < 45
TypeId
TcpRstSocket::GetInstanceTypeId() const
{
    return TcpRstSocket::GetTypeId();
}
#endif

const char*
TcpRstSocket::SocketErrorName(SocketError error)
{
    switch (error)
    {
    case NO_ERROR:
        return "OK";
    case CONNECTION_REFUSED:
        return "ECONNREFUSED";
    case CONNECTION_RESET:
        return "ECONNRESET";
    case BROKEN_PIPE:
        return "EPIPE";
    case TIMED_OUT:
        return "ETIMEDOUT";
    }
    return "EINVAL";
}

TcpRstSocket::TcpRstSocket()
    : TcpSocketBase()
{
    NS_LOG_FUNCTION(this);
}

TcpRstSocket::TcpRstSocket(const TcpRstSocket& sock)
    : TcpSocketBase(sock)
    , m_rstTcp(sock.m_rstTcp)
    , m_rstValidation(sock.m_rstValidation)
    , m_unacceptableSynAck(sock.m_unacceptableSynAck)
    , m_listenerSegments(sock.m_listenerSegments)
    , m_boundNotListening(sock.m_boundNotListening)
    , m_activeResetShape(sock.m_activeResetShape)
{
    NS_LOG_FUNCTION(this);
}

TcpRstSocket::~TcpRstSocket()
{
    NS_LOG_FUNCTION(this);
}

void
TcpRstSocket::SetTcp(Ptr<TcpL4Protocol> tcp)
{
    Ptr<TcpRstL4Protocol> rstTcp = DynamicCast<TcpRstL4Protocol>(tcp);
    if (!rstTcp)
    {
        throw std::invalid_argument("TcpRstSocket::SetTcp: the node's TCP must be "
                                    "ns3::TcpRstL4Protocol (install the stack with TcpRstHelper)");
    }
    TcpSocketBase::SetTcp(tcp);
    m_rstTcp = rstTcp;
}

Ptr<TcpSocketBase>
TcpRstSocket::Fork()
{
    return CopyObject<TcpRstSocket>(this);
}

TcpRstSocket::SocketError
TcpRstSocket::GetSocketError() const
{
    return m_socketError;
}

TcpSocket::TcpStates_t
TcpRstSocket::GetState() const
{
    return m_state;
}

SequenceNumber32
TcpRstSocket::GetIss() const
{
    return m_iss;
}

SequenceNumber32
TcpRstSocket::GetRcvNxt() const
{
    return m_tcb->m_rxBuffer->NextRxSequence();
}

SequenceNumber32
TcpRstSocket::GetSndNxt() const
{
    SequenceNumber32 sndNxt = std::max(m_tcb->m_nextTxSequence.Get(), m_tcb->m_highTxMark.Get());
    if (m_state == FIN_WAIT_1 || m_state == FIN_WAIT_2 || m_state == CLOSING ||
        m_state == LAST_ACK || m_state == TIME_WAIT)
    {
        sndNxt = sndNxt + SequenceNumber32(1); // our FIN
    }
    return sndNxt;
}

uint32_t
TcpRstSocket::ReceiveWindow() const
{
    return m_tcb->m_rxBuffer->MaxRxSequence() - m_tcb->m_rxBuffer->NextRxSequence();
}

void
TcpRstSocket::SetSocketError(SocketError error)
{
    m_socketError = error;
    m_socketErrorTrace(error);
}

int
TcpRstSocket::Close()
{
    NS_LOG_FUNCTION(this);
    // TcpSocketBase::Close() resets when unread data remains (Linux __tcp_close() does too).
    RstReason previous = m_resetReason;
    bool connected = (m_endPoint != nullptr || m_endPoint6 != nullptr) && m_state != CLOSED &&
                     m_state != LISTEN && m_state != TIME_WAIT;
    if (m_tcb->m_rxBuffer->Size() != 0 && connected)
    {
        m_resetReason = RstReason::TCP_ABORT_ON_CLOSE;
        m_rstTcp->GetCounters().Increment(TcpStat::AbortOnClose);
    }
    int result = TcpSocketBase::Close();
    m_resetReason = previous;
    return result;
}

void
TcpRstSocket::Discard()
{
    NS_LOG_FUNCTION(this);
    m_closeNotified = true; // a crashed host tells its applications nothing
    CancelAllTimers();
    CloseAndNotify();
}

void
TcpRstSocket::DoForwardUp(Ptr<Packet> packet, const Address& fromAddress, const Address& toAddress)
{
    Ptr<TcpRstSocket> self = this; // closing may drop the last other reference
    // Fast path: a segment without RST on a connection that is not LISTEN, SYN_SENT or CLOSED
    // meets no policy here; only the others pay for parsing the header twice.
    bool isReset = PeekTcpFlags(packet) & TcpHeader::RST;
    if (isReset || m_state == LISTEN || m_state == SYN_SENT || m_state == CLOSED)
    {
        TcpHeader header;
        uint32_t headerSize = packet->PeekHeader(header);
        uint32_t payloadSize = packet->GetSize() - headerSize;
        Handled handled = Handled::NO;
        if (isReset)
        {
            handled = HandleReset(packet, header, fromAddress, toAddress);
        }
        else if (m_state == LISTEN)
        {
            handled = ApplyListenerPolicy(header, payloadSize, fromAddress, toAddress);
        }
        else if (m_state == SYN_SENT)
        {
            handled = ApplySynSentPolicy(header, fromAddress, toAddress);
        }
        else
        {
            handled = ApplyBoundNotListeningPolicy(header, payloadSize, fromAddress, toAddress);
        }
        if (handled == Handled::YES)
        {
            return;
        }
    }

    // Resets TcpSocketBase sends from here on answer illegal flag combinations.
    RstReason previous = m_resetReason;
    m_resetReason = RstReason::TCP_FLAGS;
    TcpStates_t before = m_state;
    // TcpSocketBase negotiates a SYN's options on the listener itself before it forks: the
    // child gets the negotiated values, the listener must keep its own for the next SYN.
    bool winScaling = m_winScalingEnabled;
    bool sack = m_sackEnabled;
    bool timestamps = m_timestampEnabled;
    TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);
    m_resetReason = previous;
    if (before == LISTEN && m_state == LISTEN)
    {
        m_winScalingEnabled = winScaling;
        m_sackEnabled = sack;
        m_txBuffer->SetSackEnabled(sack);
        m_timestampEnabled = timestamps;
    }
}

// Linux tcp_openreq_init(): the SYN-ACK echoes the SYN's TSval, whatever the SYN's sequence
// number (stock ns-3 echoes it only when SEG.SEQ equals its not yet initialised RCV.NXT).
void
TcpRstSocket::CompleteFork(Ptr<Packet> p,
                           const TcpHeader& tcpHeader,
                           const Address& fromAddress,
                           const Address& toAddress)
{
    if (m_timestampEnabled && tcpHeader.HasOption(TcpOption::TS))
    {
        Ptr<const TcpOptionTS> ts =
            DynamicCast<const TcpOptionTS>(tcpHeader.GetOption(TcpOption::TS));
        m_timestampToEcho = ts->GetTimestamp();
        m_tcb->m_rcvTimestampValue = ts->GetTimestamp();
    }
    TcpSocketBase::CompleteFork(p, tcpHeader, fromAddress, toAddress);
}

TcpRstSocket::Handled
TcpRstSocket::HandleReset(Ptr<Packet> packet,
                          const TcpHeader& header,
                          const Address& from,
                          const Address& to)
{
    if (m_rstValidation == RstValidation::STOCK)
    {
        m_rstTcp->NotifyResetReceived(packet, header, from, to, RstDisposition::PASSED_TO_STOCK);
        return Handled::NO;
    }
    SequenceNumber32 seq = header.GetSequenceNumber();
    RstDisposition disposition = RstDisposition::IGNORED_STATE;
    switch (m_state)
    {
    case LISTEN:
        // RFC 9293 3.10.7.2: in LISTEN an incoming RST is ignored.
        disposition = RstDisposition::IGNORED_LISTEN;
        break;
    case CLOSED:
        // A socket that is not listening is invisible (Linux): no socket, no answer to a RST.
        disposition = RstDisposition::IGNORED_NO_SOCKET;
        break;
    case TIME_WAIT:
        // TIME_WAIT keeps the stock behaviour (ignore) until the TIME_WAIT policy lands.
        disposition = RstDisposition::IGNORED_STATE;
        break;
    case SYN_SENT:
        // RFC 9293 3.10.7.3 / Linux tcp_rcv_synsent_state_process(): a RST in SYN_SENT counts
        // only if it acks our SYN; then the connection is refused.
        if ((header.GetFlags() & TcpHeader::ACK) &&
            SynSentAckAcceptable(m_iss, header.GetAckNumber()))
        {
            m_rstTcp->NotifyResetReceived(
                packet, header, from, to, RstDisposition::CONNECTION_RESET);
            m_rstTcp->GetCounters().Increment(TcpStat::AttemptFails);
            AbortOnReset(CONNECTION_REFUSED);
            return Handled::YES;
        }
        disposition = RstDisposition::UNACCEPTABLE_ACK;
        break;
    case SYN_RCVD:
        // Linux tcp_check_req(): an in-window RST frees the request silently.
        if (CheckRstRfc793(GetRcvNxt(), ReceiveWindow(), seq) == RstCheck::ACCEPT)
        {
            m_rstTcp->NotifyResetReceived(
                packet, header, from, to, RstDisposition::HALF_OPEN_FREED);
            m_rstTcp->GetCounters().Increment(TcpStat::AttemptFails);
            m_closeNotified = true; // the application never saw this connection
            CloseAndNotify();
            return Handled::YES;
        }
        disposition = RstDisposition::OUT_OF_WINDOW;
        break;
    default:
    {
        bool peerFinReceived = m_state == CLOSE_WAIT || m_state == LAST_ACK || m_state == CLOSING;
        RstCheck check = m_rstValidation == RstValidation::RFC5961
                             ? CheckRstRfc5961(GetRcvNxt(), ReceiveWindow(), seq, peerFinReceived)
                             : CheckRstRfc793(GetRcvNxt(), ReceiveWindow(), seq);
        if (check == RstCheck::ACCEPT)
        {
            m_rstTcp->NotifyResetReceived(
                packet, header, from, to, RstDisposition::CONNECTION_RESET);
            if (m_state == ESTABLISHED || m_state == CLOSE_WAIT)
            {
                m_rstTcp->GetCounters().Increment(TcpStat::EstabResets);
            }
            // Linux tcp_reset(): EPIPE in CLOSE_WAIT, ECONNRESET otherwise.
            AbortOnReset(m_state == CLOSE_WAIT ? BROKEN_PIPE : CONNECTION_RESET);
            return Handled::YES;
        }
        if (check == RstCheck::CHALLENGE_ACK)
        {
            // RFC 5961 3.2: answer an in-window, inexact RST with an ACK (challenge ACK).
            m_rstTcp->NotifyResetReceived(packet, header, from, to, RstDisposition::CHALLENGE_ACK);
            m_rstTcp->GetCounters().Increment(TcpStat::ChallengeAck);
            TcpSocketBase::SendEmptyPacket(TcpHeader::ACK);
            return Handled::YES;
        }
        disposition = RstDisposition::OUT_OF_WINDOW;
        break;
    }
    }
    m_rstTcp->NotifyResetReceived(packet, header, from, to, disposition);
    return Handled::YES;
}

// Linux tcp_rcv_state_process(), case TCP_LISTEN: RST ignored, ACK answered with a reset,
// SYN starts a connection, anything else is dropped.
TcpRstSocket::Handled
TcpRstSocket::ApplyListenerPolicy(const TcpHeader& header,
                                  uint32_t payloadSize,
                                  const Address& from,
                                  const Address& to)
{
    if (m_listenerSegments == TcpRstBehaviour::STOCK)
    {
        // Stock drops everything but SYN (without arming the persist timer, see DoForwardUp).
        return (header.GetFlags() & ~TCP_STATELESS_FLAGS) == TcpHeader::SYN ? Handled::NO
                                                                            : Handled::YES;
    }
    uint8_t flags = header.GetFlags() & ~TCP_STATELESS_FLAGS;
    if (flags & TcpHeader::ACK)
    {
        m_rstTcp->ReplyWithReset(RstReason::TCP_FLAGS, header, payloadSize, from, to);
        return Handled::YES;
    }
    if (flags == TcpHeader::SYN)
    {
        return Handled::NO; // TcpSocketBase forks the connection
    }
    return Handled::YES; // SYN+FIN, FIN, bare data: discarded
}

// Linux tcp_rcv_synsent_state_process(): an ACK outside SND.UNA < SEG.ACK <= SND.NXT is
// answered with a reset (seq = SEG.ACK); the socket stays in SYN_SENT and, if it has not
// retransmitted yet, re-sends its SYN after TCP_TIMEOUT_MIN ("previous RST/ACK might be lost").
TcpRstSocket::Handled
TcpRstSocket::ApplySynSentPolicy(const TcpHeader& header, const Address& from, const Address& to)
{
    if (m_unacceptableSynAck == TcpRstBehaviour::STOCK || !(header.GetFlags() & TcpHeader::ACK) ||
        SynSentAckAcceptable(m_iss, header.GetAckNumber()))
    {
        return Handled::NO;
    }
    m_rstTcp->ReplyWithReset(RstReason::TCP_INVALID_ACK_SEQUENCE, header, 0, from, to);
    if (m_synCount + 1 == m_synRetries)
    {
        m_retxEvent.Cancel();
        m_retxEvent =
            Simulator::Schedule(m_rstTcp->GetTimeoutMin(), &TcpRstSocket::RetransmitSynNow, this);
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

// A socket bound but neither listening nor connected is not found by Linux's socket lookup:
// the segment gets the no-socket reply.
TcpRstSocket::Handled
TcpRstSocket::ApplyBoundNotListeningPolicy(const TcpHeader& header,
                                           uint32_t payloadSize,
                                           const Address& from,
                                           const Address& to)
{
    if (m_boundNotListening == TcpRstBehaviour::LINUX)
    {
        m_rstTcp->ReplyWithReset(RstReason::NO_SOCKET, header, payloadSize, from, to);
        return Handled::YES;
    }
    // Stock: TcpSocketBase answers R seq=SND.NXT ack=RCV.NXT; rebuilt here so that it still
    // leaves through the one reset path.
    TcpHeader reset;
    reset.SetFlags(TcpHeader::RST);
    reset.SetSequenceNumber(m_tcb->m_nextTxSequence);
    reset.SetAckNumber(m_tcb->m_rxBuffer->NextRxSequence());
    reset.SetSourcePort(header.GetDestinationPort());
    reset.SetDestinationPort(header.GetSourcePort());
    reset.SetWindowSize(AdvertisedWindowSize());
    AddOptions(reset);
    m_rstTcp->SendReset(RstReason::NO_SOCKET, reset, to, from, m_boundnetdevice);
    return Handled::YES;
}

void
TcpRstSocket::AbortOnReset(SocketError error)
{
    SetSocketError(error);
    bool wasConnecting = m_state == SYN_SENT;
    // Close first, then tell the application: a Close() from its callback finds CLOSED.
    m_closeNotified = true;
    CloseAndNotify();
    if (wasConnecting)
    {
        NotifyConnectionFailed();
    }
    else
    {
        NotifyErrorClose();
    }
}

void
TcpRstSocket::SendEmptyPacket(uint8_t flags)
{
    if (flags & TcpHeader::RST)
    {
        SendActiveReset(m_resetReason);
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
    if (m_activeResetShape == TcpRstBehaviour::STOCK)
    {
        reset.SetFlags(TcpHeader::RST);
    }
    AddOptions(reset);
    m_rstTcp->SendReset(reason, reset, local, peer, m_boundnetdevice);
}

void
TcpRstSocket::PersistTimeout()
{
    // Nothing queued means nothing to probe with: Linux sends no probe. Stock ns-3 reads past
    // the empty buffer and crashes, e.g. on a listener that got a zero-window SYN or bare RST.
    if (m_txBuffer->SizeFromSequence(m_tcb->m_nextTxSequence) == 0)
    {
        return;
    }
    TcpSocketBase::PersistTimeout();
}

} // namespace ns3
