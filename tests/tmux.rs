//! The main flow in a real terminal: tmux runs the binary, keys are sent as
//! a person types them (Japanese included), the screen is read back with
//! its colours, and the saved draft is checked with `drafts show`.
//! Waits for text with a timeout; never sleeps a fixed time to pass.

use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        // -u: UTF-8 whatever the locale of the machine running the test.
        c.args(["-u", "-L", &self.socket]).env("LANG", "C.UTF-8");
        c
    }

    fn send(&self, keys: &[&str]) {
        assert!(self.cmd().args(["send-keys", "-t", "sn"]).args(keys).status().unwrap().success());
    }

    fn type_text(&self, text: &str) {
        assert!(self.cmd().args(["send-keys", "-t", "sn", "-l", text]).status().unwrap().success());
    }

    fn capture(&self, escapes: bool) -> String {
        let mut c = self.cmd();
        c.args(["capture-pane", "-p", "-t", "sn"]);
        if escapes {
            c.arg("-e");
        }
        String::from_utf8_lossy(&c.output().unwrap().stdout).into_owned()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture(false);
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("timed out waiting for {text:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn wait_exit(&self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            let out = self.cmd().args(["display-message", "-p", "-t", "sn", "#{pane_dead}"]).output().unwrap();
            if String::from_utf8_lossy(&out.stdout).trim() == "1" || !out.status.success() {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("the composer did not exit:\n{}", self.capture(false));
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

fn tmux_available() -> bool {
    let ok = Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success());
    if !ok {
        // CI installs tmux (.ci/run); there a missing tmux is a failure.
        assert!(std::env::var_os("CI").is_none(), "tmux is missing on CI");
        eprintln!("skipped: tmux is not installed");
    }
    ok
}

#[test]
fn blocked_note_in_japanese_through_a_real_terminal() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let bin = env!("CARGO_BIN_EXE_statusnote");
    let t = Tmux { socket: format!("statusnote-test-{}", std::process::id()) };
    let shell = format!(
        "env STATUSNOTE_DATA_DIR='{}' LANG=ja_JP.UTF-8 TERM=xterm-256color '{bin}' new --tenant Contoso --workload EXO",
        data.display()
    );
    let started =
        t.cmd().args(["new-session", "-d", "-s", "sn", "-x", "100", "-y", "30", &shell]).status().unwrap().success();
    assert!(started);
    let _ = t.cmd().args(["set-option", "-t", "sn", "remain-on-exit", "on"]).status();

    t.wait_for("ステータス");
    t.send(&["b"]);
    t.wait_for("テンプレートの言語");
    t.send(&["Enter"]);
    t.wait_for("スロット 1 / 2");
    t.type_text("プロキシが先進認証に対応していない");
    t.send(&["Tab"]);
    t.wait_for("スロット 2 / 2");
    t.type_text("ユーザーは Outlook からサインインできません");
    t.wait_for("優れたメモ");
    t.send(&["Enter"]);
    // `--workload EXO` is the workload's full name, as typing it would be.
    t.wait_for("┌ Exchange Online");
    // Readline Ctrl-A to the start of the line, then type a vague lead-in.
    t.send(&["C-a"]);
    t.type_text("現時点では、");
    t.wait_for("vague-time");

    // The vague words are drawn with an underline (SGR 4), not colour alone.
    let screen = t.capture(true);
    // In the note itself, not the quote 「現時点では」 in the findings panel.
    let (line, at) = screen
        .lines()
        .find_map(|l| l.match_indices("現時点では").find(|(i, _)| !l[..*i].ends_with('「')).map(|(i, _)| (l, i)))
        .unwrap_or_else(|| panic!("the vague words in the note:\n{screen}"));
    // The run of SGR sequences right before the words sets their style.
    let mut before = &line[..at];
    let mut params = Vec::new();
    while before.ends_with('m') {
        let Some(i) = before.rfind("\x1b[") else { break };
        params.extend(before[i + 2..before.len() - 1].split(';').map(str::to_string));
        before = &before[..i];
    }
    assert!(params.iter().any(|p| p == "4"), "not underlined: {params:?} in {line:?}");

    t.send(&["C-s"]);
    t.wait_for("保存しました");
    t.send(&["C-q"]);
    t.wait_exit();

    let out = Command::new(bin).args(["drafts", "show", "Contoso"]).env("STATUSNOTE_DATA_DIR", &data).output().unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(
        shown.contains("現時点では、プロキシが先進認証に対応していないため、お客様は展開できません。ユーザーは Outlook からサインインできません。"),
        "{shown}"
    );
    assert!(shown.contains("Exchange Online  [blocked, ja]"), "{shown}");
}

/// Starts the composer in a new tmux server, already in a free-text note.
fn composer(t: &Tmux, data: &std::path::Path) {
    let bin = env!("CARGO_BIN_EXE_statusnote");
    let shell = format!(
        "env STATUSNOTE_DATA_DIR='{}' LANG=en_US.UTF-8 TERM=xterm-256color '{bin}' new --tenant Fabrikam --workload Intune --status blocked --template free",
        data.display()
    );
    assert!(
        t.cmd().args(["new-session", "-d", "-s", "sn", "-x", "100", "-y", "30", &shell]).status().unwrap().success()
    );
    t.wait_for("┌ Intune");
}

fn saved_note(data: &std::path::Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_statusnote"))
        .args(["drafts", "show", "Fabrikam"])
        .env("STATUSNOTE_DATA_DIR", data)
        .output()
        .unwrap();
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn pane_pid(t: &Tmux) -> String {
    let out = t.cmd().args(["display-message", "-p", "-t", "sn", "#{pane_pid}"]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Waits until the process is gone; false if it is still there after 10 s.
fn gone(pid: &str) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    false
}

#[test]
fn a_dropped_terminal_saves_what_was_just_typed_and_exits() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let t = Tmux { socket: format!("statusnote-hup-{}", std::process::id()) };
    composer(&t, &data);
    t.type_text("Typed a moment before the connection dropped.");
    t.wait_for("connection dropped.");
    let pid = pane_pid(&t);
    // Like an SSH session going away: the terminal disappears (SIGHUP).
    let _ = t.cmd().arg("kill-server").status();
    assert!(gone(&pid), "the composer kept running without a terminal");
    let note = saved_note(&data);
    assert!(note.contains("Typed a moment before the connection dropped."), "{note}");
}

#[test]
fn sigterm_saves_and_exits() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let t = Tmux { socket: format!("statusnote-term-{}", std::process::id()) };
    composer(&t, &data);
    let _ = t.cmd().args(["set-option", "-t", "sn", "remain-on-exit", "on"]).status();
    t.type_text("Typed before SIGTERM.");
    t.wait_for("before SIGTERM.");
    let pid = pane_pid(&t);
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    t.wait_exit();
    assert!(saved_note(&data).contains("Typed before SIGTERM."));
}

/// Issue 11, item 6: a stray `ESC[200~` (a paste start with no end)
/// swallowed every key after it, Ctrl-Q included. The paste now ends by
/// itself and the keys are keys again; a real paste is still one text.
#[test]
fn a_stray_paste_start_does_not_swallow_the_keys() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let t = Tmux { socket: format!("statusnote-paste-{}", std::process::id()) };
    composer(&t, &data);
    let _ = t.cmd().args(["set-option", "-t", "sn", "remain-on-exit", "on"]).status();
    // A whole bracketed paste: tmux wraps it in the markers (-p).
    assert!(t.cmd().args(["set-buffer", "-b", "p", "Pasted line one.\nPasted line two."]).status().unwrap().success());
    assert!(t.cmd().args(["paste-buffer", "-p", "-b", "p", "-t", "sn"]).status().unwrap().success());
    t.wait_for("Pasted line two.");
    // Now only the start marker, written raw, then typing and Ctrl-Q.
    assert!(t.cmd().args(["set-buffer", "-b", "s", "\u{1b}[200~ stray"]).status().unwrap().success());
    assert!(t.cmd().args(["paste-buffer", "-b", "s", "-t", "sn"]).status().unwrap().success());
    t.wait_for("two. stray");
    t.type_text(" typed after.");
    t.wait_for("stray typed after.");
    t.send(&["C-q"]);
    t.wait_exit();
    let note = saved_note(&data);
    assert!(note.contains("Pasted line one.\n  Pasted line two. stray typed after."), "{note}");
}
