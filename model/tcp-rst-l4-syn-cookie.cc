/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstL4Protocol: the node's SYN cookies (net/ipv4/syncookies.c), keyed by its secret.
#include "tcp-reset-event.h"
#include "tcp-rst-l4-protocol.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/simulator.h"

namespace ns3
{

namespace
{
uint16_t
PortOf(const Address& address)
{
    return InetSocketAddress::IsMatchingType(address)
               ? InetSocketAddress::ConvertFrom(address).GetPort()
               : Inet6SocketAddress::ConvertFrom(address).GetPort();
}
} // namespace

// tcp_cookie_time(): minutes since the host booted (jiffies / (60 * HZ)).
uint32_t
TcpRstL4Protocol::CookieClock() const
{
    return static_cast<uint32_t>((Simulator::Now() - m_bootTime).GetSeconds() / 60);
}

SequenceNumber32
TcpRstL4Protocol::MakeSynCookie(const Address& local,
                                const Address& peer,
                                SequenceNumber32 peerIsn,
                                uint32_t mssIndex)
{
    DrawSecrets();
    Address localIp = IpAddressOf(local);
    Address peerIp = IpAddressOf(peer);
    uint32_t count = CookieClock();
    TcpSynCookie::Hashes h{
        m_secure.CookieHash(localIp, PortOf(local), peerIp, PortOf(peer), 0, 0),
        m_secure.CookieHash(localIp, PortOf(local), peerIp, PortOf(peer), count, 1)};
    m_counters.Increment(TcpStat::SyncookiesSent);
    return SequenceNumber32(TcpSynCookie::Make(h, peerIsn.GetValue(), count, mssIndex));
}

std::optional<uint32_t>
TcpRstL4Protocol::CheckSynCookie(const Address& local,
                                 const Address& peer,
                                 SequenceNumber32 seq,
                                 SequenceNumber32 ack)
{
    DrawSecrets();
    Address localIp = IpAddressOf(local);
    Address peerIp = IpAddressOf(peer);
    uint16_t localPort = PortOf(local);
    uint16_t peerPort = PortOf(peer);
    auto counted = [&](uint32_t count)
    { return m_secure.CookieHash(localIp, localPort, peerIp, peerPort, count, 1); };
    return TcpSynCookie::Check(ack.GetValue() - 1,
                               m_secure.CookieHash(localIp, localPort, peerIp, peerPort, 0, 0),
                               counted,
                               seq.GetValue() - 1,
                               CookieClock());
}

void
TcpRstL4Protocol::SetCookieTimestamp(std::optional<TcpSynCookie::Options> options)
{
    m_cookieTimestamp = options;
}

void
TcpRstL4Protocol::DiscardNextSegment(bool on)
{
    m_discardNext = on;
}

} // namespace ns3
