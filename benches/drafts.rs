//! Draft listing speed on 10,000 drafts: the store's list with a warm index,
//! a cold one (every file parsed), and the whole `drafts list --format json`
//! command. Run by hand: `cargo bench --bench drafts`.

use criterion::{Criterion, criterion_group, criterion_main};
use statusnote::cli::drafts::{DraftsCommand, Env, ViewFormat, run};
use statusnote::draft::fs::RealFs;
use statusnote::draft::{Draft, Store, Timestamp};
use statusnote::note::{Lang, Status};

const N: usize = 10_000;

fn populate(root: &std::path::Path) {
    let store = Store::new(root, RealFs);
    for i in 0..N {
        let now = Timestamp(1_795_610_711 + i as i64);
        let mut d = Draft::new(format!("bench-{i:05}"), format!("Tenant {i}"), now);
        for (wl, note) in [
            ("Exchange Online", "ファイアウォールがトラフィックを正しく転送しないため、展開できません。"),
            ("Microsoft Teams", "Customer is migrating 300 mailboxes and has completed the pilot."),
        ] {
            let e = d.entry_mut(wl, Lang::Ja, now);
            e.note = note.to_string();
            e.status = Some(Status::Blocked);
        }
        store.save(&d, None).unwrap();
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    populate(dir.path());
    let store = Store::new(dir.path(), RealFs);
    let mut g = c.benchmark_group("drafts 10k");
    g.sample_size(10);
    g.bench_function("list, warm index", |b| b.iter(|| store.list().unwrap()));
    g.bench_function("list, cold (no index)", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(dir.path().join("index.json"));
            store.list().unwrap()
        })
    });
    let env = Env {
        data_dir: dir.path().into(),
        now: Timestamp(0),
        now_ms: 0,
        entropy: 0,
        pid: std::process::id(),
        engine: statusnote::engine::Engine::builtin(),
    };
    let cmd = DraftsCommand::List { format: ViewFormat::Json };
    g.bench_function("drafts list --format json", |b| {
        b.iter(|| run(&cmd, &env, &mut std::io::sink(), &mut std::io::sink()).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
