/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_SOCKET_H
#define TCP_RST_SOCKET_H

#include "rst-reason.h"
#include "tcp-challenge-ack-limit.h"
#include "tcp-flow-key.h"
#include "tcp-listen-queue.h"
#include "tcp-reset-event.h"
#include "tcp-reset-validation.h"
#include "tcp-rst-ns3-version.h"
#include "tcp-rst-policies.h"
#include "tcp-segment-check.h"
#include "tcp-syn-cookie.h"

#include "ns3/tcp-socket-base.h"
#include "ns3/traced-callback.h"

#include <list>
#include <memory>
#include <optional>
#include <unordered_set>
#include <utility>

namespace ns3
{

class TcpRstL4Protocol;

/**
 * \ingroup tcp-rst
 * \brief A TcpSocketBase whose reset behaviour follows Linux 6.x, policy by policy.
 *
 * Every segment first meets the policies in DoForwardUp(), which dispatches on the state:
 * LISTEN (tcp-rst-socket-listen.cc), SYN_SENT (-syn-sent.cc), SYN_RCVD (-syn-recv.cc), the
 * synchronized states (-validate.cc), CLOSED (-close.cc). What the policies leave alone is
 * handled by the unmodified TcpSocketBase. Each policy is an attribute derived from
 * TcpRstPolicyTable() whose "Stock" value hands the segment back to TcpSocketBase, so Linux and
 * stock ns-3 can be compared in one script.
 *
 * Every reset leaves through TcpRstL4Protocol::SendReset() with a RstReason given by the code
 * that decides to reset (SendActiveReset()). The only resets TcpSocketBase itself still sends
 * are its answers to flag combinations it calls illegal (reason TCP_FLAGS) and the ones of
 * Connect() on a live connection (TCP_STATE); each is attributed by the one call that can
 * cause it (StockResetReason). Errors the application would read with getsockopt(SO_ERROR)
 * are kept (GetSocketError()) and traced.
 */
class TcpRstSocket : public TcpSocketBase
{
  public:
    /**
     * \brief The error a Linux application would read from SO_ERROR / errno.
     * ns-3's Socket::SocketErrno has no values for these.
     */
    enum SocketError
    {
        NO_ERROR,           //!< no error
        CONNECTION_REFUSED, //!< ECONNREFUSED: a reset answered our SYN
        CONNECTION_RESET,   //!< ECONNRESET: the peer reset the connection
        BROKEN_PIPE,        //!< EPIPE: reset after the peer had closed (CLOSE_WAIT)
        TIMED_OUT,          //!< ETIMEDOUT: retransmissions or probes ran out
    };

    /// \param error an error \return its errno name, e.g. "ECONNREFUSED" (or "OK")
    static const char* SocketErrorName(SocketError error);

    /// \return the TypeId
    static TypeId GetTypeId();
#if TCP_RST_NS3_MINOR < 45
    TypeId GetInstanceTypeId() const override;
#endif

    TcpRstSocket();
    /// \param sock the socket to copy (Fork())
    TcpRstSocket(const TcpRstSocket& sock);
    ~TcpRstSocket() override;

