//! Who the parties are: the names the controller and the processor go by in a contract, and
//! whether a text or a heading names one of them. One reader for the key terms (who bears the
//! audit costs) and the checklist (whose obligations a sentence states).

use std::sync::LazyLock;

use regex::Regex;

use crate::terms::{COMPANY, CONTROLLER, OBLIGATIONS, PROCESSOR};

/// Whether a text names the processor ("der Auftragsverarbeiter", "Verwerker").
pub fn names_processor(text: &str) -> bool {
    PROCESSOR.is_match(text)
}

/// Whether a heading is on the controller's obligations ("Pflichten des Auftraggebers",
/// "Obblighi del Titolare") and not also the processor's.
pub fn names_controller_duties(heading: &str) -> bool {
    OBLIGATIONS.is_match(heading) && CONTROLLER.is_match(heading) && !PROCESSOR.is_match(heading)
}

/// The names the parties go by in one document, besides their role words.
pub(crate) struct Parties {
    pub(crate) controller: Option<Names>,
    pub(crate) processor: Option<Names>,
}

/// Companies are named in the title and the first clauses; a name of its own may be given a
/// little later, where the parties are introduced.
const COMPANY_CLAUSES: usize = 3;
const OPENING_CLAUSES: usize = 8;

impl Parties {
    /// From the texts of a document's clauses, in order. A company's role word after its name
    /// ("Kontorwerk GmbH (Auftragnehmer)") says which party it is; a company named in the title
    /// is the processor, whose paper the DPA usually is; a name in quotes after a role
    /// ("Verwerkingsverantwoordelijke (\"Accountant\")") is that party's.
    pub(crate) fn of<'a>(clauses: impl IntoIterator<Item = &'a str>) -> Parties {
        let (mut controller, mut processor) = (Vec::new(), Vec::new());
        for (i, text) in clauses.into_iter().take(OPENING_CLAUSES).enumerate() {
            if i < COMPANY_CLAUSES {
                companies(&text[..text.floor_char_boundary(1500)], i == 0, &mut controller, &mut processor);
            }
            for named in [&CONTROLLER_NAMED, &NAMED_THEN_CONTROLLER, &NOUN_THEN_QUOTED_CONTROLLER] {
                controller.extend(named.captures_iter(text).filter_map(|c| c.get(1)).map(|m| m.as_str()));
            }
            controller.extend(labelled_controller(text));
            controller.extend(controller_named_later(text));
        }
        Parties { controller: names_of(&controller), processor: names_of(&processor) }
    }
}

fn companies<'a>(text: &'a str, title: bool, controller: &mut Vec<&'a str>, processor: &mut Vec<&'a str>) {
    for m in COMPANY.captures_iter(text) {
        let (Some(name), Some(whole)) = (m.name("name"), m.get(0)) else { continue };
        let after = &text[whole.end()..text.floor_char_boundary(whole.end() + 120)];
        let after = COMPANY.find(after).map_or(after, |next| &after[..next.start()]);
        let role = [(&CONTROLLER, true), (&PROCESSOR, false)]
            .into_iter()
            .filter_map(|(re, is_controller)| re.find(after).map(|f| (f.start(), is_controller)))
            .min();
        let words = name.as_str().split_whitespace().filter(|w| w.chars().count() >= 4);
        match role {
            Some((_, true)) => controller.extend(words),
            Some((_, false)) => processor.extend(words),
            None if title => processor.extend(words),
            None => {}
        }
    }
}

/// "Verwerkingsverantwoordelijke (\"Accountant\")", "Auftraggeber – nachfolgend „Kanzlei“": the
/// controller's own name in the contract, capitalised, in quotes.
static CONTROLLER_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r#"(?i:{CONTROLLER_ROLE})\W{{0,6}}(?i:{HEREINAFTER})?\s*["“„«]([\p{{Lu}}][\p{{L}}&-]{{2,30}})["”“»]"#
    );
    Regex::new(&pattern).expect("valid controller name pattern")
});

/// "hierna: de Vereniging (verwerkingsverantwoordelijke in de zin van de AVG)": the name the
/// contract gives the controller, then its role in brackets.
static NAMED_THEN_CONTROLLER: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r#"(?i:{HEREINAFTER})\W{{0,4}}(?i:de |het |der |die |il |la |the )?["“„«]?([\p{{Lu}}][\p{{L}}&-]{{2,30}})["”“»]?\s*\(\s*(?i:{CONTROLLER_ROLE})"#
    );
    Regex::new(&pattern).expect("valid controller name pattern")
});

