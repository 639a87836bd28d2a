//! Issue 10's table: notes that today's engine graded wrong, each graded as
//! the guidance and the brief's Decisions grade it. A note is great only on
//! evidence the engine found; anything it cannot find lowers the grade.

use statusnote::engine::{Element, Engine, Rule};
use statusnote::note::{Grade, Lang, Status};

fn lint(status: Option<&str>, note: &str) -> statusnote::engine::Report {
    let engine = Engine::builtin();
    let status = status.map(|s| engine.taxonomy().parse_status(s).expect("known status"));
    engine.lint(note, status, Lang::detect(note))
}

#[track_caller]
fn graded(status: Option<&str>, note: &str, want: Grade) {
    let r = lint(status, note);
    let rules: Vec<&str> = r.findings.iter().map(|f| f.rule.id()).collect();
    assert_eq!(r.grade, want, "{status:?} {note:?}: {rules:?}");
}

#[test]
fn a_reason_that_names_nothing_is_no_reason() {
    graded(Some("blocked"), "Customer is busy.", Grade::Poor);
    graded(Some("blocked"), "検討中です。", Grade::Poor);
    graded(Some("blocked"), "未定", Grade::Poor);
    graded(Some("no-intent"), "Low priority.", Grade::Poor);
    graded(Some("no-intent"), "Not a priority for them at the moment.", Grade::Poor);
    graded(Some("duplicate-invalid"), "Invalid, please close this entitlement.", Grade::Poor);
}

#[test]
fn a_vague_inability_with_no_reason_is_poor() {
    graded(Some("blocked"), "Customer put Teams Phone on hold for now.", Grade::Poor);
}

#[test]
fn a_pending_check_is_no_reason() {
    let r = lint(Some("duplicate-invalid"), "Waiting on the account team to confirm");
    assert_eq!(r.grade, Grade::Poor);
    assert!(r.findings.iter().any(|f| f.rule == Rule::PendingCheck));
    graded(Some("blocked"), "アカウント チームに確認中", Grade::Poor);
}

#[test]
fn any_placeholder_is_an_unfilled_slot() {
    for (status, note) in [
        ("blocked", "Blocked because [reason]."),
        ("duplicate-invalid", "Same customer as [other tenant]"),
        ("blocked", "お客様は［件数］回の連絡に応答していません。"),
        ("no-intent", "〈理由〉のため利用しません。"),
        ("no-intent", "お客様は〇〇のため利用しません。"),
        ("blocked", "Blocked by XX on the proxy."),
        ("blocked", "Root cause TBD."),
    ] {
        let r = lint(Some(status), note);
        assert_eq!(r.grade, Grade::Poor, "{note}");
        assert!(r.findings.iter().any(|f| f.rule == Rule::UnfilledSlot), "{note}: {:?}", r.findings);
    }
}

#[test]
fn a_bracket_holding_content_is_not_a_placeholder() {
    for note in [
        "[upd 6/12] The proxy strips the authentication headers, so Teams cannot sign in.",
        "【12/1 追記】プロキシが認証ヘッダーを削除するため、Teams にサインインできません。",
        "[CR-4471] The proxy strips the authentication headers, so Teams cannot sign in.",
    ] {
        let r = lint(Some("blocked"), note);
        assert!(!r.findings.iter().any(|f| f.rule == Rule::UnfilledSlot), "{note}: {:?}", r.findings);
        assert_eq!(r.grade, Grade::Great, "{note}: {:?}", r.findings);
    }
}

#[test]
fn restated_labels_are_no_reason() {
    graded(Some("blocked"), "Status: Blocked (App Compatibility)", Grade::Poor);
    graded(Some("blocked"), "ブロック／IT インフラ", Grade::Poor);
}

#[test]
fn usage_figures_alone_are_poor() {
    graded(Some("duplicate-invalid"), "0 active seats in the last 28 days", Grade::Poor);
    graded(Some("duplicate-invalid"), "アクティブ 0、割当 0", Grade::Poor);
}

