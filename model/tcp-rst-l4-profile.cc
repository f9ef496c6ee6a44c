/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstL4Protocol: the Linux host profile. Its attributes, the values it gives new sockets,
// ISNs and timestamp offsets (net/core/secure_seq.c), the timer wheel, and the options and
// flags Linux puts on segments that ns-3 does not (MSS, PSH, offset TSvals).
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-ns3-version.h"
#include "tcp-rst-socket.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/uinteger.h"

#include <limits>
#include <utility>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstL4Profile");

namespace
{
constexpr uint32_t kIpv4Headers = 40;          // IPv4 + TCP headers without options
constexpr uint32_t kIpv6Headers = 60;          // IPv6 + TCP headers without options
constexpr uint32_t kTimestampOptionSpace = 12; // TCPOLEN_TSTAMP_ALIGNED
constexpr uint8_t kTcpProtocol = 6;            // IPPROTO_TCP
} // namespace

// Binds an attribute to one field of m_profile.
#define TCP_RST_PROFILE_FIELD(make, field)                                                         \
    make(&TcpRstL4Protocol::SetProfileField<&TcpHostProfile::field>,                               \
         &TcpRstL4Protocol::GetProfileField<&TcpHostProfile::field>)

void
TcpRstL4Protocol::AddHostProfileAttributes(TypeId& tid)
{
    const TcpHostProfile defaults;
    tid.AddAttribute(
           "HostProfile",
           "Whose defaults this host uses for what is not a reset policy: Linux (Linux 6.x: "
           "ISNs, timestamps, MSS, windows, handshake and data timers as the attributes below "
           "say) or Ns3 (ns-3's own TcpSocket defaults; the attributes below are ignored).",
           TCP_RST_ENUM_VALUE(TcpHostProfileKind)(TCP_HOST_LINUX),
#if TCP_RST_NS3_MINOR >= 41
           TCP_RST_PROFILE_FIELD(MakeEnumAccessor<TcpHostProfileKind>, kind),
#else
           TCP_RST_PROFILE_FIELD(MakeEnumAccessor, kind),
#endif
           MakeEnumChecker(TCP_HOST_LINUX, "Linux", TCP_HOST_NS3, "Ns3"))
        .AddAttribute("SecureIsn",
                      "secure_tcp_seq(): ISN = keyed hash of the 4-tuple + a clock (RFC 6528). "
                      "false: every ISN is 0, as in ns-3.",
                      BooleanValue(defaults.secureIsn),
                      TCP_RST_PROFILE_FIELD(MakeBooleanAccessor, secureIsn),
                      MakeBooleanChecker())
        .AddAttribute("IsnClockTick",
                      "How long the ISN clock takes to advance by one: 64 ns in Linux "
                      "(ktime_get_real_ns() >> 6); RFC 793 suggests 4 us. Range [1ns, 1s].",
                      TimeValue(defaults.isnClockTick),
                      TCP_RST_PROFILE_FIELD(MakeTimeAccessor, isnClockTick),
                      MakeTimeChecker(NanoSeconds(1), Seconds(1)))
        .AddAttribute("TimestampOffsets",
                      "secure_tcp_ts_off(): TSvals carry a keyed hash of the two addresses as "
                      "offset. false: TSval = simulation time in ms, as in ns-3.",
                      BooleanValue(defaults.timestampOffsets),
                      TCP_RST_PROFILE_FIELD(MakeBooleanAccessor, timestampOffsets),
                      MakeBooleanChecker())
        .AddAttribute("JiffyTimers",
                      "The module's timers (SYN and SYN-ACK retransmission, TCP_TIMEOUT_MIN) "
                      "fire when Linux's timer wheel would: whole jiffies, rounded up to the "
                      "wheel level's granularity. false: exactly on time.",
                      BooleanValue(defaults.jiffyTimers),
                      TCP_RST_PROFILE_FIELD(MakeBooleanAccessor, jiffyTimers),
                      MakeBooleanChecker())
        .AddAttribute("Hz",
                      "CONFIG_HZ: jiffies per second. Range [100, 1000].",
                      UintegerValue(defaults.hz),
                      TCP_RST_PROFILE_FIELD(MakeUintegerAccessor, hz),
                      MakeUintegerChecker<uint32_t>(100, 1000))
        .AddAttribute("InitialRto",
                      "TCP_TIMEOUT_INIT: the first SYN and SYN-ACK retransmission timeout "
                      "(sockets' ConnTimeout). Range [10ms, 120s].",
                      TimeValue(defaults.initialRto),
                      TCP_RST_PROFILE_FIELD(MakeTimeAccessor, initialRto),
                      MakeTimeChecker(MilliSeconds(10), Seconds(120)))
        .AddAttribute("SynRetries",
                      "tcp_syn_retries: SYN retransmissions after the linear ones (sockets' "
                      "ConnCount, Linux TCP_SYNCNT). Range [1, 127].",
                      UintegerValue(defaults.synRetries),
                      TCP_RST_PROFILE_FIELD(MakeUintegerAccessor, synRetries),
                      MakeUintegerChecker<uint32_t>(1, 127))
        .AddAttribute("SynLinearTimeouts",
                      "tcp_syn_linear_timeouts: SYN retransmissions that keep the initial "
                      "timeout before it doubles; they add to SynRetries. Range [0, 127].",
                      UintegerValue(defaults.synLinearTimeouts),
                      TCP_RST_PROFILE_FIELD(MakeUintegerAccessor, synLinearTimeouts),
                      MakeUintegerChecker<uint32_t>(0, 127))
        .AddAttribute("SynAckRetries",
                      "tcp_synack_retries: SYN-ACK retransmissions of a half-open connection "
                      "(1 s doubling) before it is dropped. Range [0, 255].",
                      UintegerValue(defaults.synAckRetries),
                      TCP_RST_PROFILE_FIELD(MakeUintegerAccessor, synAckRetries),
                      MakeUintegerChecker<uint32_t>(0, 255))
        .AddAttribute("RtoMin",
                      "tcp_rto_min_us: the smallest retransmission timeout (sockets' MinRto). "
                      "Range [1ms, 120s].",
                      TimeValue(defaults.rtoMin),
                      TCP_RST_PROFILE_FIELD(MakeTimeAccessor, rtoMin),
                      MakeTimeChecker(MilliSeconds(1), Seconds(120)))
        .AddAttribute("RtoMax",
                      "tcp_rto_max_ms: the largest retransmission timeout. Range [1s, 120s].",
                      TimeValue(defaults.rtoMax),
                      TCP_RST_PROFILE_FIELD(MakeTimeAccessor, rtoMax),
                      MakeTimeChecker(Seconds(1), Seconds(120)))
        .AddAttribute("Retries2",
                      "tcp_retries2: a connection whose data stays unacknowledged for as long "
                      "as this many doubling retransmissions from TCP_RTO_MIN take "
                      "(tcp_model_timeout(); 15: 924.6 s) ends with ETIMEDOUT (sockets' "
                      "DataRetries). Range [1, 255].",
                      UintegerValue(defaults.retries2),
                      TCP_RST_PROFILE_FIELD(MakeUintegerAccessor, retries2),
                      MakeUintegerChecker<uint32_t>(1, 255))
        .AddAttribute("DelayedAckTimeout",
                      "TCP_DELACK_MIN: how long an ACK may wait (sockets' DelAckTimeout). "
                      "Range [1ms, 500ms].",
                      TimeValue(defaults.delayedAck),
                      TCP_RST_PROFILE_FIELD(MakeTimeAccessor, delayedAck),
                      MakeTimeChecker(MilliSeconds(1), MilliSeconds(500)))
        .AddAttribute("QuickAcks",
                      "TCP_MAX_QUICKACKS: at the start of a connection up to this many data "
                      "segments are acknowledged at once (tcp_incr_quickack()). Range [0, 16].",
                      UintegerValue(defaults.quickAcks),
                      TCP_RST_PROFILE_FIELD(MakeUintegerAccessor, quickAcks),
                      MakeUintegerChecker<uint32_t>(0, 16))
        .AddAttribute("Nagle",
                      "Nagle's algorithm on (TCP_NODELAY off; sockets' TcpNoDelay = false).",
                      BooleanValue(defaults.nagle),
                      TCP_RST_PROFILE_FIELD(MakeBooleanAccessor, nagle),
                      MakeBooleanChecker())
        .AddAttribute("MssOption",
                      "SYN and SYN-ACK carry an MSS option (interface MTU minus 40, IPv6 60); "
                      "the segment size becomes min(own, peer's MSS, 536 without one) minus "
                      "12 when timestamps are on (1448 on Ethernet).",
                      BooleanValue(defaults.mssOption),
                      TCP_RST_PROFILE_FIELD(MakeBooleanAccessor, mssOption),
                      MakeBooleanChecker())
        .AddAttribute("LinuxWindows",
                      "tcp_select_initial_window(): SYN window = 65535 rounded down to whole "
                      "MSS (64240 / 65160), then rcv_ssthresh grows by two MSS per data "
                      "segment (tcp_grow_window()) and the window is rounded up to the window "
                      "scale. false: ns-3 advertises its free buffer space.",
                      BooleanValue(defaults.linuxWindows),
                      TCP_RST_PROFILE_FIELD(MakeBooleanAccessor, linuxWindows),
                      MakeBooleanChecker())
        .AddAttribute("RcvBufMax",
                      "tcp_rmem[2]: the receive buffer limit (sockets' RcvBufSize); sets the "
                      "window scale (32 MiB: 10, as Linux 6.18). Range [4096, 1 GiB].",
                      UintegerValue(defaults.rcvBufMax),
                      TCP_RST_PROFILE_FIELD(MakeUintegerAccessor, rcvBufMax),
                      MakeUintegerChecker<uint32_t>(4096, 1U << 30))
        .AddAttribute("SndBufMax",
                      "tcp_wmem[2]: the send buffer limit (sockets' SndBufSize). "
                      "Range [4096, 1 GiB].",
                      UintegerValue(defaults.sndBufMax),
                      TCP_RST_PROFILE_FIELD(MakeUintegerAccessor, sndBufMax),
                      MakeUintegerChecker<uint32_t>(4096, 1U << 30));
}

