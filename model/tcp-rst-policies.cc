/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-rst-policies.h"

#include "tcp-rst-ns3-version.h"

#include "ns3/abort.h"
#include "ns3/enum.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{

/// Give a table row its typed checker and value conversions for enum type E.
template <typename E>
TcpRstPolicyInfo
Typed(TcpRstPolicyInfo info)
{
    std::vector<TcpRstPolicyChoice> choices = info.choices;
    int linuxValue = info.linuxValue;
    info.makeChecker = [choices, linuxValue]() -> Ptr<const AttributeChecker>
    {
        Ptr<TCP_RST_ENUM_CHECKER(E)> checker = Create<TCP_RST_ENUM_CHECKER(E)>();
        for (const TcpRstPolicyChoice& c : choices)
        {
            if (c.value == linuxValue)
            {
                checker->AddDefault(static_cast<E>(c.value), c.name);
            }
            else
            {
                checker->Add(static_cast<E>(c.value), c.name);
            }
        }
        return checker;
    };
    info.makeValue = [](int value) -> Ptr<AttributeValue>
    { return Create<TCP_RST_ENUM_VALUE(E)>(static_cast<E>(value)); };
    info.readValue = [](const AttributeValue& in, int* out)
    {
        const auto* value = dynamic_cast<const TCP_RST_ENUM_VALUE(E)*>(&in);
        if (value == nullptr)
        {
            return false;
        }
        *out = static_cast<int>(value->Get());
        return true;
    };
    return info;
}

/// A Linux/Stock policy.
TcpRstPolicyInfo
Behaviour(TcpRstPolicy id,
          std::string name,
          TcpRstPolicyScope scope,
          std::string follows,
          std::string help)
{
    return Typed<TcpRstBehaviour::Value>(
        {id,
         std::move(name),
         scope,
         std::move(follows),
         std::move(help),
         {{TcpRstBehaviour::LINUX, "Linux"}, {TcpRstBehaviour::STOCK, "Stock"}},
         TcpRstBehaviour::LINUX,
         TcpRstBehaviour::STOCK,
         nullptr,
         nullptr,
         nullptr});
}

