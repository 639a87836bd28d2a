//! Every screen rendered to ratatui's TestBackend and compared with a
//! reviewed snapshot, at 80×24 and at a small size; one snapshot keeps the
//! styles so the highlights of a Japanese note are checked too.

mod common;
use common::{Harness, buffer_text};
use statusnote::note::Lang;

fn at_sizes(name: &str, h: &mut Harness) {
    insta::assert_snapshot!(format!("{name}_80x24"), h.screen_text(80, 24));
    insta::assert_snapshot!(format!("{name}_40x12"), h.screen_text(40, 12));
}

fn seeded(ui: Lang) -> Harness {
    let mut h = Harness::new(ui);
    h.press("nContoso<tab>Exchange Online<enter>bfファイアウォールがトラフィックを転送しないため、展開できません。<esc><esc>");
    h.press("nFabrikam<tab>Intune<enter>if<esc><esc>");
    h
}

#[test]
fn drafts_browser() {
    let mut h = seeded(Lang::Ja);
    at_sizes("drafts_ja", &mut h);
    let mut e = Harness::new(Lang::En);
    at_sizes("drafts_empty_en", &mut e);
}

#[test]
fn draft_workloads() {
    let mut h = seeded(Lang::En);
    h.press("<enter>");
    at_sizes("draft_en", &mut h);
}

#[test]
fn new_note_form() {
    let mut h = Harness::new(Lang::Ja);
    h.press("nコントソ<tab><down>");
    at_sizes("new_note_ja", &mut h);
}

#[test]
fn status_and_questionnaire() {
    let mut h = Harness::new(Lang::En);
    h.press("nContoso<tab>Teams<enter><down>");
    at_sizes("status_en", &mut h);
    h.press("?ny");
    at_sizes("questionnaire_en", &mut h);
}

#[test]
fn templates() {
    let mut h = Harness::new(Lang::Ja);
    h.press("nContoso<tab>Teams<enter>u");
    at_sizes("template_unknown_ja", &mut h);
}

#[test]
fn slot_prompts() {
    let mut h = Harness::new(Lang::En);
    h.press("nContoso<tab>Teams<enter>b<enter>the proxy strips auth headers");
    at_sizes("slots_en", &mut h);
}

#[test]
fn compose_japanese_with_highlights() {
    let mut h = Harness::new(Lang::Ja);
    h.press("nContoso<tab>Teams<enter>bf");
    h.press("お客様は現時点では特定の問題により展開できない可能性があります。");
    at_sizes("compose_ja", &mut h);
    at_sizes_wide(&mut h);
    // Styles: the Debug form of the buffer lists every style run.
    let buf = h.render(60, 12);
    insta::assert_snapshot!("compose_ja_styles", format!("{buf:?}"));
}

fn at_sizes_wide(h: &mut Harness) {
    insta::assert_snapshot!("compose_ja_120x24", h.screen_text(120, 24));
}

#[test]
fn help_overlay() {
    let mut h = Harness::new(Lang::Ja);
    h.press("nContoso<tab>Teams<enter>bf");
    h.events(vec![common::key(crossterm::event::KeyCode::F(1), crossterm::event::KeyModifiers::NONE)]);
    insta::assert_snapshot!("help_compose_ja", h.screen_text(80, 40));
}

#[test]
fn tiny_terminal() {
    let mut h = Harness::new(Lang::En);
    insta::assert_snapshot!("tiny_en", h.screen_text(20, 5));
    insta::assert_snapshot!("zero", buffer_text(&h.render(1, 1)));
    // Every narrow size draws without writing outside the screen, in both
    // languages (double-width text in a one-column terminal included).
    for ui in [Lang::Ja, Lang::En] {
        let mut h = Harness::new(ui);
        h.press("nT<tab>Teams<enter>bf現在");
        for w in 1..=45 {
            for hh in 1..=14 {
                h.render(w, hh);
            }
        }
    }
}

#[test]
fn the_cursor_sits_at_the_insertion_point_by_display_width() {
    let mut h = Harness::new(Lang::Ja);
    h.press("nContoso<tab>Teams<enter>bf");
    h.press("お客様は");
    // Editor box starts at column 1 (border), row 3 (title, grade, prompt, border).
    let (x0, y0) = h.cursor(80, 24);
    h.press("現在");
    let (x1, y1) = h.cursor(80, 24);
    assert_eq!((x1 - x0, y1), (4, y0), "two kanji are four columns");
    h.press("<left>");
    assert_eq!(h.cursor(80, 24).0, x1 - 2);
    // Past the right edge the text wraps and the cursor follows it down.
    h.press("<C-e>");
    h.press(&"あ".repeat(40));
    let (x2, y2) = h.cursor(80, 24);
    assert!(y2 > y0, "wrapped to the next row");
    assert!(x2 < 80);
}

#[test]
fn reason_picker() {
    let mut h = Harness::new(Lang::En);
    h.press("nContoso<tab>Teams<enter>bfThe proxy drops Teams media.<C-t><down>");
    insta::assert_snapshot!("reason_picker_en_100x30", h.screen_text(100, 30));
}

#[test]
fn no_color_keeps_every_problem_visible_by_modifier() {
    use ratatui::style::{Color, Modifier};
    let mut h = Harness::new(Lang::Ja);
    h.app.theme = statusnote::tui::theme::Theme::new(false);
    h.press("nContoso<tab>Teams<enter>bfお客様は現時点では展開できません。");
    let buf = h.render(80, 24);
    let mut underlined = false;
    for cell in buf.content() {
        assert!(matches!(cell.fg, Color::Reset), "a colour was used: {:?}", cell.fg);
        if cell.symbol() == "現" && cell.modifier.contains(Modifier::UNDERLINED) {
            underlined = true;
        }
    }
    assert!(underlined, "the vague words are underlined without colour");
}

/// The status's checklist beside the note, ticked as the note is typed:
/// Status unknown in Japanese (count and whom found, account type still
/// missing), then Blocked in English with its reason found.
#[test]
fn checklist_ticks_as_the_note_is_typed() {
    let mut h = Harness::new(Lang::Ja);
    h.press("nContoso<tab>Teams<enter>uf");
    h.press("IT 管理者に 3 回メールしましたが返信がありません。");
    let before = h.screen_text(100, 30);
    assert!(before.contains("✗ 管理対象かどうか"), "{before}");
    assert!(before.contains("✓ 連絡回数"), "{before}");
    insta::assert_snapshot!("checklist_unknown_ja_100x30", before);
    h.press("管理対象アカウントです。");
    let after = h.screen_text(100, 30);
    assert!(after.contains("✓ 管理対象かどうか"), "{after}");
    assert!(after.contains("● great"), "{after}");

    let mut e = Harness::new(Lang::En);
    e.press("nContoso<tab>Teams<enter>bf");
    e.press("Teams cannot be deployed because the proxy strips the authentication headers.");
    let text = e.screen_text(80, 24);
    assert!(text.contains("✓ why (the specific reason)"), "{text}");
    insta::assert_snapshot!("checklist_blocked_en_80x24", text);
}
