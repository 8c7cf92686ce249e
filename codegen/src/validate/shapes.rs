//! Rules about shapes and what they bind (smithy.io, "Shapes", "Service
//! types", "Type refinement traits" and "Behavior traits"): unions with
//! members, recursion that can end, shape ids unique without regard to
//! case, private shapes kept in their namespace, members' JSON names,
//! operations bound once in a service, `@idempotent` errors the operation
//! has, and `@requestCompression` with an input and an encoding.

use std::collections::{BTreeMap, BTreeSet};

use super::{operation_binders, Event};
use crate::model::Shape;
use crate::node::Value;
use crate::selector::Graph;

pub(super) fn validate(graph: &Graph<'_>, events: &mut Vec<Event>) {
    unions(graph, events);
    enum_values(graph, events);
    unit_and_event_members(graph, events);
    recursion(graph, events);
    id_conflicts(graph, events);
    private_access(graph, events);
    json_names(graph, events);
    single_binding(graph, events);
    operations(graph, events);
}

fn is_mixin(shape: &Shape) -> bool {
    shape.traits().contains_key("smithy.api#mixin")
}

/// Enum values: distinct, and for an enum not empty.
fn enum_values(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (id, shape) in graph.shapes() {
        let (Shape::Enum(members) | Shape::IntEnum(members)) = shape else { continue };
        let mut seen: Vec<&Value> = Vec::new();
        for (name, member) in &members.members {
            let Some(value) = member.traits.get("smithy.api#enumValue") else { continue };
            let member_id = format!("{id}${name}");
            if value.as_str() == Some("") {
                events.push(Event::error("EnumShape", &member_id, "enum values may not be empty.".to_owned()));
            }
            if seen.contains(&value) {
                let kind = if matches!(shape, Shape::Enum(_)) { "enum" } else { "intEnum" };
                let shown = value.as_str().map_or_else(|| value.to_serde_json().to_string(), str::to_owned);
                events.push(Event::error(
                    "EnumShape",
                    &member_id,
                    format!("Multiple {kind} members found with duplicate value `{shown}`"),
                ));
            }
            seen.push(value);
        }
    }
}

/// `smithy.api#Unit` is a target of union and enum members only; an event
/// with an `@eventPayload` member binds every other member to a header.
fn unit_and_event_members(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (id, shape) in graph.shapes() {
        let members = shape.members();
        if !matches!(shape, Shape::Union(_) | Shape::Enum(_) | Shape::IntEnum(_)) {
            for (name, member) in &members {
                if member.target == "smithy.api#Unit" {
                    events.push(Event::error(
                        "UnitType",
                        &format!("{id}${name}"),
                        "Only members of a union, enum, or intEnum can reference smithy.api#Unit".to_owned(),
                    ));
                }
            }
        }
        if members.iter().any(|(_, m)| m.traits.contains_key("smithy.api#eventPayload")) {
            let mut unmarked: Vec<&str> = members
                .iter()
                .filter(|(_, m)| {
                    !m.traits.contains_key("smithy.api#eventPayload")
                        && !m.traits.contains_key("smithy.api#eventHeader")
                })
                .map(|(name, _)| *name)
                .collect();
            if !unmarked.is_empty() {
                unmarked.sort_unstable();
                events.push(Event::error(
                    "EventPayloadTrait",
                    id,
                    format!(
                        "This event structure contains a member marked with the `eventPayload` trait, so all other \
                         members must be marked with the `eventHeader` trait. However, the following member(s) are not \
                         marked with the eventHeader trait: {}",
                        unmarked.join(", ")
                    ),
                ));
            }
        }
    }
}

fn unions(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (id, shape) in graph.shapes() {
        if let Shape::Union(union) = shape {
            if union.members.is_empty() && !is_mixin(shape) {
                events.push(Event::error("Union", id, "Tagged unions must have one or more members".to_owned()));
            }
        }
    }
}

