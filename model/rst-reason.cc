/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rst-reason.h"

#include <array>

namespace ns3
{

namespace
{
const std::array<const char*, RST_REASON_COUNT> kNames = {
    "NOT_SPECIFIED",
    "NO_SOCKET",
    "TCP_INVALID_ACK_SEQUENCE",
    "TCP_RFC7323_PAWS",
    "TCP_TOO_OLD_ACK",
    "TCP_ACK_UNSENT_DATA",
    "TCP_FLAGS",
    "TCP_OLD_ACK",
    "TCP_ABORT_ON_DATA",
    "TCP_TIMEWAIT_SOCKET",
    "INVALID_SYN",
    "TCP_ABORT_ON_CLOSE",
    "TCP_ABORT_ON_LINGER",
    "TCP_ABORT_ON_MEMORY",
    "TCP_STATE",
    "TCP_KEEPALIVE_TIMEOUT",
    "ERROR",
    "INJECTED",
    "ZERO_WINDOW_PROBES",
    "TCP_ABORT_ON_OVERFLOW",
    "TCP_LISTEN_OVERFLOW",
};
} // namespace

const char*
RstReasonName(RstReason reason)
{
    auto index = static_cast<std::size_t>(reason);
    return index < kNames.size() ? kNames[index] : "INVALID";
}

bool
RstReasonFromName(const std::string& name, RstReason* reason)
{
    for (std::size_t i = 0; i < kNames.size(); ++i)
    {
        if (name == kNames[i])
        {
            *reason = static_cast<RstReason>(i);
            return true;
        }
    }
    return false;
}

const std::vector<RstReason>&
AllRstReasons()
{
    static const std::vector<RstReason> all = []
    {
        std::vector<RstReason> v;
        for (std::size_t i = 0; i < RST_REASON_COUNT; ++i)
        {
            v.push_back(static_cast<RstReason>(i));
        }
        return v;
    }();
    return all;
}

std::ostream&
operator<<(std::ostream& os, RstReason reason)
{
    return os << RstReasonName(reason);
}

} // namespace ns3
