/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rst-case.h"

#include "ns3/simulator.h"

#include <sstream>

namespace ns3
{

void
CaseResult::Check(const std::string& what, bool holds, const std::string& detail)
{
    checks.push_back({what, holds, detail});
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

void
RstCase::AddOptions(CommandLine& /* cmd */)
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
