/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RST_CASE_CATALOG_H
#define RST_CASE_CATALOG_H

#include "ns3/rst-case.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief The implemented cases, by name. Each case registers itself from its own file
 * (helper/cases/NAME-case.cc) with TCP_RST_REGISTER_CASE, so a new case is one new file.
 */
class RstCaseCatalog
{
  public:
    /// Makes a new instance of one case.
    using Factory = std::function<std::unique_ptr<RstCase>()>;

    /**
     * \brief Add a case (called by TCP_RST_REGISTER_CASE at load time).
     * \param seedCase the seed note's case number, which orders the demo
     * \param factory makes the case
     * \return true
     */
    static bool Register(int seedCase, Factory factory);

    /// \return the case names, in demo order (seed case number, then name)
    static std::vector<std::string> GetNames();

    /**
     * \param name a case name
     * \return a new case, or null when the name is unknown
     */
    static std::unique_ptr<RstCase> Create(const std::string& name);

    /// \return "name  title" lines, one per case
    static std::string Describe();
};

/**
 * \ingroup tcp-rst
 * \brief Register a case class (default-constructible RstCase) under the name it gives itself.
 * \param CaseClass the class
 * \param seedCase its case number in the seed note (orders the demo)
 */
#define TCP_RST_REGISTER_CASE(CaseClass, seedCase)                                                 \
    static const bool g_registered##CaseClass [[maybe_unused]] = RstCaseCatalog::Register(         \
        seedCase, []() -> std::unique_ptr<RstCase> { return std::make_unique<CaseClass>(); })

} // namespace ns3

#endif /* RST_CASE_CATALOG_H */
