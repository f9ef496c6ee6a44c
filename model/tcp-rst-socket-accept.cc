/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket as a listener with Linux's two queues (policy ListenQueues): the backlog, the
// SYN queue of half-open children, SYN cookies, the accept queue and Accept().
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-option-winscale.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"

#include <stdexcept>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocketAccept");

namespace
{
constexpr uint32_t kDefaultPeerMss = 536; // TCP_MSS_DEFAULT: a SYN without an MSS option
} // namespace

bool
TcpRstSocket::ListenQueuesOn() const
{
    return !IsStock(TcpRstPolicy::LISTEN_QUEUES);
}

int
TcpRstSocket::Listen()
{
    bool relisten = m_state == LISTEN && ListenQueuesOn();
    int result = relisten ? 0 : TcpSocketBase::Listen();
    if (result == 0 && NodeTcp())
    {
        // inet_listen(): backlog = min(backlog, somaxconn); listen() again only resizes
        Listening().queue.SetBacklog(static_cast<uint32_t>(GetBacklog()),
                                     NodeTcp()->GetSysctls().somaxConn);
    }
    return result;
}

int
TcpRstSocket::Listen(int32_t backlog)
{
    SetBacklog(backlog);
    return Listen();
}

void
TcpRstSocket::SetBacklog(int32_t backlog)
{
    if (backlog < 0)
    {
        throw std::invalid_argument("TcpRstSocket Backlog: " + std::to_string(backlog) +
                                    " is out of range [0, 2147483647]");
    }
    if (m_listening || backlog != kDefaultBacklog)
    {
        Listening().backlog = backlog; // read by Listen()
    }
}

int32_t
TcpRstSocket::GetBacklog() const
{
    return m_listening ? m_listening->backlog : kDefaultBacklog;
}

void
TcpRstSocket::SetAutoAccept(bool on)
{
    m_autoAccept = on;
}

bool
TcpRstSocket::GetAutoAccept() const
{
    return m_autoAccept;
}

TcpRstSocket::ListenerState&
TcpRstSocket::Listening()
{
    if (!m_listening)
    {
        m_listening = std::make_unique<ListenerState>();
    }
    return *m_listening;
}

uint32_t
TcpRstSocket::GetMaxAckBacklog() const
{
    return m_listening ? m_listening->queue.GetMaxAckBacklog() : 0;
}

uint32_t
TcpRstSocket::GetAcceptQueueLength() const
{
    return m_listening ? m_listening->queue.GetAccepted() : 0;
}

uint32_t
TcpRstSocket::GetSynQueueLength() const
{
    return m_listening ? m_listening->queue.GetRequests() : 0;
}

// Linux tcp_conn_request(): what a listener does with a SYN, before it forks anything.
TcpRstSocket::Handled
TcpRstSocket::OnListenSyn(const Segment& s)
{
    const TcpHostSysctls& sysctls = NodeTcp()->GetSysctls();
    TcpRstCounters& counters = NodeTcp()->GetCounters();
    bool timeWaitIsn = NodeTcp()->HasTimeWaitIsn(s.to, s.from);
    if (Listening().queue.Flooded(sysctls.synCookies, timeWaitIsn) &&
        sysctls.synCookies != TcpListenQueue::COOKIES_OFF)
    {
        counters.Increment(TcpStat::ReqQFullDoCookies); // tcp_syn_flood_action()
    }
    switch (Listening().queue.OnSyn(sysctls.synCookies, sysctls.maxSynBacklog, timeWaitIsn))
    {
    case TcpSynVerdict::ACCEPT_QUEUE_FULL:
        counters.Increment(TcpStat::ListenOverflows);
        counters.Increment(TcpStat::ListenDrops);
        if (GetPolicy(TcpRstPolicy::BACKLOG_OVERFLOW) == BacklogOverflow::RESET)
        {
            // Windows: the SYN is refused (the client's connect() gets WSAECONNREFUSED).
            NodeTcp()->ReplyWithReset(
                RstReason::TCP_LISTEN_OVERFLOW, s.header, s.payloadSize, s.from, s.to);
            return Handled::YES;
        }
        NS_LOG_LOGIC("accept queue full: SYN dropped");
        return Handled::YES;
    case TcpSynVerdict::SYN_QUEUE_FULL:
        counters.Increment(TcpStat::ReqQFullDrop);
        counters.Increment(TcpStat::ListenDrops);
        return Handled::YES;
    case TcpSynVerdict::UNPROVEN_PEER:
        counters.Increment(TcpStat::ListenDrops);
        return Handled::YES;
    case TcpSynVerdict::COOKIE:
        Listening().nextFork = ForkKind::COOKIE_SYN_ACK;
        return Handled::NO;
    case TcpSynVerdict::REQUEST:
        break;
    }
    Listening().nextFork = ForkKind::REQUEST;
    return Handled::NO; // TcpSocketBase forks the child (Fork(), CompleteFork())
}

