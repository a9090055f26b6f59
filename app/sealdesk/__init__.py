"""SealDesk: seal documents with a PKCS#11 token, keep a verifiable record, re-prove old seals."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sealdesk")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"
