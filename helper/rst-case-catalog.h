/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RST_CASE_CATALOG_H
#define RST_CASE_CATALOG_H

#include "rst-case.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief The implemented cases, by name.
 */
class RstCaseCatalog
{
  public:
    /// \return the case names, in demo order
    static std::vector<std::string> GetNames();

    /**
     * \param name a case name
     * \return a new case, or null when the name is unknown
     */
    static std::unique_ptr<RstCase> Create(const std::string& name);

    /// \return "name  title" lines, one per case
    static std::string Describe();
};

} // namespace ns3

#endif /* RST_CASE_CATALOG_H */
