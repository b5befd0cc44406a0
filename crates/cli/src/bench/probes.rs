//! The fixed set of searches the benchmark times: words in each language, phrases, AND,
//! exclusions, frequent words, topics, across languages, one language, value filters. Each
//! has its FTS5 form where FTS5 can say the same (it has no topics, stems or key terms).

use concordia_core::api::SearchRequest;

/// One timed search.
pub struct Probe {
    /// What kind of search it is, for the table.
    pub kind: &'static str,
    pub request: SearchRequest,
    /// The same search in FTS5's syntax, when there is one.
    pub fts: Option<&'static str>,
}

fn words(kind: &'static str, query: &'static str, fts: &'static str) -> Probe {
    Probe { kind, request: SearchRequest::new(query), fts: Some(fts) }
}

fn topic(kind: &'static str, query: &'static str, topic: &str, cross: bool) -> Probe {
    let mut request = SearchRequest::new(query);
    request.topic = Some(topic.to_owned());
    request.cross = cross;
    Probe { kind, request, fts: None }
}

fn only(lang: &str, query: &'static str) -> Probe {
    let mut request = SearchRequest::new(query);
    request.lang = Some(lang.to_owned());
    Probe { kind: "one language", request, fts: None }
}

fn filtered(query: &'static str, filter: &str) -> Probe {
    let mut request = SearchRequest::new(query);
    request.filters = vec![filter.to_owned()];
    Probe { kind: "value filter", request, fts: None }
}

/// 34 searches.
pub fn probes() -> Vec<Probe> {
    vec![
        words("word", "underbiträden", "underbiträden"),
        words("word", "Verschlüsselung", "Verschlüsselung"),
        words("word", "responsabilità", "responsabilità"),
        words("word", "geheimhouding", "geheimhouding"),
        words("word", "Kontrollrechte", "Kontrollrechte"),
        words("word", "datalek", "datalek"),
        words("word", "revisione", "revisione"),
        words("word", "aansprakelijkheid", "aansprakelijkheid"),
        words("frequent word", "personuppgifter", "personuppgifter"),
        words("frequent word", "Daten", "Daten"),
        words("frequent word", "dati", "dati"),
        words("frequent word", "persoonsgegevens", "persoonsgegevens"),
        words("phrase", "\"senast inom\"", "\"senast inom\""),
        words("phrase", "\"ohne schuldhaftes\"", "\"ohne schuldhaftes\""),
        words("phrase", "\"entro 72 ore\"", "\"entro 72 ore\""),
        words("phrase", "\"binnen 48 uur\"", "\"binnen 48 uur\""),
        words("AND", "Haftung begrenzt", "Haftung AND begrenzt"),
        words("AND", "cancellazione dati", "cancellazione AND dati"),
        words("AND", "radera personuppgifter", "radera AND personuppgifter"),
        words("AND", "verwerker audit", "verwerker AND audit"),
        words("exclusion", "radera -kronor", "radera NOT kronor"),
        words("exclusion", "Daten -Gewinn", "Daten NOT Gewinn"),
        words("exclusion", "dati -titolare", "dati NOT titolare"),
        words("exclusion", "persoonsgegevens -verwerker", "persoonsgegevens NOT verwerker"),
        topic("topic", "", "breach_notification", false),
        topic("topic", "", "liability", false),
        topic("topic + word", "Stunden", "breach_notification", false),
        topic("topic + word", "dagar", "deletion_return", false),
        topic("across languages", "", "audit", true),
        topic("across languages", "liability", "liability", true),
        only("de", "Frist"),
        only("nl", "dagen"),
        filtered("", "breach_notice<48h"),
        filtered("Daten", "governing_law=DE"),
    ]
}
