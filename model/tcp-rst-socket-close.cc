/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket closing: close(), aborts on a reset, a crashed host's sockets, and the socket
// that is bound but not (or no longer) connected.
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/log.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"

#include <stdexcept>
#include <string>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocketClose");

int
TcpRstSocket::Close()
{
    NS_LOG_FUNCTION(this);
    StateWatch watch(this);
    if (m_state == LISTEN && ListenQueuesOn())
    {
        StopListening(true);
    }
    bool connected = (m_endPoint != nullptr || m_endPoint6 != nullptr) && m_state != CLOSED &&
                     m_state != LISTEN && m_state != TIME_WAIT;
    bool closePolicy = !IsStock(TcpRstPolicy::CLOSE_CALL);
    if (connected && closePolicy)
    {
        m_rcvShutdown = true; // close() shuts both directions (sk_shutdown = SHUTDOWN_MASK)
    }
    // Linux __tcp_close(): unread data -> TCPAbortOnClose, the socket goes to CLOSE and sends
    // tcp_send_active_reset(). Stock ns-3 sends the reset and leaves the socket as it was.
    if (connected && m_tcb->m_rxBuffer->Size() != 0)
    {
        NodeTcp()->GetCounters().Increment(TcpStat::AbortOnClose);
        SendActiveReset(RstReason::TCP_ABORT_ON_CLOSE);
        if (!IsStock(TcpRstPolicy::CLOSE_WITH_UNREAD_DATA))
        {
            m_closeNotified = true; // the application closed it: nothing to tell
            CloseAndNotify();
        }
        return 0;
    }
    if (connected && closePolicy && AbortOnLinger())
    {
        return 0;
    }
    bool sendQueueEmpty = m_txBuffer->SizeFromSequence(m_tcb->m_nextTxSequence) == 0;
    if (m_state == SYN_SENT && closePolicy)
    {
        // Linux tcp_close_state(): SYN_SENT -> CLOSE, nothing on the wire.
        m_closeNotified = true;
        CloseAndNotify();
        return 0;
    }
    // ns-3 DoClose(): close() in SYN_SENT or CLOSING, nothing left to send, aborts with a
    // reset. Linux leaves CLOSING alone (tcp_close_state(CLOSING) = CLOSING).
    if ((m_state == SYN_SENT || (m_state == CLOSING && !closePolicy)) && sendQueueEmpty)
    {
        SendActiveReset(RstReason::TCP_STATE);
        CloseAndNotify();
        return 0;
    }
    // Linux keeps CLOSING as it is; ns-3's DoClose() would reset it.
    int result = (m_state == CLOSING && closePolicy) ? 0 : TcpSocketBase::Close();
    if (connected && m_state != CLOSED && m_state != TIME_WAIT && !m_orphan)
    {
        // sock_orphan() + tcp_orphan_count++: the connection outlives its application.
        m_orphan = true;
        NodeTcp()->AddOrphan();
        AbortOnOrphanLimit();
    }
    return result;
}

// Linux __tcp_close(): "Check zero linger _after_ checking for unread data": SO_LINGER
// {on, 0} disconnects (tcp_disconnect()) with a reset where tcp_need_reset() says so.
bool
TcpRstSocket::AbortOnLinger()
{
    if (!m_lingerOn || !GetLingerTime().IsZero())
    {
        return false;
    }
    bool needReset = m_state == ESTABLISHED || m_state == CLOSE_WAIT || m_state == FIN_WAIT_1 ||
                     m_state == FIN_WAIT_2 || m_state == SYN_RCVD ||
                     ((m_state == CLOSING || m_state == LAST_ACK) &&
                      m_txBuffer->SizeFromSequence(m_tcb->m_nextTxSequence) != 0);
    NodeTcp()->GetCounters().Increment(TcpStat::AbortOnLinger);
    if (needReset)
    {
        SendActiveReset(RstReason::TCP_ABORT_ON_LINGER);
    }
    m_closeNotified = true;
    CloseAndNotify();
    return true;
}

// Linux __tcp_close() after the FIN: tcp_check_oom() -> CLOSE, tcp_send_active_reset()
// (R. seq = the FIN + 1), TCPAbortOnMemory.
bool
TcpRstSocket::AbortOnOrphanLimit()
{
    if (NodeTcp()->GetPolicy(TcpRstPolicy::ORPHANS) == TcpRstBehaviour::STOCK ||
        !NodeTcp()->TooManyOrphans(0))
    {
        return false;
    }
    SendActiveReset(RstReason::TCP_ABORT_ON_MEMORY);
    NodeTcp()->GetCounters().Increment(TcpStat::AbortOnMemory);
    m_closeNotified = true;
    CloseAndNotify();
    return true;
}

