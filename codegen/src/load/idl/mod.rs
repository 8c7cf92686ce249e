//! The Smithy IDL: [`lexer`] → [`parser`] (a [`syntax`] tree per file) →
//! [`resolve`] (absolute shape ids, the same [`Fragment`](super::Fragment)
//! a JSON AST file gives).

pub(crate) mod lexer;
mod parser;
mod resolve;
pub(crate) mod syntax;

pub(crate) use resolve::{declare, resolve};

use super::{Loc, Sources};
use crate::diag::Diagnostics;

/// Parses the IDL file `file` of `sources`, reporting syntax errors.
pub(crate) fn parse<'s>(file: usize, text: &'s str, sources: &Sources, diags: &mut Diagnostics) -> syntax::File<'s> {
    let (tree, errors) = parser::parse(text);
    for e in errors {
        diags.push_diagnostic(sources.diag(Loc { file, offset: Some(e.offset) }, e.message));
    }
    tree
}
