/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket under the Linux host profile: ISNs, MSS and segment size, receive windows,
// quick ACKs and PSH, i.e. what Linux does on every connection that ns-3 does differently.
#include "resolved-attribute.h"
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstSocketProfile");

namespace
{
constexpr uint32_t kEthernetMss = 1460;        // 1500 - IPv4 - TCP headers
constexpr uint32_t kTimestampSpace = 12;       // TCPOLEN_TSTAMP_ALIGNED
constexpr uint32_t kDefaultPeerMss = 536;      // TCP_MSS_DEFAULT: the peer sent no MSS option
constexpr uint32_t kMinSendMss = 48;           // tcp_min_snd_mss
constexpr uint32_t kMaxUnscaledWindow = 65535; // a SYN's window is never scaled

/// The ns-3 attributes the Linux host profile sets on every new socket.
const std::vector<std::string> kProfileAttributes{"SegmentSize",
                                                  "MinRto",
                                                  "ConnTimeout",
                                                  "ConnCount",
                                                  "DataRetries",
                                                  "DelAckTimeout",
                                                  "TcpNoDelay",
                                                  "RcvBufSize",
                                                  "SndBufSize"};

/// \param tid a socket type \return the profile's attributes of that type, in kProfileAttributes
/// order
std::vector<ResolvedAttribute>&
ProfileAttributesOf(TypeId tid)
{
    static std::map<uint16_t, std::vector<ResolvedAttribute>> cache;
    auto it = cache.find(tid.GetUid());
    if (it == cache.end())
    {
        std::vector<ResolvedAttribute> attributes;
        for (const std::string& name : kProfileAttributes)
        {
            attributes.emplace_back(tid, name);
        }
        it = cache.emplace(tid.GetUid(), std::move(attributes)).first;
    }
    return it->second;
}

} // namespace

bool
TcpRstSocket::LinuxHost() const
{
    return NodeTcp() && NodeTcp()->IsLinuxHost();
}

TcpRstSocket::LinuxConnection&
TcpRstSocket::Linux()
{
    if (!m_linuxConnection)
    {
        m_linuxConnection = std::make_unique<LinuxConnection>();
    }
    return *m_linuxConnection;
}

void
TcpRstSocket::ApplyHostProfile()
{
    if (!LinuxHost())
    {
        return;
    }
    const TcpHostProfile& profile = NodeTcp()->GetHostProfile();
    BooleanValue timestamps;
    GetAttribute("Timestamp", timestamps);
    LinuxConnection& conn = Linux();
    conn.profileSegmentSize = kEthernetMss - (timestamps.Get() ? kTimestampSpace : 0);
    const UintegerValue segmentSize(conn.profileSegmentSize);
    const TimeValue rtoMin(profile.rtoMin);
    const TimeValue initialRto(profile.initialRto);
    const UintegerValue synRetries(profile.synRetries);
    const UintegerValue retries2(profile.retries2);
    const TimeValue delayedAck(profile.delayedAck);
    const BooleanValue noDelay(!profile.nagle);
    const UintegerValue rcvBuf(profile.rcvBufMax);
    const UintegerValue sndBuf(profile.sndBufMax);
    const std::array<const AttributeValue*, 9> values{&segmentSize,
                                                      &rtoMin,
                                                      &initialRto,
                                                      &synRetries,
                                                      &retries2,
                                                      &delayedAck,
                                                      &noDelay,
                                                      &rcvBuf,
                                                      &sndBuf}; // kProfileAttributes order
    std::vector<ResolvedAttribute>& attributes = ProfileAttributesOf(GetInstanceTypeId());
    for (std::size_t i = 0; i < values.size(); ++i)
    {
        if (attributes[i].ChangedByUser())
        {
            NS_LOG_INFO(kProfileAttributes[i] << ": the default the user set is kept");
            continue;
        }
        attributes[i].Set(this, *values[i]);
    }
}

