/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The C++ half of the Python module tcprst (python/tcprst/__init__.py is the other half):
// what a sweep needs of tcp-rst, as plain Python data. Every run goes through the same
// CaseInvocation / ScenarioInvocation / ExperimentInvocation as the command-line programs, so
// a run from Python equals the program's run with the same --key=value parameters.

#include "ns3/case-options.h"
#include "ns3/command-line.h"
#include "ns3/global-value.h"
#include "ns3/rst-case-catalog.h"
#include "ns3/rst-experiment.h"
#include "ns3/rst-reason.h"
#include "ns3/run-invocation.h"
#include "ns3/scenario-report.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-rst-attribute-check.h"
#include "ns3/tcp-rst-counters.h"
#include "ns3/tcp-rst-policies.h"
#include "ns3/tcp-stack-profile.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace py = pybind11;
using namespace ns3;

namespace
{

py::list
ParametersOf(const std::vector<CaseParameter>& parameters)
{
    py::list list;
    for (const CaseParameter& p : parameters)
    {
        py::dict d;
        d["name"] = p.name;
        d["type"] = p.type;
        d["default"] = p.defaultValue;
        d["help"] = p.help;
        d["range"] = p.range;
        list.append(d);
    }
    return list;
}

/// {"key": value} -> ["--key=value"]; bools as true/false, everything else as str() gives it.
std::vector<std::string>
ArgumentsOf(const py::dict& params)
{
    std::vector<std::string> args;
    for (const auto& [key, value] : params)
    {
        std::string text;
        if (py::isinstance<py::bool_>(value))
        {
            text = value.cast<bool>() ? "true" : "false";
        }
        else
        {
            text = py::str(value).cast<std::string>();
        }
        args.push_back("--" + py::str(key).cast<std::string>() + "=" + text);
    }
    return args;
}

py::dict
EventOf(const TcpResetEvent& e)
{
    py::dict d;
    d["time_s"] = e.time.GetSeconds();
    d["node"] = e.nodeId;
    d["direction"] = e.Direction();
    d["reason"] = RstReasonName(e.reason);
    d["source"] = FormatEndpoint(e.source);
    d["destination"] = FormatEndpoint(e.destination);
    d["flags"] = TcpHeader::FlagsToString(e.header.GetFlags(), "|");
    d["seq"] = e.header.GetSequenceNumber().GetValue();
    d["ack"] = e.header.GetAckNumber().GetValue();
    d["disposition"] = RstDispositionName(e.disposition);
    return d;
}

py::dict
CountersOf(const TcpRstCounters& c)
{
    py::dict d;
    for (std::size_t i = 0; i < TCP_STAT_COUNT; ++i)
    {
        auto stat = static_cast<TcpStat>(i);
        d[TcpRstCounters::Name(stat)] = c.Get(stat);
    }
    py::dict sent;
    py::dict received;
    for (RstReason reason : AllRstReasons())
    {
        if (c.GetSent(reason) != 0)
        {
            sent[RstReasonName(reason)] = c.GetSent(reason);
        }
        if (c.GetReceived(reason) != 0)
        {
            received[RstReasonName(reason)] = c.GetReceived(reason);
        }
    }
    d["RstSent"] = sent;
    d["RstReceived"] = received;
    return d;
}

/// Counts of resets sent, per reason.
py::dict
ReasonCounts(const std::vector<TcpResetEvent>& resets)
{
    std::map<std::string, uint64_t> counts;
    for (const TcpResetEvent& e : resets)
    {
        if (e.sent)
        {
            ++counts[RstReasonName(e.reason)];
        }
    }
    return py::cast(counts);
}

/**
 * Runs body with the reset callback wired in, the RNG globals restored afterwards (so that a
 * later run without --RngRun is the same as a fresh process's), and the callback's first
 * exception re-raised once the simulation has been destroyed.
 */
class PythonRun
{
  public:
    explicit PythonRun(py::object onReset)
        : m_onReset(std::move(onReset))
    {
        UintegerValue run;
        UintegerValue seed;
        GlobalValue::GetValueByName("RngRun", run);
        GlobalValue::GetValueByName("RngSeed", seed);
        m_run = run.Get();
        m_seed = seed.Get();
        m_started = std::chrono::steady_clock::now();
    }

    ~PythonRun()
    {
        GlobalValue::Bind("RngRun", UintegerValue(m_run));
        GlobalValue::Bind("RngSeed", UintegerValue(m_seed));
    }

