/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A listen backlog in a user's own script: a star of BulkSend clients (ns-3's own applications,
// unchanged), one per spoke, against a TcpAcceptServer at the hub that
// accepts slowly. Completed connections wait in its accept queue; beyond backlog + 1 the
// listener drops SYNs and handshake ACKs (or resets them with --abortOnOverflow), answers a
// full SYN queue with SYN cookies, and counts it all nstat style.
//
//   build/tcp-rst-slow-accept-star [--clients=40] [--backlog=8] [--acceptRate=5]
//                                  [--abortOnOverflow] [--synCookies=1] [--stock]

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-rst-module.h"

#include <iostream>
#include <vector>

using namespace ns3;

int
main(int argc, char* argv[])
{
    uint32_t clients = 40;
    int32_t backlog = 8;
    double acceptRate = 5;
    bool abortOnOverflow = false;
    uint32_t synCookies = 1;
    bool stock = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("clients", "BulkSend clients, one per spoke, [1, 250]", clients);
    cmd.AddValue("backlog", "the server's listen() backlog, [0, 2147483647]", backlog);
    cmd.AddValue("acceptRate", "accept() calls per second, (0, 1e6]", acceptRate);
    cmd.AddValue("abortOnOverflow", "tcp_abort_on_overflow on the server", abortOnOverflow);
    cmd.AddValue("synCookies", "tcp_syncookies on the server, [0, 2]", synCookies);
    cmd.AddValue("stock", "stock ns-3 behaviour instead of Linux", stock);
    cmd.Parse(argc, argv);
    if (clients < 1 || clients > 250)
    {
        std::cerr << "--clients=" << clients << " is out of range [1, 250]\n";
        return 2;
    }

    NodeContainer hub(1);
    NodeContainer spokes(clients);
    TcpRstHelper rst;
    if (stock)
    {
        rst.UseStockBehaviour();
    }
    std::vector<Ipv4Address> hubAddresses;
    try
    {
        rst.SetTcpAttribute("AbortOnOverflow", BooleanValue(abortOnOverflow));
        rst.SetTcpAttribute("SynCookies", UintegerValue(synCookies));
        rst.Install(NodeContainer(hub, spokes)); // instead of InternetStackHelper::Install
        PointToPointHelper link;
        link.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        link.SetChannelAttribute("Delay", StringValue("5ms"));
        Ipv4AddressHelper addresses("10.8.0.0", "255.255.255.0");
        for (uint32_t i = 0; i < clients; ++i)
        {
            Ipv4InterfaceContainer ends = addresses.Assign(link.Install(hub.Get(0), spokes.Get(i)));
            hubAddresses.push_back(ends.GetAddress(0));
            addresses.NewNetwork();
        }
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();

        TcpAcceptServerHelper server(InetSocketAddress(Ipv4Address::GetAny(), 80));
        server.SetAttribute("Backlog", IntegerValue(backlog));
        server.SetAttribute("AcceptRate", DoubleValue(acceptRate));
        ApplicationContainer serverApp = server.Install(hub.Get(0));
        serverApp.Start(Seconds(0));
        Ptr<TcpAcceptServer> app = DynamicCast<TcpAcceptServer>(serverApp.Get(0));
        uint32_t maxQueued = 0;
        app->TraceConnectWithoutContext(
            "AcceptQueueLength",
            Callback<void, uint32_t, uint32_t>([&maxQueued](uint32_t, uint32_t now)
                                               { maxQueued = std::max(maxQueued, now); }));

        for (uint32_t i = 0; i < clients; ++i)
        {
            BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(hubAddresses[i], 80));
            bulk.SetAttribute("MaxBytes", UintegerValue(20000));
            bulk.Install(spokes.Get(i)).Start(Seconds(1)); // all at once
        }
        Simulator::Stop(Seconds(60));
        Simulator::Run();
        std::cout << "accepted " << app->GetAccepted().size() << " of " << clients
                  << " connections, read " << app->GetTotalRx() << " bytes; the accept queue held "
                  << "at most " << maxQueued << " (backlog " << backlog << ")\n"
                  << "server counters:\n";
        TcpRstHelper::PrintCounters(hub, std::cout);
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << "slow-accept-star: " << e.what() << "\n";
        return 2;
    }
    Simulator::Destroy();
    return 0;
}