    /**
     * \param tcp the node's TCP
     * \throws std::invalid_argument unless it is a TcpRstL4Protocol
     */
    void SetTcp(Ptr<TcpL4Protocol> tcp) override;
    int Close() override;
    int ShutdownRecv() override;
    /**
     * \brief As TcpSocketBase::Send(); on a connection a reset or timeout ended it fails as
     * Linux's send() does afterwards: EPIPE (SocketError BROKEN_PIPE, ERROR_SHUTDOWN).
     * \param p the data \param flags none \return bytes queued or -1
     */
    int Send(Ptr<Packet> p, uint32_t flags) override;
    using Socket::Send;
    int Connect(const Address& address) override;
    int Bind() override;
    int Bind(const Address& address) override;
    void BindToNetDevice(Ptr<NetDevice> netdevice) override;
    /**
     * \brief listen() with the Backlog attribute. Under policy ListenQueues (Linux) the
     * listener keeps min(Backlog, SomaxConn) + 1 completed connections for Accept() and as
     * many half-open requests; listening again only changes the backlog.
     * \return 0 on success, -1 (see GetErrno()) otherwise
     */
    int Listen() override;
    /**
     * \brief listen(fd, backlog).
     * \param backlog the backlog (capped by the node's SomaxConn)
     * \return as Listen()
     * \throws std::invalid_argument for a negative backlog
     */
    int Listen(int32_t backlog);
    /**
     * \brief accept(): hand the oldest completed connection to the application, through the
     * callback set with SetAcceptCallback() (which also fires for each connection as it
     * completes while AutoAccept is true, the ns-3 way, e.g. PacketSink).
     * \return the connection, or nullptr (ERROR_AGAIN) when none is waiting
     */
    Ptr<TcpRstSocket> Accept();
    /// \return sk_max_ack_backlog: min(Backlog, SomaxConn), 0 before Listen()
    uint32_t GetMaxAckBacklog() const;
    /// \return completed connections waiting for Accept() (ss's Recv-Q of a listener)
    uint32_t GetAcceptQueueLength() const;
    /// \return half-open requests (SYN_RCVD children) of this listener
    uint32_t GetSynQueueLength() const;

    /**
     * \param key a 4-tuple
     * \return this socket's endpoint when it is connected on exactly that 4-tuple (the node's
     * hash table delivers its segments there), nullptr otherwise
     */
    Ipv4EndPoint* ConnectedEndPoint(const TcpFlowKey& key) const;

    /// \return the 4-tuple this socket is registered with in the node's table of connections
    /// (FastDemux); its local port is 0 when it is not registered
    const TcpFlowKey& GetFlowKey() const;
    /**
     * \param port a local port
     * \return this socket's IPv4 endpoint when it is bound to that port, nullptr otherwise
     */
    Ipv4EndPoint* EndPointOnPort(uint16_t port) const;

    /**
     * \brief SO_LINGER (the attributes LingerOn and LingerTime). {on, 0}: Close() aborts the
     * connection with a reset (policy Close); {on, N > 0} and off: a graceful close.
     * \param on l_onoff \param time l_linger
     * \throws std::invalid_argument for a negative time
     */
    void SetLinger(bool on, Time time);
    /// \return true while the application has closed this connection and it is not gone
    /// (an orphan, SOCK_DEAD)
    bool IsOrphan() const;

    /**
     * \brief Give this new socket the host profile's values of ns-3's TcpSocket attributes
     * (SegmentSize, MinRto, ConnTimeout, ConnCount, DataRetries, DelAckTimeout, TcpNoDelay,
     * RcvBufSize, SndBufSize). A default the user changed (Config::SetDefault, --ns3::...)
     * is kept. Nothing happens under the Ns3 profile. TcpRstL4Protocol calls it on every
     * socket it creates; values set on the socket afterwards win.
     */
    void ApplyHostProfile();

    /// \return the error an application would read with getsockopt(SO_ERROR)
    SocketError GetSocketError() const;
    /// \return the TCP state
    TcpStates_t GetState() const;
    /// \return the initial sequence number of the last SYN or SYN-ACK this socket sent
    SequenceNumber32 GetIss() const;
    /// \return RCV.NXT
    SequenceNumber32 GetRcvNxt() const;
    /// \return SND.NXT (counting a FIN once sent, once)
    SequenceNumber32 GetSndNxt() const;
    /// \return the peer's port, or 0 without an endpoint
    uint16_t GetPeerPort() const;
    /// \return the congestion control's name, e.g. "TcpCubic"
    std::string GetCongestionControlName() const;
    /// \return the peer's window scale shift this connection applies (ss -i: wscale first
    /// value; 0 without window scaling)
    uint8_t GetPeerWindowShift() const;
    /// \return true when both ends agreed on SACK (ss -i: sack)
    bool IsSackPermitted() const;
    /// \return RCV.WND: the window last advertised (also after the peer's FIN)
    uint32_t GetRcvWnd() const;
    /**
     * \param id a policy
     * \return its value on this socket (e.g. TcpRstBehaviour::LINUX)
     */
    int GetPolicy(TcpRstPolicy id) const;

