"""Looks: CJK text drawn with real glyphs, readable review marks with who and when, the first
start sized to the screen, every dialog titled, and --demo leaving nothing behind."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CJK = "【研究】試験 임상"


def _missing_glyphs(font, text: str) -> int:
    from PySide6.QtGui import QTextLayout

    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return sum(1 for run in layout.glyphRuns() for g in run.glyphIndexes() if g == 0)


def test_cjk_text_is_drawn_with_real_glyphs(qtbot):
    from PySide6.QtWidgets import QApplication

    from gui.app import setup_fonts

    app = QApplication.instance()
    fallbacks = setup_fonts(app)
    assert fallbacks, "no CJK font installed: bash .ci/system-packages installs one"
    assert _missing_glyphs(app.font(), CJK) == 0
    assert app.font().families()[1:] == fallbacks


def test_review_marks_are_readable_and_say_who_and_when(qtbot):
    from abstractor.storage.review_ops import FieldReviewInfo
    from gui.review_marks import ReviewMark, tooltip
    from models import schema
    from models.enums import ReviewState

    info = FieldReviewInfo(target=None, path="study.title", status=ReviewState.QUERIED, updated_by="rita",
                           updated_at="2026-12-04T21:40:05.123456+00:00",
                           comments=[schema.Comment(author="rita", at="2026-12-04T21:40:05+00:00", text="Which?")])
    tip = tooltip(info)
    assert tip.startswith("Queried by rita, 2026-12-04 21:40 UTC")
    assert "rita (2026-12-04 21:40 UTC): Which?" in tip
    mark = ReviewMark(lambda: None)
    qtbot.addWidget(mark)
    mark.show_info(info)
    mark.show()
    qtbot.waitExposed(mark)
    assert mark.fontMetrics().height() >= 14 and mark.height() >= 20  # was about 8 px


def test_the_first_start_fills_most_of_the_screen(qtbot, settings):
    from gui.main_window import MainWindow

    w = MainWindow(settings, "x")
    qtbot.addWidget(w)
    area = w.screen().availableGeometry()
    assert 0.85 * area.width() <= w.width() <= area.width()
    assert 0.85 * area.height() <= w.height() <= area.height()
    from PySide6.QtCore import QSize

    settings.setValue("window/size", QSize(area.width() * 2, 700))  # saved on a bigger screen
    w2 = MainWindow(settings, "x")
    qtbot.addWidget(w2)
    assert w2.width() <= area.width() and w2.height() == 700


ASKING = {"text", "confirm", "error", "info", "choose", "edit_value", "save_file", "open_file", "open_documents",
          "open_database", "new_database", "locate_pdf"}


def test_every_dialog_has_a_title():
    """Every ask.* call names its dialog (not empty, not just the program's name), and every dialog
    class of the window sets a title."""
    untitled = []
    for path in sorted((ROOT / "gui").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "ask" \
                    and node.func.attr in ASKING and node.func.attr not in ("open_documents", "open_database",
                                                                            "new_database", "locate_pdf"):
                title = node.args[1] if len(node.args) > 1 else None
                if title is None or (isinstance(title, ast.Constant) and not str(title.value).strip()) \
                        or (isinstance(title, ast.Name) and title.id == "APP_NAME"):
                    untitled.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") in ("QDialog", "QProgressDialog")
                                                      for b in node.bases):
                if "setWindowTitle" not in ast.unparse(node):
                    untitled.append(f"{path.name}: class {node.name}")
    assert untitled == []


def test_demo_removes_its_temporary_database_on_exit(tmp_path):
    code = (f"import os, sys; sys.path.insert(0, {str(ROOT)!r}); os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
            "from PySide6.QtCore import QTimer\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "import glob, tempfile\n"
            "def close():\n"  # once the demo window is built (its database open), close it as a person would
            "    ready = [w for w in app.topLevelWidgets() if getattr(w, 'ctx', None) is not None]\n"
            "    if not ready:\n"
            "        return QTimer.singleShot(200, close)\n"
            "    print('folders', glob.glob(os.path.join(tempfile.gettempdir(), 'abstractor-demo-*')), flush=True)\n"
            "    app.closeAllWindows()\n"
            "QTimer.singleShot(200, close)\n"
            "import main\n"
            "sys.exit(main.main(['--demo', '--user', 'tester']))\n")
    env = {**os.environ, "TMPDIR": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert p.returncode == 0, p.stderr[-1000:]
    assert f"folders ['{tmp_path}/abstractor-demo-" in p.stdout  # it was there while the window was open
    assert not list(tmp_path.glob("abstractor-demo-*"))  # and is gone
