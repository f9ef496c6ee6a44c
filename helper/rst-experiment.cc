/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rst-experiment.h"

#include "run-invocation.h"

#include "ns3/tcp-rst-csv-writer.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <stdexcept>

namespace ns3
{

void
ExperimentResult::Set(const std::string& name, double value)
{
    for (auto& [key, old] : metrics)
    {
        if (key == name)
        {
            old = value;
            return;
        }
    }
    metrics.emplace_back(name, value);
}

double
ExperimentResult::Get(const std::string& name) const
{
    for (const auto& [key, value] : metrics)
    {
        if (key == name)
        {
            return value;
        }
    }
    throw std::out_of_range("no metric '" + name + "'");
}

RstExperiment::RstExperiment(std::string name, std::string title)
    : m_name(std::move(name))
    , m_title(std::move(title))
{
}

const std::string&
RstExperiment::GetName() const
{
    return m_name;
}

const std::string&
RstExperiment::GetTitle() const
{
    return m_title;
}

namespace
{
std::vector<RstExperimentCatalog::Factory>&
Factories()
{
    static std::vector<RstExperimentCatalog::Factory> factories;
    return factories;
}

void
WriteCsv(const std::string& path,
         const std::vector<std::string>& columns,
         const std::vector<std::vector<std::string>>& rows)
{
    std::ofstream out(path);
    if (!out)
    {
        throw std::runtime_error("cannot write " + path);
    }
    for (std::size_t i = 0; i < columns.size(); ++i)
    {
        out << (i ? "," : "") << CsvField(columns[i]);
    }
    out << '\n';
    for (const auto& row : rows)
    {
        for (std::size_t i = 0; i < row.size(); ++i)
        {
            out << (i ? "," : "") << CsvField(row[i]);
        }
        out << '\n';
    }
}

/// \param name an experiment \return it \throws std::invalid_argument when unknown
std::unique_ptr<RstExperiment>
CreateExperiment(const std::string& name)
{
    std::unique_ptr<RstExperiment> experiment = RstExperimentCatalog::Create(name);
    if (!experiment)
    {
        std::string valid;
        for (const std::string& known : RstExperimentCatalog::GetNames())
        {
            valid += (valid.empty() ? "" : ", ") + known;
        }
        throw std::invalid_argument("unknown experiment '" + name + "'; valid: " + valid);
    }
    return experiment;
}
} // namespace

bool
RstExperimentCatalog::Register(Factory factory)
{
    Factories().push_back(std::move(factory));
    return true;
}

std::vector<std::string>
RstExperimentCatalog::GetNames()
{
    std::vector<std::string> names;
    for (const Factory& make : Factories())
    {
        names.push_back(make()->GetName());
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::unique_ptr<RstExperiment>
RstExperimentCatalog::Create(const std::string& name)
{
    for (const Factory& make : Factories())
    {
        std::unique_ptr<RstExperiment> experiment = make();
        if (experiment->GetName() == name)
        {
            return experiment;
        }
    }
    return nullptr;
}

ExperimentInvocation::ExperimentInvocation(const std::string& name,
                                           const std::string& program,
                                           const std::string& outDir)
    : m_experiment(CreateExperiment(name))
    , m_outDir(outDir)
    , m_program(program)
    , m_cmd(program)
    , m_declared(m_cmd)
{
    m_cmd.Usage(m_experiment->GetTitle());
    m_declared.AddOutputDirectory("out", "write metrics.csv and records.csv here", m_outDir);
    m_experiment->AddOptions(m_declared);
}

const std::vector<CaseParameter>&
ExperimentInvocation::GetParameters() const
{
    return m_declared.GetParameters();
}

void
ExperimentInvocation::Parse(const std::vector<std::string>& args)
{
    m_declared.CheckArguments(args);
    ParseCommandLine(m_cmd, m_program, args);
}

RstExperiment&
ExperimentInvocation::GetExperiment()
{
    return *m_experiment;
}

ExperimentResult
ExperimentInvocation::Run()
{
    m_experiment->Validate();
    ExperimentResult result = m_experiment->Run();
    if (!m_outDir.empty())
    {
        std::vector<std::vector<std::string>> metrics;
        for (const auto& [name, value] : result.metrics)
        {
            std::ostringstream text;
            text << std::setprecision(17) << value;
            metrics.push_back({name, text.str()});
        }
        for (const auto& [name, text] : result.labels)
        {
            metrics.push_back({name, text});
        }
        WriteCsv(m_outDir + "/metrics.csv", {"metric", "value"}, metrics);
        WriteCsv(m_outDir + "/records.csv", result.columns, result.records);
    }
    return result;
}

int
RunExperimentCommandLine(int argc, char** argv, const std::string& name)
{
    std::string program = argc > 0 ? argv[0] : name;
    std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    try
    {
        ExperimentInvocation invocation(name, program, ".");
        invocation.Parse(args);
        ExperimentResult result = invocation.Run();
        std::cout << result.report;
        for (const auto& [metric, value] : result.metrics)
        {
            std::cout << std::left << std::setw(28) << metric << ' ' << value << '\n';
        }
        for (const auto& [label, text] : result.labels)
        {
            std::cout << std::left << std::setw(28) << label << ' ' << text << '\n';
        }
        return 0;
    }
    catch (const std::exception& e)
    {
        std::cerr << program << ": error: " << e.what() << '\n';
        return 2;
    }
}

} // namespace ns3
