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
#include "ns3/tcp-socket-factory.h"
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

namespace
{

/// How the server's port 9 is held when the client connects.
enum class ServerSide
{
    WILDCARD_LISTENER,           //!< one listener on 0.0.0.0:9
    WILDCARD_AND_EXACT_LISTENER, //!< 0.0.0.0:9 and serverAddress:9
    DEVICE_BOUND_LISTENER,       //!< one listener on 0.0.0.0:9 bound to the server's device
    REOPENED_LISTENER,           //!< a listener closed before a new one listens on 9
    BOUND_NOT_LISTENING,         //!< a socket bound to 9 that never listens
};

/// What one connection attempt to port 9 did.
struct Attempt
{
    std::string ladder;                  //!< every segment, both sides
    std::vector<uint32_t> accepted;      //!< per listener created: connections it accepted
    uint64_t viaTable{0};                //!< server segments delivered without the scan
    std::vector<TcpResetEvent> resets{}; //!< resets sent and received
};

Attempt
Connect(ServerSide side, bool fastDemux)
{
    TcpRstHelper rst;
    rst.SetTcpAttribute("FastDemux", BooleanValue(fastDemux));
    auto scene = std::make_unique<Scene>(rst);
    CaseTopology& t = scene->topology;
    Attempt out;
    std::vector<Ptr<Socket>> servers;
    auto listen = [&](const Address& at, bool deviceBound)
    {
        Ptr<Socket> s = Socket::CreateSocket(t.server, TcpSocketFactory::GetTypeId());
        EXPECT_EQ(s->Bind(at), 0);
        if (deviceBound)
        {
            s->BindToNetDevice(t.serverDevice);
        }
        EXPECT_EQ(s->Listen(), 0);
        std::size_t index = out.accepted.size();
        out.accepted.push_back(0);
        s->SetAcceptCallback(
            MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
            Callback<void, Ptr<Socket>, const Address&>([&out, index](Ptr<Socket>, const Address&)
                                                        { ++out.accepted[index]; }));
        servers.push_back(s);
    };
    InetSocketAddress any(Ipv4Address::GetAny(), 9);
    switch (side)
    {
    case ServerSide::WILDCARD_LISTENER:
        listen(any, false);
        break;
    case ServerSide::WILDCARD_AND_EXACT_LISTENER:
        listen(any, false);
        listen(InetSocketAddress(t.serverAddress, 9), false);
        break;
    case ServerSide::DEVICE_BOUND_LISTENER:
        listen(any, true);
        break;
    case ServerSide::REOPENED_LISTENER:
        listen(any, false);
        servers.back()->Close();
        listen(any, false);
        break;
    case ServerSide::BOUND_NOT_LISTENING:
    {
        Ptr<Socket> s = Socket::CreateSocket(t.server, TcpSocketFactory::GetTypeId());
        EXPECT_EQ(s->Bind(any), 0);
        servers.push_back(s);
        break;
    }
    }
    Ptr<Socket> client = Socket::CreateSocket(t.client, TcpSocketFactory::GetTypeId());
    Simulator::Schedule(Seconds(1),
                        [&]() { client->Connect(InetSocketAddress(t.serverAddress, 9)); });
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    std::ostringstream ladder;
    scene->ladder->Write(ladder);
    out.ladder = ladder.str();
    out.viaTable = t.ServerTcp()->GetFastDemuxHits();
    out.resets = scene->resets;
    Simulator::Destroy();
    return out;
}

} // namespace

// Linux __inet_lookup_listener(): a SYN for a port with one listener reaches it without a scan.
TEST_F(Demux, TheSoleListenerOfAPortGetsItsSynsWithoutTheScan)
{
    Attempt fast = Connect(ServerSide::WILDCARD_LISTENER, true);
    EXPECT_EQ(fast.accepted, std::vector<uint32_t>{1});
    EXPECT_EQ(fast.viaTable, 2u) << "the SYN (listener) and the third ACK (connection)";
    Attempt scan = Connect(ServerSide::WILDCARD_LISTENER, false);
    EXPECT_EQ(scan.viaTable, 0u);
    EXPECT_EQ(fast.ladder, scan.ladder);
    EXPECT_EQ(fast.accepted, scan.accepted);
}

// Where more than one socket holds the port, or the only one is bound to a device, the SYN
// goes through ns-3's scan and lands where the scan puts it: the exact-address listener wins.
TEST_F(Demux, SeveralOrDeviceBoundListenersAreLeftToTheScan)
{
    Attempt two = Connect(ServerSide::WILDCARD_AND_EXACT_LISTENER, true);
    EXPECT_EQ(two.accepted, (std::vector<uint32_t>{0, 1}));
    EXPECT_EQ(two.viaTable, 1u) << "only the third ACK: the SYN was scanned";
    EXPECT_EQ(two.ladder, Connect(ServerSide::WILDCARD_AND_EXACT_LISTENER, false).ladder);

    Attempt bound = Connect(ServerSide::DEVICE_BOUND_LISTENER, true);
    EXPECT_EQ(bound.accepted, std::vector<uint32_t>{1});
    EXPECT_EQ(bound.viaTable, 1u) << "the SYN was scanned; ns-3 does not bind the child to "
                                     "the device, its third ACK goes through the table";
    EXPECT_EQ(bound.ladder, Connect(ServerSide::DEVICE_BOUND_LISTENER, false).ladder);
}

// A closed listener's record stays until the socket is destroyed; it no longer counts.
TEST_F(Demux, AClosedListenerDoesNotHideTheNewOne)
{
    Attempt fast = Connect(ServerSide::REOPENED_LISTENER, true);
    EXPECT_EQ(fast.accepted, (std::vector<uint32_t>{0, 1}));
    EXPECT_EQ(fast.viaTable, 2u);
    EXPECT_EQ(fast.ladder, Connect(ServerSide::REOPENED_LISTENER, false).ladder);
}

// A socket bound to the port without listen() gets the SYN and answers it with a reset,
// through the table or the scan alike.
TEST_F(Demux, ABoundSocketThatDoesNotListenAnswersTheSynWithAReset)
{
    Attempt fast = Connect(ServerSide::BOUND_NOT_LISTENING, true);
    Attempt scan = Connect(ServerSide::BOUND_NOT_LISTENING, false);
    EXPECT_EQ(fast.viaTable, 1u);
    EXPECT_EQ(fast.ladder, scan.ladder);
    ASSERT_EQ(fast.resets.size(), scan.resets.size());
    ASSERT_FALSE(fast.resets.empty());
    EXPECT_TRUE(fast.resets.front().sent);
    EXPECT_EQ(fast.resets.front().reason, scan.resets.front().reason);
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
