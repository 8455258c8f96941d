"""Build the self-contained one-folder app with PyInstaller, prune what it does not use, report its size.

    python packaging/build.py            → dist/sendplan/ (sendplan + sendplan-cli)

The same command builds on Windows (see packaging/README.md). It installs the project into
build/pkg without editable hooks (PyInstaller cannot follow setuptools' editable finder), runs the
spec, then removes Qt translations and plugins the app never loads.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "build"
DIST = REPO / "dist"
KEEP_PLUGINS = {"platforms", "imageformats", "iconengines", "styles", "platformthemes", "xcbglintegrations",
                "platforminputcontexts", "egldeviceintegrations", "wayland-decoration-client",
                "wayland-graphics-integration-client", "wayland-shell-integration", "generic"}


def run(*command: str, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, env=env)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def windows_icon(target: Path) -> Path | None:
    """Render the SVG icon to a multi-size .ico with Qt (only needed on Windows)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QIcon

    QGuiApplication.instance() or QGuiApplication([])
    icon = QIcon(str(REPO / "resources" / "icons" / "sendplan.svg"))
    return target if icon.pixmap(256, 256).save(str(target), "ICO") else None


PROGRAMS = {"sendplan": "sendplan — SEND action plan editor",
            "sendplan-cli": "sendplan — SEND action plan editor (command line)"}


def version_resource(program: str, version: str) -> str:
    """The Windows version resource of one program, in PyInstaller's version-file form: without it the file's
    properties are blank and an AppLocker rule by product name or version cannot match."""
    numbers = (tuple(int(n) for n in re.findall(r"\d+", version)) + (0, 0, 0, 0))[:4]
    strings = {"CompanyName": "sendplan developers", "FileDescription": PROGRAMS[program],
               "FileVersion": version, "InternalName": program, "LegalCopyright": "MIT licence",
               "OriginalFilename": f"{program}.exe", "ProductName": "sendplan", "ProductVersion": version}
    table = ",\n        ".join(f"StringStruct({key!r}, {value!r})" for key, value in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080904B0', [
        {table}])]),
    VarFileInfo([VarStruct('Translation', [2057, 1200])])
  ]
)
"""


def write_version_files(folder: Path) -> Path:
    """A version file per program (English, United Kingdom; Unicode) for the spec to give PyInstaller."""
    from sendplan import __version__

    folder.mkdir(parents=True, exist_ok=True)
    for program in PROGRAMS:
        (folder / f"{program}.txt").write_text(version_resource(program, __version__), encoding="utf-8")
    return folder


def prune(app: Path) -> list[str]:
    """Remove Qt translations and plugin folders the app never loads."""
    removed = []
    for qt in app.rglob("PySide6"):
        translations = qt / "Qt" / "translations"
        if translations.is_dir():
            shutil.rmtree(translations)
            removed.append(str(translations.relative_to(app)))
        plugins = qt / "Qt" / "plugins"
        for folder in plugins.iterdir() if plugins.is_dir() else []:
            if folder.is_dir() and folder.name not in KEEP_PLUGINS:
                shutil.rmtree(folder)
                removed.append(str(folder.relative_to(app)))
    return removed


def main() -> int:
    pkg = BUILD / "pkg"
    shutil.rmtree(pkg, ignore_errors=True)
    run(sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
        str(pkg), str(REPO))
    env = {**os.environ, "SENDPLAN_PKG": str(pkg)}
    if sys.platform == "win32":
        env["SENDPLAN_VERSION_DIR"] = str(write_version_files(BUILD / "version"))
        icon = windows_icon(BUILD / "sendplan.ico")
        if icon:
            env["SENDPLAN_ICON"] = str(icon)
    run(sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(BUILD / "work"), str(REPO / "packaging" / "sendplan.spec"),
        env=env)
    app = DIST / "sendplan"
    before = folder_size(app)
    removed = prune(app)
    after = folder_size(app)
    print(f"Pruned {len(removed)} unused Qt folders: {before / 2**20:.0f} MB → {after / 2**20:.0f} MB")
    print(f"Built {app} ({after / 2**20:.0f} MB). Check it with: python packaging/smoke_test.py")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
