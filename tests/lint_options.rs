//! Dismissals (drafts, export, lint), `lint --baseline`, `--quiet`,
//! `--min-severity`, and the generated completions and man page.

use assert_cmd::Command;
use std::path::Path;

fn statusnote(data: &Path) -> Command {
    let mut c = Command::cargo_bin("statusnote").unwrap();
    // No user config from the machine running the tests: an empty one.
    let empty = data.join("empty-config/config.toml");
    if !empty.exists() {
        std::fs::create_dir_all(empty.parent().unwrap()).unwrap();
        std::fs::write(&empty, "").unwrap();
    }
    c.env("STATUSNOTE_CONFIG", empty).env("NO_COLOR", "1").arg("--data-dir").arg(data);
    c
}

fn run(c: &mut Command) -> (Option<i32>, String, String) {
    let out = c.output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

const HEDGED: &str = "Customer cannot deploy because the proxy might strip modern auth headers for Outlook.";

#[test]
fn dismissals_round_trip_through_drafts_export_and_lint() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let csv = format!(
        "tenant,workload,status,note,dismiss\nContoso,Exchange Online,blocked,\"{HEDGED}\",\"hedging:the vendor's own wording, quoted\"\n"
    );
    std::fs::write(data.join("in.csv"), csv).unwrap();
    let (code, _, err) = run(statusnote(data).args(["drafts", "import"]).arg(data.join("in.csv")));
    assert_eq!(code, Some(0), "{err}");

    // drafts show: the finding is gone, the dismissal and its reason are said.
    let (_, show, _) = run(statusnote(data).args(["drafts", "show", "Contoso"]));
    assert!(show.contains("great"), "{show}");
    assert!(!show.contains("warning[hedging]"), "{show}");
    assert!(show.contains("1 finding(s) dismissed"), "{show}");
    assert!(show.contains("dismissed[hedging]: the vendor's own wording"), "{show}");
    let (_, json, _) = run(statusnote(data).args(["drafts", "show", "Contoso", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let entry = &v["entry"][0];
    assert_eq!(entry["dismissed"][0]["rule"], "hedging");
    assert_eq!(entry["grade"], "great");
    assert!(entry["findings"].as_array().unwrap().iter().all(|f| f["rule"] != "hedging"));

    // The listing grades as `show` does.
    let (_, list, _) = run(statusnote(data).args(["drafts", "list"]));
    assert!(list.contains("great") && !list.contains("marginal"), "{list}");

    // Exported with the draft, in every format that carries findings' context.
    let (_, exported, _) = run(statusnote(data).args(["drafts", "export", "--format", "csv"]));
    assert!(exported.lines().next().unwrap().ends_with(",dismiss"), "{exported}");
    assert!(exported.contains("hedging:the vendor's own wording"), "{exported}");
    let (_, md, _) = run(statusnote(data).args(["drafts", "export", "--format", "md"]));
    assert!(md.contains("dismissed `hedging`: the vendor's own wording"), "{md}");

    // Batch lint of the export honours the dismissal and counts it.
    std::fs::write(data.join("export.csv"), &exported).unwrap();
    let (code, text, _) = run(statusnote(data).args(["lint", "--input", "csv"]).arg(data.join("export.csv")));
    assert_eq!(code, Some(0));
    assert!(!text.contains("warning[hedging]"), "{text}");
    assert!(text.contains("dismissed[hedging]: the vendor's own wording, quoted"), "{text}");
    assert!(text.ends_with("1 note: 1 great, 0 marginal, 0 poor; 1 finding(s) dismissed\n"), "{text}");
    let (_, jsonl, _) =
        run(statusnote(data).args(["lint", "--input", "csv", "--format", "jsonl"]).arg(data.join("export.csv")));
    let rec: serde_json::Value = serde_json::from_str(jsonl.trim()).unwrap();
    assert_eq!(rec["dismissed"][0]["rule"], "hedging");
    assert_eq!(rec["grade"], "great");
}

#[test]
fn a_jsonl_dismiss_field_works_and_a_bad_one_is_the_rows_error() {
    let dir = tempfile::tempdir().unwrap();
    let ok = serde_json::json!({"id": "n1", "status": "blocked", "note": HEDGED, "dismiss": "hedging:vendor wording"});
    let bad = serde_json::json!({"id": "n2", "status": "blocked", "note": HEDGED, "dismiss": "hedgehog:nope"});
    let why = serde_json::json!({"id": "n3", "status": "blocked", "note": HEDGED, "dismiss": "hedging"});
    let input = format!("{ok}\n{bad}\n{why}\n");
    let (code, out, err) =
        run(statusnote(dir.path()).args(["lint", "--input", "jsonl", "--format", "jsonl"]).write_stdin(input));
    assert_eq!(code, Some(2), "a row that cannot be checked is exit 2");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["grade"], "great");
    assert_eq!(lines[1]["error"], "column `dismiss`: unknown rule `hedgehog` (write rule:reason;rule:reason)");
    assert_eq!(
        lines[2]["error"],
        "column `dismiss`: dismissing `hedging` needs a reason: `hedging:why it does not apply`"
    );
    assert!(err.contains("<stdin>:2: column `dismiss`"), "{err}");
}

#[test]
fn baseline_reports_only_new_findings_on_a_changed_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let v1 = "id,status,note\n\
              a,blocked,Customer cannot deploy right now.\n\
              b,blocked,\"Customer cannot deploy because the proxy strips modern auth headers for Outlook.\"\n";
    std::fs::write(data.join("v1.csv"), v1).unwrap();
    let (code, base, _) =
        run(statusnote(data).args(["lint", "--input", "csv", "--format", "json"]).arg(data.join("v1.csv")));
    assert_eq!(code, Some(1), "a is poor");
    std::fs::write(data.join("base.json"), &base).unwrap();

    // a unchanged, b now hedges, c is new and poor.
    let v2 = "id,status,note\n\
              a,blocked,Customer cannot deploy right now.\n\
              b,blocked,\"Customer cannot deploy because the proxy might strip modern auth headers for Outlook.\"\n\
              c,blocked,Blocked.\n";
    std::fs::write(data.join("v2.csv"), v2).unwrap();
    let lint = |extra: &[&str]| {
        let mut c = statusnote(data);
        c.args(["lint", "--input", "csv", "--baseline"])
            .arg(data.join("base.json"))
            .args(extra)
            .arg(data.join("v2.csv"));
        run(&mut c)
    };
    let (code, out, _) = lint(&["--format", "jsonl"]);
    let recs: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let rules = |r: &serde_json::Value| -> Vec<String> {
        r["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
    };
    assert!(rules(&recs[0]).is_empty(), "a's findings are all in the baseline: {:?}", recs[0]);
    assert_eq!(recs[0]["grade"], "great");
    assert_eq!(rules(&recs[1]), ["hedging"], "only b's new finding");
    assert_eq!(recs[2]["grade"], "poor");
    assert!(!rules(&recs[2]).is_empty());
    assert_eq!(code, Some(1), "the new poor note fails the run");

    // The same baseline given as jsonl; the text summary counts what it hid.
    let (_, jsonl, _) =
        run(statusnote(data).args(["lint", "--input", "csv", "--format", "jsonl"]).arg(data.join("v1.csv")));
    std::fs::write(data.join("base.json"), jsonl).unwrap();
    let (_, text, _) = lint(&[]);
    assert!(text.contains("already in the baseline"), "{text}");
    assert!(!text.contains("[a]:1:"), "nothing reported for a:\n{text}");

    std::fs::write(data.join("base.json"), "not json").unwrap();
    let (code, _, err) = lint(&[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("base.json: 1:2: not a lint --format jsonl line"), "{err}");
    assert!(!err.contains("warning"), "an empty config is fine: {err}");
}

#[test]
fn quiet_prints_only_notes_that_need_work_and_no_summary() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "id,status,note\n\
               good,blocked,\"Customer cannot deploy because the proxy strips modern auth headers for Outlook.\"\n\
               bad,blocked,Blocked.\n";
    let (code, out, _) = run(statusnote(dir.path()).args(["lint", "--input", "csv", "--quiet"]).write_stdin(csv));
    assert_eq!(code, Some(1));
    assert!(out.contains("<stdin>[bad]: poor"), "{out}");
    assert!(!out.contains("[good]"), "{out}");
    assert!(!out.contains("notes:"), "no summary: {out}");
}

#[test]
fn min_severity_hides_lesser_findings_but_not_the_grade() {
    let dir = tempfile::tempdir().unwrap();
    let note = "Customer cannot deploy because the partner has not been chosen yet, so the SMTP relay cannot be moved.";
    let all = run(statusnote(dir.path()).args(["lint", "-s", "blocked", "--format", "jsonl"]).write_stdin(note)).1;
    let v: serde_json::Value = serde_json::from_str(all.trim()).unwrap();
    let sev: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["severity"].as_str().unwrap()).collect();
    assert!(sev.contains(&"hint"), "the test note has a hint: {all}");
    let some = run(statusnote(dir.path())
        .args(["lint", "-s", "blocked", "--format", "jsonl", "--min-severity", "warning"])
        .write_stdin(note))
    .1;
    let w: serde_json::Value = serde_json::from_str(some.trim()).unwrap();
    assert!(w["findings"].as_array().unwrap().iter().all(|f| f["severity"] != "hint"), "{some}");
    assert_eq!(w["grade"], v["grade"]);
}

#[test]
fn completions_and_man_page_are_generated_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "_statusnote()"),
        ("zsh", "#compdef statusnote"),
        ("fish", "complete -c statusnote"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let (code, out, _) = run(statusnote(dir.path()).args(["completions", shell]));
        assert_eq!(code, Some(0), "{shell}");
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(out.contains("--min-severity") || out.contains("min-severity"), "{shell} knows lint's options");
    }
    let (code, man, _) = run(statusnote(dir.path()).arg("man"));
    assert_eq!(code, Some(0));
    assert!(man.contains(".TH statusnote"), "{man}");
    assert!(man.contains("config"), "subcommands are listed");
    let (code, _, err) = run(statusnote(dir.path()).args(["completions", "tcsh"]));
    assert_eq!(code, Some(2), "{err}");
}
