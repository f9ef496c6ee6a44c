/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RST_EXPERIMENT_H
#define RST_EXPERIMENT_H

#include "ns3/case-options.h"
#include "ns3/command-line.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief What an experiment measured: named numbers (one sweep row each), a table of
 * records (one per connection or probe) and a report for people.
 */
struct ExperimentResult
{
    std::vector<std::pair<std::string, double>> metrics;     //!< name, value, in a fixed order
    std::vector<std::pair<std::string, std::string>> labels; //!< name, text (e.g. an outcome)
    std::vector<std::string> columns;                        //!< the records' columns
    std::vector<std::vector<std::string>> records;           //!< the records
    std::string report;                                      //!< what a person reads

    /// \param name a metric \param value its value (added, or replaced)
    void Set(const std::string& name, double value);
    /// \param name a metric \return its value \throws std::out_of_range when not measured
    double Get(const std::string& name) const;
};

/**
 * \ingroup tcp-rst
 * \brief A measurement a paper's figure is made of: parameters in, metrics out, one fresh
 * simulation per run. Unlike an RstCase it has no verdict; sweeps (python/tcprst) run it over
 * a grid of parameters and replications (--RngRun).
 */
class RstExperiment
{
  public:
    /// \param name its name, e.g. "accept-load" \param title one line
    RstExperiment(std::string name, std::string title);
    virtual ~RstExperiment() = default;
    /// \return its name
    const std::string& GetName() const;
    /// \return one line saying what it measures
    const std::string& GetTitle() const;
    /// \param options declare the --key=value parameters here
    virtual void AddOptions(CaseOptions& options) = 0;
    /// \throws std::invalid_argument naming a parameter outside its range
    virtual void Validate() const = 0;
    /// \return what it measured; the simulation is destroyed before it returns
    virtual ExperimentResult Run() = 0;

  private:
    std::string m_name;  //!< name
    std::string m_title; //!< title
};

/**
 * \ingroup tcp-rst
 * \brief The experiments, by name (each registers itself with TCP_RST_REGISTER_EXPERIMENT).
 */
class RstExperimentCatalog
{
  public:
    /// Makes a new instance of one experiment.
    using Factory = std::function<std::unique_ptr<RstExperiment>()>;
    /// \param factory makes the experiment \return true
    static bool Register(Factory factory);
    /// \return the names, sorted
    static std::vector<std::string> GetNames();
    /// \param name a name \return a new instance, or null when unknown
    static std::unique_ptr<RstExperiment> Create(const std::string& name);
};

/**
 * \ingroup tcp-rst
 * \brief One run of one experiment configured from --key=value text (as CaseInvocation is
 * for a case); writes metrics.csv and records.csv into --out.
 */
class ExperimentInvocation
{
  public:
    /**
     * \param name an experiment of RstExperimentCatalog
     * \param program the program name for --PrintHelp
     * \param outDir the default of --out ("": write nothing)
     * \throws std::invalid_argument for an unknown experiment, listing them
     */
    ExperimentInvocation(const std::string& name,
                         const std::string& program,
                         const std::string& outDir = "");
    ExperimentInvocation(const ExperimentInvocation&) = delete;
    ExperimentInvocation& operator=(const ExperimentInvocation&) = delete;

    /// \return every parameter, in order
    const std::vector<CaseParameter>& GetParameters() const;
    /**
     * \param args --key=value arguments (ns-3 global values such as --RngRun included)
     * \throws std::invalid_argument naming the argument and what it accepts
     */
    void Parse(const std::vector<std::string>& args);
    /// \return the experiment
    RstExperiment& GetExperiment();
    /// \return what it measured (also written into --out, when given)
    ExperimentResult Run();

  private:
    std::unique_ptr<RstExperiment> m_experiment; //!< the experiment
    std::string m_outDir;                        //!< --out
    std::string m_program;                       //!< program name
    CommandLine m_cmd;                           //!< the ns-3 command line
    CaseOptions m_declared;                      //!< the declared options
};

/**
 * \ingroup tcp-rst
 * \brief main() of an experiment's example program: --key=value parameters, --PrintHelp,
 * --RngRun, outputs (metrics.csv, records.csv) in the working directory unless --out says
 * otherwise: the contract SEM (Simulation Execution Manager) drives programs by.
 * \param argc argument count \param argv arguments \param name the experiment
 * \return 0, or 2 for bad input (reported on stderr with the parameter and its allowed values)
 */
int RunExperimentCommandLine(int argc, char** argv, const std::string& name);

/**
 * \ingroup tcp-rst
 * \brief Register an experiment class (default-constructible RstExperiment).
 * \param ExperimentClass the class
 */
#define TCP_RST_REGISTER_EXPERIMENT(ExperimentClass)                                               \
    static const bool g_registered##ExperimentClass [[maybe_unused]] =                             \
        RstExperimentCatalog::Register([]() -> std::unique_ptr<RstExperiment>                      \
                                       { return std::make_unique<ExperimentClass>(); })

} // namespace ns3

#endif /* RST_EXPERIMENT_H */
