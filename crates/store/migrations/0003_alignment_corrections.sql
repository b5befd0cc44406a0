-- The user's corrections of automatic clause alignment, honoured by every later comparison of
-- the documents involved. `kind`: 'link' puts `moved_id` in the row of `anchor_id`; 'unlink'
-- keeps them apart ("not equivalent"); 'confirm' marks their automatic link as checked.
-- Deleting a document deletes the corrections of its clauses.
CREATE TABLE alignment_corrections (
    id         INTEGER PRIMARY KEY,
    anchor_id  INTEGER NOT NULL REFERENCES clauses(id) ON DELETE CASCADE,
    moved_id   INTEGER NOT NULL REFERENCES clauses(id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('link', 'unlink', 'confirm')),
    created_at TEXT    NOT NULL,
    CHECK (anchor_id <> moved_id)
);
CREATE INDEX alignment_corrections_anchor ON alignment_corrections(anchor_id);
CREATE INDEX alignment_corrections_moved ON alignment_corrections(moved_id);
