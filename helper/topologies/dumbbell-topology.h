/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DUMBBELL_TOPOLOGY_H
#define DUMBBELL_TOPOLOGY_H

#include "host-topology.h"

#include <string>

namespace ns3
{

class TcpRstHelper;

/**
 * \ingroup tcp-rst
 * \brief Parameters of a dumbbell: leaves on each side of a bottleneck between two routers.
 */
struct DumbbellOptions
{
    uint32_t leaves{4};                     //!< hosts on each side, [1, 1000]
    std::string leafRate{"1Gbps"};          //!< leaf—router links
    Time leafDelay{MicroSeconds(20)};       //!< leaf—router one-way delay
    std::string bottleneckRate{"100Mbps"};  //!< router—router link
    Time bottleneckDelay{MilliSeconds(10)}; //!< router—router one-way delay

    /// \throws std::invalid_argument naming the parameter and its allowed range
    void Validate() const;
};

/**
 * \ingroup tcp-rst
 * \brief ns-3's PointToPointDumbbellHelper with tcp-rst on every node and global routing:
 * hosts 0 .. leaves-1 on the left (10.1.i.1), leaves .. 2*leaves-1 on the right (10.2.i.1).
 */
class DumbbellTopology : public HostTopology
{
  public:
    /**
     * \param rst the helper that installs tcp-rst
     * \param options the dumbbell
     * \throws std::invalid_argument for a parameter out of range
     */
    DumbbellTopology(TcpRstHelper& rst, const DumbbellOptions& options);

    std::string Describe() const override;
    uint32_t GetHops(uint32_t a, uint32_t b) const override;
    std::string GetPathKind(uint32_t a, uint32_t b) const override;
    Time GetPathDelay(uint32_t a, uint32_t b) const override;

  private:
    DumbbellOptions m_options; //!< parameters
};

} // namespace ns3

#endif /* DUMBBELL_TOPOLOGY_H */
