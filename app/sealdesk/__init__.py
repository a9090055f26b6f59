"""SealDesk: seal documents with a PKCS#11 token, keep a verifiable record, re-prove old seals."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``sealdesk.__version__``, read from the package metadata only when asked for.

    Why lazily: reading the metadata costs ~50 ms, and every ``sealdesk`` command imports this
    package; ``sealdesk --help`` should answer at once.
    """
    if name != "__version__":
        raise AttributeError(f"module 'sealdesk' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("sealdesk")
    except PackageNotFoundError:  # running from a source tree without installation
        found = "0.0.0+unknown"
    globals()["__version__"] = found
    return found
