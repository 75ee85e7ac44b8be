"""Analysis in worker processes started with spawn, for a process that must not fork (the GUI).

pool: the worker processes (spawned, the pipeline loaded once each, gone with their parent).
run: one run over many articles: the open article first, small batches, each stored as it comes.
Headless: no Qt, no database; the caller passes how to read bodies and how to store results.
"""
