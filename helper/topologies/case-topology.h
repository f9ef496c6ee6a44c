/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CASE_TOPOLOGY_H
#define CASE_TOPOLOGY_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/tcp-rst-l4-protocol.h"

#include <string>
#include <utility>

namespace ns3
{

class TcpRstHelper;

/**
 * \ingroup tcp-rst
 * \brief client — router — server over point-to-point links, as in the Linux ground-truth lab
 * (client 10.77.1.1, server 10.77.2.2), with tcp-rst on every node.
 */
struct CaseTopology
{
    Ptr<Node> client;                //!< client host
    Ptr<Node> router;                //!< router
    Ptr<Node> server;                //!< server host
    Ipv4Address clientAddress;       //!< 10.77.1.1
    Ipv4Address serverAddress;       //!< 10.77.2.2
    Ipv6Address clientAddress6;      //!< in 2001:77:1::/64, from the MAC (with IPv6 only)
    Ipv6Address serverAddress6;      //!< in 2001:77:2::/64, from the MAC (with IPv6 only)
    Ptr<NetDevice> clientDevice;     //!< client's interface
    Ptr<NetDevice> serverDevice;     //!< server's interface
    Ptr<NetDevice> routerFromClient; //!< router interface facing the client
    Ptr<NetDevice> routerFromServer; //!< router interface facing the server
    NodeContainer nodes;             //!< all three
    Time linkDelay;                  //!< one-way delay of each link
    Time pathDelay;                  //!< one-way client—server propagation delay
    std::string linkRate;            //!< data rate of each link

    /// \return client—server round-trip time without queueing or transmission (2 path delays)
    Time RoundTrip() const;

    /**
     * \brief Hang \p count more client hosts on the router, each on a link like the client's
     * (a star around the router): host i is 10.77.(10 + i).1. IPv4 only.
     * \param rst the helper that installed the topology (host policies and profile)
     * \param count hosts, at most 200
     * \return the hosts and the router's device facing each
     */
    std::pair<NodeContainer, NetDeviceContainer> AddClientHosts(TcpRstHelper& rst, uint32_t count);

    /**
     * \brief Build it.
     * \param rst the helper that installs the stack (configured by the caller)
     * \param rate link rate, e.g. "1Gbps"
     * \param delay one-way delay of each link
     * \param ipv6 also give every interface an IPv6 address (2001:77:1::/64 client side,
     * 2001:77:2::/64 server side) with static routes through the router
     * \param serverStack when given, the helper that installs the server (another stack
     * profile than the client's and the router's)
     * \return the topology
     */
    static CaseTopology Build(TcpRstHelper& rst,
                              const std::string& rate,
                              Time delay,
                              bool ipv6 = false,
                              TcpRstHelper* serverStack = nullptr);

    /// \return the client's TCP
    Ptr<TcpRstL4Protocol> ClientTcp() const;
    /// \return the server's TCP
    Ptr<TcpRstL4Protocol> ServerTcp() const;
};

} // namespace ns3

#endif /* CASE_TOPOLOGY_H */
