"""Extraction on a Dask cluster: the client reads and writes, the workers only run the model.

Everything here imports ``distributed`` lazily, so the desktop install (without the ``cluster``
extra) never loads it and says which extra to install when asked for a cluster.
"""
