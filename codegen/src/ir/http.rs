//! HTTP bindings (smithy.io "HTTP binding traits"), for the protocols that
//! use them: each member's [`Location`], each operation's [`Http`], and the
//! checks that make the bindings of an operation's input, output and errors
//! consistent. Problems are model errors naming the shape or member.

use std::collections::{BTreeMap, BTreeSet};

use crate::node::Value;
use smithy_runtime::protocol::http::{Segment, UriPattern};

use super::{has, Builder, Http, Location, Member, NamedKind, Operation, TimestampFormat, Type};
use crate::model::{Shape, Traits};

/// The binding traits, with the location each gives a member.
const BINDING_TRAITS: &[&str] = &[
    "smithy.api#httpLabel",
    "smithy.api#httpQuery",
    "smithy.api#httpQueryParams",
    "smithy.api#httpHeader",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#httpPayload",
    "smithy.api#httpResponseCode",
];

impl Member {
    /// Where the member goes in a request: `@httpResponseCode` means
    /// nothing there, so such a member is in the body.
    pub fn request_location(&self) -> &Location {
        match &self.location {
            Location::ResponseCode => &Location::Body,
            other => other,
        }
    }

    /// Where the member goes in a response: labels and query parameters
    /// mean nothing there, so such members are in the body.
    pub fn response_location(&self) -> &Location {
        match &self.location {
            Location::Label { .. } | Location::Query(_) | Location::QueryParams => &Location::Body,
            other => other,
        }
    }
}

fn parse_format(value: Option<&Value>) -> Option<TimestampFormat> {
    match value?.as_str()? {
        "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
        "date-time" => Some(TimestampFormat::DateTime),
        "http-date" => Some(TimestampFormat::HttpDate),
        _ => None,
    }
}

