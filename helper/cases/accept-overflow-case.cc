/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/integer.h"
#include "ns3/node-container.h"
#include "ns3/packet.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/rst-case.h"
#include "ns3/simulator.h"
#include "ns3/tcp-accept-server-helper.h"
#include "ns3/tcp-accept-server.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <array>
#include <iomanip>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 8: the SYN queue and the accept queue overflow, with both settings of
 * tcp_abort_on_overflow in one run (phase A: 0, phase B: 1).
 *
 * Each phase replays Linux captures 08a/08b on a listener with backlog 1 that never accepts
 * (tcp_synack_retries 2): conn1 fills the accept queue, conn2's handshake ACK is lost, conn3
 * (a SYN cookie: conn2's request fills the SYN queue) completes and overflows the queue, conn2's
 * data then meets the full queue: dropped and the SYN-ACK retransmitted until the request
 * expires and the listener resets conn2 (A), or reset at once (B); conn4's SYNs are dropped
 * until it times out. Meanwhile a burst of clients connects at once to a TcpAcceptServer with a
 * small backlog that accepts slowly; the report lists each client's outcome.
 */
class AcceptOverflowCase : public RstCase
{
  public:
    AcceptOverflowCase();
    void AddOptions(CaseOptions& options) override;
    /// Inside another topology the star of client hosts cannot be built: the burst comes
    /// from the placed client alone.
    std::vector<std::string>
    PlacementArguments() const override
    {
        return {"--hosts=0"};
    }
    void Validate() const override;
    Time GetDuration(const CaseContext& ctx) const override;
    void Schedule(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

  private:
    /// What became of a client, as its application saw it.
    enum class Outcome
    {
        CONNECTED,      //!< connected at the first try, no error
        CONNECTED_LATE, //!< connected, but its SYN or first data had to be sent again
        RESET,          //!< ECONNRESET / ECONNREFUSED
        TIMED_OUT,      //!< connect() timed out (the application's timeout or ETIMEDOUT)
    };
    static const char* OutcomeName(Outcome outcome);

    /// One client connection.
    struct Client
    {
        std::size_t phase{0};                //!< 0: AbortOnOverflow false, 1: true
        uint16_t port{0};                    //!< its port
        std::string label;                   //!< "conn1".."conn4" or "burst"
        Ptr<TcpRstSocket> socket;            //!< the socket
        Time connectedAt{Time::Max()};       //!< connect() returned
        Time firstDataAt{Time::Max()};       //!< its first send()
        Time acceptedAt{Time::Max()};        //!< the server application accepted it
        bool gaveUp{false};                  //!< the application's connect timeout closed it
        uint32_t host{0};                    //!< 0: the client host, i: star host i
        uint32_t synsSent{0};                //!< SYNs it sent (Tx trace)
        uint32_t firstDataSent{0};           //!< copies of its first data segment it sent
        std::optional<SequenceNumber32> isn; //!< its ISN
        TcpRstSocket::SocketError error{TcpRstSocket::NO_ERROR}; //!< SO_ERROR at the end
    };

    /// One phase: a setting of AbortOnOverflow.
    struct Phase
    {
        bool abortOnOverflow{false};      //!< tcp_abort_on_overflow
        Time start;                       //!< when it starts
        uint16_t scriptPort{0};           //!< the capture replay's listener
        uint16_t burstPort{0};            //!< the burst's TcpAcceptServer
        Ptr<TcpAcceptServer> server;      //!< the burst's server
        uint32_t maxQueued{0};            //!< most connections its accept queue held
        std::array<uint16_t, 4> script{}; //!< ports of conn1..conn4
    };

    Time PhaseLength(const CaseContext& ctx) const;
    Time RequestLifetime() const;
    Client& AddClient(std::size_t phase, uint16_t port, const std::string& label);
    void Connect(CaseContext& ctx, Client& client, std::function<void()> onConnected);
    void SchedulePhase(CaseContext& ctx, std::size_t index);
    void Conn3Connected(CaseContext& ctx, std::size_t index);
    static void Send(const CaseContext& ctx, Client& client, uint32_t bytes);
    static Outcome OutcomeOf(const Client& client);
    void JudgePhase(const CaseContext& ctx,
                    std::size_t index,
                    const TcpRstCounters& counters,
                    CaseResult& result) const;
    std::string Report(const CaseResult& result,
                       const std::array<TcpRstCounters, 2>& counters) const;
    static std::string LadderOf(const CaseResult& result, uint16_t port);

    uint32_t m_backlog{4};              //!< the burst server's backlog
    uint32_t m_clients{24};             //!< clients in each burst
    double m_acceptRate{4};             //!< the burst server's accept() calls per second
    bool m_read{true};                  //!< the burst server reads
    uint32_t m_hosts{4};                //!< more client hosts on the router (a star), for the burst
    NodeContainer m_starHosts;          //!< those hosts
    uint32_t m_bytes{1000};             //!< what each burst client sends once connected
    uint32_t m_synAckRetries{2};        //!< tcp_synack_retries on the server (as captured)
    Time m_connectTimeout{Seconds(10)}; //!< the clients give up connect() (as captured)
    std::array<Phase, 2> m_phases;      //!< A and B
    std::map<uint16_t, Client> m_byPort; //!< every client, by port
    TcpRstCounters m_countersAtB;        //!< the server's counters when phase B began
};

namespace
{
// The capture's script, from conn1's SYN (08a/08b).
const Time kConn2Connect = MicroSeconds(312792);
const Time kConn3Connect = MicroSeconds(516887);
const Time kConn2Send = MicroSeconds(813388);
const Time kConn4Connect = MicroSeconds(1333864);
const Time kConn1Close = MicroSeconds(16000615);
const Time kBurstAt = Seconds(2);
} // namespace

AcceptOverflowCase::AcceptOverflowCase()
    : RstCase("accept-overflow",
              "seed case 8: SYN queue and accept queue overflow, tcp_abort_on_overflow 0 and 1",
              "A: S>C R seq=SEG.ACK after the request expired; B: at once (ABORT_ON_OVERFLOW)")
{
}

void
AcceptOverflowCase::AddOptions(CaseOptions& options)
{
    options.Add("backlog", "the burst server's listen() backlog, [0, 1024]", m_backlog);
    options.Add(
        "clients", "clients connecting at once in each burst (0: none), [0, 2000]", m_clients);
    options.Add(
        "acceptRate", "the burst server's accept() calls per second, (0, 10000]", m_acceptRate);
    options.Add("read", "the burst server reads its connections", m_read);
    options.Add("hosts",
                "client hosts besides the first one, each on its own link to the router (a "
                "star), that share the burst's clients, [0, 200]",
                m_hosts);
    options.Add("bytes", "what each burst client sends once connected, [1, 65536]", m_bytes);
    options.Add("synAckRetries", "tcp_synack_retries on the server, [1, 6]", m_synAckRetries);
    options.AddTime("connectTimeout",
                    "a client's application gives up connect() after this (close()), [1s, 600s]",
                    m_connectTimeout);
}

void
AcceptOverflowCase::Validate() const
{
    RequireInRange("backlog", m_backlog, 0U, 1024U);
    RequireInRange("clients", m_clients, 0U, 2000U);
    if (!(m_acceptRate > 0 && m_acceptRate <= 10000))
    {
        throw std::invalid_argument("--acceptRate=" + std::to_string(m_acceptRate) +
                                    " is out of range (0, 10000] (accept() calls per second)");
    }
    RequireInRange("hosts", m_hosts, 0U, 200U);
    RequireInRange("bytes", m_bytes, 1U, 65536U);
    RequireInRange("synAckRetries", m_synAckRetries, 1U, 6U);
    RequireInRange("connectTimeout", m_connectTimeout, Seconds(1), Seconds(600));
}

const char*
AcceptOverflowCase::OutcomeName(Outcome outcome)
{
    switch (outcome)
    {
    case Outcome::CONNECTED:
        return "connected";
    case Outcome::CONNECTED_LATE:
        return "connected late";
    case Outcome::RESET:
        return "reset";
    case Outcome::TIMED_OUT:
        return "timed out";
    }
    return "?";
}

Time
AcceptOverflowCase::RequestLifetime() const
{
    return Seconds((2 << m_synAckRetries) - 1); // 1 s doubling: 7 s for 2 retries
}

// conn4's SYNs time out after ~13 s (tcp_syn_retries 6, 4 linear); the burst drains at the
// accept rate; every timer stretches with the round trip.
Time
AcceptOverflowCase::PhaseLength(const CaseContext& ctx) const
{
    Time drain = Seconds(m_clients / m_acceptRate);
    return Max(Seconds(30), kBurstAt + drain + RequestLifetime() * 2) +
           ctx.topology.RoundTrip() * 60 + ctx.LinkAllowance();
}

Time
AcceptOverflowCase::GetDuration(const CaseContext& ctx) const
{
    return Seconds(1) + PhaseLength(ctx) * 2;
}

AcceptOverflowCase::Client&
AcceptOverflowCase::AddClient(std::size_t phase, uint16_t port, const std::string& label)
{
    Client& c = m_byPort[port];
    c.phase = phase;
    c.port = port;
    c.label = label;
    return c;
}

void
AcceptOverflowCase::Connect(CaseContext& ctx, Client& client, std::function<void()> onConnected)
{
    const CaseContext* c = &ctx;
    const Phase& phase = m_phases[client.phase];
    Ptr<Node> host = client.host == 0 ? ctx.topology.client : m_starHosts.Get(client.host - 1);
    client.socket = TcpRstHelper::CreateSocket(host);
    Client* self = &client;
    // What the client itself sent, wherever it sits (the ladder sees only the first host).
    client.socket->TraceConnectWithoutContext(
        "Tx",
        Callback<void, Ptr<const Packet>, const TcpHeader&, Ptr<const TcpSocketBase>>(
            [self](Ptr<const Packet> p, const TcpHeader& h, Ptr<const TcpSocketBase>)
            {
                if ((h.GetFlags() & TcpHeader::SYN) && !(h.GetFlags() & TcpHeader::ACK))
                {
                    ++self->synsSent;
                    self->isn = h.GetSequenceNumber();
                }
                else if (p->GetSize() > 0 && self->isn &&
                         h.GetSequenceNumber() == *self->isn + SequenceNumber32(1))
                {
                    ++self->firstDataSent;
                }
            }));
    client.socket->SetConnectCallback(
        Callback<void, Ptr<Socket>>(
            [self, c, onConnected](Ptr<Socket>)
            {
                self->connectedAt = Simulator::Now();
                if (self->label != "burst")
                {
                    c->Note(self->label, "connect -> ok");
                }
                onConnected();
            }),
        Callback<void, Ptr<Socket>>([self](Ptr<Socket>) { self->connectedAt = Time::Max(); }));
    auto ended = [self, c](Ptr<Socket>)
    {
        self->error = self->socket->GetSocketError();
        if (self->label != "burst")
        {
            c->Note(self->label,
                    std::string("SO_ERROR -> ") + TcpRstSocket::SocketErrorName(self->error));
        }
    };
    client.socket->SetCloseCallbacks(Callback<void, Ptr<Socket>>(ended),
                                     Callback<void, Ptr<Socket>>(ended));
    uint16_t serverPort = client.label == "burst" ? phase.burstPort : phase.scriptPort;
    client.socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), client.port));
    client.socket->Connect(InetSocketAddress(ctx.topology.serverAddress, serverPort));
    if (client.label != "burst")
    {
        ctx.Note(client.label,
                 "connect(" + std::to_string(serverPort) + ") from port " +
                     std::to_string(client.port));
    }
    // As the captures' clients (Python, socket timeout 10 s): connect() gives up, close().
    Simulator::Schedule(m_connectTimeout,
                        [self, c]()
                        {
                            if (self->connectedAt == Time::Max() &&
                                self->socket->GetState() == TcpSocket::SYN_SENT)
                            {
                                self->gaveUp = true;
                                if (self->label != "burst")
                                {
                                    c->Note(self->label, "connect -> timed out, close()");
                                }
                                self->socket->Close();
                            }
                        });
}

