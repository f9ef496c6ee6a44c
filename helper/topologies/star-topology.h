/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef STAR_TOPOLOGY_H
#define STAR_TOPOLOGY_H

#include "host-topology.h"

#include <string>

namespace ns3
{

class TcpRstHelper;

/**
 * \ingroup tcp-rst
 * \brief Parameters of a star: hosts around one router.
 */
struct StarOptions
{
    uint32_t spokes{8};           //!< hosts, [2, 1000]
    std::string rate{"1Gbps"};    //!< spoke links
    Time delay{MicroSeconds(20)}; //!< one-way delay of each spoke

    /// \throws std::invalid_argument naming the parameter and its allowed range
    void Validate() const;
};

/**
 * \ingroup tcp-rst
 * \brief ns-3's PointToPointStarHelper with tcp-rst on every node and global routing: host i
 * is spoke i (10.3.i.2).
 */
class StarTopology : public HostTopology
{
  public:
    /**
     * \param rst the helper that installs tcp-rst
     * \param options the star
     * \throws std::invalid_argument for a parameter out of range
     */
    StarTopology(TcpRstHelper& rst, const StarOptions& options);

    std::string Describe() const override;
    uint32_t GetHops(uint32_t a, uint32_t b) const override;
    std::string GetPathKind(uint32_t a, uint32_t b) const override;
    Time GetPathDelay(uint32_t a, uint32_t b) const override;

  private:
    StarOptions m_options; //!< parameters
};

} // namespace ns3

#endif /* STAR_TOPOLOGY_H */
