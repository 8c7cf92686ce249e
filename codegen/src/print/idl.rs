//! Writes a [`Model`] as Smithy IDL 2.0, one file per namespace, for people
//! to read and edit: documentation as `///` comments, `use` statements for
//! shapes of other namespaces, relative ids wherever they resolve back to
//! the same shape, default values and enum values with `=`, inline
//! operation inputs and outputs (`input := { ... }`) where a structure
//! serves one operation alone, and long trait values over several lines.
//! Loading the files gives back the same model.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::node::Value;

use super::is_prelude;
use crate::load::prelude;
use crate::model::{Member, Model, OperationShape, Shape, Target, Traits};

/// One IDL file of a model: its namespace and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdlFile {
    /// The file's namespace (empty for a model with metadata and no shapes).
    pub namespace: String,
    /// The IDL text.
    pub text: String,
}

const DOC: &str = "smithy.api#documentation";
const DEFAULT: &str = "smithy.api#default";
const ENUM_VALUE: &str = "smithy.api#enumValue";
/// Lines longer than this are broken where the syntax allows.
const WIDTH: usize = 100;

/// The model as IDL files, one per namespace, sorted by namespace. The
/// model's metadata goes into the first.
pub fn to_idl(model: &Model) -> Vec<IdlFile> {
    let mut namespaces: BTreeSet<&str> = model.shapes.keys().filter(|id| !is_prelude(id)).map(|id| namespace_of(id)).collect();
    namespaces.extend(model.applies.iter().map(|(t, _)| namespace_of(t)).filter(|ns| *ns != prelude::NAMESPACE));
    if namespaces.is_empty() {
        let mut text = String::from("$version: \"2\"\n");
        write_metadata(&mut text, model);
        return vec![IdlFile { namespace: String::new(), text }];
    }
    let inline = inline_io(model);
    namespaces
        .iter()
        .enumerate()
        .map(|(i, ns)| {
            let mut writer = Writer::new(model, ns, &inline);
            let body = writer.body();
            let mut text = String::from("$version: \"2\"\n");
            if i == 0 {
                write_metadata(&mut text, model);
            }
            let _ = write!(text, "\nnamespace {ns}\n");
            if !writer.imports.is_empty() {
                text.push('\n');
                for id in writer.imports.values() {
                    let _ = writeln!(text, "use {id}");
                }
            }
            text.push_str(&body);
            IdlFile { namespace: (*ns).to_owned(), text }
        })
        .collect()
}

fn write_metadata(text: &mut String, model: &Model) {
    if model.metadata.is_empty() {
        return;
    }
    text.push('\n');
    for (key, value) in &model.metadata {
        let _ = writeln!(text, "metadata {} = {}", key_text(key), value_text(value, "metadata x = ".len() + key.len(), 0));
    }
}

fn namespace_of(id: &str) -> &str {
    id.split_once('#').map_or(id, |(ns, _)| ns)
}

fn name_of(id: &str) -> &str {
    id.split_once('#').map_or(id, |(_, name)| name)
}

