/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "profiled-server-topology.h"

#include "ns3/tcp-segment-filter.h"
#include "ns3/tcp-stack-profile.h"

namespace ns3
{

namespace
{
/// \return the name, once it is known to be a profile
const std::string&
KnownProfile(const std::string& name)
{
    FindStackProfile(name); // throws, naming the allowed profiles
    return name;
}
} // namespace

ProfiledServerTopology::ProfiledServerTopology(const std::string& serverProfile, Time delay)
{
    serverStack.SetStackProfile(KnownProfile(serverProfile));
    topology = CaseTopology::Build(clientStack, "1Gbps", delay, false, &serverStack);
    TcpRstHelper::AssignStreams(topology.nodes, 0);
}

std::unique_ptr<ConnectionStateDriver>
ProfiledServerTopology::Establish(uint16_t serverPort,
                                  uint32_t count,
                                  uint16_t firstClientPort,
                                  Time quiet) const
{
    auto driver = std::make_unique<ConnectionStateDriver>(
        topology.client,
        topology.server,
        topology.serverAddress,
        serverPort,
        TcpSegmentFilter::Install(topology.routerFromClient),
        TcpSegmentFilter::Install(topology.routerFromServer));
    driver->Create(count, firstClientPort);
    driver->Bring(TcpSocket::ESTABLISHED, false);
    ConnectionStateDriver::RunFor(quiet);
    return driver;
}

} // namespace ns3
