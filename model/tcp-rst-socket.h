/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_SOCKET_H
#define TCP_RST_SOCKET_H

#include "rst-reason.h"
#include "tcp-rst-ns3-version.h"
#include "tcp-rst-policies.h"

#include "ns3/tcp-socket-base.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class TcpRstL4Protocol;

/**
 * \ingroup tcp-rst
 * \brief A TcpSocketBase whose reset behaviour follows Linux 6.x, policy by policy.
 *
 * Every segment first meets the policies in DoForwardUp(); what they leave alone is handled by
 * the unmodified TcpSocketBase. Each policy is an attribute whose "Stock" value hands the
 * segment back to TcpSocketBase, so Linux and stock ns-3 can be compared in one script:
 *
 * - "RstValidation": resets reaching a connection (RFC 5961 as Linux, RFC 793, or Stock);
 *   a reset accepted in SYN_SENT refuses the connection, elsewhere it resets it.
 * - "UnacceptableSynAck": SYN_SENT answers a SYN-ACK that does not ack its SYN with
 *   `R seq=SEG.ACK` and stays in SYN_SENT (Linux tcp_rcv_synsent_state_process()).
 * - "ListenerSegments": a listener ignores resets and answers ACKs with `R seq=SEG.ACK`.
 * - "BoundNotListening": a socket bound but not listening is invisible, as in Linux.
 * - "ActiveResetShape": resets from a live connection are `R.` seq=SND.NXT ack=RCV.NXT with
 *   the connection's window and timestamp (Linux tcp_send_active_reset()).
 *
 * Every reset leaves through TcpRstL4Protocol::SendReset() with a RstReason. Errors the
 * application would read with getsockopt(SO_ERROR) are kept (GetSocketError()) and traced.
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

    /// \return the error an application would read with getsockopt(SO_ERROR)
    SocketError GetSocketError() const;
    /// \return the TCP state
    TcpStates_t GetState() const;
    /// \return the initial sequence number of the last SYN or SYN-ACK this socket sent
    SequenceNumber32 GetIss() const;
    /// \return RCV.NXT
    SequenceNumber32 GetRcvNxt() const;
    /// \return SND.NXT (counting a FIN once sent)
    SequenceNumber32 GetSndNxt() const;

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
    Ptr<TcpSocketBase> Fork() override;
    void CompleteFork(Ptr<Packet> p,
                      const TcpHeader& tcpHeader,
                      const Address& fromAddress,
                      const Address& toAddress) override;
    void DoForwardUp(Ptr<Packet> packet,
                     const Address& fromAddress,
                     const Address& toAddress) override;
    void SendEmptyPacket(uint8_t flags) override;
    void PersistTimeout() override;

  private:
    /// Decisions of the policies on one incoming segment.
    enum class Handled
    {
        NO,  //!< not handled: TcpSocketBase processes it
        YES, //!< handled (answered or dropped)
    };

    Handled HandleReset(Ptr<Packet> packet,
                        const TcpHeader& header,
                        const Address& from,
                        const Address& to);
    Handled ApplyListenerPolicy(const TcpHeader& header,
                                uint32_t payloadSize,
                                const Address& from,
                                const Address& to);
    Handled ApplySynSentPolicy(const TcpHeader& header, const Address& from, const Address& to);
    Handled ApplyBoundNotListeningPolicy(const TcpHeader& header,
                                         uint32_t payloadSize,
                                         const Address& from,
                                         const Address& to);
    void SendActiveReset(RstReason reason);
    void RetransmitSynNow();
    void AbortOnReset(SocketError error);
    void SetSocketError(SocketError error);
    uint32_t ReceiveWindow() const;

    Ptr<TcpRstL4Protocol> m_rstTcp;                 //!< the node's TCP
    RstValidation::Value m_rstValidation;           //!< policy "RstValidation"
    TcpRstBehaviour::Value m_unacceptableSynAck;    //!< policy "UnacceptableSynAck"
    TcpRstBehaviour::Value m_listenerSegments;      //!< policy "ListenerSegments"
    TcpRstBehaviour::Value m_boundNotListening;     //!< policy "BoundNotListening"
    TcpRstBehaviour::Value m_activeResetShape;      //!< policy "ActiveResetShape"
    SocketError m_socketError{NO_ERROR};            //!< SO_ERROR
    SequenceNumber32 m_iss{0};                      //!< ISS of the last SYN sent
    RstReason m_resetReason{RstReason::TCP_STATE};  //!< reason for TcpSocketBase's resets
    TracedCallback<SocketError> m_socketErrorTrace; //!< trace source SocketError
};

} // namespace ns3

#endif /* TCP_RST_SOCKET_H */
