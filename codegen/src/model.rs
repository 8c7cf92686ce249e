//! Faithful serde types of the Smithy 2.0 JSON AST. Nothing here is
//! interpreted: targets are unresolved strings and traits node values
//! ([`crate::node::Value`], numbers as written).
//! See <https://smithy.io/2.0/spec/json-ast.html>.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::node::Value;

/// The traits applied to a shape or member, by absolute trait shape id.
pub type Traits = BTreeMap<String, Value>;

/// A reference to another shape: `{"target": "ns#Name"}`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Target {
    /// The absolute shape id of the target.
    pub target: String,
}

/// A member of an aggregate shape, an enum, or a list/map element.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Member {
    /// The absolute shape id of the member's target.
    pub target: String,
    /// Traits applied to the member.
    #[serde(default)]
    pub traits: Traits,
}

/// Fields every shape may carry.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Common {
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins whose members and traits the shape takes on.
    #[serde(default)]
    pub mixins: Vec<Target>,
}

/// A simple shape (`string`, `integer`, `timestamp`, …).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct SimpleShape {
    /// Traits and mixins.
    #[serde(flatten)]
    pub common: Common,
}

/// A `list` (or Smithy 1.0 `set`) shape.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct ListShape {
    /// The element member.
    pub member: Option<Member>,
    /// Traits and mixins.
    #[serde(flatten)]
    pub common: Common,
}

/// A `map` shape.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct MapShape {
    /// The key member.
    pub key: Option<Member>,
    /// The value member.
    pub value: Option<Member>,
    /// Traits and mixins.
    #[serde(flatten)]
    pub common: Common,
}

/// A `structure`, `union`, `enum` or `intEnum` shape: named members in
/// model order.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct MembersShape {
    /// The members, in the order the model lists them.
    #[serde(default)]
    pub members: IndexMap<String, Member>,
    /// Traits and mixins.
    #[serde(flatten)]
    pub common: Common,
}

/// A `service` shape.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ServiceShape {
    /// The service version, e.g. `2016-10-06`.
    #[serde(default)]
    pub version: Option<String>,
    /// Operations bound directly to the service.
    #[serde(default)]
    pub operations: Vec<Target>,
    /// Resources bound to the service.
    #[serde(default)]
    pub resources: Vec<Target>,
    /// Errors every operation of the service can return.
    #[serde(default)]
    pub errors: Vec<Target>,
    /// Names that replace shape names in the service's closure, by shape id.
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    /// Traits and mixins.
    #[serde(flatten)]
    pub common: Common,
}

/// An `operation` shape.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct OperationShape {
    /// The input structure (`smithy.api#Unit` or absent: no input).
    #[serde(default)]
    pub input: Option<Target>,
    /// The output structure (`smithy.api#Unit` or absent: no output).
    #[serde(default)]
    pub output: Option<Target>,
    /// The errors the operation can return.
    #[serde(default)]
    pub errors: Vec<Target>,
    /// Traits and mixins.
    #[serde(flatten)]
    pub common: Common,
}

/// A `resource` shape: a container of lifecycle and other operations.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ResourceShape {
    /// Identifier names and their target shapes.
    #[serde(default)]
    pub identifiers: BTreeMap<String, Target>,
    /// Property names and their target shapes.
    #[serde(default)]
    pub properties: BTreeMap<String, Target>,
    /// The `create` lifecycle operation.
    pub create: Option<Target>,
    /// The `put` lifecycle operation.
    pub put: Option<Target>,
    /// The `read` lifecycle operation.
    pub read: Option<Target>,
    /// The `update` lifecycle operation.
    pub update: Option<Target>,
    /// The `delete` lifecycle operation.
    pub delete: Option<Target>,
    /// The `list` lifecycle operation.
    pub list: Option<Target>,
    /// Further instance operations.
    #[serde(default)]
    pub operations: Vec<Target>,
    /// Further collection operations.
    #[serde(default)]
    pub collection_operations: Vec<Target>,
    /// Child resources.
    #[serde(default)]
    pub resources: Vec<Target>,
    /// Traits and mixins.
    #[serde(flatten)]
    pub common: Common,
}

impl ResourceShape {
    /// The lifecycle operations by property name, in the order the JSON AST
    /// lists them.
    pub fn lifecycle(&self) -> [(&'static str, Option<&Target>); 6] {
        [
            ("put", self.put.as_ref()),
            ("create", self.create.as_ref()),
            ("read", self.read.as_ref()),
            ("update", self.update.as_ref()),
            ("delete", self.delete.as_ref()),
            ("list", self.list.as_ref()),
        ]
    }
}

/// The `apply` form: traits applied to a shape or member defined elsewhere.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct ApplyShape {
    /// The traits to apply (`mixins` is always empty).
    #[serde(flatten)]
    pub common: Common,
}

