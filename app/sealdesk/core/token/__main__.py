"""``python -m sealdesk.core.token MODULE [TIMEOUT]``: probe a PKCS#11 module safely, print JSON.

For support: shows whether a vendor module loads and which tokens it sees, in a child process,
so a broken driver cannot take the shell's Python with it. No PIN, no session.
"""

import sys

from sealdesk.core.token.probe import main

sys.exit(main())
