/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "star-topology.h"

#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/point-to-point-star.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/topology-checks.h"

#include <sstream>

namespace ns3
{

void
StarOptions::Validate() const
{
    if (spokes < 2 || spokes > 1000)
    {
        throw std::invalid_argument("--spokes=" + std::to_string(spokes) +
                                    " is out of range [2, 1000]");
    }
    CheckLinkRate("--rate", rate);
    CheckLinkDelay("--delay", delay);
}

StarTopology::StarTopology(TcpRstHelper& rst, const StarOptions& options)
    : m_options(options)
{
    options.Validate();
    PointToPointHelper spoke = LinkHelper(options.rate, options.delay);
    PointToPointStarHelper star(options.spokes, spoke);
    NodeContainer hosts;
    for (uint32_t i = 0; i < options.spokes; ++i)
    {
        hosts.Add(star.GetSpokeNode(i));
    }
    m_switches = NodeContainer(star.GetHub());
    rst.Install(NodeContainer(hosts, m_switches));
    star.AssignIpv4Addresses(Ipv4AddressHelper("10.3.0.0", "255.255.255.0"));
    for (uint32_t i = 0; i < options.spokes; ++i)
    {
        Ptr<NetDevice> device = LinkDevice(hosts.Get(i));
        AddHost(hosts.Get(i), star.GetSpokeIpv4Address(i), device, PeerDevice(device));
    }
    m_links = options.spokes;
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
}

std::string
StarTopology::Describe() const
{
    std::ostringstream os;
    os << "star: " << m_options.spokes << " hosts around one router";
    return os.str();
}

uint32_t
StarTopology::GetHops(uint32_t a, uint32_t b) const
{
    CheckHost(a);
    CheckHost(b);
    return a == b ? 0 : 2;
}

std::string
StarTopology::GetPathKind(uint32_t a, uint32_t b) const
{
    return GetHops(a, b) == 0 ? "self" : "hub";
}

Time
StarTopology::GetPathDelay(uint32_t a, uint32_t b) const
{
    return m_options.delay * GetHops(a, b);
}

} // namespace ns3