// Linux tcp_v4_connect() -> secure_tcp_seq(); tcp_connect_init(): advmss from the route's MTU.
void
TcpRstSocket::StartActiveOpen()
{
    Ends ends;
    if (!LinuxHost() || !GetEnds(&ends))
    {
        return;
    }
    SetInitialSequence(
        NodeTcp()->InitialSequenceNumber(ends.local, ends.localPort, ends.peer, ends.peerPort));
    Linux().advMss = NodeTcp()->GetAdvertisedMss(ends.local);
}

// Linux tcp_conn_request() -> tcp_v4_init_seq(): the passive side's ISN from the SYN's 4-tuple.
void
TcpRstSocket::StartPassiveOpen(const TcpHeader& syn, const Address& from, const Address& to)
{
    // Linux tcp_conn_request(): a SYN that reopened a TIME_WAIT 4-tuple carries tcp_tw_isn.
    std::optional<SequenceNumber32> timeWaitIsn = NodeTcp()->TakeTimeWaitIsn(to, from);
    if (!LinuxHost())
    {
        return;
    }
    SetInitialSequence(timeWaitIsn ? *timeWaitIsn
                                   : NodeTcp()->InitialSequenceNumber(
                                         to, syn.GetDestinationPort(), from, syn.GetSourcePort()));
    Linux().advMss = NodeTcp()->GetAdvertisedMss(to);
    m_highRxMark = syn.GetSequenceNumber(); // window updates compare with it
    ClampSegmentSize(syn);
    m_tcb->m_cWnd = GetInitialCwnd() * m_tcb->m_segmentSize;
    m_tcb->m_cWndInfl = m_tcb->m_cWnd;
}

// TcpSocketBase starts every sequence mark at 0; with an ISN anywhere in the space they would
// lie behind or ahead of it by chance. Start them at the ISN (and, in NotePeerSyn(), at the
// peer's).
void
TcpRstSocket::SetInitialSequence(SequenceNumber32 isn)
{
    m_tcb->m_nextTxSequence = isn;
    m_tcb->m_highTxMark = isn;
    m_tcb->m_lastAckedSeq = isn;
    m_txBuffer->SetHeadSequence(isn);
    m_recover = isn;
    m_highRxAckMark = isn;
}

void
TcpRstSocket::NotePeerSyn(const TcpHeader& syn)
{
    if (!LinuxHost())
    {
        return;
    }
    m_highRxMark = syn.GetSequenceNumber(); // window updates compare with it
    // TcpSocketBase takes the TSval to echo only from a segment at RCV.NXT, which it has not
    // set yet: the SYN-ACK's own TSval is the one to echo.
    if (m_timestampEnabled && syn.HasOption(TcpOption::TS))
    {
        auto ts = DynamicCast<const TcpOptionTS>(syn.GetOption(TcpOption::TS));
        m_timestampToEcho = ts->GetTimestamp();
        m_tcb->m_rcvTimestampValue = ts->GetTimestamp();
    }
    ClampSegmentSize(syn);
}

// Linux tcp_mss_clamp() / tcp_sync_mss(): segments carry min(own MSS, the peer's MSS option,
// 536 without one), never less than tcp_min_snd_mss, minus the timestamp option when both use
// it; a size the user set (TCP_MAXSEG) is an upper bound.
void
TcpRstSocket::ClampSegmentSize(const TcpHeader& peerSyn)
{
    const TcpHostProfile& profile = NodeTcp()->GetHostProfile();
    const LinuxConnection& conn = Linux();
    if (!profile.mssOption || conn.advMss == 0)
    {
        return;
    }
    uint32_t peerMss = kDefaultPeerMss;
    if (peerSyn.HasOption(TcpOption::MSS))
    {
        peerMss = DynamicCast<const TcpOptionMSS>(peerSyn.GetOption(TcpOption::MSS))->GetMSS();
    }
    uint32_t mss = std::max(std::min(conn.advMss, peerMss), kMinSendMss);
    bool timestamps = m_timestampEnabled && peerSyn.HasOption(TcpOption::TS);
    uint32_t size = mss - (timestamps ? kTimestampSpace : 0);
    if (m_tcb->m_segmentSize != conn.profileSegmentSize)
    {
        size = std::min(size, m_tcb->m_segmentSize);
    }
    m_tcb->m_segmentSize = size;
    m_txBuffer->SetSegmentSize(size);
}

