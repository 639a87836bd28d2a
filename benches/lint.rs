//! Lint speed: one typical note, a 10 KB note, and a batch of 100,000 CSV
//! notes to JSON lines through the same code path as `statusnote lint`.
//! Run by hand: `cargo bench --bench lint`. Numbers go in the README.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use statusnote::cli::{InputFormat, LangArg, LintArgs, OutputFormat};
use statusnote::engine::Engine;
use statusnote::note::{Lang, Status};
use std::hint::black_box;
use std::path::PathBuf;

const JA: &str = "ファイアウォールがトラフィックを正しく転送せず、お客様はメールボックスに接続できないため、サービスを展開しません。";
const EN: &str = "Customer will not deploy the service because the firewall does not forward traffic correctly and users cannot connect to their mailboxes.";

fn corpus_csv(n: usize) -> Vec<u8> {
    // The labelled notes of the test corpus, cycled: realistic lengths and a
    // mix of grades, statuses and both languages.
    let mut rows = Vec::new();
    for file in ["tests/fixtures/notes-own.tsv", "tests/fixtures/notes-heldout.tsv", "tests/fixtures/seed-notes.ja.tsv"]
    {
        let text = std::fs::read_to_string(file).expect("run from the repository root");
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.splitn(5, '\t').collect();
            rows.push((f[0].to_string(), f[2].to_string(), f.get(4).copied().unwrap_or("").to_string()));
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "status", "lang", "tenant", "workload", "note"]).unwrap();
    for i in 0..n {
        let (lang, status, note) = &rows[i % rows.len()];
        w.write_record([&i.to_string(), status, lang, &format!("Tenant{}", i % 997), "Exchange Online", note]).unwrap();
    }
    w.into_inner().unwrap()
}

fn bench(c: &mut Criterion) {
    let engine = Engine::builtin();
    c.bench_function("lint typical ja note", |b| {
        b.iter(|| engine.lint(black_box(JA), Some(Status::Blocked), Lang::Ja))
    });
    c.bench_function("lint typical en note", |b| {
        b.iter(|| engine.lint(black_box(EN), Some(Status::Blocked), Lang::En))
    });
    c.bench_function("suggest typical ja note", |b| {
        b.iter(|| engine.suggest(black_box(JA), Some(Status::Blocked), Lang::Ja))
    });
    c.bench_function("suggest typical en note, no status", |b| {
        b.iter(|| engine.suggest(black_box(EN), None, Lang::En))
    });
    let big: String = JA.repeat(10_240 / JA.len() + 1);
    c.bench_function("lint 10 KB note", |b| b.iter(|| engine.lint(black_box(&big), Some(Status::Blocked), Lang::Ja)));

    let n = 100_000;
    let csv = corpus_csv(n);
    let args = LintArgs {
        status: None,
        lang: Some(LangArg::Auto),
        input: InputFormat::Csv,
        format: OutputFormat::Jsonl,
        check_pasted: false,
        verbose: false,
        baseline: None,
        quiet: false,
        min_severity: statusnote::cli::MinSeverity::Hint,
        files: vec![PathBuf::from("-")],
    };
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("100k csv notes to jsonl", |b| {
        b.iter(|| {
            let mut input = csv.as_slice();
            let mut out = std::io::sink();
            let mut err = std::io::sink();
            statusnote::cli::lint(&args, &statusnote::cli::LintEnv::builtin(), &mut input, &mut out, &mut err).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
