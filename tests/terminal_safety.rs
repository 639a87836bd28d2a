//! Issue 11, item 14: bytes from outside (notes, CSV headers, file names,
//! draft files) never reach the terminal as control sequences, and CSV
//! exports do not run as spreadsheet formulas. Also item 11 from the
//! command line.

use assert_cmd::Command;
use std::path::Path;

/// What must never appear raw in output meant for a terminal.
fn assert_safe(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    // Only the start of it: a failing run must not print 10 MB of NULs.
    let head: String = text.chars().take(300).collect();
    let first: Vec<char> = bad.iter().take(10).copied().collect();
    assert!(bad.is_empty(), "{what} carries {} raw characters, first {first:?}: {head:?}", bad.len());
}

fn statusnote(args: &[&str], data: Option<&Path>, stdin: Vec<u8>) -> (i32, String, String) {
    let mut c = Command::cargo_bin("statusnote").unwrap();
    if let Some(d) = data {
        c.env("STATUSNOTE_DATA_DIR", d);
    }
    let out = c.args(args).env("NO_COLOR", "1").write_stdin(stdin).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_hostile_csv_header_is_pictured_and_capped() {
    let mut header = b"id,\x1b]0;pwned\x07,\x1b[2J".to_vec();
    header.extend(std::iter::repeat_n(0u8, 10 << 20));
    header.extend_from_slice(b"\nx,y,z\n");
    let (code, out, err) = statusnote(&["lint", "--input", "csv"], None, header);
    assert_eq!(code, 2);
    assert_safe("stderr", &err);
    assert!(err.contains("the CSV header has no `note` column (found: id, ␛]0;pwned␇, ␛[2j"), "{err}");
    assert!(err.len() < 2048, "echoes {} bytes of a bad header", err.len());
    assert!(out.is_empty() || !out.contains('\u{1b}'));
}

#[test]
fn file_names_are_pictured_in_lint_output_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("note\u{1b}[31m\u{7}\u{202e}.txt");
    std::fs::write(&name, "Customer cannot deploy right now.").unwrap();
    let missing = dir.path().join("gone\u{1b}[2J.txt");
    let (_, out, err) =
        statusnote(&["lint", "--status", "blocked", name.to_str().unwrap(), missing.to_str().unwrap()], None, vec![]);
    assert_safe("stdout", &out);
    assert_safe("stderr", &err);
    assert!(out.contains("note␛[31m␇\u{fffd}.txt: poor"), "{out}");
    assert!(err.contains("gone␛[2J.txt"), "{err}");
}

#[test]
fn json_escapes_c1_controls_and_bidi_overrides() {
    let note = "Blocked \u{9b}2J by the \u{202e}proxy\u{85}.";
    let (_, out, _) = statusnote(&["lint", "--status", "blocked", "--format", "jsonl"], None, note.into());
    assert_safe("stdout", &out);
    assert!(out.contains(r"\u009b2J") && out.contains(r"\u202e") && out.contains(r"\u0085"), "{out}");
    let v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert!(v["findings"].as_array().is_some());
}

fn import(rows: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("p.csv");
    std::fs::write(&csv, format!("tenant,workload,status,lang,note\n{rows}")).unwrap();
    let data = dir.path().join("data");
    let (code, _, err) = statusnote(&["drafts", "import", csv.to_str().unwrap()], Some(&data), vec![]);
    assert_eq!(code, 0, "{err}");
    (dir, data)
}

#[test]
fn csv_export_pictures_controls_and_guards_formulas() {
    let (_dir, data) = import(
        "\"=HYPERLINK(\"\"http://x\"\")\",Teams,blocked,en,\"Proxy \u{1b}[2J drops\u{7} traffic.\"\n\
         @SUM(A1),Intune,blocked,en,-1+2 attempts\n",
    );
    let (code, out, _) = statusnote(&["drafts", "export", "--format", "csv"], Some(&data), vec![]);
    assert_eq!(code, 0);
    assert_safe("csv", &out);
    assert!(out.contains("Proxy ␛[2J drops␇ traffic."), "{out}");
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let cells: Vec<Vec<String>> = r.records().map(|x| x.unwrap().iter().map(String::from).collect()).collect();
    let tenants: Vec<&str> = cells.iter().map(|c| c[1].as_str()).collect();
    assert!(tenants.contains(&"'=HYPERLINK(\"http://x\")") && tenants.contains(&"'@SUM(A1)"), "{tenants:?}");
    assert!(cells.iter().any(|c| c[7] == "'-1+2 attempts"), "{cells:?}");
    for row in &cells {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }
    // The export imports back as it was: the guard is taken off again.
    let again = tempfile::tempdir().unwrap();
    let file = again.path().join("export.csv");
    std::fs::write(&file, &out).unwrap();
    let data2 = again.path().join("data");
    let (code, _, err) = statusnote(&["drafts", "import", file.to_str().unwrap()], Some(&data2), vec![]);
    assert_eq!(code, 0, "{err}");
    let (_, back, _) = statusnote(&["drafts", "export", "--format", "json"], Some(&data2), vec![]);
    let v: serde_json::Value = serde_json::from_str(&back).unwrap();
    let mut tenants: Vec<&str> = v.as_array().unwrap().iter().map(|d| d["tenant"].as_str().unwrap()).collect();
    tenants.sort();
    assert_eq!(tenants, ["=HYPERLINK(\"http://x\")", "@SUM(A1)"]);
    assert!(back.contains("\"note\": \"-1+2 attempts\""), "{back}");
}

#[test]
fn drafts_show_names_a_broken_file_and_where() {
    let (_dir, data) = import("Contoso,Teams,blocked,en,The proxy drops traffic.\n");
    let (_, out, _) = statusnote(&["drafts", "list", "--format", "json"], Some(&data), vec![]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = v[0]["id"].as_str().unwrap().to_string();
    let path = data.join("drafts").join(format!("{id}.toml"));
    let text = std::fs::read_to_string(&path).unwrap().replace("tenant = ", "tenant = = ");
    std::fs::write(&path, text).unwrap();
    let (code, _, err) = statusnote(&["drafts", "show", &id], Some(&data), vec![]);
    assert_eq!(code, 2);
    assert!(err.contains(&format!("{}:3:10: ", path.display())), "{err}");
    assert!(!err.contains("no draft matches"), "{err}");
}

#[test]
fn a_draft_with_control_characters_shows_pictured() {
    let (_dir, data) =
        import("\"Con\u{1b}[2Jtoso\u{202e}\",Teams\u{7},blocked,en,\"Proxy \u{9b}31m drops traffic.\"\n");
    let (_, out, _) = statusnote(&["drafts", "list", "--format", "json"], Some(&data), vec![]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = v[0]["id"].as_str().unwrap().to_string();
    for args in [
        &["list"][..],
        &["list", "--format", "json"],
        &["show", &id],
        &["show", &id, "--format", "json"],
        &["export"],
        &["export", "--format", "txt"],
        &["export", "--format", "json"],
    ] {
        let mut a = vec!["drafts"];
        a.extend_from_slice(args);
        let (code, out, err) = statusnote(&a, Some(&data), vec![]);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_safe(&format!("{args:?}"), &out);
    }
}
