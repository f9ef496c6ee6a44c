/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_CSV_WRITER_H
#define TCP_RST_CSV_WRITER_H

#include "ns3/simple-ref-count.h"
#include "ns3/tcp-reset-event.h"

#include <fstream>
#include <string>

namespace ns3
{

class TcpRstL4Protocol;

/**
 * \ingroup tcp-rst
 * \param text a value
 * \return it as one CSV field: as is, or quoted (quotes doubled) when it holds a comma, a
 * quote or a line break (RFC 4180)
 */
std::string CsvField(const std::string& text);

/**
 * \ingroup tcp-rst
 * \brief Writes reset events as CSV rows: time_s,node,reason,direction,src,dst,flags,seq,ack.
 */
class TcpRstCsvWriter : public SimpleRefCount<TcpRstCsvWriter>
{
  public:
    /// The header line.
    static const char* const HEADER;

    /**
     * \param filename file to create (truncated)
     * \throws std::runtime_error if it cannot be opened
     */
    explicit TcpRstCsvWriter(const std::string& filename);

    /// \param tcp a node's TCP: its ResetSent and ResetReceived are written
    void Attach(Ptr<TcpRstL4Protocol> tcp);

    /// \param event the event to write
    void Write(const TcpResetEvent& event);

    /// \param event an event \return its CSV row, without newline
    static std::string FormatRow(const TcpResetEvent& event);

    /// Flush the file.
    void Flush();

  private:
    std::ofstream m_out; //!< the file
};

} // namespace ns3

#endif /* TCP_RST_CSV_WRITER_H */
