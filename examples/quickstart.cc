/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The README's snippet as a program: tcp-rst on two hosts, standard applications unchanged.
//
// A BulkSend connects to a port where nothing listens (refused at once, like Linux), another
// one to a PacketSink (data flows, no reset). Every reset goes to resets.csv and the counters
// are printed nstat style.
//
//   build/tcp-rst-quickstart [--csv=resets.csv] [--stock]

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-rst-module.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string csv = "resets.csv";
    bool stock = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("csv", "reset trace file", csv);
    cmd.AddValue("stock", "stock ns-3 behaviour instead of Linux", stock);
    cmd.Parse(argc, argv);

    NodeContainer nodes;
    nodes.Create(2);
    TcpRstHelper rst; // Linux 6.x defaults
    if (stock)
    {
        rst.UseStockBehaviour();
    }
    rst.Install(nodes); // instead of InternetStackHelper::Install(nodes)
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(p2p.Install(nodes));
    rst.EnableResetTrace(csv); // every reset sent or received, one row each

    Ipv4Address server = interfaces.GetAddress(1);
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 9));
    sink.Install(nodes.Get(1)).Start(Seconds(0));
    BulkSendHelper toSink("ns3::TcpSocketFactory", InetSocketAddress(server, 9));
    toSink.SetAttribute("MaxBytes", UintegerValue(100000));
    toSink.Install(nodes.Get(0)).Start(Seconds(1));
    BulkSendHelper toNobody("ns3::TcpSocketFactory", InetSocketAddress(server, 10));
    ApplicationContainer refused = toNobody.Install(nodes.Get(0));
    refused.Start(Seconds(1));

    Simulator::Stop(Seconds(5));
    Simulator::Run();
    Ptr<TcpRstSocket> socket =
        DynamicCast<TcpRstSocket>(DynamicCast<BulkSendApplication>(refused.Get(0))->GetSocket());
    std::cout << "connect to port 10: " << TcpRstSocket::SocketErrorName(socket->GetSocketError())
              << "\n";
    TcpRstHelper::PrintCounters(nodes, std::cout);
    Simulator::Destroy();
    return 0;
}
