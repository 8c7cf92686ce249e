//! The syntax tree of one IDL file, as written: shape ids are still the
//! text the author wrote (relative or absolute), and every piece knows the
//! byte offset it came from, so resolution errors can point at it.

use std::borrow::Cow;

use crate::node::Number;

/// The IDL version a file declares (`$version`); 1.0 when it declares none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Version {
    V1,
    V2,
}

/// A value with the byte offset where it starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct At<T> {
    pub offset: usize,
    pub value: T,
}

/// A shape id as written (`String`, `ns#Name`, `Name$member`).
pub(crate) type IdRef<'s> = At<&'s str>;

/// A node value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node<'s> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'s, str>),
    /// An unquoted shape id, resolved to an absolute one later.
    ShapeId(&'s str),
    Array(Vec<At<Node<'s>>>),
    Object(Vec<(At<Cow<'s, str>>, At<Node<'s>>)>),
}

/// A trait application: `@name`, `@name(value)`, or a `///` comment.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Trait<'s> {
    pub offset: usize,
    /// The trait's shape id as written.
    pub name: &'s str,
    /// `None` for the annotation form (`@name` or `@name()`).
    pub value: Option<At<Node<'s>>>,
}

/// One file.
#[derive(Debug, Default)]
pub(crate) struct File<'s> {
    pub version: Option<Version>,
    pub metadata: Vec<(At<Cow<'s, str>>, At<Node<'s>>)>,
    pub namespace: Option<At<&'s str>>,
    /// `use` statements: absolute shape ids.
    pub uses: Vec<IdRef<'s>>,
    pub shapes: Vec<ShapeDef<'s>>,
    pub applies: Vec<Apply<'s>>,
}

impl File<'_> {
    /// The version the file's shapes follow.
    pub(crate) fn version(&self) -> Version {
        self.version.unwrap_or(Version::V1)
    }
}

/// `apply Target @trait` or `apply Target { @a @b }`.
#[derive(Debug)]
pub(crate) struct Apply<'s> {
    pub target: IdRef<'s>,
    pub traits: Vec<Trait<'s>>,
}

/// A shape statement (inline operation input and output included).
#[derive(Debug)]
pub(crate) struct ShapeDef<'s> {
    pub offset: usize,
    /// The shape type keyword as written (`structure`, `intEnum`, ...).
    pub kind: &'s str,
    /// The shape's name (relative to the file's namespace).
    pub name: Cow<'s, str>,
    pub traits: Vec<Trait<'s>>,
    /// `for Resource`
    pub for_resource: Option<IdRef<'s>>,
    /// `with [A, B]`
    pub mixins: Vec<IdRef<'s>>,
    pub body: Body<'s>,
}

/// What follows a shape's name.
#[derive(Debug)]
pub(crate) enum Body<'s> {
    /// Simple shapes have no body.
    None,
    /// `structure`, `union`, `list`, `map` (and 1.0 `set`).
    Members(Vec<MemberDef<'s>>),
    /// `enum` and `intEnum`.
    EnumMembers(Vec<EnumMemberDef<'s>>),
    /// `service` and `resource`: a node object.
    Object(At<Node<'s>>),
    /// `operation`.
    Operation(OperationBody<'s>),
}

/// A member of a structure, union, list or map.
#[derive(Debug)]
pub(crate) struct MemberDef<'s> {
    pub offset: usize,
    pub name: &'s str,
    /// `None` when the target is elided (`$name`).
    pub target: Option<IdRef<'s>>,
    /// `= value`
    pub default: Option<At<Node<'s>>>,
    pub traits: Vec<Trait<'s>>,
}

/// A member of an `enum` or `intEnum`.
#[derive(Debug)]
pub(crate) struct EnumMemberDef<'s> {
    pub name: &'s str,
    /// `= value`
    pub value: Option<At<Node<'s>>>,
    pub traits: Vec<Trait<'s>>,
}

/// The properties of an operation.
#[derive(Debug, Default)]
pub(crate) struct OperationBody<'s> {
    pub input: Option<IoTarget<'s>>,
    pub output: Option<IoTarget<'s>>,
    pub errors: Option<Vec<IdRef<'s>>>,
}

/// An operation's input or output.
#[derive(Debug)]
pub(crate) enum IoTarget<'s> {
    /// `input: Name`
    Ref(IdRef<'s>),
    /// `input := { ... }`: a structure of the file, named after the
    /// operation and the suffix, defined among the file's shapes.
    Inline(At<String>),
}
