//! Issue 11: nothing typed is lost, nothing hangs. Each test names the
//! item of the issue it holds to; each failed before its fix.

mod common;
use common::{Harness, keys};
use crossterm::event::Event;
use statusnote::note::Lang;
use statusnote::tui::app::{Overlay, Screen};
use statusnote::tui::{Events, finish, run_loop};
use std::collections::VecDeque;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Events for `run_loop`: each step is an event, or a wait that times out
/// (slept for real, so the loop's own clock moves); the stop flag is raised
/// when the script says so, as a signal would.
struct Script<'a> {
    steps: VecDeque<Step>,
    stop: &'a AtomicBool,
}

enum Step {
    Event(Event),
    Wait,
    Signal,
}

impl Events for Script<'_> {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        loop {
            match self.steps.pop_front() {
                Some(Step::Event(e)) => return Ok(Some(e)),
                Some(Step::Signal) => self.stop.store(true, Ordering::Relaxed),
                Some(Step::Wait) => {
                    std::thread::sleep(timeout.min(Duration::from_millis(200)));
                    return Ok(None);
                }
                None => {
                    // Nothing more: end the loop as a signal would.
                    self.stop.store(true, Ordering::Relaxed);
                    return Ok(None);
                }
            }
        }
    }
}

fn terminal() -> ratatui::Terminal<ratatui::backend::TestBackend> {
    ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap()
}

fn note_on_disk<F: statusnote::draft::fs::FileSystem + Clone>(h: &Harness<F>) -> String {
    let store = h.store();
    let l = store.list().unwrap();
    let id = &l.drafts[0].id;
    store.load(id).unwrap().draft.entries[0].note.clone()
}

/// Item 1: two composers started in the same second (the loop's clock still
/// at 0) drew the same id; the second one's note then lived only in a
/// rescue copy.
#[test]
fn two_composers_started_together_keep_both_notes() {
    let mut a = Harness::new(Lang::En);
    let mut b = a.beside();
    let mut more: Vec<_> = (0..4).map(|_| a.beside()).collect();
    a.press("nTenant A<tab>Teams<enter>ifNote of A");
    b.press("nTenant B<tab>Teams<enter>ifNote of B");
    for (i, h) in more.iter_mut().enumerate() {
        h.press(&format!("nTenant C{i}<tab>Teams<enter>ifNote of C{i}"));
    }
    for h in std::iter::once(&mut a).chain(std::iter::once(&mut b)).chain(more.iter_mut()) {
        h.press("<C-s>");
        assert_eq!(h.app.message.as_ref().map(|m| m.0.as_str()), Some("Saved."), "{:?}", h.app.message);
    }
    let l = a.store().list().unwrap();
    let mut tenants: Vec<&str> = l.drafts.iter().map(|d| d.tenant.as_str()).collect();
    tenants.sort();
    assert_eq!(tenants, ["Tenant A", "Tenant B", "Tenant C0", "Tenant C1", "Tenant C2", "Tenant C3"]);
    assert!(a.rescues().is_empty());
}

/// Item 1: a second failed save used to overwrite the first rescue copy.
#[test]
fn a_rescue_copy_never_overwrites_another() {
    let (mut h, fs) = Harness::faulty(Lang::En);
    h.press("nT<tab>Teams<enter>ifFirst words");
    fs.fail.set(Some(io::ErrorKind::StorageFull));
    h.press("<C-q>e");
    assert!(h.app.quit);
    let first = h.rescues();
    assert_eq!(first.len(), 1, "{first:?}");
    // The same draft fails again later, with other words.
    let draft = h.app.session.as_ref().unwrap().draft.clone();
    let mut changed = draft.clone();
    changed.entries[0].note = "Second words".into();
    h.rt.save_elsewhere(&changed).unwrap();
    let both = h.rescues();
    assert_eq!(both.len(), 2, "{both:?}");
    let texts: Vec<String> = both.iter().map(|n| std::fs::read_to_string(h.rt.rescue_dir.join(n)).unwrap()).collect();
    assert!(texts.iter().any(|t| t.contains("First words")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("Second words")), "{texts:?}");
}

/// Item 2: keys read before SIGTERM were dropped: the loop looked at the
/// stop flag before applying what it had already read.
#[test]
fn keys_read_before_a_signal_are_saved() {
    let mut h = Harness::new(Lang::En);
    h.press("nT<tab>Teams<enter>if");
    let stop = AtomicBool::new(false);
    let mut steps: VecDeque<Step> = VecDeque::from([Step::Signal, Step::Wait]);
    steps.extend(keys("typed just before the signal").into_iter().map(Step::Event));
    let mut script = Script { steps, stop: &stop };
    run_loop(&mut terminal(), &mut h.app, &mut h.rt, &mut script, &stop).unwrap();
    let report = finish(&mut h.app, &mut h.rt);
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(note_on_disk(&h), "typed just before the signal");
}

