/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FAT_TREE_TOPOLOGY_H
#define FAT_TREE_TOPOLOGY_H

#include "host-topology.h"

#include <functional>
#include <string>

namespace ns3
{

class TcpRstHelper;

/**
 * \ingroup tcp-rst
 * \brief How a fat-tree routes.
 */
enum class FatTreeRouting
{
    FLOW_ECMP,  //!< Ipv4FlowEcmpRouting: per-flow (5-tuple hash) ECMP, tables from the structure
    GLOBAL,     //!< ns-3's global routing (one shortest path per destination)
    NIX_VECTOR, //!< ns-3's Nix-vector routing (one path per source and destination)
};

/**
 * \ingroup tcp-rst
 * \brief Parameters of a k-ary fat-tree (Al-Fares et al., SIGCOMM 2008).
 */
struct FatTreeOptions
{
    uint32_t k{4};                                     //!< ports per switch, even, [2, 32]
    std::string hostRate{"1Gbps"};                     //!< host—edge links
    Time hostDelay{MicroSeconds(10)};                  //!< host—edge one-way delay
    std::string fabricRate{"10Gbps"};                  //!< edge—aggregation—core links
    Time fabricDelay{MicroSeconds(10)};                //!< switch—switch one-way delay
    FatTreeRouting routing{FatTreeRouting::FLOW_ECMP}; //!< how packets find their way

    /// \throws std::invalid_argument naming the parameter and its allowed range
    void Validate() const;
};

/**
 * \ingroup tcp-rst
 * \brief A k-ary fat-tree of point-to-point links with tcp-rst on every node: k pods of k/2
 * edge and k/2 aggregation switches, (k/2)^2 core switches, k/2 hosts per edge switch
 * (k=4: 16 hosts, k=8: 128, k=16: 1024).
 *
 * Host h = pod * (k/2)^2 + edge * k/2 + i has address 10.pod.edge.(4i+2)/30 (its edge
 * switch is .(4i+1)); switch-to-switch links are /30s from 172.16.0.0/12. With the default
 * FLOW_ECMP routing every node gets an Ipv4FlowEcmpRouting filled from this structure (edge:
 * its hosts, else up to any aggregation switch of the pod; aggregation: the pod's edge
 * prefixes, else up to any of its core switches; core: one prefix per pod), so that the
 * routes of a k=16 tree are built in milliseconds and a TCP flow keeps one path.
 */
class FatTreeTopology : public HostTopology
{
  public:
    /**
     * \brief Build the tree.
     * \param rst the helper that installs tcp-rst (its policies and profile apply)
     * \param options the tree
     * \throws std::invalid_argument for a parameter out of range
     */
    FatTreeTopology(TcpRstHelper& rst, const FatTreeOptions& options);

    /**
     * \brief Build the tree with another stack, e.g. ns-3's own TCP for comparisons.
     * \param install installs an internet stack (with Ipv4ListRouting, as
     * InternetStackHelper's default) on the nodes it is given
     * \param options the tree (routing FLOW_ECMP or GLOBAL)
     * \throws std::invalid_argument for a parameter out of range
     */
    FatTreeTopology(const std::function<void(NodeContainer)>& install,
                    const FatTreeOptions& options);

    std::string Describe() const override;
    uint32_t GetHops(uint32_t a, uint32_t b) const override;
    std::string GetPathKind(uint32_t a, uint32_t b) const override;
    Time GetPathDelay(uint32_t a, uint32_t b) const override;

    /// \return the tree's parameters
    const FatTreeOptions& GetOptions() const;
    /// \param host a host index \return its pod
    uint32_t GetPod(uint32_t host) const;
    /// \param host a host index \return its edge switch's index within the pod
    uint32_t GetEdge(uint32_t host) const;
    /// \return the edge switches, pod by pod
    const NodeContainer& GetEdgeSwitches() const;
    /// \return the aggregation switches, pod by pod
    const NodeContainer& GetAggregationSwitches() const;
    /// \return the core switches
    const NodeContainer& GetCoreSwitches() const;
    /// \return wall-clock seconds the routes took to build
    double GetRoutingBuildSeconds() const;

  private:
    /// Create the nodes and links, with \p install putting a stack on every node.
    void Build(const std::function<void(NodeContainer)>& install);
    /// Fill every node's Ipv4FlowEcmpRouting.
    void BuildFlowEcmpRoutes();

    FatTreeOptions m_options;    //!< parameters
    NodeContainer m_edge;        //!< edge switches
    NodeContainer m_aggregation; //!< aggregation switches
    NodeContainer m_core;        //!< core switches
    double m_routingSeconds{0};  //!< route build time
    /// per switch-switch link: (lower node, its interface, upper node, its interface, addresses)
    struct FabricLink
    {
        Ptr<Node> lower;       //!< edge or aggregation switch
        uint32_t lowerIf;      //!< its interface
        Ipv4Address lowerAddr; //!< its address
        Ptr<Node> upper;       //!< aggregation or core switch
        uint32_t upperIf;      //!< its interface
        Ipv4Address upperAddr; //!< its address
    };
    std::vector<FabricLink> m_edgeUp;   //!< edge—aggregation links
    std::vector<FabricLink> m_aggUp;    //!< aggregation—core links
    std::vector<uint32_t> m_hostEdgeIf; //!< per host: the edge switch's interface facing it
};

} // namespace ns3

#endif /* FAT_TREE_TOPOLOGY_H */
