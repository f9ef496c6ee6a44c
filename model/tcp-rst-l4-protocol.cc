/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-rst-l4-protocol.h"

#include "tcp-reset-shapes.h"
#include "tcp-rst-ns3-version.h"
#include "tcp-rst-reason-tag.h"
#include "tcp-rst-socket-factory.h"
#include "tcp-rst-socket.h"
#include "tcp-segment-check.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-route.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/object-ptr-container.h"
#include "ns3/rtt-estimator.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-recovery-ops.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/type-id.h"

#include <stdexcept>
#include <string>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstL4Protocol");

NS_OBJECT_ENSURE_REGISTERED(TcpRstL4Protocol);

TypeId
TcpRstL4Protocol::GetTypeId()
{
    static TypeId tid = []()
    {
        TypeId t = TypeId("ns3::TcpRstL4Protocol")
                       .SetParent<TcpL4Protocol>()
                       .SetGroupName("TcpRst")
                       .AddConstructor<TcpRstL4Protocol>();
        AddPolicyAttributes(t, TcpRstPolicyScope::HOST, &TcpRstL4Protocol::PolicySetOf);
        AddHostProfileAttributes(t);
        AddHostSysctlAttributes(t);
        t.AddAttribute("TimeoutMin",
                       "Linux TCP_TIMEOUT_MIN (2 jiffies; 8 ms at HZ=250): a SYN_SENT "
                       "socket that resets an unacceptable SYN-ACK re-sends its SYN this "
                       "long after (on the timer wheel under JiffyTimers: 8 to 12 ms), if it "
                       "has not retransmitted yet. Range [1ms, 1s].",
                       TimeValue(MilliSeconds(8)),
                       MakeTimeAccessor(&TcpRstL4Protocol::m_timeoutMin),
                       MakeTimeChecker(MilliSeconds(1), Seconds(1)))
            .AddAttribute("FastDemux",
                          "Find a connected IPv4 socket's segments through a hash table on the "
                          "4-tuple (Linux's established hash) instead of ns-3's scan over every "
                          "endpoint of the node; the same segments reach the same sockets "
                          "either way. Listeners, wildcards and device-bound sockets are always "
                          "scanned.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&TcpRstL4Protocol::m_fastDemux),
                          MakeBooleanChecker())
            // Last: its values override the defaults set above, not the other way round.
            .AddAttribute("StackProfile",
                          "Whose TCP this node runs: Linux (6.x, every default), Linux-4.4, "
                          "Ns3, FreeBSD, macOS or Windows (table: ./tcp-rst profiles). Sets "
                          "the node's knobs and host policies, and the socket policies of every "
                          "socket the node creates; attributes whose default the user changed "
                          "keep the user's value. Set once, before the node has sockets.",
                          StringValue("Linux"),
                          MakeStringAccessor(&TcpRstL4Protocol::SetStackProfile,
                                             &TcpRstL4Protocol::GetStackProfile),
                          MakeStringChecker())
            .AddTraceSource("ResetSent",
                            "A reset left this node (reason, node, addresses, header).",
                            MakeTraceSourceAccessor(&TcpRstL4Protocol::m_resetSent),
                            "ns3::TcpRstL4Protocol::ResetTracedCallback")
            .AddTraceSource("OrphanCount",
                            "Connections of this node closed by their application and not yet "
                            "gone (tcp_orphan_count).",
                            MakeTraceSourceAccessor(&TcpRstL4Protocol::m_orphanCount),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("ResetReceived",
                            "A reset reached this node (sender's reason, node, addresses, "
                            "header, what was done with it).",
                            MakeTraceSourceAccessor(&TcpRstL4Protocol::m_resetReceived),
                            "ns3::TcpRstL4Protocol::ResetTracedCallback");
        return t;
    }();
    return tid;
}

TcpRstPolicySet*
TcpRstL4Protocol::PolicySetOf(ObjectBase* object)
{
    return &static_cast<TcpRstL4Protocol*>(object)->m_policies;
}

int
TcpRstL4Protocol::GetPolicy(TcpRstPolicy id) const
{
    return m_policies.Get(id);
}

TcpRstL4Protocol::TcpRstL4Protocol()
    : m_random(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

TcpRstL4Protocol::~TcpRstL4Protocol()
{
    NS_LOG_FUNCTION(this);
}

void
TcpRstL4Protocol::NotifyNewAggregate()
{
    NS_LOG_FUNCTION(this);
    // TcpL4Protocol aggregates its own TcpSocketFactoryImpl only while its node is unset: set
    // the node first and aggregate ours instead, so every TCP socket of the node is ours.
    Ptr<Node> node = GetObject<Node>();
    if (!m_node && node && (GetObject<Ipv4>() || node->GetObject<Ipv6>()))
    {
        m_node = node;
        SetNode(node);
        Ptr<TcpRstSocketFactory> factory = CreateObject<TcpRstSocketFactory>();
        factory->SetTcp(this);
        node->AggregateObject(factory);
    }
    TcpL4Protocol::NotifyNewAggregate();
}

void
TcpRstL4Protocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_held.clear();
    for (auto& [key, entry] : m_timeWait)
    {
        entry.expiry.Cancel();
    }
    m_timeWait.clear();
    m_ipv4Down = IpL4Protocol::DownTargetCallback();
    m_ipv6Down = IpL4Protocol::DownTargetCallback6();
    m_node = nullptr;
    m_random = nullptr;
    TcpL4Protocol::DoDispose();
}

namespace
{
/// \param name an attribute of TcpL4Protocol \return its accessor
Ptr<const AttributeAccessor>
TcpL4Accessor(const std::string& name)
{
    TypeId::AttributeInformation info;
    bool found = TcpL4Protocol::GetTypeId().LookupAttributeByName(name, &info);
    NS_ABORT_MSG_UNLESS(found, "TcpL4Protocol has no attribute " << name);
    return info.accessor;
}
} // namespace

Ptr<Socket>
TcpRstL4Protocol::CreateRstSocket()
{
    NS_LOG_FUNCTION(this);
    // Through accessors found once: by name, each read costs ~30 k instructions
    // (TypeId::LookupAttributeByName copies every attribute's information).
    static const Ptr<const AttributeAccessor> rttAccessor = TcpL4Accessor("RttEstimatorType");
    static const Ptr<const AttributeAccessor> congestionAccessor = TcpL4Accessor("SocketType");
    static const Ptr<const AttributeAccessor> recoveryAccessor = TcpL4Accessor("RecoveryType");
    TypeIdValue rttType;
    TypeIdValue congestionType;
    TypeIdValue recoveryType;
    rttAccessor->Get(this, rttType);
    congestionAccessor->Get(this, congestionType);
    recoveryAccessor->Get(this, recoveryType);
    if (m_profile.IsLinux())
    {
        congestionType.Set(LinuxCongestionControl(congestionType.Get()));
    }

    ObjectFactory factory;
    factory.SetTypeId(rttType.Get());
    Ptr<RttEstimator> rtt = factory.Create<RttEstimator>();
    factory.SetTypeId(congestionType.Get());
    Ptr<TcpCongestionOps> congestion = factory.Create<TcpCongestionOps>();
    factory.SetTypeId(recoveryType.Get());
    Ptr<TcpRecoveryOps> recovery = factory.Create<TcpRecoveryOps>();

    Ptr<TcpRstSocket> socket = CreateObject<TcpRstSocket>();
    socket->SetNode(m_node);
    socket->SetTcp(this);
    socket->SetRtt(rtt);
    socket->SetCongestionControlAlgorithm(congestion);
    socket->SetRecoveryAlgorithm(recovery);
    if (m_socketProfile)
    {
        m_socketProfile->Apply(PeekPointer(socket),
                               *TcpRstSocket::PolicySetOf(PeekPointer(socket)));
    }
    socket->ApplyHostProfile();
    AddSocket(socket);
    return socket;
}

void
TcpRstL4Protocol::SetStackProfile(const std::string& name)
{
    const TcpStackProfile& profile = FindStackProfile(name);
    if (name == m_stackProfile)
    {
        return;
    }
    std::string node = m_node ? "node " + std::to_string(m_node->GetId()) : "a node";
    if (m_stackProfile != "Linux")
    {
        throw std::invalid_argument("StackProfile: " + node + " already runs " + m_stackProfile +
                                    ", it cannot also run " + name + " (one stack per node)");
    }
    if (!GetSockets().empty())
    {
        throw std::logic_error("StackProfile: " + node +
                               " already has sockets; choose its stack profile (" + name +
                               ") before it creates any");
    }
    NS_LOG_FUNCTION(this << name);
    TcpStackSettings(profile, "ns3::TcpRstL4Protocol").Apply(this, m_policies);
    m_socketProfile = std::make_unique<TcpStackSettings>(profile, "ns3::TcpRstSocket");
    if (m_socketProfile->IsEmpty())
    {
        m_socketProfile.reset();
    }
    m_stackProfile = name;
}

std::string
TcpRstL4Protocol::GetStackProfile() const
{
    return m_stackProfile;
}

std::vector<Ptr<TcpRstSocket>>
TcpRstL4Protocol::GetSockets() const
{
    ObjectPtrContainerValue sockets;
    GetAttribute("SocketList", sockets);
    std::vector<Ptr<TcpRstSocket>> result;
    for (auto it = sockets.Begin(); it != sockets.End(); ++it)
    {
        Ptr<TcpRstSocket> socket = DynamicCast<TcpRstSocket>(it->second);
        if (socket)
        {
            result.push_back(socket);
        }
    }
    return result;
}

uint32_t
TcpRstL4Protocol::DiscardAllSockets()
{
    NS_LOG_FUNCTION(this);
    uint32_t count = 0;
    for (const Ptr<TcpRstSocket>& socket : GetSockets())
    {
        socket->Discard();
        ++count;
    }
    return count;
}

void
TcpRstL4Protocol::Crash()
{
    NS_LOG_FUNCTION(this);
    if (!m_up)
    {
        throw std::logic_error("TcpRstL4Protocol::Crash: node " +
                               std::to_string(m_node ? m_node->GetId() : 0) + " is already down");
    }
    m_up = false;
    DiscardAllSockets();
    for (auto& [key, entry] : m_timeWait)
    {
        entry.expiry.Cancel();
    }
    m_timeWait.clear();
    m_timeWaitIsn.clear();
    m_connections.Clear();
    m_orphans.Clear();
    m_orphanCount = 0;
}

void
TcpRstL4Protocol::Reboot()
{
    NS_LOG_FUNCTION(this);
    if (m_up)
    {
        throw std::logic_error("TcpRstL4Protocol::Reboot: node " +
                               std::to_string(m_node ? m_node->GetId() : 0) + " is not down");
    }
    m_up = true;
    m_bootTime = Simulator::Now();
    m_secretsDrawn = false; // a boot draws new keys
}

bool
TcpRstL4Protocol::IsUp() const
{
    return m_up;
}

TcpRstCounters&
TcpRstL4Protocol::GetCounters()
{
    return m_counters;
}

const TcpRstCounters&
TcpRstL4Protocol::GetCounters() const
{
    return m_counters;
}

Time
TcpRstL4Protocol::GetTimeoutMin() const
{
    return m_timeoutMin;
}

void
TcpRstL4Protocol::SendReset(RstReason reason,
                            const TcpHeader& reset,
                            const Address& from,
                            const Address& to,
                            Ptr<NetDevice> oif)
{
    NS_LOG_FUNCTION(this << reason << reset << from << to);
    NS_ABORT_MSG_UNLESS(reset.GetFlags() & TcpHeader::RST,
                        "TcpRstL4Protocol::SendReset: header has no RST flag: " << reset);
    TcpResetEvent event;
    event.time = Simulator::Now();
    event.nodeId = m_node ? m_node->GetId() : 0;
    event.reason = reason;
    event.sent = true;
    event.source = SocketAddressOf(from, reset.GetSourcePort());
    event.destination = SocketAddressOf(to, reset.GetDestinationPort());
    event.header = reset;
    event.disposition = RstDisposition::SENT;
    m_counters.CountSent(reason);
    m_resetSent(event);

    Ptr<Packet> packet = Create<Packet>();
    packet->AddPacketTag(TcpRstReasonTag(reason));
    SendPacket(packet, reset, IpAddressOf(from), IpAddressOf(to), oif);
}

void
TcpRstL4Protocol::ReplyWithReset(RstReason reason,
                                 const TcpHeader& offending,
                                 uint32_t payloadSize,
                                 const Address& offendingSource,
                                 const Address& offendingDestination)
{
    SendReply(
        reason, NoSocketResetShape(offending, payloadSize), offendingDestination, offendingSource);
}

// FreeBSD tcp_dropwithreset() -> badport_bandlim(): replies are limited, active resets are not.
void
TcpRstL4Protocol::SendReply(RstReason reason,
                            const TcpHeader& reset,
                            const Address& from,
                            const Address& to)
{
    if (m_policies.Get(TcpRstPolicy::RESET_RATE_LIMIT) == ResetRateLimit::BANDLIM &&
        !m_resetReplies.Take(Simulator::Now(), m_sysctls.icmpLim))
    {
        NS_LOG_LOGIC("reset reply suppressed: more than " << m_sysctls.icmpLim << " this second");
        m_counters.Increment(TcpStat::RstRateLimited);
        return;
    }
    SendReset(reason, reset, from, to);
}

// FreeBSD tcp_input(), findpcb: no inpcb -> with blackhole 1 a SYN, with 2 anything, is dropped
// without a reset.
bool
TcpRstL4Protocol::BlackholeDrops(const TcpHeader& segment)
{
    int blackhole = m_policies.Get(TcpRstPolicy::BLACKHOLE);
    if (blackhole == Blackhole::ALL ||
        (blackhole == Blackhole::SYN && (segment.GetFlags() & TcpHeader::SYN)))
    {
        m_counters.Increment(TcpStat::BlackholeDrops);
        return true;
    }
    return false;
}

void
TcpRstL4Protocol::NotifyResetReceived(Ptr<const Packet> packet,
                                      const TcpHeader& reset,
                                      const Address& source,
                                      const Address& destination,
                                      RstDisposition disposition)
{
    TcpRstReasonTag tag;
    RstReason reason = packet->PeekPacketTag(tag) ? tag.GetReason() : RstReason::NOT_SPECIFIED;
    TcpResetEvent event;
    event.time = Simulator::Now();
    event.nodeId = m_node ? m_node->GetId() : 0;
    event.reason = reason;
    event.sent = false;
    event.source = SocketAddressOf(source, reset.GetSourcePort());
    event.destination = SocketAddressOf(destination, reset.GetDestinationPort());
    event.header = reset;
    event.disposition = disposition;
    m_counters.CountReceived(reason);
    if (disposition != RstDisposition::CONNECTION_RESET &&
        disposition != RstDisposition::HALF_OPEN_FREED &&
        disposition != RstDisposition::PASSED_TO_STOCK)
    {
        m_counters.Increment(TcpStat::RstsIgnored);
    }
    m_resetReceived(event);
}

// While TcpL4Protocol::Receive() runs, segments sent towards IP are held; when it reports that
// no endpoint matched, the one it held is NoEndPointsFound()'s stock reply, which is dropped
// and replaced by AnswerNoSocket(). Otherwise everything held is released in order, at once.
void
TcpRstL4Protocol::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_ipv4Down = cb;
    TcpL4Protocol::SetDownTarget(MakeCallback(&TcpRstL4Protocol::SendDown, this));
}

