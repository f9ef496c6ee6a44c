/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_TCP_FRAME_H
#define PPP_TCP_FRAME_H

#include "ns3/address.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"

#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief The TCP segment inside a point-to-point frame (PPP, then IPv4 or IPv6), as the
 * ladder recorder and the segment filter see the wire.
 */
struct PppTcpFrame
{
    Address source;          //!< IP source (Ipv4Address or Ipv6Address)
    Address destination;     //!< IP destination
    TcpHeader header;        //!< TCP header
    uint32_t payloadSize{0}; //!< payload bytes

    /**
     * \brief Parse a frame as PointToPointNetDevice traces and receives it.
     * \param frame the frame, PPP header first
     * \param[out] out the segment
     * \return false for anything but a well-formed TCP segment over IPv4 or IPv6 (no
     * extension headers)
     */
    static bool Parse(Ptr<const Packet> frame, PppTcpFrame* out);
};

/// \ingroup tcp-rst \param ip an Ipv4Address or Ipv6Address \return it as text
std::string FormatIp(const Address& ip);

} // namespace ns3

#endif /* PPP_TCP_FRAME_H */