#undef TCP_RST_PROFILE_FIELD

const TcpHostProfile&
TcpRstL4Protocol::GetHostProfile() const
{
    return m_profile;
}

bool
TcpRstL4Protocol::IsLinuxHost() const
{
    return m_profile.IsLinux();
}

// Linux's default congestion control is CUBIC (tcp_congestion_control); ns-3's default was
// NewReno in older releases (3.37) and CUBIC in newer ones: the Linux profile makes it CUBIC,
// unless the user chose one (this node's SocketType, or its default).
bool
AttributeDefaultChangedByUser(TypeId tid, const std::string& name)
{
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        return false;
    }
    return info.initialValue->SerializeToString(info.checker) !=
           info.originalInitialValue->SerializeToString(info.checker);
}

TypeId
TcpRstL4Protocol::LinuxCongestionControl(TypeId chosen) const
{
    TypeId::AttributeInformation info;
    TcpL4Protocol::GetTypeId().LookupAttributeByName("SocketType", &info);
    bool userChose = AttributeDefaultChangedByUser(TcpL4Protocol::GetTypeId(), "SocketType") ||
                     TypeIdValue(chosen).SerializeToString(info.checker) !=
                         info.originalInitialValue->SerializeToString(info.checker);
    return userChose ? chosen : TypeId::LookupByName("ns3::TcpCubic");
}

