//! HTTP bindings (smithy.io "HTTP binding traits"), for the protocols that
//! use them: each member's [`Location`] and each operation's [`Http`]. Whether
//! the bindings are consistent is judged by the validators (`validate::http`)
//! before the IR is built.

use std::collections::BTreeSet;

use crate::node::Value;
use smithy_runtime::protocol::http::{Segment, UriPattern};

use super::{has, Builder, Http, Location, Member, NamedKind, Operation, TimestampFormat};
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

    /// Gives greedy labels their flag; members of structures that are no operation's input, output
    /// or error go back to the body, as the specification says binding
    /// traits mean nothing there.
    pub(super) fn settle_http_bindings(&mut self, operations: &[Operation]) {
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
        // Whether the bindings fit (labels, payloads, headers, queries,
        // routes) is the validators' to judge, and `build` ran them.
        for op in operations {
            if let Some(http) = &op.http {
                self.mark_greedy_labels(op, http);
            }
        }
    }

    /// Marks the input members the URI's greedy labels bind.
    fn mark_greedy_labels(&mut self, op: &Operation, http: &Http) {
        let Some(NamedKind::Structure { members, .. }) =
            op.input.as_ref().and_then(|id| self.named.get_mut(id)).map(|s| &mut s.kind)
        else {
            return;
        };
        for segment in http.pattern.segments() {
            let (Segment::Label(name) | Segment::Greedy(name)) = segment else { continue };
            if let Some(m) = members.iter_mut().find(|m| m.name == *name && matches!(m.location, Location::Label { .. })) {
                m.location = Location::Label { greedy: matches!(segment, Segment::Greedy(_)) };
            }
        }
    }
}
