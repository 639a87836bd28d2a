//! Kill a process that writes drafts at random moments, 200 times: every
//! draft file must still parse and hold either the old or the new state,
//! never a mix or a torn file.

use statusnote::draft::parse_draft;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const TENANTS: usize = 20;
const WORKLOADS: [&str; 3] = ["Exchange Online", "Microsoft Teams", "Intune"];

fn note(state: char, t: usize, w: usize) -> String {
    // State B is longer so writes take a little longer and kills land mid-way.
    let pad = if state == 'B' { " The proxy drops the traffic.".repeat(40) } else { String::new() };
    format!("{state}{t}-{w}: the firewall does not forward traffic, so users cannot connect.{pad}")
}

fn csv(state: char) -> String {
    let mut s = String::from("tenant,workload,status,lang,note\n");
    for t in 0..TENANTS {
        for (w, wl) in WORKLOADS.iter().enumerate() {
            s.push_str(&format!("Tenant{t},{wl},blocked,en,\"{}\"\n", note(state, t, w)));
        }
    }
    s
}

fn import(data: &Path, file: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_statusnote"));
    c.arg("--data-dir").arg(data).args(["drafts", "import"]).arg(file).stdout(Stdio::null()).stderr(Stdio::null());
    c
}

/// Every draft parses and all of its notes come from one state.
fn check(data: &Path, round: usize) {
    let dir = data.join("drafts");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if !name.ends_with(".toml") || name.starts_with('.') {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let d = parse_draft(&path, &bytes).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let t: usize = d.tenant.trim_start_matches("Tenant").parse().unwrap();
        let states: Vec<char> = d.entries.iter().map(|e| e.note.chars().next().unwrap()).collect();
        assert!(states.iter().all(|&s| s == states[0]), "round {round}: {name} mixes states {states:?}");
        for (w, e) in d.entries.iter().enumerate() {
            assert_eq!(e.note, note(states[0], t, w), "round {round}: {name}");
        }
        seen += 1;
    }
    assert_eq!(seen, TENANTS, "round {round}: one draft per tenant");
}

#[test]
fn killed_writers_leave_every_draft_whole() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    std::fs::write(&a, csv('A')).unwrap();
    std::fs::write(&b, csv('B')).unwrap();
    assert!(import(&data, &a).status().unwrap().success());
    check(&data, 0);

    // A small deterministic generator: the same kill moments every run.
    let mut seed: u64 = 0x5eed;
    let mut next = || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        seed >> 33
    };
    let mut killed_mid_run = 0;
    for round in 1..=200 {
        let file = if round % 2 == 0 { &a } else { &b };
        let mut child = import(&data, file).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(next() % 25_000));
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        check(&data, round);
    }
    // Most kills must land while the writer runs, or the test proves nothing.
    assert!(killed_mid_run >= 100, "only {killed_mid_run} of 200 kills hit a running writer");
    // And the store still works afterwards: stale locks are taken over.
    assert!(import(&data, &b).status().unwrap().success());
    check(&data, 201);
    // Listing sweeps the temp files that killed writers left behind.
    let mut list = Command::new(env!("CARGO_BIN_EXE_statusnote"));
    assert!(
        list.arg("--data-dir").arg(&data).args(["drafts", "list"]).stdout(Stdio::null()).status().unwrap().success()
    );
    let left: Vec<String> = std::fs::read_dir(data.join("drafts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp") || n.ends_with(".lock"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
