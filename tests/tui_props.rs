//! Random key sequences (ASCII, Japanese, emoji with ZWJ, combining marks,
//! control characters, pastes, resizes) never panic the composer and keep
//! every editor's cursor on a grapheme boundary; each step is drawn. Raw
//! terminal bytes (cut sequences, a paste start with no end) decode into
//! events that do the same, and never keep the keys from being keys.

mod common;
use common::{Harness, key};
use crossterm::event::{Event, KeyCode, KeyModifiers};
use proptest::prelude::*;
use statusnote::note::Lang;
use statusnote::tui::app::Screen;
use statusnote::tui::editor::Editor;
use statusnote::tui::input::{Decoder, MAX_PASTE, PASTE_MAX_MS};
use unicode_segmentation::UnicodeSegmentation;

fn event() -> impl Strategy<Value = Event> {
    let text = prop_oneof![
        Just("a".to_string()),
        Just("現在".to_string()),
        Just("が".to_string()),
        Just("👩‍💻".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{1b}".to_string()),
        Just("\u{7}".to_string()),
        Just(" ".to_string()),
        Just("?".to_string()),
        "[a-z]{1,3}",
        "\\PC{1,2}",
    ];
    let special = prop_oneof![
        Just(KeyCode::Enter),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::F(1)),
        Just(KeyCode::F(2)),
    ];
    let ctrl =
        prop_oneof![Just('w'), Just('u'), Just('k'), Just('z'), Just('a'), Just('e'), Just('b'), Just('f'), Just('y')];
    prop_oneof![
        4 => text.prop_map(|t| key(KeyCode::Char(t.chars().next().unwrap_or('a')), KeyModifiers::NONE)),
        3 => special.prop_map(|k| key(k, KeyModifiers::NONE)),
        2 => ctrl.prop_map(|c| key(KeyCode::Char(c), KeyModifiers::CONTROL)),
        1 => Just(key(KeyCode::Char('z'), KeyModifiers::ALT)),
        1 => Just(key(KeyCode::Char('b'), KeyModifiers::ALT)),
        1 => Just(key(KeyCode::Esc, KeyModifiers::NONE)),
        1 => "\\PC{0,20}".prop_map(Event::Paste),
        1 => Just(Event::Paste("line one\r\nline two\u{1b}[0m 👩‍💻".into())),
        1 => (1u16..140, 1u16..50).prop_map(|(w, h)| Event::Resize(w, h)),
    ]
}

fn on_boundary(ed: &Editor) -> bool {
    let t = ed.text();
    ed.cursor() == t.len() || t.grapheme_indices(true).any(|(i, _)| i == ed.cursor())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_in_the_editor(events in prop::collection::vec(event(), 1..60), ja in any::<bool>()) {
        let mut h = Harness::new(if ja { Lang::Ja } else { Lang::En });
        h.press("nT<tab>Teams<enter>bf");
        for ev in events {
            h.events(vec![ev]);
            if h.app.quit {
                break;
            }
            let (w, hgt) = h.app.size;
            h.render(w.max(1), hgt.max(1));
            match &h.app.screen {
                Screen::Compose(c) => prop_assert!(on_boundary(&c.editor), "{:?}", c.editor),
                Screen::Slots(s) => prop_assert!(on_boundary(&s.editor)),
                Screen::NewNote(n) => prop_assert!(on_boundary(&n.tenant) && on_boundary(&n.workload)),
                _ => {}
            }
            if let Screen::Compose(c) = &h.app.screen {
                prop_assert!(!c.editor.text().chars().any(|ch| ch.is_control() && ch != '\n'));
            }
        }
    }

    #[test]
    fn random_keys_anywhere(events in prop::collection::vec(event(), 1..80)) {
        let mut h = Harness::new(Lang::En);
        for ev in events {
            h.events(vec![ev]);
            if h.app.quit {
                break;
            }
            h.render(80, 24);
            h.render(40, 12);
        }
    }

    /// Issue 11, item 6: any bytes, split anywhere, with any pauses, an
    /// unterminated `ESC[200~` among them: no panic, no paste over the
    /// bound, and once the bounds have passed Ctrl-Q is Ctrl-Q.
    #[test]
    fn random_terminal_bytes_never_swallow_the_keys(chunks in prop::collection::vec((chunk(), 0u64..400), 1..40)) {
        let mut d = Decoder::default();
        let mut h = Harness::new(Lang::En);
        h.press("nT<tab>Teams<enter>bf");
        let mut t = 0;
        for (bytes, gap) in chunks {
            t += gap;
            let mut evs = d.idle(t);
            evs.extend(d.feed(&bytes, t));
            for ev in evs {
                if let Event::Paste(p) = &ev {
                    prop_assert!(p.len() <= MAX_PASTE);
                }
                if !h.app.quit {
                    h.events(vec![ev]);
                    h.render(80, 24);
                }
            }
        }
        t += PASTE_MAX_MS + 1;
        let mut evs = d.idle(t);
        evs.extend(d.feed(b"\x11", t));
        prop_assert_eq!(evs.last(), Some(&key(KeyCode::Char('q'), KeyModifiers::CONTROL)));
    }
}

/// Pieces of what a terminal may send: markers, cut sequences, cut UTF-8,
/// control bytes, random bytes.
fn chunk() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"\x1b[200~".to_vec()),
        Just(b"\x1b[201~".to_vec()),
        Just(b"\x1b".to_vec()),
        Just(b"\x1b[".to_vec()),
        Just(b"\x1b[1;5".to_vec()),
        Just("現在".as_bytes().to_vec()),
        Just("現".as_bytes()[..2].to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\x11".to_vec()),
        Just(b"\x1b[A\x1b[3~\x1bOP\x1b[Z".to_vec()),
        prop::collection::vec(any::<u8>(), 0..16),
        "[a-z ]{1,8}".prop_map(String::into_bytes),
    ]
}
