//! The composer driven by key sequences, as a manager uses it: through the
//! real keymap, update and effects, with drafts in a temporary directory.

mod common;
use common::{Harness, key, keys};
use crossterm::event::{Event, KeyCode, KeyModifiers};
use statusnote::note::{Grade, Lang, Status};
use statusnote::tui::app::{Overlay, Screen};

fn note_on_disk(h: &Harness, tenant: &str, workload: &str) -> (Option<Status>, String) {
    let store = h.store();
    let l = store.list().unwrap();
    let id = store.resolve(tenant, &l).unwrap();
    let d = store.load(&id).unwrap().draft;
    let e = d.entry(workload).unwrap();
    (e.status, e.note.clone())
}

#[test]
fn pick_blocked_fill_slots_save_draft() {
    let mut h = Harness::new(Lang::Ja);
    h.press("n");
    h.press("Contoso<tab>");
    // ↓ picks the first workload from the shipped list.
    h.press("<down><enter>");
    assert!(matches!(h.app.screen, Screen::Status(_)));
    h.press("b"); // Blocked by its first letter
    assert!(matches!(h.app.screen, Screen::Template(_)));
    h.press("<enter>"); // our template that can reach great
    assert!(matches!(h.app.screen, Screen::Slots(_)));
    h.press("プロキシが先進認証に対応していない<tab>ユーザーは Outlook からサインインできません<enter>");
    let Screen::Compose(c) = &h.app.screen else { panic!("{:?}", h.app.screen) };
    assert_eq!(c.report.grade, Grade::Great, "{:?}", c.report.findings);
    h.press("<C-s>");
    assert_eq!(h.app.message.as_ref().map(|m| m.0.as_str()), Some("保存しました。"));
    let (status, note) = note_on_disk(&h, "Contoso", "Exchange Online");
    assert_eq!(status, Some(Status::Blocked));
    assert_eq!(
        note,
        "プロキシが先進認証に対応していないため、お客様は展開できません。ユーザーは Outlook からサインインできません。"
    );
}

#[test]
fn english_flow_with_typed_workload_and_free_text() {
    let mut h = Harness::new(Lang::En);
    h.press("nFabrikam<tab>Custom Workload<enter>");
    h.press("2"); // Blocked by number
    h.press("f"); // free text
    assert!(matches!(h.app.screen, Screen::Compose(_)));
    h.press("Customer cannot deploy right now.");
    let Screen::Compose(c) = &h.app.screen else { panic!() };
    assert_eq!(c.report.grade, Grade::Poor);
    let text = h.screen_text(80, 24);
    assert!(text.contains("➜ Why is it blocked?"), "the missing reason is a prompt:\n{text}");
    h.press("<C-q>");
    assert!(h.app.quit, "quit saves and leaves without asking");
    assert_eq!(note_on_disk(&h, "fabrikam", "Custom Workload").1, "Customer cannot deploy right now.");
}

#[test]
fn the_questionnaire_lands_on_a_status() {
    let mut h = Harness::new(Lang::En);
    h.press("nT<tab>Intune<enter>");
    h.press("?");
    assert!(matches!(h.app.overlay, Some(Overlay::Questionnaire(_))));
    let text = h.screen_text(80, 30);
    assert!(text.contains("duplicate"), "{text}");
    assert!(text.contains("Ctrl-Q"), "the status help lists the keys too:\n{text}");
    h.press("n"); // not a duplicate
    h.press("y"); // reached the customer
    h.press("y"); // intends to use it
    h.press("y"); // something blocks
    h.press("<enter>");
    assert_eq!(h.app.entry().unwrap().status, Some(Status::Blocked));
    assert!(matches!(h.app.screen, Screen::Template(_)));
}

#[test]
fn unreachable_customer_is_status_unknown_in_two_answers() {
    let mut h = Harness::new(Lang::Ja);
    h.press("nT<tab>Intune<enter>h");
    h.press("nn<enter>");
    assert_eq!(h.app.entry().unwrap().status, Some(Status::Unknown));
}

#[test]
fn readline_kills_and_undo_brings_text_back() {
    let mut h = Harness::new(Lang::En);
    h.press("nT<tab>Teams<enter>if");
    h.press("The proxy drops traffic");
    h.press("<C-w>");
    let text = |h: &Harness| match &h.app.screen {
        Screen::Compose(c) => c.editor.text().to_string(),
        s => panic!("{s:?}"),
    };
    assert_eq!(text(&h), "The proxy drops ");
    h.press("<C-a><C-k>");
    assert_eq!(text(&h), "");
    h.press("<C-z>");
    assert_eq!(text(&h), "The proxy drops ");
    h.press("<C-z>");
    assert_eq!(text(&h), "The proxy drops traffic");
    h.press("<A-z>");
    assert_eq!(text(&h), "The proxy drops ");
    h.press("<C-e><A-b><A-b>X");
    assert_eq!(text(&h), "The Xproxy drops ");
}

