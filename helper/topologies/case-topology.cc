/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "case-topology.h"

#include "ns3/boolean.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/topology-checks.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CaseTopology");

CaseTopology
CaseTopology::Build(
    TcpRstHelper& rst, const std::string& rate, Time delay, bool ipv6, TcpRstHelper* serverStack)
{
    CaseTopology t;
    t.nodes.Create(3);
    t.linkDelay = delay;
    t.pathDelay = 2 * delay;
    t.linkRate = rate;
    t.client = t.nodes.Get(0);
    t.router = t.nodes.Get(1);
    t.server = t.nodes.Get(2);
    if (serverStack != nullptr)
    {
        rst.Install(NodeContainer(t.client, t.router));
        serverStack->Install(t.server);
    }
    else
    {
        rst.Install(t.nodes);
    }

    PointToPointHelper p2p = LinkHelper(rate, delay);
    NetDeviceContainer clientLink = p2p.Install(t.client, t.router);
    NetDeviceContainer serverLink = p2p.Install(t.router, t.server);
    t.clientDevice = clientLink.Get(0);
    t.routerFromClient = clientLink.Get(1);
    t.routerFromServer = serverLink.Get(0);
    t.serverDevice = serverLink.Get(1);

    Ipv4AddressHelper addresses;
    addresses.SetBase("10.77.1.0", "255.255.255.0");
    Ipv4InterfaceContainer clientSide = addresses.Assign(clientLink);
    addresses.SetBase("10.77.2.0", "255.255.255.0");
    Ipv4InterfaceContainer serverSide = addresses.Assign(serverLink);
    t.clientAddress = clientSide.GetAddress(0);
    t.serverAddress = serverSide.GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    if (ipv6)
    {
        // Addresses usable at once (no Duplicate Address Detection), default routes via the
        // router, which forwards.
        for (auto it = t.nodes.Begin(); it != t.nodes.End(); ++it)
        {
            (*it)->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD", BooleanValue(false));
        }
        Ipv6AddressHelper addresses6;
        addresses6.SetBase(Ipv6Address("2001:77:1::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer clientSide6 = addresses6.Assign(clientLink);
        clientSide6.SetForwarding(1, true);
        clientSide6.SetDefaultRouteInAllNodes(1);
        addresses6.SetBase(Ipv6Address("2001:77:2::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer serverSide6 = addresses6.Assign(serverLink);
        serverSide6.SetForwarding(0, true);
        serverSide6.SetDefaultRouteInAllNodes(0);
        t.clientAddress6 = clientSide6.GetAddress(0, 1);
        t.serverAddress6 = serverSide6.GetAddress(1, 1);
    }
    NS_LOG_INFO("client " << t.clientAddress << " server " << t.serverAddress);
    return t;
}

std::pair<NodeContainer, NetDeviceContainer>
CaseTopology::AddClientHosts(TcpRstHelper& rst, uint32_t count)
{
    if (count > 200)
    {
        throw std::invalid_argument("CaseTopology::AddClientHosts: " + std::to_string(count) +
                                    " hosts is out of range [0, 200]");
    }
    NodeContainer hosts;
    hosts.Create(count);
    rst.Install(hosts);
    PointToPointHelper p2p = LinkHelper(linkRate, linkDelay);
    NetDeviceContainer routerSide;
    Ipv4AddressHelper addresses;
    for (uint32_t i = 0; i < count; ++i)
    {
        NetDeviceContainer link = p2p.Install(hosts.Get(i), router);
        addresses.SetBase(Ipv4Address((10U << 24) | (77U << 16) | ((10U + i) << 8)),
                          "255.255.255.0");
        addresses.Assign(link);
        routerSide.Add(link.Get(1));
        nodes.Add(hosts.Get(i));
    }
    Ipv4GlobalRoutingHelper::RecomputeRoutingTables();
    return {hosts, routerSide};
}

Time
CaseTopology::RoundTrip() const
{
    return 2 * pathDelay;
}

Ptr<TcpRstL4Protocol>
CaseTopology::ClientTcp() const
{
    return TcpRstHelper::GetTcp(client);
}

Ptr<TcpRstL4Protocol>
CaseTopology::ServerTcp() const
{
    return TcpRstHelper::GetTcp(server);
}

} // namespace ns3
