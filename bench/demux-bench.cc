/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Concurrent connections on one server: ns-3 finds each segment's socket by scanning every
// endpoint of the node, tcp-rst (FastDemux) through a hash on the 4-tuple. N clients connect
// within 2 s, each sends 1000 bytes, and 2 s later another 1000: at the end N connections are
// open on each side. Stacks: ns-3's own, tcp-rst with the scan (FastDemux false), tcp-rst.
#include "bench.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
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

Run
RunConnections(Stack stack, uint32_t connections)
{
    NodeContainer nodes;
    nodes.Create(2);
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
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    Ipv4AddressHelper ip("10.1.1.0", "255.255.255.0");
    Ipv4Address server = ip.Assign(p2p.Install(nodes)).GetAddress(1);

    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 80));
    ApplicationContainer sinkApp = sink.Install(nodes.Get(1));
    for (uint32_t i = 0; i < connections; ++i)
    {
        Ptr<Socket> s = Socket::CreateSocket(nodes.Get(0), TcpSocketFactory::GetTypeId());
        s->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                  [](Ptr<Socket> c)
                                  {
                                      c->Send(Create<Packet>(1000), 0);
                                      Simulator::Schedule(
                                          Seconds(2), [c]() { c->Send(Create<Packet>(1000), 0); });
                                  }),
                              MakeNullCallback<void, Ptr<Socket>>());
        Address to = InetSocketAddress(server, 80);
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
