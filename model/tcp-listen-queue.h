/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_LISTEN_QUEUE_H
#define TCP_LISTEN_QUEUE_H

#include "ns3/nstime.h"

#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief What a listener does with a SYN (Linux tcp_conn_request()).
 */
enum class TcpSynVerdict : uint8_t
{
    REQUEST,           //!< a half-open request joins the SYN queue; SYN-ACK sent
    COOKIE,            //!< SYN queue full (or SynCookies 2): SYN-ACK with a cookie, no state
    ACCEPT_QUEUE_FULL, //!< dropped: the accept queue is full (ListenOverflows, ListenDrops)
    SYN_QUEUE_FULL,    //!< dropped: SYN queue full, no cookies (TCPReqQFullDrop, ListenDrops)
    UNPROVEN_PEER,     //!< dropped: no cookies, last quarter of MaxSynBacklog (ListenDrops)
};

/**
 * \ingroup tcp-rst
 * \brief The two queues of a Linux listener, as numbers: the SYN queue (half-open requests,
 * inet_csk_reqsk_queue_len() and its young part) and the accept queue (completed connections
 * not yet accepted, sk_ack_backlog), bounded by sk_max_ack_backlog = min(backlog, somaxconn).
 * The sockets themselves stay with TcpRstSocket; the decisions are here.
 */
class TcpListenQueue
{
  public:
    /// Linux tcp_syncookies
    enum SynCookies : uint32_t
    {
        COOKIES_OFF = 0,    //!< never: a full SYN queue drops SYNs
        COOKIES_ON = 1,     //!< when the SYN queue is full (Linux default)
        COOKIES_ALWAYS = 2, //!< for every SYN
    };

    /**
     * \brief listen(): sk_max_ack_backlog = min(backlog, somaxconn).
     * \param backlog the application's backlog \param somaxConn the node's SomaxConn
     */
    void SetBacklog(uint32_t backlog, uint32_t somaxConn);
    /// \return sk_max_ack_backlog
    uint32_t GetMaxAckBacklog() const;

    /**
     * \brief tcp_conn_request(), in its order: cookies when the SYN queue is full or always
     * (unless the SYN reopens a TIME_WAIT 4-tuple), drop when the accept queue is full,
     * without cookies drop unproven peers once 3/4 of MaxSynBacklog is used.
     * \param synCookies tcp_syncookies (SynCookies)
     * \param maxSynBacklog tcp_max_syn_backlog
     * \param timeWaitIsn the SYN reopens a TIME_WAIT 4-tuple (tcp_tw_isn)
     * \return the verdict
     */
    TcpSynVerdict OnSyn(uint32_t synCookies, uint32_t maxSynBacklog, bool timeWaitIsn) const;

    /**
     * \brief tcp_conn_request(): does this SYN meet a SYN flood (tcp_syn_flood_action(): the
     * SYN queue is full, or cookies are always on), unless it reopens a TIME_WAIT 4-tuple?
     * \param synCookies tcp_syncookies \param timeWaitIsn the SYN reopens a TIME_WAIT 4-tuple
     * \return true when it does
     */
    bool Flooded(uint32_t synCookies, bool timeWaitIsn) const;

    /// \return sk_acceptq_is_full(): more than sk_max_ack_backlog completed connections
    bool AcceptQueueFull() const;
    /// \return inet_csk_reqsk_queue_is_full(): at least sk_max_ack_backlog requests
    bool SynQueueFull() const;

    /// A request joined the SYN queue (young: no SYN-ACK timeout yet).
    void AddRequest();
    /// \param young the request never timed out (num_timeout == 0) \brief it left the SYN queue
    void RemoveRequest(bool young);
    /// A request's first SYN-ACK timeout passed (num_timeout 0 -> 1): no longer young.
    void AgeRequest();
    /// A completed connection joined the accept queue.
    void Enqueue();
    /// The application accepted one (or one was removed).
    void Dequeue();

    /// \return requests in the SYN queue (qlen)
    uint32_t GetRequests() const;
    /// \return requests that never timed out (qlen_young)
    uint32_t GetYoungRequests() const;
    /// \return completed connections waiting (sk_ack_backlog)
    uint32_t GetAccepted() const;

    /**
     * \brief reqsk_timer_handler(): the SYN-ACK retries an old request gets. While more than
     * half of max(8, sk_max_ack_backlog) is taken by requests, old ones lose retries (down to
     * 2) so that young ones keep room.
     * \param synAckRetries tcp_synack_retries
     * \return the retries for an expiring request now
     */
    uint32_t SynAckRetries(uint32_t synAckRetries) const;

    /**
     * \brief tcp_synq_overflow(): a cookie was sent now; the stamp moves at most once a second.
     * \param now the time
     */
    void NoteOverflow(Time now);
    /**
     * \brief tcp_synq_no_recent_overflow(): no cookie went out in the last two minutes, so an
     * ACK reaching the listener is not checked as a cookie.
     * \param now the time \return true when no cookie was sent recently
     */
    bool NoRecentOverflow(Time now) const;

  private:
    uint32_t m_maxAckBacklog{0};        //!< sk_max_ack_backlog
    uint32_t m_requests{0};             //!< SYN queue length
    uint32_t m_young{0};                //!< requests without a SYN-ACK timeout yet
    uint32_t m_accepted{0};             //!< sk_ack_backlog
    std::optional<Time> m_lastOverflow; //!< rx_opt.ts_recent_stamp of the listener
};

} // namespace ns3

#endif /* TCP_LISTEN_QUEUE_H */