void
AcceptOverflowCase::Schedule(CaseContext& ctx)
{
    const CaseTopology& t = ctx.topology;
    t.ServerTcp()->SetAttribute("SynAckRetries", UintegerValue(m_synAckRetries));
    if (m_hosts > 0 && m_clients > 0)
    {
        auto [hosts, routerSide] = ctx.topology.AddClientHosts(*ctx.helper, m_hosts);
        m_starHosts = hosts;
        TcpRstHelper::AssignStreams(hosts, 1000);
        for (uint32_t i = 0; i < routerSide.GetN(); ++i)
        {
            Ptr<TcpSegmentFilter> filter = TcpSegmentFilter::Install(routerSide.Get(i));
            filter->SetRandomLoss(ctx.lossRate);
            filter->AssignStreams(200 + i);
        }
    }
    for (std::size_t i = 0; i < m_phases.size(); ++i)
    {
        Phase& p = m_phases[i];
        p.abortOnOverflow = i == 1;
        p.start = Seconds(1) + PhaseLength(ctx) * i;
        p.scriptPort = 5000 + i;
        p.burstPort = 6000 + i;
        for (std::size_t k = 0; k < p.script.size(); ++k)
        {
            p.script[k] = 40081 + 10 * i + k;
            AddClient(i, p.script[k], "conn" + std::to_string(k + 1));
        }
        for (uint32_t k = 0; k < m_clients; ++k)
        {
            AddClient(i, 41000 + 2500 * i + k, "burst").host = k % (m_hosts + 1);
        }
        Simulator::Schedule(p.start - MilliSeconds(500),
                            [this, &ctx, i]() { SchedulePhase(ctx, i); });
    }
    // The router drops conn2's handshake ACK, once per phase (as the captures' script did).
    auto dropped = std::make_shared<std::map<uint16_t, bool>>();
    std::array<uint16_t, 2> conn2{m_phases[0].script[1], m_phases[1].script[1]};
    ctx.fromClient->Drop(
        [dropped, conn2](const FilteredSegment& s)
        {
            uint16_t port = s.header.GetSourcePort();
            bool pureAck = (s.header.GetFlags() & ~TCP_STATELESS_FLAGS) == TcpHeader::ACK &&
                           s.payloadSize == 0;
            if ((port == conn2[0] || port == conn2[1]) && pureAck && !(*dropped)[port])
            {
                (*dropped)[port] = true;
                return true;
            }
            return false;
        });
}

