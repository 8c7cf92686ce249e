//! A service's closure (smithy.io, "Service closure" and "Service
//! rename"): the shapes a service reaches have case-insensitively unique
//! names, after its `rename`s, regardless of their namespaces; and each
//! rename gives a shape of the closure a new, valid name.

use std::collections::BTreeMap;

use super::{closure, Event, Severity};
use crate::load::is_identifier;
use crate::model::{Shape, Traits};
use crate::selector::Graph;

pub(super) fn validate(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (service_id, shape) in graph.shapes() {
        let Shape::Service(service) = shape else { continue };
        let closure = closure(graph, service_id);
        let name = |id: &str| -> String {
            service.rename.get(id).cloned().unwrap_or_else(|| id.split_once('#').map_or(id, |(_, n)| n).to_owned())
        };
        let mut by_name: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for id in closure.iter().filter(|id| !id.contains('$')) {
            by_name.entry(name(id).to_lowercase()).or_default().push(id);
        }
        for ids in by_name.values().filter(|ids| ids.len() > 1) {
            for subject in ids {
                for other in ids.iter().filter(|o| *o != subject) {
                    let Some(severity) = conflict(graph, subject, other) else { continue };
                    let named = match service.rename.get(*subject) {
                        Some(to) => format!("Renamed shape name \"{to}\""),
                        None => format!("Shape name `{subject}`"),
                    };
                    let renamed =
                        service.rename.get(*other).map(|to| format!("(renamed to \"{to}\") ")).unwrap_or_default();
                    let verb = if severity >= Severity::Danger { "must" } else { "should" };
                    events.push(Event::new(
                        severity,
                        "Service",
                        subject,
                        format!(
                            "{named} conflicts with `{other}` {renamed}in the `{service_id}` service closure. Shapes \
                             in the closure of a service {verb} have case-insensitively unique names regardless of \
                             their namespaces. Use the `rename` property of the service to disambiguate shape names."
                        ),
                    ));
                }
            }
        }
        for (from, to) in &service.rename {
            let old = from.split_once('#').map_or(from.as_str(), |(_, n)| n);
            if !is_identifier(to) {
                events.push(Event::error(
                    "Service",
                    service_id,
                    format!("Service attempts to rename `{from}` to an invalid identifier, \"{to}\""),
                ));
            } else if to == old {
                events.push(Event::error(
                    "Service",
                    service_id,
                    format!("Service rename for `{from}` does not actually change the name from `{to}`"),
                ));
            }
            if !closure.contains(from) {
                events.push(Event::error(
                    "Service",
                    service_id,
                    format!("Service attempts to rename a shape not in the service: {from}"),
                ));
            } else if let Some(kind @ ("member" | "resource" | "operation")) = graph.kind(from) {
                events.push(Event::error(
                    "Service",
                    service_id,
                    format!(
                        "Service attempts to rename a {kind} shape from `{from}` to \"{to}\"; {kind}s cannot be renamed"
                    ),
                ));
            }
        }
    }
}

fn traits_of<'g>(graph: &'g Graph<'_>, id: &str) -> Option<&'g Traits> {
    static EMPTY: Traits = Traits::new();
    match graph.traits(id) {
        Some(traits) => Some(traits),
        // Prelude shapes carry no traits that matter here, but for the
        // defaults of the `Primitive*` shapes, which differ from any shape.
        None if id.starts_with("smithy.api#Primitive") => None,
        None => Some(&EMPTY),
    }
}

/// How bad it is that two shapes of a closure share a name: `None` when
/// it cannot be judged; an ERROR unless both are simple shapes or lists
/// of one type with equal traits (a NOTE for simple shapes; for lists a
/// WARNING, or an ERROR when their members differ). Maps always conflict.
fn conflict(graph: &Graph<'_>, a: &str, b: &str) -> Option<Severity> {
    let (kind_a, kind_b) = (graph.kind(a)?, graph.kind(b)?);
    let collection = |k: &str| matches!(k, "list" | "set");
    let forbidden = |k: &str| !crate::model::SIMPLE_TYPES.contains(&k) && !collection(k);
    let same_traits = match (traits_of(graph, a), traits_of(graph, b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    };
    if forbidden(kind_a) || forbidden(kind_b) || kind_a != kind_b || !same_traits {
        return Some(Severity::Error);
    }
    if crate::model::SIMPLE_TYPES.contains(&kind_a) {
        return Some(Severity::Note);
    }
    let members = |id: &str| -> Vec<(String, String, Option<Traits>)> {
        graph
            .shapes()
            .get(id)
            .map(|s| {
                s.members().into_iter().map(|(n, m)| (n.to_owned(), m.target.clone(), Some(m.traits.clone()))).collect()
            })
            .unwrap_or_default()
    };
    let (ma, mb) = (members(a), members(b));
    let members_agree = ma.len() == mb.len()
        && ma.iter().zip(&mb).all(|((na, ta, tra), (nb, tb, trb))| {
            na == nb && tra == trb && (ta == tb || conflict(graph, ta, tb).is_some_and(|s| s < Severity::Warning))
        });
    Some(if members_agree { Severity::Warning } else { Severity::Error })
}
