"""The boundary: models/ and the core never import Qt or the GUI."""
import ast
import os
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


def _lint_imports() -> str:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(exe).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("import-linter is not installed: the architecture contracts cannot be checked")
        pytest.skip("import-linter is not installed")
    return exe


def test_import_linter_contracts():
    """Every contract in pyproject.toml [tool.importlinter] is kept (layers, SQL only in storage,
    no cycles among siblings, the window never imports the command line, the core never Qt)."""
    p = subprocess.run([_lint_imports()], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "0 broken" in p.stdout and "kept" in p.stdout


def test_the_contracts_catch_what_they_forbid(tmp_path):
    """The same contracts on a small tree that breaks each: every one reported broken."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    files = {
        "models/__init__.py": "", "models/tables.py": "import sqlalchemy\n",
        "abstractor/__init__.py": "", "abstractor/cli.py": "",
        "abstractor/storage/__init__.py": "import models.tables\nimport alembic\nimport shiboken6\n",
        "abstractor/review/__init__.py": "", "abstractor/review/a.py": "from abstractor.review import b\n",
        "abstractor/review/b.py": "import sqlmodel\nimport PySide6\nfrom abstractor.review import a\n",
        "models/schema.py": "import abstractor.cli\n",  # models above the core: against the layers
        "gui/__init__.py": "", "gui/panel.py": "import abstractor.cli\nimport models.tables\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    lines = ["[importlinter]", "root_packages =\n    abstractor\n    models\n    gui",
             "include_external_packages = True"]
    for i, c in enumerate(config["contracts"]):
        lines.append(f"\n[importlinter:contract:{i}]")
        for key, value in c.items():
            value = "\n".join(f"    {v}" for v in value) if isinstance(value, list) else value
            lines.append(f"{key} =\n{value}" if isinstance(c[key], list) else f"{key} = {value}")
    (tmp_path / ".importlinter").write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = subprocess.run([_lint_imports(), ".importlinter"], capture_output=True, text=True,
                       cwd=tmp_path)
    assert p.returncode != 0
    kept = [line for line in p.stdout.splitlines() if line.rstrip().endswith("KEPT")]
    assert kept == [] and p.stdout.count("BROKEN") == len(config["contracts"]), p.stdout + p.stderr


def test_core_modules_import_without_qt():
    code = ("import sys, abstractor.cli, abstractor.storage, abstractor.importer, abstractor.importing.ctgov; "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_controllers_get_the_context_and_narrow_interfaces_not_the_window():
    """Issue 9: a controller that takes the whole main window ends up reaching into its widgets."""
    import inspect

    from gui.capture import Capture
    from gui.review_actions import ReviewController
    from gui.suggestions_ui import SuggestionsUI
    from gui.workbook_actions import WorkbookActions

    for cls in (SuggestionsUI, WorkbookActions, ReviewController, Capture):
        params = set(inspect.signature(cls.__init__).parameters)
        assert not params & {"window", "main_window", "mw"}, (cls.__name__, params)
        assert "ctx" in params, cls.__name__
