"""Every table of the schema, registered on :data:`sealdesk.storage.base.Base.metadata`.

The models live beside their repositories, one package per capability; Alembic and
``create_all`` need all of them imported, which is the one job of this module.
"""

from __future__ import annotations


def register_all_tables() -> None:
    """Import every model module (idempotent): their classes register themselves on import."""
    from sealdesk.storage.access import models as _access  # noqa: F401
    from sealdesk.storage.audit import models as _audit  # noqa: F401
    from sealdesk.storage.documents import models as _documents  # noqa: F401
    from sealdesk.storage.incidents import models as _incidents  # noqa: F401
    from sealdesk.storage.keys import models as _keys  # noqa: F401
    from sealdesk.storage.retention import models as _retention  # noqa: F401
    from sealdesk.storage.revalidation import models as _revalidation  # noqa: F401
