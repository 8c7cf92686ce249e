//! From a file's syntax tree to a [`Fragment`]: shape ids made absolute as
//! the specification orders it (`use` statements, then the file's
//! namespace, then the prelude), node values turned into JSON values
//! (unquoted shape ids resolved the same way), and every shape statement
//! into the [`Shape`] the JSON AST would hold.

use std::collections::{BTreeMap, HashMap};

use indexmap::IndexMap;

use super::syntax::*;
use crate::diag::Diagnostics;
use crate::load::{prelude, Applied, Defined, Fragment, Known, Loc, Sources};
use crate::model::{
    Common, ListShape, MapShape, Member, MembersShape, OperationShape, ResourceShape, ServiceShape, Shape, SimpleShape,
    Target,
};
use crate::node::{Map, Value};

/// Adds the absolute id and type of every shape `file` defines to `known`.
pub(crate) fn declare(file: &File<'_>, known: &mut Known) {
    let Some(ns) = &file.namespace else { return };
    for shape in &file.shapes {
        if let Some(kind) = static_kind(shape.kind) {
            known.insert(join(ns.value, '#', &shape.name), kind);
        }
    }
}

/// The shape type keyword as the JSON AST spells it.
fn static_kind(kind: &str) -> Option<&'static str> {
    crate::model::SHAPE_TYPES.iter().find(|k| **k == kind).copied()
}

