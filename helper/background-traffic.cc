/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "background-traffic.h"

#include "ns3/bulk-send-helper.h"
#include "ns3/data-rate.h"
#include "ns3/host-topology.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/on-off-helper.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("BackgroundTraffic");

namespace
{
constexpr uint16_t kBulkPort = 5001;
constexpr uint16_t kOnOffPort = 5002;
constexpr uint16_t kShortPort = 5003;

std::string
Key(const Address& from)
{
    std::ostringstream os;
    InetSocketAddress a = InetSocketAddress::ConvertFrom(from);
    os << a.GetIpv4() << ':' << a.GetPort();
    return os.str();
}
} // namespace

void
BackgroundOptions::Validate() const
{
    if (flows > 1000000)
    {
        throw std::invalid_argument("--background=" + std::to_string(flows) +
                                    " is out of range [0, 1000000]");
    }
    if (bulkBytes < 1 || bulkBytes > 1000000000)
    {
        throw std::invalid_argument("--bulkBytes=" + std::to_string(bulkBytes) +
                                    " is out of range [1, 1000000000]");
    }
    if (requestBytes < 1 || requestBytes > 65535)
    {
        throw std::invalid_argument("--requestBytes=" + std::to_string(requestBytes) +
                                    " is out of range [1, 65535]");
    }
    if (responseBytes < 1 || responseBytes > 1000000)
    {
        throw std::invalid_argument("--responseBytes=" + std::to_string(responseBytes) +
                                    " is out of range [1, 1000000]");
    }
    if (kinds.empty() || kinds.size() > 3)
    {
        throw std::invalid_argument("background kinds: give one to three of bulk, onoff, short");
    }
    for (std::size_t i = 0; i < kinds.size(); ++i)
    {
        if (kinds[i] != "bulk" && kinds[i] != "onoff" && kinds[i] != "short")
        {
            throw std::invalid_argument("background kind '" + kinds[i] +
                                        "' is not one of bulk, onoff, short");
        }
        if (std::find(kinds.begin(), kinds.begin() + static_cast<std::ptrdiff_t>(i), kinds[i]) !=
            kinds.begin() + static_cast<std::ptrdiff_t>(i))
        {
            throw std::invalid_argument("background kind '" + kinds[i] + "' given twice");
        }
    }
    if (!startWindow.IsStrictlyPositive() || startWindow > Seconds(3600))
    {
        throw std::invalid_argument(
            "--backgroundWindow=" + std::to_string(startWindow.GetSeconds()) +
            "s is out of range (0, 3600s]");
    }
}

void
BackgroundStats::Add(const BackgroundStats& other)
{
    flows += other.flows;
    bulk += other.bulk;
    onOff += other.onOff;
    shortConnections += other.shortConnections;
    completed += other.completed;
    bytes += other.bytes;
    resets += other.resets;
}

BackgroundTraffic::BackgroundTraffic(const HostTopology& topology,
                                     std::vector<uint32_t> hosts,
                                     const BackgroundOptions& options)
    : m_topology(topology)
    , m_hosts(std::move(hosts))
    , m_options(options)
{
    options.Validate();
    if (m_hosts.size() < 2 && options.flows > 0)
    {
        throw std::invalid_argument("background traffic needs at least two hosts");
    }
}

Address
BackgroundTraffic::Sink(uint32_t host, uint16_t port)
{
    auto key = std::make_pair(host, port);
    if (m_sinks.count(key) == 0)
    {
        PacketSinkHelper helper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), port));
        Ptr<PacketSink> sink =
            DynamicCast<PacketSink>(helper.Install(m_topology.GetHost(host)).Get(0));
        sink->TraceConnectWithoutContext("Rx",
                                         Callback<void, Ptr<const Packet>, const Address&>(
                                             [this, port](Ptr<const Packet> p, const Address& from)
                                             {
                                                 m_rxPerFlow[{port, Key(from)}] += p->GetSize();
                                                 m_stats.bytes += p->GetSize();
                                             }));
        m_sinks[key] = sink;
    }
    return InetSocketAddress(m_topology.GetHostAddress(host), port);
}

