//! `ui/src/generated/api.ts` holds the TypeScript types of every DTO the app receives or sends,
//! derived from the Rust definitions (ts-rs). Run with `--features ts` (the test script does):
//! the test fails when the file is stale; `CONCORDIA_WRITE_GENERATED=1` writes it instead.
#![cfg(feature = "ts")]

use concordia_core::api::*;
use concordia_core::bookmarks::BookmarkImport;
use concordia_core::{ErrorCode, Template};
use ts_rs::{Config, TS};

#[path = "common/generated.rs"]
mod generated;

/// Every type the UI names, dependencies included (tsc fails on a type left out).
fn declarations(cfg: &Config) -> Vec<String> {
    vec![
        <serde_json::Value as TS>::decl(cfg),
        DocId::decl(cfg),
        ClauseId::decl(cfg),
        BookmarkId::decl(cfg),
        CorrectionId::decl(cfg),
        ErrorCode::decl(cfg),
        Template::decl(cfg),
        concordia_legal::ClauseKind::decl(cfg),
        concordia_legal::TermKind::decl(cfg),
        concordia_align::Fix::decl(cfg),
        concordia_store::BookmarkStatus::decl(cfg),
        concordia_legal::Requirement::decl(cfg),
        concordia_legal::Status::decl(cfg),
        ImportStatus::decl(cfg),
        ImportOutcome::decl(cfg),
        ImportReport::decl(cfg),
        Task::decl(cfg),
        ProgressEvent::decl(cfg),
        LibraryInfo::decl(cfg),
        DocumentSummary::decl(cfg),
        concordia_store::DocumentOrder::decl(cfg),
        LibraryQuery::decl(cfg),
        LanguageCount::decl(cfg),
        LibraryPage::decl(cfg),
        Review::decl(cfg),
        ChecklistItem::decl(cfg),
        PositionResult::decl(cfg),
        PlaybookReview::decl(cfg),
        PositionReview::decl(cfg),
        PositionJudgement::decl(cfg),
        RequirementReview::decl(cfg),
        PortfolioSort::decl(cfg),
        PortfolioQuery::decl(cfg),
        PortfolioPage::decl(cfg),
        PortfolioRow::decl(cfg),
        PortfolioTerm::decl(cfg),
        ResultCounts::decl(cfg),
        concordia_core::playbook::PlaybookInfo::decl(cfg),
        TopicView::decl(cfg),
        TopicInfo::decl(cfg),
        ClauseView::decl(cfg),
        DocumentView::decl(cfg),
        SearchRequest::decl(cfg),
        SearchHit::decl(cfg),
        SearchResults::decl(cfg),
        TermView::decl(cfg),
        Verdict::decl(cfg),
        ComparedDocument::decl(cfg),
        RowStatus::decl(cfg),
        RedlineOp::decl(cfg),
        RedlineSegment::decl(cfg),
        CrossReference::decl(cfg),
        AlignedCell::decl(cfg),
        AlignedRow::decl(cfg),
        MatrixCell::decl(cfg),
        MatrixRow::decl(cfg),
        CorrectionView::decl(cfg),
        CorrectionRequest::decl(cfg),
        Comparison::decl(cfg),
        BookmarkView::decl(cfg),
        BookmarkFilter::decl(cfg),
        BookmarkImport::decl(cfg),
    ]
}

/// An id newtype is a number the compiler keeps apart: `DocId` where a `BookmarkId` is wanted
/// fails to compile, as it does in Rust.
fn branded(decl: &str) -> String {
    for id in ["DocId", "ClauseId", "BookmarkId", "CorrectionId"] {
        if decl == format!("type {id} = number;") {
            return format!("type {id} = number & {{ readonly __brand: \"{id}\" }};");
        }
    }
    decl.to_owned()
}

#[test]
fn the_ui_types_are_generated_from_the_rust_dtos() {
    // Ids and counts are numbers in JavaScript: none comes near 2^53.
    let cfg = Config::new().with_large_int("number");
    let mut want = String::from(
        "// Generated from the Rust DTOs (crates/core/src/api.rs and the enums they use) by\n\
         // crates/core/tests/ts_types.rs: do not edit. Regenerate:\n\
         // CONCORDIA_WRITE_GENERATED=1 cargo test -p concordia-core --features ts --test ts_types\n",
    );
    for decl in declarations(&cfg) {
        want.push_str("\nexport ");
        want.push_str(&branded(&decl));
        want.push('\n');
    }
    generated::generated(
        "src/generated/api.ts",
        &want,
        "cargo test -p concordia-core --features ts --test ts_types",
    );
}
