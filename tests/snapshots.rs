//! The full report for each seed example (and our English renderings), as a
//! reviewed snapshot: rule, severity, flagged words, effect and message.

use statusnote::engine::Engine;
use statusnote::note::Lang;

fn report_text(id: &str, status: &str, note: &str) -> String {
    let engine = Engine::builtin();
    let status = engine.taxonomy().parse_status(status);
    let lang = Lang::detect(note);
    let r = engine.lint(note, status, lang);
    let mut out = format!("{id}: {} ({})\nnote: {note}\n", r.grade, engine.messages().grade_name(r.grade, lang));
    for f in &r.findings {
        let effect = f.effect.map_or("-".to_string(), |g| g.to_string());
        out.push_str(&format!(
            "- {} {} [{}..{}] {:?} effect={}\n  {}\n",
            f.severity.as_str(),
            f.rule.id(),
            f.start,
            f.end,
            &note[f.start..f.end],
            effect,
            engine.message(f, note, status, lang)
        ));
    }
    for e in &r.evidence {
        out.push_str(&format!("+ {} [{}..{}] {:?}\n", e.element.id(), e.start, e.end, &note[e.start..e.end]));
    }
    out
}

fn snapshot_file(path: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.splitn(5, '\t').collect();
        let (id, status, note) = (f[1], f[2], f.get(4).copied().unwrap_or(""));
        insta::assert_snapshot!(id, report_text(id, status, note));
    }
}

#[test]
fn seed_reports() {
    snapshot_file("tests/fixtures/seed-notes.ja.tsv");
}

#[test]
fn english_seed_reports() {
    snapshot_file("tests/fixtures/notes-en-seed.tsv");
}
