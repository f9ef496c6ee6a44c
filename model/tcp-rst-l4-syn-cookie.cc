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

// cookie_hash() of one 4-tuple, keyed by the node's secret: (count, which) -> hash.
std::function<uint32_t(uint32_t, uint32_t)>
TcpRstL4Protocol::CookieHasher(const Address& local, const Address& peer)
{
    DrawSecrets();
    return [this,
            localIp = IpAddressOf(local),
            localPort = PortOf(local),
            peerIp = IpAddressOf(peer),
            peerPort = PortOf(peer)](uint32_t count, uint32_t which)
    { return m_secure.CookieHash(localIp, localPort, peerIp, peerPort, count, which); };
}

SequenceNumber32
TcpRstL4Protocol::MakeSynCookie(const Address& local,
                                const Address& peer,
                                SequenceNumber32 peerIsn,
                                uint32_t mssIndex)
{
    auto hash = CookieHasher(local, peer);
    uint32_t count = CookieClock();
    return SequenceNumber32(
        TcpSynCookie::Make({hash(0, 0), hash(count, 1)}, peerIsn.GetValue(), count, mssIndex));
}

std::optional<uint32_t>
TcpRstL4Protocol::CheckSynCookie(const Address& local,
                                 const Address& peer,
                                 SequenceNumber32 seq,
                                 SequenceNumber32 ack)
{
    auto hash = CookieHasher(local, peer);
    return TcpSynCookie::Check(
        ack.GetValue() - 1,
        hash(0, 0),
        [&hash](uint32_t count) { return hash(count, 1); },
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
