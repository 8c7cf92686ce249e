//! Operations (smithy.io, "Operation type", "`paginated` trait" and
//! "`examples` trait"): `@input` and `@output` structures used only as
//! their one operation's input or output (`OperationInputOutputMisuse`);
//! `@paginated` members that exist, with the right targets and not
//! required, once the service's own `@paginated` is merged in
//! (`PaginatedTrait`); and examples whose values fit the operation
//! (`ExamplesTrait`).

use std::collections::BTreeMap;

use super::node_value::Checker;
use super::{contained_operations, Event, Severity};
use crate::model::{OperationShape, Shape};
use crate::node::Value;
use crate::selector::Graph;

pub(super) fn validate(graph: &Graph<'_>, events: &mut Vec<Event>) {
    misuse(graph, events);
    paginated(graph, events);
    for (id, shape) in graph.shapes() {
        if let (Shape::Operation(operation), Some(examples)) =
            (shape, shape.traits().get("smithy.api#examples").and_then(Value::as_array))
        {
            for example in examples {
                self::example(graph, id, operation, example, events);
            }
        }
    }
}

fn target(reference: &Option<crate::model::Target>) -> Option<&str> {
    reference.as_ref().map(|t| t.target.as_str()).filter(|t| *t != "smithy.api#Unit")
}

fn misuse(graph: &Graph<'_>, events: &mut Vec<Event>) {
    let marked = |id: &str, trait_name: &str| graph.traits(id).is_some_and(|t| t.contains_key(trait_name));
    // Who uses each @input and @output structure, and how.
    let mut uses: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for (id, shape) in graph.shapes() {
        match shape {
            Shape::Operation(op) => {
                for (how, used) in [("input", target(&op.input)), ("output", target(&op.output))] {
                    if let Some(used) = used {
                        uses.entry(used).or_default().push((how, id));
                    }
                }
            }
            _ => {
                // (A map key that targets a structure is the Target
                // validator's to report.)
                for (name, member) in
                    shape.members().into_iter().filter(|(name, _)| !matches!(shape, Shape::Map(_)) || *name != "key")
                {
                    for (trait_name, word) in [("smithy.api#input", "input"), ("smithy.api#output", "output")] {
                        if marked(&member.target, trait_name) {
                            events.push(Event::error(
                                "OperationInputOutputMisuse",
                                &format!("{id}${name}"),
                                format!(
                                    "Members cannot target structures marked with the @{word} trait: {}",
                                    member.target
                                ),
                            ));
                        }
                    }
                }
            }
        }
    }
    for (structure, used_by) in uses {
        for (trait_name, word) in [("smithy.api#input", "input"), ("smithy.api#output", "output")] {
            if !marked(structure, trait_name) {
                continue;
            }
            for (how, operation) in &used_by {
                if *how != word {
                    events.push(Event::error(
                        "OperationInputOutputMisuse",
                        operation,
                        format!("Operation {how} cannot target structures marked with the @{word} trait: {structure}"),
                    ));
                }
            }
            let operations: Vec<&str> = used_by.iter().filter(|(how, _)| *how == word).map(|(_, op)| *op).collect();
            if operations.len() > 1 {
                events.push(Event::error(
                    "OperationInputOutputMisuse",
                    structure,
                    format!(
                        "This shape is marked with the @{word} trait, but is used as the {word} of more than one \
                         operation: [{}]",
                        operations.join(", ")
                    ),
                ));
            }
        }
    }
}

/// The shape types each `@paginated` member may target.
fn allowed(property: &str) -> &'static [&'static str] {
    match property {
        "inputToken" | "outputToken" => &["map", "string"],
        "pageSize" => &["byte", "integer", "long", "short"],
        _ => &["list", "map"],
    }
}

fn paginated(graph: &Graph<'_>, events: &mut Vec<Event>) {
    // Operations in a service are judged with the service's settings
    // merged in; the others alone.
    let mut judged = std::collections::BTreeSet::new();
    for (service_id, service) in graph.shapes() {
        if !matches!(service, Shape::Service(_)) {
            continue;
        }
        let defaults = service.traits().get("smithy.api#paginated").and_then(Value::as_object);
        for operation in contained_operations(graph, service_id) {
            let Some(own) = graph.traits(&operation).and_then(|t| t.get("smithy.api#paginated")) else { continue };
            let mut merged = defaults.cloned().unwrap_or_default();
            merged.extend(own.as_object().cloned().unwrap_or_default());
            judged.insert(operation.clone());
            paginated_operation(graph, &operation, &merged, Some(service_id), events);
        }
    }
    for (id, shape) in graph.shapes() {
        if let (false, Some(own)) = (judged.contains(id), shape.traits().get("smithy.api#paginated")) {
            if matches!(shape, Shape::Operation(_)) {
                paginated_operation(graph, id, &own.as_object().cloned().unwrap_or_default(), None, events);
            }
        }
    }
}

