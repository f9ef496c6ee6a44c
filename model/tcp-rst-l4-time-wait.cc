/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstL4Protocol: the node's timewait entries (Linux inet_timewait_sock, tcp_v4_rcv()
// do_time_wait) and its orphan count (tcp_orphan_count, tcp_too_many_orphans()).
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"
#include "tcp-segment-check.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-option-ts.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstL4TimeWait");

namespace
{
// A socket address's IP (16 bytes, an IPv4 address in the first 4) and port.
std::pair<std::array<uint8_t, 16>, uint16_t>
KeyPart(const Address& address)
{
    std::array<uint8_t, 16> bytes{};
    if (InetSocketAddress::IsMatchingType(address))
    {
        InetSocketAddress inet = InetSocketAddress::ConvertFrom(address);
        inet.GetIpv4().Serialize(bytes.data());
        return {bytes, inet.GetPort()};
    }
    Inet6SocketAddress inet6 = Inet6SocketAddress::ConvertFrom(address);
    Ipv6Address ip6 = inet6.GetIpv6();
    if (ip6.IsIpv4MappedAddress())
    {
        ip6.GetIpv4MappedAddress().Serialize(bytes.data());
    }
    else
    {
        ip6.Serialize(bytes.data());
    }
    return {bytes, inet6.GetPort()};
}

} // namespace

TcpRstL4Protocol::TimeWaitKey
TcpRstL4Protocol::MakeTimeWaitKey(const Address& local, const Address& peer)
{
    auto [localIp, localPort] = KeyPart(local);
    auto [peerIp, peerPort] = KeyPart(peer);
    return {localIp, localPort, peerIp, peerPort};
}

// Linux tcp_time_wait(): no entry when tcp_max_tw_buckets are in use (TCPTimeWaitOverflow).
bool
TcpRstL4Protocol::EnterTimeWait(const TcpTimeWaitState& state,
                                const Address& local,
                                const Address& peer,
                                Time timeout)
{
    NS_LOG_FUNCTION(this << local << peer << timeout);
    if (m_timeWait.size() >= m_sysctls.maxTwBuckets)
    {
        m_counters.Increment(TcpStat::TimeWaitOverflow);
        return false;
    }
    TimeWaitKey key = MakeTimeWaitKey(local, peer);
    TimeWaitEntry& entry = m_timeWait[key];
    entry.expiry.Cancel();
    entry.state = state;
    entry.local = local;
    entry.peer = peer;
    m_counters.Increment(TcpStat::TimeWaited);
    ArmTimeWait(key, entry, timeout);
    return true;
}

void
TcpRstL4Protocol::ArmTimeWait(const TimeWaitKey& key, TimeWaitEntry& entry, Time timeout)
{
    entry.expiry.Cancel();
    entry.expiry =
        Simulator::Schedule(TimerDelay(timeout), &TcpRstL4Protocol::ExpireTimeWait, this, key);
}

void
TcpRstL4Protocol::ExpireTimeWait(TimeWaitKey key)
{
    m_timeWait.erase(key);
}

uint32_t
TcpRstL4Protocol::GetTimeWaitCount() const
{
    return static_cast<uint32_t>(m_timeWait.size());
}

const TcpTimeWaitState*
TcpRstL4Protocol::FindTimeWait(const Address& local, const Address& peer) const
{
    auto it = m_timeWait.find(MakeTimeWaitKey(local, peer));
    return it == m_timeWait.end() ? nullptr : &it->second.state;
}

uint32_t
TcpRstL4Protocol::KillTimeWait()
{
    NS_LOG_FUNCTION(this);
    uint32_t killed = 0;
    for (auto it = m_timeWait.begin(); it != m_timeWait.end();)
    {
        if (it->second.state.substate != TcpTimeWaitState::TIME_WAIT)
        {
            ++it; // an orphan's FIN_WAIT_2 is not in state time-wait
            continue;
        }
        it->second.expiry.Cancel();
        it = m_timeWait.erase(it);
        ++killed;
    }
    for (const Ptr<TcpRstSocket>& socket : GetSockets())
    {
        if (socket->GetState() == TcpSocket::TIME_WAIT)
        {
            socket->Discard();
            ++killed;
        }
    }
    return killed;
}

std::optional<SequenceNumber32>
TcpRstL4Protocol::TakeTimeWaitIsn(const Address& local, const Address& peer)
{
    if (m_timeWaitIsn.empty())
    {
        return std::nullopt;
    }
    auto it = m_timeWaitIsn.find(MakeTimeWaitKey(local, peer));
    if (it == m_timeWaitIsn.end())
    {
        return std::nullopt;
    }
    SequenceNumber32 isn = it->second;
    m_timeWaitIsn.erase(it);
    return isn;
}

bool
TcpRstL4Protocol::HasTimeWaitIsn(const Address& local, const Address& peer) const
{
    return !m_timeWaitIsn.empty() && m_timeWaitIsn.count(MakeTimeWaitKey(local, peer)) != 0;
}

bool
TcpRstL4Protocol::HasListener(const Address& local) const
{
    auto [ip, port] = KeyPart(local);
    for (const Ptr<TcpRstSocket>& socket : GetSockets())
    {
        Address bound;
        if (socket->GetState() != TcpSocket::LISTEN || socket->GetSockName(bound) != 0)
        {
            continue;
        }
        auto [boundIp, boundPort] = KeyPart(bound);
        if (boundPort == port && (boundIp == ip || boundIp == std::array<uint8_t, 16>{}))
        {
            return true;
        }
    }
    return false;
}

