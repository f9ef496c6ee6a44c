/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket and the node's hash table of connected IPv4 sockets (TcpRstL4Protocol
// FastDemux): a socket registers its 4-tuple once it has one, and the table checks with the
// socket that the endpoint is still that one before it delivers. Sockets with an endpoint and
// no 4-tuple (listeners, bound sockets) are recorded by port.
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/ipv4-end-point.h"

namespace ns3
{

// Called wherever the endpoint may have changed (bind, connect, fork, bind to a device): the
// socket is in the node's hash table when it is connected, in its record of unconnected
// sockets by port otherwise.
void
TcpRstSocket::RegisterConnection()
{
    if (m_endPoint == nullptr)
    {
        return;
    }
    if (m_endPoint->GetBoundNetDevice() || m_endPoint->GetPeerPort() == 0 ||
        m_endPoint->GetLocalAddress().IsAny())
    {
        if (m_flowKey.localPort != 0)
        {
            NodeTcp()->UnregisterConnection(this);
            m_flowKey = TcpFlowKey();
        }
        RegisterUnconnected();
        return;
    }
    ForgetUnconnected();
    TcpFlowKey key{m_endPoint->GetLocalAddress().Get(),
                   m_endPoint->GetPeerAddress().Get(),
                   m_endPoint->GetLocalPort(),
                   m_endPoint->GetPeerPort()};
    if (m_flowKey.localPort != 0 && !(m_flowKey == key))
    {
        NodeTcp()->UnregisterConnection(this);
    }
    m_flowKey = key;
    NodeTcp()->RegisterConnection(this);
}

void
TcpRstSocket::RegisterUnconnected()
{
    uint16_t port = m_endPoint->GetLocalPort();
    if (m_unconnectedPort == port)
    {
        return;
    }
    ForgetUnconnected();
    if (NodeTcp()->AddUnconnected(this, port))
    {
        m_unconnectedPort = port;
    }
}

void
TcpRstSocket::ForgetUnconnected()
{
    if (m_unconnectedPort != 0)
    {
        NodeTcp()->RemoveUnconnected(this, m_unconnectedPort);
        m_unconnectedPort = 0;
    }
}

int
TcpRstSocket::Bind()
{
    int result = TcpSocketBase::Bind();
    RegisterConnection();
    return result;
}

int
TcpRstSocket::Bind(const Address& address)
{
    int result = TcpSocketBase::Bind(address);
    RegisterConnection();
    return result;
}

void
TcpRstSocket::BindToNetDevice(Ptr<NetDevice> netdevice)
{
    TcpSocketBase::BindToNetDevice(netdevice);
    RegisterConnection();
}

Ipv4EndPoint*
TcpRstSocket::EndPointOnPort(uint16_t port) const
{
    return m_endPoint != nullptr && m_endPoint->GetLocalPort() == port ? m_endPoint : nullptr;
}

Ipv4EndPoint*
TcpRstSocket::ConnectedEndPoint(const TcpFlowKey& key) const
{
    if (m_endPoint == nullptr || m_endPoint->GetLocalAddress().Get() != key.local ||
        m_endPoint->GetPeerAddress().Get() != key.peer ||
        m_endPoint->GetLocalPort() != key.localPort || m_endPoint->GetPeerPort() != key.peerPort)
    {
        return nullptr;
    }
    return m_endPoint;
}

const TcpFlowKey&
TcpRstSocket::GetFlowKey() const
{
    return m_flowKey;
}

} // namespace ns3
