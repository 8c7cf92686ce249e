//! What each relationship may point at (smithy.io, "Shapes" and "Service
//! types"): members never target services, resources, operations or
//! members; map keys are strings; operation input, output and errors are
//! structures (errors with `@error`, input and output without it);
//! services and resources bind operations and resources; identifiers are
//! strings; mixins are marked `@mixin`, and nothing but a mixin relationship
//! refers to a mixin, nor to a trait definition; every target resolves
//! (the IDL loader reports those itself, with their place); and a
//! reference to a `@deprecated` shape is a warning (`DeprecatedShape.<id>`).

use super::{Event, Severity};
use crate::node::Value;
use crate::selector::Graph;

pub(super) fn validate(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for id in graph.ids() {
        let Some(kind) = graph.kind(id) else { continue };
        if id.starts_with("smithy.api#") {
            continue;
        }
        if kind == "map" {
            let key = format!("{id}$key");
            let key_target = graph.edges(&key, false).first().map(|(_, t)| t.clone());
            if let Some((target, target_kind)) = key_target.and_then(|t| graph.kind(&t).map(|k| (t, k))) {
                if !matches!(target_kind, "string" | "enum") {
                    events.push(Event::error(
                        "Target",
                        id,
                        format!("Map key member targets ({target_kind}: `{target}`), but is expected to target a string"),
                    ));
                }
            }
        }
        for (label, target) in graph.all_edges(id, false) {
            let Some(target_kind) = graph.kind(&target) else {
                let message = match label {
                    None => format!("member shape targets an unresolved shape `{target}`"),
                    Some(rel) => {
                        let article = if rel.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
                        format!("{kind} shape has {article} `{rel}` relationship to an unresolved shape `{target}`")
                    }
                };
                events.push(Event::error("Target", id, message));
                continue;
            };
            let has = |trait_id: &str| graph.traits(&target).is_some_and(|t| t.contains_key(trait_id));
            if let Some(deprecated) = graph.traits(&target).and_then(|t| t.get("smithy.api#deprecated")) {
                deprecated_target(id, label, &target, deprecated, events);
            }
            let relationship = label.unwrap_or("member target");
            let found = format!("({target_kind}: `{target}`)");
            let mut error = |message: String| events.push(Event::error("Target", id, message));
            if label != Some("mixin") {
                if has("smithy.api#trait") {
                    error(format!(
                        "Found a {relationship} reference to trait definition `{target}`. Trait definitions cannot be \
                         targeted by members or referenced by shapes in any other context other than applying them as \
                         traits."
                    ));
                    continue;
                }
                if target_kind != "member" && has("smithy.api#mixin") {
                    error(format!(
                        "Illegal {relationship} reference to mixin `{target}`; shapes marked with the mixin trait can \
                         only be referenced to apply them as a mixin."
                    ));
                    continue;
                }
            }
            let must = |wanted: &str| format!("{kind} shape `{relationship}` relationships must target a {wanted} shape, but found {found}");
            match label {
                None => {
                    if matches!(target_kind, "service" | "resource" | "operation" | "member") {
                        error(format!("Members cannot target {target_kind} shapes, but found {found}"));
                    }
                }
                Some("property") if matches!(target_kind, "service" | "resource" | "operation" | "member") => {
                    error(format!("Members cannot target {target_kind} shapes, but found {found}"));
                }
                Some("resource") if target_kind != "resource" => error(must("resource")),
                Some("operation" | "collectionOperation") if target_kind != "operation" => error(must("operation")),
                Some(io @ ("input" | "output")) => {
                    if target_kind != "structure" {
                        error(must("structure"));
                    } else if has("smithy.api#error") {
                        error(format!(
                            "Operation {io} targets an invalid structure `{target}` that is marked with the `error` trait."
                        ));
                    }
                }
                Some("error") => {
                    if target_kind != "structure" {
                        error(must("structure"));
                    } else if !has("smithy.api#error") {
                        error(format!("`{target}` cannot be bound as an error because it is not marked with the `error` trait."));
                    }
                }
                Some("identifier") if !matches!(target_kind, "string" | "enum") => error(must("string")),
                Some(lifecycle @ ("create" | "read" | "update" | "delete" | "list" | "put")) if target_kind != "operation" => {
                    error(format!("Resource {lifecycle} lifecycle operation must target an operation, but found {found}"));
                }
                Some("mixin") if !has("smithy.api#mixin") => {
                    error(format!("Attempted to use {target} as a mixin, but it is not marked with the mixin trait"));
                }
                _ => {}
            }
        }
    }
}

/// A warning for a relationship to a `@deprecated` shape, with its message
/// and `since`.
fn deprecated_target(id: &str, label: Option<&str>, target: &str, deprecated: &Value, events: &mut Vec<Event>) {
    let what = match label {
        None => "Member targets a deprecated shape",
        Some("resource") => "Binds a deprecated resource",
        Some("operation") => "Binds a deprecated operation",
        Some("identifier") => "Resource identifier targets a deprecated shape",
        Some("property") => "Resource property targets a deprecated shape",
        Some("input") => "Operation input targets a deprecated shape",
        Some("output") => "Operation output targets a deprecated shape",
        Some("error") => "Operation error targets a deprecated shape",
        Some("mixin") => "Applies a deprecated mixin",
        Some(_) => return,
    };
    let mut message = format!("{what}, {target}");
    if let Some(text) = deprecated.get("message").and_then(Value::as_str) {
        message.push_str(". ");
        message.push_str(text);
    }
    if let Some(since) = deprecated.get("since").and_then(Value::as_str) {
        message.push_str(&format!(" (since {since})"));
    }
    events.push(Event::new(Severity::Warning, &format!("DeprecatedShape.{target}"), id, message));
}
