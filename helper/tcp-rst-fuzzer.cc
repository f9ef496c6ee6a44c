/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-rst-fuzzer.h"

#include "connection-state-driver.h"
#include "tcp-rst-helper.h"
#include "tcp-segment-injector.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-l4-protocol.h"

#include <algorithm>
#include <array>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iomanip>
#include <memory>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstFuzzer");

namespace
{
constexpr uint16_t kServerPort = 5000;
constexpr uint16_t kFirstClientPort = 40000;
/// Time after the last segment of a round: far below any retransmission timeout.
const Time kRound = MilliSeconds(2);
/// One subject's slot in a round: its segment (<= 1.5 kB, 12 us at 1 Gb/s, 10 us of link)
/// arrives, and the answer to any answer cannot be back yet (two more link crossings).
const Time kSlot = MicroSeconds(100);
/// When the subject's reaction is judged: after its segment arrived (at most 1.5 kB: 12 us
/// on the wire + 10 us of link), before the peer could have answered what the subject sent in
/// reply (three link crossings of small segments: >= 30.9 us).
const Time kJudgeAfter = MicroSeconds(25);

/// The connection states and the side of each that is fuzzed.
const std::array<std::pair<const char*, TcpSocket::TcpStates_t>, 9> kConnectionStates = {{
    {"SYN_SENT", TcpSocket::SYN_SENT},
    {"SYN_RCVD", TcpSocket::SYN_RCVD},
    {"ESTABLISHED", TcpSocket::ESTABLISHED},
    {"CLOSE_WAIT", TcpSocket::CLOSE_WAIT},
    {"FIN_WAIT_1", TcpSocket::FIN_WAIT_1},
    {"FIN_WAIT_2", TcpSocket::FIN_WAIT_2},
    {"CLOSING", TcpSocket::CLOSING},
    {"LAST_ACK", TcpSocket::LAST_ACK},
    {"TIME_WAIT", TcpSocket::TIME_WAIT},
}};

/// Two hosts on one point-to-point link (no router: a forwarding node's FqCoDel would parse
/// malformed options with ns-3's own parser).
struct Hosts
{
    Ptr<Node> client;               //!< client host
    Ptr<Node> server;               //!< server host
    Ipv4Address clientAddress;      //!< 10.99.0.1
    Ipv4Address serverAddress;      //!< 10.99.0.2
    Ptr<TcpSegmentFilter> toServer; //!< drops on the server's device
    Ptr<TcpSegmentFilter> toClient; //!< drops on the client's device
};

Hosts
BuildHosts(TcpRstHelper& rst)
{
    NodeContainer nodes;
    nodes.Create(2);
    rst.Install(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(MicroSeconds(10)));
    NetDeviceContainer devices = p2p.Install(nodes);
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.99.0.0", "255.255.255.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);
    Hosts h;
    h.client = nodes.Get(0);
    h.server = nodes.Get(1);
    h.clientAddress = interfaces.GetAddress(0);
    h.serverAddress = interfaces.GetAddress(1);
    h.toServer = TcpSegmentFilter::Install(devices.Get(1));
    h.toClient = TcpSegmentFilter::Install(devices.Get(0));
    return h;
}

/// One socket under fuzz and what it was when the last segment was sent to it.
struct Subject
{
    Ptr<TcpRstSocket> socket; //!< null for the port nobody bound
    Ptr<Node> from;           //!< the host segments come from
    Ipv4Address to;           //!< the subject's address
    Ipv4Address peer;         //!< the peer's address
    uint16_t localPort{0};    //!< the subject's port
    uint16_t peerPort{0};     //!< the peer's port
    bool alive{true};         //!< not ended yet
    // Before the last segment:
    TcpSocket::TcpStates_t state{TcpSocket::CLOSED}; //!< state
    SequenceNumber32 rcvNxt;                         //!< RCV.NXT
    SequenceNumber32 sndNxt;                         //!< SND.NXT
    uint32_t rcvWnd{0};                              //!< RCV.WND
    uint8_t flags{0};                                //!< the segment's flags
    SequenceNumber32 seq;                            //!< its sequence number
    SequenceNumber32 ack;                            //!< its acknowledgment number
    uint32_t length{0};                              //!< its SEG.LEN
    std::vector<uint8_t> bytes;                      //!< the segment as sent
};

/// Random segments around a subject's sequence space.
class Generator
{
  public:
    explicit Generator(int64_t stream)
        : m_rng(CreateObject<UniformRandomVariable>())
    {
        m_rng->SetStream(stream);
    }