    std::function<void(const TcpResetEvent&)>
    Callback()
    {
        if (m_onReset.is_none())
        {
            return nullptr;
        }
        return [this](const TcpResetEvent& event)
        {
            if (m_error)
            {
                return;
            }
            try
            {
                m_onReset(EventOf(event));
            }
            catch (py::error_already_set& e)
            {
                m_error.emplace(std::move(e));
            }
        };
    }

    /// Raise what the callback raised, if anything.
    void
    Finish()
    {
        if (m_error)
        {
            py::error_already_set error = std::move(*m_error);
            m_error.reset();
            throw error;
        }
    }

    double
    WallSeconds() const
    {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    }

  private:
    py::object m_onReset;
    std::optional<py::error_already_set> m_error;
    uint64_t m_run{1};
    uint64_t m_seed{1};
    std::chrono::steady_clock::time_point m_started;
};

/// The files a run wrote into its output folder.
py::list
FilesIn(const std::string& dir)
{
    std::vector<std::string> files;
    if (!dir.empty() && std::filesystem::is_directory(dir))
    {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
        {
            if (entry.is_regular_file())
            {
                files.push_back(std::filesystem::absolute(entry.path()).lexically_normal());
            }
        }
    }
    std::sort(files.begin(), files.end());
    return py::cast(files);
}

py::dict
RunCase(const std::string& name, const py::dict& params, const py::object& onReset)
{
    CaseInvocation invocation(name, "tcprst.run_case");
    std::vector<std::string> args = ArgumentsOf(params);
    PythonRun run(onReset);
    invocation.Parse(args);
    invocation.GetOptions().onReset = run.Callback();
    CaseResult r = invocation.Run();
    run.Finish();
    py::dict d;
    d["name"] = r.name;
    d["verdict"] = r.Verdict();
    d["passed"] = r.pass;
    d["triggered"] = r.triggered;
    d["not_triggered_because"] = r.notTriggeredBecause;
    d["expected"] = r.expected;
    d["observed"] = r.observed;
    d["reasons"] = r.reasons;
    py::list checks;
    for (const CaseCheck& c : r.checks)
    {
        checks.append(py::dict(
            py::arg("what") = c.what, py::arg("passed") = c.pass, py::arg("detail") = c.detail));
    }
    d["checks"] = checks;
    py::list resets;
    for (const TcpResetEvent& e : r.resets)
    {
        resets.append(EventOf(e));
    }
    d["resets"] = resets;
    d["reset_reasons"] = ReasonCounts(r.resets);
    py::dict counters;
    for (const auto& [node, c] : r.counters)
    {
        counters[py::int_(node)] = CountersOf(c);
    }
    d["counters"] = counters;
    d["ladder"] = r.ladder;
    d["report"] = r.report;
    d["segments"] = r.segments.size();
    d["simulated_s"] = r.simulatedSeconds;
    d["events"] = r.events;
    d["wall_s"] = run.WallSeconds();
    d["files"] = FilesIn(invocation.GetOptions().outDir);
    return d;
}

py::dict
RunScenario(const py::dict& params, const py::object& onReset)
{
    ScenarioInvocation invocation("tcprst.run_scenario");
    std::vector<std::string> args = ArgumentsOf(params);
    args.push_back("--quiet=true");
    PythonRun run(onReset);
    invocation.Parse(args);
    invocation.GetOptions().onReset = run.Callback();
    ScenarioResult r = invocation.Run();
    run.Finish();
    if (!invocation.GetOptions().outDir.empty())
    {
        WriteScenarioResults(r, invocation.GetOptions(), invocation.GetOptions().outDir);
    }
    py::dict d;
    d["topology"] = r.topology;
    py::list instances;
    std::map<std::string, std::map<std::string, uint64_t>> verdicts;
    for (const CaseInstance& i : r.instances)
    {
        std::string verdict = i.result.Verdict();
        ++verdicts[i.name][verdict];
        instances.append(py::dict(py::arg("case") = i.name,
                                  py::arg("id") = i.id,
                                  py::arg("round") = i.round,
                                  py::arg("client") = i.client,
                                  py::arg("server") = i.server,
                                  py::arg("path") = i.pathKind,
                                  py::arg("hops") = i.hops,
                                  py::arg("one_way_s") = i.oneWay.GetSeconds(),
                                  py::arg("verdict") = verdict,
                                  py::arg("observed") = i.result.observed,
                                  py::arg("reasons") = i.result.reasons));
    }
    d["instances"] = instances;
    d["verdicts"] = verdicts;
    std::vector<TcpResetEvent> resets;
    for (const auto& [id, e] : r.resets)
    {
        resets.push_back(e);
    }
    d["reset_reasons"] = ReasonCounts(resets);
    d["resets"] = resets.size();
    d["background"] =
        py::dict(py::arg("flows") = r.background.flows, py::arg("resets") = r.background.resets);
    d["passed"] = r.Passed();
    d["rounds"] = r.rounds;
    d["events"] = r.events;
    d["simulated_s"] = r.simulatedSeconds;
    d["wall_s"] = r.wallSeconds;
    d["files"] = FilesIn(invocation.GetOptions().outDir);
    return d;
}

py::dict
RunExperiment(const std::string& name, const py::dict& params)
{
    ExperimentInvocation invocation(name, "tcprst.run_experiment");
    std::vector<std::string> args = ArgumentsOf(params);
    PythonRun run{py::none()}; // no callback: the RNG globals restored, the wall time
    invocation.Parse(args);
    ExperimentResult r = invocation.Run();
    py::dict metrics;
    for (const auto& [key, value] : r.metrics)
    {
        metrics[py::str(key)] = value;
    }
    for (const auto& [key, text] : r.labels)
    {
        metrics[py::str(key)] = text;
    }
    py::list records;
    for (const auto& row : r.records)
    {
        py::dict record;
        for (std::size_t i = 0; i < row.size() && i < r.columns.size(); ++i)
        {
            record[py::str(r.columns[i])] = row[i];
        }
        records.append(record);
    }
    py::dict d;
    d["name"] = name;
    d["metrics"] = metrics;
    d["records"] = records;
    d["report"] = r.report;
    d["wall_s"] = run.WallSeconds();
    return d;
}

py::list
AttributesOf(const std::string& typeName)
{
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(typeName, &tid))
    {
        throw std::invalid_argument("unknown type '" + typeName + "'");
    }
    py::list list;
    for (std::size_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        TypeId::AttributeInformation info = tid.GetAttribute(i);
        list.append(
            py::dict(py::arg("name") = info.name,
                     py::arg("path") = typeName + "::" + info.name,
                     py::arg("help") = info.help,
                     py::arg("default") = AttributeValueText(*info.initialValue, info.checker),
                     py::arg("type") = info.checker->GetValueTypeName(),
                     py::arg("range") = info.checker->GetUnderlyingTypeInformation()));
    }
    return list;
}

