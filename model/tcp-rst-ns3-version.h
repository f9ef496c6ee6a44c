/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_NS3_VERSION_H
#define TCP_RST_NS3_VERSION_H

// Which ns-3 release tcp-rst is compiled against, to guard API drift: TCP_RST_NS3_MINOR.
// Inside an ns-3 source tree CMakeLists.txt passes the minor version read from the tree's
// VERSION file ("3-dev" counts as newer than any release): it wins, because a machine may also
// have an installed ns-3 whose ns3/version-defines.h names another release. Standalone builds
// against an installed ns-3 (e.g. Debian's) read that header.
#if defined(TCP_RST_NS3_MINOR_FROM_CMAKE)
#define TCP_RST_NS3_MINOR TCP_RST_NS3_MINOR_FROM_CMAKE
#else
#if __has_include("ns3/version-defines.h")
#include "ns3/version-defines.h"
#endif
#if defined(NS3_VERSION_MINOR)
#define TCP_RST_NS3_MINOR NS3_VERSION_MINOR
#else
#error "tcp-rst cannot tell the ns-3 version: define TCP_RST_NS3_MINOR_FROM_CMAKE (e.g. 37)"
#endif
#endif

/// EnumValue and EnumChecker are templates on the enum type from ns-3.41 on.
#if TCP_RST_NS3_MINOR >= 41
#define TCP_RST_ENUM_VALUE(EnumType)   EnumValue<EnumType>
#define TCP_RST_ENUM_CHECKER(EnumType) EnumChecker<EnumType>
#else
#define TCP_RST_ENUM_VALUE(EnumType)   EnumValue
#define TCP_RST_ENUM_CHECKER(EnumType) EnumChecker
#endif

#endif /* TCP_RST_NS3_VERSION_H */
