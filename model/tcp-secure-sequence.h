/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_SECURE_SEQUENCE_H
#define TCP_SECURE_SEQUENCE_H

#include "ns3/address.h"
#include "ns3/nstime.h"
#include "ns3/sequence-number.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Initial sequence numbers and timestamp offsets as Linux computes them
 * (net/core/secure_seq.c): a keyed hash of the connection's addresses plus, for ISNs, a clock.
 *
 * - secure_tcp_seq(): ISN = hash(key, local, peer, local port, peer port) + clock, the clock
 *   advancing one per 64 ns (ktime_get_real_ns() >> 6; RFC 793/6528 suggest 4 us).
 * - secure_tcp_ts_off(): TSval offset = hash(key, local, peer), so every connection between
 *   two hosts shares one offset and TSvals stay comparable across incarnations.
 *
 * The keys come from the caller (an ns-3 random stream), so a run is reproducible and another
 * RngRun gives other numbers. The hash is ns-3's Murmur3 (Linux uses SipHash: a simulation
 * needs the spread, not the secrecy).
 */
class TcpSecureSequence
{
  public:
    /**
     * \param isnKey key of the ISN hash
     * \param tsKey key of the timestamp-offset hash
     */
    void SetKeys(uint64_t isnKey, uint64_t tsKey);

    /**
     * \param local local IP address (Ipv4Address, Ipv6Address or a socket address)
     * \param localPort local port
     * \param peer peer IP address (likewise)
     * \param peerPort peer port
     * \param now the current time
     * \param tick how long the ISN clock takes to advance by one
     * \return the ISN
     */
    SequenceNumber32 Isn(const Address& local,
                         uint16_t localPort,
                         const Address& peer,
                         uint16_t peerPort,
                         Time now,
                         Time tick) const;

    /**
     * \param local local IP address
     * \param peer peer IP address
     * \return what this host adds to its TSval on segments to \p peer
     */
    uint32_t TimestampOffset(const Address& local, const Address& peer) const;

    /**
     * \brief cookie_hash(): the keyed hash of a SYN cookie (syncookie_secret: derived from
     * the ISN key).
     * \param local local IP address \param localPort local port
     * \param peer peer IP address \param peerPort peer port
     * \param count the minute counter (0 for the first hash)
     * \param salt which of the two hashes (0 or 1)
     * \return the hash
     */
    uint32_t CookieHash(const Address& local,
                        uint16_t localPort,
                        const Address& peer,
                        uint16_t peerPort,
                        uint32_t count,
                        uint32_t salt) const;

  private:
    uint64_t m_isnKey{0}; //!< secret of secure_tcp_seq()
    uint64_t m_tsKey{0};  //!< secret of secure_tcp_ts_off()
};

} // namespace ns3

#endif /* TCP_SECURE_SEQUENCE_H */
