/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RESET_RATE_LIMIT_H
#define TCP_RESET_RATE_LIMIT_H

#include "ns3/nstime.h"

#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief FreeBSD counter_ratecheck() as badport_bandlim() uses it for resets: at most `limit`
 * events in a second, the second starting with the first event after the previous second
 * ended (not at a clock boundary). Policy "ResetRateLimit", knob "IcmpLim".
 */
class TcpResetRateLimit
{
  public:
    /**
     * \param now the current time
     * \param limit events allowed per second (net.inet.icmp.icmplim), at least 1
     * \return true when the event may happen now (it is counted); false: suppress it
     */
    bool Take(Time now, uint32_t limit);

  private:
    std::optional<Time> m_start; //!< cr_ticks: when the current second began
    uint32_t m_count{0};         //!< cr_rate: events in the current second
};

} // namespace ns3

#endif /* TCP_RESET_RATE_LIMIT_H */