/// Resolves `file` (number `index` of `sources`) against every shape the
/// model defines (`known`).
pub(crate) fn resolve(
    index: usize,
    file: File<'_>,
    known: &Known,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> Fragment {
    let uses = file.uses.iter().map(|u| (u.value.rsplit_once('#').map_or(u.value, |(_, n)| n), u.value)).collect();
    let mut r = Resolver {
        file: index,
        namespace: None,
        uses,
        scratch: String::new(),
        known,
        sources,
        diags,
        version: file.version(),
        unresolved: Vec::new(),
    };
    let mut fragment = Fragment {
        file: index,
        version: file.version(),
        namespace: file.namespace.as_ref().map(|n| n.value.to_owned()),
        metadata: Vec::new(),
        shapes: Vec::new(),
        applies: Vec::new(),
        unresolved: Vec::new(),
    };
    // Metadata comes before the namespace: unquoted ids in it are read in
    // the prelude's namespace.
    for (key, value) in file.metadata {
        let loc = r.loc(key.offset);
        fragment.metadata.push((key.value.into_owned(), r.value(value), loc));
    }
    let Some(namespace) = file.namespace else {
        fragment.unresolved = r.unresolved;
        return fragment;
    };
    r.namespace = Some(namespace.value);
    for shape in file.shapes {
        if let Some(defined) = r.shape(shape) {
            fragment.shapes.push(defined);
        }
    }
    for apply in file.applies {
        let Some((target, _)) = r.id(&apply.target) else { continue };
        for t in apply.traits {
            if let Some(applied) = r.applied(&target, t) {
                fragment.applies.push(applied);
            }
        }
    }
    fragment.unresolved = r.unresolved;
    fragment
}

struct Resolver<'a, 's> {
    file: usize,
    /// `None` while reading metadata.
    namespace: Option<&'s str>,
    /// `use` statements: the absolute id, by its name.
    uses: HashMap<&'s str, &'s str>,
    /// A buffer for building ids to look up.
    scratch: String,
    known: &'a Known,
    sources: &'a Sources,
    diags: &'a mut Diagnostics,
    version: Version,
    /// Unquoted shape ids in node values that name no shape: Smithy reads
    /// them as the id they would be and reports them when validating
    /// (`SyntacticShapeIdTarget`), which a suppression can quiet.
    unresolved: Vec<(Loc, String, String)>,
}

impl Resolver<'_, '_> {
    fn loc(&self, offset: usize) -> Loc {
        Loc { file: self.file, offset: Some(offset) }
    }

    fn error(&mut self, offset: usize, message: impl Into<String>) {
        let d = self.sources.diag(self.loc(offset), message);
        self.diags.push_diagnostic(d);
    }

    fn is_defined(&self, root: &str) -> bool {
        self.known.contains_key(root) || prelude::contains(root)
    }

    /// The absolute id `written` stands for, and whether that shape exists
    /// or was named explicitly (absolute, or imported by `use`). `None`
    /// (after reporting why) when it is not a shape id at all.
    fn id(&mut self, written: &IdRef<'_>) -> Option<(String, bool)> {
        self.id_and_form(written).map(|(id, found, _)| (id, found))
    }

    fn id_and_form(&mut self, written: &IdRef<'_>) -> Option<(String, bool, bool)> {
        let text = written.value;
        let (root, member) = match text.split_once('$') {
            Some((root, member)) => (root, Some(member)),
            None => (text, None),
        };
        let explicit = root.contains('#') || self.uses.contains_key(root);
        let (absolute, found) = if root.contains('#') {
            (root.to_owned(), self.is_defined(root))
        } else if root.contains('.') {
            self.error(
                written.offset,
                format!("`{text}` is not a shape id: a namespace needs a shape name after it (`{root}#Name`)"),
            );
            return None;
        } else if let Some(used) = self.uses.get(root).copied() {
            (used.to_owned(), self.is_defined(used))
        } else {
            let ns = self.namespace.unwrap_or(prelude::NAMESPACE);
            self.scratch.clear();
            self.scratch.push_str(ns);
            self.scratch.push('#');
            self.scratch.push_str(root);
            if self.known.contains_key(self.scratch.as_str()) {
                (self.scratch.clone(), true)
            } else if prelude::shape_type(root).is_some() {
                (join(prelude::NAMESPACE, '#', root), true)
            } else {
                (self.scratch.clone(), false)
            }
        };
        Some(match member {
            Some(member) => (join(&absolute, '$', member), found, explicit),
            None => (absolute, found, explicit),
        })
    }

    /// A reference that must name a shape of the model.
    fn reference(&mut self, written: &IdRef<'_>, what: &str) -> Option<String> {
        let (id, found) = self.id(written)?;
        if !found {
            let hint = if written.value.contains('#') {
                String::new()
            } else {
                format!(
                    " (`{}` is not defined in namespace `{}`, imported by `use`, or a prelude shape)",
                    written.value,
                    self.namespace.unwrap_or(prelude::NAMESPACE)
                )
            };
            self.error(written.offset, format!("{what} `{id}` is not defined in the model{hint}"));
            return None;
        }
        Some(id)
    }

    fn target(&mut self, written: &IdRef<'_>, what: &str) -> Option<Target> {
        self.reference(written, what).map(|target| Target { target })
    }

    /// A node value as JSON, unquoted shape ids resolved.
    fn value(&mut self, node: At<Node<'_>>) -> Value {
        match node.value {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(b),
            Node::Number(n) => Value::Number(n),
            Node::String(s) => Value::String(s.into_owned()),
            Node::ShapeId(text) => {
                let written = At { offset: node.offset, value: text };
                let Some((id, found)) = self.id(&written) else { return Value::String(text.to_owned()) };
                if !found {
                    self.unresolved.push((self.loc(node.offset), text.to_owned(), id.clone()));
                }
                Value::String(id)
            }
            Node::Array(items) => Value::Array(items.into_iter().map(|item| self.value(item)).collect()),
            Node::Object(entries) => {
                let mut map = Map::new();
                for (key, value) in entries {
                    map.insert(key.value.into_owned(), self.value(value));
                }
                Value::Object(map)
            }
        }
    }

    /// A trait written in the file, applied to `target`.
    fn applied(&mut self, target: &str, t: Trait<'_>) -> Option<Applied> {
        let written = At { offset: t.offset, value: t.name };
        // A trait named by an absolute id or a `use` need not be defined
        // in the loaded files (AWS's traits usually are not).
        let (id, found, explicit) = self.id_and_form(&written)?;
        if !found && !explicit {
            self.error(
                t.offset,
                format!(
                    "unknown trait `@{}`: no trait of that name is defined in namespace `{}`, imported by `use`, or in the prelude",
                    t.name,
                    self.namespace.unwrap_or(prelude::NAMESPACE)
                ),
            );
            return None;
        }
        match (self.version, id.as_str()) {
            (Version::V1, "smithy.api#mixin" | "smithy.api#default") => {
                self.error(t.offset, format!("`@{}` needs `$version: \"2\"` (this file is IDL 1.0)", t.name));
                return None;
            }
            (Version::V2, "smithy.api#box") => {
                self.error(t.offset, "`@box` does not exist in IDL 2.0: members without `@default` are already optional");
                return None;
            }
            _ => {}
        }
        let (value, annotation) = match t.value {
            Some(v) => (self.value(v), false),
            None => (Value::Null, true),
        };
        Some(Applied { target: target.to_owned(), id, value, annotation, loc: self.loc(t.offset) })
    }

    fn shape(&mut self, def: ShapeDef<'_>) -> Option<Defined> {
        let ShapeDef { offset, kind, name, traits, for_resource, mixins, body } = def;
        let ns = self.namespace.unwrap_or_default();
        let id = join(ns, '#', &name);
        let mut defined = Defined {
            id: id.clone(),
            shape: Shape::Blob(SimpleShape { common: Common::default() }),
            loc: self.loc(offset),
            traits: Vec::new(),
            elided: Vec::new(),
            for_resource: None,
        };
        for t in traits {
            defined.traits.extend(self.applied(&id, t));
        }
        let common = Common {
            traits: Default::default(),
            mixins: mixins.iter().filter_map(|m| self.target(m, "the mixin")).collect(),
        };
        if let Some(resource) = &for_resource {
            let resolved = self.reference(resource, "the resource")?;
            defined.for_resource = Some((resolved, self.loc(resource.offset)));
        }
        defined.shape = match body {
            Body::None => simple_shape(kind, common)?,
            Body::Members(members) => self.members_shape(kind, &id, members, common, &mut defined)?,
            Body::EnumMembers(members) => {
                let int = kind == "intEnum";
                let mut out = IndexMap::new();
                for m in members {
                    let member_id = join(&id, '$', m.name);
                    for t in m.traits {
                        defined.traits.extend(self.applied(&member_id, t));
                    }
                    if let Some(value) = m.value {
                        let offset = value.offset;
                        let json = self.value(value);
                        let fits = if int { json.is_i64() } else { json.is_string() };
                        if !fits {
                            let want = if int { "an integer" } else { "a string" };
                            self.error(offset, format!("the value of `{}` must be {want}", m.name));
                        }
                        defined.traits.push(Applied {
                            target: member_id,
                            id: "smithy.api#enumValue".to_owned(),
                            value: json,
                            annotation: false,
                            loc: self.loc(offset),
                        });
                    }
                    out.insert(m.name.to_owned(), Member { target: "smithy.api#Unit".to_owned(), traits: Default::default() });
                }
                let shape = MembersShape { members: out, common };
                if int {
                    Shape::IntEnum(shape)
                } else {
                    Shape::Enum(shape)
                }
            }
            Body::Object(object) => {
                let Node::Object(entries) = object.value else { return None };
                if kind == "service" {
                    Shape::Service(self.service(entries, common))
                } else {
                    Shape::Resource(self.resource(entries, common))
                }
            }
            Body::Operation(op) => {
                let io = |r: &mut Self, io: &Option<IoTarget<'_>>, what: &str| match io {
                    None => None,
                    Some(IoTarget::Ref(written)) => r.target(written, what),
                    Some(IoTarget::Inline(name)) => Some(Target { target: join(ns, '#', &name.value) }),
                };
                Shape::Operation(OperationShape {
                    input: io(self, &op.input, "the input"),
                    output: io(self, &op.output, "the output"),
                    errors: self.target_list(op.errors.iter().flatten(), "the error"),
                    common,
                })
            }
        };
        Some(defined)
    }

    fn members_shape(
        &mut self,
        kind: &str,
        id: &str,
        members: Vec<MemberDef<'_>>,
        common: Common,
        defined: &mut Defined,
    ) -> Option<Shape> {
        let allowed: &[&str] = match kind {
            "list" | "set" => &["member"],
            "map" => &["key", "value"],
            _ => &[],
        };
        let mut out: IndexMap<String, Member> = IndexMap::new();
        for m in members {
            if !allowed.is_empty() && !allowed.contains(&m.name) {
                let names = allowed.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" and ");
                self.error(m.offset, format!("a {kind} has only {names}, not `{}`", m.name));
                continue;
            }
            let member_id = join(id, '$', m.name);
            let target = match &m.target {
                Some(written) => match self.reference(written, "the target") {
                    Some(target) => target,
                    None => continue,
                },
                None => {
                    defined.elided.push((m.name.to_owned(), self.loc(m.offset)));
                    String::new()
                }
            };
            for t in m.traits {
                defined.traits.extend(self.applied(&member_id, t));
            }
            if let Some(default) = m.default {
                let loc = self.loc(default.offset);
                let value = self.value(default);
                defined.traits.push(Applied {
                    target: member_id,
                    id: "smithy.api#default".to_owned(),
                    value,
                    annotation: false,
                    loc,
                });
            }
            out.insert(m.name.to_owned(), Member { target, traits: Default::default() });
        }
        Some(match kind {
            "list" | "set" => {
                let shape = ListShape { member: out.shift_remove("member"), common };
                if kind == "set" {
                    Shape::Set(shape)
                } else {
                    Shape::List(shape)
                }
            }
            "map" => Shape::Map(MapShape { key: out.shift_remove("key"), value: out.shift_remove("value"), common }),
            "union" => Shape::Union(MembersShape { members: out, common }),
            _ => Shape::Structure(MembersShape { members: out, common }),
        })
    }

    /// Shape ids in a list: unquoted or quoted.
    fn target_list<'n>(&mut self, items: impl IntoIterator<Item = &'n IdRef<'n>>, what: &str) -> Vec<Target> {
        items.into_iter().filter_map(|item| self.target(item, what)).collect()
    }

    /// A shape id written as a node value (quoted or not) in a service or
    /// resource body.
    fn node_target(&mut self, node: &At<Node<'_>>, what: &str) -> Option<Target> {
        match &node.value {
            Node::ShapeId(text) => self.target(&At { offset: node.offset, value: text }, what),
            Node::String(text) => self.target(&At { offset: node.offset, value: text.as_ref() }, what),
            _ => {
                self.error(node.offset, format!("{what} must be a shape id"));
                None
            }
        }
    }

    fn node_targets(&mut self, node: &At<Node<'_>>, what: &str) -> Vec<Target> {
        match &node.value {
            Node::Array(items) => items.iter().filter_map(|item| self.node_target(item, what)).collect(),
            _ => {
                self.error(node.offset, format!("expected a list of shape ids (`[A, B]`) for {what}"));
                Vec::new()
            }
        }
    }

    fn node_target_map(&mut self, node: &At<Node<'_>>, what: &str) -> BTreeMap<String, Target> {
        let mut out = BTreeMap::new();
        match &node.value {
            Node::Object(entries) => {
                for (key, value) in entries {
                    if let Some(target) = self.node_target(value, what) {
                        out.insert(key.value.to_string(), target);
                    }
                }
            }
            _ => self.error(node.offset, format!("expected an object of names to shape ids for {what}")),
        }
        out
    }

    fn service(&mut self, entries: Vec<(At<std::borrow::Cow<'_, str>>, At<Node<'_>>)>, common: Common) -> ServiceShape {
        let mut service = ServiceShape {
            version: None,
            operations: Vec::new(),
            resources: Vec::new(),
            errors: Vec::new(),
            rename: BTreeMap::new(),
            common,
        };
        for (key, value) in entries {
            match key.value.as_ref() {
                "version" => match value.value {
                    Node::String(v) => service.version = Some(v.into_owned()),
                    _ => self.error(value.offset, "the service `version` must be a string"),
                },
                "operations" => service.operations = self.node_targets(&value, "an operation"),
                "resources" => service.resources = self.node_targets(&value, "a resource"),
                "errors" => service.errors = self.node_targets(&value, "an error"),
                "rename" => match value.value {
                    Node::Object(renames) => {
                        for (from, to) in renames {
                            match &to.value {
                                Node::String(to) if from.value.contains('#') => {
                                    service.rename.insert(from.value.to_string(), to.to_string());
                                }
                                Node::String(_) => self.error(from.offset, "`rename` keys must be absolute shape ids"),
                                _ => self.error(to.offset, "a `rename` value must be a string"),
                            }
                        }
                    }
                    _ => self.error(value.offset, "`rename` must be an object of shape ids to names"),
                },
                other => self.error(
                    key.offset,
                    format!("unknown service property `{other}` (expected version, operations, resources, errors or rename)"),
                ),
            }
        }
        service
    }

    fn resource(&mut self, entries: Vec<(At<std::borrow::Cow<'_, str>>, At<Node<'_>>)>, common: Common) -> ResourceShape {
        let mut resource = ResourceShape {
            identifiers: BTreeMap::new(),
            properties: BTreeMap::new(),
            create: None,
            put: None,
            read: None,
            update: None,
            delete: None,
            list: None,
            operations: Vec::new(),
            collection_operations: Vec::new(),
            resources: Vec::new(),
            common,
        };
        for (key, value) in entries {
            let operation = "a lifecycle operation";
            match key.value.as_ref() {
                "identifiers" => resource.identifiers = self.node_target_map(&value, "an identifier"),
                "properties" => {
                    if self.version == Version::V1 {
                        self.error(key.offset, "resource `properties` need `$version: \"2\"` (this file is IDL 1.0)");
                    }
                    resource.properties = self.node_target_map(&value, "a property");
                }
                "create" => resource.create = self.node_target(&value, operation),
                "put" => resource.put = self.node_target(&value, operation),
                "read" => resource.read = self.node_target(&value, operation),
                "update" => resource.update = self.node_target(&value, operation),
                "delete" => resource.delete = self.node_target(&value, operation),
                "list" => resource.list = self.node_target(&value, operation),
                "operations" => resource.operations = self.node_targets(&value, "an operation"),
                "collectionOperations" => resource.collection_operations = self.node_targets(&value, "an operation"),
                "resources" => resource.resources = self.node_targets(&value, "a resource"),
                other => self.error(
                    key.offset,
                    format!(
                        "unknown resource property `{other}` (expected identifiers, properties, create, put, read, update, \
                         delete, list, operations, collectionOperations or resources)"
                    ),
                ),
            }
        }
        resource
    }
}

/// `a` `sep` `b`, as one allocation (ids are built in hot loops).
fn join(a: &str, sep: char, b: &str) -> String {
    let mut out = String::with_capacity(a.len() + 1 + b.len());
    out.push_str(a);
    out.push(sep);
    out.push_str(b);
    out
}

fn simple_shape(kind: &str, common: Common) -> Option<Shape> {
    let s = SimpleShape { common };
    Some(match kind {
        "blob" => Shape::Blob(s),
        "boolean" => Shape::Boolean(s),
        "string" => Shape::String(s),
        "byte" => Shape::Byte(s),
        "short" => Shape::Short(s),
        "integer" => Shape::Integer(s),
        "long" => Shape::Long(s),
        "float" => Shape::Float(s),
        "double" => Shape::Double(s),
        "bigInteger" => Shape::BigInteger(s),
        "bigDecimal" => Shape::BigDecimal(s),
        "timestamp" => Shape::Timestamp(s),
        "document" => Shape::Document(s),
        _ => return None,
    })
}
