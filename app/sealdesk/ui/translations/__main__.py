"""``python -m sealdesk.ui.translations update``: refresh the German catalogue from the sources.

Runs ``pyside6-lupdate`` over every Python file of ``sealdesk/ui`` (new strings appear in the
``.ts`` as unfinished, strings gone from the sources are dropped) and ``pyside6-lrelease`` to
compile the ``.qm`` the GUI loads. Both tools ship in the PySide6 wheel. Translate the
unfinished entries with Qt Linguist (``pyside6-linguist resources/translations/sealdesk_de.ts``)
or a text editor, then run ``update`` again and commit the ``.ts`` and the ``.qm``.
``check`` exits 1 when the ``.ts`` lacks a source string or a translation, or the ``.qm`` is stale.
"""

from __future__ import annotations

import sys

from sealdesk.ui.translations.refresh import check, update


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
        return 0
    if command == "check":
        problems = check()
        for line in problems:
            print(line)
        return 1 if problems else 0
    print("usage: python -m sealdesk.ui.translations update|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
