/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RESOLVED_ATTRIBUTE_H
#define RESOLVED_ATTRIBUTE_H

#include "ns3/attribute.h"
#include "ns3/type-id.h"

#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief One attribute of a type, found once. Looking an attribute up by name on every new
 * socket, and serializing its default to see whether the user changed it, cost more than the
 * rest of the socket's creation (callgrind, 2 000 connections: 18 % of all instructions).
 */
class ResolvedAttribute
{
  public:
    /**
     * \param tid the type (or a subclass of the one that declares the attribute)
     * \param name the attribute
     * \throws std::invalid_argument when the type has no such attribute
     */
    ResolvedAttribute(TypeId tid, const std::string& name);

    /// \return whether the user changed the default (Config::SetDefault, --ns3::...); an
    /// unchanged default keeps its value object, so that is compared first
    bool ChangedByUser();

    /// \param object an object of the type \param value a value of the attribute's own type
    void Set(ObjectBase* object, const AttributeValue& value) const;

    /**
     * \param text a value as a string (e.g. "60s", "Rfc793"), from the module's own tables:
     * ns-3 3.37 aborts on some malformed numbers instead of refusing them, so user input goes
     * through CheckAttributeValue() instead
     * \return it as a value of the attribute's own type
     * \throws std::invalid_argument naming the attribute when the checker refuses it
     */
    Ptr<const AttributeValue> Parse(const std::string& text) const;

    /// \return the default ns-3 declared, as a string (Time as AttributeValueText() writes it)
    std::string OriginalDefault() const;

    /// \return "ns3::Type::Name"
    std::string Path() const;

    /// \param value a value of the attribute \return it as AttributeValueText() writes it
    std::string Text(const AttributeValue& value) const;

  private:
    TypeId m_owner;                          //!< the type that declares it
    std::size_t m_index{0};                  //!< its index there
    Ptr<const AttributeAccessor> m_accessor; //!< how to set it
    Ptr<const AttributeValue> m_seen;        //!< the default last compared
    bool m_changed{false};                   //!< what that comparison said
};

/**
 * \ingroup tcp-rst
 * \param value a value \param checker its checker
 * \return it as a string; a Time in s, ms or us, the largest that shows it exactly ("7200s",
 * "200ms")
 */
std::string AttributeValueText(const AttributeValue& value, Ptr<const AttributeChecker> checker);

} // namespace ns3

#endif /* RESOLVED_ATTRIBUTE_H */
