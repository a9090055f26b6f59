"""The schedule (every N days, on start-up when due) and the 0004 migration."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from sqlalchemy import inspect

from sealdesk.config import RevalidationConfig
from sealdesk.services.progress import CancelFlag
from sealdesk.services.revalidation.plan import Scope
from sealdesk.services.revalidation.runs import create_run, execute_run
from sealdesk.services.revalidation.schedule import due_revalidation, run_scheduled_revalidation
from sealdesk.storage.base import Base
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.schema import current_revision, head_revision, upgrade_schema
from tests.revalidation.support import Installation, register_fast_seals


def _every(inst: Installation, days: int) -> None:
    inst.ctx.config = dataclasses.replace(inst.ctx.config,
                                          revalidation=RevalidationConfig(interval_days=days))


def test_due_every_n_days_and_never_for_an_empty_store(installation: Installation) -> None:
    inst = installation
    _every(inst, 7)
    assert not due_revalidation(inst.ctx)  # nothing sealed yet
    register_fast_seals(inst, 3)
    assert due_revalidation(inst.ctx)  # never revalidated

    first = run_scheduled_revalidation(inst.ctx, inst.policy())

    assert first is not None and first.finished and first.count("PASSED") == 3
    assert not due_revalidation(inst.ctx)
    assert run_scheduled_revalidation(inst.ctx, inst.policy()) is None
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=7, minutes=1)
    assert due_revalidation(inst.ctx, now=later)
    _every(inst, 0)
    assert not due_revalidation(inst.ctx, now=later)  # 0: only on request


def test_an_interrupted_full_run_is_resumed_rather_than_restarted(
    installation: Installation,
) -> None:
    inst = installation
    _every(inst, 30)
    register_fast_seals(inst, 6)
    run_id = create_run(inst.ctx, Scope.everything(), inst.policy())
    cancel = CancelFlag()
    cancel.cancel()
    assert execute_run(inst.ctx, run_id, cancel=cancel).status == "cancelled"
    assert due_revalidation(inst.ctx)

    resumed = run_scheduled_revalidation(inst.ctx, inst.policy())

    assert resumed is not None and resumed.run_id == run_id and resumed.finished


def test_migration_0004_from_0003_matches_the_models(tmp_path: Path) -> None:
    database = Database(create_database_engine(f"sqlite:///{tmp_path / 'old.db'}"))
    upgrade_schema(database, target="0003")
    assert not inspect(database.engine).has_table("revalidation_runs")

    upgrade_schema(database)

    assert current_revision(database) == head_revision()
    inspector = inspect(database.engine)
    for table in ("revalidation_runs", "revalidation_results"):
        reflected = {c["name"]: c["nullable"] for c in inspector.get_columns(table)}
        modelled = {c.name: c.nullable for c in Base.metadata.tables[table].columns}
        assert reflected == modelled, table
    indexes = {i["name"] for i in inspector.get_indexes("revalidation_results")}
    assert {"ix_revalidation_results_run_state", "ix_revalidation_results_indication"} <= indexes
    database.dispose()
