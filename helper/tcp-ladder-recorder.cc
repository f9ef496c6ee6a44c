/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-ladder-recorder.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/ppp-tcp-frame.h"
#include "ns3/simulator.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-option-winscale.h"
#include "ns3/tcp-rst-reason-tag.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpLadderRecorder");

namespace
{
std::string
FlagLetters(uint8_t flags)
{
    std::string s;
    s += (flags & TcpHeader::SYN) ? "S" : "";
    s += (flags & TcpHeader::FIN) ? "F" : "";
    s += (flags & TcpHeader::RST) ? "R" : "";
    s += (flags & TcpHeader::PSH) ? "P" : "";
    s += (flags & TcpHeader::URG) ? "U" : "";
    s += (flags & TcpHeader::ACK) ? "A" : "";
    return s.empty() ? "." : s;
}

/// TSvals as the Linux ladders show them: relative to the first TSval each side sent on the
/// connection ("-" for an echo of 0, absolute while the base is unknown).
struct TimestampBases
{
    std::optional<uint32_t> own;  //!< the sender's first TSval
    std::optional<uint32_t> peer; //!< the receiver's first TSval
};

std::string
Relative(uint32_t value, std::optional<uint32_t> base)
{
    return base ? std::to_string(static_cast<int32_t>(value - *base)) : std::to_string(value);
}

/// The options in the Linux ladders' order: "mss=1460,sackOK,ws=10 ts=0/-".
std::string
OptionText(const TcpHeader& header, const TimestampBases& bases)
{
    std::vector<std::string> parts;
    if (header.HasOption(TcpOption::MSS))
    {
        auto mss = DynamicCast<const TcpOptionMSS>(header.GetOption(TcpOption::MSS));
        parts.push_back("mss=" + std::to_string(mss->GetMSS()));
    }
    if (header.HasOption(TcpOption::SACKPERMITTED))
    {
        parts.emplace_back("sackOK");
    }
    if (header.HasOption(TcpOption::WINSCALE))
    {
        auto ws = DynamicCast<const TcpOptionWinScale>(header.GetOption(TcpOption::WINSCALE));
        parts.push_back("ws=" + std::to_string(static_cast<int>(ws->GetScale())));
    }
    if (header.HasOption(TcpOption::SACK))
    {
        parts.emplace_back("sack");
    }
    std::string text;
    for (const std::string& part : parts)
    {
        text += (text.empty() ? "" : ",") + part;
    }
    if (header.HasOption(TcpOption::TS))
    {
        auto ts = DynamicCast<const TcpOptionTS>(header.GetOption(TcpOption::TS));
        std::string echo = ts->GetEcho() == 0 ? "-" : Relative(ts->GetEcho(), bases.peer);
        text +=
            (text.empty() ? "ts=" : " ts=") + Relative(ts->GetTimestamp(), bases.own) + "/" + echo;
    }
    return text;
}

std::string
Number(int64_t value, bool absolute)
{
    return absolute ? "abs:" + std::to_string(value) : std::to_string(value);
}
} // namespace

std::string
LadderSegment::Summary() const
{
    std::ostringstream os;
    os << (fromClient ? "C>S " : "S>C ") << flags << ' ' << Number(seq, seqAbsolute) << ' '
       << (ack ? Number(*ack, ackAbsolute) : "-");
    if (length > 0)
    {
        os << " len=" << length;
    }
    if (lost)
    {
        os << " LOST";
    }
    return os.str();
}

TcpLadderRecorder::TcpLadderRecorder(std::string name, const Address& client, const Address& server)
    : m_name(std::move(name))
    , m_client(client)
    , m_server(server)
{
}

void
TcpLadderRecorder::Watch(Ptr<NetDevice> device)
{
    device->TraceConnectWithoutContext("MacTx", MakeCallback(&TcpLadderRecorder::OnTransmit, this));
}

void
TcpLadderRecorder::SetLossOracle(std::function<bool(uint64_t, uint32_t)> isLost)
{
    m_isLost = std::move(isLost);
}

