-- Which reader (text extraction + segmentation) produced a document's stored text and clauses.
-- Importing the same bytes again re-reads a document an older reader produced ('' before this).
ALTER TABLE documents ADD COLUMN reader TEXT NOT NULL DEFAULT '';
