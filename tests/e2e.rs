//! End to end through the real app: tauri-driver + WebKitWebDriver drive the
//! built `concordia-app` binary in a real WebKitGTK window (run under Xvfb).
//!
//! Starting from an empty library it imports a document by typing its path,
//! searches, clicks the hit, and checks the clause is focused and highlighted.

mod common;

use std::path::PathBuf;

use common::{click, count, has_display, screenshot, session, start_driver, wait_for, wait_for_text};
use fantoccini::{Client, Locator};

/// Ports of tauri-driver and its WebKitWebDriver; each test has its own pair, as tests run in parallel.
const PORTS: [(u16, u16); 4] = [(4454, 4455), (4464, 4465), (4474, 4475), (4514, 4515)];

#[tokio::test]
async fn import_search_and_open_a_clause_in_the_real_app() {
    if !has_display() {
        return;
    }
    let data_dir = tempfile::tempdir().expect("temp data dir");
    let sample =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/nl-polderdata-verwerkersovereenkomst.txt");
    let _driver = start_driver(data_dir.path(), PORTS[0]);
    let client = session(PORTS[0].0).await;

    wait_for_text(&client, ".empty h2", "Your library is empty").await;
    // The field outlives the redraws of start-up, so typing into the one found reaches the import.
    let input = wait_for(&client, "#import-path").await;
    input.send_keys(&format!("{}\u{E007}", sample.display())).await.expect("type the path");
    let summary = wait_for_text(&client, ".import-summary", "imported").await;
    assert!(summary.starts_with("1 imported"), "{summary}");
    let row = wait_for_text(&client, "table.docs tbody tr", "Polderdata").await;
    assert!(row.contains("NL"), "language label shown: {row}");

    client.find(Locator::Css("#q")).await.unwrap().send_keys("aansprakelijk").await.unwrap();
    let hit = wait_for(&client, "li.hit").await;
    let marks = client.find_all(Locator::Css("li.hit mark")).await.unwrap();
    assert!(!marks.is_empty(), "the snippet marks the matched words");
    assert!(hit.text().await.unwrap().contains("Artikel 8 Aansprakelijkheid"));
    hit.click().await.unwrap();

    let focused = wait_for(&client, "article.clause.focused").await;
    let text = focused.text().await.unwrap();
    assert!(text.contains("Artikel 8 Aansprakelijkheid"), "{text}");
    let marked = focused.find_all(Locator::Css("mark")).await.unwrap();
    let mut words = Vec::new();
    for m in &marked {
        words.push(m.text().await.unwrap().to_lowercase());
    }
    assert!(words.iter().all(|w| w.starts_with("aansprakelijk")), "{words:?}");
    assert!(words.len() >= 2, "heading and body both highlighted: {words:?}");

    screenshot(&client, "e2e-document.png").await;

    // Bookmark the clause with a note and tags; the Bookmarks view lists it and leads back.
    focused.find(Locator::Css(".bookmark-btn")).await.unwrap().click().await.unwrap();
    let note = wait_for(&client, "article.clause.focused .bookmark-note-input").await;
    note.send_keys("Cap too low — “€5.000” für alle Schäden").await.unwrap();
    let tags = client.find(Locator::Css(".bookmark-tags-input")).await.unwrap();
    tags.send_keys("liability, negotiate").await.unwrap();
    client.find(Locator::Css(".bookmark-editor button[type=submit]")).await.unwrap().click().await.unwrap();
    wait_for_text(&client, "article.clause.focused .bookmark-btn.on", "Bookmarked").await;
    client.find(Locator::Css("nav button:nth-child(4)")).await.unwrap().click().await.unwrap();
    let item = wait_for_text(&client, "li.bookmark", "Cap too low").await;
    assert!(item.contains("Artikel 8 Aansprakelijkheid") && item.contains("#negotiate"), "{item}");
    screenshot(&client, "e2e-bookmarks.png").await;
    client.find(Locator::Css("li.bookmark .bookmark-head a")).await.unwrap().click().await.unwrap();
    let back = wait_for(&client, "article.clause.focused").await;
    assert!(back.text().await.unwrap().contains("Artikel 8 Aansprakelijkheid"));
    client.close().await.unwrap();
}

