/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_ATTRIBUTE_CHECK_H
#define TCP_RST_ATTRIBUTE_CHECK_H

#include "ns3/attribute.h"
#include "ns3/nstime.h"
#include "ns3/type-id.h"

#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Check an attribute value before it is used, so that a bad value is refused with an
 * error naming the attribute and what it accepts, instead of an ns-3 abort.
 *
 * \param tid the type holding the attribute (e.g. TcpRstL4Protocol::GetTypeId())
 * \param name the attribute name (e.g. "TimeoutMin")
 * \param value the value (a StringValue is parsed with the attribute's checker)
 * \return the value converted to the attribute's own type
 * \throws std::invalid_argument naming the attribute, the value and the allowed values
 */
Ptr<AttributeValue> CheckAttributeValue(TypeId tid,
                                        const std::string& name,
                                        const AttributeValue& value);

/**
 * \ingroup tcp-rst
 * \brief Parse a time as ns-3 writes it ("8ms", "1.5s", "+48ms", "100" = seconds) without the
 * abort ns-3's own Time parser ends in when the text is not a time.
 * \param text the text
 * \param[out] value the time, when the text is one
 * \return true when the text is a time
 */
bool ParseTime(const std::string& text, Time* value);

/**
 * \ingroup tcp-rst
 * \brief Whether ns-3 can parse a text as a value of a type without aborting: ns-3 3.37's
 * UintegerValue and IntegerValue parsers abort on text that is not a whole number.
 * \param valueTypeName the checker's GetValueTypeName(), e.g. "ns3::UintegerValue"
 * \param text the text
 * \return false for an integer type and text that is not an integer (a '-' only for Integer)
 */
bool IsParseableAs(const std::string& valueTypeName, const std::string& text);

/**
 * \ingroup tcp-rst
 * \brief Check an attribute path as used on the command line or with Config::SetDefault,
 * e.g. "ns3::TcpRstL4Protocol::TimeoutMin", and set it as the default.
 * \param path "ns3::Type::Attribute"
 * \param value the value as text
 * \throws std::invalid_argument when the type, the attribute or the value is not valid
 */
void SetCheckedDefault(const std::string& path, const std::string& value);

} // namespace ns3

#endif /* TCP_RST_ATTRIBUTE_CHECK_H */
