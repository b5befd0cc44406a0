use super::*;

fn stems(lang: &str, text: &str) -> Vec<String> {
    let field = LANG_FIELDS.iter().find(|l| l.code == lang).unwrap();
    let mut analyzer = analysis::analyzer(field);
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

fn index_with(clauses: &[(u64, u64, &str, &str)]) -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    let mut batch = index.batch().unwrap();
    for &(clause_id, doc_id, lang, text) in clauses {
        batch.add(ClauseDoc { clause_id, doc_id, lang, text, topics: &[] }).unwrap();
    }
    batch.commit(7).unwrap();
    index
}

fn ids(index: &SearchIndex, text: &str, lang: Option<&str>, doc_id: Option<u64>) -> Vec<u64> {
    let q = SearchQuery { text, lang, doc_id, limit: 10, ..Default::default() };
    index.search(&q).unwrap().0.iter().map(|h| h.clause_id).collect()
}

#[test]
fn stemmers_meet_where_snowball_allows() {
    // What the Snowball stemmers really do, recorded as facts:
    assert_eq!(
        stems("nl", "aansprakelijk aansprakelijkheid"),
        stems("nl", "aansprakelijkheid aansprakelijk")
    );
    assert_eq!(stems("nl", "aansprakelijk")[0], stems("nl", "aansprakelijkheid")[0]);
    assert_eq!(stems("sv", "radera")[0], stems("sv", "raderas")[0]);
    assert_eq!(stems("it", "cancellazione")[0], stems("it", "cancellerà")[0]);
    assert_eq!(stems("de", "Haftung"), ["haftung"], "German Snowball keeps -ung in short words");
    assert_eq!(stems("de", "haften"), ["haft"]);
    assert_ne!(
        stems("de", "löschen")[0],
        stems("de", "gelöscht")[0],
        "Snowball does not strip the ge- prefix"
    );
    assert_eq!(stems("de", "Löschung Löschungen")[0], stems("de", "Löschung Löschungen")[1]);
}

#[test]
fn stop_words_are_not_indexed() {
    assert_eq!(stems("de", "der und die"), Vec::<String>::new());
    assert_eq!(stems("sv", "och att"), Vec::<String>::new());
}

#[test]
fn queries_are_analysed_per_language() {
    let index = index_with(&[
        (
            1,
            10,
            "nl",
            "Artikel 8 Aansprakelijkheid. De totale aansprakelijkheid bedraagt nooit meer dan €5.000.",
        ),
        (2, 20, "sv", "Vi kommer att radera alla personuppgifter."),
        (3, 30, "it", "La cancellazione dei dati avviene entro 30 giorni."),
        (4, 40, "de", "Der Auftragnehmer löscht die Daten."),
    ]);
    assert_eq!(ids(&index, "aansprakelijk", None, None), [1]);
    assert_eq!(ids(&index, "raderas", None, None), [2]);
    assert_eq!(ids(&index, "cancellerà", None, None), [3]);
    assert_eq!(ids(&index, "aansprakelijk", Some("sv"), None), Vec::<u64>::new(), "language filter");
    assert_eq!(ids(&index, "aansprakelijk", None, Some(20)), Vec::<u64>::new(), "document filter");
    assert_eq!(ids(&index, "aansprakelijk", None, Some(10)), [1]);
}

#[test]
fn phrases_and_exclusions() {
    let index = index_with(&[
        (1, 1, "it", "Il Cliente informerà il Fornitore con almeno due settimane di anticipo."),
        (2, 1, "it", "Il Fornitore ha due giorni e tre settimane."),
    ]);
    assert_eq!(ids(&index, "\"due settimane\"", None, None), [1]);
    let mut both = ids(&index, "settimane", None, None);
    both.sort_unstable();
    assert_eq!(both, [1, 2]);
    assert_eq!(ids(&index, "settimane -giorni", None, None), [1]);
}

#[test]
fn words_are_anded_and_ranked() {
    let index = index_with(&[
        (1, 1, "de", "Haftung ist ausgeschlossen."),
        (2, 1, "de", "Haftung und Haftung: die Haftung des Auftragnehmers ist unbegrenzt."),
    ]);
    assert_eq!(ids(&index, "haftung unbegrenzt", None, None), [2]);
    assert_eq!(ids(&index, "haftung", None, None)[0], 2, "more matches rank first");
}

#[test]
fn matcher_finds_inflected_forms() {
    let index = index_with(&[(1, 1, "nl", "x")]);
    let (_, _, matcher) =
        index.search(&SearchQuery { text: "aansprakelijkheid", limit: 5, ..Default::default() }).unwrap();
    let text = "Verwerker is aansprakelijk; de aansprakelijkheid is beperkt.";
    let found: Vec<&str> = matcher.find("nl", text).iter().map(|&(s, e)| &text[s..e]).collect();
    assert_eq!(found, ["aansprakelijk", "aansprakelijkheid"]);
    assert!(matcher.find("sv", "Vi raderar data.").is_empty(), "unrelated words are not marked");
}