// Linux tcp_select_initial_window() for SYNs, __tcp_select_window() afterwards.
uint16_t
TcpRstSocket::AdvertisedWindowSize(bool scale) const
{
    uint16_t stock = TcpSocketBase::AdvertisedWindowSize(scale);
    if (!LinuxHost() || !NodeTcp()->GetHostProfile().linuxWindows)
    {
        return stock;
    }
    auto self = const_cast<TcpRstSocket*>(this); // as TcpSocketBase: the window is state
    LinuxConnection& conn = self->Linux();
    if (!scale)
    {
        // A SYN offers 65535 (or the smaller receive buffer) rounded down to whole MSS: advmss
        // on a SYN (64240), the data MSS on a SYN-ACK that answers timestamps (65160; 2896
        // with a 4096-byte buffer, as capture 05a).
        uint32_t mss = conn.advMss != 0 ? conn.advMss : m_tcb->m_segmentSize;
        if (m_state == SYN_RCVD && m_timestampEnabled && mss > kTimestampSpace)
        {
            mss -= kTimestampSpace;
        }
        uint32_t space = std::min(kMaxUnscaledWindow, m_tcb->m_rxBuffer->MaxBufferSize());
        uint32_t window = std::max(space / mss, 1U) * mss;
        conn.rcvSsthresh = window;
        conn.offeredWnd = window;
        conn.rcvWup = m_tcb->m_rxBuffer->NextRxSequence();
        self->m_advWnd = window;
        return static_cast<uint16_t>(window);
    }
    if (conn.rcvSsthresh == 0 || m_tcb->m_rxBuffer->GotFin())
    {
        return stock; // no SYN of ours yet; after a FIN the last window stays
    }
    // The free space, at most rcv_ssthresh; 0 when less than an MSS is free and the buffer is
    // more than half full (receiver-side silly window avoidance); without window scaling
    // rounded down to whole MSS, with it rounded up to the scale.
    uint32_t free = m_tcb->m_rxBuffer->MaxRxSequence() - m_tcb->m_rxBuffer->NextRxSequence();
    uint32_t full = m_tcb->m_rxBuffer->MaxBufferSize();
    uint32_t mss = m_tcb->m_segmentSize;
    uint32_t window = std::min(free, conn.rcvSsthresh);
    if (free < full / 2 && free < mss)
    {
        window = 0;
    }
    else if (m_rcvWindShift == 0)
    {
        window = window / mss * mss;
    }
    else
    {
        uint32_t unit = 1U << m_rcvWindShift;
        window = (window + unit - 1) / unit * unit;
    }
    // tcp_select_window(): never shrink the window offered (tcp_shrink_window 0): at least
    // what is left of the last one, RCV.WND - (RCV.NXT - RCV.WUP).
    SequenceNumber32 rcvNxt = m_tcb->m_rxBuffer->NextRxSequence();
    uint32_t consumed = rcvNxt - conn.rcvWup;
    uint32_t left = conn.offeredWnd > consumed ? conn.offeredWnd - consumed : 0;
    if (window < left)
    {
        uint32_t unit = 1U << m_rcvWindShift;
        window = (left + unit - 1) / unit * unit;
    }
    conn.rcvWup = rcvNxt;
    conn.offeredWnd = window;
    self->m_advWnd = window;
    return static_cast<uint16_t>(std::min<uint32_t>(window >> m_rcvWindShift, kMaxUnscaledWindow));
}

