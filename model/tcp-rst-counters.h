/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_COUNTERS_H
#define TCP_RST_COUNTERS_H

#include "rst-reason.h"

#include <array>
#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Per-node counters, named like Linux `nstat` so a simulation lines up with a kernel.
 */
enum class TcpStat : uint8_t
{
    OutRsts,             //!< TcpOutRsts: resets sent
    EstabResets,         //!< TcpEstabResets: ESTABLISHED/CLOSE_WAIT connections ended by a reset
    AttemptFails,        //!< TcpAttemptFails: SYN_SENT/SYN_RECV connections that failed
    InErrs,              //!< TcpInErrs: segments dropped as malformed
    InRsts,              //!< TcpExtTcpInRsts (module): resets received, whatever became of them
    RstsIgnored,         //!< TcpExtTcpRstsIgnored (module): resets received and dropped
    ChallengeAck,        //!< TcpExtTCPChallengeACK: challenge ACKs sent (RFC 5961)
    AbortOnData,         //!< TcpExtTCPAbortOnData
    AbortOnClose,        //!< TcpExtTCPAbortOnClose
    AbortOnLinger,       //!< TcpExtTCPAbortOnLinger
    AbortOnMemory,       //!< TcpExtTCPAbortOnMemory
    AbortOnTimeout,      //!< TcpExtTCPAbortOnTimeout
    OptionsIgnored,      //!< TcpExtTcpOptionsIgnored (module): segments with malformed options
    SynChallenge,        //!< TcpExtTCPSYNChallenge: challenge ACKs sent for a SYN (RFC 5961 4)
    EmbryonicRsts,       //!< TcpExtEmbryonicRsts: half-open connections reset by a segment
    AckSkippedChallenge, //!< TcpExtTCPACKSkippedChallenge: challenge ACKs rate-limited
    AckSkippedSeq,    //!< TcpExtTCPACKSkippedSeq: duplicate ACKs to out-of-window segments limited
    KeepAlive,        //!< TcpExtTCPKeepAlive: keepalive probes sent
    TimeWaited,       //!< TcpExtTW: connections that entered TIME_WAIT (or orphan FIN_WAIT_2)
    TimeWaitOverflow, //!< TcpExtTCPTimeWaitOverflow: no entry, tcp_max_tw_buckets reached
    PawsTimewait,     //!< TcpExtPAWSTimewait: segments to TIME_WAIT that failed PAWS
    AckSkippedTimeWait, //!< TcpExtTCPACKSkippedTimeWait: TIME_WAIT ACKs rate-limited
    AckSkippedFinWait2, //!< TcpExtTCPACKSkippedFinWait2: orphan FIN_WAIT_2 ACKs rate-limited
    ListenOverflows,    //!< TcpExtListenOverflows: SYN or completing ACK met a full accept queue
    ListenDrops,        //!< TcpExtListenDrops: segments a listener dropped (overflows included)
    ReqQFullDrop,       //!< TcpExtTCPReqQFullDrop: SYN dropped, SYN queue full, no cookies
    ReqQFullDoCookies,  //!< TcpExtTCPReqQFullDoCookies: SYN answered with a cookie
    SyncookiesSent,     //!< TcpExtSyncookiesSent: cookie SYN-ACKs sent
    SyncookiesRecv,     //!< TcpExtSyncookiesRecv: valid cookies received
    SyncookiesFailed,   //!< TcpExtSyncookiesFailed: ACKs to a listener that were no valid cookie
    BlackholeDrops,     //!< TcpExtTcpBlackholeDrops (module): closed-port segments unanswered
    RstRateLimited,     //!< TcpExtTcpRstRateLimited (module): replies suppressed by IcmpLim
};

/// Number of TcpStat values.
constexpr std::size_t TCP_STAT_COUNT = static_cast<std::size_t>(TcpStat::RstRateLimited) + 1;

/**
 * \ingroup tcp-rst
 * \brief Counters of one node: nstat-style totals plus resets sent and received per reason.
 */
class TcpRstCounters
{
  public:
    /// \param stat counter to increment
    void Increment(TcpStat stat);
    /// \param reason reason of a reset this node sent
    void CountSent(RstReason reason);
    /// \param reason reason (from its tag) of a reset this node received
    void CountReceived(RstReason reason);

    /// \param stat a counter \return its value
    uint64_t Get(TcpStat stat) const;
    /// \param reason a reason \return resets sent with it
    uint64_t GetSent(RstReason reason) const;
    /// \param reason a reason \return resets received with it
    uint64_t GetReceived(RstReason reason) const;

    /**
     * \param name an nstat name (e.g. "TcpOutRsts") or "RstSent.<REASON>" / "RstReceived.<REASON>"
     * \param[out] value the value when the name is known
     * \return true when the name is known
     */
    bool Lookup(const std::string& name, uint64_t* value) const;

    /**
     * \param earlier the same node's counters at an earlier time
     * \return what was counted since then
     */
    TcpRstCounters Since(const TcpRstCounters& earlier) const;

    /// \param stat a counter \return its nstat name, e.g. "TcpExtTCPAbortOnClose"
    static const char* Name(TcpStat stat);

    /**
     * \brief Write the non-zero counters, one "name value" per line, like `nstat`.
     * \param os output stream
     */
    void Print(std::ostream& os) const;

  private:
    std::array<uint64_t, TCP_STAT_COUNT> m_stats{};      //!< nstat totals
    std::array<uint64_t, RST_REASON_COUNT> m_sent{};     //!< resets sent per reason
    std::array<uint64_t, RST_REASON_COUNT> m_received{}; //!< resets received per reason
};

} // namespace ns3

#endif /* TCP_RST_COUNTERS_H */
