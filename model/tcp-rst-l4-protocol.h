/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_L4_PROTOCOL_H
#define TCP_RST_L4_PROTOCOL_H

#include "rst-reason.h"
#include "tcp-reset-event.h"
#include "tcp-rst-counters.h"
#include "tcp-rst-policies.h"

#include "ns3/tcp-l4-protocol.h"
#include "ns3/traced-callback.h"

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
     * Callers never pass a reset: a reset is never answered (RFC 9293 3.10.7.1).
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

    /**
     * \brief Lose every connection of this node without a segment on the wire, as a crashed
     * host does: sockets go to CLOSED, their ports are freed, applications are not told.
     * \return how many sockets were discarded
     */
    uint32_t DiscardAllSockets();

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

    void SendDown(Ptr<Packet> p, Ipv4Address s, Ipv4Address d, uint8_t proto, Ptr<Ipv4Route> r);
    void SendDown6(Ptr<Packet> p, Ipv6Address s, Ipv6Address d, uint8_t proto, Ptr<Ipv6Route> r);
    IpL4Protocol::RxStatus FinishReceive(IpL4Protocol::RxStatus status,
                                         Ptr<Packet> p,
                                         const Address& source,
                                         const Address& destination);
    IpL4Protocol::RxStatus DropMalformed(Ptr<Packet> p);
    void SanitizeOptions(Ptr<Packet> p);
    void ReturnCapacity(std::vector<HeldSegment>& held);
    void AnswerNoSocket(Ptr<Packet> p, const Address& source, const Address& destination);

    Ptr<Node> m_node;                                 //!< the node
    IpL4Protocol::DownTargetCallback m_ipv4Down;      //!< IPv4 send, behind SendDown()
    IpL4Protocol::DownTargetCallback6 m_ipv6Down;     //!< IPv6 send, behind SendDown6()
    uint32_t m_rxDepth{0};                            //!< nesting of Receive()
    std::vector<HeldSegment> m_held;                  //!< sent during Receive(), not yet released
    TcpRstCounters m_counters;                        //!< nstat-style counters
    TcpRstPolicySet m_policies;                       //!< the host-wide policy attributes
    Time m_timeoutMin;                                //!< TCP_TIMEOUT_MIN
    TracedCallback<const TcpResetEvent&> m_resetSent; //!< trace source ResetSent
    TracedCallback<const TcpResetEvent&> m_resetReceived; //!< trace source ResetReceived
};

} // namespace ns3

#endif /* TCP_RST_L4_PROTOCOL_H */
