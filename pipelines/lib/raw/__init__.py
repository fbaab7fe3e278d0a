"""The raw-format boundary: everything that turns files in the raw dir into `Document`s.

- `layout`    which files are raw documents and which format each is (by name); the fetch-log suffix
- `document`  the `Document` record, its ids and hashes, and `failed` (a document that could not be read)
- `readers`   one reader per format, chosen through one table (`readers.READERS`); `read_documents(raw_dir)`

Nothing here imports the fetcher (pipelines/lib/fetch), which writes raw files and imports only `layout` from here.
To add a format: a reader module in `readers/`, a row in `readers.READERS`, its extensions in `layout.FORMATS`.
"""