    /**
     * \param object a TcpRstSocket
     * \return its policy set (for the policy attributes' accessors and the node's stack
     * profile, which sets a new socket's policies without an attribute lookup)
     */
    static TcpRstPolicySet* PolicySetOf(ObjectBase* object);

    /**
     * \brief Lose this connection without a segment on the wire and without telling the
     * application, as on a host that crashed.
     */
    void Discard();

    /**
     * TracedCallback signature for SocketError.
     * \param error the error now set
     */
    typedef void (*SocketErrorTracedCallback)(SocketError error);

  protected:
    /// Applies the defaults of this class's attributes that a user changed (see GetTypeId()).
    void NotifyConstructionCompleted() override;
    Ptr<TcpSocketBase> Fork() override;
    void CompleteFork(Ptr<Packet> p,
                      const TcpHeader& tcpHeader,
                      const Address& fromAddress,
                      const Address& toAddress) override;
    void DoForwardUp(Ptr<Packet> packet,
                     const Address& fromAddress,
                     const Address& toAddress) override;
    void SendEmptyPacket(uint8_t flags) override;
    uint32_t SendDataPacket(SequenceNumber32 seq, uint32_t maxSize, bool withAck) override;
    void ReceivedData(Ptr<Packet> packet, const TcpHeader& tcpHeader) override;
    uint16_t AdvertisedWindowSize(bool scale = true) const override;
    uint32_t AvailableWindow() const override;
    void NewAck(const SequenceNumber32& seq, bool resetRTO) override;
    void ReceivedAck(Ptr<Packet> packet, const TcpHeader& tcpHeader) override;
    void PersistTimeout() override;
    void ReTxTimeout() override;
    void LastAckTimeout() override;

  private:
    /// Decisions of the policies on one incoming segment.
    enum class Handled
    {
        NO,  //!< not handled: TcpSocketBase processes it
        YES, //!< handled (answered or dropped)
    };

    /// One segment as the policies see it.
    struct Segment
    {
        Ptr<Packet> packet;   //!< the segment (header still on)
        TcpHeader header;     //!< its header
        uint32_t payloadSize; //!< SEG.LEN without SYN/FIN
        uint8_t flags;        //!< header flags without PSH, URG, CWR, ECE
        const Address& from;  //!< source (socket address)
        const Address& to;    //!< destination (socket address)
    };

    /**
     * \brief Names the reason of the resets TcpSocketBase may send while one call into it
     * runs; nested calls restore the outer reason. Outside any such call TcpSocketBase sends
     * no reset (a reset without a scope is reported as NOT_SPECIFIED and logged as a bug).
     */
    class StockResetReason
    {
      public:
        /// \param socket the socket \param reason why a reset sent during the call is sent
        StockResetReason(TcpRstSocket* socket, RstReason reason);
        ~StockResetReason();
        StockResetReason(const StockResetReason&) = delete;
        StockResetReason& operator=(const StockResetReason&) = delete;

      private:
        TcpRstSocket* m_socket;           //!< the socket
        std::optional<RstReason> m_outer; //!< the reason to restore
    };

    /**
     * \brief Runs AfterEvent() when the call into the socket that created it ends, and keeps
     * the socket alive until then (closing may drop the last other reference).
     */
    class StateWatch
    {
      public:
        /// \param socket the socket
        explicit StateWatch(TcpRstSocket* socket);
        ~StateWatch();
        StateWatch(const StateWatch&) = delete;
        StateWatch& operator=(const StateWatch&) = delete;

      private:
        Ptr<TcpRstSocket> m_socket; //!< the socket
    };

    bool IsStock(TcpRstPolicy id) const;
    bool FastPathFits(const TcpSegmentNumbers& raw) const;
    /// \param s a segment that meets a policy in this state \return what became of it
    Handled Dispatch(const Segment& s);

