"""Incident controls: the maintenance switch, the self-tested version, compromised keys.

One row each for the maintenance switch and the software state (``id = 1``); the state is
also in the audit log (``maintenance.enabled``/``disabled``, ``selftest.passed``/``failed``,
``key.compromised``), where it can be proven. The rows only make the current state cheap to
read before every batch.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, DateTime, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sealdesk.storage.base import Base

SINGLE_ROW = 1


class MaintenanceState(Base):
    """Whether sealing is stopped (read-only mode), why, by whom, since when."""

    __tablename__ = "maintenance_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    enabled: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(256))
    since: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    audit_index: Mapped[int] = mapped_column(BigInteger)


class SoftwareState(Base):
    """The software version that last passed the self-test (or created the installation).

    No row: the database was made by a version from before self-tests existed and holds data,
    so the first start of this version must self-test before it seals.
    """

    __tablename__ = "software_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[str] = mapped_column(String(64))
    selftest_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True),
                                                             nullable=True)
    audit_index: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class KeyCompromise(Base):
    """A seal certificate whose key is compromised since ``compromised_since`` (quorum-approved
    by the ``retire_key`` proposal named here); seals made with it after that are quarantined."""

    __tablename__ = "key_compromises"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    certificate_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    key_label: Mapped[str] = mapped_column(String(256))
    compromised_since: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    proposal_id: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    marked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    marked_by: Mapped[str] = mapped_column(String(256))
    audit_index: Mapped[int] = mapped_column(BigInteger)


class LogCursor(Base):
    """How far a reader of the audit log got: the SIEM exporter, the alert evaluator.

    ``position`` is the index of the next entry to read (entries ``0 .. position - 1`` are
    done); ``entry_hash`` is the hash of entry ``position - 1``, so a reader that restarts on
    a log rewritten under it notices instead of going on from a different history. A row
    someone lowers re-sends entries (the receiver sees the same index and hash twice), a row
    someone raises leaves a gap in the indexes the receiver gets: both show at the SIEM.
    """

    __tablename__ = "log_cursors"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger)
    entry_hash: Mapped[bytes | None] = mapped_column(LargeBinary(32), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
