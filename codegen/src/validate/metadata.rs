//! What the model's metadata asks of validation (smithy.io, "Model
//! validation"): the validators it declares (`EmitEachSelector`,
//! `EmitNoneSelector`, `UnreferencedShape`), the severities it raises (`severityOverrides`) and
//! the events it suppresses (`suppressions`, and `@suppress` on a shape);
//! and typed metadata, values checked against the shape whose `@metadata`
//! trait names their key.

use std::collections::BTreeMap;

use super::node_value::Checker;
use super::{node_type, Event, Severity};
use crate::load::prelude;
use crate::node::Value;
use crate::selector::{Graph, Selector};

/// The shape id of an event about the model as a whole.
const NO_SHAPE: &str = "-";

fn model_error(message: String) -> Event {
    Event::error("Model", NO_SHAPE, message)
}

/// The objects of the array metadata `key`, each with its index; a value
/// of another shape is reported.
fn objects<'v>(graph: &Graph<'v>, key: &str, events: &mut Vec<Event>) -> Vec<&'v BTreeMap<String, Value>> {
    let Some(value) = graph.metadata().get(key) else { return Vec::new() };
    let Some(items) = value.as_array() else {
        events.push(model_error(format!("{key} must be an array. Found {}.", node_type(value))));
        return Vec::new();
    };
    let mut found = Vec::new();
    for (index, item) in items.iter().enumerate() {
        match item.as_object() {
            Some(object) => found.push(object),
            None => events.push(model_error(format!(
                "Expected array element {index} to be a object but found {}.",
                node_type(item)
            ))),
        }
    }
    found
}

/// The string member `key` of a metadata object, reported when it is
/// required and missing or not a string.
fn text<'v>(
    object: &'v BTreeMap<String, Value>,
    key: &str,
    required: bool,
    events: &mut Vec<Event>,
) -> Option<&'v str> {
    match object.get(key) {
        None if required => {
            events.push(model_error(format!("Missing expected member `{key}`.")));
            None
        }
        None => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            events.push(model_error(format!("Expected `{key}` to be a string; found {}.", node_type(other))));
            None
        }
    }
}

/// The events of the validators `metadata validators` declares.
pub(super) fn validators(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for validator in objects(graph, "validators", events) {
        let Some(name) = text(validator, "name", true, events) else { continue };
        let id = text(validator, "id", false, events).unwrap_or(name);
        let message = text(validator, "message", false, events);
        let severity = match text(validator, "severity", false, events) {
            None => None,
            Some(s) => match parse_severity(s) {
                Some(severity) => Some(severity),
                None => {
                    events.push(model_error(format!("Unknown severity `{s}` for validator `{id}`.")));
                    continue;
                }
            },
        };
        let namespaces: Option<Vec<&str>> = validator
            .get("namespaces")
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(Value::as_str).collect());
        let in_scope = |shape: &str| {
            !prelude::contains(shape.split_once('$').map_or(shape, |(shape, _)| shape))
                && namespaces.as_ref().is_none_or(|list| list.contains(&shape.split_once('#').map_or("", |(ns, _)| ns)))
        };
        let configuration = validator.get("configuration");
        let found = match name {
            "EmitEachSelector" | "EmitNoneSelector" => {
                selector_validator(graph, name, configuration, message, &in_scope)
            }
            "UnreferencedShape" => unreferenced(graph, configuration),
            _ => {
                events.push(Event::new(
                    Severity::Warning,
                    "UnknownValidator",
                    NO_SHAPE,
                    format!("Unable to locate a validator named `{name}`"),
                ));
                continue;
            }
        };
        match found {
            Err(problem) => events.push(model_error(format!("Error creating `{name}` validator: {problem}"))),
            Ok((default_severity, found)) => {
                for (shape, message) in found.into_iter().filter(|(shape, _)| shape == NO_SHAPE || in_scope(shape)) {
                    events.push(Event::new(severity.unwrap_or(default_severity), id, &shape, message));
                }
            }
        }
    }
}

