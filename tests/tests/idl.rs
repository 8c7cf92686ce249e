//! The Smithy IDL loader, through what users see: the JSON AST `ast`
//! prints for each construct, errors with file, line and column, IDL twins
//! of the fixture models generating the very same crates, and Smithy's own
//! compliance suites loading.

use std::path::{Path, PathBuf};

use smithy_codegen::{generate, load, load_sources, to_idl, to_json_ast, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The model files of a case (a file, or every file below a directory),
/// named relative to the case's folder, in name order.
fn case_sources(case: &Path) -> Vec<(String, String)> {
    let base = case.parent().unwrap();
    let mut files = Vec::new();
    let mut stack = vec![case.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let name = f.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
            (name, std::fs::read_to_string(&f).unwrap())
        })
        .collect()
}

/// The cases of a fixture folder: `.smithy` files and directories.
fn cases(dir: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "smithy"))
        .collect();
    cases.sort();
    cases
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

#[test]
fn each_construct_gives_its_expected_json_ast() {
    let cases = cases("tests/idl/valid");
    assert!(cases.len() >= 15, "{cases:?}");
    for case in cases {
        let model = load_sources(case_sources(&case)).unwrap_or_else(|d| panic!("{}: {d}", case.display()));
        let expected_path = case.with_extension("").with_extension("ast.json");
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let printed = to_json_ast(&model);
        assert_eq!(json(&printed), json(&expected), "{}: printed\n{printed}", case.display());
        // What `ast` prints loads back to the same model.
        let again = load_sources(vec![("printed.json".to_owned(), printed.clone())]).unwrap();
        assert_eq!(to_json_ast(&again), printed, "{}", case.display());
    }
}

#[test]
fn errors_name_file_line_and_column_and_show_the_line() {
    let cases = cases("tests/idl/invalid");
    assert!(cases.len() >= 15, "{cases:?}");
    for case in cases {
        let expected: Vec<String> = if case.is_dir() {
            let path = case.with_extension("errors");
            std::fs::read_to_string(&path).unwrap().lines().map(str::to_owned).collect()
        } else {
            let text = std::fs::read_to_string(&case).unwrap();
            vec![text.lines().next().unwrap().trim_start_matches("// ").to_owned()]
        };
        let message = match load_sources(case_sources(&case)) {
            Ok(_) => panic!("{} was accepted", case.display()),
            Err(d) => d.to_string(),
        };
        for want in &expected {
            assert!(message.contains(want.as_str()), "{}: expected `{want}` in\n{message}", case.display());
        }
        // Every problem shows its source line and a caret.
        assert!(message.contains("\n        |") || message.contains("\n         |"), "{message}");
        assert!(message.contains('^'), "{message}");
    }
}

#[test]
fn every_file_of_an_unreadable_set_is_reported() {
    let err = load(&[root().join("tests/idl/valid/enums.smithy"), PathBuf::from("/nonexistent/model.smithy")])
        .unwrap_err()
        .to_string();
    assert!(err.contains("/nonexistent/model.smithy: cannot read file"), "{err}");
}

/// The IDL twin of each fixture model (written by `cargo xtask idl`)
/// generates exactly the crate its JSON AST original does.
#[test]
fn idl_twins_generate_byte_identical_crates() {
    let twins = [
        ("model/codebuild.json", "tests/models/idl/codebuild"),
        ("tests/models/obstacle-course.json", "tests/models/idl/obstacle-course"),
        ("tests/models/kitchen-sink.json", "tests/models/idl/kitchen-sink"),
        ("tests/models/recursion.json", "tests/models/idl/recursion"),
        ("tests/models/no-operations.json", "tests/models/idl/no-operations"),
        ("tests/models/dynamodb-items.json", "tests/models/idl/dynamodb-items"),
        ("tests/models/sqs-queues.json", "tests/models/idl/sqs-queues"),
    ];
    for (json_model, idl_dir) in twins {
        let from_json = load(&[root().join(json_model)]).unwrap_or_else(|d| panic!("{d}"));
        let from_idl = load(&[root().join(idl_dir)]).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(to_json_ast(&from_idl), to_json_ast(&from_json), "{idl_dir}");
        let options = Options { crate_name: Some("twin".to_owned()), ..Options::default() };
        let a = generate(&from_json, &options).unwrap();
        let b = generate(&from_idl, &options).unwrap();
        assert_eq!(a.len(), b.len(), "{idl_dir}");
        for (a, b) in a.iter().zip(&b) {
            assert!(a == b, "{idl_dir}: {} differs", a.path);
        }
    }
}

/// `idl` then `ast` gives back the model, for every model we have.
#[test]
fn idl_output_loads_back_to_the_same_model() {
    let mut models = vec![root().join("model/codebuild.json")];
    for entry in std::fs::read_dir(root().join("tests/models")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            models.push(path);
        }
    }
    // And AWS's, where they are.
    if let Some(entries) = smithy_corpus::AWS_MODELS.or_skip("IDL round trips of AWS's models").and_then(|dir| std::fs::read_dir(dir).ok()) {
        models.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "json")));
    }
    for model_path in models {
        let model = load(&[&model_path]).unwrap_or_else(|d| panic!("{d}"));
        let files: Vec<(String, String)> =
            to_idl(&model).into_iter().map(|f| (format!("{}.smithy", f.namespace), f.text)).collect();
        let again = load_sources(files).unwrap_or_else(|d| panic!("{}: the IDL does not load: {d}", model_path.display()));
        assert!(to_json_ast(&again) == to_json_ast(&model), "{} changed through IDL", model_path.display());
    }
}

/// Each of Smithy's protocol compliance suites loads as
/// the corpus's README describes (its folder, the shared types and
/// config, the trait definitions), with the shape and test-case counts of
/// the pinned suites.
#[test]
fn smithy_compliance_suites_load() {
    let Some(base) = smithy_corpus::SMITHY.or_skip("loading Smithy's compliance suites") else { return };
    let suites = [
        ("awsJson1_0", 199, 33, 43, 0),
        ("awsJson1_1", 217, 60, 63, 0),
        ("restJson1", 531, 159, 116, 191),
    ];
    for (suite, shapes, requests, responses, malformed) in suites {
        let paths = [
            base.join("protocol-tests").join(suite),
            base.join("protocol-tests/shared-types.smithy"),
            base.join("protocol-tests/aws-config.smithy"),
            base.join("traits"),
        ];
        let model = load(&paths).unwrap_or_else(|d| panic!("{suite}: {d}"));
        let count = |trait_id: &str| -> usize {
            model.shapes.values().filter_map(|s| s.traits().get(trait_id)).filter_map(|v| v.as_array()).map(Vec::len).sum()
        };
        let found = (
            model.shapes.keys().filter(|id| !id.starts_with("smithy.api#")).count(),
            count("smithy.test#httpRequestTests"),
            count("smithy.test#httpResponseTests"),
            count("smithy.test#httpMalformedRequestTests"),
        );
        println!("{suite}: {} shapes, {} request, {} response and {} malformed-request cases", found.0, found.1, found.2, found.3);
        assert_eq!(found, (shapes, requests, responses, malformed), "{suite}");
    }
    // And every suite at once (not `errorfiles/`: models that must fail).
    load(&[base.join("protocol-tests"), base.join("smithy-protocol-tests"), base.join("traits")]).unwrap_or_else(|d| panic!("{d}"));
}
