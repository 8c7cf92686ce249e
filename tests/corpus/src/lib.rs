//! The test corpora, and the test crates generated from them.
//!
//! Smithy's protocol compliance suites and AWS's service models are other
//! projects' data. The tests read them where they lie and commit neither
//! them nor anything generated from them. Both are found in one folder:
//! the one [`ENV`] names, by default `../shared` beside the workspace. It
//! holds [`SMITHY`] (`smithy/`) and [`AWS_MODELS`] (`models/`).
//!
//! A crate made from a corpus (one of [`CRATES`]) has a build script that
//! calls [`build`]: it generates the crate into `OUT_DIR` and sets
//! `cfg(corpus)`, under which the crate `include!`s what was generated.
//! Without the corpus the crate is empty, and each of its tests says what it
//! skipped and where the corpus comes from ([`Corpus::or_skip`]).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use smithy_codegen::{Options, Unsupported};

/// The environment variable naming the folder that holds the corpora.
pub const ENV: &str = "SMITHY_CORPORA";

/// One corpus: a folder of the corpora folder, what it holds, and where a
/// copy can be had.
#[derive(Debug)]
pub struct Corpus {
    /// The folder's name in the corpora folder.
    pub folder: &'static str,
    /// What it holds, for messages.
    pub what: &'static str,
    /// The public repository it comes from, and the paths there.
    pub source: &'static str,
}

/// Smithy's protocol compliance suites and trait definitions.
pub const SMITHY: Corpus = Corpus {
    folder: "smithy",
    what: "Smithy's protocol compliance suites and trait definitions",
    source: "the GitHub repository smithy-lang/smithy: put smithy-aws-protocol-tests/model/ at protocol-tests/, \
             smithy-protocol-tests/model/ at smithy-protocol-tests/, and the trait definitions (the prelude, \
             smithy.test, the aws.* traits, smithy.framework's validation model, smithy.protocols.rpcv2) in traits/",
};

/// AWS's service models (Smithy JSON AST), one file per service.
pub const AWS_MODELS: Corpus = Corpus {
    folder: "models",
    what: "AWS's service models",
    source: "the GitHub repository aws/api-models-aws: each service's models/<service>/service/<version>/<service>-<version>.json, \
             saved as <service>.json (codebuild.json, dynamodb.json, eks.json, lambda.json, ...)",
};

/// The folder holding the corpora: [`ENV`]'s value, else `../shared`
/// beside the workspace.
pub fn root() -> PathBuf {
    match std::env::var_os(ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => workspace_root().parent().map_or_else(|| PathBuf::from("../shared"), |parent| parent.join("shared")),
    }
}

/// The workspace this crate belongs to.
pub fn workspace_root() -> &'static Path {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    // tests/corpus → the workspace.
    manifest.parent().and_then(Path::parent).unwrap_or(manifest)
}

impl Corpus {
    /// Where this corpus is looked for.
    pub fn path(&self) -> PathBuf {
        root().join(self.folder)
    }

    /// The corpus folder, when it is there.
    pub fn find(&self) -> Option<PathBuf> {
        let path = self.path();
        path.is_dir().then_some(path)
    }

    /// For a test that needs the corpus: its folder, or `None` after one
    /// line on standard error (past the test harness's capture, so
    /// `cargo test` shows it) saying that `what` was skipped and how to get
    /// the corpus.
    pub fn or_skip(&self, what: &str) -> Option<PathBuf> {
        let found = self.find();
        if found.is_none() {
            let line = format!("{}\n", self.skip_message(what));
            // Not `eprintln!`: the harness would hide it for a passing test.
            let _ = std::io::stderr().write_all(line.as_bytes());
        }
        found
    }

    /// What [`Corpus::or_skip`] says.
    pub fn skip_message(&self, what: &str) -> String {
        format!(
            "skipped: {what}: {} are not at {} (set {ENV} to a folder holding {}/; they come from {})",
            self.what,
            self.path().display(),
            self.folder,
            self.source
        )
    }
}

/// How a crate is generated from its model: the options of the generator
/// that `cargo xtask codegen` and the corpus crates' build scripts share.
#[derive(Clone, Copy, Debug)]
pub struct Generation {
    /// The crate's library name, used in documentation examples.
    pub crate_name: &'static str,
    /// The service to generate, when the model has several.
    pub service: Option<&'static str>,
    /// Also generate the model's protocol compliance cases as
    /// `tests/protocol_tests.rs`.
    pub protocol_tests: bool,
    /// Only these operations, when not all.
    pub operations: Option<&'static [&'static str]>,
    /// Also generate the service's endpoint rule cases as
    /// `tests/endpoint_tests.rs`.
    pub endpoint_tests: bool,
    /// Leave out operations this generator cannot carry (event streams),
    /// with a warning, instead of failing.
    pub skip_unsupported: bool,
}

