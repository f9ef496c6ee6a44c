/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RST_SCENARIO_H
#define RST_SCENARIO_H

#include "ns3/background-traffic.h"
#include "ns3/dumbbell-topology.h"
#include "ns3/fat-tree-topology.h"
#include "ns3/rst-case.h"
#include "ns3/star-topology.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief What to place where: the topology, the cases and how often, the background traffic.
 */
struct ScenarioOptions
{
    std::string topology{"fat-tree"}; //!< fat-tree, dumbbell or star
    FatTreeOptions fatTree;           //!< with topology fat-tree
    DumbbellOptions dumbbell;         //!< with topology dumbbell
    StarOptions star;                 //!< with topology star
    std::vector<std::string> cases;   //!< the cases to place (empty: every case)
    uint32_t perCase{3};              //!< instances of each case, [1, 100000]
    BackgroundOptions background;     //!< reset-free traffic beside the cases
    bool stock{false};                //!< every policy Stock and the Ns3 host profile
    std::string profile{"Linux"};     //!< every host's stack profile (TcpStackProfiles())
    std::string outDir;               //!< results folder ("" = none)
    bool progress{false};             //!< report progress on stderr
    /// called with every reset sent or received, as it happens (e.g. a Python callback)
    std::function<void(const TcpResetEvent&)> onReset;

    /// \throws std::invalid_argument naming the parameter and its allowed values
    void Validate() const;
};

/**
 * \ingroup tcp-rst
 * \brief One case placed on one host pair.
 */
struct CaseInstance
{
    std::string name;     //!< case name
    uint32_t id{0};       //!< instance number, over the whole scenario
    uint32_t round{0};    //!< the round (simulation) it ran in
    uint32_t client{0};   //!< client host index
    uint32_t server{0};   //!< server host index
    std::string pathKind; //!< e.g. "core" (fat-tree: edge, pod, core)
    uint32_t hops{0};     //!< links from client to server
    Time oneWay;          //!< one-way propagation delay from client to server
    CaseResult result;    //!< what it showed
};

/**
 * \ingroup tcp-rst
 * \brief Everything a scenario run produced.
 */
struct ScenarioResult
{
    std::string topology;                //!< Describe() of the topology
    std::vector<CaseInstance> instances; //!< every placed case
    BackgroundStats background;          //!< the background traffic, over every round
    /// every reset sent or received: the instance it belongs to (-1: background) and the event
    std::vector<std::pair<int64_t, TcpResetEvent>> resets;
    std::vector<std::string> counters; //!< per round: the counters of every node, as printed
    uint32_t rounds{0};                //!< simulations run
    uint64_t events{0};                //!< simulator events executed
    double simulatedSeconds{0};        //!< simulated time, summed over rounds
    double wallSeconds{0};             //!< wall-clock time

    /// \return true when every instance passed and the background saw no reset
    bool Passed() const;
    /// \return true when some instance's trigger was lost and none failed
    bool OnlyNotTriggered() const;
};

/**
 * \ingroup tcp-rst
 * \brief The scenario layer: places any set of cases on host pairs of a topology, each with
 * its own trigger, beside background traffic that must see no reset.
 *
 * A case instance needs its client and server to itself (cases crash hosts, change sysctls
 * such as tcp_max_orphans, count per-node counters): instances are placed on disjoint host
 * pairs, alternating the path kinds the topology offers (fat-tree: same edge switch, same pod,
 * across the core). A quarter of the hosts (at least two) carry the background traffic. When
 * there are more instances than pairs, the scenario runs in rounds: each round is a fresh
 * simulation of the whole topology with its background traffic. Every instance is judged by
 * its own case, from its own ladder, exactly as a single run of that case.
 */
class RstScenario
{
  public:
    /// Called after each round: rounds done, rounds in all, the result so far.
    using ProgressCallback = std::function<void(uint32_t, uint32_t, const ScenarioResult&)>;

    /**
     * \param options what to run
     * \return what it showed
     * \throws std::invalid_argument for a bad option (before anything runs)
     */
    static ScenarioResult Run(const ScenarioOptions& options);

    /// \param options a topology choice \return a new topology (needs a TcpRstHelper)
    static std::unique_ptr<HostTopology> BuildTopology(TcpRstHelper& rst,
                                                       const ScenarioOptions& options);
};

} // namespace ns3

#endif /* RST_SCENARIO_H */
