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
#include "ns3/point-to-point-net-device.h"
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

void
SetTcpProtocol(Ipv4Header& header)
{
    header.SetProtocol(kTcp);
}

void
SetTcpProtocol(Ipv6Header& header)
{
    header.SetNextHeader(kTcp);
}

Ipv4Header
RawIpHeader(Ipv4Address from, Ipv4Address to, uint32_t payloadSize)
{
    Ipv4Header ip;
    ip.SetSource(from);
    ip.SetDestination(to);
    ip.SetProtocol(kTcp);
    ip.SetPayloadSize(payloadSize);
    ip.SetTtl(64);
    if (Node::ChecksumEnabled())
    {
        ip.EnableChecksum();
    }
    return ip;
}

Ipv6Header
RawIpHeader(Ipv6Address from, Ipv6Address to, uint32_t payloadSize)
{
    Ipv6Header ip;
    ip.SetSource(from);
    ip.SetDestination(to);
    ip.SetNextHeader(kTcp);
    ip.SetPayloadLength(payloadSize);
    ip.SetHopLimit(64);
    return ip;
}

uint16_t
EtherType(const Ipv4Header&)
{
    return 0x0800;
}

uint16_t
EtherType(const Ipv6Header&)
{
    return 0x86DD;
}

// Hand a TCP segment to the node's IPv4 (Ip = Ipv4) or IPv6 layer, as TcpL4Protocol would; the
// source address is what routing picks. The header, if any, gets its checksum for that pair.
template <typename Ip, typename IpHeader, typename IpAddress>
void
SendVia(Ptr<Node> from, IpAddress to, Ptr<Packet> payload, TcpHeader* header, const char* version)
{
    std::string node = NodeName(from);
    Ptr<Ip> ip = from->GetObject<Ip>();
    if (!ip || !ip->GetRoutingProtocol())
    {
        throw std::invalid_argument("TcpSegmentInjector: " + node + " has no " + version +
                                    " stack with routing");
    }
    IpHeader probe;
    probe.SetDestination(to);
    SetTcpProtocol(probe);
    Socket::SocketErrno error;
    auto route = ip->GetRoutingProtocol()->RouteOutput(nullptr, probe, nullptr, error);
    if (!route)
    {
        throw std::invalid_argument("TcpSegmentInjector: " + node + " has no route to " +
                                    FormatIp(to));
    }
    if (header)
    {
        header->InitializeChecksum(route->GetSource(), to, kTcp);
        payload->AddHeader(*header);
    }
    else if (Ptr<NetDevice> device = route->GetOutputDevice();
             DynamicCast<PointToPointNetDevice>(device))
    {
        // Raw bytes go straight to a point-to-point device: the queue disc behind IP (FqCoDel
        // by default) parses TCP headers for its flow hash, and ns-3's parser aborts or loops
        // on some malformed options.
        IpHeader ipHeader = RawIpHeader(route->GetSource(), to, payload->GetSize());
        payload->AddHeader(ipHeader);
        device->Send(payload, device->GetBroadcast(), EtherType(ipHeader));
        return;
    }
    ip->Send(payload, route->GetSource(), to, kTcp, route);
}

void
SendFromIp(Ptr<Node> from, const Address& destination, Ptr<Packet> payload, TcpHeader* header)
{
    if (Ipv4Address::IsMatchingType(destination))
    {
        SendVia<Ipv4, Ipv4Header>(
            from, Ipv4Address::ConvertFrom(destination), payload, header, "IPv4");
    }
    else if (Ipv6Address::IsMatchingType(destination))
    {
        SendVia<Ipv6, Ipv6Header>(
            from, Ipv6Address::ConvertFrom(destination), payload, header, "IPv6");
    }
    else
    {
        throw std::invalid_argument("TcpSegmentInjector: destination must be an Ipv4Address or "
                                    "an Ipv6Address");
    }
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
