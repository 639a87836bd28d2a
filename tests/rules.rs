//! One rule at a time, with the traps the brief warns about: each test reads
//! as what a manager would notice in the output.

use statusnote::engine::{Engine, Report, Rule};
use statusnote::note::{Grade, Lang, Severity, Status};

fn lint(text: &str, status: Option<Status>) -> Report {
    Engine::builtin().lint(text, status, Lang::detect(text))
}

fn flagged(text: &str, status: Option<Status>, rule: Rule) -> Vec<String> {
    lint(text, status).findings.iter().filter(|f| f.rule == rule).map(|f| text[f.start..f.end].to_string()).collect()
}

fn grade(text: &str, status: Status) -> Grade {
    lint(text, Some(status)).grade
}

use Status::*;

#[test]
fn vague_words_are_found_in_japanese_without_spaces() {
    assert_eq!(flagged("お客様は現時点では展開できません。", Some(Blocked), Rule::VagueTime), ["現時点では"]);
    assert_eq!(flagged("現在のところ未定です。", None, Rule::VagueTime), ["現在のところ"]);
    assert_eq!(flagged("パートナーがまだ決まっていないため展開できません。", Some(Blocked), Rule::VagueTime), ["まだ"]);
}

#[test]
fn mada_inside_other_words_is_not_vague() {
    for text in ["設定はそのままだと動きません。", "要件はさまざまだが移行中です。", "構成は様々だ。"]
    {
        assert!(flagged(text, None, Rule::VagueTime).is_empty(), "{text}");
    }
}

#[test]
fn english_vague_words_respect_word_boundaries() {
    assert_eq!(flagged("Customer cannot deploy yet.", Some(Blocked), Rule::VagueTime), ["yet"]);
    assert!(flagged("The yeti team moved files.", None, Rule::VagueTime).is_empty());
    assert!(flagged("Currency rules apply.", None, Rule::VagueTime).is_empty());
    assert_eq!(flagged("For now, blocked.", Some(Blocked), Rule::VagueTime), ["For now"]);
}

#[test]
fn a_time_word_describing_ongoing_work_is_fine() {
    let r = lint("Customer is currently working on remediation of the proxy.", Some(InProgress));
    assert_eq!(r.grade, Grade::Great);
    let v: Vec<_> = r.findings.iter().filter(|f| f.rule == Rule::VagueTime).collect();
    assert_eq!(v.len(), 1, "still highlighted");
    assert_eq!(v[0].severity, Severity::Hint);
}

#[test]
fn an_inability_qualified_only_by_a_time_word_is_poor() {
    assert_eq!(grade("Customer cannot deploy right now.", Blocked), Grade::Poor);
    assert_eq!(grade("お客様は現在展開できません。", Blocked), Grade::Poor);
}

#[test]
fn a_time_word_on_the_main_clause_beside_a_reason_is_marginal() {
    assert_eq!(
        grade("お客様は、プロキシが先進認証に対応していないため、現時点では展開できません。", Blocked),
        Grade::Marginal
    );
    assert_eq!(
        grade("For now the customer cannot deploy because the proxy drops Teams traffic.", Blocked),
        Grade::Marginal
    );
}

#[test]
fn a_time_word_inside_the_reason_is_only_a_hint() {
    let t = "パートナーがまだ決まっていないため、移行を開始できません。";
    assert_eq!(grade(t, Blocked), Grade::Great);
}

#[test]
fn a_condition_is_not_a_reason() {
    assert_eq!(
        flagged("合併が完了するまで、お客様は展開しません。", Some(NoIntent), Rule::ConditionNotReason),
        ["合併が完了するまで"]
    );
    assert_eq!(grade("Customer will not deploy until the merger completes.", NoIntent), Grade::Marginal);
    // With a reason beside it, the condition does no harm.
    assert_eq!(
        grade(
            "Customer is blocked until the proxy is replaced, because it strips the authentication headers.",
            Blocked
        ),
        Grade::Great
    );
}

#[test]
fn a_concrete_event_is_a_reason_even_if_temporary() {
    assert_eq!(
        grade("Customer has no intent to onboard due to the ongoing acquisition of Fabrikam.", NoIntent),
        Grade::Great
    );
    assert_eq!(grade("進行中の別会社の買収により、お客様にはオンボードする意図がありません。", NoIntent), Grade::Great);
}