void
TcpRstL4Protocol::DrawSecrets()
{
    if (m_secretsDrawn)
    {
        return;
    }
    m_secretsDrawn = true;
    constexpr double kMax32 = std::numeric_limits<uint32_t>::max();
    auto draw64 = [this, kMax32]()
    {
        uint64_t high = m_random->GetInteger(0, kMax32);
        return (high << 32) | m_random->GetInteger(0, kMax32);
    };
    uint64_t isnKey = draw64();
    uint64_t tsKey = draw64();
    m_secure.SetKeys(isnKey, tsKey);
    m_orphanPhaseSeed = tsKey; // where the 100 ms orphan cache ticks, without another draw
    // Jiffies started at boot: where a tick falls within the simulation's first jiffy.
    m_wheel.phase = NanoSeconds(
        static_cast<int64_t>(m_random->GetInteger(0, m_wheel.Jiffy().GetNanoSeconds() - 1)));
}

int64_t
TcpRstL4Protocol::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

SequenceNumber32
TcpRstL4Protocol::InitialSequenceNumber(const Address& local,
                                        uint16_t localPort,
                                        const Address& peer,
                                        uint16_t peerPort)
{
    if (!m_profile.IsLinux() || !m_profile.secureIsn)
    {
        return SequenceNumber32(0);
    }
    DrawSecrets();
    return m_secure.Isn(local, localPort, peer, peerPort, Simulator::Now(), m_profile.isnClockTick);
}

