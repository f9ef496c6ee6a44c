/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket: leaving the socket for a timewait entry of the node (Linux tcp_time_wait()),
// for TIME_WAIT and for an orphan in FIN_WAIT_2, and the end of an orphan.
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rx-buffer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocketTimeWait");

TcpRstSocket::StateWatch::StateWatch(TcpRstSocket* socket)
    : m_socket(socket)
{
}

TcpRstSocket::StateWatch::~StateWatch()
{
    m_socket->AfterEvent();
}

// After every event that can change the state: TIME_WAIT and an orphan's FIN_WAIT_2 leave
// the socket for a timewait entry; an orphan that reached CLOSED or TIME_WAIT is no more.
void
TcpRstSocket::AfterEvent()
{
    if (m_state == TIME_WAIT && !IsStock(TcpRstPolicy::TIME_WAIT))
    {
        // Linux tcp_time_wait(sk, TCP_TIME_WAIT, 0): timeo = TCP_TIMEWAIT_LEN
        HandOffTimeWait(false, NodeTcp()->GetSysctls().timeWaitLength);
    }
    else if (m_state == FIN_WAIT_2 && m_orphan && !IsStock(TcpRstPolicy::CLOSE_CALL) &&
             (!m_timers || m_timers->finWait2.IsExpired()))
    {
        OrphanFinWait2();
    }
    if (m_orphan && (m_state == CLOSED || m_state == TIME_WAIT))
    {
        ReleaseOrphan();
    }
    if (Listener() && !m_queued && m_state != SYN_RCVD)
    {
        LeaveListener(); // a request that ended before its handshake completed
    }
}

void
TcpRstSocket::ReleaseOrphan()
{
    if (m_orphan)
    {
        m_orphan = false;
        NodeTcp()->RemoveOrphan();
    }
}

bool
TcpRstSocket::IsOrphan() const
{
    return m_orphan;
}

// Linux tcp_fin_time(): tcp_fin_timeout, but at least 3.5 RTO.
Time
TcpRstSocket::FinTime() const
{
    Time rto = m_rto.Get();
    return Max(NodeTcp()->GetSysctls().finTimeout, rto * 4 - rto / 2);
}

// Linux __tcp_close() / tcp_rcv_state_process() FIN_WAIT1: an orphan in FIN_WAIT_2 becomes a
// timewait entry at once when tcp_fin_time() fits TCP_TIMEWAIT_LEN; otherwise the socket
// waits the difference first (tcp_keepalive_timer()).
void
TcpRstSocket::OrphanFinWait2()
{
    Time tmo = FinTime();
    Time twLength = NodeTcp()->GetSysctls().timeWaitLength;
    if (tmo <= twLength)
    {
        HandOffTimeWait(true, tmo);
        return;
    }
    Time rest = tmo - twLength;
    Timers().finWait2 = Simulator::Schedule(NodeTcp()->TimerDelay(rest),
                                            [this, rest]()
                                            {
                                                StateWatch watch(this);
                                                Time rto = m_rto.Get();
                                                HandOffTimeWait(true, Max(rest, rto * 4 - rto / 2));
                                            });
}

// Linux tcp_receive_window() when the connection enters TIME_WAIT: its last ACK, just sent,
// set rcv_wup = rcv_nxt (tcp_select_window()), so what is left is the window it offered.
uint32_t
TcpRstSocket::ReceiveWindowLeft() const
{
    uint32_t offered = m_linuxConnection ? m_linuxConnection->offeredWnd : 0;
    if (offered == 0)
    {
        return static_cast<uint32_t>(AdvertisedWindowSize(false));
    }
    return offered;
}

// Linux tcp_time_wait(): the numbers go to the node's timewait entry, the socket to CLOSE.
void
TcpRstSocket::HandOffTimeWait(bool finWait2, Time timeout)
{
    NS_LOG_FUNCTION(this << finWait2 << timeout);
    Ends ends;
    if (!GetEnds(&ends))
    {
        return;
    }
    TcpTimeWaitState tw;
    tw.substate = finWait2 ? TcpTimeWaitState::FIN_WAIT2 : TcpTimeWaitState::TIME_WAIT;
    tw.rcvNxt = GetRcvNxt();
    tw.sndNxt = GetSndNxt();
    tw.rcvWnd = ReceiveWindowLeft();
    tw.rcvWscale = m_rcvWindShift;
    if (m_timestampEnabled)
    {
        tw.tsRecent = m_tcb->m_rcvTimestampValue;
        tw.tsRecentStamp = m_lastReceived;
    }
    if (finWait2)
    {
        // tcp_time_wait(): FIN_WAIT_2 lasts at least 3.5 RTO, TIME_WAIT TCP_TIMEWAIT_LEN
        Time rto = m_rto.Get();
        timeout = Max(timeout, rto * 4 - rto / 2);
    }
    NodeTcp()->EnterTimeWait(tw,
                             SocketAddressOf(ends.local, ends.localPort),
                             SocketAddressOf(ends.peer, ends.peerPort),
                             timeout);
    // tcp_done(): the socket itself is closed; the application already knows.
    if (m_timers)
    {
        m_timers->finWait2.Cancel();
    }
    m_closeNotified = true;
    CancelAllTimers();
    m_state = CLOSED;
    DeallocateEndPoint();
}

} // namespace ns3
