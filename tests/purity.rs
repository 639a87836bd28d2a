//! The engine knows nothing of the terminal, the file system or the clock:
//! a test that reads the pure modules and fails if they reach for them.

const PURE: &[&str] = &[
    "src/note.rs",
    "src/taxonomy.rs",
    "src/template.rs",
    "src/text.rs",
    "src/assets.rs",
    "src/engine.rs",
    "src/engine/analysis.rs",
    "src/engine/dismiss.rs",
    "src/engine/lexicon.rs",
    "src/engine/levels.rs",
    "src/engine/messages.rs",
    "src/engine/rules.rs",
    "src/engine/suggest.rs",
];

const FORBIDDEN: &[&str] =
    &["ratatui", "crossterm", "std::fs", "stdin", "stdout", "SystemTime", "Instant", "std::env", "std::process"];

#[test]
fn pure_modules_do_not_touch_terminal_files_or_clock() {
    for path in PURE {
        let src = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for word in FORBIDDEN {
            let hits: Vec<usize> = src
                .lines()
                .enumerate()
                .filter(|(_, l)| l.contains(word) && !l.trim_start().starts_with("//"))
                .map(|(i, _)| i + 1)
                .collect();
            assert!(hits.is_empty(), "{path} mentions `{word}` on lines {hits:?}");
        }
    }
}

#[test]
fn every_engine_file_is_listed_as_pure() {
    for entry in std::fs::read_dir("src/engine").unwrap() {
        let p = entry.unwrap().path();
        let p = p.to_str().unwrap();
        assert!(PURE.contains(&p), "{p} is not in the purity list");
    }
}