std::vector<TcpRstPolicyInfo>
BuildTable()
{
    using S = TcpRstPolicyScope;
    std::vector<TcpRstPolicyInfo> table;
    table.push_back(Behaviour(
        TcpRstPolicy::NO_SOCKET_REPLY,
        "NoSocketReply",
        S::HOST,
        "Linux tcp_v4_rcv() no_tcp_socket, tcp_v4_send_reset()",
        "How a segment that finds no connection is answered. Linux: R seq=SEG.ACK, or R. "
        "seq=0 ack=SEG.SEQ+SEG.LEN (+1 for SYN and FIN), window 0, no options; a reset is never "
        "answered. Stock: ns-3 3.37 NoEndPointsFound() (ack=SEG.SEQ+1 whatever the length)."));
    table.push_back(Typed<RstValidation::Value>(
        {TcpRstPolicy::RST_VALIDATION,
         "RstValidation",
         S::SOCKET,
         "RFC 5961 3.2 as Linux tcp_validate_incoming() and tcp_reset_check()",
         "How a reset reaching a synchronized connection is checked. Rfc5961: seq == RCV.NXT "
         "(or RCV.NXT-1 after the peer's FIN) resets, other in-window seq gets a challenge "
         "ACK, the rest is dropped; Rfc793: any in-window seq resets; Stock: unmodified ns-3 "
         "(any seq resets, a reset without timestamp is dropped when timestamps are on).",
         {{RstValidation::RFC5961, "Rfc5961"},
          {RstValidation::RFC793, "Rfc793"},
          {RstValidation::STOCK, "Stock"}},
         RstValidation::RFC5961,
         RstValidation::STOCK,
         nullptr,
         nullptr,
         nullptr}));
    table.push_back(Behaviour(
        TcpRstPolicy::UNACCEPTABLE_SYN_ACK,
        "UnacceptableSynAck",
        S::SOCKET,
        "Linux tcp_rcv_synsent_state_process(), RFC 9293 3.10.7.3",
        "SYN_SENT receiving a SYN-ACK that does not ack its SYN. Linux: answer R seq=SEG.ACK, "
        "stay in SYN_SENT, re-send the SYN after TimeoutMin if it was not retransmitted yet; "
        "Stock: R seq=SND.NXT and the connect fails."));
    table.push_back(Behaviour(
        TcpRstPolicy::LISTENER_SEGMENTS,
        "ListenerSegments",
        S::SOCKET,
        "Linux tcp_rcv_state_process() case TCP_LISTEN, RFC 9293 3.10.7.2",
        "Non-SYN segments reaching a listener. Linux: a reset is ignored, an ACK is answered "
        "R seq=SEG.ACK, anything else is dropped; Stock: everything but SYN is dropped."));
    table.push_back(Behaviour(
        TcpRstPolicy::BOUND_NOT_LISTENING,
        "BoundNotListening",
        S::SOCKET,
        "Linux __inet_lookup_skb(): only listening and connected sockets are found",
        "Segments reaching a socket that is bound but neither listening nor connected. Linux: "
        "the socket is invisible, the segment gets the no-socket reply; Stock: R seq=SND.NXT "
        "without ACK."));
    table.push_back(Behaviour(
        TcpRstPolicy::ACTIVE_RESET_SHAPE,
        "ActiveResetShape",
        S::SOCKET,
        "Linux tcp_send_active_reset()",
        "Shape of a reset sent by a live connection. Linux: R. seq=SND.NXT ack=RCV.NXT with "
        "the receive window and timestamp; Stock: R seq=SND.NXT without ACK."));
    table.push_back(
        Behaviour(TcpRstPolicy::CLOSE_WITH_UNREAD_DATA,
                  "CloseWithUnreadData",
                  S::SOCKET,
                  "Linux __tcp_close(): unread data -> TCPAbortOnClose, tcp_send_active_reset()",
                  "close() while received data is unread. Linux: an active reset (reason "
                  "TCP_ABORT_ON_CLOSE, TcpExtTCPAbortOnClose) and the socket is gone; Stock: ns-3 "
                  "sends the reset but the socket stays in its state."));
    table.push_back(Behaviour(
        TcpRstPolicy::FLAG_VALIDATION,
        "FlagValidation",
        S::SOCKET,
        "Linux tcp_validate_incoming(), tcp_rcv_state_process(), tcp_check_req(), RFC 5961 4",
        "Segments whose flags or sequence number a connection does not expect (table in the "
        "doc). Linux: in SYN_SENT, SYN_RCVD and the synchronized states a segment without ACK, "
        "RST or SYN is dropped; a SYN in a synchronized state gets a challenge ACK; an "
        "out-of-window segment gets a duplicate ACK; in SYN_RCVD an ACK that does not ack the "
        "SYN-ACK is answered R seq=SEG.ACK and an in-window SYN resets the request. Stock: "
        "TcpSocketBase answers what it calls illegal flags with a reset and closes, and "
        "completes a handshake on bare data."));
    table.push_back(Behaviour(
        TcpRstPolicy::TIME_WAIT,
        "TimeWait",
        S::SOCKET,
        "Linux tcp_time_wait(), tcp_timewait_state_process(), RFC 1122 4.2.2.13, RFC 1337",
        "What is left after both FINs. Linux: a timewait entry of the node "
        "(TcpRstL4Protocol::TimeWaitLength, MaxTwBuckets, Rfc1337) re-ACKs a retransmitted "
        "FIN, hands a newer SYN to the listener with ISN = old SND.NXT + 65537, answers other "
        "segments with the last ACK and is ended by a reset with seq = RCV.NXT; the socket "
        "itself is CLOSED. Stock: the socket stays in TIME_WAIT for 2*MSL ignoring every "
        "segment."));
    table.push_back(Behaviour(
        TcpRstPolicy::CLOSE_CALL,
        "Close",
        S::SOCKET,
        "Linux __tcp_close(), tcp_disconnect(), tcp_fin_time()",
        "close(). Linux: with SO_LINGER {on, 0} an active reset (reason TCP_ABORT_ON_LINGER, "
        "TcpExtTCPAbortOnLinger) and no FIN; in SYN_SENT nothing is sent; CLOSING is left "
        "alone; an orphan in FIN_WAIT_2 becomes a timewait entry for FinTimeout. Stock: ns-3 "
        "DoClose() (SO_LINGER ignored, a reset in SYN_SENT and CLOSING, FIN_WAIT_2 for ever)."));
    table.push_back(Typed<DataAfterShutdown::Value>(
        {TcpRstPolicy::DATA_AFTER_SHUTDOWN,
         "DataAfterShutdown",
         S::SOCKET,
         "Linux tcp_rcv_state_process() case TCP_FIN_WAIT1/2, RFC 1122 4.2.2.13",
         "New data reaching a connection whose receive side is shut (ShutdownRecv() or "
         "Close()). Linux: in FIN_WAIT_1/2 it is answered R seq=SEG.ACK (reason "
         "TCP_ABORT_ON_DATA, TcpExtTCPAbortOnData) and the connection ends with ECONNRESET; "
         "after ShutdownRecv() alone it is ACKed and stays readable. Windows (the seed "
         "note's variant): the reset also in ESTABLISHED and CLOSE_WAIT after ShutdownRecv(). "
         "Stock: ns-3 ACKs it and, after ShutdownRecv(), hides it from the application.",
         {{DataAfterShutdown::LINUX, "Linux"},
          {DataAfterShutdown::WINDOWS, "Windows"},
          {DataAfterShutdown::STOCK, "Stock"}},
         DataAfterShutdown::LINUX,
         DataAfterShutdown::STOCK,
         nullptr,
         nullptr,
         nullptr}));
    table.push_back(Behaviour(
        TcpRstPolicy::ORPHANS,
        "Orphans",
        S::HOST,
        "Linux tcp_check_oom(), tcp_out_of_resources(), tcp_orphan_retries()",
        "Connections closed by their application (orphans). Linux: counted per node "
        "(trace source OrphanCount); above MaxOrphans a closing orphan sends its FIN then R. "
        "(reason TCP_ABORT_ON_MEMORY) and an orphan's retransmission timer sends R. instead "
        "of a retransmission; orphans give up after OrphanRetries instead of Retries2. Stock: "
        "no limit, Retries2."));
    table.push_back(Behaviour(
        TcpRstPolicy::LISTEN_QUEUES,
        "ListenQueues",
        S::SOCKET,
        "Linux tcp_conn_request(), tcp_check_req(), reqsk_timer_handler(), cookie_v4_check()",
        "A listener's SYN queue and accept queue. Linux: min(Backlog, SomaxConn) + 1 "
        "completed connections wait for Accept(); a SYN that finds the accept queue full is "
        "dropped, one that finds the SYN queue full gets a SYN cookie (SynCookies); the ACK "
        "completing a handshake while the accept queue is full is dropped and the request "
        "retransmits its SYN-ACK (AbortOnOverflow: R. seq=SEG.ACK). Stock: no queues, every "
        "SYN forks a connection handed to the application when it completes."));
    table.push_back(Typed<Blackhole::Value>(
        {TcpRstPolicy::BLACKHOLE,
         "Blackhole",
         S::HOST,
         "FreeBSD tcp_input() findpcb, net.inet.tcp.blackhole (blackhole(4))",
         "Segments that find no connection (a closed port, or a socket bound but not "
         "listening). Off: answered as NoSocketReply says (Linux, and FreeBSD's default 0); "
         "Syn: a segment with SYN goes unanswered (FreeBSD 1); All: nothing is answered "
         "(FreeBSD 2). Every segment left unanswered is counted (TcpExtTcpBlackholeDrops).",
         {{Blackhole::OFF, "Off"}, {Blackhole::SYN, "Syn"}, {Blackhole::ALL, "All"}},
         Blackhole::OFF,
         Blackhole::OFF,
         nullptr,
         nullptr,
         nullptr}));
    table.push_back(Typed<ResetRateLimit::Value>(
        {TcpRstPolicy::RESET_RATE_LIMIT,
         "ResetRateLimit",
         S::HOST,
         "FreeBSD tcp_dropwithreset() -> badport_bandlim(), counter_ratecheck()",
         "Resets the node sends in reply to a segment (no connection, a listener, a request, "
         "TIME_WAIT), not those a connection sends on its own. None: no limit (Linux "
         "tcp_v4_send_reset()); Bandlim: at most IcmpLim in any second, the second starting "
         "with the first reset after the previous one ended; the others are not sent "
         "(TcpExtTcpRstRateLimited).",
         {{ResetRateLimit::NONE, "None"}, {ResetRateLimit::BANDLIM, "Bandlim"}},
         ResetRateLimit::NONE,
         ResetRateLimit::NONE,
         nullptr,
         nullptr,
         nullptr}));
    table.push_back(Typed<SynValidation::Value>(
        {TcpRstPolicy::SYN_VALIDATION,
         "SynValidation",
         S::SOCKET,
         "RFC 5961 4.2 as Linux tcp_validate_incoming() step 4, FreeBSD tcp_input() insecure_syn",
         "A SYN reaching a synchronized connection (consulted while FlagValidation is Linux). "
         "Rfc5961: a challenge ACK whatever its seq (Linux, FreeBSD insecure_syn=0); Rfc793: a "
         "SYN inside the window ends the connection with R. seq=SND.NXT (reason INVALID_SYN, "
         "ECONNRESET), one outside gets a challenge ACK (FreeBSD insecure_syn=1); Stock: the "
         "SYN is ignored, as TcpSocketBase does.",
         {{SynValidation::RFC5961, "Rfc5961"},
          {SynValidation::RFC793, "Rfc793"},
          {SynValidation::STOCK, "Stock"}},
         SynValidation::RFC5961,
         SynValidation::STOCK,
         nullptr,
         nullptr,
         nullptr}));
    table.push_back(Typed<BacklogOverflow::Value>(
        {TcpRstPolicy::BACKLOG_OVERFLOW,
         "BacklogOverflow",
         S::SOCKET,
         "Linux tcp_conn_request() sk_acceptq_is_full(); Windows refuses (WSAECONNREFUSED)",
         "A SYN reaching a listener whose accept queue is full (consulted while ListenQueues is "
         "Linux). Drop: dropped and counted (TcpExtListenOverflows), the client retransmits "
         "(Linux); Reset: refused with R. seq=0 ack=SEG.SEQ+1 (reason TCP_LISTEN_OVERFLOW), "
         "the client's connect() fails (Windows). Stock ns-3 has no accept queue.",
         {{BacklogOverflow::DROP, "Drop"}, {BacklogOverflow::RESET, "Reset"}},
         BacklogOverflow::DROP,
         BacklogOverflow::DROP,
         nullptr,
         nullptr,
         nullptr}));
    return table;
}

