/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The stack profiles: which value each policy and knob takes on Linux 6.x (the defaults),
// Linux 4.4, stock ns-3, FreeBSD 14, macOS and Windows, each value with its source.
#include "tcp-stack-profile.h"

#include "resolved-attribute.h"
#include "tcp-rst-policies.h"

#include "ns3/type-id.h"

#include <algorithm>
#include <iomanip>
#include <map>
#include <stdexcept>

namespace ns3
{

namespace
{
const std::string kHost = "ns3::TcpRstL4Protocol";
const std::string kSocket = "ns3::TcpRstSocket";

TcpStackProfile
Linux()
{
    return {"Linux",
            "Linux 6.x as captured in the project's ground truth (every attribute's default)",
            {},
            {}};
}

// Linux 4.4 as released (January 2016), before the CVE-2016-5696 fix of 4.7.
TcpStackProfile
Linux44()
{
    return {"Linux-4.4",
            "Linux 4.4 as first released: the global challenge ACK limit of CVE-2016-5696",
            {{kHost,
              "ChallengeAckLimit",
              "100",
              "v4.4 net/ipv4/tcp_input.c sysctl_tcp_challenge_ack_limit = 100 (1000 from 4.7, "
              "no limit from 6.0)"},
             {kHost,
              "ChallengeAckStyle",
              "Exact",
              "v4.4 tcp_send_challenge_ack(): exactly the limit each second (randomized in 4.7, "
              "commit 75ff39ccc1bd, CVE-2016-5696)"},
             {kHost,
              "SynLinearTimeouts",
              "0",
              "tcp_syn_linear_timeouts does not exist in 4.4 (Documentation/networking/"
              "ip-sysctl.rst): SYN retransmissions back off from the first"},
             {kHost,
              "TimestampOffsets",
              "false",
              "v4.4 tcp_time_stamp: TSval is the clock with no offset (tsoffset and "
              "secure_tcp_ts_off() came in 4.10 and 4.13)"},
             {kHost,
              "SomaxConn",
              "128",
              "v4.4 include/linux/socket.h SOMAXCONN 128 (4096 from 5.4, commit 19f92a030ca6)"}},
            {"TSval clock: 4.4 counts jiffies (HZ), the model counts milliseconds",
             "tcp_max_syn_backlog: 4.4 sizes it from memory (at least 128); 2048 kept"}};
}

// Unmodified ns-3: every policy at its stock value, ns-3's own socket defaults.
TcpStackProfile
Ns3()
{
    TcpStackProfile profile{
        "Ns3",
        "unmodified ns-3 3.37 (TcpSocketBase, TcpL4Protocol), for comparison",
        {{kHost, "HostProfile", "Ns3", "ns-3's own TcpSocket defaults for ISNs, timers and sizes"}},
        {}};
    for (const TcpRstPolicyInfo& info : TcpRstPolicyTable())
    {
        profile.settings.push_back({info.TypeName(),
                                    info.name,
                                    info.ChoiceName(info.stockValue),
                                    "ns-3 3.37 src/internet/model/tcp-socket-base.cc"});
    }
    return profile;
}

/// The keepalive timers BSD stacks share (tcp_timer.h, from 4.4BSD), with \p header the file.
std::vector<TcpStackSetting>
BsdKeepalive(const std::string& header, const std::string& countSysctl)
{
    return {{kHost, "KeepAliveTime", "7200s", header + "TCPTV_KEEP_IDLE 120 min"},
            {kHost, "KeepAliveIntvl", "75s", header + "TCPTV_KEEPINTVL 75 s"},
            {kHost, "KeepAliveProbes", "8", header + "TCPTV_KEEPCNT 8" + countSysctl}};
}

/// \return \p profile with \p more appended to its settings
TcpStackProfile
With(TcpStackProfile profile, const std::vector<TcpStackSetting>& more)
{
    profile.settings.insert(profile.settings.end(), more.begin(), more.end());
    return profile;
}

TcpStackProfile
FreeBsd()
{
    const std::string timer = "sys/netinet/tcp_timer.h ";
    TcpStackProfile profile{
        "FreeBSD",
        "FreeBSD 14.x with its default sysctls",
        {{kHost,
          "Blackhole",
          "Off",
          "net.inet.tcp.blackhole defaults to 0 (blackhole(4)); 1 (Syn) and 2 (All) are "
          "the Blackhole attribute"},
         {kHost,
          "ResetRateLimit",
          "Bandlim",
          "sys/netinet/tcp_input.c tcp_dropwithreset() -> badport_bandlim()"},
         {kHost, "IcmpLim", "200", "sys/netinet/ip_icmp.c V_icmplim = 200 (net.inet.icmp.icmplim)"},
         {kSocket,
          "RstValidation",
          "Rfc5961",
          "net.inet.tcp.insecure_rst=0 (tcp_input.c): an inexact in-window reset gets a "
          "challenge ACK; 1 is RstValidation Rfc793"},
         {kSocket,
          "SynValidation",
          "Rfc5961",
          "net.inet.tcp.insecure_syn=0 (tcp_input.c): a SYN gets a challenge ACK; 1 is "
          "SynValidation Rfc793"},
         {kHost,
          "SynAckRetries",
          "3",
          "sys/netinet/tcp_syncache.c SYNCACHE_MAXREXMTS 3 (net.inet.tcp.syncache.rexmtlimit)"},
         {kHost,
          "TimeWaitLength",
          "60s",
          "2 x MSL, " + timer + "TCPTV_MSL 30 s (net.inet.tcp.msl)"},
         {kHost,
          "Rfc1337",
          "true",
          "sys/netinet/tcp_timewait.c tcp_twcheck(): every reset to TIME_WAIT is dropped "
          "(Stevens vol. 2 p. 964, RFC 1337)"},
         {kHost,
          "AbortOnOverflow",
          "true",
          "net.inet.tcp.syncache.rst_on_sock_fail=1 (tcp_syncache.c): a handshake that finds "
          "the listen queue full is answered with a reset"},
         {kHost, "SomaxConn", "128", "kern.ipc.soacceptqueue, SOMAXCONN 128 (sys/sys/socket.h)"}},
        {"the listen queue holds 1.5 x backlog and SYNs are admitted while it is full "
         "(sonewconn()): Linux's queues kept",
         "challenge ACKs limited per connection (net.inet.tcp.ack_war_timewindow, "
         "ack_war_cnt): Linux's InvalidRateLimit kept",
         "a connection that gives up retransmitting sends a reset (tcp_drop()): Linux's "
         "silent ETIMEDOUT kept",
         "RTO bounds and retransmission count (rexmit_min 30 ms, TCPTV_REXMTMAX 64 s, "
         "TCP_MAXRXTSHIFT 12): Linux's kept"}};
    return With(profile, BsdKeepalive(timer, " (net.inet.tcp.keepcnt)"));
}

TcpStackProfile
MacOs()
{
    const std::string timer = "xnu bsd/netinet/tcp_timer.h ";
    TcpStackProfile profile{
        "macOS",
        "macOS (xnu) with its default sysctls",
        {{kHost,
          "TimeWaitLength",
          "30s",
          "2 x MSL, " + timer + "TCPTV_MSL 15 s (net.inet.tcp.msl 15000)"},
         {kHost, "PersistMax", "60s", timer + "TCPTV_PERSMAX 60 s"},
         {kHost,
          "Rfc1337",
          "true",
          "xnu bsd/netinet/tcp_input.c: a reset reaching TIME_WAIT is dropped"},
         {kHost, "SomaxConn", "128", "xnu bsd/sys/socket.h SOMAXCONN 128"}},
        {"challenge ACKs limited to 10 per connection per second "
         "(net.inet.tcp.challengeack_limit): Linux's InvalidRateLimit kept",
         "reset rate limit (net.inet.icmp.icmplim): its default is not sourced, "
         "ResetRateLimit None kept",
         "SYN and SYN-ACK retransmission counts: Linux's kept"}};
    return With(profile, BsdKeepalive(timer, ""));
}

TcpStackProfile
Windows()
{
    const std::string registry = "Microsoft TCP/IP registry documentation: ";
    return {
        "Windows",
        "Windows 10/11 and Server, default registry values",
        {{kSocket,
          "DataAfterShutdown",
          "Windows",
          "Winsock shutdown() documentation: with SD_RECEIVE, data that arrives afterwards "
          "resets the connection"},
         {kSocket,
          "BacklogOverflow",
          "Reset",
          "Winsock listen() documentation: a connection request that finds the queue full "
          "gets WSAECONNREFUSED"},
         {kHost, "KeepAliveTime", "7200s", registry + "KeepAliveTime 7 200 000 ms"},
         {kHost, "KeepAliveIntvl", "1s", registry + "KeepAliveInterval 1000 ms"},
         {kHost,
          "KeepAliveProbes",
          "10",
          "SIO_KEEPALIVE_VALS documentation: 10 probes from Windows Vista on, not settable"},
         {kHost, "TimeWaitLength", "240s", registry + "TcpTimedWaitDelay 0xF0 (240 s, 2 x MSL)"},
         {kHost,
          "SynRetries",
          "2",
          registry + "TcpMaxConnectRetransmissions 2 (netsh: Max SYN Retransmissions)"},
         {kHost,
          "SynAckRetries",
          "2",
          registry + "TcpMaxConnectResponseRetransmissions 2 (documented for Server 2003; "
                     "assumed unchanged)"}},
        {"RFC 5961 (resets and SYNs in the window): no vendor statement found; Linux's "
         "Rfc5961 kept (assumption)",
         "initial and minimum RTO (1 s, 300 ms) and the backlog limit (SOMAXCONN 200): "
         "Linux's kept"}};
}

std::vector<TcpStackProfile>
BuildProfiles()
{
    return {Linux(), Linux44(), Ns3(), FreeBsd(), MacOs(), Windows()};
}

/// The value a profile gives an attribute: its setting, or Linux's default.
std::string
CellOf(const TcpStackProfile& profile, const std::string& type, const std::string& name)
{
    ResolvedAttribute attribute(TypeId::LookupByName(type), name);
    for (const TcpStackSetting& s : profile.settings)
    {
        if (s.type == type && s.attribute == name)
        {
            return attribute.Text(*attribute.Parse(s.value));
        }
    }
    return attribute.OriginalDefault();
}

} // namespace

const std::vector<TcpStackProfile>&
TcpStackProfiles()
{
    static const std::vector<TcpStackProfile> profiles = BuildProfiles();
    return profiles;
}

std::string
StackProfileNames()
{
    std::string names;
    for (const TcpStackProfile& p : TcpStackProfiles())
    {
        names += (names.empty() ? "" : ", ") + p.name;
    }
    return names;
}

const TcpStackProfile&
FindStackProfile(const std::string& name)
{
    for (const TcpStackProfile& p : TcpStackProfiles())
    {
        if (p.name == name)
        {
            return p;
        }
    }
    throw std::invalid_argument("unknown stack profile '" + name +
                                "'; allowed: " + StackProfileNames());
}

TcpStackSettings::TcpStackSettings(const TcpStackProfile& profile, const std::string& type)
{
    TypeId tid = TypeId::LookupByName(type);
    for (const TcpStackSetting& s : profile.settings)
    {
        if (s.type != type)
        {
            continue;
        }
        ResolvedAttribute attribute(tid, s.attribute);
        Ptr<const AttributeValue> value = attribute.Parse(s.value);
        const auto& table = TcpRstPolicyTable();
        auto policy = std::find_if(table.begin(),
                                   table.end(),
                                   [&s](const TcpRstPolicyInfo& info) {
                                       return info.TypeName() == s.type && info.name == s.attribute;
                                   });
        int v = 0;
        if (policy != table.end() && policy->readValue(*value, &v))
        {
            m_policies.emplace_back(policy->id, v);
            continue;
        }
        m_settings.emplace_back(std::move(attribute), value);
    }
}

void
TcpStackSettings::Apply(ObjectBase* object, TcpRstPolicySet& policies)
{
    // A policy is an int8 of the object's set: a comparison with its Linux default tells
    // whether anyone set it, at no cost per socket beyond that.
    for (const auto& [id, value] : m_policies)
    {
        if (policies.Get(id) == GetPolicyInfo(id).linuxValue)
        {
            policies.Set(id, value);
        }
    }
    for (auto& [attribute, value] : m_settings)
    {
        if (!attribute.ChangedByUser())
        {
            attribute.Set(object, *value);
        }
    }
}

bool
TcpStackSettings::IsEmpty() const
{
    return m_policies.empty() && m_settings.empty();
}

void
PrintStackProfileTable(std::ostream& os, bool rst)
{
    const std::vector<TcpStackProfile>& profiles = TcpStackProfiles();
    // Rows: every policy, then every knob some profile sets, in the order first met.
    std::vector<std::pair<std::string, std::string>> rows;
    for (const TcpRstPolicyInfo& info : TcpRstPolicyTable())
    {
        rows.emplace_back(info.TypeName(), info.name);
    }
    for (const TcpStackProfile& p : profiles)
    {
        for (const TcpStackSetting& s : p.settings)
        {
            std::pair<std::string, std::string> row{s.type, s.attribute};
            if (std::find(rows.begin(), rows.end(), row) == rows.end())
            {
                rows.push_back(row);
            }
        }
    }
    if (rst)
    {
        os << ".. list-table:: Stack profiles (generated by ``./tcp-rst profiles --rst``)\n"
           << "   :header-rows: 1\n\n   * - attribute\n";
        for (const TcpStackProfile& p : profiles)
        {
            os << "     - " << p.name << '\n';
        }
        for (const auto& [type, name] : rows)
        {
            os << "   * - ``" << (type == kHost ? "L4" : "Socket") << "::" << name << "``\n";
            for (const TcpStackProfile& p : profiles)
            {
                os << "     - " << CellOf(p, type, name) << '\n';
            }
        }
        os << '\n';
        for (const TcpStackProfile& p : profiles)
        {
            os << "``" << p.name << "``: " << p.description << ".\n\n";
            for (const TcpStackSetting& s : p.settings)
            {
                if (p.name != "Ns3")
                {
                    os << "- ``" << s.attribute << " = " << s.value << "``: " << s.source << '\n';
                }
            }
            if (p.name == "Ns3")
            {
                os << "- every policy at its stock value, ``HostProfile = Ns3``: "
                   << p.settings.front().source << '\n';
            }
            for (const std::string& kept : p.keptLinux)
            {
                os << "- kept at Linux's: " << kept << '\n';
            }
            os << '\n';
        }
        return;
    }
    const int width = 22;
    os << std::left << std::setw(width + 8) << "attribute";
    for (const TcpStackProfile& p : profiles)
    {
        os << std::setw(11) << p.name;
    }
    os << '\n';
    for (const auto& [type, name] : rows)
    {
        os << std::setw(width + 8) << ((type == kHost ? "L4::" : "Socket::") + name);
        for (const TcpStackProfile& p : profiles)
        {
            os << std::setw(11) << CellOf(p, type, name);
        }
        os << '\n';
    }
    os << "\nL4 = ns3::TcpRstL4Protocol (per node), Socket = ns3::TcpRstSocket. Sources: "
          "./tcp-rst profiles --rst, or the doc.\n";
}

} // namespace ns3