void
AcceptOverflowCase::SchedulePhase(CaseContext& ctx, std::size_t index)
{
    Phase& p = m_phases[index];
    const CaseTopology& t = ctx.topology;
    if (index == 1)
    {
        m_countersAtB = t.ServerTcp()->GetCounters(); // phase A's totals
    }
    t.ServerTcp()->SetAttribute("AbortOnOverflow", BooleanValue(p.abortOnOverflow));
    ctx.Note("script",
             std::string("phase ") + (index == 0 ? "A" : "B") +
                 ": server tcp_abort_on_overflow=" + (p.abortOnOverflow ? "1" : "0") +
                 " tcp_synack_retries=" + std::to_string(m_synAckRetries));
    // The capture replay: listen(fd, 1), never accept().
    Ptr<TcpRstSocket> listener = TcpRstHelper::CreateSocket(t.server);
    listener->SetAttribute("AutoAccept", BooleanValue(false));
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), p.scriptPort));
    listener->Listen(1);
    ctx.Note("server", "listen(" + std::to_string(p.scriptPort) + ", backlog=1), never accepts");
    // The burst's server.
    TcpAcceptServerHelper server(InetSocketAddress(Ipv4Address::GetAny(), p.burstPort));
    server.SetAttribute("Backlog", IntegerValue(m_backlog));
    server.SetAttribute("AcceptRate", DoubleValue(m_acceptRate));
    server.SetAttribute("Read", BooleanValue(m_read));
    ApplicationContainer app = server.Install(t.server);
    p.server = DynamicCast<TcpAcceptServer>(app.Get(0));
    app.Start(Time(0));
    Phase* phase = &p;
    std::map<uint16_t, Client>* clients = &m_byPort;
    p.server->TraceConnectWithoutContext(
        "Accept",
        Callback<void, Ptr<const TcpRstSocket>, const Address&>(
            [clients](Ptr<const TcpRstSocket>, const Address& from)
            {
                auto it = clients->find(InetSocketAddress::ConvertFrom(from).GetPort());
                if (it != clients->end())
                {
                    it->second.acceptedAt = Simulator::Now();
                }
            }));
    p.server->TraceConnectWithoutContext("AcceptQueueLength",
                                         Callback<void, uint32_t, uint32_t>(
                                             [phase](uint32_t, uint32_t now) {
                                                 phase->maxQueued = std::max(phase->maxQueued, now);
                                             }));

    // The script, as captured from conn1's SYN; on a longer path each step also waits until
    // the one before it reached the server, so the queues are as they were in the capture.
    Time rtt = t.RoundTrip();
    Time start = p.start;
    CaseContext* c = &ctx;
    Client* c1 = &m_byPort[p.script[0]];
    Client* c2 = &m_byPort[p.script[1]];
    Client* c3 = &m_byPort[p.script[2]];
    auto at = [](Time when, std::function<void()> step)
    { Simulator::Schedule(Max(when - Simulator::Now(), Time(0)), step); };
    at(start,
       [=]()
       {
           Connect(*c,
                   *c1,
                   [=]()
                   {
                       Send(*c, *c1, 10);
                       // conn1's ACK reaches the server: the SYN queue is empty again
                       at(Max(start + kConn2Connect, Simulator::Now() + rtt / 2),
                          [=]()
                          {
                              Connect(*c,
                                      *c2,
                                      [=]()
                                      {
                                          at(Max(start + kConn3Connect, Simulator::Now()),
                                             [=]() {
                                                 Connect(
                                                     *c, *c3, [=]() { Conn3Connected(*c, index); });
                                             });
                                      });
                          });
                   });
       });
    at(start + kConn1Close + rtt * 10,
       [c, c1]()
       {
           c->Note("conn1", "close()");
           c1->socket->Close();
       });

    // The burst: every client at once.
    Simulator::Schedule(p.start + kBurstAt - Simulator::Now(),
                        [this, c, index]()
                        {
                            for (auto& [port, client] : m_byPort)
                            {
                                if (client.phase == index && client.label == "burst")
                                {
                                    Client* self = &client;
                                    uint32_t bytes = m_bytes;
                                    Connect(
                                        *c, client, [c, self, bytes]() { Send(*c, *self, bytes); });
                                }
                            }
                        });
}

