/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CASE_OPTIONS_H
#define CASE_OPTIONS_H

#include "ns3/command-line.h"
#include "ns3/nstime.h"

#include <cctype>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief One declared --key=value parameter, as Python and sweep specs list it.
 */
struct CaseParameter
{
    std::string name;         //!< without --
    std::string type;         //!< "bool", "int", "uint", "double", "string", "time" or "directory"
    std::string defaultValue; //!< the default, as text a command line accepts
    std::string help;         //!< the help text
    std::string range;        //!< the allowed range as the help states it, e.g. "[1, 100000]"
};

/**
 * \ingroup tcp-rst
 * \brief The --key=value parameters of a case run, declared on an ns-3 CommandLine and checked
 * before it parses them.
 *
 * ns-3's CommandLine ends the program with status 1 on an unknown name or a value it cannot
 * parse (and its Time parser aborts): CheckArguments() refuses those first with a message that
 * names the parameter and what it accepts, so the runner can exit with status 2 (bad usage).
 */
class CaseOptions
{
  public:
    /// \param cmd the command line the options are declared on
    explicit CaseOptions(CommandLine& cmd);

    /**
     * \brief Declare a bool, integer or string parameter.
     * \param name parameter name (without --)
     * \param help help text, with the allowed range
     * \param value where the value goes; its current value is the default
     */
    template <typename T>
    void Add(const std::string& name, const std::string& help, T& value);

    /**
     * \brief Declare a time parameter ("8ms", "1.5s", a number of seconds).
     * \param name parameter name
     * \param help help text
     * \param value where the value goes; its current value is the default
     */
    void AddTime(const std::string& name, const std::string& help, Time& value);

    /**
     * \brief Declare an output directory parameter: not empty, a directory (created if
     * missing) in which a file can be written.
     * \param name parameter name
     * \param help help text
     * \param value where the value goes; its current value is the default
     */
    void AddOutputDirectory(const std::string& name, const std::string& help, std::string& value);

    /**
     * \brief Refuse arguments that name no parameter (of the case, of the runner, an ns-3
     * global value such as RngRun, or an ns-3 --Print option) or whose value the parameter
     * cannot hold.
     * \param args the arguments, e.g. "--boundPort=5000"
     * \throws std::invalid_argument naming the argument and what is allowed
     */
    void CheckArguments(const std::vector<std::string>& args) const;

    /// \return every declared parameter, in declaration order
    const std::vector<CaseParameter>& GetParameters() const;

  private:
    /// \param name \param type \param defaultValue \param help record a declaration
    void Record(const std::string& name,
                const std::string& type,
                const std::string& defaultValue,
                const std::string& help);

    /// Says whether a text is a valid value; empty, or what is expected.
    using Validator = std::function<std::string(const std::string& text)>;

    CommandLine& m_cmd;                          //!< the command line
    std::map<std::string, Validator> m_declared; //!< declared names and their checks
    std::vector<CaseParameter> m_parameters;     //!< declared parameters, in order
};

/**
 * \ingroup tcp-rst
 * \brief Refuse a case parameter outside its range.
 * \param name the parameter (without --)
 * \param value its value
 * \param min smallest allowed
 * \param max largest allowed
 * \throws std::invalid_argument "--name=value is out of range [min, max]"
 */
template <typename T>
void
RequireInRange(const std::string& name, T value, T min, T max)
{
    if (value < min || value > max)
    {
        std::ostringstream os;
        os << "--" << name << "=" << value << " is out of range [" << min << ", " << max << "]";
        throw std::invalid_argument(os.str());
    }
}

/**
 * \ingroup tcp-rst
 * \brief Refuse a time parameter outside its range (printed in ms).
 * \param name the parameter (without --) \param value its value
 * \param min smallest allowed \param max largest allowed
 * \throws std::invalid_argument "--name=value is out of range [min, max]"
 */
void RequireInRange(const std::string& name, Time value, Time min, Time max);

/**
 * \ingroup tcp-rst
 * \brief The stack profile the flags --stock and --profile=NAME select.
 * \param stock --stock (the Ns3 profile)
 * \param profile --profile's value
 * \return the profile's name
 * \throws std::invalid_argument for an unknown name (listing the allowed ones) or for --stock
 * with another profile than Ns3
 */
std::string StackProfileOption(bool stock, const std::string& profile);

namespace detail
{
/// \return the type name CaseParameter gives T
template <typename T>
std::string
TypeName()
{
    if constexpr (std::is_same_v<T, bool>)
    {
        return "bool";
    }
    else if constexpr (std::is_floating_point_v<T>)
    {
        return "double";
    }
    else if constexpr (std::is_integral_v<T>)
    {
        return std::is_signed_v<T> ? "int" : "uint";
    }
    else
    {
        return "string";
    }
}

/// \return a value as a command line writes it (bools as true/false)
template <typename T>
std::string
ValueText(const T& value)
{
    std::ostringstream os;
    if constexpr (std::is_same_v<T, bool>)
    {
        os << (value ? "true" : "false");
    }
    else
    {
        os << value;
    }
    return os.str();
}

/// \param text a value \return "" when it is a valid T, else what T accepts
template <typename T>
std::string
CheckValue(const std::string& text)
{
    if constexpr (std::is_same_v<T, bool>)
    {
        // As ns-3's CommandLine reads a bool (any case, t/f, 1/0): SEM writes True/False.
        std::string lower;
        for (char c : text)
        {
            lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return lower.empty() || lower == "true" || lower == "false" || lower == "t" ||
                       lower == "f" || lower == "1" || lower == "0"
                   ? ""
                   : "true or false";
    }
    else if constexpr (std::is_floating_point_v<T>)
    {
        std::istringstream in(text);
        T value{};
        in >> value;
        return !text.empty() && !in.fail() && in.eof() ? "" : "a number";
    }
    else if constexpr (std::is_integral_v<T>)
    {
        // A whole number; "128.0" too (SEM writes the defaults it read as floats), which
        // ns-3's CommandLine reads as 128. "128.5" is refused rather than truncated.
        std::string::size_type point = text.find('.');
        std::string whole = text.substr(0, point);
        bool zeroFraction = point == std::string::npos ||
                            (point + 1 < text.size() &&
                             text.find_first_not_of('0', point + 1) == std::string::npos);
        std::istringstream in(whole);
        T value{};
        in >> value;
        bool ok = !whole.empty() && zeroFraction && !in.fail() && in.eof() &&
                  (std::is_signed_v<T> || text.find('-') == std::string::npos);
        return ok ? ""
                  : "an integer in [" + std::to_string(std::numeric_limits<T>::min()) + ", " +
                        std::to_string(std::numeric_limits<T>::max()) + "]";
    }
    else
    {
        return "";
    }
}
} // namespace detail

template <typename T>
void
CaseOptions::Add(const std::string& name, const std::string& help, T& value)
{
    m_cmd.AddValue(name, help, value);
    m_declared[name] = &detail::CheckValue<T>;
    Record(name, detail::TypeName<T>(), detail::ValueText(value), help);
}

} // namespace ns3

#endif /* CASE_OPTIONS_H */