fn paginated_operation(
    graph: &Graph<'_>,
    id: &str,
    settings: &BTreeMap<String, Value>,
    service: Option<&str>,
    events: &mut Vec<Event>,
) {
    let Some(Shape::Operation(operation)) = graph.shapes().get(id) else { return };
    let mut report = |severity: Severity, event_id: &str, message: String| {
        events.push(Event::new(severity, event_id, id, message));
    };
    if let Some(service) = service {
        for property in ["inputToken", "outputToken"] {
            if !settings.contains_key(property) {
                report(
                    Severity::Error,
                    "PaginatedTrait",
                    format!(
                        "When bound within the `{service}` service, paginated trait `{property}` is not configured"
                    ),
                );
            }
        }
    }
    for (property, on_input) in [("inputToken", true), ("outputToken", false), ("items", false), ("pageSize", true)] {
        let Some(path) = settings.get(property).and_then(Value::as_str) else { continue };
        if on_input && path.contains('.') {
            report(Severity::Error, "PaginatedTrait", format!("paginated trait `{property}` does not allow path values"));
            continue;
        }
        let Some(member) = resolve(graph, operation, on_input, path) else {
            report(
                Severity::Error,
                "PaginatedTrait",
                format!("paginated trait `{property}` targets a member `{path}` that does not exist"),
            );
            continue;
        };
        let (target, required) = member;
        // An unresolved target is the Target validator's to report.
        let Some(kind) = graph.kind(&target) else { continue };
        let kind = if kind == "enum" {
            "string"
        } else if kind == "set" {
            "list"
        } else {
            kind
        };
        let kinds = allowed(property);
        if !kinds.contains(&kind) {
            let listed = kinds.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            report(
                Severity::Error,
                "PaginatedTrait",
                format!("paginated trait `{property}` member `{path}` targets a {kind} shape, but must target one of the following: [{listed}]"),
            );
            continue;
        }
        // Allowed, but not what a client expects.
        let (preferred, event_id) = match property {
            "inputToken" | "outputToken" if kind == "map" => {
                (Some("string"), format!("PaginatedTrait.WrongShapeType.{property}"))
            }
            "pageSize" if kind != "integer" => (Some("integer"), "PaginatedTrait".to_owned()),
            _ => (None, String::new()),
        };
        if let Some(preferred) = preferred {
            report(
                Severity::Danger,
                &event_id,
                format!(
                    "paginated trait `{property}` member `{path}` targets a {kind} shape, but this is not recommended. \
                     One of [`{preferred}`] SHOULD be targeted."
                ),
            );
        }
        let required_rule = match property {
            "inputToken" => Some((Severity::Error, "PaginatedTrait")),
            "outputToken" => Some((Severity::Danger, "PaginatedTrait")),
            "pageSize" => Some((Severity::Warning, "PaginatedTrait.ShouldNotBeRequired.pageSize")),
            _ => None,
        };
        if let (true, Some((severity, event_id))) = (required, required_rule) {
            let verb = if severity == Severity::Error { "must not" } else { "should not" };
            report(severity, event_id, format!("paginated trait `{property}` member `{path}` {verb} be required"));
        }
        if !on_input && path.matches('.').count() > 1 {
            report(
                Severity::Warning,
                &format!("PaginatedTrait.DeeplyNested.{property}"),
                format!(
                    "paginated trait `{property}` contains a path with more than two parts, which can make your API \
                     cumbersome to use"
                ),
            );
        }
    }
}

/// The member a `@paginated` path names in the operation's input or
/// output (`a.b` walks through structures): its target and whether it is
/// required.
fn resolve(graph: &Graph<'_>, operation: &OperationShape, on_input: bool, path: &str) -> Option<(String, bool)> {
    let mut current = target(if on_input { &operation.input } else { &operation.output })?.to_owned();
    let mut required = false;
    for name in path.split('.') {
        let member = graph.shapes().get(&current)?.member(name)?;
        required = member.traits.contains_key("smithy.api#required");
        current = member.target.clone();
    }
    Some((current, required))
}

/// An `@examples` entry: output or error, not both; an error the operation
/// has; and input, output and error values that fit their shapes.
fn example(graph: &Graph<'_>, id: &str, operation: &OperationShape, example: &Value, events: &mut Vec<Event>) {
    let title = example.get("title").and_then(Value::as_str).unwrap_or_default();
    let error = example.get("error");
    let constraint_errors = example.get("allowConstraintErrors").and_then(Value::as_bool) == Some(true);
    let mut report = |message: String| events.push(Event::error("ExamplesTrait", id, message));
    if example.get("output").is_some() && error.is_some() {
        report(format!("Example: `{title}` has both output and error defined, only one should be present."));
    }
    if constraint_errors && error.is_none() {
        report(format!("Example: `{title}` has allowConstraintErrors enabled, so error must be defined."));
    }
    let namespace = id.split_once('#').map_or("", |(ns, _)| ns);
    let check = |shape: &str, value: &Value, what: &str, events: &mut Vec<Event>| {
        let mut checker = Checker::new(graph, namespace);
        checker.check(shape, value);
        for finding in checker.findings {
            events.push(Event::new(
                finding.severity,
                "ExamplesTrait",
                id,
                format!("Example {what}: {}", finding.message),
            ));
        }
    };
    if let (Some(input), Some(value)) = (target(&operation.input), example.get("input")) {
        if !constraint_errors {
            check(input, value, &format!("input of `{title}`"), events);
        }
    }
    if let (Some(output), Some(value)) = (target(&operation.output), example.get("output")) {
        check(output, value, &format!("output of `{title}`"), events);
    }
    if let Some(error) = error {
        let Some(shape_id) = error.get("shapeId").and_then(Value::as_str) else { return };
        // A service's errors are each of its operations' errors too: the
        // error must be the operation's, or one of every service that binds
        // the operation (the services are looked for only then).
        let in_every_service = || {
            let services: Vec<_> = graph
                .shapes()
                .iter()
                .filter_map(|(service, shape)| match shape {
                    Shape::Service(s) if contained_operations(graph, service).contains(id) => Some(s),
                    _ => None,
                })
                .collect();
            !services.is_empty() && services.iter().all(|s| s.errors.iter().any(|e| e.target == shape_id))
        };
        if !operation.errors.iter().any(|e| e.target == shape_id) && !in_every_service() {
            events.push(Event::error(
                "ExamplesTrait",
                id,
                format!("Error parameters provided for operation without the `{shape_id}` error: `{title}`"),
            ));
        } else if let Some(content) = error.get("content") {
            check(shape_id, content, &format!("error of `{title}`"), events);
        }
    }
}
