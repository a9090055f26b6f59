"""Retention classes: how long a sealed document is kept, and what starts the clock.

A class is part of the signing policy (:class:`~sealdesk.core.rotation.signing_policy.
SigningPolicy`), so it is changed only by a quorum-approved proposal and proven by the log. A
period is a whole number of years, months or days (``10y``, ``6m``, ``90d``), counted on the
calendar: 29 February plus one year is 28 February. The clock starts either when the document is
first sealed (``sealing``) or on a date recorded later with ``sealdesk retention start``
(``event``: a contract's end, an employee's leaving day).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sealdesk.errors import InputError

CLOCKS = ("sealing", "event")
_PERIOD = re.compile(r"([1-9][0-9]{0,3})([ymd])")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def add_period(start: dt.datetime, period: str) -> dt.datetime:
    """``start`` plus ``period`` (``10y``, ``6m``, ``90d``) on the calendar."""
    match = _PERIOD.fullmatch(period)
    if match is None:
        raise InputError(f"Retention period {period!r} is not a number of years, months or "
                         "days.", hint="Write it as 10y, 18m or 90d.")
    count, unit = int(match.group(1)), match.group(2)
    if unit == "d":
        return start + dt.timedelta(days=count)
    months = start.month - 1 + (count * 12 if unit == "y" else count)
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)


@dataclass(frozen=True)
class RetentionClass:
    name: str
    period: str
    clock: str = "sealing"
    """What starts the clock: ``sealing`` (the first seal) or ``event`` (a date given later)."""

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise InputError(f"Retention class name {self.name!r} is not usable.",
                             hint="Use 1-64 letters, digits, '.', '_' or '-'.")
        add_period(dt.datetime(2000, 1, 1, tzinfo=dt.UTC), self.period)  # validates it
        if self.clock not in CLOCKS:
            raise InputError(f"Retention clock {self.clock!r} is not one of "
                             f"{', '.join(CLOCKS)}.")

    def describe(self) -> str:
        start = "from sealing" if self.clock == "sealing" else "from a date given later"
        return f"{self.name}: {self.period} {start}"

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "period": self.period, "clock": self.clock}


@dataclass(frozen=True)
class RetentionRules:
    """The classes of a signing policy and the class a seal gets when none is asked for."""

    classes: tuple[RetentionClass, ...] = ()
    default: str = ""

    def __post_init__(self) -> None:
        names = [c.name for c in self.classes]
        if len(set(names)) != len(names):
            raise InputError("Two retention classes have the same name.")
        if self.default and self.default not in names:
            raise InputError(f"The default retention class {self.default!r} is not one of "
                             f"the classes ({', '.join(names) or 'none'}).")

    def __bool__(self) -> bool:
        return bool(self.classes)

    def get(self, name: str) -> RetentionClass | None:
        return next((c for c in self.classes if c.name == name), None)

    def require(self, name: str) -> RetentionClass:
        found = self.get(name)
        if found is None:
            known = ", ".join(c.name for c in self.classes) or "none"
            raise InputError(f"There is no retention class {name!r} in the signing policy "
                             f"(classes: {known}).",
                             hint="'sealdesk retention classes' lists them; new classes are "
                             "proposed with 'sealdesk retention propose-classes'.")
        return found

    def to_json(self) -> dict[str, Any]:
        return {"classes": [c.to_json() for c in self.classes], "default": self.default}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RetentionRules:
        if not isinstance(data, Mapping) or set(data) != {"classes", "default"}:
            raise InputError("Retention rules have exactly 'classes' and 'default'.")
        classes = []
        for item in data["classes"]:
            if not isinstance(item, Mapping) or set(item) != {"name", "period", "clock"}:
                raise InputError("A retention class has exactly name, period and clock.")
            classes.append(RetentionClass(str(item["name"]), str(item["period"]),
                                          str(item["clock"])))
        return cls(tuple(classes), str(data["default"]))