    uint32_t
    Int(uint32_t maxInclusive)
    {
        return m_rng->GetInteger(0, maxInclusive);
    }

    /// Fill in the segment fields of \p s (flags, seq, ack, length) and return its bytes.
    std::vector<uint8_t>
    Segment(Subject& s)
    {
        s.flags = static_cast<uint8_t>(Int(255));
        s.seq = s.rcvNxt + SequenceNumber32(Around(s.rcvWnd));
        s.ack = s.sndNxt + SequenceNumber32(Around(65535));
        std::vector<uint8_t> options = Options();
        uint32_t payload = Int(9) < 6 ? 0 : (Int(9) < 8 ? 1 + Int(99) : 100 + Int(1300));
        std::vector<uint8_t> b(20 + options.size() + payload, 0);
        uint16_t sourcePort = s.peerPort != 0 ? s.peerPort : kFirstClientPort + Int(1000);
        Put16(b, 0, sourcePort);
        Put16(b, 2, s.localPort);
        Put32(b, 4, s.seq.GetValue());
        Put32(b, 8, s.ack.GetValue());
        uint32_t dataOffset = (20 + options.size()) / 4;
        if (Int(99) < 3)
        {
            dataOffset = Int(15); // often a header that cannot be parsed
        }
        b[12] = static_cast<uint8_t>(dataOffset << 4);
        b[13] = s.flags;
        Put16(b, 14, Int(3) == 0 ? 0 : Int(65535));
        std::copy(options.begin(), options.end(), b.begin() + 20);
        // A random data offset moves the header/payload boundary the receiver sees.
        uint32_t header = dataOffset * 4;
        uint32_t received = header >= 20 && header <= b.size() ? b.size() - header : payload;
        s.length =
            received + ((s.flags & TcpHeader::SYN) ? 1 : 0) + ((s.flags & TcpHeader::FIN) ? 1 : 0);
        return b;
    }

  private:
    /// An offset around a window: its edges, just inside and outside them, or anywhere.
    int64_t
    Around(uint32_t window)
    {
        switch (Int(7))
        {
        case 0:
        case 1:
            return 0;
        case 2:
            return -1;
        case 3:
            return 1;
        case 4:
            return window == 0 ? 0 : Int(window - 1);
        case 5:
            return static_cast<int64_t>(window) - 1 + Int(2);
        case 6:
            return -static_cast<int64_t>(Int(65535));
        default:
            return Int(0xffffffff);
        }
    }

    /// No options, valid ones, or random bytes; padded to whole words.
    std::vector<uint8_t>
    Options()
    {
        std::vector<uint8_t> o;
        switch (Int(3))
        {
        case 0:
        case 1:
            break;
        case 2:
            o = {2, 4, 5, 0xb4, 1, 3, 3, 7, 4, 2, 8, 10};
            o.resize(o.size() + 8, 0);
            break;
        default:
            o.resize(1 + Int(39));
            for (uint8_t& byte : o)
            {
                byte = static_cast<uint8_t>(Int(9) < 6 ? Int(9) : Int(255));
            }
        }
        while (o.size() % 4 != 0)
        {
            o.push_back(0);
        }
        return o;
    }

    static void
    Put16(std::vector<uint8_t>& b, std::size_t at, uint32_t v)
    {
        b[at] = (v >> 8) & 0xff;
        b[at + 1] = v & 0xff;
    }

    static void
    Put32(std::vector<uint8_t>& b, std::size_t at, uint32_t v)
    {
        Put16(b, at, v >> 16);
        Put16(b, at + 2, v & 0xffff);
    }

    Ptr<UniformRandomVariable> m_rng; //!< the stream
};

// Linux tcp_in_window().
bool
InWindow(SequenceNumber32 seq, SequenceNumber32 end, SequenceNumber32 start, SequenceNumber32 stop)
{
    return seq == start || (end > start && seq < stop) || (seq == stop && seq == end);
}

bool
PeerFinReceived(TcpSocket::TcpStates_t state)
{
    return state == TcpSocket::CLOSE_WAIT || state == TcpSocket::LAST_ACK ||
           state == TcpSocket::CLOSING;
}

bool
ExactRst(const Subject& s)
{
    if (!(s.flags & TcpHeader::RST))
    {
        return false;
    }
    if (s.state == TcpSocket::SYN_SENT)
    {
        return (s.flags & TcpHeader::ACK) && s.ack == s.sndNxt;
    }
    return s.seq == s.rcvNxt ||
           (PeerFinReceived(s.state) && s.seq + SequenceNumber32(1) == s.rcvNxt);
}

