/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Which socket class each standard application gets once TcpRstHelper installed the stack.
#include "case-test-util.h"

#include "ns3/applications-module.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-rst-socket-factory.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-socket-factory.h"

#include <stdexcept>

namespace ns3
{
namespace test
{

namespace
{
bool
IsRstSocket(Ptr<Socket> socket)
{
    return socket && DynamicCast<TcpRstSocket>(socket) &&
           socket->GetInstanceTypeId() == TcpRstSocket::GetTypeId();
}

struct TwoHosts
{
    explicit TwoHosts(const std::function<void(NodeContainer&)>& install)
    {
        nodes.Create(2);
        install(nodes);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        NetDeviceContainer devices = p2p.Install(nodes);
        Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
        interfaces = addresses.Assign(devices);
    }

    NodeContainer nodes;
    Ipv4InterfaceContainer interfaces;
};
} // namespace

using Install = TcpRstTest;

TEST_F(Install, EveryStandardApplicationGetsTcpRstSocket)
{
    TcpRstHelper rst;
    TwoHosts hosts([&rst](NodeContainer& n) { rst.Install(n); });
    Address sinkAddress = InetSocketAddress(hosts.interfaces.GetAddress(1), 9);

    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 9));
    ApplicationContainer sinkApps = sinkHelper.Install(hosts.nodes.Get(1));
    BulkSendHelper bulkHelper("ns3::TcpSocketFactory", sinkAddress);
    bulkHelper.SetAttribute("MaxBytes", UintegerValue(20000));
    ApplicationContainer bulkApps = bulkHelper.Install(hosts.nodes.Get(0));
    OnOffHelper onOffHelper("ns3::TcpSocketFactory", sinkAddress);
    onOffHelper.SetConstantRate(DataRate("1Mbps"), 500);
    ApplicationContainer onOffApps = onOffHelper.Install(hosts.nodes.Get(0));
    sinkApps.Start(Seconds(0.5));
    bulkApps.Start(Seconds(1));
    onOffApps.Start(Seconds(1));
    onOffApps.Stop(Seconds(2));
    Ptr<Socket> plain = Socket::CreateSocket(hosts.nodes.Get(0), TcpSocketFactory::GetTypeId());

    Simulator::Stop(Seconds(3));
    Simulator::Run();

    Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkApps.Get(0));
    EXPECT_TRUE(IsRstSocket(sink->GetListeningSocket())) << "PacketSink listener";
    ASSERT_EQ(sink->GetAcceptedSockets().size(), 2u);
    for (Ptr<Socket> accepted : sink->GetAcceptedSockets())
    {
        EXPECT_TRUE(IsRstSocket(accepted)) << "PacketSink accepted socket (Fork)";
    }
    EXPECT_TRUE(IsRstSocket(DynamicCast<BulkSendApplication>(bulkApps.Get(0))->GetSocket()));
    EXPECT_TRUE(IsRstSocket(DynamicCast<OnOffApplication>(onOffApps.Get(0))->GetSocket()));
    EXPECT_TRUE(IsRstSocket(plain)) << "Socket::CreateSocket(node, TcpSocketFactory)";
    EXPECT_GE(sink->GetTotalRx(), 20000u) << "and they still carry data";
}

TEST_F(Install, NodeHasOnlyTheModuleTcpSocketFactory)
{
    TcpRstHelper rst;
    TwoHosts hosts([&rst](NodeContainer& n) { rst.Install(n); });
    Ptr<TcpSocketFactory> factory = hosts.nodes.Get(0)->GetObject<TcpSocketFactory>();
    ASSERT_TRUE(factory);
    EXPECT_EQ(factory->GetInstanceTypeId(), TcpRstSocketFactory::GetTypeId());
    EXPECT_TRUE(TcpRstHelper::GetTcp(hosts.nodes.Get(0)));
}

TEST_F(Install, CallerStackHelperIsUsedWithTcpReplaced)
{
    TcpRstHelper rst;
    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    TwoHosts hosts([&](NodeContainer& n) { rst.Install(n, stack); });
    EXPECT_TRUE(TcpRstHelper::GetTcp(hosts.nodes.Get(1)));
    EXPECT_FALSE(hosts.nodes.Get(1)->GetObject<Ipv6>()) << "the caller's choice is kept";
    EXPECT_TRUE(
        IsRstSocket(Socket::CreateSocket(hosts.nodes.Get(1), TcpSocketFactory::GetTypeId())));
}

TEST_F(Install, TcpRstSocketRefusesAStockTcp)
{
    Ptr<TcpRstSocket> socket = CreateObject<TcpRstSocket>();
    EXPECT_THROW(socket->SetTcp(CreateObject<TcpL4Protocol>()), std::invalid_argument);
}

TEST_F(Install, StockStackStillGetsStockSockets)
{
    InternetStackHelper stack;
    TwoHosts hosts([&stack](NodeContainer& n) { stack.Install(n); });
    Ptr<Socket> s = Socket::CreateSocket(hosts.nodes.Get(0), TcpSocketFactory::GetTypeId());
    EXPECT_FALSE(DynamicCast<TcpRstSocket>(s)) << "the test above would pass for any socket";
    EXPECT_FALSE(TcpRstHelper::GetTcp(hosts.nodes.Get(0)));
}

} // namespace test
} // namespace ns3
