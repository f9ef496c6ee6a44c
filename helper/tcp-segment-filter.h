/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_SEGMENT_FILTER_H
#define TCP_SEGMENT_FILTER_H

#include "ns3/error-model.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/ppp-tcp-frame.h"
#include "ns3/random-variable-stream.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-segment-check.h"

#include <functional>
#include <limits>
#include <map>
#include <set>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief A TCP segment as a TcpSegmentFilter sees it arriving at a device.
 */
using FilteredSegment = PppTcpFrame;

/// Chooses segments: return true for the ones a rule applies to.
using SegmentPredicate = std::function<bool(const FilteredSegment&)>;

/**
 * \ingroup tcp-rst
 * \brief Drops or delays chosen TCP segments arriving at a point-to-point device, e.g. a
 * router's interface, so that "lost" segments appear in the sender's pcap but never reach
 * the peer. Rules apply to the n-th matching segments ([first, first + count)).
 *
 * \code
 * Ptr<TcpSegmentFilter> filter = TcpSegmentFilter::Install(routerDeviceFacingClient);
 * filter->Drop(TcpSegmentFilter::FlagsAre(TcpHeader::SYN));          // first SYN lost
 * filter->Delay(TcpSegmentFilter::HasPayload(), MilliSeconds(50), 0, 3); // first 3 data late
 * \endcode
 */
class TcpSegmentFilter : public ErrorModel
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /**
     * \brief Create a filter and set it as the receive error model of a point-to-point device.
     * \param device a PointToPointNetDevice
     * \return the filter
     * \throws std::invalid_argument when the device is not a PointToPointNetDevice
     */
    static Ptr<TcpSegmentFilter> Install(Ptr<NetDevice> device);

    /**
     * \brief Drop matching segments.
     * \param predicate which segments
     * \param first index (0-based) of the first matching segment the rule applies to
     * \param count how many matching segments, from the first
     */
    void Drop(SegmentPredicate predicate,
              uint32_t first = 0,
              uint32_t count = std::numeric_limits<uint32_t>::max());

    /**
     * \brief Delay matching segments (they arrive later, possibly reordered).
     * \param predicate which segments
     * \param delay how much later, > 0
     * \param first index of the first matching segment the rule applies to
     * \param count how many matching segments
     * \throws std::invalid_argument if delay is not positive
     */
    void Delay(SegmentPredicate predicate,
               Time delay,
               uint32_t first = 0,
               uint32_t count = std::numeric_limits<uint32_t>::max());

    /**
     * \param uid a packet uid
     * \param copy which copy of it (TCP retransmits a segment as a copy with the same uid),
     * counted from 0 in the order they reached this filter
     * \return true when this filter dropped that copy
     */
    bool WasDropped(uint64_t uid, uint32_t copy) const;

    /**
     * \brief Also lose each TCP segment with this probability (after the rules: a segment a
     * rule dropped or delayed is not drawn for), as a lossy link would.
     * \param rate loss probability
     * \throws std::invalid_argument unless 0 <= rate <= 0.5
     */
    void SetRandomLoss(double rate);

    /**
     * \param stream the random stream of SetRandomLoss()
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);
    /// \return number of segments dropped
    uint32_t GetDropCount() const;
    /// \return number of segments delayed
    uint32_t GetDelayCount() const;

    /// \param flags exact flags (PSH, URG, ECE, CWR ignored) \return a predicate
    static SegmentPredicate FlagsAre(uint8_t flags);
    /// \return a predicate matching segments with payload
    static SegmentPredicate HasPayload();
    /// \param address IP source \return a predicate
    static SegmentPredicate From(const Address& address);
    /// \param port TCP source port \return a predicate
    static SegmentPredicate FromPort(uint16_t port);
    /// \param a first predicate \param b second predicate \return both
    static SegmentPredicate And(SegmentPredicate a, SegmentPredicate b);

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;

    /// One drop or delay rule.
    struct Rule
    {
        SegmentPredicate predicate; //!< which segments
        Time delay;                 //!< zero: drop
        uint32_t first;             //!< first matching index
        uint32_t count;             //!< how many
        uint32_t matched{0};        //!< matching segments seen so far
    };

    Ptr<NetDevice> m_device;                           //!< where delayed segments are re-delivered
    std::vector<Rule> m_rules;                         //!< the rules, first match wins
    std::set<std::pair<uint64_t, uint32_t>> m_dropped; //!< (uid, copy) dropped
    std::map<uint64_t, uint32_t> m_copiesSeen;         //!< TCP copies seen per uid
    uint32_t m_delayed{0};                             //!< segments delayed
    double m_lossRate{0};                              //!< random loss probability
    Ptr<UniformRandomVariable> m_loss;                 //!< draws the random losses
};

} // namespace ns3

#endif /* TCP_SEGMENT_FILTER_H */
