# SPDX-License-Identifier: GPL-2.0-only
"""Attribute values as upstream ns-3 scripts write them; each is only its text."""


class _Value:
    def __init__(self, value):
        self._text = value_text(value)

    def Get(self):
        return self._text

    def __str__(self):
        return self._text

    def __repr__(self):
        return f"{type(self).__name__}({self._text!r})"


class StringValue(_Value):
    """StringValue("2ms"), StringValue("ns3::TcpNewReno")."""


class UintegerValue(_Value):
    """UintegerValue(1448)."""


class IntegerValue(_Value):
    """IntegerValue(-1)."""


class DoubleValue(_Value):
    """DoubleValue(0.5)."""


class BooleanValue(_Value):
    """BooleanValue(True)."""


class TimeValue(_Value):
    """TimeValue("200ms") (ns-3's Seconds(...) objects are not modelled: give text)."""


def value_text(value):
    """The text ns-3 parses for a value: bools as true/false, everything else as str()."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _Value):
        return value.Get()
    return str(value)
