/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stack-matrix.h"

#include "ns3/case-topology.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/ppp-tcp-frame.h"
#include "ns3/simulator.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-injector.h"
#include "ns3/tcp-stack-profile.h"

#include <algorithm>
#include <iomanip>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StackMatrix");

namespace
{
constexpr uint16_t kServerPort = 80;
constexpr uint16_t kClientPort = 40000;
constexpr uint32_t kDataBytes = 100;
const Time kConnectAt = MilliSeconds(10);
const Time kClientDataAt = MilliSeconds(100); // the connection carries data before the attack
const Time kInjectAt = MilliSeconds(500);     // every delayed ACK has left by then
const Time kWatchFor = MilliSeconds(500);     // ns-3's delayed ACK is 200 ms

/// \return the header of a segment the server sent, as text ("R. seq=S+0 ack=R+0")
std::string
Describe(const TcpHeader& h, SequenceNumber32 sndNxt, SequenceNumber32 rcvNxt, uint32_t length)
{
    std::ostringstream os;
    os << TcpHeader::FlagsToString(h.GetFlags() & ~TcpHeader::PSH, "|") << " seq=SND.NXT"
       << std::showpos << (h.GetSequenceNumber() - sndNxt) << " ack=RCV.NXT"
       << (h.GetAckNumber() - rcvNxt) << std::noshowpos << " len=" << length;
    return os.str();
}
} // namespace

const std::vector<InjectedSegment>&
StackMatrix::Segments()
{
    static const std::vector<InjectedSegment> all{InjectedSegment::IN_WINDOW_RST,
                                                  InjectedSegment::EXACT_RST,
                                                  InjectedSegment::IN_WINDOW_SYN,
                                                  InjectedSegment::IN_WINDOW_DATA,
                                                  InjectedSegment::BAD_ACK_DATA,
                                                  InjectedSegment::OUT_OF_WINDOW_RST};
    return all;
}

std::string
StackMatrix::SegmentName(InjectedSegment segment)
{
    switch (segment)
    {
    case InjectedSegment::IN_WINDOW_RST:
        return "in-window RST";
    case InjectedSegment::EXACT_RST:
        return "exact RST";
    case InjectedSegment::IN_WINDOW_SYN:
        return "in-window SYN";
    case InjectedSegment::IN_WINDOW_DATA:
        return "in-window data";
    case InjectedSegment::BAD_ACK_DATA:
        return "data with a bad ACK";
    case InjectedSegment::OUT_OF_WINDOW_RST:
        return "out-of-window RST";
    }
    return "?";
}

std::string
StackMatrix::OutcomeName(InjectionOutcome outcome)
{
    switch (outcome)
    {
    case InjectionOutcome::RESET:
        return "reset";
    case InjectionOutcome::CHALLENGE_ACK:
        return "challenge ACK";
    case InjectionOutcome::ACCEPTED:
        return "accepted";
    case InjectionOutcome::DROPPED:
        return "dropped";
    }
    return "?";
}

