/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket keepalive (SO_KEEPALIVE, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT): Linux
// tcp_keepalive_timer().
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-tx-buffer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocketKeepalive");

namespace
{
/// The states in which Linux runs the keepalive timer (not CLOSE, SYN_SENT or LISTEN).
bool
KeepaliveState(TcpSocket::TcpStates_t state)
{
    return state == TcpSocket::ESTABLISHED || state == TcpSocket::CLOSE_WAIT ||
           state == TcpSocket::FIN_WAIT_1 || state == TcpSocket::FIN_WAIT_2 ||
           state == TcpSocket::CLOSING || state == TcpSocket::LAST_ACK;
}
} // namespace

// setsockopt(SO_KEEPALIVE): on a connected socket the timer starts at once (tcp_set_keepalive()).
void
TcpRstSocket::SetKeepAlive(bool on)
{
    m_keepAlive = on;
    if (!on)
    {
        if (m_timers)
        {
            m_timers->keepalive.Cancel();
        }
        return;
    }
    ArmKeepalive();
}

bool
TcpRstSocket::GetKeepAlive() const
{
    return m_keepAlive;
}

Time
TcpRstSocket::KeepaliveIdle() const
{
    Time idle = GetKeepIdle();
    return idle.IsStrictlyPositive() ? idle : NodeTcp()->GetSysctls().keepAliveTime;
}

// The three options live with the keepalive timer: a socket that sets none never makes it.
void
TcpRstSocket::SetKeepIdle(Time idle)
{
    SetTimerOption(&LinuxTimers::keepIdle, idle);
}

Time
TcpRstSocket::GetKeepIdle() const
{
    return GetTimerOption(&LinuxTimers::keepIdle);
}

void
TcpRstSocket::SetKeepIntvl(Time interval)
{
    SetTimerOption(&LinuxTimers::keepIntvl, interval);
}

Time
TcpRstSocket::GetKeepIntvl() const
{
    return GetTimerOption(&LinuxTimers::keepIntvl);
}

void
TcpRstSocket::SetKeepCnt(uint32_t probes)
{
    SetTimerOption(&LinuxTimers::keepCnt, probes);
}

uint32_t
TcpRstSocket::GetKeepCnt() const
{
    return GetTimerOption(&LinuxTimers::keepCnt);
}

void
TcpRstSocket::ArmKeepalive()
{
    if (!m_keepAlive || !NodeTcp() || !KeepaliveState(m_state) ||
        (m_timers && !m_timers->keepalive.IsExpired()))
    {
        return;
    }
    // tcp_set_keepalive() / TCP_KEEPIDLE: the idle time counts from the last arrival.
    Time elapsed = Simulator::Now() - m_lastReceived;
    Time idle = KeepaliveIdle();
    Time wait = elapsed < idle ? idle - elapsed : Time(0);
    Timers().keepalive =
        Simulator::Schedule(NodeTcp()->TimerDelay(wait), &TcpRstSocket::KeepaliveTimeout, this);
}

// Linux tcp_keepalive_timer(): once nothing has arrived for the idle time, probe (A
// seq=SND.UNA-1) every interval; after KeepCnt unanswered probes send an active reset
// (TCP_KEEPALIVE_TIMEOUT) and end with ETIMEDOUT (captures 04a, 04a2).
void
TcpRstSocket::KeepaliveTimeout()
{
    StateWatch watch(this);
    if (!m_keepAlive || !KeepaliveState(m_state))
    {
        return;
    }
    const TcpHostSysctls& sysctls = NodeTcp()->GetSysctls();
    LinuxTimers& timers = Timers();
    Time idle = KeepaliveIdle();
    Time next = idle;
    bool dataInFlight = m_txBuffer->Size() != 0;
    Time elapsed = Simulator::Now() - m_lastReceived;
    if (!dataInFlight && elapsed >= idle)
    {
        uint32_t probes = timers.keepCnt != 0 ? timers.keepCnt : sysctls.keepAliveProbes;
        if (timers.probesOut >= probes)
        {
            SendActiveReset(RstReason::TCP_KEEPALIVE_TIMEOUT);
            NodeTcp()->GetCounters().Increment(TcpStat::AbortOnTimeout);
            Abort(TIMED_OUT);
            return;
        }
        SendAck(m_txBuffer->HeadSequence() - 1);
        NodeTcp()->GetCounters().Increment(TcpStat::KeepAlive);
        ++timers.probesOut;
        next = timers.keepIntvl.IsStrictlyPositive() ? timers.keepIntvl : sysctls.keepAliveIntvl;
    }
    else if (!dataInFlight)
    {
        next = idle - elapsed; // "It is alive without keepalive": wait for the rest
    }
    timers.keepalive =
        Simulator::Schedule(NodeTcp()->TimerDelay(next), &TcpRstSocket::KeepaliveTimeout, this);
}

} // namespace ns3