#[test]
fn a_slash_list_names_no_primary_issue() {
    assert_eq!(
        flagged("クラウド/データ/法的な問題のため、展開できません。", Some(Blocked), Rule::SlashList),
        ["クラウド/データ/法的"]
    );
    assert_eq!(flagged("Blocked by cost / skills issues.", Some(Blocked), Rule::SlashList), ["cost / skills"]);
    assert_eq!(grade("Cannot deploy due to cloud/data/legal issues.", Blocked), Grade::Poor);
}

#[test]
fn labels_products_dates_and_fractions_are_not_slash_lists() {
    for t in [
        "Blocked: Legal/Regulatory review of the works council agreement is pending.",
        "法務/規制の審査で、労使協議会の同意が得られていないため展開できません。",
        "The TCP/IP stack on the print servers drops Teams traffic.",
        "Exchange/Teams coexistence fails for calendar sharing.",
        "The contract ends on 3/31, so licences lapse.",
        "Only 1/4 of the devices meet the hardware requirements.",
    ] {
        assert!(flagged(t, Some(Blocked), Rule::SlashList).is_empty(), "{t}");
    }
}

#[test]
fn a_generic_noun_is_not_a_specific_reason() {
    assert_eq!(
        grade("お客様は、オンプレミスでの特定のインフラストラクチャにより展開しません。", Blocked),
        Grade::Marginal
    );
    assert_eq!(grade("Customer will not deploy due to some issues.", Blocked), Grade::Marginal);
    assert_eq!(grade("Invalid because of licensing.", DuplicateInvalid), Grade::Marginal);
    assert_eq!(
        flagged("Customer cannot deploy due to technical issues.", Some(Blocked), Rule::GenericReason),
        ["technical issues"]
    );
}

#[test]
fn a_generic_noun_pinned_down_by_a_complement_is_specific() {
    let t = "データの常駐に関する法的な制限により、サービスは展開されません。お客様は、X 規制により、規制対象のデータを国外に保存することを禁止されています。";
    assert_eq!(grade(t, Blocked), Grade::Great);
}

#[test]
fn only_the_status_restated_is_poor_except_in_progress() {
    for (t, s) in [
        ("お客様の無反応。", Unknown),
        ("Customer unresponsive.", Unknown),
        ("Blocked.", Blocked),
        ("No intent.", NoIntent),
        ("重複。", DuplicateInvalid),
        ("Blocked: Legal/Regulatory.", Blocked),
    ] {
        assert_eq!(grade(t, s), Grade::Poor, "{t}");
    }
    assert_eq!(grade("進行中。", InProgress), Grade::Marginal);
    assert_eq!(grade("In progress.", InProgress), Grade::Marginal);
}

#[test]
fn in_progress_needs_a_phase_or_focus_in_a_clause_that_says_what_is_done() {
    assert_eq!(grade("Migration.", InProgress), Grade::Marginal);
    assert_eq!(grade("移行。", InProgress), Grade::Marginal);
    assert_eq!(
        grade("お客様は展開プロセスを継続しており、現在展開準備ステップに取り組んでいます。", InProgress),
        Grade::Great
    );
    assert_eq!(grade("Onboarding underway, focusing on identity synchronisation.", InProgress), Grade::Great);
    assert_eq!(grade("", InProgress), Grade::Poor);
}

#[test]
fn status_unknown_needs_count_and_account_type() {
    assert_eq!(
        grade("3 回連絡を取ろうとして試みてもお客様から返信がありません。管理対象のお客様です。", Unknown),
        Grade::Great
    );
    assert_eq!(
        grade("Customer did not answer three contact attempts by email. Unmanaged account.", Unknown),
        Grade::Great
    );
    let r = lint("連絡を取ろうとして試みてもお客様から返信がありません。", Some(Unknown));
    let rules: Vec<Rule> = r.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&Rule::NoAttemptCount) && rules.contains(&Rule::NoAccountType), "{rules:?}");
    assert_eq!(r.grade, Grade::Marginal);
    assert_eq!(grade("No response.", Unknown), Grade::Poor);
}

#[test]
fn counts_in_every_script_but_not_several() {
    for t in [
        "三回連絡しましたが返信がありません。管理対象です。",
        "３回メールしましたが返信がありません。非管理です。",
        "Called twice, no answer. Managed.",
    ] {
        assert!(flagged(t, Some(Unknown), Rule::NoAttemptCount).is_empty(), "{t}");
    }
    for t in [
        "複数回連絡しましたが返信がありません。管理対象です。",
        "Contacted several times, no answer. Managed.",
        "Repeatedly emailed, no answer. Managed.",
    ] {
        assert_eq!(flagged(t, Some(Unknown), Rule::NoAttemptCount).len(), 1, "{t}");
    }
}

