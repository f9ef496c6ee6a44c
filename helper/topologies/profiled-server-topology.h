/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PROFILED_SERVER_TOPOLOGY_H
#define PROFILED_SERVER_TOPOLOGY_H

#include "ns3/case-topology.h"
#include "ns3/nstime.h"
#include "ns3/tcp-rst-helper.h"

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

    TcpRstHelper clientStack; //!< installed the client and the router (Linux)
    TcpRstHelper serverStack; //!< installed the server
    CaseTopology topology;    //!< the nodes, addresses and devices
};

} // namespace ns3

#endif /* PROFILED_SERVER_TOPOLOGY_H */