/// "tussen de zaak (“verwerkingsverantwoordelijke”) en Loyi": a common noun the contract calls the
/// controller, defined by its role in quotes in brackets after it.
static NOUN_THEN_QUOTED_CONTROLLER: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r#"\b(?i:de|het|der|die|den|dem|il|la|lo|the)\s+([\p{{L}}][\p{{L}}&-]{{2,30}})\s*\(\s*["“„«](?i:{CONTROLLER_ROLE})["”“»]\s*\)"#
    );
    Regex::new(&pattern).expect("valid controller name pattern")
});

/// "Titolare del trattamento: il merchant, cioè …", "Personuppgiftsansvarig: Kunden": the noun
/// a label gives the controller, at the start of a line.
static LABELLED_CONTROLLER: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?m)^[^\p{{L}}\n]{{0,4}}(?i:{CONTROLLER_ROLE})[^\p{{L}}\n]{{0,4}}:[^\p{{L}}\n]{{0,4}}(?:(?i:il|la|lo|l'|l’|de|het|der|die|den|the)\s+([\p{{L}}][\p{{L}}-]{{2,30}})|([\p{{Lu}}][\p{{L}}-]{{2,30}}))"
    );
    Regex::new(&pattern).expect("valid labelled controller pattern")
});

/// Nouns too general to stand for one party: a label giving "la società che utilizza il
/// servizio" names no word to read as the controller elsewhere.
const GENERIC_NOUNS: [&str; 16] = [
    "società",
    "azienda",
    "impresa",
    "soggetto",
    "persona",
    "company",
    "person",
    "unternehmen",
    "firma",
    "gesellschaft",
    "bedrijf",
    "organisatie",
    "onderneming",
    "persoon",
    "företaget",
    "bolaget",
];

fn labelled_controller(text: &str) -> impl Iterator<Item = &str> {
    LABELLED_CONTROLLER
        .captures_iter(text)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)))
        .map(|m| m.as_str())
        .filter(|noun| !GENERIC_NOUNS.contains(&noun.to_lowercase().as_str()))
}

/// "Verwerkingsverantwoordelijke: [Klantnaam], gevestigd te [adres], hierna \"Klant\"": the
/// name given further along the lines that introduce the controller (an address block, "Hierna
/// te noemen: \"de Gemeente\""), no other party between.
static CONTROLLER_NAMED_LATER: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r#"(?i:{CONTROLLER_ROLE})([\s\S]{{0,160}}?)(?i:{HEREINAFTER})\s*["“„«](?i:de |het |der |die |il |la |the )?([\p{{Lu}}][\p{{L}}&-]{{2,30}})["”“»]"#
    );
    Regex::new(&pattern).expect("valid controller name pattern")
});

fn controller_named_later(text: &str) -> impl Iterator<Item = &str> {
    CONTROLLER_NAMED_LATER
        .captures_iter(text)
        .filter(|c| c.get(1).is_some_and(|between| !PROCESSOR.is_match(between.as_str())))
        .filter_map(|c| c.get(2))
        .map(|m| m.as_str())
}

/// The words that name the controller's role, and those that introduce a name a contract gives.
const CONTROLLER_ROLE: &str = r"verwerkingsverantwoordelijke|auftraggeber|verantwortliche[rn]?|titolare(?: del trattamento)?|personuppgiftsansvarig\w*|controller";
const HEREINAFTER: &str =
    r"hierna(?: te noemen)?:?|nachfolgend|im folgenden|di seguito|nedan kallad|hereinafter";

/// A party's name words, found as whole words, case-insensitive, also in the genitive
/// ("Datavakts"). Plain string search: a regex compiled per document cost more than the search.
pub(crate) struct Names(Vec<String>);

fn names_of(words: &[&str]) -> Option<Names> {
    let mut words: Vec<String> = words
        .iter()
        .filter(|w| !CONTROLLER.is_match(w) && !PROCESSOR.is_match(w))
        .map(|w| w.to_lowercase())
        .collect();
    words.sort();
    words.dedup();
    (!words.is_empty()).then_some(Names(words))
}

impl Names {
    /// Whether the text names the party.
    pub(crate) fn in_text(&self, s: &str) -> bool {
        self.spans(&s.to_lowercase()).next().is_some()
    }

    /// The lowercased text with each of the party's names written as `role`, or `None` when it
    /// names the party nowhere.
    pub(crate) fn read_as(&self, s: &str, role: &str) -> Option<String> {
        let text = s.to_lowercase();
        let mut spans: Vec<(usize, usize)> = self.spans(&text).collect();
        if spans.is_empty() {
            return None;
        }
        spans.sort_unstable();
        let mut read = String::with_capacity(text.len());
        let mut at = 0;
        for (start, end) in spans {
            if start < at {
                continue;
            }
            read.push_str(&text[at..start]);
            read.push_str(role);
            at = end;
        }
        read.push_str(&text[at..]);
        Some(read)
    }

