/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-secure-sequence.h"

#include "ns3/hash.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <array>
#include <vector>

namespace ns3
{

namespace
{
/// Appends the bytes of an IP address (IPv4: 4, IPv6: 16) to \p out.
void
AppendAddress(const Address& address, std::vector<uint8_t>& out)
{
    std::array<uint8_t, 16> bytes{};
    if (InetSocketAddress::IsMatchingType(address))
    {
        InetSocketAddress::ConvertFrom(address).GetIpv4().Serialize(bytes.data());
        out.insert(out.end(), bytes.begin(), bytes.begin() + 4);
    }
    else if (Ipv4Address::IsMatchingType(address))
    {
        Ipv4Address::ConvertFrom(address).Serialize(bytes.data());
        out.insert(out.end(), bytes.begin(), bytes.begin() + 4);
    }
    else if (Inet6SocketAddress::IsMatchingType(address))
    {
        Inet6SocketAddress::ConvertFrom(address).GetIpv6().Serialize(bytes.data());
        out.insert(out.end(), bytes.begin(), bytes.end());
    }
    else if (Ipv6Address::IsMatchingType(address))
    {
        Ipv6Address::ConvertFrom(address).Serialize(bytes.data());
        out.insert(out.end(), bytes.begin(), bytes.end());
    }
}

void
AppendInteger(uint64_t value, int bytes, std::vector<uint8_t>& out)
{
    for (int i = 0; i < bytes; ++i)
    {
        out.push_back(static_cast<uint8_t>(value >> (8 * i)));
    }
}

uint32_t
Digest(const std::vector<uint8_t>& bytes)
{
    return Hash32(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}
} // namespace

void
TcpSecureSequence::SetKeys(uint64_t isnKey, uint64_t tsKey)
{
    m_isnKey = isnKey;
    m_tsKey = tsKey;
}

SequenceNumber32
TcpSecureSequence::Isn(const Address& local,
                       uint16_t localPort,
                       const Address& peer,
                       uint16_t peerPort,
                       Time now,
                       Time tick) const
{
    std::vector<uint8_t> bytes;
    AppendInteger(m_isnKey, 8, bytes);
    AppendAddress(local, bytes);
    AppendAddress(peer, bytes);
    AppendInteger(localPort, 2, bytes);
    AppendInteger(peerPort, 2, bytes);
    uint64_t clock = static_cast<uint64_t>(now.GetNanoSeconds() / tick.GetNanoSeconds());
    return SequenceNumber32(Digest(bytes) + static_cast<uint32_t>(clock));
}

uint32_t
TcpSecureSequence::TimestampOffset(const Address& local, const Address& peer) const
{
    std::vector<uint8_t> bytes;
    AppendInteger(m_tsKey, 8, bytes);
    AppendAddress(local, bytes);
    AppendAddress(peer, bytes);
    return Digest(bytes);
}

uint32_t
TcpSecureSequence::CookieHash(const Address& local,
                              uint16_t localPort,
                              const Address& peer,
                              uint16_t peerPort,
                              uint32_t count,
                              uint32_t salt) const
{
    constexpr uint64_t kCookieSecret = 0x73796e636f6f6b69ULL; // separates it from the ISN hash
    std::vector<uint8_t> bytes;
    AppendInteger(m_isnKey ^ kCookieSecret, 8, bytes);
    AppendAddress(peer, bytes);
    AppendAddress(local, bytes);
    AppendInteger(peerPort, 2, bytes);
    AppendInteger(localPort, 2, bytes);
    AppendInteger(count, 4, bytes);
    AppendInteger(salt, 1, bytes);
    return Digest(bytes);
}

} // namespace ns3
