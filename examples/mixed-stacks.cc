/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Stack profiles on one topology: a Linux client and one server per stack profile, each on its
// own link. The client opens --burst connections to a closed port of every server within one
// second; each server answers as its stack does: Linux, macOS and Windows refuse every one at
// once, FreeBSD refuses at most icmplim (200) a second and leaves the rest to retransmit their
// SYN, FreeBSD with --blackhole=Syn or All answers none.
//
//   build/tcp-rst-mixed-stacks [--burst=300] [--blackhole=Off|Syn|All] [--csv=resets.csv]

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-rst-module.h"

#include <iomanip>
#include <iostream>
#include <map>

using namespace ns3;

int
main(int argc, char* argv[])
{
    uint32_t burst = 300;
    std::string blackhole = "Off";
    std::string csv = "resets.csv";
    CommandLine cmd(__FILE__);
    cmd.AddValue("burst", "connections to each server's closed port within 1 s, [1, 10000]", burst);
    cmd.AddValue(
        "blackhole", "the FreeBSD server's net.inet.tcp.blackhole: Off, Syn, All", blackhole);
    cmd.AddValue("csv", "reset trace file", csv);
    cmd.Parse(argc, argv);
    if (burst < 1 || burst > 10000)
    {
        std::cerr << "error: --burst=" << burst << " is out of range [1, 10000]\n";
        return 2;
    }

    const std::vector<std::string> profiles{"Linux", "Linux-4.4", "FreeBSD", "macOS", "Windows"};
    Ptr<Node> client = CreateObject<Node>();
    TcpRstHelper linuxStack; // the client
    linuxStack.Install(client);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    std::map<std::string, std::pair<Ptr<Node>, Ipv4Address>> servers;
    for (std::size_t i = 0; i < profiles.size(); ++i)
    {
        Ptr<Node> server = CreateObject<Node>();
        TcpRstHelper stack; // one helper per stack profile
        stack.SetStackProfile(profiles[i]);
        if (profiles[i] == "FreeBSD")
        {
            try
            {
                stack.SetTcpAttribute("Blackhole", StringValue(blackhole));
            }
            catch (const std::invalid_argument& e)
            {
                std::cerr << "error: --blackhole: " << e.what() << '\n';
                return 2;
            }
        }
        stack.Install(server);
        std::ostringstream subnet;
        subnet << "10.9." << i + 1 << ".0";
        Ipv4AddressHelper addresses(subnet.str().c_str(), "255.255.255.0");
        Ipv4InterfaceContainer ends = addresses.Assign(p2p.Install(client, server));
        servers[profiles[i]] = {server, ends.GetAddress(1)};
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    TcpRstHelper::AssignStreams(NodeContainer::GetGlobal(), 0);
    linuxStack.EnableResetTrace(csv);

    std::map<std::string, uint32_t> refused;
    for (const std::string& profile : profiles)
    {
        Address to = InetSocketAddress(servers[profile].second, 9); // nothing listens there
        for (uint32_t i = 0; i < burst; ++i)
        {
            Ptr<TcpRstSocket> socket = TcpRstHelper::CreateSocket(client);
            socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                       Callback<void, Ptr<Socket>>([&refused, profile](Ptr<Socket>)
                                                                   { ++refused[profile]; }));
            Simulator::Schedule(Seconds(1) + MicroSeconds(1000000 * i / burst),
                                [socket, to]() { socket->Connect(to); });
        }
    }
    Simulator::Stop(Seconds(2.1)); // the first second, plus the round trip
    Simulator::Run();

    std::cout << std::left << std::setw(11) << "server" << std::setw(10) << "refused"
              << std::setw(18) << "RSTs suppressed"
              << "SYNs unanswered (blackhole)\n";
    for (const std::string& profile : profiles)
    {
        const TcpRstCounters& c = TcpRstHelper::GetTcp(servers[profile].first)->GetCounters();
        std::cout << std::setw(11) << profile << std::setw(10) << refused[profile] << std::setw(18)
                  << c.Get(TcpStat::RstRateLimited) << c.Get(TcpStat::BlackholeDrops) << '\n';
    }
    std::cout << "(" << burst << " connections each; resets in " << csv
              << "; ./tcp-rst profiles shows every stack's values)\n";
    Simulator::Destroy();
    return 0;
}
