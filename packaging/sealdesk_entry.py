"""Entry point of the frozen (PyInstaller) SealDesk: the console, the CLI, or the module probe.

One executable plays five parts, decided by its arguments before anything heavy is imported:

* ``sealdesk -S -E …/probe_child.py MODULE``: the PKCS#11 module probe. SealDesk probes vendor
  modules in a child process started as ``sys.executable -S -E probe_child.py MODULE``; in a
  frozen build ``sys.executable`` is this program and ``probe_child.py`` is not a file, so the
  request is recognised here and the probe module is run instead (standard library only, fast);
* ``sealdesk -S -E …/init_child.py``: creating a SoftHSM2 token (``demo init``) through
  ``C_InitToken``/``C_InitPIN`` in a child that reads the PINs from stdin; recognised the same
  way and run as :mod:`sealdesk.core.token.init_child`;
* ``sealdesk -m sealdesk.core.token.key_agent_child``: the key agent, the child that holds the
  login for opening stored documents' data keys (:mod:`sealdesk.core.token.key_agent`); it
  reads its PIN and requests from stdin;
* ``sealdesk COMMAND …`` (``seal``, ``verify``, ``audit``, ``--help``…): the ``sealdesk`` CLI,
  so an auditor's machine needs nothing else;
* anything else (no arguments, ``--smoke-test``, Qt options): the desktop console.

Before all that, ``multiprocessing.freeze_support()``: the console starts revalidation workers
as spawned processes of this same executable, which must run the worker, not another console.
"""

from __future__ import annotations

import sys

PROBE_SUFFIXES = ("probe_child.py", "probe_child.pyc")
INIT_SUFFIXES = ("init_child.py", "init_child.pyc")
KEY_AGENT = ["-m", "sealdesk.core.token.key_agent_child"]
CLI_OPTIONS = ("--help", "-h", "--version")


def _is_probe(argv: list[str]) -> bool:
    return len(argv) >= 4 and argv[1:3] == ["-S", "-E"] and argv[3].endswith(PROBE_SUFFIXES)


def _is_token_init(argv: list[str]) -> bool:
    return len(argv) == 4 and argv[1:3] == ["-S", "-E"] and argv[3].endswith(INIT_SUFFIXES)


def _is_key_agent(argv: list[str]) -> bool:
    return argv[1:] == KEY_AGENT


def _is_cli(argv: list[str]) -> bool:
    return len(argv) > 1 and (not argv[1].startswith("-") or argv[1] in CLI_OPTIONS)


def main() -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a spawned revalidation worker: runs it and exits
    argv = list(sys.argv)
    if _is_probe(argv):
        import runpy

        sys.argv = [argv[3], *argv[4:]]
        runpy.run_module("sealdesk.core.token.probe_child", run_name="__main__")
        return 0
    if _is_token_init(argv):
        from sealdesk.core.token.init_child import main as init_main

        return init_main()
    if _is_key_agent(argv):
        from sealdesk.core.token.key_agent_child import run as run_key_agent

        run_key_agent()  # exits
    if _is_cli(argv):
        from sealdesk.cli.main import cli, quiet_third_party_warnings

        quiet_third_party_warnings()
        return int(cli.main(args=argv[1:], prog_name="sealdesk", standalone_mode=True) or 0)
    from sealdesk.ui.app import main as gui_main

    return gui_main(argv)


if __name__ == "__main__":
    sys.exit(main())
