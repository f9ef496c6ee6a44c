/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_RST_NS3_VERSION_H
#define TCP_RST_NS3_VERSION_H

// Which ns-3 release tcp-rst is compiled against, to guard API drift: TCP_RST_NS3_MINOR.
// Installed ns-3 (e.g. Debian's) ships ns3/version-defines.h; an ns-3 source tree generates it
// only with --enable-build-version, so there CMakeLists.txt passes the minor version read from
// the tree's VERSION file instead ("3-dev" counts as newer than any release).
#if __has_include("ns3/version-defines.h")
#include "ns3/version-defines.h"
#endif

#if defined(NS3_VERSION_MINOR)
#define TCP_RST_NS3_MINOR NS3_VERSION_MINOR
#elif defined(TCP_RST_NS3_MINOR_FROM_CMAKE)
#define TCP_RST_NS3_MINOR TCP_RST_NS3_MINOR_FROM_CMAKE
#else
#error "tcp-rst cannot tell the ns-3 version: define TCP_RST_NS3_MINOR_FROM_CMAKE (e.g. 37)"
#endif

/// MakeEnumAccessor() takes the enum type as a template argument from ns-3.41 on.
#if TCP_RST_NS3_MINOR >= 41
#define TCP_RST_ENUM_ACCESSOR(EnumType, member) MakeEnumAccessor<EnumType>(member)
#else
#define TCP_RST_ENUM_ACCESSOR(EnumType, member) MakeEnumAccessor(member)
#endif

#endif /* TCP_RST_NS3_VERSION_H */
