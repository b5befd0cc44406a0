-- The page of the original a clause starts on, for paged formats (PDF); NULL for the others
-- and for PDFs imported before pages were recorded.
ALTER TABLE clauses ADD COLUMN page INTEGER CHECK (page IS NULL OR page >= 1);
