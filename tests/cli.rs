//! `statusnote lint` as scripts and people use it: exit codes, JSON shape,
//! CSV and JSON-lines edge cases, and the wording of errors.

use assert_cmd::Command;
use serde_json::Value;
use std::io::Write;

fn lint(args: &[&str], stdin: impl Into<Vec<u8>>) -> (i32, String, String) {
    let out = Command::cargo_bin("statusnote")
        .unwrap()
        .arg("lint")
        .args(args)
        .env_remove("NO_COLOR")
        .write_stdin(stdin.into())
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn jsonl(stdout: &str) -> Vec<Value> {
    stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

#[test]
fn one_great_note_from_stdin_exits_zero() {
    let (code, out, _) = lint(
        &["--status", "blocked", "--format", "jsonl"],
        "ファイアウォールがトラフィックを正しく転送せず、お客様はメールボックスに接続できないため、サービスを展開しません。",
    );
    assert_eq!(code, 0);
    let v = jsonl(&out);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["id"], "-");
    assert_eq!(v[0]["status"], "blocked");
    assert_eq!(v[0]["lang"], "ja");
    assert_eq!(v[0]["grade"], "great");
    assert_eq!(v[0]["findings"], Value::Array(vec![]));
    let sug = v[0]["suggestions"].as_array().unwrap();
    assert_eq!(sug.len(), 3, "the top three reasons");
    assert_eq!(sug[0]["l1"], "blocked");
    assert_eq!(sug[0]["l2"], "it-infrastructure", "a firewall that drops traffic is IT infrastructure");
    assert_eq!(sug[0].as_object().unwrap().len(), 3);
    let scores: Vec<f64> = sug.iter().map(|s| s["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]) && scores[0] <= 1.0, "{scores:?}");
}

#[test]
fn without_a_status_the_text_output_says_what_the_note_reads_as() {
    let (_, out, _) = lint(&[], "Customer uses Google Workspace company-wide and will not move mail.");
    assert!(
        out.contains("suggested reason: reads as No Intent / Using Competitive Solution [competitive-solution]"),
        "{out}"
    );
    let (_, json, _) =
        lint(&["--format", "jsonl"], "Customer uses Google Workspace company-wide and will not move mail.");
    let v = &jsonl(&json)[0];
    assert_eq!(v["status"], Value::Null);
    assert_eq!(v["suggestions"][0]["l1"], "no-intent");
}

#[test]
fn duplicate_invalid_has_no_l2_to_suggest() {
    let (_, out, _) = lint(&["--status", "duplicate", "--format", "jsonl"], "Duplicate of contoso.onmicrosoft.com.");
    assert_eq!(jsonl(&out)[0]["suggestions"], Value::Array(vec![]));
}

#[test]
fn a_poor_note_exits_one_and_findings_have_the_contract_shape() {
    let note = "お客様は現在展開できません。";
    let (code, out, _) = lint(&["--status", "ブロック", "--format", "jsonl"], note);
    assert_eq!(code, 1);
    let v = &jsonl(&out)[0];
    assert_eq!(v["grade"], "poor");
    for f in v["findings"].as_array().unwrap() {
        let (s, e) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(f["text"], note[s..e], "text is exactly the byte slice");
        assert!(["error", "warning", "hint"].contains(&f["severity"].as_str().unwrap()));
        assert!(!f["message"].as_str().unwrap().is_empty());
        assert_eq!(f.as_object().unwrap().len(), 6);
    }
    let vague = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "vague-time").unwrap();
    assert_eq!(vague["text"], "現在");
    assert!(vague["message"].as_str().unwrap().contains("「現在」"), "message in the note's language");
}

#[test]
fn english_notes_get_english_messages() {
    let (_, out, _) = lint(&["--status", "blocked", "--format", "jsonl"], "Customer cannot deploy right now.");
    let v = &jsonl(&out)[0];
    let m = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "missing-reason").unwrap();
    assert!(m["message"].as_str().unwrap().starts_with("Why is it blocked?"));
}

#[test]
fn csv_with_quotes_commas_crlf_newlines_and_bom() {
    let csv = "\u{feff}id,status,lang,note\r\n\
        a1,blocked,,\"The proxy, an old one, drops \"\"Teams\"\" traffic,\r\nso users cannot sign in.\"\r\n\
        a2,No Intent,ja,意図なし。\r\n\
        ,in progress,en,In progress.\r\n";
    let (code, out, err) = lint(&["--input", "csv", "--format", "jsonl"], csv);
    assert_eq!(code, 1, "{err}");
    let v = jsonl(&out);
    assert_eq!(v.len(), 3);
    assert_eq!(
        (v[0]["id"].as_str(), v[0]["grade"].as_str(), v[0]["lang"].as_str()),
        (Some("a1"), Some("great"), Some("en"))
    );
    assert_eq!((v[1]["status"].as_str(), v[1]["grade"].as_str()), (Some("no-intent"), Some("poor")));
    assert_eq!(v[2]["id"], "3", "row number when the id is empty");
    assert_eq!(v[2]["grade"], "marginal");
}

#[test]
fn json_format_is_one_array_of_the_same_objects() {
    let csv = "note,status\nBlocked.,blocked\nIn progress.,in-progress\n";
    let (_, out, _) = lint(&["--input", "csv", "--format", "json"], csv);
    let v: Value = serde_json::from_str(&out).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[0]["id"], "1");
    assert_eq!(arr[1]["grade"], "marginal");
    let (_, empty, _) = lint(&["--input", "csv", "--format", "json"], "note\n");
    assert_eq!(serde_json::from_str::<Value>(&empty).unwrap(), Value::Array(vec![]));
}

