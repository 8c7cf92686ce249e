//! Loads all of `../shared/smithy` 20 times, as IDL or (with the argument
//! `json`) as the JSON AST `ast` prints of it: a steady workload for
//! profilers (`perf stat -e instructions`, `perf record`, callgrind).
//! Run from the workspace root.

fn main() {
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from("../shared/smithy")];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).expect("../shared/smithy").map(|e| e.expect("entry").path()));
        } else if path.extension().is_some_and(|e| e == "smithy") {
            let text = std::fs::read_to_string(&path).expect("readable");
            files.push((path.display().to_string(), text));
        }
    }
    if std::env::args().nth(1).as_deref() == Some("json") {
        let model = smithy_codegen::load_sources(files).expect("loads");
        files = vec![("smithy.json".to_owned(), smithy_codegen::to_json_ast(&model))];
    }
    let start = std::time::Instant::now();
    for _ in 0..20 {
        smithy_codegen::load_sources(files.clone()).expect("loads");
    }
    eprintln!("{:.1} ms a load", start.elapsed().as_secs_f64() * 1000.0 / 20.0);
}