#[test]
fn declining_fasttrack_is_no_reason_for_no_intent() {
    graded(Some("no-intent"), "customer prefers to deploy on their own, without FastTrack", Grade::Poor);
    graded(Some("no-intent"), "FastTrack の支援は不要、自社で展開するとのこと", Grade::Poor);
    graded(Some("no-intent"), "a reseller handles the deployment for them", Grade::Poor);
}

#[test]
fn without_a_status_the_note_is_graded_as_the_status_it_reads_as() {
    let r = lint(None, "お客様の無反応。");
    assert_eq!(r.grade, Grade::Poor);
    assert_eq!(r.status, None);
    assert_eq!(r.reads_as, Some(Status::Unknown));
    graded(None, "Customer declined FastTrack assistance.", Grade::Poor);
}

#[test]
fn a_time_word_inside_the_reason_is_a_hint() {
    let note = "Customer has no intent to use Teams because they currently use Slack company-wide.";
    graded(Some("no-intent"), note, Grade::Great);
    let r = lint(Some("no-intent"), note);
    let reason = r.found(Element::Reason).expect("the reason is evidence");
    assert!(note[reason].contains("Slack"));
}

#[test]
fn the_same_unknown_note_grades_the_same_in_both_languages() {
    let en = lint(Some("unknown"), "Has not responded yet to 3 emails. Managed account.");
    let ja = lint(Some("unknown"), "3 回メールしましたが、まだ返信がありません。管理対象アカウントです。");
    assert_eq!(en.grade, ja.grade, "en {:?}\nja {:?}", en.findings, ja.findings);
    // "yet" / まだ qualifies the customer's silence, the status itself.
    assert_eq!(en.grade, Grade::Marginal);
    let counted = lint(Some("unknown"), "Contacted the IT admin 3 times so far, no reply. Managed account.");
    assert_eq!(counted.grade, Grade::Great, "a time word on the attempts is a hint: {:?}", counted.findings);
}

#[test]
fn a_new_subscription_with_a_date_in_any_usual_form_is_complete() {
    for date in ["2026-11-28", "11/28/2026", "6/3", "Q3", "last week"] {
        graded(Some("unknown"), &format!("New subscription added on {date}; intent not collected."), Grade::Great);
    }
    graded(Some("unknown"), "6月3日に新規サブスクリプションが追加されたため、意図は未収集です。", Grade::Great);
    // Without when, it restates the L2 label; the attempts are then needed.
    graded(Some("unknown"), "New subscription added; intent not collected.", Grade::Poor);
}

#[test]
fn an_unreachable_server_is_not_an_unreachable_customer() {
    let tech = "The reporting gateway cannot reach the on-premises SQL server, so we are rebuilding it in Azure.";
    let r = lint(Some("in-progress"), tech);
    assert!(!r.findings.iter().any(|f| f.rule == Rule::StatusContradiction), "{:?}", r.findings);
    let r = lint(Some("in-progress"), "Customer cannot be reached after 3 emails.");
    assert!(r.findings.iter().any(|f| f.rule == Rule::StatusContradiction), "{:?}", r.findings);
}

#[test]
fn a_generic_why_for_duplicate_invalid_stays_marginal() {
    graded(Some("duplicate-invalid"), "duplicate due to contract reasons", Grade::Marginal);
    graded(Some("duplicate-invalid"), "社内事情により無効", Grade::Marginal);
}

#[test]
fn great_notes_show_the_evidence_they_rest_on() {
    let note = "The proxy strips the authentication headers, so users cannot sign in to Teams.";
    let r = lint(Some("blocked"), note);
    assert_eq!(r.grade, Grade::Great, "{:?}", r.findings);
    let reason = r.found(Element::Reason).expect("reason found");
    assert!(note[reason].contains("proxy"));

    let note = "3 回メールと電話で IT 管理者に連絡しましたが返信がありません。管理対象アカウントです。";
    let r = lint(Some("unknown"), note);
    assert_eq!(r.grade, Grade::Great, "{:?}", r.findings);
    for e in [Element::Attempts, Element::Count, Element::AccountType, Element::Whom] {
        assert!(r.found(e).is_some(), "{e:?} not found");
    }
    assert_eq!(&note[r.found(Element::Count).unwrap()], "3 回");
}
