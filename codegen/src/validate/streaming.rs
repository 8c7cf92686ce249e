//! Streams (smithy.io, "Streaming" and "Event streams"): an event stream
//! union has only structure members; a stream sits directly in an
//! operation's input or output, never in a structure a member targets; a
//! stream with `@requiresLength` is input only; and where the service's
//! protocol has `@httpPayload`, a streaming blob member is the payload.

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
            Shape::Operation(operation) => {
                let output = operation.output.as_ref().map(|t| t.target.as_str());
                for (_, target) in output.map(|o| streams(graph, o)).unwrap_or_default() {
                    let requires_length =
                        graph.traits(target).is_some_and(|t| t.contains_key("smithy.api#requiresLength"));
                    if requires_length {
                        events.push(Event::error(
                            "StreamingTrait",
                            output.unwrap_or_default(),
                            format!(
                                "Structures that contain a reference to a stream marked with the @requiresLength \
                                 trait can only be used as operation inputs, but this structure is referenced from \
                                 `{id}` as output"
                            ),
                        ));
                    }
                }
            }
            _ => {}
        }
        // No member targets a structure that holds a stream.
        if !matches!(shape, Shape::Service(_) | Shape::Operation(_) | Shape::Resource(_)) {
            for (name, member) in shape.members() {
                if !streams(graph, &member.target).is_empty() {
                    events.push(Event::error(
                        "StreamingTrait",
                        &format!("{id}${name}"),
                        format!(
                            "Members cannot target structures that contain a stream, but this member targets {}",
                            member.target
                        ),
                    ));
                }
            }
        }
    }
    payloads(graph, events);
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
