"""The GUI-free core: storage, document import, extraction, workbooks, review.

Everything the program does lives here and runs without Qt, so a script can
do it and a test can check it without a window.
"""

__version__ = "0.1.0"
APP_NAME = "protocol-abstractor"