    // tcp-rst-socket-listen.cc
    Handled OnListenSegment(const Segment& s);
    // tcp-rst-socket-accept.cc
    /// What a listener's Fork() makes.
    enum class ForkKind : uint8_t
    {
        REQUEST,        //!< a half-open request in the SYN queue
        COOKIE_SYN_ACK, //!< a child that sends one cookie SYN-ACK and is gone
        COOKIE_ACK,     //!< a connection rebuilt from a cookie's ACK
    };
    static constexpr int32_t kDefaultBacklog = 4096; //!< Backlog's default (SOMAXCONN)
    bool ListenQueuesOn() const;
    void SetBacklog(int32_t backlog);
    int32_t GetBacklog() const;
    TcpRstSocket* Listener() const;
    void SetListener(TcpRstSocket* listener);
    ForkKind ForkedAs() const;
    void SetAutoAccept(bool on);
    bool GetAutoAccept() const;
    Handled OnListenSyn(const Segment& s);
    Handled OnListenCookieAck(const Segment& s);
    void AdoptChild(Ptr<TcpRstSocket> child, ForkKind kind);
    void HandshakeCompleted(Ptr<Socket> socket, const Address& from);
    Handled MeetAcceptQueue(const Segment& s);
    void RebuildFromCookie(const Segment& s,
                           uint32_t mssIndex,
                           const TcpSynCookie::Options& options,
                           bool timestamps);
    void SendCookieSynAck(const TcpHeader& syn, const Address& from, const Address& to);
    void LeaveListener();
    void StopListening(bool reset);
    struct ListenerState;
    ListenerState& Listening();
    // tcp-rst-socket.cc: the trace sources, made on first connection
    struct Traces;
    Traces& GetTraces();
    static TracedValue<uint32_t>& AcceptQueueLengthSource(ObjectBase* object);
    static TracedCallback<SocketError>& SocketErrorSource(ObjectBase* object);
    void NoteAcceptQueueLength(uint32_t length);
    // tcp-rst-socket-timers.cc: the timers most connections never start
    struct LinuxTimers;
    LinuxTimers& Timers();
    void CancelLinuxTimers();
    // tcp-rst-socket-demux.cc
    void RegisterConnection();
    void RegisterUnconnected();
    void ForgetUnconnected();
    // tcp-rst-socket-syn-sent.cc
    Handled OnSynSentSegment(const Segment& s);
    void RetransmitSynNow();
    // tcp-rst-socket-syn-recv.cc
    Handled OnSynRcvdSegment(const Segment& s);
    Handled OnSynRcvdReset(const Segment& s);
    // tcp-rst-socket-validate.cc
    Handled OnSynchronizedSegment(const Segment& s);
    Handled OnSynchronizedReset(const Segment& s);
    Handled OnSynchronizedSyn(const Segment& s);
    Handled OnAckAfterBothFins(const Segment& s);
    bool InReceiveWindow(const Segment& s) const;
    void SendChallengeAck();
    // tcp-rst-socket-keepalive.cc
    void SetKeepAlive(bool on);
    bool GetKeepAlive() const;
    void ArmKeepalive();
    void KeepaliveTimeout();
    Time KeepaliveIdle() const;
    void SetKeepIdle(Time idle);
    Time GetKeepIdle() const;
    void SetKeepIntvl(Time interval);
    Time GetKeepIntvl() const;
    void SetKeepCnt(uint32_t probes);
    uint32_t GetKeepCnt() const;
    // tcp-rst-socket-persist.cc
    void PrepareZeroWindowProbes();
    void ProbeZeroWindow();
    // tcp-rst-socket-close.cc
    Handled OnClosedSegment(const Segment& s);
    void Abort(SocketError error);
    void SetSocketError(SocketError error);
    bool AbortOnLinger();
    bool AbortOnOrphanLimit();
    void SetLingerOn(bool on);
    bool GetLingerOn() const;
    void SetLingerTime(Time time);
    Time GetLingerTime() const;
    // tcp-rst-socket-time-wait.cc
    void AfterEvent();
    void HandOffTimeWait(bool finWait2, Time timeout);
    void OrphanFinWait2();
    Time FinTime() const;
    uint32_t ReceiveWindowLeft() const;
    void ReleaseOrphan();
    // tcp-rst-socket-shutdown.cc
    bool NewDataAfterShutdown(const TcpSegmentNumbers& raw) const;
    void AbortOnData(Ptr<Packet> packet);
    // tcp-rst-socket-orphan.cc
    bool OrphanOutOfResources();
    uint32_t OrphanRetries(bool alive) const;
    // tcp-rst-socket.cc
    TcpRstL4Protocol* NodeTcp() const;
    // tcp-rst-socket-profile.cc
    bool LinuxHost() const;
    struct LinuxConnection;
    LinuxConnection& Linux();
    void StartActiveOpen();
    void StartPassiveOpen(const TcpHeader& syn, const Address& from, const Address& to);
    void SetInitialSequence(SequenceNumber32 isn);
    void NotePeerSyn(const TcpHeader& syn);
    void ClampSegmentSize(const TcpHeader& peerSyn);
    // tcp-rst-socket-timers.cc
    void SendHandshakeSegment(uint8_t flags);
    void SendSynThroughBase(uint8_t flags, bool giveUp, bool first);
    void ArmSynTimer(Time timeout);
    uint32_t SynRetransmits() const;
    void SynTimerExpired();
    void GiveUpHandshake();
    bool DataRetransmissionsTimedOut();
    bool WriteTimeout();
    void RetransmitFin();
    // tcp-rst-socket-output.cc
    void SendActiveReset(RstReason reason);
    void SendAck(SequenceNumber32 seq);
    /// Local and peer address (IP only) and ports of the connection's endpoint.
    struct Ends
    {
        Address local;      //!< local IP address
        Address peer;       //!< peer IP address
        uint16_t localPort; //!< local port
        uint16_t peerPort;  //!< peer port
    };
    /// \param[out] ends the ends \return false without an endpoint
    bool GetEnds(Ends* ends) const;
    void NotifyResetReceived(const Segment& s, RstDisposition disposition) const;

