/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/inet-socket-address.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/rst-case.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-helper.h"
#include "ns3/tcp-rst-socket.h"

#include <stdexcept>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Seed case 11: bind() without listen(), and a port nobody bound.
 *
 * As in the Linux capture 11-bind-no-listen: both SYNs are answered with `R.` seq 0,
 * ack = ISN + 1 (the socket that is only bound is invisible), and each connect() fails after
 * one round trip
 * with ECONNREFUSED.
 */
class NoListenCase : public RstCase
{
  public:
    NoListenCase();
    void AddOptions(CaseOptions& options) override;
    void Validate() const override;
    Time GetDuration() const override;
    void Schedule(CaseContext& ctx) override;
    void Judge(const CaseContext& ctx, CaseResult& result) const override;

    uint16_t m_boundPort{5000};   //!< port bound without listen()
    uint16_t m_unboundPort{5999}; //!< port nobody bound

  private:
    /// One connect() attempt.
    struct Attempt
    {
        uint16_t port{0};         //!< destination port
        Ptr<TcpRstSocket> socket; //!< the socket
        Time started;             //!< connect() time
        Time failed{Time::Max()}; //!< when the failure was reported
        bool connected{false};    //!< connect succeeded (must not)
    };

    Ptr<TcpRstSocket> m_bound;       //!< the bound socket
    std::vector<Attempt> m_attempts; //!< both attempts
};

NoListenCase::NoListenCase()
    : RstCase("no-listen",
              "seed case 11: SYN to a port bound without listen(), and to an unbound port",
              "S>C R. seq=0 ack=ISN+1 (x2), ECONNREFUSED")
{
}

void
NoListenCase::AddOptions(CaseOptions& options)
{
    options.Add("boundPort", "server port bound without listen(), [1, 65535]", m_boundPort);
    options.Add("unboundPort", "server port nobody bound, [1, 65535], != boundPort", m_unboundPort);
}

void
NoListenCase::Validate() const
{
    if (m_boundPort == 0 || m_unboundPort == 0)
    {
        throw std::invalid_argument("--boundPort and --unboundPort must be in [1, 65535]");
    }
    if (m_boundPort == m_unboundPort)
    {
        throw std::invalid_argument("--unboundPort must differ from --boundPort");
    }
}

Time
NoListenCase::GetDuration() const
{
    return Seconds(4);
}

void
NoListenCase::Schedule(CaseContext& ctx)
{
    const CaseTopology& t = ctx.topology;
    const CaseContext* c = &ctx;
    m_bound = TcpRstHelper::CreateSocket(t.server);
    m_bound->Bind(InetSocketAddress(t.serverAddress, m_boundPort));
    ctx.Note("server",
             "bind(" + FormatEndpoint(InetSocketAddress(t.serverAddress, m_boundPort)) +
                 ") only, no listen()");

    m_attempts.resize(2);
    m_attempts[0].port = m_boundPort;
    m_attempts[1].port = m_unboundPort;
    for (std::size_t i = 0; i < m_attempts.size(); ++i)
    {
        Attempt* a = &m_attempts[i];
        a->socket = TcpRstHelper::CreateSocket(t.client);
        a->socket->SetConnectCallback(
            Callback<void, Ptr<Socket>>(
                [a, c](Ptr<Socket>)
                {
                    a->connected = true;
                    c->Note("client", "connect -> ok");
                }),
            Callback<void, Ptr<Socket>>(
                [a, c](Ptr<Socket>)
                {
                    a->failed = Simulator::Now();
                    c->Note("client",
                            std::string("connect -> ") +
                                TcpRstSocket::SocketErrorName(a->socket->GetSocketError()));
                }));
        Address to = InetSocketAddress(t.serverAddress, a->port);
        uint16_t localPort = static_cast<uint16_t>(40011 + i);
        Simulator::Schedule(
            Seconds(1 + i),
            [a, to, localPort, c]()
            {
                a->started = Simulator::Now();
                a->socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), localPort));
                a->socket->Connect(to);
                c->Note("client",
                        "connect(" + FormatEndpoint(InetSocketAddress::ConvertFrom(to)) +
                            ") from port " + std::to_string(localPort));
            });
    }
}

void
NoListenCase::Judge(const CaseContext& ctx, CaseResult& result) const
{
    std::vector<LadderSegment> resets = result.Resets(false);
    result.Check("two resets, both from the server",
                 resets.size() == 2 && result.Resets(true).empty(),
                 std::to_string(resets.size()) + " from server, " +
                     std::to_string(result.Resets(true).size()) + " from client");
    for (const LadderSegment& rst : resets)
    {
        std::string port = std::to_string(rst.header.GetSourcePort());
        result.Check("port " + port +
                         ": R. seq=0 ack=ISN+1, window 0, no options "
                         "(tcp_v4_send_reset)",
                     rst.flags == "RA" && rst.seqAbsolute && rst.seq == 0 && rst.ack &&
                         *rst.ack == 1 && !rst.ackAbsolute && rst.window == 0 &&
                         rst.options.empty(),
                     DescribeReset(rst));
        result.Check("port " + port + ": reason NO_SOCKET",
                     rst.reason && *rst.reason == RstReason::NO_SOCKET,
                     rst.reason ? RstReasonName(*rst.reason) : "none");
    }
    // "At once": one round trip (plus transmission time), on whatever link the case runs.
    Time oneRoundTrip = ctx.topology.RoundTrip() + MilliSeconds(1);
    for (const Attempt& a : m_attempts)
    {
        std::string port = std::to_string(a.port);
        Time took = a.failed - a.started;
        result.Check("port " + port + ": connect() fails after one round trip with ECONNREFUSED",
                     !a.connected && a.failed != Time::Max() && took < oneRoundTrip &&
                         a.socket->GetSocketError() == TcpRstSocket::CONNECTION_REFUSED,
                     a.failed == Time::Max()
                         ? "no failure reported"
                         : std::string(TcpRstSocket::SocketErrorName(a.socket->GetSocketError())) +
                               " after " + std::to_string(took.GetMicroSeconds()) + " us");
    }
    uint64_t fails = ctx.topology.ClientTcp()->GetCounters().Get(TcpStat::AttemptFails);
    result.Check("client counts TcpAttemptFails = 2", fails == 2, std::to_string(fails));
}

TCP_RST_REGISTER_CASE(NoListenCase, 11);

} // namespace ns3
