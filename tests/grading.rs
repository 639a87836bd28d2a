//! Every labelled note is graded as labelled: the seed guidance's own
//! examples, our English renderings of its five situations and two common
//! mistakes, and our own notes across statuses and workloads.

use statusnote::engine::Engine;
use statusnote::note::{Grade, Lang};

struct Row {
    lang: Lang,
    id: String,
    status: String,
    grade: Grade,
    note: String,
}

fn load(path: &str) -> Vec<Row> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("lang\tid\tstatus\tgrade\tnote"), "{path}: header");
    lines
        .map(|l| {
            let f: Vec<&str> = l.splitn(5, '\t').collect();
            assert!(f.len() >= 4, "{path}: short row {l:?}");
            Row {
                lang: Lang::from_code(f[0]).expect("lang"),
                id: f[1].to_string(),
                status: f[2].to_string(),
                grade: match f[3] {
                    "great" => Grade::Great,
                    "marginal" => Grade::Marginal,
                    "poor" => Grade::Poor,
                    g => panic!("{path}: grade {g}"),
                },
                note: f.get(4).copied().unwrap_or("").to_string(),
            }
        })
        .collect()
}

fn check(path: &str) {
    let engine = Engine::builtin();
    let rows = load(path);
    assert!(!rows.is_empty());
    let mut wrong = Vec::new();
    for r in &rows {
        let status = engine.taxonomy().parse_status(&r.status);
        assert!(status.is_some(), "{}: status {}", r.id, r.status);
        assert_eq!(Lang::detect(&r.note), if r.note.trim().is_empty() { Lang::En } else { r.lang }, "{}", r.id);
        let report = engine.lint(&r.note, status, r.lang);
        if report.grade != r.grade {
            let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.id()).collect();
            wrong.push(format!("{}: want {}, got {} {:?}", r.id, r.grade, report.grade, rules));
        }
    }
    assert!(wrong.is_empty(), "{path}: {} of {} graded wrong:\n{}", wrong.len(), rows.len(), wrong.join("\n"));
}

#[test]
fn seed_examples_graded_as_the_guidance_grades_them() {
    check("tests/fixtures/seed-notes.ja.tsv");
}

#[test]
fn the_shipped_seed_copy_matches_shared_when_present() {
    if let Ok(shared) = std::fs::read_to_string("../shared/eval/seed-notes.ja.tsv") {
        let ours = std::fs::read_to_string("tests/fixtures/seed-notes.ja.tsv").unwrap();
        assert_eq!(shared, ours, "tests/fixtures/seed-notes.ja.tsv is out of date");
    }
}

#[test]
fn english_seed_situations_graded_like_the_japanese() {
    check("tests/fixtures/notes-en-seed.tsv");
}

#[test]
fn own_notes_across_statuses_and_workloads() {
    check("tests/fixtures/notes-own.tsv");
}

#[test]
fn held_out_notes_written_before_tuning() {
    check("tests/fixtures/notes-heldout.tsv");
}
