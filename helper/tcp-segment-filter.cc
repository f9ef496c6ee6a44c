/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-segment-filter.h"

#include "ns3/log.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/tag.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpSegmentFilter");

NS_OBJECT_ENSURE_REGISTERED(TcpSegmentFilter);

namespace
{
/// Marks a segment re-delivered after a delay, so the filter lets it through.
class DelayedSegmentTag : public Tag
{
  public:
    static TypeId
    GetTypeId()
    {
        static TypeId tid = TypeId("ns3::TcpSegmentFilter::DelayedSegmentTag")
                                .SetParent<Tag>()
                                .SetGroupName("TcpRst")
                                .AddConstructor<DelayedSegmentTag>();
        return tid;
    }

    TypeId
    GetInstanceTypeId() const override
    {
        return GetTypeId();
    }

    uint32_t
    GetSerializedSize() const override
    {
        return 0;
    }

    void
    Serialize(TagBuffer) const override
    {
    }

    void
    Deserialize(TagBuffer) override
    {
    }

    void
    Print(std::ostream& os) const override
    {
        os << "delayed";
    }
};

} // namespace

TypeId
TcpSegmentFilter::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpSegmentFilter")
                            .SetParent<ErrorModel>()
                            .SetGroupName("TcpRst")
                            .AddConstructor<TcpSegmentFilter>();
    return tid;
}

Ptr<TcpSegmentFilter>
TcpSegmentFilter::Install(Ptr<NetDevice> device)
{
    Ptr<PointToPointNetDevice> p2p = DynamicCast<PointToPointNetDevice>(device);
    if (!p2p)
    {
        throw std::invalid_argument("TcpSegmentFilter::Install: the device must be a "
                                    "PointToPointNetDevice");
    }
    Ptr<TcpSegmentFilter> filter = CreateObject<TcpSegmentFilter>();
    filter->m_device = p2p;
    p2p->SetReceiveErrorModel(filter);
    return filter;
}

void
TcpSegmentFilter::Drop(SegmentPredicate predicate, uint32_t first, uint32_t count)
{
    m_rules.push_back({std::move(predicate), Time(0), first, count});
}

void
TcpSegmentFilter::Delay(SegmentPredicate predicate, Time delay, uint32_t first, uint32_t count)
{
    if (!delay.IsStrictlyPositive())
    {
        throw std::invalid_argument("TcpSegmentFilter::Delay: delay must be > 0");
    }
    m_rules.push_back({std::move(predicate), delay, first, count});
}

bool
TcpSegmentFilter::WasDropped(uint64_t uid, uint32_t copy) const
{
    return m_dropped.count({uid, copy}) != 0;
}

void
TcpSegmentFilter::SetRandomLoss(double rate)
{
    if (!(rate >= 0 && rate <= 0.5))
    {
        throw std::invalid_argument("loss rate " + std::to_string(rate) +
                                    " is out of range [0, 0.5]");
    }
    m_lossRate = rate;
    if (!m_loss)
    {
        m_loss = CreateObject<UniformRandomVariable>();
    }
}

int64_t
TcpSegmentFilter::AssignStreams(int64_t stream)
{
    if (!m_loss)
    {
        m_loss = CreateObject<UniformRandomVariable>();
    }
    m_loss->SetStream(stream);
    return 1;
}

uint32_t
TcpSegmentFilter::GetDropCount() const
{
    return m_dropped.size();
}

uint32_t
TcpSegmentFilter::GetDelayCount() const
{
    return m_delayed;
}

bool
TcpSegmentFilter::DoCorrupt(Ptr<Packet> p)
{
    DelayedSegmentTag delayedTag;
    if (p->PeekPacketTag(delayedTag))
    {
        return false;
    }
    FilteredSegment segment;
    if (!PppTcpFrame::Parse(p, &segment))
    {
        return false;
    }
    // TCP retransmits a segment as a copy of the same packet (same uid): count the copies.
    uint32_t copy = m_copiesSeen[p->GetUid()]++;

    for (Rule& rule : m_rules)
    {
        if (!rule.predicate(segment))
        {
            continue;
        }
        uint32_t index = rule.matched++;
        if (index < rule.first || index - rule.first >= rule.count)
        {
            continue;
        }
        if (rule.delay.IsZero())
        {
            NS_LOG_INFO("drop " << segment.header);
            m_dropped.insert({p->GetUid(), copy});
            return true;
        }
        NS_LOG_INFO("delay " << segment.header << " by " << rule.delay);
        Ptr<Packet> late = p->Copy();
        late->AddPacketTag(DelayedSegmentTag());
        Ptr<PointToPointNetDevice> device = DynamicCast<PointToPointNetDevice>(m_device);
        Simulator::Schedule(rule.delay, &PointToPointNetDevice::Receive, device, late);
        ++m_delayed;
        return true;
    }
    if (m_lossRate > 0 && m_loss->GetValue() < m_lossRate)
    {
        NS_LOG_INFO("random loss " << segment.header);
        m_dropped.insert({p->GetUid(), copy});
        return true;
    }
    return false;
}

void
TcpSegmentFilter::DoReset()
{
    for (Rule& rule : m_rules)
    {
        rule.matched = 0;
    }
    m_dropped.clear();
    m_copiesSeen.clear();
    m_delayed = 0;
}

SegmentPredicate
TcpSegmentFilter::FlagsAre(uint8_t flags)
{
    return [flags](const FilteredSegment& s)
    { return (s.header.GetFlags() & ~TCP_STATELESS_FLAGS) == (flags & ~TCP_STATELESS_FLAGS); };
}

SegmentPredicate
TcpSegmentFilter::HasPayload()
{
    return [](const FilteredSegment& s) { return s.payloadSize > 0; };
}

SegmentPredicate
TcpSegmentFilter::From(const Address& address)
{
    return [address](const FilteredSegment& s) { return s.source == address; };
}

SegmentPredicate
TcpSegmentFilter::FromPort(uint16_t port)
{
    return [port](const FilteredSegment& s) { return s.header.GetSourcePort() == port; };
}

SegmentPredicate
TcpSegmentFilter::And(SegmentPredicate a, SegmentPredicate b)
{
    return [a, b](const FilteredSegment& s) { return a(s) && b(s); };
}

} // namespace ns3
