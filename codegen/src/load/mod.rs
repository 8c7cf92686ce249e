//! Reading models: Smithy IDL files (`.smithy`) and JSON AST files
//! (`.json`), mixed freely, into one [`Model`].
//!
//! Each file is read on its own into a [`Fragment`]: the shapes it defines
//! (absolute ids, traits taken out), the traits it applies, its metadata.
//! IDL files are lexed and parsed first, and resolved once every file's
//! shape names are known, so references can point forward and across
//! files. [`merge`] then puts the fragments together as the specification
//! says: duplicate shapes must be identical, metadata arrays concatenate,
//! trait values merge or conflict, elided member targets come from mixins
//! and resources, and IDL 1.0 files are upgraded to 2.0. The `ir` stage
//! sees one [`Model`] and cannot tell which syntax a shape came from.

mod idl;
mod json;
mod merge;
pub(crate) mod prelude;

use std::path::{Path, PathBuf};

use crate::node::Value;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Model, Shape};

pub(crate) use idl::syntax::Version;

/// Where something came from: a file, and a byte offset in it when the file
/// is IDL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Loc {
    pub file: usize,
    pub offset: Option<usize>,
}

/// Every shape the model defines (absolute id → shape type), for
/// resolving IDL references.
pub(crate) type Known = std::collections::HashMap<String, &'static str>;

/// One input file.
#[derive(Debug)]
pub(crate) struct Source {
    pub name: String,
    pub text: String,
}

/// Every input file, for turning [`Loc`]s into `file:line:column` and
/// source excerpts.
#[derive(Debug, Default)]
pub(crate) struct Sources(pub Vec<Source>);

impl Sources {
    /// `file:line:column` (columns count characters), or the file's name.
    pub(crate) fn describe(&self, loc: Loc) -> String {
        let source = &self.0[loc.file];
        position(&source.name, &source.text, loc.offset)
    }

    /// A problem at `loc`, with the source line and a caret when known.
    pub(crate) fn diag(&self, loc: Loc, message: impl Into<String>) -> Diagnostic {
        let excerpt = loc.offset.map(|offset| excerpt(&self.0[loc.file].text, offset));
        Diagnostic { excerpt, ..Diagnostic::new(self.describe(loc), message) }
    }
}

/// Whether `text` is a Smithy identifier: a letter, or underscores and a
/// letter or digit, then letters, digits and underscores (`_` alone is
/// not one).
pub(crate) fn is_identifier(text: &str) -> bool {
    let start = text.trim_start_matches('_');
    let underscored = start.len() < text.len();
    let mut chars = start.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || (underscored && c.is_ascii_digit()))
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `text` is an absolute shape id, `namespace#Name` with an
/// optional `$member`, each part made of identifiers.
pub(crate) fn is_shape_id(text: &str) -> bool {
    let Some((namespace, rest)) = text.split_once('#') else { return false };
    let (name, member) = rest.split_once('$').map_or((rest, None), |(n, m)| (n, Some(m)));
    namespace.split('.').all(is_identifier) && is_identifier(name) && member.is_none_or(is_identifier)
}

/// Where `offset` (if any) is in the file `name` holding `text`.
pub(crate) fn locate(name: &str, text: &str, offset: Option<usize>) -> crate::model::SourceLocation {
    crate::model::SourceLocation { position: position(name, text, offset), excerpt: offset.map(|o| excerpt(text, o)) }
}

/// `file:line:column` (columns count characters), or the file's name.
fn position(name: &str, text: &str, offset: Option<usize>) -> String {
    match offset {
        Some(offset) => {
            let (line, col, _) = line_col(text, offset);
            format!("{name}:{line}:{col}")
        }
        None => name.to_owned(),
    }
}