void
AcceptOverflowCase::Send(const CaseContext& ctx, Client& client, uint32_t bytes)
{
    client.firstDataAt = Min(client.firstDataAt, Simulator::Now());
    client.socket->Send(Create<Packet>(bytes), 0);
    if (client.label != "burst")
    {
        ctx.Note(client.label, "send(" + std::to_string(bytes) + ")");
    }
}

// conn3 (a cookie: conn2's request fills the SYN queue) is in the accept queue once its ACK
// arrives; then conn2's data meets the full queue, and conn4 connects.
void
AcceptOverflowCase::Conn3Connected(CaseContext& ctx, std::size_t index)
{
    const Phase& p = m_phases[index];
    Time rtt = ctx.topology.RoundTrip();
    CaseContext* c = &ctx;
    Client* c2 = &m_byPort[p.script[1]];
    Client* c4 = &m_byPort[p.script[3]];
    Send(ctx, m_byPort[p.script[2]], 30);
    Time conn2Send = Max(p.start + kConn2Send, Simulator::Now() + rtt);
    Simulator::Schedule(conn2Send - Simulator::Now(), [c, c2]() { Send(*c, *c2, 20); });
    Time conn4Connect = Max(p.start + kConn4Connect, conn2Send + rtt);
    Simulator::Schedule(conn4Connect - Simulator::Now(),
                        [this, c, c4]() { Connect(*c, *c4, []() {}); });
}