/// What a validator found: its default severity, and each (shape,
/// message); or why it could not be created from its configuration.
type Found = Result<(Severity, Vec<(String, String)>), String>;

/// `EmitEachSelector`: an event for each shape the selector selects;
/// `EmitNoneSelector`: one event when it selects none.
fn selector_validator(
    graph: &Graph<'_>,
    name: &str,
    configuration: Option<&Value>,
    message: Option<&str>,
    in_scope: &dyn Fn(&str) -> bool,
) -> Found {
    let source = configuration
        .and_then(|c| c.get("selector"))
        .and_then(Value::as_str)
        .ok_or("Missing expected member `selector`.")?;
    let selector = Selector::parse(source)
        .map_err(|error| format!("unable to create a selector from {source:?}: {error}"))?;
    let selected = graph.select(&selector);
    let found = if name == "EmitEachSelector" {
        let message = message.map_or_else(|| format!("Selector capture matched selector: {source}"), str::to_owned);
        selected.into_iter().map(|shape| (shape, message.clone())).collect()
    } else if !selected.iter().any(|shape| in_scope(shape)) {
        let message =
            message.map_or_else(|| format!("Expected at least one shape to match selector: {source}"), str::to_owned);
        vec![(NO_SHAPE.to_owned(), message)]
    } else {
        Vec::new()
    };
    Ok((Severity::Danger, found))
}

/// `UnreferencedShape`: each shape not connected to a shape the
/// `rootShapeSelector` selects (`service` by default), to a trait
/// definition or to a `@metadata` shape.
fn unreferenced(graph: &Graph<'_>, configuration: Option<&Value>) -> Found {
    let source = match configuration {
        None => None,
        Some(Value::Object(entries)) => {
            if let Some(other) = entries.keys().find(|k| *k != "rootShapeSelector") {
                return Err(format!("Unexpected property `{other}`; expected only `rootShapeSelector`."));
            }
            match entries.get("rootShapeSelector") {
                None => None,
                Some(Value::String(text)) => Some(text.as_str()),
                Some(other) => {
                    return Err(format!("Expected `rootShapeSelector` to be a string; found {}.", node_type(other)))
                }
            }
        }
        Some(other) => return Err(format!("Expected an object; found {}.", node_type(other))),
    };
    let source = source.unwrap_or("service");
    let selector =
        Selector::parse(source).map_err(|error| format!("Error parsing `rootShapeSelector`: {error}"))?;
    let mut roots: Vec<String> = graph.select(&selector).into_iter().collect();
    for (id, shape) in graph.shapes() {
        let traits = shape.traits();
        if traits.contains_key("smithy.api#trait") || traits.contains_key("smithy.api#metadata") {
            roots.push(id.clone());
        }
    }
    let connected = super::closure_of(graph, roots);
    let message = format!(
        "This shape is unreferenced. It has no modeled connections to shapes that match the following selector: \
         `{source}`"
    );
    let found = graph.shapes().keys().filter(|id| !connected.contains(*id)).map(|id| (id.clone(), message.clone()));
    Ok((Severity::Note, found.collect()))
}

fn parse_severity(text: &str) -> Option<Severity> {
    Some(match text {
        "NOTE" => Severity::Note,
        "WARNING" => Severity::Warning,
        "DANGER" => Severity::Danger,
        "ERROR" => Severity::Error,
        _ => return None,
    })
}

/// Whether a suppression or override for `id` in `namespace` (`*` for
/// all) covers `event`: the same id, or one it is a part of (`Foo` covers
/// `Foo.Bar`).
fn covers(id: &str, namespace: &str, event: &Event) -> bool {
    let id_matches = event.id == id || event.id.strip_prefix(id).is_some_and(|rest| rest.starts_with('.'));
    let event_namespace = event.shape.split_once('#').map_or("", |(ns, _)| ns);
    id_matches && (namespace == "*" || namespace == event_namespace)
}

