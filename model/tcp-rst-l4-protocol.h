/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_L4_PROTOCOL_H
#define TCP_RST_L4_PROTOCOL_H

#include "linux-timer-wheel.h"
#include "rst-reason.h"
#include "tcp-challenge-ack-limit.h"
#include "tcp-flow-key.h"
#include "tcp-flow-table.h"
#include "tcp-host-profile.h"
#include "tcp-orphan-count.h"
#include "tcp-reset-event.h"
#include "tcp-reset-rate-limit.h"
#include "tcp-rst-counters.h"
#include "tcp-rst-policies.h"
#include "tcp-secure-sequence.h"
#include "tcp-stack-profile.h"
#include "tcp-syn-cookie.h"
#include "tcp-time-wait.h"

#include "ns3/random-variable-stream.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

class TcpRstSocket;

/**
 * \ingroup tcp-rst
 * \brief The per-node TCP of tcp-rst: a TcpL4Protocol whose sockets are TcpRstSocket, whose
 * host-wide knobs are attributes named after the Linux sysctls, and through which every reset
 * the node sends leaves (SendReset()), attributed to a RstReason, traced and counted.
 *
 * Installed by TcpRstHelper::Install(): through InternetStackHelper::SetTcp() up to ns-3.38,
 * aggregated to the node before InternetStackHelper::Install() from 3.39 on.
 * It aggregates a TcpRstSocketFactory to the node, so BulkSend, PacketSink, OnOff and
 * Socket::CreateSocket(node, TcpSocketFactory::GetTypeId()) all get TcpRstSocket.
 *
 * Segments that find no connection are answered here (Linux tcp_v4_rcv(), `no_tcp_socket`):
 * the stock reply of TcpL4Protocol::NoEndPointsFound() is withheld and replaced by the reply
 * the "NoSocketReply" policy selects.
 */
