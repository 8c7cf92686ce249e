//! The `cargo xtask codegen` logic, shared by the binary and by the test
//! that keeps `generated/` in step with `model/`.

use std::fmt::Write as _;
use std::path::Path;

use smithy_codegen::{generate, load, Options};
use smithy_corpus::Generation;

pub mod bench;
pub mod sweep;

/// Whether to write files or only compare them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write the files whose contents changed.
    Write,
    /// Write nothing; fail when a file differs.
    Check,
}

/// The command that regenerates `generated/`.
pub const COMMAND: &str = "cargo xtask codegen";

/// A crate the workspace generates from a model of its own: the model,
/// where the crate goes, and how it is generated. (The crates of other
/// projects' models are generated when they build: `smithy_corpus::CRATES`.)
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// The model's files or directories, relative to the workspace root.
    pub model: &'static [&'static str],
    /// The crate directory, relative to the workspace root.
    pub out: &'static str,
    /// The generator's options.
    pub generation: Generation,
}

impl Target {
    const fn fixture(model: &'static [&'static str], out: &'static str, crate_name: &'static str) -> Self {
        Target { model, out, generation: Generation::new(crate_name) }
    }

    /// With the model's protocol test cases as `tests/protocol_tests.rs`.
    const fn with_protocol_tests(mut self) -> Self {
        self.generation.protocol_tests = true;
        self
    }

    /// With the service's endpoint rule cases as `tests/endpoint_tests.rs`.
    const fn with_endpoint_tests(mut self) -> Self {
        self.generation.endpoint_tests = true;
        self
    }
}

/// Every crate generated from a model in this repository: the shipped
/// CodeBuild crate and the fixture crates the tests compile (naming
/// obstacle course, kitchen sink, recursion, a service with no operations
/// yet, DynamoDB's item operations, SQS's queues, EKS's clusters and
/// Lambda's functions for tests against third-party peers, restJson1
/// bindings of required members, a service with endpoint rules).
pub const TARGETS: &[Target] = &[
    Target::fixture(&["model"], "generated", "codebuild"),
    Target::fixture(&["tests/models/obstacle-course.json"], "tests/fixture-crates/obstacle-course", "obstacle_course"),
    // The kitchen sink carries protocol test cases of its own, as a user's
    // model would.
    Target::fixture(&["tests/models/kitchen-sink.json"], "tests/fixture-crates/kitchen-sink", "kitchen_sink")
        .with_protocol_tests(),
    Target::fixture(&["tests/models/recursion.json"], "tests/fixture-crates/recursion", "recursion"),
    Target::fixture(&["tests/models/no-operations.json"], "tests/fixture-crates/no-operations", "no_operations"),
    Target::fixture(&["tests/models/dynamodb-items.json"], "tests/fixture-crates/dynamodb-items", "dynamodb_items"),
    Target::fixture(&["tests/models/sqs-queues.json"], "tests/fixture-crates/sqs-queues", "sqs_queues"),
    // restJson1 against moto, the AWS CLI and boto3.
    Target::fixture(&["tests/models/eks-clusters.json"], "tests/fixture-crates/eks-clusters", "eks_clusters"),
    Target::fixture(&["tests/models/lambda-functions.json"], "tests/fixture-crates/lambda-functions", "lambda_functions"),
    // restJson1 required members that are plain values (an input without
    // `@input`): lists and maps in the query and headers, a token.
    Target::fixture(&["tests/models/rest-bindings.json"], "tests/fixture-crates/rest-bindings", "rest_bindings"),
    // Endpoint rules with every way an operation feeds them, and cases
    // that check them.
    Target::fixture(&["tests/models/endpoint-rules.json"], "tests/fixture-crates/endpoint-rules", "endpoint_rules")
        .with_endpoint_tests(),
    // An rpcv2Cbor service of our own (IDL): every kind of value in CBOR,
    // pagination, modeled errors, and hostile bodies.
    Target::fixture(&["tests/models/metrics-cbor.smithy"], "tests/fixture-crates/metrics-cbor", "metrics_cbor"),
];

/// Generates every crate in [`TARGETS`]. In [`Mode::Write`] only changed
/// files are written and stale generated files removed; the report names
/// them. In [`Mode::Check`] nothing is written and any difference is an
/// error naming the stale files. A model with problems stops everything
/// before anything is written.
pub fn codegen(root: &Path, mode: Mode) -> Result<String, String> {
    codegen_targets(root, TARGETS, mode)
}

