/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RST_CASE_CLI_H
#define RST_CASE_CLI_H

#include <string>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief The command line of the case runner and of the per-case examples.
 *
 * \code
 * tcp-rst-run --list
 * tcp-rst-run --demo [--out=DIR] [--stock]
 * tcp-rst-run --case=NAME [--out=DIR] [--stock] [--quiet] [case options] [--RngRun=N]
 *             [--ns3::Type::Attribute=value ...]
 * \endcode
 *
 * Bad input (unknown case, unknown option, value out of range, bad attribute value) is
 * reported on stderr with the parameter and its allowed values, and exit status 2.
 *
 * \param argc argument count
 * \param argv arguments
 * \param fixedCase the case an example runs ("" for the runner, which takes --case)
 * \return exit status: 0 every case passed, 1 a case failed, 2 bad input, 3 a case was not
 * triggered (a segment it needs was lost) and none failed
 */
int RunCaseCommandLine(int argc, char** argv, const std::string& fixedCase = "");

} // namespace ns3

#endif /* RST_CASE_CLI_H */
