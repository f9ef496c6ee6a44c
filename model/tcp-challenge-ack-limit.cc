/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-challenge-ack-limit.h"

namespace ns3
{

bool
TcpInvalidRateLimit::Limited(Time now, Time interval)
{
    if (interval.IsStrictlyPositive() && m_lastAnswer && now - *m_lastAnswer < interval)
    {
        return true;
    }
    m_lastAnswer = now;
    return false;
}

bool
TcpChallengeAckBudget::Take(Time now,
                            uint32_t limit,
                            TcpChallengeAckStyle style,
                            const std::function<uint32_t(uint32_t, uint32_t)>& draw)
{
    if (limit >= UNLIMITED)
    {
        return true;
    }
    if (limit == 0)
    {
        return false;
    }
    int64_t second = now.GetNanoSeconds() / 1000000000;
    if (!m_second || *m_second != second)
    {
        m_second = second;
        if (style == CHALLENGE_ACK_EXACT)
        {
            m_left = limit;
        }
        else
        {
            uint32_t half = (limit + 1) >> 1;
            m_left = draw(half, limit + half - 1);
        }
    }
    if (m_left == 0)
    {
        return false;
    }
    --m_left;
    return true;
}

} // namespace ns3
