//! One keystroke in the composer, the whole way: key event -> action ->
//! update (edit, re-lint) -> draw into an 80x24 buffer. Run by hand:
//! `cargo bench --bench keystroke`.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use statusnote::draft::{Draft, Timestamp};
use statusnote::note::{Lang, Status};
use statusnote::tui::app::{App, Session};
use statusnote::tui::theme::Theme;
use statusnote::tui::{to_action, update, view};

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent {
        code: c,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

fn app_with_note(note: &str, lang: Lang) -> App {
    let mut app = App::new(lang, Theme::new(true), Vec::new(), Vec::new());
    let mut d = Draft::new("bench-00001".into(), "Contoso".into(), Timestamp(0));
    d.entry_mut("Exchange Online", lang, Timestamp(0)).status = Some(Status::Blocked);
    app.session = Some(Session { draft: d, base: None, autosave: Default::default(), entry: None, selected: 0, lang });
    update::open_workload(&mut app, "Exchange Online");
    for c in note.chars() {
        if let Some(a) = to_action(&app, key(KeyCode::Char(c))) {
            update::update(&mut app, a);
        }
    }
    app
}

fn bench(c: &mut Criterion) {
    for (name, note, lang, ch) in [
        (
            "keystroke ja note",
            "ファイアウォールがトラフィックを正しく転送せず、お客様はメールボックスに接続できないため、サービスを展開しません。",
            Lang::Ja,
            'あ',
        ),
        (
            "keystroke en note",
            "Customer will not deploy the service because the firewall does not forward traffic correctly and users cannot connect.",
            Lang::En,
            'x',
        ),
    ] {
        let mut app = app_with_note(note, lang);
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let (typed, erase) = (key(KeyCode::Char(ch)), key(KeyCode::Backspace));
        let mut flip = false;
        c.bench_function(name, |b| {
            b.iter(|| {
                // Type and erase in turn so the note keeps its length.
                flip = !flip;
                let ev = if flip { typed.clone() } else { erase.clone() };
                if let Some(a) = to_action(&app, ev) {
                    update::update(&mut app, a);
                }
                term.draw(|f| view::draw(&app, f)).unwrap();
            })
        });
    }
    c.bench_function("first frame (app + draw)", |b| {
        b.iter(|| {
            let app = App::new(Lang::Ja, Theme::new(true), Vec::new(), Vec::new());
            let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
            term.draw(|f| view::draw(&app, f)).unwrap();
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