#[test]
fn a_paste_is_text_never_commands() {
    let mut h = Harness::new(Lang::En);
    h.press("nT<tab>Teams<enter>if");
    h.events(vec![Event::Paste("q\n\x1b[2J<C-q>\r\nsecond line".into())]);
    assert!(!h.app.quit);
    let Screen::Compose(c) = &h.app.screen else { panic!() };
    assert_eq!(c.editor.text(), "q\n[2J<C-q>\nsecond line", "control characters are dropped");
    // In the browser (no text field) a paste does nothing.
    let mut b = Harness::new(Lang::En);
    b.events(vec![Event::Paste("nq".into())]);
    assert!(matches!(b.app.screen, Screen::Drafts) && !b.app.quit);
}

#[test]
fn autosave_writes_about_a_second_after_typing() {
    let mut h = Harness::new(Lang::En);
    h.press("nT<tab>Teams<enter>if");
    h.tick_after(1100);
    h.press("The proxy drops Teams traffic.");
    assert!(h.app.session.as_ref().unwrap().autosave.is_dirty());
    h.tick_after(200);
    assert!(h.app.session.as_ref().unwrap().autosave.is_dirty(), "not yet");
    h.tick_after(1000);
    assert!(!h.app.session.as_ref().unwrap().autosave.is_dirty());
    assert_eq!(note_on_disk(&h, "T", "Microsoft Teams").1, "The proxy drops Teams traffic.");
    assert!(h.app.message.is_none(), "autosave is silent");
}

#[test]
fn ctrl_y_copies_the_note_with_osc52() {
    let mut h = Harness::new(Lang::En);
    h.press("nT<tab>Teams<enter>ifHi 日本");
    h.press("<C-y>");
    let sent = String::from_utf8(h.clip.0.borrow().clone()).unwrap();
    assert_eq!(sent, "\x1b]52;c;SGkg5pel5pys\x07");
}

#[test]
fn browser_search_filter_open_and_trash() {
    let mut h = Harness::new(Lang::En);
    for (t, w, note) in
        [("Contoso", "Teams", "Blocked."), ("Fabrikam", "Intune", "The proxy drops traffic, so users cannot enrol.")]
    {
        h.press(&format!("n{t}<tab>{w}<enter>bf{note}<esc><esc>"));
        assert!(matches!(h.app.screen, Screen::Drafts), "{:?}", h.app.screen);
    }
    assert_eq!(h.app.browser.drafts.len(), 2);
    h.press("/fab<enter>");
    assert_eq!(h.app.visible_drafts().len(), 1);
    h.press("<esc>"); // clears search and filters
    h.press("g"); // great only
    let v = h.app.visible_drafts();
    assert_eq!(v.len(), 1);
    assert_eq!(h.app.browser.drafts[v[0]].tenant, "Fabrikam");
    h.press("ggg"); // marginal, poor, all
    assert_eq!(h.app.visible_drafts().len(), 2);
    h.press("/contoso<enter>d");
    assert!(matches!(h.app.overlay, Some(Overlay::ConfirmTrash { .. })));
    h.press("n");
    assert_eq!(h.app.browser.drafts.len(), 2, "n keeps it");
    h.press("dy");
    assert_eq!(h.app.browser.drafts.len(), 1);
    assert!(h.app.message.as_ref().unwrap().0.starts_with("Moved to the trash: "));
    h.press("<esc><enter>");
    assert!(matches!(h.app.screen, Screen::Draft));
    assert_eq!(h.app.session.as_ref().unwrap().draft.tenant, "Fabrikam");
}

#[test]
fn a_tenant_with_a_draft_gets_the_new_workload_in_it() {
    let mut h = Harness::new(Lang::En);
    h.press("nContoso<tab>Teams<enter>bfThe proxy drops traffic.<esc><esc>");
    h.press("ncontoso<tab>Intune<enter>");
    assert!(matches!(h.app.screen, Screen::Status(_)));
    assert_eq!(h.app.session.as_ref().unwrap().draft.entries.len(), 2);
    h.press("<C-q>");
    assert_eq!(h.store().list().unwrap().drafts.len(), 1, "no second draft for the same tenant");
}

#[test]
fn help_is_drawn_from_the_keymap() {
    let mut h = Harness::new(Lang::En);
    h.events(vec![key(KeyCode::F(1), KeyModifiers::NONE)]);
    let text = h.screen_text(80, 30);
    assert!(text.contains("Ctrl-Q / Ctrl-C") && text.contains("Quit (saves first)"), "{text}");
    h.press("x");
    assert!(h.app.overlay.is_none(), "any key closes the help");
}