/// Ticks every document in the library and opens Compare.
async fn open_compare(client: &Client, documents: usize) {
    for k in 0..documents {
        // Each tick re-renders the table: find the box afresh.
        let boxes = client.find_all(Locator::Css("input.pick")).await.unwrap();
        boxes[k].click().await.unwrap();
    }
    wait_for_text(client, "#compare-go", &format!("Compare {documents}")).await;
    client.find(Locator::Css("#compare-go")).await.unwrap().click().await.unwrap();
    wait_for(client, "table.matrix").await;
}

#[tokio::test]
async fn compare_three_documents_show_a_quote_and_keep_a_correction_after_restart() {
    if !has_display() {
        return;
    }
    let data_dir = tempfile::tempdir().expect("temp data dir");
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    let nl = {
        let library = concordia_core::Library::open(data_dir.path()).unwrap();
        let files =
            ["de-alpenwerk-avv.txt", "it-laguna-dpa.html", "nl-polderdata-verwerkersovereenkomst.txt"];
        let report =
            library.import(&files.map(|f| samples.join(f)), &concordia_core::Progress::none()).unwrap();
        report.outcomes[2].id.unwrap()
    };
    let _driver = start_driver(data_dir.path(), PORTS[1]);
    let client = session(PORTS[1].0).await;
    wait_for_text(&client, "table.docs tbody", "Polderdata").await;
    open_compare(&client, 3).await;

    // The matrix: the Dutch breach notice, clicked, shows its quote marked in the aligned clause.
    let breach = format!(
        "//table[contains(@class,'matrix')]//tr[th='Breach notification']/td[@data-doc='{nl}']/button"
    );
    let cell = client.find(Locator::XPath(&breach)).await.expect("the Dutch breach-notice cell");
    screenshot(&client, "e2e-compare-matrix.png").await;
    // textContent: WebKitWebDriver leaves ellipsised text out of an element's visible text.
    let verdict = cell.prop("textContent").await.unwrap().unwrap_or_default();
    assert!(verdict.contains("24 hours"), "{verdict}");
    cell.click().await.unwrap();
    // The quote is marked; the value inside it keeps its own highlight.
    let quote = wait_for(&client, "mark.quote").await.text().await.unwrap();
    assert!(quote.starts_with("Verwerker informeert"), "the quote is marked in the text: {quote}");
    let value = wait_for(&client, ".atext.focused mark.kt-value").await.text().await.unwrap();
    assert_eq!(value, "24 uur", "the value is highlighted within the quote");
    screenshot(&client, "e2e-compare.png").await;

    // Correct one link: the Dutch breach clause, now in view, is not equivalent.
    let absent = format!(".acell.absent[data-doc='{nl}']");
    let before = count(&client, &absent).await;
    let unlink =
        format!("//div[contains(@class,'acell') and @data-doc='{nl}'][.//mark[contains(@class,'quote')]]//button[text()='Not equivalent']");
    client.find(Locator::XPath(&unlink)).await.unwrap().click().await.unwrap();
    wait_for_text(&client, ".corrections summary", "Your corrections (1)").await;
    let after = count(&client, &absent).await;
    assert_eq!(after, before + 1, "the row the clause left now shows it as not addressed");
    client.close().await.unwrap();

    // Restart the app on the same library: the correction is still honoured.
    let client = session(PORTS[1].0).await;
    wait_for_text(&client, "table.docs tbody", "Polderdata").await;
    open_compare(&client, 3).await;
    wait_for_text(&client, ".corrections summary", "Your corrections (1)").await;
    assert_eq!(count(&client, &absent).await, after, "the same rows after a restart");
    screenshot(&client, "e2e-compare-restarted.png").await;
    client.close().await.unwrap();
}

