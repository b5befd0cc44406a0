//! Full-text index over clauses: one tantivy document per clause, one analysed field per language.
//!
//! The index is a cache: `concordia-core` rebuilds it from the SQLite store
//! whenever it is missing, unreadable, or its recorded generation differs
//! from the store's. A clause's text goes into the field of its language
//! (`body_sv`, `body_de`, …), each with a Snowball stemmer and stop words, so
//! a query is analysed per language and "Haftung" meets "haften" in German
//! without touching Swedish.

mod analysis;
mod highlight;

use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, TermQuery, TermSetQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, Term};

pub use analysis::{LangField, LANG_FIELDS};
pub use highlight::Matcher;

/// Errors of the index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Another process (the app or a CLI run) is writing to the index right now.
    #[error(
        "the search index is being updated by another Concordia process; try again when it has finished"
    )]
    Busy,
    /// Anything tantivy reports.
    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Result alias of the index.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A clause as the index sees it.
#[derive(Debug, Clone, Copy)]
pub struct ClauseDoc<'a> {
    /// Store id of the clause.
    pub clause_id: u64,
    /// Store id of its document.
    pub doc_id: u64,
    /// Language code; unknown codes use the unstemmed field.
    pub lang: &'a str,
    /// Heading and text, as one string.
    pub text: &'a str,
    /// Topic ids of the clause.
    pub topics: &'a [&'a str],
}

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery<'a> {
    /// The user's query: words, "phrases", -exclusions.
    pub text: &'a str,
    /// Only clauses in this language.
    pub lang: Option<&'a str>,
    /// Only clauses of this document.
    pub doc_id: Option<u64>,
    /// At most this many hits.
    pub limit: usize,
    /// Only clauses with one of these topics (empty: no filter).
    pub topics: Vec<String>,
    /// Also find clauses with these topics, in any language, even without the words.
    pub also_topics: Vec<String>,
}

/// One hit, best first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndexHit {
    /// Store id of the clause.
    pub clause_id: u64,
    /// Store id of its document.
    pub doc_id: u64,
    /// BM25 score.
    pub score: f32,
}

#[derive(Clone, Copy)]
struct Fields {
    clause_id: Field,
    doc_id: Field,
    topics: Field,
    lang: Field,
}