#[test]
fn a_failed_save_on_quit_asks_and_discard_leaves() {
    let dir = tempfile::tempdir().unwrap();
    // The data directory is a file: nothing can be written under it.
    std::fs::write(dir.path().join("data"), "not a directory").unwrap();
    let mut h = Harness::in_dir(Lang::En, dir);
    h.press("nT<tab>Teams<enter>ifUnsaved words");
    h.press("<C-q>");
    assert!(!h.app.quit);
    assert!(matches!(h.app.overlay, Some(Overlay::QuitPrompt { .. })));
    let text = h.screen_text(80, 24);
    assert!(text.contains("The last save failed") && text.contains("r: retry"), "{text}");
    h.press("<esc>");
    assert!(h.app.overlay.is_none() && !h.app.quit, "Esc keeps editing, nothing lost");
    h.press("<C-q>r");
    assert!(matches!(h.app.overlay, Some(Overlay::QuitPrompt { .. })), "retry fails again and asks again");
    h.press("d");
    assert!(h.app.quit);
}

#[test]
fn resize_to_a_tiny_terminal_shows_a_message_not_a_panic() {
    let mut h = Harness::new(Lang::Ja);
    h.press("nT<tab>Teams<enter>if現在");
    let text = h.screen_text(30, 8);
    assert!(text.contains("端末が小さすぎます"), "{text}");
    h.events(vec![Event::Resize(30, 8)]);
    assert_eq!(h.app.size, (30, 8));
}

#[test]
fn keys_parse() {
    assert_eq!(keys("a<C-s>").len(), 2);
}

#[test]
fn the_suggested_reason_follows_the_text_and_ctrl_r_takes_it() {
    let mut h = Harness::new(Lang::En);
    h.press("nContoso<tab>Teams<enter>bf");
    h.press("The firewall drops Teams media traffic.");
    let Screen::Compose(c) = &h.app.screen else { panic!() };
    assert_eq!(c.suggestions[0].l2, "it-infrastructure");
    let screen = h.screen_text(100, 24);
    let line = screen.lines().find(|l| l.contains("Suggested reason:")).unwrap_or_else(|| panic!("{screen}"));
    // A long label is shortened so that the score still shows.
    assert!(
        line.contains("Suggested reason: Customer IT Infrastructure") && line.contains("…") && line.contains("%)"),
        "{line}"
    );
    // With room, the keys to take or change it follow.
    assert!(h.screen_text(200, 24).contains("%)  Ctrl-R accepts, Ctrl-T picks"));
    h.press("<C-a><C-k>The licences are the wrong SKU.");
    let Screen::Compose(c) = &h.app.screen else { panic!() };
    assert_eq!(c.suggestions[0].l2, "billing-licensing", "updates as the note is typed");
    h.press("<C-r>");
    assert_eq!(h.app.entry().unwrap().l2.as_deref(), Some("billing-licensing"));
    h.press("<C-s>");
    let store = h.store();
    let id = store.resolve("Contoso", &store.list().unwrap()).unwrap();
    assert_eq!(store.load(&id).unwrap().draft.entries[0].l2.as_deref(), Some("billing-licensing"));
}

#[test]
fn the_picker_shows_what_each_reason_is_not_and_takes_an_optional_l3() {
    let mut h = Harness::new(Lang::Ja);
    h.press("nContoso<tab>Teams<enter>bf");
    h.press("<C-t>");
    assert!(matches!(h.app.overlay, Some(Overlay::ReasonPicker { .. })));
    let text = h.screen_text(100, 40);
    assert!(text.contains("範囲外: 人とプロセス"), "{text}");
    h.press("<enter>"); // the first Blocked reason: IT infrastructure, which has L3 details
    assert!(matches!(h.app.overlay, Some(Overlay::ReasonPicker { l2: Some(_), .. })));
    h.press("<down><down><enter>"); // (none), Desktop / Devices, Hardware
    let e = h.app.entry().unwrap();
    assert_eq!((e.l2.as_deref(), e.l3.as_deref()), (Some("it-infrastructure"), Some("Hardware")));
    h.press("<C-t><down><enter>");
    let e = h.app.entry().unwrap();
    assert_eq!((e.l2.as_deref(), e.l3.as_deref()), (Some("it-change-management"), None), "a new L2 clears the L3");
    h.press("<esc>");
    assert!(h.app.overlay.is_none(), "L3 is optional");
}

