//! `statusnote drafts …` end to end on a temporary data directory.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn run(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("statusnote")
        .unwrap()
        .env("STATUSNOTE_DATA_DIR", data)
        .args(["drafts"])
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

const PORTFOLIO: &str = "tenant,workload,status,lang,note\n\
Contoso,Exchange Online,blocked,ja,ファイアウォールがトラフィックを正しく転送せず、お客様はメールボックスに接続できないため、サービスを展開しません。\n\
Contoso,Microsoft Teams,blocked,ja,お客様は現在展開できません。\n\
Fabrikam,Intune,in-progress,en,\"Customer is configuring Intune enrollment, then rolls out in waves.\"\n";

fn imported() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("p.csv");
    std::fs::write(&csv, PORTFOLIO).unwrap();
    let data = dir.path().join("data");
    let (code, out, err) = run(&data, &["import", csv.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (0, "imported 3 notes: 2 new drafts, 0 updated\n"), "{err}");
    (dir, data)
}

#[test]
fn import_then_list_as_json_with_grades() {
    let (_dir, data) = imported();
    let (code, out, _) = run(&data, &["list", "--format", "json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    let contoso = arr.iter().find(|d| d["tenant"] == "Contoso").unwrap();
    let grades: Vec<&str> =
        contoso["entries"].as_array().unwrap().iter().map(|e| e["grade"].as_str().unwrap()).collect();
    assert_eq!(grades, ["great", "poor"]);
}

#[test]
fn importing_again_updates_the_same_drafts() {
    let (dir, data) = imported();
    let csv = dir.path().join("q.csv");
    std::fs::write(
        &csv,
        "tenant,workload,note\ncontoso,Microsoft Teams,The proxy drops Teams media traffic so calls fail.\n",
    )
    .unwrap();
    let (code, out, _) = run(&data, &["import", csv.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (0, "imported 1 notes: 0 new drafts, 1 updated\n"));
    let (_, show, _) = run(&data, &["show", "Contoso", "--format", "json"]);
    let v: Value = serde_json::from_str(&show).unwrap();
    let teams = v["entry"].as_array().unwrap().iter().find(|e| e["workload"] == "Microsoft Teams").unwrap();
    assert_eq!(teams["note"], "The proxy drops Teams media traffic so calls fail.");
    assert_eq!(teams["status"], "blocked", "a row without status keeps the status");
    assert_eq!(teams["lang"], "en");
    assert_eq!(teams["grade"], "great");
}

#[test]
fn show_text_names_findings_in_the_notes_language() {
    let (_dir, data) = imported();
    let (code, out, _) = run(&data, &["show", "contoso"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Contoso  ("), "{out}");
    assert!(out.contains("Microsoft Teams  [blocked, ja]  poor\n  お客様は現在展開できません。\n  - error[missing-reason]: なぜブロックされていますか。"), "{out}");
}

#[test]
fn export_formats() {
    let (_dir, data) = imported();
    let (_, txt, _) = run(&data, &["export", "--format", "txt"]);
    assert!(txt.contains("Contoso\tMicrosoft Teams\tブロック\tお客様は現在展開できません。\n"), "{txt}");
    assert!(txt.contains("Fabrikam\tIntune\tIn Progress\tCustomer is configuring"), "{txt}");
    let (_, md, _) = run(&data, &["export", "Contoso", "--format", "md"]);
    assert!(md.starts_with("## Contoso\n\n- **Exchange Online** (ブロック): ファイアウォール"), "{md}");
    let (_, json, _) = run(&data, &["export", "--format", "json"]);
    assert_eq!(serde_json::from_str::<Value>(&json).unwrap().as_array().unwrap().len(), 2);
    // The CSV export is what lint reads.
    let (_, csv, _) = run(&data, &["export", "--format", "csv"]);
    assert!(csv.starts_with("draft,tenant,workload,status,l2,l3,lang,note,updated,dismiss\n"));
    let lint = Command::cargo_bin("statusnote")
        .unwrap()
        .args(["lint", "--input", "csv", "--format", "jsonl"])
        .write_stdin(csv)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(lint.stdout).unwrap().lines().count(), 3);
}

#[test]
fn rm_moves_to_trash_and_unknown_drafts_are_exit_two() {
    let (_dir, data) = imported();
    let (code, out, _) = run(&data, &["rm", "Fabrikam"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("moved ") && out.contains("trash"), "{out}");
    let (_, list, _) = run(&data, &["list"]);
    assert!(!list.contains("Fabrikam") && list.contains("Contoso"));
    let (code, _, err) = run(&data, &["show", "Fabrikam"]);
    assert_eq!(code, 2);
    assert_eq!(err, "statusnote: no draft matches `Fabrikam`\n");
}

#[test]
fn import_rows_without_tenant_are_reported_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("p.csv");
    std::fs::write(
        &csv,
        "tenant,workload,status,note\nContoso,Teams,blocked,Blocked.\n,Intune,blocked,x\nContoso,EXO,sideways,x\n",
    )
    .unwrap();
    let data = dir.path().join("data");
    let (code, out, err) = run(&data, &["import", csv.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(out, "imported 1 notes: 1 new drafts, 0 updated\n");
    assert!(err.contains(":3: the row needs both `tenant` and `workload`"), "{err}");
    assert!(err.contains(":4: unknown status `sideways`"), "{err}");
    assert!(err.ends_with("statusnote: 2 rows were not imported\n"), "{err}");
}

#[test]
fn a_bad_draft_file_is_named_and_the_others_still_list() {
    let (_dir, data) = imported();
    std::fs::write(data.join("drafts").join("zzz-00000.toml"), "schema_version = 1\nid = \"zzz-00000\"\ntenant = \n")
        .unwrap();
    let (code, out, err) = run(&data, &["list"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2);
    assert!(
        err.starts_with(&format!("statusnote: warning: {}:3:", data.join("drafts").join("zzz-00000.toml").display())),
        "{err}"
    );
}

#[test]
fn empty_data_directory_lists_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run(&dir.path().join("none"), &["list", "--format", "json"]);
    assert_eq!((code, out.trim()), (0, "[]"));
}

/// Gives the Fabrikam in-progress entry a Blocked reason, as a note kept
/// from its Blocked days would have; returns the draft file.
fn with_stale_reason(data: &Path) -> std::path::PathBuf {
    let file = std::fs::read_dir(data.join("drafts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read_to_string(p).unwrap().contains("Fabrikam"))
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen("status = \"in-progress\"", "status = \"in-progress\"\nl2 = \"it-infrastructure\"", 1);
    assert_ne!(text, edited, "{text}");
    std::fs::write(&file, edited).unwrap();
    file
}

#[test]
fn a_reason_of_another_status_is_flagged_and_never_exported_silently() {
    let (_dir, data) = imported();
    with_stale_reason(&data);
    let (code, out, _) = run(&data, &["show", "Fabrikam"]);
    assert_eq!(code, 0);
    assert!(out.contains("warning[stale-reason]"), "{out}");
    let (_, json, _) = run(&data, &["show", "Fabrikam", "--format", "json"]);
    assert!(json.contains("\"stale-reason\""), "{json}");
    let (code, csv, err) = run(&data, &["export", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(csv.contains("it-infrastructure"), "the data is exported as it is: {csv}");
    assert!(
        err.contains("Fabrikam / Intune: reason `it-infrastructure` does not belong to status `in-progress`"),
        "{err}"
    );
    // A reason of the note's own status exports without a word.
    let (_, _, err) = run(&data, &["export", "Contoso", "--format", "csv"]);
    assert!(err.is_empty(), "{err}");
}
