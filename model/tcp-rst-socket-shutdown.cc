/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket: the receive side shut (shutdown(SHUT_RD), close()) and new data that still
// arrives (RFC 1122 4.2.2.13, Linux tcp_rcv_state_process() case TCP_FIN_WAIT1/2).
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/log.h"
#include "ns3/tcp-rx-buffer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocketShutdown");

int
TcpRstSocket::ShutdownRecv()
{
    NS_LOG_FUNCTION(this);
    if (GetPolicy(TcpRstPolicy::DATA_AFTER_SHUTDOWN) == DataAfterShutdown::STOCK)
    {
        return TcpSocketBase::ShutdownRecv(); // ns-3: hide what arrives from the application
    }
    // Linux tcp_shutdown(SHUT_RD) sends nothing; what arrives is still ACKed, queued and
    // readable (poll() reports it), so the application keeps being told about it.
    m_rcvShutdown = true;
    return 0;
}

// Linux: new data (end_seq != seq, and beyond RCV.NXT once a FIN is discounted) while
// RCV_SHUTDOWN is set and the state is FIN_WAIT_1 or FIN_WAIT_2; Windows: in any state.
bool
TcpRstSocket::NewDataAfterShutdown(const TcpSegmentNumbers& raw) const
{
    int policy = GetPolicy(TcpRstPolicy::DATA_AFTER_SHUTDOWN);
    if (!m_rcvShutdown || policy == DataAfterShutdown::STOCK || (raw.flags & TcpHeader::RST))
    {
        return false;
    }
    bool finWait = m_state == FIN_WAIT_1 || m_state == FIN_WAIT_2;
    bool windows = policy == DataAfterShutdown::WINDOWS &&
                   (m_state == ESTABLISHED || m_state == CLOSE_WAIT || finWait);
    if (!finWait && !windows)
    {
        return false;
    }
    bool fin = raw.flags & TcpHeader::FIN;
    bool occupiesSpace = raw.payloadSize > 0 || fin;
    return occupiesSpace && raw.seq + SequenceNumber32(raw.payloadSize) > GetRcvNxt();
}

// tcp_v4_do_rcv() reset: tcp_v4_send_reset() answers R seq=SEG.ACK (TCPAbortOnData), and
// tcp_reset() ends the connection with ECONNRESET.
void
TcpRstSocket::AbortOnData(Ptr<Packet> packet)
{
    NS_LOG_FUNCTION(this);
    TcpHeader header;
    uint32_t payloadSize = packet->GetSize() - packet->PeekHeader(header);
    NodeTcp()->GetCounters().Increment(TcpStat::AbortOnData);
    Ends ends;
    if (GetEnds(&ends))
    {
        NodeTcp()->ReplyWithReset(
            RstReason::TCP_ABORT_ON_DATA, header, payloadSize, ends.peer, ends.local);
    }
    Abort(CONNECTION_RESET);
}

} // namespace ns3
