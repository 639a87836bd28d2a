//! Issue 11, items 4 and 5: drawing a note and printing its findings cost
//! in proportion to the note, for notes up to 100 KB. Measured by counting
//! steps and bytes, never by the clock (CI machines are slow and shared).

use clap::Parser;
use proptest::prelude::*;
use statusnote::cli::{Cli, Command};
use statusnote::engine::Engine;
use statusnote::note::{Lang, Status};
use statusnote::tui::theme::Theme;
use statusnote::tui::widget::highlight::note_lines_counted;

/// Pieces dense in findings (vague time words, hedges, slash lists), and
/// plain filler; newlines are rare, so most notes are one long line.
fn piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("現在"),
        Just("まだ"),
        Just("currently "),
        Just("soon "),
        Just("might "),
        Just("likely "),
        Just("cost/budget/timing "),
        Just("the proxy drops traffic "),
        Just("ファイアウォールが転送しないため、"),
        Just("e\u{301}"),
        Just("\u{1b}[2J"),
        Just("\n"),
    ]
}

/// A note of about `size` bytes built from the pieces.
fn note(size: usize, pieces: &[&str]) -> String {
    let mut s = String::with_capacity(size + 64);
    let mut i = 0;
    while s.len() < size {
        s.push_str(pieces[i % pieces.len()]);
        i += 1;
    }
    s
}

fn lint_text_output(note: &str) -> usize {
    let cli = Cli::parse_from(["statusnote", "lint", "--status", "blocked"]);
    let Some(Command::Lint(args)) = cli.command else { panic!("not lint") };
    let mut out = Vec::new();
    let mut err = Vec::new();
    statusnote::cli::lint(&args, &statusnote::cli::LintEnv::builtin(), &mut note.as_bytes(), &mut out, &mut err)
        .unwrap();
    out.len()
}

/// Item 4: a 100 KB note full of findings draws in steps proportional to
/// its length (the per-character scan took findings x characters).
#[test]
fn drawing_a_100kb_note_is_linear() {
    let text = note(100 * 1024, &["現在", "currently ", "soon ", "cost/budget "]);
    let report = Engine::builtin().lint(&text, Some(Status::Blocked), Lang::detect(&text));
    assert!(report.findings.len() > 2_000, "the note must be dense in findings: {}", report.findings.len());
    let (lines, work) = note_lines_counted(&text, &report.findings, &Theme::new(false), 78);
    assert!(!lines.is_empty());
    assert!(work <= 4 * text.len(), "{work} steps for {} bytes", text.len());
}

/// Item 5: a one-line 100 KB note printed the whole line under every
/// finding (113 MB); the excerpt is a window around the span.
#[test]
fn linting_a_one_line_100kb_note_prints_a_window_per_finding() {
    let text = note(100 * 1024, &["currently ", "the proxy drops traffic "]);
    let out = lint_text_output(&text);
    assert!(out < 40 * text.len(), "{out} bytes of output for {} bytes of note", text.len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any note up to 100 KB: drawing steps and lint output grow no faster
    /// than the note (with a constant per finding, which is bounded by the
    /// note's length too).
    #[test]
    fn cost_stays_linear_up_to_100kb(pieces in prop::collection::vec(piece(), 1..8), kb in 1usize..=100) {
        let text = note(kb * 1024, &pieces);
        let engine = Engine::builtin();
        let report = engine.lint(&text, Some(Status::Blocked), Lang::detect(&text));
        let (_, work) = note_lines_counted(&text, &report.findings, &Theme::new(true), 60);
        prop_assert!(work <= 4 * text.len() + 64, "{} steps for {} bytes", work, text.len());
        let out = lint_text_output(&text);
        // Each finding prints a head line and a window of at most 72 columns
        // (a few hundred bytes); findings are at least two bytes apart.
        prop_assert!(out <= 400 * text.len() + 4096, "{} bytes out for {} in", out, text.len());
        let per_finding = out / report.findings.len().max(1);
        prop_assert!(per_finding < 2048, "{} bytes per finding", per_finding);
    }
}
