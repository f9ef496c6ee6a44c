/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket: attributes, accessors and the dispatch of incoming segments by state. The
// per-state logic is in tcp-rst-socket-{listen,syn-sent,syn-recv,validate,close,output,timers}.cc.
#include "tcp-rst-socket.h"

#include "tcp-rst-l4-protocol.h"
#include "tcp-segment-check.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"
#include "ns3/trace-source-accessor.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocket");

NS_OBJECT_ENSURE_REGISTERED(TcpRstSocket);

TypeId
TcpRstSocket::GetTypeId()
{
    static TypeId tid = []()
    {
        TypeId t = TypeId("ns3::TcpRstSocket")
                       .SetParent<TcpSocketBase>()
                       .SetGroupName("TcpRst")
                       .AddConstructor<TcpRstSocket>();
        AddPolicyAttributes(t, TcpRstPolicyScope::SOCKET, &TcpRstSocket::PolicySetOf);
        t.AddTraceSource("SocketError",
                         "The error an application would read from SO_ERROR was set.",
                         MakeTraceSourceAccessor(&TcpRstSocket::m_socketErrorTrace),
                         "ns3::TcpRstSocket::SocketErrorTracedCallback");
        return t;
    }();
    return tid;
}

#if TCP_RST_NS3_MINOR < 45
TypeId
TcpRstSocket::GetInstanceTypeId() const
{
    return TcpRstSocket::GetTypeId();
}
#endif

TcpRstPolicySet*
TcpRstSocket::PolicySetOf(ObjectBase* object)
{
    return &static_cast<TcpRstSocket*>(object)->m_policies;
}

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
    , m_policies(sock.m_policies)
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

int
TcpRstSocket::GetPolicy(TcpRstPolicy id) const
{
    return m_policies.Get(id);
}

bool
TcpRstSocket::IsStock(TcpRstPolicy id) const
{
    return m_policies.IsStock(id);
}

TcpRstSocket::StockResetReason::StockResetReason(TcpRstSocket* socket, RstReason reason)
    : m_socket(socket)
    , m_outer(socket->m_stockResetReason)
{
    m_socket->m_stockResetReason = reason;
}

TcpRstSocket::StockResetReason::~StockResetReason()
{
    m_socket->m_stockResetReason = m_outer;
}

TcpRstSocket::Handled
TcpRstSocket::Dispatch(const Segment& s)
{
    switch (m_state)
    {
    case LISTEN:
        return OnListenSegment(s);
    case SYN_SENT:
        return OnSynSentSegment(s);
    case SYN_RCVD:
        return OnSynRcvdSegment(s);
    case CLOSED:
        return OnClosedSegment(s);
    default:
        return OnSynchronizedSegment(s);
    }
}

void
TcpRstSocket::DoForwardUp(Ptr<Packet> packet, const Address& fromAddress, const Address& toAddress)
{
    Ptr<TcpRstSocket> self = this; // closing may drop the last other reference
    // Fast path: an ACK without SYN or RST on ESTABLISHED, FIN_WAIT_1/2, CLOSE_WAIT or
    // TIME_WAIT meets no policy here; only the others pay for parsing the header twice.
    uint8_t rawFlags = PeekTcpFlags(packet);
    bool isReset = rawFlags & TcpHeader::RST;
    bool plainAck = (rawFlags & TcpHeader::ACK) && !(rawFlags & (TcpHeader::SYN | TcpHeader::RST));
    if (!plainAck || m_state == LISTEN || m_state == SYN_SENT || m_state == SYN_RCVD ||
        m_state == CLOSED || m_state == CLOSING || m_state == LAST_ACK)
    {
        Segment s{packet, TcpHeader(), 0, 0, fromAddress, toAddress};
        s.payloadSize = packet->GetSize() - packet->PeekHeader(s.header);
        s.flags = s.header.GetFlags() & ~TCP_STATELESS_FLAGS;
        Handled handled = Handled::NO;
        if (isReset && IsStock(TcpRstPolicy::RST_VALIDATION))
        {
            NotifyResetReceived(s, RstDisposition::PASSED_TO_STOCK);
        }
        else
        {
            handled = Dispatch(s);
        }
        if (handled == Handled::YES)
        {
            return;
        }
    }

    // What TcpSocketBase resets from here on, it resets for a flag combination it calls
    // illegal in this state.
    StockResetReason reason(this, RstReason::TCP_FLAGS);
    TcpStates_t before = m_state;
    // TcpSocketBase negotiates a SYN's options on the listener itself before it forks: the
    // child gets the negotiated values, the listener must keep its own for the next SYN.
    bool winScaling = m_winScalingEnabled;
    bool sack = m_sackEnabled;
    bool timestamps = m_timestampEnabled;
    TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);
    if (before == LISTEN && m_state == LISTEN)
    {
        m_winScalingEnabled = winScaling;
        m_sackEnabled = sack;
        m_txBuffer->SetSackEnabled(sack);
        m_timestampEnabled = timestamps;
    }
}

} // namespace ns3
