/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Stack profiles: the table and its sources, applying one per node, the errors, each profile's
// distinctive behaviour on the wire, and the stack-matrix scenario.
#include "case-test-util.h"
#include "connection-harness.h"

#include "ns3/case-options.h"
#include "ns3/config.h"
#include "ns3/inet-socket-address.h"
#include "ns3/resolved-attribute.h"
#include "ns3/stack-matrix.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-segment-filter.h"
#include "ns3/tcp-segment-injector.h"
#include "ns3/tcp-stack-profile.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <set>
#include <sstream>

namespace ns3
{
namespace test
{

namespace
{
class StackProfile : public TcpRstTest
{
};

class StackMatrixTest : public TcpRstTest
{
};

/// \return doc/tcp-rst.rst
std::string
Doc()
{
    return ReadFile(std::string(TCP_RST_SOURCE_DIR) + "/doc/tcp-rst.rst");
}

/// \param f a call expected to throw E \return its message
template <typename E, typename F>
std::string
MessageOf(F f)
{
    try
    {
        f();
    }
    catch (const E& e)
    {
        return e.what();
    }
    return "(nothing thrown)";
}

/// \param lines ladder lines \param prefix e.g. "S>C R" \return how many start with it
std::size_t
CountStarting(const std::vector<std::string>& lines, const std::string& prefix)
{
    return std::count_if(lines.begin(),
                         lines.end(),
                         [&prefix](const std::string& l) { return l.rfind(prefix, 0) == 0; });
}
} // namespace

TEST_F(StackProfile, TheDocShowsTheGeneratedTableWithEverySource)
{
    std::ostringstream generated;
    PrintStackProfileTable(generated, true);
    EXPECT_NE(Doc().find(generated.str()), std::string::npos)
        << "doc/tcp-rst.rst must contain the output of './tcp-rst profiles --rst':\n"
        << generated.str();
    std::ostringstream plain;
    PrintStackProfileTable(plain, false);
    EXPECT_NE(plain.str().find("L4::SynAckRetries"), std::string::npos);
    EXPECT_NE(plain.str().find("Windows"), std::string::npos);
}

TEST_F(StackProfile, EverySettingNamesAnAttributeAValidValueAndItsSource)
{
    std::set<std::string> names;
    for (const TcpStackProfile& p : TcpStackProfiles())
    {
        SCOPED_TRACE(p.name);
        EXPECT_TRUE(names.insert(p.name).second) << "names are unique";
        EXPECT_FALSE(p.description.empty());
        for (const TcpStackSetting& s : p.settings)
        {
            EXPECT_FALSE(s.source.empty()) << s.attribute;
            ResolvedAttribute attribute(TypeId::LookupByName(s.type), s.attribute);
            EXPECT_NO_THROW(attribute.Parse(s.value)) << s.attribute << " = " << s.value;
        }
        EXPECT_NO_THROW(TcpStackSettings(p, "ns3::TcpRstL4Protocol"));
        EXPECT_NO_THROW(TcpStackSettings(p, "ns3::TcpRstSocket"));
    }
    EXPECT_EQ(names,
              (std::set<std::string>{"Linux", "Linux-4.4", "Ns3", "FreeBSD", "macOS", "Windows"}));
    EXPECT_TRUE(FindStackProfile("Linux").settings.empty()) << "Linux is every default";
    EXPECT_EQ(FindStackProfile("Ns3").settings.size(), TCP_RST_POLICY_COUNT + 1)
        << "every policy and HostProfile";
    EXPECT_TRUE(TcpStackSettings(FindStackProfile("Linux"), "ns3::TcpRstSocket").IsEmpty());
}

TEST_F(StackProfile, AResolvedAttributeRefusesUnknownNamesAndValuesAndPrintsTimesExactly)
{
    TypeId l4 = TypeId::LookupByName("ns3::TcpRstL4Protocol");
    EXPECT_EQ(MessageOf<std::invalid_argument>([&l4]() { ResolvedAttribute(l4, "SynAckRetrys"); }),
              "no attribute SynAckRetrys in ns3::TcpRstL4Protocol");
    ResolvedAttribute validation(TypeId::LookupByName("ns3::TcpRstSocket"), "RstValidation");
    EXPECT_EQ(MessageOf<std::invalid_argument>([&validation]() { validation.Parse("Rfc9999"); }),
              "invalid value 'Rfc9999' for ns3::TcpRstSocket::RstValidation");
    EXPECT_EQ(ResolvedAttribute(l4, "SynAckRetries").OriginalDefault(), "5");
    ResolvedAttribute limit(l4, "InvalidRateLimit"); // declared by TcpRstL4Protocol itself
    EXPECT_EQ(limit.Text(*limit.Parse("250us")), "250us");
    EXPECT_EQ(limit.Text(*limit.Parse("1001ns")), "1001ns");
    EXPECT_EQ(limit.Text(*limit.Parse("0s")), "0s");
    EXPECT_EQ(limit.Text(*limit.Parse("1h")), "3600s");
    EXPECT_EQ(limit.OriginalDefault(), "500ms");
    EXPECT_EQ(MessageOf<std::invalid_argument>([&limit]() { limit.Parse("2h"); }),
              "invalid value '2h' for ns3::TcpRstL4Protocol::InvalidRateLimit")
        << "out of its range [0, 1h]";
    ResolvedAttribute inherited(l4, "SocketType"); // declared by TcpL4Protocol
    EXPECT_EQ(inherited.Path(), "ns3::TcpL4Protocol::SocketType");
}

TEST_F(StackProfile, UnknownNamesAreRefusedNamingTheAllowedOnes)
{
    const std::string allowed = "allowed: Linux, Linux-4.4, Ns3, FreeBSD, macOS, Windows";
    EXPECT_NE(MessageOf<std::invalid_argument>([]() { FindStackProfile("BSD"); }).find(allowed),
              std::string::npos);
    TcpRstHelper rst;
    EXPECT_NE(MessageOf<std::invalid_argument>([&rst]() { rst.SetStackProfile("linux"); })
                  .find("unknown stack profile 'linux'"),
              std::string::npos);
    EXPECT_EQ(rst.GetStackProfile(), "Linux") << "a refused name changes nothing";
    EXPECT_EQ(MessageOf<std::invalid_argument>([]() { StackProfileOption(false, "Solaris"); }),
              "--profile: unknown stack profile 'Solaris'; " + allowed);
    EXPECT_EQ(MessageOf<std::invalid_argument>([]() { StackProfileOption(true, "FreeBSD"); }),
              "--stock conflicts with --profile=FreeBSD (--stock is --profile=Ns3)");
    EXPECT_EQ(StackProfileOption(true, "Linux"), "Ns3");
    EXPECT_EQ(StackProfileOption(false, "macOS"), "macOS");
    Ptr<TcpRstL4Protocol> tcp = CreateObject<TcpRstL4Protocol>();
    EXPECT_THROW(tcp->SetAttribute("StackProfile", StringValue("Plan9")), std::invalid_argument);
    EXPECT_EQ(tcp->GetStackProfile(), "Linux");
}

TEST_F(StackProfile, ConflictingSettingsForOneNodeAreRefused)
{
    TcpRstHelper bsd;
    bsd.SetStackProfile("FreeBSD");
    EXPECT_EQ(MessageOf<std::invalid_argument>([&bsd]() { bsd.SetStackProfile("Windows"); }),
              "TcpRstHelper::SetStackProfile(Windows): this helper already installs FreeBSD; "
              "use one helper per stack profile");
    EXPECT_NO_THROW(bsd.SetStackProfile("FreeBSD")) << "the same again changes nothing";

    NodeContainer nodes;
    nodes.Create(2);
    bsd.Install(nodes.Get(0));
    Ptr<TcpRstL4Protocol> tcp = TcpRstHelper::GetTcp(nodes.Get(0));
    EXPECT_EQ(tcp->GetStackProfile(), "FreeBSD");
    std::string id = std::to_string(nodes.Get(0)->GetId());
    EXPECT_EQ(MessageOf<std::invalid_argument>(
                  [&tcp]() { tcp->SetAttribute("StackProfile", StringValue("Windows")); }),
              "StackProfile: node " + id +
                  " already runs FreeBSD, it cannot also run Windows (one stack per node)");
    TcpRstHelper windows;
    windows.SetStackProfile("Windows");
    EXPECT_EQ(MessageOf<std::invalid_argument>([&]() { windows.Install(nodes.Get(0)); }),
              "TcpRstHelper::Install: node " + id +
                  " already has an internet stack (tcp-rst, stack profile FreeBSD); install each "
                  "node once, with the helper of its stack profile");
    EXPECT_EQ(tcp->GetStackProfile(), "FreeBSD");

    TcpRstHelper linuxStack;
    linuxStack.Install(nodes.Get(1));
    Ptr<TcpRstL4Protocol> other = TcpRstHelper::GetTcp(nodes.Get(1));
    TcpRstHelper::CreateSocket(nodes.Get(1));
    EXPECT_NE(MessageOf<std::logic_error>([&other]() { other->SetStackProfile("macOS"); })
                  .find("already has sockets"),
              std::string::npos);
    EXPECT_EQ(other->GetStackProfile(), "Linux");
}

// A knob set with SetTcpAttribute(), or a default the user changed, wins over the profile.
TEST_F(StackProfile, ExplicitSettingsWinOverTheProfile)
{
    Config::SetDefault("ns3::TcpRstSocket::DataAfterShutdown", StringValue("Stock"));
    Config::SetDefault("ns3::TcpRstL4Protocol::TimeWaitLength", TimeValue(Seconds(5)));
    TcpRstHelper rst;
    rst.SetStackProfile("Windows");
    rst.SetTcpAttribute("KeepAliveProbes", UintegerValue(3));
    NodeContainer node;
    node.Create(1);
    rst.Install(node);
    Ptr<TcpRstL4Protocol> tcp = TcpRstHelper::GetTcp(node.Get(0));
    EXPECT_EQ(tcp->GetSysctls().keepAliveProbes, 3u) << "SetTcpAttribute() wins";
    EXPECT_EQ(tcp->GetSysctls().timeWaitLength, Seconds(5)) << "the changed default wins";
    EXPECT_EQ(tcp->GetSysctls().keepAliveIntvl, Seconds(1)) << "the profile's own value";
    Ptr<TcpRstSocket> socket = TcpRstHelper::CreateSocket(node.Get(0));
    EXPECT_EQ(socket->GetPolicy(TcpRstPolicy::DATA_AFTER_SHUTDOWN), DataAfterShutdown::STOCK)
        << "the changed default wins over the profile's Windows";
    EXPECT_EQ(socket->GetPolicy(TcpRstPolicy::BACKLOG_OVERFLOW), BacklogOverflow::RESET)
        << "the profile's own value";
}

// Config::SetDefault("...StackProfile") reaches every node built afterwards, its knobs too.
TEST_F(StackProfile, TheAttributeDefaultGivesEveryNodeTheProfile)
{
    Config::SetDefault("ns3::TcpRstL4Protocol::StackProfile", StringValue("macOS"));
    TcpRstHelper rst;
    NodeContainer node;
    node.Create(1);
    rst.Install(node);
    Ptr<TcpRstL4Protocol> tcp = TcpRstHelper::GetTcp(node.Get(0));
    EXPECT_EQ(tcp->GetStackProfile(), "macOS");
    EXPECT_EQ(tcp->GetSysctls().timeWaitLength, Seconds(30));
    EXPECT_EQ(tcp->GetSysctls().persistMax, Seconds(60));
}

// A FreeBSD server among Linux clients, in one simulation: the server rate-limits the resets it
// answers a burst of SYNs to a closed port with (icmplim 200), the Linux client answers every
// one of a burst the server's host sends it.
TEST_F(StackProfile, AFreeBsdServerAndALinuxClientShareOneTopology)
{
    TcpRstHelper linuxStack;
    TcpRstHelper bsd;
    bsd.SetStackProfile("FreeBSD");
    Scene scene(linuxStack, &bsd);
    EXPECT_EQ(scene.topology.ClientTcp()->GetStackProfile(), "Linux");
    EXPECT_EQ(scene.topology.ServerTcp()->GetStackProfile(), "FreeBSD");
    TcpRstHelper::AssignStreams(scene.topology.nodes, 0);
    auto burst = [](Ptr<Node> from, Ipv4Address to)
    {
        for (uint32_t i = 0; i < 250; ++i)
        {
            TcpSegmentSpec spec;
            spec.sourcePort = static_cast<uint16_t>(41000 + i);
            spec.destinationPort = 9;
            spec.flags = TcpHeader::SYN;
            spec.seq = SequenceNumber32(7 * i);
            TcpSegmentInjector::Schedule(Seconds(1) + MilliSeconds(2 * i), from, to, spec);
        }
    };
    burst(scene.topology.client, scene.topology.serverAddress);
    burst(scene.topology.server, scene.topology.clientAddress);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    std::size_t fromServer = 0;
    std::size_t fromClient = 0;
    for (const LadderSegment& s : scene.ladder->GetSegments())
    {
        if (s.flags == "RA" && !s.injected)
        {
            ++(s.fromClient ? fromClient : fromServer);
        }
    }
    EXPECT_EQ(fromServer, 200u) << "FreeBSD: icmplim 200 in the second from the first";
    EXPECT_EQ(fromClient, 250u) << "Linux: no limit";
    EXPECT_EQ(scene.topology.ServerTcp()->GetCounters().Get(TcpStat::RstRateLimited), 50u);
}

// Linux 4.4 has no tcp_syn_linear_timeouts: the SYN backs off from its first retransmission.
TEST_F(StackProfile, Linux44BacksOffFromTheFirstSynRetransmission)
{
    for (const char* profile : {"Linux", "Linux-4.4"})
    {
        SCOPED_TRACE(profile);
        TcpRstHelper rst;
        rst.SetStackProfile(profile);
        Scene scene(rst);
        TcpRstHelper::AssignStreams(scene.topology.nodes, 0);
        Ptr<TcpSegmentFilter> filter = TcpSegmentFilter::Install(scene.topology.routerFromClient);
        filter->Drop([](const FilteredSegment&) { return true; });
        Ptr<TcpRstSocket> client = TcpRstHelper::CreateSocket(scene.topology.client);
        Simulator::Schedule(
            Seconds(1),
            [client, &scene]()
            { client->Connect(InetSocketAddress(scene.topology.serverAddress, 80)); });
        Simulator::Stop(Seconds(40));
        Simulator::Run();
        std::vector<int64_t> gaps; // between SYNs, in whole seconds
        Time last;
        for (const LadderSegment& s : scene.ladder->GetSegments())
        {
            if (s.fromClient && s.flags == "S")
            {
                if (!last.IsZero())
                {
                    gaps.push_back((s.time - last).GetMilliSeconds() / 1000);
                }
                last = s.time;
            }
        }
        std::vector<int64_t> expected = std::string(profile) == "Linux"
                                            ? std::vector<int64_t>{1, 1, 1, 1, 1, 2}
                                            : std::vector<int64_t>{1, 2, 4, 8, 16};
        gaps.resize(std::min(gaps.size(), expected.size()));
        EXPECT_EQ(gaps, expected);
        Simulator::Destroy();
    }
}

namespace
{
/// A client in TIME_WAIT on \p profile: after \p wait, an exact reset when \p reset, then a
/// retransmitted FIN; \return the client's answers ("C>S ...") and its timewait entries
std::pair<std::vector<std::string>, uint32_t>
TimeWaitAnswers(const std::string& profile, Time wait, bool reset)
{
    TcpRstHelper rst;
    rst.SetStackProfile(profile);
    ConnectionHarness h(rst, Ip::V4);
    h.Bring(TcpSocket::TIME_WAIT);
    h.RunFor(wait);
    if (reset)
    {
        h.Inject(TcpHeader::RST, 0);
    }
    h.Inject(TcpHeader::FIN | TcpHeader::ACK, -1);
    std::vector<std::string> answers;
    for (const std::string& line : h.NewSegments())
    {
        if (line.rfind("C>S ", 0) == 0)
        {
            answers.push_back(line.substr(0, line.rfind(' ')));
        }
    }
    uint32_t entries = h.SubjectTcp()->GetTimeWaitCount();
    Simulator::Destroy();
    return {answers, entries};
}
} // namespace

// FreeBSD tcp_twcheck() drops every reset (RFC 1337): the retransmitted FIN after an exact
// reset still finds TIME_WAIT and is re-ACKed; on Linux the reset ended it and the FIN is
// answered by no socket.
TEST_F(StackProfile, FreeBsdKeepsTimeWaitThroughAReset)
{
    EXPECT_EQ(TimeWaitAnswers("FreeBSD", Time(0), true),
              std::make_pair(std::vector<std::string>{"C>S A 102"}, 1u));
    EXPECT_EQ(TimeWaitAnswers("Linux", Time(0), true),
              std::make_pair(std::vector<std::string>{"C>S R 102"}, 0u));
}

// macOS: TIME_WAIT is 2 x 15 s. 40 s after entering it, a retransmitted FIN finds no socket.
// (On Linux it is re-ACKed; the closed server answers that ACK with a reset, which ends
// TIME_WAIT there: tcp_rfc1337 0.)
TEST_F(StackProfile, MacOsTimeWaitEndsAfterThirtySeconds)
{
    EXPECT_EQ(TimeWaitAnswers("macOS", Seconds(40), false).first,
              std::vector<std::string>{"C>S R 102"});
    EXPECT_EQ(TimeWaitAnswers("Linux", Seconds(40), false).first,
              std::vector<std::string>{"C>S A 102"});
}

// A case run under --profile=FreeBSD shows where FreeBSD differs, and why: the client's reset
// to the 4th ACK does not end TIME_WAIT (RFC 1337), only that check fails.
TEST_F(StackProfile, UnderFreeBsdTheTimeWaitSynCaseFailsOnlyOnTheIgnoredReset)
{
    CaseRunOptions options;
    options.profile = "FreeBSD";
    CaseResult result = RunCaseOn("time-wait-syn", options);
    EXPECT_EQ(result.Verdict(), "FAIL");
    std::vector<std::string> failed;
    for (const CaseCheck& c : result.checks)
    {
        if (!c.pass)
        {
            failed.push_back(c.what + " -- " + c.detail);
        }
    }
    ASSERT_FALSE(failed.empty());
    EXPECT_EQ(failed.front(),
              "conn 40072: that reset ends TIME_WAIT (tcp_rfc1337 = 0), unless the client's newer "
              "SYN took it first -- IGNORED_STATE")
        << ::testing::PrintToString(failed);
}

// Windows: data after shutdown(SD_RECEIVE) resets an ESTABLISHED connection.
TEST_F(StackProfile, WindowsResetsDataAfterShutdownReceive)
{
    for (const char* profile : {"Linux", "Windows"})
    {
        SCOPED_TRACE(profile);
        TcpRstHelper rst;
        rst.SetStackProfile(profile);
        ConnectionHarness h(rst, Ip::V4);
        h.Bring(TcpSocket::ESTABLISHED);
        h.Server()->ShutdownRecv();
        h.Client()->Send(Create<Packet>(100), 0);
        h.RunFor(Seconds(1));
        std::vector<std::string> lines = h.NewSegments();
        bool windows = std::string(profile) == "Windows";
        EXPECT_EQ(CountStarting(lines, "S>C R"), windows ? 1u : 0u)
            << ::testing::PrintToString(lines);
        EXPECT_EQ(h.Server()->GetState(), windows ? TcpSocket::CLOSED : TcpSocket::ESTABLISHED);
        Simulator::Destroy();
    }
}

// Ns3: stock ns-3 on every policy, per node (the Linux client keeps Linux's).
TEST_F(StackProfile, Ns3IsStockOnEveryPolicyOfItsNodesOnly)
{
    TcpRstHelper linuxStack;
    TcpRstHelper ns3;
    ns3.UseStockBehaviour();
    EXPECT_EQ(ns3.GetStackProfile(), "Ns3");
    Scene scene(linuxStack, &ns3);
    Ptr<TcpRstSocket> stock = TcpRstHelper::CreateSocket(scene.topology.server);
    Ptr<TcpRstSocket> client = TcpRstHelper::CreateSocket(scene.topology.client);
    for (const TcpRstPolicyInfo& info : TcpRstPolicyTable())
    {
        bool host = info.scope == TcpRstPolicyScope::HOST;
        EXPECT_EQ(host ? scene.topology.ServerTcp()->GetPolicy(info.id) : stock->GetPolicy(info.id),
                  info.stockValue)
            << info.Path();
        EXPECT_EQ(host ? scene.topology.ClientTcp()->GetPolicy(info.id)
                       : client->GetPolicy(info.id),
                  info.linuxValue)
            << info.Path();
    }
    EXPECT_FALSE(scene.topology.ServerTcp()->IsLinuxHost());
    EXPECT_TRUE(scene.topology.ClientTcp()->IsLinuxHost());
}

TEST_F(StackMatrixTest, TheDocShowsTheMatrixTheScenarioProduces)
{
    std::vector<StackMatrixCell> cells = StackMatrix::Run();
    ASSERT_EQ(cells.size(), TcpStackProfiles().size() * StackMatrix::Segments().size());
    std::ostringstream generated;
    StackMatrix::Print(cells, generated, true);
    EXPECT_NE(Doc().find(generated.str()), std::string::npos)
        << "doc/tcp-rst.rst must contain the output of './tcp-rst stack-matrix --rst':\n"
        << generated.str();
    // What each outcome rests on, for Linux and stock ns-3.
    auto cell = [&cells](const std::string& profile, InjectedSegment segment)
    {
        for (const StackMatrixCell& c : cells)
        {
            if (c.profile == profile && c.segment == segment)
            {
                return c;
            }
        }
        return StackMatrixCell{};
    };
    StackMatrixCell challenge = cell("Linux", InjectedSegment::IN_WINDOW_RST);
    EXPECT_EQ(challenge.outcome, InjectionOutcome::CHALLENGE_ACK);
    EXPECT_EQ(challenge.evidence, "sent ACK seq=SND.NXT+0 ack=RCV.NXT+0 len=0");
    EXPECT_EQ(cell("Linux", InjectedSegment::EXACT_RST).outcome, InjectionOutcome::RESET);
    EXPECT_EQ(cell("Linux", InjectedSegment::IN_WINDOW_DATA).evidence,
              "RCV.NXT advanced by 100, sent ACK seq=SND.NXT+0 ack=RCV.NXT+100 len=0");
    EXPECT_EQ(cell("Linux", InjectedSegment::OUT_OF_WINDOW_RST).evidence, "nothing sent");
    EXPECT_EQ(cell("Ns3", InjectedSegment::IN_WINDOW_RST).outcome, InjectionOutcome::RESET);
    EXPECT_EQ(cell("Ns3", InjectedSegment::BAD_ACK_DATA).outcome, InjectionOutcome::DROPPED)
        << "TcpSocketBase ignores the whole segment (no RFC 5961 5.2)";

    std::ostringstream csv;
    StackMatrix::WriteCsv({challenge}, csv);
    EXPECT_EQ(csv.str(),
              "profile,segment,outcome,evidence\n"
              "Linux,in-window RST,challenge ACK,\"sent ACK seq=SND.NXT+0 ack=RCV.NXT+0 len=0\"\n");
}

// FreeBSD's insecure knobs turn the first and third rows into resets.
TEST_F(StackMatrixTest, FreeBsdInsecureKnobsResetOnInWindowRstAndSyn)
{
    Config::SetDefault("ns3::TcpRstSocket::RstValidation", StringValue("Rfc793"));
    Config::SetDefault("ns3::TcpRstSocket::SynValidation", StringValue("Rfc793"));
    StackMatrixCell rst = StackMatrix::Probe("FreeBSD", InjectedSegment::IN_WINDOW_RST);
    EXPECT_EQ(rst.outcome, InjectionOutcome::RESET);
    EXPECT_EQ(rst.evidence, "connection closed, nothing sent");
    StackMatrixCell syn = StackMatrix::Probe("FreeBSD", InjectedSegment::IN_WINDOW_SYN);
    EXPECT_EQ(syn.outcome, InjectionOutcome::RESET);
    EXPECT_EQ(syn.evidence, "sent RST|ACK seq=SND.NXT+0 ack=RCV.NXT+0 len=0");
    EXPECT_THROW(StackMatrix::Probe("Solaris", InjectedSegment::EXACT_RST), std::invalid_argument);
}

} // namespace test
} // namespace ns3
