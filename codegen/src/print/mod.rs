//! Writing a [`Model`](crate::Model) back out: as JSON AST ([`to_json_ast`],
//! what `cargo xtask ast` prints) and as IDL 2.0 ([`to_idl`], what
//! `cargo xtask idl` writes).

mod idl;
mod json_ast;

pub use idl::{to_idl, IdlFile};
pub use json_ast::to_json_ast;

/// Shapes of the prelude are built into every model and never written.
fn is_prelude(id: &str) -> bool {
    id.starts_with("smithy.api#")
}
