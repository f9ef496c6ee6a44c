/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket: attributes, accessors and the dispatch of incoming segments by state. The
// per-state logic is in tcp-rst-socket-{listen,syn-sent,syn-recv,validate,close,output,timers}.cc.
#include "tcp-rst-socket.h"

#include "lazy-trace-source-accessor.h"
#include "tcp-rst-l4-protocol.h"
#include "tcp-segment-check.h"

#include "ns3/boolean.h"
#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocket");

NS_OBJECT_ENSURE_REGISTERED(TcpRstSocket);

namespace
{
/**
 * TcpRstSocket's own attributes are not set by ObjectBase::ConstructSelf(), which on ns-3 3.37
 * costs several thousand instructions per attribute and socket (it serializes every initial
 * value for its log): the members start at the attributes' defaults and
 * NotifyConstructionCompleted() applies the defaults a user changed (Config::SetDefault).
 */
constexpr uint32_t kRuntimeAttribute = TypeId::ATTR_GET | TypeId::ATTR_SET;
} // namespace

TypeId
TcpRstSocket::GetTypeId()
{
    static TypeId tid = []()
    {
        TypeId t = TypeId("ns3::TcpRstSocket")
                       .SetParent<TcpSocketBase>()
                       .SetGroupName("TcpRst")
                       .AddConstructor<TcpRstSocket>();
        AddPolicyAttributes(
            t, TcpRstPolicyScope::SOCKET, &TcpRstSocket::PolicySetOf, kRuntimeAttribute);
        t.AddAttribute(
             "KeepAlive",
             "SO_KEEPALIVE: probe an idle connection (KeepIdle, KeepIntvl, KeepCnt, "
             "or the node's KeepAliveTime/Intvl/Probes).",
             kRuntimeAttribute,
             BooleanValue(false),
             MakeBooleanAccessor(&TcpRstSocket::SetKeepAlive, &TcpRstSocket::GetKeepAlive),
             MakeBooleanChecker())
            .AddAttribute("KeepIdle",
                          "TCP_KEEPIDLE: idle time before the first probe; 0: the node's "
                          "KeepAliveTime. Range [0, 32767s].",
                          kRuntimeAttribute,
                          TimeValue(Time(0)),
                          MakeTimeAccessor(&TcpRstSocket::SetKeepIdle, &TcpRstSocket::GetKeepIdle),
                          MakeTimeChecker(Time(0), Seconds(32767)))
            .AddAttribute(
                "KeepIntvl",
                "TCP_KEEPINTVL: time between probes; 0: the node's KeepAliveIntvl. "
                "Range [0, 32767s].",
                kRuntimeAttribute,
                TimeValue(Time(0)),
                MakeTimeAccessor(&TcpRstSocket::SetKeepIntvl, &TcpRstSocket::GetKeepIntvl),
                MakeTimeChecker(Time(0), Seconds(32767)))
            .AddAttribute(
                "KeepCnt",
                "TCP_KEEPCNT: unanswered probes before the reset; 0: the node's "
                "KeepAliveProbes. Range [0, 127].",
                kRuntimeAttribute,
                UintegerValue(0),
                MakeUintegerAccessor(&TcpRstSocket::SetKeepCnt, &TcpRstSocket::GetKeepCnt),
                MakeUintegerChecker<uint32_t>(0, 127))
            .AddAttribute(
                "LingerOn",
                "SO_LINGER l_onoff: with LingerTime 0, Close() aborts the connection "
                "with a reset (policy Close); accepted sockets inherit it.",
                kRuntimeAttribute,
                BooleanValue(false),
                MakeBooleanAccessor(&TcpRstSocket::SetLingerOn, &TcpRstSocket::GetLingerOn),
                MakeBooleanChecker())
            .AddAttribute(
                "LingerTime",
                "SO_LINGER l_linger: 0 with LingerOn makes Close() abortive; a "
                "positive time closes gracefully (ns-3's Close() does not block). "
                "Range [0s, 2147483647s].",
                kRuntimeAttribute,
                TimeValue(Time(0)),
                MakeTimeAccessor(&TcpRstSocket::SetLingerTime, &TcpRstSocket::GetLingerTime),
                MakeTimeChecker(Time(0), Seconds(2147483647)))
            .AddAttribute("Backlog",
                          "listen()'s backlog (policy ListenQueues): min(Backlog, the node's "
                          "SomaxConn) + 1 completed connections wait for Accept(), and the SYN "
                          "queue is full at min(Backlog, SomaxConn) half-open requests. Read "
                          "when Listen() is called. Range [0, 2147483647].",
                          kRuntimeAttribute,
                          IntegerValue(kDefaultBacklog),
                          MakeIntegerAccessor(&TcpRstSocket::SetBacklog, &TcpRstSocket::GetBacklog),
                          MakeIntegerChecker<int32_t>(0, 2147483647))
            .AddAttribute(
                "AutoAccept",
                "The application accepts each connection the moment its handshake "
                "completes (what ns-3's callback-driven applications such as "
                "PacketSink expect); false: completed connections wait in the accept "
                "queue until Accept() is called (TcpAcceptServer).",
                kRuntimeAttribute,
                BooleanValue(true),
                MakeBooleanAccessor(&TcpRstSocket::SetAutoAccept, &TcpRstSocket::GetAutoAccept),
                MakeBooleanChecker());
        t.AddTraceSource("AcceptQueueLength",
                         "Completed connections waiting in this listener's accept queue.",
                         MakeLazyTraceSourceAccessor(&TcpRstSocket::AcceptQueueLengthSource),
                         "ns3::TracedValueCallback::Uint32");
        t.AddTraceSource("SocketError",
                         "The error an application would read from SO_ERROR was set.",
                         MakeLazyTraceSourceAccessor(&TcpRstSocket::SocketErrorSource),
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

void
TcpRstSocket::NotifyConstructionCompleted()
{
    TcpSocketBase::NotifyConstructionCompleted();
    TypeId tid = TcpRstSocket::GetTypeId();
    for (uint32_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        TypeId::AttributeInformation info = tid.GetAttribute(i);
        if (info.initialValue != info.originalInitialValue)
        {
            info.accessor->Set(this, *info.initialValue);
        }
    }
}

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

TcpRstSocket::Traces&
TcpRstSocket::GetTraces()
{
    if (!m_traces)
    {
        m_traces = std::make_unique<Traces>();
        m_traces->acceptQueueLength = GetAcceptQueueLength(); // nobody listens yet
    }
    return *m_traces;
}

TracedValue<uint32_t>&
TcpRstSocket::AcceptQueueLengthSource(ObjectBase* object)
{
    return static_cast<TcpRstSocket*>(object)->GetTraces().acceptQueueLength;
}

TracedCallback<TcpRstSocket::SocketError>&
TcpRstSocket::SocketErrorSource(ObjectBase* object)
{
    return static_cast<TcpRstSocket*>(object)->GetTraces().socketError;
}

void
TcpRstSocket::NoteAcceptQueueLength(uint32_t length)
{
    if (m_traces)
    {
        m_traces->acceptQueueLength = length;
    }
}

TcpRstSocket::TcpRstSocket()
    : TcpSocketBase()
    , m_keepAlive(false)
    , m_lingerOn(false)
    , m_orphan(false)
    , m_rcvShutdown(false)
    , m_deferFinAck(false)
    , m_autoAccept(true)
    , m_queued(false)
{
    NS_LOG_FUNCTION(this);
}

TcpRstSocket::TcpRstSocket(const TcpRstSocket& sock)
    : TcpSocketBase(sock)
    , m_policies(sock.m_policies)
    , m_keepAlive(sock.m_keepAlive)
    , m_lingerOn(sock.m_lingerOn)
    , m_orphan(false)
    , m_rcvShutdown(false)
    , m_deferFinAck(false)
    , m_autoAccept(true)
    , m_queued(false)
{
    NS_LOG_FUNCTION(this);
    // An accepted socket inherits the listener's options (not its timers).
    SetKeepIdle(sock.GetKeepIdle());
    SetKeepIntvl(sock.GetKeepIntvl());
    SetKeepCnt(sock.GetKeepCnt());
    SetLingerTime(sock.GetLingerTime());
}

TcpRstSocket::~TcpRstSocket()
{
    NS_LOG_FUNCTION(this);
    CancelLinuxTimers();
    if (m_flowKey.localPort != 0 && NodeTcp())
    {
        NodeTcp()->UnregisterConnection(this);
    }
    if (NodeTcp())
    {
        ForgetUnconnected();
    }
    LeaveListener();
    if (m_listening)
    {
        for (TcpRstSocket* child : m_listening->children)
        {
            child->SetListener(nullptr);
        }
    }
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
}

/// \return the node's TCP (SetTcp() let only a TcpRstL4Protocol in), nullptr before SetTcp()
TcpRstL4Protocol*
TcpRstSocket::NodeTcp() const
{
    return static_cast<TcpRstL4Protocol*>(PeekPointer(m_tcp));
}

Ptr<TcpSocketBase>
TcpRstSocket::Fork()
{
    Ptr<TcpRstSocket> child = CopyObject<TcpRstSocket>(this);
    if (m_state == LISTEN && ListenQueuesOn())
    {
        AdoptChild(child, Listening().nextFork.value_or(ForkKind::REQUEST));
    }
    if (m_listening)
    {
        m_listening->nextFork.reset();
    }
    return child;
}

TcpRstSocket::SocketError
TcpRstSocket::GetSocketError() const
{
    return static_cast<SocketError>(m_socketError);
}

uint8_t
TcpRstSocket::GetPeerWindowShift() const
{
    return m_winScalingEnabled ? m_sndWindShift : 0;
}

bool
TcpRstSocket::IsSackPermitted() const
{
    return m_sackEnabled;
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

std::string
TcpRstSocket::GetCongestionControlName() const
{
    return m_congestionControl ? m_congestionControl->GetName() : "";
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
    StateWatch watch(this);            // keeps the socket alive; TIME_WAIT, orphans after
    m_lastReceived = Simulator::Now(); // keepalive_time_elapsed()
    // Fast path: an ACK without SYN or RST on ESTABLISHED, FIN_WAIT_1/2, CLOSE_WAIT or
    // TIME_WAIT, inside the window and acking nothing too old or unsent, meets no policy here;
    // only the others pay for parsing the header twice.
    TcpSegmentNumbers raw = PeekTcpNumbers(packet);
    bool isReset = raw.flags & TcpHeader::RST;
    bool plainAck =
        (raw.flags & TcpHeader::ACK) && !(raw.flags & (TcpHeader::SYN | TcpHeader::RST));
    if (!plainAck || m_state == LISTEN || m_state == SYN_SENT || m_state == SYN_RCVD ||
        m_state == CLOSED || m_state == CLOSING || m_state == LAST_ACK || !FastPathFits(raw))
    {
        Segment s{packet, TcpHeader(), 0, 0, fromAddress, toAddress};
        if ((raw.flags & TcpHeader::SYN) || m_state == LISTEN || m_state == SYN_SENT ||
            m_state == SYN_RCVD)
        {
            // The handshake's policies read options (MSS, timestamps, SYN cookies).
            s.payloadSize = packet->GetSize() - packet->PeekHeader(s.header);
        }
        else
        {
            // The others read numbers and flags: skip TcpHeader::Deserialize(), whose option
            // objects are most of its cost (TcpSocketBase parses the header again anyway).
            s.header = PeekTcpHeaderWithoutOptions(packet);
            s.payloadSize = raw.payloadSize;
        }
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
    if (m_rcvShutdown && NewDataAfterShutdown(raw))
    {
        AbortOnData(packet);
        return;
    }
    PrepareZeroWindowProbes();

    // What TcpSocketBase resets from here on, it resets for a flag combination it calls
    // illegal in this state.
    StockResetReason reason(this, RstReason::TCP_FLAGS);
    TcpStates_t before = m_state;
    // TcpSocketBase negotiates a SYN's options on the listener itself before it forks: the
    // child gets the negotiated values, the listener must keep its own for the next SYN.
    bool winScaling = m_winScalingEnabled;
    bool sack = m_sackEnabled;
    bool timestamps = m_timestampEnabled;
    // Linux tcp_fin(): a FIN in ESTABLISHED enters pingpong mode, its ACK is delayed, and a
    // close() by the application meanwhile sends one FIN+ACK instead of ACK then FIN.
    m_deferFinAck = m_state == ESTABLISHED && LinuxHost() && (raw.flags & TcpHeader::FIN);
    TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);
    if (m_listening)
    {
        m_listening->nextFork.reset(); // the application refused the connection
    }
    m_deferFinAck = false;
    m_maxSndWnd = std::max(m_maxSndWnd, m_rWnd.Get()); // tp->max_window
    ArmKeepalive();
    if (before == LISTEN && m_state == LISTEN)
    {
        m_winScalingEnabled = winScaling;
        m_sackEnabled = sack;
        m_txBuffer->SetSackEnabled(sack);
        m_timestampEnabled = timestamps;
    }
}

// RFC 5961 5 and tcp_sequence() need a look only at segments that are outside the window,
// ack something older than SND.UNA - MAX.SND.WND, or ack what was never sent.
bool
TcpRstSocket::FastPathFits(const TcpSegmentNumbers& raw) const
{
    if (m_state == TIME_WAIT || IsStock(TcpRstPolicy::FLAG_VALIDATION))
    {
        return true;
    }
    SequenceNumber32 end = raw.seq + SequenceNumber32(raw.payloadSize);
    SequenceNumber32 sndUna = m_txBuffer->HeadSequence();
    return !(end < GetRcvNxt()) && !(raw.ack < sndUna - static_cast<int32_t>(m_maxSndWnd)) &&
           !(raw.ack > GetSndNxt());
}

} // namespace ns3
