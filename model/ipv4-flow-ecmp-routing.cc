/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipv4-flow-ecmp-routing.h"

#include "ns3/ipv4-route.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ipv4FlowEcmpRouting");
NS_OBJECT_ENSURE_REGISTERED(Ipv4FlowEcmpRouting);

namespace
{
constexpr uint8_t kTcp = 6;
constexpr uint8_t kUdp = 17;

/// A 64-bit finaliser (MurmurHash3's fmix64): every input bit moves every output bit.
uint64_t
Mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

/// \return the number of leading one bits of a mask
uint32_t
PrefixLength(uint32_t mask)
{
    uint32_t length = 0;
    while (length < 32 && (mask & (0x80000000U >> length)) != 0)
    {
        ++length;
    }
    return length;
}
} // namespace

TypeId
Ipv4FlowEcmpRouting::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Ipv4FlowEcmpRouting")
            .SetParent<Ipv4RoutingProtocol>()
            .SetGroupName("TcpRst")
            .AddConstructor<Ipv4FlowEcmpRouting>()
            .AddAttribute("Salt",
                          "Mixed into this node's flow hash, so that the switches of one path "
                          "choose independently (the topology builders give each node its id); "
                          "[0, 2^32)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&Ipv4FlowEcmpRouting::m_salt),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

Ipv4FlowEcmpRouting::Ipv4FlowEcmpRouting() = default;

void
Ipv4FlowEcmpRouting::AddRoute(Ipv4Address network, Ipv4Mask mask, std::vector<NextHop> nextHops)
{
    NS_LOG_FUNCTION(this << network << mask << nextHops.size());
    if (nextHops.empty())
    {
        throw std::invalid_argument("Ipv4FlowEcmpRouting::AddRoute: a route needs at least one "
                                    "next hop");
    }
    for (const NextHop& hop : nextHops)
    {
        if (!m_ipv4 || hop.interface >= m_ipv4->GetNInterfaces())
        {
            throw std::invalid_argument(
                "Ipv4FlowEcmpRouting::AddRoute: interface " + std::to_string(hop.interface) +
                " is not an interface of the node (install the protocol on a node first)");
        }
    }
    Route route{network.Get() & mask.Get(), mask.Get(), std::move(nextHops)};
    // Longest prefix first; equal lengths keep their order.
    auto at = std::find_if(
        m_routes.begin(), m_routes.end(), [&route](const Route& r) { return r.mask < route.mask; });
    m_routes.insert(at, std::move(route));
}

uint32_t
Ipv4FlowEcmpRouting::GetNRoutes() const
{
    return static_cast<uint32_t>(m_routes.size());
}

bool
Ipv4FlowEcmpRouting::Select(Ipv4Address source,
                            Ipv4Address destination,
                            uint8_t protocol,
                            uint16_t sourcePort,
                            uint16_t destinationPort,
                            NextHop& hop) const
{
    uint32_t dst = destination.Get();
    for (const Route& route : m_routes)
    {
        if ((dst & route.mask) != route.network)
        {
            continue;
        }
        std::vector<const NextHop*> up;
        up.reserve(route.nextHops.size());
        for (const NextHop& candidate : route.nextHops)
        {
            if (m_ipv4->IsUp(candidate.interface))
            {
                up.push_back(&candidate);
            }
        }
        if (up.empty())
        {
            continue;
        }
        uint64_t h = Mix((uint64_t{source.Get()} << 32) | dst);
        h = Mix(h ^ ((uint64_t{protocol} << 32) | (uint64_t{sourcePort} << 16) | destinationPort));
        h = Mix(h ^ m_salt);
        hop = *up[h % up.size()];
        return true;
    }
    return false;
}

std::pair<uint16_t, uint16_t>
Ipv4FlowEcmpRouting::PortsOf(Ptr<const Packet> p, uint8_t protocol)
{
    // TCP and UDP both begin with the source and destination ports.
    uint8_t bytes[4];
    if (!p || (protocol != kTcp && protocol != kUdp) || p->CopyData(bytes, 4) != 4)
    {
        return {0, 0};
    }
    return {static_cast<uint16_t>((bytes[0] << 8) | bytes[1]),
            static_cast<uint16_t>((bytes[2] << 8) | bytes[3])};
}

Ptr<Ipv4Route>
Ipv4FlowEcmpRouting::MakeRoute(Ipv4Address destination, const NextHop& hop) const
{
    Ptr<Ipv4Route> route = Create<Ipv4Route>();
    route->SetDestination(destination);
    route->SetGateway(hop.gateway);
    route->SetOutputDevice(m_ipv4->GetNetDevice(hop.interface));
    route->SetSource(m_ipv4->GetAddress(hop.interface, 0).GetLocal());
    return route;
}

Ptr<Ipv4Route>
Ipv4FlowEcmpRouting::RouteOutput(Ptr<Packet> p,
                                 const Ipv4Header& header,
                                 Ptr<NetDevice> oif,
                                 Socket::SocketErrno& sockerr)
{
    auto [sport, dport] = PortsOf(p, header.GetProtocol());
    NextHop hop{};
    if (!Select(
            header.GetSource(), header.GetDestination(), header.GetProtocol(), sport, dport, hop) ||
        (oif && m_ipv4->GetNetDevice(hop.interface) != oif))
    {
        sockerr = Socket::ERROR_NOROUTETOHOST;
        return nullptr;
    }
    sockerr = Socket::ERROR_NOTERROR;
    return MakeRoute(header.GetDestination(), hop);
}

bool
Ipv4FlowEcmpRouting::RouteInput(Ptr<const Packet> p,
                                const Ipv4Header& header,
                                Ptr<const NetDevice> idev,
                                TCP_RST_ROUTE_CB(UnicastForwardCallback) ucb,
                                TCP_RST_ROUTE_CB(MulticastForwardCallback) /* mcb */,
                                TCP_RST_ROUTE_CB(LocalDeliverCallback) /* lcb */,
                                TCP_RST_ROUTE_CB(ErrorCallback) /* ecb */)
{
    // Local delivery and multicast are Ipv4ListRouting's and the other protocols' business.
    int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    if (header.GetDestination().IsMulticast() || header.GetDestination().IsBroadcast() || iif < 0 ||
        !m_ipv4->IsForwarding(static_cast<uint32_t>(iif)) ||
        m_ipv4->IsDestinationAddress(header.GetDestination(), static_cast<uint32_t>(iif)))
    {
        return false;
    }
    auto [sport, dport] = PortsOf(p, header.GetProtocol());
    NextHop hop{};
    if (!Select(
            header.GetSource(), header.GetDestination(), header.GetProtocol(), sport, dport, hop))
    {
        return false;
    }
    ucb(MakeRoute(header.GetDestination(), hop), p, header);
    return true;
}

void
Ipv4FlowEcmpRouting::NotifyInterfaceUp(uint32_t /* interface */)
{
}

void
Ipv4FlowEcmpRouting::NotifyInterfaceDown(uint32_t /* interface */)
{
    // Select() skips next hops whose interface is down.
}

void
Ipv4FlowEcmpRouting::NotifyAddAddress(uint32_t /* interface */, Ipv4InterfaceAddress /* address */)
{
}

void
Ipv4FlowEcmpRouting::NotifyRemoveAddress(uint32_t /* interface */,
                                         Ipv4InterfaceAddress /* address */)
{
}

void
Ipv4FlowEcmpRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    m_ipv4 = ipv4;
}

void
Ipv4FlowEcmpRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit /* unit */) const
{
    std::ostream& os = *stream->GetStream();
    os << "Node: " << m_ipv4->GetObject<Node>()->GetId() << ", Ipv4FlowEcmpRouting table\n";
    for (const Route& route : m_routes)
    {
        std::ostringstream prefix;
        prefix << Ipv4Address(route.network) << '/' << PrefixLength(route.mask);
        os << std::setw(20) << std::left << prefix.str() << "via";
        for (const NextHop& hop : route.nextHops)
        {
            os << ' ' << hop.gateway << "%if" << hop.interface;
        }
        os << '\n';
    }
}

void
Ipv4FlowEcmpRouting::DoDispose()
{
    m_ipv4 = nullptr;
    m_routes.clear();
    Ipv4RoutingProtocol::DoDispose();
}

} // namespace ns3
