/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TOPOLOGY_CHECKS_H
#define TOPOLOGY_CHECKS_H

#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/point-to-point-helper.h"

#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \param name the parameter, e.g. "--hostRate"
 * \param rate its value
 * \throws std::invalid_argument unless it is a data rate of at least 10 kbit/s
 */
void CheckLinkRate(const std::string& name, const std::string& rate);

/**
 * \ingroup tcp-rst
 * \param name the parameter, e.g. "--hostDelay"
 * \param delay its value
 * \throws std::invalid_argument unless it is in [0, 1 s]
 */
void CheckLinkDelay(const std::string& name, Time delay);

/**
 * \ingroup tcp-rst
 * \param rate data rate of the links, e.g. "1Gbps"
 * \param delay one-way delay
 * \return a PointToPointHelper that makes such links
 */
PointToPointHelper LinkHelper(const std::string& rate, Time delay);

/**
 * \ingroup tcp-rst
 * \param host a node
 * \return its first device on a channel (not the loopback)
 */
Ptr<NetDevice> LinkDevice(Ptr<Node> host);

/**
 * \ingroup tcp-rst
 * \param device one end of a point-to-point link
 * \return the other end
 */
Ptr<NetDevice> PeerDevice(Ptr<NetDevice> device);

} // namespace ns3

#endif /* TOPOLOGY_CHECKS_H */
