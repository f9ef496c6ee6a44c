/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket timers that differ from TcpSocketBase's.
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/tcp-tx-buffer.h"

namespace ns3
{

// Nothing queued means nothing to probe with: Linux tcp_probe_timer() sends no probe. Stock
// ns-3 reads past the empty buffer and crashes, e.g. on a listener that got a zero-window SYN
// or a bare RST.
void
TcpRstSocket::PersistTimeout()
{
    if (m_txBuffer->SizeFromSequence(m_tcb->m_nextTxSequence) == 0)
    {
        return;
    }
    TcpSocketBase::PersistTimeout();
}

// Linux tcp_write_timeout() -> tcp_write_err(): when data retransmissions run out the
// connection ends with ETIMEDOUT (TcpExtTCPAbortOnTimeout), without a segment. TcpSocketBase
// notifies the application and frees the endpoint but leaves the state as it was.
void
TcpRstSocket::ReTxTimeout()
{
    bool dataGivesUp = m_state != CLOSED && m_state != TIME_WAIT && m_state != SYN_SENT &&
                       m_txBuffer->Size() != 0 && m_dataRetrCount == 0;
    if (!dataGivesUp)
    {
        TcpSocketBase::ReTxTimeout();
        return;
    }
    m_rstTcp->GetCounters().Increment(TcpStat::AbortOnTimeout);
    Abort(TIMED_OUT);
}

} // namespace ns3