/// The clause index.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it when the directory has none.
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex> {
        std::fs::create_dir_all(dir).map_err(|e| tantivy::TantivyError::SystemError(e.to_string()))?;
        let index =
            match Index::open_in_dir(dir) {
                Ok(index) => index,
                Err(
                    tantivy::TantivyError::OpenDirectoryError(_) | tantivy::TantivyError::OpenReadError(_),
                ) if !dir.join("meta.json").exists() => Index::create_in_dir(dir, schema())?,
                Err(e) => return Err(e.into()),
            };
        SearchIndex::wrap(index)
    }

    /// Reads every file the index uses and checks it against its checksum. Damage found here
    /// (a garbled, truncated or missing file) would otherwise surface as a failed or partial
    /// search, or as a panic deep in tantivy. Returns the names of the damaged files.
    pub fn damaged_files(&self, dir: &Path) -> Result<Vec<String>> {
        let metas = self.index.load_metas()?;
        let mut damaged: Vec<String> = Vec::new();
        use tantivy::index::SegmentComponent as Part;
        for segment in &metas.segments {
            let mut parts = vec![Part::Postings, Part::Positions, Part::Terms, Part::Store, Part::FastFields];
            parts.push(Part::FieldNorms);
            if segment.has_deletes() {
                parts.push(Part::Delete);
            }
            for file in parts.into_iter().map(|part| segment.relative_path(part)) {
                if !dir.join(&file).is_file() {
                    damaged.push(format!("{} (missing)", file.display()));
                }
            }
        }
        for file in self.index.validate_checksum()? {
            damaged.push(file.display().to_string());
        }
        damaged.sort();
        Ok(damaged)
    }

    /// An index held in memory, for tests.
    pub fn in_memory() -> Result<SearchIndex> {
        SearchIndex::wrap(Index::create_in_ram(schema()))
    }

    fn wrap(index: Index) -> Result<SearchIndex> {
        if index.schema() != schema() {
            return Err(tantivy::TantivyError::SchemaError("the index has an older schema".into()).into());
        }
        analysis::register(&index);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()?;
        let schema = index.schema();
        let fields = Fields {
            clause_id: schema.get_field("clause_id")?,
            doc_id: schema.get_field("doc_id")?,
            topics: schema.get_field("topics")?,
            lang: schema.get_field("lang")?,
        };
        Ok(SearchIndex { index, reader, fields })
    }

    /// The store generation this index was last committed at, if any.
    pub fn generation(&self) -> Result<Option<u64>> {
        let metas = self.index.load_metas()?;
        Ok(metas.payload.and_then(|p| p.parse().ok()))
    }

    /// Starts a batch of changes; nothing is visible until [`Batch::commit`].
    pub fn batch(&self) -> Result<Batch<'_>> {
        let writer = self.index.writer_with_num_threads(2, 64_000_000).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => Error::Busy,
            other => Error::Tantivy(other),
        })?;
        Ok(Batch { index: self, writer })
    }

    /// Number of clauses in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Number of clauses of one document in the index.
    pub fn clauses_of(&self, doc_id: u64) -> Result<u64> {
        let term = Term::from_field_u64(self.fields.doc_id, doc_id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        Ok(self.reader.searcher().search(&query, &tantivy::collector::Count)? as u64)
    }

    /// Whether the index holds no clauses.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs a query; returns the best `limit` hits first, how many clauses match in all
    /// (counted by tantivy, not gathered), and a matcher that finds the query's terms in text.
    pub fn search(&self, q: &SearchQuery<'_>) -> Result<(Vec<IndexHit>, usize, Matcher)> {
        let (query, matcher) = self.compile(q);
        let Some(query) = query.filter(|_| q.limit > 0) else {
            return Ok((Vec::new(), 0, matcher));
        };
        let searcher = self.reader.searcher();
        let (top, total) = searcher
            .search(&query, &(TopDocs::with_limit(q.limit).order_by_score(), tantivy::collector::Count))?;
        // Columns are opened once per segment, not once per hit: opening one decodes its block
        // index, which was over a quarter of a search's time.
        type Columns = (tantivy::columnar::Column<u64>, tantivy::columnar::Column<u64>);
        let mut columns: Vec<Option<Columns>> = Vec::new();
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let ord = address.segment_ord as usize;
            if columns.len() <= ord {
                columns.resize(ord + 1, None);
            }
            let (clauses, docs) = match &columns[ord] {
                Some(columns) => columns,
                None => {
                    let fast = searcher.segment_reader(address.segment_ord).fast_fields();
                    columns[ord].insert((fast.u64("clause_id")?, fast.u64("doc_id")?))
                }
            };
            if let (Some(clause_id), Some(doc_id)) =
                (clauses.first(address.doc_id), docs.first(address.doc_id))
            {
                hits.push(IndexHit { clause_id, doc_id, score });
            }
        }
        Ok((hits, total, matcher))
    }

    /// Every clause the query matches, as (clause id, document id), in no particular order:
    /// gathered segment by segment from the fast fields as tantivy finds each match, with no scoring,
    /// ranking or text. `limit` is ignored.
    pub fn all_matching(&self, q: &SearchQuery<'_>) -> Result<Vec<(u64, u64)>> {
        let Some(query) = self.compile(q).0 else {
            return Ok(Vec::new());
        };
        Ok(self.reader.searcher().search(&query, &MatchingIds)?)
    }

    /// The tantivy query for a search (none when there is nothing to look for), and the matcher
    /// of its words.
    fn compile(&self, q: &SearchQuery<'_>) -> (Option<BooleanQuery>, Matcher) {
        let fields: Vec<LangField> = match q.lang {
            Some(code) => LANG_FIELDS.iter().copied().filter(|f| f.code == code).collect(),
            None => LANG_FIELDS.to_vec(),
        };
        let schema = self.index.schema();
        let targets: Vec<Field> = fields.iter().filter_map(|f| schema.get_field(f.field).ok()).collect();
        let mut parser = QueryParser::for_index(&self.index, targets);
        parser.set_conjunction_by_default();
        let (text_query, _errors) = parser.parse_query_lenient(q.text);
        let matcher = Matcher::new(&self.index, text_query.as_ref());
        let has_text = !q.text.trim().is_empty();
        if (!has_text && q.topics.is_empty()) || fields.is_empty() {
            return (None, matcher);
        }
        let mut must: Vec<Box<dyn Query>> = Vec::new();
        match (has_text, q.also_topics.is_empty()) {
            (true, true) => must.push(text_query),
            (true, false) => must.push(Box::new(BooleanQuery::new(vec![
                (Occur::Should, text_query),
                (Occur::Should, Box::new(ConstScoreQuery::new(self.any_topic(&q.also_topics), 0.5))),
            ]))),
            (false, _) => {}
        }
        if !q.topics.is_empty() {
            must.push(Box::new(ConstScoreQuery::new(self.any_topic(&q.topics), 1.0)));
        }
        if let Some(doc_id) = q.doc_id {
            let term = Term::from_field_u64(self.fields.doc_id, doc_id);
            must.push(Box::new(ConstScoreQuery::new(
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                0.0,
            )));
        }
        if let (Some(lang), false) = (q.lang, has_text) {
            // Topic-only searches have no per-language text query to restrict, so filter by field.
            let term = Term::from_field_text(self.fields.lang, lang);
            must.push(Box::new(ConstScoreQuery::new(
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                0.0,
            )));
        }
        (Some(BooleanQuery::new(must.into_iter().map(|q| (Occur::Must, q)).collect())), matcher)
    }
}

