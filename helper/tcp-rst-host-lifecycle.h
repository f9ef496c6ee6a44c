/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_HOST_LIFECYCLE_H
#define TCP_RST_HOST_LIFECYCLE_H

#include "ns3/node.h"
#include "ns3/nstime.h"

#include <functional>
#include <map>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Crash and reboot hosts of any topology, as a peer-failure scenario needs.
 *
 * A crash makes the node's TCP silent at once (nothing sent, everything arriving dropped) and
 * loses every connection without a segment on the wire (TcpRstL4Protocol::Crash()). A reboot
 * brings TCP back with no connection, new ISN and timestamp keys and a timestamp clock
 * counting from the boot (TcpRstL4Protocol::Reboot()), then calls the restart function, e.g.
 * to start a listener again so that its port is listening rather than free.
 *
 * \code
 * TcpRstHostLifecycle hosts;
 * hosts.Crash(client, Seconds(2));
 * hosts.Reboot(client, Seconds(3), [client]() { StartMyServer(client); });
 * \endcode
 *
 * Only TCP goes silent: other protocols of the node (UDP, ICMP) carry on.
 */
class TcpRstHostLifecycle
{
  public:
    /**
     * \param node a node with tcp-rst installed
     * \param at when it crashes (not before now, after its previous crash or reboot)
     * \throws std::invalid_argument for a node without tcp-rst, a node already down then, or
     * a time in the past
     */
    void Crash(Ptr<Node> node, Time at);

    /**
     * \param node a node with tcp-rst installed
     * \param at when it boots again (after its crash)
     * \param restart called right after the boot (may be empty)
     * \throws std::invalid_argument for a node without tcp-rst, a node that is up then, or a
     * time in the past
     */
    void Reboot(Ptr<Node> node, Time at, std::function<void()> restart = nullptr);

  private:
    /// \param node a node \param at a time \param crash a crash or a reboot
    void Plan(Ptr<Node> node, Time at, bool crash);

    std::map<uint32_t, std::vector<std::pair<Time, bool>>> m_plan; //!< per node: (when, crash)
};

} // namespace ns3

#endif /* TCP_RST_HOST_LIFECYCLE_H */
