//! Model validation (smithy.io, "Model validation"): validators that judge
//! a loaded model and report validation events, as Smithy's do. Loading
//! reads; this stage judges; the IR keeps only what generation needs.
//!
//! ```
//! let model = smithy_codegen::load_str("m.smithy", r#"
//!     $version: "2"
//!     namespace example
//!     @range(min: 1)
//!     string Name
//! "#).unwrap();
//! let events = smithy_codegen::validate::validate(&model);
//! assert_eq!(events[0].to_string(), "[ERROR] example#Name: Trait `range` cannot be applied to `example#Name`. \
//!     This trait may only be applied to shapes that match the following selector: :test(number, member > number) \
//!     | TraitTarget");
//! ```

mod constraints;
mod http;
mod metadata;
mod node_value;
mod operations;
mod prelude_traits;
mod protocols;
mod resources;
mod service;
mod shape_closures;
mod shapes;
mod streaming;
mod targets;
#[cfg(test)]
mod tests;
mod traits;
mod values;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::selector::Graph;
use crate::Model;

/// How serious an event is, least first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// An event a suppression or `@suppress` silenced.
    Suppressed,
    /// Information.
    Note,
    /// Something that may be a mistake.
    Warning,
    /// A likely mistake; the model is refused unless it is suppressed.
    Danger,
    /// The model is invalid.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Suppressed => "SUPPRESSED",
            Severity::Note => "NOTE",
            Severity::Warning => "WARNING",
            Severity::Danger => "DANGER",
            Severity::Error => "ERROR",
        })
    }
}

/// One validation event.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Event {
    /// The shape or member id the event is about (ordered first, so a
    /// sorted list reads shape by shape).
    pub shape: String,
    /// How serious it is.
    pub severity: Severity,
    /// The validator's event id, as Smithy names it (`TraitTarget`, ...).
    pub id: String,
    /// What is wrong.
    pub message: String,
    /// Where the shape (a member's container) was defined, when known.
    pub location: Option<crate::model::SourceLocation>,
}

impl Event {
    fn new(severity: Severity, id: &str, shape: &str, message: String) -> Self {
        Event { shape: shape.to_owned(), severity, id: id.to_owned(), message, location: None }
    }

    fn error(id: &str, shape: &str, message: String) -> Self {
        Self::new(Severity::Error, id, shape, message)
    }

    /// Whether the event refuses the model (ERROR or DANGER).
    pub fn is_refusal(&self) -> bool {
        self.severity >= Severity::Danger
    }
}

impl fmt::Display for Event {
    /// As Smithy prints events: `[ERROR] shape: message | EventId`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}: {} | {}", self.severity, self.shape, self.message, self.id)
    }
}

/// The operations bound into `service`'s closure (smithy.io, "Service
/// closure"), each with the shapes that bind it: the service, or a resource
/// bound to it directly or through other resources, by kind and id.
fn operation_binders(graph: &Graph<'_>, service: &str) -> BTreeMap<String, BTreeSet<(&'static str, String)>> {
    let mut parents: BTreeMap<String, BTreeSet<(&'static str, String)>> = BTreeMap::new();
    let mut stack = vec![service.to_owned()];
    let mut seen = BTreeSet::new();
    while let Some(binder) = stack.pop() {
        if !seen.insert(binder.clone()) {
            continue;
        }
        let kind = if graph.kind(&binder) == Some("service") { "service" } else { "resource" };
        for (label, target) in graph.edges(&binder, false).iter() {
            match *label {
                Some("resource") => stack.push(target.clone()),
                Some("create" | "put" | "read" | "update" | "delete" | "list" | "operation" | "collectionOperation") => {
                    parents.entry(target.clone()).or_default().insert((kind, binder.clone()));
                }
                _ => {}
            }
        }
    }
    parents
}

/// Every shape and member `root` reaches, but through traits (smithy.io,
/// "Shape closure").
fn closure(graph: &Graph<'_>, root: &str) -> BTreeSet<String> {
    closure_of(graph, vec![root.to_owned()])
}

/// Every shape and member any of `roots` reaches, but through traits.
fn closure_of(graph: &Graph<'_>, roots: Vec<String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(id) = stack.pop() {
        if seen.insert(id.clone()) {
            stack.extend(graph.edges(&id, false).iter().map(|(_, target)| target.clone()));
        }
    }
    seen
}

/// A node value's type, as messages name it.
fn node_type(value: &crate::node::Value) -> &'static str {
    use crate::node::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The operations bound into `service`'s closure.
fn contained_operations(graph: &Graph<'_>, service: &str) -> BTreeSet<String> {
    operation_binders(graph, service).into_keys().collect()
}

/// Unquoted shape ids in IDL node values that name no shape
/// (`SyntacticShapeIdTarget`, a DANGER, as Smithy's loader reports them).
fn syntactic_ids(model: &Model, events: &mut Vec<Event>) {
    for unresolved in &model.locations.unresolved_ids {
        let mut event = Event::new(
            Severity::Danger,
            "SyntacticShapeIdTarget",
            "-",
            format!(
                "Syntactic shape ID `{}` does not resolve to a valid shape ID: `{}`. Did you mean to quote this \
                 string? Are you missing a model file?",
                unresolved.text, unresolved.id
            ),
        );
        event.location = model.locations.at(unresolved.file, unresolved.offset);
        events.push(event);
    }
}

/// Runs every validator over `model`: the events, sorted by shape.
pub fn validate(model: &Model) -> Vec<Event> {
    let graph = Graph::new(model);
    let mut events = Vec::new();
    traits::validate(&graph, &mut events);
    targets::validate(&graph, &mut events);
    constraints::validate(&graph, &mut events);
    values::validate(&graph, &mut events);
    values::missing_defaults(&graph, &mut events);
    shapes::validate(&graph, &mut events);
    http::validate(&graph, &mut events);
    service::validate(&graph, &mut events);
    resources::validate(&graph, &mut events);
    operations::validate(&graph, &mut events);
    streaming::validate(&graph, &mut events);
    protocols::validate(&graph, &mut events);
    shape_closures::validate(&graph, &mut events);
    metadata::validators(&graph, &mut events);
    metadata::typed(&graph, &mut events);
    syntactic_ids(model, &mut events);
    metadata::apply(&graph, &mut events);
    for event in events.iter_mut().filter(|e| e.location.is_none()) {
        let shape = event.shape.split_once('$').map_or(event.shape.as_str(), |(s, _)| s);
        event.location = model.locations.get(shape);
    }
    // The prelude is Smithy's, not the model's: events about its shapes
    // are left out, as Smithy leaves them out.
    events.retain(|e| !crate::load::prelude::contains(e.shape.split_once('$').map_or(&e.shape, |(s, _)| s)));
    events.sort();
    events.dedup();
    events
}