// The connection's state: under the Linux TimeWait policy a CLOSED socket whose 4-tuple has
// a timewait entry of its node is in TIME_WAIT (or an orphan's FIN_WAIT_2), as in Linux.
TcpSocket::TcpStates_t
StateOf(const Subject& s)
{
    TcpSocket::TcpStates_t state = s.socket->GetState();
    if (state != TcpSocket::CLOSED)
    {
        return state;
    }
    const TcpTimeWaitState* tw = TcpRstHelper::GetTcp(s.socket->GetNode())
                                     ->FindTimeWait(InetSocketAddress(s.to, s.localPort),
                                                    InetSocketAddress(s.peer, s.peerPort));
    if (!tw)
    {
        return state;
    }
    return tw->substate == TcpTimeWaitState::TIME_WAIT ? TcpSocket::TIME_WAIT
                                                       : TcpSocket::FIN_WAIT_2;
}

// Would Linux have ended this connection on this segment? (doc: "Every flag combination")
bool
LinuxEndsIt(const Subject& s)
{
    bool rst = s.flags & TcpHeader::RST;
    bool syn = s.flags & TcpHeader::SYN;
    bool ack = s.flags & TcpHeader::ACK;
    switch (s.state)
    {
    case TcpSocket::SYN_RCVD:
        if (ack && s.ack != s.sndNxt)
        {
            return false; // answered by the listener, request kept
        }
        if ((s.flags & 0x3f) == TcpHeader::SYN && s.seq + SequenceNumber32(1) == s.rcvNxt)
        {
            return false; // its own SYN again
        }
        return (rst || syn) && InWindow(s.seq,
                                        s.seq + SequenceNumber32(s.length),
                                        s.rcvNxt,
                                        s.rcvNxt + SequenceNumber32(s.rcvWnd));
    case TcpSocket::LAST_ACK:
    {
        // the ACK of our FIN, in the window (tcp_sequence(); RCV.WUP = RCV.NXT here)
        bool acceptable = s.seq + SequenceNumber32(s.length) >= s.rcvNxt &&
                          s.seq <= s.rcvNxt + SequenceNumber32(s.rcvWnd);
        return ExactRst(s) || (!rst && !syn && ack && s.ack == s.sndNxt && acceptable);
    }
    case TcpSocket::LISTEN:
        return false;
    case TcpSocket::TIME_WAIT:
        // tcp_timewait_state_process(): a reset at RCV.NXT, or a new SYN that reopens it
        return (rst && s.seq == s.rcvNxt) || (syn && !rst && !ack && s.seq > s.rcvNxt);
    default:
        return ExactRst(s);
    }
}

std::vector<Subject>
MakeSubjects(const std::string& situation,
             const Hosts& h,
             uint32_t count,
             bool* connections,
             std::unique_ptr<ConnectionStateDriver>* driverOut)
{
    std::vector<Subject> subjects;
    *connections = false;
    for (const auto& [name, state] : kConnectionStates)
    {
        if (situation != name)
        {
            continue;
        }
        // The driver's callbacks point into it: the caller keeps it until Simulator::Destroy.
        *driverOut = std::make_unique<ConnectionStateDriver>(
            h.client, h.server, h.serverAddress, kServerPort, h.toServer, h.toClient);
        ConnectionStateDriver* driver = driverOut->get();
        driver->Create(count, kFirstClientPort);
        driver->Bring(state);
        for (const ConnectionStateDriver::Connection& c : driver->GetConnections())
        {
            Subject s;
            s.socket = ConnectionStateDriver::Subject(c);
            bool client = c.subjectIsClient;
            s.from = client ? h.server : h.client;
            s.to = client ? h.clientAddress : h.serverAddress;
            s.peer = client ? h.serverAddress : h.clientAddress;
            s.localPort = client ? c.clientPort : kServerPort;
            s.peerPort = client ? kServerPort : c.clientPort;
            subjects.push_back(s);
        }
        *connections = true;
        return subjects;
    }
    Subject s;
    s.from = h.client;
    s.to = h.serverAddress;
    s.localPort = kServerPort;
    if (situation != "UNBOUND")
    {
        s.socket = TcpRstHelper::CreateSocket(h.server);
        s.socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), kServerPort));
        if (situation == "LISTEN")
        {
            s.socket->Listen();
        }
    }
    subjects.push_back(s);
    return subjects;
}
std::string
HeaderHex(const std::vector<uint8_t>& bytes)
{
    std::ostringstream os;
    std::size_t header = bytes.size() > 12
                             ? std::min<std::size_t>((bytes[12] >> 4) * 4, bytes.size())
                             : bytes.size();
    for (std::size_t i = 0; i < header; ++i)
    {
        os << std::hex << std::setw(2) << std::setfill('0') << int(bytes[i]);
    }
    return os.str();
}