void
TcpRstSocket::AdoptChild(Ptr<TcpRstSocket> child, ForkKind kind)
{
    child->Linux().forkKind = kind;
    child->SetListener(this);
    Listening().children.insert(PeekPointer(child));
    if (kind == ForkKind::REQUEST)
    {
        Listening().queue.AddRequest();
    }
    // The child tells its listener, not the application, that the handshake completed.
    child->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                             MakeCallback(&TcpRstSocket::HandshakeCompleted, PeekPointer(child)));
}

// inet_csk_complete_hashdance() -> inet_csk_reqsk_queue_add(): the child joins the accept queue.
void
TcpRstSocket::HandshakeCompleted(Ptr<Socket> socket, const Address& from)
{
    TcpRstSocket* listener = Listener();
    if (listener == nullptr)
    {
        return;
    }
    if (ForkedAs() == ForkKind::REQUEST)
    {
        listener->Listening().queue.RemoveRequest(SynRetransmits() == 0);
    }
    m_queued = true;
    ListenerState& listening = listener->Listening();
    listening.accepted.emplace_back(this, from);
    listening.queue.Enqueue();
    listener->NoteAcceptQueueLength(listening.queue.GetAccepted());
    if (listener->m_autoAccept)
    {
        listener->Accept();
    }
}

// inet_csk_accept(): the oldest completed connection goes to the application.
Ptr<TcpRstSocket>
TcpRstSocket::Accept()
{
    if (!m_listening || m_listening->accepted.empty())
    {
        m_errno = ERROR_AGAIN;
        return nullptr;
    }
    auto [child, from] = m_listening->accepted.front();
    m_listening->accepted.pop_front();
    m_listening->queue.Dequeue();
    NoteAcceptQueueLength(m_listening->queue.GetAccepted());
    m_listening->children.erase(PeekPointer(child));
    child->SetListener(nullptr);
    child->m_queued = false;
    NotifyNewConnectionCreated(child, from);
    // What arrived while it waited is readable now (poll() reports it at once).
    if (child->m_tcb->m_rxBuffer->Available() != 0)
    {
        child->NotifyDataRecv();
    }
    return child;
}

// The handshake-completing ACK (or data) of a request whose listener's accept queue is full:
// Linux tcp_check_req() -> syn_recv_sock() fails (tcp_v4_syn_recv_sock(): exit_overflow).
TcpRstSocket::Handled
TcpRstSocket::MeetAcceptQueue(const Segment& s)
{
    TcpRstSocket* listener = Listener();
    if (listener == nullptr || m_queued || !(s.flags & TcpHeader::ACK) ||
        (s.flags & (TcpHeader::RST | TcpHeader::SYN)) ||
        !listener->Listening().queue.AcceptQueueFull())
    {
        return Handled::NO;
    }
    TcpRstCounters& counters = NodeTcp()->GetCounters();
    counters.Increment(TcpStat::ListenOverflows);
    counters.Increment(TcpStat::ListenDrops);
    if (!NodeTcp()->GetSysctls().abortOnOverflow)
    {
        // listen_overflow: inet_rsk(req)->acked = 1; the request keeps its SYN-ACK timer
        NS_LOG_LOGIC("accept queue full: handshake ACK dropped, request kept");
        return Handled::YES;
    }
    // embryonic_reset: R. seq=SEG.ACK, the request is dropped (TcpExtEmbryonicRsts)
    counters.Increment(TcpStat::EmbryonicRsts);
    NodeTcp()->ReplyWithReset(
        RstReason::TCP_ABORT_ON_OVERFLOW, s.header, s.payloadSize, s.from, s.to);
    m_closeNotified = true; // the application never saw this connection
    CloseAndNotify();
    return Handled::YES;
}

