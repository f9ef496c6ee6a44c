/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_FLOW_KEY_H
#define TCP_FLOW_KEY_H

#include <cstddef>
#include <cstdint>
#include <functional>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief A connected IPv4 socket's 4-tuple (host byte order), seen from its own node.
 */
struct TcpFlowKey
{
    uint32_t local{0};     //!< local address
    uint32_t peer{0};      //!< peer address
    uint16_t localPort{0}; //!< local port
    uint16_t peerPort{0};  //!< peer port

    /// \param o another key \return true when equal
    bool
    operator==(const TcpFlowKey& o) const
    {
        return local == o.local && peer == o.peer && localPort == o.localPort &&
               peerPort == o.peerPort;
    }
};

/**
 * \ingroup tcp-rst
 * \brief Hashes a TcpFlowKey (TcpFlowTable mixes it further into a slot).
 */
struct TcpFlowKeyHash
{
    /// \param k a key \return its hash
    std::size_t
    operator()(const TcpFlowKey& k) const
    {
        uint64_t a = (static_cast<uint64_t>(k.local) << 32) | k.peer;
        uint64_t b = (static_cast<uint64_t>(k.localPort) << 16) | k.peerPort;
        return std::hash<uint64_t>()(a ^ (b * 0x9e3779b97f4a7c15ULL));
    }
};

} // namespace ns3

#endif /* TCP_FLOW_KEY_H */
