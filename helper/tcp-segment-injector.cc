/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-segment-injector.h"

#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-route.h"
#include "ns3/ipv6-routing-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/ppp-tcp-frame.h"
#include "ns3/simulator.h"
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
constexpr uint8_t kTcp = 6; // IP protocol number (TcpL4Protocol::PROT_NUMBER)

std::string
NodeName(Ptr<Node> from)
{
    if (!from)
    {
        throw std::invalid_argument("TcpSegmentInjector: no node given");
    }
    return "node " + std::to_string(from->GetId());
}

// Hand a TCP segment to the node's IPv4 or IPv6 layer, as TcpL4Protocol would; the source
// address is what routing picks. The header, if any, gets its checksum for that pair.
void
SendFromIp(Ptr<Node> from, const Address& destination, Ptr<Packet> payload, TcpHeader* header)
{
    std::string node = NodeName(from);
    Socket::SocketErrno error;
    if (Ipv4Address::IsMatchingType(destination))
    {
        Ipv4Address to = Ipv4Address::ConvertFrom(destination);
        Ptr<Ipv4> ipv4 = from->GetObject<Ipv4>();
        if (!ipv4 || !ipv4->GetRoutingProtocol())
        {
            throw std::invalid_argument("TcpSegmentInjector: " + node +
                                        " has no IPv4 stack with routing");
        }
        Ipv4Header probe;
        probe.SetDestination(to);
        probe.SetProtocol(kTcp);
        Ptr<Ipv4Route> route =
            ipv4->GetRoutingProtocol()->RouteOutput(nullptr, probe, nullptr, error);
        if (!route)
        {
            throw std::invalid_argument("TcpSegmentInjector: " + node + " has no route to " +
                                        FormatIp(destination));
        }
        if (header)
        {
            header->InitializeChecksum(route->GetSource(), to, kTcp);
            payload->AddHeader(*header);
        }
        ipv4->Send(payload, route->GetSource(), to, kTcp, route);
        return;
    }
    if (Ipv6Address::IsMatchingType(destination))
    {
        Ipv6Address to = Ipv6Address::ConvertFrom(destination);
        Ptr<Ipv6> ipv6 = from->GetObject<Ipv6>();
        if (!ipv6 || !ipv6->GetRoutingProtocol())
        {
            throw std::invalid_argument("TcpSegmentInjector: " + node +
                                        " has no IPv6 stack with routing");
        }
        Ipv6Header probe;
        probe.SetDestination(to);
        probe.SetNextHeader(kTcp);
        Ptr<Ipv6Route> route =
            ipv6->GetRoutingProtocol()->RouteOutput(nullptr, probe, nullptr, error);
        if (!route)
        {
            throw std::invalid_argument("TcpSegmentInjector: " + node + " has no route to " +
                                        FormatIp(destination));
        }
        if (header)
        {
            header->InitializeChecksum(route->GetSource(), to, kTcp);
            payload->AddHeader(*header);
        }
        ipv6->Send(payload, route->GetSource(), to, kTcp, route);
        return;
    }
    throw std::invalid_argument("TcpSegmentInjector: destination must be an Ipv4Address or "
                                "an Ipv6Address");
}
} // namespace

void
TcpSegmentInjector::Send(Ptr<Node> from, const Address& destination, const TcpSegmentSpec& spec)
{
    spec.Validate();
    TcpHeader header = spec.BuildHeader();
    if (Node::ChecksumEnabled())
    {
        header.EnableChecksums();
    }
    Ptr<Packet> packet = Create<Packet>(spec.payloadSize);
    packet->AddPacketTag(TcpRstReasonTag(RstReason::INJECTED));
    NS_LOG_INFO(NodeName(from) << " injects to " << FormatIp(destination) << " " << header);
    SendFromIp(from, destination, packet, &header);
}

void
TcpSegmentInjector::SendRaw(Ptr<Node> from,
                            const Address& destination,
                            const std::vector<uint8_t>& bytes)
{
    Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
    packet->AddPacketTag(TcpRstReasonTag(RstReason::INJECTED));
    NS_LOG_INFO(NodeName(from) << " injects " << bytes.size() << " raw bytes to "
                               << FormatIp(destination));
    SendFromIp(from, destination, packet, nullptr);
}

EventId
TcpSegmentInjector::Schedule(Time at,
                             Ptr<Node> from,
                             const Address& destination,
                             const TcpSegmentSpec& spec)
{
    spec.Validate();
    return Simulator::Schedule(
        at, [from, destination, spec]() { TcpSegmentInjector::Send(from, destination, spec); });
}

EventId
TcpSegmentInjector::Schedule(Time at,
                             Ptr<Node> from,
                             const Address& destination,
                             std::function<TcpSegmentSpec()> build)
{
    return Simulator::Schedule(
        at, [from, destination, build]() { TcpSegmentInjector::Send(from, destination, build()); });
}

} // namespace ns3
