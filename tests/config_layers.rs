//! Your own templates, words and settings over the built-in ones: a config
//! file, a user layer and a team folder, used by the composer and by lint
//! alike, and bad files that are named and skipped without stopping work.

mod common;
use assert_cmd::Command;
use common::Harness;
use statusnote::config::{self, Config, STARTER};
use statusnote::engine::Rule;
use statusnote::note::{Lang, Status};
use statusnote::tui::app::Screen;
use std::path::{Path, PathBuf};

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A config directory holding `config.toml` and the given layer files.
fn config_dir(config: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg/config.toml");
    write(&cfg, config);
    for (name, text) in files {
        write(&dir.path().join("cfg").join(name), text);
    }
    (dir, cfg)
}

fn statusnote(cfg: &Path) -> Command {
    let mut c = Command::cargo_bin("statusnote").unwrap();
    c.env_remove("STATUSNOTE_CONFIG").env("NO_COLOR", "1").arg("--config").arg(cfg);
    c
}

const USER_TEMPLATE: &str = r#"
lang = "en"

[[status]]
id = "blocked"

[[status.template]]
id = "cab-gate"
text = "Customer cannot deploy because the [review board] has not approved the change."

[slot."review board"]
question = "Which board must approve?"
hint = "Name the board and what it reviews."
example = "change advisory board (CAB) for mail flow"
"#;

const USER_VAGUE: &str = "[vague]\nterms = [\"in due course\"]\n";

#[test]
fn user_template_appears_in_the_template_list_and_fills() {
    let (_d, cfg) = config_dir("", &[("templates/cab.toml", USER_TEMPLATE)]);
    let setup = config::load(Some(&cfg), None);
    assert!(setup.errors.is_empty(), "{:?}", setup.errors);
    let mut h = Harness::new(Lang::En);
    h.app.use_setup(&setup);
    h.press("nFabrikam<tab>Exchange Online<enter>");
    h.press("2"); // Blocked
    assert!(matches!(h.app.screen, Screen::Template(_)));
    let screen = h.screen_text(120, 30);
    assert!(screen.contains("5 Customer cannot deploy because the [review board] has not approved"), "{screen}");
    assert!(screen.contains("(yours)"), "a user's line is tagged as theirs:\n{screen}");
    h.press("5");
    assert!(matches!(h.app.screen, Screen::Slots(_)), "{:?}", h.app.screen);
    h.press("change advisory board<enter>");
    let Screen::Compose(c) = &h.app.screen else { panic!("{:?}", h.app.screen) };
    assert_eq!(
        c.editor.text(),
        "Customer cannot deploy because the change advisory board has not approved the change."
    );
}

