/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rst-case.h"

#include "tcp-rst-helper.h"

#include "ns3/simulator.h"

#include <sstream>

namespace ns3
{

void
CaseResult::Check(const std::string& what, bool holds, const std::string& detail)
{
    checks.push_back({what, holds, detail});
}

Time
CaseContext::LinkAllowance() const
{
    return topology.RoundTrip() * 10 + (lossRate > 0 ? Seconds(30) : Time(0));
}

void
CaseResult::NotTriggered(const std::string& why)
{
    if (triggered)
    {
        triggered = false;
        notTriggeredBecause = why;
    }
}

std::string
CaseResult::Verdict() const
{
    if (!triggered)
    {
        return "NOT TRIGGERED";
    }
    return pass ? "PASS" : "FAIL";
}

std::vector<LadderSegment>
CaseResult::Resets(bool fromClient) const
{
    std::vector<LadderSegment> result;
    for (const LadderSegment& s : segments)
    {
        if ((s.header.GetFlags() & TcpHeader::RST) && s.fromClient == fromClient && !s.injected)
        {
            result.push_back(s);
        }
    }
    return result;
}

void
CaseContext::Note(const std::string& who, const std::string& text) const
{
    if (ladder)
    {
        ladder->Note("[" + who + "] " + text);
    }
}

Ptr<TcpRstSocket>
CaseContext::ListenOnServer(
    uint16_t port,
    std::function<void(Ptr<TcpRstSocket>, const InetSocketAddress&)> onAccept,
    std::function<void(Ptr<TcpRstSocket>)> configure) const
{
    const CaseContext* self = this;
    Ptr<TcpRstSocket> listener = TcpRstHelper::CreateSocket(topology.server);
    if (configure)
    {
        configure(listener);
    }
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    listener->Listen();
    Note("server",
         "listen(" + FormatEndpoint(InetSocketAddress(topology.serverAddress, port)) + ")");
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                Callback<void, Ptr<Socket>, const Address&>(
                                    [self, onAccept](Ptr<Socket> socket, const Address& from)
                                    {
                                        InetSocketAddress peer =
                                            InetSocketAddress::ConvertFrom(from);
                                        self->Note("server", "accept -> " + FormatEndpoint(peer));
                                        onAccept(DynamicCast<TcpRstSocket>(socket), peer);
                                    }));
    return listener;
}

RstCase::RstCase(std::string name, std::string title, std::string expected)
    : m_name(std::move(name))
    , m_title(std::move(title))
    , m_expected(std::move(expected))
{
}

bool
RstCase::ShowsResets() const
{
    return true;
}

std::vector<std::string>
RstCase::PlacementArguments() const
{
    return {};
}

const std::string&
RstCase::GetName() const
{
    return m_name;
}

const std::string&
RstCase::GetTitle() const
{
    return m_title;
}

const std::string&
RstCase::GetExpected() const
{
    return m_expected;
}

void
RstCase::AddOptions(CaseOptions& /* options */)
{
}

void
RstCase::Validate() const
{
}

std::string
DescribeReset(const LadderSegment& s)
{
    std::ostringstream os;
    os << (s.fromClient ? "C>S " : "S>C ") << s.flags << " seq=" << (s.seqAbsolute ? "abs:" : "")
       << s.seq;
    if (s.ack)
    {
        os << " ack=" << (s.ackAbsolute ? "abs:" : "") << *s.ack;
    }
    os << " (" << (s.reason ? RstReasonName(*s.reason) : "no reason") << ")";
    return os.str();
}

} // namespace ns3
