/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RESET_EVENT_H
#define TCP_RESET_EVENT_H

#include "rst-reason.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/nstime.h"
#include "ns3/tcp-header.h"

#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief What became of a reset that reached a node.
 */
enum class RstDisposition : uint8_t
{
    SENT,              //!< not a received reset: this node sent it
    CONNECTION_RESET,  //!< accepted: the connection ended (ECONNRESET / ECONNREFUSED / EPIPE)
    HALF_OPEN_FREED,   //!< accepted by a SYN_RECV connection, released without telling the app
    CHALLENGE_ACK,     //!< in window but not exact: answered with a challenge ACK (RFC 5961 3.2)
    OUT_OF_WINDOW,     //!< dropped: sequence number outside the receive window
    UNACCEPTABLE_ACK,  //!< dropped in SYN_SENT: its ACK does not acknowledge our SYN
    IGNORED_LISTEN,    //!< dropped by a listener (RFC 9293 3.10.7.2)
    IGNORED_NO_SOCKET, //!< no connection: dropped, never answered
    IGNORED_STATE,     //!< dropped because of the socket state (e.g. TIME_WAIT, tcp_rfc1337)
    TIME_WAIT_ENDED,   //!< accepted by a timewait entry, which is gone (TIME_WAIT assassination)
    PASSED_TO_STOCK,   //!< handed to unmodified TcpSocketBase (stock policy selected)
};

/// \param disposition a disposition \return its name, e.g. "CONNECTION_RESET"
const char* RstDispositionName(RstDisposition disposition);

/**
 * \ingroup tcp-rst
 * \brief One reset sent or received by a node: the argument of the ResetSent and
 * ResetReceived trace sources of TcpRstL4Protocol.
 */
struct TcpResetEvent
{
    Time time;                                  //!< simulation time
    uint32_t nodeId{0};                         //!< node that sent or received it
    RstReason reason{RstReason::NOT_SPECIFIED}; //!< why it was sent (tag; NOT_SPECIFIED if none)
    bool sent{true};                            //!< true for ResetSent, false for ResetReceived
    Address source;      //!< source as on the wire (InetSocketAddress or Inet6SocketAddress)
    Address destination; //!< destination as on the wire (likewise)
    TcpHeader header;    //!< the reset's TCP header
    RstDisposition disposition{RstDisposition::SENT}; //!< what the receiver did with it

    /// \return "sent" or "received"
    const char* Direction() const;
};

/**
 * \param os output stream \param event the event \return os
 */
std::ostream& operator<<(std::ostream& os, const TcpResetEvent& event);

/**
 * \param address an InetSocketAddress or Inet6SocketAddress
 * \return "a.b.c.d:port" or "[v6 address]:port"
 */
std::string FormatEndpoint(const Address& address);

/**
 * \ingroup tcp-rst
 * \param ip an Ipv4Address or Ipv6Address (or a socket address, whose port is replaced)
 * \param port a port
 * \return the InetSocketAddress or Inet6SocketAddress (an IPv4-mapped IPv6 address as IPv4)
 */
Address SocketAddressOf(const Address& ip, uint16_t port);

/**
 * \ingroup tcp-rst
 * \param address an InetSocketAddress or Inet6SocketAddress (anything else is returned as is)
 * \return its Ipv4Address or Ipv6Address
 */
Address IpAddressOf(const Address& address);

} // namespace ns3

#endif /* TCP_RESET_EVENT_H */
