/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_POLICIES_H
#define TCP_RST_POLICIES_H

#include "ns3/attribute.h"
#include "ns3/type-id.h"

#include <array>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Which behaviour a two-valued policy attribute selects.
 *
 * LINUX is the default everywhere (Linux 6.x as captured in the project's ground truth);
 * STOCK reproduces unmodified ns-3 3.37 so both can be compared in one script.
 */
struct TcpRstBehaviour
{
    /// The values (an unscoped enum, as ns-3 EnumValue attributes expect).
    enum Value
    {
        LINUX, //!< behave like Linux 6.x
        STOCK, //!< behave like unmodified ns-3 TcpSocketBase / TcpL4Protocol
    };
};

/**
 * \ingroup tcp-rst
 * \brief How a reset reaching a synchronized connection is checked (policy "RstValidation").
 */
struct RstValidation
{
    /// The values (an unscoped enum, as ns-3 EnumValue attributes expect).
    enum Value
    {
        RFC5961, //!< Linux: exact RCV.NXT resets, other in-window seq gets a challenge ACK
        RFC793,  //!< RFC 793 / RFC 9293 without 5961: any in-window seq resets
        STOCK,   //!< unmodified ns-3: any seq resets, but a RST without timestamp is dropped
    };
};

/**
 * \ingroup tcp-rst
 * \brief What new data does to a connection whose receive side is shut (policy
 * "DataAfterShutdown").
 */
struct DataAfterShutdown
{
    /// The values (an unscoped enum, as ns-3 EnumValue attributes expect).
    enum Value
    {
        LINUX,   //!< RFC 1122 4.2.2.13: reset in FIN_WAIT_1/2 only; SHUT_RD alone queues the data
        WINDOWS, //!< the seed note's variant (Windows): reset after SD_RECEIVE in any state
        STOCK,   //!< unmodified ns-3: the data is ACKed and delivered, never reset
    };
};

/**
 * \ingroup tcp-rst
 * \brief Which segments to a closed port go unanswered (policy "Blackhole"; the values are
 * FreeBSD's net.inet.tcp.blackhole, blackhole(4)).
 */
struct Blackhole
{
    /// The values (an unscoped enum, as ns-3 EnumValue attributes expect).
    enum Value
    {
        OFF, //!< 0, Linux: every segment but a reset is answered (NoSocketReply)
        SYN, //!< 1: a segment with SYN goes unanswered, the others are answered
        ALL, //!< 2: no segment to a closed port is answered
    };
};

/**
 * \ingroup tcp-rst
 * \brief Whether the resets a node sends in reply to segments are limited per second (policy
 * "ResetRateLimit").
 */
struct ResetRateLimit
{
    /// The values (an unscoped enum, as ns-3 EnumValue attributes expect).
    enum Value
    {
        NONE,    //!< Linux: tcp_v4_send_reset() has no rate limit
        BANDLIM, //!< FreeBSD badport_bandlim(): at most IcmpLim a second, the rest suppressed
    };
};

/**
 * \ingroup tcp-rst
 * \brief What a SYN does to a synchronized connection (policy "SynValidation").
 */
struct SynValidation
{
    /// The values (an unscoped enum, as ns-3 EnumValue attributes expect).
    enum Value
    {
        RFC5961, //!< Linux (FreeBSD insecure_syn=0): a challenge ACK, whatever its seq
        RFC793,  //!< FreeBSD insecure_syn=1: an in-window SYN resets; others: challenge ACK
        STOCK,   //!< unmodified ns-3: the SYN is ignored
    };
};

/**
 * \ingroup tcp-rst
 * \brief What a listener does with a SYN that finds its accept queue full (policy
 * "BacklogOverflow").
 */
struct BacklogOverflow
{
    /// The values (an unscoped enum, as ns-3 EnumValue attributes expect).
    enum Value
    {
        DROP,  //!< Linux tcp_conn_request(): dropped, the client retransmits its SYN
        RESET, //!< Windows: refused, R. seq=0 ack=SEG.SEQ+1 (WSAECONNREFUSED at the client)
    };
};

/**
 * \ingroup tcp-rst
 * \brief The reset policies, one id each. The id indexes TcpRstPolicyTable(); adding a
 * policy is one id here, one entry in the table (tcp-rst-policies.cc), its logic and its test.
 */
enum class TcpRstPolicy : uint8_t
{
    NO_SOCKET_REPLY,        //!< host: reply to a segment that finds no connection
    RST_VALIDATION,         //!< socket: how a reset reaching a connection is checked
    UNACCEPTABLE_SYN_ACK,   //!< socket: SYN_SENT and a SYN-ACK that does not ack its SYN
    LISTENER_SEGMENTS,      //!< socket: RST/ACK reaching a listener
    BOUND_NOT_LISTENING,    //!< socket: segments to a socket bound but not listening
    ACTIVE_RESET_SHAPE,     //!< socket: shape of a reset a live connection sends
    CLOSE_WITH_UNREAD_DATA, //!< socket: close() while received data is unread
    FLAG_VALIDATION,        //!< socket: flag combinations a connection does not expect
    TIME_WAIT,              //!< socket: what TIME_WAIT does with the segments it receives
    CLOSE_CALL,             //!< socket: close() (SO_LINGER, SYN_SENT, orphan FIN_WAIT_2)
    DATA_AFTER_SHUTDOWN,    //!< socket: new data once the receive side is shut
    ORPHANS,                //!< host: orphan accounting and tcp_max_orphans
    LISTEN_QUEUES,          //!< socket: a listener's SYN queue and accept queue
    BLACKHOLE,              //!< host: segments to closed ports left unanswered
    RESET_RATE_LIMIT,       //!< host: resets sent in reply to segments, per second
    SYN_VALIDATION,         //!< socket: a SYN reaching a synchronized connection
    BACKLOG_OVERFLOW,       //!< socket: a SYN finding the accept queue full
};

/// Number of TcpRstPolicy values.
constexpr std::size_t TCP_RST_POLICY_COUNT =
    static_cast<std::size_t>(TcpRstPolicy::BACKLOG_OVERFLOW) + 1;

/**
 * \ingroup tcp-rst
 * \brief Where a policy lives: on the node's TcpRstL4Protocol (host-wide, like a sysctl) or
 * on each TcpRstSocket (inherited by accepted sockets).
 */
enum class TcpRstPolicyScope : uint8_t
{
    HOST,   //!< attribute of ns3::TcpRstL4Protocol
    SOCKET, //!< attribute of ns3::TcpRstSocket
};

/**
 * \ingroup tcp-rst
 * \brief One value a policy can take.
 */
struct TcpRstPolicyChoice
{
    int value;        //!< the enum value
    std::string name; //!< attribute string, e.g. "Linux"
};

/**
 * \ingroup tcp-rst
 * \brief One row of the policy table: everything the attribute, Fork() copying,
 * TcpRstHelper::UseStockBehaviour(), the CLI listing and the doc table are derived from.
 */
struct TcpRstPolicyInfo
{
    TcpRstPolicy id;                         //!< the policy
    std::string name;                        //!< attribute name, e.g. "RstValidation"
    TcpRstPolicyScope scope;                 //!< host or socket
    std::string follows;                     //!< the Linux function or RFC section it follows
    std::string help;                        //!< what each value does
    std::vector<TcpRstPolicyChoice> choices; //!< the values
    int linuxValue;                          //!< the default (Linux 6.x)
    int stockValue;                          //!< unmodified ns-3 3.37
    /// \return the attribute's checker (typed on the policy's own enum)
    std::function<Ptr<const AttributeChecker>()> makeChecker;
    /// \return an attribute value holding \p value (typed on the policy's own enum)
    std::function<Ptr<AttributeValue>(int value)> makeValue;
    /// \return the int held by an attribute value of the policy's enum type
    std::function<bool(const AttributeValue& in, int* out)> readValue;

    /// \param value a value \return its name, e.g. "Stock" (or "?")
    std::string ChoiceName(int value) const;
    /// \return the TypeId name the attribute belongs to, e.g. "ns3::TcpRstSocket"
    std::string TypeName() const;
    /// \return the full attribute path, e.g. "ns3::TcpRstSocket::RstValidation"
    std::string Path() const;
};

/// \ingroup tcp-rst \return the policy table, indexed by TcpRstPolicy
const std::vector<TcpRstPolicyInfo>& TcpRstPolicyTable();

/// \ingroup tcp-rst \param id a policy \return its row
const TcpRstPolicyInfo& GetPolicyInfo(TcpRstPolicy id);

/**
 * \ingroup tcp-rst
 * \brief The values of every policy for one object (a socket or a node's TCP). Copied as a
 * whole by Fork(), so a new policy needs no copy-constructor line.
 */
class TcpRstPolicySet
{
  public:
    /// Every policy at its Linux value.
    TcpRstPolicySet();
    /// \param id a policy \return its value
    int
    Get(TcpRstPolicy id) const
    {
        return m_values[static_cast<std::size_t>(id)];
    }

    /// \param id a policy \return whether it selects the stock ns-3 behaviour
    bool IsStock(TcpRstPolicy id) const;
    /// \param id a policy \param value its new value
    void Set(TcpRstPolicy id, int value);

  private:
    /// Indexed by TcpRstPolicy. Every value is a small enumerator: one byte each keeps the
    /// set that every socket carries at 17 bytes.
    std::array<int8_t, TCP_RST_POLICY_COUNT> m_values;
};

/**
 * \ingroup tcp-rst
 * \brief Add the attributes of every policy of one scope to a TypeId.
 * \param tid the TypeId being built
 * \param scope which policies
 * \param access returns the policy set of an object of that TypeId
 * \param flags TypeId::ATTR_GET, ATTR_SET, ATTR_CONSTRUCT as for TypeId::AddAttribute
 * \return tid
 */
TypeId& AddPolicyAttributes(TypeId& tid,
                            TcpRstPolicyScope scope,
                            TcpRstPolicySet* (*access)(ObjectBase* object),
                            uint32_t flags = TypeId::ATTR_SGC);

/**
 * \ingroup tcp-rst
 * \brief Print the table as an reStructuredText list-table (the doc's policy table is this
 * output, checked by a test) or as plain text (`./tcp-rst policies`).
 * \param os where
 * \param rst true for reStructuredText
 */
void PrintPolicyTable(std::ostream& os, bool rst);

} // namespace ns3

#endif /* TCP_RST_POLICIES_H */
