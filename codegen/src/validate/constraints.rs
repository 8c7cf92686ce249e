//! The values of the constraint traits (smithy.io, "Constraint traits"):
//! a `@range` or `@length` whose `min` is above its `max`, a negative
//! `@length` bound, and a `@range`
//! with a decimal bound on a shape that holds only whole numbers.

use super::Event;
use crate::node::Value;
use crate::selector::Graph;

/// Shape types that hold whole numbers only.
const WHOLE: &[&str] = &["byte", "short", "integer", "long", "bigInteger", "intEnum"];

pub(super) fn validate(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for id in graph.ids() {
        let Some(traits) = graph.traits(id) else { continue };
        for (trait_id, name, event_id) in [("smithy.api#range", "range", "RangeTrait"), ("smithy.api#length", "length", "LengthTrait")] {
            let Some(value) = traits.get(trait_id) else { continue };
            let bound = |key: &str| value.get(key).and_then(|v| match v {
                Value::Number(n) => Some((n.as_str().to_owned(), n.as_f64().unwrap_or(f64::NAN))),
                _ => None,
            });
            let (min, max) = (bound("min"), bound("max"));
            if trait_id == "smithy.api#length" {
                for (key, found) in [("max", &max), ("min", &min)] {
                    if found.as_ref().is_some_and(|(_, n)| *n < 0.0) {
                        events.push(Event::error(
                            event_id,
                            id,
                            format!("A length trait is applied with a negative `{key}` value."),
                        ));
                    }
                }
            }
            if let (Some((_, min)), Some((_, max))) = (&min, &max) {
                if min > max {
                    events.push(Event::error(
                        event_id,
                        id,
                        format!("A {name} trait is applied with a `min` value greater than its `max` value."),
                    ));
                }
            }
            if trait_id != "smithy.api#range" {
                continue;
            }
            // A member is judged by its target.
            let member = graph.kind(id) == Some("member");
            let target = if member { graph.edges(id, false).first().map(|(_, t)| t.clone()) } else { Some(id.clone()) };
            let Some(target) = target else { continue };
            let Some(kind) = graph.kind(&target).filter(|k| WHOLE.contains(k)) else { continue };
            for (key, found) in [("max", &max), ("min", &min)] {
                let Some((text, number)) = found else { continue };
                if number.fract() != 0.0 {
                    let message = if member {
                        format!(
                            "Member `{id}` is marked with the `range` trait, but its `{key}` property is a decimal ({text}) \
                             when its target (`{target}`) does not support decimals."
                        )
                    } else {
                        format!(
                            "Shape `{id}` is marked with the `range` trait, but its `{key}` property is a decimal ({text}) \
                             when its shape (`{kind}`) does not support decimals."
                        )
                    };
                    events.push(Event::error("RangeTrait", id, message));
                }
            }
        }
    }
}