StackMatrixCell
StackMatrix::Probe(const std::string& profile, InjectedSegment segment)
{
    FindStackProfile(profile); // throws for an unknown name, before anything is built
    TcpRstHelper clientStack;
    TcpRstHelper serverStack;
    serverStack.SetStackProfile(profile);
    CaseTopology t =
        CaseTopology::Build(clientStack, "1Gbps", MilliSeconds(1), false, &serverStack);
    TcpRstHelper::AssignStreams(t.nodes, 0);

    Ptr<TcpRstSocket> listener = TcpRstHelper::CreateSocket(t.server);
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kServerPort));
    listener->Listen();
    Ptr<TcpRstSocket> accepted;
    bool ended = false;
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                Callback<void, Ptr<Socket>, const Address&>(
                                    [&accepted, &ended](Ptr<Socket> s, const Address&)
                                    {
                                        accepted = DynamicCast<TcpRstSocket>(s);
                                        Callback<void, Ptr<Socket>> end([&ended](Ptr<Socket>)
                                                                        { ended = true; });
                                        s->SetCloseCallbacks(end, end);
                                    }));
    Ptr<TcpRstSocket> client = TcpRstHelper::CreateSocket(t.client);
    Simulator::Schedule(kConnectAt,
                        [client, &t]()
                        {
                            client->Bind(InetSocketAddress(Ipv4Address::GetAny(), kClientPort));
                            client->Connect(InetSocketAddress(t.serverAddress, kServerPort));
                        });
    Simulator::Schedule(kClientDataAt, [client]() { client->Send(Create<Packet>(1000), 0); });

    StackMatrixCell cell{profile, segment, InjectionOutcome::DROPPED, "nothing sent"};
    SequenceNumber32 rcvNxt;
    SequenceNumber32 sndNxt;
    std::optional<std::string> firstReply;
    bool sentReset = false;
    bool sentPureAck = false;
    t.serverDevice->TraceConnectWithoutContext(
        "MacTx",
        Callback<void, Ptr<const Packet>>(
            [&](Ptr<const Packet> frame)
            {
                PppTcpFrame f;
                if (Simulator::Now() < kInjectAt || !PppTcpFrame::Parse(frame, &f))
                {
                    return;
                }
                uint8_t flags = f.header.GetFlags();
                sentReset |= (flags & TcpHeader::RST) != 0;
                sentPureAck |= flags == TcpHeader::ACK && f.payloadSize == 0 &&
                               f.header.GetAckNumber() == rcvNxt;
                if (!firstReply)
                {
                    firstReply = Describe(f.header, sndNxt, rcvNxt, f.payloadSize);
                }
            }));

    // The client's timestamps, for the data segments.
    uint32_t clientTsValue = 0;
    uint32_t clientTsEcho = 0;
    t.clientDevice->TraceConnectWithoutContext(
        "MacTx",
        Callback<void, Ptr<const Packet>>(
            [&](Ptr<const Packet> frame)
            {
                PppTcpFrame f;
                if (PppTcpFrame::Parse(frame, &f) && f.header.HasOption(TcpOption::TS))
                {
                    auto ts = DynamicCast<const TcpOptionTS>(f.header.GetOption(TcpOption::TS));
                    clientTsValue = ts->GetTimestamp();
                    clientTsEcho = ts->GetEcho();
                }
            }));

    bool established = false;
    Simulator::Schedule(kInjectAt,
                        [&]()
                        {
                            if (!accepted || accepted->GetState() != TcpSocket::ESTABLISHED)
                            {
                                return;
                            }
                            established = true;
                            rcvNxt = accepted->GetRcvNxt();
                            sndNxt = accepted->GetSndNxt();
                            uint32_t window = accepted->GetRcvWnd();
                            TcpSegmentSpec spec;
                            spec.sourcePort = kClientPort;
                            spec.destinationPort = kServerPort;
                            switch (segment)
                            {
                            case InjectedSegment::IN_WINDOW_RST:
                                spec.flags = TcpHeader::RST;
                                spec.seq = rcvNxt + SequenceNumber32(window / 2);
                                break;
                            case InjectedSegment::EXACT_RST:
                                spec.flags = TcpHeader::RST;
                                spec.seq = rcvNxt;
                                break;
                            case InjectedSegment::IN_WINDOW_SYN:
                                spec.flags = TcpHeader::SYN;
                                spec.seq = rcvNxt + SequenceNumber32(window / 2);
                                break;
                            case InjectedSegment::IN_WINDOW_DATA:
                            case InjectedSegment::BAD_ACK_DATA:
                                spec.flags = TcpHeader::ACK | TcpHeader::PSH;
                                spec.seq = rcvNxt;
                                spec.ack = segment == InjectedSegment::IN_WINDOW_DATA
                                               ? sndNxt
                                               : sndNxt - static_cast<int32_t>(1U << 30);
                                spec.payloadSize = kDataBytes;
                                spec.tsValue = clientTsValue;
                                spec.tsEcho = clientTsEcho;
                                break;
                            case InjectedSegment::OUT_OF_WINDOW_RST:
                                spec.flags = TcpHeader::RST;
                                spec.seq = rcvNxt + SequenceNumber32(window + (1U << 20));
                                break;
                            }
                            TcpSegmentInjector::Send(t.client, t.serverAddress, spec);
                        });
    Simulator::Stop(kInjectAt + kWatchFor);
    Simulator::Run();

    if (!established)
    {
        cell.evidence = "no ESTABLISHED connection to inject into";
        cell.outcome = InjectionOutcome::DROPPED;
        Simulator::Destroy();
        throw std::runtime_error("stack-matrix: " + profile + ", " + SegmentName(segment) + ": " +
                                 cell.evidence);
    }
    if (ended || sentReset || accepted->GetState() == TcpSocket::CLOSED)
    {
        cell.outcome = InjectionOutcome::RESET;
        cell.evidence = sentReset ? "sent " + *firstReply : "connection closed, nothing sent";
    }
    else if (accepted->GetRcvNxt() != rcvNxt)
    {
        cell.outcome = InjectionOutcome::ACCEPTED;
        cell.evidence = "RCV.NXT advanced by " + std::to_string(accepted->GetRcvNxt() - rcvNxt) +
                        (firstReply ? ", sent " + *firstReply : "");
    }
    else if (sentPureAck)
    {
        cell.outcome = InjectionOutcome::CHALLENGE_ACK;
        cell.evidence = "sent " + *firstReply;
    }
    else if (firstReply)
    {
        cell.outcome = InjectionOutcome::DROPPED;
        cell.evidence = "sent " + *firstReply;
    }
    NS_LOG_INFO(profile << " " << SegmentName(segment) << ": " << OutcomeName(cell.outcome) << " ("
                        << cell.evidence << ")");
    Simulator::Destroy();
    return cell;
}