uint32_t
TcpRstL4Protocol::GetTimestampValue(const Address& local, const Address& peer)
{
    if (!m_profile.IsLinux())
    {
        return TcpOptionTS::NowToTsValue();
    }
    return LinuxClockMs() + TimestampShift(local, peer);
}

// tcp_clock_ms(): whole milliseconds, truncated (ns-3 releases differ in how they round
// NowToTsValue(), which would make the same run differ between them).
uint32_t
TcpRstL4Protocol::LinuxClockMs()
{
    return static_cast<uint32_t>(Simulator::Now().GetNanoSeconds() / 1000000);
}

// What this host adds to its millisecond clock: secure_tcp_ts_off(), minus the boot
// time (tcp_clock_ms() counts from boot).
uint32_t
TcpRstL4Protocol::TimestampShift(const Address& local, const Address& peer)
{
    if (!m_profile.IsLinux())
    {
        return 0;
    }
    uint32_t shift = -static_cast<uint32_t>(m_bootTime.GetMilliSeconds());
    if (m_profile.timestampOffsets)
    {
        DrawSecrets();
        shift += m_secure.TimestampOffset(local, peer);
    }
    return shift;
}

Time
TcpRstL4Protocol::TimerDelay(Time timeout)
{
    if (!m_profile.IsLinux())
    {
        return timeout;
    }
    DrawSecrets();
    return m_wheel.Delay(timeout, Simulator::Now());
}

uint32_t
TcpRstL4Protocol::GetAdvertisedMss(const Address& address) const
{
    Address local = address;
    if (InetSocketAddress::IsMatchingType(address))
    {
        local = InetSocketAddress::ConvertFrom(address).GetIpv4();
    }
    else if (Inet6SocketAddress::IsMatchingType(address))
    {
        local = Inet6SocketAddress::ConvertFrom(address).GetIpv6();
    }
    if (Ipv4Address::IsMatchingType(local))
    {
        Ptr<Ipv4> ipv4 = m_node ? m_node->GetObject<Ipv4>() : nullptr;
        int32_t i = ipv4 ? ipv4->GetInterfaceForAddress(Ipv4Address::ConvertFrom(local)) : -1;
        return (i >= 0 ? ipv4->GetMtu(i) : 1500) - kIpv4Headers;
    }
    if (Ipv6Address::IsMatchingType(local))
    {
        Ptr<Ipv6> ipv6 = m_node ? m_node->GetObject<Ipv6>() : nullptr;
        int32_t i = ipv6 ? ipv6->GetInterfaceForAddress(Ipv6Address::ConvertFrom(local)) : -1;
        return (i >= 0 ? ipv6->GetMtu(i) : 1500) - kIpv6Headers;
    }
    return 1500 - kIpv4Headers;
}

void
TcpRstL4Protocol::SetPushOnNextSegment(bool push)
{
    m_pushNext = push;
}

namespace
{
/// A copy of \p h with other options (\p options) in the order given.
TcpHeader
WithOptions(const TcpHeader& h, const std::vector<Ptr<const TcpOption>>& options, uint8_t flags)
{
    TcpHeader out;
    out.SetSourcePort(h.GetSourcePort());
    out.SetDestinationPort(h.GetDestinationPort());
    out.SetSequenceNumber(h.GetSequenceNumber());
    out.SetAckNumber(h.GetAckNumber());
    out.SetFlags(flags);
    out.SetWindowSize(h.GetWindowSize());
    out.SetUrgentPointer(h.GetUrgentPointer());
    for (const Ptr<const TcpOption>& option : options)
    {
        out.AppendOption(option);
    }
    return out;
}

/// The segment's checksum is right (or checksums are off).
bool
ChecksumOk(Ptr<const Packet> p, const Address& source, const Address& destination)
{
    if (!Node::ChecksumEnabled())
    {
        return true;
    }
    TcpHeader check;
    check.EnableChecksums();
    check.InitializeChecksum(source, destination, kTcpProtocol);
    p->PeekHeader(check);
    return check.IsChecksumOk();
}

void
PutHeader(Ptr<Packet> p, TcpHeader h, const Address& source, const Address& destination)
{
    if (Node::ChecksumEnabled())
    {
        h.EnableChecksums();
        h.InitializeChecksum(source, destination, kTcpProtocol);
    }
    p->AddHeader(h);
}
} // namespace

