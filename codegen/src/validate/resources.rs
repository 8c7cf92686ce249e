//! Resources (smithy.io, "Resource types" and "`references` trait"): the
//! identifiers an operation's input binds, implicitly (a required member
//! of the identifier's name and target) or with `@resourceIdentifier`, are
//! all of its resource's for an instance operation and not all for a
//! collection operation (`ResourceIdentifierBinding`); a child resource
//! repeats its parent's identifiers, which are not also properties
//! (`ResourceIdentifier`); the members of its instance and lifecycle
//! operations' inputs and outputs are its properties, with their targets,
//! or identifiers, and each property is used by one of them
//! (`ResourceOperationInputOutput`); and `@references` name identifiers and
//! members that exist (`ReferencesTrait`).

use std::collections::BTreeMap;

use super::Event;
use crate::model::{ResourceShape, Shape};
use crate::node::Value;
use crate::selector::Graph;

pub(super) fn validate(graph: &Graph<'_>, events: &mut Vec<Event>) {
    cycles(graph, events);
    single_binding(graph, events);
    // Found once, when a resource with properties needs them.
    let mut not_property: Option<Vec<String>> = None;
    for (id, shape) in graph.shapes() {
        match shape {
            Shape::Resource(resource) => {
                bindings(graph, id, resource, events);
                identifiers(graph, id, resource, events);
                lifecycle(graph, id, resource, events);
                if !resource.properties.is_empty() {
                    let not_property = not_property.get_or_insert_with(|| not_property_traits(graph));
                    properties(graph, id, resource, not_property, events);
                }
            }
            Shape::Structure(_) => explicit_conflicts(id, shape, events),
            _ => {}
        }
        if let Some(references) = shape.traits().get("smithy.api#references").and_then(Value::as_array) {
            for reference in references {
                self::reference(graph, id, shape, reference, events);
            }
        }
    }
}

/// Lifecycle operations: read and list `@readonly`, the others not; put
/// and delete `@idempotent`.
fn lifecycle(graph: &Graph<'_>, id: &str, resource: &ResourceShape, events: &mut Vec<Event>) {
    for (name, target) in resource.lifecycle() {
        let Some(operation) = target.map(|t| t.target.as_str()).filter(|t| graph.kind(t) == Some("operation")) else {
            continue;
        };
        let traits = graph.traits(operation);
        let has = |trait_id: &str| traits.is_some_and(|t| t.contains_key(trait_id));
        let readonly = matches!(name, "read" | "list");
        if has("smithy.api#readonly") != readonly {
            let must = if readonly { "must" } else { "must not" };
            events.push(Event::error(
                "ResourceLifecycle",
                id,
                format!(
                    "The `{name}` lifecycle operation of this resource targets an invalid operation, `{operation}`. \
                     The targeted operation {must} be marked with the readonly trait."
                ),
            ));
        }
        if matches!(name, "put" | "delete") && !has("smithy.api#idempotent") {
            events.push(Event::error(
                "ResourceLifecycle",
                id,
                format!(
                    "The `{name}` lifecycle operation of this resource targets an invalid operation, `{operation}`. \
                     The targeted operation must be marked as idempotent."
                ),
            ));
        }
    }
}

/// A resource that is its own ancestor.
fn cycles(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (id, shape) in graph.shapes() {
        if !matches!(shape, Shape::Resource(_)) {
            continue;
        }
        // Depth first from `id`, each path kept, until `id` comes back.
        let mut stack: Vec<Vec<&str>> = vec![vec![id]];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(path) = stack.pop() {
            let last = *path.last().unwrap_or(&id.as_str());
            let Some(Shape::Resource(resource)) = graph.shapes().get(last) else { continue };
            for child in &resource.resources {
                if child.target == *id {
                    events.push(Event::error(
                        "ResourceCycle",
                        id,
                        format!("Circular resource hierarchy found: {} -> {id}", path.join(" -> ")),
                    ));
                    stack.clear();
                    break;
                }
                if seen.insert(child.target.as_str()) {
                    let mut longer = path.clone();
                    longer.push(&child.target);
                    stack.push(longer);
                }
            }
        }
    }
}

