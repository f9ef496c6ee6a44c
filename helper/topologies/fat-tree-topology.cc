/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fat-tree-topology.h"

#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-flow-ecmp-routing.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-nix-vector-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/topology-checks.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FatTreeTopology");

namespace
{
/// Priority of Ipv4FlowEcmpRouting in a node's Ipv4ListRouting: above static (0) and global.
constexpr int16_t kFlowEcmpPriority = 10;
/// First switch-to-switch address, 172.16.0.0/12.
constexpr uint32_t kFabricBase = (172U << 24) | (16U << 16);

/// Give \p device an address and bring it up. \return its interface index
uint32_t
Attach(Ptr<NetDevice> device, Ipv4Address address, Ipv4Mask mask)
{
    Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
    int32_t existing = ipv4->GetInterfaceForDevice(device);
    uint32_t interface =
        existing >= 0 ? static_cast<uint32_t>(existing) : ipv4->AddInterface(device);
    ipv4->AddAddress(interface, Ipv4InterfaceAddress(address, mask));
    ipv4->SetUp(interface);
    return interface;
}

Ptr<Ipv4FlowEcmpRouting>
FlowEcmpOf(Ptr<Node> node)
{
    Ptr<Ipv4ListRouting> list =
        DynamicCast<Ipv4ListRouting>(node->GetObject<Ipv4>()->GetRoutingProtocol());
    NS_ABORT_MSG_UNLESS(list, "node " << node->GetId() << " routes without Ipv4ListRouting");
    int16_t priority = 0;
    for (uint32_t i = 0; i < list->GetNRoutingProtocols(); ++i)
    {
        Ptr<Ipv4FlowEcmpRouting> ecmp =
            DynamicCast<Ipv4FlowEcmpRouting>(list->GetRoutingProtocol(i, priority));
        if (ecmp)
        {
            return ecmp;
        }
    }
    Ptr<Ipv4FlowEcmpRouting> ecmp = CreateObject<Ipv4FlowEcmpRouting>();
    ecmp->SetAttribute("Salt", UintegerValue(node->GetId()));
    list->AddRoutingProtocol(ecmp, kFlowEcmpPriority);
    return ecmp;
}
} // namespace

void
FatTreeOptions::Validate() const
{
    if (k < 2 || k > 32 || k % 2 != 0)
    {
        throw std::invalid_argument("--k=" + std::to_string(k) +
                                    " must be even and in [2, 32] (k=4: 16 hosts, k=16: 1024)");
    }
    CheckLinkRate("--hostRate", hostRate);
    CheckLinkRate("--fabricRate", fabricRate);
    CheckLinkDelay("--hostDelay", hostDelay);
    CheckLinkDelay("--fabricDelay", fabricDelay);
}

FatTreeTopology::FatTreeTopology(TcpRstHelper& rst, const FatTreeOptions& options)
    : m_options(options)
{
    NS_LOG_FUNCTION(this << options.k);
    options.Validate();
    Build(
        [&rst, &options](NodeContainer all)
        {
            if (options.routing == FatTreeRouting::NIX_VECTOR)
            {
                InternetStackHelper stack;
                Ipv4NixVectorHelper nix;
                stack.SetRoutingHelper(nix);
                rst.Install(all, stack);
            }
            else
            {
                rst.Install(all);
            }
        });
}

FatTreeTopology::FatTreeTopology(const std::function<void(NodeContainer)>& install,
                                 const FatTreeOptions& options)
    : m_options(options)
{
    options.Validate();
    if (options.routing == FatTreeRouting::NIX_VECTOR)
    {
        throw std::invalid_argument("FatTreeTopology: with your own stack, route with "
                                    "FLOW_ECMP or GLOBAL (Nix-vector needs its own helper)");
    }
    Build(install);
}

