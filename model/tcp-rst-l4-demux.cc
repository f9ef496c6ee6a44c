/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstL4Protocol: connected IPv4 sockets found by their 4-tuple in O(1). ns-3 finds a
// segment's socket by scanning every endpoint of the node (Ipv4EndPointDemux::Lookup), which
// makes a server with many connections slow; Linux looks up a hash table (__inet_lookup).
// A segment that matches no connection goes to the port's only unconnected socket (a listener)
// when there is exactly one; otherwise (several listeners, wildcards, sockets bound to a device,
// nothing on the port) ns-3's scan decides, as before.
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/ipv4-end-point.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstL4Demux");

void
TcpRstL4Protocol::RegisterConnection(TcpRstSocket* socket)
{
    if (m_fastDemux)
    {
        m_connections.Insert(socket);
    }
}

void
TcpRstL4Protocol::UnregisterConnection(TcpRstSocket* socket)
{
    m_connections.Erase(socket);
}

bool
TcpRstL4Protocol::AddUnconnected(TcpRstSocket* socket, uint16_t port)
{
    if (!m_fastDemux)
    {
        return false;
    }
    m_unconnected[port].push_back(socket);
    return true;
}

void
TcpRstL4Protocol::RemoveUnconnected(TcpRstSocket* socket, uint16_t port)
{
    auto it = m_unconnected.find(port);
    if (it == m_unconnected.end())
    {
        return;
    }
    std::vector<TcpRstSocket*>& sockets = it->second;
    sockets.erase(std::remove(sockets.begin(), sockets.end(), socket), sockets.end());
    if (sockets.empty())
    {
        m_unconnected.erase(it);
    }
}

uint64_t
TcpRstL4Protocol::GetFastDemuxHits() const
{
    return m_fastDemuxHits;
}

// Where Ipv4EndPointDemux::Lookup() would surely deliver a segment that matches no connection:
// the one endpoint still open on its port, when it takes any peer on the segment's address.
// Sockets that closed keep their record until they are destroyed: they are skipped here.
Ipv4EndPoint*
TcpRstL4Protocol::SoleUnconnectedEndPoint(const TcpFlowKey& key) const
{
    auto it = m_unconnected.find(key.localPort);
    if (it == m_unconnected.end())
    {
        return nullptr;
    }
    Ipv4EndPoint* sole = nullptr;
    for (const TcpRstSocket* socket : it->second)
    {
        Ipv4EndPoint* endPoint = socket->EndPointOnPort(key.localPort);
        if (endPoint == nullptr)
        {
            continue;
        }
        if (sole != nullptr)
        {
            return nullptr; // several: the scan's order of preference decides
        }
        sole = endPoint;
    }
    if (sole == nullptr || !sole->IsRxEnabled() || sole->GetBoundNetDevice() ||
        sole->GetPeerPort() != 0 || !sole->GetPeerAddress().IsAny() ||
        !(sole->GetLocalAddress().IsAny() || sole->GetLocalAddress().Get() == key.local))
    {
        return nullptr;
    }
    return sole;
}

// What TcpL4Protocol::Receive() does once Ipv4EndPointDemux::Lookup() found the endpoint, with
// the endpoint taken from the hash table (or the port's sole listener) instead.
bool
TcpRstL4Protocol::ReceiveOnConnection(Ptr<Packet> p,
                                      const Ipv4Header& ip,
                                      Ptr<Ipv4Interface> incomingInterface,
                                      IpL4Protocol::RxStatus* status)
{
    if (m_connections.GetSize() == 0 && m_unconnected.empty())
    {
        return false;
    }
    TcpSegmentNumbers raw = PeekTcpNumbers(p);
    TcpFlowKey key{
        ip.GetDestination().Get(), ip.GetSource().Get(), raw.destinationPort, raw.sourcePort};
    Ipv4EndPoint* endPoint = nullptr;
    TcpRstSocket* connection = m_connections.Find(key);
    if (connection != nullptr)
    {
        endPoint = connection->ConnectedEndPoint(key);
        if (endPoint == nullptr)
        {
            m_connections.Erase(connection); // the socket let its endpoint go
            return false;
        }
    }
    else
    {
        endPoint = SoleUnconnectedEndPoint(key);
        if (endPoint == nullptr)
        {
            return false;
        }
    }
    TcpHeader header;
    *status = PacketReceived(p, header, ip.GetSource(), ip.GetDestination());
    if (*status == IpL4Protocol::RX_OK)
    {
        ++m_fastDemuxHits;
        endPoint->ForwardUp(p, ip, raw.sourcePort, incomingInterface);
    }
    return true;
}

} // namespace ns3
