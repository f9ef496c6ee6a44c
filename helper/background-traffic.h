/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef BACKGROUND_TRAFFIC_H
#define BACKGROUND_TRAFFIC_H

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/nstime.h"
#include "ns3/packet-sink.h"
#include "ns3/socket.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class HostTopology;

/**
 * \ingroup tcp-rst
 * \brief The reset-free traffic a scenario runs beside its cases.
 */
struct BackgroundOptions
{
    uint32_t flows{24};           //!< flows per round, [0, 1000000]
    uint32_t bulkBytes{100000};   //!< bytes of each bulk flow, [1, 1e9]
    uint32_t requestBytes{200};   //!< request of a short connection, [1, 65535]
    uint32_t responseBytes{2000}; //!< its response, [1, 1e6]
    Time startWindow{Seconds(2)}; //!< flows start spread over this, (0, 3600s]
    /// the kinds taken in turn: "bulk", "onoff", "short" (request/response), each at most once
    std::vector<std::string> kinds{"bulk", "onoff", "short"};

    /// \throws std::invalid_argument naming the parameter and its allowed range
    void Validate() const;
};

/**
 * \ingroup tcp-rst
 * \brief What the background traffic did.
 */
struct BackgroundStats
{
    uint32_t flows{0};            //!< flows started
    uint32_t bulk{0};             //!< of which BulkSend
    uint32_t onOff{0};            //!< of which OnOff
    uint32_t shortConnections{0}; //!< of which request/response connections
    uint32_t completed{0};        //!< flows that delivered all their bytes
    uint64_t bytes{0};            //!< bytes delivered
    uint32_t resets{0};           //!< resets sent or received by background hosts (must be 0)

    /// \param other stats of another round to add
    void Add(const BackgroundStats& other);
};

/**
 * \ingroup tcp-rst
 * \brief Background flows between a set of hosts, in turn: a BulkSend to a PacketSink, an
 * OnOff source to a PacketSink, and a short request/response connection (the client sends a
 * request, the server answers and closes, the client closes) — the mix a data centre carries,
 * none of which should ever meet a reset.
 */
class BackgroundTraffic
{
  public:
    /**
     * \param topology the network
     * \param hosts the hosts that carry it (at least two)
     * \param options how much
     */
    BackgroundTraffic(const HostTopology& topology,
                      std::vector<uint32_t> hosts,
                      const BackgroundOptions& options);

    /// \brief Install the applications and schedule the flows.
    void Install();

    /// \return what happened (after the run)
    BackgroundStats GetStats() const;

  private:
    /// \return bytes of each OnOff flow (half a bulk flow)
    uint32_t OnOffBytes() const;
    /// Listen for request/response connections on a host.
    void ListenShort(uint32_t host);
    /// Start a request/response connection.
    void StartShort(uint32_t from, uint32_t to);

    const HostTopology& m_topology; //!< the network
    std::vector<uint32_t> m_hosts;  //!< the hosts
    BackgroundOptions m_options;    //!< how much
    BackgroundStats m_stats;        //!< counts
    /// Install (once) a PacketSink on \p host at \p port. \return its address
    Address Sink(uint32_t host, uint16_t port);

    std::map<std::pair<uint32_t, uint16_t>, Ptr<PacketSink>> m_sinks; //!< by host and port
    std::map<std::pair<uint16_t, std::string>, uint64_t> m_rxPerFlow; //!< by sink port, sender
    std::map<uint32_t, bool> m_shortListening; //!< hosts with a request/response listener
    std::map<Socket*, uint32_t> m_requestRx;   //!< request bytes per server socket
    std::map<Socket*, uint32_t> m_responseRx;  //!< response bytes per client socket
};

} // namespace ns3

#endif /* BACKGROUND_TRAFFIC_H */
