//! Prints the lexicon hits, clauses and report for a note: a tuning aid.
//! usage: cargo run --example debug_hits -- STATUS 'note text'
use statusnote::engine::Engine;
use statusnote::note::Lang;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (status, text) = match args.as_slice() {
        [s, t] => (Engine::builtin().taxonomy().parse_status(s), t.clone()),
        [t] => (None, t.clone()),
        _ => {
            eprintln!("usage: debug_hits [STATUS] TEXT");
            std::process::exit(2);
        }
    };
    let lang = Lang::detect(&text);
    print!("{}", Engine::builtin().explain(&text, lang));
    let r = Engine::builtin().lint(&text, status, lang);
    println!("grade: {}", r.grade);
    for f in &r.findings {
        println!("  {:?} {:?} {:?} {:?}", f.rule, f.severity, &text[f.start..f.end], f.effect);
    }
}
