/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstSocket and the node's hash table of connected IPv4 sockets (TcpRstL4Protocol
// FastDemux): a socket registers its 4-tuple once it has one, and the table checks with the
// socket that the endpoint is still that one before it delivers.
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/ipv4-end-point.h"

namespace ns3
{

void
TcpRstSocket::RegisterConnection()
{
    if (m_endPoint == nullptr || m_endPoint->GetBoundNetDevice() || m_endPoint->GetPeerPort() == 0)
    {
        return;
    }
    TcpFlowKey key{m_endPoint->GetLocalAddress().Get(),
                   m_endPoint->GetPeerAddress().Get(),
                   m_endPoint->GetLocalPort(),
                   m_endPoint->GetPeerPort()};
    if (m_flowKey && !(*m_flowKey == key))
    {
        m_rstTcp->UnregisterConnection(this, *m_flowKey);
    }
    m_flowKey = key;
    m_rstTcp->RegisterConnection(this, key);
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

} // namespace ns3