AcceptOverflowCase::Outcome
AcceptOverflowCase::OutcomeOf(const Client& client)
{
    TcpRstSocket::SocketError error =
        client.socket ? client.socket->GetSocketError() : client.error;
    if (error == TcpRstSocket::CONNECTION_RESET || error == TcpRstSocket::CONNECTION_REFUSED ||
        error == TcpRstSocket::BROKEN_PIPE)
    {
        return Outcome::RESET;
    }
    if (error == TcpRstSocket::TIMED_OUT || client.gaveUp || client.connectedAt == Time::Max())
    {
        return Outcome::TIMED_OUT;
    }
    return client.synsSent > 1 || client.firstDataSent > 1 ? Outcome::CONNECTED_LATE
                                                           : Outcome::CONNECTED;
}

std::string
AcceptOverflowCase::LadderOf(const CaseResult& result, uint16_t port)
{
    std::istringstream in(result.ladder);
    std::ostringstream out;
    std::string line;
    std::string conn = std::to_string(port);
    while (std::getline(in, line))
    {
        std::istringstream fields(line);
        std::string time;
        std::string second;
        fields >> time >> second;
        if (second == conn || line.find("conn " + conn + ":") != std::string::npos ||
            line.rfind("     t(ms)", 0) == 0)
        {
            out << line << '\n';
        }
    }
    return out.str();
}