/// Item 3: `d` `y` in the browser trashed a draft open in another composer,
/// whose next autosave wrote it back: then it was in drafts/ and trash/.
#[test]
fn a_draft_open_elsewhere_is_not_trashed() {
    let mut editing = Harness::new(Lang::En);
    editing.press("nContoso<tab>Teams<enter>ifThe proxy drops traffic.<C-s>");
    let mut browser = editing.beside();
    browser.press("dy");
    let (msg, _) = browser.app.message.clone().unwrap();
    assert!(msg.contains("is being edited by another statusnote"), "{msg}");
    assert_eq!(browser.store().list().unwrap().drafts.len(), 1);
    assert!(
        !editing.data().join("trash").exists() || std::fs::read_dir(editing.data().join("trash")).unwrap().count() == 0
    );
    // Once the first composer lets go, trashing works.
    editing.press("<C-q>");
    browser.press("dy");
    assert!(browser.store().list().unwrap().drafts.is_empty(), "{:?}", browser.app.message);
}

/// Item 8: a failed autosave was drawn only at the next key.
#[test]
fn a_failed_autosave_shows_when_it_happens() {
    let (mut h, fs) = Harness::faulty(Lang::En);
    h.press("nT<tab>Teams<enter>if");
    let stop = AtomicBool::new(false);
    let mut steps: VecDeque<Step> = keys("words").into_iter().map(Step::Event).collect();
    // Enough quiet time for the autosave to come due and fail.
    steps.extend((0..10).map(|_| Step::Wait));
    let mut script = Script { steps, stop: &stop };
    fs.fail.set(Some(io::ErrorKind::StorageFull));
    let mut term = terminal();
    run_loop(&mut term, &mut h.app, &mut h.rt, &mut script, &stop).unwrap();
    let screen = common::buffer_text(term.backend().buffer());
    assert!(screen.contains("Could not save"), "{screen}");
}

/// Item 9: "discard" after a failed save still wrote a rescue copy on the
/// way out and said "could not save".
#[test]
fn discard_after_a_failed_save_leaves_quietly() {
    let (mut h, fs) = Harness::faulty(Lang::En);
    h.press("nT<tab>Teams<enter>ifWords to throw away");
    fs.fail.set(Some(io::ErrorKind::StorageFull));
    h.press("<C-q>");
    assert!(matches!(h.app.overlay, Some(Overlay::QuitPrompt { .. })));
    h.press("d");
    assert!(h.app.quit);
    assert_eq!(finish(&mut h.app, &mut h.rt), Vec::<String>::new());
    assert!(h.rescues().is_empty(), "{:?}", h.rescues());
}

/// Item 9: "save elsewhere" wrote the copy, then leaving tried again and
/// printed "could not save" and a second copy.
#[test]
fn save_elsewhere_writes_one_copy_and_says_so_once() {
    let (mut h, fs) = Harness::faulty(Lang::En);
    h.press("nT<tab>Teams<enter>ifWords to keep");
    fs.fail.set(Some(io::ErrorKind::StorageFull));
    h.press("<C-q>e");
    assert!(h.app.quit);
    let report = finish(&mut h.app, &mut h.rt);
    let copies = h.rescues();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(report.len(), 1, "{report:?}");
    assert!(report[0].contains(&copies[0]) && !report[0].contains("could not save"), "{report:?}");
}

/// Item 13: a rescue copy from an earlier session is mentioned on the next
/// start, with where it is, and only once.
#[test]
fn the_next_start_tells_of_a_rescue_copy_once() {
    let (mut h, fs) = Harness::faulty(Lang::En);
    h.press("nT<tab>Teams<enter>ifWords to keep");
    fs.fail.set(Some(io::ErrorKind::StorageFull));
    h.press("<C-q>");
    fs.fail.set(None);
    h.press("e");
    let copy = h.rt.rescue_dir.join(&h.rescues()[0]);
    let mut next = Harness::with_fs(Lang::En, h.dir.clone(), statusnote::draft::fs::RealFs);
    next.rt.rescue_dir = h.rt.rescue_dir.clone();
    statusnote::tui::start(&mut next.app, &mut next.rt, &statusnote::tui::Start::Browser);
    let (msg, _) = next.app.message.clone().expect("a notice");
    assert!(msg.contains(&copy.display().to_string()), "{msg}");
    assert!(next.screen_text(120, 24).contains("A copy an earlier session could not save"));
    let mut again = Harness::with_fs(Lang::En, h.dir.clone(), statusnote::draft::fs::RealFs);
    again.rt.rescue_dir = h.rt.rescue_dir.clone();
    statusnote::tui::start(&mut again.app, &mut again.rt, &statusnote::tui::Start::Browser);
    assert_eq!(again.app.message, None, "said once");
    assert!(matches!(again.app.screen, Screen::Drafts));
}

/// Item 11: the browser's banner showed only the first of N unreadable
/// files, cut; it gives the count, and `e` lists every one with its message.
#[test]
fn the_browser_counts_unreadable_files_and_shows_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("data/drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    for i in 0..3 {
        std::fs::write(drafts.join(format!("bad-0000{i}.toml")), format!("tenant = = {i}\n")).unwrap();
    }
    let mut h = Harness::in_dir(Lang::En, dir);
    let screen = h.screen_text(100, 24);
    assert!(screen.contains("3 draft file(s) could not be read (e: show them all)"), "{screen}");
    h.press("e");
    let screen = h.screen_text(200, 30);
    for i in 0..3 {
        assert!(screen.contains(&format!("bad-0000{i}.toml:1:10: ")), "{screen}");
    }
    h.press("j<esc>");
    assert!(h.app.overlay.is_none());
}
