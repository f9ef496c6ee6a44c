/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "linux-ladder.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace test
{

namespace
{
/// The options of a ladder line without the timestamp: "mss=1460,sackOK,ws=10" (or "").
std::string
OptionsWithoutTimestamp(const std::vector<std::string>& fields, std::size_t from)
{
    for (std::size_t i = from; i < fields.size(); ++i)
    {
        const std::string& f = fields[i];
        if (f.rfind("ts=", 0) != 0 &&
            (f.find("mss=") != std::string::npos || f.find("ws=") != std::string::npos ||
             f.find("sackOK") != std::string::npos))
        {
            return f;
        }
    }
    return "";
}
} // namespace

std::vector<std::string>
LinuxLadder(const std::string& name, bool withPsh)
{
    return ReadLinuxLadder(name, withPsh, false);
}

std::vector<std::string>
LinuxLadderWithWindows(const std::string& name)
{
    return ReadLinuxLadder(name, true, true);
}

std::vector<std::string>
LinuxConnectionWithWindows(const std::string& name, uint16_t clientPort)
{
    return ReadLinuxLadder(name, true, true, clientPort);
}

std::vector<std::string>
ReadLinuxLadder(const std::string& name, bool withPsh, bool withWindows, uint16_t clientPort)
{
    std::string path = std::string(TCP_RST_SOURCE_DIR) + "/test/data/linux/" + name + ".txt";
    std::ifstream file(path);
    if (!file)
    {
        throw std::runtime_error("cannot read " + path);
    }
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(file, line))
    {
        std::istringstream in(line);
        std::vector<std::string> f;
        std::string token;
        while (in >> token)
        {
            f.push_back(token);
        }
        // time [conn] dir flags seq ack win len [notes ...]; '#' lines and the header skipped
        std::size_t dir = f.size() > 2 && (f[2] == "C>S" || f[2] == "S>C") ? 2 : 1;
        if (f.size() < dir + 6 || (f[dir] != "C>S" && f[dir] != "S>C") ||
            (clientPort != 0 && (dir != 2 || f[1] != std::to_string(clientPort))))
        {
            continue;
        }
        std::string flags = f[dir + 1];
        if (!withPsh && flags.find('P') != std::string::npos)
        {
            flags.erase(flags.find('P'), 1);
        }
        std::ostringstream out;
        out << f[dir] << ' ' << flags << ' ' << f[dir + 2] << ' ' << f[dir + 3];
        if (f[dir + 5] != "0")
        {
            out << " len=" << f[dir + 5];
        }
        if (f.back() == "LOST")
        {
            out << " LOST";
        }
        if (withWindows)
        {
            std::string options = OptionsWithoutTimestamp(f, dir + 6);
            out << " win=" << f[dir + 4] << (options.empty() ? "" : " " + options);
        }
        lines.push_back(out.str());
    }
    return lines;
}

} // namespace test
} // namespace ns3