void
TcpRstSocket::SetLinger(bool on, Time time)
{
    if (time.IsStrictlyNegative())
    {
        // GetMilliSeconds(): integer division; GetSeconds() of a negative time is undefined
        // behaviour inside ns-3's int64x64 (UBSan).
        throw std::invalid_argument("TcpRstSocket::SetLinger: LingerTime must be >= 0 s (got " +
                                    std::to_string(time.GetMilliSeconds()) + " ms)");
    }
    m_lingerOn = on;
    SetTimerOption(&LinuxTimers::lingerTime, time);
}

void
TcpRstSocket::SetLingerOn(bool on)
{
    m_lingerOn = on;
}

bool
TcpRstSocket::GetLingerOn() const
{
    return m_lingerOn;
}

void
TcpRstSocket::SetLingerTime(Time time)
{
    SetLinger(m_lingerOn, time);
}

Time
TcpRstSocket::GetLingerTime() const
{
    return GetTimerOption(&LinuxTimers::lingerTime);
}

// Linux tcp_sendmsg(): once the connection is gone (sk_err consumed by the application's
// error callback), send() fails with EPIPE.
int
TcpRstSocket::Send(Ptr<Packet> p, uint32_t flags)
{
    if (m_state == CLOSED && m_socketError != NO_ERROR)
    {
        SetSocketError(BROKEN_PIPE);
        m_errno = ERROR_SHUTDOWN;
        return -1;
    }
    return TcpSocketBase::Send(p, flags);
}

void
TcpRstSocket::Discard()
{
    NS_LOG_FUNCTION(this);
    m_closeNotified = true; // a crashed host tells its applications nothing
    LeaveListener();
    if (m_state == LISTEN)
    {
        StopListening(false);
    }
    CancelAllTimers();
    CancelLinuxTimers();
    CloseAndNotify();
    ReleaseOrphan();
}

void
TcpRstSocket::SetSocketError(SocketError error)
{
    m_socketError = static_cast<uint8_t>(error);
    if (m_traces)
    {
        m_traces->socketError(error);
    }
}

// Linux tcp_done_with_error(): the error first, then CLOSE, then the application is told.
void
TcpRstSocket::Abort(SocketError error)
{
    SetSocketError(error);
    bool wasConnecting = m_state == SYN_SENT;
    // Close first, then tell the application: a Close() from its callback finds CLOSED.
    m_closeNotified = true;
    CloseAndNotify();
    if (wasConnecting)
    {
        NotifyConnectionFailed();
    }
    else
    {
        NotifyErrorClose();
    }
}

// A socket bound but neither listening nor connected is not found by Linux's socket lookup:
// the segment gets the no-socket reply, and a reset is dropped unanswered.
TcpRstSocket::Handled
TcpRstSocket::OnClosedSegment(const Segment& s)
{
    if (s.flags & TcpHeader::RST)
    {
        NotifyResetReceived(s, RstDisposition::IGNORED_NO_SOCKET);
        return Handled::YES;
    }
    if (!IsStock(TcpRstPolicy::BOUND_NOT_LISTENING))
    {
        if (NodeTcp()->BlackholeDrops(s.header))
        {
            return Handled::YES;
        }
        NodeTcp()->ReplyWithReset(RstReason::NO_SOCKET, s.header, s.payloadSize, s.from, s.to);
        return Handled::YES;
    }
    // Stock: TcpSocketBase answers R seq=SND.NXT ack=RCV.NXT; rebuilt here so that it still
    // leaves through the one reset path.
    TcpHeader reset;
    reset.SetFlags(TcpHeader::RST);
    reset.SetSequenceNumber(m_tcb->m_nextTxSequence);
    reset.SetAckNumber(m_tcb->m_rxBuffer->NextRxSequence());
    reset.SetSourcePort(s.header.GetDestinationPort());
    reset.SetDestinationPort(s.header.GetSourcePort());
    reset.SetWindowSize(AdvertisedWindowSize());
    AddOptions(reset);
    NodeTcp()->SendReset(RstReason::NO_SOCKET, reset, s.to, s.from, m_boundnetdevice);
    return Handled::YES;
}

} // namespace ns3
