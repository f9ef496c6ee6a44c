/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-reset-rate-limit.h"

namespace ns3
{

// FreeBSD counter_ratecheck(): a second that has run out starts again at this event.
bool
TcpResetRateLimit::Take(Time now, uint32_t limit)
{
    if (!m_start || now - *m_start >= Seconds(1))
    {
        m_start = now;
        m_count = 0;
    }
    if (m_count >= limit)
    {
        return false;
    }
    ++m_count;
    return true;
}

} // namespace ns3