void
TcpLadderRecorder::Note(const std::string& text)
{
    m_notes.push_back({Simulator::Now(), text});
}

void
TcpLadderRecorder::OnTransmit(Ptr<const Packet> packet)
{
    PppTcpFrame frame; // point-to-point devices fire MacTx with their PPP header on
    if (!PppTcpFrame::Parse(packet, &frame))
    {
        return; // not TCP, or a header that cannot be parsed: not in the ladder
    }
    bool known = (frame.source == m_client && frame.destination == m_server) ||
                 (frame.source == m_server && frame.destination == m_client);
    if (!known)
    {
        return;
    }
    Raw raw;
    raw.time = Simulator::Now();
    raw.source = frame.source;
    raw.header = frame.header;
    raw.payloadSize = frame.payloadSize;
    raw.uid = packet->GetUid();
    raw.copy = m_copiesSent[raw.uid]++;
    TcpRstReasonTag tag;
    if (packet->PeekPacketTag(tag))
    {
        raw.tagReason = tag.GetReason();
    }
    NS_LOG_LOGIC("record " << FormatIp(raw.source) << " " << raw.header);
    m_raw.push_back(raw);
}

std::vector<LadderSegment>
TcpLadderRecorder::Resolve(std::vector<NoteLine>* isnNotes) const
{
    struct Isns
    {
        std::optional<SequenceNumber32> client;
        std::optional<SequenceNumber32> server;
        std::optional<uint32_t> clientTs; //!< the client's first TSval
        std::optional<uint32_t> serverTs; //!< the server's first TSval
    };
    std::map<uint16_t, Isns> connections;
    std::vector<LadderSegment> segments;
    for (const Raw& raw : m_raw)
    {
        LadderSegment s;
        const TcpHeader& h = raw.header;
        uint8_t flags = h.GetFlags();
        s.time = raw.time;
        s.fromClient = raw.source == m_client;
        s.clientPort = s.fromClient ? h.GetSourcePort() : h.GetDestinationPort();
        s.flags = FlagLetters(flags);
        s.window = h.GetWindowSize();
        s.length = raw.payloadSize;
        s.header = h;
        s.lost = m_isLost && m_isLost(raw.uid, raw.copy);
        s.injected = raw.tagReason == RstReason::INJECTED;
        if ((flags & TcpHeader::RST) && raw.tagReason)
        {
            s.reason = raw.tagReason;
        }

        Isns& isns = connections[s.clientPort];
        std::optional<uint32_t>& ownTs = s.fromClient ? isns.clientTs : isns.serverTs;
        if (!ownTs && h.HasOption(TcpOption::TS) && !s.injected)
        {
            ownTs = DynamicCast<const TcpOptionTS>(h.GetOption(TcpOption::TS))->GetTimestamp();
        }
        s.options = OptionText(h, {ownTs, s.fromClient ? isns.serverTs : isns.clientTs});
        std::optional<SequenceNumber32>& own = s.fromClient ? isns.client : isns.server;
        std::optional<SequenceNumber32>& peer = s.fromClient ? isns.server : isns.client;
        if (flags & TcpHeader::SYN)
        {
            if (own && *own != h.GetSequenceNumber() && isnNotes)
            {
                std::ostringstream os;
                int32_t shift = static_cast<int32_t>(h.GetSequenceNumber() - *own);
                os << "conn " << s.clientPort << ": " << (s.fromClient ? 'C' : 'S')
                   << " sends SYN with a different ISN (" << (shift >= 0 ? "+" : "") << shift
                   << " from previous base); " << (s.fromClient ? 'C' : 'S')
                   << " seq now relative to it";
                isnNotes->push_back({raw.time, os.str()});
            }
            own = h.GetSequenceNumber();
        }
        // A reset with seq 0 and ACK answers a segment without ACK (tcp_v4_send_reset()): its 0
        // is absolute, not relative to an ISN the sender may have used before.
        bool zeroReset = (flags & TcpHeader::RST) && (flags & TcpHeader::ACK) &&
                         h.GetSequenceNumber().GetValue() == 0;
        s.seqAbsolute = !own || zeroReset;
        s.seq = !s.seqAbsolute ? static_cast<int32_t>(h.GetSequenceNumber() - *own)
                               : static_cast<int64_t>(h.GetSequenceNumber().GetValue());
        if (flags & TcpHeader::ACK)
        {
            s.ackAbsolute = !peer;
            s.ack = peer ? static_cast<int32_t>(h.GetAckNumber() - *peer)
                         : static_cast<int64_t>(h.GetAckNumber().GetValue());
        }
        segments.push_back(s);
    }
    return segments;
}

