"""SIEM export: the audit log (events and alerts) as RFC 5424 syslog and/or JSON Lines.

Public API: :func:`export_once`, :func:`follow`, :func:`sinks_from_config`, :class:`ExportResult`.
"""

from sealdesk.services.siem.export import ExportResult, export_once, follow, sinks_from_config

__all__ = ["ExportResult", "export_once", "follow", "sinks_from_config"]
