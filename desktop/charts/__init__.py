"""The one chart renderer (QPainter), shared by the dashboard and the Word report; it may use Qt."""
