"""Child process of test_screen_sizes: open a plan on the screen Qt was started with (QT_SCALE_FACTOR and the
offscreen screen set by the parent) and print the screen's logical size and what does not fit, as JSON.

    python scaled_window.py SETTINGS_FOLDER PLAN
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import screen_checks
from PySide6.QtCore import QSettings
from sendplan.ui.app import application, open_plan


def main() -> int:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # never the user's own settings (nor the registry)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
    app = application()
    window = open_plan(Path(sys.argv[2]))
    if window is None:
        return 1
    area = app.primaryScreen().availableGeometry()
    print(json.dumps({"screen": [area.width(), area.height()], "problems": screen_checks.all_problems(window)}))
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
