/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_FLOW_TABLE_H
#define TCP_FLOW_TABLE_H

#include "tcp-flow-key.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief Connections by 4-tuple, in one array of pointers (open addressing, linear probing).
 *
 * The key is not copied into the table: each entry is read back from the connection itself
 * (`T::GetFlowKey()`), so a connection costs one pointer slot (8 to 16 bytes at the load
 * factors kept here) instead of a hash node per connection (about 56 bytes with
 * std::unordered_map). In exchange every connection in the table must stay alive and keep its
 * key unchanged until it is erased.
 *
 * \tparam T the connection type: `const TcpFlowKey& T::GetFlowKey() const`
 */
template <typename T>
class TcpFlowTable
{
  public:
    /// \param key a 4-tuple \return the connection registered with it, or nullptr
    T*
    Find(const TcpFlowKey& key) const
    {
        if (m_size == 0)
        {
            return nullptr;
        }
        std::size_t i = Home(key);
        for (std::size_t probes = 0; probes < m_slots.size(); ++probes, i = Next(i))
        {
            T* item = m_slots[i];
            if (item == nullptr || item->GetFlowKey() == key)
            {
                return item;
            }
        }
        return nullptr; // unreachable while a quarter of the slots stays free
    }

    /// Registers \p item under its key, in place of any other connection with that key.
    /// \param item a connection
    void
    Insert(T* item)
    {
        if ((m_size + 1) * kLoadDen > m_slots.size() * kLoadNum)
        {
            Grow();
        }
        const TcpFlowKey& key = item->GetFlowKey();
        std::size_t i = Home(key);
        while (m_slots[i] != nullptr && !(m_slots[i]->GetFlowKey() == key))
        {
            i = Next(i);
        }
        if (m_slots[i] == nullptr)
        {
            ++m_size;
        }
        m_slots[i] = item;
    }

    /// Removes \p item if its key finds it (another connection may have taken the key).
    /// \param item the connection \return true if it was removed
    bool
    Erase(const T* item)
    {
        if (m_size == 0)
        {
            return false;
        }
        const TcpFlowKey& key = item->GetFlowKey();
        std::size_t i = Home(key);
        while (m_slots[i] != item)
        {
            if (m_slots[i] == nullptr || m_slots[i]->GetFlowKey() == key)
            {
                return false;
            }
            i = Next(i);
        }
        // Backward-shift deletion: move up every later entry of the run whose home slot does
        // not lie after the hole, so that no search stops early at it.
        for (std::size_t j = Next(i);; j = Next(j))
        {
            T* moved = m_slots[j];
            if (moved == nullptr)
            {
                break;
            }
            std::size_t home = Home(moved->GetFlowKey());
            bool staysAfterHole = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!staysAfterHole)
            {
                m_slots[i] = moved;
                i = j;
            }
        }
        m_slots[i] = nullptr;
        --m_size;
        return true;
    }

    /// Forgets every connection and frees the slots.
    void
    Clear()
    {
        std::vector<T*>().swap(m_slots);
        m_size = 0;
        m_shift = 64;
    }

    /// \return the number of connections registered
    std::size_t
    GetSize() const
    {
        return m_size;
    }

    /// \return the number of slots (a power of two, 0 before the first Insert())
    std::size_t
    GetCapacity() const
    {
        return m_slots.size();
    }

  private:
    static constexpr std::size_t kMinSlots = 16; //!< the first allocation
    static constexpr std::size_t kLoadNum = 3;   //!< at most 3/4 of the slots are used
    static constexpr std::size_t kLoadDen = 4;   //!< (see kLoadNum)

    /// \param key a 4-tuple \return its home slot (Fibonacci hashing of TcpFlowKeyHash)
    std::size_t
    Home(const TcpFlowKey& key) const
    {
        uint64_t h = static_cast<uint64_t>(TcpFlowKeyHash()(key)) * 0x9e3779b97f4a7c15ULL;
        return static_cast<std::size_t>(h >> m_shift);
    }

    /// \param i a slot \return the slot after it, wrapping around
    std::size_t
    Next(std::size_t i) const
    {
        return (i + 1) & (m_slots.size() - 1);
    }

    /// Doubles the slots (kMinSlots the first time) and places every connection again.
    void
    Grow()
    {
        std::vector<T*> old;
        old.swap(m_slots);
        std::size_t slots = old.empty() ? kMinSlots : 2 * old.size();
        m_slots.assign(slots, nullptr);
        m_shift = 64;
        for (std::size_t s = slots; s > 1; s >>= 1)
        {
            --m_shift;
        }
        m_size = 0;
        for (T* item : old)
        {
            if (item != nullptr)
            {
                Insert(item);
            }
        }
    }

    std::vector<T*> m_slots; //!< the connections; nullptr: free
    std::size_t m_size{0};   //!< slots in use
    unsigned m_shift{64};    //!< 64 - log2(slots)
};

} // namespace ns3

#endif /* TCP_FLOW_TABLE_H */