/// Each resource bound into a service's closure by one shape only.
fn single_binding(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (service_id, service) in graph.shapes() {
        let Shape::Service(s) = service else { continue };
        let mut binders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut stack: Vec<(&str, &Vec<crate::model::Target>)> = vec![(service_id, &s.resources)];
        let mut seen = std::collections::BTreeSet::new();
        while let Some((binder, resources)) = stack.pop() {
            // (A resource bound to itself is the ResourceCycle validator's.)
            for resource in resources.iter().filter(|r| r.target != binder) {
                binders.entry(&resource.target).or_default().push(binder);
                if seen.insert(resource.target.as_str()) {
                    if let Some(Shape::Resource(r)) = graph.shapes().get(&resource.target) {
                        stack.push((&resource.target, &r.resources));
                    }
                }
            }
        }
        for (resource, mut by) in binders.into_iter().filter(|(_, by)| by.len() > 1) {
            by.sort_unstable();
            by.dedup();
            if by.len() > 1 {
                let listed: Vec<String> = by.iter().map(|b| format!("`{b}`")).collect();
                events.push(Event::error(
                    "SingleResourceBinding",
                    resource,
                    format!(
                        "A resource can appear only once in an entire service closure. This resource is illegally \
                         bound into the `{service_id}` service closure from multiple shapes: [{}]",
                        listed.join(", ")
                    ),
                ));
            }
        }
    }
}

/// The identifiers `structure` binds for `resource`, by identifier name:
/// the member bound to each.
fn bound(graph: &Graph<'_>, resource: &ResourceShape, structure: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let Some(shape) = graph.shapes().get(structure) else { return found };
    for (name, member) in shape.members() {
        if let Some(identifier) = member.traits.get("smithy.api#resourceIdentifier").and_then(Value::as_str) {
            found.insert(identifier.to_owned(), name.to_owned());
        } else if resource.identifiers.get(name).is_some_and(|t| t.target == member.target)
            && member.traits.contains_key("smithy.api#required")
        {
            found.entry(name.to_owned()).or_insert_with(|| name.to_owned());
        }
    }
    found
}

/// The traits that mark a member as no property: the prelude's, and the
/// model's own definitions marked `@notProperty`.
fn not_property_traits(graph: &Graph<'_>) -> Vec<String> {
    let prelude = ["idempotencyToken", "resourceIdentifier", "notProperty", "nestedProperties"];
    let mut found: Vec<String> = prelude.iter().map(|t| format!("smithy.api#{t}")).collect();
    found.extend(graph.shapes().iter().filter_map(|(trait_id, shape)| {
        let traits = shape.traits();
        (traits.contains_key("smithy.api#trait") && traits.contains_key("smithy.api#notProperty")).then(|| trait_id.clone())
    }));
    found
}

/// The structure whose members are an operation's input or output
/// properties: the target of a `@nestedProperties` member, else the input
/// or output itself.
fn properties_shape<'g>(graph: &'g Graph<'_>, structure: &'g str) -> &'g str {
    let members = graph.shapes().get(structure).map(Shape::members).unwrap_or_default();
    members
        .into_iter()
        .find(|(_, m)| m.traits.contains_key("smithy.api#nestedProperties") && graph.kind(&m.target) == Some("structure"))
        .map_or(structure, |(_, m)| m.target.as_str())
}

