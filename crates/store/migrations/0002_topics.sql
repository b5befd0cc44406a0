-- Topics given to each clause by the analysis, with the cues that decided them.
CREATE TABLE clause_topics (
    clause_id  INTEGER NOT NULL REFERENCES clauses(id) ON DELETE CASCADE,
    topic      TEXT    NOT NULL,
    confidence REAL    NOT NULL,
    cues       TEXT    NOT NULL,
    PRIMARY KEY (clause_id, topic)
);
CREATE INDEX clause_topics_topic ON clause_topics(topic);

-- Which analysis (lexicon + rules) produced the stored topics; a new one triggers re-analysis.
INSERT INTO meta (key, value) VALUES ('analysis_version', '');
