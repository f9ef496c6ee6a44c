/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-reset-event.h"

#include <sstream>

namespace ns3
{

const char*
RstDispositionName(RstDisposition disposition)
{
    switch (disposition)
    {
    case RstDisposition::SENT:
        return "SENT";
    case RstDisposition::CONNECTION_RESET:
        return "CONNECTION_RESET";
    case RstDisposition::HALF_OPEN_FREED:
        return "HALF_OPEN_FREED";
    case RstDisposition::CHALLENGE_ACK:
        return "CHALLENGE_ACK";
    case RstDisposition::OUT_OF_WINDOW:
        return "OUT_OF_WINDOW";
    case RstDisposition::UNACCEPTABLE_ACK:
        return "UNACCEPTABLE_ACK";
    case RstDisposition::IGNORED_LISTEN:
        return "IGNORED_LISTEN";
    case RstDisposition::IGNORED_NO_SOCKET:
        return "IGNORED_NO_SOCKET";
    case RstDisposition::IGNORED_STATE:
        return "IGNORED_STATE";
    case RstDisposition::TIME_WAIT_ENDED:
        return "TIME_WAIT_ENDED";
    case RstDisposition::PASSED_TO_STOCK:
        return "PASSED_TO_STOCK";
    }
    return "INVALID";
}

const char*
TcpResetEvent::Direction() const
{
    return sent ? "sent" : "received";
}

std::string
FormatEndpoint(const Address& address)
{
    std::ostringstream os;
    if (InetSocketAddress::IsMatchingType(address))
    {
        InetSocketAddress inet = InetSocketAddress::ConvertFrom(address);
        os << inet.GetIpv4() << ':' << inet.GetPort();
    }
    else if (Inet6SocketAddress::IsMatchingType(address))
    {
        Inet6SocketAddress inet6 = Inet6SocketAddress::ConvertFrom(address);
        os << '[' << inet6.GetIpv6() << "]:" << inet6.GetPort();
    }
    else
    {
        os << "?";
    }
    return os.str();
}

std::ostream&
operator<<(std::ostream& os, const TcpResetEvent& event)
{
    os << event.time.GetSeconds() << "s node " << event.nodeId << ' ' << event.Direction() << ' '
       << FormatEndpoint(event.source) << " > " << FormatEndpoint(event.destination) << ' '
       << TcpHeader::FlagsToString(event.header.GetFlags()) << " seq "
       << event.header.GetSequenceNumber() << " ack " << event.header.GetAckNumber() << ' '
       << event.reason;
    if (!event.sent)
    {
        os << ' ' << RstDispositionName(event.disposition);
    }
    return os;
}

Address
SocketAddressOf(const Address& ip, uint16_t port)
{
    if (Ipv4Address::IsMatchingType(ip))
    {
        return InetSocketAddress(Ipv4Address::ConvertFrom(ip), port);
    }
    if (InetSocketAddress::IsMatchingType(ip))
    {
        return InetSocketAddress(InetSocketAddress::ConvertFrom(ip).GetIpv4(), port);
    }
    Ipv6Address ip6 = Inet6SocketAddress::IsMatchingType(ip)
                          ? Inet6SocketAddress::ConvertFrom(ip).GetIpv6()
                          : Ipv6Address::ConvertFrom(ip);
    if (ip6.IsIpv4MappedAddress())
    {
        return InetSocketAddress(ip6.GetIpv4MappedAddress(), port);
    }
    return Inet6SocketAddress(ip6, port);
}

Address
IpAddressOf(const Address& address)
{
    if (InetSocketAddress::IsMatchingType(address))
    {
        return InetSocketAddress::ConvertFrom(address).GetIpv4();
    }
    if (Inet6SocketAddress::IsMatchingType(address))
    {
        return Inet6SocketAddress::ConvertFrom(address).GetIpv6();
    }
    return address;
}

} // namespace ns3
