//! Trait values against their traits' shapes (`TraitValue`), `@default`
//! values against the member and target they belong to (`DefaultTrait`),
//! and the rules of the Smithy 1.0 `@enum` trait (`EnumTrait`).

use std::collections::{BTreeSet, HashMap};

use super::node_value::{trait_value_shape, Checker, RangeOf};
use super::{Event, Severity};
use crate::node::Value;
use crate::selector::Graph;

pub(super) fn validate(graph: &Graph<'_>, events: &mut Vec<Event>) {
    let mut value_shapes: HashMap<&str, Option<String>> = HashMap::new();
    for id in graph.ids() {
        let Some(traits) = graph.traits(id) else {
            continue;
        };
        let namespace = id.split_once('#').map_or("", |(ns, _)| ns);
        for (trait_id, value) in traits {
            if trait_id == "smithy.api#default" {
                default(graph, id, value, events);
                continue;
            }
            match trait_id.as_str() {
                "smithy.api#enum" => enum_trait(id, value, events),
                "smithy.api#externalDocumentation" => external_documentation(id, value, events),
                "smithy.api#mediaType" => media_type(id, value, events),
                "smithy.api#trait" => breaking_changes(graph, id, value, events),
                _ => {}
            }
            // Each trait's value shape is looked up once.
            let shape = value_shapes.entry(trait_id.as_str()).or_insert_with(|| trait_value_shape(graph, trait_id));
            let Some(shape) = shape.as_deref() else {
                continue;
            };
            let mut checker = Checker::new(graph, namespace);
            checker.check(shape, value);
            let name = trait_id.strip_prefix("smithy.api#").unwrap_or(trait_id);
            for finding in checker.findings {
                // Smithy builds its own traits from their values first, and
                // reports a value it cannot build as a `Model` event.
                let prelude = !graph.shapes().contains_key(trait_id);
                // `@error` is built only from `client` or `server`.
                let malformed = finding.malformed || trait_id == "smithy.api#error";
                let event_id = match finding.range {
                    None if malformed && prelude => "Model",
                    None => "TraitValue",
                    Some(RangeOf::Member) => "TraitValue.Member.InvalidRange",
                    Some(RangeOf::Target) => "TraitValue.Target.InvalidRange",
                };
                let message = format!("Error validating trait `{name}`{}: {}", finding.path, finding.message);
                events.push(Event::new(finding.severity, event_id, id, message));
            }
        }
    }
}

/// A `@default` value: of the right type and within the constraints of
/// the member and its target (a value outside a `@range` is a warning),
/// an empty list or map, and for a member the same default as its target
/// has, when it has one.
fn default(graph: &Graph<'_>, id: &str, value: &Value, events: &mut Vec<Event>) {
    let member = id.contains('$');
    if value.is_null() {
        // A member's `null` default makes it nullable; a shape has no such use.
        if !member {
            events.push(Event::error("DefaultTrait", id, "The @default trait can be set to null only on members".into()));
        }
        return;
    }
    let target = if member { graph.edges(id, false).first().map(|(_, t)| t.clone()) } else { Some(id.to_owned()) };
    let Some(target) = target else { return };
    let kind = graph.kind(&target).unwrap_or("");
    let refuse = |events: &mut Vec<Event>, message: String| events.push(Event::error("DefaultTrait", id, message));
    match (kind, value) {
        ("list" | "set", Value::Array(items)) if !items.is_empty() => {
            refuse(events, "The @default value of a list must be an empty list".to_owned());
        }
        ("map", Value::Object(entries)) if !entries.is_empty() => {
            refuse(events, "The @default value of a map must be an empty map".to_owned());
        }
        ("blob", Value::String(text)) => {
            use base64::Engine as _;
            if base64::engine::general_purpose::STANDARD.decode(text).is_err() {
                events.push(Event::new(
                    Severity::Warning,
                    "DefaultTrait",
                    id,
                    "The @default value of a blob should be a valid base64 string.".to_owned(),
                ));
            }
        }
        ("document", Value::Array(items)) if !items.is_empty() => {
            refuse(events, "The @default value of a document cannot be a non-empty array".to_owned());
        }
        ("document", Value::Object(entries)) if !entries.is_empty() => {
            refuse(events, "The @default value of a document cannot be a non-empty object".to_owned());
        }
        ("document", _) => {}
        _ => {
            let namespace = id.split_once('#').map_or("", |(ns, _)| ns);
            let mut checker = Checker::new(graph, namespace);
            checker.check(id, value);
            for finding in checker.findings {
                let message = format!("Error validating @default trait: {}", finding.message);
                match finding.range {
                    None => events.push(Event::new(finding.severity, "DefaultTrait", id, message)),
                    Some(of) => {
                        let event_id = if of == RangeOf::Member {
                            "DefaultTrait.Member.InvalidRange"
                        } else {
                            "DefaultTrait.Target.InvalidRange"
                        };
                        events.push(Event::new(Severity::Warning, event_id, id, message));
                    }
                }
            }
        }
    }
    if member {
        if let Some(expected) = target_default(graph, &target).filter(|expected| expected != value) {
            refuse(
                events,
                format!(
                    "Member defines a default value that differs from the default value of the target shape, {target}. \
                     The member has a default of `{}`, but the target has a default of `{}`.",
                    shown(value),
                    shown(&expected)
                ),
            );
        }
    }
}

