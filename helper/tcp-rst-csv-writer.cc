/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-rst-csv-writer.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rst-l4-protocol.h"

#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRstCsvWriter");

const char* const TcpRstCsvWriter::HEADER = "time_s,node,reason,direction,src,dst,flags,seq,ack";

TcpRstCsvWriter::TcpRstCsvWriter(const std::string& filename)
    : m_out(filename)
{
    if (!m_out)
    {
        throw std::runtime_error("cannot open reset trace file '" + filename + "' for writing");
    }
    NS_LOG_FUNCTION(this << filename);
    m_out << HEADER << '\n';
    Simulator::ScheduleDestroy(&TcpRstCsvWriter::Flush, Ptr<TcpRstCsvWriter>(this));
}

void
TcpRstCsvWriter::Attach(Ptr<TcpRstL4Protocol> tcp)
{
    Ptr<TcpRstCsvWriter> self(this);
    tcp->TraceConnectWithoutContext("ResetSent", MakeCallback(&TcpRstCsvWriter::Write, self));
    tcp->TraceConnectWithoutContext("ResetReceived", MakeCallback(&TcpRstCsvWriter::Write, self));
}

std::string
TcpRstCsvWriter::FormatRow(const TcpResetEvent& event)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(9) << event.time.GetSeconds() << ',' << event.nodeId
       << ',' << event.reason << ',' << event.Direction() << ',' << FormatEndpoint(event.source)
       << ',' << FormatEndpoint(event.destination) << ','
       << TcpHeader::FlagsToString(event.header.GetFlags(), "|") << ','
       << event.header.GetSequenceNumber().GetValue() << ','
       << ((event.header.GetFlags() & TcpHeader::ACK) ? event.header.GetAckNumber().GetValue() : 0);
    return os.str();
}

std::string
CsvField(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos)
    {
        return text;
    }
    std::string quoted = "\"";
    for (char c : text)
    {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

void
TcpRstCsvWriter::Write(const TcpResetEvent& event)
{
    m_out << FormatRow(event) << '\n';
}

void
TcpRstCsvWriter::Flush()
{
    m_out.flush();
}

} // namespace ns3