// Linux tcp_event_data_recv(): the first data grants quick ACKs (tcp_incr_quickack()), and each
// in-order segment grows rcv_ssthresh by two MSS (tcp_grow_window()).
void
TcpRstSocket::ReceivedData(Ptr<Packet> packet, const TcpHeader& tcpHeader)
{
    if (!LinuxHost() || packet->GetSize() == 0)
    {
        TcpSocketBase::ReceivedData(packet, tcpHeader);
        return;
    }
    const TcpHostProfile& profile = NodeTcp()->GetHostProfile();
    uint32_t mss = m_tcb->m_segmentSize;
    LinuxConnection& conn = Linux();
    if (!conn.quickAcksGranted)
    {
        conn.quickAcksGranted = true;
        uint32_t window = conn.rcvSsthresh != 0 ? conn.rcvSsthresh : kMaxUnscaledWindow;
        conn.quickAcks = std::min(profile.quickAcks, window / (2 * mss));
    }
    SequenceNumber32 before = m_tcb->m_rxBuffer->NextRxSequence();
    // tcp_grow_window() runs before the ACK is chosen, so the ACK of this segment offers more.
    // It adds two MSS for a segment that fills its share of the buffer
    // (tcp_win_from_space(truesize) <= len), nothing for small ones: modelled as a segment of
    // at least half an MSS (capture 01: 100 bytes leave the window at 64).
    if (conn.rcvSsthresh != 0 && tcpHeader.GetSequenceNumber() == before &&
        2 * packet->GetSize() >= mss)
    {
        conn.rcvSsthresh = std::min(conn.rcvSsthresh + 2 * mss, profile.rcvBufMax / 2);
    }
    uint32_t delAckMaxCount = m_delAckMaxCount;
    bool quick = conn.quickAcks > 0;
    // A quick ACK leaves before the application hears of the data (Linux acknowledges in
    // softirq context; the reader runs later), so a reply does not overtake it. Not when a
    // FIN is or was received: TcpSocketBase then tells the application the peer closed.
    bool ackFirst = quick && !m_shutdownRecv && !(tcpHeader.GetFlags() & TcpHeader::FIN) &&
                    !m_tcb->m_rxBuffer->GotFin();
    if (quick)
    {
        m_delAckMaxCount = 1;
    }
    if (ackFirst)
    {
        m_shutdownRecv = true;
    }
    TcpSocketBase::ReceivedData(packet, tcpHeader);
    m_delAckMaxCount = delAckMaxCount;
    if (ackFirst)
    {
        m_shutdownRecv = false;
    }
    if (quick)
    {
        --conn.quickAcks;
    }
    if (ackFirst && m_tcb->m_rxBuffer->NextRxSequence() > before)
    {
        NotifyDataRecv();
    }
}

// Linux tcp_mark_push(): PSH on the segment that ends what the application has written.
uint32_t
TcpRstSocket::SendDataPacket(SequenceNumber32 seq, uint32_t maxSize, bool withAck)
{
    if (LinuxHost())
    {
        uint32_t size = std::min(maxSize, m_txBuffer->SizeFromSequence(seq));
        NodeTcp()->SetPushOnNextSegment(size > 0 && seq + size == m_txBuffer->TailSequence());
    }
    uint32_t sent = TcpSocketBase::SendDataPacket(seq, maxSize, withAck);
    if (NodeTcp())
    {
        NodeTcp()->SetPushOnNextSegment(false);
    }
    return sent;
}

void
TcpRstSocket::NewAck(const SequenceNumber32& seq, bool resetRTO)
{
    if (m_linuxConnection)
    {
        m_linuxConnection->retransStamp.reset(); // retransmits_timed_out() starts over
    }
    TcpSocketBase::NewAck(seq, resetRTO);
}

} // namespace ns3