// Did the segment just sent end the subject's connection (or move the listener)? Count it.
void
Judge(Subject& s, bool connections, const std::string& situation, FuzzReport& report)
{
    TcpSocket::TcpStates_t now = StateOf(s);
    bool ended =
        connections ? (now == TcpSocket::CLOSED && s.state != TcpSocket::CLOSED) : now != s.state;
    if (!ended)
    {
        return;
    }
    s.alive = false;
    if (!(s.flags & TcpHeader::RST))
    {
        ++report.killsNonRst;
        NS_LOG_LOGIC(situation << ": " << TcpSocket::TcpStateName[s.state]
                               << " ended by a segment without RST, flags " << int(s.flags));
    }
    else if (ExactRst(s))
    {
        ++report.killsExactRst;
    }
    else
    {
        ++report.killsInexactRst;
    }
    if (!LinuxEndsIt(s))
    {
        ++report.notAsLinux;
        NS_LOG_INFO(situation << ": " << TcpSocket::TcpStateName[s.state] << " ended by flags "
                              << int(s.flags) << " seq " << (s.seq - s.rcvNxt)
                              << " from RCV.NXT, ack " << (s.ack - s.sndNxt)
                              << " from SND.NXT, SEG.LEN " << s.length << ", RCV.WND " << s.rcvWnd
                              << ", header " << HeaderHex(s.bytes));
    }
}
} // namespace

std::vector<std::string>
TcpRstFuzzer::Situations()
{
    std::vector<std::string> names = {"LISTEN"};
    for (const auto& entry : kConnectionStates)
    {
        names.emplace_back(entry.first);
    }
    names.emplace_back("BOUND");
    names.emplace_back("UNBOUND");
    return names;
}

FuzzReport
TcpRstFuzzer::RunSituation(const std::string& situation,
                           uint64_t segments,
                           const FuzzOptions& options)
{
    FuzzReport report;
    report.situation = situation;
    std::vector<std::string> names = Situations();
    int64_t index = std::find(names.begin(), names.end(), situation) - names.begin();
    RngSeedManager::SetSeed(options.seed);
    for (uint32_t batch = 0; report.sent < segments; ++batch)
    {
        RngSeedManager::SetRun(static_cast<uint64_t>(index) * 1000000 + batch + 1);
        TcpRstHelper rst;
        if (options.stock)
        {
            rst.UseStockBehaviour();
        }
        Hosts h = BuildHosts(rst);
        bool connections = false;
        std::unique_ptr<ConnectionStateDriver> driver;
        std::vector<Subject> subjects =
            MakeSubjects(situation, h, options.connections, &connections, &driver);
        Generator generator(index);
        for (uint32_t round = 0; round < options.rounds && report.sent < segments; ++round)
        {
            // One segment per live subject, each in its own slot, judged by what it did
            // directly: after it arrived, before any answer of the peer could (the peer's own
            // reaction, e.g. to a simultaneous open, is Linux's too and is not counted).
            Time slot = MicroSeconds(0);
            for (Subject& s : subjects)
            {
                if (!s.alive || report.sent >= segments)
                {
                    continue;
                }
                ++report.sent;
                Subject* subject = &s;
                Simulator::Schedule(
                    slot,
                    [subject, &generator, &report, connections, situation]()
                    {
                        Subject& s = *subject;
                        if (s.socket)
                        {
                            s.state = StateOf(s);
                            s.rcvNxt = s.socket->GetRcvNxt();
                            s.sndNxt = s.socket->GetSndNxt();
                            s.rcvWnd = s.state == TcpSocket::LISTEN || s.state == TcpSocket::CLOSED
                                           ? 65535
                                           : s.socket->GetRcvWnd();
                        }
                        s.bytes = generator.Segment(s);
                        TcpSegmentInjector::SendRaw(s.from, s.to, s.bytes);
                        if (!s.socket)
                        {
                            return;
                        }
                        Simulator::Schedule(kJudgeAfter,
                                            [subject, &report, connections, situation]()
                                            { Judge(*subject, connections, situation, report); });
                    });
                slot += kSlot;
            }
            if (slot.IsZero())
            {
                break;
            }
            ConnectionStateDriver::RunFor(slot + kRound);
        }
        report.resetsSent += TcpRstHelper::GetTcp(h.server)->GetCounters().Get(TcpStat::OutRsts) +
                             TcpRstHelper::GetTcp(h.client)->GetCounters().Get(TcpStat::OutRsts);
        Simulator::Destroy();
    }
    return report;
}