/// Collects every matching clause as (clause id, document id), read from the fast fields as
/// tantivy finds it: no set, no sort, no scores.
struct MatchingIds;

impl tantivy::collector::Collector for MatchingIds {
    type Fruit = Vec<(u64, u64)>;
    type Child = SegmentIds;

    fn for_segment(
        &self,
        _segment: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentIds> {
        let fast = reader.fast_fields();
        Ok(SegmentIds { clause: fast.u64("clause_id")?, doc: fast.u64("doc_id")?, found: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u64, u64)>>) -> tantivy::Result<Vec<(u64, u64)>> {
        Ok(fruits.concat())
    }
}

/// [`MatchingIds`] in one segment.
struct SegmentIds {
    clause: tantivy::columnar::Column<u64>,
    doc: tantivy::columnar::Column<u64>,
    found: Vec<(u64, u64)>,
}

impl tantivy::collector::SegmentCollector for SegmentIds {
    type Fruit = Vec<(u64, u64)>;

    fn collect(&mut self, doc: tantivy::DocId, _score: tantivy::Score) {
        if let (Some(clause), Some(document)) = (self.clause.first(doc), self.doc.first(doc)) {
            self.found.push((clause, document));
        }
    }

    fn harvest(self) -> Vec<(u64, u64)> {
        self.found
    }
}

impl SearchIndex {
    fn any_topic(&self, topics: &[String]) -> Box<dyn Query> {
        let terms = topics.iter().map(|t| Term::from_field_text(self.fields.topics, t));
        Box::new(TermSetQuery::new(terms))
    }
}

/// Pending changes to the index, applied together.
pub struct Batch<'a> {
    index: &'a SearchIndex,
    writer: IndexWriter,
}

impl Batch<'_> {
    /// Adds one clause.
    pub fn add(&mut self, clause: ClauseDoc<'_>) -> Result<()> {
        let field = analysis::field_for(&self.index.index, clause.lang)?;
        let f = self.index.fields;
        let mut document = doc!(
            f.clause_id => clause.clause_id,
            f.doc_id => clause.doc_id,
            field => clause.text,
            f.lang => clause.lang,
        );
        for topic in clause.topics {
            document.add_text(f.topics, topic);
        }
        self.writer.add_document(document)?;
        Ok(())
    }

    /// Removes every clause of a document.
    pub fn remove_document(&mut self, doc_id: u64) {
        self.writer.delete_term(Term::from_field_u64(self.index.fields.doc_id, doc_id));
    }

    /// Removes everything.
    pub fn clear(&mut self) -> Result<()> {
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Makes the changes visible and records the store generation they reflect.
    pub fn commit(mut self, generation: u64) -> Result<()> {
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&generation.to_string());
        prepared.commit()?;
        self.writer.wait_merging_threads()?;
        self.index.reader.reload()?;
        Ok(())
    }
}

fn schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_u64_field("clause_id", INDEXED | STORED | FAST);
    builder.add_u64_field("doc_id", INDEXED | FAST);
    builder.add_text_field("topics", STRING);
    builder.add_text_field("lang", STRING);
    for lang in LANG_FIELDS {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(lang.tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        builder.add_text_field(lang.field, TextOptions::default().set_indexing_options(indexing));
    }
    builder.build()
}

#[cfg(test)]
mod tests;
