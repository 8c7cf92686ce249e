//! `smithy-codegen` turns a Smithy 2.0 JSON AST model into a Rust crate:
//! serde types for every shape the service reaches, per-operation error
//! types, and the seams for the client and server.
//!
//! The pipeline has three stages with three kinds of data:
//! [`model`] (faithful serde types of the AST) → [`ir`] (resolved, validated,
//! named, sorted) → `emit` (token streams, formatted with prettyplease).
//! [`validate`] judges a loaded model as Smithy's validators do, on the
//! [`selector`] language.
//!
//! ```no_run
//! let model = smithy_codegen::load(&["model/codebuild.json"])?;
//! for file in smithy_codegen::generate(&model, &smithy_codegen::Options::default())? {
//!     println!("{}: {} bytes", file.path, file.contents.len());
//! }
//! # Ok::<(), smithy_codegen::Diagnostics>(())
//! ```

mod diag;
mod docs;
mod emit;
pub mod endpoints;
pub mod ir;
mod load;
pub mod model;
pub mod node;
mod naming;
mod print;
pub mod selector;
pub mod testcases;
pub mod validate;
pub mod waiters;

use std::collections::BTreeSet;

pub use diag::{Diagnostic, Diagnostics};
pub use load::{load, load_sources, load_str};
pub use model::Model;
pub use print::{to_idl, to_json_ast, IdlFile};

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    /// The service shape to generate (id or name); needed only when the
    /// model has more than one.
    pub service: Option<String>,
    /// Generate only these operations (by shape name) and the shapes they
    /// reach; `None` generates every operation.
    pub operations: Option<BTreeSet<String>>,
    /// The command that regenerates the output, named in each file's header.
    pub regenerate_command: String,
    /// The generated crate's name, used in documentation examples; by
    /// default the service's SDK id in snake case.
    pub crate_name: Option<String>,
    /// What to do with operations the protocol cannot carry here (event
    /// streams): report them as errors (the default) or skip them with a
    /// warning.
    pub unsupported_operations: Unsupported,
    /// Also generate the model's protocol compliance cases
    /// (`smithy.test#httpRequestTests` and `httpResponseTests` for the
    /// service's protocol) as `tests/protocol_tests.rs`, ordinary tests of
    /// the generated crate. It needs `smithy-runtime`'s `test-util` feature
    /// as a dev-dependency.
    pub protocol_tests: bool,
    /// Also generate the service's endpoint rule cases
    /// (`smithy.rules#endpointTests`) as `tests/endpoint_tests.rs`: each
    /// case's parameters resolved by the rules, and each of its calls made
    /// through a configured client. It needs `smithy-runtime`'s `test-util`
    /// feature as a dev-dependency.
    pub endpoint_tests: bool,
}

/// How to treat operations the generator cannot support.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Unsupported {
    /// A model error naming the operation.
    #[default]
    Error,
    /// Leave the operation out and report a warning naming it.
    Skip,
}

/// What [`generate_with_warnings`] produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    /// The files.
    pub files: Vec<GeneratedFile>,
    /// Things left out or worth knowing, each naming its shape.
    pub warnings: Vec<Diagnostic>,
    /// The features of `smithy-runtime` the crate needs besides `client`
    /// and `server` (`cbor` for rpcv2Cbor).
    pub runtime_features: Vec<&'static str>,
}

impl Default for Options {
    fn default() -> Self {
        Self { service: None, operations: None, regenerate_command: "cargo xtask codegen".to_owned(),
            crate_name: None,
            unsupported_operations: Unsupported::Error,
            protocol_tests: false,
            endpoint_tests: false,
        }
    }
}

/// One generated source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the generated crate's root, e.g. `src/types.rs`.
    pub path: String,
    /// The formatted contents.
    pub contents: String,
}

pub use emit::protocol_tests::{KnownFailure, Side, KNOWN_FAILURES};

/// One test [`Options::protocol_tests`] generates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProtocolTest {
    /// The side it runs on.
    pub side: Side,
    /// The case id.
    pub id: String,
    /// Why it is a known failure (its test is `#[ignore]`d), if it is one.
    pub known_failure: Option<&'static str>,
}

/// The protocol compliance tests [`Options::protocol_tests`] generates for
/// `model`.
pub fn protocol_tests(model: &Model, options: &Options) -> Result<Vec<ProtocolTest>, Diagnostics> {
    let options = Options { protocol_tests: true, ..options.clone() };
    let ir = ir::build(model, &options)?;
    Ok(emit::protocol_tests::tests(&ir)
        .into_iter()
        .map(|(side, case)| ProtocolTest {
            side,
            id: case.id().to_owned(),
            known_failure: emit::protocol_tests::known_failure(&ir, side, case.id()),
        })
        .collect())
}

/// Generates the crate sources for `model`. The model is validated first
/// ([`validate::validate`]): one Smithy would refuse (an ERROR or DANGER
/// event) is refused with those events. Every problem in the model is
/// reported at once; nothing is produced unless the model is sound.
pub fn generate(model: &Model, options: &Options) -> Result<Vec<GeneratedFile>, Diagnostics> {
    generate_with_warnings(model, options).map(|g| g.files)
}

/// [`generate`], also returning warnings (e.g. operations skipped under
/// [`Unsupported::Skip`]).
pub fn generate_with_warnings(model: &Model, options: &Options) -> Result<Generated, Diagnostics> {
    let ir = ir::build(model, options)?;
    let files = emit::crate_files(&ir, options)?;
    let runtime_features = if ir.service.protocol == ir::Protocol::RpcV2Cbor { vec!["cbor"] } else { Vec::new() };
    Ok(Generated { files, warnings: ir.warnings, runtime_features })
}