void
FatTreeTopology::Build(const std::function<void(NodeContainer)>& install)
{
    const FatTreeOptions& options = m_options;
    const uint32_t k = options.k;
    const uint32_t half = k / 2;
    NodeContainer hosts;
    hosts.Create(k * half * half);
    m_edge.Create(k * half);
    m_aggregation.Create(k * half);
    m_core.Create(half * half);
    m_switches = NodeContainer(m_edge, m_aggregation, m_core);
    install(NodeContainer(hosts, m_switches));

    PointToPointHelper hostLink = LinkHelper(options.hostRate, options.hostDelay);
    PointToPointHelper fabricLink = LinkHelper(options.fabricRate, options.fabricDelay);
    const Ipv4Mask slash30("255.255.255.252");

    for (uint32_t pod = 0; pod < k; ++pod)
    {
        for (uint32_t edge = 0; edge < half; ++edge)
        {
            Ptr<Node> sw = m_edge.Get(pod * half + edge);
            for (uint32_t i = 0; i < half; ++i)
            {
                Ptr<Node> host = hosts.Get((pod * half + edge) * half + i);
                NetDeviceContainer link = hostLink.Install(host, sw);
                uint32_t base = (10U << 24) | (pod << 16) | (edge << 8) | (4 * i);
                Ipv4Address hostAddress(base + 2);
                Attach(link.Get(0), hostAddress, slash30);
                m_hostEdgeIf.push_back(Attach(link.Get(1), Ipv4Address(base + 1), slash30));
                AddHost(host, hostAddress, link.Get(0), link.Get(1));
                ++m_links;
            }
        }
    }
    uint32_t fabricAddress = kFabricBase;
    auto connect = [&](Ptr<Node> lower, Ptr<Node> upper)
    {
        NetDeviceContainer link = fabricLink.Install(lower, upper);
        FabricLink l{
            lower, 0, Ipv4Address(fabricAddress + 1), upper, 0, Ipv4Address(fabricAddress + 2)};
        l.lowerIf = Attach(link.Get(0), l.lowerAddr, slash30);
        l.upperIf = Attach(link.Get(1), l.upperAddr, slash30);
        fabricAddress += 4;
        ++m_links;
        return l;
    };
    for (uint32_t pod = 0; pod < k; ++pod)
    {
        for (uint32_t edge = 0; edge < half; ++edge)
        {
            for (uint32_t agg = 0; agg < half; ++agg)
            {
                m_edgeUp.push_back(
                    connect(m_edge.Get(pod * half + edge), m_aggregation.Get(pod * half + agg)));
            }
        }
        for (uint32_t agg = 0; agg < half; ++agg)
        {
            for (uint32_t j = 0; j < half; ++j)
            {
                m_aggUp.push_back(
                    connect(m_aggregation.Get(pod * half + agg), m_core.Get(agg * half + j)));
            }
        }
    }

    auto start = std::chrono::steady_clock::now();
    switch (options.routing)
    {
    case FatTreeRouting::FLOW_ECMP:
        BuildFlowEcmpRoutes();
        break;
    case FatTreeRouting::GLOBAL:
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        break;
    case FatTreeRouting::NIX_VECTOR:
        break; // Nix vectors are computed per destination on first use
    }
    m_routingSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    NS_LOG_INFO(Describe() << ", routes in " << m_routingSeconds << " s");
}