void
TcpRstL4Protocol::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_ipv6Down = cb;
    TcpL4Protocol::SetDownTarget6(MakeCallback(&TcpRstL4Protocol::SendDown6, this));
}

void
TcpRstL4Protocol::SendDown(
    Ptr<Packet> p, Ipv4Address s, Ipv4Address d, uint8_t proto, Ptr<Ipv4Route> r)
{
    if (!m_up)
    {
        return; // a crashed host sends nothing
    }
    if (m_discardNext)
    {
        m_discardNext = false;
        return;
    }
    if (m_profile.IsLinux()) // the addresses are converted only where they are used
    {
        RewriteOutgoing(p, s, d);
    }
    else
    {
        m_pushNext = false;
    }
    if (m_rxDepth > 0)
    {
        m_held.push_back({p, s, d, proto, r, nullptr, false});
        return;
    }
    m_ipv4Down(p, s, d, proto, r);
}

void
TcpRstL4Protocol::SendDown6(
    Ptr<Packet> p, Ipv6Address s, Ipv6Address d, uint8_t proto, Ptr<Ipv6Route> r)
{
    if (!m_up)
    {
        return;
    }
    if (m_discardNext)
    {
        m_discardNext = false;
        return;
    }
    if (m_profile.IsLinux()) // the addresses are converted only where they are used
    {
        RewriteOutgoing(p, s, d);
    }
    else
    {
        m_pushNext = false;
    }
    if (m_rxDepth > 0)
    {
        m_held.push_back({p, s, d, proto, nullptr, r, true});
        return;
    }
    m_ipv6Down(p, s, d, proto, r);
}

