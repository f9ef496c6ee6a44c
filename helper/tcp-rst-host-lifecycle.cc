/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-rst-host-lifecycle.h"

#include "ns3/simulator.h"
#include "ns3/tcp-rst-l4-protocol.h"

#include <stdexcept>
#include <string>

namespace ns3
{

void
TcpRstHostLifecycle::Plan(Ptr<Node> node, Time at, bool crash)
{
    const char* what = crash ? "Crash" : "Reboot";
    if (!node || !node->GetObject<TcpRstL4Protocol>())
    {
        throw std::invalid_argument(std::string("TcpRstHostLifecycle::") + what +
                                    ": the node has no tcp-rst stack (install it with "
                                    "TcpRstHelper)");
    }
    if (at < Simulator::Now())
    {
        throw std::invalid_argument(std::string("TcpRstHostLifecycle::") + what + ": time " +
                                    std::to_string(at.GetSeconds()) + " s is in the past");
    }
    std::vector<std::pair<Time, bool>>& plan = m_plan[node->GetId()];
    bool downBefore = !plan.empty() && plan.back().second;
    if (!plan.empty() && at <= plan.back().first)
    {
        throw std::invalid_argument(std::string("TcpRstHostLifecycle::") + what + ": node " +
                                    std::to_string(node->GetId()) +
                                    " has a later crash or reboot planned; plan them in order");
    }
    if (crash == downBefore)
    {
        throw std::invalid_argument(std::string("TcpRstHostLifecycle::") + what + ": node " +
                                    std::to_string(node->GetId()) +
                                    (crash ? " is already down then (crash it once, reboot it, "
                                             "then crash it again)"
                                           : " is up then (reboot only a crashed node)"));
    }
    plan.emplace_back(at, crash);
}

void
TcpRstHostLifecycle::Crash(Ptr<Node> node, Time at)
{
    Plan(node, at, true);
    Ptr<TcpRstL4Protocol> tcp = node->GetObject<TcpRstL4Protocol>();
    Simulator::Schedule(at - Simulator::Now(), &TcpRstL4Protocol::Crash, tcp);
}

void
TcpRstHostLifecycle::Reboot(Ptr<Node> node, Time at, std::function<void()> restart)
{
    Plan(node, at, false);
    Ptr<TcpRstL4Protocol> tcp = node->GetObject<TcpRstL4Protocol>();
    Simulator::Schedule(at - Simulator::Now(),
                        [tcp, restart]()
                        {
                            tcp->Reboot();
                            if (restart)
                            {
                                restart();
                            }
                        });
}

} // namespace ns3
