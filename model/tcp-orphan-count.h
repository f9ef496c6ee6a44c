/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ORPHAN_COUNT_H
#define TCP_ORPHAN_COUNT_H

#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief A host's orphan count (tcp_orphan_count) and the cached copy the orphan limit reads
 * (tcp_orphan_cache, refreshed by a timer every TCP_ORPHAN_TIMER_PERIOD = 100 ms).
 *
 * Linux sums a per-CPU counter only when its timer fires, so a limit check sees the count of
 * the last tick: a burst of closes inside 100 ms is not noticed at once. The cache is kept
 * lazily (no simulator event per tick): before the count changes, or when the cache is read,
 * the value of the latest tick is taken, which is the count at that tick because nothing
 * changed it since.
 */
class TcpOrphanCount
{
  public:
    /**
     * \param interval the refresh period; zero: the limit reads the exact count
     * \param phase when the first tick happens, in [0, interval)
     */
    void SetCache(Time interval, Time phase);
    /// \param now the time: one more orphan
    void Add(Time now);
    /// \param now the time: one orphan less
    void Remove(Time now);
    /// \return the exact count (tcp_orphan_count_sum())
    uint32_t Get() const;
    /// \param now the time \return what the orphan limit reads (tcp_orphan_cache)
    uint32_t Cached(Time now);
    /// \brief Forget every orphan (the host crashed); the cache restarts at zero.
    void Clear();

  private:
    /// \param now the time: take the count of the latest tick into the cache
    void Refresh(Time now);

    uint32_t m_count{0};     //!< the exact count
    uint32_t m_cache{0};     //!< tcp_orphan_cache
    int64_t m_cacheTick{-1}; //!< the tick m_cache belongs to
    Time m_interval;         //!< refresh period (zero: no cache)
    Time m_phase;            //!< first tick
};

} // namespace ns3

#endif /* TCP_ORPHAN_COUNT_H */