IpL4Protocol::RxStatus
TcpRstL4Protocol::Receive(Ptr<Packet> p,
                          const Ipv4Header& incomingIpHeader,
                          Ptr<Ipv4Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p << incomingIpHeader);
    if (!m_up)
    {
        return IpL4Protocol::RX_OK; // a crashed host hears nothing
    }
    if (!TcpHeaderIsWellFormed(p))
    {
        return DropMalformed(p);
    }
    SanitizeOptions(p);
    if (m_profile.IsLinux()) // the addresses are converted only where they are used
    {
        RewriteIncoming(p, incomingIpHeader.GetSource(), incomingIpHeader.GetDestination());
    }
    if (!m_timeWait.empty() &&
        ReceiveInTimeWait(p, incomingIpHeader.GetSource(), incomingIpHeader.GetDestination()))
    {
        return IpL4Protocol::RX_OK;
    }
    IpL4Protocol::RxStatus status;
    if (ReceiveOnConnection(p, incomingIpHeader, incomingInterface, &status))
    {
        return status; // a connected socket took it: no stock no-socket reset to hold back
    }
    ++m_rxDepth;
    status = TcpL4Protocol::Receive(p, incomingIpHeader, incomingInterface);
    return FinishReceive(
        status, p, incomingIpHeader.GetSource(), incomingIpHeader.GetDestination());
}

