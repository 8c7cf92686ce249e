//! Writes a [`Model`] as Smithy JSON AST (2.0), the way `smithy ast`
//! serializes one: shapes and traits sorted by id, metadata keys sorted,
//! four-space indentation, the prelude left out; an operation always names
//! its input and output (`smithy.api#Unit` when it has none); id lists of
//! services, resources and operations sorted; members inherited from mixins
//! are not repeated, and traits added to them are `apply` entries; Smithy
//! 1.0 `set`s are written as lists with `@uniqueItems`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::node::Value;

use super::is_prelude;
use crate::model::{Member, Model, Shape, Target, Traits};

/// The model as a JSON AST document.
pub fn to_json_ast(model: &Model) -> String {
    let mut shapes: BTreeMap<String, Out<'_>> = BTreeMap::new();
    let mut applies: BTreeMap<String, Traits> = BTreeMap::new();
    for (target, traits) in &model.applies {
        applies.entry(target.clone()).or_default().extend(traits.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    for (id, shape) in &model.shapes {
        if is_prelude(id) {
            continue;
        }
        shapes.insert(id.clone(), shape_out(model, id, shape, &mut applies));
    }
    for (target, traits) in applies {
        if !traits.is_empty() {
            let entry = Out::Object(vec![("type", Out::Str("apply".to_owned())), ("traits", traits_out(traits))]);
            shapes.insert(target, entry);
        }
    }
    let mut top = vec![("smithy", Out::Str("2.0".to_owned()))];
    if !model.metadata.is_empty() {
        top.push(("metadata", Out::Owned(Value::Object(model.metadata.clone().into_iter().collect()))));
    }
    top.push(("shapes", Out::Keyed(shapes.into_iter().collect())));
    let mut text = String::new();
    Out::Object(top).write(&mut text, 0);
    text.push('\n');
    text
}

/// A JSON value whose object keys keep the order given.
enum Out<'m> {
    Str(String),
    Value(&'m Value),
    Owned(Value),
    Object(Vec<(&'static str, Out<'m>)>),
    Keyed(Vec<(String, Out<'m>)>),
    Array(Vec<Out<'m>>),
}

impl Out<'_> {
    fn write(&self, out: &mut String, indent: usize) {
        match self {
            Out::Str(s) => write_value(out, &Value::String(s.clone()), indent),
            Out::Value(v) => write_value(out, v, indent),
            Out::Owned(v) => write_value(out, v, indent),
            Out::Object(entries) => {
                write_entries(out, indent, entries.iter().map(|(k, v)| (*k, v)), |out, v, indent| v.write(out, indent))
            }
            Out::Keyed(entries) => {
                write_entries(out, indent, entries.iter().map(|(k, v)| (k.as_str(), v)), |out, v, indent| v.write(out, indent))
            }
            Out::Array(items) => write_items(out, indent, items.iter(), |out, v, indent| v.write(out, indent)),
        }
    }
}

fn write_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) => write_entries(out, indent, map.iter().map(|(k, v)| (k.as_str(), v)), write_value),
        Value::Array(items) => write_items(out, indent, items.iter(), write_value),
        // Scalars print as JSON does.
        scalar => out.push_str(&scalar.to_string()),
    }
}

fn write_entries<'a, T: 'a>(
    out: &mut String,
    indent: usize,
    entries: impl ExactSizeIterator<Item = (&'a str, &'a T)>,
    write: impl Fn(&mut String, &T, usize),
) {
    if entries.len() == 0 {
        out.push_str("{}");
        return;
    }
    out.push('{');
    for (i, (key, value)) in entries.enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        pad(out, indent + 1);
        let _ = write!(out, "{}: ", Value::String(key.to_owned()));
        write(out, value, indent + 1);
    }
    out.push('\n');
    pad(out, indent);
    out.push('}');
}

fn write_items<'a, T: 'a>(
    out: &mut String,
    indent: usize,
    items: impl ExactSizeIterator<Item = &'a T>,
    write: impl Fn(&mut String, &T, usize),
) {
    if items.len() == 0 {
        out.push_str("[]");
        return;
    }
    out.push('[');
    for (i, item) in items.enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        pad(out, indent + 1);
        write(out, item, indent + 1);
    }
    out.push('\n');
    pad(out, indent);
    out.push(']');
}

fn pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("    ");
    }
}

fn traits_out(traits: Traits) -> Out<'static> {
    Out::Keyed(traits.into_iter().map(|(k, v)| (k, Out::Owned(v))).collect())
}

fn reference(id: &str) -> Out<'static> {
    Out::Object(vec![("target", Out::Str(id.to_owned()))])
}