std::string
AcceptOverflowCase::Report(const CaseResult& result,
                           const std::array<TcpRstCounters, 2>& counters) const
{
    std::ostringstream os;
    for (std::size_t i = 0; i < m_phases.size(); ++i)
    {
        const Phase& p = m_phases[i];
        std::map<Outcome, uint32_t> counts;
        std::map<Outcome, uint16_t> example;
        os << "== phase " << (i == 0 ? "A" : "B")
           << ": AbortOnOverflow=" << (p.abortOnOverflow ? "true" : "false") << ", burst of "
           << m_clients << " clients to backlog " << m_backlog << " accepting " << m_acceptRate
           << "/s\n";
        os << "  client  host  port   outcome         connected(s)  accepted(s)  SO_ERROR\n";
        for (const auto& [port, client] : m_byPort)
        {
            if (client.phase != i)
            {
                continue;
            }
            Outcome outcome = OutcomeOf(client);
            ++counts[outcome];
            if (client.host == 0 && (!example.count(outcome) || client.label != "burst"))
            {
                example.emplace(outcome, port);
            }
            auto seconds = [&p](Time t)
            {
                if (t == Time::Max())
                {
                    return std::string("-");
                }
                std::ostringstream s;
                s << std::fixed << std::setprecision(3) << (t - p.start).GetSeconds();
                return s.str();
            };
            os << "  " << std::left << std::setw(7) << client.label << " " << std::setw(5)
               << client.host << " " << std::setw(6) << port << " " << std::setw(15)
               << OutcomeName(outcome) << " " << std::setw(13) << seconds(client.connectedAt) << " "
               << std::setw(12) << seconds(client.acceptedAt) << " "
               << TcpRstSocket::SocketErrorName(client.socket ? client.socket->GetSocketError()
                                                              : client.error)
               << '\n';
        }
        os << "  outcomes:";
        for (Outcome o :
             {Outcome::CONNECTED, Outcome::CONNECTED_LATE, Outcome::RESET, Outcome::TIMED_OUT})
        {
            os << ' ' << OutcomeName(o) << '=' << counts[o];
        }
        os << "\n  accept queue held at most " << p.maxQueued << " (backlog " << m_backlog
           << " + 1)\n  server counters:";
        const TcpRstCounters& now = counters[i];
        for (TcpStat stat : {TcpStat::ListenOverflows,
                             TcpStat::ListenDrops,
                             TcpStat::ReqQFullDoCookies,
                             TcpStat::SyncookiesSent,
                             TcpStat::SyncookiesRecv,
                             TcpStat::SyncookiesFailed,
                             TcpStat::ReqQFullDrop,
                             TcpStat::EmbryonicRsts})
        {
            os << ' ' << TcpRstCounters::Name(stat) << '=' << now.Get(stat);
        }
        os << "\n";
        for (Outcome o :
             {Outcome::CONNECTED, Outcome::CONNECTED_LATE, Outcome::RESET, Outcome::TIMED_OUT})
        {
            std::string kind = std::string(o == Outcome::TIMED_OUT ? "" : "was ") + OutcomeName(o);
            if (example.count(o))
            {
                os << "  ladder of a client that " << kind << " (port " << example[o] << "):\n"
                   << LadderOf(result, example[o]);
            }
            else if (counts[o] > 0)
            {
                os << "  no ladder of a client that " << kind
                   << ": none sits on host 0, the one whose link is captured\n";
            }
        }
        os << '\n';
    }
    return os.str();
}

