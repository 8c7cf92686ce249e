//! Streams (smithy.io, "Streaming" and "Event streams"): an event stream
//! union has only structure members; a structure that holds a stream is
//! only an operation's input or output (or a mixin), never a member's
//! target or an error; a stream with `@requiresLength` is input only; a
//! member targeting a streaming blob is `@required` or has a `@default`;
//! and where the service's protocol has `@httpPayload`, a streaming blob
//! member is the payload.

use super::protocols::protocols;
use super::{contained_operations, Event};
use crate::model::Shape;
use crate::selector::Graph;

fn streaming(graph: &Graph<'_>, id: &str) -> bool {
    graph.traits(id).is_some_and(|t| t.contains_key("smithy.api#streaming"))
}

/// The members of `structure` that target a stream.
fn streams<'g>(graph: &'g Graph<'_>, structure: &str) -> Vec<(&'g str, &'g str)> {
    let Some(shape @ Shape::Structure(_)) = graph.shapes().get(structure) else { return Vec::new() };
    shape
        .members()
        .into_iter()
        .filter(|(_, member)| streaming(graph, &member.target))
        .map(|(name, member)| (name, member.target.as_str()))
        .collect()
}

pub(super) fn validate(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (id, shape) in graph.shapes() {
        match shape {
            Shape::Union(union) if streaming(graph, id) => {
                let mut wrong: Vec<&str> = union
                    .members
                    .iter()
                    .filter(|(_, member)| graph.kind(&member.target).is_some_and(|k| k != "structure"))
                    .map(|(name, _)| name.as_str())
                    .collect();
                wrong.sort_unstable();
                if !wrong.is_empty() {
                    events.push(Event::error(
                        "StreamingTrait",
                        id,
                        format!(
                            "Each member of an event stream union must target a structure shape, but the following \
                             union members do not: [{}]",
                            wrong.join(", ")
                        ),
                    ));
                }
            }
            Shape::Structure(_) => relationships(graph, id, events),
            _ => {}
        }
        // A member that targets a streaming blob cannot be left out.
        for (name, member) in shape.members() {
            let optional = !member.traits.contains_key("smithy.api#required")
                && !member.traits.contains_key("smithy.api#default");
            if optional && graph.kind(&member.target) == Some("blob") && streaming(graph, &member.target) {
                events.push(Event::error(
                    "StreamingTrait",
                    &format!("{id}${name}"),
                    "Members that target blobs marked with the `streaming` trait MUST also be marked with the \
                     `required` or `default` trait."
                        .to_owned(),
                ));
            }
        }
    }
    payloads(graph, events);
}

/// What may refer to a structure that holds a stream: an operation, as
/// its input, or as its output unless a stream requires a length; a
/// structure, as its mixin; nothing else.
fn relationships(graph: &Graph<'_>, structure: &str, events: &mut Vec<Event>) {
    let targets = streams(graph, structure);
    if targets.is_empty() {
        return;
    }
    let requires_length =
        targets.iter().any(|(_, t)| graph.traits(t).is_some_and(|t| t.contains_key("smithy.api#requiresLength")));
    for (label, from) in graph.reverse_edges(structure) {
        match label {
            Some("input" | "mixin" | "trait") => {}
            Some("output") if requires_length => events.push(Event::error(
                "StreamingTrait",
                structure,
                format!(
                    "Structures that contain a reference to a stream marked with the @requiresLength trait can only \
                     be used as operation inputs, but this structure is referenced from `{from}` as output"
                ),
            )),
            Some("output") => {}
            None => events.push(Event::error(
                "StreamingTrait",
                from,
                format!("Members cannot target structures that contain a stream, but this member targets {structure}"),
            )),
            Some(other) => events.push(Event::error(
                "StreamingTrait",
                from,
                format!(
                    "This shape has an invalid `{}` relationship to a structure, `{structure}`, that contains a stream",
                    relationship_name(other)
                ),
            )),
        }
    }
}

/// A relationship as Smithy names it in messages: `collectionOperation`
/// is `COLLECTION_OPERATION`.
fn relationship_name(label: &str) -> String {
    let mut name = String::new();
    for c in label.chars() {
        if c.is_ascii_uppercase() {
            name.push('_');
        }
        name.push(c.to_ascii_uppercase());
    }
    name
}

/// Under a protocol that has `@httpPayload`, a streaming blob member of an
/// operation's input or output is bound to the payload.
fn payloads(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (service_id, service) in graph.shapes() {
        if !matches!(service, Shape::Service(_)) {
            continue;
        }
        let has_payload =
            protocols(graph, service).iter().any(|p| p.traits.iter().any(|t| t == "smithy.api#httpPayload"));
        if !has_payload {
            continue;
        }
        for operation in contained_operations(graph, service_id) {
            let Some(Shape::Operation(op)) = graph.shapes().get(&operation) else { continue };
            for structure in [&op.input, &op.output].into_iter().flatten().map(|t| t.target.as_str()) {
                for (name, target) in streams(graph, structure) {
                    let member_id = format!("{structure}${name}");
                    let bound = graph.traits(&member_id).is_some_and(|t| t.contains_key("smithy.api#httpPayload"));
                    if graph.kind(target) == Some("blob") && !bound {
                        events.push(Event::error(
                            "StreamingTrait",
                            &member_id,
                            format!(
                                "Member `{member_id}` referencing @streaming shape `{target}` must have the \
                                 @httpPayload trait, as service `{service_id}` has a protocol that supports \
                                 @httpPayload."
                            ),
                        ));
                    }
                }
            }
        }
    }
}
