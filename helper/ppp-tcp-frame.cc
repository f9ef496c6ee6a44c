/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-tcp-frame.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv6-header.h"
#include "ns3/ppp-header.h"
#include "ns3/tcp-segment-check.h"

#include <sstream>

namespace ns3
{

namespace
{
constexpr uint16_t kPppIpv4 = 0x0021;
constexpr uint16_t kPppIpv6 = 0x0057;
constexpr uint8_t kTcp = 6;
} // namespace

bool
PppTcpFrame::Parse(Ptr<const Packet> frame, PppTcpFrame* out)
{
    Ptr<Packet> copy = frame->Copy();
    PppHeader ppp;
    copy->RemoveHeader(ppp);
    if (ppp.GetProtocol() == kPppIpv4)
    {
        Ipv4Header ip;
        if (copy->RemoveHeader(ip) == 0 || ip.GetProtocol() != kTcp)
        {
            return false;
        }
        out->source = ip.GetSource();
        out->destination = ip.GetDestination();
    }
    else if (ppp.GetProtocol() == kPppIpv6)
    {
        Ipv6Header ip;
        if (copy->RemoveHeader(ip) == 0 || ip.GetNextHeader() != kTcp)
        {
            return false;
        }
        out->source = ip.GetSource();
        out->destination = ip.GetDestination();
    }
    else
    {
        return false;
    }
    if (!TcpHeaderIsWellFormed(copy))
    {
        return false;
    }
    MakeTcpOptionsParsable(copy); // ns-3's parser aborts or loops on some malformed options
    uint32_t headerSize = copy->RemoveHeader(out->header);
    out->payloadSize = headerSize > 0 ? copy->GetSize() : 0;
    return true;
}

std::string
FormatIp(const Address& ip)
{
    std::ostringstream os;
    if (Ipv4Address::IsMatchingType(ip))
    {
        os << Ipv4Address::ConvertFrom(ip);
    }
    else if (Ipv6Address::IsMatchingType(ip))
    {
        os << Ipv6Address::ConvertFrom(ip);
    }
    else
    {
        os << ip;
    }
    return os.str();
}

} // namespace ns3