#[test]
fn csv_header_without_rows_is_no_records_and_exit_zero() {
    let (code, out, _) = lint(&["--input", "csv", "--format", "jsonl"], "id,note,status\n");
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn csv_without_a_note_column_is_exit_two_naming_file_and_line() {
    let (code, out, err) = lint(&["--input", "csv"], "id,text\n1,hello\n");
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert_eq!(err.trim(), "statusnote: <stdin>:1: the CSV header has no `note` column (found: id, text)");
}

#[test]
fn a_bad_row_gets_an_error_and_the_run_goes_on() {
    let mut csv = b"id,status,note\nr1,sideways,Blocked.\nr2,blocked,".to_vec();
    csv.extend_from_slice(b"bad \xff byte\nr3,blocked,The proxy drops traffic so users cannot sign in.\n");
    let (code, out, err) = lint(&["--input", "csv", "--format", "jsonl"], csv);
    assert_eq!(code, 2, "rows that could not be checked");
    let v = jsonl(&out);
    assert_eq!(v.len(), 3);
    assert_eq!(v[0]["id"], "r1");
    assert_eq!(v[0]["error"], "unknown status `sideways` in column `status`");
    assert_eq!(v[0].as_object().unwrap().len(), 2);
    assert!(v[1]["error"].as_str().unwrap().contains("not valid UTF-8"));
    assert_eq!(v[2]["grade"], "great");
    assert!(err.contains("<stdin>:2: unknown status `sideways`"), "{err}");
    assert!(err.contains("<stdin>:3: column `note` (column 3) is not valid UTF-8"), "{err}");
}

#[test]
fn a_short_row_missing_its_note_field_is_a_row_error() {
    let (code, out, _) = lint(&["--input", "csv", "--format", "jsonl"], "id,status,note\nx1,blocked\n");
    assert_eq!(code, 2);
    assert_eq!(jsonl(&out)[0]["error"], "row has 2 fields; the `note` column is field 3");
}

#[test]
fn jsonl_input_with_ids_and_a_malformed_line() {
    let input = "{\"id\": 7, \"status\": \"unknown\", \"note\": \"No response.\"}\n\n{not json}\n{\"note\": \"Duplicate tenant: the same 500 licenses are counted under contoso.onmicrosoft.com.\", \"status\": \"duplicate\"}\n";
    let (code, out, err) = lint(&["--input", "jsonl", "--format", "jsonl"], input);
    assert_eq!(code, 2);
    let v = jsonl(&out);
    assert_eq!(v[0]["id"], "7");
    assert_eq!(v[0]["grade"], "poor");
    assert_eq!(v[1]["id"], "3");
    assert!(v[1]["error"].as_str().unwrap().starts_with("column 2: not a JSON object"));
    assert_eq!(v[2]["id"], "4");
    assert_eq!(v[2]["grade"], "great");
    assert!(err.contains("<stdin>:3:"), "{err}");
}

#[test]
fn many_files_each_one_note_with_the_path_as_id() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "\u{feff}In progress.").unwrap();
    std::fs::write(&b, b"\xff\xfe not utf-8").unwrap();
    let missing = dir.path().join("missing.txt");
    let (code, out, err) = lint(
        &[
            "--status",
            "in-progress",
            "--format",
            "jsonl",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code, 2);
    let v = jsonl(&out);
    assert_eq!(v[0]["id"], a.to_str().unwrap());
    assert_eq!(v[0]["grade"], "marginal");
    assert_eq!(v[0]["findings"][0]["start"], 0, "offsets count after the BOM");
    assert!(v[1]["error"].as_str().unwrap().contains("not valid UTF-8"));
    assert!(err.contains(&format!("{}: No such file", missing.display())), "{err}");
}

