/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What './tcp-rst run CASE --out=DIR' writes, and that it is reproducible byte for byte.
#include "case-test-util.h"

#include "ns3/rst-case-catalog.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ns3
{
namespace test
{

namespace
{

std::string
TempDir(const std::string& name)
{
    std::string dir = (std::filesystem::temp_directory_path() / ("tcp-rst-test-" + name)).string();
    std::filesystem::remove_all(dir);
    return dir;
}
} // namespace

using Output = TcpRstTest;

TEST_F(Output, RunWritesPcapsCsvAndLadder)
{
    std::string dir = TempDir("outputs");
    CaseResult result = RunCase("no-listen", false, dir);
    for (const char* file :
         {"client.pcap", "server.pcap", "resets.csv", "ladder.txt", "counters.txt", "checks.txt"})
    {
        EXPECT_TRUE(std::filesystem::exists(dir + "/" + file)) << file;
    }
    std::istringstream csv(ReadFile(dir + "/resets.csv"));
    std::string line;
    std::vector<std::string> rows;
    while (std::getline(csv, line))
    {
        rows.push_back(line);
    }
    ASSERT_EQ(rows.size(), 1 + result.resets.size());
    EXPECT_EQ(rows[0], "time_s,node,reason,direction,src,dst,flags,seq,ack");
    // The first reset: sent by the server (node 2) to the client's SYN from port 40011, acking
    // its ISN + 1 (absolute numbers in the CSV).
    ASSERT_FALSE(result.segments.empty());
    uint32_t isn = result.segments.front().header.GetSequenceNumber().GetValue();
    EXPECT_EQ(rows[1],
              "1.000040992,2,NO_SOCKET,sent,10.77.2.2:5000,10.77.1.1:40011,RST|ACK,0," +
                  std::to_string(isn + 1));
    EXPECT_EQ(ReadFile(dir + "/ladder.txt"), result.ladder);
    EXPECT_NE(ReadFile(dir + "/counters.txt").find("TcpOutRsts 2"), std::string::npos);
    EXPECT_GT(std::filesystem::file_size(dir + "/client.pcap"), 24u);
}

// Every case: the same seed and parameters give the same files, byte for byte; another RngRun
// gives other ISNs and timestamps, so other pcaps.
using Deterministic = TcpRstTest;

class EveryCase : public Deterministic, public ::testing::WithParamInterface<std::string>
{
};

TEST_P(EveryCase, SameParametersGiveTheSamePcapByteForByte)
{
    std::string a = TempDir("repeat-a-" + GetParam());
    std::string b = TempDir("repeat-b-" + GetParam());
    RunCase(GetParam(), false, a);
    RunCase(GetParam(), false, b);
    for (const char* file : {"client.pcap", "server.pcap", "resets.csv", "ladder.txt"})
    {
        std::string first = ReadFile(a + "/" + file);
        EXPECT_FALSE(first.empty()) << file;
        EXPECT_EQ(first, ReadFile(b + "/" + file)) << file;
    }
    std::string c = TempDir("repeat-c-" + GetParam());
    CaseRunOptions other;
    other.outDir = c;
    RunCaseOn(GetParam(), other, {"--RngRun=2"});
    EXPECT_NE(ReadFile(a + "/server.pcap"), ReadFile(c + "/server.pcap")) << "another RngRun";
}

INSTANTIATE_TEST_SUITE_P(Output,
                         EveryCase,
                         ::testing::ValuesIn(RstCaseCatalog::GetNames()),
                         CaseTestName);

} // namespace test
} // namespace ns3
