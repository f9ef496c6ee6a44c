/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_CHALLENGE_ACK_LIMIT_H
#define TCP_CHALLENGE_ACK_LIMIT_H

#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <optional>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Linux __tcp_oow_rate_limited(): one answer to an invalid segment (a challenge ACK, or
 * a duplicate ACK to a segment outside the window) per socket per tcp_invalid_ratelimit.
 */
class TcpInvalidRateLimit
{
  public:
    /**
     * \param now the current time
     * \param interval tcp_invalid_ratelimit (zero: no limit)
     * \return true when the answer must be skipped; otherwise the answer is counted as sent
     */
    bool Limited(Time now, Time interval);

  private:
    std::optional<Time> m_lastAnswer; //!< last_oow_ack_time
};

/**
 * \ingroup tcp-rst
 * \brief How a node limits its challenge ACKs per second (tcp_challenge_ack_limit).
 */
enum TcpChallengeAckStyle
{
    CHALLENGE_ACK_RANDOMIZED, //!< Linux 4.7+: a random budget in [limit/2, limit*3/2) a second
    CHALLENGE_ACK_EXACT,      //!< Linux 3.6-4.6: exactly `limit` a second (CVE-2016-5696)
};

/**
 * \ingroup tcp-rst
 * \brief Linux tcp_send_challenge_ack(), the per-node part: a budget of challenge ACKs per
 * second of the clock (jiffies / HZ). A limit of 2^31 - 1 (INT_MAX, Linux 6.x's default) means
 * no limit.
 */
class TcpChallengeAckBudget
{
  public:
    /// The limit that means "no limit"
    static constexpr uint32_t UNLIMITED = 2147483647U;

    /**
     * \param now the current time
     * \param limit tcp_challenge_ack_limit
     * \param style exact (3.6-4.6) or randomized (4.7+)
     * \param draw draws an integer in [min, max] (for the randomized budget)
     * \return true when a challenge ACK may be sent now (and is counted)
     */
    bool Take(Time now,
              uint32_t limit,
              TcpChallengeAckStyle style,
              const std::function<uint32_t(uint32_t, uint32_t)>& draw);

  private:
    std::optional<int64_t> m_second; //!< tcp_challenge_timestamp
    uint32_t m_left{0};              //!< tcp_challenge_count
};

} // namespace ns3

#endif /* TCP_CHALLENGE_ACK_LIMIT_H */