/// The 1-based line and column of byte `offset`, and the line's text.
fn line_col(text: &str, offset: usize) -> (usize, usize, &str) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = 1 + before.matches('\n').count() + before.matches('\r').count() - before.matches("\r\n").count();
    let col = 1 + before[line_start..].chars().count();
    let line_end = text[line_start..].find(['\n', '\r']).map_or(text.len(), |i| line_start + i);
    (line, col, &text[line_start..line_end])
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The line holding `offset` and a caret under it, tabs kept so the caret
/// lines up:
///
/// ```text
///   |
/// 3 |     id = "x"
///   |        ^
/// ```
fn excerpt(text: &str, offset: usize) -> String {
    let (line, col, line_text) = line_col(text, offset);
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    let marker: String = line_text.chars().take(col - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
    format!("{pad} |\n{number} | {line_text}\n{pad} | {marker}^")
}

/// A trait application: written on a shape or member, in an `apply`
/// statement, or in a JSON AST file.
#[derive(Clone, Debug)]
pub(crate) struct Applied {
    /// The shape or member (`ns#Shape$member`) the trait is applied to.
    pub target: String,
    /// The trait's absolute shape id.
    pub id: String,
    /// The value; `Null` for the IDL's annotation form until the trait's
    /// type gives it its empty value.
    pub value: Value,
    /// Written in the annotation form (`@name` or `@name()`).
    pub annotation: bool,
    pub loc: Loc,
}

/// A shape defined by a file.
#[derive(Clone, Debug)]
pub(crate) struct Defined {
    pub id: String,
    /// The shape without traits (they are in [`Defined::traits`]); an
    /// elided member's target is empty until [`merge`] fills it in.
    pub shape: Shape,
    pub loc: Loc,
    /// The traits written on the shape and its members.
    pub traits: Vec<Applied>,
    /// Members whose targets are elided (`$name`), with where they are.
    pub elided: Vec<(String, Loc)>,
    /// `for Resource`: where elided targets may come from.
    pub for_resource: Option<(String, Loc)>,
}

/// What one file contributes to the model.
#[derive(Debug)]
pub(crate) struct Fragment {
    pub file: usize,
    pub version: Version,
    /// The file's namespace (IDL only): applying traits to prelude shapes
    /// is allowed from the prelude's own namespace alone.
    pub namespace: Option<String>,
    pub metadata: Vec<(String, Value, Loc)>,
    pub shapes: Vec<Defined>,
    /// Traits applied by `apply` (IDL) or `"type": "apply"` (JSON AST).
    pub applies: Vec<Applied>,
    /// Unquoted shape ids in node values that name no shape (IDL only):
    /// where, as written, and the id they were read as.
    pub unresolved: Vec<(Loc, String, String)>,
}

/// Reads and merges models. Each path is a `.smithy` or `.json` file, or a
/// directory standing for every such file below it (searched recursively,
/// in name order). A file reached twice is read once.
pub fn load<P: AsRef<Path>>(paths: &[P]) -> Result<Model, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_dir() {
            let mut found = Vec::new();
            collect_dir(path, &mut found, &mut diags);
            found.sort();
            files.extend(found);
        } else {
            files.push(path.to_path_buf());
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut sources = Vec::new();
    for file in files {
        if !seen.insert(file.canonicalize().unwrap_or_else(|_| file.clone())) {
            continue;
        }
        let name = file.display().to_string();
        match std::fs::read_to_string(&file) {
            Ok(text) => sources.push((name, text)),
            Err(e) => diags.push(name, format!("cannot read file: {e}")),
        }
    }
    match load_sources(sources) {
        Ok(model) => diags.into_result(model),
        Err(more) => {
            diags.extend(more);
            diags.into_result(Model::default())
        }
    }
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>, diags: &mut Diagnostics) {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            for entry in entries.filter_map(Result::ok) {
                let path = entry.path();
                if path.is_dir() {
                    collect_dir(&path, out, diags);
                } else if path.extension().is_some_and(|e| e == "json" || e == "smithy") {
                    out.push(path);
                }
            }
        }
        Err(e) => diags.push(dir.display().to_string(), format!("cannot read directory: {e}")),
    }
}

/// Parses one model document held in memory: IDL when `name` ends in
/// `.smithy`, else JSON AST. `name` is used in messages.
pub fn load_str(name: &str, text: &str) -> Result<Model, Diagnostics> {
    load_sources(vec![(name.to_owned(), text.to_owned())])
}

