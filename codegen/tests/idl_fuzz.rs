//! Property: the IDL loader answers every input with a model or with
//! problems, never a panic (or a hang: each case must finish for the run
//! to end). Inputs are random bytes, random sequences of IDL tokens, and
//! valid files (our fixtures and IDL twins) mutated by cutting, repeating,
//! inserting and swapping pieces. When a mutated file still loads, what
//! `ast` and `idl` print of it must load back to the same model.
//!
//! The normal run checks 300 inputs of each kind; the long run checks
//! 100 000 of each (300 000 in all):
//! `cargo test --release -p smithy-codegen --test idl_fuzz -- --ignored`.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use smithy_codegen::{load_sources, to_idl, to_json_ast};

/// Pieces of IDL the token strategy strings together.
const TOKENS: &[&str] = &[
    "$version", ": ", "\"2.0\"", "\"1.0\"", "\n", " ", "\t", ",", "\r\n", "namespace", "example.ns", "use",
    "example.other#Thing", "metadata", "=", "structure", "union", "list", "map", "set", "enum", "intEnum", "string",
    "integer", "service", "resource", "operation", "apply", "Foo", "Bar", "member", "key", "value", "{", "}", "[", "]",
    "(", ")", "@", "required", "documentation", "length", "min", "max", "mixin", "trait", "with", "for", "input",
    "output", "errors", ":=", "$", "#", ".", "\"text\"", "\"\"\"\n  block\n  \"\"\"", "\"\\u00e9\\n\"", "///",
    "/// doc\n", "// comment\n", "-1", "2.5e3", "0", "true", "false", "null", "String", "smithy.api#Integer",
    "Foo$member", "identifiers", "operations", "version", "=\"x\"", "\u{feff}", "é", "\"unterminated", "\\",
];

/// Valid IDL files to mutate: the construct fixtures and the twins.
fn seeds() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    let mut stack = vec![root.join("tests/idl/valid"), root.join("tests/models/idl")];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "smithy") {
            out.push(std::fs::read_to_string(&path).unwrap());
        }
    }
    out.sort();
    assert!(out.len() > 10, "seed files not found");
    out
}

/// Loads `text` as one IDL file; when it loads, validates it (which must
/// not panic or hang whatever the model) and checks that the JSON AST and
/// the IDL printed from it load back to the same model.
fn check(text: &str) {
    let Ok(model) = load_sources(vec![("fuzz.smithy".to_owned(), text.to_owned())]) else { return };
    smithy_codegen::validate::validate(&model);
    let ast = to_json_ast(&model);
    let again = load_sources(vec![("printed.json".to_owned(), ast.clone())])
        .unwrap_or_else(|d| panic!("the printed JSON AST does not load: {d}\n{ast}\nfrom:\n{text}"));
    assert_eq!(to_json_ast(&again), ast, "JSON AST round trip of:\n{text}");
    let idl: Vec<(String, String)> = to_idl(&model).into_iter().map(|f| (format!("{}.smithy", f.namespace), f.text)).collect();
    let from_idl = load_sources(idl.clone()).unwrap_or_else(|d| panic!("the printed IDL does not load: {d}\n{idl:?}\nfrom:\n{text}"));
    assert_eq!(to_json_ast(&from_idl), ast, "IDL round trip of:\n{text}\nprinted as\n{idl:?}");
}

#[derive(Clone, Debug)]
enum Edit {
    Cut(usize, usize),
    Repeat(usize, usize),
    Insert(usize, usize),
    Swap(usize, usize),
}

fn mutate(seed: &str, edits: &[Edit]) -> String {
    let mut bytes = seed.as_bytes().to_vec();
    for edit in edits {
        if bytes.is_empty() {
            break;
        }
        let at = |i: usize| i % (bytes.len() + 1);
        match *edit {
            Edit::Cut(a, len) => {
                let a = at(a);
                let b = (a + len % 40).min(bytes.len());
                bytes.drain(a..b);
            }
            Edit::Repeat(a, len) => {
                let a = at(a);
                let b = (a + len % 60).min(bytes.len());
                let piece = bytes[a..b].to_vec();
                bytes.splice(b..b, piece);
            }
            Edit::Insert(a, token) => {
                let a = at(a);
                bytes.splice(a..a, TOKENS[token % TOKENS.len()].bytes());
            }
            Edit::Swap(a, b) => {
                let (a, b) = (a % bytes.len(), b % bytes.len());
                bytes.swap(a, b);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Cut(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Repeat(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Insert(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

fn run(cases: u32) {
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let seeds = seeds();

    let mut runner = TestRunner::new(config.clone());
    runner
        .run(&proptest::collection::vec(any::<u8>(), 0..400), |bytes| {
            check(&String::from_utf8_lossy(&bytes));
            Ok(())
        })
        .unwrap();

    let mut runner = TestRunner::new(config.clone());
    runner
        .run(&proptest::collection::vec(0..TOKENS.len(), 0..120), |tokens| {
            let text: String = tokens.iter().map(|&t| TOKENS[t]).collect();
            check(&text);
            // The same tokens after a valid preamble reach deeper.
            check(&format!("$version: \"2\"\nnamespace example.ns\n{text}"));
            Ok(())
        })
        .unwrap();

    let mut runner = TestRunner::new(config);
    runner
        .run(&(0..seeds.len(), proptest::collection::vec(edit(), 1..6)), |(seed, edits)| {
            check(&mutate(&seeds[seed], &edits));
            Ok(())
        })
        .unwrap();
}

#[test]
fn idl_loader_never_panics() {
    run(300);
}

#[test]
#[ignore = "long run: 300 000 inputs"]
fn idl_loader_never_panics_long_run() {
    run(100_000);
}

#[test]
fn seed_files_round_trip() {
    for seed in seeds() {
        check(&seed);
    }
}
