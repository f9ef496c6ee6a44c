/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_REASON_TAG_H
#define TCP_RST_REASON_TAG_H

#include "rst-reason.h"

#include "ns3/tag.h"

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Packet tag carrying the RstReason of a reset from its sender to its receiver.
 *
 * Simulation metadata only: it is not serialized into the segment, so pcaps are unchanged.
 * It lets the receiver's ResetReceived trace and the ladder name why the peer reset.
 */
class TcpRstReasonTag : public Tag
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    TcpRstReasonTag() = default;
    /// \param reason the reason carried
    explicit TcpRstReasonTag(RstReason reason);

    /// \return the reason carried
    RstReason GetReason() const;

    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

  private:
    RstReason m_reason{RstReason::NOT_SPECIFIED}; //!< the reason
};

} // namespace ns3

#endif /* TCP_RST_REASON_TAG_H */