/// One entry of the `shapes` object.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Shape {
    /// `blob`
    Blob(SimpleShape),
    /// `boolean`
    Boolean(SimpleShape),
    /// `string`
    String(SimpleShape),
    /// `byte`
    Byte(SimpleShape),
    /// `short`
    Short(SimpleShape),
    /// `integer`
    Integer(SimpleShape),
    /// `long`
    Long(SimpleShape),
    /// `float`
    Float(SimpleShape),
    /// `double`
    Double(SimpleShape),
    /// `bigInteger`
    BigInteger(SimpleShape),
    /// `bigDecimal`
    BigDecimal(SimpleShape),
    /// `timestamp`
    Timestamp(SimpleShape),
    /// `document`
    Document(SimpleShape),
    /// `enum`
    Enum(MembersShape),
    /// `intEnum`
    IntEnum(MembersShape),
    /// `list`
    List(ListShape),
    /// `set` (Smithy 1.0): a list of unique items.
    Set(ListShape),
    /// `map`
    Map(MapShape),
    /// `structure`
    Structure(MembersShape),
    /// `union`
    Union(MembersShape),
    /// `service`
    Service(ServiceShape),
    /// `operation`
    Operation(OperationShape),
    /// `resource`
    Resource(ResourceShape),
    /// `apply`
    Apply(ApplyShape),
}

/// The shape type names this module understands, as spelled in the AST.
pub const SHAPE_TYPES: &[&str] = &[
    "blob",
    "boolean",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "document",
    "enum",
    "intEnum",
    "list",
    "set",
    "map",
    "structure",
    "union",
    "service",
    "operation",
    "resource",
    "apply",
];

/// The simple shape types (enums among them): the first of [`SHAPE_TYPES`].
pub const SIMPLE_TYPES: &[&str] = SHAPE_TYPES.split_at(15).0;

impl Shape {
    /// The shape's traits (for `apply`, the traits it applies).
    pub fn traits(&self) -> &Traits {
        &self.common().traits
    }

    /// The shape's mixins.
    pub fn mixins(&self) -> &[Target] {
        &self.common().mixins
    }

    /// The traits and mixins of the shape.
    pub fn common(&self) -> &Common {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => &s.common,
            Shape::Enum(s) | Shape::IntEnum(s) | Shape::Structure(s) | Shape::Union(s) => &s.common,
            Shape::List(s) | Shape::Set(s) => &s.common,
            Shape::Map(s) => &s.common,
            Shape::Service(s) => &s.common,
            Shape::Operation(s) => &s.common,
            Shape::Resource(s) => &s.common,
            Shape::Apply(s) => &s.common,
        }
    }

    /// The traits and mixins of the shape, mutably.
    pub fn common_mut(&mut self) -> &mut Common {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => &mut s.common,
            Shape::Enum(s) | Shape::IntEnum(s) | Shape::Structure(s) | Shape::Union(s) => &mut s.common,
            Shape::List(s) | Shape::Set(s) => &mut s.common,
            Shape::Map(s) => &mut s.common,
            Shape::Service(s) => &mut s.common,
            Shape::Operation(s) => &mut s.common,
            Shape::Resource(s) => &mut s.common,
            Shape::Apply(s) => &mut s.common,
        }
    }

    /// The shape type as spelled in the AST (`"structure"`, `"intEnum"`, …).
    pub fn type_name(&self) -> &'static str {
        match self {
            Shape::Blob(_) => "blob",
            Shape::Boolean(_) => "boolean",
            Shape::String(_) => "string",
            Shape::Byte(_) => "byte",
            Shape::Short(_) => "short",
            Shape::Integer(_) => "integer",
            Shape::Long(_) => "long",
            Shape::Float(_) => "float",
            Shape::Double(_) => "double",
            Shape::BigInteger(_) => "bigInteger",
            Shape::BigDecimal(_) => "bigDecimal",
            Shape::Timestamp(_) => "timestamp",
            Shape::Document(_) => "document",
            Shape::Enum(_) => "enum",
            Shape::IntEnum(_) => "intEnum",
            Shape::List(_) => "list",
            Shape::Set(_) => "set",
            Shape::Map(_) => "map",
            Shape::Structure(_) => "structure",
            Shape::Union(_) => "union",
            Shape::Service(_) => "service",
            Shape::Operation(_) => "operation",
            Shape::Resource(_) => "resource",
            Shape::Apply(_) => "apply",
        }
    }
}

