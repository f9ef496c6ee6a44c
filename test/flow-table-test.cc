/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpFlowTable, the node's table of connections by 4-tuple (FastDemux): what it finds after
// any sequence of inserts, replacements and erasures, checked against std::map.
#include "ns3/tcp-flow-table.h"

#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <random>
#include <tuple>
#include <vector>

namespace ns3
{
namespace test
{

namespace
{

/// A connection as the table sees it: something that knows its 4-tuple.
struct FakeConnection
{
    TcpFlowKey key; //!< its 4-tuple

    /// \return its 4-tuple
    const TcpFlowKey&
    GetFlowKey() const
    {
        return key;
    }
};

/// \param i an index \return a key of client i on a server at 10.0.0.1:80
TcpFlowKey
ClientKey(uint32_t i)
{
    return TcpFlowKey{0x0a000001, 0x0a010000 + i / 1000, 80, static_cast<uint16_t>(32768 + i)};
}

/// \param n how many \return clients 0 to n - 1 (ClientKey())
std::vector<FakeConnection>
Clients(uint32_t n)
{
    std::vector<FakeConnection> clients(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        clients[i].key = ClientKey(i);
    }
    return clients;
}

/// Orders keys for the reference map.
struct KeyLess
{
    /// \param a a key \param b another \return a before b
    bool
    operator()(const TcpFlowKey& a, const TcpFlowKey& b) const
    {
        return std::tie(a.local, a.peer, a.localPort, a.peerPort) <
               std::tie(b.local, b.peer, b.localPort, b.peerPort);
    }
};

} // namespace

TEST(FlowTable, AnEmptyTableFindsNothingAndHoldsNoSlots)
{
    TcpFlowTable<FakeConnection> table;
    FakeConnection absent{ClientKey(0)};
    EXPECT_EQ(table.Find(ClientKey(0)), nullptr);
    EXPECT_FALSE(table.Erase(&absent));
    EXPECT_EQ(table.GetSize(), 0U);
    EXPECT_EQ(table.GetCapacity(), 0U);
}

TEST(FlowTable, EveryInsertedConnectionIsFoundAndTheTableStaysAtMostThreeQuartersFull)
{
    std::vector<FakeConnection> connections = Clients(5000);
    TcpFlowTable<FakeConnection> table;
    for (uint32_t i = 0; i < connections.size(); ++i)
    {
        table.Insert(&connections[i]);
        ASSERT_LE(4 * table.GetSize(), 3 * table.GetCapacity()) << "after " << i + 1;
    }
    EXPECT_EQ(table.GetSize(), 5000U);
    EXPECT_EQ(table.GetCapacity(), 8192U); // 16 doubled until 5000 fit in three quarters
    for (uint32_t i = 0; i < connections.size(); ++i)
    {
        ASSERT_EQ(table.Find(ClientKey(i)), &connections[i]) << i;
    }
    EXPECT_EQ(table.Find(ClientKey(5000)), nullptr);
    TcpFlowKey otherServerPort = ClientKey(7);
    otherServerPort.localPort = 81;
    EXPECT_EQ(table.Find(otherServerPort), nullptr);
}

TEST(FlowTable, ASecondConnectionOnTheSameKeyTakesItsPlace)
{
    FakeConnection first{ClientKey(1)};
    FakeConnection second{ClientKey(1)};
    TcpFlowTable<FakeConnection> table;
    table.Insert(&first);
    table.Insert(&second);
    EXPECT_EQ(table.GetSize(), 1U);
    EXPECT_EQ(table.Find(ClientKey(1)), &second);
    // The first one's erasure (its socket going away) must not take the key from the second.
    EXPECT_FALSE(table.Erase(&first));
    EXPECT_EQ(table.Find(ClientKey(1)), &second);
    EXPECT_TRUE(table.Erase(&second));
    EXPECT_EQ(table.Find(ClientKey(1)), nullptr);
    EXPECT_EQ(table.GetSize(), 0U);
}

TEST(FlowTable, ClearForgetsEveryConnection)
{
    std::vector<FakeConnection> connections = Clients(100);
    TcpFlowTable<FakeConnection> table;
    for (FakeConnection& c : connections)
    {
        table.Insert(&c);
    }
    table.Clear();
    EXPECT_EQ(table.GetSize(), 0U);
    EXPECT_EQ(table.GetCapacity(), 0U);
    EXPECT_EQ(table.Find(ClientKey(3)), nullptr);
    table.Insert(&connections[3]);
    EXPECT_EQ(table.Find(ClientKey(3)), &connections[3]);
}

// Erasure shifts later entries of a probe run back into the hole; a mistake there loses
// entries that sit past their home slot (wrapping around the end of the array included). A
// small key space keeps runs long and makes replacements frequent.
TEST(FlowTable, AnySequenceOfInsertsAndErasuresFindsWhatAMapFinds)
{
    constexpr uint32_t kKeys = 300;
    constexpr uint32_t kCopies = 2; // two connections per key: replacement and stale erasure
    std::vector<std::unique_ptr<FakeConnection>> pool;
    for (uint32_t i = 0; i < kKeys * kCopies; ++i)
    {
        pool.push_back(std::make_unique<FakeConnection>(FakeConnection{ClientKey(i % kKeys)}));
    }
    std::mt19937 random(20261203);
    std::uniform_int_distribution<uint32_t> pick(0, kKeys * kCopies - 1);
    std::bernoulli_distribution insert(0.55);
    TcpFlowTable<FakeConnection> table;
    std::map<TcpFlowKey, FakeConnection*, KeyLess> reference;
    for (int step = 0; step < 200000; ++step)
    {
        FakeConnection* c = pool[pick(random)].get();
        if (insert(random))
        {
            table.Insert(c);
            reference[c->key] = c;
        }
        else
        {
            auto it = reference.find(c->key);
            bool held = it != reference.end() && it->second == c;
            ASSERT_EQ(table.Erase(c), held) << "step " << step;
            if (held)
            {
                reference.erase(it);
            }
        }
        ASSERT_EQ(table.GetSize(), reference.size()) << "step " << step;
        if (step % 97 == 0)
        {
            for (uint32_t k = 0; k < kKeys; ++k)
            {
                auto it = reference.find(ClientKey(k));
                FakeConnection* expected = it == reference.end() ? nullptr : it->second;
                ASSERT_EQ(table.Find(ClientKey(k)), expected) << "step " << step << " key " << k;
            }
        }
    }
}

} // namespace test
} // namespace ns3
