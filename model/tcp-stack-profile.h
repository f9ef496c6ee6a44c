/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_STACK_PROFILE_H
#define TCP_STACK_PROFILE_H

#include "resolved-attribute.h"
#include "tcp-rst-policies.h"

#include "ns3/attribute.h"
#include "ns3/ptr.h"

#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class ObjectBase;

/**
 * \ingroup tcp-rst
 * \brief One value a stack profile gives one attribute, and where the value comes from.
 */
struct TcpStackSetting
{
    std::string type;      //!< "ns3::TcpRstL4Protocol" (per node) or "ns3::TcpRstSocket"
    std::string attribute; //!< attribute name, e.g. "SynAckRetries"
    std::string value;     //!< its value as a string, e.g. "3", "60s", "Rfc793"
    std::string source;    //!< man page, source file or vendor documentation it follows
};

/**
 * \ingroup tcp-rst
 * \brief A named, documented set of policy and knob values: how one operating system's TCP
 * treats resets. A node gets one (TcpRstHelper::SetStackProfile(), attribute
 * TcpRstL4Protocol::StackProfile); knobs the user sets explicitly win over it.
 */
struct TcpStackProfile
{
    std::string name;                      //!< e.g. "FreeBSD"
    std::string description;               //!< one line
    std::vector<TcpStackSetting> settings; //!< every value that differs from, or restates, Linux
    std::vector<std::string> keptLinux;    //!< behaviours left at Linux's for want of a source
};

/**
 * \ingroup tcp-rst
 * \return the profiles: Linux (the default), Linux-4.4, Ns3, FreeBSD, macOS, Windows
 */
const std::vector<TcpStackProfile>& TcpStackProfiles();

/**
 * \ingroup tcp-rst
 * \param name a profile name
 * \return the profile
 * \throws std::invalid_argument naming the allowed names
 */
const TcpStackProfile& FindStackProfile(const std::string& name);

/// \ingroup tcp-rst \return "Linux, Linux-4.4, Ns3, FreeBSD, macOS, Windows"
std::string StackProfileNames();

/**
 * \ingroup tcp-rst
 * \brief A profile's settings for one TypeId, resolved once: applying them to an object then
 * costs one comparison per policy and one accessor call per other attribute, no name lookup.
 */
class TcpStackSettings
{
  public:
    /**
     * \param profile the profile
     * \param type "ns3::TcpRstL4Protocol" or "ns3::TcpRstSocket"
     * \throws std::invalid_argument when a setting names no attribute or an invalid value
     */
    TcpStackSettings(const TcpStackProfile& profile, const std::string& type);

    /**
     * \brief Set each value on a new object of the type, except where the user set another:
     * a policy keeps a value other than its Linux default (Config::SetDefault, --ns3::...,
     * SetAttribute before), another attribute keeps a default the user changed.
     * \param object the object
     * \param policies its policy set
     */
    void Apply(ObjectBase* object, TcpRstPolicySet& policies);

    /// \return true when the profile sets nothing on this type
    bool IsEmpty() const;

  private:
    /// Each policy the profile sets, and its value.
    std::vector<std::pair<TcpRstPolicy, int>> m_policies;
    /// Each other setting: the attribute, found once, and its value, checked once.
    std::vector<std::pair<ResolvedAttribute, Ptr<const AttributeValue>>> m_settings;
};

/**
 * \ingroup tcp-rst
 * \brief Print the profiles side by side: one row per policy and per knob a profile sets, one
 * column per profile; then each profile's sources and what it leaves at Linux's.
 * \param os where
 * \param rst true: reStructuredText for the doc (checked by a test); false: plain text
 */
void PrintStackProfileTable(std::ostream& os, bool rst);

} // namespace ns3

#endif /* TCP_STACK_PROFILE_H */
