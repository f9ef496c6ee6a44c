/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rst-case-catalog.h"

#include <algorithm>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace ns3
{

namespace
{
struct Entry
{
    int seedCase;                    //!< orders the demo
    std::string name;                //!< the case's name
    RstCaseCatalog::Factory factory; //!< makes it
};

std::vector<Entry>&
Entries()
{
    static std::vector<Entry> entries; // filled by static initializers of the case files
    return entries;
}
} // namespace

bool
RstCaseCatalog::Register(int seedCase, Factory factory)
{
    std::string name = factory()->GetName();
    std::vector<Entry>& entries = Entries();
    for (const Entry& e : entries)
    {
        if (e.name == name)
        {
            throw std::logic_error("tcp-rst: case '" + name + "' registered twice");
        }
    }
    entries.push_back({seedCase, name, std::move(factory)});
    std::sort(entries.begin(),
              entries.end(),
              [](const Entry& a, const Entry& b)
              { return a.seedCase != b.seedCase ? a.seedCase < b.seedCase : a.name < b.name; });
    return true;
}

std::vector<std::string>
RstCaseCatalog::GetNames()
{
    std::vector<std::string> names;
    for (const Entry& e : Entries())
    {
        names.push_back(e.name);
    }
    return names;
}

std::unique_ptr<RstCase>
RstCaseCatalog::Create(const std::string& name)
{
    for (const Entry& e : Entries())
    {
        if (e.name == name)
        {
            return e.factory();
        }
    }
    return nullptr;
}

std::string
RstCaseCatalog::Describe()
{
    std::ostringstream os;
    for (const Entry& e : Entries())
    {
        os << std::left << std::setw(16) << e.name << "  " << e.factory()->GetTitle() << '\n';
    }
    return os.str();
}

} // namespace ns3
