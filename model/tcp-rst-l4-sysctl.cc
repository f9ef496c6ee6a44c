/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TcpRstL4Protocol: host knobs that hold under either profile (keepalive defaults, limits on
// answers to invalid segments), and the node's challenge ACK budget.
#include "tcp-rst-l4-protocol.h"
#include "tcp-rst-ns3-version.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

// Binds an attribute to one field of m_sysctls.
#define TCP_RST_SYSCTL_FIELD(make, field)                                                          \
    make(&TcpRstL4Protocol::SetProfileField<&TcpHostSysctls::field>,                               \
         &TcpRstL4Protocol::GetProfileField<&TcpHostSysctls::field>)

void
TcpRstL4Protocol::AddHostSysctlAttributes(TypeId& tid)
{
    const TcpHostSysctls defaults;
    tid.AddAttribute("KeepAliveTime",
                     "tcp_keepalive_time: idle time before the first keepalive probe of a "
                     "socket with SO_KEEPALIVE (its KeepIdle, when set, wins). Range [1s, 32767s].",
                     TimeValue(defaults.keepAliveTime),
                     TCP_RST_SYSCTL_FIELD(MakeTimeAccessor, keepAliveTime),
                     MakeTimeChecker(Seconds(1), Seconds(32767)))
        .AddAttribute("KeepAliveIntvl",
                      "tcp_keepalive_intvl: time between keepalive probes (KeepIntvl wins). "
                      "Range [1s, 32767s].",
                      TimeValue(defaults.keepAliveIntvl),
                      TCP_RST_SYSCTL_FIELD(MakeTimeAccessor, keepAliveIntvl),
                      MakeTimeChecker(Seconds(1), Seconds(32767)))
        .AddAttribute("KeepAliveProbes",
                      "tcp_keepalive_probes: unanswered probes before the connection is reset "
                      "(TCP_KEEPALIVE_TIMEOUT) and ends with ETIMEDOUT (KeepCnt wins). "
                      "Range [1, 127].",
                      UintegerValue(defaults.keepAliveProbes),
                      TCP_RST_SYSCTL_FIELD(MakeUintegerAccessor, keepAliveProbes),
                      MakeUintegerChecker<uint32_t>(1, 127))
        .AddAttribute("InvalidRateLimit",
                      "tcp_invalid_ratelimit: a socket answers invalid segments (challenge ACKs, "
                      "duplicate ACKs to empty segments outside the window) at most once per "
                      "this time; 0: no limit. Range [0, 1h].",
                      TimeValue(defaults.invalidRateLimit),
                      TCP_RST_SYSCTL_FIELD(MakeTimeAccessor, invalidRateLimit),
                      MakeTimeChecker(Time(0), Seconds(3600)))
        .AddAttribute("ChallengeAckLimit",
                      "tcp_challenge_ack_limit: challenge ACKs the node sends per second; "
                      "2147483647 (Linux 6.x) means no limit; Linux 3.6-4.6 used 100, 4.7-5.x "
                      "1000. Range [0, 2147483647].",
                      UintegerValue(defaults.challengeAckLimit),
                      TCP_RST_SYSCTL_FIELD(MakeUintegerAccessor, challengeAckLimit),
                      MakeUintegerChecker<uint32_t>(0, TcpChallengeAckBudget::UNLIMITED))
        .AddAttribute(
            "ChallengeAckStyle",
            "How the per-second budget is drawn: Randomized (Linux 4.7+: a random "
            "budget in [limit/2, limit*3/2)) or Exact (Linux 3.6-4.6: exactly the "
            "limit, the counter CVE-2016-5696 used as a side channel).",
            TCP_RST_ENUM_VALUE(TcpChallengeAckStyle)(defaults.challengeAckStyle),
#if TCP_RST_NS3_MINOR >= 41
            TCP_RST_SYSCTL_FIELD(MakeEnumAccessor<TcpChallengeAckStyle>, challengeAckStyle),
#else
            TCP_RST_SYSCTL_FIELD(MakeEnumAccessor, challengeAckStyle),
#endif
            MakeEnumChecker(CHALLENGE_ACK_RANDOMIZED, "Randomized", CHALLENGE_ACK_EXACT, "Exact"))
        .AddAttribute("MaxZeroWindowProbes",
                      "The seed note's variant of a zero window (some stacks, not Linux): after "
                      "this many probes answered with a zero window the connection is reset "
                      "(R. seq=SND.NXT, reason ZERO_WINDOW_PROBES, ECONNRESET). 0 (Linux): "
                      "probe for as long as probes are answered. Applies under the Linux "
                      "profile. Range [0, 1000].",
                      UintegerValue(defaults.maxZeroWindowProbes),
                      TCP_RST_SYSCTL_FIELD(MakeUintegerAccessor, maxZeroWindowProbes),
                      MakeUintegerChecker<uint32_t>(0, 1000))
        .AddAttribute("PersistMax",
                      "The longest interval between zero-window probes as they back off: 0 "
                      "(Linux) means RtoMax (tcp_probe0_when() caps at TCP_RTO_MAX); macOS "
                      "caps at TCPTV_PERSMAX, 60 s. Applies under the Linux host profile. "
                      "Range [0, 1h].",
                      TimeValue(defaults.persistMax),
                      TCP_RST_SYSCTL_FIELD(MakeTimeAccessor, persistMax),
                      MakeTimeChecker(Time(0), Seconds(3600)))
        .AddAttribute("IcmpLim",
                      "net.inet.icmp.icmplim (FreeBSD 200): while the policy ResetRateLimit is "
                      "Bandlim, the node sends at most this many resets in reply to segments "
                      "in any second. Range [1, 1000000].",
                      UintegerValue(defaults.icmpLim),
                      TCP_RST_SYSCTL_FIELD(MakeUintegerAccessor, icmpLim),
                      MakeUintegerChecker<uint32_t>(1, 1000000))
        .AddAttribute("TimeWaitLength",
                      "TCP_TIMEWAIT_LEN: how long a TIME_WAIT entry lives, re-armed by a "
                      "retransmitted FIN (Linux: 60 s, fixed at compile time). Range [1ms, 1h].",
                      TimeValue(defaults.timeWaitLength),
                      TCP_RST_SYSCTL_FIELD(MakeTimeAccessor, timeWaitLength),
                      MakeTimeChecker(MilliSeconds(1), Seconds(3600)))
        .AddAttribute("MaxTwBuckets",
                      "tcp_max_tw_buckets: TIME_WAIT entries the node keeps; a connection that "
                      "would be one more goes straight to CLOSED (TcpExtTCPTimeWaitOverflow). "
                      "0: no TIME_WAIT at all. Range [0, 2147483647].",
                      UintegerValue(defaults.maxTwBuckets),
                      TCP_RST_SYSCTL_FIELD(MakeUintegerAccessor, maxTwBuckets),
                      MakeUintegerChecker<uint32_t>(0, 2147483647U))
        .AddAttribute("Rfc1337",
                      "tcp_rfc1337: TIME_WAIT ignores resets (RFC 1337 TIME_WAIT "
                      "assassination hazards); false (Linux default): a reset with seq = "
                      "RCV.NXT ends TIME_WAIT.",
                      BooleanValue(defaults.rfc1337),
                      TCP_RST_SYSCTL_FIELD(MakeBooleanAccessor, rfc1337),
                      MakeBooleanChecker())
        .AddAttribute("MaxOrphans",
                      "tcp_max_orphans: connections closed by their application the node keeps "
                      "before it resets them (policy Orphans). Range [0, 2147483647].",
                      UintegerValue(defaults.maxOrphans),
                      TCP_RST_SYSCTL_FIELD(MakeUintegerAccessor, maxOrphans),
                      MakeUintegerChecker<uint32_t>(0, 2147483647U))
        .AddAttribute("OrphanRetries",
                      "tcp_orphan_retries: retransmissions an orphan makes before it gives up "
                      "(instead of Retries2); 0 means 8 while the peer is alive. Range [0, 255].",
                      UintegerValue(defaults.orphanRetries),
                      TCP_RST_SYSCTL_FIELD(MakeUintegerAccessor, orphanRetries),
                      MakeUintegerChecker<uint32_t>(0, 255))
        .AddAttribute("FinTimeout",
                      "tcp_fin_timeout: how long an orphan waits in FIN_WAIT_2 for the peer's "
                      "FIN (at least 3.5 RTO). Range [1s, 1h].",
                      TimeValue(defaults.finTimeout),
                      TCP_RST_SYSCTL_FIELD(MakeTimeAccessor, finTimeout),
                      MakeTimeChecker(Seconds(1), Seconds(3600)))
        .AddAttribute("OrphanCacheInterval",
                      "TCP_ORPHAN_TIMER_PERIOD: the orphan limit reads a copy of the count "
                      "refreshed this often (Linux: 100 ms); 0: the exact count. Range [0, 10s].",
                      TimeValue(defaults.orphanCacheInterval),
                      TCP_RST_SYSCTL_FIELD(MakeTimeAccessor, orphanCacheInterval),
                      MakeTimeChecker(Time(0), Seconds(10)))
        .AddAttribute("SomaxConn",
                      "net.core.somaxconn: the most a listener's backlog can be; a listener "
                      "keeps min(Backlog, SomaxConn) + 1 completed connections waiting for "
                      "accept (policy ListenQueues). Range [1, 2147483647].",
                      UintegerValue(defaults.somaxConn),
                      TCP_RST_SYSCTL_FIELD(MakeUintegerAccessor, somaxConn),
                      MakeUintegerChecker<uint32_t>(1, 2147483647))
        .AddAttribute("MaxSynBacklog",
                      "tcp_max_syn_backlog: with SynCookies 0, a SYN is dropped once fewer than "
                      "a quarter of this many half-open requests are left (no peer counts as "
                      "proven: no tcp_metrics). The SYN queue itself is full at the listener's "
                      "backlog, as in Linux. Range [1, 2147483647].",
                      UintegerValue(defaults.maxSynBacklog),
                      TCP_RST_SYSCTL_FIELD(MakeUintegerAccessor, maxSynBacklog),
                      MakeUintegerChecker<uint32_t>(1, 2147483647))
        .AddAttribute("SynCookies",
                      "tcp_syncookies: 1 (Linux): a SYN that finds the SYN queue full is "
                      "answered with a cookie SYN-ACK and no state (TcpExtSyncookiesSent); the "
                      "connection is made when its ACK returns; 0: such SYNs are dropped "
                      "(TcpExtTCPReqQFullDrop); 2: every SYN gets a cookie. Range [0, 2].",
                      UintegerValue(defaults.synCookies),
                      TCP_RST_SYSCTL_FIELD(MakeUintegerAccessor, synCookies),
                      MakeUintegerChecker<uint32_t>(0, 2))
        .AddAttribute("AbortOnOverflow",
                      "tcp_abort_on_overflow: when the ACK (or data) completing a handshake "
                      "finds the accept queue full, true answers R. seq=SEG.ACK at once (reason "
                      "TCP_ABORT_ON_OVERFLOW); false (Linux default) drops it and keeps the "
                      "request, which retransmits its SYN-ACK until it expires.",
                      BooleanValue(defaults.abortOnOverflow),
                      TCP_RST_SYSCTL_FIELD(MakeBooleanAccessor, abortOnOverflow),
                      MakeBooleanChecker());
}

#undef TCP_RST_SYSCTL_FIELD

const TcpHostSysctls&
TcpRstL4Protocol::GetSysctls() const
{
    return m_sysctls;
}

bool
TcpRstL4Protocol::TakeChallengeAck()
{
    return m_challengeAcks.Take(Simulator::Now(),
                                m_sysctls.challengeAckLimit,
                                m_sysctls.challengeAckStyle,
                                [this](uint32_t min, uint32_t max)
                                { return m_random->GetInteger(min, max); });
}

} // namespace ns3