#[test]
fn removing_a_document_and_recording_the_generation() {
    let index = index_with(&[(1, 1, "sv", "radera data"), (2, 2, "sv", "radera data")]);
    assert_eq!(index.generation().unwrap(), Some(7));
    let mut batch = index.batch().unwrap();
    batch.remove_document(1);
    batch.commit(8).unwrap();
    assert_eq!(ids(&index, "radera", None, None), [2]);
    assert_eq!(index.generation().unwrap(), Some(8));
}

#[test]
fn an_index_on_disk_reopens() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = SearchIndex::open_or_create(dir.path()).unwrap();
        let mut batch = index.batch().unwrap();
        batch
            .add(ClauseDoc {
                clause_id: 5,
                doc_id: 1,
                lang: "de",
                text: "Kontrollrechte des Auftraggebers",
                topics: &[],
            })
            .unwrap();
        batch.commit(3).unwrap();
    }
    let index = SearchIndex::open_or_create(dir.path()).unwrap();
    assert_eq!(ids(&index, "kontrollrechte", None, None), [5]);
}

#[test]
fn hostile_queries_do_not_fail() {
    let index = index_with(&[(1, 1, "de", "Haftung")]);
    for q in ["\"", "((", "-", "AND OR", "field:haftung", "*", "haftung^", ""] {
        assert!(index.search(&SearchQuery { text: q, limit: 5, ..Default::default() }).is_ok(), "{q}");
    }
}

#[test]
fn topic_filters_and_cross_language_topic_expansion() {
    let index = SearchIndex::in_memory().unwrap();
    let mut batch = index.batch().unwrap();
    let clauses: [(u64, &str, &str, &[&str]); 4] = [
        (1, "it", "Il Cliente può effettuare una revisione per anno.", &["audit"]),
        (2, "de", "Der Auftraggeber hat Kontrollrechte.", &["audit"]),
        (3, "nl", "Verwerker laat een audit uitvoeren en is aansprakelijk.", &["audit", "liability"]),
        (4, "sv", "Biträdets ansvar är begränsat.", &["liability"]),
    ];
    for (id, lang, text, topics) in clauses {
        batch.add(ClauseDoc { clause_id: id, doc_id: id, lang, text, topics }).unwrap();
    }
    batch.commit(1).unwrap();
    let run = |q: SearchQuery<'_>| {
        let mut ids: Vec<u64> = index.search(&q).unwrap().0.iter().map(|h| h.clause_id).collect();
        ids.sort_unstable();
        ids
    };
    let topic = |t: &str| vec![t.to_owned()];
    assert_eq!(run(SearchQuery { topics: topic("audit"), limit: 10, ..Default::default() }), [1, 2, 3]);
    assert_eq!(
        run(SearchQuery { topics: topic("audit"), lang: Some("de"), limit: 10, ..Default::default() }),
        [2]
    );
    assert_eq!(
        run(SearchQuery { text: "aansprakelijk", topics: topic("audit"), limit: 10, ..Default::default() }),
        [3]
    );
    assert_eq!(
        run(SearchQuery { text: "audit", limit: 10, ..Default::default() }),
        [3],
        "words alone stay in their language"
    );
    let cross = SearchQuery { text: "audit", also_topics: topic("audit"), limit: 10, ..Default::default() };
    assert_eq!(run(cross.clone()), [1, 2, 3]);
    assert_eq!(
        index.search(&cross).unwrap().0[0].clause_id,
        3,
        "a word match ranks above a topic-only match"
    );
}

#[test]
fn the_count_is_of_every_match_not_only_the_hits_returned() {
    let mut clauses: Vec<(u64, u64, &str, &str)> =
        (0..30).map(|k| (k, 1, "de", "Der Auftragnehmer haftet.")).collect();
    clauses.push((99, 1, "de", "Anderes."));
    let index = index_with(&clauses);
    let (hits, total, _) =
        index.search(&SearchQuery { text: "haftet", limit: 5, ..Default::default() }).unwrap();
    assert_eq!((hits.len(), total), (5, 30));
}

/// The memo gives each word the stem tantivy's own `Stemmer` gives it, the first time and every
/// time after (a sample contract in each language, read twice).
#[test]
fn remembered_stems_are_the_stemmers_own() {
    use tantivy::tokenizer::{Language, Stemmer, StopWordFilter};
    let samples = [
        ("sv", Language::Swedish, include_str!("../../../samples/sv-nordlicht-pub.md")),
        ("de", Language::German, include_str!("../../../samples/de-alpenwerk-avv.txt")),
        ("it", Language::Italian, include_str!("../../../samples/it-laguna-dpa.html")),
        ("nl", Language::Dutch, include_str!("../../../samples/nl-polderdata-verwerkersovereenkomst.txt")),
        ("en", Language::English, "Processors process processed processing; the processor's audits."),
    ];
    for (lang, language, text) in samples {
        let mut plain =
            tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
                .filter(tantivy::tokenizer::RemoveLongFilter::limit(60))
                .filter(tantivy::tokenizer::LowerCaser)
                .filter(StopWordFilter::new(language).unwrap())
                .filter(Stemmer::new(language))
                .build();
        let mut stream = plain.token_stream(text);
        let mut expected = Vec::new();
        while stream.advance() {
            expected.push(stream.token().text.clone());
        }
        assert!(expected.len() > 5, "{lang}");
        for round in 0..2 {
            assert_eq!(stems(lang, text), expected, "{lang}, round {round}");
        }
    }
}
