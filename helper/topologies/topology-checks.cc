/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "topology-checks.h"

#include "ns3/channel.h"
#include "ns3/data-rate.h"
#include "ns3/node.h"
#include "ns3/string.h"

#include <stdexcept>

namespace ns3
{

void
CheckLinkRate(const std::string& name, const std::string& rate)
{
    DataRateValue value;
    if (!value.DeserializeFromString(rate, MakeDataRateChecker()) ||
        value.Get().GetBitRate() < 10000)
    {
        throw std::invalid_argument(name + "='" + rate +
                                    "' is not a data rate of at least 10kbps (e.g. 10Gbps)");
    }
}

void
CheckLinkDelay(const std::string& name, Time delay)
{
    if (delay.IsStrictlyNegative() || delay > Seconds(1))
    {
        throw std::invalid_argument(name + "=" + std::to_string(delay.GetSeconds()) +
                                    "s is out of range [0, 1s]");
    }
}

PointToPointHelper
LinkHelper(const std::string& rate, Time delay)
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(rate));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));
    return p2p;
}

Ptr<NetDevice>
LinkDevice(Ptr<Node> host)
{
    for (uint32_t i = 0; i < host->GetNDevices(); ++i)
    {
        if (host->GetDevice(i)->GetChannel())
        {
            return host->GetDevice(i);
        }
    }
    throw std::invalid_argument("node " + std::to_string(host->GetId()) + " has no link");
}

Ptr<NetDevice>
PeerDevice(Ptr<NetDevice> device)
{
    Ptr<Channel> channel = device->GetChannel();
    for (std::size_t i = 0; channel && i < channel->GetNDevices(); ++i)
    {
        if (channel->GetDevice(i) != device)
        {
            return channel->GetDevice(i);
        }
    }
    throw std::invalid_argument("device " + std::to_string(device->GetIfIndex()) + " of node " +
                                std::to_string(device->GetNode()->GetId()) +
                                " has no peer on its channel");
}

} // namespace ns3
