//! Shipped data files load, and broken ones fail with the exact sentence a
//! user sees: file, line and column, and what is wrong.

use statusnote::assets::{self, DataError};
use statusnote::engine::lexicon::LexiconData;
use statusnote::engine::{Engine, Rule, Sources};
use statusnote::note::{Lang, Status};
use statusnote::taxonomy::Taxonomy;
use statusnote::template::{Source, TemplateSet};

#[test]
fn every_shipped_file_loads_into_an_engine() {
    let sources = Sources::embedded().unwrap();
    assert!(Engine::from_sources(&sources).is_ok());
    assert!(sources.slot_names.iter().any(|n| n == "主な問題"));
    assert!(sources.slot_names.iter().any(|n| n == "primary issue"));
}

#[test]
fn templates_cover_every_status_in_both_languages_with_prompts() {
    for lang in [Lang::Ja, Lang::En] {
        let set = TemplateSet::builtin(lang).unwrap();
        for st in Status::ALL {
            let t = set.for_status(st).unwrap_or_else(|| panic!("{lang} {st}"));
            assert!(!t.label.is_empty() && !t.description.is_empty());
            assert!(!t.template.is_empty(), "{lang} {st}");
            // Our own line that can reach great comes first.
            assert_eq!(t.template[0].source, Source::Statusnote, "{lang} {st}");
        }
        for (name, slot) in &set.slot {
            assert!(!slot.question.is_empty() && !slot.hint.is_empty() && !slot.example.is_empty(), "{name}");
        }
    }
}

#[test]
fn japanese_seed_template_lines_ship_word_for_word() {
    let guidance = std::fs::read_to_string("../shared/seed/entitlement-status-notes-guidance.ja.md");
    let Ok(guidance) = guidance else {
        eprintln!("skipped: ../shared/seed is not beside the repository");
        return;
    };
    let plain = guidance.replace("**", "").replace("\\[", "[").replace("\\]", "]").replace("  ", " ");
    let set = TemplateSet::builtin(Lang::Ja).unwrap();
    for st in &set.status {
        for t in st.template.iter().filter(|t| t.source == Source::Seed) {
            assert!(plain.contains(&t.text), "not in the guidance: {}", t.text);
        }
    }
}

/// Our templates, filled with their own examples, make great notes: the
/// composer's promise.
#[test]
fn our_templates_filled_with_their_examples_grade_great() {
    let engine = Engine::builtin();
    for lang in [Lang::Ja, Lang::En] {
        let set = TemplateSet::builtin(lang).unwrap();
        for st in Status::ALL {
            let t = &set.for_status(st).unwrap().template[0];
            let answers = t.slot_names().into_iter().map(|n| (n.to_string(), set.slot[n].example.clone())).collect();
            let note = t.fill(&answers, &set.slot);
            let r = engine.lint(&note, Some(st), lang);
            let rules: Vec<&str> = r.findings.iter().filter(|f| f.effect.is_some()).map(|f| f.rule.id()).collect();
            assert_eq!(r.grade.as_str(), "great", "{lang} {st}: {note} {rules:?}");
        }
    }
}

#[test]
fn an_empty_optional_slot_is_dropped_with_its_sentence() {
    let set = TemplateSet::builtin(Lang::Ja).unwrap();
    let t = &set.for_status(Status::InProgress).unwrap().template[0];
    let mut answers = std::collections::BTreeMap::new();
    answers.insert("展開のフェーズ".to_string(), "パイロット".to_string());
    let note = t.fill(&answers, &set.slot);
    // No space is left between two Japanese words; an unfilled slot keeps its.
    assert_eq!(note, "お客様はパイロットの段階にあり、[現在取り組んでいる作業] を進めています。");
    let r = Engine::builtin().lint(&note, Some(Status::InProgress), Lang::Ja);
    assert!(r.findings.iter().any(|f| f.rule == Rule::UnfilledSlot));
}

#[test]
fn a_filled_japanese_slot_takes_no_space_from_the_template_but_latin_words_keep_theirs() {
    let set = TemplateSet::builtin(Lang::Ja).unwrap();
    let t = &set.for_status(Status::Blocked).unwrap().template[0];
    let fill = |issue: &str, details: &str| {
        let mut answers = std::collections::BTreeMap::new();
        answers.insert("主な問題".to_string(), issue.to_string());
        answers.insert("技術的な詳細".to_string(), details.to_string());
        t.fill(&answers, &set.slot)
    };
    assert_eq!(
        fill("プロキシが先進認証に対応していない", "Outlook からサインインできません"),
        "プロキシが先進認証に対応していないため、お客様は展開できません。Outlook からサインインできません。"
    );
    // A Latin word at the edge keeps the space the template puts there.
    assert_eq!(
        fill("SMTP リレーが Exchange 2010", "メールが Exchange 2010"),
        "SMTP リレーが Exchange 2010 ため、お客様は展開できません。メールが Exchange 2010。"
    );
}

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/invalid/{name}")).unwrap()
}