/// [`codegen`] for the given targets.
pub fn codegen_targets(root: &Path, targets: &[Target], mode: Mode) -> Result<String, String> {
    let mut generated = Vec::new();
    let mut report = String::new();
    for target in targets {
        let paths: Vec<std::path::PathBuf> = target.model.iter().map(|m| root.join(m)).collect();
        let model = load(&paths).map_err(|d| d.to_string())?;
        let warnings = smithy_codegen_cli::refuse_invalid(&model)
            .map_err(|report| format!("{}:\n{report}", target.model.join(" ")))?;
        if !warnings.is_empty() {
            let _ = write!(report, "{}:\n{warnings}", target.model.join(" "));
        }
        let files = generate(&model, &target.generation.options(COMMAND)).map_err(|d| d.to_string())?;
        generated.push((target, files));
    }

    let mut changed = Vec::new();
    let mut total = 0;
    for (target, files) in &generated {
        let out_dir = root.join(target.out);
        total += files.len();
        for file in files {
            let current = std::fs::read_to_string(out_dir.join(&file.path)).ok();
            if current.as_deref() != Some(file.contents.as_str()) {
                changed.push((format!("{}/{}", target.out, file.path), Some(file.contents.as_str())));
            }
        }
        // Generated files that the model no longer produces.
        for dir in ["src", "tests"] {
            for stale in generated_files_on_disk(&out_dir.join(dir)) {
                let rel = format!("{dir}/{stale}");
                if !files.iter().any(|f| f.path == rel) {
                    changed.push((format!("{}/{rel}", target.out), None));
                }
            }
        }
    }

    if changed.is_empty() {
        let _ = writeln!(report, "generated code is up to date ({total} files in {} crates)", generated.len());
        return Ok(report);
    }
    match mode {
        Mode::Check => {
            let mut msg = String::from("generated code is stale; these files differ from what the models generate:\n");
            for (path, _) in &changed {
                let _ = writeln!(msg, "  {path}");
            }
            let _ = writeln!(msg, "run `{COMMAND}` and commit the result");
            Err(msg)
        }
        Mode::Write => {
            for (path, contents) in &changed {
                let full = root.join(path);
                let result = match contents {
                    Some(contents) => full
                        .parent()
                        .map_or(Ok(()), std::fs::create_dir_all)
                        .and_then(|()| std::fs::write(&full, contents)),
                    None => std::fs::remove_file(&full),
                };
                result.map_err(|e| format!("cannot write {}: {e}", full.display()))?;
                let verb = if contents.is_some() { "wrote" } else { "removed" };
                let _ = writeln!(report, "{verb} {path}");
            }
            Ok(report)
        }
    }
}

/// Every `.rs` file below `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Names (relative to `dir`) of `.rs` files carrying the `@generated` header.
fn generated_files_on_disk(dir: &Path) -> Vec<String> {
    rust_files(dir)
        .into_iter()
        .filter(|path| std::fs::read_to_string(path).is_ok_and(|t| t.starts_with("// @generated")))
        .filter_map(|path| path.strip_prefix(dir).ok().map(|rel| rel.to_string_lossy().replace('\\', "/")))
        .collect()
}

/// The feature sets a user of a generated crate can pick: none (types
/// only), the client, the server, both.
pub const FEATURE_SETS: [&[&str]; 4] = [
    &["--no-default-features"],
    &["--no-default-features", "--features", "client"],
    &["--no-default-features", "--features", "server"],
    &["--all-features"],
];