/// Check parameters as a run would, without running: parse, then the options' and the
/// case's or experiment's own range checks. Nothing is bound globally (no --RngRun here).
void
CheckParameters(const std::string& kind, const std::string& name, const py::dict& params)
{
    std::vector<std::string> args = ArgumentsOf(params);
    if (kind == "case")
    {
        CaseInvocation invocation(name, "tcprst");
        invocation.Parse(args);
        invocation.GetOptions().Validate();
        invocation.GetCase().Validate();
    }
    else if (kind == "experiment")
    {
        ExperimentInvocation invocation(name, "tcprst");
        invocation.Parse(args);
        invocation.GetExperiment().Validate();
    }
    else if (kind == "scenario")
    {
        ScenarioInvocation invocation("tcprst");
        invocation.Parse(args);
        invocation.GetOptions().Validate();
    }
    else
    {
        throw std::invalid_argument("unknown kind '" + kind +
                                    "'; allowed: case, experiment, scenario");
    }
}

} // namespace

PYBIND11_MODULE(_tcprst, m)
{
    m.doc() = "tcp-rst: Linux-faithful TCP resets for ns-3 (C++ bindings; use the tcprst "
              "package)";

    m.def(
        "cases",
        []()
        {
            py::list list;
            for (const std::string& name : RstCaseCatalog::GetNames())
            {
                CaseInvocation invocation(name, "tcprst");
                list.append(
                    py::dict(py::arg("name") = name,
                             py::arg("title") = invocation.GetCase().GetTitle(),
                             py::arg("expected") = invocation.GetCase().GetExpected(),
                             py::arg("parameters") = ParametersOf(invocation.GetParameters())));
            }
            return list;
        },
        "Every case: name, title, expected reset, parameters (name, type, default, help, "
        "range).");
    m.def(
        "experiments",
        []()
        {
            py::list list;
            for (const std::string& name : RstExperimentCatalog::GetNames())
            {
                ExperimentInvocation invocation(name, "tcprst");
                list.append(
                    py::dict(py::arg("name") = name,
                             py::arg("title") = invocation.GetExperiment().GetTitle(),
                             py::arg("parameters") = ParametersOf(invocation.GetParameters())));
            }
            return list;
        },
        "Every experiment (a paper's measurement): name, title, parameters.");
    m.def(
        "scenario_parameters",
        []()
        {
            ScenarioInvocation invocation("tcprst");
            return ParametersOf(invocation.GetParameters());
        },
        "The scenario layer's parameters (topology, placement, background traffic).");
    m.def("run_case",
          &RunCase,
          py::arg("name"),
          py::arg("params"),
          py::arg("on_reset") = py::none(),
          "Run one case in a fresh simulation; params as the program's --key=value.");
    m.def("run_scenario",
          &RunScenario,
          py::arg("params"),
          py::arg("on_reset") = py::none(),
          "Run the scenario layer (cases placed on a topology beside background traffic).");
    m.def("run_experiment",
          &RunExperiment,
          py::arg("name"),
          py::arg("params"),
          "Run one experiment in a fresh simulation (its metrics and records).");
    m.def("check_parameters",
          &CheckParameters,
          py::arg("kind"),
          py::arg("name"),
          py::arg("params"),
          "Check a run's parameters without running it (ValueError naming the bad one).");
    m.def("attributes",
          &AttributesOf,
          py::arg("type_name"),
          "The attributes of an ns-3 TypeId: name, path, help, default, type, range.");
    m.def(
        "policies",
        []()
        {
            py::list list;
            for (const TcpRstPolicyInfo& p : TcpRstPolicyTable())
            {
                std::vector<std::string> choices;
                std::string linuxValue;
                std::string stockValue;
                for (const TcpRstPolicyChoice& c : p.choices)
                {
                    choices.push_back(c.name);
                    linuxValue = c.value == p.linuxValue ? c.name : linuxValue;
                    stockValue = c.value == p.stockValue ? c.name : stockValue;
                }
                bool host = p.scope == TcpRstPolicyScope::HOST;
                list.append(py::dict(py::arg("name") = p.name,
                                     py::arg("path") = std::string(host ? "ns3::TcpRstL4Protocol::"
                                                                        : "ns3::TcpRstSocket::") +
                                                       p.name,
                                     py::arg("scope") = host ? "host" : "socket",
                                     py::arg("follows") = p.follows,
                                     py::arg("help") = p.help,
                                     py::arg("choices") = choices,
                                     py::arg("linux") = linuxValue,
                                     py::arg("stock") = stockValue));
            }
            return list;
        },
        "The policy table: one entry per reset policy with its values, Linux's and stock "
        "ns-3's.");
    m.def(
        "profiles",
        []()
        {
            py::list list;
            for (const TcpStackProfile& p : TcpStackProfiles())
            {
                py::list settings;
                for (const TcpStackSetting& s : p.settings)
                {
                    settings.append(py::dict(py::arg("path") = s.type + "::" + s.attribute,
                                             py::arg("value") = s.value,
                                             py::arg("source") = s.source));
                }
                list.append(py::dict(py::arg("name") = p.name,
                                     py::arg("description") = p.description,
                                     py::arg("settings") = settings,
                                     py::arg("kept_linux") = p.keptLinux));
            }
            return list;
        },
        "The stack profiles (Linux, Linux-4.4, Ns3, FreeBSD, macOS, Windows).");
    m.def(
        "reasons",
        []()
        {
            std::vector<std::string> names;
            for (RstReason r : AllRstReasons())
            {
                names.emplace_back(RstReasonName(r));
            }
            return names;
        },
        "The reset reasons (modelled on Linux's enum sk_rst_reason).");
    m.def(
        "set_default",
        [](const std::string& path, const std::string& value) { SetCheckedDefault(path, value); },
        py::arg("path"),
        py::arg("value"),
        "Config::SetDefault with the value as text; a bad path or value raises ValueError "
        "naming the allowed range.");
    m.def(
        "bind_global",
        [](const std::string& name, const std::string& value)
        {
            std::string known;
            bool found = false;
            for (auto it = GlobalValue::Begin(); it != GlobalValue::End(); ++it)
            {
                found |= (*it)->GetName() == name;
                known += (known.empty() ? "" : ", ") + (*it)->GetName();
            }
            if (!found)
            {
                throw std::invalid_argument("unknown global value '" + name + "'; known: " + known);
            }
            // The checks --name=value gets on a command line (ns-3 aborts on a malformed
            // number).
            CommandLine cmd("tcprst");
            CaseOptions(cmd).CheckArguments({"--" + name + "=" + value});
            if (!GlobalValue::BindFailSafe(name, StringValue(value)))
            {
                throw std::invalid_argument("cannot set global value '" + name + "' to '" + value +
                                            "'");
            }
        },
        py::arg("name"),
        py::arg("value"),
        "GlobalValue::Bind (RngRun, RngSeed ...).");
}
