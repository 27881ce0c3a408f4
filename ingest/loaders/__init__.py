"""One loader per document format, each returning a SourceText built with the shared TextBuilder.

``cityties.ingest.load.load_document`` picks the loader; call that, not these.
"""
