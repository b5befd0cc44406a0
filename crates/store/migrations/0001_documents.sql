-- Documents as imported: the normalised text is the reference all offsets point into.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    path         TEXT    NOT NULL,
    content_hash TEXT    NOT NULL UNIQUE,
    title        TEXT    NOT NULL,
    language     TEXT    NOT NULL,
    format       TEXT    NOT NULL,
    imported_at  TEXT    NOT NULL,
    byte_size    INTEGER NOT NULL,
    text         TEXT    NOT NULL
);
CREATE INDEX documents_path ON documents(path);

-- Clauses are ranges of their document's text; the text itself is not copied.
CREATE TABLE clauses (
    id           INTEGER PRIMARY KEY,
    doc_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal      INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    number       TEXT,
    heading      TEXT,
    heading_path TEXT    NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    language     TEXT    NOT NULL,
    UNIQUE (doc_id, ordinal)
);

-- Small key/value facts, e.g. the generation counter the search index is checked against.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('generation', '0');
