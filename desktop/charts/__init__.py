"""Charts of a library, drawn with pyqtgraph: interactive in the dashboard, PNG files for the report.

`data` says what is counted (no Qt); `plot` draws a chart on a pyqtgraph plot; `export` renders
one to PNG without a window. Only this package and desktop/ui import Qt and pyqtgraph.
"""