impl Builder<'_> {
    /// The location the member's binding trait gives it.
    pub(super) fn location(&mut self, member_id: &str, traits: &Traits) -> Location {
        let found: Vec<&str> = BINDING_TRAITS.iter().copied().filter(|t| has(traits, t)).collect();
        if found.len() > 1 {
            self.diags.push(member_id, format!("a member takes one HTTP binding trait, found {}", found.join(", ")));
        }
        let name = |builder: &mut Self, key: &str| -> String {
            match traits.get(key).and_then(Value::as_str).filter(|n| !n.is_empty()) {
                Some(name) => name.to_owned(),
                None => {
                    builder.diags.push(member_id, format!("`{key}` needs a non-empty name"));
                    String::new()
                }
            }
        };
        match found.first().copied() {
            None => Location::Body,
            Some("smithy.api#httpLabel") => Location::Label { greedy: false },
            Some("smithy.api#httpQuery") => Location::Query(name(self, "smithy.api#httpQuery")),
            Some("smithy.api#httpQueryParams") => Location::QueryParams,
            Some("smithy.api#httpHeader") => Location::Header(name(self, "smithy.api#httpHeader").to_ascii_lowercase()),
            Some("smithy.api#httpPrefixHeaders") => {
                // An empty prefix binds every header.
                let prefix = traits.get("smithy.api#httpPrefixHeaders").and_then(Value::as_str).unwrap_or_default();
                Location::PrefixHeaders(prefix.to_ascii_lowercase())
            }
            Some("smithy.api#httpPayload") => Location::Payload,
            _ => Location::ResponseCode,
        }
    }

    /// The timestamp format of a member as text: its own or its target's
    /// `@timestampFormat` (for a list, its member's), else the location's
    /// default.
    pub(super) fn text_timestamp(&self, traits: &Traits, target: &str, location: &Location) -> TimestampFormat {
        let target_traits = |id: &str| self.shapes.get(id).map(Shape::traits);
        let explicit = parse_format(traits.get("smithy.api#timestampFormat"))
            .or_else(|| parse_format(target_traits(target).and_then(|t| t.get("smithy.api#timestampFormat"))))
            .or_else(|| match self.shapes.get(target) {
                Some(Shape::List(list)) => list.member.as_ref().and_then(|member| {
                    parse_format(member.traits.get("smithy.api#timestampFormat"))
                        .or_else(|| parse_format(target_traits(&member.target).and_then(|t| t.get("smithy.api#timestampFormat"))))
                }),
                _ => None,
            });
        explicit.unwrap_or(match location {
            Location::Header(_) | Location::PrefixHeaders(_) => TimestampFormat::HttpDate,
            Location::Label { .. } | Location::Query(_) | Location::QueryParams => TimestampFormat::DateTime,
            _ => TimestampFormat::EpochSeconds,
        })
    }

    /// An operation's `@http`, required by HTTP-bound protocols.
    pub(super) fn http(&mut self, op_id: &str, traits: &Traits) -> Option<Http> {
        let Some(value) = traits.get("smithy.api#http") else {
            self.diags.push(op_id, "the protocol binds operations to HTTP requests, so the operation needs `@http(method: ..., uri: ...)`");
            return None;
        };
        let method = value.get("method").and_then(Value::as_str).filter(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_alphabetic()));
        let uri = value.get("uri").and_then(Value::as_str);
        let (Some(method), Some(uri)) = (method, uri) else {
            self.diags.push(op_id, format!("`@http` needs a `method` (letters) and a `uri`, found {value}"));
            return None;
        };
        let code = match value.get("code") {
            None => 200,
            Some(code) => match code.as_u64().filter(|c| (100..=599).contains(c)) {
                Some(code) => code as u16,
                None => {
                    self.diags.push(op_id, format!("`@http` code must be an HTTP status, found {code}"));
                    return None;
                }
            },
        };
        match UriPattern::parse(uri) {
            Ok(pattern) => Some(Http { method: method.to_ascii_uppercase(), uri: uri.to_owned(), pattern, code }),
            Err(e) => {
                self.diags.push(op_id, e);
                None
            }
        }
    }

    /// Checks every operation's bindings and gives greedy labels their
    /// flag; members of structures that are no operation's input, output
    /// or error go back to the body, as the specification says binding
    /// traits mean nothing there.
    pub(super) fn check_http_bindings(&mut self, operations: &[Operation]) {
        let inputs: BTreeSet<&str> = operations.iter().filter_map(|o| o.input.as_deref()).collect();
        let responses: BTreeSet<&str> =
            operations.iter().flat_map(|o| o.output.iter().chain(&o.errors)).map(String::as_str).collect();
        for (id, shape) in &mut self.named {
            let NamedKind::Structure { members, .. } = &mut shape.kind else { continue };
            let (request, response) = (inputs.contains(id.as_str()), responses.contains(id.as_str()));
            for m in members.iter_mut() {
                // A binding that means nothing in every direction the
                // structure is used in leaves the member in the body.
                let in_body = match (request, response) {
                    (false, false) => true,
                    (true, false) => *m.request_location() == Location::Body,
                    (false, true) => *m.response_location() == Location::Body,
                    (true, true) => false,
                };
                if in_body {
                    m.location = Location::Body;
                }
            }
        }
        let mut routes: BTreeMap<RouteKey, &str> = BTreeMap::new();
        for op in operations {
            let Some(http) = &op.http else { continue };
            // Two operations must not claim the same requests.
            let shape: Vec<Segment> = http
                .pattern
                .segments()
                .iter()
                .map(|s| match s {
                    Segment::Literal(text) => Segment::Literal(text.clone()),
                    Segment::Label(_) => Segment::Label(String::new()),
                    Segment::Greedy(_) => Segment::Greedy(String::new()),
                })
                .collect();
            let mut query = http.pattern.query_literals().to_vec();
            query.sort();
            if let Some(other) = routes.insert((http.method.clone(), shape, query), &op.id) {
                self.diags.push(&op.id, format!("`@http({} {})` conflicts with the route of `{other}`", http.method, http.uri));
            }
            self.check_labels(op, http);
        }
        for id in inputs {
            self.check_structure(id, true);
        }
        for id in responses {
            self.check_structure(id, false);
        }
    }

    /// The URI pattern's labels against the input's `@httpLabel` members.
    fn check_labels(&mut self, op: &Operation, http: &Http) {
        let labels: Vec<(&str, bool)> = http
            .pattern
            .segments()
            .iter()
            .filter_map(|s| match s {
                Segment::Label(name) => Some((name.as_str(), false)),
                Segment::Greedy(name) => Some((name.as_str(), true)),
                Segment::Literal(_) => None,
            })
            .collect();
        let mut problems = Vec::new();
        let members = match op.input.as_ref().and_then(|id| self.named.get_mut(id)).map(|s| &mut s.kind) {
            Some(NamedKind::Structure { members, .. }) => Some(members),
            _ => None,
        };
        let Some(members) = members else {
            for (name, _) in labels {
                problems.push((op.id.clone(), format!("the URI `{}` has the label `{{{name}}}` but the operation has no input", http.uri)));
            }
            self.push_all(problems);
            return;
        };
        for (name, greedy) in &labels {
            match members.iter_mut().find(|m| m.name == *name) {
                Some(m) if matches!(m.location, Location::Label { .. }) => {
                    m.location = Location::Label { greedy: *greedy };
                    if !m.required {
                        problems.push((m.id.clone(), format!("the `@httpLabel` member for `{{{name}}}` must be `@required`")));
                    }
                    if *greedy && m.ty != Some(Type::String) {
                        problems.push((m.id.clone(), format!("the greedy label `{{{name}+}}` must bind a string")));
                    }
                }
                _ => problems.push((
                    op.id.clone(),
                    format!("the URI `{}` has the label `{{{name}}}`, which needs an input member `{name}` with `@httpLabel`", http.uri),
                )),
            }
        }
        for m in members.iter() {
            if matches!(m.location, Location::Label { .. }) && !labels.iter().any(|(name, _)| *name == m.name) {
                problems.push((m.id.clone(), format!("`@httpLabel` member has no `{{{}}}` in the URI `{}`", m.name, http.uri)));
            }
        }
        self.push_all(problems);
    }

    fn push_all(&mut self, problems: Vec<(String, String)>) {
        for (at, message) in problems {
            self.diags.push(&at, message);
        }
    }

    /// The bindings of one input (`request`) or output or error structure.
    fn check_structure(&mut self, id: &str, request: bool) {
        let Some(NamedKind::Structure { members, .. }) = self.named.get(id).map(|s| &s.kind) else { return };
        let mut problems = Vec::new();
        let located = members.iter().map(|m| (m, if request { m.request_location() } else { m.response_location() }));
        let payloads: Vec<&Member> = located.clone().filter(|(_, l)| **l == Location::Payload).map(|(m, _)| m).collect();
        let body: Vec<&Member> = located.clone().filter(|(_, l)| **l == Location::Body).map(|(m, _)| m).collect();
        if payloads.len() > 1 {
            let names: Vec<&str> = payloads.iter().map(|m| m.name.as_str()).collect();
            problems.push((id.to_owned(), format!("only one member can be the `@httpPayload`, found {}", names.join(", "))));
        }
        if let (Some(payload), false) = (payloads.first(), body.is_empty()) {
            let names: Vec<&str> = body.iter().map(|m| m.name.as_str()).collect();
            problems.push((
                payload.id.clone(),
                format!("the `@httpPayload` is the whole body, so no other member can be in the body; unbound: {}", names.join(", ")),
            ));
        }
        let mut headers = BTreeMap::new();
        let mut queries = BTreeMap::new();
        for (m, location) in located {
            let Some(ty) = &m.ty else { continue };
            let kind = self.kind(ty);
            let ok = match location {
                Location::Body => true,
                Location::Label { .. } => kind == Kind::Scalar,
                Location::Query(name) => {
                    if let Some(other) = queries.insert(name.clone(), &m.name) {
                        problems.push((m.id.clone(), format!("the query parameter `{name}` is also bound to `{other}`")));
                    }
                    matches!(kind, Kind::Scalar | Kind::ScalarList)
                }
                Location::QueryParams => matches!(ty, Type::Map { value, .. } if matches!(self.kind(value), Kind::Scalar | Kind::ScalarList)),
                Location::Header(name) => {
                    if let Some(other) = headers.insert(name.clone(), &m.name) {
                        problems.push((m.id.clone(), format!("the header `{name}` is also bound to `{other}`")));
                    }
                    matches!(kind, Kind::Scalar | Kind::ScalarList | Kind::Blob)
                }
                Location::PrefixHeaders(_) => matches!(ty, Type::Map { value, .. } if **value == Type::String),
                Location::Payload => !matches!(kind, Kind::ScalarList | Kind::Other),
                Location::ResponseCode => *ty == Type::Integer,
            };
            if !ok {
                problems.push((m.id.clone(), format!("a member bound as {location:?} cannot have the type {ty:?}")));
            }
        }
        self.push_all(problems);
    }

    fn kind(&self, ty: &Type) -> Kind {
        match ty {
            Type::Blob => Kind::Blob,
            Type::Document => Kind::Json,
            Type::List { member, .. } if self.kind(member) == Kind::Scalar => Kind::ScalarList,
            Type::List { .. } | Type::Map { .. } => Kind::Other,
            Type::Named(id) => match self.named.get(id).map(|s| &s.kind) {
                Some(NamedKind::Enum { .. } | NamedKind::IntEnum { .. }) => Kind::Scalar,
                _ => Kind::Json,
            },
            _ => Kind::Scalar,
        }
    }
}

/// What two operations' routes must not share: the method, the segments
/// (labels unnamed) and the query literals, sorted.
type RouteKey = (String, Vec<Segment>, Vec<(String, Option<String>)>);

/// What a binding can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A string, number, boolean, timestamp or enum.
    Scalar,
    /// A list of those.
    ScalarList,
    /// A blob.
    Blob,
    /// A structure, union or document: JSON.
    Json,
    /// Lists of non-scalars and maps.
    Other,
}
