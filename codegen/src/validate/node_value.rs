//! A node value against the shape it is a value of (smithy.io, "Trait
//! node values" and "Default value constraints"): the node type each shape
//! type takes, required and unknown members, enum values, whole numbers
//! that fit their type, and the `@range`, `@length`, `@pattern` and
//! `@idRef` constraints of the member and of its target. Trait values and
//! `@default` values are both judged here.

use std::fmt::Write as _;
use std::sync::OnceLock;

use super::{node_type, Severity};
use crate::load::is_shape_id;
use crate::model::{Member, Model, Shape, Traits};
use crate::node::Value;
use crate::selector::{Graph, Selector};

/// The prelude's trait value shapes, written in `prelude_values.smithy`.
const VALUES_NAMESPACE: &str = "smithy.api.values";

/// The prelude's authentication scheme traits (`@authDefinition`).
const PRELUDE_AUTH: &[&str] = &["httpApiKeyAuth", "httpBasicAuth", "httpBearerAuth", "httpDigestAuth"];

/// Values nest at most this deep; deeper is reported, not walked.
const MAX_DEPTH: usize = 64;

fn prelude_values() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        crate::load_str("prelude_values.smithy", include_str!("prelude_values.smithy"))
            .expect("the prelude's value shapes load")
    })
}

/// The prelude's value shapes by name (`length` for
/// `smithy.api.values#length`), for the lookups every value makes.
fn prelude_values_by_name() -> &'static std::collections::HashMap<&'static str, &'static Shape> {
    static BY_NAME: OnceLock<std::collections::HashMap<&'static str, &'static Shape>> = OnceLock::new();
    BY_NAME.get_or_init(|| {
        prelude_values().shapes.iter().filter_map(|(id, shape)| Some((id.split_once('#')?.1, shape))).collect()
    })
}

/// The shape that describes the value of trait `trait_id`, if there is
/// anything to check: the model's own definition, or the prelude's.
pub(super) fn trait_value_shape(graph: &Graph<'_>, trait_id: &str) -> Option<String> {
    if graph.shapes().contains_key(trait_id) {
        return Some(trait_id.to_owned());
    }
    let name = trait_id.strip_prefix("smithy.api#")?;
    let id = format!("{VALUES_NAMESPACE}#{name}");
    prelude_values().shapes.contains_key(&id).then_some(id)
}

/// Which constraint a range finding comes from: the member's own, or its
/// target's (Smithy reports these under their own event ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RangeOf {
    Member,
    Target,
}

/// One thing wrong with a value.
#[derive(Debug)]
pub(super) struct Finding {
    pub severity: Severity,
    /// Set for a value outside a `@range`.
    pub range: Option<RangeOf>,
    /// Set for a value of the wrong node type or outside its enum: a value
    /// a trait's own type could not even be built from.
    pub malformed: bool,
    /// Where in the value (`.0.name`), empty at its root.
    pub path: String,
    pub message: String,
}

/// Judges values against shapes of one model.
pub(super) struct Checker<'a, 'm> {
    graph: &'a Graph<'m>,
    /// The namespace relative shape ids in `@idRef` values resolve in.
    namespace: &'a str,
    pub findings: Vec<Finding>,
}