void
AcceptOverflowCase::JudgePhase(const CaseContext& ctx,
                               std::size_t index,
                               const TcpRstCounters& counters,
                               CaseResult& result) const
{
    const Phase& p = m_phases[index];
    std::string name = index == 0 ? "A (AbortOnOverflow=false)" : "B (AbortOnOverflow=true)";
    Time phaseEnd = p.start + PhaseLength(ctx);
    auto segmentsOf = [&result](uint16_t port, bool fromClient)
    {
        std::vector<const LadderSegment*> out;
        for (const LadderSegment& s : result.segments)
        {
            if (s.clientPort == port && s.fromClient == fromClient)
            {
                out.push_back(&s);
            }
        }
        return out;
    };
    const Client& c2 = m_byPort.at(p.script[1]);
    const Client& c4 = m_byPort.at(p.script[3]);
    // The trigger: conn1 and conn3 filled the accept queue before the first of conn2's
    // segments that could complete its handshake (after its lost ACK) reached the server.
    Time c2Completion = Time::Max();
    bool c2AckLost = false;
    for (const LadderSegment* s : segmentsOf(p.script[1], true))
    {
        if (s->flags != "S")
        {
            c2AckLost = c2AckLost || s->lost;
            if (!s->lost && c2AckLost)
            {
                c2Completion = s->time;
                break;
            }
        }
    }
    auto handshakeAckArrived = [&](uint16_t port)
    {
        for (const LadderSegment* s : segmentsOf(port, true))
        {
            if (s->flags != "S")
            {
                return !s->lost && s->time < c2Completion;
            }
        }
        return false;
    };
    std::vector<const LadderSegment*> c2Syns = segmentsOf(p.script[1], true);
    auto beforeConn2Syn = [&](uint16_t port)
    {
        for (const LadderSegment* s : segmentsOf(port, true))
        {
            if (s->flags != "S")
            {
                return !s->lost && !c2Syns.empty() && s->time < c2Syns.front()->time;
            }
        }
        return false;
    };
    if (!beforeConn2Syn(p.script[0]))
    {
        result.NotTriggered("phase " + name +
                            ": conn1's handshake ACK did not reach the server before conn2's SYN "
                            "(conn2 got a SYN cookie instead of a request)");
        return;
    }
    if (!handshakeAckArrived(p.script[0]) || !handshakeAckArrived(p.script[2]) ||
        c2Completion == Time::Max())
    {
        result.NotTriggered("phase " + name +
                            ": conn1 and conn3 did not both complete before conn2 could");
        return;
    }
    std::vector<const LadderSegment*> toC2 = segmentsOf(p.script[1], false);
    const LadderSegment* firstSynAck = toC2.empty() ? nullptr : toC2.front();
    const LadderSegment* reset = nullptr;
    uint32_t synAckRetransmits = 0;
    for (const LadderSegment* s : toC2)
    {
        if (s->flags == "R" || s->flags == "RA")
        {
            reset = reset ? reset : s;
        }
        else if (s->flags == "SA" && s != firstSynAck && !reset)
        {
            ++synAckRetransmits;
        }
    }
    Time rtt = ctx.topology.RoundTrip();
    std::string shape = reset ? DescribeReset(*reset) : "no reset";
    bool seqIsSegAck = reset && reset->flags == "R" && reset->seq == 1;
    if (!p.abortOnOverflow)
    {
        result.Check("phase " + name +
                         ": conn2's segments that meet the full accept queue are dropped, the "
                         "request re-sends its SYN-ACK SynAckRetries times",
                     synAckRetransmits == m_synAckRetries,
                     std::to_string(synAckRetransmits) + " SYN-ACK retransmissions");
        result.Check(
            "phase " + name +
                ": once the request expired the listener resets conn2, R seq=SEG.ACK, "
                "reason TCP_FLAGS",
            firstSynAck && seqIsSegAck && reset->reason && *reset->reason == RstReason::TCP_FLAGS &&
                reset->time >= firstSynAck->time + RequestLifetime(),
            shape +
                (reset && firstSynAck
                     ? ", " + std::to_string((reset->time - firstSynAck->time).GetMilliSeconds()) +
                           " ms after the first SYN-ACK"
                     : ""));
    }
    else
    {
        result.Check(
            "phase " + name +
                ": conn2's first segment that meets the full accept queue is reset at "
                "once, R seq=SEG.ACK, reason TCP_ABORT_ON_OVERFLOW",
            seqIsSegAck && reset->reason && *reset->reason == RstReason::TCP_ABORT_ON_OVERFLOW &&
                reset->time <= c2Completion + rtt,
            shape + (reset ? ", " + std::to_string((reset->time - c2Completion).GetMilliSeconds()) +
                                 " ms after conn2 sent it"
                           : ""));
    }
    if (reset && reset->lost)
    {
        result.NotTriggered("phase " + name + ": the reset to conn2 was lost");
        return;
    }
    result.Check("phase " + name + ": conn2 sees ECONNRESET",
                 c2.socket->GetSocketError() == TcpRstSocket::CONNECTION_RESET,
                 TcpRstSocket::SocketErrorName(c2.socket->GetSocketError()));
    std::vector<const LadderSegment*> c4Syns = segmentsOf(p.script[3], true);
    result.Check("phase " + name +
                     ": conn4's SYNs, sent while the accept queue is full, are dropped "
                     "silently until connect() times out",
                 segmentsOf(p.script[3], false).empty() && c4Syns.size() >= 2 && c4.gaveUp,
                 std::to_string(c4Syns.size()) + " SYNs, no answer" +
                     (c4.gaveUp ? ", gave up" : ", still connecting"));
    if (m_clients > 0)
    {
        uint32_t limit = std::min<uint32_t>(m_backlog, TcpHostSysctls().somaxConn) + 1;
        result.Check("phase " + name +
                         ": the burst server's accept queue never held more than "
                         "min(backlog, SomaxConn) + 1",
                     p.maxQueued <= limit && p.maxQueued > 0,
                     "at most " + std::to_string(p.maxQueued));
    }
    uint32_t abortResets = 0;
    for (const TcpResetEvent& e : result.resets)
    {
        abortResets += e.sent && e.reason == RstReason::TCP_ABORT_ON_OVERFLOW &&
                               e.time >= p.start && e.time < phaseEnd
                           ? 1
                           : 0;
    }
    result.Check(
        "phase " + name +
            (p.abortOnOverflow ? ": overflow resets are sent" : ": no reset for an overflow"),
        p.abortOnOverflow ? abortResets > 0 : abortResets == 0,
        std::to_string(abortResets) + " resets TCP_ABORT_ON_OVERFLOW");
    result.Check("phase " + name + ": the server counts ListenOverflows and ListenDrops",
                 counters.Get(TcpStat::ListenOverflows) > 0 &&
                     counters.Get(TcpStat::ListenDrops) >= counters.Get(TcpStat::ListenOverflows),
                 "ListenOverflows=" + std::to_string(counters.Get(TcpStat::ListenOverflows)));
}

void
AcceptOverflowCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    // The server's counters per phase: B's are what the end's totals add to A's.
    std::array<TcpRstCounters, 2> counters{
        m_countersAtB, ctx.topology.ServerTcp()->GetCounters().Since(m_countersAtB)};
    JudgePhase(ctx, 0, counters[0], result);
    JudgePhase(ctx, 1, counters[1], result);
    result.report = Report(result, counters);
    result.files.emplace_back("clients.txt", result.report);
}

TCP_RST_REGISTER_CASE(AcceptOverflowCase, 8);

} // namespace ns3
