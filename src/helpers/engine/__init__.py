"""The engine: stage artefacts (Parquet), fingerprints, and where the work runs (Dask).

Nothing here knows about news: :mod:`helpers.pipeline` declares the suite's stages on top
of it. See :mod:`.graph` (stages and runs), :mod:`.artefacts` (the Parquet store),
:mod:`.fingerprint` (digests) and :mod:`.compute` (Dask).
"""

from .artefacts import (
                        Store,
                        TableParts,
                        read_parquet,
                        sparse_to_table,
                        table_to_sparse,
                        write_parquet,
)
from .compute import configure, map_blocks, map_chunks, progress
from .graph import Graph, Run, Source, Stage, StageInputs, store_for

__all__ = ["Graph", "Run", "Source", "Stage", "StageInputs", "Store", "TableParts", "configure",
           "map_blocks", "map_chunks", "progress", "read_parquet", "sparse_to_table",
           "store_for", "table_to_sparse", "write_parquet"]