/// Sets and reads one policy of an object's TcpRstPolicySet.
class PolicyAccessor : public AttributeAccessor
{
  public:
    PolicyAccessor(const TcpRstPolicyInfo& info, TcpRstPolicySet* (*access)(ObjectBase*))
        : m_info(info)
        , m_access(access)
    {
    }

    bool
    Set(ObjectBase* object, const AttributeValue& value) const override
    {
        int v = 0;
        if (!m_info.readValue(value, &v))
        {
            return false;
        }
        m_access(object)->Set(m_info.id, v);
        return true;
    }

    bool
    Get(const ObjectBase* object, AttributeValue& value) const override
    {
        int v = m_access(const_cast<ObjectBase*>(object))->Get(m_info.id);
        return m_info.makeChecker()->Copy(*m_info.makeValue(v), value);
    }

    bool
    HasGetter() const override
    {
        return true;
    }

    bool
    HasSetter() const override
    {
        return true;
    }

  private:
    const TcpRstPolicyInfo& m_info;            //!< the row (the table is never freed)
    TcpRstPolicySet* (*m_access)(ObjectBase*); //!< the object's set
};

} // namespace

std::string
TcpRstPolicyInfo::ChoiceName(int value) const
{
    for (const TcpRstPolicyChoice& c : choices)
    {
        if (c.value == value)
        {
            return c.name;
        }
    }
    return "?";
}

