/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_SEGMENT_INJECTOR_H
#define TCP_SEGMENT_INJECTOR_H

#include "ns3/address.h"
#include "ns3/event-id.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/tcp-header.h"

#include <functional>
#include <optional>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief A crafted TCP segment: any flags, sequence and acknowledgment numbers, window,
 * options and payload length.
 */
struct TcpSegmentSpec
{
    uint16_t sourcePort{0};             //!< source port
    uint16_t destinationPort{0};        //!< destination port
    uint8_t flags{0};                   //!< TcpHeader flags (SYN, ACK, RST, FIN, PSH ...)
    SequenceNumber32 seq{0};            //!< sequence number (absolute)
    SequenceNumber32 ack{0};            //!< acknowledgment number (absolute)
    uint16_t window{64240};             //!< window field
    uint32_t payloadSize{0};            //!< zero-filled payload bytes, at most 65495
    std::optional<uint16_t> mss;        //!< MSS option
    std::optional<uint8_t> windowScale; //!< window scale option, 0..14
    bool sackPermitted{false};          //!< SACK-permitted option
    std::optional<uint32_t> tsValue;    //!< timestamp option: TSval
    uint32_t tsEcho{0};                 //!< timestamp option: TSecr (with tsValue)

    /// \return the TCP header this spec describes
    TcpHeader BuildHeader() const;

    /// \throws std::invalid_argument naming the field and its allowed range
    void Validate() const;
};

/**
 * \ingroup tcp-rst
 * \brief Sends crafted TCP segments from a node's IP layer, so they appear on the wire, in
 * pcaps and in ladders like any other segment, without the node's TCP knowing.
 *
 * Every injected segment carries a TcpRstReasonTag INJECTED (simulation metadata only), so a
 * receiver's ResetReceived trace and the ladder can tell crafted segments apart.
 */
class TcpSegmentInjector
{
  public:
    /**
     * \brief Send now.
     * \param from the node that emits it
     * \param destination destination address (the source is what routing picks)
     * \param spec the segment
     * \throws std::invalid_argument for a bad spec, a node without IP, or no route
     */
    static void Send(Ptr<Node> from, const Address& destination, const TcpSegmentSpec& spec);

    /**
     * \brief Send raw bytes as the TCP part of an IPv4 or IPv6 packet, for segments TcpHeader
     * cannot express (truncated headers, bad data offsets). No checksum is computed: with
     * Node::ChecksumEnabled() the receiver drops them as corrupted.
     * \param from the node that emits it
     * \param destination destination address
     * \param bytes the TCP header and payload as they go on the wire
     * \throws std::invalid_argument for a node without IP or without a route
     */
    static void SendRaw(Ptr<Node> from,
                        const Address& destination,
                        const std::vector<uint8_t>& bytes);

    /**
     * \brief Send at a given time (validated now).
     * \param at delay from now
     * \param from the node that emits it
     * \param destination destination address
     * \param spec the segment
     * \return the event
     */
    static EventId Schedule(Time at,
                            Ptr<Node> from,
                            const Address& destination,
                            const TcpSegmentSpec& spec);

    /**
     * \brief Send at a given time a segment built at that time, e.g. from a live socket's
     * sequence numbers.
     * \param at delay from now
     * \param from the node that emits it
     * \param destination destination address
     * \param build returns the segment when the event fires
     * \return the event
     */
    static EventId Schedule(Time at,
                            Ptr<Node> from,
                            const Address& destination,
                            std::function<TcpSegmentSpec()> build);
};

} // namespace ns3

#endif /* TCP_SEGMENT_INJECTOR_H */
