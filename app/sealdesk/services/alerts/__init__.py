"""Alerts: rules over the audit log, evaluated after every commit; each alert is an event.

Public API: :func:`evaluate` (run the rules on what is new), :func:`watch` (run them after
every write transaction of a context), :func:`install` (what the front ends call), :class:`Alert`.
"""

from sealdesk.services.alerts.evaluate import evaluate, install, watch
from sealdesk.services.alerts.rules import Alert

__all__ = ["Alert", "evaluate", "install", "watch"]