// Linux cookie_v4_check(): an ACK reaching the listener may carry a cookie it sent.
TcpRstSocket::Handled
TcpRstSocket::OnListenCookieAck(const Segment& s)
{
    const TcpHostSysctls& sysctls = NodeTcp()->GetSysctls();
    if (sysctls.synCookies == TcpListenQueue::COOKIES_OFF ||
        Listening().queue.NoRecentOverflow(Simulator::Now()))
    {
        return Handled::NO;
    }
    TcpRstCounters& counters = NodeTcp()->GetCounters();
    std::optional<uint32_t> mssIndex = NodeTcp()->CheckSynCookie(
        s.to, s.from, s.header.GetSequenceNumber(), s.header.GetAckNumber());
    if (!mssIndex)
    {
        counters.Increment(TcpStat::SyncookiesFailed);
        return Handled::NO; // the listener answers it with a reset
    }
    counters.Increment(TcpStat::SyncookiesRecv);
    // cookie_timestamp_decode(): without timestamps no window scaling and no SACK
    TcpSynCookie::Options options;
    bool timestamps = s.header.HasOption(TcpOption::TS);
    if (timestamps && LinuxHost())
    {
        if (!m_timestampEnabled)
        {
            return Handled::NO;
        }
        auto ts = DynamicCast<const TcpOptionTS>(s.header.GetOption(TcpOption::TS));
        options = TcpSynCookie::DecodeTimestamp(ts->GetEcho());
        if ((options.sack && !m_sackEnabled) || (options.windowScale && !m_winScalingEnabled))
        {
            return Handled::NO;
        }
    }
    if (Listening().queue.AcceptQueueFull())
    {
        // tcp_get_cookie_sock(): syn_recv_sock() fails; the ACK is dropped without a reset
        counters.Increment(TcpStat::ListenOverflows);
        counters.Increment(TcpStat::ListenDrops);
        return Handled::YES;
    }
    if (!NotifyConnectionRequest(s.from))
    {
        return Handled::YES;
    }
    Ptr<TcpRstSocket> child = CopyObject<TcpRstSocket>(this);
    AdoptChild(child, ForkKind::COOKIE_ACK);
    child->RebuildFromCookie(s, *mssIndex, options, timestamps && m_timestampEnabled);
    return Handled::YES;
}

// cookie_v4_check() -> tcp_get_cookie_sock(): the connection the cookie stands for, built
// as if its SYN-ACK had just been sent, then completed by the ACK.
void
TcpRstSocket::RebuildFromCookie(const Segment& s,
                                uint32_t mssIndex,
                                const TcpSynCookie::Options& options,
                                bool timestamps)
{
    bool ipv6 = Inet6SocketAddress::IsMatchingType(s.to);
    TcpHeader syn;
    syn.SetFlags(TcpHeader::SYN);
    syn.SetSequenceNumber(SequenceNumber32(s.header.GetSequenceNumber().GetValue() - 1));
    syn.SetSourcePort(s.header.GetSourcePort());
    syn.SetDestinationPort(s.header.GetDestinationPort());
    Ptr<TcpOptionMSS> mss = CreateObject<TcpOptionMSS>();
    mss->SetMSS(TcpSynCookie::MssOf(mssIndex, ipv6));
    syn.AppendOption(mss);
    if (timestamps)
    {
        auto ackTs = DynamicCast<const TcpOptionTS>(s.header.GetOption(TcpOption::TS));
        Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
        ts->SetTimestamp(ackTs->GetTimestamp());
        syn.AppendOption(ts);
    }
    m_winScalingEnabled = m_winScalingEnabled && options.windowScale;
    m_sndWindShift = m_winScalingEnabled ? options.peerWindowShift : 0;
    m_sackEnabled = m_sackEnabled && options.sack;
    m_txBuffer->SetSackEnabled(m_sackEnabled);
    m_timestampEnabled = timestamps;
    Linux().cookieIsn = SequenceNumber32(s.header.GetAckNumber().GetValue() - 1);
    // The SYN-ACK left long ago; building it again sets the window and scale it announced.
    NodeTcp()->DiscardNextSegment(true);
    CompleteFork(Create<Packet>(), syn, s.from, s.to);
    NodeTcp()->DiscardNextSegment(false);
    m_retxEvent.Cancel();
    DoForwardUp(s.packet, s.from, s.to);
}

