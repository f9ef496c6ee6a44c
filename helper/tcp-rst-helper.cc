/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-rst-helper.h"

#include "tcp-rst-attribute-check.h"
#include "tcp-rst-csv-writer.h"

#include "ns3/config.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node-list.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-ns3-version.h"
#include "ns3/tcp-rst-socket.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstHelper");

TcpRstHelper::TcpRstHelper()
{
    // Debian links with --as-needed: name the types in code so their library stays linked.
    TcpRstL4Protocol::GetTypeId();
    TcpRstSocket::GetTypeId();
}

TcpRstHelper::~TcpRstHelper() = default;

void
TcpRstHelper::SetTcpAttribute(const std::string& name, const AttributeValue& value)
{
    m_tcpAttributes.emplace_back(name,
                                 CheckAttributeValue(TcpRstL4Protocol::GetTypeId(), name, value));
}

void
TcpRstHelper::SetSocketDefault(const std::string& name, const AttributeValue& value)
{
    Ptr<AttributeValue> checked = CheckAttributeValue(TcpRstSocket::GetTypeId(), name, value);
    Config::SetDefault("ns3::TcpRstSocket::" + name, *checked);
}

void
TcpRstHelper::SetHostProfile(const std::string& profile)
{
    SetTcpAttribute("HostProfile", StringValue(profile));
}

int64_t
TcpRstHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    int64_t first = stream;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<TcpRstL4Protocol> tcp = GetTcp(*it);
        if (tcp)
        {
            stream += tcp->AssignStreams(stream);
        }
    }
    return stream - first;
}

void
TcpRstHelper::SetStackProfile(const std::string& name)
{
    FindStackProfile(name); // throws for an unknown name
    if (m_stackProfile != "Linux" && name != m_stackProfile)
    {
        throw std::invalid_argument("TcpRstHelper::SetStackProfile(" + name +
                                    "): this helper already installs " + m_stackProfile +
                                    "; use one helper per stack profile");
    }
    m_stackProfile = name;
}

std::string
TcpRstHelper::GetStackProfile() const
{
    return m_stackProfile;
}

void
TcpRstHelper::UseStockBehaviour()
{
    SetStackProfile("Ns3");
}

void
TcpRstHelper::Install(NodeContainer nodes)
{
    InternetStackHelper stack;
    Install(nodes, stack);
}

void
TcpRstHelper::Install(Ptr<Node> node)
{
    Install(NodeContainer(node));
}

void
TcpRstHelper::Install(NodeContainer nodes, InternetStackHelper& stack)
{
    NS_LOG_FUNCTION(this << nodes.GetN());
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if ((*it)->GetObject<Ipv4>() || (*it)->GetObject<Ipv6>())
        {
            Ptr<TcpRstL4Protocol> tcp = GetTcp(*it);
            throw std::invalid_argument(
                "TcpRstHelper::Install: node " + std::to_string((*it)->GetId()) +
                " already has an internet stack" +
                (tcp ? " (tcp-rst, stack profile " + tcp->GetStackProfile() + ")" : "") +
                "; install each node once, with the helper of its stack profile");
        }
    }
#if TCP_RST_NS3_MINOR >= 39
    // InternetStackHelper keeps a TcpL4Protocol (subclass) it finds on the node.
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (!(*it)->GetObject<TcpL4Protocol>())
        {
            (*it)->AggregateObject(CreateObject<TcpRstL4Protocol>());
        }
    }
#else
    stack.SetTcp("ns3::TcpRstL4Protocol"); // removed in ns-3.39
#endif
    stack.Install(nodes);
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Configure(*it);
    }
}

void
TcpRstHelper::Configure(Ptr<Node> node) const
{
    Ptr<TcpRstL4Protocol> tcp = GetTcp(node);
    NS_ABORT_MSG_UNLESS(tcp, "node " << node->GetId() << " has no TcpRstL4Protocol after Install");
    if (m_stackProfile != "Linux")
    {
        tcp->SetStackProfile(m_stackProfile); // first: the knobs below win over it
    }
    for (const auto& [name, value] : m_tcpAttributes)
    {
        tcp->SetAttribute(name, *value);
    }
    if (m_csv)
    {
        m_csv->Attach(tcp);
    }
}

void
TcpRstHelper::EnableResetTrace(const std::string& filename)
{
    NS_LOG_FUNCTION(this << filename);
    Ptr<TcpRstCsvWriter> writer = Create<TcpRstCsvWriter>(filename);
    for (auto it = NodeList::Begin(); it != NodeList::End(); ++it)
    {
        Ptr<TcpRstL4Protocol> tcp = GetTcp(*it);
        if (tcp)
        {
            writer->Attach(tcp);
        }
    }
    // Nodes installed later by this helper are attached in Configure().
    m_csv = writer;
}

Ptr<TcpRstSocket>
TcpRstHelper::CreateSocket(Ptr<Node> node)
{
    Ptr<TcpRstL4Protocol> tcp = node ? GetTcp(node) : nullptr;
    if (!tcp)
    {
        throw std::invalid_argument("TcpRstHelper::CreateSocket: tcp-rst is not installed on "
                                    "this node (use TcpRstHelper::Install)");
    }
    return DynamicCast<TcpRstSocket>(tcp->CreateRstSocket());
}

Ptr<TcpRstL4Protocol>
TcpRstHelper::GetTcp(Ptr<Node> node)
{
    return node->GetObject<TcpRstL4Protocol>();
}

void
TcpRstHelper::KillTimeWait(NodeContainer nodes, Time at)
{
    if (at < Simulator::Now())
    {
        throw std::invalid_argument("TcpRstHelper::KillTimeWait: time " +
                                    std::to_string(at.GetSeconds()) + " s is in the past");
    }
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<TcpRstL4Protocol> tcp = GetTcp(*it);
        if (!tcp)
        {
            throw std::invalid_argument("TcpRstHelper::KillTimeWait: node " +
                                        std::to_string((*it)->GetId()) +
                                        " has no tcp-rst (install it with TcpRstHelper)");
        }
        Simulator::Schedule(at - Simulator::Now(), [tcp]() { tcp->KillTimeWait(); });
    }
}

void
TcpRstHelper::PrintCounters(NodeContainer nodes, std::ostream& os)
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<TcpRstL4Protocol> tcp = GetTcp(*it);
        if (tcp)
        {
            os << "# node " << (*it)->GetId() << '\n';
            tcp->GetCounters().Print(os);
        }
    }
}

} // namespace ns3
