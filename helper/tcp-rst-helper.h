/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_HELPER_H
#define TCP_RST_HELPER_H

#include "ns3/attribute.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/node-container.h"
#include "ns3/tcp-rst-l4-protocol.h"

#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class TcpRstCsvWriter;
class TcpRstSocket;

/**
 * \ingroup tcp-rst
 * \brief Installs tcp-rst on nodes and configures and traces it.
 *
 * \code
 * TcpRstHelper rst;                   // Linux 6.x defaults
 * rst.Install(nodes);                 // instead of InternetStackHelper::Install
 * rst.EnableResetTrace("resets.csv"); // every reset sent or received, one CSV row each
 *
 * TcpRstHelper bsd;                   // a second helper for nodes of another stack
 * bsd.SetStackProfile("FreeBSD");
 * bsd.Install(servers);
 * \endcode
 *
 * Every TCP socket on those nodes is then a TcpRstSocket: BulkSend, PacketSink (listening and
 * accepted sockets), OnOff and Socket::CreateSocket(node, TcpSocketFactory::GetTypeId()).
 */
class TcpRstHelper
{
  public:
    TcpRstHelper();
    ~TcpRstHelper();

    /**
     * \brief Set a host-wide knob (an attribute of TcpRstL4Protocol) on the nodes installed
     * after this call.
     * \param name attribute name, e.g. "TimeoutMin" or "NoSocketReply"
     * \param value its value
     * \throws std::invalid_argument naming the attribute and the allowed values
     */
    void SetTcpAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set the default of a TcpRstSocket attribute (a policy or a TcpSocket knob) for
     * every socket created afterwards, on every node (like Config::SetDefault).
     * \param name attribute name, e.g. "RstValidation" or "ConnTimeout"
     * \param value its value
     * \throws std::invalid_argument naming the attribute and the allowed values
     */
    static void SetSocketDefault(const std::string& name, const AttributeValue& value);

    /**
     * \brief Choose the host profile of the nodes installed after this call: "Linux" (the
     * default: Linux 6.x ISNs, timestamps, MSS, windows, handshake and data timers, each
     * a TcpRstL4Protocol attribute) or "Ns3" (ns-3's own TcpSocket defaults for everything
     * that is not a reset policy, to keep old results comparable).
     * \param profile "Linux" or "Ns3"
     * \throws std::invalid_argument for another name, naming the allowed ones
     */
    void SetHostProfile(const std::string& profile);

    /**
     * \brief Choose the stack profile of the nodes this helper installs (TcpStackProfiles(),
     * `./tcp-rst profiles`): its knobs and policies apply to those nodes and to every socket
     * they create, so one topology can mix stacks (a helper per stack). Knobs set with
     * SetTcpAttribute() win over the profile, as do defaults the user changed.
     * \param name "Linux" (the default), "Linux-4.4", "Ns3", "FreeBSD", "macOS" or "Windows"
     * \throws std::invalid_argument for an unknown name (naming the allowed ones), or when this
     * helper already selects another profile
     */
    void SetStackProfile(const std::string& name);

    /// \return the stack profile this helper installs ("Linux" unless set)
    std::string GetStackProfile() const;

    /**
     * \brief Select stock ns-3 behaviour on the nodes this helper installs: the stack profile
     * Ns3 (every policy Stock, on the nodes and on every socket they create, and the Ns3 host
     * profile). For comparisons with unmodified ns-3.
     */
    void UseStockBehaviour();

    /**
     * \brief Fix the random streams of tcp-rst on these nodes (ISN and timestamp keys, jiffy
     * phase), as ns-3 helpers' AssignStreams() do: the same RngRun then gives the same run
     * however many other random variables the script created before.
     * \param nodes nodes with tcp-rst installed
     * \param stream first stream index
     * \return the number of streams used
     */
    static int64_t AssignStreams(NodeContainer nodes, int64_t stream);

    /**
     * \brief Install the internet stack with TcpRstL4Protocol on these nodes.
     * \param nodes the nodes
     * \throws std::invalid_argument when a node already has an internet stack (one stack, and
     * one stack profile, per node)
     */
    void Install(NodeContainer nodes);
    /// \param node the node
    void Install(Ptr<Node> node);
    /**
     * \brief Install with a stack helper the caller has configured (routing, IPv6 ...);
     * its TCP type is replaced by TcpRstL4Protocol.
     * \param nodes the nodes
     * \param stack the stack helper to use
     */
    void Install(NodeContainer nodes, InternetStackHelper& stack);

    /**
     * \brief Write every reset sent or received by any tcp-rst node to a CSV file:
     * time_s,node,reason,direction,src,dst,flags,seq,ack. The file is complete when the
     * simulation is destroyed (or this helper is).
     * \param filename the file
     * \throws std::runtime_error if it cannot be opened
     */
    void EnableResetTrace(const std::string& filename);

    /**
     * \brief Create a TCP socket on a tcp-rst node, as Socket::CreateSocket() with
     * TcpSocketFactory does, typed as what it is.
     * \param node a node with tcp-rst installed
     * \return the socket
     * \throws std::invalid_argument when tcp-rst is not installed on the node
     */
    static Ptr<TcpRstSocket> CreateSocket(Ptr<Node> node);

    /// \param node a node \return its TcpRstL4Protocol, or null when tcp-rst is not installed
    static Ptr<TcpRstL4Protocol> GetTcp(Ptr<Node> node);

    /**
     * \brief Destroy every TIME_WAIT connection of these nodes at a chosen time without a
     * segment, as `ss -K state time-wait` does (TcpRstL4Protocol::KillTimeWait()).
     * \param nodes the nodes (each with tcp-rst installed)
     * \param at absolute simulation time, not in the past
     * \throws std::invalid_argument for a node without tcp-rst or a time in the past
     */
    static void KillTimeWait(NodeContainer nodes, Time at);

    /**
     * \brief Print the non-zero counters of every tcp-rst node, nstat style.
     * \param nodes the nodes
     * \param os output stream
     */
    static void PrintCounters(NodeContainer nodes, std::ostream& os);

  private:
    void Configure(Ptr<Node> node) const;

    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_tcpAttributes; //!< knobs
    std::string m_stackProfile{"Linux"};                                      //!< its nodes'
    Ptr<TcpRstCsvWriter> m_csv; //!< reset CSV, when enabled
};

} // namespace ns3

#endif /* TCP_RST_HELPER_H */