impl Generation {
    /// A crate of every operation of the model's one service.
    pub const fn new(crate_name: &'static str) -> Self {
        Generation { crate_name, service: None, protocol_tests: false, operations: None, endpoint_tests: false, skip_unsupported: false }
    }

    /// The generator's options, naming `command` in each file's header.
    pub fn options(&self, command: &str) -> Options {
        Options {
            regenerate_command: command.to_owned(),
            crate_name: Some(self.crate_name.to_owned()),
            service: self.service.map(str::to_owned),
            protocol_tests: self.protocol_tests,
            endpoint_tests: self.endpoint_tests,
            operations: self.operations.map(|ops| ops.iter().map(|op| (*op).to_owned()).collect()),
            unsupported_operations: if self.skip_unsupported { Unsupported::Skip } else { Unsupported::Error },
        }
    }
}

/// A test crate generated from a corpus when it builds.
#[derive(Debug)]
pub struct CorpusCrate {
    /// The package's name.
    pub package: &'static str,
    /// Its directory, relative to the workspace.
    pub dir: &'static str,
    /// The corpus its model comes from.
    pub corpus: &'static Corpus,
    /// The model's files and folders, relative to the corpus folder.
    pub model: &'static [&'static str],
    /// How it is generated.
    pub generation: Generation,
}

/// The files an AWS protocol suite loads with (`../shared/smithy/README.md`):
/// its folder, the shapes and config the suites share, and the traits.
macro_rules! aws_suite {
    ($folder:literal) => {
        &[
            concat!("protocol-tests/", $folder),
            "protocol-tests/shared-types.smithy",
            "protocol-tests/aws-config.smithy",
            "traits",
        ]
    };
}

/// The files one of Smithy's own protocol suites (a folder of
/// `smithy-protocol-tests/`) loads with: its folder, its shared shapes, and
/// the traits.
macro_rules! smithy_suite {
    ($folder:literal) => {
        &[concat!("smithy-protocol-tests/", $folder), "smithy-protocol-tests/shared-types.smithy", "traits"]
    };
}

/// AWS's rpcv2Cbor suite: both suites' shared shapes.
const AWS_RPC_V2_CBOR: &[&str] = &[
    "protocol-tests/rpcv2Cbor",
    "protocol-tests/shared-types.smithy",
    "protocol-tests/aws-config.smithy",
    "smithy-protocol-tests/shared-types.smithy",
    "traits",
];

impl CorpusCrate {
    /// A crate of one of Smithy's protocol suites (a folder of
    /// `protocol-tests/`), for `service`, with its protocol tests.
    const fn suite(package: &'static str, dir: &'static str, model: &'static [&'static str], crate_name: &'static str, service: &'static str) -> Self {
        let generation = Generation { service: Some(service), protocol_tests: true, skip_unsupported: true, ..Generation::new(crate_name) };
        CorpusCrate { package, dir, corpus: &SMITHY, model, generation }
    }

    /// A crate of one of AWS's models with its endpoint rule cases, limited
    /// to `operations` (those the cases call).
    const fn endpoints(package: &'static str, dir: &'static str, model: &'static [&'static str], crate_name: &'static str, operations: &'static [&'static str]) -> Self {
        let generation = Generation { operations: Some(operations), endpoint_tests: true, ..Generation::new(crate_name) };
        CorpusCrate { package, dir, corpus: &AWS_MODELS, model, generation }
    }

    /// The command named in the generated files' headers.
    pub fn command(&self) -> String {
        format!("cargo build -p {}", self.package)
    }
}

