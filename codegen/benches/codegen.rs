//! Load + generate time for our CodeBuild model and for any models named in
//! `SMITHY_BENCH_MODELS` (paths separated by `:`), e.g.
//!
//! ```sh
//! SMITHY_BENCH_MODELS=../shared/models/codebuild.json cargo bench -p smithy-codegen --bench codegen
//! ```
//!
//! Relative paths are taken from the workspace root (cargo runs benches
//! in the package directory).

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use smithy_codegen::{generate, load, Options};

fn models() -> Vec<(String, PathBuf)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = vec![("model/codebuild.json".to_owned(), root.join("model/codebuild.json"))];
    if let Ok(extra) = std::env::var("SMITHY_BENCH_MODELS") {
        for path in extra.split(':').filter(|p| !p.is_empty()) {
            out.push((path.to_owned(), root.join(path)));
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("load+generate");
    group.sample_size(20);
    for (name, path) in models() {
        // A model the generator rejects is reported, not measured.
        if let Err(e) = load(&[&path]).and_then(|m| generate(&m, &Options::default())) {
            eprintln!("skipping {name}: {e}");
            continue;
        }
        group.bench_function(&name, |b| {
            b.iter(|| {
                let model = load(&[&path]).expect("model loads");
                generate(&model, &Options::default()).expect("model generates")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