IpL4Protocol::RxStatus
TcpRstL4Protocol::Receive(Ptr<Packet> p,
                          const Ipv6Header& incomingIpHeader,
                          Ptr<Ipv6Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p);
    if (m_rxDepth > 0)
    {
        // TcpL4Protocol retries an unmatched IPv4 segment as IPv4-mapped IPv6: the outer
        // Receive() decides.
        return TcpL4Protocol::Receive(p, incomingIpHeader, incomingInterface);
    }
    if (!m_up)
    {
        return IpL4Protocol::RX_OK;
    }
    if (!TcpHeaderIsWellFormed(p))
    {
        return DropMalformed(p);
    }
    SanitizeOptions(p);
    if (m_profile.IsLinux()) // the addresses are converted only where they are used
    {
        RewriteIncoming(p, incomingIpHeader.GetSource(), incomingIpHeader.GetDestination());
    }
    if (!m_timeWait.empty() &&
        ReceiveInTimeWait(p, incomingIpHeader.GetSource(), incomingIpHeader.GetDestination()))
    {
        return IpL4Protocol::RX_OK;
    }
    ++m_rxDepth;
    IpL4Protocol::RxStatus status = TcpL4Protocol::Receive(p, incomingIpHeader, incomingInterface);
    return FinishReceive(
        status, p, incomingIpHeader.GetSource(), incomingIpHeader.GetDestination());
}

