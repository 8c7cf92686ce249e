//! Where traits may be applied: trait targets (each definition's
//! selector), conflicting traits, structurally exclusive traits
//! (smithy.io, "Defining traits"), and deprecated traits (a warning).

use std::collections::BTreeMap;

use super::prelude_traits::{Exclusive, DEFINITIONS};
use super::Event;
use crate::node::Value;
use crate::selector::{Graph, Selector};

/// What the validators need of a trait's definition.
struct Definition {
    selector: String,
    exclusive: Option<Exclusive>,
    /// Absolute ids of the traits it conflicts with.
    conflicts: Vec<String>,
    /// A mixin used as a trait.
    mixin: bool,
}

pub(super) fn validate(graph: &Graph<'_>, events: &mut Vec<Event>) {
    // Every trait applied, with what carries it.
    let mut applied: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for id in graph.ids() {
        for trait_id in graph.traits(id).into_iter().flat_map(|t| t.keys()) {
            applied.entry(trait_id.clone()).or_default().push(id.clone());
        }
    }
    let definitions: BTreeMap<&str, Definition> =
        applied.keys().filter_map(|id| definition(graph, id).map(|d| (id.as_str(), d))).collect();
    // A shape of the model applied as a trait must be defined as one.
    for trait_id in applied.keys().filter(|id| !definitions.contains_key(id.as_str())) {
        if graph.shapes().contains_key(trait_id) {
            events.push(Event::error(
                "Model",
                trait_id,
                format!(
                    "Shape `{trait_id}` cannot be applied as a trait. If this is a custom trait, please add `@trait` \
                     to this shape."
                ),
            ));
        }
    }
    targets(graph, &applied, &definitions, events);
    // Conflicts: one event per shape, naming each conflicting pair.
    let mut conflicts: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (trait_id, holders) in &applied {
        let Some(definition) = definitions.get(trait_id.as_str()) else { continue };
        for holder in holders {
            for other in &definition.conflicts {
                if graph.traits(holder).is_some_and(|t| t.contains_key(other)) {
                    let line = format!("`{}` conflicts with `{}`", idiomatic(trait_id), idiomatic(other));
                    conflicts.entry(holder).or_default().push(line);
                }
            }
        }
    }
    for (holder, mut lines) in conflicts {
        lines.sort();
        let kind = graph.kind(holder).unwrap_or("shape");
        let message = format!("Found conflicting traits on {kind} shape: {}", lines.join(", "));
        events.push(Event::error("TraitConflict", holder, message));
    }
    exclusive(graph, &definitions, events);
    // A trait the model defines as `@deprecated` warns where it is applied.
    // The prelude's definitions are not in the graph, so its deprecated
    // `@enum` and `@box` are not judged here.
    for (trait_id, holders) in &applied {
        let Some(deprecated) = graph.traits(trait_id).and_then(|t| t.get("smithy.api#deprecated")) else { continue };
        let mut shown = trait_id.clone();
        if let Some(message) = deprecated.get("message").and_then(Value::as_str) {
            shown.push_str(", ");
            shown.push_str(message);
        }
        for holder in holders {
            events.push(Event::new(
                super::Severity::Warning,
                "DeprecatedTrait",
                holder,
                format!("This shape applies a trait that is deprecated: {shown}"),
            ));
        }
    }
}

/// A trait's definition: the model's `@trait`, or the prelude's.
fn definition(graph: &Graph<'_>, trait_id: &str) -> Option<Definition> {
    if let Some(traits) = graph.traits(trait_id) {
        let value = traits.get("smithy.api#trait")?;
        let namespace = trait_id.split_once('#').map_or("", |(ns, _)| ns);
        let text = |key: &str| value.get(key).and_then(Value::as_str);
        return Some(Definition {
            selector: text("selector").unwrap_or("*").to_owned(),
            exclusive: match text("structurallyExclusive") {
                Some("member") => Some(Exclusive::Member),
                Some("target") => Some(Exclusive::Target),
                _ => None,
            },
            conflicts: value
                .strings("conflicts")
                .map(|c| if c.contains('#') { c.to_owned() } else { format!("{namespace}#{c}") })
                .collect(),
            mixin: traits.contains_key("smithy.api#mixin"),
        });
    }
    let name = trait_id.strip_prefix("smithy.api#")?;
    if !crate::load::prelude::contains(trait_id) {
        return None;
    }
    let known = DEFINITIONS.iter().find(|d| d.name == name);
    Some(Definition {
        selector: known.map_or("*", |d| d.selector).to_owned(),
        exclusive: known.and_then(|d| d.exclusive),
        conflicts: known.map_or(&[][..], |d| d.conflicts).iter().map(|c| format!("smithy.api#{c}")).collect(),
        mixin: false,
    })
}

