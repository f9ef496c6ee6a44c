/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The policy table: every attribute, Fork() copy, the stock switch and the doc table come
// from it.
#include "case-test-util.h"

#include "ns3/enum.h"
#include "ns3/integer.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-policies.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <set>
#include <sstream>
#include <utility>

namespace ns3
{
namespace test
{

using PolicyTable = TcpRstTest;

namespace
{
/**
 * \brief \p listener (on the server) listens on port 5000 and the client connects to it.
 * \param scene the scene \param listener the listening socket
 * \return the accepted socket (nullptr if none) and the client's socket
 */
std::pair<Ptr<TcpRstSocket>, Ptr<TcpRstSocket>>
AcceptOne(Scene& scene, Ptr<TcpRstSocket> listener)
{
    Ptr<TcpRstSocket> accepted;
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000));
    listener->Listen();
    listener->SetAcceptCallback(
        MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
        Callback<void, Ptr<Socket>, const Address&>([&accepted](Ptr<Socket> s, const Address&)
                                                    { accepted = DynamicCast<TcpRstSocket>(s); }));
    Ptr<TcpRstSocket> client = TcpRstHelper::CreateSocket(scene.topology.client);
    Address server = InetSocketAddress(scene.topology.serverAddress, 5000);
    Simulator::Schedule(MilliSeconds(1), [client, server]() { client->Connect(server); });
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    return {accepted, client};
}
} // namespace

TEST_F(PolicyTable, EveryPolicyHasOneRowAtItsIndex)
{
    const std::vector<TcpRstPolicyInfo>& table = TcpRstPolicyTable();
    ASSERT_EQ(table.size(), TCP_RST_POLICY_COUNT);
    // Behaviours of other stacks, which neither Linux nor stock ns-3 has: both values agree.
    const std::set<TcpRstPolicy> otherStacks{
        TcpRstPolicy::BLACKHOLE, TcpRstPolicy::RESET_RATE_LIMIT, TcpRstPolicy::BACKLOG_OVERFLOW};
    for (std::size_t i = 0; i < table.size(); ++i)
    {
        EXPECT_EQ(static_cast<std::size_t>(table[i].id), i) << table[i].name;
        EXPECT_EQ(&GetPolicyInfo(table[i].id), &table[i]);
        EXPECT_NE(table[i].ChoiceName(table[i].linuxValue), "?") << table[i].name;
        EXPECT_NE(table[i].ChoiceName(table[i].stockValue), "?") << table[i].name;
        EXPECT_EQ(table[i].linuxValue == table[i].stockValue, otherStacks.count(table[i].id) == 1)
            << table[i].name;
        EXPECT_FALSE(table[i].follows.empty()) << table[i].name;
    }
    EXPECT_EQ(table[0].ChoiceName(99), "?");
    EXPECT_EQ(GetPolicyInfo(TcpRstPolicy::RST_VALIDATION).Path(),
              "ns3::TcpRstSocket::RstValidation");
    EXPECT_EQ(GetPolicyInfo(TcpRstPolicy::NO_SOCKET_REPLY).Path(),
              "ns3::TcpRstL4Protocol::NoSocketReply");
}

TEST_F(PolicyTable, EveryRowIsAnAttributeWithItsHelpAndLinuxDefault)
{
    for (const TcpRstPolicyInfo& info : TcpRstPolicyTable())
    {
        TypeId tid = TypeId::LookupByName(info.TypeName());
        TypeId::AttributeInformation attribute;
        ASSERT_TRUE(tid.LookupAttributeByName(info.name, &attribute)) << info.Path();
        EXPECT_NE(attribute.help.find(info.follows), std::string::npos) << attribute.help;
        EXPECT_EQ(attribute.initialValue->SerializeToString(attribute.checker),
                  info.ChoiceName(info.linuxValue))
            << info.Path();
    }
}

TEST_F(PolicyTable, AttributesReadAndWriteTheSocketsPolicySetAndForkCopiesIt)
{
    TcpRstHelper rst;
    Scene scene(rst);
    Ptr<TcpRstSocket> socket = TcpRstHelper::CreateSocket(scene.topology.server);
    EXPECT_EQ(socket->GetPolicy(TcpRstPolicy::RST_VALIDATION), RstValidation::RFC5961);
    socket->SetAttribute("RstValidation", StringValue("Rfc793"));
    socket->SetAttribute("ActiveResetShape", EnumValue(TcpRstBehaviour::STOCK));
    EXPECT_EQ(socket->GetPolicy(TcpRstPolicy::RST_VALIDATION), RstValidation::RFC793);
    EnumValue value;
    socket->GetAttribute("ActiveResetShape", value);
    EXPECT_EQ(value.Get(), TcpRstBehaviour::STOCK);
    StringValue text;
    EXPECT_FALSE(socket->SetAttributeFailSafe("RstValidation", StringValue("Rfc9999")));
    EXPECT_EQ(socket->GetPolicy(TcpRstPolicy::RST_VALIDATION), RstValidation::RFC793);

    // An accepted socket is a Fork() of the listener: it inherits every policy.
    auto [accepted, client] = AcceptOne(scene, socket);
    ASSERT_TRUE(accepted);
    EXPECT_EQ(accepted->GetPolicy(TcpRstPolicy::RST_VALIDATION), RstValidation::RFC793);
    EXPECT_EQ(accepted->GetPolicy(TcpRstPolicy::ACTIVE_RESET_SHAPE), TcpRstBehaviour::STOCK);
    EXPECT_EQ(accepted->GetPolicy(TcpRstPolicy::LISTENER_SEGMENTS), TcpRstBehaviour::LINUX);
}