/// Merges model documents held in memory, each a `(name, text)` pair: IDL
/// when the name ends in `.smithy`, else JSON AST.
pub fn load_sources(files: Vec<(String, String)>) -> Result<Model, Diagnostics> {
    let mut diags = Diagnostics::new();
    let sources = Sources(
        files
            .into_iter()
            .map(|(name, text)| {
                // A byte order mark is not part of the model.
                let text = match text.strip_prefix('\u{feff}') {
                    Some(rest) => rest.to_owned(),
                    None => text,
                };
                Source { name, text }
            })
            .collect(),
    );
    let mut fragments = Vec::new();
    let mut idl_files = Vec::new();
    for (index, source) in sources.0.iter().enumerate() {
        if source.name.ends_with(".smithy") {
            idl_files.push((index, idl::parse(index, &source.text, &sources, &mut diags)));
        } else if let Some(fragment) = json::parse(index, &source.name, &source.text, &mut diags) {
            fragments.push(fragment);
        }
    }
    // Every shape name of every file, so IDL references resolve forward and
    // across files.
    let mut known: Known = Known::new();
    for fragment in &fragments {
        for shape in &fragment.shapes {
            known.insert(shape.id.clone(), shape.shape.type_name());
        }
    }
    for (_, file) in &idl_files {
        idl::declare(file, &mut known);
    }
    for (index, file) in idl_files {
        fragments.push(idl::resolve(index, file, &known, &sources, &mut diags));
    }
    fragments.sort_by_key(|f| f.file);
    let mut model = merge::merge(fragments, &sources, &mut diags);
    model.locations.files = std::sync::Arc::new(sources.0.into_iter().map(|s| (s.name, s.text)).collect());
    diags.into_result(model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_every_digit_through_idl_json_ast_and_back() {
        let idl = r#"$version: "2"
metadata big = [-9223372036854775809, 1e400]
namespace example

@range(min: -0.100000000000000000000001, max: 123456789012345678901234567890)
bigDecimal Amount

@trait document huge
@huge(1.7976931348623157E+309) structure Holder { @huge(-2E+308) member: String }
"#;
        let check = |model: &crate::model::Model, from: &str| {
            let range = &model.shapes["example#Amount"].traits()["smithy.api#range"];
            assert_eq!(range["min"].as_number().map(|n| n.as_str()), Some("-0.100000000000000000000001"), "{from}");
            assert_eq!(range["max"].as_number().map(|n| n.as_str()), Some("123456789012345678901234567890"), "{from}");
            let big = &model.metadata["big"];
            assert_eq!(big[0].as_number().map(|n| n.as_str()), Some("-9223372036854775809"), "{from}");
            assert_eq!(big[1].as_number().map(|n| n.as_str()), Some("1e400"), "{from}");
            // Numbers no `f64` holds, in a shape's traits and a member's.
            let holder = &model.shapes["example#Holder"];
            let huge = holder.traits()["example#huge"].as_number().map(|n| n.as_str().to_ascii_lowercase());
            assert_eq!(huge.as_deref(), Some("1.7976931348623157e+309"), "{from}");
            let member = holder.member("member").map(|m| &m.traits["example#huge"]);
            assert_eq!(member.and_then(|v| v.as_number()).map(|n| n.as_str().to_ascii_lowercase()).as_deref(), Some("-2e+308"), "{from}");
        };
        let model = load_sources(vec![("a.smithy".to_owned(), idl.to_owned())]).unwrap();
        check(&model, "IDL");
        let ast = crate::print::to_json_ast(&model);
        check(&load_sources(vec![("a.json".to_owned(), ast)]).unwrap(), "JSON AST");
        let printed: Vec<_> = crate::print::to_idl(&model).into_iter().map(|f| (format!("{}.smithy", f.namespace), f.text)).collect();
        check(&load_sources(printed).unwrap(), "printed IDL");
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a\r\nbé\rc\n\td";
        assert_eq!(line_col(text, 0).0, 1);
        assert_eq!(line_col(text, 3), (2, 1, "bé"));
        assert_eq!(line_col(text, 6), (2, 3, "bé"));
        assert_eq!(line_col(text, 7), (3, 1, "c"));
        assert_eq!(line_col(text, 10), (4, 2, "\td"));
        assert_eq!(excerpt(text, 10), "  |\n4 | \td\n  | \t^");
    }
}