/// `range` for `smithy.api#range`; other traits by their absolute id.
fn idiomatic(trait_id: &str) -> &str {
    trait_id.strip_prefix("smithy.api#").unwrap_or(trait_id)
}

/// Each applied trait against its definition's selector: the shapes the
/// selector selects in the whole model are where it may be.
fn targets(
    graph: &Graph<'_>,
    applied: &BTreeMap<String, Vec<String>>,
    definitions: &BTreeMap<&str, Definition>,
    events: &mut Vec<Event>,
) {
    // One evaluation per distinct selector.
    let mut by_selector: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (trait_id, definition) in definitions {
        if definition.mixin {
            for holder in &applied[*trait_id] {
                events.push(Event::error(
                    "TraitTarget",
                    holder,
                    format!("Trait `{}` is a mixin and cannot be applied to `{holder}`.", idiomatic(trait_id)),
                ));
            }
        }
        if definition.selector.trim() != "*" {
            by_selector.entry(definition.selector.as_str()).or_default().push(trait_id);
        }
    }
    for (text, trait_ids) in by_selector {
        let selector = match Selector::parse(text) {
            Ok(selector) => selector,
            Err(error) => {
                for trait_id in trait_ids {
                    events.push(Event::error("TraitValue", trait_id, format!("the trait's selector is invalid: {error}")));
                }
                continue;
            }
        };
        // A selector that only filters, or filters around one forward
        // step, is asked of the shapes that carry the trait; any other is
        // evaluated over the whole model.
        let first = trait_ids.first().and_then(|t| applied[*t].first()).map_or("", String::as_str);
        let selected = if selector.is_filter() || graph.selects_by_step(&selector, first).is_some() {
            None
        } else {
            Some(graph.select(&selector))
        };
        let allowed = |holder: &str| match &selected {
            Some(selected) => selected.contains(holder),
            None => graph.selects_by_step(&selector, holder).unwrap_or_else(|| graph.matches(&selector, holder)),
        };
        let shown = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for trait_id in trait_ids {
            for holder in &applied[trait_id] {
                if !allowed(holder) {
                    events.push(Event::error(
                        "TraitTarget",
                        holder,
                        format!(
                            "Trait `{}` cannot be applied to `{holder}`. This trait may only be applied to shapes that \
                             match the following selector: {shown}",
                            idiomatic(trait_id)
                        ),
                    ));
                }
            }
        }
    }
}

/// Structurally exclusive traits: on one member of a structure at most,
/// or targeted by one member at most.
fn exclusive(graph: &Graph<'_>, definitions: &BTreeMap<&str, Definition>, events: &mut Vec<Event>) {
    for (id, shape) in graph.shapes() {
        if !matches!(shape, crate::model::Shape::Structure(_)) {
            continue;
        }
        for (trait_id, definition) in definitions {
            let Some(kind) = definition.exclusive else { continue };
            let members: Vec<String> = shape
                .members()
                .into_iter()
                .filter(|(_, member)| match kind {
                    Exclusive::Member => member.traits.contains_key(*trait_id),
                    Exclusive::Target => graph.traits(&member.target).is_some_and(|t| t.contains_key(*trait_id)),
                })
                .map(|(name, _)| format!("`{name}`"))
                .collect();
            if members.len() > 1 {
                let list = members.join(", ");
                let message = match kind {
                    Exclusive::Member => format!(
                        "The `{}` trait can be applied to only a single member of a shape, but it was found on the \
                         following members: {list}",
                        idiomatic(trait_id)
                    ),
                    Exclusive::Target => format!(
                        "Only a single member of a structure can target a shape marked with the `{}` trait, but it \
                         was found on the following members: {list}",
                        idiomatic(trait_id)
                    ),
                };
                events.push(Event::error("ExclusiveStructureMemberTrait", id, message));
            }
        }
    }
}