/// Resource properties in the operations that read and write them: each
/// member of the input and output of a lifecycle or instance operation
/// that is neither an identifier nor marked by a `@notProperty` trait is
/// a property of the resource with the property's target, no two members
/// are the same property, and every property appears somewhere.
fn properties(
    graph: &Graph<'_>,
    id: &str,
    resource: &ResourceShape,
    not_property: &[String],
    events: &mut Vec<Event>,
) {
    let lifecycle = [
        ("put", &resource.put),
        ("create", &resource.create),
        ("read", &resource.read),
        ("update", &resource.update),
        ("delete", &resource.delete),
    ];
    let operations = lifecycle
        .into_iter()
        .filter_map(|(name, target)| Some((name, target.as_ref()?.target.as_str())))
        .chain(resource.operations.iter().map(|t| (t.target.split_once('#').map_or("", |(_, n)| n), t.target.as_str())));
    let mut used = std::collections::BTreeSet::new();
    for (name, operation) in operations {
        let Some(Shape::Operation(op)) = graph.shapes().get(operation) else { continue };
        let output_bound = op.output.as_ref().map(|o| bound(graph, resource, &o.target)).unwrap_or_default();
        for structure in [&op.input, &op.output].into_iter().flatten().map(|t| t.target.as_str()) {
            let holder = properties_shape(graph, structure);
            let identifiers = bound(graph, resource, structure);
            let mut by_property: BTreeMap<String, Vec<&str>> = BTreeMap::new();
            for (member_name, member) in graph.shapes().get(holder).map(Shape::members).unwrap_or_default() {
                let not_a_property = identifiers.values().any(|m| m == member_name)
                    || not_property.iter().any(|t| member.traits.contains_key(t));
                if not_a_property && !resource.properties.contains_key(member_name) {
                    continue;
                }
                let property = member
                    .traits
                    .get("smithy.api#property")
                    .and_then(|p| p.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or(member_name);
                used.insert(property.to_owned());
                by_property.entry(property.to_owned()).or_default().push(member_name);
                let member_id = format!("{holder}${member_name}");
                match resource.properties.get(property) {
                    Some(expected) if expected.target != member.target => events.push(Event::error(
                        "ResourceOperationInputOutput",
                        &member_id,
                        format!(
                            "This member must target `{}`. This member is used as part of the `{name}` operation of \
                             the `{id}` resource and conflicts with its `{property}` resource property.",
                            expected.target
                        ),
                    )),
                    Some(_) => {}
                    None if output_bound.values().any(|m| m == member_name) => {}
                    None => events.push(Event::error(
                        "ResourceOperationInputOutput",
                        &member_id,
                        format!(
                            "Member `{member_name}` does not target a property or identifier for resource `{id}`. If \
                             it is an identifier, apply the `smithy.api#resourceIdentifier` trait. If it is a \
                             property, apply the `smithy.api#property` trait. If it is neither, apply the \
                             `smithy.api#notProperty` trait."
                        ),
                    )),
                }
            }
            for (property, members) in by_property.into_iter().filter(|(_, m)| m.len() > 1) {
                events.push(Event::error(
                    "ResourceOperationInputOutput",
                    holder,
                    format!(
                        "This shape contains members with conflicting resource property names that resolve to \
                         '{property}': {}",
                        members.join(", ")
                    ),
                ));
            }
        }
    }
    for property in resource.properties.keys().filter(|p| !used.contains(*p)) {
        events.push(Event::error(
            "ResourceOperationInputOutput",
            id,
            format!(
                "Resource property `{property}` is not used in the input or output of create or an instance operation."
            ),
        ));
    }
}

/// The input structure of an operation, if it has one.
fn input<'g>(graph: &'g Graph<'_>, operation: &str) -> Option<&'g str> {
    match graph.shapes().get(operation) {
        Some(Shape::Operation(op)) => op.input.as_ref().map(|t| t.target.as_str()).filter(|t| *t != "smithy.api#Unit"),
        _ => None,
    }
}

fn bindings(graph: &Graph<'_>, id: &str, resource: &ResourceShape, events: &mut Vec<Event>) {
    // Instance operations: read, update, delete, put and `operations`;
    // collection ones: create, list and `collectionOperations`.
    let instance = [&resource.read, &resource.update, &resource.delete, &resource.put]
        .into_iter()
        .flatten()
        .chain(&resource.operations)
        .map(|t| (t.target.as_str(), false));
    let collection = [&resource.create, &resource.list]
        .into_iter()
        .flatten()
        .chain(&resource.collection_operations)
        .map(|t| (t.target.as_str(), true));
    for (operation, is_collection) in instance.chain(collection) {
        // What is not an operation is the Target validator's to report.
        if graph.kind(operation) != Some("operation") {
            continue;
        }
        let input = input(graph, operation);
        let bound = input.map(|i| bound(graph, resource, i)).unwrap_or_default();
        let all_bound = resource.identifiers.iter().all(|(name, target)| {
            let member = bound.get(name).and_then(|m| graph.shapes().get(input?)?.member(m).map(|m| m.target.clone()));
            member.is_some_and(|t| t == target.target)
        });
        if is_collection && all_bound && !resource.identifiers.is_empty() {
            events.push(Event::error(
                "ResourceIdentifierBinding",
                operation,
                format!(
                    "This operation is bound as a collection operation on the `{id}` resource, but it improperly \
                     binds all of the identifiers of the resource to members of the operation input."
                ),
            ));
        } else if !is_collection && !all_bound {
            let expected: Vec<String> = resource
                .identifiers
                .keys()
                .map(|name| {
                    format!("required member named `{name}` that targets `{}`", resource.identifiers[name].target)
                })
                .collect();
            events.push(Event::error(
                "ResourceIdentifierBinding",
                operation,
                format!(
                    "This operation does not form a valid instance operation when bound to resource `{id}`. All of \
                     the identifiers of the resource were not implicitly or explicitly bound to the input of the \
                     operation. Expected the following identifier bindings: [{}]",
                    expected.join(", ")
                ),
            ));
        }
    }
    // The operations of a child resource bind its parent's identifiers.
    for child_id in &resource.resources {
        let Some(Shape::Resource(child)) = graph.shapes().get(&child_id.target) else { continue };
        for operation in child
            .lifecycle()
            .into_iter()
            .filter_map(|(_, t)| t)
            .chain(&child.operations)
            .chain(&child.collection_operations)
        {
            let bound = input(graph, &operation.target).map(|i| bound(graph, child, i)).unwrap_or_default();
            let missing: Vec<String> = resource
                .identifiers
                .keys()
                .filter(|name| !bound.contains_key(*name))
                .map(|n| format!("`{n}`"))
                .collect();
            if !missing.is_empty() {
                events.push(Event::error(
                    "ResourceIdentifierBinding",
                    &operation.target,
                    format!(
                        "This operation is bound to the `{}` resource, which is a child of the `{id}` resource, and \
                         it is missing the following resource identifier bindings of `{id}`: [{}]",
                        child_id.target,
                        missing.join(", ")
                    ),
                ));
            }
        }
    }
}

/// Two members of a structure bound to one identifier by
/// `@resourceIdentifier`.
fn explicit_conflicts(id: &str, shape: &Shape, events: &mut Vec<Event>) {
    let mut by_identifier: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, member) in shape.members() {
        if let Some(identifier) = member.traits.get("smithy.api#resourceIdentifier").and_then(Value::as_str) {
            by_identifier.entry(identifier).or_default().push(name);
        }
    }
    for (identifier, members) in by_identifier.into_iter().filter(|(_, m)| m.len() > 1) {
        events.push(Event::error(
            "ResourceIdentifierBinding",
            id,
            format!(
                "Conflicting resource identifier member bindings found for identifier '{identifier}' between members: \
                 '{}'",
                members.join("', '")
            ),
        ));
    }
}