#[test]
fn a_new_subscription_with_its_date_is_a_complete_unknown_note() {
    assert_eq!(grade("New subscription added on 3 November; outreach has not started.", Unknown), Grade::Great);
    // Without when it only restates the L2 label: the attempts are needed.
    assert_eq!(grade("新しいサブスクリプションが追加されました。", Unknown), Grade::Poor);
}

#[test]
fn chatter_alone_is_poor_and_beside_a_statement_is_marginal() {
    assert_eq!(grade("Schedule a kickoff meeting to gather the intent for the workload.", Unknown), Grade::Poor);
    assert_eq!(grade("使用量 0.0%。", NoIntent), Grade::Poor);
    assert_eq!(
        flagged("お客様は、このワークロードに対する意図がなく、使用量 0.0% です。", Some(NoIntent), Rule::UsageData),
        ["使用量 0.0%"]
    );
    assert_eq!(
        grade("Customer is migrating 200 mailboxes in the second wave. Weekly sync calls are scheduled.", InProgress),
        Grade::Marginal
    );
}

#[test]
fn teams_meetings_are_a_product_not_logistics() {
    assert!(
        flagged("Pilot of Teams meetings with 50 users is under way.", Some(InProgress), Rule::Logistics).is_empty()
    );
    assert!(flagged("Teams 会議のパイロットを実施しています。", Some(InProgress), Rule::Logistics).is_empty());
}

#[test]
fn one_hedge_makes_a_great_note_marginal() {
    let t = "The proxy strips authentication headers, so users cannot sign in. A fix is likely next quarter.";
    assert_eq!(grade(t, Blocked), Grade::Marginal);
    assert_eq!(flagged(t, Some(Blocked), Rule::Hedging), ["likely"]);
    assert_eq!(flagged("可用性の要件を満たしています。", None, Rule::Hedging), Vec::<String>::new());
}

#[test]
fn three_sentences_are_too_long_except_for_status_unknown() {
    let t = "The proxy strips headers. Users cannot sign in. The vendor is working on it.";
    assert_eq!(flagged(t, Some(Blocked), Rule::TooLong), ["The vendor is working on it."]);
    let u = "Emailed 3 times. Called the IT lead once. Managed account.";
    assert!(flagged(u, Some(Unknown), Rule::TooLong).is_empty());
}

#[test]
fn sentence_counting_keeps_figures_and_abbreviations_whole() {
    let t = "Usage is 0.0% on version 16.0.1 of the apps, e.g. Word. The proxy blocks sign-in.";
    assert!(flagged(t, Some(Blocked), Rule::TooLong).is_empty());
}

#[test]
fn declining_fasttrack_is_not_no_intent() {
    assert_eq!(grade("Customer declined FastTrack assistance.", NoIntent), Grade::Poor);
    assert_eq!(grade("お客様は FastTrack の支援を断りました。", NoIntent), Grade::Poor);
    // Declining FastTrack beside a real reason is only a hint.
    let t = "Customer declined FastTrack help; they are contracted to Google Workspace until 2028, so no intent.";
    assert_eq!(grade(t, NoIntent), Grade::Great);
}

#[test]
fn text_that_describes_another_status_is_a_warning_only() {
    let r = lint("Customer does not want the service because the proxy cannot be changed.", Some(Blocked));
    let c: Vec<_> = r.findings.iter().filter(|f| f.rule == Rule::StatusContradiction).collect();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].effect, None);
    let r = lint("Customer is unresponsive to our emails; migration planning continues.", Some(InProgress));
    assert!(r.findings.iter().any(|f| f.rule == Rule::StatusContradiction));
    // "Will not deploy because of an obstacle" is a normal Blocked note.
    let r = lint("Customer will not deploy because the firewall drops traffic.", Some(Blocked));
    assert!(!r.findings.iter().any(|f| f.rule == Rule::StatusContradiction));
}

