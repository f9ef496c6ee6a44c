/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/data-rate.h"
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
    Time GetDuration(const CaseContext& ctx) const override;
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
NoListenCase::GetDuration(const CaseContext& ctx) const
{
    return Seconds(4) + ctx.LinkAllowance();
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
    result.Check("no reset from the client", result.Resets(true).empty());
    // Transmission of a SYN and a reset over the four hops, on top of the propagation.
    DataRateValue rate;
    ctx.topology.clientDevice->GetAttribute("DataRate", rate);
    Time transmission = rate.Get().CalculateBytesTxTime(100) * 4;
    Time oneRoundTrip = ctx.topology.RoundTrip() + transmission + MilliSeconds(1);
    for (const Attempt& a : m_attempts)
    {
        std::string port = "port " + std::to_string(a.port) + ": ";
        // Every SYN of this attempt that reaches the server is answered, once.
        std::vector<const LadderSegment*> synsArrived;
        std::vector<const LadderSegment*> resets;
        for (const LadderSegment& s : result.segments)
        {
            bool ours =
                s.header.GetDestinationPort() == a.port || s.header.GetSourcePort() == a.port;
            if (ours && s.fromClient && s.flags == "S" && !s.lost)
            {
                synsArrived.push_back(&s);
            }
            if (ours && !s.fromClient && (s.header.GetFlags() & TcpHeader::RST))
            {
                resets.push_back(&s);
            }
        }
        const LadderSegment* answered = nullptr; // the first reset that reached the client
        for (const LadderSegment* r : resets)
        {
            if (!r->lost)
            {
                answered = r;
                break;
            }
        }
        if (!answered && (synsArrived.empty() || !resets.empty()))
        {
            result.NotTriggered(port + "every SYN or every reset was lost");
            continue;
        }
        result.Check(port + "each SYN that reaches the server gets one reset",
                     resets.size() == synsArrived.size(),
                     std::to_string(synsArrived.size()) + " SYN(s) arrived, " +
                         std::to_string(resets.size()) + " reset(s)");
        for (const LadderSegment* rst : resets)
        {
            result.Check(port + "R. seq=0 ack=ISN+1, window 0, no options (tcp_v4_send_reset), "
                                "reason NO_SOCKET",
                         rst->flags == "RA" && rst->seqAbsolute && rst->seq == 0 && rst->ack &&
                             *rst->ack == 1 && !rst->ackAbsolute && rst->window == 0 &&
                             rst->options.empty() && rst->reason &&
                             *rst->reason == RstReason::NO_SOCKET,
                         DescribeReset(*rst));
        }
        // The SYN that reset answers: the last one that arrived before it was sent.
        const LadderSegment* syn = nullptr;
        for (const LadderSegment* s : synsArrived)
        {
            syn = answered && s->time <= answered->time ? s : syn;
        }
        Time took = syn ? a.failed - syn->time : Time::Max();
        result.Check(port + "connect() fails with ECONNREFUSED one round trip after the SYN",
                     !a.connected && syn && a.failed != Time::Max() && took <= oneRoundTrip &&
                         a.socket->GetSocketError() == TcpRstSocket::CONNECTION_REFUSED,
                     a.failed == Time::Max()
                         ? "no failure reported"
                         : std::string(TcpRstSocket::SocketErrorName(a.socket->GetSocketError())) +
                               " " + std::to_string(took.GetMicroSeconds()) +
                               " us after the SYN (round trip " +
                               std::to_string(oneRoundTrip.GetMicroSeconds()) + " us)");
    }
    uint64_t fails = ctx.topology.ClientTcp()->GetCounters().Get(TcpStat::AttemptFails);
    result.Check("client counts TcpAttemptFails = 2", fails == 2, std::to_string(fails));
}

TCP_RST_REGISTER_CASE(NoListenCase, 11);

} // namespace ns3