    // (members ordered by size: a socket per connection, padding counts)
    Time m_lastReceived;                         //!< when the last segment arrived
    TcpRstPolicySet m_policies;                  //!< the policy attributes
    uint8_t m_socketError{NO_ERROR};             //!< SO_ERROR (a SocketErrno)
    std::optional<RstReason> m_stockResetReason; //!< see StockResetReason
    SequenceNumber32 m_iss{0};                   //!< ISS of the last SYN sent
    uint32_t m_maxSndWnd{0};                     //!< MAX.SND.WND (tp->max_window), RFC 5961 5
    TcpFlowKey m_flowKey; //!< registered with the node (FastDemux) if its local port is not 0
    uint16_t m_unconnectedPort{0}; //!< recorded unconnected on this port
    // One bit each (C++17 bit-fields take no default: the constructors set them)
    bool m_keepAlive : 1;   //!< SO_KEEPALIVE
    bool m_lingerOn : 1;    //!< SO_LINGER l_onoff
    bool m_orphan : 1;      //!< SOCK_DEAD: closed by the application, not gone yet
    bool m_rcvShutdown : 1; //!< RCV_SHUTDOWN: ShutdownRecv() or Close()
    bool m_deferFinAck : 1; //!< a FIN may arrive in ESTABLISHED: delay its ACK (pingpong)
    bool m_autoAccept : 1;  //!< AutoAccept: accept each connection as it completes
    bool m_queued : 1;      //!< on a child: in the accept queue
    /// What the Linux host profile keeps per connection (tcp_sock fields ns-3 has no
    /// counterpart for): made on first use, so a socket that behaves as stock ns-3 never has it.
    struct LinuxConnection
    {
        // Handshake timer (tcp_retransmit_timer() in SYN_SENT, reqsk_timer_handler())
        Time synRto;                  //!< icsk_rto of the handshake
        uint32_t synRetransmits{0};   //!< icsk_retransmits (num_timeout for a SYN-ACK)
        uint32_t synBudget{0};        //!< retransmissions before the handshake gives up
        bool synTimerStarted{false};  //!< the first SYN (SYN-ACK) was sent
        uint8_t synFlags{0};          //!< flags of the SYN (SYN-ACK) to retransmit
        bool quickAcksGranted{false}; //!< the first data segment granted quick ACKs
        // Data retransmissions (retransmits_timed_out())
        std::optional<Time> retransStamp; //!< when the oldest unacknowledged segment was sent
        // MSS and receive window (tcp_connect_init(), __tcp_select_window())
        uint32_t advMss{0};             //!< the MSS this socket announced (advmss)
        uint32_t profileSegmentSize{0}; //!< SegmentSize the profile gave; another is the user's
        uint32_t rcvSsthresh{0};        //!< rcv_ssthresh: the window Linux offers at most
        uint32_t offeredWnd{0};         //!< rcv_wnd: the window last offered
        SequenceNumber32 rcvWup;        //!< rcv_wup: RCV.NXT when it was offered
        uint32_t quickAcks{0};          //!< quick ACKs left (icsk_ack.quick)
        // A child of a listener with ListenQueues (struct request_sock: rsk_listener)
        TcpRstSocket* listener{nullptr};      //!< its listener until accepted
        SequenceNumber32 cookieIsn;           //!< on a cookie child: the cookie
        ForkKind forkKind{ForkKind::REQUEST}; //!< how it was made
    };
    std::unique_ptr<LinuxConnection> m_linuxConnection; //!< see Linux()
    /// Timers most connections never start, and the socket options that configure them:
    /// made when an option is set or a timer first starts.
    struct LinuxTimers
    {
        EventId keepalive;              //!< the keepalive timer
        EventId finWait2;               //!< an orphan's FIN_WAIT_2 longer than TimeWaitLength
        Time persistBase;               //!< tcp_probe0_base() when zero-window probing began
        Time keepIdle;                  //!< TCP_KEEPIDLE (0: the node's KeepAliveTime)
        Time keepIntvl;                 //!< TCP_KEEPINTVL (0: the node's KeepAliveIntvl)
        Time lingerTime;                //!< SO_LINGER l_linger
        uint32_t keepCnt{0};            //!< TCP_KEEPCNT (0: the node's KeepAliveProbes)
        uint32_t probesOut{0};          //!< icsk_probes_out: probes not answered
        uint32_t persistBackoff{0};     //!< icsk_backoff of the probe timer (tcp_probe_timer())
        uint32_t zeroWindowProbes{0};   //!< probes since the window closed (MaxZeroWindowProbes)
        TcpInvalidRateLimit oowAnswers; //!< last_oow_ack_time: answers to invalid segments
    };
    std::unique_ptr<LinuxTimers> m_timers; //!< see Timers()

