//! Smithy selectors (smithy.io, "Selectors"): a small language that matches
//! shapes of a model, used by trait definitions to say where a trait may
//! be applied and by `metadata validators`.
//!
//! ```
//! let model = smithy_codegen::load_str("m.smithy", r#"
//!     $version: "2"
//!     namespace example
//!     @sensitive
//!     string Secret
//!     string Plain
//! "#).unwrap();
//! let selector = smithy_codegen::selector::Selector::parse("string [trait|sensitive]").unwrap();
//! assert_eq!(selector.select(&model).into_iter().collect::<Vec<_>>(), ["example#Secret"]);
//! ```
//!
//! The model is read as Smithy reads it once loaded: mixins are folded in
//! (a shape has its mixins' members and traits) and `apply` statements are
//! applied. Shapes of the `smithy.api` prelude are not part of a loaded
//! model, so a selector never yields them.

mod eval;
mod parse;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::fmt;

pub(crate) use eval::Graph;

use crate::Model;

/// A parsed selector.
#[derive(Clone, Debug, PartialEq)]
pub struct Selector(Vec<Expr>);

/// A selector that does not follow the grammar, with the byte offset where
/// reading stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectorError {
    /// What is wrong.
    pub message: String,
    /// The byte offset in the selector's text.
    pub offset: usize,
}

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at offset {})", self.message, self.offset)
    }
}

impl std::error::Error for SelectorError {}

impl Selector {
    /// Whether the selector only filters: what it yields from a shape is
    /// that shape or nothing, so a shape is selected exactly when the
    /// selector yields something starting from it, and the shapes to test
    /// can be named instead of evaluating it from every shape.
    pub(crate) fn is_filter(&self) -> bool {
        self.0.iter().all(Expr::is_filter)
    }

    /// Parses `text`.
    pub fn parse(text: &str) -> Result<Selector, SelectorError> {
        parse::parse(text)
    }

    /// The ids of the shapes and members of `model` the selector matches,
    /// every shape being a starting shape in turn.
    pub fn select(&self, model: &Model) -> BTreeSet<String> {
        eval::Graph::new(model).select(self)
    }

    /// Whether the selector matches the shape or member `id` of `model`
    /// when `id` is the starting shape.
    pub fn matches(&self, model: &Model, id: &str) -> bool {
        eval::Graph::new(model).matches(self, id)
    }
}

/// One step of a selector.
#[derive(Clone, Debug, PartialEq)]
enum Expr {
    ShapeType(ShapeType),
    /// `[key]`: the key's value exists. (`[key comparator values]` is
    /// parsed as `[@: @{key} comparator values]`.)
    Attribute(Path),
    /// `[@key: assertions]`; no key scopes the current shape.
    Scoped(Option<Path>, Vec<Assertion>),
    Neighbor(Neighbor),
    Test(Vec<Selector>),
    Is(Vec<Selector>),
    Not(Selector),
    In(Selector),
    Root(Selector),
    Recursive(Selector),
    TopDown(Selector, Option<Selector>),
    /// A function the specification does not define: it selects nothing.
    Unknown(String),
    VariableSet(String, Selector),
    VariableGet(String),
}

impl Expr {
    /// Whether the step only filters: it yields the shape it is given or
    /// nothing.
    fn is_filter(&self) -> bool {
        match self {
            Expr::ShapeType(_)
            | Expr::Attribute(_)
            | Expr::Scoped(..)
            | Expr::Test(_)
            | Expr::Not(_)
            | Expr::In(_)
            | Expr::Unknown(_)
            | Expr::VariableSet(..) => true,
            Expr::Is(alternatives) => alternatives.iter().all(Selector::is_filter),
            Expr::Neighbor(_) | Expr::Root(_) | Expr::Recursive(_) | Expr::TopDown(..) | Expr::VariableGet(_) => false,
        }
    }
}

/// The shape-type tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ShapeType {
    Any,
    Number,
    SimpleType,
    AggregateType,
    DataType,
    ServiceType,
    /// `list`, `collection` and `set`: a set is a list.
    List,
    Exact(&'static str),
}

impl ShapeType {
    fn from_name(name: &str) -> Option<ShapeType> {
        Some(match name {
            "number" => ShapeType::Number,
            "simpleType" => ShapeType::SimpleType,
            "aggregateType" => ShapeType::AggregateType,
            "dataType" => ShapeType::DataType,
            "serviceType" => ShapeType::ServiceType,
            "list" | "collection" | "set" => ShapeType::List,
            "member" => ShapeType::Exact("member"),
            // The AST's shape types; `apply` is no shape.
            _ => ShapeType::Exact(crate::model::SHAPE_TYPES.iter().copied().find(|t| *t == name && *t != "apply")?),
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Neighbor {
    /// `>`, or `-[rels]->`.
    Forward(Option<Vec<String>>),
    /// `<`, or `<-[rels]-`.
    Reverse(Option<Vec<String>>),
    /// `~>`
    Recursive,
}

/// `left comparator values [i]`.
#[derive(Clone, Debug, PartialEq)]
struct Assertion {
    left: Operand,
    comparator: Comparator,
    values: Vec<Operand>,
    case_insensitive: bool,
}

/// A literal, or a path read from the scoped value (`@{...}`; the empty
/// path is the scoped value itself).
#[derive(Clone, Debug, PartialEq)]
enum Operand {
    Literal(String),
    Context(Path),
}

type Path = Vec<Segment>;

/// One `|`-separated step of an attribute path.
#[derive(Clone, Debug, PartialEq)]
enum Segment {
    Name(String),
    /// `(keys)`, `(values)`, `(length)`, `(first)`.
    Function(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Comparator {
    Equal,
    NotEqual,
    StartsWith,
    EndsWith,
    Contains,
    Exists,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    ProjectionEqual,
    ProjectionNotEqual,
    Subset,
    ProperSubset,
}