/// Members without `@default` whose target has one.
pub(super) fn missing_defaults(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (id, shape) in graph.shapes() {
        if !matches!(shape, crate::model::Shape::Structure(_)) {
            continue;
        }
        for (name, member) in shape.members() {
            if member.traits.contains_key("smithy.api#default") {
                continue;
            }
            if let Some(expected) = target_default(graph, &member.target) {
                events.push(Event::error(
                    "DefaultTrait",
                    &format!("{id}${name}"),
                    format!(
                        "Member targets {}, which requires that the member defines the same default of `{}`",
                        member.target,
                        shown(&expected)
                    ),
                ));
            }
        }
    }
}

/// The default a shape carries: its `@default`, or the prelude's for its
/// `Primitive*` shapes.
fn target_default(graph: &Graph<'_>, target: &str) -> Option<Value> {
    if let Some(traits) = graph.traits(target) {
        return traits.get("smithy.api#default").filter(|v| !v.is_null()).cloned();
    }
    let name = target.strip_prefix("smithy.api#Primitive")?;
    Some(if name == "Boolean" { Value::Bool(false) } else { Value::Number(crate::node::Number::parse("0")?) })
}

/// A value as JSON, for messages.
fn shown(value: &Value) -> String {
    value.to_serde_json().to_string()
}

/// Each `@externalDocumentation` link is a URL (an absolute one, with a
/// scheme a URL library knows).
fn external_documentation(id: &str, value: &Value, events: &mut Vec<Event>) {
    const SCHEMES: &[&str] = &["http", "https", "ftp", "file", "mailto", "jar"];
    for (name, link) in value.as_object().into_iter().flatten() {
        let Some(link) = link.as_str() else { continue };
        let valid = link.split_once(':').is_some_and(|(scheme, _)| SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()));
        if !valid {
            events.push(Event::error(
                "Model",
                id,
                format!(
                    "Error creating trait `externalDocumentation`: Each externalDocumentation value must be a valid \
                     URL. Found \"{link}\" for name \"{name}\""
                ),
            ));
        }
    }
}

/// A `@mediaType` is a media type (RFC 7231, section 3.1.1.1): a type and
/// subtype, then any `; name=value` parameters, each value a token or a
/// quoted string.
fn media_type(id: &str, value: &Value, events: &mut Vec<Event>) {
    let Some(text) = value.as_str() else { return };
    if let Err(reason) = parse_media_type(text) {
        events.push(Event::error("MediaType", id, format!("Invalid mediaType value, \"{text}\": {reason}")));
    }
}