/// A child's identifiers include its parent's, with the same targets; no
/// identifier is also a property.
fn identifiers(graph: &Graph<'_>, id: &str, resource: &ResourceShape, events: &mut Vec<Event>) {
    for child_id in &resource.resources {
        let Some(Shape::Resource(child)) = graph.shapes().get(&child_id.target) else { continue };
        let child_id = &child_id.target;
        let missing: Vec<&str> =
            resource.identifiers.keys().filter(|k| !child.identifiers.contains_key(*k)).map(String::as_str).collect();
        if !missing.is_empty() {
            events.push(Event::error(
                "ResourceIdentifier",
                child_id,
                format!(
                    "This resource is bound as a child of `{id}`, but it is invalid because its `identifiers` \
                     property is missing the following identifiers that are defined in `{id}`: [{}]",
                    missing.join(", ")
                ),
            ));
            continue;
        }
        let mismatched: Vec<String> = resource
            .identifiers
            .iter()
            .filter(|(name, target)| child.identifiers.get(*name).is_some_and(|t| t.target != target.target))
            .map(|(name, target)| {
                format!(
                    "expected the `{name}` member to target `{}`, but found a target of `{}`",
                    target.target, child.identifiers[name].target
                )
            })
            .collect();
        if !mismatched.is_empty() {
            events.push(Event::error(
                "ResourceIdentifier",
                child_id,
                format!(
                    "The `identifiers` property of this resource is incompatible with its binding to `{id}`: {}",
                    mismatched.join("; ")
                ),
            ));
        }
    }
    let properties: Vec<String> = resource.properties.keys().map(|p| p.to_lowercase()).collect();
    for identifier in resource.identifiers.keys() {
        if properties.contains(&identifier.to_lowercase()) {
            events.push(Event::error(
                "ResourceIdentifier",
                id,
                format!("Resource identifier `{identifier}` cannot also be a resource property"),
            ));
        }
    }
}

