"""Import and re-analysis on a Dask cluster: workers read, clean and analyse; the client writes the library.

Workers run only `tasks` (pure functions of files or texts, so Dask can re-run them on another
worker when one is lost); everything that touches the library stays in this client process,
in file order, through the same service functions as a local import.
"""
from desktop.cluster.connect import connect
from desktop.cluster.imports import ClusterImport
from desktop.cluster.reanalysis import ClusterReanalysis

__all__ = ["ClusterImport", "ClusterReanalysis", "connect"]