std::vector<FuzzReport>
TcpRstFuzzer::Run(const FuzzOptions& options)
{
    std::vector<std::string> situations =
        options.situations.empty() ? Situations() : options.situations;
    std::vector<FuzzReport> reports;
    for (std::size_t i = 0; i < situations.size(); ++i)
    {
        uint64_t share =
            options.count / situations.size() + (i < options.count % situations.size() ? 1 : 0);
        int fds[2];
        if (pipe(fds) != 0)
        {
            throw std::runtime_error("fuzz: pipe() failed");
        }
        std::fflush(nullptr);
        pid_t child = fork();
        if (child == 0)
        {
            close(fds[0]);
            if (options.timeLimitSeconds != 0)
            {
                alarm(options.timeLimitSeconds);
            }
            FuzzReport r = RunSituation(situations[i], share, options);
            std::string line = std::to_string(r.sent) + ' ' + std::to_string(r.killsExactRst) +
                               ' ' + std::to_string(r.killsInexactRst) + ' ' +
                               std::to_string(r.killsNonRst) + ' ' + std::to_string(r.notAsLinux) +
                               ' ' + std::to_string(r.resetsSent) + '\n';
            ssize_t written = write(fds[1], line.data(), line.size());
            _exit(written == static_cast<ssize_t>(line.size()) ? 0 : 3);
        }
        close(fds[1]);
        std::string text;
        char buffer[256];
        ssize_t n;
        while ((n = read(fds[0], buffer, sizeof(buffer))) > 0)
        {
            text.append(buffer, n);
        }
        close(fds[0]);
        int status = 0;
        waitpid(child, &status, 0);
        FuzzReport r;
        r.situation = situations[i];
        std::istringstream in(text);
        in >> r.sent >> r.killsExactRst >> r.killsInexactRst >> r.killsNonRst >> r.notAsLinux >>
            r.resetsSent;
        if (WIFSIGNALED(status))
        {
            int sig = WTERMSIG(status);
            r.failure =
                sig == SIGALRM ? "hang (time limit)" : std::string("crash: ") + strsignal(sig);
        }
        else if (WEXITSTATUS(status) != 0)
        {
            r.failure = "exit " + std::to_string(WEXITSTATUS(status));
        }
        reports.push_back(r);
    }
    return reports;
}

void
TcpRstFuzzer::Print(const std::vector<FuzzReport>& reports, std::ostream& os)
{
    os << std::left << std::setw(12) << "situation" << std::right << std::setw(10) << "segments"
       << std::setw(11) << "exact RST" << std::setw(13) << "inexact RST" << std::setw(9)
       << "non-RST" << std::setw(14) << "not as Linux" << std::setw(12) << "resets sent"
       << "  failure\n";
    FuzzReport total;
    for (const FuzzReport& r : reports)
    {
        os << std::left << std::setw(12) << r.situation << std::right << std::setw(10) << r.sent
           << std::setw(11) << r.killsExactRst << std::setw(13) << r.killsInexactRst << std::setw(9)
           << r.killsNonRst << std::setw(14) << r.notAsLinux << std::setw(12) << r.resetsSent
           << "  " << (r.failure.empty() ? "-" : r.failure) << '\n';
        total.sent += r.sent;
        total.killsExactRst += r.killsExactRst;
        total.killsInexactRst += r.killsInexactRst;
        total.killsNonRst += r.killsNonRst;
        total.notAsLinux += r.notAsLinux;
        total.resetsSent += r.resetsSent;
    }
    os << std::left << std::setw(12) << "total" << std::right << std::setw(10) << total.sent
       << std::setw(11) << total.killsExactRst << std::setw(13) << total.killsInexactRst
       << std::setw(9) << total.killsNonRst << std::setw(14) << total.notAsLinux << std::setw(12)
       << total.resetsSent << '\n';
}

} // namespace ns3
