/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Concurrent connections on one server: ns-3 finds each segment's socket by scanning every
// endpoint of the node, tcp-rst (FastDemux) through a hash on the 4-tuple. The server is the hub
// of a star; its N clients are spread over spokes of at most 1 000 connections each (a node has
// 16 384 ephemeral ports, and the client side is not what is measured). Each client connects
// within 2 s, sends 1000 bytes, and 2 s later another 1000: at the end N connections are open on
// the server. Stacks: ns-3's own, tcp-rst with the scan (FastDemux false), tcp-rst.
#include "bench.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/point-to-point-layout-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-rst-helper.h"

#include <benchmark/benchmark.h>

namespace ns3
{
namespace bench
{
namespace
{

struct Run
{
    double seconds{0};  //!< wall time of Simulator::Run()
    uint64_t events{0}; //!< events executed
    uint64_t rx{0};     //!< bytes the server received
};

/// Connections one client node opens at most.
constexpr uint32_t CONNECTIONS_PER_CLIENT = 1000;

Run
RunConnections(Stack stack, uint32_t connections)
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    uint32_t spokes = (connections + CONNECTIONS_PER_CLIENT - 1) / CONNECTIONS_PER_CLIENT;
    PointToPointStarHelper star(spokes, p2p);
    NodeContainer nodes(star.GetHub());
    for (uint32_t i = 0; i < spokes; ++i)
    {
        nodes.Add(star.GetSpokeNode(i));
    }
    if (stack == NS3)
    {
        InternetStackHelper().Install(nodes);
    }
    else
    {
        TcpRstHelper rst;
        rst.SetTcpAttribute("FastDemux", BooleanValue(stack != TCP_RST_SCAN));
        rst.Install(nodes);
    }
    star.AssignIpv4Addresses(Ipv4AddressHelper("10.0.0.0", "255.255.255.252"));

    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 80));
    ApplicationContainer sinkApp = sink.Install(star.GetHub());
    for (uint32_t i = 0; i < connections; ++i)
    {
        uint32_t spoke = i % spokes;
        Ptr<Socket> s =
            Socket::CreateSocket(star.GetSpokeNode(spoke), TcpSocketFactory::GetTypeId());
        s->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                  [](Ptr<Socket> c)
                                  {
                                      c->Send(Create<Packet>(1000), 0);
                                      Simulator::Schedule(
                                          Seconds(2), [c]() { c->Send(Create<Packet>(1000), 0); });
                                  }),
                              MakeNullCallback<void, Ptr<Socket>>());
        Address to = InetSocketAddress(star.GetHubIpv4Address(spoke), 80);
        Simulator::Schedule(Seconds(1) + MicroSeconds(2000000.0 * i / connections),
                            [s, to]() { s->Connect(to); });
    }
    Simulator::Stop(Seconds(6));
    TimedRun timed = RunSimulation();
    Run run{timed.seconds, timed.events, 0};
    run.rx = DynamicCast<PacketSink>(sinkApp.Get(0))->GetTotalRx();
    Simulator::Destroy();
    return run;
}

void
Demux(benchmark::State& state, Stack stack)
{
    uint32_t connections = static_cast<uint32_t>(state.range(0));
    Run run;
    for (auto _ : state)
    {
        run = RunConnections(stack, connections);
        state.SetIterationTime(run.seconds);
    }
    state.counters["events"] = static_cast<double>(run.events);
    state.counters["rx_bytes"] = static_cast<double>(run.rx);
    state.counters["peak_rss_MiB"] = PeakResidentMiB();
}

} // namespace

void
RegisterDemux(uint32_t connections)
{
    RegisterStacks("Demux",
                   {{"ns3", NS3}, {"tcp-rst-scan", TCP_RST_SCAN}, {"tcp-rst-linux", TCP_RST_LINUX}},
                   Demux,
                   connections);
}

} // namespace bench
} // namespace ns3