std::vector<StackMatrixCell>
StackMatrix::Run(std::vector<std::string> profiles)
{
    if (profiles.empty())
    {
        for (const TcpStackProfile& p : TcpStackProfiles())
        {
            profiles.push_back(p.name);
        }
    }
    std::vector<StackMatrixCell> cells;
    for (const std::string& profile : profiles)
    {
        for (InjectedSegment segment : Segments())
        {
            cells.push_back(Probe(profile, segment));
        }
    }
    return cells;
}

void
StackMatrix::Print(const std::vector<StackMatrixCell>& cells, std::ostream& os, bool rst)
{
    std::vector<std::string> profiles;
    std::map<std::pair<int, std::string>, std::string> outcome;
    for (const StackMatrixCell& c : cells)
    {
        if (std::find(profiles.begin(), profiles.end(), c.profile) == profiles.end())
        {
            profiles.push_back(c.profile);
        }
        outcome[{static_cast<int>(c.segment), c.profile}] = OutcomeName(c.outcome);
    }
    if (rst)
    {
        os << ".. list-table:: Injected segments against ESTABLISHED (generated by "
              "``./tcp-rst stack-matrix --rst``)\n   :header-rows: 1\n\n   * - segment\n";
        for (const std::string& p : profiles)
        {
            os << "     - " << p << '\n';
        }
    }
    else
    {
        os << std::left << std::setw(21) << "segment";
        for (const std::string& p : profiles)
        {
            os << std::setw(15) << p;
        }
        os << '\n';
    }
    for (InjectedSegment s : Segments())
    {
        os << (rst ? "   * - " : "") << std::setw(rst ? 0 : 21) << SegmentName(s)
           << (rst ? "\n" : "");
        for (const std::string& p : profiles)
        {
            auto it = outcome.find({static_cast<int>(s), p});
            std::string text = it == outcome.end() ? "-" : it->second;
            if (rst)
            {
                os << "     - " << text << '\n';
            }
            else
            {
                os << std::setw(15) << text;
            }
        }
        os << (rst ? "" : "\n");
    }
}

void
StackMatrix::WriteCsv(const std::vector<StackMatrixCell>& cells, std::ostream& os)
{
    os << "profile,segment,outcome,evidence\n";
    for (const StackMatrixCell& c : cells)
    {
        os << c.profile << ',' << SegmentName(c.segment) << ',' << OutcomeName(c.outcome) << ",\""
           << c.evidence << "\"\n";
    }
}

} // namespace ns3