// TCP_KEEPIDLE/INTVL/CNT and SO_LINGER live with the timers, made when first set: they read
// back, return to 0 (the node's value), and an accepted socket inherits the listener's.
TEST_F(PolicyTable, SocketOptionsReadBackReturnToZeroAndForkCopiesThem)
{
    TcpRstHelper rst;
    Scene scene(rst);
    Ptr<TcpRstSocket> socket = TcpRstHelper::CreateSocket(scene.topology.server);
    auto timeOf = [](Ptr<TcpRstSocket> s, const std::string& name)
    {
        TimeValue value;
        s->GetAttribute(name, value);
        return value.Get();
    };
    auto countOf = [](Ptr<TcpRstSocket> s)
    {
        UintegerValue value;
        s->GetAttribute("KeepCnt", value);
        return value.Get();
    };
    EXPECT_EQ(timeOf(socket, "KeepIdle"), Time(0));
    EXPECT_EQ(countOf(socket), 0u);
    socket->SetAttribute("KeepIdle", TimeValue(Seconds(7)));
    socket->SetAttribute("KeepIntvl", TimeValue(Seconds(2)));
    socket->SetAttribute("KeepCnt", UintegerValue(4));
    socket->SetAttribute("LingerTime", TimeValue(Seconds(3)));
    socket->SetAttribute("KeepIntvl", TimeValue(Seconds(0)));
    EXPECT_EQ(timeOf(socket, "KeepIdle"), Seconds(7));
    EXPECT_EQ(timeOf(socket, "KeepIntvl"), Time(0));
    EXPECT_EQ(countOf(socket), 4u);
    EXPECT_EQ(timeOf(socket, "LingerTime"), Seconds(3));
    auto backlogOf = [](Ptr<TcpRstSocket> s)
    {
        IntegerValue value;
        s->GetAttribute("Backlog", value);
        return value.Get();
    };
    EXPECT_EQ(backlogOf(socket), 4096); // SOMAXCONN
    socket->SetAttribute("Backlog", IntegerValue(5));
    socket->SetAttribute("Backlog", IntegerValue(4096));
    EXPECT_EQ(backlogOf(socket), 4096);
    socket->SetAttribute("Backlog", IntegerValue(7));
    EXPECT_EQ(backlogOf(socket), 7);

    auto [accepted, client] = AcceptOne(scene, socket);
    ASSERT_TRUE(accepted);
    EXPECT_EQ(timeOf(accepted, "KeepIdle"), Seconds(7));
    EXPECT_EQ(timeOf(accepted, "KeepIntvl"), Time(0));
    EXPECT_EQ(countOf(accepted), 4u);
    EXPECT_EQ(timeOf(accepted, "LingerTime"), Seconds(3));
    EXPECT_EQ(timeOf(client, "LingerTime"), Time(0));
    socket->SetAttribute("KeepIdle", TimeValue(Seconds(0)));
    socket->SetAttribute("KeepCnt", UintegerValue(0));
    EXPECT_EQ(timeOf(socket, "KeepIdle"), Time(0));
    EXPECT_EQ(countOf(socket), 0u);
    EXPECT_EQ(timeOf(accepted, "KeepIdle"), Seconds(7));
    EXPECT_EQ(socket->GetMaxAckBacklog(), 7u); // Listen() read it
}

TEST_F(PolicyTable, UseStockBehaviourSelectsTheStockValueOfEveryRow)
{
    TcpRstHelper rst;
    rst.UseStockBehaviour();
    Scene scene(rst);
    Ptr<TcpRstSocket> socket = TcpRstHelper::CreateSocket(scene.topology.client);
    Ptr<TcpRstL4Protocol> tcp = scene.topology.ClientTcp();
    for (const TcpRstPolicyInfo& info : TcpRstPolicyTable())
    {
        int value = info.scope == TcpRstPolicyScope::HOST ? tcp->GetPolicy(info.id)
                                                          : socket->GetPolicy(info.id);
        EXPECT_EQ(value, info.stockValue) << info.Path();
    }
}

TEST_F(PolicyTable, TheDocShowsTheGeneratedTable)
{
    std::ostringstream generated;
    PrintPolicyTable(generated, true);
    std::ifstream doc(std::string(TCP_RST_SOURCE_DIR) + "/doc/tcp-rst.rst");
    ASSERT_TRUE(doc) << "doc/tcp-rst.rst";
    std::stringstream text;
    text << doc.rdbuf();
    EXPECT_NE(text.str().find(generated.str()), std::string::npos)
        << "doc/tcp-rst.rst must contain the output of './tcp-rst policies --rst':\n"
        << generated.str();

    std::ostringstream plain;
    PrintPolicyTable(plain, false);
    EXPECT_NE(plain.str().find("ns3::TcpRstSocket::RstValidation"), std::string::npos);
    EXPECT_NE(plain.str().find("stock=Stock"), std::string::npos);
}

} // namespace test
} // namespace ns3
