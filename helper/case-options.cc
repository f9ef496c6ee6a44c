/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "case-options.h"

#include "tcp-rst-attribute-check.h"

#include "ns3/global-value.h"
#include "ns3/nstime.h"
#include "ns3/resolved-attribute.h"
#include "ns3/tcp-rst-ns3-version.h"
#include "ns3/tcp-stack-profile.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace ns3
{

namespace
{
/// Options ns-3's CommandLine handles itself (they print and exit 0).
const std::set<std::string> kNs3PrintOptions = {"PrintHelp",
                                                "help",
                                                "PrintVersion",
                                                "version",
                                                "PrintGroups",
                                                "PrintTypeIds",
                                                "PrintGlobals",
                                                "PrintGroup",
                                                "PrintAttributes"};

/// \return the global value of that name, or null
Ptr<const AttributeChecker>
GlobalChecker(const std::string& name, std::string* typeName)
{
    for (auto it = GlobalValue::Begin(); it != GlobalValue::End(); ++it)
    {
        if ((*it)->GetName() == name)
        {
            *typeName = (*it)->GetChecker()->GetValueTypeName();
            return (*it)->GetChecker();
        }
    }
    return nullptr;
}
} // namespace

CaseOptions::CaseOptions(CommandLine& cmd)
    : m_cmd(cmd)
{
}

void
CaseOptions::AddTime(const std::string& name, const std::string& help, Time& value)
{
    Time* target = &value;
    std::ostringstream defaultValue;
    defaultValue << value.As(Time::MS);
    auto parse = [target](const std::string& text) { return ParseTime(text, target); };
#if TCP_RST_NS3_MINOR >= 38
    Callback<bool, const std::string&> callback(parse);
#else
    Callback<bool, std::string> callback([parse](std::string text) { return parse(text); });
#endif
    m_cmd.AddValue(name, help, callback, defaultValue.str());
    Record(name, "time", AttributeValueText(TimeValue(value), MakeTimeChecker()), help);
    m_declared[name] = [](const std::string& text)
    {
        Time t;
        return ParseTime(text, &t) ? "" : "a time such as 8ms, 1.5s or 2 (seconds)";
    };
}

void
CaseOptions::AddOutputDirectory(const std::string& name,
                                const std::string& help,
                                std::string& value)
{
    m_cmd.AddValue(name, help, value);
    Record(name, "directory", value, help);
    m_declared[name] = [](const std::string& text) -> std::string
    {
        if (text.empty())
        {
            return "a directory path (not empty)";
        }
        std::error_code error;
        std::filesystem::create_directories(text, error);
        if (!std::filesystem::is_directory(text))
        {
            return "a directory that exists or can be created (" +
                   (error ? error.message() : std::string("not a directory")) + ")";
        }
        std::string probe = text + "/.tcp-rst-write-test";
        bool writable = std::ofstream(probe).good();
        std::filesystem::remove(probe, error);
        return writable ? "" : "a directory this process can write in";
    };
}

void
CaseOptions::CheckArguments(const std::vector<std::string>& args) const
{
    for (const std::string& arg : args)
    {
        std::string::size_type start = arg.rfind("--", 0) == 0 ? 2 : (arg.rfind('-', 0) == 0);
        if (start == 0)
        {
            throw std::invalid_argument("unexpected argument '" + arg + "' (use --name=value)");
        }
        std::string::size_type eq = arg.find('=');
        std::string name = arg.substr(start, eq == std::string::npos ? eq : eq - start);
        std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
        if (kNs3PrintOptions.count(name) != 0)
        {
            continue;
        }
        auto declared = m_declared.find(name);
        if (declared != m_declared.end())
        {
            std::string expected = declared->second(value);
            if (!expected.empty())
            {
                throw std::invalid_argument("invalid value '" + value + "' for --" + name +
                                            "; allowed: " + expected);
            }
            continue;
        }
        std::string typeName;
        Ptr<const AttributeChecker> checker = GlobalChecker(name, &typeName);
        if (checker)
        {
            // ns-3's integer parsers abort on malformed text: check its form first.
            Ptr<AttributeValue> parsed = checker->Create();
            if (!IsParseableAs(typeName, value) || !parsed->DeserializeFromString(value, checker) ||
                !checker->Check(*parsed))
            {
                throw std::invalid_argument(
                    "invalid value '" + value + "' for --" + name +
                    "; allowed: " + checker->GetUnderlyingTypeInformation());
            }
            continue;
        }
        std::string valid;
        for (const auto& [known, check] : m_declared)
        {
            valid += " --" + known;
        }
        throw std::invalid_argument("unknown option '" + arg + "'; accepted:" + valid +
                                    ", ns-3 global values (e.g. --RngRun=N), "
                                    "--ns3::Type::Attribute=value and --PrintHelp");
    }
}

const std::vector<CaseParameter>&
CaseOptions::GetParameters() const
{
    return m_parameters;
}

void
CaseOptions::Record(const std::string& name,
                    const std::string& type,
                    const std::string& defaultValue,
                    const std::string& help)
{
    // The help states the range as "[min, max]" (the last such bracket).
    std::string range;
    std::string::size_type close = help.rfind(']');
    std::string::size_type open = close == std::string::npos ? close : help.rfind('[', close);
    if (open != std::string::npos && help.find(',', open) < close)
    {
        range = help.substr(open, close - open + 1);
    }
    m_parameters.push_back({name, type, defaultValue, help, range});
}

std::string
StackProfileOption(bool stock, const std::string& profile)
{
    try
    {
        FindStackProfile(profile);
    }
    catch (const std::invalid_argument& e)
    {
        throw std::invalid_argument(std::string("--profile: ") + e.what());
    }
    if (stock && profile != "Linux" && profile != "Ns3")
    {
        throw std::invalid_argument("--stock conflicts with --profile=" + profile +
                                    " (--stock is --profile=Ns3)");
    }
    return stock ? "Ns3" : profile;
}

void
RequireInRange(const std::string& name, Time value, Time min, Time max)
{
    if (value < min || value > max)
    {
        std::ostringstream os;
        os << "--" << name << "=" << value.As(Time::MS) << " is out of range [" << min.As(Time::MS)
           << ", " << max.As(Time::MS) << "]";
        throw std::invalid_argument(os.str());
    }
}

} // namespace ns3
