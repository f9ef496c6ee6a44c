/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LAZY_TRACE_SOURCE_ACCESSOR_H
#define LAZY_TRACE_SOURCE_ACCESSOR_H

#include "ns3/trace-source-accessor.h"

#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief A TraceSourceAccessor for a trace source that an object makes only when someone
 * connects to it (ns-3's MakeTraceSourceAccessor() needs a data member). A connection that
 * nobody traces then carries one pointer instead of every trace source.
 *
 * \tparam Source TracedValue<T> or TracedCallback<...>
 * \param get returns the object's trace source, making it if needed
 * \return the accessor
 */
template <typename Source>
Ptr<const TraceSourceAccessor>
MakeLazyTraceSourceAccessor(Source& (*get)(ObjectBase* object))
{
    /// Connects and disconnects through \p get.
    class Accessor : public TraceSourceAccessor
    {
      public:
        /// \param get returns the object's trace source
        explicit Accessor(Source& (*get)(ObjectBase* object))
            : m_get(get)
        {
        }

        bool
        ConnectWithoutContext(ObjectBase* obj, const CallbackBase& cb) const override
        {
            m_get(obj).ConnectWithoutContext(cb);
            return true;
        }

        bool
        Connect(ObjectBase* obj, std::string context, const CallbackBase& cb) const override
        {
            m_get(obj).Connect(cb, context);
            return true;
        }

        bool
        DisconnectWithoutContext(ObjectBase* obj, const CallbackBase& cb) const override
        {
            m_get(obj).DisconnectWithoutContext(cb);
            return true;
        }

        bool
        Disconnect(ObjectBase* obj, std::string context, const CallbackBase& cb) const override
        {
            m_get(obj).Disconnect(cb, context);
            return true;
        }

      private:
        Source& (*m_get)(ObjectBase* object); //!< the object's trace source
    };

    return Ptr<const TraceSourceAccessor>(new Accessor(get), false);
}

} // namespace ns3

#endif /* LAZY_TRACE_SOURCE_ACCESSOR_H */