#[test]
fn unfilled_slots_make_a_note_poor_and_slot_names_are_not_linted() {
    let t = "お客様は、[潜在的な解決策] が実施されるまで [主な問題] のためにブロックされています。";
    let r = lint(t, Some(Blocked));
    assert_eq!(r.grade, Grade::Poor);
    let slots: Vec<&str> =
        r.findings.iter().filter(|f| f.rule == Rule::UnfilledSlot).map(|f| &t[f.start..f.end]).collect();
    assert_eq!(slots, ["[潜在的な解決策]", "[主な問題]"]);
    let t2 = "[特定の制限] による問題";
    assert!(flagged(t2, Some(Blocked), Rule::GenericReason).iter().all(|s| !s.contains("特定の")));
    // Brackets around other words are not slots.
    assert!(flagged("The [EXO] proxy drops traffic.", Some(Blocked), Rule::UnfilledSlot).is_empty());
}

#[test]
fn empty_and_whitespace_notes_are_poor_not_errors() {
    for t in ["", "   ", "\n\t　"] {
        let r = lint(t, Some(Blocked));
        assert_eq!(r.grade, Grade::Poor);
        assert_eq!(r.findings[0].rule, Rule::Empty);
    }
}

#[test]
fn without_a_status_the_note_is_graded_as_the_status_it_reads_as() {
    let r = lint("Customer cannot deploy due to cloud/data/legal issues.", None);
    assert_eq!(r.status, None);
    assert_eq!(r.reads_as, Some(Blocked));
    assert_eq!(r.grade, Grade::Poor);
    assert!(r.findings.iter().any(|f| f.rule == Rule::NoStatus && f.severity == Severity::Hint));
    assert!(r.findings.iter().any(|f| f.rule == Rule::SlashList));
    // Nothing to read it by: only the rules for every status apply.
    let r = lint("Hello.", None);
    assert_eq!(r.reads_as, None);
    assert!(!r.findings.iter().any(|f| f.rule == Rule::MissingReason));
}

#[test]
fn spans_are_byte_ranges_into_the_note_as_given() {
    for t in ["お客様は現在展開できません。", "\u{feff}😀 Customer cannot deploy yet 👩‍💻.", "e\u{301} currently blocked"]
    {
        let r = lint(t, Some(Blocked));
        for f in &r.findings {
            assert!(t.is_char_boundary(f.start) && t.is_char_boundary(f.end) && f.start <= f.end, "{t}: {f:?}");
        }
    }
    let t = "😀 現在";
    let f = &flagged(t, Some(Blocked), Rule::VagueTime);
    assert_eq!(f, &["現在"]);
}

#[test]
fn japanese_with_english_product_names_is_japanese() {
    assert_eq!(Lang::detect("Exchange Online の Hybrid Configuration Wizard が失敗"), Lang::Ja);
    assert_eq!(Lang::detect("Exchange Online hybrid wizard fails"), Lang::En);
}

#[test]
fn pasted_notes_are_flagged_except_for_status_unknown() {
    use statusnote::engine::pasted_across_workloads;
    let note = "Customer cannot deploy because the proxy drops traffic.";
    let got = pasted_across_workloads(&[
        ("Exchange Online", Some(Blocked), note),
        ("Microsoft Teams", Some(Blocked), &format!("  {note} ")),
        ("Intune", Some(Blocked), "Other text."),
    ]);
    assert_eq!(got, [0, 1]);
    let unresponsive = "Customer did not reply to 3 emails. Managed.";
    assert!(
        pasted_across_workloads(&[("EXO", Some(Unknown), unresponsive), ("Teams", Some(Unknown), unresponsive)])
            .is_empty()
    );
}

#[test]
fn messages_exist_in_both_languages_for_every_rule() {
    let e = Engine::builtin();
    let r = lint("お客様は現在展開できません。", Some(Blocked));
    let f = r.findings.iter().find(|f| f.rule == Rule::VagueTime).unwrap();
    let text = "お客様は現在展開できません。";
    assert!(e.message(f, text, Some(Blocked), Lang::Ja).contains("「現在」"));
    assert!(e.message(f, text, Some(Blocked), Lang::En).contains("\"現在\""));
    let missing = r.findings.iter().find(|f| f.rule == Rule::MissingReason).unwrap();
    assert!(e.message(missing, text, Some(Blocked), Lang::En).starts_with("Why is it blocked?"));
}

#[test]
fn a_huge_note_is_linted_without_trouble() {
    let t = "The proxy drops Teams traffic, so users cannot join calls. ".repeat(20_000);
    assert!(t.len() > 1_000_000);
    let r = lint(&t, Some(Blocked));
    assert_eq!(r.grade, Grade::Marginal, "far too long");
}
