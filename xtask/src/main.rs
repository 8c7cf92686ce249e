//! Project automation. `cargo xtask codegen` regenerates `generated/` from
//! `model/`; `cargo xtask codegen --check` fails when `generated/` is stale.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xtask::{codegen, Mode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = workspace_root();
    match args.as_slice() {
        ["codegen"] => run(&root, Mode::Write),
        ["codegen", "--check"] => run(&root, Mode::Check),
        ["generate", rest @ ..] => generate_elsewhere(&root, rest),
        ["check-features"] => report(xtask::check_features(&root)),
        ["sweep", rest @ ..] => {
            let (dir, services) = match rest {
                ["--dir", dir, services @ ..] => (PathBuf::from(dir), services),
                services => (root.join("target/sweep"), services),
            };
            if services.iter().any(|s| s.starts_with("--")) {
                eprintln!("usage: {SWEEP_USAGE}");
                return ExitCode::from(2);
            }
            let services = services.iter().map(|s| (*s).to_owned()).collect();
            report(xtask::sweep::sweep(&root, &xtask::sweep::SweepOptions { dir, services }))
        }
        // For scripts: `-p NAME` for each crate generated from a corpus.
        ["corpus-crates"] => {
            for krate in smithy_corpus::CRATES {
                println!("-p {}", krate.package);
            }
            ExitCode::SUCCESS
        }
        ["endpoint-tests", "--partitions", partitions, models @ ..] if !models.is_empty() => {
            report(xtask::endpoint_tests(models, Some(Path::new(partitions))))
        }
        ["endpoint-tests", models @ ..] if !models.is_empty() => report(xtask::endpoint_tests(models, None)),
        ["ast", models @ ..] if !models.is_empty() => report(smithy_codegen_cli::ast(models)),
        // Every event, as `smithy-codegen validate` prints them.
        ["validate", models @ ..] if !models.is_empty() && !models.iter().any(|m| m.starts_with("--")) => {
            report(smithy_codegen_cli::validate(models, smithy_codegen::validate::Severity::Note))
        }
        ["idl", rest @ ..] => idl(rest),
        ["bench", rest @ ..] => bench(&root, rest),
        ["check-models", models @ ..] if !models.is_empty() => {
            let models: Vec<PathBuf> = models.iter().map(PathBuf::from).collect();
            report(xtask::check_models(&root, &models, &root.join("target/check-models")))
        }
        _ => {
            eprintln!("usage: cargo xtask codegen [--check]");
            eprintln!("       {BENCH_USAGE}");
            eprintln!("       cargo xtask generate MODEL.json... --out DIR [--name CRATE] [--service ID] [--operations A,B] [--skip-unsupported] [--protocol-tests] [--endpoint-tests]");
            eprintln!("       cargo xtask check-models MODEL.json...");
            eprintln!("       cargo xtask check-features");
            eprintln!("       {SWEEP_USAGE}");
            eprintln!("       cargo xtask corpus-crates");
            eprintln!("       cargo xtask endpoint-tests [--partitions PARTITIONS.json] MODEL...");
            eprintln!("       cargo xtask ast MODEL...");
            eprintln!("       cargo xtask validate MODEL...");
            eprintln!("       {IDL_USAGE}");
            ExitCode::from(2)
        }
    }
}

const SWEEP_USAGE: &str = "cargo xtask sweep [--dir DIR] [SERVICE...]";

const IDL_USAGE: &str = "cargo xtask idl MODEL... [--out DIR]";

const BENCH_USAGE: &str = "cargo xtask bench --model MODEL.json [--runs N] [--only compile|decode]";

fn run(root: &Path, mode: Mode) -> ExitCode {
    report(codegen(root, mode))
}

/// Prints a command's report, or its error, and exits accordingly.
fn report(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask idl`: a model as IDL, on standard output or into a
/// directory (one file per namespace).
fn idl(args: &[&str]) -> ExitCode {
    let (models, out) = match args {
        [models @ .., "--out", dir] => (models, Some(Path::new(dir))),
        models => (models, None),
    };
    if models.is_empty() || models.iter().any(|m| m.starts_with("--")) {
        eprintln!("usage: {IDL_USAGE}");
        return ExitCode::from(2);
    }
    report(smithy_codegen_cli::idl(models, out))
}

/// `cargo xtask generate`: a crate from any model into a scratch directory.
fn generate_elsewhere(root: &Path, args: &[&str]) -> ExitCode {
    let mut models = Vec::new();
    let mut out = None;
    let mut name = None;
    let mut options = smithy_codegen::Options::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match *arg {
            "--out" => out = it.next().map(PathBuf::from),
            "--name" => name = it.next().map(|s| (*s).to_owned()),
            "--service" => options.service = it.next().map(|s| (*s).to_owned()),
            "--skip-unsupported" => options.unsupported_operations = smithy_codegen::Unsupported::Skip,
            "--protocol-tests" => options.protocol_tests = true,
            "--endpoint-tests" => options.endpoint_tests = true,
            "--operations" => {
                options.operations = it.next().map(|s| s.split(',').map(str::to_owned).collect());
            }
            model => models.push(PathBuf::from(model)),
        }
    }
    let Some(out) = out.filter(|_| !models.is_empty()) else {
        eprintln!(
            "usage: cargo xtask generate MODEL... --out DIR [--name CRATE] [--service ID] [--operations A,B] [--skip-unsupported] [--protocol-tests] [--endpoint-tests]"
        );
        return ExitCode::from(2);
    };
    options.regenerate_command = "cargo xtask generate".to_owned();
    let name = name.unwrap_or_else(|| "generated-service".to_owned());
    report(smithy_codegen_cli::generate_crate(&models, &out, &xtask::crate_options(root, &name, true, options)))
}

/// `cargo xtask bench`: ours against the AWS SDK crate of the same service
/// (CodeBuild or Lambda, by the model), side by side.
fn bench(root: &Path, args: &[&str]) -> ExitCode {
    let mut options = xtask::bench::BenchOptions { model: PathBuf::new(), runs: 3, compile: true, decode: true };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match (*arg, it.next().copied()) {
            ("--model", Some(path)) => options.model = PathBuf::from(path),
            ("--runs", Some(n)) => match n.parse() {
                Ok(n) => options.runs = n,
                Err(e) => {
                    eprintln!("--runs: {e}");
                    return ExitCode::from(2);
                }
            },
            ("--only", Some("compile")) => options.decode = false,
            ("--only", Some("decode")) => options.compile = false,
            _ => {
                eprintln!("usage: {BENCH_USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    if options.model.as_os_str().is_empty() {
        eprintln!("usage: {BENCH_USAGE}");
        return ExitCode::from(2);
    }
    let model = options.model.canonicalize().unwrap_or_else(|_| options.model.clone());
    options.model = model;
    report(xtask::bench::bench(root, &options))
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}