// Linux tcp_parse_options(): options it cannot parse are ignored, the segment is processed.
void
TcpRstL4Protocol::SanitizeOptions(Ptr<Packet> p)
{
    if (MakeTcpOptionsParsable(p))
    {
        NS_LOG_INFO("malformed TCP options ignored, as Linux does");
        m_counters.Increment(TcpStat::OptionsIgnored);
    }
}

// Linux tcp_v4_rcv(): a header that cannot be parsed is dropped (TcpInErrs), never answered.
IpL4Protocol::RxStatus
TcpRstL4Protocol::DropMalformed(Ptr<Packet> p)
{
    NS_LOG_WARN("malformed TCP header (" << p->GetSize() << " bytes): dropped");
    m_counters.Increment(TcpStat::InErrs);
    return IpL4Protocol::RX_CSUM_FAILED; // IP drops it silently, as for a bad checksum
}

IpL4Protocol::RxStatus
TcpRstL4Protocol::FinishReceive(IpL4Protocol::RxStatus status,
                                Ptr<Packet> p,
                                const Address& source,
                                const Address& destination)
{
    --m_rxDepth;
    std::vector<HeldSegment> held;
    held.swap(m_held);
    if (status == IpL4Protocol::RX_ENDPOINT_CLOSED)
    {
        ReturnCapacity(held);
        AnswerNoSocket(p, source, destination);
        return status;
    }
    for (const HeldSegment& segment : held)
    {
        if (segment.ipv6)
        {
            m_ipv6Down(segment.packet,
                       Ipv6Address::ConvertFrom(segment.source),
                       Ipv6Address::ConvertFrom(segment.destination),
                       segment.protocol,
                       segment.route6);
        }
        else
        {
            m_ipv4Down(segment.packet,
                       Ipv4Address::ConvertFrom(segment.source),
                       Ipv4Address::ConvertFrom(segment.destination),
                       segment.protocol,
                       segment.route);
        }
    }
    ReturnCapacity(held);
    return status;
}

