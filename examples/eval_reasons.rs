//! Measures L2 suggestion on a labelled TSV (lang, l1, l2, note): right
//! first and within the top three, per language. A tuning and reporting aid.
//! usage: cargo run --release --example eval_reasons -- tests/fixtures/reasons-heldout.tsv
use statusnote::engine::Engine;
use statusnote::note::{Lang, Status};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "tests/fixtures/reasons-heldout.tsv".into());
    let verbose = std::env::args().any(|a| a == "-v");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let engine = Engine::builtin();
    let mut stats = std::collections::BTreeMap::<String, (u32, u32, u32)>::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.splitn(4, '\t').collect();
        let (lang, status, l2, note) = (Lang::from_code(f[0]).unwrap(), Status::from_id(f[1]).unwrap(), f[2], f[3]);
        for (key, st) in [(format!("{lang} with status"), Some(status)), (format!("{lang} no status"), None)] {
            let s = engine.suggest(note, st, lang);
            let pos = s.iter().position(|x| x.l2 == l2);
            let e = stats.entry(key.clone()).or_default();
            e.0 += 1;
            e.1 += u32::from(pos == Some(0));
            e.2 += u32::from(pos.is_some_and(|p| p < 3));
            if verbose && st.is_some() && pos != Some(0) {
                println!("MISS {lang} {l2}: got {} ({:.2}) | {note}", s[0].l2, s[0].score);
            }
        }
    }
    for (k, (n, first, top3)) in stats {
        println!(
            "{k:<20} n={n:<4} first {:.1}%  top-3 {:.1}%",
            100.0 * first as f32 / n as f32,
            100.0 * top3 as f32 / n as f32
        );
    }
}