/// A shape found by id, in the model or among the prelude's values.
#[derive(Clone, Copy)]
enum Found<'a> {
    Shape(&'a Shape),
    /// A prelude simple shape, by type (`Primitive*` have defaults).
    Prelude(&'static str),
}

impl<'a, 'm> Checker<'a, 'm> {
    pub(super) fn new(graph: &'a Graph<'m>, namespace: &'a str) -> Self {
        Checker { graph, namespace, findings: Vec::new() }
    }

    /// Checks `value` against the shape or member `id`.
    pub(super) fn check(&mut self, id: &str, value: &Value) {
        self.value(id, value, &mut String::new(), 0);
    }

    fn find(&self, id: &str) -> Option<Found<'a>> {
        let (namespace, name) = id.split_once('#')?;
        // The prelude's shapes are never the model's.
        if namespace == "smithy.api" || namespace == VALUES_NAMESPACE {
            return match prelude_values_by_name().get(name) {
                Some(shape) => Some(Found::Shape(shape)),
                None if namespace == "smithy.api" => crate::load::prelude::shape_type(name).map(Found::Prelude),
                None => None,
            };
        }
        self.graph.shapes().get(id).map(Found::Shape)
    }

    fn error(&mut self, path: &str, message: String) {
        self.push(Severity::Error, None, false, path, message);
    }

    fn malformed(&mut self, path: &str, message: String) {
        self.push(Severity::Error, None, true, path, message);
    }

    fn push(&mut self, severity: Severity, range: Option<RangeOf>, malformed: bool, path: &str, message: String) {
        self.findings.push(Finding { severity, range, malformed, path: path.to_owned(), message });
    }

    /// A member's value: the member's own constraints, then its target's.
    fn member(&mut self, container: &str, name: &str, member: &Member, value: &Value, path: &mut String, depth: usize) {
        if !value.is_null() {
            self.constraints(&member.traits, Shown(container, Some(name)), value, path, RangeOf::Member);
        }
        self.value(&member.target, value, path, depth + 1);
    }

    fn value(&mut self, id: &str, value: &Value, path: &mut String, depth: usize) {
        if depth > MAX_DEPTH {
            self.error(path, format!("value nests deeper than {MAX_DEPTH} levels"));
            return;
        }
        if let Some((container, name)) = id.split_once('$') {
            if let Some(Found::Shape(shape)) = self.find(container) {
                if let Some(member) = shape.member(name) {
                    self.member(container, name, member, value, path, depth);
                }
            }
            return;
        }
        let shown = Shown(id, None);
        let found_shape = self.find(id);
        let (kind, traits) = match found_shape {
            Some(Found::Shape(shape)) => (shape.type_name(), Some(shape.traits())),
            Some(Found::Prelude(kind)) => (kind, None),
            None => return,
        };
        let expected = match kind {
            "structure" | "union" | "map" => "object",
            "list" | "set" => "array",
            "string" | "enum" | "blob" => "string",
            "boolean" => "boolean",
            "byte" | "short" | "integer" | "long" | "bigInteger" | "intEnum" | "bigDecimal" => "number",
            "float" | "double" => "number",
            // An epoch-seconds number or a date-time string.
            "timestamp" => {
                if !matches!(value, Value::Number(_) | Value::String(_)) && (!value.is_null() || depth == 0) {
                    self.malformed(
                        path,
                        format!("Expected a number or a string for a timestamp, but found {}.", node_type(value)),
                    );
                }
                return;
            }
            _ => return, // documents: any value
        };
        let found = node_type(value);
        let non_finite = matches!(kind, "float" | "double")
            && matches!(value, Value::String(s) if matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity"));
        if found != expected && !non_finite {
            // Null stands for an absent member, not for a whole value.
            if !value.is_null() || depth == 0 {
                self.malformed(path, format!("Expected {expected}, but found {found}."));
            }
            return;
        }
        if let Some(traits) = traits {
            self.constraints(traits, shown, value, path, RangeOf::Target);
        }
        let Some(Found::Shape(shape)) = found_shape else {
            self.number_fits(kind, value, path);
            return;
        };
        match (shape, value) {
            (Shape::Structure(s) | Shape::Union(s), Value::Object(entries)) => {
                if matches!(shape, Shape::Union(_)) && entries.len() != 1 {
                    self.error(
                        path,
                        format!("union value for `{shown}` must have exactly one member, found {}", entries.len()),
                    );
                }
                for (name, member) in &s.members {
                    if member.traits.contains_key("smithy.api#required") && !entries.contains_key(name) {
                        self.malformed(path, format!("Missing required structure member `{name}` for `{shown}`"));
                    }
                }
                for (name, item) in entries {
                    if let Some(member) = s.members.get(name) {
                        let mark = path.len();
                        path.push('.');
                        path.push_str(name);
                        self.member(id, name, member, item, path, depth + 1);
                        path.truncate(mark);
                    } else {
                        let message = format!("Invalid structure member `{name}` found for `{shown}`");
                        self.push(Severity::Warning, None, false, path, message);
                    }
                }
            }
            (Shape::List(list) | Shape::Set(list), Value::Array(items)) => {
                let Some(member) = &list.member else { return };
                for (index, item) in items.iter().enumerate() {
                    let mark = path.len();
                    let _ = write!(path, ".{index}");
                    self.member(id, "member", member, item, path, depth + 1);
                    path.truncate(mark);
                }
            }
            (Shape::Map(map), Value::Object(entries)) => {
                let (Some(key), Some(member)) = (&map.key, &map.value) else { return };
                for (name, item) in entries {
                    let mark = path.len();
                    path.push('.');
                    path.push_str(name);
                    self.member(id, "key", key, &Value::String(name.clone()), path, depth + 1);
                    self.member(id, "value", member, item, path, depth + 1);
                    path.truncate(mark);
                }
            }
            (Shape::Enum(s), Value::String(text)) => {
                let mut values: Vec<String> = s.members.iter().map(|(name, m)| enum_value(name, &m.traits)).collect();
                if !values.contains(text) {
                    values.sort();
                    let listed = values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
                    let message =
                        format!("String value provided for `{shown}` must be one of the following values: {listed}");
                    // A prelude trait whose whole value is one string is
                    // built whatever the string; one inside it may not be.
                    if depth == 0 {
                        self.error(path, message);
                    } else {
                        self.malformed(path, message);
                    }
                }
            }
            (Shape::IntEnum(s), Value::Number(n)) => {
                let known = s
                    .members
                    .values()
                    .any(|m| m.traits.get("smithy.api#enumValue").and_then(Value::as_number) == Some(n));
                if !known {
                    self.error(
                        path,
                        format!("Integer value provided for `{shown}` must be one of the values of the intEnum"),
                    );
                }
            }
            _ => self.number_fits(kind, value, path),
        }
    }

    /// A whole number within its type's bounds.
    fn number_fits(&mut self, kind: &str, value: &Value, path: &str) {
        let Value::Number(number) = value else { return };
        let bounds: (i128, i128) = match kind {
            "byte" => (i8::MIN.into(), i8::MAX.into()),
            "short" => (i16::MIN.into(), i16::MAX.into()),
            "integer" | "intEnum" => (i32::MIN.into(), i32::MAX.into()),
            "long" => (i64::MIN.into(), i64::MAX.into()),
            "bigInteger" => (i128::MIN, i128::MAX),
            _ => return,
        };
        match number.integer_text() {
            None => self.error(path, format!("{kind} value must be a whole number, but found {}", number.as_str())),
            Some(text) => {
                let fits = text.parse::<i128>().is_ok_and(|n| n >= bounds.0 && n <= bounds.1);
                if !fits && kind != "bigInteger" {
                    self.error(
                        path,
                        format!(
                            "{kind} value must be >= {} and <= {}, but found {}",
                            bounds.0,
                            bounds.1,
                            number.as_str()
                        ),
                    );
                }
            }
        }
    }

    /// The `@range`, `@length`, `@pattern` and `@idRef` of a member or shape.
    fn constraints(&mut self, traits: &Traits, shown: Shown<'_>, value: &Value, path: &str, of: RangeOf) {
        if let (Some(range), Some(number)) = (traits.get("smithy.api#range"), value.as_number()) {
            let found = number.as_f64();
            for (key, outside, words) in [
                ("min", (|v: f64, b: f64| v < b) as fn(f64, f64) -> bool, "greater than or equal to"),
                ("max", |v, b| v > b, "less than or equal to"),
            ] {
                let Some(bound) = range.get(key).and_then(Value::as_number) else {
                    continue;
                };
                if let (Some(v), Some(b)) = (found, bound.as_f64()) {
                    if outside(v, b) {
                        let message = format!(
                            "Value provided for `{shown}` must be {words} {}, but found {}",
                            bound.as_str(),
                            number.as_str()
                        );
                        self.push(Severity::Error, Some(of), false, path, message);
                    }
                }
            }
        }
        if let Some(length) = traits.get("smithy.api#length") {
            let (count, unit) = match value {
                Value::String(s) => (s.chars().count(), " characters"),
                Value::Array(items) => (items.len(), " items"),
                Value::Object(entries) => (entries.len(), " entries"),
                _ => (0, ""),
            };
            if !unit.is_empty() {
                let what = if unit == " characters" { "String value" } else { "Value" };
                let min = length.get("min").and_then(Value::as_u64);
                let max = length.get("max").and_then(Value::as_u64);
                if min.is_some_and(|m| (count as u64) < m) {
                    self.error(
                        path,
                        format!(
                            "{what} provided for `{shown}` must be >= {}{unit}, but the provided value is only {count}{unit}.",
                            min.unwrap_or_default()
                        ),
                    );
                }
                if max.is_some_and(|m| (count as u64) > m) {
                    self.error(
                        path,
                        format!(
                            "{what} provided for `{shown}` must be <= {}{unit}, but the provided value is {count}{unit}.",
                            max.unwrap_or_default()
                        ),
                    );
                }
            }
        }
        let Value::String(text) = value else { return };
        if let Some(pattern) = traits.get("smithy.api#pattern").and_then(Value::as_str) {
            // An invalid pattern is the pattern's own problem, reported where
            // the trait is checked, not by every value.
            if matches_pattern(pattern, text) == Some(false) {
                self.error(
                    path,
                    format!("String value provided for `{shown}` must match regular expression: {pattern}"),
                );
            }
        }
        if let Some(id_ref) = traits.get("smithy.api#idRef") {
            self.id_ref(id_ref, text, path);
        }
    }

    /// A shape id that must be well formed, and may have to exist and match
    /// a selector.
    fn id_ref(&mut self, id_ref: &Value, text: &str, path: &str) {
        let absolute = if text.contains('#') { text.to_owned() } else { format!("{}#{text}", self.namespace) };
        let (namespace, name) = absolute.split_once('#').unwrap_or_default();
        if !is_shape_id(&absolute) {
            // Not even an id: a prelude trait's value cannot be built.
            self.malformed(path, format!("Shape ID `{text}` is not a valid shape ID"));
            return;
        }
        let resolved =
            [absolute.clone(), format!("smithy.api#{name}")].into_iter().find(|id| self.graph.kind(id).is_some());
        let Some(resolved) = resolved else {
            // A namespace of which the model has nothing (trait definitions
            // Smithy ships, such as `aws.auth`) was not loaded, so nothing
            // in it can be said to be missing.
            let prefix = format!("{namespace}#");
            let loaded = self.graph.shapes().ids_from(&prefix).next().is_some_and(|id| id.starts_with(&prefix));
            if loaded && id_ref.get("failWhenMissing").and_then(Value::as_bool) == Some(true) {
                self.error(path, format!("Shape ID `{text}` was not found in the model"));
            }
            return;
        };
        if let Some(selector) = id_ref.get("selector").and_then(Value::as_str) {
            // The prelude's own traits are not in the graph: what selectors
            // ask of them is known here.
            let prelude = resolved.strip_prefix("smithy.api#").filter(|_| !self.graph.shapes().contains_key(&resolved));
            let matches = match (prelude, selector.trim()) {
                (Some(name), "[trait|authDefinition]") => PRELUDE_AUTH.contains(&name),
                (Some(name), "[trait|trait]") => name.starts_with(|c: char| c.is_ascii_lowercase()),
                _ => Selector::parse(selector).map_or(true, |parsed| self.graph.matches(&parsed, &resolved)),
            };
            {
                if !matches {
                    self.error(path, format!("Shape ID `{resolved}` does not match selector `{selector}`"));
                }
            }
        }
    }
}

/// Whether `text` matches `pattern`, `None` for a pattern that does not
/// compile. Compiled patterns are kept: a model applies few patterns to
/// many values.
pub(super) fn matches_pattern(pattern: &str, text: &str) -> Option<bool> {
    thread_local! {
        static PATTERNS: std::cell::RefCell<std::collections::HashMap<String, Option<regex_lite::Regex>>> =
            std::cell::RefCell::default();
    }
    PATTERNS.with(|patterns| {
        let mut patterns = patterns.borrow_mut();
        // Bounded, for a process that validates model after model.
        if patterns.len() > 1024 {
            patterns.clear();
        }
        let compiled = patterns.entry(pattern.to_owned()).or_insert_with(|| regex_lite::Regex::new(pattern).ok());
        compiled.as_ref().map(|re| re.is_match(text))
    })
}

/// An enum member's value: its `@enumValue`, else its name.
fn enum_value(name: &str, traits: &Traits) -> String {
    traits.get("smithy.api#enumValue").and_then(Value::as_str).unwrap_or(name).to_owned()
}

/// How an id is named in messages (written only when one is): the
/// prelude's value shapes under the prelude's namespace.
#[derive(Clone, Copy)]
struct Shown<'a>(&'a str, Option<&'a str>);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.strip_prefix(VALUES_NAMESPACE) {
            Some(rest) if rest.starts_with('#') => write!(f, "smithy.api{rest}")?,
            _ => f.write_str(self.0)?,
        }
        match self.1 {
            Some(member) => write!(f, "${member}"),
            None => Ok(()),
        }
    }
}