// What Linux puts on a segment that TcpSocketBase does not: the MSS option on SYNs
// (tcp_syn_options(), first, as Linux orders it), PSH on the last segment of a write
// (tcp_mark_push()), and TSval + secure_tcp_ts_off().
void
TcpRstL4Protocol::RewriteOutgoing(Ptr<Packet> p, const Address& source, const Address& destination)
{
    bool push = m_pushNext;
    m_pushNext = false;
    if (!m_profile.IsLinux())
    {
        return;
    }
    TcpHeader h;
    uint32_t headerSize = p->PeekHeader(h);
    bool addMss =
        (h.GetFlags() & TcpHeader::SYN) && m_profile.mssOption && !h.HasOption(TcpOption::MSS);
    uint32_t shift = h.HasOption(TcpOption::TS) ? TimestampShift(source, destination) : 0;
    bool offsetTs = h.HasOption(TcpOption::TS);
    bool addPush = push && p->GetSize() > headerSize && !(h.GetFlags() & TcpHeader::PSH);
    if (!addMss && !offsetTs && !addPush)
    {
        return;
    }
    std::vector<Ptr<const TcpOption>> options;
    if (addMss)
    {
        Ptr<TcpOptionMSS> mss = CreateObject<TcpOptionMSS>();
        mss->SetMSS(static_cast<uint16_t>(GetAdvertisedMss(source)));
        options.push_back(mss);
    }
    for (const Ptr<const TcpOption>& option : h.GetOptionList())
    {
        if (offsetTs && option->GetKind() == TcpOption::TS)
        {
            auto ts = DynamicCast<const TcpOptionTS>(option);
            Ptr<TcpOptionTS> shifted = CreateObject<TcpOptionTS>();
            uint32_t clock = LinuxClockMs();
            if (m_cookieTimestamp && (h.GetFlags() & TcpHeader::SYN))
            {
                clock = TcpSynCookie::EncodeTimestamp(clock, *m_cookieTimestamp);
            }
            shifted->SetTimestamp(clock + shift);
            shifted->SetEcho(ts->GetEcho());
            options.push_back(shifted);
            continue;
        }
        options.push_back(option);
    }
    uint8_t flags = h.GetFlags() | (addPush ? TcpHeader::PSH : 0);
    p->RemoveHeader(h);
    PutHeader(p, WithOptions(h, options, flags), source, destination);
}

// The peer echoes our TSval with our offset in it: take it out before TcpSocketBase measures
// the RTT with it (Linux compares tsecr with tcp_clock + ts_off the same way).
void
TcpRstL4Protocol::RewriteIncoming(Ptr<Packet> p, const Address& source, const Address& destination)
{
    if (!m_profile.IsLinux())
    {
        return;
    }
    TcpHeader h;
    p->PeekHeader(h);
    if (!h.HasOption(TcpOption::TS))
    {
        return;
    }
    auto ts = DynamicCast<const TcpOptionTS>(h.GetOption(TcpOption::TS));
    uint32_t shift = TimestampShift(destination, source);
    if (ts->GetEcho() == 0 || shift == 0 || !ChecksumOk(p, source, destination))
    {
        return;
    }
    std::vector<Ptr<const TcpOption>> options;
    for (const Ptr<const TcpOption>& option : h.GetOptionList())
    {
        if (option->GetKind() == TcpOption::TS)
        {
            Ptr<TcpOptionTS> local = CreateObject<TcpOptionTS>();
            local->SetTimestamp(ts->GetTimestamp());
            local->SetEcho(ts->GetEcho() - shift);
            options.push_back(local);
            continue;
        }
        options.push_back(option);
    }
    p->RemoveHeader(h);
    PutHeader(p, WithOptions(h, options, h.GetFlags()), source, destination);
}

} // namespace ns3