std::string
TcpRstPolicyInfo::TypeName() const
{
    return scope == TcpRstPolicyScope::HOST ? "ns3::TcpRstL4Protocol" : "ns3::TcpRstSocket";
}

std::string
TcpRstPolicyInfo::Path() const
{
    return TypeName() + "::" + name;
}

const std::vector<TcpRstPolicyInfo>&
TcpRstPolicyTable()
{
    static const std::vector<TcpRstPolicyInfo> table = BuildTable();
    return table;
}

const TcpRstPolicyInfo&
GetPolicyInfo(TcpRstPolicy id)
{
    const TcpRstPolicyInfo& info = TcpRstPolicyTable().at(static_cast<std::size_t>(id));
    NS_ABORT_MSG_UNLESS(info.id == id, "tcp-rst policy table out of order at " << info.name);
    return info;
}

TcpRstPolicySet::TcpRstPolicySet()
{
    for (const TcpRstPolicyInfo& info : TcpRstPolicyTable())
    {
        Set(info.id, info.linuxValue);
    }
}

bool
TcpRstPolicySet::IsStock(TcpRstPolicy id) const
{
    return Get(id) == GetPolicyInfo(id).stockValue;
}

void
TcpRstPolicySet::Set(TcpRstPolicy id, int value)
{
    NS_ABORT_MSG_UNLESS(value >= 0 && value < 128,
                        GetPolicyInfo(id).name << ": value " << value
                                               << " is not one of the policy's values");
    m_values[static_cast<std::size_t>(id)] = static_cast<int8_t>(value);
}