fn references(targets: &[Target]) -> Option<Out<'static>> {
    if targets.is_empty() {
        return None;
    }
    let mut ids: Vec<&str> = targets.iter().map(|t| t.target.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    Some(Out::Array(ids.into_iter().map(reference).collect()))
}

fn member_out(member: &Member) -> Out<'_> {
    let mut entries = vec![("target", Out::Str(member.target.clone()))];
    if !member.traits.is_empty() {
        entries.push(("traits", Out::Keyed(member.traits.iter().map(|(k, v)| (k.clone(), Out::Value(v))).collect())));
    }
    Out::Object(entries)
}

fn shape_out<'m>(model: &'m Model, id: &str, shape: &'m Shape, applies: &mut BTreeMap<String, Traits>) -> Out<'m> {
    let type_name = match shape {
        Shape::Set(_) => "list",
        other => other.type_name(),
    };
    let mut entries: Vec<(&'static str, Out<'m>)> = vec![("type", Out::Str(type_name.to_owned()))];
    if !shape.mixins().is_empty() {
        entries.push(("mixins", Out::Array(shape.mixins().iter().map(|m| reference(&m.target)).collect())));
    }
    // Members redeclared from a mixin are inherited: only their traits are
    // written, as `apply`.
    let mut own_member = |name: &str, member: &'m Member| -> Option<Out<'m>> {
        if model.inherited_member(id, name).is_some() {
            if !member.traits.is_empty() {
                let slot = applies.entry(format!("{id}${name}")).or_default();
                slot.extend(member.traits.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            None
        } else {
            Some(member_out(member))
        }
    };
    match shape {
        Shape::List(l) | Shape::Set(l) => {
            if let Some(m) = l.member.as_ref().and_then(|m| own_member("member", m)) {
                entries.push(("member", m));
            }
        }
        Shape::Map(m) => {
            if let Some(k) = m.key.as_ref().and_then(|k| own_member("key", k)) {
                entries.push(("key", k));
            }
            if let Some(v) = m.value.as_ref().and_then(|v| own_member("value", v)) {
                entries.push(("value", v));
            }
        }
        Shape::Structure(s) | Shape::Union(s) | Shape::Enum(s) | Shape::IntEnum(s) => {
            let members = s.members.iter().filter_map(|(name, m)| own_member(name, m).map(|out| (name.clone(), out)));
            entries.push(("members", Out::Keyed(members.collect())));
        }
        Shape::Operation(op) => {
            let unit = "smithy.api#Unit";
            entries.push(("input", reference(op.input.as_ref().map_or(unit, |t| &t.target))));
            entries.push(("output", reference(op.output.as_ref().map_or(unit, |t| &t.target))));
            entries.extend(references(&op.errors).map(|e| ("errors", e)));
        }
        Shape::Resource(r) => {
            let named = |map: &BTreeMap<String, Target>| {
                Out::Keyed(map.iter().map(|(k, t)| (k.clone(), reference(&t.target))).collect())
            };
            if !r.identifiers.is_empty() {
                entries.push(("identifiers", named(&r.identifiers)));
            }
            if !r.properties.is_empty() {
                entries.push(("properties", named(&r.properties)));
            }
            for (key, value) in r.lifecycle() {
                if let Some(t) = value {
                    entries.push((key, reference(&t.target)));
                }
            }
            entries.extend(references(&r.operations).map(|o| ("operations", o)));
            entries.extend(references(&r.collection_operations).map(|o| ("collectionOperations", o)));
            entries.extend(references(&r.resources).map(|o| ("resources", o)));
        }
        Shape::Service(s) => {
            if let Some(version) = s.version.as_ref().filter(|v| !v.trim().is_empty()) {
                entries.push(("version", Out::Str(version.clone())));
            }
            entries.extend(references(&s.operations).map(|o| ("operations", o)));
            entries.extend(references(&s.resources).map(|o| ("resources", o)));
            entries.extend(references(&s.errors).map(|o| ("errors", o)));
            if !s.rename.is_empty() {
                entries.push(("rename", Out::Keyed(s.rename.iter().map(|(k, v)| (k.clone(), Out::Str(v.clone()))).collect())));
            }
        }
        _ => {}
    }
    let mut traits: Vec<(String, Out<'m>)> = shape.traits().iter().map(|(k, v)| (k.clone(), Out::Value(v))).collect();
    if matches!(shape, Shape::Set(_)) && !shape.traits().contains_key("smithy.api#uniqueItems") {
        traits.push(("smithy.api#uniqueItems".to_owned(), Out::Owned(Value::Object(Default::default()))));
        traits.sort_by(|a, b| a.0.cmp(&b.0));
    }
    if !traits.is_empty() {
        entries.push(("traits", Out::Keyed(traits)));
    }
    Out::Object(entries)
}
