"""The one chart renderer (pyqtgraph), shared by the dashboard and the Word report."""
