-- A document's key terms as the core found them (JSON), and which version of the rules found
-- them: a cache the rules' output can be rebuilt from at any time, kept so that filtering and
-- the portfolio do not re-analyse every document.
CREATE TABLE key_terms (
    doc_id  INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    version TEXT    NOT NULL,
    terms   TEXT    NOT NULL
);