#[test]
fn moving_down_the_workloads_of_a_draft_opens_the_one_chosen() {
    let mut h = Harness::new(Lang::Ja);
    h.press("nContoso<tab>Teams<enter>bfプロキシが通信を遮断するため展開できません。<esc>");
    h.press("aIntune<enter>if<esc>");
    assert!(matches!(h.app.screen, Screen::Draft));
    h.press("<up><up><down><enter>");
    assert!(matches!(h.app.screen, Screen::Compose(_)), "{:?}", h.app.screen);
    assert_eq!(h.app.entry().unwrap().workload, "Intune");
    h.press("<esc><up><enter>");
    assert_eq!(h.app.entry().unwrap().workload, "Microsoft Teams");
    // The browser keeps its place too.
    h.press("<esc><esc>");
    assert!(matches!(h.app.screen, Screen::Drafts));
    h.press("<down><up>");
    assert!(matches!(h.app.screen, Screen::Drafts));
}

#[test]
fn typing_a_workload_filters_the_list_and_short_names_become_full_ones() {
    use statusnote::tui::app::match_workloads;
    let mut h = Harness::new(Lang::En);
    h.press("nContoso<tab>micro");
    let Screen::NewNote(n) = &h.app.screen else { panic!("{:?}", h.app.screen) };
    let shown: Vec<String> =
        match_workloads(&h.app.workloads, &n.query).iter().map(|&i| h.app.workloads[i].name.clone()).collect();
    assert!(shown.len() > 1 && shown.iter().all(|w| w.starts_with("Microsoft")), "only matches are listed: {shown:?}");
    assert!(shown.iter().any(|w| w == "Microsoft Teams"), "{shown:?}");
    // Several match: nothing is chosen until ↓ picks the first shown.
    assert_eq!(n.chosen(&h.app.workloads), None);
    h.press("<down><enter>");
    assert_eq!(h.app.entry().unwrap().workload, shown[0]);
    // (In progress, free text, back to the draft: ready for `a`.)
    h.press("if<esc>");

    // A short name typed in full is the workload's full name.
    h.press("aexo<enter>");
    assert_eq!(h.app.entry().unwrap().workload, "Exchange Online");
    // So is a fragment only one workload matches.
    h.press("if<esc>aintu<enter>");
    assert_eq!(h.app.entry().unwrap().workload, "Intune");
    // Anything else is taken as typed.
    h.press("if<esc>aPlanner Premium<enter>");
    assert_eq!(h.app.entry().unwrap().workload, "Planner Premium");
    let Screen::Status(_) = &h.app.screen else { panic!("{:?}", h.app.screen) };
}

#[test]
fn a_weak_guess_is_not_offered_and_ctrl_r_does_not_take_it() {
    let mut h = Harness::new(Lang::En);
    h.press("nContoso<tab>Teams<enter>bf");
    h.press("Customer cannot deploy for now.");
    let Screen::Compose(c) = &h.app.screen else { panic!() };
    assert!(c.suggestions.first().is_none_or(|s| !s.confident()), "{:?}", c.suggestions.first());
    let screen = h.screen_text(100, 24);
    assert!(screen.contains("no clear reason found in the note"), "{screen}");
    assert!(!screen.contains("Suggested reason:"), "{screen}");
    h.press("<C-r>");
    assert_eq!(h.app.entry().unwrap().l2, None, "a guess below the floor is never taken");
    assert!(h.screen_text(100, 24).contains("No clear reason in the note to accept"));
    // Once the why is written, the suggestion is offered and taken.
    h.press("<C-a><C-k>The firewall drops Teams media traffic.<C-r>");
    assert_eq!(h.app.entry().unwrap().l2.as_deref(), Some("it-infrastructure"));
}

#[test]
fn a_reason_kept_from_another_status_is_flagged_in_the_composer() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("data").join("drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(
        drafts.join("d-stale.toml"),
        "schema_version = 1\nid = \"d-stale\"\ntenant = \"Northwind\"\ncreated = \"2026-11-30T09:00:00Z\"\n\
updated = \"2026-11-30T09:00:00Z\"\n\n[[entry]]\nworkload = \"Intune\"\nstatus = \"in-progress\"\nl2 = \"it-infrastructure\"\n\
lang = \"en\"\nnote = \"Customer is piloting Intune enrollment with 50 IT devices.\"\n\
created = \"2026-11-30T09:00:00Z\"\nupdated = \"2026-11-30T09:00:00Z\"\n",
    )
    .unwrap();
    let mut h = Harness::in_dir(Lang::En, dir);
    h.press("<enter><enter>");
    assert!(matches!(h.app.screen, Screen::Compose(_)), "{:?} {:?}", h.app.screen, h.app.message);
    let screen = h.screen_text(100, 30);
    assert!(screen.contains("belongs to another status"), "{screen}");
    assert!(screen.contains("stale-reason"), "{screen}");
}
