/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// LinuxTimerWheel and LinuxRetransmitBound: when Linux's timers fire and when it gives up.
#include "ns3/linux-timer-wheel.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace test
{

namespace
{
LinuxTimerWheel
Wheel(Time phase = Time(0))
{
    LinuxTimerWheel wheel;
    wheel.hz = 250;
    wheel.phase = phase;
    return wheel;
}
} // namespace

TEST(TimerWheel, TimeoutMinFiresEightToTwelveMillisecondsLater)
{
    // TCP_TIMEOUT_MIN = 2 jiffies on level 0: one jiffy of rounding up, plus the part of the
    // current jiffy already gone. The captures show the quick SYN 9 to 12 ms after the reset.
    LinuxTimerWheel wheel = Wheel();
    EXPECT_EQ(wheel.Delay(MilliSeconds(8), Time(0)), MilliSeconds(12));
    EXPECT_EQ(wheel.Delay(MilliSeconds(8), MicroSeconds(3900)), MicroSeconds(8100));
    for (int us = 0; us < 8000; us += 37)
    {
        Time delay = wheel.Delay(MilliSeconds(8), MicroSeconds(us));
        EXPECT_GT(delay, MilliSeconds(8)) << us;
        EXPECT_LE(delay, MilliSeconds(12)) << us;
    }
}

TEST(TimerWheel, OneSecondFromALevelOneTickIsOne024Seconds)
{
    // 250 jiffies go to level 1 (granularity 8 jiffies): re-armed on a tick of level 1 the
    // SYN timer fires every 1.024 s, then 2.016 s, as capture 08a shows (1021-1024, 2016 ms).
    LinuxTimerWheel wheel = Wheel();
    EXPECT_EQ(wheel.Delay(Seconds(1), MilliSeconds(32)), MilliSeconds(1024));
    EXPECT_EQ(wheel.Delay(Seconds(2), MilliSeconds(32)), MilliSeconds(2016));
    // Level 2 (from 504 jiffies) rounds to 64 jiffies.
    EXPECT_EQ(wheel.Delay(Seconds(4), Time(0)), NanoSeconds(1024LL * 4000000));
}

TEST(TimerWheel, PhaseShiftsTheTicks)
{
    LinuxTimerWheel wheel = Wheel(MilliSeconds(1));
    EXPECT_EQ(wheel.Delay(MilliSeconds(8), MilliSeconds(1)), MilliSeconds(12));
    EXPECT_EQ(wheel.Delay(MilliSeconds(8), Time(0)), MilliSeconds(9)); // tick at -3 ms
}

TEST(TimerWheel, DisabledFiresOnTime)
{
    LinuxTimerWheel wheel = Wheel();
    wheel.enabled = false;
    EXPECT_EQ(wheel.Delay(MilliSeconds(8), MicroSeconds(1234)), MilliSeconds(8));
    EXPECT_EQ(wheel.Delay(Seconds(1), MicroSeconds(1234)), Seconds(1));
}

TEST(TimerWheel, OtherHz)
{
    LinuxTimerWheel wheel = Wheel();
    wheel.hz = 1000;
    EXPECT_EQ(wheel.Jiffy(), MilliSeconds(1));
    EXPECT_EQ(wheel.Delay(MilliSeconds(2), Time(0)), MilliSeconds(3));
}

TEST(RetransmitBound, Retries2FifteenIs924Point6Seconds)
{
    // tcp_model_timeout(): ilog2(120 s / 200 ms) = 9 doublings, then 6 x TCP_RTO_MAX.
    EXPECT_EQ(LinuxRetransmitBound(15, MilliSeconds(200), Seconds(120)), MilliSeconds(924600));
    EXPECT_EQ(LinuxRetransmitBound(3, MilliSeconds(200), Seconds(120)), MilliSeconds(3000));
    EXPECT_EQ(LinuxRetransmitBound(9, MilliSeconds(200), Seconds(120)), MilliSeconds(204600));
    // SYNs: rto_base TCP_TIMEOUT_INIT, ilog2(120) = 6: tcp_syn_retries 6 is 127 s.
    EXPECT_EQ(LinuxRetransmitBound(6, Seconds(1), Seconds(120)), Seconds(127));
    // A smaller tcp_rto_max_ms shortens the linear part.
    EXPECT_EQ(LinuxRetransmitBound(15, MilliSeconds(200), Seconds(2)), Seconds(27));
}

} // namespace test
} // namespace ns3
