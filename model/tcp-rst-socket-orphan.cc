/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket: an orphan's retransmission timer (Linux tcp_write_timeout() for SOCK_DEAD,
// tcp_out_of_resources(), tcp_orphan_retries()).
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocketOrphan");

// Linux tcp_orphan_retries(): tcp_orphan_retries, where 0 means 8 while the peer is alive.
uint32_t
TcpRstSocket::OrphanRetries(bool alive) const
{
    uint32_t retries = NodeTcp()->GetSysctls().orphanRetries;
    return (retries == 0 && alive) ? 8 : retries;
}

// Linux tcp_out_of_resources(): at an orphan's retransmission timer, above tcp_max_orphans
// the connection is reset (R. seq=SND.NXT, reason TCP_ABORT_ON_MEMORY) instead of retransmitted.
bool
TcpRstSocket::OrphanOutOfResources()
{
    if (!m_orphan || NodeTcp()->GetPolicy(TcpRstPolicy::ORPHANS) == TcpRstBehaviour::STOCK)
    {
        return false;
    }
    Time rtoMax = NodeTcp()->GetHostProfile().rtoMax;
    Time sinceSend = m_rto.Get(); // the timer was armed when the segment was last sent
    bool alive = m_rto.Get() < rtoMax;
    bool doReset = alive || !DataRetransmissionsTimedOut();
    // Penalize a peer that kept its window closed or was silent for long.
    uint32_t shift = (sinceSend > rtoMax * 2 || !doReset) ? 1 : 0;
    if (!NodeTcp()->TooManyOrphans(shift))
    {
        return false;
    }
    // Exceptions that still need a reset: sent recently, or a closed window with nothing out.
    if (sinceSend <= NodeTcp()->GetSysctls().timeWaitLength ||
        (m_rWnd.Get() == 0 && BytesInFlight() == 0))
    {
        doReset = true;
    }
    if (doReset)
    {
        SendActiveReset(RstReason::TCP_ABORT_ON_MEMORY);
    }
    NodeTcp()->GetCounters().Increment(TcpStat::AbortOnMemory);
    m_closeNotified = true;
    CloseAndNotify();
    return true;
}

} // namespace ns3