/// Shapes that can have a value: every shape but structures whose required
/// members cannot, and unions none of whose members can (lists and maps can
/// be empty). Found by growing the set of shapes known to have one until it
/// stops growing.
fn recursion(graph: &Graph<'_>, events: &mut Vec<Event>) {
    collection_recursion(graph, events);
    let shapes = graph.shapes();
    let aggregate = |shape: &Shape| matches!(shape, Shape::Structure(_) | Shape::Union(_)) && !is_mixin(shape);
    let mut possible: BTreeSet<&str> =
        shapes.iter().filter(|(_, shape)| !aggregate(shape)).map(|(id, _)| id.as_str()).collect();
    let can_have = |possible: &BTreeSet<&str>, target: &str| possible.contains(target) || !shapes.contains_key(target);
    loop {
        let mut grew = false;
        for (id, shape) in shapes {
            if !aggregate(shape) || possible.contains(id.as_str()) {
                continue;
            }
            let members = shape.members();
            let yes = match shape {
                Shape::Union(_) => members.iter().any(|(_, m)| can_have(&possible, &m.target)),
                _ => members
                    .iter()
                    .filter(|(_, m)| m.traits.contains_key("smithy.api#required"))
                    .all(|(_, m)| can_have(&possible, &m.target)),
            };
            if yes {
                possible.insert(id);
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    for (id, shape) in shapes {
        if !aggregate(shape) || possible.contains(id.as_str()) {
            continue;
        }
        match shape {
            Shape::Union(_) if !shape.members().is_empty() => events.push(Event::error(
                "ShapeRecursion",
                id,
                "It is impossible to create instances of this recursive union".to_owned(),
            )),
            // A structure is reported where its required members alone lead
            // back to it; one that waits on a union is the union's problem.
            Shape::Structure(_) if required_cycle(graph, id) => events.push(Event::error(
                "ShapeRecursion",
                id,
                "It is impossible to create instances of this recursive structure".to_owned(),
            )),
            _ => {}
        }
    }
}

/// Lists and maps that contain themselves with no structure or union in
/// between: no value of them could ever end.
fn collection_recursion(graph: &Graph<'_>, events: &mut Vec<Event>) {
    let shapes = graph.shapes();
    let collection_members = |id: &str| -> Vec<(String, String)> {
        match shapes.get(id) {
            Some(shape @ (Shape::List(_) | Shape::Set(_) | Shape::Map(_))) => {
                shape.members().into_iter().map(|(name, m)| (format!("{id}${name}"), m.target.clone())).collect()
            }
            _ => Vec::new(),
        }
    };
    for (start, shape) in shapes {
        if !matches!(shape, Shape::List(_) | Shape::Set(_) | Shape::Map(_)) {
            continue;
        }
        // Depth first, with the path walked so far.
        let mut seen = BTreeSet::new();
        let mut stack: Vec<Vec<String>> = vec![vec![start.clone()]];
        'search: while let Some(path) = stack.pop() {
            let last = path.last().map_or(start.as_str(), String::as_str);
            let mut next = collection_members(last);
            next.reverse();
            for (member, target) in next {
                let mut longer = path.clone();
                longer.push(member);
                longer.push(target.clone());
                if target == *start {
                    let shown = longer[1..].join(" > ");
                    events.push(Event::error(
                        "ShapeRecursion",
                        start,
                        format!(
                            "Found invalid shape recursion: {shown}. A recursive list, set, or map shape is only \
                             valid if an intermediate reference is through a union or structure."
                        ),
                    ));
                    break 'search;
                }
                if seen.insert(target) {
                    stack.push(longer);
                }
            }
        }
    }
}

/// Whether required structure members lead from `start` back to it.
fn required_cycle(graph: &Graph<'_>, start: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start.to_owned()];
    while let Some(id) = stack.pop() {
        let Some(shape @ Shape::Structure(_)) = graph.shapes().get(&id) else {
            continue;
        };
        for (_, member) in shape.members() {
            if !member.traits.contains_key("smithy.api#required") {
                continue;
            }
            if member.target == start {
                return true;
            }
            if seen.insert(member.target.clone()) {
                stack.push(member.target.clone());
            }
        }
    }
    false
}

/// Shape ids that differ only in case.
fn id_conflicts(graph: &Graph<'_>, events: &mut Vec<Event>) {
    let mut by_lower: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for id in graph.ids() {
        by_lower.entry(id.to_lowercase()).or_default().push(id);
    }
    for ids in by_lower.values().filter(|ids| ids.len() > 1) {
        for id in ids {
            let mut others: Vec<String> = ids.iter().filter(|o| o != &id).map(|o| format!("`{o}`")).collect();
            others.sort();
            events.push(Event::error(
                "ShapeIdConflict",
                id,
                format!("Shape ID `{id}` conflicts with other shape IDs in the model: [{}]", others.join(", ")),
            ));
        }
    }
}

fn namespace(id: &str) -> &str {
    id.split_once('#').map_or("", |(ns, _)| ns)
}

/// No relationship from another namespace to a `@private` shape.
fn private_access(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for id in graph.ids() {
        for (label, target) in graph.edges(id, false).iter() {
            let private = graph.traits(target).is_some_and(|t| t.contains_key("smithy.api#private"));
            if private && namespace(target) != namespace(id) {
                let relationship = label.unwrap_or("member_target");
                let relationship =
                    if relationship == "collectionOperation" { "collection_operation" } else { relationship };
                events.push(Event::error(
                    "PrivateAccess",
                    id,
                    format!(
                        "This shape has an invalid {relationship} relationship that targets a private shape, `{target}`, \
                         in another namespace."
                    ),
                ));
            }
        }
    }
}

/// Members of one structure or union whose JSON names (`@jsonName`, else
/// the member name) are the same.
fn json_names(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (id, shape) in graph.shapes() {
        if !matches!(shape, Shape::Structure(_) | Shape::Union(_)) {
            continue;
        }
        let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (name, member) in shape.members() {
            let json = member.traits.get("smithy.api#jsonName").and_then(Value::as_str).unwrap_or(name);
            by_name.entry(json).or_default().push(name);
        }
        for (json, mut names) in by_name.into_iter().filter(|(_, names)| names.len() > 1) {
            names.sort_unstable();
            events.push(Event::error(
                "JsonName",
                id,
                format!(
                    "This shape contains members with conflicting JSON names that resolve to '{json}': {}",
                    names.join(", ")
                ),
            ));
        }
    }
}

/// Each operation bound into a service's closure by one shape only.
fn single_binding(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (service_id, shape) in graph.shapes() {
        if !matches!(shape, Shape::Service(_)) {
            continue;
        }
        let parents = operation_binders(graph, service_id);
        for (operation, binders) in parents.into_iter().filter(|(_, b)| b.len() > 1) {
            let listed: Vec<String> = binders.iter().map(|(kind, id)| format!("({kind}: `{id}`)")).collect();
            events.push(Event::error(
                "SingleOperationBinding",
                &operation,
                format!(
                    "An operation can appear only once in an entire service closure. This operation is illegally bound \
                     into the `{service_id}` service closure from multiple shapes: {}",
                    listed.join(", ")
                ),
            ));
        }
    }
}

/// What `@idempotent` and `@requestCompression` ask of their operation.
fn operations(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (id, shape) in graph.shapes() {
        let Shape::Operation(operation) = shape else {
            continue;
        };
        let traits = shape.traits();
        if let Some(idempotent) = traits.get("smithy.api#idempotent") {
            if idempotent.get("exists").is_some() && idempotent.get("notFound").is_some() {
                events.push(Event::error(
                    "IdempotentTrait",
                    id,
                    "The `exists` and `notFound` properties of the `@idempotent` trait are mutually exclusive. Only \
                     one may be specified."
                        .to_owned(),
                ));
            }
            let errors: Vec<&str> = operation.errors.iter().map(|e| e.target.as_str()).collect();
            for property in ["exists", "notFound"] {
                for error in idempotent.strings(property) {
                    if !errors.contains(&error) {
                        let expected = errors.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ");
                        events.push(Event::error(
                            "IdempotentTrait",
                            id,
                            format!(
                                "The `{property}` property references error `{error}`, but it is not in the operation's \
                                 errors list. Expected one of {expected}"
                            ),
                        ));
                    }
                }
            }
        }
        if let Some(compression) = traits.get("smithy.api#requestCompression") {
            request_compression(graph, id, operation, compression, events);
        }
    }
}

/// `@requestCompression`: an operation with an input, none of whose
/// members is a stream that requires a length, and encodings that are all
/// ones Smithy knows (`gzip`).
fn request_compression(
    graph: &Graph<'_>,
    id: &str,
    operation: &crate::model::OperationShape,
    compression: &Value,
    events: &mut Vec<Event>,
) {
    let refuse = |events: &mut Vec<Event>, message: String| {
        events.push(Event::error("RequestCompressionTrait", id, message));
    };
    match operation.input.as_ref().map(|t| t.target.as_str()).filter(|t| *t != "smithy.api#Unit") {
        None => refuse(
            events,
            "The `requestCompression` trait can only be applied to operations which have an input shape defined"
                .to_owned(),
        ),
        Some(input) => {
            for (name, member) in graph.shapes().get(input).map(Shape::members).unwrap_or_default() {
                let traits = graph.traits(&member.target);
                let has = |t: &str| traits.is_some_and(|traits| traits.contains_key(t));
                if has("smithy.api#streaming") && has("smithy.api#requiresLength") {
                    refuse(
                        events,
                        format!(
                            "The `requestCompression` trait can only be applied to operations which do not have input \
                             members that target shapes with both the `streaming` and `requiresLength` traits applied, \
                             but found member `{input}${name}` targeting `{}`",
                            member.target
                        ),
                    );
                }
            }
        }
    }
    let Some(encodings) = compression.get("encodings").and_then(Value::as_array) else { return };
    let encodings: Vec<&str> = encodings.iter().filter_map(Value::as_str).collect();
    if encodings.is_empty() {
        refuse(
            events,
            format!(
                "There must be at least one compression algorithm in `encodings` for the `requestCompression` trait \
                 applied to `{id}`"
            ),
        );
        return;
    }
    let unknown: Vec<String> =
        encodings.iter().filter(|e| !e.eq_ignore_ascii_case("gzip")).map(|e| format!("`{e}`")).collect();
    if !unknown.is_empty() {
        refuse(
            events,
            format!(
                "Invalid compression algorithm{} found in `requestCompression` trait applied to `{id}`: {}",
                if unknown.len() == 1 { "" } else { "s" },
                unknown.join(", ")
            ),
        );
    }
}
