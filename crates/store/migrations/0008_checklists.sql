-- A document's Art. 28 checklist as the core found it (JSON), and which version of the rules
-- found it: like key_terms, a cache of the rules' output, kept so that the portfolio of a large
-- library does not re-read every document.
CREATE TABLE checklists (
    doc_id    INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    version   TEXT    NOT NULL,
    findings  TEXT    NOT NULL
);