/// Four real DPAs of four languages (../shared/real): the breach-notification clauses of all
/// four sit in one row, and the links show how sure they are.
#[tokio::test]
async fn four_real_dpas_of_four_languages_meet_topic_by_topic() {
    if !has_display() {
        return;
    }
    let Some(real) = real_docs() else { return };
    let data_dir = tempfile::tempdir().expect("temp data dir");
    {
        let library = concordia_core::Library::open(data_dir.path()).unwrap();
        let files = ["de-billcraft-avv.md", "it-otium-dpa.md", "nl-ascentra-vwo.md", "sv-akaren-pub.md"];
        let report = library.import(&files.map(|f| real.join(f)), &concordia_core::Progress::none()).unwrap();
        assert!(report.outcomes.iter().all(|o| o.id.is_some()));
    }
    let _driver = start_driver(data_dir.path(), PORTS[2]);
    let client = session(PORTS[2].0).await;
    wait_for_text(&client, "table.docs tbody", "sv-akaren-pub.md").await;
    open_compare(&client, 4).await;
    screenshot(&client, "e2e-real-matrix.png").await;

    let cell_of = |text: &str| format!("//div[contains(@class,'acell')][contains(., '{text}')]");
    let german =
        client.find(Locator::XPath(&cell_of("Meldepflicht bei Datenschutzverletzungen"))).await.unwrap();
    let row = german.attr("data-row").await.unwrap().expect("cells carry their row");
    let element = serde_json::to_value(&german).unwrap();
    client.execute("arguments[0].scrollIntoView({block: 'start'})", vec![element]).await.unwrap();
    for other in ["Notifica di data breach", "Datalekken", "INCIDENTHANTERING"] {
        let cell = client.find(Locator::XPath(&cell_of(other))).await.unwrap();
        assert_eq!(
            cell.attr("data-row").await.unwrap().as_deref(),
            Some(row.as_str()),
            "{other} beside the German clause"
        );
    }
    let sure = client.find(Locator::Css(&format!(".acell[data-row='{row}'] .acell-conf"))).await.unwrap();
    let shown = sure.prop("textContent").await.unwrap().unwrap_or_default();
    assert!(shown.is_empty() || shown.ends_with("% sure"), "{shown}");
    screenshot(&client, "e2e-real-rows.png").await;

    // Åkaren has no transfer clause of its own: its sub-processor list says where data go, and
    // the empty cell of the transfers row says so instead of "not addressed".
    let xref = client
        .find(Locator::XPath("//div[contains(@class,'xref-head')][contains(., 'dealt with in 6.1')]"))
        .await
        .unwrap();
    let text = xref.prop("textContent").await.unwrap().unwrap_or_default();
    assert!(text.starts_with("No clause of its own: dealt with in 6.1, shown under "), "{text}");
    let element = serde_json::to_value(&xref).unwrap();
    client.execute("arguments[0].scrollIntoView({block: 'center'})", vec![element]).await.unwrap();
    let cell = client
        .find(Locator::XPath("//div[contains(@class,'acell')][.//div[contains(., 'dealt with in 6.1')]]"))
        .await
        .unwrap();
    cell.find(Locator::Css(".xref summary")).await.unwrap().click().await.unwrap();
    let shown = cell.find(Locator::Css(".xref-text")).await.unwrap().text().await.unwrap();
    assert!(shown.contains("standardavtalsklausuler"), "the clause itself, on demand: {shown}");
    screenshot(&client, "e2e-real-xref.png").await;

    // The recommended playbook as the reference: its positions in a column, each value judged.
    let choose = "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change'));";
    client.execute(choose, vec!["#reference".into(), "playbook:recommended".into()]).await.unwrap();
    // WebDriver reads only what is in view: back to the matrix at the top.
    let top = "document.querySelector('#main').scrollTop = 0; window.scrollTo(0, 0);";
    client.execute(top, vec![]).await.unwrap();
    // WebKitWebDriver reads the position cells' rendered text as empty: read their text instead.
    let head = wait_for(&client, "table.matrix th.position").await;
    assert_eq!(head.prop("textContent").await.unwrap().as_deref(), Some("Playbook: Recommended"));
    let breach = "//table[contains(@class,'matrix')]//tr[th[contains(., 'Breach')]]";
    let position =
        client.find(Locator::XPath(&format!("{breach}/td[contains(@class,'position')]"))).await.unwrap();
    let position = position.prop("textContent").await.unwrap().unwrap_or_default();
    assert_eq!(position, "acceptable: ≤ 48h; negotiable: ≤ 72h");
    let billcraft = client
        .find(Locator::XPath(&format!("{breach}/td[@data-doc='1']//span[@class='v-word']")))
        .await
        .unwrap();
    let word = billcraft.prop("textContent").await.unwrap().unwrap_or_default();
    assert_eq!(word, "acceptable", "BillCraft's 24 hours is within 48");
    screenshot(&client, "e2e-real-playbook-matrix.png").await;

    // The same comparison in Dutch: the interface's words, the key-term names and the values.
    let pick = "const s = document.querySelector('#ui-lang'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));";
    client.execute(pick, vec![serde_json::json!("nl")]).await.unwrap();
    wait_for_text(&client, "nav", "Bibliotheek").await;
    wait_for_text(&client, "table.matrix", "Melding van datalekken").await;
    let dutch = "//table[contains(@class,'matrix')]//tr[th[contains(., 'datalekken')]]/td[contains(@class,'position')]";
    let position = client.find(Locator::XPath(dutch)).await.unwrap();
    let position = position.prop("textContent").await.unwrap().unwrap_or_default();
    assert_eq!(position, "aanvaardbaar: ≤ 48h; onderhandelbaar: ≤ 72h", "the positions in Dutch too");
    client.execute(top, vec![]).await.unwrap();
    screenshot(&client, "e2e-real-dutch.png").await;
    client.execute(pick, vec![serde_json::json!("sv")]).await.unwrap();
    wait_for_text(&client, "nav", "Bibliotek").await;
    wait_for_text(&client, "table.matrix", "Anmälan av incident").await;
    client.execute(top, vec![]).await.unwrap();
    screenshot(&client, "e2e-real-swedish.png").await;
    client.close().await.unwrap();
}

