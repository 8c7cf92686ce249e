//! `smithy-codegen`: Rust crates from Smithy models, with no JVM.
//! `smithy-codegen --help` says how.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use smithy_codegen::validate::Severity;
use smithy_codegen::{Options, Unsupported};
use smithy_codegen_cli::{bundled_runtime, generate_crate, CrateOptions, GitReference, Runtime};

const USAGE: &str = "\
usage:
  smithy-codegen generate MODEL... --out DIR [OPTIONS]   a crate (types, client, server) in DIR
  smithy-codegen ast MODEL...                            the model as Smithy JSON AST, on standard output
  smithy-codegen idl MODEL... [--out DIR]                the model as Smithy IDL 2.0 (one file per namespace)
  smithy-codegen validate MODEL... [--severity S]        Smithy's validation events for the model; fails on ERROR
                                                         or DANGER. S (NOTE, WARNING, DANGER, ERROR) is the
                                                         lowest severity printed (default NOTE)

MODEL is a .smithy (IDL) or .json (JSON AST) file, or a directory searched
recursively for both; give as many as the model spans.

generate options:
  --name CRATE               the package name (default: DIR's name)
  --service ID               the service to generate, when the model has several
  --operations A,B           only these operations and the shapes they reach
  --skip-unsupported         leave out operations the protocol cannot carry (event streams), with a warning
  --protocol-tests           also write the model's smithy.test cases as tests/protocol_tests.rs (cargo test runs them)
  --endpoint-tests           also write the service's smithy.rules#endpointTests cases as tests/endpoint_tests.rs
  --runtime-path PATH        depend on smithy-runtime at PATH, written relative to DIR
                             (default: the runtime beside this generator's sources)
  --runtime-git URL          depend on smithy-runtime from a git repository,
    [--rev R | --branch B | --tag T]   at that commit
  --runtime-version VERSION  depend on smithy-runtime VERSION from a registry
  --workspace-member         no empty [workspace] table: DIR is a member of an enclosing workspace
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    // `--help` after a command (`generate --help`) asks for help too.
    if args.iter().any(|a| matches!(*a, "--help" | "-h")) {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let result = match args.as_slice() {
        ["generate", rest @ ..] => generate(rest),
        ["ast", models @ ..] if !models.is_empty() && !models.iter().any(|m| m.starts_with("--")) => {
            smithy_codegen_cli::ast(models)
        }
        ["idl", rest @ ..] => match rest {
            [models @ .., "--out", dir] if !models.is_empty() => smithy_codegen_cli::idl(models, Some(Path::new(dir))),
            models if !models.is_empty() && !models.iter().any(|m| m.starts_with("--")) => {
                smithy_codegen_cli::idl(models, None)
            }
            _ => Err(usage("`idl` needs at least one model")),
        },
        ["validate", rest @ ..] => validate(rest),
        ["help"] => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(usage("")),
    };
    match result {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) if e.starts_with("usage:") || e.contains("\nusage:") => {
            eprint!("{e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprint!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn validate(args: &[&str]) -> Result<String, String> {
    let mut models = Vec::new();
    let mut lowest = Severity::Note;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match *arg {
            "--severity" => {
                lowest = match it.next().map(|s| s.to_ascii_uppercase()).as_deref() {
                    Some("SUPPRESSED") => Severity::Suppressed,
                    Some("NOTE") => Severity::Note,
                    Some("WARNING") => Severity::Warning,
                    Some("DANGER") => Severity::Danger,
                    Some("ERROR") => Severity::Error,
                    Some(other) => return Err(usage(&format!("unknown severity `{other}`: give SUPPRESSED, NOTE, WARNING, DANGER or ERROR"))),
                    None => return Err(usage("`--severity` needs a value")),
                }
            }
            flag if flag.starts_with("--") => return Err(usage(&format!("unknown option `{flag}`"))),
            model => models.push(model),
        }
    }
    if models.is_empty() {
        return Err(usage("`validate` needs at least one model"));
    }
    smithy_codegen_cli::validate(&models, lowest)
}

fn usage(problem: &str) -> String {
    if problem.is_empty() {
        USAGE.to_owned()
    } else {
        format!("smithy-codegen: {problem}\n\n{USAGE}")
    }
}

fn generate(args: &[&str]) -> Result<String, String> {
    let mut models = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut name = None;
    let mut codegen = Options { regenerate_command: "smithy-codegen generate".to_owned(), ..Options::default() };
    let mut runtime = None;
    let mut git_ref = None;
    let mut standalone = true;
    let mut it = args.iter();
    while let Some(&arg) = it.next() {
        let mut value = || it.next().copied().ok_or_else(|| usage(&format!("`{arg}` needs a value")));
        match arg {
            "--out" => out = Some(PathBuf::from(value()?)),
            "--name" => name = Some(value()?.to_owned()),
            "--service" => codegen.service = Some(value()?.to_owned()),
            "--operations" => codegen.operations = Some(value()?.split(',').map(str::to_owned).collect()),
            "--skip-unsupported" => codegen.unsupported_operations = Unsupported::Skip,
            "--protocol-tests" => codegen.protocol_tests = true,
            "--endpoint-tests" => codegen.endpoint_tests = true,
            "--workspace-member" => standalone = false,
            "--runtime-path" | "--runtime-git" | "--runtime-version" if runtime.is_some() => {
                return Err(usage("give one of --runtime-path, --runtime-git and --runtime-version"))
            }
            "--runtime-path" => runtime = Some(Runtime::Path(PathBuf::from(value()?))),
            "--runtime-version" => runtime = Some(Runtime::Version(value()?.to_owned())),
            "--runtime-git" => runtime = Some(Runtime::Git { url: value()?.to_owned(), reference: None }),
            "--rev" | "--branch" | "--tag" if git_ref.is_some() => return Err(usage("give one of --rev, --branch and --tag")),
            "--rev" => git_ref = Some(GitReference::Rev(value()?.to_owned())),
            "--branch" => git_ref = Some(GitReference::Branch(value()?.to_owned())),
            "--tag" => git_ref = Some(GitReference::Tag(value()?.to_owned())),
            flag if flag.starts_with("--") => return Err(usage(&format!("unknown option `{flag}`"))),
            model => models.push(PathBuf::from(model)),
        }
    }
    let Some(out) = out else { return Err(usage("`generate` needs --out DIR")) };
    if models.is_empty() {
        return Err(usage("`generate` needs at least one model"));
    }
    let runtime = match (runtime, git_ref) {
        (Some(Runtime::Git { url, .. }), reference) => Runtime::Git { url, reference },
        (_, Some(_)) => return Err(usage("--rev, --branch and --tag go with --runtime-git")),
        (Some(runtime), None) => runtime,
        (None, None) => Runtime::Path(bundled_runtime()),
    };
    let name = match name {
        Some(name) => name,
        None => out
            .canonicalize()
            .unwrap_or_else(|_| out.clone())
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| usage("give the crate a name with --name"))?,
    };
    generate_crate(&models, &out, &CrateOptions { name, runtime, standalone, codegen })
}
