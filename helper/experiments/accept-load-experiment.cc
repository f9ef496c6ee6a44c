/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/boolean.h"
#include "ns3/case-topology.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/profiled-server-topology.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rst-experiment.h"
#include "ns3/simulator.h"
#include "ns3/tcp-accept-server-helper.h"
#include "ns3/tcp-accept-server.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-stack-profile.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>
#include <map>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("AcceptLoadExperiment");

/**
 * \ingroup tcp-rst
 * \brief Accept-queue overflow under load: clients arrive at an offered rate (Poisson, or
 * evenly spaced) at a server whose application accepts at a fixed rate; per connection, what
 * became of it and how long connect() took.
 *
 * Linux's signature with tcp_abort_on_overflow 0: a full accept queue drops the SYN
 * (tcp_conn_request(), sk_acceptq_is_full()) and the handshake's ACK (tcp_check_req()), so
 * connect() latencies step at the client's SYN retransmission instants (1, 2, 3, 4, 5, 7, 11 s:
 * tcp_syn_linear_timeouts, then exponential back-off);
 * with 1 the listener resets instead (TCP_ABORT_ON_OVERFLOW) and the clients see resets.
 */
class AcceptLoadExperiment : public RstExperiment
{
  public:
    AcceptLoadExperiment()
        : RstExperiment("accept-load",
                        "Accept-queue overflow under load: connect success, resets and "
                        "connect() latency against the offered connection rate")
    {
    }

    void
    AddOptions(CaseOptions& o) override
    {
        o.Add("connRate", "offered connections per second, [1, 20000]", m_connRate);
        o.AddTime("duration", "how long connections arrive, [10ms, 60s]", m_duration);
        o.Add("arrivals", "poisson or uniform (evenly spaced)", m_arrivals);
        o.Add("backlog", "listen() backlog of the server, [1, 65535]", m_backlog);
        o.Add("abortOnOverflow", "tcp_abort_on_overflow on the server", m_abortOnOverflow);
        o.Add("synCookies", "tcp_syncookies on the server, [0, 2]", m_synCookies);
        o.Add("acceptRate",
              "the server application's accept() calls per second, [1, 1e6]",
              m_acceptRate);
        o.AddTime("patience",
                  "how long the run goes on after the last arrival (a connection not made by "
                  "then has timed out), [1s, 600s]",
                  m_patience);
        o.AddTime("delay", "one-way delay of each of the two links, [0, 1s]", m_delay);
        o.Add("bytes", "request each client sends once connected, [1, 65536]", m_bytes);
        o.Add("profile", "the server's stack profile: " + StackProfileNames(), m_profile);
    }

    void
    Validate() const override
    {
        RequireInRange("connRate", m_connRate, 1.0, 20000.0);
        RequireInRange("duration", m_duration, MilliSeconds(10), Seconds(60));
        if (m_arrivals != "poisson" && m_arrivals != "uniform")
        {
            throw std::invalid_argument("invalid value '" + m_arrivals +
                                        "' for --arrivals; allowed: poisson, uniform");
        }
        RequireInRange<uint32_t>("backlog", m_backlog, 1, 65535);
        RequireInRange<uint32_t>("synCookies", m_synCookies, 0, 2);
        RequireInRange("acceptRate", m_acceptRate, 1.0, 1e6);
        RequireInRange("patience", m_patience, Seconds(1), Seconds(600));
        RequireInRange("delay", m_delay, Time(0), Seconds(1));
        RequireInRange<uint32_t>("bytes", m_bytes, 1, 65536);
        try
        {
            FindStackProfile(m_profile);
        }
        catch (const std::invalid_argument& e)
        {
            throw std::invalid_argument(std::string("--profile: ") + e.what());
        }
        if (m_connRate * m_duration.GetSeconds() > 16000)
        {
            throw std::invalid_argument("--connRate x --duration offers more than 16000 "
                                        "connections (the client's ephemeral ports)");
        }
    }

    ExperimentResult Run() override;

