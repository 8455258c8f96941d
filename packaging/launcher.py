"""Entry point of the built app: the windowed ``sendplan`` and the console ``sendplan-cli`` both start here."""

from __future__ import annotations

import sys

from sendplan.cli import main

if __name__ == "__main__":
    sys.exit(main())
