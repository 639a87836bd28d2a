//! Property tests ("fuzz" in the brief's sense): any text, any status, never
//! a panic, and every span is a real slice of the note.

use proptest::prelude::*;
use statusnote::engine::{Engine, Rule};
use statusnote::note::{Grade, Lang, Status};

/// Pieces that exercise the engine: lexicon words, scripts, emoji with ZWJ,
/// combining marks, control characters, brackets and slashes.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("現在".to_string()),
        Just("まだ".to_string()),
        Just("そのままだ".to_string()),
        Just("ため、".to_string()),
        Just("because ".to_string()),
        Just("until ".to_string()),
        Just("cloud/data/".to_string()),
        Just("[主な問題]".to_string()),
        Just("[primary issue".to_string()),
        Just("3 回".to_string()),
        Just("three attempts".to_string()),
        Just("0.0%".to_string()),
        Just("e.g.".to_string()),
        Just("。".to_string()),
        Just(". ".to_string()),
        Just("👩‍💻".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\r\n".to_string()),
        Just("　".to_string()),
        Just("FastTrack を断り".to_string()),
        Just("usage 12%".to_string()),
        Just("the proxy ".to_string()),
        Just("ファイアウォール".to_string()),
        Just("Managed. ".to_string()),
        Just("管理対象".to_string()),
        Just("New subscription added on 6/3".to_string()),
        Just("migrating mailboxes ".to_string()),
        Just("【12/1 追記】".to_string()),
        Just("[other tenant]".to_string()),
        Just("〇〇".to_string()),
        Just("→".to_string()),
        "[a-zA-Z ,.;:/]{0,12}",
        "\\PC{0,6}",
        any::<String>(),
    ]
}

fn note() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..12).prop_map(|v| v.concat())
}

fn status() -> impl Strategy<Value = Option<Status>> {
    prop_oneof![Just(None), (0usize..5).prop_map(|i| Some(Status::ALL[i]))]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn lint_never_panics_and_spans_are_slices(text in note(), st in status(), ja in any::<bool>()) {
        let lang = if ja { Lang::Ja } else { Lang::En };
        let engine = Engine::builtin();
        let r = engine.lint(&text, st, lang);
        let mut worst = Grade::Great;
        let mut last = (0, 0);
        for f in &r.findings {
            prop_assert!(f.start <= f.end && f.end <= text.len());
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            prop_assert!((f.start, f.end) >= last, "sorted");
            last = (f.start, f.end);
            if let Some(e) = f.effect { worst = worst.max(e); }
            prop_assert!(!engine.message(f, &text, st, lang).is_empty());
        }
        prop_assert_eq!(r.grade, worst, "grade is the worst effect");
        prop_assert_eq!(text.trim().is_empty(), r.findings.iter().any(|f| f.rule == Rule::Empty));
    }

    /// Evidence is a real slice of the note, found only for a status that
    /// asks for it; a great note has every required element, with a span.
    #[test]
    fn evidence_spans_slice_to_their_text(text in note(), st in status(), ja in any::<bool>()) {
        let lang = if ja { Lang::Ja } else { Lang::En };
        let r = Engine::builtin().lint(&text, st, lang);
        for e in &r.evidence {
            prop_assert!(e.start < e.end && e.end <= text.len(), "{:?}", e);
            prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            prop_assert!(!text[e.start..e.end].trim().is_empty());
        }
        if r.grade == Grade::Great {
            for c in r.checklist().iter().filter(|c| c.required) {
                prop_assert!(c.found.is_some(), "great without {:?}: {:?}", c.element, text);
            }
        }
    }

    /// The batch path reads a note once for both; it must agree with the
    /// two separate calls the composer's tests and the library offer.
    #[test]
    fn check_is_lint_plus_suggest(text in note(), st in status(), ja in any::<bool>()) {
        let lang = if ja { Lang::Ja } else { Lang::En };
        let engine = Engine::builtin();
        let (report, suggestions) = engine.check(&text, st, lang);
        prop_assert_eq!(report, engine.lint(&text, st, lang));
        prop_assert_eq!(suggestions, engine.suggest(&text, st, lang));
    }

    #[test]
    fn sentences_are_ordered_trimmed_slices(text in note()) {
        let mut prev_end = 0;
        for s in statusnote::text::sentences(&text, &[]) {
            prop_assert!(s.start >= prev_end && s.start < s.end && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            prop_assert_eq!(text[s.clone()].trim(), &text[s.clone()]);
            prev_end = s.end;
        }
    }

    #[test]
    fn line_col_is_total(text in note(), at in 0usize..200) {
        let (line, col) = statusnote::text::line_col(&text, at);
        prop_assert!(line >= 1 && col >= 1);
    }
}
