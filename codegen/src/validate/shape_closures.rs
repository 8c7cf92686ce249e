//! `metadata shapeClosures`: named sets of shapes, each the closure of
//! the shapes of some namespaces and of the shapes a selector picks, with
//! renames like a service's. Each has a valid id of its own, unique and
//! not a shape's; at least one way to pick shapes, a selector that picks
//! something; and renames of data shapes in the model to valid names that
//! change something and conflict with nothing in the closure.

use std::collections::{BTreeMap, BTreeSet};

use super::{closure, Event, Severity};
use crate::load::{is_identifier, is_shape_id};
use crate::node::Value;
use crate::selector::{Graph, Selector};

const NO_SHAPE: &str = "-";

fn typed(message: String) -> Event {
    Event::error("TypedMetadata.shapeClosures", NO_SHAPE, message)
}

fn closure_error(message: String) -> Event {
    Event::error("ShapeClosure", NO_SHAPE, message)
}

pub(super) fn validate(graph: &Graph<'_>, events: &mut Vec<Event>) {
    let Some(value) = graph.metadata().get("shapeClosures") else { return };
    let Some(entries) = value.as_array() else {
        events.push(typed("metadata.shapeClosures: Expected an array".to_owned()));
        return;
    };
    let mut declared = BTreeSet::new();
    for (index, entry) in entries.iter().enumerate() {
        let path = format!("metadata.shapeClosures.{index}");
        let Some(id) = entry.get("id").and_then(Value::as_str) else {
            events.push(typed(format!("{path}: Missing required structure member `id`")));
            continue;
        };
        if !is_shape_id(id) || id.contains('$') {
            events.push(typed(format!("{path}.id: Invalid shape ID: {id}")));
            continue;
        }
        if !declared.insert(id) {
            events.push(closure_error(format!("Shape closure id `{id}` is declared more than once.")));
        }
        if graph.kind(id).is_some() {
            events.push(closure_error(format!(
                "Shape closure ids must not match the ids of shapes in the model, but `{id}` does."
            )));
        }
        let namespaces: Vec<&str> = entry.strings("includeNamespaces").collect();
        let selector = entry.get("includeBySelector").and_then(Value::as_str);
        if namespaces.is_empty() && selector.is_none() {
            events.push(closure_error(format!(
                "Shape closure `{id}` must define at least one of `includeNamespaces` or `includeBySelector`."
            )));
            continue;
        }
        let in_namespaces = |shape: &str| namespaces.contains(&shape.split_once('#').map_or("", |(ns, _)| ns));
        let mut roots: BTreeSet<String> = graph.shapes().keys().filter(|shape| in_namespaces(shape)).cloned().collect();
        for namespace in &namespaces {
            if !roots.iter().any(|root| root.split_once('#').is_some_and(|(ns, _)| ns == *namespace)) {
                events.push(Event::new(
                    Severity::Danger,
                    &format!("ShapeClosure.EmptyNamespace.{id}"),
                    NO_SHAPE,
                    format!("Shape closure `{id}` includes namespace `{namespace}`, which has no shapes in the model."),
                ));
            }
        }
        if let Some(text) = selector {
            match Selector::parse(text) {
                Err(_) if text.is_empty() => events.push(typed(format!(
                    "{path}.includeBySelector: String value provided for `smithy.api#ShapeClosure$includeBySelector` \
                     must be >= 1 characters, but the provided value is only 0 characters."
                ))),
                Err(error) => events.push(closure_error(format!(
                    "Shape closure `{id}` has an invalid `includeBySelector`: {error}; expression: {text}"
                ))),
                Ok(parsed) => {
                    let selected: Vec<String> =
                        graph.select(&parsed).into_iter().filter(|s| !in_namespaces(s)).collect();
                    if selected.is_empty() {
                        let outside =
                            if namespaces.is_empty() { "" } else { " that aren't already in an included namespace" };
                        events.push(Event::new(
                            Severity::Danger,
                            &format!("ShapeClosure.EmptySelector.{id}"),
                            NO_SHAPE,
                            format!(
                                "Shape closure `{id}` has an `includeBySelector` that matches no shapes in the model{outside}."
                            ),
                        ));
                    }
                    roots.extend(selected);
                }
            }
        }
        let Some(renames) = entry.get("rename").and_then(Value::as_object) else { continue };
        let mut members = BTreeSet::new();
        for root in &roots {
            members.extend(closure(graph, root).into_iter().filter(|s| !s.contains('$')));
        }
        renames_of(graph, id, &path, renames, &members, events);
    }
}

fn renames_of(
    graph: &Graph<'_>,
    id: &str,
    path: &str,
    renames: &BTreeMap<String, Value>,
    members: &BTreeSet<String>,
    events: &mut Vec<Event>,
) {
    let mut valid: BTreeMap<&str, &str> = BTreeMap::new();
    for (from, to) in renames {
        let Some(to) = to.as_str() else { continue };
        let renamable = !from.contains('$')
            && graph.kind(from).is_some_and(|kind| !matches!(kind, "service" | "resource" | "operation" | "member"));
        if !renamable {
            events.push(typed(format!(
                "{path}.rename.{from} (map-key): Renames must target shapes that are in the model and must not target \
                 services, resources, operations, or members."
            )));
            continue;
        }
        if !is_identifier(to) {
            events.push(typed(format!(
                "{path}.rename.{from}: String value provided for `smithy.api#Identifier` must match regular expression: \
                 ^(_+[a-zA-Z0-9]|[a-zA-Z])\\w*$"
            )));
            continue;
        }
        if !members.contains(from) {
            events.push(closure_error(format!(
                "Shape closure `{id}` attempts to rename `{from}`, which is not in the closure."
            )));
            continue;
        }
        if from.split_once('#').is_some_and(|(_, name)| name == to) {
            events.push(closure_error(format!(
                "Shape closure `{id}` rename for `{from}` does not change the name from `{to}`."
            )));
            continue;
        }
        valid.insert(from, to);
    }
    // Renames against the names of the closure's other shapes, and against
    // each other.
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (from, to) in &valid {
        let lower = to.to_lowercase();
        let clash = members.iter().find(|shape| {
            !valid.contains_key(shape.as_str())
                && shape.split_once('#').is_some_and(|(_, name)| name.to_lowercase() == lower)
        });
        if let Some(shape) = clash {
            events.push(closure_error(format!(
                "Shape closure `{id}` rename for `{from}` (\"{to}\") case-insensitively conflicts with non-renamed \
                 shape `{shape}`."
            )));
        }
        if let Some(earlier) = seen.get(&lower) {
            events.push(closure_error(format!(
                "Shape closure `{id}` rename for `{from}` (\"{to}\") case-insensitively conflicts with the rename for \
                 `{earlier}`."
            )));
        } else {
            seen.insert(lower, from);
        }
    }
}