void
BackgroundTraffic::Install()
{
    const uint32_t n = static_cast<uint32_t>(m_hosts.size());
    for (uint32_t f = 0; f < m_options.flows; ++f)
    {
        // Every host sends in turn, to a partner further round each lap.
        uint32_t from = m_hosts[f % n];
        uint32_t to = m_hosts[(f % n + 1 + (f / n) % (n - 1)) % n];
        Time start = m_options.startWindow * f / m_options.flows;
        ++m_stats.flows;
        const std::string& kind = m_options.kinds[f % m_options.kinds.size()];
        if (kind == "bulk")
        {
            BulkSendHelper bulk("ns3::TcpSocketFactory", Sink(to, kBulkPort));
            bulk.SetAttribute("MaxBytes", UintegerValue(m_options.bulkBytes));
            bulk.Install(m_topology.GetHost(from)).Start(start);
            ++m_stats.bulk;
        }
        else if (kind == "onoff")
        {
            OnOffHelper onOff("ns3::TcpSocketFactory", Sink(to, kOnOffPort));
            onOff.SetAttribute("DataRate", DataRateValue(DataRate("20Mbps")));
            onOff.SetAttribute("PacketSize", UintegerValue(1000));
            onOff.SetAttribute("MaxBytes", UintegerValue(OnOffBytes()));
            onOff.SetAttribute("OnTime", StringValue("ns3::ConstantRandomVariable[Constant=0.05]"));
            onOff.SetAttribute("OffTime",
                               StringValue("ns3::ConstantRandomVariable[Constant=0.05]"));
            onOff.Install(m_topology.GetHost(from)).Start(start);
            ++m_stats.onOff;
        }
        else
        {
            ListenShort(to);
            Simulator::Schedule(start, &BackgroundTraffic::StartShort, this, from, to);
            ++m_stats.shortConnections;
        }
    }
}

void
BackgroundTraffic::ListenShort(uint32_t host)
{
    if (m_shortListening[host])
    {
        return;
    }
    m_shortListening[host] = true;
    Ptr<Socket> listener =
        Socket::CreateSocket(m_topology.GetHost(host), TcpSocketFactory::GetTypeId());
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kShortPort));
    listener->Listen();
    listener->SetAcceptCallback(
        MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
        Callback<void, Ptr<Socket>, const Address&>(
            [this](Ptr<Socket> s, const Address&)
            {
                s->SetRecvCallback(Callback<void, Ptr<Socket>>(
                    [this](Ptr<Socket> server)
                    {
                        uint32_t& got = m_requestRx[PeekPointer(server)];
                        while (Ptr<Packet> p = server->Recv())
                        {
                            got += p->GetSize();
                        }
                        if (got >= m_options.requestBytes)
                        {
                            m_requestRx.erase(PeekPointer(server)); // answer once
                            server->Send(Create<Packet>(m_options.responseBytes));
                            server->Close();
                        }
                    }));
            }));
}

void
BackgroundTraffic::StartShort(uint32_t from, uint32_t to)
{
    Ptr<Socket> client =
        Socket::CreateSocket(m_topology.GetHost(from), TcpSocketFactory::GetTypeId());
    client->Bind();
    client->SetConnectCallback(
        Callback<void, Ptr<Socket>>([this](Ptr<Socket> s)
                                    { s->Send(Create<Packet>(m_options.requestBytes)); }),
        MakeNullCallback<void, Ptr<Socket>>());
    client->SetRecvCallback(Callback<void, Ptr<Socket>>(
        [this](Ptr<Socket> s)
        {
            uint32_t& got = m_responseRx[PeekPointer(s)];
            while (Ptr<Packet> p = s->Recv())
            {
                got += p->GetSize();
                m_stats.bytes += p->GetSize();
            }
            if (got >= m_options.responseBytes)
            {
                m_responseRx.erase(PeekPointer(s));
                ++m_stats.completed;
                s->Close();
            }
        }));
    client->Connect(InetSocketAddress(m_topology.GetHostAddress(to), kShortPort));
}

uint32_t
BackgroundTraffic::OnOffBytes() const
{
    return std::max<uint32_t>(1, m_options.bulkBytes / 2); // MaxBytes 0 would mean "no limit"
}

BackgroundStats
BackgroundTraffic::GetStats() const
{
    BackgroundStats stats = m_stats;
    for (const auto& [flow, bytes] : m_rxPerFlow)
    {
        uint64_t expected = flow.first == kBulkPort ? m_options.bulkBytes : OnOffBytes();
        if (bytes >= expected)
        {
            ++stats.completed;
        }
    }
    return stats;
}

} // namespace ns3
