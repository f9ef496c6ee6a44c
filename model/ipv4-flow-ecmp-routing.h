/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPV4_FLOW_ECMP_ROUTING_H
#define IPV4_FLOW_ECMP_ROUTING_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/tcp-rst-ns3-version.h"

#include <cstdint>
#include <vector>

/// RouteInput() takes its callbacks by const reference from ns-3.39 on.
#if TCP_RST_NS3_MINOR >= 39
#define TCP_RST_ROUTE_CB(Type) const Type&
#else
#define TCP_RST_ROUTE_CB(Type) Type
#endif

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Static longest-prefix routing with per-flow equal-cost multipath: a route lists
 * several next hops and a flow (source and destination address, protocol, ports) always takes
 * the same one, chosen by a hash, as Linux's fib_multipath_hash with
 * fib_multipath_hash_policy=1 (layer 4) does.
 *
 * ns-3's global routing spreads packets, not flows, over equal-cost paths
 * (RandomEcmpRouting), which reorders TCP segments; Nix-vector routing takes one path. This
 * protocol is meant to sit in an Ipv4ListRouting above the static and global protocols; the
 * topology builders (FatTreeTopology) fill its tables, so building routes costs nothing on
 * large trees. Each node hashes with its own salt, so that switches on one path do not all
 * make the same choice (hash polarisation).
 */
class Ipv4FlowEcmpRouting : public Ipv4RoutingProtocol
{
  public:
    /// One way out: an interface and the neighbour behind it.
    struct NextHop
    {
        uint32_t interface;  //!< output interface
        Ipv4Address gateway; //!< neighbour on that interface (0.0.0.0: on-link)
    };

    /// \return the TypeId
    static TypeId GetTypeId();

    Ipv4FlowEcmpRouting();

    /**
     * \brief Route a prefix over one or more equal-cost next hops.
     * \param network the network
     * \param mask its mask
     * \param nextHops at least one
     * \throws std::invalid_argument without a next hop or with an interface the node lacks
     */
    void AddRoute(Ipv4Address network, Ipv4Mask mask, std::vector<NextHop> nextHops);

    /// \return the number of prefixes routed
    uint32_t GetNRoutes() const;

    /**
     * \brief The next hop a flow takes (longest prefix, then the flow's hash).
     * \param source source address
     * \param destination destination address
     * \param protocol IP protocol number
     * \param sourcePort transport source port (0 when there is none)
     * \param destinationPort transport destination port (0 when there is none)
     * \param[out] hop the next hop
     * \return false when no route covers the destination
     */
    bool Select(Ipv4Address source,
                Ipv4Address destination,
                uint8_t protocol,
                uint16_t sourcePort,
                uint16_t destinationPort,
                NextHop& hop) const;

    // Inherited from Ipv4RoutingProtocol
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    TCP_RST_ROUTE_CB(UnicastForwardCallback) ucb,
                    TCP_RST_ROUTE_CB(MulticastForwardCallback) mcb,
                    TCP_RST_ROUTE_CB(LocalDeliverCallback) lcb,
                    TCP_RST_ROUTE_CB(ErrorCallback) ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    /// A prefix and its next hops.
    struct Route
    {
        uint32_t network;              //!< network, host order
        uint32_t mask;                 //!< mask, host order
        std::vector<NextHop> nextHops; //!< equal-cost next hops
    };

    /// \return a route to \p destination out of \p hop's interface
    Ptr<Ipv4Route> MakeRoute(Ipv4Address destination, const NextHop& hop) const;

    /// \param p a transport segment \param protocol its protocol \return its ports, or 0
    static std::pair<uint16_t, uint16_t> PortsOf(Ptr<const Packet> p, uint8_t protocol);

    Ptr<Ipv4> m_ipv4;            //!< the node's IPv4
    std::vector<Route> m_routes; //!< longest prefix first
    uint32_t m_salt{0};          //!< this node's hash salt
};

} // namespace ns3

#endif /* IPV4_FLOW_ECMP_ROUTING_H */
