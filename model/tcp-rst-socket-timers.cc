/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket timers that differ from TcpSocketBase's.
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

} // namespace ns3