/// A `@references` entry: it names a resource; on a string, one with a
/// single identifier and no `ids`; on a structure, `ids` (given, or
/// implied by the resource's identifier names) that bind every
/// identifier to a string member of the structure.
fn reference(graph: &Graph<'_>, id: &str, shape: &Shape, reference: &Value, events: &mut Vec<Event>) {
    let shown = reference.to_serde_json().to_string();
    let given = reference.get("ids").and_then(Value::as_object).filter(|ids| !ids.is_empty());
    let is_string = matches!(shape, Shape::String(_));
    if is_string && given.is_some() {
        events.push(Event::error(
            "ReferencesTrait",
            id,
            format!("References applied to string shapes cannot contain 'ids': Reference{shown}"),
        ));
    }
    let Some(resource_id) = reference.get("resource").and_then(Value::as_str) else { return };
    // A relative id is in the holder's namespace, or the prelude's.
    let namespace = id.split_once('#').map_or("", |(ns, _)| ns);
    let resource_id = match resource_id.contains('#') {
        true => resource_id.to_owned(),
        false => [format!("{namespace}#{resource_id}"), format!("smithy.api#{resource_id}")]
            .into_iter()
            .find(|candidate| graph.kind(candidate).is_some())
            .unwrap_or_default(),
    };
    let resource = match (graph.shapes().get(&resource_id), graph.kind(&resource_id)) {
        (Some(Shape::Resource(resource)), _) => resource,
        (_, Some(kind)) => {
            events.push(Event::error(
                "ReferencesTrait",
                id,
                format!("`references` trait reference targets a {kind} shape not a resource: Reference{shown}"),
            ));
            return;
        }
        _ => return,
    };
    let identifier_names = || resource.identifiers.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    if is_string {
        if resource.identifiers.len() != 1 {
            events.push(Event::error(
                "ReferencesTrait",
                id,
                format!(
                    "This string shape contains an invalid reference to {resource_id}: Reference{shown}. References \
                     on a string shape can only refer to resource shapes with exactly one entry in its identifiers \
                     property, but this shape has the following identifiers: [{}]",
                    identifier_names()
                ),
            ));
        }
        return;
    }
    if !matches!(shape, Shape::Structure(_)) {
        return;
    }
    // Without `ids`, each identifier binds the member of its own name.
    let bindings: Vec<(&str, &str)> = match given {
        Some(ids) => ids.iter().filter_map(|(k, v)| Some((k.as_str(), v.as_str()?))).collect(),
        None => resource.identifiers.keys().map(|k| (k.as_str(), k.as_str())).collect(),
    };
    if let Some(ids) = given {
        if ids.len() != resource.identifiers.len() {
            let prefix =
                if resource.identifiers.len() < ids.len() { "Too many identifiers" } else { "Not enough identifiers" };
            events.push(Event::error(
                "ReferencesTrait",
                id,
                format!(
                    "{prefix} were provided in the `ids` properties of Reference{shown}. Expected {} identifiers(s), \
                     but found {}. This resource requires bindings for the following identifiers: [{}].",
                    resource.identifiers.len(),
                    ids.len(),
                    identifier_names()
                ),
            ));
        }
        let extraneous: Vec<String> =
            ids.keys().filter(|k| !resource.identifiers.contains_key(*k)).map(|k| format!("`{k}`")).collect();
        if !extraneous.is_empty() {
            events.push(Event::error(
                "ReferencesTrait",
                id,
                format!(
                    "`references` trait Reference{shown} contains extraneous resource identifier bindings, [{}], \
                     that are not actually identifier names of the resource, `{resource_id}`. This resource has the \
                     following identifier names: [{}]",
                    extraneous.join(", "),
                    identifier_names()
                ),
            ));
        }
    }
    let mut reasons = Vec::new();
    for (_, member_name) in bindings {
        match shape.member(member_name) {
            None if given.is_none() => reasons.push(format!(
                "implicit binding of `{member_name}` is not part of the structure (set \"rel\" to \"collection\" to \
                 create a collection binding)"
            )),
            None => reasons.push(format!("`{member_name}` refers to a member that is not part of the structure")),
            Some(member) if !matches!(graph.kind(&member.target), Some("string" | "enum")) => {
                reasons.push(format!("`{member_name}` refers to a member that does not target a string shape"));
            }
            Some(_) => {}
        }
    }
    if !reasons.is_empty() {
        reasons.sort();
        reasons.dedup();
        events.push(Event::error(
            "ReferencesTrait",
            id,
            format!("`references` trait Reference{shown} is invalid for the following reasons: {}", reasons.join("; ")),
        ));
    }
}
