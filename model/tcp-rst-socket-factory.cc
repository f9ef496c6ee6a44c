/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-rst-socket-factory.h"

#include "tcp-rst-l4-protocol.h"

#include "ns3/socket.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(TcpRstSocketFactory);

TypeId
TcpRstSocketFactory::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpRstSocketFactory").SetParent<TcpSocketFactory>().SetGroupName("TcpRst");
    return tid;
}

void
TcpRstSocketFactory::SetTcp(Ptr<TcpRstL4Protocol> tcp)
{
    m_tcp = tcp;
}

Ptr<Socket>
TcpRstSocketFactory::CreateSocket()
{
    return m_tcp->CreateRstSocket();
}

void
TcpRstSocketFactory::DoDispose()
{
    m_tcp = nullptr;
    TcpSocketFactory::DoDispose();
}

} // namespace ns3
