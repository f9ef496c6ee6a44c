/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LINUX_TIMER_WHEEL_H
#define LINUX_TIMER_WHEEL_H

#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief When a Linux kernel timer fires: TCP's timers count whole jiffies, and the timer
 * wheel rounds every expiry up to the granularity of the wheel level it lands in.
 *
 * Linux kernel/time/timer.c calc_wheel_index(): a timer due in d jiffies goes to level n when
 * d < 63 << 3n (level 0: d < 63); it fires at ((expires >> 3n) + 1) << 3n. Jiffies tick at
 * phase + k / hz. So TCP_TIMEOUT_MIN (2 jiffies at HZ=250) fires 8 to 12 ms later, and a 1 s
 * timer re-armed from a tick of level 1 fires 1.024 s later, as the captures show.
 */
struct LinuxTimerWheel
{
    uint32_t hz{250};   //!< CONFIG_HZ
    Time phase{};       //!< when a jiffy starts, in [0, 1/hz)
    bool enabled{true}; //!< false: timers fire exactly on time

    /// \return the length of a jiffy
    Time Jiffy() const;

    /**
     * \param timeout the timeout asked for (rounded up to whole jiffies, msecs_to_jiffies())
     * \param now when the timer is armed
     * \return how long after \p now it fires (\p timeout itself when disabled)
     */
    Time Delay(Time timeout, Time now) const;
};

/**
 * \ingroup tcp-rst
 * \brief Linux tcp_model_timeout(): how long after the first retransmission a connection with
 * \p boundary retransmissions backing off from \p rtoBase (capped at \p rtoMax) gives up
 * (retransmits_timed_out()). E.g. tcp_retries2 = 15 with TCP_RTO_MIN: 924.6 s.
 * \param boundary tcp_retries2 (or tcp_syn_retries)
 * \param rtoBase TCP_RTO_MIN for data, TCP_TIMEOUT_INIT for SYNs
 * \param rtoMax TCP_RTO_MAX (tcp_rto_max_ms)
 * \return the time
 */
Time LinuxRetransmitBound(uint32_t boundary, Time rtoBase, Time rtoMax);

} // namespace ns3

#endif /* LINUX_TIMER_WHEEL_H */
