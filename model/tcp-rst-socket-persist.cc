/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket zero-window probes: Linux tcp_probe_timer() under the Linux profile (probe
// A seq=SND.UNA-1 len 0, timeout from the RTO doubling up to RtoMax, give-up after
// tcp_retries2 unanswered probes); TcpSocketBase's own probes under Ns3.
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-tx-buffer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocketPersist");

namespace
{
const Time kRtoMin = MilliSeconds(200); // TCP_RTO_MIN in tcp_probe0_base()
} // namespace

// TcpSocketBase arms its persist timer when a zero window arrives, with m_persistTimeout: make
// that Linux's tcp_probe0_base() = max(RTO, TCP_RTO_MIN), and start the backoff over.
void
TcpRstSocket::PrepareZeroWindowProbes()
{
    if (!LinuxHost() || !m_persistEvent.IsExpired())
    {
        return;
    }
    m_persistTimeout = Max(m_rto.Get(), kRtoMin);
    LinuxTimers& timers = Timers();
    timers.persistBase = m_persistTimeout;
    timers.persistBackoff = 0;
    timers.zeroWindowProbes = 0;
}

// Nothing queued means nothing to probe with: Linux tcp_probe_timer() sends no probe. Stock
// ns-3 reads past the empty buffer and crashes, e.g. on a listener that got a zero-window SYN
// or a bare RST.
void
TcpRstSocket::PersistTimeout()
{
    StateWatch watch(this);
    if (m_txBuffer->SizeFromSequence(m_tcb->m_nextTxSequence) == 0)
    {
        return;
    }
    if (!LinuxHost())
    {
        TcpSocketBase::PersistTimeout();
        return;
    }
    ProbeZeroWindow();
}

// Linux tcp_probe_timer() and tcp_send_probe0(): give up after tcp_retries2 (DataRetries)
// probes in a row went unanswered (ETIMEDOUT, no segment: capture 05b); otherwise probe and
// back off (05a: 216 ms doubling). MaxZeroWindowProbes resets after that many probes even if
// they are answered (the seed note's variant, not Linux).
void
TcpRstSocket::ProbeZeroWindow()
{
    LinuxTimers& timers = Timers();
    if (timers.probesOut >= m_dataRetries)
    {
        NodeTcp()->GetCounters().Increment(TcpStat::AbortOnTimeout);
        Abort(TIMED_OUT);
        return;
    }
    uint32_t maxProbes = NodeTcp()->GetSysctls().maxZeroWindowProbes;
    if (maxProbes != 0 && timers.zeroWindowProbes >= maxProbes)
    {
        SendActiveReset(RstReason::ZERO_WINDOW_PROBES);
        Abort(CONNECTION_RESET);
        return;
    }
    SendAck(m_txBuffer->HeadSequence() - 1);
    ++timers.probesOut;
    ++timers.zeroWindowProbes;
    ++timers.persistBackoff;
    // Backs off from the timeout that armed the first probe: the duplicate ACKs answering
    // probes carry no RTT sample in Linux (TcpSocketBase may take one from their old echo).
    Time base = timers.persistBase;
    Time persistMax = NodeTcp()->GetSysctls().persistMax;
    Time when = persistMax.IsZero() ? NodeTcp()->GetHostProfile().rtoMax : persistMax;
    if (timers.persistBackoff < 31 && base * int64_t(1U << timers.persistBackoff) < when)
    {
        when = base * int64_t(1U << timers.persistBackoff);
    }
    NS_LOG_LOGIC("zero-window probe " << timers.zeroWindowProbes << ", backoff "
                                      << timers.persistBackoff << ", next in "
                                      << when.As(Time::MS));
    m_persistEvent =
        Simulator::Schedule(NodeTcp()->TimerDelay(when), &TcpRstSocket::PersistTimeout, this);
}

// Linux tcp_ack(): any acknowledgement answers the probes (icsk_probes_out = 0).
void
TcpRstSocket::ReceivedAck(Ptr<Packet> packet, const TcpHeader& tcpHeader)
{
    if (m_timers)
    {
        m_timers->probesOut = 0;
    }
    TcpSocketBase::ReceivedAck(packet, tcpHeader);
}

} // namespace ns3
