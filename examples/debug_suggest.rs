//! Prints the ranked reasons and their cue words for a note: a tuning aid.
//! usage: cargo run --example debug_suggest -- [STATUS] 'note text'
use statusnote::engine::Engine;
use statusnote::note::Lang;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let engine = Engine::builtin();
    let (status, text) = match args.as_slice() {
        [s, t] => (engine.taxonomy().parse_status(s), t.clone()),
        [t] => (None, t.clone()),
        _ => return eprintln!("usage: debug_suggest [STATUS] TEXT"),
    };
    for s in engine.suggest(&text, status, Lang::detect(&text)).iter().take(5) {
        let cues: Vec<&str> = s.cues.iter().map(|r| &text[r.clone()]).collect();
        println!("{:.3} {}/{} {:?}", s.score, s.l1, s.l2, cues);
    }
}
