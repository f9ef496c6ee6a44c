/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-rst-reason-tag.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(TcpRstReasonTag);

TypeId
TcpRstReasonTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpRstReasonTag")
                            .SetParent<Tag>()
                            .SetGroupName("TcpRst")
                            .AddConstructor<TcpRstReasonTag>();
    return tid;
}

TypeId
TcpRstReasonTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

TcpRstReasonTag::TcpRstReasonTag(RstReason reason)
    : m_reason(reason)
{
}

RstReason
TcpRstReasonTag::GetReason() const
{
    return m_reason;
}

uint32_t
TcpRstReasonTag::GetSerializedSize() const
{
    return 1;
}

void
TcpRstReasonTag::Serialize(TagBuffer i) const
{
    i.WriteU8(static_cast<uint8_t>(m_reason));
}

void
TcpRstReasonTag::Deserialize(TagBuffer i)
{
    uint8_t value = i.ReadU8();
    m_reason = value < RST_REASON_COUNT ? static_cast<RstReason>(value) : RstReason::ERROR;
}

void
TcpRstReasonTag::Print(std::ostream& os) const
{
    os << "reason=" << m_reason;
}

} // namespace ns3
