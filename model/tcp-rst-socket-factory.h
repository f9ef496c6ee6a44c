/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_SOCKET_FACTORY_H
#define TCP_RST_SOCKET_FACTORY_H

#include "ns3/ptr.h"
#include "ns3/tcp-socket-factory.h"

namespace ns3
{

class TcpRstL4Protocol;

/**
 * \ingroup tcp-rst
 * \brief The TcpSocketFactory that TcpRstL4Protocol aggregates to its node: every socket
 * created through TcpSocketFactory::GetTypeId() on that node is a TcpRstSocket.
 */
class TcpRstSocketFactory : public TcpSocketFactory
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /// \param tcp the node's TCP
    void SetTcp(Ptr<TcpRstL4Protocol> tcp);

    Ptr<Socket> CreateSocket() override;

  protected:
    void DoDispose() override;

  private:
    Ptr<TcpRstL4Protocol> m_tcp; //!< the node's TCP
};

} // namespace ns3

#endif /* TCP_RST_SOCKET_FACTORY_H */
