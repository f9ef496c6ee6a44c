/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_SYN_COOKIE_H
#define TCP_SYN_COOKIE_H

#include <array>
#include <cstdint>
#include <functional>
#include <optional>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief The arithmetic of a SYN cookie, as Linux builds and checks one (net/ipv4/syncookies.c).
 *
 * A listener whose SYN queue is full answers a SYN with a SYN-ACK whose ISN is the cookie and
 * keeps nothing. The cookie is the sum of a keyed hash of the 4-tuple, the peer's ISN, the
 * minute counter in its top 8 bits and, in its low 24 bits, a second hash (of the 4-tuple and
 * the counter) plus the index of the peer's MSS in a table of four. The ACK that echoes it
 * (SEG.ACK - 1) rebuilds the connection if the counter is at most one minute old and the
 * index is valid. With timestamps, the options the SYN asked for (window scale, SACK, ECN)
 * ride in the low 6 bits of the SYN-ACK's TSval and come back in TSecr. The hashes are the
 * caller's (keyed by the node's secret); everything here is pure.
 */
class TcpSynCookie
{
  public:
    /// The hashes of one 4-tuple: hash(4-tuple, 0, 0) and hash(4-tuple, count, 1).
    struct Hashes
    {
        uint32_t tuple;   //!< cookie_hash(saddr, daddr, sport, dport, 0, 0)
        uint32_t counted; //!< cookie_hash(saddr, daddr, sport, dport, count, 1)
    };

    /// Options that a cookie carries in the TSval (cookie_init_timestamp()).
    struct Options
    {
        bool windowScale{false};    //!< wscale_ok
        uint8_t peerWindowShift{0}; //!< snd_wscale: the peer's shift (0..14)
        bool sack{false};           //!< sack_ok
        bool ecn{false};            //!< ecn_ok
    };

    static constexpr uint32_t COOKIE_BITS = 24;     //!< COOKIEBITS
    static constexpr uint32_t MAX_AGE_MINUTES = 2;  //!< MAX_SYNCOOKIE_AGE
    static constexpr uint32_t TS_OPTION_BITS = 6;   //!< TSBITS
    static constexpr uint32_t TS_WSCALE_MASK = 0xf; //!< TS_OPT_WSCALE_MASK: 0xf = no scaling
    static constexpr uint32_t TS_SACK = 1U << 4;    //!< TS_OPT_SACK
    static constexpr uint32_t TS_ECN = 1U << 5;     //!< TS_OPT_ECN

    /// msstab[] of syncookies.c (IPv4)
    static constexpr std::array<uint16_t, 4> MSS_TABLE_V4{536, 1300, 1440, 1460};
    /// msstab[] of ipv6/syncookies.c (IPv6)
    static constexpr std::array<uint16_t, 4> MSS_TABLE_V6{1220, 1420, 1440, 8940};

    /**
     * \brief __cookie_v4_init_sequence(): the index of the largest table MSS not above the
     * peer's (0 when it is below every entry).
     * \param peerMss the MSS the SYN announced (536 without an MSS option)
     * \param ipv6 which table
     * \return the index, 0..3
     */
    static uint32_t MssIndex(uint32_t peerMss, bool ipv6);

    /// \param index an index from MssIndex() \param ipv6 which table \return the MSS it stands for
    static uint16_t MssOf(uint32_t index, bool ipv6);

    /**
     * \brief secure_tcp_syn_cookie(): the ISN of a cookie SYN-ACK.
     * \param h the 4-tuple's hashes for \p count
     * \param peerIsn the SYN's sequence number
     * \param count the minute counter (tcp_cookie_time())
     * \param mssIndex from MssIndex()
     * \return the cookie
     */
    static uint32_t Make(const Hashes& h, uint32_t peerIsn, uint32_t count, uint32_t mssIndex);

    /**
     * \brief check_tcp_syn_cookie(): the MSS index a cookie carries, if it is valid now.
     * \param cookie SEG.ACK - 1
     * \param tupleHash Hashes::tuple of the 4-tuple
     * \param countedHash Hashes::counted of the 4-tuple for a given minute counter
     * \param peerIsn SEG.SEQ - 1
     * \param count the minute counter now
     * \return the MSS index, or nothing when the cookie is too old or forged
     */
    static std::optional<uint32_t> Check(uint32_t cookie,
                                         uint32_t tupleHash,
                                         const std::function<uint32_t(uint32_t)>& countedHash,
                                         uint32_t peerIsn,
                                         uint32_t count);

    /**
     * \brief cookie_init_timestamp(): the TSval of a cookie SYN-ACK, whose low 6 bits carry
     * the options; never ahead of the clock.
     * \param clock the host's TS clock (tcp_clock_ms(), before the per-connection offset)
     * \param options what the SYN asked for
     * \return the TSval, before the per-connection offset
     */
    static uint32_t EncodeTimestamp(uint32_t clock, const Options& options);

    /**
     * \brief cookie_timestamp_decode(): the options an echoed TSval carries.
     * \param echo TSecr of the ACK, the per-connection offset removed
     * \return the options
     */
    static Options DecodeTimestamp(uint32_t echo);
};

} // namespace ns3

#endif /* TCP_SYN_COOKIE_H */
