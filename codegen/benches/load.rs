//! Loading Smithy's compliance suites and trait definitions (all of
//! the corpus's `smithy/`: `$SMITHY_CORPORA/smithy`, by default
//! `../shared/smithy`, about 1.1 MB of IDL in 99 files) as IDL, side by
//! side with loading the same model as one JSON AST document (what `ast`
//! prints of it). Both read from memory, so only parsing, resolution and
//! merging are measured. Beside them, validating the loaded model, and
//! loading and validating AWS's S3 model (`$SMITHY_CORPORA/models/s3.json`):
//! the validators' cost against the loader's.
//!
//! ```sh
//! cargo bench -p smithy-codegen --bench load
//! ```

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use smithy_codegen::validate::validate;
use smithy_codegen::{load_sources, to_json_ast};

fn idl_files(dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).expect("the suites' folder").map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        // `errorfiles/` holds models that must fail.
        if path.is_dir() && !path.ends_with("errorfiles") {
            idl_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "smithy") {
            out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

fn bench(c: &mut Criterion) {
    let corpora = match std::env::var_os("SMITHY_CORPORA") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
    };
    let dir = corpora.join("smithy");
    if !dir.is_dir() {
        eprintln!("skipped: Smithy's suites are not at {} (set SMITHY_CORPORA; see the README's test corpora)", dir.display());
        return;
    }
    let mut idl = Vec::new();
    idl_files(&dir, &mut idl);
    let model = load_sources(idl.clone()).expect("the suites load");
    let json = vec![("smithy.json".to_owned(), to_json_ast(&model))];
    let idl_bytes: usize = idl.iter().map(|(_, text)| text.len()).sum();
    let json_bytes = json[0].1.len();
    eprintln!("{} IDL files, {idl_bytes} bytes; the same model as JSON AST: {json_bytes} bytes", idl.len());

    let mut group = c.benchmark_group("load Smithy's suites");
    group.sample_size(30);
    group.throughput(Throughput::Bytes(idl_bytes as u64));
    group.bench_function("IDL", |b| b.iter(|| load_sources(idl.clone()).expect("loads")));
    group.throughput(Throughput::Bytes(json_bytes as u64));
    group.bench_function("JSON AST", |b| b.iter(|| load_sources(json.clone()).expect("loads")));
    group.bench_function("validate", |b| b.iter(|| validate(&model)));
    group.finish();

    let s3 = corpora.join("models/s3.json");
    let Ok(text) = std::fs::read_to_string(&s3) else {
        eprintln!("skipped: no S3 model at {}", s3.display());
        return;
    };
    let source = vec![("s3.json".to_owned(), text)];
    let model = load_sources(source.clone()).expect("S3 loads");
    let mut group = c.benchmark_group("S3");
    group.sample_size(30);
    group.bench_function("load", |b| b.iter(|| load_sources(source.clone()).expect("loads")));
    group.bench_function("validate", |b| b.iter(|| validate(&model)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
