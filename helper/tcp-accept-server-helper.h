/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ACCEPT_SERVER_HELPER_H
#define TCP_ACCEPT_SERVER_HELPER_H

#include "ns3/application-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Installs TcpAcceptServer applications, as PacketSinkHelper installs PacketSinks.
 * Attribute values are checked when set: a bad one throws std::invalid_argument naming the
 * attribute and its range.
 */
class TcpAcceptServerHelper
{
  public:
    /// \param local address and port to listen on
    explicit TcpAcceptServerHelper(const Address& local);

    /**
     * \param name a TcpAcceptServer attribute \param value its value
     * \throws std::invalid_argument for an unknown name or a value out of range
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /// \param node a tcp-rst node \return the application
    ApplicationContainer Install(Ptr<Node> node) const;
    /// \param nodes tcp-rst nodes \return one application per node
    ApplicationContainer Install(const NodeContainer& nodes) const;

  private:
    ObjectFactory m_factory; //!< makes TcpAcceptServer
};

} // namespace ns3

#endif /* TCP_ACCEPT_SERVER_HELPER_H */