impl Shape {
    /// The member `name`, if the shape declares it (`member` of a list,
    /// `key` and `value` of a map, named members of the others).
    pub fn member(&self, name: &str) -> Option<&Member> {
        match self {
            Shape::Structure(s) | Shape::Union(s) | Shape::Enum(s) | Shape::IntEnum(s) => s.members.get(name),
            Shape::List(l) | Shape::Set(l) if name == "member" => l.member.as_ref(),
            Shape::Map(m) if name == "key" => m.key.as_ref(),
            Shape::Map(m) if name == "value" => m.value.as_ref(),
            _ => None,
        }
    }

    /// The member `name`, mutably.
    pub fn member_mut(&mut self, name: &str) -> Option<&mut Member> {
        match self {
            Shape::Structure(s) | Shape::Union(s) | Shape::Enum(s) | Shape::IntEnum(s) => s.members.get_mut(name),
            Shape::List(l) | Shape::Set(l) if name == "member" => l.member.as_mut(),
            Shape::Map(m) => match name {
                "key" => m.key.as_mut(),
                "value" => m.value.as_mut(),
                _ => None,
            },
            _ => None,
        }
    }

    /// The members the shape declares, by name, in model order.
    pub fn members(&self) -> Vec<(&str, &Member)> {
        match self {
            Shape::Structure(s) | Shape::Union(s) | Shape::Enum(s) | Shape::IntEnum(s) => {
                s.members.iter().map(|(n, m)| (n.as_str(), m)).collect()
            }
            Shape::List(l) | Shape::Set(l) => l.member.iter().map(|m| ("member", m)).collect(),
            Shape::Map(m) => {
                m.key.iter().map(|k| ("key", k)).chain(m.value.iter().map(|v| ("value", v))).collect()
            }
            _ => Vec::new(),
        }
    }
}

impl Model {
    /// The member `name` that shape `id` inherits from its mixins (searched
    /// in order, through their own mixins), if any.
    pub fn inherited_member(&self, id: &str, name: &str) -> Option<&Member> {
        fn find<'m>(model: &'m Model, id: &str, name: &str, depth: usize) -> Option<&'m Member> {
            // Mixin chains are short; the bound only stops cycles.
            if depth > 64 {
                return None;
            }
            let shape = model.shapes.get(id)?;
            shape
                .member(name)
                .filter(|m| !m.target.is_empty())
                .or_else(|| shape.mixins().iter().find_map(|m| find(model, &m.target, name, depth + 1)))
        }
        let shape = self.shapes.get(id)?;
        shape.mixins().iter().find_map(|m| find(self, &m.target, name, 0))
    }
}

/// A whole model: the merged `shapes` of one or more AST files.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    /// Every shape, by absolute shape id, sorted.
    pub shapes: BTreeMap<String, Shape>,
    /// `apply` entries, by the shape or member id they apply to, in file order.
    pub applies: Vec<(String, Traits)>,
    /// Merged `metadata` of all files.
    pub metadata: BTreeMap<String, Value>,
    /// Where each shape was defined, when the model was loaded from files.
    pub locations: Locations,
}

/// Where a shape was defined.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceLocation {
    /// `file:line:column` in an IDL file; the file's name for JSON AST.
    pub position: String,
    /// For IDL: the line of the source and a caret under the column.
    pub excerpt: Option<String>,
}

/// Where each shape was defined: the input files, and each shape's file
/// and byte offset (for IDL). Positions are worked out only when asked
/// for. Not part of what a model means: models are equal whatever their
/// locations, so a model read from IDL equals the same model read from
/// JSON AST.
#[derive(Clone, Debug, Default)]
pub struct Locations {
    /// Each input file's name and text.
    pub(crate) files: std::sync::Arc<Vec<(String, String)>>,
    /// Each shape's file (an index into `files`) and offset.
    pub(crate) shapes: BTreeMap<String, (usize, Option<usize>)>,
    /// Unquoted shape ids in IDL node values that name no shape.
    pub(crate) unresolved_ids: Vec<UnresolvedId>,
}

/// An unquoted shape id in an IDL node value (`@auth([sigv4])`) that
/// names no shape of the model: the value holds the id it was read as.
#[derive(Clone, Debug)]
pub(crate) struct UnresolvedId {
    pub file: usize,
    pub offset: Option<usize>,
    /// As written.
    pub text: String,
    /// As read, in the file's namespace.
    pub id: String,
}

impl Locations {
    /// Where shape `id` was defined, if the model was read from files.
    pub fn get(&self, id: &str) -> Option<SourceLocation> {
        let (file, offset) = *self.shapes.get(id)?;
        self.at(file, offset)
    }

    /// Offset `offset` of input file `file`.
    pub(crate) fn at(&self, file: usize, offset: Option<usize>) -> Option<SourceLocation> {
        let (name, text) = self.files.get(file)?;
        Some(crate::load::locate(name, text, offset))
    }
}

impl PartialEq for Locations {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