void
FatTreeTopology::BuildFlowEcmpRoutes()
{
    const uint32_t half = m_options.k / 2;
    const Ipv4Mask slash30("255.255.255.252");
    const Ipv4Mask slash24("255.255.255.0");
    const Ipv4Mask slash16("255.255.0.0");
    const Ipv4Mask any("0.0.0.0");
    // Hosts: everything through the edge switch.
    for (uint32_t h = 0; h < GetNHosts(); ++h)
    {
        Ipv4Address edgeSide(m_addresses[h].Get() - 1);
        FlowEcmpOf(m_hosts.Get(h))->AddRoute(Ipv4Address::GetZero(), any, {{1, edgeSide}});
    }
    // Edge switches: their hosts down, the rest up to any aggregation switch of the pod.
    for (uint32_t e = 0; e < m_edge.GetN(); ++e)
    {
        Ptr<Ipv4FlowEcmpRouting> ecmp = FlowEcmpOf(m_edge.Get(e));
        for (uint32_t i = 0; i < half; ++i)
        {
            uint32_t h = e * half + i;
            ecmp->AddRoute(Ipv4Address(m_addresses[h].Get() & ~3U),
                           slash30,
                           {{m_hostEdgeIf[h], m_addresses[h]}});
        }
        std::vector<Ipv4FlowEcmpRouting::NextHop> up;
        for (uint32_t a = 0; a < half; ++a)
        {
            const FabricLink& l = m_edgeUp[e * half + a];
            up.push_back({l.lowerIf, l.upperAddr});
        }
        ecmp->AddRoute(Ipv4Address::GetZero(), any, up);
    }
    // Aggregation switches: the pod's edge prefixes down, the rest up to any of their cores.
    for (uint32_t pod = 0; pod < m_options.k; ++pod)
    {
        for (uint32_t a = 0; a < half; ++a)
        {
            Ptr<Ipv4FlowEcmpRouting> ecmp = FlowEcmpOf(m_aggregation.Get(pod * half + a));
            for (uint32_t e = 0; e < half; ++e)
            {
                const FabricLink& l = m_edgeUp[(pod * half + e) * half + a];
                ecmp->AddRoute(Ipv4Address((10U << 24) | (pod << 16) | (e << 8)),
                               slash24,
                               {{l.upperIf, l.lowerAddr}});
            }
            std::vector<Ipv4FlowEcmpRouting::NextHop> up;
            for (uint32_t j = 0; j < half; ++j)
            {
                const FabricLink& l = m_aggUp[(pod * half + a) * half + j];
                up.push_back({l.lowerIf, l.upperAddr});
            }
            ecmp->AddRoute(Ipv4Address::GetZero(), any, up);
        }
    }
    // Core switches: one prefix per pod, down to the pod's aggregation switch they serve.
    for (uint32_t c = 0; c < m_core.GetN(); ++c)
    {
        Ptr<Ipv4FlowEcmpRouting> ecmp = FlowEcmpOf(m_core.Get(c));
        uint32_t a = c / half;
        uint32_t j = c % half;
        for (uint32_t pod = 0; pod < m_options.k; ++pod)
        {
            const FabricLink& l = m_aggUp[(pod * half + a) * half + j];
            ecmp->AddRoute(
                Ipv4Address((10U << 24) | (pod << 16)), slash16, {{l.upperIf, l.lowerAddr}});
        }
    }
}

std::string
FatTreeTopology::Describe() const
{
    std::ostringstream os;
    os << "fat-tree k=" << m_options.k << ": " << GetNHosts() << " hosts, " << m_switches.GetN()
       << " switches, " << m_links << " links";
    return os.str();
}

uint32_t
FatTreeTopology::GetPod(uint32_t host) const
{
    CheckHost(host);
    uint32_t half = m_options.k / 2;
    return host / (half * half);
}

uint32_t
FatTreeTopology::GetEdge(uint32_t host) const
{
    CheckHost(host);
    uint32_t half = m_options.k / 2;
    return (host / half) % half;
}

uint32_t
FatTreeTopology::GetHops(uint32_t a, uint32_t b) const
{
    if (a == b)
    {
        CheckHost(a);
        return 0;
    }
    if (GetPod(a) != GetPod(b))
    {
        return 6;
    }
    return GetEdge(a) == GetEdge(b) ? 2 : 4;
}

std::string
FatTreeTopology::GetPathKind(uint32_t a, uint32_t b) const
{
    switch (GetHops(a, b))
    {
    case 0:
        return "self";
    case 2:
        return "edge";
    case 4:
        return "pod";
    default:
        return "core";
    }
}

Time
FatTreeTopology::GetPathDelay(uint32_t a, uint32_t b) const
{
    uint32_t hops = GetHops(a, b);
    return hops == 0 ? Time(0) : m_options.hostDelay * 2 + m_options.fabricDelay * (hops - 2);
}

const FatTreeOptions&
FatTreeTopology::GetOptions() const
{
    return m_options;
}

const NodeContainer&
FatTreeTopology::GetEdgeSwitches() const
{
    return m_edge;
}

const NodeContainer&
FatTreeTopology::GetAggregationSwitches() const
{
    return m_aggregation;
}

const NodeContainer&
FatTreeTopology::GetCoreSwitches() const
{
    return m_core;
}

double
FatTreeTopology::GetRoutingBuildSeconds() const
{
    return m_routingSeconds;
}

} // namespace ns3
