"""The boundary: models/ and the core never import Qt or the GUI."""
import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "shiboken6", "gui")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("package", ["models", "abstractor"])
def test_core_does_not_import_qt_or_gui(package):
    offenders = [f"{p.relative_to(ROOT)} imports {name}"
                 for p in (ROOT / package).rglob("*.py")
                 for name in _imports(p) if name.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_import_linter_contract():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(exe).exists():
        pytest.skip("import-linter is not installed")
    p = subprocess.run([exe], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stdout + p.stderr


def test_core_modules_import_without_qt():
    code = ("import sys, abstractor.cli, abstractor.storage, abstractor.importer, abstractor.importing.ctgov; "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