  private:
    /// One client connection.
    struct Client
    {
        Time start;                    //!< connect()
        Time connectedAt{Time::Max()}; //!< connect() returned success
        Time acceptedAt{Time::Max()};  //!< the server application accepted it
        bool reset{false};             //!< it saw a reset (ECONNRESET / ECONNREFUSED)
        Ptr<TcpRstSocket> socket;      //!< its socket
    };

    double m_connRate{200};
    Time m_duration{Seconds(2)};
    std::string m_arrivals{"poisson"};
    uint32_t m_backlog{128};
    bool m_abortOnOverflow{false};
    uint32_t m_synCookies{1};
    double m_acceptRate{500};
    Time m_patience{Seconds(20)};
    Time m_delay{MilliSeconds(1)};
    uint32_t m_bytes{100};
    std::string m_profile{"Linux"};
};

namespace
{
constexpr uint16_t kPort = 80;
constexpr int64_t kArrivalStream = 1000;

double
Percentile(std::vector<double> values, double q)
{
    if (values.empty())
    {
        return 0;
    }
    std::sort(values.begin(), values.end());
    std::size_t i = static_cast<std::size_t>(q * (values.size() - 1) + 0.5);
    return values[std::min(i, values.size() - 1)];
}

double
Mean(const std::vector<double>& values)
{
    double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    return values.empty() ? 0 : sum / values.size();
}
} // namespace

