"""Heavy libraries load only when an export, import or merge starts: never just by showing the window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("openpyxl", "docx", "PIL", "lxml", "pypdf", "pypdfium2", "pdfminer", "fitz")

SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from sendplan.ui.app import application
from sendplan.ui.main_window import MainWindow
from sendplan.ui.navigator import PAGE_NAMES
from sendplan.ui.session import PlanSession
from sendplan.document import PlanDocument

app = application()
window = MainWindow(PlanSession(PlanDocument.open(Path(sys.argv[1]), backups=False), autosave=False))
window.show()
for page in ("All actions", *PAGE_NAMES, "Review mode"):
    window.show_page(page)
    QApplication.processEvents()
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[2].split(",")))
print(json.dumps(heavy))
"""


def test_showing_every_page_loads_no_heavy_library(sample_file: Path) -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(sample_file), ",".join(HEAVY)], capture_output=True,
                            text=True, encoding="utf-8", timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
