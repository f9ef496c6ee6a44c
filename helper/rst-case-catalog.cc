/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rst-case-catalog.h"

#include "historical-syn-case.h"
#include "no-listen-case.h"
#include "no-socket-case.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

std::vector<std::string>
RstCaseCatalog::GetNames()
{
    return {"historical-syn", "no-listen", "no-socket"};
}

std::unique_ptr<RstCase>
RstCaseCatalog::Create(const std::string& name)
{
    if (name == "historical-syn")
    {
        return std::make_unique<HistoricalSynCase>();
    }
    if (name == "no-listen")
    {
        return std::make_unique<NoListenCase>();
    }
    if (name == "no-socket")
    {
        return std::make_unique<NoSocketCase>();
    }
    return nullptr;
}

std::string
RstCaseCatalog::Describe()
{
    std::ostringstream os;
    for (const std::string& name : GetNames())
    {
        os << std::left << std::setw(16) << name << "  " << Create(name)->GetTitle() << '\n';
    }
    return os.str();
}

} // namespace ns3
