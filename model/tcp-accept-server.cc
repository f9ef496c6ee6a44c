/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-accept-server.h"

#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-socket.h"

#include "ns3/address.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpAcceptServer");

NS_OBJECT_ENSURE_REGISTERED(TcpAcceptServer);

TypeId
TcpAcceptServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpAcceptServer")
            .SetParent<Application>()
            .SetGroupName("TcpRst")
            .AddConstructor<TcpAcceptServer>()
            .AddAttribute("Local",
                          "The address and port to listen on (InetSocketAddress or "
                          "Inet6SocketAddress).",
                          AddressValue(),
                          MakeAddressAccessor(&TcpAcceptServer::m_local),
                          MakeAddressChecker())
            .AddAttribute("Backlog",
                          "listen()'s backlog (capped by the node's SomaxConn). "
                          "Range [0, 2147483647].",
                          IntegerValue(128),
                          MakeIntegerAccessor(&TcpAcceptServer::m_backlog),
                          MakeIntegerChecker<int32_t>(0, 2147483647))
            .AddAttribute("AcceptRate",
                          "accept() calls per second: after each accept() the server waits "
                          "1/AcceptRate. Range [1e-06, 1e+06] (0 or less: use Accepting=false "
                          "for a server that never accepts).",
                          DoubleValue(10),
                          MakeDoubleAccessor(&TcpAcceptServer::m_acceptRate),
                          MakeDoubleChecker<double>(1e-6, 1e6))
            .AddAttribute("Accepting",
                          "false: the server never calls accept() (its accept queue fills).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&TcpAcceptServer::m_accepting),
                          MakeBooleanChecker())
            .AddAttribute("Read",
                          "false: accepted connections are never read (their windows close).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&TcpAcceptServer::m_read),
                          MakeBooleanChecker())
            .AddTraceSource("Accept",
                            "accept() returned a connection.",
                            MakeTraceSourceAccessor(&TcpAcceptServer::m_acceptTrace),
                            "ns3::TcpAcceptServer::AcceptTracedCallback")
            .AddTraceSource("AcceptQueueLength",
                            "Connections waiting in the listener's accept queue (old, new).",
                            MakeTraceSourceAccessor(&TcpAcceptServer::m_queueTrace),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("Rx",
                            "Data read from an accepted connection.",
                            MakeTraceSourceAccessor(&TcpAcceptServer::m_rxTrace),
                            "ns3::Packet::AddressTracedCallback");
    return tid;
}

TcpAcceptServer::TcpAcceptServer() = default;

TcpAcceptServer::~TcpAcceptServer() = default;

Ptr<TcpRstSocket>
TcpAcceptServer::GetListener() const
{
    return m_listener;
}

const std::vector<Ptr<TcpRstSocket>>&
TcpAcceptServer::GetAccepted() const
{
    return m_accepted;
}

uint64_t
TcpAcceptServer::GetTotalRx() const
{
    return m_totalRx;
}

void
TcpAcceptServer::StartApplication()
{
    Ptr<TcpRstL4Protocol> tcp = GetNode()->GetObject<TcpRstL4Protocol>();
    if (!tcp)
    {
        throw std::invalid_argument("TcpAcceptServer: node " + std::to_string(GetNode()->GetId()) +
                                    " has no TcpRstL4Protocol (install it with TcpRstHelper)");
    }
    m_listener = DynamicCast<TcpRstSocket>(tcp->CreateRstSocket());
    m_listener->SetAttribute("AutoAccept", BooleanValue(false));
    if (m_listener->Bind(m_local) != 0)
    {
        throw std::invalid_argument("TcpAcceptServer Local: cannot bind to this address");
    }
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&TcpAcceptServer::Accepted, this));
    m_listener->TraceConnectWithoutContext(
        "AcceptQueueLength", MakeCallback(&TcpAcceptServer::QueueLengthChanged, this));
    m_listener->Listen(m_backlog);
    if (m_accepting)
    {
        AcceptOne();
    }
}

// One accept(): the oldest waiting connection, or block until one completes.
void
TcpAcceptServer::AcceptOne()
{
    if (!m_listener->Accept())
    {
        m_blocked = true;
        return;
    }
    m_nextAccept =
        Simulator::Schedule(Seconds(1.0 / m_acceptRate), &TcpAcceptServer::AcceptOne, this);
}

void
TcpAcceptServer::QueueLengthChanged(uint32_t before, uint32_t after)
{
    m_queueTrace(before, after);
    if (m_blocked && after > before)
    {
        m_blocked = false;
        Simulator::ScheduleNow(&TcpAcceptServer::AcceptOne, this); // accept() returns
    }
}

void
TcpAcceptServer::Accepted(Ptr<Socket> socket, const Address& from)
{
    Ptr<TcpRstSocket> connection = DynamicCast<TcpRstSocket>(socket);
    m_accepted.push_back(connection);
    if (m_read)
    {
        socket->SetRecvCallback(MakeCallback(&TcpAcceptServer::Read, this));
    }
    m_acceptTrace(connection, from);
}

void
TcpAcceptServer::Read(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (packet->GetSize() == 0)
        {
            break;
        }
        m_totalRx += packet->GetSize();
        m_rxTrace(packet, from);
    }
}

void
TcpAcceptServer::StopApplication()
{
    m_nextAccept.Cancel();
    m_blocked = false;
    if (m_listener)
    {
        m_listener->Close();
    }
}

void
TcpAcceptServer::DoDispose()
{
    m_nextAccept.Cancel();
    m_listener = nullptr;
    m_accepted.clear();
    Application::DoDispose();
}

} // namespace ns3
