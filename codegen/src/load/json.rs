//! Reading one JSON AST file into a [`Fragment`].

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::{Applied, Defined, Fragment, Loc, Version};
use crate::diag::Diagnostics;
use crate::model::{Shape, Traits, SHAPE_TYPES};
use crate::node::{self, Value};

#[derive(Deserialize)]
struct RawFile<'a> {
    smithy: Option<String>,
    #[serde(default, borrow)]
    metadata: Option<&'a RawValue>,
    #[serde(default, borrow)]
    shapes: IndexMap<String, &'a RawValue>,
}

/// Parses the JSON AST file `file` (named `name`): `None` when it is not a
/// JSON AST document at all.
pub(crate) fn parse(file: usize, name: &str, text: &str, diags: &mut Diagnostics) -> Option<Fragment> {
    let raw: RawFile<'_> = match serde_json::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            diags.push(
                format!("{name}:{}:{}", e.line(), e.column()),
                format!("not a Smithy JSON AST file: {}", strip_position(&e)),
            );
            return None;
        }
    };
    let version = match raw.smithy.as_deref() {
        Some("2.0" | "2") => Version::V2,
        Some(v) if v == "1" || v.starts_with("1.") => Version::V1,
        Some(v) => {
            diags.push(name, format!("unsupported Smithy version `{v}` (expected 2.0 or 1.0)"));
            Version::V2
        }
        None => {
            diags.push(name, "missing the `smithy` version key");
            Version::V2
        }
    };
    let loc = Loc { file, offset: None };
    let mut fragment = Fragment {
        file,
        version,
        namespace: None,
        metadata: metadata(raw.metadata, name, diags).into_iter().map(|(k, v)| (k, v, loc)).collect(),
        shapes: Vec::new(),
        applies: Vec::new(),
        unresolved: Vec::new(),
    };
    for (id, raw_shape) in raw.shapes {
        if let Err(problem) = check_shape_id(&id) {
            diags.push(&id, problem);
            continue;
        }
        // serde reads the shape's traits through a buffer that keeps
        // numbers as `f64`; a shape with a number that may not fit one is
        // read again with every number as written.
        let exact = node::may_lose_digits(raw_shape.get()).then(|| node::parse_json(raw_shape.get()).ok()).flatten();
        // Such a number may not even fit an `f64` (`1e400`): the shape is
        // then read without its traits, which come from `exact`.
        let parsed = match &exact {
            Some(node) => parse_shape_without_traits(node),
            None => parse_shape(raw_shape),
        };
        match parsed {
            Ok(mut shape @ Shape::Apply(_)) => {
                fragment.applies.extend(absolute_traits(take_traits(&id, &mut shape, loc, exact.as_ref()), diags));
            }
            // Only `apply` names a member; a shape defined under a member id
            // would be lost.
            Ok(shape) if id.contains('$') => diags.push(
                &id,
                format!("shapes of type `{}` cannot contain a member in their shape id", shape.type_name()),
            ),
            Ok(mut shape) => {
                let traits = absolute_traits(take_traits(&id, &mut shape, loc, exact.as_ref()), diags);
                fragment.shapes.push(Defined { id, shape, loc, traits, elided: Vec::new(), for_resource: None });
            }
            Err(problem) => diags.push(id, problem),
        }
    }
    Some(fragment)
}

/// The traits named by absolute shape ids; the others are reported, as
/// the JSON AST has no namespace to resolve a relative one in.
fn absolute_traits(traits: Vec<Applied>, diags: &mut Diagnostics) -> Vec<Applied> {
    traits
        .into_iter()
        .filter(|applied| match check_shape_id(&applied.id) {
            Ok(()) if !applied.id.contains('$') => true,
            Ok(()) => {
                diags.push(&applied.target, format!("trait `{}`: a trait is a shape, not a member", applied.id));
                false
            }
            Err(problem) => {
                diags.push(&applied.target, format!("trait `{}`: {problem}", applied.id));
                false
            }
        })
        .collect()
}

fn applied(target: &str, traits: Traits, loc: Loc) -> impl Iterator<Item = Applied> + '_ {
    traits.into_iter().map(move |(id, value)| Applied { target: target.to_owned(), id, value, annotation: false, loc })
}

/// The `traits` of the node `shape` (a shape or member), if any.
fn traits_of(shape: Option<&Value>) -> Traits {
    shape.and_then(|s| s.get("traits")).and_then(Value::as_object).cloned().unwrap_or_default()
}