// Linux tcp_v4_rcv() do_time_wait: the established table (timewait entries included) is
// looked up before the listeners.
bool
TcpRstL4Protocol::ReceiveInTimeWait(Ptr<Packet> p,
                                    const Address& source,
                                    const Address& destination)
{
    // Ports from the raw bytes: most segments of a busy node miss the table.
    TcpSegmentNumbers raw = PeekTcpNumbers(p);
    Address local = SocketAddressOf(destination, raw.destinationPort);
    Address peer = SocketAddressOf(source, raw.sourcePort);
    TimeWaitKey key = MakeTimeWaitKey(local, peer);
    auto it = m_timeWait.find(key);
    if (it == m_timeWait.end())
    {
        return false;
    }
    TcpHeader header;
    uint32_t payloadSize = p->GetSize() - p->PeekHeader(header);
    TimeWaitEntry& entry = it->second;
    TcpTimeWaitVerdict verdict = TcpTimeWaitProcess(entry.state,
                                                    header,
                                                    payloadSize,
                                                    m_sysctls.rfc1337,
                                                    m_sysctls.invalidRateLimit,
                                                    Simulator::Now());
    if (header.GetFlags() & TcpHeader::RST)
    {
        NotifyResetReceived(p,
                            header,
                            source,
                            destination,
                            verdict.action == TcpTimeWaitVerdict::KILL
                                ? RstDisposition::TIME_WAIT_ENDED
                                : RstDisposition::IGNORED_STATE);
    }
    if (verdict.pawsRejected)
    {
        m_counters.Increment(TcpStat::PawsTimewait);
    }
    if (verdict.rateLimited)
    {
        m_counters.Increment(entry.state.substate == TcpTimeWaitState::TIME_WAIT
                                 ? TcpStat::AckSkippedTimeWait
                                 : TcpStat::AckSkippedFinWait2);
    }
    if (verdict.rearm)
    {
        ArmTimeWait(key, entry, m_sysctls.timeWaitLength);
    }
    switch (verdict.action)
    {
    case TcpTimeWaitVerdict::DROP:
        return true;
    case TcpTimeWaitVerdict::ACK:
        SendTimeWaitAck(entry);
        return true;
    case TcpTimeWaitVerdict::RESET:
        entry.expiry.Cancel();
        m_timeWait.erase(it);
        ReplyWithReset(RstReason::TCP_TIMEWAIT_SOCKET, header, payloadSize, source, destination);
        return true;
    case TcpTimeWaitVerdict::KILL:
        entry.expiry.Cancel();
        m_timeWait.erase(it);
        return true;
    case TcpTimeWaitVerdict::ACCEPT_SYN:
        if (!HasListener(local))
        {
            SendTimeWaitAck(entry); // no listener: the SYN gets the last ACK
            return true;
        }
        entry.expiry.Cancel();
        m_timeWait.erase(it);
        m_timeWaitIsn[key] = verdict.isn;
        return false; // the listener takes it
    }
    return true;
}

// Linux tcp_v4_timewait_ack(): seq = tw_snd_nxt, ack = tw_rcv_nxt, the last window, and the
// timestamp option when the connection used timestamps.
void
TcpRstL4Protocol::SendTimeWaitAck(const TimeWaitEntry& entry)
{
    const TcpTimeWaitState& tw = entry.state;
    TcpHeader ack;
    ack.SetFlags(TcpHeader::ACK);
    ack.SetSequenceNumber(tw.sndNxt);
    ack.SetAckNumber(tw.rcvNxt);
    ack.SetSourcePort(KeyPart(entry.local).second);
    ack.SetDestinationPort(KeyPart(entry.peer).second);
    ack.SetWindowSize(static_cast<uint16_t>(std::min<uint32_t>(tw.rcvWnd >> tw.rcvWscale, 65535)));
    if (tw.tsRecentStamp && tw.tsRecent != 0)
    {
        Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
        ts->SetTimestamp(TcpOptionTS::NowToTsValue()); // the Linux profile puts its own clock
        ts->SetEcho(tw.tsRecent);
        ack.AppendOption(ts);
    }
    SendPacket(Create<Packet>(), ack, IpAddressOf(entry.local), IpAddressOf(entry.peer));
}

void
TcpRstL4Protocol::AddOrphan()
{
    DrawSecrets();
    Time interval = m_sysctls.orphanCacheInterval;
    if (interval.IsStrictlyPositive())
    {
        Time phase = NanoSeconds(static_cast<int64_t>(
            m_orphanPhaseSeed % static_cast<uint64_t>(interval.GetNanoSeconds())));
        m_orphans.SetCache(interval, phase);
    }
    else
    {
        m_orphans.SetCache(Time(0), Time(0));
    }
    m_orphans.Add(Simulator::Now());
    m_orphanCount = m_orphans.Get();
}

void
TcpRstL4Protocol::RemoveOrphan()
{
    m_orphans.Remove(Simulator::Now());
    m_orphanCount = m_orphans.Get();
}

uint32_t
TcpRstL4Protocol::GetOrphanCount() const
{
    return m_orphans.Get();
}

bool
TcpRstL4Protocol::TooManyOrphans(uint32_t shift)
{
    uint64_t orphans = m_orphans.Cached(Simulator::Now());
    return (orphans << shift) > m_sysctls.maxOrphans;
}

} // namespace ns3
