/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-accept-server-helper.h"

#include "tcp-rst-attribute-check.h"

#include "ns3/address.h"
#include "ns3/tcp-accept-server.h"

namespace ns3
{

TcpAcceptServerHelper::TcpAcceptServerHelper(const Address& local)
{
    m_factory.SetTypeId(TcpAcceptServer::GetTypeId());
    m_factory.Set("Local", AddressValue(local));
}

void
TcpAcceptServerHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, *CheckAttributeValue(TcpAcceptServer::GetTypeId(), name, value));
}

ApplicationContainer
TcpAcceptServerHelper::Install(Ptr<Node> node) const
{
    Ptr<Application> app = m_factory.Create<Application>();
    node->AddApplication(app);
    return ApplicationContainer(app);
}

ApplicationContainer
TcpAcceptServerHelper::Install(const NodeContainer& nodes) const
{
    ApplicationContainer apps;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        apps.Add(Install(*it));
    }
    return apps;
}

} // namespace ns3
