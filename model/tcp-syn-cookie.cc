/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-syn-cookie.h"

namespace ns3
{

namespace
{
constexpr uint32_t kCookieMask = (1U << TcpSynCookie::COOKIE_BITS) - 1; // COOKIEMASK
constexpr uint32_t kTsMask = (1U << TcpSynCookie::TS_OPTION_BITS) - 1;  // TSMASK
} // namespace

uint32_t
TcpSynCookie::MssIndex(uint32_t peerMss, bool ipv6)
{
    const auto& table = ipv6 ? MSS_TABLE_V6 : MSS_TABLE_V4;
    uint32_t index = table.size() - 1;
    for (; index > 0; --index)
    {
        if (peerMss >= table[index])
        {
            break;
        }
    }
    return index;
}

uint16_t
TcpSynCookie::MssOf(uint32_t index, bool ipv6)
{
    return (ipv6 ? MSS_TABLE_V6 : MSS_TABLE_V4).at(index);
}

uint32_t
TcpSynCookie::Make(const Hashes& h, uint32_t peerIsn, uint32_t count, uint32_t mssIndex)
{
    return h.tuple + peerIsn + (count << COOKIE_BITS) + ((h.counted + mssIndex) & kCookieMask);
}

std::optional<uint32_t>
TcpSynCookie::Check(uint32_t cookie,
                    uint32_t tupleHash,
                    const std::function<uint32_t(uint32_t)>& countedHash,
                    uint32_t peerIsn,
                    uint32_t count)
{
    uint32_t reduced = cookie - tupleHash - peerIsn;
    uint32_t diff = (count - (reduced >> COOKIE_BITS)) & (0xffffffffU >> COOKIE_BITS);
    if (diff >= MAX_AGE_MINUTES)
    {
        return std::nullopt;
    }
    uint32_t index = (reduced - countedHash(count - diff)) & kCookieMask;
    if (index >= MSS_TABLE_V4.size())
    {
        return std::nullopt;
    }
    return index;
}

uint32_t
TcpSynCookie::EncodeTimestamp(uint32_t clock, const Options& options)
{
    uint32_t bits =
        options.windowScale ? (options.peerWindowShift & TS_WSCALE_MASK) : TS_WSCALE_MASK;
    bits |= options.sack ? TS_SACK : 0;
    bits |= options.ecn ? TS_ECN : 0;
    uint32_t ts = (clock & ~kTsMask) | bits;
    if (static_cast<int32_t>(ts - clock) > 0) // never ahead of the clock
    {
        ts -= 1U << TS_OPTION_BITS;
    }
    return ts;
}

TcpSynCookie::Options
TcpSynCookie::DecodeTimestamp(uint32_t echo)
{
    Options options;
    options.sack = echo & TS_SACK;
    options.ecn = echo & TS_ECN;
    if ((echo & TS_WSCALE_MASK) != TS_WSCALE_MASK)
    {
        options.windowScale = true;
        options.peerWindowShift = echo & TS_WSCALE_MASK;
    }
    return options;
}

} // namespace ns3
