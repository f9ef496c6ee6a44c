/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PROFILED_SERVER_TOPOLOGY_H
#define PROFILED_SERVER_TOPOLOGY_H

#include "ns3/case-topology.h"
#include "ns3/connection-state-driver.h"
#include "ns3/nstime.h"
#include "ns3/tcp-rst-helper.h"

#include <memory>
#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief A Linux client and router and a server running a stack profile, on the case
 * topology with 1 Gbit/s links and the nodes' streams assigned from 0: what the stack matrix
 * and the experiments measure a stack on.
 */
struct ProfiledServerTopology
{
    /**
     * \param serverProfile the server's stack profile (TcpStackProfiles())
     * \param delay one-way delay of each of the two links
     * \throws std::invalid_argument for an unknown profile, before anything is built
     */
    explicit ProfiledServerTopology(const std::string& serverProfile, Time delay = MilliSeconds(1));

    /**
     * \brief Bring connections from the client to a listener on the server into ESTABLISHED,
     * then run \p quiet longer so that every delayed ACK has left.
     * \param serverPort the listener's port
     * \param count connections
     * \param firstClientPort the first client's port (the others follow)
     * \param quiet time to run once they are established
     * \return the driver holding the connections (its callbacks refer to it: do not move it)
     * \throws std::runtime_error when a connection cannot be established
     */
    std::unique_ptr<ConnectionStateDriver> Establish(uint16_t serverPort,
                                                     uint32_t count,
                                                     uint16_t firstClientPort,
                                                     Time quiet = Seconds(1)) const;

    TcpRstHelper clientStack; //!< installed the client and the router (Linux)
    TcpRstHelper serverStack; //!< installed the server
    CaseTopology topology;    //!< the nodes, addresses and devices
};

} // namespace ns3

#endif /* PROFILED_SERVER_TOPOLOGY_H */
