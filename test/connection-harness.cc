/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "connection-harness.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/simulator.h"
#include "ns3/tcp-segment-injector.h"

#include <stdexcept>

namespace ns3
{
namespace test
{

std::string
IpName(const ::testing::TestParamInfo<Ip>& ip)
{
    return ip.param == Ip::V4 ? "Ipv4" : "Ipv6";
}

ConnectionHarness::ConnectionHarness(TcpRstHelper& rst, Ip ip)
    : topology(CaseTopology::Build(rst, "1Gbps", MicroSeconds(20), ip == Ip::V6))
    , m_ip(ip)
{
    if (ip == Ip::V4)
    {
        m_ladder = std::make_unique<TcpLadderRecorder>(
            "harness", topology.clientAddress, topology.serverAddress);
    }
    else
    {
        m_ladder = std::make_unique<TcpLadderRecorder>(
            "harness", topology.clientAddress6, topology.serverAddress6);
    }
    m_ladder->Watch(topology.clientDevice);
    m_ladder->Watch(topology.serverDevice);
    TcpRstHelper::AssignStreams(topology.nodes, 0);
    m_fromClient = TcpSegmentFilter::Install(topology.routerFromClient);
    m_fromServer = TcpSegmentFilter::Install(topology.routerFromServer);
    Ptr<TcpSegmentFilter> fromClient = m_fromClient;
    Ptr<TcpSegmentFilter> fromServer = m_fromServer;
    m_ladder->SetLossOracle(
        [fromClient, fromServer](uint64_t uid, uint32_t copy)
        { return fromClient->WasDropped(uid, copy) || fromServer->WasDropped(uid, copy); });
    auto record = [this](const TcpResetEvent& e) { m_resets.push_back(e); };
    for (Ptr<TcpRstL4Protocol> tcp : {topology.ClientTcp(), topology.ServerTcp()})
    {
        tcp->TraceConnectWithoutContext("ResetSent", Callback<void, const TcpResetEvent&>(record));
        tcp->TraceConnectWithoutContext("ResetReceived",
                                        Callback<void, const TcpResetEvent&>(record));
    }
    Address server =
        ip == Ip::V4 ? Address(topology.serverAddress) : Address(topology.serverAddress6);
    m_driver = std::make_unique<ConnectionStateDriver>(
        topology.client, topology.server, server, kServerPort, m_fromClient, m_fromServer);
    m_driver->Create(1, kClientPort);
}

void
ConnectionHarness::StopReading(Side side)
{
    m_driver->SetReading(side == Side::CLIENT, false);
}

void
ConnectionHarness::Bring(TcpSocket::TcpStates_t state, Side side)
{
    m_driver->Bring(state, side == Side::CLIENT);
    m_segmentMark = m_ladder->GetSegments().size();
    m_resetMark = m_resets.size();
}

const ConnectionStateDriver::Connection&
ConnectionHarness::Connection() const
{
    return m_driver->GetConnections().front();
}

Ptr<TcpRstSocket>
ConnectionHarness::Subject() const
{
    return ConnectionStateDriver::Subject(Connection());
}

Ptr<TcpRstSocket>
ConnectionHarness::Client() const
{
    return Connection().client;
}

Ptr<TcpRstSocket>
ConnectionHarness::Server() const
{
    return Connection().server;
}

Ptr<TcpRstL4Protocol>
ConnectionHarness::SubjectTcp() const
{
    return Connection().subjectIsClient ? topology.ClientTcp() : topology.ServerTcp();
}

const AppView&
ConnectionHarness::SubjectApp() const
{
    return Connection().subjectIsClient ? Connection().clientApp : Connection().serverApp;
}

std::string
ConnectionHarness::SubjectLetter() const
{
    return Connection().subjectIsClient ? "C" : "S";
}

void
ConnectionHarness::Inject(uint8_t flags, int32_t seqOffset, int32_t ackOffset, uint16_t window)
{
    ScheduleInjection(Time(0), flags, seqOffset, ackOffset, window);
    RunFor(MilliSeconds(20));
}

void
ConnectionHarness::InjectAt(Time after, uint8_t flags, int32_t seqOffset, int32_t ackOffset)
{
    ScheduleInjection(after, flags, seqOffset, ackOffset, 64240);
}

void
ConnectionHarness::ScheduleInjection(
    Time after, uint8_t flags, int32_t seqOffset, int32_t ackOffset, uint16_t window)
{
    Ptr<TcpRstSocket> subject = Subject();
    bool toClient = Connection().subjectIsClient;
    Ptr<Node> from = toClient ? topology.server : topology.client;
    Address to;
    if (m_ip == Ip::V4)
    {
        to = toClient ? topology.clientAddress : topology.serverAddress;
    }
    else
    {
        to = toClient ? topology.clientAddress6 : topology.serverAddress6;
    }
    TcpSegmentInjector::Schedule(after,
                                 from,
                                 to,
                                 [=]()
                                 {
                                     TcpSegmentSpec spec;
                                     spec.sourcePort = toClient ? kServerPort : kClientPort;
                                     spec.destinationPort = toClient ? kClientPort : kServerPort;
                                     spec.flags = flags;
                                     spec.window = window;
                                     spec.seq = subject->GetRcvNxt() + SequenceNumber32(seqOffset);
                                     spec.ack = subject->GetSndNxt() + SequenceNumber32(ackOffset);
                                     return spec;
                                 });
}

void
ConnectionHarness::DropFromClient(SegmentPredicate predicate, uint32_t first, uint32_t count)
{
    m_fromClient->Drop(std::move(predicate), first, count);
}

void
ConnectionHarness::DropFromServer(SegmentPredicate predicate, uint32_t first, uint32_t count)
{
    m_fromServer->Drop(std::move(predicate), first, count);
}

std::vector<LadderSegment>
ConnectionHarness::AllLadderSegments() const
{
    return m_ladder->GetSegments();
}

void
ConnectionHarness::RunFor(Time time)
{
    ConnectionStateDriver::RunFor(time);
}

std::vector<LadderSegment>
ConnectionHarness::NewLadderSegments() const
{
    std::vector<LadderSegment> all = m_ladder->GetSegments();
    return std::vector<LadderSegment>(all.begin() + m_segmentMark, all.end());
}

std::vector<std::string>
ConnectionHarness::NewSegments() const
{
    return Ladder(NewLadderSegments());
}

std::vector<TcpResetEvent>
ConnectionHarness::NewResetsReceived() const
{
    std::vector<TcpResetEvent> result;
    for (std::size_t i = m_resetMark; i < m_resets.size(); ++i)
    {
        if (!m_resets[i].sent)
        {
            result.push_back(m_resets[i]);
        }
    }
    return result;
}

std::vector<TcpResetEvent>
ConnectionHarness::NewResetsSent() const
{
    std::vector<TcpResetEvent> result;
    for (std::size_t i = m_resetMark; i < m_resets.size(); ++i)
    {
        if (m_resets[i].sent)
        {
            result.push_back(m_resets[i]);
        }
    }
    return result;
}

} // namespace test
} // namespace ns3
