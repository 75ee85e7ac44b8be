from desktop import pyside_feature

pyside_feature.install()  # when PySide6 came first (issue 19: start-up)
