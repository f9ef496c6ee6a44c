/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket timers that differ from TcpSocketBase's: the handshake's retransmissions and
// give-up under the Linux profile, and the data give-up (tcp_retries2). Zero-window probes are
// in tcp-rst-socket-persist.cc, keepalive in tcp-rst-socket-keepalive.cc.
#include "linux-timer-wheel.h"
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-tx-buffer.h"

#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocketTimers");

namespace
{
const Time kRtoMinBase = MilliSeconds(200); // TCP_RTO_MIN: retransmits_timed_out()'s rto_base
} // namespace

// Under the Linux profile the handshake's timer is the module's: the first SYN (active open)
// or SYN-ACK (passive) starts it; a SYN-ACK sent again because the peer's SYN came again
// (tcp_check_req()) leaves it running.
void
TcpRstSocket::SendHandshakeSegment(uint8_t flags)
{
    LinuxConnection& conn = Linux();
    conn.synFlags = flags;
    if (conn.synTimerStarted)
    {
        SendSynThroughBase(flags, false, false);
        return;
    }
    conn.synTimerStarted = true;
    conn.synRetransmits = 0;
    conn.synRto = m_cnTimeout;
    const TcpHostProfile& profile = NodeTcp()->GetHostProfile();
    if (m_state == SYN_RCVD)
    {
        conn.synBudget = profile.synAckRetries; // reqsk_timer_handler(): tcp_synack_retries
    }
    else
    {
        StartActiveOpen();
        // tcp_write_timeout(): tcp_syn_retries (TCP_SYNCNT) plus the linear timeouts
        conn.synBudget = m_synRetries + profile.synLinearTimeouts;
    }
    SendSynThroughBase(flags, false, true);
    ArmSynTimer(conn.synRto);
}

// TcpSocketBase::SendEmptyPacket() counts SYNs down from ConnCount and gives up at 0; here it
// only builds and sends the segment (or gives up when told to), the module counting.
void
TcpRstSocket::SendSynThroughBase(uint8_t flags, bool giveUp, bool first)
{
    uint32_t retries = m_synRetries;
    uint32_t count = m_synCount;
    m_synRetries = 2;
    m_synCount = giveUp ? 0 : (first ? 2 : 1);
    m_iss = m_tcb->m_nextTxSequence;
    TcpSocketBase::SendEmptyPacket(flags);
    m_synRetries = retries;
    m_synCount = count;
}

void
TcpRstSocket::ArmSynTimer(Time timeout)
{
    m_retxEvent.Cancel();
    m_retxEvent =
        Simulator::Schedule(NodeTcp()->TimerDelay(timeout), &TcpRstSocket::SynTimerExpired, this);
}

// Linux tcp_retransmit_timer() in SYN_SENT, reqsk_timer_handler() for a half-open connection.
void
TcpRstSocket::SynTimerExpired()
{
    // Giving up closes a half-open child that only the node's socket list holds: keep it
    // alive until this call returns (ASan: heap-use-after-free in SendSynThroughBase).
    StateWatch watch(this);
    if (m_state != SYN_SENT && m_state != SYN_RCVD)
    {
        return;
    }
    LinuxConnection& conn = Linux();
    uint32_t budget = conn.synBudget;
    if (m_state == SYN_RCVD && conn.listener && conn.forkKind == ForkKind::REQUEST)
    {
        // reqsk_timer_handler(): old requests lose retries while the SYN queue is crowded
        ListenerState& listening = conn.listener->Listening();
        budget = listening.queue.SynAckRetries(budget);
        if (conn.synRetransmits == 0 && budget > 0)
        {
            listening.queue.AgeRequest(); // num_timeout 0 -> 1: no longer young
        }
    }
    if (conn.synRetransmits >= budget)
    {
        GiveUpHandshake();
        return;
    }
    ++conn.synRetransmits;
    SendSynThroughBase(conn.synFlags, false, false);
    // SYN_SENT keeps its timeout for the first tcp_syn_linear_timeouts retransmissions, then
    // doubles it; a SYN-ACK's doubles every time (TCP_TIMEOUT_INIT << num_timeout).
    const TcpHostProfile& profile = NodeTcp()->GetHostProfile();
    if (m_state != SYN_SENT || conn.synRetransmits > profile.synLinearTimeouts)
    {
        conn.synRto = Min(conn.synRto * 2, profile.rtoMax);
    }
    ArmSynTimer(conn.synRto);
}

/// \return SYNs (SYN-ACKs) sent again by the module's handshake timer (0 without it)
uint32_t
TcpRstSocket::SynRetransmits() const
{
    return m_linuxConnection ? m_linuxConnection->synRetransmits : 0;
}

// Linux tcp_write_err(): connect() fails with ETIMEDOUT (TcpExtTCPAbortOnTimeout); a half-open
// connection is dropped silently (inet_csk_reqsk_queue_drop()).
void
TcpRstSocket::GiveUpHandshake()
{
    if (m_state == SYN_SENT)
    {
        SetSocketError(TIMED_OUT);
        NodeTcp()->GetCounters().Increment(TcpStat::AbortOnTimeout);
        NodeTcp()->GetCounters().Increment(TcpStat::AttemptFails);
    }
    SendSynThroughBase(Linux().synFlags, true, false);
}