fn shown(name: &str, e: DataError) -> String {
    e.in_file(&format!("tests/fixtures/invalid/{name}")).to_string()
}

#[test]
fn broken_files_fail_with_their_exact_sentence() {
    let cases: Vec<(&str, Result<(), DataError>, &str)> = vec![
        (
            "template-typo.toml",
            TemplateSet::from_toml(&read("template-typo.toml"), Lang::En).map(drop),
            "tests/fixtures/invalid/template-typo.toml:10:1: unknown field `txt`, expected one of `id`, `source`, `text`",
        ),
        (
            "template-undefined-slot.toml",
            TemplateSet::from_toml(&read("template-undefined-slot.toml"), Lang::En).map(drop),
            "tests/fixtures/invalid/template-undefined-slot.toml:17:9: slot `[primary issue]` has no [slot.\"primary issue\"] definition",
        ),
        (
            "template-syntax.toml",
            TemplateSet::from_toml(&read("template-syntax.toml"), Lang::Ja).map(drop),
            "tests/fixtures/invalid/template-syntax.toml:2:10: unclosed array table, expected `]`",
        ),
        (
            "lexicon-unknown-category.toml",
            LexiconData::from_toml(&read("lexicon-unknown-category.toml")).map(drop),
            "tests/fixtures/invalid/lexicon-unknown-category.toml:4:2: unknown field `vauge`, expected one of `vague`, `hedge`, `logistics`, `usage`, `fasttrack`, `decline`, `generic`, `reason_noun`, `category`, `stop`, `reason_before`, `reason_after`, `condition`, `inability`, `no_intent`, `restatement`, `phase`, `phase_marker`, `activity`, `contact`, `count_unit`, `number_word`, `managed`, `whom`, `new_item`, `when`, `unreachable`, `abbreviation`, `concrete`, `broad`, `determiner`, `vague_cause`, `vacuous`, `pending`, `self_deploy`, `person`, `placeholder`",
        ),
        (
            "lexicon-bad-form.toml",
            LexiconData::from_toml(&read("lexicon-bad-form.toml")).map(drop),
            "tests/fixtures/invalid/lexicon-bad-form.toml: category Inability: form `cannot deploy` has no {v}",
        ),
        (
            "taxonomy-unknown-status.toml",
            Taxonomy::from_toml(&read("taxonomy-unknown-status.toml")).map(drop),
            "tests/fixtures/invalid/taxonomy-unknown-status.toml: unknown status id `paused`",
        ),
    ];
    for (name, result, want) in cases {
        let got = shown(name, result.expect_err(name));
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn embedded_constants_name_their_files() {
    assert_eq!(assets::TEMPLATES_JA.0, "templates/ja.toml");
    assert_eq!(std::fs::read_to_string(assets::LEXICON_EN.0).unwrap(), assets::LEXICON_EN.1);
}

/// Issue 10: 「3回」 in a slot followed by 回 gives 「3 回」, not 「3回回」;
/// an English slot that starts a sentence starts with a capital.
#[test]
fn a_count_with_its_counter_is_not_doubled_and_sentences_start_with_a_capital() {
    let find = |set: &TemplateSet, slot: &str| {
        set.for_status(Status::Unknown)
            .unwrap()
            .template
            .iter()
            .find(|t| t.slot_names().contains(&slot))
            .cloned()
            .expect("an Unknown template with the count slot")
    };
    let ja = TemplateSet::builtin(Lang::Ja).unwrap();
    let t = find(&ja, "連絡した回数");
    let mut answers = std::collections::BTreeMap::new();
    answers.insert("連絡した相手".to_string(), "IT 管理者".to_string());
    answers.insert("連絡手段".to_string(), "メール".to_string());
    answers.insert("連絡した回数".to_string(), "3回".to_string());
    answers.insert("管理対象または非管理".to_string(), "管理対象".to_string());
    let note = t.fill(&answers, &ja.slot);
    assert!(note.contains("3回連絡") && !note.contains("回回"), "{note}");
    answers.insert("連絡した回数".to_string(), "3".to_string());
    assert!(t.fill(&answers, &ja.slot).contains("3 回連絡"));

    let en = TemplateSet::builtin(Lang::En).unwrap();
    let t = find(&en, "number of attempts");
    let mut answers = std::collections::BTreeMap::new();
    answers.insert("number of attempts".to_string(), "3 contact attempts".to_string());
    answers.insert("contact channels".to_string(), "email and phone".to_string());
    answers.insert("people contacted".to_string(), "the IT lead".to_string());
    answers.insert("managed or unmanaged".to_string(), "managed".to_string());
    let note = t.fill(&answers, &en.slot);
    assert!(note.contains("to 3 contact attempts by") && !note.contains("attempts contact attempts"), "{note}");
    assert!(note.ends_with("the IT lead. Managed account."), "{note}");
    let r = statusnote::engine::Engine::builtin().lint(&note, Some(Status::Unknown), Lang::En);
    assert_eq!(r.grade, statusnote::note::Grade::Great, "{note}: {:?}", r.findings);
}