// A child forked only to answer a SYN with a cookie SYN-ACK: it sends it and is gone.
void
TcpRstSocket::SendCookieSynAck(const TcpHeader& syn, const Address& from, const Address& to)
{
    uint32_t peerMss = kDefaultPeerMss;
    if (syn.HasOption(TcpOption::MSS))
    {
        peerMss = DynamicCast<const TcpOptionMSS>(syn.GetOption(TcpOption::MSS))->GetMSS();
    }
    bool ipv6 = Inet6SocketAddress::IsMatchingType(to);
    Linux().cookieIsn = NodeTcp()->MakeSynCookie(
        to, from, syn.GetSequenceNumber(), TcpSynCookie::MssIndex(peerMss, ipv6));
    NodeTcp()->GetCounters().Increment(TcpStat::SyncookiesSent);
    if (TcpRstSocket* listener = Listener())
    {
        listener->Listening().queue.NoteOverflow(Simulator::Now()); // tcp_synq_overflow()
    }
    bool timestamps = m_timestampEnabled && syn.HasOption(TcpOption::TS) && LinuxHost();
    if (!timestamps)
    {
        // tcp_conn_request(): want_cookie without timestamps -> tcp_clear_options()
        m_winScalingEnabled = false;
        m_sackEnabled = false;
        m_txBuffer->SetSackEnabled(false);
    }
    else
    {
        TcpSynCookie::Options options;
        options.windowScale = m_winScalingEnabled;
        options.peerWindowShift = m_sndWindShift;
        options.sack = m_sackEnabled;
        NodeTcp()->SetCookieTimestamp(options);
    }
}

void
TcpRstSocket::LeaveListener()
{
    TcpRstSocket* listener = Listener();
    if (listener == nullptr)
    {
        return;
    }
    if (ForkedAs() == ForkKind::REQUEST && !m_queued)
    {
        listener->Listening().queue.RemoveRequest(SynRetransmits() == 0);
    }
    listener->Listening().children.erase(this);
    SetListener(nullptr);
}

TcpRstSocket*
TcpRstSocket::Listener() const
{
    return m_linuxConnection ? m_linuxConnection->listener : nullptr;
}

void
TcpRstSocket::SetListener(TcpRstSocket* listener)
{
    if (m_linuxConnection || listener != nullptr)
    {
        Linux().listener = listener;
    }
}

TcpRstSocket::ForkKind
TcpRstSocket::ForkedAs() const
{
    return m_linuxConnection ? m_linuxConnection->forkKind : ForkKind::REQUEST;
}

// Linux inet_csk_listen_stop(): close() on a listener drops its requests silently and
// disconnects every connection still waiting in the accept queue (tcp_disconnect(): a reset,
// reason TCP_STATE). A crashed host (reset false) sends nothing.
void
TcpRstSocket::StopListening(bool reset)
{
    // The waiting connections in queue order (the resets' order on the wire), then the
    // requests, which leave without a segment.
    std::list<std::pair<Ptr<TcpRstSocket>, Address>> queued;
    if (!m_listening)
    {
        return;
    }
    queued.swap(m_listening->accepted);
    std::vector<Ptr<TcpRstSocket>> requests;
    for (TcpRstSocket* child : m_listening->children)
    {
        if (!child->m_queued)
        {
            requests.emplace_back(child);
        }
        child->SetListener(nullptr);
        child->m_queued = false;
    }
    m_listening->children.clear();
    for (const auto& [child, from] : queued)
    {
        if (reset && child->m_state != CLOSED && child->m_state != TIME_WAIT)
        {
            child->SendActiveReset(RstReason::TCP_STATE);
        }
        child->Discard();
    }
    for (const Ptr<TcpRstSocket>& request : requests)
    {
        request->Discard();
    }
    m_listening->queue = TcpListenQueue();
    NoteAcceptQueueLength(0);
}

} // namespace ns3