TypeId&
AddPolicyAttributes(TypeId& tid,
                    TcpRstPolicyScope scope,
                    TcpRstPolicySet* (*access)(ObjectBase* object),
                    uint32_t flags)
{
    for (const TcpRstPolicyInfo& info : TcpRstPolicyTable())
    {
        if (info.scope != scope)
        {
            continue;
        }
        std::string help = info.help + " (Follows " + info.follows + ".)";
        tid.AddAttribute(info.name,
                         help,
                         flags,
                         *info.makeValue(info.linuxValue),
                         Ptr<const AttributeAccessor>(new PolicyAccessor(info, access), false),
                         info.makeChecker());
    }
    return tid;
}

void
PrintPolicyTable(std::ostream& os, bool rst)
{
    if (rst)
    {
        os << ".. list-table:: Reset policies (generated by ``./tcp-rst policies --rst``)\n"
           << "   :header-rows: 1\n\n"
           << "   * - attribute\n     - values (Linux default first)\n     - stock ns-3\n"
           << "     - follows\n";
    }
    for (const TcpRstPolicyInfo& info : TcpRstPolicyTable())
    {
        std::string values = info.ChoiceName(info.linuxValue);
        for (const TcpRstPolicyChoice& c : info.choices)
        {
            if (c.value != info.linuxValue)
            {
                values += ", " + c.name;
            }
        }
        if (rst)
        {
            os << "   * - ``" << info.Path() << "``\n     - " << values << "\n     - "
               << info.ChoiceName(info.stockValue) << "\n     - " << info.follows << '\n';
        }
        else
        {
            os << std::left << std::setw(42) << info.Path() << "  " << std::setw(24) << values
               << "  stock=" << info.ChoiceName(info.stockValue) << "\n    " << info.follows
               << '\n';
        }
    }
}

} // namespace ns3