void
TcpRstL4Protocol::ReturnCapacity(std::vector<HeldSegment>& held)
{
    // Keep the buffer's memory for the next segment instead of allocating per segment.
    held.clear();
    if (m_held.empty())
    {
        m_held.swap(held);
    }
}

// Linux tcp_v4_rcv() `no_tcp_socket`: a segment for no connection and no listener is answered
// with tcp_v4_send_reset(), unless it is itself a reset.
void
TcpRstL4Protocol::AnswerNoSocket(Ptr<Packet> p, const Address& source, const Address& destination)
{
    TcpHeader header; // well formed: Receive() checked it before TcpL4Protocol saw it
    uint32_t headerSize = p->PeekHeader(header);
    uint32_t payloadSize = p->GetSize() - headerSize;
    if (header.GetFlags() & TcpHeader::RST)
    {
        NotifyResetReceived(p, header, source, destination, RstDisposition::IGNORED_NO_SOCKET);
        return;
    }
    if (BlackholeDrops(header))
    {
        return;
    }
    TcpHeader reply = m_policies.IsStock(TcpRstPolicy::NO_SOCKET_REPLY)
                          ? StockNoSocketResetShape(header)
                          : NoSocketResetShape(header, payloadSize);
    SendReply(RstReason::NO_SOCKET, reply, destination, source);
}

} // namespace ns3
