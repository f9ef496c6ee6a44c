/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RST_CASE_H
#define RST_CASE_H

#include "ns3/case-options.h"
#include "ns3/case-topology.h"
#include "ns3/tcp-ladder-recorder.h"
#include "ns3/tcp-reset-event.h"
#include "ns3/tcp-rst-counters.h"
#include "ns3/tcp-rst-socket.h"
#include "ns3/tcp-segment-filter.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief One thing a case checks, and whether it held.
 */
struct CaseCheck
{
    std::string what;   //!< what was checked
    bool pass{false};   //!< whether it held
    std::string detail; //!< what was observed
};

/**
 * \ingroup tcp-rst
 * \brief What a case run produced.
 */
struct CaseResult
{
    std::string name;                    //!< case name
    std::string expected;                //!< expected reset (who>whom, shape, reason)
    std::string observed;                //!< observed resets, same notation
    std::string reasons;                 //!< reasons of the observed resets
    std::vector<CaseCheck> checks;       //!< the checks
    std::vector<LadderSegment> segments; //!< the ladder's segments
    std::vector<TcpResetEvent> resets;   //!< every reset sent or received
    std::string ladder;                  //!< the ladder text
    bool pass{false};                    //!< triggered and every check held
    bool triggered{true};                //!< the case's trigger happened
    std::string notTriggeredBecause;     //!< why not (e.g. "the old SYN was lost")
    std::string report;                  //!< the case's own summary (e.g. per-client outcomes)
    /// every node's counters at the end of the run, by node id
    std::vector<std::pair<uint32_t, TcpRstCounters>> counters;
    double simulatedSeconds{0}; //!< simulated time the run covered
    uint64_t events{0};         //!< simulator events executed
    /// further outputs the runner writes into --out: file name and content
    std::vector<std::pair<std::string, std::string>> files;

    /**
     * \brief Add a check.
     * \param what what is checked
     * \param pass whether it held
     * \param detail what was observed
     */
    void Check(const std::string& what, bool pass, const std::string& detail = "");

    /**
     * \brief Say that the scenario's trigger did not happen (a segment the case needs was
     * lost on the way): the verdict is then NOT TRIGGERED whatever the checks say.
     * \param why what was missing, e.g. "the old SYN was lost"
     */
    void NotTriggered(const std::string& why);

    /// \return "PASS", "FAIL" or "NOT TRIGGERED"
    std::string Verdict() const;

    /// \param fromClient direction \return the resets sent that way, as ladder segments
    std::vector<LadderSegment> Resets(bool fromClient) const;
};

/**
 * \ingroup tcp-rst
 * \brief What a case gets to build its scenario: the topology, the ladder, filters on both
 * router interfaces, and the resets seen so far.
 */
struct CaseContext
{
    CaseTopology topology;              //!< client — router — server
    TcpLadderRecorder* ladder{nullptr}; //!< the ladder (for Note())
    Ptr<TcpSegmentFilter> fromClient;   //!< filter on the router, segments from the client
    Ptr<TcpSegmentFilter> fromServer;   //!< filter on the router, segments from the server
    double lossRate{0};                 //!< random loss on both router interfaces
    TcpRstHelper* helper{nullptr};      //!< the helper that installed the hosts

    /**
     * \brief Add a '#' line to the ladder at the current time.
     * \param who "client", "server", "script" ...
     * \param text the event
     */
    void Note(const std::string& who, const std::string& text) const;

    /**
     * \return extra simulated time a case allows for its link: ten round trips, and 30 s more
     * when segments are lost at random (retransmissions back off)
     */
    Time LinkAllowance() const;

    /**
     * \brief Listen on the server, noting listen() and every accept in the ladder.
     * \param port the port
     * \param onAccept called with each accepted socket and its peer
     * \param configure called with the new socket before it binds (e.g. to set SegmentSize,
     * which accepted sockets inherit)
     * \return the listening socket
     */
    Ptr<TcpRstSocket> ListenOnServer(
        uint16_t port,
        std::function<void(Ptr<TcpRstSocket>, const InetSocketAddress&)> onAccept,
        std::function<void(Ptr<TcpRstSocket>)> configure = nullptr) const;
};

/**
 * \ingroup tcp-rst
 * \brief A reproducible RST case: a scenario on the case topology plus the checks that say
 * whether the model behaved as Linux does. Subclasses are listed in RstCaseCatalog.
 */
class RstCase
{
  public:
    /**
     * \param name the name used by './tcp-rst run NAME'
     * \param title one line saying what the case shows
     * \param expected the expected reset, e.g. "C>S R seq=SEG.ACK"
     */
    RstCase(std::string name, std::string title, std::string expected);
    virtual ~RstCase() = default;

    /// \return the name used by './tcp-rst run NAME'
    const std::string& GetName() const;
    /// \return one line saying what the case shows
    const std::string& GetTitle() const;
    /// \return the expected reset, e.g. "C>S R seq=SEG.ACK"
    const std::string& GetExpected() const;
    /// \return false for a case whose Linux behaviour is to send no reset (e.g. zero-window)
    virtual bool ShowsResets() const;
    /**
     * \return the case's parameters when it is placed inside another topology by the scenario
     * layer (e.g. "--hosts=0" for a case that otherwise builds hosts of its own); none by default
     */
    virtual std::vector<std::string> PlacementArguments() const;
    /// \param options where to declare the case's --key=value parameters
    virtual void AddOptions(CaseOptions& options);
    /// \throws std::invalid_argument naming a parameter outside its range
    virtual void Validate() const;
    /**
     * \param ctx the scenario (topology, loss rate): on slow or lossy links a case needs longer
     * \return simulated time to run
     */
    virtual Time GetDuration(const CaseContext& ctx) const = 0;
    /// \param ctx schedule the applications and triggers
    virtual void Schedule(CaseContext& ctx) = 0;
    /**
     * \param ctx the context after the run
     * \param result add checks and the observed summary
     */
    virtual void Judge(const CaseContext& ctx, CaseResult& result) const = 0;

  private:
    std::string m_name;     //!< case name
    std::string m_title;    //!< one-line title
    std::string m_expected; //!< expected reset
};

/// \param segment a reset segment \return e.g. "C>S R seq=1 (TCP_INVALID_ACK_SEQUENCE)"
std::string DescribeReset(const LadderSegment& segment);

} // namespace ns3

#endif /* RST_CASE_H */