/// Structures written inline as an operation's input or output: named
/// after the operation with `Input`/`Output`, marked `@input`/`@output`, in
/// its namespace, and referred to by nothing else. By structure id: the
/// operation and whether it is the input.
fn inline_io<'m>(model: &'m Model) -> BTreeMap<String, (String, bool)> {
    let mut uses: BTreeMap<&'m str, usize> = BTreeMap::new();
    let mut count = |t: &'m str| *uses.entry(t).or_default() += 1;
    for shape in model.shapes.values() {
        shape.mixins().iter().for_each(|m| count(&m.target));
        shape.members().iter().for_each(|(_, m)| count(&m.target));
        match shape {
            Shape::Operation(op) => {
                op.input.iter().chain(&op.output).chain(&op.errors).for_each(|t| count(&t.target));
            }
            Shape::Service(s) => s.operations.iter().chain(&s.resources).chain(&s.errors).for_each(|t| count(&t.target)),
            Shape::Resource(r) => {
                let lifecycle = [&r.create, &r.put, &r.read, &r.update, &r.delete, &r.list];
                lifecycle.into_iter().flatten().for_each(|t| count(&t.target));
                r.identifiers.values().chain(r.properties.values()).for_each(|t| count(&t.target));
                r.operations.iter().chain(&r.collection_operations).chain(&r.resources).for_each(|t| count(&t.target));
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    for (id, shape) in &model.shapes {
        let Shape::Operation(op) = shape else { continue };
        for (target, input) in [(&op.input, true), (&op.output, false)] {
            let Some(Target { target }) = target else { continue };
            let (suffix, marker) = if input { ("Input", "smithy.api#input") } else { ("Output", "smithy.api#output") };
            let fits = model.shapes.get(target).is_some_and(|s| matches!(s, Shape::Structure(_)) && s.traits().contains_key(marker))
                && *target == format!("{id}{suffix}")
                && uses.get(target.as_str()) == Some(&1);
            if fits {
                out.insert(target.clone(), (id.clone(), input));
            }
        }
    }
    out
}

struct Writer<'m> {
    model: &'m Model,
    namespace: &'m str,
    inline: &'m BTreeMap<String, (String, bool)>,
    /// `use` statements: by short name, the absolute id.
    imports: BTreeMap<String, String>,
}

impl<'m> Writer<'m> {
    fn new(model: &'m Model, namespace: &'m str, inline: &'m BTreeMap<String, (String, bool)>) -> Self {
        let mut w = Writer { model, namespace, inline, imports: BTreeMap::new() };
        w.imports = w.choose_imports();
        w
    }

    fn shapes(&self) -> impl Iterator<Item = (&'m String, &'m Shape)> + '_ {
        let ns = self.namespace;
        self.model.shapes.iter().filter(move |(id, _)| namespace_of(id) == ns)
    }

    /// Shapes of other namespaces this file refers to, imported when their
    /// names are unique and clash with nothing here or in the prelude.
    fn choose_imports(&self) -> BTreeMap<String, String> {
        let mut referenced: BTreeSet<&str> = BTreeSet::new();
        for (id, shape) in self.shapes() {
            referenced.extend(shape.traits().keys().map(String::as_str));
            referenced.extend(shape.mixins().iter().map(|m| m.target.as_str()));
            for (_, member) in shape.members() {
                referenced.insert(&member.target);
                referenced.extend(member.traits.keys().map(String::as_str));
            }
            let _ = id;
            match shape {
                Shape::Operation(op) => referenced.extend(op.input.iter().chain(&op.output).chain(&op.errors).map(|t| t.target.as_str())),
                Shape::Service(s) => {
                    referenced.extend(s.operations.iter().chain(&s.resources).chain(&s.errors).map(|t| t.target.as_str()))
                }
                Shape::Resource(r) => {
                    let lifecycle = [&r.create, &r.put, &r.read, &r.update, &r.delete, &r.list];
                    referenced.extend(lifecycle.into_iter().flatten().map(|t| t.target.as_str()));
                    referenced.extend(r.identifiers.values().chain(r.properties.values()).map(|t| t.target.as_str()));
                    referenced.extend(r.operations.iter().chain(&r.collection_operations).chain(&r.resources).map(|t| t.target.as_str()));
                }
                _ => {}
            }
        }
        for (target, traits) in &self.model.applies {
            if namespace_of(target) == self.namespace {
                referenced.extend(traits.keys().map(String::as_str));
            }
        }
        let mut by_name: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for id in referenced {
            let ns = namespace_of(id);
            if ns != self.namespace && ns != prelude::NAMESPACE && id.contains('#') {
                by_name.entry(name_of(id)).or_default().insert(id);
            }
        }
        by_name
            .into_iter()
            .filter(|(name, ids)| {
                ids.len() == 1
                    && prelude::shape_type(name).is_none()
                    && !self.model.shapes.contains_key(&format!("{}#{name}", self.namespace))
            })
            .map(|(name, ids)| (name.to_owned(), ids.into_iter().next().unwrap_or_default().to_owned()))
            .collect()
    }

    /// The shortest text that resolves back to `id` in this file.
    fn id(&self, id: &str) -> String {
        let (root, member) = match id.split_once('$') {
            Some((root, member)) => (root, Some(member)),
            None => (id, None),
        };
        let (ns, name) = root.split_once('#').unwrap_or(("", root));
        let local = format!("{}#{name}", self.namespace);
        let short = if ns == self.namespace {
            !self.imports.contains_key(name) && (self.model.shapes.contains_key(root) || prelude::shape_type(name).is_none())
        } else if ns == prelude::NAMESPACE {
            prelude::shape_type(name).is_some() && !self.model.shapes.contains_key(&local) && !self.imports.contains_key(name)
        } else {
            self.imports.get(name).is_some_and(|imported| imported == root)
        };
        // A trait of this namespace whose definition is not loaded would
        // not resolve by its short name.
        let short = short && (ns != self.namespace || self.model.shapes.contains_key(root));
        let text = if short { name } else { root };
        match member {
            Some(member) => format!("{text}${member}"),
            None => text.to_owned(),
        }
    }

    fn body(&mut self) -> String {
        let mut out = String::new();
        let rank = |s: &Shape| match s {
            Shape::Service(_) => 0,
            Shape::Resource(_) => 1,
            Shape::Operation(_) => 2,
            _ => 3,
        };
        let mut shapes: Vec<(&String, &Shape)> = self.shapes().filter(|(id, _)| !self.inline.contains_key(*id)).collect();
        shapes.sort_by_key(|(id, s)| (rank(s), *id));
        for (id, shape) in shapes {
            out.push('\n');
            self.shape(&mut out, id, shape, 0);
        }
        for (target, traits) in &self.model.applies {
            if namespace_of(target) == self.namespace && !traits.is_empty() {
                out.push('\n');
                self.apply(&mut out, target, traits);
            }
        }
        out
    }

    /// Writes `traits` as `///` comments and `@trait` lines at `indent`;
    /// `skip` lists traits said another way (defaults, enum values, the
    /// `@input` of an inline input).
    fn traits(&self, out: &mut String, traits: &Traits, indent: usize, skip: &[&str]) {
        let pad = "    ".repeat(indent);
        if let Some(Value::String(doc)) = traits.get(DOC) {
            if !doc.contains('\r') {
                for line in doc.split('\n') {
                    let sep = if line.is_empty() { "" } else { " " };
                    let _ = writeln!(out, "{pad}///{sep}{line}");
                }
            }
        }
        for (id, value) in traits {
            if skip.contains(&id.as_str()) || (id == DOC && value.as_str().is_some_and(|d| !d.contains('\r'))) {
                continue;
            }
            let _ = writeln!(out, "{pad}{}", self.trait_text(id, value, pad.len()));
        }
    }

    fn trait_text(&self, id: &str, value: &Value, column: usize) -> String {
        let name = format!("@{}", self.id(id));
        let list_trait = matches!(self.trait_type(id), Some("list" | "set"));
        match value {
            Value::Object(map) if map.is_empty() && !list_trait => name,
            Value::Object(map) => {
                // The structured form: `@name(key: value, key: value)`.
                let entries: Vec<(String, &Value)> = map.iter().map(|(k, v)| (key_text(k), v)).collect();
                let inline: Vec<String> = entries.iter().map(|(k, v)| format!("{k}: {}", value_text(v, WIDTH, 0))).collect();
                let one_line = format!("{name}({})", inline.join(", "));
                if column + one_line.len() <= WIDTH && !one_line.contains('\n') {
                    return one_line;
                }
                let depth = column / 4 + 1;
                let pad = "    ".repeat(depth);
                let mut text = format!("{name}(\n");
                for (k, v) in entries {
                    let _ = writeln!(text, "{pad}{k}: {}", value_text(v, pad.len() + k.len() + 2, depth));
                }
                let _ = write!(text, "{})", "    ".repeat(depth - 1));
                text
            }
            other => format!("{name}({})", value_text(other, column + name.len() + 1, column / 4)),
        }
    }

    /// The type of the trait shape `id`, from the model or the prelude.
    fn trait_type(&self, id: &str) -> Option<&'static str> {
        match self.model.shapes.get(id) {
            Some(shape) => Some(shape.type_name()),
            None => id.strip_prefix("smithy.api#").and_then(prelude::shape_type),
        }
    }

    fn mixins(&self, shape: &Shape) -> String {
        if shape.mixins().is_empty() {
            return String::new();
        }
        let ids: Vec<String> = shape.mixins().iter().map(|m| self.id(&m.target)).collect();
        format!(" with [{}]", ids.join(", "))
    }

    fn shape(&self, out: &mut String, id: &str, shape: &Shape, indent: usize) {
        let mut traits = shape.traits().clone();
        if matches!(shape, Shape::Set(_)) {
            traits.entry("smithy.api#uniqueItems".to_owned()).or_insert_with(|| Value::Object(Default::default()));
        }
        self.traits(out, &traits, indent, &[]);
        let keyword = if matches!(shape, Shape::Set(_)) { "list" } else { shape.type_name() };
        let _ = write!(out, "{keyword} {}{}", name_of(id), self.mixins(shape));
        self.shape_body(out, id, shape, indent);
        out.push('\n');
    }

    /// Everything after the shape's name and mixins.
    fn shape_body(&self, out: &mut String, id: &str, shape: &Shape, indent: usize) {
        let pad = "    ".repeat(indent + 1);
        match shape {
            Shape::List(_) | Shape::Set(_) | Shape::Map(_) | Shape::Structure(_) | Shape::Union(_) => {
                // Members a mixin brings are not repeated; redeclared to
                // add traits, their targets are elided (`$name`).
                let members: Vec<(&str, &Member)> = shape
                    .members()
                    .into_iter()
                    .filter(|(name, m)| !m.traits.is_empty() || self.model.inherited_member(id, name).is_none())
                    .collect();
                if members.is_empty() {
                    out.push_str(" {}");
                    return;
                }
                out.push_str(" {\n");
                for (i, (name, member)) in members.iter().enumerate() {
                    if i > 0 && (!member.traits.is_empty() || !members[i - 1].1.traits.is_empty()) {
                        out.push('\n');
                    }
                    let elided = self.model.inherited_member(id, name).is_some_and(|m| m.target == member.target);
                    self.member(out, name, member, elided, indent + 1);
                }
                let _ = write!(out, "{}}}", "    ".repeat(indent));
            }
            Shape::Enum(e) | Shape::IntEnum(e) => {
                out.push_str(" {\n");
                for (name, member) in &e.members {
                    self.traits(out, &member.traits, indent + 1, &[ENUM_VALUE]);
                    let _ = write!(out, "{pad}{name}");
                    match member.traits.get(ENUM_VALUE) {
                        Some(Value::String(v)) if v == name => {}
                        Some(value) => {
                            let _ = write!(out, " = {}", value_text(value, pad.len() + name.len() + 3, indent + 1));
                        }
                        None => {}
                    }
                    out.push('\n');
                }
                let _ = write!(out, "{}}}", "    ".repeat(indent));
            }
            Shape::Operation(op) => self.operation(out, id, op, indent),
            Shape::Service(s) => {
                let mut props: Vec<(&str, String)> = Vec::new();
                if let Some(v) = &s.version {
                    props.push(("version", string_text(v)));
                }
                self.id_list(&mut props, "operations", &s.operations, indent);
                self.id_list(&mut props, "resources", &s.resources, indent);
                self.id_list(&mut props, "errors", &s.errors, indent);
                if !s.rename.is_empty() {
                    let renames = Value::Object(s.rename.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect());
                    props.push(("rename", value_text(&renames, pad.len() + 8, indent + 1)));
                }
                write_properties(out, props, indent);
            }
            Shape::Resource(r) => {
                let mut props: Vec<(&str, String)> = Vec::new();
                for (key, map) in [("identifiers", &r.identifiers), ("properties", &r.properties)] {
                    if !map.is_empty() {
                        let entries: Vec<String> = map.iter().map(|(k, t)| format!("{}: {}", key_text(k), self.id(&t.target))).collect();
                        props.push((key, format!("{{ {} }}", entries.join(", "))));
                    }
                }
                for (key, value) in [
                    ("create", &r.create),
                    ("put", &r.put),
                    ("read", &r.read),
                    ("update", &r.update),
                    ("delete", &r.delete),
                    ("list", &r.list),
                ] {
                    if let Some(t) = value {
                        props.push((key, self.id(&t.target)));
                    }
                }
                self.id_list(&mut props, "operations", &r.operations, indent);
                self.id_list(&mut props, "collectionOperations", &r.collection_operations, indent);
                self.id_list(&mut props, "resources", &r.resources, indent);
                write_properties(out, props, indent);
            }
            _ => {}
        }
    }

    fn id_list(&self, props: &mut Vec<(&'static str, String)>, key: &'static str, ids: &[Target], indent: usize) {
        if ids.is_empty() {
            return;
        }
        let items: Vec<String> = ids.iter().map(|t| self.id(&t.target)).collect();
        let one_line = format!("[{}]", items.join(", "));
        if 4 * (indent + 1) + key.len() + 2 + one_line.len() <= WIDTH {
            props.push((key, one_line));
        } else {
            let pad = "    ".repeat(indent + 2);
            let lines: Vec<String> = items.iter().map(|i| format!("{pad}{i}")).collect();
            props.push((key, format!("[\n{}\n{}]", lines.join("\n"), "    ".repeat(indent + 1))));
        }
    }

    fn member(&self, out: &mut String, name: &str, member: &Member, elided: bool, indent: usize) {
        let pad = "    ".repeat(indent);
        self.traits(out, &member.traits, indent, &[DEFAULT]);
        if elided {
            let _ = write!(out, "{pad}${name}");
        } else {
            let _ = write!(out, "{pad}{name}: {}", self.id(&member.target));
        }
        if let Some(default) = member.traits.get(DEFAULT) {
            let _ = write!(out, " = {}", value_text(default, pad.len() + name.len() + 8, indent));
        }
        out.push('\n');
    }

    fn operation(&self, out: &mut String, id: &str, op: &OperationShape, indent: usize) {
        let pad = "    ".repeat(indent + 1);
        let mut body = String::new();
        for (target, input) in [(&op.input, true), (&op.output, false)] {
            let Some(Target { target }) = target else { continue };
            let key = if input { "input" } else { "output" };
            match self.model.shapes.get(target) {
                Some(shape) if self.inline.get(target).is_some_and(|(op_id, _)| op_id == id) => {
                    let marker = if input { "smithy.api#input" } else { "smithy.api#output" };
                    let mut traits = String::new();
                    self.traits(&mut traits, shape.traits(), indent + 2, &[marker]);
                    // Traits go on lines of their own, and the structure
                    // one level deeper under them.
                    let depth = if traits.is_empty() { indent + 1 } else { indent + 2 };
                    let mut head = self.mixins(shape);
                    self.shape_body(&mut head, target, shape, depth);
                    if traits.is_empty() {
                        let _ = writeln!(body, "{pad}{key} := {}", head.trim_start());
                    } else {
                        let _ = writeln!(body, "{pad}{key} :=\n{traits}{}{}", "    ".repeat(depth), head.trim_start());
                    }
                }
                _ => {
                    let _ = writeln!(body, "{pad}{key}: {}", self.id(target));
                }
            }
        }
        if !op.errors.is_empty() {
            let mut props = Vec::new();
            self.id_list(&mut props, "errors", &op.errors, indent);
            for (key, value) in props {
                let _ = writeln!(body, "{pad}{key}: {value}");
            }
        }
        if body.is_empty() {
            out.push_str(" {}");
        } else {
            let _ = write!(out, " {{\n{body}{}}}", "    ".repeat(indent));
        }
    }

    fn apply(&self, out: &mut String, target: &str, traits: &Traits) {
        let lines: Vec<String> = traits.iter().map(|(id, v)| self.trait_text(id, v, 4)).collect();
        if lines.len() == 1 && !lines[0].contains('\n') {
            let _ = writeln!(out, "apply {} {}", self.id(target), lines[0]);
        } else {
            let _ = writeln!(out, "apply {} {{", self.id(target));
            for line in lines {
                let _ = writeln!(out, "    {line}");
            }
            out.push_str("}\n");
        }
    }
}

/// A service or resource body: `key: value` lines in braces.
fn write_properties(out: &mut String, props: Vec<(&str, String)>, indent: usize) {
    if props.is_empty() {
        out.push_str(" {}");
        return;
    }
    let pad = "    ".repeat(indent + 1);
    out.push_str(" {\n");
    for (key, value) in props {
        let _ = writeln!(out, "{pad}{key}: {value}");
    }
    let _ = write!(out, "{}}}", "    ".repeat(indent));
}

/// An object key: bare when it is an identifier, else quoted.
fn key_text(key: &str) -> String {
    let mut chars = key.trim_start_matches('_').chars();
    let ident = chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ident {
        key.to_owned()
    } else {
        string_text(key)
    }
}

/// A quoted IDL string.
fn string_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A node value, on one line when it fits after `column`, else spread
/// over lines indented one level deeper than `depth`.
fn value_text(value: &Value, column: usize, depth: usize) -> String {
    let one_line = inline_value(value);
    if column + one_line.len() <= WIDTH {
        return one_line;
    }
    let pad = "    ".repeat(depth + 1);
    let close = "    ".repeat(depth);
    match value {
        Value::Array(items) if !items.is_empty() => {
            let lines: Vec<String> = items.iter().map(|v| format!("{pad}{}", value_text(v, pad.len(), depth + 1))).collect();
            format!("[\n{}\n{close}]", lines.join("\n"))
        }
        Value::Object(map) if !map.is_empty() => {
            let lines: Vec<String> = map
                .iter()
                .map(|(k, v)| {
                    let key = key_text(k);
                    let value = value_text(v, pad.len() + key.len() + 2, depth + 1);
                    format!("{pad}{key}: {value}")
                })
                .collect();
            format!("{{\n{}\n{close}}}", lines.join("\n"))
        }
        _ => one_line,
    }
}

fn inline_value(value: &Value) -> String {
    match value {
        Value::String(s) => string_text(s),
        Value::Array(items) => format!("[{}]", items.iter().map(inline_value).collect::<Vec<_>>().join(", ")),
        Value::Object(map) if map.is_empty() => "{}".to_owned(),
        Value::Object(map) => {
            let entries: Vec<String> = map.iter().map(|(k, v)| format!("{}: {}", key_text(k), inline_value(v))).collect();
            format!("{{ {} }}", entries.join(", "))
        }
        scalar => scalar.to_string(),
    }
}
