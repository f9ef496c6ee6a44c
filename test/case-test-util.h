/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_CASE_TEST_UTIL_H
#define TCP_RST_CASE_TEST_UTIL_H

#include "ns3/case-topology.h"
#include "ns3/rst-case-runner.h"
#include "ns3/tcp-ladder-recorder.h"
#include "ns3/tcp-reset-event.h"
#include "ns3/tcp-rst-helper.h"

#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace test
{

/// Every test starts and ends with ns-3 defaults and no simulation.
class TcpRstTest : public ::testing::Test
{
  protected:
    void SetUp() override;
    void TearDown() override;
};

/// \return the ladder of a result as "C>S R 1 -" lines
std::vector<std::string> Ladder(const std::vector<LadderSegment>& segments);

/// \return the ladder with windows and options: "S>C SA 0 1 win=65160 mss=1460,sackOK,ws=10"
std::vector<std::string> WithWindows(const std::vector<LadderSegment>& segments);

/// \param info a test parameter that is a case name \return it as a test name ("a_b")
std::string CaseTestName(const ::testing::TestParamInfo<std::string>& info);

/// \param path a file \return its bytes ("" when it cannot be read)
std::string ReadFile(const std::string& path);

/// \return the segments of connection \p port (its client port) of a result, in order
std::vector<LadderSegment> SegmentsOfPort(const CaseResult& result, uint16_t port);

/// Run a catalogued case.
CaseResult RunCase(const std::string& name, bool stock = false, const std::string& outDir = "");

/**
 * \brief Run a catalogued case on a chosen link with case parameters.
 * \param name the case
 * \param options link delay, rate, loss ...
 * \param caseArguments e.g. {"--dataBytes=65536"}
 * \return the result
 */
CaseResult RunCaseOn(const std::string& name,
                     const CaseRunOptions& options,
                     const std::vector<std::string>& caseArguments = {});

/// A live two-host scene for tests that drive sockets by hand (client — router — server).
struct Scene
{
    /// \param rst installs the hosts \param serverStack when given, installs the server instead
    explicit Scene(TcpRstHelper& rst, TcpRstHelper* serverStack = nullptr);
    CaseTopology topology;                     //!< the hosts
    std::unique_ptr<TcpLadderRecorder> ladder; //!< segments sent by client and server
    std::vector<TcpResetEvent> resets;         //!< every reset sent or received
};

/// \return the events of a given disposition
std::vector<TcpResetEvent> WithDisposition(const std::vector<TcpResetEvent>& events,
                                           RstDisposition disposition);

} // namespace test
} // namespace ns3

#endif
