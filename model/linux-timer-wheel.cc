/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "linux-timer-wheel.h"

namespace ns3
{

namespace
{
constexpr int kLevelClockShift = 3; // LVL_CLK_SHIFT
constexpr int kLevels = 9;          // LVL_DEPTH for HZ > 100

/// floor(a / b) for b > 0
int64_t
FloorDiv(int64_t a, int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}
} // namespace

Time
LinuxTimerWheel::Jiffy() const
{
    return NanoSeconds(1000000000LL / hz);
}

Time
LinuxTimerWheel::Delay(Time timeout, Time now) const
{
    if (!enabled)
    {
        return timeout;
    }
    int64_t jiffy = Jiffy().GetNanoSeconds();
    int64_t clk = FloorDiv((now - phase).GetNanoSeconds(), jiffy);
    int64_t delta = (timeout.GetNanoSeconds() + jiffy - 1) / jiffy; // msecs_to_jiffies()
    int64_t expires = clk + delta;
    int level = 0;
    while (level + 1 < kLevels && delta >= (int64_t{63} << (kLevelClockShift * level)))
    {
        ++level;
    }
    int shift = kLevelClockShift * level;
    int64_t fires = ((FloorDiv(expires, int64_t{1} << shift)) + 1) << shift;
    return NanoSeconds(fires * jiffy) + phase - now;
}

Time
LinuxRetransmitBound(uint32_t boundary, Time rtoBase, Time rtoMax)
{
    // linear_backoff_thresh = ilog2(TCP_RTO_MAX / rto_base)
    uint32_t thresh = 0;
    while (rtoBase * int64_t(2) * (int64_t{1} << thresh) <= rtoMax && thresh < 62)
    {
        ++thresh;
    }
    if (boundary <= thresh)
    {
        return rtoBase * int64_t((int64_t{2} << boundary) - 1);
    }
    return rtoBase * int64_t((int64_t{2} << thresh) - 1) + rtoMax * int64_t(boundary - thresh);
}

} // namespace ns3
