/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stack-matrix.h"

#include "ns3/case-topology.h"
#include "ns3/connection-state-driver.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/profiled-server-topology.h"
#include "ns3/simulator.h"
#include "ns3/tcp-ladder-recorder.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-filter.h"
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
const Time kQuiet = Seconds(1);           // ns-3's delayed ACK is 200 ms, Linux's 40 ms
const Time kWatchFor = MilliSeconds(500); // the server's answer, and a delayed ACK of it

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

/// The segment to inject into \p server's connection, from its numbers now; data segments
/// carry \p ts, the client's last timestamps.
TcpSegmentSpec
Injection(InjectedSegment segment,
          Ptr<TcpRstSocket> server,
          uint16_t clientPort,
          const TcpOptionTS* ts)
{
    SequenceNumber32 rcvNxt = server->GetRcvNxt();
    uint32_t window = server->GetRcvWnd();
    TcpSegmentSpec spec;
    spec.sourcePort = clientPort;
    spec.destinationPort = kServerPort;
    spec.flags = TcpHeader::RST;
    switch (segment)
    {
    case InjectedSegment::IN_WINDOW_RST:
        spec.seq = rcvNxt + SequenceNumber32(window / 2);
        break;
    case InjectedSegment::EXACT_RST:
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
                       ? server->GetSndNxt()
                       : server->GetSndNxt() - static_cast<int32_t>(1U << 30);
        spec.payloadSize = kDataBytes;
        if (ts != nullptr)
        {
            spec.tsValue = ts->GetTimestamp();
            spec.tsEcho = ts->GetEcho();
        }
        break;
    case InjectedSegment::OUT_OF_WINDOW_RST:
        spec.seq = rcvNxt + SequenceNumber32(window + (1U << 20));
        break;
    }
    return spec;
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
    ProfiledServerTopology pair(profile);
    const CaseTopology& t = pair.topology;
    TcpLadderRecorder ladder("stack-matrix", t.clientAddress, t.serverAddress);
    ladder.Watch(t.clientDevice);
    ladder.Watch(t.serverDevice);
    std::unique_ptr<ConnectionStateDriver> driver =
        pair.Establish(kServerPort, 1, kClientPort, kQuiet);
    const ConnectionStateDriver::Connection& c = driver->GetConnections().front();
    Ptr<TcpRstSocket> server = c.server;

    // The client's last timestamps, for the data segments.
    std::vector<LadderSegment> before = ladder.GetSegments();
    Ptr<const TcpOptionTS> ts;
    for (const LadderSegment& s : before)
    {
        if (s.fromClient && s.header.HasOption(TcpOption::TS))
        {
            ts = DynamicCast<const TcpOptionTS>(s.header.GetOption(TcpOption::TS));
        }
    }
    SequenceNumber32 rcvNxt = server->GetRcvNxt();
    SequenceNumber32 sndNxt = server->GetSndNxt();
    TcpSegmentInjector::Send(
        t.client, t.serverAddress, Injection(segment, server, kClientPort, PeekPointer(ts)));
    ConnectionStateDriver::RunFor(kWatchFor);

    // What the server sent after it.
    std::optional<std::string> firstReply;
    bool sentReset = false;
    bool sentPureAck = false;
    std::vector<LadderSegment> all = ladder.GetSegments();
    for (std::size_t i = before.size(); i < all.size(); ++i)
    {
        const LadderSegment& s = all[i];
        if (s.fromClient)
        {
            continue;
        }
        uint8_t flags = s.header.GetFlags();
        sentReset |= (flags & TcpHeader::RST) != 0;
        sentPureAck |=
            flags == TcpHeader::ACK && s.length == 0 && s.header.GetAckNumber() == rcvNxt;
        if (!firstReply)
        {
            firstReply = Describe(s.header, sndNxt, rcvNxt, s.length);
        }
    }
    StackMatrixCell cell{profile, segment, InjectionOutcome::DROPPED, "nothing sent"};
    if (c.serverApp.errorClose || c.serverApp.normalClose || sentReset ||
        server->GetState() == TcpSocket::CLOSED)
    {
        cell.outcome = InjectionOutcome::RESET;
        cell.evidence = sentReset ? "sent " + *firstReply : "connection closed, nothing sent";
    }
    else if (server->GetRcvNxt() != rcvNxt)
    {
        cell.outcome = InjectionOutcome::ACCEPTED;
        cell.evidence = "RCV.NXT advanced by " + std::to_string(server->GetRcvNxt() - rcvNxt) +
                        (firstReply ? ", sent " + *firstReply : "");
    }
    else if (sentPureAck)
    {
        cell.outcome = InjectionOutcome::CHALLENGE_ACK;
        cell.evidence = "sent " + *firstReply;
    }
    else if (firstReply)
    {
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
