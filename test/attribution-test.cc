/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Every reset on the wire left through TcpRstL4Protocol::SendReset(): it carries a reason and
// was traced and counted, under Linux and under stock policies alike.
#include "case-test-util.h"

#include "ns3/rst-case-catalog.h"

namespace ns3
{
namespace test
{

class Attribution : public TcpRstTest,
                    public ::testing::WithParamInterface<std::tuple<std::string, bool>>
{
};

TEST_P(Attribution, EveryResetOnTheWireWasAttributedTracedAndCounted)
{
    auto [name, stock] = GetParam();
    CaseResult result = RunCase(name, stock);
    std::size_t onTheWire = 0;
    for (const LadderSegment& s : result.segments)
    {
        if ((s.header.GetFlags() & TcpHeader::RST) && !s.injected)
        {
            ++onTheWire;
            EXPECT_TRUE(s.reason.has_value()) << "unattributed reset: " << s.Summary();
            if (s.reason)
            {
                EXPECT_NE(*s.reason, RstReason::NOT_SPECIFIED) << s.Summary();
            }
        }
    }
    std::size_t traced = 0;
    for (const TcpResetEvent& e : result.resets)
    {
        traced += e.sent ? 1 : 0;
    }
    if (!stock && RstCaseCatalog::Create(name)->ShowsResets())
    {
        EXPECT_GT(onTheWire, 0u) << "the case shows at least one reset under Linux";
    }
    EXPECT_EQ(onTheWire, traced);
}

INSTANTIATE_TEST_SUITE_P(AllCases,
                         Attribution,
                         ::testing::Combine(::testing::ValuesIn(RstCaseCatalog::GetNames()),
                                            ::testing::Bool()),
                         [](const ::testing::TestParamInfo<std::tuple<std::string, bool>>& info)
                         {
                             std::string name = std::get<0>(info.param) +
                                                (std::get<1>(info.param) ? "_stock" : "_linux");
                             for (char& c : name)
                             {
                                 c = c == '-' ? '_' : c;
                             }
                             return name;
                         });

} // namespace test
} // namespace ns3
