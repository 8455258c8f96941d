"""Allow ``python -m sendplan`` to run the command-line interface."""

from __future__ import annotations

from sendplan.cli import main

raise SystemExit(main())
