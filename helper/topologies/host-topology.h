/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HOST_TOPOLOGY_H
#define HOST_TOPOLOGY_H

#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief What the scenario layer needs from a network: hosts with one interface each, the
 * switch or router interface that faces each host (where a case's segment filters go), and
 * the path between two hosts. Built by FatTreeTopology, DumbbellTopology and StarTopology.
 */
class HostTopology
{
  public:
    virtual ~HostTopology() = default;

    /// \return e.g. "fat-tree k=4: 16 hosts, 20 switches, 48 links"
    virtual std::string Describe() const = 0;

    /**
     * \param a a host index \param b another
     * \return the links a packet crosses from \p a to \p b (0 when a == b)
     */
    virtual uint32_t GetHops(uint32_t a, uint32_t b) const = 0;

    /// \param a a host index \param b another \return "edge", "pod", "core", "bottleneck" ...
    virtual std::string GetPathKind(uint32_t a, uint32_t b) const = 0;

    /**
     * \param a a host index \param b another
     * \return the one-way propagation delay between them (no queueing, no transmission)
     */
    virtual Time GetPathDelay(uint32_t a, uint32_t b) const = 0;

    /// \return the number of hosts
    uint32_t GetNHosts() const;
    /// \param i a host index \return the host
    Ptr<Node> GetHost(uint32_t i) const;
    /// \param i a host index \return its IPv4 address
    Ipv4Address GetHostAddress(uint32_t i) const;
    /// \param i a host index \return its only interface
    Ptr<NetDevice> GetHostDevice(uint32_t i) const;
    /// \param i a host index \return the switch or router interface at the other end of its link
    Ptr<NetDevice> GetAccessDevice(uint32_t i) const;
    /// \return the hosts
    const NodeContainer& GetHosts() const;
    /// \return the switches or routers
    const NodeContainer& GetSwitches() const;
    /// \return hosts and switches
    NodeContainer GetNodes() const;
    /// \return the number of point-to-point links
    uint32_t GetNLinks() const;

  protected:
    /**
     * \brief Record a host.
     * \param host the node
     * \param address its address
     * \param device its interface
     * \param access the interface facing it
     */
    void AddHost(Ptr<Node> host, Ipv4Address address, Ptr<NetDevice> device, Ptr<NetDevice> access);
    /// \throws std::out_of_range for an index >= GetNHosts()
    void CheckHost(uint32_t i) const;

    NodeContainer m_hosts;                //!< hosts, by index
    NodeContainer m_switches;             //!< switches or routers
    std::vector<Ipv4Address> m_addresses; //!< host addresses
    NetDeviceContainer m_hostDevices;     //!< host interfaces
    NetDeviceContainer m_accessDevices;   //!< the interfaces facing the hosts
    uint32_t m_links{0};                  //!< point-to-point links
};

} // namespace ns3

#endif /* HOST_TOPOLOGY_H */
