/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RUN_INVOCATION_H
#define RUN_INVOCATION_H

#include "ns3/case-options.h"
#include "ns3/command-line.h"
#include "ns3/rst-case-runner.h"
#include "ns3/rst-scenario.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief One run of one case, configured from --key=value text: the case's parameters, the
 * output folder, the stack profile and the link. The command line (tcp-rst-run, the per-case
 * examples) and the Python module configure runs through it, so both accept the same
 * parameters with the same checks and give the same result.
 */
class CaseInvocation
{
  public:
    /**
     * \param caseName a case of RstCaseCatalog
     * \param program the program name for --PrintHelp
     * \param outDir the default of --out ("": write nothing; the per-case examples give ".",
     * the working directory, as SEM and ns-3's own examples expect)
     * \throws std::invalid_argument for an unknown case, listing the cases
     */
    CaseInvocation(const std::string& caseName,
                   const std::string& program,
                   const std::string& outDir = "");
    CaseInvocation(const CaseInvocation&) = delete;
    CaseInvocation& operator=(const CaseInvocation&) = delete;

    /// \return every parameter the run takes (case, output, profile, link), in order
    const std::vector<CaseParameter>& GetParameters() const;
    /**
     * \brief Check, then parse --key=value arguments (ns-3 global values such as --RngRun
     * included).
     * \param args the arguments
     * \throws std::invalid_argument naming the argument and what it accepts, or a case
     * parameter outside its range
     */
    void Parse(const std::vector<std::string>& args);
    /// \return the case
    RstCase& GetCase();
    /// \return the run's options (after Parse())
    CaseRunOptions& GetOptions();
    /// \return --quiet was given
    bool IsQuiet() const;
    /// \return the case's result, in a fresh simulation destroyed afterwards
    CaseResult Run();

  private:
    std::unique_ptr<RstCase> m_case; //!< the case
    CaseRunOptions m_options;        //!< where, which stack, which link
    bool m_quiet{false};             //!< print only the verdict
    std::string m_program;           //!< program name
    CommandLine m_cmd;               //!< the ns-3 command line the options are declared on
    CaseOptions m_declared;          //!< the declared options
};

/**
 * \ingroup tcp-rst
 * \brief One run of the scenario layer (RstScenario: cases placed on a topology beside
 * background traffic), configured from --key=value text, as CaseInvocation is for one case.
 */
class ScenarioInvocation
{
  public:
    /// \param program the program name for --PrintHelp
    explicit ScenarioInvocation(const std::string& program);
    ScenarioInvocation(const ScenarioInvocation&) = delete;
    ScenarioInvocation& operator=(const ScenarioInvocation&) = delete;

    /// \return every parameter (topology, placement, background, profile, output), in order
    const std::vector<CaseParameter>& GetParameters() const;
    /**
     * \brief Check, then parse --key=value arguments.
     * \param args the arguments
     * \throws std::invalid_argument naming the argument and what it accepts
     */
    void Parse(const std::vector<std::string>& args);
    /// \return the scenario's options (after Parse())
    ScenarioOptions& GetOptions();
    /// \return the run's results, in fresh simulations destroyed afterwards
    /// \throws std::invalid_argument for a bad option (before anything runs)
    ScenarioResult Run();

  private:
    ScenarioOptions m_options; //!< what to run
    std::string m_cases;       //!< --cases, comma-separated
    std::string m_results;     //!< --results
    bool m_quiet{false};       //!< no progress on stderr
    std::string m_program;     //!< program name
    CommandLine m_cmd;         //!< the ns-3 command line the options are declared on
    CaseOptions m_declared;    //!< the declared options
};

/**
 * \ingroup tcp-rst
 * \brief Parse already checked --key=value arguments with an ns-3 CommandLine.
 * \param cmd the command line \param program argv[0] \param args the arguments
 */
void ParseCommandLine(CommandLine& cmd, const std::string& program, std::vector<std::string> args);

/**
 * \ingroup tcp-rst
 * \brief Declare --profile=NAME, as every command that runs cases takes it.
 * \param declared where \param profile the value
 */
void DeclareProfileOption(CaseOptions& declared, std::string& profile);

/**
 * \ingroup tcp-rst
 * \brief Declare --delay, --rate and --loss, the link every case runs on.
 * \param declared where \param options the values
 */
void DeclareLinkOptions(CaseOptions& declared, CaseRunOptions& options);

} // namespace ns3

#endif /* RUN_INVOCATION_H */
