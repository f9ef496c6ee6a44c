/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_HOST_PROFILE_H
#define TCP_HOST_PROFILE_H

#include "tcp-challenge-ack-limit.h"

#include "ns3/nstime.h"
#include "ns3/type-id.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Whose defaults a tcp-rst host uses for everything that is not a reset policy.
 */
enum TcpHostProfileKind
{
    TCP_HOST_LINUX, //!< Linux 6.x: the values of TcpHostProfile ("HostProfile" default)
    TCP_HOST_NS3,   //!< ns-3's own TcpSocket defaults; every TcpHostProfile value is ignored
};

/**
 * \ingroup tcp-rst
 * \brief The Linux host profile of a node: ISNs, timestamps, timers, sizes. Each value is an
 * attribute of TcpRstL4Protocol named after what it models (the sysctl, where there is one);
 * the defaults are Linux 6.x's. They apply while the node's "HostProfile" is Linux.
 */
struct TcpHostProfile
{
    TcpHostProfileKind kind{TCP_HOST_LINUX}; //!< HostProfile
    bool secureIsn{true};                    //!< SecureIsn: secure_tcp_seq() ISNs (false: 0)
    Time isnClockTick{NanoSeconds(64)};      //!< IsnClockTick: ISN clock period
    bool timestampOffsets{true};             //!< TimestampOffsets: secure_tcp_ts_off()
    bool jiffyTimers{true};                  //!< JiffyTimers: module timers on the timer wheel
    uint32_t hz{250};                        //!< Hz: CONFIG_HZ
    Time initialRto{Seconds(1)};             //!< InitialRto: TCP_TIMEOUT_INIT
    uint32_t synRetries{6};                  //!< SynRetries: tcp_syn_retries
    uint32_t synLinearTimeouts{4};           //!< SynLinearTimeouts: tcp_syn_linear_timeouts
    uint32_t synAckRetries{5};               //!< SynAckRetries: tcp_synack_retries
    Time rtoMin{MilliSeconds(200)};          //!< RtoMin: tcp_rto_min_us
    Time rtoMax{Seconds(120)};               //!< RtoMax: tcp_rto_max_ms
    uint32_t retries2{15};                   //!< Retries2: tcp_retries2
    Time delayedAck{MilliSeconds(40)};       //!< DelayedAckTimeout: TCP_DELACK_MIN
    uint32_t quickAcks{16};                  //!< QuickAcks: TCP_MAX_QUICKACKS
    bool nagle{true};                        //!< Nagle: TCP_NODELAY off
    bool mssOption{true};                    //!< MssOption: MSS option, segment size from MTU
    bool linuxWindows{true};                 //!< LinuxWindows: tcp_select_initial_window()
    uint32_t rcvBufMax{32 * 1024 * 1024};    //!< RcvBufMax: tcp_rmem[2]
    uint32_t sndBufMax{4 * 1024 * 1024};     //!< SndBufMax: tcp_wmem[2]

    /// \return true when the Linux profile is on
    bool
    IsLinux() const
    {
        return kind == TCP_HOST_LINUX;
    }
};

/**
 * \ingroup tcp-rst
 * \brief Host knobs that hold under either profile (the behaviour they control does not exist
 * in stock ns-3): keepalive defaults and the limits on answers to invalid segments. Each is an
 * attribute of TcpRstL4Protocol named after its sysctl.
 */
struct TcpHostSysctls
{
    Time keepAliveTime{Seconds(7200)};        //!< KeepAliveTime: tcp_keepalive_time
    Time keepAliveIntvl{Seconds(75)};         //!< KeepAliveIntvl: tcp_keepalive_intvl
    uint32_t keepAliveProbes{9};              //!< KeepAliveProbes: tcp_keepalive_probes
    Time invalidRateLimit{MilliSeconds(500)}; //!< InvalidRateLimit: tcp_invalid_ratelimit
    uint32_t challengeAckLimit{2147483647U};  //!< ChallengeAckLimit: tcp_challenge_ack_limit
    TcpChallengeAckStyle challengeAckStyle{CHALLENGE_ACK_RANDOMIZED}; //!< ChallengeAckStyle
    uint32_t maxZeroWindowProbes{0}; //!< MaxZeroWindowProbes: 0 (Linux) = probe for ever
    Time persistMax{Time(0)};        //!< PersistMax: 0 (Linux) = RtoMax (TCP_RTO_MAX)
    uint32_t icmpLim{200};           //!< IcmpLim: net.inet.icmp.icmplim (ResetRateLimit)
    // The close path (policies TimeWait, Close, Orphans)
    Time timeWaitLength{Seconds(60)};            //!< TimeWaitLength: TCP_TIMEWAIT_LEN
    uint32_t maxTwBuckets{131072};               //!< MaxTwBuckets: tcp_max_tw_buckets
    bool rfc1337{false};                         //!< Rfc1337: tcp_rfc1337
    uint32_t maxOrphans{131072};                 //!< MaxOrphans: tcp_max_orphans
    uint32_t orphanRetries{0};                   //!< OrphanRetries: tcp_orphan_retries (0: 8)
    Time finTimeout{Seconds(60)};                //!< FinTimeout: tcp_fin_timeout
    Time orphanCacheInterval{MilliSeconds(100)}; //!< OrphanCacheInterval: TCP_ORPHAN_TIMER_PERIOD
    // The listener's queues (policy ListenQueues)
    uint32_t somaxConn{4096};     //!< SomaxConn: net.core.somaxconn
    uint32_t maxSynBacklog{2048}; //!< MaxSynBacklog: tcp_max_syn_backlog
    uint32_t synCookies{1};       //!< SynCookies: tcp_syncookies (0, 1, 2)
    bool abortOnOverflow{false};  //!< AbortOnOverflow: tcp_abort_on_overflow
};

/**
 * \ingroup tcp-rst
 * \brief Did the user change this attribute's default (Config::SetDefault, --ns3::...)? The
 * host profile then leaves it alone.
 * \param tid a TypeId (or a subclass of the one that declares the attribute)
 * \param name the attribute
 * \return true when its current default differs from the one ns-3 declared
 */
bool AttributeDefaultChangedByUser(TypeId tid, const std::string& name);

} // namespace ns3

#endif /* TCP_HOST_PROFILE_H */