    /// Set a socket option kept in LinuxTimers: the struct is made only for a non-zero value.
    template <typename T>
    void
    SetTimerOption(T LinuxTimers::*option, T value)
    {
        if (m_timers || value != T())
        {
            Timers().*option = value;
        }
    }

    /// \return a socket option kept in LinuxTimers (zero while the struct is not made)
    template <typename T>
    T
    GetTimerOption(T LinuxTimers::*option) const
    {
        return m_timers ? (*m_timers).*option : T();
    }
    /// What only a listener keeps: made by Listen(), so a connection does not carry it.
    struct ListenerState
    {
        TcpListenQueue queue;                                      //!< the queues' numbers
        std::list<std::pair<Ptr<TcpRstSocket>, Address>> accepted; //!< completed, not accepted
        std::unordered_set<TcpRstSocket*> children;                //!< children not yet accepted
        std::optional<ForkKind> nextFork;                          //!< what Fork() makes next
        int32_t backlog{kDefaultBacklog};                          //!< Backlog
    };
    std::unique_ptr<ListenerState> m_listening; //!< on a listener (see Listening())
    /// The socket's own trace sources, made when someone first connects to one.
    struct Traces
    {
        TracedValue<uint32_t> acceptQueueLength; //!< trace source AcceptQueueLength
        TracedCallback<SocketError> socketError; //!< trace source SocketError
    };
    std::unique_ptr<Traces> m_traces; //!< see GetTraces()
};

} // namespace ns3

#endif /* TCP_RST_SOCKET_H */
