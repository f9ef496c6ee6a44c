/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-rst-attribute-check.h"

#include "ns3/config.h"
#include "ns3/string.h"

#include <regex>
#include <sstream>
#include <stdexcept>

namespace ns3
{

bool
ParseTime(const std::string& text, Time* value)
{
    static const std::regex time(
        R"(^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*(s|ms|us|ns|ps|fs|min|h|d|y)?\s*$)");
    if (!std::regex_match(text, time))
    {
        return false;
    }
    *value = Time(text);
    return true;
}

bool
IsParseableAs(const std::string& valueTypeName, const std::string& text)
{
    bool integral = valueTypeName == "ns3::UintegerValue" || valueTypeName == "ns3::IntegerValue";
    if (!integral)
    {
        return true;
    }
    std::string digits =
        text.substr(valueTypeName == "ns3::IntegerValue" && !text.empty() && text[0] == '-');
    return !digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos;
}

Ptr<AttributeValue>
CheckAttributeValue(TypeId tid, const std::string& name, const AttributeValue& value)
{
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        throw std::invalid_argument(tid.GetName() + " has no attribute '" + name + "'");
    }
    // ns-3 aborts on a string that is not a time: check the text first.
    const auto* text = dynamic_cast<const StringValue*>(&value);
    Time unused;
    bool badTime = text && info.checker->GetValueTypeName() == "ns3::TimeValue" &&
                   !ParseTime(text->Get(), &unused);
    bool badNumber = text && !IsParseableAs(info.checker->GetValueTypeName(), text->Get());
    Ptr<AttributeValue> checked =
        badTime || badNumber ? nullptr : info.checker->CreateValidValue(value);
    if (!checked)
    {
        std::ostringstream os;
        os << "invalid value '" << value.SerializeToString(info.checker) << "' for "
           << tid.GetName() << "::" << name
           << "; allowed: " << info.checker->GetUnderlyingTypeInformation() << " (" << info.help
           << ")";
        throw std::invalid_argument(os.str());
    }
    return checked;
}

void
SetCheckedDefault(const std::string& path, const std::string& value)
{
    std::string::size_type split = path.rfind("::");
    if (split == std::string::npos || split == 0)
    {
        throw std::invalid_argument("'" + path + "' is not of the form ns3::Type::Attribute");
    }
    std::string typeName = path.substr(0, split);
    std::string attribute = path.substr(split + 2);
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(typeName, &tid))
    {
        throw std::invalid_argument("unknown type '" + typeName + "' in '" + path + "'");
    }
    Ptr<AttributeValue> checked = CheckAttributeValue(tid, attribute, StringValue(value));
    Config::SetDefault(path, *checked);
}

} // namespace ns3
