/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RST_REASON_H
#define RST_REASON_H

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Why a reset was sent, modelled on Linux `enum sk_rst_reason` (include/net/rstreason.h).
 *
 * The names (RstReasonName()) are the Linux ones without the SK_RST_REASON_ prefix; they are
 * stable and used in traces, CSV files, ladders and Python. INJECTED is the module's own: it
 * marks segments crafted by TcpSegmentInjector, so that a receiver can tell them apart.
 */
enum class RstReason : uint8_t
{
    NOT_SPECIFIED,            //!< reset reason is not specified
    NO_SOCKET,                //!< no valid socket that can be used
    TCP_INVALID_ACK_SEQUENCE, //!< ACK outside SND.UNA..SND.NXT (e.g. SYN-ACK for an old SYN)
    TCP_RFC7323_PAWS,         //!< PAWS check failed
    TCP_TOO_OLD_ACK,          //!< ACK is too old
    TCP_ACK_UNSENT_DATA,      //!< ACK for data never sent
    TCP_FLAGS,                //!< invalid flags (e.g. an ACK reaching a listener)
    TCP_OLD_ACK,              //!< ACK is old but in window
    TCP_ABORT_ON_DATA,        //!< new data after the receive side was shut (TCPAbortOnData)
    TCP_TIMEWAIT_SOCKET,      //!< sent by a TIME_WAIT socket
    INVALID_SYN,              //!< bad SYN in a synchronized state
    TCP_ABORT_ON_CLOSE,       //!< close() with unread data (TCPAbortOnClose)
    TCP_ABORT_ON_LINGER,      //!< SO_LINGER {on, 0} (TCPAbortOnLinger)
    TCP_ABORT_ON_MEMORY,      //!< too many orphans (TCPAbortOnMemory)
    TCP_STATE,                //!< abort because of the TCP state (RFC 9293)
    TCP_KEEPALIVE_TIMEOUT,    //!< keepalive probes ran out
    ERROR,                    //!< unexpected error
    INJECTED,                 //!< module only: crafted by TcpSegmentInjector
    ZERO_WINDOW_PROBES,       //!< module only: MaxZeroWindowProbes ran out (seed note variant)
    TCP_ABORT_ON_OVERFLOW, //!< module only: accept queue full, AbortOnOverflow (Linux: INVALID_SYN)
    TCP_LISTEN_OVERFLOW,   //!< module only: a SYN refused, accept queue full (BacklogOverflow)
};

/// Number of RstReason values.
constexpr std::size_t RST_REASON_COUNT =
    static_cast<std::size_t>(RstReason::TCP_LISTEN_OVERFLOW) + 1;

/**
 * \param reason a reason
 * \return its stable name, e.g. "NO_SOCKET"
 */
const char* RstReasonName(RstReason reason);

/**
 * \brief Parse a reason name (as printed by RstReasonName()).
 * \param name the name
 * \param[out] reason the reason, when found
 * \return true when the name is known
 */
bool RstReasonFromName(const std::string& name, RstReason* reason);

/// \return every reason, in enum order
const std::vector<RstReason>& AllRstReasons();

/**
 * \param os output stream
 * \param reason the reason
 * \return os
 */
std::ostream& operator<<(std::ostream& os, RstReason reason);

} // namespace ns3

#endif /* RST_REASON_H */
