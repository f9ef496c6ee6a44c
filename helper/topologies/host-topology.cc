/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "host-topology.h"

#include <stdexcept>

namespace ns3
{

uint32_t
HostTopology::GetNHosts() const
{
    return m_hosts.GetN();
}

void
HostTopology::CheckHost(uint32_t i) const
{
    if (i >= m_hosts.GetN())
    {
        throw std::out_of_range("host " + std::to_string(i) + " is out of range [0, " +
                                std::to_string(m_hosts.GetN()) + ") of " + Describe());
    }
}

Ptr<Node>
HostTopology::GetHost(uint32_t i) const
{
    CheckHost(i);
    return m_hosts.Get(i);
}

Ipv4Address
HostTopology::GetHostAddress(uint32_t i) const
{
    CheckHost(i);
    return m_addresses[i];
}

Ptr<NetDevice>
HostTopology::GetHostDevice(uint32_t i) const
{
    CheckHost(i);
    return m_hostDevices.Get(i);
}

Ptr<NetDevice>
HostTopology::GetAccessDevice(uint32_t i) const
{
    CheckHost(i);
    return m_accessDevices.Get(i);
}

const NodeContainer&
HostTopology::GetHosts() const
{
    return m_hosts;
}

const NodeContainer&
HostTopology::GetSwitches() const
{
    return m_switches;
}

NodeContainer
HostTopology::GetNodes() const
{
    return NodeContainer(m_hosts, m_switches);
}

uint32_t
HostTopology::GetNLinks() const
{
    return m_links;
}

void
HostTopology::AddHost(Ptr<Node> host,
                      Ipv4Address address,
                      Ptr<NetDevice> device,
                      Ptr<NetDevice> access)
{
    m_hosts.Add(host);
    m_addresses.push_back(address);
    m_hostDevices.Add(device);
    m_accessDevices.Add(access);
}

} // namespace ns3
