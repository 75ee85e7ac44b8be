import PySide6.QtCore  # noqa: F401  (loaded first so its import check can be made faster below)

from desktop import pyside_feature

pyside_feature.install()  # every module imported from here on is checked by reading bytes (issue 19)