/// Moves the traits of a shape and its members out of it; with `exact`
/// (the shape's text read as nodes), the traits are taken from there.
fn take_traits(id: &str, shape: &mut Shape, loc: Loc, exact: Option<&Value>) -> Vec<Applied> {
    let take = |traits: &mut Traits, node: Option<&Value>| {
        let read = std::mem::take(traits);
        if exact.is_some() { traits_of(node) } else { read }
    };
    let mut out: Vec<Applied> = applied(id, take(&mut shape.common_mut().traits, exact), loc).collect();
    let mut member = |name: &str, traits: &mut Traits, node: Option<&Value>| {
        out.extend(applied(&format!("{id}${name}"), take(traits, node), loc));
    };
    let field = |name: &str| exact.and_then(|e| e.get(name));
    match shape {
        Shape::Structure(s) | Shape::Union(s) | Shape::Enum(s) | Shape::IntEnum(s) => {
            let members = field("members");
            for (name, m) in &mut s.members {
                member(name, &mut m.traits, members.and_then(|ms| ms.get(name)));
            }
        }
        Shape::List(l) | Shape::Set(l) => {
            if let Some(m) = &mut l.member {
                member("member", &mut m.traits, field("member"));
            }
        }
        Shape::Map(m) => {
            if let Some(k) = &mut m.key {
                member("key", &mut k.traits, field("key"));
            }
            if let Some(v) = &mut m.value {
                member("value", &mut v.traits, field("value"));
            }
        }
        _ => {}
    }
    out
}

/// [`parse_shape`] of a shape read as nodes, its and its members' traits
/// left out.
fn parse_shape_without_traits(shape: &Value) -> Result<Shape, String> {
    let mut shape = shape.clone();
    if let Value::Object(entries) = &mut shape {
        entries.remove("traits");
        let mut members: Vec<&mut Value> = Vec::new();
        for (key, field) in entries.iter_mut() {
            match (key.as_str(), field) {
                ("members", Value::Object(named)) => members.extend(named.values_mut()),
                ("member" | "key" | "value", member) => members.push(member),
                _ => {}
            }
        }
        for member in members {
            if let Value::Object(member) = member {
                member.remove("traits");
            }
        }
    }
    let raw = RawValue::from_string(shape.to_serde_json().to_string())
        .map_err(|e| format!("a shape must be a JSON object ({e})"))?;
    parse_shape(&raw)
}

fn parse_shape(raw: &RawValue) -> Result<Shape, String> {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(rename = "type")]
        shape_type: Option<Value>,
    }
    let probe: Probe = serde_json::from_str(raw.get()).map_err(|e| format!("a shape must be a JSON object ({e})"))?;
    match probe.shape_type {
        Some(Value::String(t)) if SHAPE_TYPES.contains(&t.as_str()) => {
            serde_json::from_str(raw.get()).map_err(|e| format!("invalid `{t}` shape: {}", strip_position(&e)))
        }
        Some(Value::String(t)) => Err(format!(
            "unsupported shape type `{t}` (expected one of: {})",
            SHAPE_TYPES.join(", ")
        )),
        Some(other) => Err(format!("the shape `type` must be a string, found `{other}`")),
        None => Err("the shape has no `type`".to_owned()),
    }
}

/// The `metadata` object, every number as written.
fn metadata(raw: Option<&RawValue>, name: &str, diags: &mut Diagnostics) -> node::Map {
    match raw.map(|raw| node::parse_json(raw.get())) {
        None => node::Map::new(),
        Some(Ok(Value::Object(map))) => map,
        Some(Ok(_)) => {
            diags.push(name, "`metadata` must be a JSON object");
            node::Map::new()
        }
        Some(Err(e)) => {
            diags.push(name, format!("`metadata` cannot be read: {e}"));
            node::Map::new()
        }
    }
}

/// Checks the form `namespace#Name` (with an optional `$member` for `apply`).
fn check_shape_id(id: &str) -> Result<(), String> {
    if !id.contains('#') {
        return Err("not an absolute shape id (expected `namespace#Name`)".to_owned());
    }
    if super::is_shape_id(id) {
        Ok(())
    } else {
        Err("not a valid shape id (expected `namespace#Name` made of identifiers)".to_owned())
    }
}

fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}
