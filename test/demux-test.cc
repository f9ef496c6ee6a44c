/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The node's hash table of connected IPv4 sockets (TcpRstL4Protocol FastDemux) delivers the
// same segments to the same sockets as ns-3's scan over every endpoint.
#include "case-test-util.h"

#include "ns3/boolean.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/config.h"
#include "ns3/inet-socket-address.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace ns3
{
namespace test
{

namespace
{

/// Five bulk transfers to a PacketSink; \return {server hits, client hits, bytes received}
std::array<uint64_t, 3>
Transfer(bool fastDemux)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("FastDemux", BooleanValue(fastDemux));
    Scene scene(rst);
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 9));
    ApplicationContainer sinkApp = sink.Install(scene.topology.server);
    for (int i = 0; i < 5; ++i)
    {
        BulkSendHelper bulk("ns3::TcpSocketFactory",
                            InetSocketAddress(scene.topology.serverAddress, 9));
        bulk.SetAttribute("MaxBytes", UintegerValue(20000));
        bulk.Install(scene.topology.client).Start(Seconds(1));
    }
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    std::array<uint64_t, 3> out{scene.topology.ServerTcp()->GetFastDemuxHits(),
                                scene.topology.ClientTcp()->GetFastDemuxHits(),
                                DynamicCast<PacketSink>(sinkApp.Get(0))->GetTotalRx()};
    Simulator::Destroy();
    return out;
}
} // namespace

using Demux = TcpRstTest;

TEST_F(Demux, ConnectedSocketsAreFoundThroughTheHashTable)
{
    std::array<uint64_t, 3> fast = Transfer(true);
    EXPECT_GT(fast[0], 50u) << "the server's connections: ACK and data segments";
    EXPECT_GT(fast[1], 50u) << "the clients: ACKs";
    EXPECT_EQ(fast[2], 100000u);
    std::array<uint64_t, 3> scan = Transfer(false);
    EXPECT_EQ(scan[0], 0u);
    EXPECT_EQ(scan[1], 0u);
    EXPECT_EQ(scan[2], 100000u);
}

class DemuxEveryCase : public Demux, public ::testing::WithParamInterface<std::string>
{
};

TEST_P(DemuxEveryCase, TheHashTableAndTheScanGiveTheSamePcaps)
{
    std::string base = (std::filesystem::temp_directory_path() / "tcp-rst-demux-").string();
    std::string fast = base + GetParam() + "-fast";
    std::string scan = base + GetParam() + "-scan";
    std::filesystem::remove_all(fast);
    std::filesystem::remove_all(scan);
    RunCase(GetParam(), false, fast);
    Config::SetDefault("ns3::TcpRstL4Protocol::FastDemux", BooleanValue(false));
    RunCase(GetParam(), false, scan);
    for (const char* file : {"client.pcap", "server.pcap", "resets.csv", "ladder.txt"})
    {
        std::string a = ReadFile(fast + "/" + file);
        EXPECT_FALSE(a.empty()) << file;
        EXPECT_EQ(a, ReadFile(scan + "/" + file)) << file;
    }
}

INSTANTIATE_TEST_SUITE_P(AllCases,
                         DemuxEveryCase,
                         ::testing::ValuesIn(RstCaseCatalog::GetNames()),
                         CaseTestName);

} // namespace test
} // namespace ns3