/// Every test crate generated from a corpus: Smithy's awsJson and restJson1
/// compliance suites with their protocol tests, and AWS's CodeBuild and
/// DynamoDB models with their endpoint tests.
pub const CRATES: &[CorpusCrate] = &[
    CorpusCrate::suite(
        "compliance-aws-json-1-0",
        "tests/compliance/aws-json-1-0",
        aws_suite!("awsJson1_0"),
        "compliance_aws_json_1_0",
        "aws.protocoltests.json10#JsonRpc10",
    ),
    CorpusCrate::suite(
        "compliance-aws-json-1-1",
        "tests/compliance/aws-json-1-1",
        aws_suite!("awsJson1_1"),
        "compliance_aws_json_1_1",
        "aws.protocoltests.json#JsonProtocol",
    ),
    // Its event-stream operations are left out.
    CorpusCrate::suite(
        "compliance-rest-json-1",
        "tests/compliance/rest-json-1",
        aws_suite!("restJson1"),
        "compliance_rest_json_1",
        "aws.protocoltests.restjson#RestJson",
    ),
    // The constraint-validation cases: smithy.framework#ValidationException.
    CorpusCrate::suite(
        "compliance-rest-json-1-validation",
        "tests/compliance/rest-json-1-validation",
        aws_suite!("restJson1"),
        "compliance_rest_json_1_validation",
        "aws.protocoltests.restjson.validation#RestJsonValidation",
    ),
    // The suites' other services: AWS SDK customizations and a
    // query-compatible service.
    CorpusCrate::suite(
        "compliance-aws-json-1-0-query-compatible",
        "tests/compliance/aws-json-1-0-query-compatible",
        aws_suite!("awsJson1_0"),
        "compliance_aws_json_1_0_query_compatible",
        "aws.protocoltests.json10#QueryCompatibleJsonRpc10",
    ),
    CorpusCrate::suite(
        "compliance-machine-learning",
        "tests/compliance/machine-learning",
        aws_suite!("awsJson1_1"),
        "compliance_machine_learning",
        "com.amazonaws.machinelearning#AmazonML_20141212",
    ),
    CorpusCrate::suite(
        "compliance-api-gateway",
        "tests/compliance/api-gateway",
        aws_suite!("restJson1"),
        "compliance_api_gateway",
        "com.amazonaws.apigateway#BackplaneControlService",
    ),
    // Smithy's own RPC v2 protocols, and AWS's rpcv2Cbor services (which
    // load Smithy's shared shapes too).
    CorpusCrate::suite(
        "compliance-rpc-v2-cbor",
        "tests/compliance/rpc-v2-cbor",
        smithy_suite!("rpcv2Cbor"),
        "compliance_rpc_v2_cbor",
        "smithy.protocoltests.rpcv2Cbor#RpcV2Protocol",
    ),
    CorpusCrate::suite(
        "compliance-rpc-v2-json",
        "tests/compliance/rpc-v2-json",
        smithy_suite!("rpcv2Json"),
        "compliance_rpc_v2_json",
        "smithy.protocoltests.rpcv2Json#RpcV2JsonProtocol",
    ),
    CorpusCrate::suite(
        "compliance-rpc-v2-cbor-query-compatible",
        "tests/compliance/rpc-v2-cbor-query-compatible",
        AWS_RPC_V2_CBOR,
        "compliance_rpc_v2_cbor_query_compatible",
        "aws.protocoltests.rpcv2cbor#QueryCompatibleRpcV2Protocol",
    ),
    CorpusCrate::suite(
        "compliance-rpc-v2-cbor-non-query-compatible",
        "tests/compliance/rpc-v2-cbor-non-query-compatible",
        AWS_RPC_V2_CBOR,
        "compliance_rpc_v2_cbor_non_query_compatible",
        "aws.protocoltests.rpcv2cbor#NonQueryCompatibleRpcV2Protocol",
    ),
    CorpusCrate::suite("compliance-glacier", "tests/compliance/glacier", aws_suite!("restJson1"), "compliance_glacier", "com.amazonaws.glacier#Glacier"),
    CorpusCrate::endpoints("endpoints-codebuild", "tests/endpoints/codebuild", &["codebuild.json"], "endpoints_codebuild", &["RetryBuild"]),
    CorpusCrate::endpoints(
        "endpoints-dynamodb",
        "tests/endpoints/dynamodb",
        &["dynamodb.json"],
        "endpoints_dynamodb",
        &["BatchGetItem", "DescribeTable", "ListTables"],
    ),
];