class TcpRstL4Protocol : public TcpL4Protocol
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    TcpRstL4Protocol();
    ~TcpRstL4Protocol() override;

    /**
     * \brief Create a TcpRstSocket the way TcpL4Protocol::CreateSocket() creates its sockets
     * (RTT estimator, congestion control and recovery from this object's attributes).
     * \return the socket
     */
    Ptr<Socket> CreateRstSocket();

    /**
     * \brief The one exit for every reset this node sends: tags it with its reason, fires
     * ResetSent, counts it, and hands it to IP.
     * \param reason why
     * \param reset the reset's TCP header (RST flag set)
     * \param from local address (IP address, or socket address whose port is ignored)
     * \param to peer address (likewise)
     * \param oif output interface, or null to let routing choose
     */
    void SendReset(RstReason reason,
                   const TcpHeader& reset,
                   const Address& from,
                   const Address& to,
                   Ptr<NetDevice> oif = nullptr);

    /**
     * \brief Answer a segment with the reset of Linux tcp_v4_send_reset() (NoSocketResetShape()).
     * Callers never pass a reset: a reset is never answered (RFC 9293 3.10.7.1). Like every
     * reply, it is subject to the policy ResetRateLimit.
     * \param reason why
     * \param offending the segment's header
     * \param payloadSize the segment's payload length
     * \param offendingSource the segment's source (IP or socket address)
     * \param offendingDestination the segment's destination, this node (IP or socket address)
     */
    void ReplyWithReset(RstReason reason,
                        const TcpHeader& offending,
                        uint32_t payloadSize,
                        const Address& offendingSource,
                        const Address& offendingDestination);

    /**
     * \brief Policy "Blackhole": does this segment, which found no connection, go unanswered?
     * Counts it (TcpExtTcpBlackholeDrops) when it does.
     * \param segment the segment's header
     * \return true: send nothing
     */
    bool BlackholeDrops(const TcpHeader& segment);

    /**
     * \brief Record a reset that reached this node: fires ResetReceived and counts it.
     * \param packet the segment (its TcpRstReasonTag, if any, names the sender's reason)
     * \param reset its TCP header
     * \param source source IP address
     * \param destination destination IP address
     * \param disposition what was done with it
     */
    void NotifyResetReceived(Ptr<const Packet> packet,
                             const TcpHeader& reset,
                             const Address& source,
                             const Address& destination,
                             RstDisposition disposition);

    /**
     * \brief Give the node a stack profile (TcpStackProfiles()): its knobs and host-wide
     * policies are set now, its socket policies on every socket it creates; an attribute whose
     * default the user changed keeps the user's value. The attribute "StackProfile".
     * \param name "Linux", "Linux-4.4", "Ns3", "FreeBSD", "macOS" or "Windows"
     * \throws std::invalid_argument for an unknown name, or when the node already runs another
     * non-Linux profile (a node runs one stack)
     * \throws std::logic_error when the node already has sockets
     */
    void SetStackProfile(const std::string& name);
    /// \return the node's stack profile ("Linux" unless set)
    std::string GetStackProfile() const;

    /// \return this node's counters
    TcpRstCounters& GetCounters();
    /// \return this node's counters
    const TcpRstCounters& GetCounters() const;

    /**
     * \param id a host-wide policy
     * \return its value on this node (e.g. TcpRstBehaviour::LINUX)
     */
    int GetPolicy(TcpRstPolicy id) const;

    /// \return TCP_TIMEOUT_MIN (the "TimeoutMin" attribute)
    Time GetTimeoutMin() const;

    /// \return the host profile (Linux values, or which are ignored under Ns3)
    const TcpHostProfile& GetHostProfile() const;
    /// \return true while the "HostProfile" attribute is Linux
    bool IsLinuxHost() const;
    /// \return the host knobs that hold under either profile (keepalive, answer limits)
    const TcpHostSysctls& GetSysctls() const;

    /**
     * \brief Linux tcp_send_challenge_ack(), the per-node budget (ChallengeAckLimit).
     * \return true when a challenge ACK may be sent now (counted); false: skip it
     */
    bool TakeChallengeAck();

    /**
     * \brief The ISN of a new connection (Linux secure_tcp_seq()), or 0 when "SecureIsn" is
     * false or the profile is Ns3.
     * \param local local IP address \param localPort local port
     * \param peer peer IP address \param peerPort peer port
     * \return the ISN
     */
    SequenceNumber32 InitialSequenceNumber(const Address& local,
                                           uint16_t localPort,
                                           const Address& peer,
                                           uint16_t peerPort);

    /**
     * \param local local IP address \param peer peer IP address
     * \return the TSval this node puts on a segment to \p peer now (Linux tcp_clock_ms() plus
     * secure_tcp_ts_off())
     */
    uint32_t GetTimestampValue(const Address& local, const Address& peer);

    /**
     * \param timeout a timeout
     * \return when a Linux timer armed now with it fires (LinuxTimerWheel), relative to now
     */
    Time TimerDelay(Time timeout);

    /**
     * \param local a local IP (or socket) address
     * \return the MSS this node announces from it: the interface MTU minus the IP and TCP
     * headers (1460 for Ethernet's 1500 over IPv4)
     */
    uint32_t GetAdvertisedMss(const Address& local) const;

    /**
     * \brief Mark the next data segment this node sends with PSH (Linux tcp_mark_push(): the
     * last segment of what the application has written). Called by the sending socket just
     * before the segment leaves.
     * \param push whether it ends the data written so far
     */
    void SetPushOnNextSegment(bool push);

    /**
     * \brief Assign a fixed random stream to the host's secrets (ISN and timestamp keys,
     * jiffy phase).
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * \brief Lose every connection of this node without a segment on the wire, as a crashed
     * host does: sockets go to CLOSED, their ports are freed, applications are not told.
     * \return how many sockets were discarded
     */
    uint32_t DiscardAllSockets();

    /**
     * \brief The host crashes: its TCP goes silent at once (nothing sent, everything arriving
     * dropped) and every connection is lost without a segment (DiscardAllSockets()).
     * \throws std::logic_error when the host is already down
     */
    void Crash();

    /**
     * \brief Linux tcp_time_wait(): keep what is left of a closed connection as a timewait
     * entry of this node (TIME_WAIT, or an orphan's FIN_WAIT_2).
     * \param state the connection's numbers
     * \param local local socket address (InetSocketAddress or Inet6SocketAddress)
     * \param peer peer socket address
     * \param timeout how long the entry lives
     * \return false when the node already has MaxTwBuckets entries (TcpExtTCPTimeWaitOverflow):
     * the connection is simply gone
     */
    bool EnterTimeWait(const TcpTimeWaitState& state,
                       const Address& local,
                       const Address& peer,
                       Time timeout);
    /// \return the node's timewait entries (what `ss state time-wait` would list, and orphans
    /// in FIN_WAIT_2)
    uint32_t GetTimeWaitCount() const;
    /**
     * \param local local socket address \param peer peer socket address
     * \return the timewait entry of that 4-tuple, or nullptr
     */
    const TcpTimeWaitState* FindTimeWait(const Address& local, const Address& peer) const;
    /**
     * \brief Destroy every TIME_WAIT connection of the node without a segment, as
     * `ss -K state time-wait` does (also TcpRstSockets left in TIME_WAIT by the Stock policy).
     * \return how many
     */
    uint32_t KillTimeWait();
    /**
     * \brief The ISN a listener must give the connection that reuses a TIME_WAIT 4-tuple.
     * \param local local socket address \param peer peer socket address
     * \return tw_snd_nxt + 65537 once, right after the SYN was accepted; otherwise nothing
     */
    std::optional<SequenceNumber32> TakeTimeWaitIsn(const Address& local, const Address& peer);
    /**
     * \param local local socket address \param peer peer socket address
     * \return true when a SYN from \p peer would reopen a TIME_WAIT 4-tuple (tcp_tw_isn)
     */
    bool HasTimeWaitIsn(const Address& local, const Address& peer) const;

    /**
     * \brief cookie_v4_init_sequence(): the ISN of a cookie SYN-ACK.
     * \param local local socket address \param peer peer socket address
     * \param peerIsn the SYN's sequence number \param mssIndex TcpSynCookie::MssIndex()
     * \return the cookie
     */
    SequenceNumber32 MakeSynCookie(const Address& local,
                                   const Address& peer,
                                   SequenceNumber32 peerIsn,
                                   uint32_t mssIndex);
    /**
     * \brief __cookie_v4_check(): the MSS index an ACK's cookie carries.
     * \param local local socket address \param peer peer socket address
     * \param seq the ACK's SEG.SEQ \param ack its SEG.ACK
     * \return the index, or nothing for a stale or forged cookie
     */
    std::optional<uint32_t> CheckSynCookie(const Address& local,
                                           const Address& peer,
                                           SequenceNumber32 seq,
                                           SequenceNumber32 ack);
    /**
     * \brief cookie_init_timestamp(): the next SYN-ACK sent carries these options in the low
     * bits of its TSval (Linux profile); nothing: a normal TSval.
     * \param options the options
     */
    void SetCookieTimestamp(std::optional<TcpSynCookie::Options> options);
    /**
     * \brief While on, the next segment the node's sockets send is dropped before IP (a
     * connection rebuilt from a SYN cookie builds the SYN-ACK that left long ago).
     * \param on discard the next segment
     */
    void DiscardNextSegment(bool on);

    /**
     * \brief A connected IPv4 socket: segments of its 4-tuple reach it through a hash table
     * (attribute FastDemux) instead of ns-3's scan over every endpoint.
     * \param socket the socket, registered under its GetFlowKey()
     */
    void RegisterConnection(TcpRstSocket* socket);
    /// \param socket a registered socket, before its key changes \brief it is gone
    void UnregisterConnection(TcpRstSocket* socket);
    /**
     * \brief A socket holds an IPv4 endpoint that is not a registered connection (a listener,
     * a bound or device-bound socket): a segment that matches no connection on that port may be
     * for it. With every such socket known, a port that has exactly one is answered without
     * ns-3's scan (Linux __inet_lookup_listener(): the listening hash).
     * \param socket the socket \param port its local port
     * \return false when FastDemux is off (nothing was recorded)
     */
    bool AddUnconnected(TcpRstSocket* socket, uint16_t port);
    /// \param socket a socket recorded by AddUnconnected() \param port its port \brief forget it
    void RemoveUnconnected(TcpRstSocket* socket, uint16_t port);
    /// \return segments delivered without ns-3's scan so far (a connection or a sole listener)
    uint64_t GetFastDemuxHits() const;

    /// \brief A connection was closed by its application and is not gone yet.
    void AddOrphan();
    /// \brief An orphan is gone.
    void RemoveOrphan();
    /// \return the node's orphans now (the trace source OrphanCount)
    uint32_t GetOrphanCount() const;
    /**
     * \brief Linux tcp_too_many_orphans(): the cached count, shifted, is above MaxOrphans.
     * \param shift penalty of tcp_out_of_resources() (0, 1 or 2)
     * \return true when the orphan limit is exceeded
     */
    bool TooManyOrphans(uint32_t shift);

    /**
     * \brief The host boots again: TCP answers again, with no connections; new secrets (ISN
     * and timestamp keys, as a Linux boot draws them) and a timestamp clock counting from now.
     * Applications are the caller's to restart.
     * \throws std::logic_error when the host is up
     */
    void Reboot();

    /// \return false between Crash() and Reboot()
    bool IsUp() const;

    /// \return the live TcpRstSocket objects of this node
    std::vector<Ptr<TcpRstSocket>> GetSockets() const;

    // From IpL4Protocol
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv4Header& incomingIpHeader,
                                   Ptr<Ipv4Interface> incomingInterface) override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv6Header& incomingIpHeader,
                                   Ptr<Ipv6Interface> incomingInterface) override;
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;

    /**
     * TracedCallback signature for ResetSent and ResetReceived.
     * \param event the reset
     */
    typedef void (*ResetTracedCallback)(const TcpResetEvent& event);

  protected:
    void NotifyNewAggregate() override;
    void DoDispose() override;

  private:
    static TcpRstPolicySet* PolicySetOf(ObjectBase* object);

    /// A segment IP was asked to send while TcpL4Protocol::Receive() ran.
    struct HeldSegment
    {
        Ptr<Packet> packet;    //!< the segment
        Address source;        //!< IP source
        Address destination;   //!< IP destination
        uint8_t protocol;      //!< protocol number
        Ptr<Ipv4Route> route;  //!< IPv4 route (IPv4 segments)
        Ptr<Ipv6Route> route6; //!< IPv6 route (IPv6 segments)
        bool ipv6;             //!< which down target
    };

    /// The struct a pointer to member belongs to, and the member's type.
    template <typename T>
    struct MemberOf;

    template <typename C, typename V>
    struct MemberOf<V C::*>
    {
        using Class = C; //!< TcpHostProfile or TcpHostSysctls
        using Value = V; //!< the field's type
    };

    /// \return the struct holding the fields of \p Field's kind
    template <auto Field>
    auto&
    Knobs()
    {
        if constexpr (std::is_same_v<typename MemberOf<decltype(Field)>::Class, TcpHostProfile>)
        {
            return m_profile;
        }
        else
        {
            return m_sysctls;
        }
    }

    template <auto Field>
    typename MemberOf<decltype(Field)>::Value
    GetProfileField() const
    {
        return const_cast<TcpRstL4Protocol*>(this)->Knobs<Field>().*Field;
    }

    template <auto Field>
    void
    SetProfileField(typename MemberOf<decltype(Field)>::Value value)
    {
        Knobs<Field>().*Field = value;
        m_wheel.hz = m_profile.hz;
        m_wheel.enabled = m_profile.jiffyTimers;
    }

    static void AddHostProfileAttributes(TypeId& tid);
    static void AddHostSysctlAttributes(TypeId& tid);
    void DrawSecrets();
    TypeId LinuxCongestionControl(TypeId chosen) const;
    uint32_t TimestampShift(const Address& local, const Address& peer);
    static uint32_t LinuxClockMs();
    uint32_t CookieClock() const;
    std::function<uint32_t(uint32_t, uint32_t)> CookieHasher(const Address& local,
                                                             const Address& peer);
    void RewriteOutgoing(Ptr<Packet> p, const Address& source, const Address& destination);
    void RewriteIncoming(Ptr<Packet> p, const Address& source, const Address& destination);

    void SendDown(Ptr<Packet> p, Ipv4Address s, Ipv4Address d, uint8_t proto, Ptr<Ipv4Route> r);
    void SendDown6(Ptr<Packet> p, Ipv6Address s, Ipv6Address d, uint8_t proto, Ptr<Ipv6Route> r);
    IpL4Protocol::RxStatus FinishReceive(IpL4Protocol::RxStatus status,
                                         Ptr<Packet> p,
                                         const Address& source,
                                         const Address& destination);
    IpL4Protocol::RxStatus DropMalformed(Ptr<Packet> p);
    Ipv4EndPoint* SoleUnconnectedEndPoint(const TcpFlowKey& key) const;
    bool ReceiveOnConnection(Ptr<Packet> p,
                             const Ipv4Header& ip,
                             Ptr<Ipv4Interface> incomingInterface,
                             IpL4Protocol::RxStatus* status);

    void SanitizeOptions(Ptr<Packet> p);
    void ReturnCapacity(std::vector<HeldSegment>& held);
    void AnswerNoSocket(Ptr<Packet> p, const Address& source, const Address& destination);
    void SendReply(RstReason reason,
                   const TcpHeader& reset,
                   const Address& from,
                   const Address& to);

    /// A 4-tuple: local and peer address (16 bytes, IPv4 in the first 4) and ports.
    using TimeWaitKey =
        std::tuple<std::array<uint8_t, 16>, uint16_t, std::array<uint8_t, 16>, uint16_t>;
    /// A timewait entry (inet_timewait_sock).
    struct TimeWaitEntry
    {
        TcpTimeWaitState state; //!< the numbers
        Address local;          //!< local socket address
        Address peer;           //!< peer socket address
        EventId expiry;         //!< tw_timer
    };
    static TimeWaitKey MakeTimeWaitKey(const Address& local, const Address& peer);
    bool ReceiveInTimeWait(Ptr<Packet> p, const Address& source, const Address& destination);
    void ArmTimeWait(const TimeWaitKey& key, TimeWaitEntry& entry, Time timeout);
    void ExpireTimeWait(TimeWaitKey key);
    void SendTimeWaitAck(const TimeWaitEntry& entry);
    bool HasListener(const Address& local) const;

    Ptr<Node> m_node;                                  //!< the node
    IpL4Protocol::DownTargetCallback m_ipv4Down;       //!< IPv4 send, behind SendDown()
    IpL4Protocol::DownTargetCallback6 m_ipv6Down;      //!< IPv6 send, behind SendDown6()
    uint32_t m_rxDepth{0};                             //!< nesting of Receive()
    std::vector<HeldSegment> m_held;                   //!< sent during Receive(), not yet released
    TcpRstCounters m_counters;                         //!< nstat-style counters
    TcpRstPolicySet m_policies;                        //!< the host-wide policy attributes
    Time m_timeoutMin;                                 //!< TCP_TIMEOUT_MIN
    TcpHostProfile m_profile;                          //!< the host profile attributes
    TcpHostSysctls m_sysctls;                          //!< keepalive and answer limits
    TcpChallengeAckBudget m_challengeAcks;             //!< per-node challenge ACK budget
    TcpResetRateLimit m_resetReplies;                  //!< policy ResetRateLimit
    std::string m_stackProfile{"Linux"};               //!< StackProfile
    std::unique_ptr<TcpStackSettings> m_socketProfile; //!< its socket values (none: Linux)
    TcpSecureSequence m_secure;                        //!< ISNs and timestamp offsets
    LinuxTimerWheel m_wheel;                           //!< when the module's timers fire
    Ptr<UniformRandomVariable> m_random;               //!< draws the secrets
    bool m_secretsDrawn{false};                        //!< keys and jiffy phase drawn
    bool m_pushNext{false};                            //!< PSH on the next data segment
    bool m_up{true};                                   //!< false between Crash() and Reboot()
    Time m_bootTime;                                   //!< when the host last booted
    std::map<TimeWaitKey, TimeWaitEntry> m_timeWait;   //!< timewait entries by 4-tuple
    std::map<TimeWaitKey, SequenceNumber32> m_timeWaitIsn;  //!< ISNs of reused 4-tuples
    TcpOrphanCount m_orphans;                               //!< orphans and tcp_orphan_cache
    std::optional<TcpSynCookie::Options> m_cookieTimestamp; //!< see SetCookieTimestamp()
    bool m_discardNext{false};                              //!< see DiscardNextSegment()
    bool m_fastDemux{true};                                 //!< FastDemux
    TcpFlowTable<TcpRstSocket> m_connections;               //!< by 4-tuple
    std::unordered_map<uint16_t, std::vector<TcpRstSocket*>> m_unconnected; //!< by local port
    uint64_t m_fastDemuxHits{0};                      //!< segments delivered without ns-3's scan
    uint64_t m_orphanPhaseSeed{0};                    //!< where the orphan cache ticks
    TracedValue<uint32_t> m_orphanCount;              //!< trace source OrphanCount
    TracedCallback<const TcpResetEvent&> m_resetSent; //!< trace source ResetSent
    TracedCallback<const TcpResetEvent&> m_resetReceived; //!< trace source ResetReceived
};

} // namespace ns3

#endif /* TCP_RST_L4_PROTOCOL_H */