/// Real DPAs in the real app, as a reviewer works: a German one's Art. 28 checklist beside the
/// text, a requirement it lacks said so, a met one's source marked; a playbook chosen changes
/// the review; the portfolio of 50+ documents follows the playbook and exports as CSV.
#[tokio::test]
async fn a_real_dpa_is_reviewed_and_the_portfolio_exported() {
    if !has_display() {
        return;
    }
    let Some(real) = real_docs() else { return };
    let data_dir = tempfile::tempdir().expect("temp data dir");
    let copies = data_dir.path().join("copies");
    let documents = copies_of(&real, &copies, 3);
    assert!(documents >= 50, "{documents} documents");
    {
        let library = concordia_core::Library::open(&data_dir.path().join("lib")).unwrap();
        // BillCraft first, so it is the first row.
        let first =
            library.import(&[real.join("de-billcraft-avv.md")], &concordia_core::Progress::none()).unwrap();
        assert!(first.outcomes[0].id.is_some());
        let report =
            library.import(std::slice::from_ref(&copies), &concordia_core::Progress::none()).unwrap();
        assert!(report.outcomes.iter().all(|o| o.id.is_some()));
    }
    let _driver = start_driver(&data_dir.path().join("lib"), PORTS[3]);
    let client = session(PORTS[3].0).await;
    wait_for_text(&client, "table.docs tbody tr td.title", "Auftragsverarbeitungsvertrag (AVV)").await;
    click(&client, "table.docs tbody tr td.title a").await;
    let tab = ".side-tabs .side-tab:nth-child(2)";
    let label = wait_for_text(&client, tab, "/18)").await;
    assert!(label.starts_with("Art. 28 (") && label.ends_with("/18)"), "the tab counts what is met: {label}");
    click(&client, tab).await;
    wait_for(&client, ".checklist li").await;
    let items = client.find_all(Locator::Css(".checklist li")).await.unwrap();
    assert_eq!(items.len(), 18, "every requirement of Art. 28");
    // BillCraft says nothing of its liability for its sub-processors.
    let lacking = "li[data-requirement='subprocessor_liability'] .req-status";
    assert_eq!(wait_for(&client, lacking).await.text().await.unwrap(), "missing");
    let breach =
        client.find(Locator::Css("li[data-requirement='breach_notification'] button")).await.unwrap();
    // The side panel scrolls on its own: bring the item into view as a reader would.
    let element = serde_json::to_value(&breach).unwrap();
    client.execute("arguments[0].scrollIntoView({block: 'center'})", vec![element]).await.unwrap();
    breach.click().await.unwrap();
    let marked = wait_for(&client, "article.clause.focused mark.hit").await.text().await.unwrap();
    assert!(marked.contains("Verletzung des Schutzes"), "the deciding sentence is marked: {marked}");
    screenshot(&client, "e2e-real-checklist.png").await;

    // A playbook: the review now says where each key term stands.
    let choose = "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change'));";
    client.execute(choose, vec![".playbook-head select".into(), "recommended".into()]).await.unwrap();
    let breach_position = wait_for(&client, ".positions li[data-position='breach_notice'] .res-word").await;
    assert_eq!(breach_position.text().await.unwrap(), "acceptable", "24 hours is within 48 hours");
    let must = wait_for_text(&client, ".positions", "Must-haves not met").await;
    assert!(must.contains("Must-haves not met"), "{must}");
    let element = serde_json::to_value(&breach_position).unwrap();
    client.execute("arguments[0].scrollIntoView({block: 'center'})", vec![element]).await.unwrap();
    screenshot(&client, "e2e-real-playbook.png").await;
    client.execute(choose, vec!["#ui-lang".into(), "de".into()]).await.unwrap();
    wait_for_text(&client, ".checklist", "Checkliste DSGVO Art. 28").await;
    wait_for_text(&client, "li[data-requirement='subprocessor_liability']", "fehlt").await;
    let top = "document.querySelector('.side').scrollTop = 0;";
    client.execute(top, vec![]).await.unwrap();
    screenshot(&client, "e2e-real-checklist-de.png").await;
    client.execute(choose, vec!["#ui-lang".into(), "en".into()]).await.unwrap();

    // The portfolio: every document, held against the same playbook.
    wait_for_text(&client, "nav", "Portfolio").await;
    let nav = client.find(Locator::XPath("//nav/button[text()='Portfolio']")).await.unwrap();
    nav.click().await.unwrap();
    let shown = wait_for_text(&client, ".portfolio [role=status]", "documents").await;
    assert_eq!(shown, format!("{n} of {n} documents", n = documents + 1));
    let judged = client.find_all(Locator::Css(".portfolio-table td.results")).await.unwrap();
    assert_eq!(judged.len(), documents + 1, "every row held against the playbook");
    screenshot(&client, "e2e-real-portfolio.png").await;
    // Exported through the command the save dialog's path goes to.
    let out = data_dir.path().join("portfolio.csv");
    let export = "const done = arguments[arguments.length - 1];
        window.__TAURI__.core.invoke('save_portfolio', { query: { conditions: [], playbook: 'recommended', sort: 'imported', descending: false, offset: 0, limit: 0 }, lang: 'de', path: arguments[0] })
          .then(() => done('ok'), (e) => done(JSON.stringify(e)));";
    let said = client.execute_async(export, vec![out.display().to_string().into()]).await.unwrap();
    assert_eq!(said, "ok");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().count(), documents + 2, "a heading and a line per document");
    assert!(csv.lines().next().unwrap().contains("Meldung von Verletzungen"), "German headings");
    client.close().await.unwrap();
}

/// `times` copies of every real DPA, each made its own by a line, so a library holds 50+.
fn copies_of(real: &std::path::Path, dir: &std::path::Path, times: usize) -> usize {
    std::fs::create_dir_all(dir).unwrap();
    let mut n = 0;
    for entry in std::fs::read_dir(real).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        for k in 0..times {
            std::fs::write(dir.join(format!("{name}-{k}.md")), format!("{text}\n\nKopie {k}.\n")).unwrap();
            n += 1;
        }
    }
    n
}

/// `../shared/real/docs`, or `None` (with a message) when it is absent; in CI it must be there.
fn real_docs() -> Option<PathBuf> {
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/real/docs");
    if real.is_dir() {
        return Some(real);
    }
    assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{} is missing in CI", real.display());
    eprintln!("e2e skipped: {} not found", real.display());
    None
}
