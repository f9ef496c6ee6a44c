/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dumbbell-topology.h"

#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/point-to-point-dumbbell.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/topology-checks.h"

#include <sstream>

namespace ns3
{

void
DumbbellOptions::Validate() const
{
    if (leaves < 1 || leaves > 1000)
    {
        throw std::invalid_argument("--leaves=" + std::to_string(leaves) +
                                    " is out of range [1, 1000]");
    }
    CheckLinkRate("--leafRate", leafRate);
    CheckLinkRate("--bottleneckRate", bottleneckRate);
    CheckLinkDelay("--leafDelay", leafDelay);
    CheckLinkDelay("--bottleneckDelay", bottleneckDelay);
}

DumbbellTopology::DumbbellTopology(TcpRstHelper& rst, const DumbbellOptions& options)
    : m_options(options)
{
    options.Validate();
    PointToPointHelper leaf = LinkHelper(options.leafRate, options.leafDelay);
    PointToPointHelper bottleneck = LinkHelper(options.bottleneckRate, options.bottleneckDelay);
    PointToPointDumbbellHelper dumbbell(options.leaves, leaf, options.leaves, leaf, bottleneck);
    NodeContainer hosts;
    for (uint32_t i = 0; i < options.leaves; ++i)
    {
        hosts.Add(dumbbell.GetLeft(i));
    }
    for (uint32_t i = 0; i < options.leaves; ++i)
    {
        hosts.Add(dumbbell.GetRight(i));
    }
    m_switches = NodeContainer(dumbbell.GetLeft(), dumbbell.GetRight());
    rst.Install(NodeContainer(hosts, m_switches));
    dumbbell.AssignIpv4Addresses(Ipv4AddressHelper("10.1.0.0", "255.255.255.0"),
                                 Ipv4AddressHelper("10.2.0.0", "255.255.255.0"),
                                 Ipv4AddressHelper("10.0.0.0", "255.255.255.0"));
    for (uint32_t i = 0; i < hosts.GetN(); ++i)
    {
        Ptr<NetDevice> device = LinkDevice(hosts.Get(i));
        Ipv4Address address = i < options.leaves ? dumbbell.GetLeftIpv4Address(i)
                                                 : dumbbell.GetRightIpv4Address(i - options.leaves);
        AddHost(hosts.Get(i), address, device, PeerDevice(device));
    }
    m_links = 2 * options.leaves + 1;
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
}

std::string
DumbbellTopology::Describe() const
{
    std::ostringstream os;
    os << "dumbbell: " << m_options.leaves << " + " << m_options.leaves << " hosts, "
       << m_options.bottleneckRate << " bottleneck";
    return os.str();
}

uint32_t
DumbbellTopology::GetHops(uint32_t a, uint32_t b) const
{
    CheckHost(a);
    CheckHost(b);
    if (a == b)
    {
        return 0;
    }
    return (a < m_options.leaves) == (b < m_options.leaves) ? 2 : 3;
}

std::string
DumbbellTopology::GetPathKind(uint32_t a, uint32_t b) const
{
    uint32_t hops = GetHops(a, b);
    return hops == 0 ? "self" : (hops == 2 ? "side" : "bottleneck");
}

Time
DumbbellTopology::GetPathDelay(uint32_t a, uint32_t b) const
{
    uint32_t hops = GetHops(a, b);
    return hops == 0 ? Time(0)
                     : m_options.leafDelay * 2 + (hops == 3 ? m_options.bottleneckDelay : Time(0));
}

} // namespace ns3