#[test]
fn user_vague_word_is_highlighted_in_the_composer_and_found_by_lint() {
    let (_d, cfg) = config_dir("", &[("lexicon/en.toml", USER_VAGUE)]);
    let setup = config::load(Some(&cfg), None);
    let mut h = Harness::new(Lang::En);
    h.app.use_setup(&setup);
    h.press("nFabrikam<tab>Exchange Online<enter>2f");
    let note = "Customer will deploy in due course once the proxy supports modern auth.";
    h.press(note);
    let Screen::Compose(c) = &h.app.screen else { panic!("{:?}", h.app.screen) };
    let vague: Vec<&str> =
        c.report.findings.iter().filter(|f| f.rule == Rule::VagueTime).map(|f| &note[f.start..f.end]).collect();
    assert_eq!(vague, ["in due course"]);
    // Drawn underlined in the text, where the built-in vague words are.
    let buf = h.render(100, 30);
    let text = common::buffer_text(&buf);
    let row = text.lines().position(|l| l.contains("in due course")).expect("the note is on screen");
    let col = text.lines().nth(row).unwrap().find("in due course").unwrap() as u16;
    let cell = &buf[(col, row as u16)];
    assert!(cell.modifier.contains(ratatui::style::Modifier::UNDERLINED), "{cell:?}");

    let out = statusnote(&cfg).args(["lint", "-s", "blocked", "--format", "jsonl"]).write_stdin(note).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(r#""rule":"vague-time","severity":"#), "{stdout}");
    assert!(stdout.contains(r#""text":"in due course""#), "{stdout}");
    // Without the config (and its folder) the phrase is not a vague word.
    let elsewhere = tempfile::tempdir().unwrap();
    let plain = Command::cargo_bin("statusnote")
        .unwrap()
        .env("STATUSNOTE_CONFIG", elsewhere.path().join("absent.toml"))
        .args(["lint", "-s", "blocked", "--format", "jsonl"])
        .write_stdin(note)
        .output()
        .unwrap();
    assert!(!String::from_utf8(plain.stdout).unwrap().contains(r#""text":"in due course""#));
}

#[test]
fn a_rule_turned_off_stays_off_in_the_composer_and_in_lint() {
    let (_d, cfg) = config_dir("[rules]\nhedging = \"off\"\ntoo-long = \"hint\"\n", &[]);
    let setup = config::load(Some(&cfg), None);
    assert!(setup.errors.is_empty(), "{:?}", setup.errors);
    let note = "Customer cannot deploy because the proxy might strip modern auth headers for Outlook.";
    let mut h = Harness::new(Lang::En);
    h.app.use_setup(&setup);
    h.press("nFabrikam<tab>Exchange Online<enter>2f");
    h.press(note);
    let Screen::Compose(c) = &h.app.screen else { panic!() };
    assert!(c.report.findings.iter().all(|f| f.rule != Rule::Hedging), "{:?}", c.report.findings);
    // The built-in engine would flag the hedge: the setting is what removed it.
    let builtin = statusnote::engine::Engine::builtin().lint(note, Some(Status::Blocked), Lang::En);
    assert!(builtin.findings.iter().any(|f| f.rule == Rule::Hedging));

    let out = statusnote(&cfg).args(["lint", "-s", "blocked", "--format", "jsonl"]).write_stdin(note).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("hedging"), "{stdout}");
    assert!(stdout.contains(r#""grade":"great""#), "{stdout}");
}

#[test]
fn rule_levels_hint_and_poor_change_severity_and_grade() {
    let (_d, cfg) = config_dir("[rules]\nhedging = \"poor\"\n", &[]);
    let setup = config::load(Some(&cfg), None);
    let r = setup.engine.lint(
        "Customer cannot deploy because the proxy might strip modern auth headers for Outlook.",
        Some(Status::Blocked),
        Lang::En,
    );
    let hedge = r.findings.iter().find(|f| f.rule == Rule::Hedging).expect("still reported");
    assert_eq!(hedge.severity, statusnote::note::Severity::Error);
    assert_eq!(r.grade, statusnote::note::Grade::Poor);
}

#[test]
fn a_bad_user_file_is_named_with_line_and_column_and_the_rest_still_works() {
    let bad = "lang = \"en\"\n\n[[status]]\nid = \"blocked\"\n\n[[status.template]]\ntxt = \"Blocked by [x].\"\n";
    let (d, cfg) = config_dir("", &[("templates/bad.toml", bad), ("lexicon/en.toml", USER_VAGUE)]);
    let setup = config::load(Some(&cfg), None);
    let shown: Vec<String> = setup.errors.iter().map(ToString::to_string).collect();
    let bad_path = d.path().join("cfg/templates/bad.toml");
    assert_eq!(
        shown,
        [format!("{}:7:1: unknown field `txt`, expected one of `id`, `source`, `text`", bad_path.display())]
    );
    // The built-in templates are all there, and the good lexicon file counts.
    assert_eq!(setup.templates(Lang::En).for_status(Status::Blocked).unwrap().template.len(), 4);
    let r = setup.engine.lint("Customer will deploy in due course.", Some(Status::Blocked), Lang::En);
    assert!(r.findings.iter().any(|f| f.rule == Rule::VagueTime));

    // The composer says so once, on its status line.
    let mut h = Harness::new(Lang::En);
    h.app.use_setup(&setup);
    let (msg, _) = h.app.message.clone().expect("a message");
    assert!(msg.contains("bad.toml:7:1") && msg.contains("file ignored"), "{msg}");

    // lint names it once on stderr, and lints as usual.
    let out = statusnote(&cfg)
        .args(["lint", "-s", "blocked"])
        .write_stdin("Customer cannot deploy because the proxy strips modern auth headers for Outlook.")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.matches("bad.toml:7:1").count(), 1, "{stderr}");
    assert!(stderr.starts_with("statusnote: warning: "), "{stderr}");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("great"));
}

#[test]
fn a_broken_config_file_is_named_and_the_defaults_are_used() {
    let (d, cfg) = config_dir("theme = \"dark\"\nnote_lang = \"fr\"\n", &[]);
    let setup = config::load(Some(&cfg), None);
    let shown: Vec<String> = setup.errors.iter().map(ToString::to_string).collect();
    let path = d.path().join("cfg/config.toml");
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].starts_with(&format!("{}:2:13: unknown variant `fr`", path.display())), "{shown:?}");
    assert!(setup.config.note_lang.is_none());
}

const TEAM_TEMPLATE: &str = r#"
lang = "en"

[[status]]
id = "blocked"

[[status.template]]
id = "blocked-1"
source = "statusnote"
text = "Customer cannot deploy because [primary issue]; the account team tracks it as [ticket]."

[slot."ticket"]
question = "Which ticket tracks it?"
hint = "The CRM or DCR number."
example = "DCR-4471"
"#;

const TEAM_WORKLOADS: &str = r#"
[[workload]]
name = "Exchange Online"
spellings = ["Exchange Online", "EXO", "Exchange", "ExO mailboxes"]

[[workload]]
name = "Contoso Field App"
spellings = ["Contoso Field App", "CFA"]
"#;

#[test]
fn a_team_folder_overrides_a_preset_entry_by_id() {
    let team = tempfile::tempdir().unwrap();
    write(&team.path().join("templates/en.toml"), TEAM_TEMPLATE);
    write(&team.path().join("workloads.toml"), TEAM_WORKLOADS);
    write(&team.path().join("rules.toml"), "[rules]\nengagement-logistics = \"off\"\n");
    let (_d, cfg) = config_dir(&format!("team_dir = {:?}\n", team.path().display().to_string()), &[]);
    let setup = config::load(Some(&cfg), None);
    assert!(setup.errors.is_empty(), "{:?}", setup.errors);
    let blocked = setup.templates(Lang::En).for_status(Status::Blocked).unwrap();
    assert_eq!(blocked.template.len(), 4, "replaced, not added");
    assert_eq!(blocked.template[0].id, "blocked-1");
    assert!(blocked.template[0].text.contains("[ticket]"));
    let ws = setup.engine.workloads();
    assert_eq!(ws.iter().filter(|w| w.name == "Exchange Online").count(), 1);
    assert!(ws.iter().any(|w| w.name == "Contoso Field App"));
    assert_eq!(setup.engine.levels().get(Rule::Logistics), Some(statusnote::engine::Level::Off));

    // `config show` says where each came from; --team-dir does the same as team_dir.
    let out = Command::cargo_bin("statusnote")
        .unwrap()
        .env("STATUSNOTE_CONFIG", cfg.with_file_name("absent.toml"))
        .arg("--team-dir")
        .arg(team.path())
        .args(["config", "show"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = stdout.lines().find(|l| l.starts_with("blocked-1") && l.contains("[ticket]")).expect(&stdout);
    assert!(line.contains("templates/en.toml (replaces built-in)"), "{line}");
    let wl = stdout.lines().find(|l| l.starts_with("Exchange Online")).unwrap();
    assert!(wl.contains("ExO mailboxes") && wl.contains("workloads.toml (replaces built-in)"), "{wl}");
    assert!(stdout.lines().any(|l| l.starts_with("engagement-logistics") && l.contains("off")), "{stdout}");

    // The team's workload spelling reaches the composer's list.
    let mut h = Harness::new(Lang::En);
    h.app.use_setup(&setup);
    h.press("nFabrikam<tab>CFA<enter>");
    assert_eq!(h.app.entry().map(|e| e.workload.as_str()), Some("Contoso Field App"));
}

#[test]
fn config_check_exits_0_when_valid_and_1_naming_each_bad_file() {
    let (_d, cfg) =
        config_dir("[rules]\nhedging = \"hint\"\n", &[("lexicon/ja.toml", "[vague]\nterms = [\"当面\"]\n")]);
    let out = statusnote(&cfg).args(["config", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("ok: 2 files checked"));

    let (d, cfg) = config_dir(
        "[rules]\nhedgeing = \"off\"\n",
        &[("lexicon/vague.toml", USER_VAGUE), ("workloads.toml", "[[workload]]\nname = \"X\"\nspelling = []\n")],
    );
    let out = statusnote(&cfg).args(["config", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let p = |f: &str| d.path().join("cfg").join(f).display().to_string();
    assert!(stderr.contains(&format!("{}:2:1: unknown rule `hedgeing`", p("config.toml"))), "{stderr}");
    assert!(stderr.contains(&format!("{}: cannot tell the language", p("lexicon/vague.toml"))), "{stderr}");
    assert!(stderr.contains(&format!("{}:3:1: unknown field `spelling`", p("workloads.toml"))), "{stderr}");
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("3 errors"));

    // A config file named on purpose must exist.
    let out = statusnote(&d.path().join("nope.toml")).args(["config", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn config_init_writes_a_valid_starter_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("new/config.toml");
    let out = statusnote(&cfg).args(["config", "init"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&cfg).unwrap(), STARTER);
    Config::from_toml(STARTER).expect("the starter file is a valid config");

    std::fs::write(&cfg, "theme = \"light\"\n").unwrap();
    let out = statusnote(&cfg).args(["config", "init"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("already exists; not overwritten"));
    assert_eq!(std::fs::read_to_string(&cfg).unwrap(), "theme = \"light\"\n");
}

#[test]
fn config_path_names_every_place_it_looks() {
    let (d, cfg) = config_dir("", &[]);
    let out = statusnote(&cfg).args(["--team-dir", "/nowhere/team", "config", "path"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(&format!("config file:  {} (from --config; found)", cfg.display())), "{stdout}");
    assert!(stdout.contains(&format!("your data:    {}", d.path().join("cfg").display())), "{stdout}");
    assert!(stdout.contains("team folder:  /nowhere/team (from --team-dir; not found)"), "{stdout}");
}

#[test]
fn config_note_lang_is_the_default_lint_language() {
    let (_d, cfg) = config_dir("note_lang = \"ja\"\n", &[]);
    let out = statusnote(&cfg).args(["lint", "--format", "jsonl"]).write_stdin("Blocked.").output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains(r#""lang":"ja""#));
    let out = statusnote(&cfg).args(["lint", "--lang", "auto", "--format", "jsonl"]).write_stdin("Blocked.").output();
    assert!(String::from_utf8(out.unwrap().stdout).unwrap().contains(r#""lang":"en""#));
}

#[test]
fn dismiss_a_finding_in_the_composer_with_a_reason_and_it_is_saved() {
    let mut h = Harness::new(Lang::En);
    h.press("nFabrikam<tab>Exchange Online<enter>2f");
    h.press("Customer cannot deploy because the proxy might strip modern auth headers for Outlook.");
    let Screen::Compose(c) = &h.app.screen else { panic!() };
    assert_eq!(c.report.grade, statusnote::note::Grade::Marginal, "{:?}", c.report.findings);
    // Cursor onto "might", then Ctrl-X asks why.
    h.press("<home>");
    for _ in 0..45 {
        h.press("<right>");
    }
    h.press("<C-x>");
    let Some(statusnote::tui::app::Overlay::Dismiss { rule, .. }) = &h.app.overlay else {
        panic!("{:?}", h.app.overlay)
    };
    assert_eq!(*rule, Rule::Hedging);
    assert!(h.screen_text(100, 30).contains("Why does it not apply here?"));
    // No reason, no dismissal.
    h.press("<enter>");
    assert!(h.app.overlay.is_some());
    assert!(h.app.message.as_ref().unwrap().0.starts_with("Say why"));
    h.press("the vendor's advisory says might<enter>");
    assert!(h.app.overlay.is_none());
    let Screen::Compose(c) = &h.app.screen else { panic!() };
    assert!(c.report.findings.iter().all(|f| f.rule != Rule::Hedging));
    assert_eq!(c.report.grade, statusnote::note::Grade::Great);
    let screen = h.screen_text(120, 30);
    assert!(screen.contains("· dismissed hedging: the vendor's"), "{screen}");
    h.press("<C-s>");
    let store = h.store();
    let l = store.list().unwrap();
    let d = store.load(&store.resolve("Fabrikam", &l).unwrap()).unwrap().draft;
    let e = d.entry("Exchange Online").unwrap();
    assert_eq!(
        e.dismissed,
        [statusnote::engine::Dismissal { rule: "hedging".into(), reason: "the vendor's advisory says might".into() }]
    );
    // The hedge was the only finding: nothing is left to dismiss.
    h.press("<C-x>");
    assert!(h.app.overlay.is_none(), "nothing left to dismiss");
    assert_eq!(h.app.message.as_ref().unwrap().0, "No finding to dismiss.");
    // Alt-X brings it back.
    h.press("<A-x>");
    let Screen::Compose(c) = &h.app.screen else { panic!() };
    assert!(c.report.findings.iter().any(|f| f.rule == Rule::Hedging));
    assert_eq!(h.app.message.as_ref().unwrap().0, "Brought back 1 dismissed finding(s).");
    assert!(h.app.entry().unwrap().dismissed.is_empty());
}

#[test]
fn the_readme_team_folder_example_loads_and_does_what_it_says() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let section = &readme[readme.find("### A team folder").unwrap()..readme.find("### \"This finding").unwrap()];
    let blocks: Vec<&str> = section.split("```toml\n").skip(1).map(|b| &b[..b.find("```").unwrap()]).collect();
    let team = tempfile::tempdir().unwrap();
    for (name, text) in ["templates/en.toml", "lexicon/ja.toml", "workloads.toml", "rules.toml"].iter().zip(&blocks) {
        write(&team.path().join(name), text);
    }
    assert_eq!(blocks.len(), 4);
    let (_d, cfg) = config_dir("", &[]);
    let setup = config::load(Some(&cfg), Some(team.path()));
    assert!(setup.errors.is_empty(), "{:?}", setup.errors);
    let blocked = setup.templates(Lang::En).for_status(Status::Blocked).unwrap();
    assert!(blocked.template[0].text.contains("[ticket]"));
    assert_eq!(blocked.template.last().unwrap().id, "cab-gate");
    let r = setup.engine.lint("お客様は当面展開できません。", Some(Status::Blocked), Lang::Ja);
    assert!(r.findings.iter().any(|f| f.rule == Rule::VagueTime && f.start == "お客様は".len()));
    assert_eq!(setup.engine.levels().get(Rule::Hedging), Some(statusnote::engine::Level::Marginal));
}

#[test]
fn config_data_dir_is_relative_to_the_config_file_and_the_flag_still_wins() {
    let (d, cfg) = config_dir("data_dir = \"drafts\"\n", &[]);
    let csv = d.path().join("in.csv");
    std::fs::write(&csv, "tenant,workload,status,note\nContoso,Teams,blocked,Blocked.\n").unwrap();
    let out = statusnote(&cfg).args(["drafts", "import"]).arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(d.path().join("cfg/drafts").is_dir(), "drafts went next to the config file");
    let other = d.path().join("other");
    let out = statusnote(&cfg).arg("--data-dir").arg(&other).args(["drafts", "import"]).arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(other.is_dir());
}

#[test]
fn a_reasons_layer_replaces_a_reason_by_id_and_an_unknown_id_is_named() {
    let good = r#"
[[reason]]
id = "it-infrastructure"
description = "Their network, identity or devices must change first."
not = "A product gap."
cues = [["zscaler", 3], ["proxy", 3]]
examples = ["The Zscaler tunnel strips the auth headers.", "Proxy rules block the sync endpoints."]
"#;
    let bad = "[[reason]]\nid = \"budget-freeze\"\ndescription = \"x\"\nnot = \"y\"\ncues = []\nexamples = []\n";
    let (d, cfg) = config_dir("", &[("reasons/en.toml", good), ("reasons/extra.en.toml", bad)]);
    let setup = config::load(Some(&cfg), None);
    let shown: Vec<String> = setup.errors.iter().map(ToString::to_string).collect();
    let bad_path = d.path().join("cfg/reasons/extra.en.toml");
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].starts_with(&format!("{}:2:6: unknown reason `budget-freeze`", bad_path.display())), "{shown:?}");
    let s = setup.engine.suggest("The Zscaler tunnel is in the way.", Some(Status::Blocked), Lang::En);
    assert_eq!(s[0].l2, "it-infrastructure", "{s:?}");
    let text = setup.engine.reason_text("it-infrastructure", Lang::En).unwrap();
    assert_eq!(text.description, "Their network, identity or devices must change first.");
}

#[test]
fn config_flag_works_after_the_subcommand_too() {
    let (_d, cfg) = config_dir("[rules]\nvague-time = \"off\"\n", &[]);
    let mut c = Command::cargo_bin("statusnote").unwrap();
    c.env_remove("STATUSNOTE_CONFIG").args(["lint", "-s", "blocked", "--format", "jsonl", "--config"]).arg(&cfg);
    let out = c.write_stdin("Customer cannot deploy right now.").output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(r#""grade""#) && !stdout.contains("vague-time"), "{stdout}");
}

#[test]
fn a_light_theme_darkens_yellow_and_no_color_still_wins() {
    use ratatui::style::Color;
    use statusnote::note::Grade;
    use statusnote::tui::theme::Theme;
    assert_eq!(Theme::for_background(true, false).grade(Grade::Marginal).fg, Some(Color::Yellow));
    assert_eq!(Theme::for_background(true, true).grade(Grade::Marginal).fg, Some(Color::Indexed(130)));
    assert_eq!(Theme::for_background(false, true).grade(Grade::Marginal).fg, None);
    assert_eq!(Theme::for_background(true, true).finding(Rule::VagueTime).fg, Some(Color::Indexed(130)));
}

#[test]
fn the_composer_language_is_the_flag_then_the_config_then_the_locale() {
    use statusnote::cli::{UiLang, composer_lang};
    use statusnote::config::LangName;
    assert_eq!(composer_lang(Some(UiLang::En), Some(LangName::Ja)), Lang::En);
    assert_eq!(composer_lang(None, Some(LangName::Ja)), Lang::Ja);
    assert_eq!(composer_lang(None, None), statusnote::cli::ui_lang(None));
    let (_d, cfg) = config_dir("ui_lang = \"ja\"\n", &[]);
    assert_eq!(config::load(Some(&cfg), None).config.ui_lang, Some(LangName::Ja));
}
