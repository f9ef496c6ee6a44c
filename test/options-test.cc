/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Malformed TCP options: read as Linux tcp_parse_options() reads them, never handed to ns-3's
// parser in a form that aborts it (MSS length != 4) or loops forever (unknown kind with length
// 0, SACK whose length is not 2 + 8n).
#include "case-test-util.h"

#include "ns3/inet-socket-address.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-check.h"
#include "ns3/tcp-segment-injector.h"
#include "ns3/traffic-control-helper.h"

#include <algorithm>
#include <vector>

namespace ns3
{
namespace test
{

namespace
{
using Bytes = std::vector<uint8_t>;

Bytes
Sanitized(Bytes options)
{
    SanitizeTcpOptions(options.data(), options.size());
    return options;
}

/// A SYN from port \p sourcePort to 5000 whose options area is \p options (padded to words).
Bytes
SynWithOptions(uint16_t sourcePort, Bytes options)
{
    while (options.size() % 4 != 0)
    {
        options.push_back(0);
    }
    Bytes h(20 + options.size(), 0);
    std::copy(options.begin(), options.end(), h.begin() + 20);
    h[0] = sourcePort >> 8;
    h[1] = sourcePort & 0xff;
    h[2] = 5000 >> 8;
    h[3] = 5000 & 0xff;
    h[7] = 100; // seq 100
    h[12] = static_cast<uint8_t>(((20 + options.size()) / 4) << 4);
    h[13] = TcpHeader::SYN;
    h[14] = 0xff; // window
    return h;
}
} // namespace

TEST(OptionsArea, ParsedAsLinuxTcpParseOptions)
{
    // Well-formed options are kept as they are.
    Bytes good = {2, 4, 5, 0xb4, 1, 3, 3, 7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 1, 1};
    EXPECT_EQ(Sanitized(good), good);
    // A known option with another length is ignored: NOPs.
    EXPECT_EQ(Sanitized({2, 3, 5, 1}), (Bytes{1, 1, 1, 1}));
    EXPECT_EQ(Sanitized({8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), Bytes(12, 1));
    // SACK of 2 + 8n bytes is kept, of another length ignored.
    Bytes sack = {5, 10, 0, 0, 0, 1, 0, 0, 0, 2};
    EXPECT_EQ(Sanitized(sack), sack);
    EXPECT_EQ(Sanitized({5, 5, 7, 7, 7, 4, 2}), (Bytes{1, 1, 1, 1, 1, 4, 2}))
        << "the SACK-permitted after it survives";
    // An unknown kind of a sane length is ignored.
    EXPECT_EQ(Sanitized({99, 3, 9, 1}), (Bytes{1, 1, 1, 1}));
    // Length 0 or 1 ("silly"), past the end ("partial") or missing: Linux stops parsing.
    EXPECT_EQ(Sanitized({99, 0, 1, 1}), (Bytes{1, 1, 1, 1}));
    EXPECT_EQ(Sanitized({1, 2, 1, 7}), (Bytes{1, 1, 1, 1}));
    EXPECT_EQ(Sanitized({1, 8, 10, 0}), (Bytes{1, 1, 1, 1}));
    EXPECT_EQ(Sanitized({1, 1, 1, 8}), (Bytes{1, 1, 1, 1}));
    // EOL and what follows become NOPs: ns-3 took padding after an EOL for payload.
    EXPECT_EQ(Sanitized({0, 2, 4, 5}), (Bytes{1, 1, 1, 1}));
    Bytes eolPadding = {2, 4, 5, 0xb4, 0, 0, 0, 0};
    EXPECT_FALSE(SanitizeTcpOptions(eolPadding.data(), eolPadding.size())) << "not malformed";
    EXPECT_EQ(eolPadding, (Bytes{2, 4, 5, 0xb4, 1, 1, 1, 1}));
    // EOLs that only fill the last word (a timestamp and two EOLs, as every stack pads) stay:
    // ns-3 sizes that header right, and each NOP would cost an option object per parse.
    Bytes timestampPadding = {8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0};
    EXPECT_FALSE(SanitizeTcpOptions(timestampPadding.data(), timestampPadding.size()));
    EXPECT_EQ(timestampPadding, (Bytes{8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0}));
    // Not only EOLs in that last word: from the EOL on, NOPs.
    EXPECT_EQ(Sanitized({8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 0, 5}),
              (Bytes{8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 1, 1}));
}

using MalformedOptions = TcpRstTest;

TEST_F(MalformedOptions, AreIgnoredAsLinuxDoesAndTheSynIsAnswered)
{
    TcpRstHelper rst;
    Scene scene(rst);
    // ns-3's FqCoDel on the router would parse these options for its flow hash (and abort):
    // forward without a queue disc, as the doc says users must for malformed options.
    TrafficControlHelper().Uninstall(scene.topology.routerFromClient);
    TrafficControlHelper().Uninstall(scene.topology.routerFromServer);
    Ptr<TcpRstSocket> listener = TcpRstHelper::CreateSocket(scene.topology.server);
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000));
    listener->Listen();
    std::vector<Bytes> syns = {
        SynWithOptions(40001, {2, 3, 5, 1}),                // MSS of length 3: ns-3 aborted
        SynWithOptions(40002, {99, 0}),                     // unknown kind, length 0: ns-3 looped
        SynWithOptions(40003, {5, 5, 7, 7, 7, 1, 1}),       // SACK of length 5: ns-3 looped
        SynWithOptions(40004, {8, 10, 0, 0}),               // timestamps past the end
        SynWithOptions(40005, {2, 4, 5, 0xb4, 1, 3, 3, 7}), // well formed: kept
        // EOL, then junk: ns-3 took the 7 bytes after the EOL for payload
        SynWithOptions(40006, {0, 6, 1, 4, 8, 0x94, 0x3a, 9}),
    };
    Ptr<Node> client = scene.topology.client;
    Ipv4Address server = scene.topology.serverAddress;
    Time at = Seconds(1);
    for (const Bytes& syn : syns)
    {
        Simulator::Schedule(
            at, [client, server, syn]() { TcpSegmentInjector::SendRaw(client, server, syn); });
        at += MilliSeconds(10);
    }
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    std::vector<std::string> synAcks;
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        if (s.flags == "SA")
        {
            synAcks.push_back(std::to_string(s.clientPort));
        }
    }
    EXPECT_EQ(synAcks,
              (std::vector<std::string>{"40001", "40002", "40003", "40004", "40005", "40006"}));
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        EXPECT_EQ(s.length, 0u) << s.Summary() << ": no option byte is payload";
    }
    const TcpRstCounters& c = scene.topology.ServerTcp()->GetCounters();
    EXPECT_EQ(c.Get(TcpStat::OptionsIgnored), 4u);
    EXPECT_EQ(c.Get(TcpStat::InErrs), 0u);
}

} // namespace test
} // namespace ns3