/// `cargo xtask check-features`: `cargo clippy -D warnings` over every
/// generated crate of the workspace in each of [`FEATURE_SETS`] (the
/// workspace's own build enables both features everywhere, which would
/// hide dead code in a server-only or types-only build).
pub fn check_features(root: &Path) -> Result<String, String> {
    let mut packages = Vec::new();
    for target in TARGETS {
        let manifest = std::fs::read_to_string(root.join(target.out).join("Cargo.toml")).map_err(|e| format!("{}: {e}", target.out))?;
        let name = manifest
            .lines()
            .find_map(|l| l.strip_prefix("name = \"").and_then(|n| n.strip_suffix('"')))
            .ok_or_else(|| format!("{}/Cargo.toml names no package", target.out))?;
        packages.extend(["-p".to_owned(), name.to_owned()]);
    }
    // The crates generated from other projects' models when they build
    // (empty without the corpora).
    for krate in smithy_corpus::CRATES {
        packages.extend(["-p".to_owned(), krate.package.to_owned()]);
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut report = String::new();
    for features in FEATURE_SETS {
        let status = std::process::Command::new(&cargo)
            .current_dir(root)
            .arg("clippy")
            .args(&packages)
            .args(features)
            .args(["--", "-D", "warnings"])
            .status()
            .map_err(|e| format!("cannot run cargo clippy: {e}"))?;
        if !status.success() {
            return Err(format!("{report}cargo clippy {} failed ({status})\n", features.join(" ")));
        }
        let _ = writeln!(report, "cargo clippy {}: ok ({} crates)", features.join(" "), packages.len() / 2);
    }
    Ok(report)
}

/// `cargo xtask endpoint-tests MODEL...`: every `smithy.rules#endpointTests`
/// case of each model's services, resolved with the runtime's rules engine
/// against the service's `endpointRuleSet`: a count per model and what each
/// failing case gave. Fails when a case does, but for the stale ones
/// `smithy_codegen::endpoints::STALE_CASES` lists. `partitions` replaces the
/// runtime's partitions data (botocore's `partitions.json` format).
pub fn endpoint_tests<P: AsRef<Path>>(models: &[P], partitions: Option<&Path>) -> Result<String, String> {
    use smithy_runtime::client::endpoint::{check_case, Partitions, RuleSet};
    let loaded;
    let partitions = match partitions {
        None => Partitions::builtin(),
        Some(path) => {
            let json = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            loaded = Partitions::parse(&json).map_err(|e| format!("{}: {e}", path.display()))?;
            &loaded
        }
    };
    let mut report = String::new();
    let mut failed = 0;
    for path in models {
        let path = path.as_ref();
        let model = load(std::slice::from_ref(&path)).map_err(|d| format!("{}: {d}", path.display()))?;
        for (id, shape) in &model.shapes {
            let traits = shape.traits();
            let (Some(rules), Some(tests)) = (traits.get("smithy.rules#endpointRuleSet"), traits.get("smithy.rules#endpointTests")) else {
                continue;
            };
            let rules = RuleSet::parse(&rules.to_string()).map_err(|e| format!("{id}: {e}"))?;
            let cases = tests["testCases"].to_serde_json().as_array().cloned().unwrap_or_default();
            let parsed = smithy_codegen::endpoints::cases(tests).map_err(|e| format!("{id}: {e}"))?;
            let (mut problems, mut stale) = (Vec::new(), 0);
            for (n, (case, parsed)) in cases.iter().zip(&parsed).enumerate() {
                if let Err(problem) = check_case(&rules, case, partitions) {
                    if smithy_codegen::endpoints::stale(parsed).is_some() {
                        stale += 1;
                        continue;
                    }
                    let what = parsed.documentation.as_deref().unwrap_or("");
                    problems.push(format!("    case {n} ({what}): {problem}"));
                }
            }
            let passed = cases.len() - problems.len() - stale;
            let stale = if stale > 0 { format!("; {stale} stale (smithy_codegen::endpoints::STALE_CASES)") } else { String::new() };
            let _ = writeln!(report, "{} ({id}): {passed} of {} cases pass{stale}", path.display(), cases.len());
            for problem in &problems {
                let _ = writeln!(report, "{problem}");
            }
            failed += problems.len();
        }
    }
    if failed > 0 {
        return Err(format!("{report}{failed} endpoint test cases failed\n"));
    }
    Ok(report)
}

/// How the crates xtask generates outside the workspace depend on this
/// workspace's runtime: by a path relative to them.
pub fn crate_options(root: &Path, name: &str, standalone: bool, codegen: Options) -> smithy_codegen_cli::CrateOptions {
    smithy_codegen_cli::CrateOptions {
        name: name.to_owned(),
        runtime: smithy_codegen_cli::Runtime::Path(root.join("runtime")),
        standalone,
        codegen,
    }
}

/// Generates a crate from each of `models` into `dir` (one scratch
/// workspace, dependencies pinned by this workspace's `Cargo.lock`) and
/// checks them as users would build them: `cargo clippy -- -D warnings` in
/// each of [`FEATURE_SETS`] and `cargo doc` with warnings denied. Operations the
/// generator does not support are skipped with a warning.
pub fn check_models(root: &Path, models: &[std::path::PathBuf], dir: &Path) -> Result<String, String> {
    let options = Options {
        regenerate_command: "cargo xtask check-models".to_owned(),
        unsupported_operations: smithy_codegen::Unsupported::Skip,
        ..Options::default()
    };
    let mut report = String::new();
    let mut members = Vec::new();
    for model in models {
        let stem = model.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        // Models from different folders may share a file name.
        let mut name = format!("check-{stem}");
        for n in 2.. {
            if !members.contains(&format!("{name:?}")) {
                break;
            }
            name = format!("check-{stem}-{n}");
        }
        let out = dir.join(&name);
        let _ = std::fs::remove_dir_all(out.join("src"));
        let crate_options = crate_options(root, &name, false, options.clone());
        report += &smithy_codegen_cli::generate_crate(std::slice::from_ref(model), &out, &crate_options)
            .map_err(|e| format!("{}: {e}", model.display()))?;
        members.push(format!("{name:?}"));
    }
    scratch_workspace(root, dir, &members)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut steps: Vec<(String, Vec<&str>)> = FEATURE_SETS
        .iter()
        .map(|features| {
            let mut args = vec!["clippy", "--workspace", "--keep-going"];
            args.extend(*features);
            args.extend(["--", "-D", "warnings"]);
            (format!("clippy {}", features.join(" ")), args)
        })
        .collect();
    steps.push(("doc".to_owned(), vec!["doc", "--workspace", "--keep-going", "--no-deps", "--all-features"]));
    for (step, args) in steps {
        let status = std::process::Command::new(&cargo)
            .current_dir(dir)
            .args(args)
            .env("RUSTDOCFLAGS", "-D warnings")
            .status()
            .map_err(|e| format!("cannot run cargo {step}: {e}"))?;
        if !status.success() {
            return Err(format!("{report}cargo {step} failed in {} ({status})\n", dir.display()));
        }
        let _ = writeln!(report, "cargo {step}: ok");
    }
    Ok(report)
}

/// Makes `dir` a workspace of `members` (quoted paths relative to it), its
/// dependencies pinned by this workspace's `Cargo.lock`.
pub(crate) fn scratch_workspace(root: &Path, dir: &Path, members: &[String]) -> Result<(), String> {
    let workspace = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    std::fs::write(dir.join("Cargo.toml"), workspace).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` alone catches a `generated/` that is out of step with `model/`.
    #[test]
    fn generated_crate_is_fresh() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        if let Err(e) = codegen(&root, Mode::Check) {
            panic!("{e}");
        }
    }

    /// `model/` may hold IDL files; `codegen` reads them like JSON AST.
    #[test]
    fn idl_files_in_the_model_directory_are_read() {
        let dir = std::env::temp_dir().join(format!("xtask-idl-model-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("model/more")).unwrap();
        std::fs::write(
            dir.join("model/service.smithy"),
            "$version: \"2\"\nnamespace ex\nuse aws.protocols#awsJson1_1\n\n@awsJson1_1\nservice Svc {\n    version: \"1\"\n    operations: [Ping]\n}\n",
        )
        .unwrap();
        // Directories are searched recursively.
        std::fs::write(dir.join("model/more/ping.smithy"), "$version: \"2\"\nnamespace ex\n\noperation Ping {}\n").unwrap();
        let target = Target::fixture(&["model"], "generated", "svc");
        let report = codegen_targets(&dir, &[target], Mode::Write).unwrap();
        assert!(report.contains("wrote generated/src/client.rs"), "{report}");
        let client = std::fs::read_to_string(dir.join("generated/src/client.rs")).unwrap();
        assert!(client.contains("pub fn ping("), "{client}");
        assert!(codegen_targets(&dir, &[target], Mode::Check).unwrap().contains("up to date"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_bad_model_writes_nothing() {
        let dir = std::env::temp_dir().join(format!("xtask-bad-model-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("model")).unwrap();
        std::fs::create_dir_all(dir.join("generated/src")).unwrap();
        std::fs::write(dir.join("model/m.json"), "{\"smithy\": \"2.0\", \"shapes\": {\"a#B\": {\"type\": \"nope\"}}}").unwrap();
        let target = Target::fixture(&["model"], "generated", "bad");
        let err = codegen_targets(&dir, &[target], Mode::Write).unwrap_err();
        assert!(err.contains("a#B: unsupported shape type `nope`"), "{err}");
        let written = std::fs::read_dir(dir.join("generated/src")).unwrap().count();
        assert_eq!(written, 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
