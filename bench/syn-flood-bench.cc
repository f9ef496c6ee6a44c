/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// ./tcp-rst bench: what tcp-rst's listener queues cost under a SYN flood. One listener, 10 000
// spoofed SYNs (their SYN-ACKs are dropped by the router, as for unreachable sources), 75 s of
// simulated time: every request's SYN-ACK retries and expiry. Three stacks: ns-3's own
// (InternetStackHelper, TcpSocketBase), tcp-rst with every policy Stock, tcp-rst as Linux
// (SYN queue of SomaxConn requests, SYN cookies beyond). Run one stack per process so that the
// peak resident memory is that stack's.
#include "bench.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-l4-protocol.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-filter.h"
#include "ns3/tcp-segment-injector.h"

#include <benchmark/benchmark.h>
#include <sys/resource.h>

namespace ns3
{
namespace bench
{
namespace
{

struct Flood
{
    double seconds{0};    //!< wall time of Simulator::Run()
    uint64_t events{0};   //!< events executed
    uint64_t synAcks{0};  //!< SYN-ACKs the server sent
    uint64_t cookies{0};  //!< of which SYN cookies
    uint64_t halfOpen{0}; //!< most half-open connections the listener held at once
};

Flood
RunFlood(Stack stack, uint32_t clients)
{
    NodeContainer nodes;
    nodes.Create(3); // client (the flooder), router, server
    if (stack == NS3)
    {
        InternetStackHelper().Install(nodes);
    }
    else
    {
        TcpRstHelper rst;
        if (stack == TCP_RST_STOCK)
        {
            rst.UseStockBehaviour();
        }
        rst.Install(nodes);
    }
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    NetDeviceContainer left = p2p.Install(nodes.Get(0), nodes.Get(1));
    NetDeviceContainer right = p2p.Install(nodes.Get(1), nodes.Get(2));
    Ipv4AddressHelper ip;
    ip.SetBase("10.1.1.0", "255.255.255.0");
    ip.Assign(left);
    ip.SetBase("10.1.2.0", "255.255.255.0");
    Ipv4Address server = ip.Assign(right).GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    Flood flood;
    Ptr<Socket> listener = Socket::CreateSocket(nodes.Get(2), TcpSocketFactory::GetTypeId());
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
    listener->Listen();
    if (stack == TCP_RST_LINUX)
    {
        // The SYN queue's length once the flood is over (it only grows during it).
        Ptr<TcpRstSocket> rstListener = DynamicCast<TcpRstSocket>(listener);
        Simulator::Schedule(Seconds(1) + MicroSeconds(100 * clients) + MilliSeconds(10),
                            [&flood, rstListener]()
                            { flood.halfOpen = rstListener->GetSynQueueLength(); });
    }
    else
    {
        // Every SYN forks a half-open connection that lives longer than the flood.
        listener->SetAcceptCallback(Callback<bool, Ptr<Socket>, const Address&>(
                                        [&flood](Ptr<Socket>, const Address&)
                                        {
                                            ++flood.halfOpen;
                                            return true;
                                        }),
                                    MakeNullCallback<void, Ptr<Socket>, const Address&>());
    }
    // The sources are unreachable: nothing the server sends comes back.
    TcpSegmentFilter::Install(right.Get(0))->Drop([](const FilteredSegment&) { return true; });
    right.Get(1)->TraceConnectWithoutContext(
        "MacTx",
        Callback<void, Ptr<const Packet>>([&flood](Ptr<const Packet>) { ++flood.synAcks; }));
    for (uint32_t i = 0; i < clients; ++i)
    {
        TcpSegmentSpec syn;
        syn.sourcePort = static_cast<uint16_t>(1024 + i % 60000);
        syn.destinationPort = 80;
        syn.flags = TcpHeader::SYN;
        syn.seq = SequenceNumber32(i * 7919U);
        syn.mss = 1460;
        TcpSegmentInjector::Schedule(Seconds(1) + MicroSeconds(100 * i), nodes.Get(0), server, syn);
    }
    Simulator::Stop(Seconds(76));
    TimedRun timed = RunSimulation();
    flood.seconds = timed.seconds;
    flood.events = timed.events;
    if (stack != NS3)
    {
        flood.cookies =
            TcpRstHelper::GetTcp(nodes.Get(2))->GetCounters().Get(TcpStat::SyncookiesSent);
    }
    Simulator::Destroy();
    return flood;
}

void
SynFlood(benchmark::State& state, Stack stack)
{
    uint32_t clients = static_cast<uint32_t>(state.range(0));
    Flood flood;
    for (auto _ : state)
    {
        flood = RunFlood(stack, clients);
        state.SetIterationTime(flood.seconds);
    }
    state.counters["events"] = static_cast<double>(flood.events);
    state.counters["syn_acks"] = static_cast<double>(flood.synAcks);
    state.counters["cookies"] = static_cast<double>(flood.cookies);
    state.counters["half_open"] = static_cast<double>(flood.halfOpen);
    state.counters["peak_rss_MiB"] = PeakResidentMiB();
}

} // namespace

double
PeakResidentMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0; // kB on Linux
}

void
RegisterSynFlood(uint32_t clients)
{
    RegisterStacks(
        "SynFlood",
        {{"ns3", NS3}, {"tcp-rst-stock", TCP_RST_STOCK}, {"tcp-rst-linux", TCP_RST_LINUX}},
        SynFlood,
        clients);
}

} // namespace bench
} // namespace ns3