    /// Where the names stand in a lowercased text, as whole words (a genitive "s" allowed).
    fn spans<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
        let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        self.0.iter().flat_map(move |word| {
            text.match_indices(word.as_str()).filter_map(move |(at, _)| {
                let end = at + word.len();
                let rest = &text[end..];
                let ends = boundary(rest.chars().next())
                    || rest.strip_prefix('s').is_some_and(|r| boundary(r.chars().next()));
                (boundary(text[..at].chars().next_back()) && ends).then_some((at, end))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companies_and_names_of_their_own_tell_the_parties() {
        let parties = Parties::of([
            "Avtal mellan Kundbolaget AB (personuppgiftsansvarig) och Datavakt Sverige AB (biträde).",
            "Verwerkingsverantwoordelijke (\"Accountant\") en Verwerker.",
        ]);
        let controller = parties.controller.unwrap();
        assert!(controller.in_text("Kostnaden bärs av Kundbolaget."));
        assert!(controller.in_text("De Accountant meldt het lek."));
        assert!(!controller.in_text("Kundbolagetsson"), "whole words only");
        assert!(parties.processor.unwrap().in_text("Datavakts kostnader"), "a genitive too");
        let read = controller.read_as("De Accountant is verantwoordelijk.", "verantwoordelijke");
        assert_eq!(read.as_deref(), Some("de verantwoordelijke is verantwoordelijk."));
    }

    #[test]
    fn a_heading_on_the_controllers_own_obligations() {
        assert!(names_controller_duties("§ 5 Pflichten des Auftraggebers"));
        assert!(!names_controller_duties("§ 6 Pflichten des Auftragnehmers"));
    }

    #[test]
    fn the_named_controller_pattern_runs_on_the_lazy_dfa() {
        crate::boundary::assert_lazy_dfa([
            &*CONTROLLER_NAMED,
            &*NAMED_THEN_CONTROLLER,
            &*LABELLED_CONTROLLER,
            &*CONTROLLER_NAMED_LATER,
        ]);
    }

    #[test]
    fn a_label_or_a_name_further_along_the_line_names_the_controller() {
        let cases = [
            (
                "Titolare del trattamento: il merchant, cioè il soggetto intestatario del negozio.",
                "Il merchant può opporsi.",
            ),
            (
                "Verwerkingsverantwoordelijke: de school, gevestigd te Utrecht.",
                "De school mag bezwaar maken.",
            ),
            ("Personuppgiftsansvarig: Föreningen, org.nr [ORG.NR].", "Föreningen får invända."),
            ("Verantwortlicher: der Verein, vertreten durch den Vorstand.", "Der Verein kann widersprechen."),
            (
                "Verwerkingsverantwoordelijke: [Klantnaam], gevestigd te [adres], hierna \"Vereniging\".",
                "De Vereniging mag bezwaar maken.",
            ),
            ("Controller: [Name], hereinafter \"Client\".", "The Client may object."),
            (
                "Verwerkingsverantwoordelijke:\n[NAAM GEMEENTE]\n[ADRES]\nHierna te noemen: \"de Gemeente\"",
                "De Gemeente mag bezwaar maken.",
            ),
        ];
        for (label, later) in cases {
            let controller = Parties::of([label]).controller;
            assert!(controller.is_some_and(|c| c.in_text(later)), "{label}");
        }
        // A general noun names no one; a name given after the processor is the processor's.
        assert!(Parties::of(["Titolare del trattamento: la società che utilizza il servizio."])
            .controller
            .is_none());
        assert!(Parties::of(["Verwerkingsverantwoordelijke en Verwerker X B.V., hierna \"Leverancier\"."])
            .controller
            .is_none());
    }

    #[test]
    fn a_name_given_before_the_role_is_the_controllers() {
        let parties = Parties::of([
            "1. Stichting Veldhuis, gevestigd te Zwolle, hierna: de Stichting (verwerkingsverantwoordelijke);",
            "Il Cliente, di seguito «Ente» (titolare del trattamento).",
        ]);
        let controller = parties.controller.unwrap();
        assert!(controller.in_text("De melding blijft de taak van de Stichting."));
        assert!(controller.in_text("L'Ente notifica la violazione."));
        assert!(Parties::of(["hierna: de Leverancier (verwerker)."]).controller.is_none());
    }
}