std::vector<LadderSegment>
TcpLadderRecorder::GetSegments() const
{
    return Resolve(nullptr);
}

void
TcpLadderRecorder::Write(std::ostream& os) const
{
    std::vector<NoteLine> isnNotes;
    std::vector<LadderSegment> segments = Resolve(&isnNotes);
    std::set<uint16_t> ports;
    for (const LadderSegment& s : segments)
    {
        ports.insert(s.clientPort);
    }
    bool connColumn = ports.size() > 1;
    Time t0 = segments.empty() ? Time(0) : segments.front().time;
    auto ms = [t0](Time t)
    {
        char buffer[32];
        // Integer nanoseconds: a note before the first segment is a negative time, which
        // ns-3's int64x64 conversion to double handles with undefined shifts.
        double milliseconds = static_cast<double>((t - t0).GetNanoSeconds()) / 1e6;
        std::snprintf(buffer, sizeof(buffer), "%10.3f", milliseconds);
        return std::string(buffer);
    };

    os << "# ladder " << m_name << " (ns-3 tcp-rst)\n"
       << "# client C=" << FormatIp(m_client) << "  server S=" << FormatIp(m_server) << "\n"
       << "# seq/ack relative to each side's ISN per connection; win = raw field; "
          "LOST = sent but never reached the peer\n";
    os << "     t(ms)  " << (connColumn ? " conn  " : "")
       << "dir  flags       seq       ack    win   len  notes\n";

    std::vector<NoteLine> notes = m_notes;
    std::stable_sort(notes.begin(),
                     notes.end(),
                     [](const NoteLine& a, const NoteLine& b) { return a.time < b.time; });
    std::size_t n = 0;
    std::size_t isn = 0;
    for (const LadderSegment& s : segments)
    {
        while (n < notes.size() && notes[n].time <= s.time)
        {
            os << ms(notes[n].time) << "  # " << notes[n].text << '\n';
            ++n;
        }
        while (isn < isnNotes.size() && isnNotes[isn].time <= s.time)
        {
            os << "            # " << isnNotes[isn].text << '\n';
            ++isn;
        }
        char line[160];
        std::string seq = Number(s.seq, s.seqAbsolute);
        std::string ack = s.ack ? Number(*s.ack, s.ackAbsolute) : "-";
        std::string conn = connColumn ? std::to_string(s.clientPort) + "  " : "";
        std::snprintf(line,
                      sizeof(line),
                      "%s  %s%s  %-5s %9s %9s  %5u %5u",
                      ms(s.time).c_str(),
                      conn.c_str(),
                      s.fromClient ? "C>S" : "S>C",
                      s.flags.c_str(),
                      seq.c_str(),
                      ack.c_str(),
                      s.window,
                      s.length);
        os << line;
        std::string notesText = s.options;
        auto add = [&notesText](const std::string& text)
        { notesText += notesText.empty() ? text : " " + text; };
        if (s.reason)
        {
            add(std::string("reason=") + RstReasonName(*s.reason));
        }
        else if (s.injected)
        {
            add("injected");
        }
        if (s.lost)
        {
            add("LOST");
        }
        os << (notesText.empty() ? "" : "  ") << notesText << '\n';
    }
    for (; n < notes.size(); ++n)
    {
        os << ms(notes[n].time) << "  # " << notes[n].text << '\n';
    }
}

} // namespace ns3