/// `severityOverrides` raise events to DANGER or WARNING; then
/// `suppressions` and `@suppress` suppress what is not an ERROR.
pub(super) fn apply(graph: &Graph<'_>, events: &mut Vec<Event>) {
    let mut problems = Vec::new();
    let mut overrides = Vec::new();
    for entry in objects(graph, "severityOverrides", &mut problems) {
        let id = text(entry, "id", true, &mut problems);
        let namespace = text(entry, "namespace", true, &mut problems);
        let severity = text(entry, "severity", true, &mut problems);
        let raised = match severity {
            Some("DANGER") => Some(Severity::Danger),
            Some("WARNING") => Some(Severity::Warning),
            Some(other) => {
                problems.push(model_error(format!("Expected one of `DANGER`, `WARNING`; got `{other}`.")));
                None
            }
            None => None,
        };
        if let (Some(id), Some(namespace), Some(raised)) = (id, namespace, raised) {
            overrides.push((id, namespace, raised));
        }
    }
    let mut suppressions = Vec::new();
    for entry in objects(graph, "suppressions", &mut problems) {
        let id = text(entry, "id", true, &mut problems);
        let namespace = text(entry, "namespace", true, &mut problems);
        text(entry, "reason", false, &mut problems);
        if let (Some(id), Some(namespace)) = (id, namespace) {
            suppressions.push((id, namespace));
        }
    }
    for event in events.iter_mut() {
        for (id, namespace, raised) in &overrides {
            if covers(id, namespace, event) && *raised > event.severity {
                event.severity = *raised;
            }
        }
        if event.severity == Severity::Error {
            continue;
        }
        let by_metadata = suppressions.iter().any(|(id, namespace)| covers(id, namespace, event));
        if by_metadata || suppressed_on_shape(graph, event) {
            event.severity = Severity::Suppressed;
        }
    }
    events.extend(problems);
}

/// Whether the event's shape (or a member's container) carries a
/// `@suppress` naming the event's id.
fn suppressed_on_shape(graph: &Graph<'_>, event: &Event) -> bool {
    let container = event.shape.split_once('$').map(|(shape, _)| shape);
    [Some(event.shape.as_str()), container].into_iter().flatten().any(|shape| {
        let ids = graph.traits(shape).and_then(|t| t.get("smithy.api#suppress")).and_then(Value::as_array);
        ids.into_iter().flatten().filter_map(Value::as_str).any(|id| covers(id, "*", event))
    })
}

/// Metadata keys typed by `@metadata(key: ...)`: one shape per key, not
/// one of the keys Smithy reserves, and the model's value under that key
/// checked against it.
pub(super) fn typed(graph: &Graph<'_>, events: &mut Vec<Event>) {
    let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, shape) in graph.shapes() {
        if let Some(key) = shape.traits().get("smithy.api#metadata").and_then(|v| v.get("key")).and_then(Value::as_str)
        {
            by_key.entry(key).or_default().push(id);
        }
    }
    for (key, shapes) in by_key {
        // Smithy types these keys itself.
        if matches!(key, "severityOverrides" | "suppressions" | "validators") {
            for shape in shapes {
                events.push(Event::error(
                    "MetadataTrait",
                    shape,
                    format!("The metadata key `{key}` has been reserved by Smithy and may not be defined elsewhere."),
                ));
            }
            continue;
        }
        if let [shape] = shapes[..] {
            let Some(value) = graph.metadata().get(key) else { continue };
            let mut checker = Checker::new(graph, shape.split_once('#').map_or("", |(ns, _)| ns));
            checker.check(shape, value);
            for finding in checker.findings {
                let message = format!("metadata.{key}{}: {}", finding.path, finding.message);
                events.push(Event::new(finding.severity, &format!("TypedMetadata.{key}"), NO_SHAPE, message));
            }
            continue;
        }
        for shape in &shapes {
            let others: Vec<&str> = shapes.iter().copied().filter(|s| s != shape).collect();
            events.push(Event::error(
                "MetadataTrait",
                shape,
                format!(
                    "A type has already been defined for the metadata key `{key}`. Conflicts with: [{}]",
                    others.join(", ")
                ),
            ));
        }
    }
}
