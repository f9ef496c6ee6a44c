/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-listen-queue.h"

#include <algorithm>

namespace ns3
{

namespace
{
const Time kCookieValid = Seconds(120); // TCP_SYNCOOKIE_VALID
const Time kOverflowStampPeriod = Seconds(1);
} // namespace

void
TcpListenQueue::SetBacklog(uint32_t backlog, uint32_t somaxConn)
{
    m_maxAckBacklog = std::min(backlog, somaxConn);
}

uint32_t
TcpListenQueue::GetMaxAckBacklog() const
{
    return m_maxAckBacklog;
}

TcpSynVerdict
TcpListenQueue::OnSyn(uint32_t synCookies, uint32_t maxSynBacklog, bool timeWaitIsn) const
{
    bool wantCookie = false;
    if (Flooded(synCookies, timeWaitIsn))
    {
        // tcp_syn_flood_action()
        if (synCookies == COOKIES_OFF)
        {
            return TcpSynVerdict::SYN_QUEUE_FULL;
        }
        wantCookie = true;
    }
    if (AcceptQueueFull())
    {
        return TcpSynVerdict::ACCEPT_QUEUE_FULL;
    }
    if (wantCookie)
    {
        return TcpSynVerdict::COOKIE;
    }
    // Without cookies the last quarter of tcp_max_syn_backlog is kept for proven peers
    // (tcp_peer_is_proven(): no tcp_metrics here, so no peer is proven).
    if (!timeWaitIsn && synCookies == COOKIES_OFF &&
        static_cast<int64_t>(maxSynBacklog) - m_requests < (maxSynBacklog >> 2))
    {
        return TcpSynVerdict::UNPROVEN_PEER;
    }
    return TcpSynVerdict::REQUEST;
}

bool
TcpListenQueue::Flooded(uint32_t synCookies, bool timeWaitIsn) const
{
    return (synCookies == COOKIES_ALWAYS || SynQueueFull()) && !timeWaitIsn;
}

bool
TcpListenQueue::AcceptQueueFull() const
{
    return m_accepted > m_maxAckBacklog;
}

bool
TcpListenQueue::SynQueueFull() const
{
    return m_requests >= m_maxAckBacklog;
}

void
TcpListenQueue::AddRequest()
{
    ++m_requests;
    ++m_young;
}

void
TcpListenQueue::RemoveRequest(bool young)
{
    if (m_requests > 0)
    {
        --m_requests;
    }
    if (young && m_young > 0)
    {
        --m_young;
    }
}

void
TcpListenQueue::AgeRequest()
{
    if (m_young > 0)
    {
        --m_young;
    }
}

void
TcpListenQueue::Enqueue()
{
    ++m_accepted;
}

void
TcpListenQueue::Dequeue()
{
    if (m_accepted > 0)
    {
        --m_accepted;
    }
}

uint32_t
TcpListenQueue::GetRequests() const
{
    return m_requests;
}

uint32_t
TcpListenQueue::GetYoungRequests() const
{
    return m_young;
}

uint32_t
TcpListenQueue::GetAccepted() const
{
    return m_accepted;
}

uint32_t
TcpListenQueue::SynAckRetries(uint32_t synAckRetries) const
{
    uint32_t retries = synAckRetries;
    uint64_t qlen = m_requests;
    if ((qlen << 1) > std::max<uint64_t>(8, m_maxAckBacklog))
    {
        uint64_t young = static_cast<uint64_t>(m_young) << 1;
        while (retries > 2)
        {
            if (qlen < young)
            {
                break;
            }
            --retries;
            young <<= 1;
        }
    }
    return retries;
}

void
TcpListenQueue::NoteOverflow(Time now)
{
    if (!m_lastOverflow || now < *m_lastOverflow || now > *m_lastOverflow + kOverflowStampPeriod)
    {
        m_lastOverflow = now;
    }
}

bool
TcpListenQueue::NoRecentOverflow(Time now) const
{
    return !m_lastOverflow || now > *m_lastOverflow + kCookieValid;
}

} // namespace ns3
