//! The README tells the truth: its two set-up commands, its key tables
//! (generated from the keymap), and the CI script running its test command.

#[test]
fn readme_opens_with_the_two_commands() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let block: Vec<&str> = readme.lines().skip_while(|l| !l.starts_with("```sh")).skip(1).take(2).collect();
    assert!(block[0].starts_with("cargo run --release "), "{block:?}");
    assert!(block[1].starts_with("cargo test "), "{block:?}");
    let ci = std::fs::read_to_string(".ci/run").unwrap();
    assert!(ci.lines().any(|l| l.trim_start().starts_with("cargo test")), ".ci/run must run the README's test command");
}

#[test]
fn readme_key_tables_match_the_keymap() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let keys = statusnote::tui::keys_doc::markdown();
    assert!(readme.contains(&keys), "README key tables are stale: run `cargo run --example keys_md`\n{keys}");
}
