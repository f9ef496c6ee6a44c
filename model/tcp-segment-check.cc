/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-segment-check.h"

#include <array>

namespace ns3
{

bool
TcpHeaderIsWellFormed(Ptr<const Packet> segment)
{
    constexpr uint32_t kMinimumHeader = 20;
    if (!segment || segment->GetSize() < kMinimumHeader)
    {
        return false;
    }
    std::array<uint8_t, kMinimumHeader> header{};
    segment->CopyData(header.data(), header.size());
    uint32_t dataOffset = (header[12] >> 4) * 4u;
    return dataOffset >= kMinimumHeader && dataOffset <= segment->GetSize();
}

uint8_t
PeekTcpFlags(Ptr<const Packet> segment)
{
    std::array<uint8_t, 14> header{};
    segment->CopyData(header.data(), header.size());
    return header[13];
}

} // namespace ns3
