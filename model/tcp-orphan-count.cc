/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Linux tcp_orphan_update() (net/ipv4/tcp.c): the orphan count the limit reads, cached.
#include "tcp-orphan-count.h"

namespace ns3
{

void
TcpOrphanCount::SetCache(Time interval, Time phase)
{
    if (interval == m_interval && phase == m_phase)
    {
        return;
    }
    m_interval = interval;
    m_phase = phase;
    m_cacheTick = -1;
    m_cache = 0;
}

void
TcpOrphanCount::Refresh(Time now)
{
    if (!m_interval.IsStrictlyPositive() || now < m_phase)
    {
        return;
    }
    int64_t tick = (now - m_phase).GetTimeStep() / m_interval.GetTimeStep();
    if (tick > m_cacheTick)
    {
        m_cache = m_count;
        m_cacheTick = tick;
    }
}

void
TcpOrphanCount::Add(Time now)
{
    Refresh(now);
    ++m_count;
}

void
TcpOrphanCount::Remove(Time now)
{
    Refresh(now);
    if (m_count > 0)
    {
        --m_count;
    }
}

uint32_t
TcpOrphanCount::Get() const
{
    return m_count;
}

uint32_t
TcpOrphanCount::Cached(Time now)
{
    if (!m_interval.IsStrictlyPositive())
    {
        return m_count;
    }
    Refresh(now);
    return m_cache;
}

void
TcpOrphanCount::Clear()
{
    m_count = 0;
    m_cache = 0;
    m_cacheTick = -1;
}

} // namespace ns3
