/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-segment-injector.h"

#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option-sack-permitted.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-option-winscale.h"
#include "ns3/tcp-rst-reason-tag.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpSegmentInjector");

TcpHeader
TcpSegmentSpec::BuildHeader() const
{
    TcpHeader header;
    header.SetSourcePort(sourcePort);
    header.SetDestinationPort(destinationPort);
    header.SetFlags(flags);
    header.SetSequenceNumber(seq);
    header.SetAckNumber(ack);
    header.SetWindowSize(window);
    if (mss)
    {
        Ptr<TcpOptionMSS> option = CreateObject<TcpOptionMSS>();
        option->SetMSS(*mss);
        header.AppendOption(option);
    }
    if (sackPermitted)
    {
        header.AppendOption(CreateObject<TcpOptionSackPermitted>());
    }
    if (tsValue)
    {
        Ptr<TcpOptionTS> option = CreateObject<TcpOptionTS>();
        option->SetTimestamp(*tsValue);
        option->SetEcho(tsEcho);
        header.AppendOption(option);
    }
    if (windowScale)
    {
        Ptr<TcpOptionWinScale> option = CreateObject<TcpOptionWinScale>();
        option->SetScale(*windowScale);
        header.AppendOption(option);
    }
    return header;
}

void
TcpSegmentSpec::Validate() const
{
    if (sourcePort == 0 || destinationPort == 0)
    {
        throw std::invalid_argument("TcpSegmentSpec: sourcePort and destinationPort must be in "
                                    "[1, 65535]");
    }
    if (payloadSize > 65495)
    {
        throw std::invalid_argument("TcpSegmentSpec: payloadSize " + std::to_string(payloadSize) +
                                    " is out of range [0, 65495]");
    }
    if (windowScale && *windowScale > 14)
    {
        throw std::invalid_argument("TcpSegmentSpec: windowScale " + std::to_string(*windowScale) +
                                    " is out of range [0, 14] (RFC 7323)");
    }
}

namespace
{
/// The IPv4 layer and route a node would use towards a destination.
std::pair<Ptr<Ipv4>, Ptr<Ipv4Route>>
RouteFrom(Ptr<Node> from, Ipv4Address destination)
{
    if (!from)
    {
        throw std::invalid_argument("TcpSegmentInjector: no node given");
    }
    Ptr<Ipv4> ipv4 = from->GetObject<Ipv4>();
    if (!ipv4 || !ipv4->GetRoutingProtocol())
    {
        throw std::invalid_argument("TcpSegmentInjector: node " + std::to_string(from->GetId()) +
                                    " has no IPv4 stack with routing");
    }
    Ipv4Header probe;
    probe.SetDestination(destination);
    probe.SetProtocol(TcpL4Protocol::PROT_NUMBER);
    Socket::SocketErrno error;
    Ptr<Ipv4Route> route = ipv4->GetRoutingProtocol()->RouteOutput(nullptr, probe, nullptr, error);
    if (!route)
    {
        std::ostringstream os;
        os << "TcpSegmentInjector: node " << from->GetId() << " has no route to " << destination;
        throw std::invalid_argument(os.str());
    }
    return {ipv4, route};
}
} // namespace

void
TcpSegmentInjector::Send(Ptr<Node> from, Ipv4Address destination, const TcpSegmentSpec& spec)
{
    spec.Validate();
    auto [ipv4, route] = RouteFrom(from, destination);
    Ipv4Address source = route->GetSource();

    TcpHeader header = spec.BuildHeader();
    if (Node::ChecksumEnabled())
    {
        header.EnableChecksums();
    }
    header.InitializeChecksum(source, destination, TcpL4Protocol::PROT_NUMBER);
    Ptr<Packet> packet = Create<Packet>(spec.payloadSize);
    packet->AddHeader(header);
    packet->AddPacketTag(TcpRstReasonTag(RstReason::INJECTED));
    NS_LOG_INFO("node " << from->GetId() << " injects " << source << " > " << destination << " "
                        << header);
    ipv4->Send(packet, source, destination, TcpL4Protocol::PROT_NUMBER, route);
}

void
TcpSegmentInjector::SendRaw(Ptr<Node> from,
                            Ipv4Address destination,
                            const std::vector<uint8_t>& bytes)
{
    auto [ipv4, route] = RouteFrom(from, destination);
    Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
    packet->AddPacketTag(TcpRstReasonTag(RstReason::INJECTED));
    NS_LOG_INFO("node " << from->GetId() << " injects " << bytes.size() << " raw bytes to "
                        << destination);
    ipv4->Send(packet, route->GetSource(), destination, TcpL4Protocol::PROT_NUMBER, route);
}

EventId
TcpSegmentInjector::Schedule(Time at,
                             Ptr<Node> from,
                             Ipv4Address destination,
                             const TcpSegmentSpec& spec)
{
    spec.Validate();
    return Simulator::Schedule(
        at, [from, destination, spec]() { TcpSegmentInjector::Send(from, destination, spec); });
}

EventId
TcpSegmentInjector::Schedule(Time at,
                             Ptr<Node> from,
                             Ipv4Address destination,
                             std::function<TcpSegmentSpec()> build)
{
    return Simulator::Schedule(
        at, [from, destination, build]() { TcpSegmentInjector::Send(from, destination, build()); });
}

} // namespace ns3
