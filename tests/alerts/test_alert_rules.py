"""Issue 20, item 3: alert rules run on the log after every commit; each alert is an
``alert.raised`` event, raised once however often the rules run."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from cryptography import x509

from sealdesk.config import AlertsConfig, ConfigError, config_from_dict
from sealdesk.core.audit.events import EventType
from sealdesk.core.token import TokenSelector
from sealdesk.services import alerts
from sealdesk.services.audit.log import record_login, record_now
from sealdesk.services.context import AppContext
from sealdesk.services.keys import registry
from sealdesk.services.sealing.batch import seal_documents
from tests.incidents.support import events


@pytest.fixture
def demo_ctx(demo_ctx: AppContext) -> AppContext:
    """The demo installation with alerts on, as ``[alerts] enabled = true`` does at start."""
    demo_ctx.config = dataclasses.replace(demo_ctx.config, alerts=AlertsConfig(enabled=True))
    alerts.watch(demo_ctx)
    return demo_ctx


def _alerts(ctx: AppContext, rule: str) -> list[dict]:  # type: ignore[type-arg]
    return [e for e in events(ctx, EventType.ALERT_RAISED) if e["subject"]["alert"] == rule]


def test_failed_logins_in_a_window_raise_one_alert_after_commit(demo_ctx: AppContext) -> None:
    ctx = demo_ctx
    selector = TokenSelector.from_config(ctx.config.token)
    for _ in range(2):
        record_login(ctx, selector, succeeded=False, reason="wrong PIN")
    assert _alerts(ctx, "failed_logins") == []
    record_login(ctx, selector, succeeded=False, reason="wrong PIN")
    [alert] = _alerts(ctx, "failed_logins")
    assert alert["details"]["severity"] == "critical"
    assert "3 failed token logins within 15 minutes" in alert["details"]["message"]
    record_login(ctx, selector, succeeded=False, reason="wrong PIN")
    assert alerts.evaluate(ctx) == [] and alerts.evaluate(ctx) == []
    assert len(_alerts(ctx, "failed_logins")) == 1, "raised once, not on every evaluation"


def test_settings_change_and_sealing_outside_hours_raise_alerts(
    demo_ctx: AppContext, demo_pin: str, pdf_factory,  # type: ignore[no-untyped-def]
) -> None:
    ctx = demo_ctx
    record_now(ctx, ctx.event(EventType.SETTINGS_CHANGED, {"settings": "alerts"},
                              {"changed": ["alerts.sealing_start_hour"]}))
    assert len(_alerts(ctx, "settings_changed")) == 1
    hour = dt.datetime.now(dt.UTC).hour
    start, end = ((hour + 1) % 24, 24) if hour < 23 else (0, 23)
    ctx.config = dataclasses.replace(ctx.config, alerts=AlertsConfig(
        enabled=True, sealing_start_hour=start, sealing_end_hour=end))
    assert seal_documents(ctx, [pdf_factory("night-1"), pdf_factory("night-2")], demo_pin).ok
    [alert] = _alerts(ctx, "sealing_outside_hours")
    assert "outside" in alert["details"]["message"]


def test_state_rules_certificate_expiry_and_overdue_checkpoint(signed_ctx: AppContext) -> None:
    ctx = signed_ctx
    key = registry.current_key(ctx, "seal")  # adopting the key in use is a signed act
    record_login(ctx, TokenSelector(label="SealDesk Demo"), succeeded=False,
                 reason="an entry no checkpoint pins yet")
    assert key.certificate_der
    not_after = x509.load_der_x509_certificate(key.certificate_der).not_valid_after_utc
    raised = alerts.evaluate(ctx, now=not_after - dt.timedelta(days=20))
    expiry = [a for a in raised if a.rule == "certificate_expiry"]
    assert [a.severity for a in expiry] == ["warning"]
    assert any(a.rule == "checkpoint_overdue" for a in raised), "months without a checkpoint"
    again = alerts.evaluate(ctx, now=not_after - dt.timedelta(days=19))
    assert [a for a in again if a.rule == "certificate_expiry"] == []
    urgent = alerts.evaluate(ctx, now=not_after - dt.timedelta(days=3))
    assert [a.severity for a in urgent if a.rule == "certificate_expiry"] == ["critical"]
    assert len(_alerts(ctx, "certificate_expiry")) == 2


def test_alerts_off_record_nothing(demo_ctx: AppContext) -> None:
    demo_ctx.config = dataclasses.replace(demo_ctx.config, alerts=AlertsConfig(enabled=False))
    selector = TokenSelector.from_config(demo_ctx.config.token)
    for _ in range(5):
        record_login(demo_ctx, selector, succeeded=False, reason="wrong PIN")
    assert alerts.evaluate(demo_ctx) == [] and _alerts(demo_ctx, "failed_logins") == []


def test_alert_thresholds_are_checked_settings() -> None:
    assert config_from_dict({}).alerts.enabled is False
    cfg = config_from_dict({"alerts": {"enabled": True, "failed_logins": 5, "sealing_start_hour": 7,
                                       "sealing_end_hour": 19}})
    assert cfg.alerts.failed_logins == 5 and cfg.alerts.sealing_end_hour == 19
    with pytest.raises(ConfigError, match=r"alerts\.failed_logins"):
        config_from_dict({"alerts": {"failed_logins": 0}})
    with pytest.raises(ConfigError, match="sealing_start_hour"):
        config_from_dict({"alerts": {"sealing_start_hour": 20, "sealing_end_hour": 8}})
    with pytest.raises(ConfigError, match="Unknown configuration key"):
        config_from_dict({"alerts": {"failed_pins": 3}})
