-- Topics given to each clause by the analysis, with the cues that decided them, encoded in
-- one column ("topic \x1f confidence \x1f cue \x1f cue …" per topic, topics separated by \x1e):
-- one row per clause keeps imports fast; topic search goes through the index.
ALTER TABLE clauses ADD COLUMN topics TEXT NOT NULL DEFAULT '';

-- Which analysis (lexicon + rules) produced the stored topics; a new one triggers re-analysis.
INSERT INTO meta (key, value) VALUES ('analysis_version', '');