ExperimentResult
AcceptLoadExperiment::Run()
{
    ProfiledServerTopology pair(m_profile, m_delay);
    const CaseTopology& t = pair.topology;
    Ptr<TcpRstL4Protocol> serverTcp = TcpRstHelper::GetTcp(t.server);
    serverTcp->SetAttribute("AbortOnOverflow", BooleanValue(m_abortOnOverflow));
    serverTcp->SetAttribute("SynCookies", UintegerValue(m_synCookies));

    TcpAcceptServerHelper serverHelper(InetSocketAddress(Ipv4Address::GetAny(), kPort));
    serverHelper.SetAttribute("Backlog", IntegerValue(static_cast<int32_t>(m_backlog)));
    serverHelper.SetAttribute("AcceptRate", DoubleValue(m_acceptRate));
    Ptr<TcpAcceptServer> server =
        DynamicCast<TcpAcceptServer>(serverHelper.Install(t.server).Get(0));
    server->SetStartTime(Seconds(0));

    std::map<uint16_t, Client> clients; // by client port
    server->TraceConnectWithoutContext("Accept",
                                       Callback<void, Ptr<const TcpRstSocket>, const Address&>(
                                           [&clients](Ptr<const TcpRstSocket>, const Address& from)
                                           {
                                               auto it = clients.find(
                                                   InetSocketAddress::ConvertFrom(from).GetPort());
                                               if (it != clients.end())
                                               {
                                                   it->second.acceptedAt = Simulator::Now();
                                               }
                                           }));

    // Arrival instants.
    std::vector<Time> arrivals;
    Ptr<ExponentialRandomVariable> gap = CreateObject<ExponentialRandomVariable>();
    gap->SetAttribute("Mean", DoubleValue(1.0 / m_connRate));
    gap->SetStream(kArrivalStream);
    const Time first = MilliSeconds(100);
    for (Time at = first; at < first + m_duration;)
    {
        arrivals.push_back(at);
        at += m_arrivals == "poisson" ? Seconds(gap->GetValue()) : Seconds(1.0 / m_connRate);
    }

    Ptr<TcpRstL4Protocol> clientTcp = TcpRstHelper::GetTcp(t.client);
    InetSocketAddress to(t.serverAddress, kPort);
    uint32_t bytes = m_bytes;
    for (Time at : arrivals)
    {
        Simulator::Schedule(
            at,
            [&clients, clientTcp, to, bytes]()
            {
                Ptr<TcpRstSocket> s = DynamicCast<TcpRstSocket>(clientTcp->CreateRstSocket());
                s->Bind();
                Address local;
                s->GetSockName(local);
                uint16_t port = InetSocketAddress::ConvertFrom(local).GetPort();
                Client& c = clients[port];
                c.start = Simulator::Now();
                c.socket = s;
                s->SetConnectCallback(
                    Callback<void, Ptr<Socket>>(
                        [&c, bytes](Ptr<Socket> socket)
                        {
                            c.connectedAt = Simulator::Now();
                            socket->Send(Create<Packet>(bytes));
                        }),
                    Callback<void, Ptr<Socket>>([&c](Ptr<Socket>) { c.reset = true; }));
                s->SetCloseCallbacks(
                    Callback<void, Ptr<Socket>>([](Ptr<Socket>) {}),
                    Callback<void, Ptr<Socket>>([&c](Ptr<Socket>) { c.reset = true; }));
                s->Connect(to);
            });
    }
    Time end = (arrivals.empty() ? first : arrivals.back()) + m_patience;
    Simulator::Stop(end);
    Simulator::Run();

    ExperimentResult result;
    result.columns = {"port", "start_s", "outcome", "connect_ms", "accept_ms", "error"};
    std::vector<double> connectMs;
    std::vector<double> acceptMs;
    uint32_t accepted = 0;
    uint32_t connected = 0;
    uint32_t resets = 0;
    uint32_t timedOut = 0;
    for (auto& [port, c] : clients)
    {
        TcpRstSocket::SocketError error = c.socket->GetSocketError();
        bool sawReset = c.reset && (error == TcpRstSocket::CONNECTION_RESET ||
                                    error == TcpRstSocket::CONNECTION_REFUSED ||
                                    error == TcpRstSocket::BROKEN_PIPE);
        std::string outcome;
        std::ostringstream connectText;
        std::ostringstream acceptText;
        if (c.connectedAt != Time::Max())
        {
            ++connected;
            connectMs.push_back((c.connectedAt - c.start).GetSeconds() * 1000);
            connectText << connectMs.back();
        }
        if (sawReset)
        {
            ++resets;
            outcome = "reset";
        }
        else if (c.acceptedAt != Time::Max())
        {
            ++accepted;
            acceptMs.push_back((c.acceptedAt - c.start).GetSeconds() * 1000);
            acceptText << acceptMs.back();
            outcome = "accepted";
        }
        else
        {
            ++timedOut;
            outcome = c.connectedAt != Time::Max() ? "never-accepted" : "timed-out";
        }
        std::ostringstream start;
        start << c.start.GetSeconds();
        result.records.push_back({std::to_string(port),
                                  start.str(),
                                  outcome,
                                  connectText.str(),
                                  acceptText.str(),
                                  TcpRstSocket::SocketErrorName(error)});
    }
    const TcpRstCounters& counters = serverTcp->GetCounters();
    double offered = clients.size();
    result.Set("offered", offered);
    result.Set("success_pct", offered ? 100.0 * accepted / offered : 0);
    result.Set("connected_pct", offered ? 100.0 * connected / offered : 0);
    result.Set("client_resets", resets);
    result.Set("timed_out", timedOut);
    result.Set("connect_latency_mean_ms", Mean(connectMs));
    result.Set("connect_latency_p50_ms", Percentile(connectMs, 0.5));
    result.Set("connect_latency_p99_ms", Percentile(connectMs, 0.99));
    result.Set("accept_latency_mean_ms", Mean(acceptMs));
    result.Set("listen_overflows", counters.Get(TcpStat::ListenOverflows));
    result.Set("listen_drops", counters.Get(TcpStat::ListenDrops));
    result.Set("syncookies_sent", counters.Get(TcpStat::SyncookiesSent));
    result.Set("server_rsts", counters.Get(TcpStat::OutRsts));
    std::ostringstream report;
    report << "accept-load: " << clients.size() << " connections offered at " << m_connRate
           << "/s (" << m_arrivals << ") for " << m_duration.As(Time::S) << ", backlog "
           << m_backlog << ", tcp_abort_on_overflow " << m_abortOnOverflow << ", tcp_syncookies "
           << m_synCookies << ", accept() " << m_acceptRate << "/s\n";
    result.report = report.str();
    Simulator::Destroy();
    return result;
}

TCP_RST_REGISTER_EXPERIMENT(AcceptLoadExperiment);

} // namespace ns3