// Linux retransmits_timed_out(): the connection gives up once the oldest unacknowledged segment
// has waited as long as tcp_retries2 doubling retransmissions from TCP_RTO_MIN take.
bool
TcpRstSocket::DataRetransmissionsTimedOut()
{
    std::optional<Time>& retransStamp = Linux().retransStamp;
    if (!retransStamp)
    {
        retransStamp = Simulator::Now() - m_rto.Get(); // sent when the expired timer started
        return false;
    }
    Time rtoMax = NodeTcp()->GetHostProfile().rtoMax;
    uint32_t boundary = m_dataRetries;
    if (m_orphan && NodeTcp()->GetPolicy(TcpRstPolicy::ORPHANS) == TcpRstBehaviour::LINUX)
    {
        boundary = OrphanRetries(m_rto.Get() < rtoMax); // tcp_write_timeout() for SOCK_DEAD
    }
    Time bound = LinuxRetransmitBound(boundary, kRtoMinBase, rtoMax);
    return Simulator::Now() - *retransStamp >= bound;
}

// Linux tcp_write_timeout() -> tcp_write_err(): when data retransmissions run out the
// connection ends with ETIMEDOUT (TcpExtTCPAbortOnTimeout), without a segment. TcpSocketBase
// notifies the application and frees the endpoint but leaves the state as it was. Under the
// Linux profile the bound is time-based (DataRetries = tcp_retries2) and the timeout doubles
// up to RtoMax (TcpSocketBase stops at 60 s).
void
TcpRstSocket::ReTxTimeout()
{
    StateWatch watch(this);
    bool finPending = m_txBuffer->Size() == 0 &&
                      (m_state == FIN_WAIT_1 || m_state == CLOSING || m_state == LAST_ACK);
    if (finPending && LinuxHost())
    {
        RetransmitFin();
        return;
    }
    bool dataPending =
        m_state != CLOSED && m_state != TIME_WAIT && m_state != SYN_SENT && m_txBuffer->Size() != 0;
    if (dataPending && LinuxHost())
    {
        if (WriteTimeout())
        {
            return;
        }
        m_dataRetrCount = std::numeric_limits<uint32_t>::max(); // the bound above decides
        Time rto = m_rto.Get();
        // Nagle holds new small segments, not retransmissions: TcpSocketBase would keep a
        // lost segment shorter than the MSS back for as long as it is unacknowledged.
        bool noDelay = m_noDelay;
        m_noDelay = true;
        TcpSocketBase::ReTxTimeout();
        m_noDelay = noDelay;
        Time doubled = Min(rto * 2, NodeTcp()->GetHostProfile().rtoMax);
        if (m_rto.Get() != doubled)
        {
            m_rto = doubled;
            if (!m_retxEvent.IsExpired())
            {
                m_retxEvent.Cancel();
                m_retxEvent = Simulator::Schedule(m_rto, &TcpRstSocket::ReTxTimeout, this);
            }
        }
        return;
    }
    if (dataPending && m_dataRetrCount == 0)
    {
        NodeTcp()->GetCounters().Increment(TcpStat::AbortOnTimeout);
        Abort(TIMED_OUT);
        return;
    }
    TcpSocketBase::ReTxTimeout();
}

// Linux tcp_write_timeout(): an orphan over tcp_max_orphans is reset; a connection whose
// retransmissions ran out (tcp_retries2, tcp_orphan_retries for orphans) ends with ETIMEDOUT.
bool
TcpRstSocket::WriteTimeout()
{
    if (OrphanOutOfResources())
    {
        return true;
    }
    if (!DataRetransmissionsTimedOut())
    {
        return false;
    }
    NodeTcp()->GetCounters().Increment(TcpStat::AbortOnTimeout);
    Abort(TIMED_OUT);
    return true;
}

// Linux tcp_retransmit_timer() for a FIN alone: tcp_write_timeout() first (orphans, give-up
// after tcp_retries2 or tcp_orphan_retries), then the FIN again and the RTO doubled.
void
TcpRstSocket::RetransmitFin()
{
    if (WriteTimeout())
    {
        return;
    }
    Time rto = m_rto.Get();
    TcpSocketBase::SendEmptyPacket(TcpHeader::FIN);
    m_rto = Min(rto * 2, NodeTcp()->GetHostProfile().rtoMax);
    m_retxEvent.Cancel();
    m_retxEvent =
        Simulator::Schedule(NodeTcp()->TimerDelay(m_rto), &TcpRstSocket::ReTxTimeout, this);
}

void
TcpRstSocket::LastAckTimeout()
{
    if (LinuxHost())
    {
        return; // Linux has no LAST_ACK timer: the FIN is retransmitted by the RTO timer
    }
    StateWatch watch(this);
    TcpSocketBase::LastAckTimeout();
}

TcpRstSocket::LinuxTimers&
TcpRstSocket::Timers()
{
    if (!m_timers)
    {
        m_timers = std::make_unique<LinuxTimers>();
    }
    return *m_timers;
}

void
TcpRstSocket::CancelLinuxTimers()
{
    if (m_timers)
    {
        m_timers->keepalive.Cancel();
        m_timers->finWait2.Cancel();
    }
}

} // namespace ns3
