-- Bookmarks on clauses, with the user's note and tags. A bookmark carries its own anchor (the
-- document's hash, file name and title, the clause's label and text as quote), so it outlives
-- its clause: when the document is re-imported with changed text, it is re-anchored by its
-- quote or marked 'needs_review'; when the document is removed, or the bookmark was imported
-- from another machine, it waits 'detached' until a document with that hash or name returns.
CREATE TABLE bookmarks (
    id           INTEGER PRIMARY KEY,
    doc_id       INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    clause_id    INTEGER REFERENCES clauses(id) ON DELETE SET NULL,
    doc_hash     TEXT    NOT NULL,
    doc_name     TEXT    NOT NULL,
    doc_title    TEXT    NOT NULL,
    clause_label TEXT    NOT NULL,
    quote        TEXT    NOT NULL,
    note         TEXT    NOT NULL DEFAULT '',
    tags         TEXT    NOT NULL DEFAULT '',   -- separated by U+001F
    status       TEXT    NOT NULL CHECK (status IN ('anchored', 'needs_review', 'detached')),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX bookmarks_doc ON bookmarks(doc_id);
CREATE INDEX bookmarks_hash ON bookmarks(doc_hash);