/// The build script of a crate of [`CRATES`] (the one named by
/// `CARGO_PKG_NAME`): generates it into `OUT_DIR/generated` and sets
/// `cfg(corpus)`, or, without the corpus, leaves it empty. A model that
/// does not generate fails the build with the generator's report.
pub fn build() {
    if let Err(e) = try_build() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn try_build() -> Result<(), String> {
    println!("cargo::rustc-check-cfg=cfg(corpus)");
    println!("cargo::rerun-if-env-changed={ENV}");
    let package = std::env::var("CARGO_PKG_NAME").map_err(|e| format!("CARGO_PKG_NAME: {e}"))?;
    let krate = CRATES
        .iter()
        .find(|c| c.package == package)
        .ok_or_else(|| format!("`{package}` is not one of smithy_corpus::CRATES"))?;
    let Some(base) = krate.corpus.find() else {
        // Cargo runs the script again once the folder appears.
        println!("cargo::rerun-if-changed={}", krate.corpus.path().display());
        return Ok(());
    };
    let paths: Vec<PathBuf> = krate.model.iter().map(|m| base.join(m)).collect();
    for path in &paths {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    generate_into_out_dir(&paths, &krate.generation.options(&krate.command()))?;
    println!("cargo::rustc-cfg=corpus");
    Ok(())
}

/// For a build script: loads `paths`, generates the crate with `options`
/// into `OUT_DIR/generated` as the including crate's `include!`s can take
/// it (see [`build`]).
///
/// # Errors
/// The generator's report, or a file that cannot be written.
pub fn generate_into_out_dir(paths: &[PathBuf], options: &Options) -> Result<(), String> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("generated");
    let model = smithy_codegen::load(paths).map_err(|d| d.to_string())?;
    let files = smithy_codegen::generate(&model, options).map_err(|d| d.to_string())?;
    for file in files {
        let path = out.join(&file.path);
        let contents = includable(&file.path, &file.contents)?;
        path.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, contents))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// A generated file as `include!` can take it, which refuses inner
/// attributes: the crate root loses its own (the including `lib.rs` has
/// its documentation and lints), and a test file becomes a module of its
/// name holding them. Module files are loaded by `mod` and stay as they are.
fn includable(path: &str, contents: &str) -> Result<String, String> {
    let test = path.strip_prefix("tests/").and_then(|p| p.strip_suffix(".rs"));
    if path != "src/lib.rs" && test.is_none() {
        return Ok(contents.to_owned());
    }
    let header = contents.lines().next().filter(|l| l.starts_with("// @generated")).unwrap_or_default();
    let mut file = syn::parse_file(contents).map_err(|e| format!("{path}: {e}"))?;
    match test {
        None => file.attrs.clear(),
        Some(name) => {
            let ident = syn::Ident::new(name, proc_macro2::Span::call_site());
            let module = syn::ItemMod {
                attrs: std::mem::take(&mut file.attrs),
                vis: syn::Visibility::Inherited,
                unsafety: None,
                mod_token: Default::default(),
                ident,
                content: Some((Default::default(), std::mem::take(&mut file.items))),
                semi: None,
            };
            file.items.push(syn::Item::Mod(module));
        }
    }
    Ok(format!("{header}\n\n{}", prettyplease::unparse(&file)))
}

/// For a build script: converts botocore's model of `service` (as its
/// data folder names it: `cloudwatch`, `gamelift`) to Smithy JSON AST with
/// `tests/scripts/botocore_to_smithy.py`, into `OUT_DIR/botocore`, and
/// returns the file. `None` when `python3` cannot import botocore, after a
/// build warning; under CI (`CI` set) that is an error, since `.ci/run`
/// installs botocore.
///
/// # Errors
/// The converter failing, or botocore missing under CI.
pub fn botocore_model(service: &str) -> Result<Option<PathBuf>, String> {
    println!("cargo::rerun-if-env-changed=CI");
    let data = std::process::Command::new("python3")
        .args(["-c", "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    let Some(data) = data else {
        if std::env::var_os("CI").is_some() {
            return Err("python3 cannot import botocore; .ci/run must install it".to_owned());
        }
        println!("cargo::warning=python3 cannot import botocore (pip install botocore): this crate is left empty");
        return Ok(None);
    };
    let script = workspace_root().join("tests/scripts/botocore_to_smithy.py");
    println!("cargo::rerun-if-changed={}", script.display());
    println!("cargo::rerun-if-changed={}", data.join(service).display());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("botocore");
    let run = std::process::Command::new("python3")
        .arg(&script)
        .arg(&out)
        .arg(service)
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !run.status.success() {
        return Err(format!("{} {service} failed: {}", script.display(), String::from_utf8_lossy(&run.stderr)));
    }
    let model = out.join(format!("{service}.json"));
    model.is_file().then_some(Some(model)).ok_or_else(|| format!("botocore has no service `{service}`"))
}