fn parse_media_type(text: &str) -> Result<(), String> {
    fn is_tchar(c: char) -> bool {
        c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
    }
    fn token<'a>(rest: &'a str, what: &str) -> Result<(&'a str, &'a str), String> {
        let end = rest.find(|c: char| !is_tchar(c)).unwrap_or(rest.len());
        if end == 0 {
            return Err(format!("expected a {what}"));
        }
        Ok(rest.split_at(end))
    }
    let ows = |s: &str| s.trim_start_matches([' ', '\t']).len();
    let (_, rest) = token(text, "type")?;
    let rest = rest.strip_prefix('/').ok_or("expected `/` after the type")?;
    let (_, mut rest) = token(rest, "subtype")?;
    loop {
        rest = &rest[rest.len() - ows(rest)..];
        if rest.is_empty() {
            return Ok(());
        }
        rest = rest.strip_prefix(';').ok_or_else(|| format!("unexpected `{rest}`"))?;
        rest = &rest[rest.len() - ows(rest)..];
        let (_, after) = token(rest, "parameter name")?;
        rest = after.strip_prefix('=').ok_or("expected `=` after the parameter name")?;
        rest = match rest.strip_prefix('"') {
            Some(quoted) => {
                let mut chars = quoted.char_indices();
                loop {
                    match chars.next() {
                        None => return Err("unterminated quoted string".into()),
                        Some((_, '\\')) => {
                            chars.next();
                        }
                        Some((i, '"')) => break &quoted[i + 1..],
                        Some(_) => {}
                    }
                }
            }
            None => token(rest, "parameter value")?.1,
        };
    }
}

/// Each `breakingChanges` path of a trait definition names members that
/// exist, walking from the trait's shape (`member` of a list, `key` and
/// `value` of a map).
fn breaking_changes(graph: &Graph<'_>, id: &str, definition: &Value, events: &mut Vec<Event>) {
    let changes = definition.get("breakingChanges").and_then(Value::as_array);
    for (index, change) in changes.into_iter().flatten().enumerate() {
        let Some(path) = change.get("path").and_then(Value::as_str) else { continue };
        let mut current = id.to_owned();
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            let Some(shape) = graph.shapes().get(&current) else { break };
            match shape.member(segment) {
                Some(member) => current = member.target.clone(),
                None => {
                    events.push(Event::error(
                        "TraitBreakingChanges",
                        id,
                        format!(
                            "Invalid trait breakingChanges element {index}, '{path}', at segment '{segment}': \
                             Evaluated shape `{current}`, a {}, has no member named `{segment}`",
                            shape.type_name()
                        ),
                    ));
                    break;
                }
            }
        }
    }
}

/// The `@enum` trait: names on all entries or none, and neither names nor
/// values repeated.
fn enum_trait(id: &str, value: &Value, events: &mut Vec<Event>) {
    let Some(entries) = value.as_array() else {
        return;
    };
    let named = entries.iter().any(|e| e.get("name").is_some());
    let (mut names, mut values) = (BTreeSet::new(), BTreeSet::new());
    for entry in entries {
        let text = entry.get("value").and_then(Value::as_str).unwrap_or_default();
        if named && entry.get("name").is_none() {
            events.push(Event::error(
                "EnumTrait",
                id,
                format!(
                    "`{text}` enum value body is missing the `name` property; if any enum trait value contains a `name` \
                     property, then all values must contain the `name` property."
                ),
            ));
        }
        if let Some(name) = entry.get("name").and_then(Value::as_str) {
            if !names.insert(name) {
                events.push(Event::error(
                    "EnumTrait",
                    id,
                    format!("Duplicate enum trait values found with the same `name` property of '{name}'"),
                ));
            }
        }
        if !values.insert(text) {
            events.push(Event::error(
                "EnumTrait",
                id,
                format!("Duplicate enum trait values found with the same `value` property of '{text}'"),
            ));
        }
    }
}
