/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "resolved-attribute.h"

#include "ns3/nstime.h"
#include "ns3/string.h"

#include <stdexcept>

namespace ns3
{

ResolvedAttribute::ResolvedAttribute(TypeId tid, const std::string& name)
{
    for (TypeId t = tid;; t = t.GetParent())
    {
        for (std::size_t i = 0; i < t.GetAttributeN(); ++i)
        {
            if (t.GetAttribute(i).name == name)
            {
                m_owner = t;
                m_index = i;
                m_accessor = t.GetAttribute(i).accessor;
                return;
            }
        }
        if (t == t.GetParent())
        {
            break;
        }
    }
    throw std::invalid_argument("no attribute " + name + " in " + tid.GetName());
}

bool
ResolvedAttribute::ChangedByUser()
{
    TypeId::AttributeInformation info = m_owner.GetAttribute(m_index);
    if (info.initialValue != m_seen)
    {
        m_seen = info.initialValue;
        m_changed = info.initialValue->SerializeToString(info.checker) !=
                    info.originalInitialValue->SerializeToString(info.checker);
    }
    return m_changed;
}

void
ResolvedAttribute::Set(ObjectBase* object, const AttributeValue& value) const
{
    m_accessor->Set(object, value);
}

Ptr<const AttributeValue>
ResolvedAttribute::Parse(const std::string& text) const
{
    TypeId::AttributeInformation info = m_owner.GetAttribute(m_index);
    Ptr<AttributeValue> value = info.checker->CreateValidValue(StringValue(text));
    if (!value)
    {
        throw std::invalid_argument("invalid value '" + text + "' for " + Path());
    }
    return value;
}

std::string
ResolvedAttribute::OriginalDefault() const
{
    TypeId::AttributeInformation info = m_owner.GetAttribute(m_index);
    return AttributeValueText(*info.originalInitialValue, info.checker);
}

std::string
ResolvedAttribute::Text(const AttributeValue& value) const
{
    return AttributeValueText(value, m_owner.GetAttribute(m_index).checker);
}

std::string
ResolvedAttribute::Path() const
{
    return m_owner.GetName() + "::" + m_owner.GetAttribute(m_index).name;
}

std::string
AttributeValueText(const AttributeValue& value, Ptr<const AttributeChecker> checker)
{
    const auto* time = dynamic_cast<const TimeValue*>(&value);
    if (time == nullptr)
    {
        return value.SerializeToString(checker);
    }
    int64_t ns = time->Get().GetNanoSeconds();
    const std::pair<int64_t, const char*> units[] = {
        {1000000000, "s"}, {1000000, "ms"}, {1000, "us"}};
    if (ns == 0)
    {
        return "0s";
    }
    for (const auto& [size, unit] : units)
    {
        if (ns % size == 0)
        {
            return std::to_string(ns / size) + unit;
        }
    }
    return std::to_string(ns) + "ns";
}

} // namespace ns3
