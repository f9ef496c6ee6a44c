/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_TIME_WAIT_H
#define TCP_TIME_WAIT_H

#include "tcp-challenge-ack-limit.h"

#include "ns3/nstime.h"
#include "ns3/sequence-number.h"
#include "ns3/tcp-header.h"

#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief What is left of a connection in TIME_WAIT, or of an orphan in FIN_WAIT_2, once its
 * socket is gone (Linux struct tcp_timewait_sock).
 */
struct TcpTimeWaitState
{
    /// tw_substate
    enum Substate
    {
        FIN_WAIT2, //!< an orphan waiting for the peer's FIN (tcp_fin_timeout)
        TIME_WAIT, //!< both FINs seen
    };

    Substate substate{TIME_WAIT};      //!< tw_substate
    SequenceNumber32 rcvNxt;           //!< tw_rcv_nxt
    SequenceNumber32 sndNxt;           //!< tw_snd_nxt
    uint32_t rcvWnd{0};                //!< tw_rcv_wnd, in bytes
    uint8_t rcvWscale{0};              //!< tw_rcv_wscale
    uint32_t tsRecent{0};              //!< tw_ts_recent: the peer's last TSval
    std::optional<Time> tsRecentStamp; //!< tw_ts_recent_stamp; unset: no timestamps
    TcpInvalidRateLimit oowAnswers;    //!< tw_last_oow_ack_time
};

/**
 * \ingroup tcp-rst
 * \brief What becomes of a segment that reaches a TIME_WAIT (or orphan FIN_WAIT_2) socket.
 */
struct TcpTimeWaitVerdict
{
    /// The outcomes of tcp_timewait_state_process()
    enum Action
    {
        DROP,       //!< TCP_TW_SUCCESS: nothing to send
        ACK,        //!< TCP_TW_ACK: send the last ACK again (tcp_v4_timewait_ack())
        RESET,      //!< TCP_TW_RST: reset the sender (tcp_v4_send_reset()); the socket is gone
        KILL,       //!< TCP_TW_SUCCESS after inet_twsk_deschedule_put(): the socket is gone
        ACCEPT_SYN, //!< TCP_TW_SYN: the socket is gone, a listener takes the SYN with isn
    };

    Action action{DROP};      //!< what to do
    bool rearm{false};        //!< inet_twsk_reschedule(TCP_TIMEWAIT_LEN)
    bool pawsRejected{false}; //!< the segment failed PAWS (LINUX_MIB_PAWSESTABREJECTED)
    bool rateLimited{false};  //!< an ACK was due but rate-limited (TCPACKSkipped...)
    SequenceNumber32 isn;     //!< ACCEPT_SYN: the new connection's ISN (tw_snd_nxt + 65537)
};

/**
 * \ingroup tcp-rst
 * \brief Linux tcp_paws_reject(): is a segment's TSval older than ts_recent?
 * \param tsRecent ts_recent \param tsRecentStamp when it was recorded
 * \param tsval the segment's TSval \param reset the segment is a RST \param now the time
 * \return true when PAWS rejects it
 */
bool TcpPawsReject(uint32_t tsRecent, Time tsRecentStamp, uint32_t tsval, bool reset, Time now);

/**
 * \ingroup tcp-rst
 * \brief Linux tcp_timewait_state_process(), without the side effects on the table: the
 * caller sends, rearms and removes as the verdict says. ts_recent is updated here.
 * \param tw the TIME_WAIT state
 * \param header the segment's header (TSecr already in this host's clock)
 * \param payloadSize its payload
 * \param rfc1337 tcp_rfc1337: ignore resets in TIME_WAIT
 * \param invalidRateLimit tcp_invalid_ratelimit (for the out-of-window ACKs)
 * \param now the time
 * \return the verdict
 */
TcpTimeWaitVerdict TcpTimeWaitProcess(TcpTimeWaitState& tw,
                                      const TcpHeader& header,
                                      uint32_t payloadSize,
                                      bool rfc1337,
                                      Time invalidRateLimit,
                                      Time now);

} // namespace ns3

#endif /* TCP_TIME_WAIT_H */
