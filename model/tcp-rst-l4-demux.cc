/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstL4Protocol: connected IPv4 sockets found by their 4-tuple in O(1). ns-3 finds a
// segment's socket by scanning every endpoint of the node (Ipv4EndPointDemux::Lookup), which
// makes a server with many connections slow; Linux looks up a hash table (__inet_lookup).
// Listeners, wildcards and sockets bound to a device stay with ns-3's scan.
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/ipv4-end-point.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstL4Demux");

void
TcpRstL4Protocol::RegisterConnection(TcpRstSocket* socket, const TcpFlowKey& key)
{
    if (m_fastDemux)
    {
        m_connections[key] = socket;
    }
}

void
TcpRstL4Protocol::UnregisterConnection(TcpRstSocket* socket, const TcpFlowKey& key)
{
    auto it = m_connections.find(key);
    if (it != m_connections.end() && it->second == socket)
    {
        m_connections.erase(it);
    }
}

uint64_t
TcpRstL4Protocol::GetFastDemuxHits() const
{
    return m_fastDemuxHits;
}

// What TcpL4Protocol::Receive() does once Ipv4EndPointDemux::Lookup() found the endpoint, with
// the endpoint taken from the hash table instead.
bool
TcpRstL4Protocol::ReceiveOnConnection(Ptr<Packet> p,
                                      const Ipv4Header& ip,
                                      Ptr<Ipv4Interface> incomingInterface,
                                      IpL4Protocol::RxStatus* status)
{
    if (m_connections.empty())
    {
        return false;
    }
    TcpSegmentNumbers raw = PeekTcpNumbers(p);
    TcpFlowKey key{
        ip.GetDestination().Get(), ip.GetSource().Get(), raw.destinationPort, raw.sourcePort};
    auto it = m_connections.find(key);
    if (it == m_connections.end())
    {
        return false;
    }
    Ipv4EndPoint* endPoint = it->second->ConnectedEndPoint(key);
    if (endPoint == nullptr)
    {
        m_connections.erase(it); // the socket let its endpoint go
        return false;
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