#[test]
fn unknown_status_flag_is_bad_usage() {
    let (code, _, err) = lint(&["--status", "sideways"], "x");
    assert_eq!(code, 2);
    assert!(err.contains("unknown status `sideways` for --status"), "{err}");
}

#[test]
fn text_output_reads_like_a_compiler_with_carets_by_display_width() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("note.txt");
    std::fs::File::create(&p).unwrap().write_all("お客様は、\n現在展開できません。".as_bytes()).unwrap();
    let (code, out, _) = lint(&["--status", "blocked", p.to_str().unwrap()], "");
    assert_eq!(code, 1);
    let path = p.display().to_string();
    assert!(out.starts_with(&format!("{path}: poor (望ましくないメモ) [blocked, ja]\n")), "{out}");
    assert!(out.contains(&format!("  {path}:2:1: warning[vague-time]: 「現在」")), "{out}");
    assert!(out.contains("    | 現在展開できません。\n    | ^^^^\n"), "{out}");
    assert!(
        out.contains("    | 現在展開できません。\n    | ^^^^^^^^^^^^^^^^^^^^\n"),
        "missing reason under the clause: {out}"
    );
    assert!(out.ends_with("1 note: 0 great, 0 marginal, 1 poor\n"), "{out}");
    assert!(!out.contains('\x1b'), "no colour when not a terminal");
}

#[test]
fn control_characters_in_a_note_are_never_printed_raw() {
    let (_, out, _) = lint(&["--status", "blocked"], "Blocked \x1b[31mnow\x07.");
    assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
    assert!(out.contains('\u{241b}'));
}

#[test]
fn check_pasted_flags_the_same_note_on_several_workloads() {
    let csv = "tenant,workload,status,note\n\
        Contoso,Exchange Online,blocked,The proxy drops traffic so users cannot sign in.\n\
        Contoso,Microsoft Teams,blocked,The proxy drops traffic so users cannot sign in.\n\
        Fabrikam,Intune,blocked,The proxy drops traffic so users cannot sign in.\n";
    let (_, out, _) = lint(&["--input", "csv", "--format", "jsonl", "--check-pasted"], csv);
    let v = jsonl(&out);
    let pasted = |i: usize| v[i]["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "pasted-note");
    assert!(pasted(0) && pasted(1) && !pasted(2));
    assert_eq!(v[0]["grade"], "great", "a warning outside the rubric");
    let (_, plain, _) = lint(&["--input", "csv", "--format", "jsonl"], csv);
    assert!(!plain.contains("pasted-note"), "only with --check-pasted");
}

#[test]
fn a_one_megabyte_note_is_handled() {
    let big = "The proxy drops Teams traffic, so users cannot join calls. ".repeat(18_000);
    let (code, out, _) = lint(&["--status", "blocked", "--format", "jsonl"], big);
    assert_eq!(code, 0);
    assert_eq!(jsonl(&out)[0]["grade"], "marginal");
}

#[test]
fn help_lists_every_command() {
    let out = Command::cargo_bin("statusnote").unwrap().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for cmd in ["new", "open", "lint", "drafts"] {
        assert!(text.contains(&format!("  {cmd} ")), "{cmd}: {text}");
    }
}

#[test]
fn new_with_a_bad_status_is_bad_usage_before_the_terminal_is_touched() {
    let out = Command::cargo_bin("statusnote").unwrap().args(["new", "--status", "sideways"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "statusnote: unknown status `sideways` for --status\n");
}

#[test]
fn empty_and_whitespace_input_is_a_poor_note_not_an_error() {
    for input in ["", "  \n\t "] {
        let (code, out, err) = lint(&["--status", "blocked", "--format", "jsonl"], input);
        assert_eq!(code, 1, "{err}");
        let v = &jsonl(&out)[0];
        assert_eq!(v["grade"], "poor");
        assert_eq!(v["findings"][0]["rule"], "empty");
    }
}
