/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The topology builders: node and link counts, every host reaching every other, and per-flow
// ECMP keeping each TCP flow on one path while spreading flows over the core.
#include "case-test-util.h"

#include "ns3/bulk-send-helper.h"
#include "ns3/dumbbell-topology.h"
#include "ns3/fat-tree-topology.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-flow-ecmp-routing.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/simulator.h"
#include "ns3/star-topology.h"
#include "ns3/tcp-header.h"
#include "ns3/uinteger.h"

#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace ns3
{
namespace test
{

namespace
{
constexpr uint16_t kPort = 9;

/// A transfer of \p bytes from host \p from to host \p to, started at \p at.
struct Flow
{
    uint32_t from; //!< client host
    uint32_t to;   //!< server host
};

/**
 * \brief Send \p bytes on each flow (a sink on every server host) and run.
 * \return bytes each flow's sink received, by server host
 */
std::map<uint32_t, uint64_t>
RunFlows(const HostTopology& topology, const std::vector<Flow>& flows, uint32_t bytes)
{
    std::map<uint32_t, Ptr<PacketSink>> sinks;
    for (const Flow& f : flows)
    {
        if (sinks.count(f.to) == 0)
        {
            PacketSinkHelper sink("ns3::TcpSocketFactory",
                                  InetSocketAddress(Ipv4Address::GetAny(), kPort));
            sinks[f.to] = DynamicCast<PacketSink>(sink.Install(topology.GetHost(f.to)).Get(0));
        }
        BulkSendHelper bulk("ns3::TcpSocketFactory",
                            InetSocketAddress(topology.GetHostAddress(f.to), kPort));
        bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
        bulk.Install(topology.GetHost(f.from)).Start(MilliSeconds(1));
    }
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    std::map<uint32_t, uint64_t> received;
    for (const auto& [host, sink] : sinks)
    {
        received[host] = sink->GetTotalRx();
    }
    return received;
}

/// Every host sends to the next one and to the one half-way round: every path kind.
std::vector<Flow>
RingFlows(uint32_t hosts)
{
    std::vector<Flow> flows;
    for (uint32_t h = 0; h < hosts; ++h)
    {
        flows.push_back({h, (h + 1) % hosts});
    }
    return flows;
}
} // namespace

using Topology = TcpRstTest;

TEST_F(Topology, FatTreeCountsFollowK)
{
    for (uint32_t k : {2U, 4U, 8U})
    {
        TcpRstHelper rst;
        FatTreeOptions options;
        options.k = k;
        FatTreeTopology tree(rst, options);
        uint32_t half = k / 2;
        EXPECT_EQ(tree.GetNHosts(), k * k * k / 4) << "k=" << k;
        EXPECT_EQ(tree.GetEdgeSwitches().GetN(), k * half);
        EXPECT_EQ(tree.GetAggregationSwitches().GetN(), k * half);
        EXPECT_EQ(tree.GetCoreSwitches().GetN(), half * half);
        EXPECT_EQ(tree.GetSwitches().GetN(), 5 * k * k / 4);
        EXPECT_EQ(tree.GetNLinks(), 3 * k * k * k / 4);
        EXPECT_EQ(tree.GetNodes().GetN(), k * k * k / 4 + 5 * k * k / 4);
        // Every switch has k ports (core: one per pod); hosts one.
        for (uint32_t i = 0; i < tree.GetSwitches().GetN(); ++i)
        {
            EXPECT_EQ(tree.GetSwitches().Get(i)->GetNDevices(), k + 1) << "loopback + k ports";
        }
        EXPECT_EQ(tree.GetHost(0)->GetNDevices(), 2u);
        Simulator::Destroy();
    }
}

TEST_F(Topology, FatTreeAddressesAndPathsFollowThePodsAndEdges)
{
    TcpRstHelper rst;
    FatTreeTopology tree(rst, FatTreeOptions{});
    EXPECT_EQ(tree.GetHostAddress(0), Ipv4Address("10.0.0.2"));
    EXPECT_EQ(tree.GetHostAddress(1), Ipv4Address("10.0.0.6"));
    EXPECT_EQ(tree.GetHostAddress(2), Ipv4Address("10.0.1.2"));
    EXPECT_EQ(tree.GetHostAddress(15), Ipv4Address("10.3.1.6"));
    EXPECT_EQ(tree.GetPod(5), 1u);
    EXPECT_EQ(tree.GetEdge(5), 0u);
    EXPECT_EQ(tree.GetHops(0, 1), 2u);
    EXPECT_EQ(tree.GetPathKind(0, 1), "edge");
    EXPECT_EQ(tree.GetHops(0, 2), 4u);
    EXPECT_EQ(tree.GetPathKind(0, 3), "pod");
    EXPECT_EQ(tree.GetHops(0, 15), 6u);
    EXPECT_EQ(tree.GetPathKind(4, 15), "core");
    EXPECT_EQ(tree.GetHops(7, 7), 0u);
    EXPECT_EQ(tree.GetPathDelay(0, 15), MicroSeconds(60)) << "6 links of 10 us";
    EXPECT_EQ(tree.GetPathDelay(0, 1), MicroSeconds(20));
    EXPECT_EQ(tree.GetAccessDevice(3)->GetNode(), tree.GetEdgeSwitches().Get(1));
    EXPECT_EQ(tree.GetHostDevice(3)->GetNode(), tree.GetHost(3));
    EXPECT_THROW(tree.GetHost(16), std::out_of_range);
    EXPECT_EQ(tree.Describe(), "fat-tree k=4: 16 hosts, 20 switches, 48 links");
    Simulator::Destroy();
}

TEST_F(Topology, EveryHostReachesItsNeighbourOnEveryRouting)
{
    for (FatTreeRouting routing :
         {FatTreeRouting::FLOW_ECMP, FatTreeRouting::GLOBAL, FatTreeRouting::NIX_VECTOR})
    {
        TcpRstHelper rst;
        FatTreeOptions options;
        options.routing = routing;
        FatTreeTopology tree(rst, options);
        std::vector<Flow> flows = RingFlows(tree.GetNHosts());
        for (uint32_t h = 0; h < tree.GetNHosts(); h += 3)
        {
            flows.push_back({h, (h + 9) % tree.GetNHosts()}); // other pods
        }
        std::map<uint32_t, uint64_t> rx = RunFlows(tree, flows, 3000);
        std::map<uint32_t, uint64_t> expected;
        for (const Flow& f : flows)
        {
            expected[f.to] += 3000;
        }
        EXPECT_EQ(rx, expected) << "routing " << static_cast<int>(routing);
        Simulator::Destroy();
    }
}

TEST_F(Topology, EachFlowKeepsOnePathAndFlowsSpreadOverTheCore)
{
    TcpRstHelper rst;
    FatTreeTopology tree(rst, FatTreeOptions{});
    // Which core switches forwarded each direction of each flow (a direction hashes alone).
    using Direction = std::tuple<uint32_t, uint16_t, uint32_t, uint16_t>;
    std::map<Direction, std::set<uint32_t>> coresOfFlow;
    std::map<uint32_t, uint32_t> segmentsPerCore;
    const NodeContainer& cores = tree.GetCoreSwitches();
    for (uint32_t c = 0; c < cores.GetN(); ++c)
    {
        Ptr<Ipv4L3Protocol> ip = cores.Get(c)->GetObject<Ipv4L3Protocol>();
        uint32_t id = cores.Get(c)->GetId();
        ip->TraceConnectWithoutContext(
            "UnicastForward",
            Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [&coresOfFlow, &segmentsPerCore, id](
                    const Ipv4Header& header, Ptr<const Packet> p, uint32_t)
                {
                    TcpHeader tcp;
                    p->PeekHeader(tcp);
                    coresOfFlow[{header.GetSource().Get(),
                                 tcp.GetSourcePort(),
                                 header.GetDestination().Get(),
                                 tcp.GetDestinationPort()}]
                        .insert(id);
                    ++segmentsPerCore[id];
                }));
    }
    // 16 flows from pod 0 to pod 3: they cross the core.
    std::vector<Flow> flows;
    for (uint32_t i = 0; i < 16; ++i)
    {
        flows.push_back({i % 4, 12 + i % 4});
    }
    std::map<uint32_t, uint64_t> rx = RunFlows(tree, flows, 20000);
    EXPECT_EQ(rx.size(), 4u);
    for (const auto& [host, bytes] : rx)
    {
        EXPECT_EQ(bytes, 4u * 20000) << "host " << host;
    }
    ASSERT_EQ(coresOfFlow.size(), 32u) << "16 flows, two directions each";
    for (const auto& [direction, used] : coresOfFlow)
    {
        EXPECT_EQ(used.size(), 1u) << "the direction from port " << std::get<1>(direction)
                                   << " crossed several core switches";
    }
    EXPECT_GE(segmentsPerCore.size(), 3u) << "16 flows should use at least 3 of the 4 cores";
    Simulator::Destroy();
}

TEST_F(Topology, FlowHashDependsOnTheFiveTupleOnly)
{
    TcpRstHelper rst;
    FatTreeTopology tree(rst, FatTreeOptions{});
    Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(
        tree.GetEdgeSwitches().Get(0)->GetObject<Ipv4>()->GetRoutingProtocol());
    int16_t priority = 0;
    Ptr<Ipv4FlowEcmpRouting> ecmp =
        DynamicCast<Ipv4FlowEcmpRouting>(list->GetRoutingProtocol(0, priority));
    ASSERT_TRUE(ecmp);
    EXPECT_EQ(priority, 10);
    EXPECT_EQ(ecmp->GetNRoutes(), 3u) << "two hosts and the default up";
    Ipv4Address src("10.0.0.2");
    Ipv4Address dst("10.3.1.6");
    std::set<uint32_t> interfaces;
    for (uint16_t port = 40000; port < 40064; ++port)
    {
        Ipv4FlowEcmpRouting::NextHop a{};
        Ipv4FlowEcmpRouting::NextHop b{};
        ASSERT_TRUE(ecmp->Select(src, dst, 6, port, 80, a));
        ASSERT_TRUE(ecmp->Select(src, dst, 6, port, 80, b));
        EXPECT_EQ(a.interface, b.interface);
        EXPECT_EQ(a.gateway, b.gateway);
        interfaces.insert(a.interface);
    }
    EXPECT_EQ(interfaces.size(), 2u) << "64 flows use both uplinks";
    Ipv4FlowEcmpRouting::NextHop down{};
    ASSERT_TRUE(ecmp->Select(src, Ipv4Address("10.0.0.6"), 6, 1, 2, down));
    EXPECT_EQ(down.gateway, Ipv4Address("10.0.0.6")) << "a host below takes its own link";
    EXPECT_THROW(ecmp->AddRoute(Ipv4Address("1.2.3.0"), Ipv4Mask("/24"), {}),
                 std::invalid_argument);
    EXPECT_THROW(ecmp->AddRoute(Ipv4Address("1.2.3.0"), Ipv4Mask("/24"), {{99, Ipv4Address()}}),
                 std::invalid_argument);
    Simulator::Destroy();
}

TEST_F(Topology, FlowEcmpRoutesLocalTrafficSkipsDownLinksAndPrintsItsTable)
{
    TcpRstHelper rst;
    FatTreeTopology tree(rst, FatTreeOptions{});
    Ptr<Node> edge = tree.GetEdgeSwitches().Get(0);
    Ptr<Ipv4> ipv4 = edge->GetObject<Ipv4>();
    Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(ipv4->GetRoutingProtocol());
    int16_t priority = 0;
    Ptr<Ipv4FlowEcmpRouting> ecmp =
        DynamicCast<Ipv4FlowEcmpRouting>(list->GetRoutingProtocol(0, priority));
    ASSERT_TRUE(ecmp);
    std::ostringstream table;
    ecmp->PrintRoutingTable(Create<OutputStreamWrapper>(&table));
    EXPECT_NE(table.str().find("Ipv4FlowEcmpRouting table"), std::string::npos) << table.str();
    EXPECT_NE(table.str().find("10.0.0.0/30"), std::string::npos) << table.str();
    EXPECT_NE(table.str().find("0.0.0.0/0"), std::string::npos) << table.str();
    // A route for a locally sent packet: source and device of the chosen uplink.
    Ipv4Header header;
    header.SetSource(Ipv4Address("172.16.0.1"));
    header.SetDestination(Ipv4Address("10.3.1.6"));
    header.SetProtocol(17);
    Socket::SocketErrno error = Socket::ERROR_NOTERROR;
    Ptr<Ipv4Route> route = ecmp->RouteOutput(Create<Packet>(8), header, nullptr, error);
    ASSERT_TRUE(route);
    EXPECT_EQ(error, Socket::ERROR_NOTERROR);
    uint32_t chosen = ipv4->GetInterfaceForDevice(route->GetOutputDevice());
    EXPECT_EQ(route->GetSource(), ipv4->GetAddress(chosen, 0).GetLocal());
    // Another device than the one chosen: no route from this protocol.
    Ptr<NetDevice> other = ipv4->GetNetDevice(chosen == 3 ? 4 : 3);
    EXPECT_FALSE(ecmp->RouteOutput(Create<Packet>(8), header, other, error));
    EXPECT_EQ(error, Socket::ERROR_NOROUTETOHOST);
    // With the chosen uplink down, flows take the other one; with both down, no route.
    ipv4->SetDown(chosen);
    Ipv4FlowEcmpRouting::NextHop hop{};
    ASSERT_TRUE(ecmp->Select(header.GetSource(), header.GetDestination(), 17, 0, 0, hop));
    EXPECT_NE(hop.interface, chosen);
    ipv4->SetDown(hop.interface);
    EXPECT_FALSE(ecmp->Select(header.GetSource(), header.GetDestination(), 17, 0, 0, hop));
    EXPECT_FALSE(ecmp->RouteOutput(Create<Packet>(8), header, nullptr, error));
    Simulator::Destroy();
}

TEST_F(Topology, BadFatTreeParametersAreRefusedByName)
{
    TcpRstHelper rst;
    auto refused = [&rst](FatTreeOptions options, const std::string& name)
    {
        try
        {
            FatTreeTopology tree(rst, options);
            ADD_FAILURE() << name << " was accepted";
        }
        catch (const std::invalid_argument& e)
        {
            EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
        }
    };
    FatTreeOptions odd;
    odd.k = 5;
    refused(odd, "--k=5 must be even and in [2, 32]");
    FatTreeOptions big;
    big.k = 34;
    refused(big, "--k=34");
    FatTreeOptions rate;
    rate.fabricRate = "fast";
    refused(rate, "--fabricRate='fast'");
    FatTreeOptions delay;
    delay.hostDelay = Seconds(2);
    refused(delay, "--hostDelay=2");
    Simulator::Destroy();
}

TEST_F(Topology, DumbbellAndStarReachEveryHost)
{
    {
        TcpRstHelper rst;
        DumbbellOptions options;
        options.leaves = 3;
        DumbbellTopology dumbbell(rst, options);
        EXPECT_EQ(dumbbell.GetNHosts(), 6u);
        EXPECT_EQ(dumbbell.GetSwitches().GetN(), 2u);
        EXPECT_EQ(dumbbell.GetNLinks(), 7u);
        EXPECT_EQ(dumbbell.GetHostAddress(0), Ipv4Address("10.1.0.1"));
        EXPECT_EQ(dumbbell.GetHostAddress(3), Ipv4Address("10.2.0.1"));
        EXPECT_EQ(dumbbell.GetPathKind(0, 4), "bottleneck");
        EXPECT_EQ(dumbbell.GetHops(0, 1), 2u);
        EXPECT_EQ(dumbbell.GetPathDelay(0, 5), MicroSeconds(40) + MilliSeconds(10));
        EXPECT_EQ(dumbbell.GetAccessDevice(0)->GetNode(), dumbbell.GetSwitches().Get(0));
        std::map<uint32_t, uint64_t> rx = RunFlows(dumbbell, {{0, 3}, {4, 1}, {2, 5}}, 5000);
        EXPECT_EQ(rx, (std::map<uint32_t, uint64_t>{{1, 5000}, {3, 5000}, {5, 5000}}));
        Simulator::Destroy();
    }
    {
        TcpRstHelper rst;
        StarOptions options;
        options.spokes = 5;
        StarTopology star(rst, options);
        EXPECT_EQ(star.GetNHosts(), 5u);
        EXPECT_EQ(star.GetNLinks(), 5u);
        EXPECT_EQ(star.GetHostAddress(4), Ipv4Address("10.3.4.2"));
        EXPECT_EQ(star.GetPathKind(1, 2), "hub");
        EXPECT_EQ(star.GetAccessDevice(2)->GetNode(), star.GetSwitches().Get(0));
        std::map<uint32_t, uint64_t> rx = RunFlows(star, RingFlows(5), 4000);
        EXPECT_EQ(rx.size(), 5u);
        for (const auto& [host, bytes] : rx)
        {
            EXPECT_EQ(bytes, 4000u) << "host " << host;
        }
        Simulator::Destroy();
    }
    TcpRstHelper rst;
    DumbbellOptions none;
    none.leaves = 0;
    EXPECT_THROW(DumbbellTopology(rst, none), std::invalid_argument);
    StarOptions one;
    one.spokes = 1;
    EXPECT_THROW(StarTopology(rst, one), std::invalid_argument);
}

} // namespace test
} // namespace ns3
