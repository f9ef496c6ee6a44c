/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-rst-counters.h"

namespace ns3
{

namespace
{
const std::array<const char*, TCP_STAT_COUNT> kStatNames = {
    "TcpOutRsts",
    "TcpEstabResets",
    "TcpAttemptFails",
    "TcpInErrs",
    "TcpExtTcpInRsts",
    "TcpExtTcpRstsIgnored",
    "TcpExtTCPChallengeACK",
    "TcpExtTCPAbortOnData",
    "TcpExtTCPAbortOnClose",
    "TcpExtTCPAbortOnLinger",
    "TcpExtTCPAbortOnMemory",
    "TcpExtTCPAbortOnTimeout",
    "TcpExtTcpOptionsIgnored",
    "TcpExtTCPSYNChallenge",
    "TcpExtEmbryonicRsts",
    "TcpExtTCPACKSkippedChallenge",
    "TcpExtTCPACKSkippedSeq",
    "TcpExtTCPKeepAlive",
    "TcpExtTW",
    "TcpExtTCPTimeWaitOverflow",
    "TcpExtPAWSTimewait",
    "TcpExtTCPACKSkippedTimeWait",
    "TcpExtTCPACKSkippedFinWait2",
    "TcpExtListenOverflows",
    "TcpExtListenDrops",
    "TcpExtTCPReqQFullDrop",
    "TcpExtTCPReqQFullDoCookies",
    "TcpExtSyncookiesSent",
    "TcpExtSyncookiesRecv",
    "TcpExtSyncookiesFailed",
    "TcpExtTcpBlackholeDrops",
    "TcpExtTcpRstRateLimited",
};
const std::string kSentPrefix = "RstSent.";
const std::string kReceivedPrefix = "RstReceived.";
} // namespace

void
TcpRstCounters::Increment(TcpStat stat)
{
    ++m_stats[static_cast<std::size_t>(stat)];
}

void
TcpRstCounters::CountSent(RstReason reason)
{
    ++m_sent[static_cast<std::size_t>(reason)];
    Increment(TcpStat::OutRsts);
}

void
TcpRstCounters::CountReceived(RstReason reason)
{
    ++m_received[static_cast<std::size_t>(reason)];
    Increment(TcpStat::InRsts);
}

uint64_t
TcpRstCounters::Get(TcpStat stat) const
{
    return m_stats[static_cast<std::size_t>(stat)];
}

uint64_t
TcpRstCounters::GetSent(RstReason reason) const
{
    return m_sent[static_cast<std::size_t>(reason)];
}

uint64_t
TcpRstCounters::GetReceived(RstReason reason) const
{
    return m_received[static_cast<std::size_t>(reason)];
}

bool
TcpRstCounters::Lookup(const std::string& name, uint64_t* value) const
{
    for (std::size_t i = 0; i < kStatNames.size(); ++i)
    {
        if (name == kStatNames[i])
        {
            *value = m_stats[i];
            return true;
        }
    }
    RstReason reason;
    if (name.rfind(kSentPrefix, 0) == 0 &&
        RstReasonFromName(name.substr(kSentPrefix.size()), &reason))
    {
        *value = GetSent(reason);
        return true;
    }
    if (name.rfind(kReceivedPrefix, 0) == 0 &&
        RstReasonFromName(name.substr(kReceivedPrefix.size()), &reason))
    {
        *value = GetReceived(reason);
        return true;
    }
    return false;
}

const char*
TcpRstCounters::Name(TcpStat stat)
{
    return kStatNames[static_cast<std::size_t>(stat)];
}

void
TcpRstCounters::Print(std::ostream& os) const
{
    for (std::size_t i = 0; i < kStatNames.size(); ++i)
    {
        if (m_stats[i] != 0)
        {
            os << kStatNames[i] << ' ' << m_stats[i] << '\n';
        }
    }
    for (RstReason reason : AllRstReasons())
    {
        if (GetSent(reason) != 0)
        {
            os << kSentPrefix << reason << ' ' << GetSent(reason) << '\n';
        }
        if (GetReceived(reason) != 0)
        {
            os << kReceivedPrefix << reason << ' ' << GetReceived(reason) << '\n';
        }
    }
}

TcpRstCounters
TcpRstCounters::Since(const TcpRstCounters& earlier) const
{
    TcpRstCounters delta;
    for (std::size_t i = 0; i < m_stats.size(); ++i)
    {
        delta.m_stats[i] = m_stats[i] - earlier.m_stats[i];
    }
    for (std::size_t i = 0; i < m_sent.size(); ++i)
    {
        delta.m_sent[i] = m_sent[i] - earlier.m_sent[i];
        delta.m_received[i] = m_received[i] - earlier.m_received[i];
    }
    return delta;
}

} // namespace ns3
