//! The HTTP binding validators (smithy.io, "HTTP binding traits"): every
//! operation of a service whose protocol binds HTTP has `@http`
//! (`HttpBindingsMissing`); no two operations of a service share a method
//! and URI (`HttpUriConflict`); greedy labels come once and last
//! (`HttpUriGreedyLabel`); status codes fit their meaning
//! (`HttpResponseCodeSemantics`); header names are tokens, allowed and
//! distinct (`HttpHeaderTrait`); query names are distinct and clear of the
//! URI's literals (`HttpQueryTrait`); URIs are ASCII (`HttpUriFormat`);
//! and methods are used as HTTP means them (`HttpMethodSemantics`).

use std::collections::BTreeMap;

use super::node_value::matches_pattern;
use super::protocols::protocols;
use super::{contained_operations, Event, Severity};
use crate::model::Shape;
use crate::node::Value;
use crate::selector::Graph;

/// Headers a member may not bind.
const BLOCKED_HEADERS: &[&str] = &[
    "authorization",
    "connection",
    "content-length",
    "expect",
    "host",
    "max-forwards",
    "proxy-authenticate",
    "server",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "www-authenticate",
    "x-forwarded-for",
];

pub(super) fn validate(graph: &Graph<'_>, events: &mut Vec<Event>) {
    services(graph, events);
    // The URIs of the operations each structure is the input of.
    let mut input_uris: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for (id, shape) in graph.shapes() {
        let (Shape::Operation(op), Some(uri)) =
            (shape, shape.traits().get("smithy.api#http").and_then(|h| h.get("uri")).and_then(Value::as_str))
        else {
            continue;
        };
        if let Some(input) = &op.input {
            input_uris.entry(&input.target).or_default().push((id, uri));
        }
    }
    for (id, shape) in graph.shapes() {
        let traits = shape.traits();
        if let Some(http) = traits.get("smithy.api#http") {
            let uri = http.get("uri").and_then(Value::as_str).unwrap_or_default();
            if !uri.is_ascii() {
                events.push(Event::error("HttpUriFormat", id, format!("@http trait `uri` is invalid: {uri}")));
            }
            greedy_labels(id, uri, events);
            if let Shape::Operation(op) = shape {
                let input = op.input.as_ref().map(|t| t.target.as_str()).filter(|t| *t != "smithy.api#Unit");
                if let Some(method) = http.get("method").and_then(Value::as_str) {
                    method_semantics(graph, id, traits, method, input, events);
                }
                labels(graph, id, uri, op.input.as_ref().map(|t| t.target.as_str()), events);
                for (structure, request) in [(&op.input, true), (&op.output, false)] {
                    if let Some(structure) = structure.as_ref().map(|t| t.target.as_str()) {
                        payload(graph, structure, request, events);
                    }
                }
            }
            if let Some(code) = http.get("code").and_then(Value::as_i64) {
                if !(200..300).contains(&code) {
                    events.push(Event::new(
                        Severity::Danger,
                        "HttpResponseCodeSemantics",
                        id,
                        format!("Expected an `http` code in the 2xx range, but found {code}"),
                    ));
                }
            }
        }
        if let (Some(code), Some(kind)) = (
            traits.get("smithy.api#httpError").and_then(Value::as_i64),
            traits.get("smithy.api#error").and_then(Value::as_str),
        ) {
            let (range, fits) = if kind == "client" {
                ("4xx", (400..500).contains(&code))
            } else {
                ("5xx", (500..600).contains(&code))
            };
            if !fits {
                events.push(Event::new(
                    Severity::Danger,
                    "HttpResponseCodeSemantics",
                    id,
                    format!("Expected an `httpError` code in the {range} range for a `{kind}` error, but found {code}"),
                ));
            }
        }
        if let Some(endpoint) = traits.get("smithy.api#endpoint") {
            if let Shape::Operation(op) = shape {
                host_labels(graph, id, endpoint, op.input.as_ref().map(|t| t.target.as_str()), events);
            }
        }
        if traits.contains_key("smithy.api#error") {
            payload(graph, id, false, events);
        }
        if matches!(shape, Shape::Structure(_)) {
            headers(id, shape, events);
            prefix_headers(id, shape, events);
            queries(id, shape, input_uris.get(id.as_str()).map_or(&[], Vec::as_slice), events);
        }
    }
}

/// What a standard HTTP method means (RFC 9110): safe methods are
/// `@readonly`, DELETE and PUT `@idempotent`, and GET, HEAD, DELETE and
/// TRACE requests carry no payload many clients would send. Only a
/// payload is a DANGER; the rest are warnings (`HttpMethodSemantics`).
fn method_semantics(
    graph: &Graph<'_>,
    id: &str,
    traits: &crate::model::Traits,
    method: &str,
    input: Option<&str>,
    events: &mut Vec<Event>,
) {
    let upper = method.to_ascii_uppercase();
    // (readonly, idempotent, allows a payload); `None`: either is fine.
    let (readonly, idempotent, payload) = match upper.as_str() {
        "GET" | "HEAD" | "TRACE" => (Some(true), Some(false), false),
        "OPTIONS" => (Some(true), Some(false), true),
        "POST" | "PATCH" => (Some(false), None, true),
        "DELETE" => (Some(false), Some(true), false),
        "PUT" => (Some(false), Some(true), true),
        _ => return,
    };
    let mut warn = |event_id: String, message: String| {
        events.push(Event::new(Severity::Warning, &event_id, id, message));
    };
    if method != upper {
        warn(
            "HttpMethodSemantics".to_owned(),
            format!("This operation uses the `{method}` method in the `http` trait, but expected `{upper}`."),
        );
    }
    if upper == "OPTIONS" {
        warn(
            "HttpMethodSemantics.OPTIONS".to_owned(),
            "OPTIONS requests are typically used as part of CORS and should not be modeled explicitly. They are an \
             implementation detail that should not appear in generated client or server code. Instead, tooling should \
             use the `cors` trait on a service to automatically configure CORS on clients and servers. It is the \
             responsibility of service frameworks and API gateways to automatically manage OPTIONS requests. For \
             example, OPTIONS requests are automatically created when using Smithy models with Amazon API Gateway."
                .to_owned(),
        );
    }
    for (expected, trait_name, missing, unnecessary) in [
        (readonly, "readonly", "MissingReadonlyTrait", "UnnecessaryReadonlyTrait"),
        (idempotent, "idempotent", "MissingIdempotentTrait", "UnnecessaryIdempotentTrait"),
    ] {
        let has = traits.contains_key(&format!("smithy.api#{trait_name}"));
        if expected.is_some_and(|expected| expected != has) {
            warn(
                format!("HttpMethodSemantics.{}", if has { unnecessary } else { missing }),
                format!(
                    "This operation uses the `{upper}` method in the `http` trait, but {} marked with the {trait_name} \
                     trait",
                    if has { "is" } else { "is not" }
                ),
            );
        }
    }
    if payload {
        return;
    }
    let members = input.and_then(|i| graph.shapes().get(i)).map(Shape::members).unwrap_or_default();
    // A member bound several ways is bound by the first of the list.
    let binding = |m: &crate::model::Member| REQUEST_BINDINGS.iter().copied().find(|t| m.traits.contains_key(*t));
    let payload_member = members.iter().find(|(_, m)| binding(m) == Some("smithy.api#httpPayload"));
    let document: Vec<&str> = members
        .iter()
        .filter(|(_, m)| binding(m).is_none())
        .map(|(name, _)| *name)
        .collect();
    let message = match (payload_member, document.is_empty()) {
        (Some((name, _)), _) => format!(
            "This operation uses the `{upper}` method in the `http` trait, but the `{name}` member is sent as the \
             payload of the request because it is marked with the `httpPayload` trait. Many HTTP clients do not \
             support payloads with {upper} requests. Consider binding this member to other parts of the HTTP request \
             such as a query string parameter using the `httpQuery` trait, a header using the `httpHeader` trait, or \
             a path segment using the `httpLabel` trait."
        ),
        (None, false) => format!(
            "This operation uses the `{upper}` method in the `http` trait, but the following members are sent as part \
             of the payload of the request: {}. These members are sent as part of the payload because they are not \
             explicitly configured to be sent in headers, in the query string, or in a URI segment. Many HTTP clients \
             do not support payloads with {upper} requests. Consider binding these members to other parts of the HTTP \
             request such as query string parameters using the `httpQuery` trait, headers using the `httpHeader` \
             trait, or URI segments using the `httpLabel` trait.",
            ticked(&document)
        ),
        (None, true) => return,
    };
    events.push(Event::new(Severity::Danger, "HttpMethodSemantics.UnexpectedPayload", id, message));
}

/// A URI pattern's path segments: literals, labels and greedy labels.
#[derive(Clone, Debug, PartialEq)]
enum Segment<'a> {
    Literal(&'a str),
    Label(&'a str),
    Greedy(&'a str),
}

impl Segment<'_> {
    fn is_label(&self) -> bool {
        !matches!(self, Segment::Literal(_))
    }
}

fn segments(path: &str, delimiter: char) -> Vec<Segment<'_>> {
    path.split(delimiter)
        .filter(|s| !s.is_empty())
        .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(label) => match label.strip_suffix('+') {
                Some(greedy) => Segment::Greedy(greedy),
                None => Segment::Label(label),
            },
            None => Segment::Literal(s),
        })
        .collect()
}

/// A URI's path segments and its query literals (`?key` or `?key=value`).
fn parse_uri(uri: &str) -> (Vec<Segment<'_>>, BTreeMap<&str, &str>) {
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let literals = query.split('&').filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap_or((p, ""))).collect();
    (segments(path, '/'), literals)
}

fn greedy_labels(id: &str, uri: &str, events: &mut Vec<Event>) {
    let (segments, _) = parse_uri(uri);
    for (i, segment) in segments.iter().enumerate() {
        if !matches!(segment, Segment::Greedy(_)) {
            continue;
        }
        for later in &segments[i + 1..] {
            if matches!(later, Segment::Greedy(_)) {
                events.push(Event::new(
                    Severity::Danger,
                    "HttpUriGreedyLabel.MultipleGreedyLabels",
                    id,
                    format!("At most one greedy label segment may exist in a pattern: {uri}"),
                ));
            }
            if later.is_label() {
                events.push(Event::new(
                    Severity::Danger,
                    "HttpUriGreedyLabel.GreedyLabelIsNotLastLabel",
                    id,
                    format!("A greedy label must be the last label in its pattern: {uri}"),
                ));
            }
        }
    }
}

/// Whether two URIs match the same requests: segment by segment a label
/// for a label, a greedy label for a greedy label, the same literal; and
/// the same query literals.
fn uris_conflict(a: &str, b: &str) -> bool {
    let ((a_path, a_query), (b_path, b_query)) = (parse_uri(a), parse_uri(b));
    a_path.len() == b_path.len()
        && a_path.iter().zip(&b_path).all(|pair| match pair {
            (Segment::Greedy(_), Segment::Greedy(_)) | (Segment::Label(_), Segment::Label(_)) => true,
            (Segment::Literal(x), Segment::Literal(y)) => x == y,
            _ => false,
        })
        && a_query == b_query
}

/// Whether two operations' `@endpoint` host prefixes can reach the same
/// host: neither has one, or both do and no segment where one has a label
/// and the other a literal is kept apart by the label member's `@pattern`.
fn endpoints_conflict(graph: &Graph<'_>, a: &str, b: &str) -> bool {
    let prefix = |id: &str| {
        graph.traits(id)?.get("smithy.api#endpoint")?.get("hostPrefix").and_then(Value::as_str).map(str::to_owned)
    };
    let (Some(a_prefix), Some(b_prefix)) = (prefix(a), prefix(b)) else {
        return prefix(a).is_none() && prefix(b).is_none();
    };
    let (a_segments, b_segments) = (segments(&a_prefix, '.'), segments(&b_prefix, '.'));
    let mut differing = Vec::new();
    for (x, y) in a_segments.iter().zip(&b_segments) {
        match (x, y) {
            (Segment::Literal(x), Segment::Literal(y)) if x != y => break,
            (x, y)
                if x.is_label() != y.is_label()
                    || matches!(x, Segment::Greedy(_)) != matches!(y, Segment::Greedy(_)) =>
            {
                differing.push((x.clone(), y.clone()));
            }
            _ => {}
        }
    }
    // Smithy reads "no differing segment" as the same prefix.
    if differing.is_empty() {
        return true;
    }
    let kept_apart = differing.iter().all(|pair| {
        let (operation, label, literal) = match pair {
            (Segment::Literal(literal), Segment::Label(label) | Segment::Greedy(label)) => (b, label, literal),
            (Segment::Label(label) | Segment::Greedy(label), Segment::Literal(literal)) => (a, label, literal),
            _ => return false,
        };
        let pattern = input_member(graph, operation, label)
            .and_then(|member| graph.traits(&member)?.get("smithy.api#pattern")?.as_str().map(str::to_owned));
        pattern.and_then(|p| matches_pattern(&p, literal)) == Some(false)
    });
    !kept_apart
}

/// The member `name` of an operation's input, by id.
fn input_member(graph: &Graph<'_>, operation: &str, name: &str) -> Option<String> {
    let Some(Shape::Operation(op)) = graph.shapes().get(operation) else { return None };
    let input = &op.input.as_ref()?.target;
    graph.shapes().get(input)?.member(name).map(|_| format!("{input}${name}"))
}

/// The protocol trait of `service` whose definition binds `@http`.
fn http_protocol(graph: &Graph<'_>, service: &Shape) -> Option<String> {
    protocols(graph, service).into_iter().find(|p| p.traits.iter().any(|t| t == "smithy.api#http")).map(|p| p.id)
}

/// `HttpBindingsMissing` and `HttpUriConflict`, service by service.
fn services(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (service_id, service) in graph.shapes() {
        if !matches!(service, Shape::Service(_)) {
            continue;
        }
        let operations = contained_operations(graph, service_id);
        let has_http = |op: &str| graph.traits(op).is_some_and(|t| t.contains_key("smithy.api#http"));
        let protocol = http_protocol(graph, service);
        if protocol.is_some() || operations.iter().any(|op| has_http(op)) {
            let (severity, reason) = match &protocol {
                Some(protocol) => (Severity::Error, format!("The `{protocol}` protocol requires all")),
                None => (Severity::Warning, "One or more".to_owned()),
            };
            for operation in operations.iter().filter(|op| !has_http(op)) {
                events.push(Event::new(
                    severity,
                    "HttpBindingsMissing",
                    operation,
                    format!(
                        "{reason} operations in the `{service_id}` service define the `http` trait, but this \
                         operation is missing the `http` trait."
                    ),
                ));
            }
        }
        let bound: Vec<(&String, &str, &str)> = operations
            .iter()
            .filter_map(|op| {
                let http = graph.traits(op)?.get("smithy.api#http")?;
                Some((op, http.get("method")?.as_str()?, http.get("uri")?.as_str()?))
            })
            .collect();
        for (op, method, uri) in &bound {
            let conflicts: Vec<String> = bound
                .iter()
                .filter(|(other, other_method, other_uri)| {
                    other != op
                        && other_method == method
                        && uris_conflict(uri, other_uri)
                        && endpoints_conflict(graph, op, other)
                })
                .map(|(other, _, other_uri)| format!("`{other}` ({other_uri})"))
                .collect();
            if !conflicts.is_empty() {
                events.push(Event::error(
                    "HttpUriConflict",
                    op,
                    format!(
                        "Operation URI, `{uri}`, conflicts with other operation URIs in the same service: [{}]",
                        conflicts.join(", ")
                    ),
                ));
            }
        }
    }
}

/// Every `@httpLabel` member has a label in the URI, a greedy one only if
/// it targets a string; every label of the URI has its member.
fn labels(graph: &Graph<'_>, id: &str, uri: &str, input: Option<&str>, events: &mut Vec<Event>) {
    let (segments, _) = parse_uri(uri);
    let mut unbound: Vec<&str> = segments
        .iter()
        .filter_map(|s| match s {
            Segment::Label(l) | Segment::Greedy(l) => Some(*l),
            Segment::Literal(_) => None,
        })
        .collect();
    let input_shape = input.filter(|i| *i != "smithy.api#Unit").and_then(|i| graph.shapes().get(i));
    for (name, member) in input_shape.map(Shape::members).unwrap_or_default() {
        if !member.traits.contains_key("smithy.api#httpLabel") {
            continue;
        }
        unbound.retain(|l| *l != name);
        let member_id = format!("{}${name}", input.unwrap_or_default());
        match segments.iter().find(|s| matches!(s, Segment::Label(l) | Segment::Greedy(l) if *l == name)) {
            None => events.push(Event::error(
                "HttpLabelTrait",
                &member_id,
                format!(
                    "This `{name}` structure member is marked with the `httpLabel` trait, but no corresponding `http` \
                     URI label could be found when used as the input of the `{id}` operation."
                ),
            )),
            Some(Segment::Greedy(_)) if graph.kind(&member.target).is_some_and(|k| !matches!(k, "string" | "enum")) => {
                events.push(Event::error(
                    "HttpLabelTrait",
                    &member_id,
                    format!(
                        "The `{name}` structure member corresponds to a greedy label when used as the input of the \
                         `{id}` operation. This member targets {}, but greedy labels must target string shapes.",
                        member.target
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    if !unbound.is_empty() {
        let listed: Vec<String> = unbound.iter().map(|l| format!("`{l}`")).collect();
        events.push(Event::error(
            "HttpLabelTrait",
            id,
            format!(
                "This operation uses `{}` as input, but the following URI labels found in the operation's `http` \
                 trait do not have a corresponding member marked with the `httpLabel` trait: {}",
                input.unwrap_or("smithy.api#Unit"),
                listed.join(", ")
            ),
        ));
    }
}

/// The traits that bind a member to part of a request or a response; a
/// request member bound several ways is bound by the first of these, the
/// order Smithy's binding index tries them.
const REQUEST_BINDINGS: &[&str] = &[
    "smithy.api#httpHeader",
    "smithy.api#httpLabel",
    "smithy.api#httpQuery",
    "smithy.api#httpQueryParams",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#httpPayload",
];
const RESPONSE_BINDINGS: &[&str] =
    &["smithy.api#httpHeader", "smithy.api#httpPayload", "smithy.api#httpPrefixHeaders", "smithy.api#httpResponseCode"];

/// Beside an `@httpPayload` member, every member is bound elsewhere in the
/// message.
fn payload(graph: &Graph<'_>, structure: &str, request: bool, events: &mut Vec<Event>) {
    let Some(shape) = graph.shapes().get(structure) else { return };
    let members = shape.members();
    if !members.iter().any(|(_, m)| m.traits.contains_key("smithy.api#httpPayload")) {
        return;
    }
    let bindings = if request { REQUEST_BINDINGS } else { RESPONSE_BINDINGS };
    let mut unbound: Vec<&str> = members
        .iter()
        .filter(|(_, m)| !bindings.iter().any(|b| m.traits.contains_key(*b)))
        .map(|(name, _)| *name)
        .collect();
    if !unbound.is_empty() {
        unbound.sort_unstable();
        events.push(Event::error(
            "HttpPayload",
            structure,
            format!(
                "A member of this structure is marked with the `httpPayload` trait, but the following structure \
                 members are not explicitly bound to the HTTP message: {}",
                ticked(&unbound)
            ),
        ));
    }
}

/// No `@httpHeader` starts with an `@httpPrefixHeaders` prefix.
fn prefix_headers(id: &str, shape: &Shape, events: &mut Vec<Event>) {
    let members = shape.members();
    for (prefix_member, member) in &members {
        let Some(prefix) = member.traits.get("smithy.api#httpPrefixHeaders").and_then(Value::as_str) else { continue };
        let prefix = prefix.to_ascii_lowercase();
        for (name, other) in &members {
            let Some(header) = other.traits.get("smithy.api#httpHeader").and_then(Value::as_str) else { continue };
            if !prefix.is_empty() && header.to_ascii_lowercase().starts_with(&prefix) {
                events.push(Event::error(
                    "HttpPrefixHeadersTrait",
                    &format!("{id}${name}"),
                    format!(
                        "`httpHeader` binding of `{header}` conflicts with the `httpPrefixHeaders` binding of \
                         `{prefix_member}` to `{prefix}`. `httpHeader` bindings must not case-insensitively start \
                         with any `httpPrefixHeaders` bindings."
                    ),
                ));
            }
        }
    }
}

/// An `@endpoint` host prefix: a valid host once its labels are filled
/// in, ending in a period when it has labels, and its labels and the
/// input's `@hostLabel` members matching.
fn host_labels(graph: &Graph<'_>, id: &str, endpoint: &Value, input: Option<&str>, events: &mut Vec<Event>) {
    let Some(prefix) = endpoint.get("hostPrefix").and_then(Value::as_str) else { return };
    // `{label}`s in the prefix, and the prefix with each filled in.
    let mut labels = Vec::new();
    let mut stub = String::new();
    let mut rest = prefix;
    while let Some(open) = rest.find('{') {
        stub.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        labels.push(&rest[open + 1..open + close]);
        stub.push_str("foo");
        rest = &rest[open + close + 1..];
    }
    stub.push_str(rest);
    static HOST: std::sync::OnceLock<regex_lite::Regex> = std::sync::OnceLock::new();
    let host = HOST.get_or_init(|| {
        regex_lite::Regex::new(r"^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}(\.[a-zA-Z0-9-]{1,63})*\.?$").expect("a valid pattern")
    });
    if !host.is_match(&stub) {
        events.push(Event::error(
            "HostLabelTrait",
            id,
            format!("The `endpoint` trait hostPrefix, {prefix}, could not expand in to a valid RFC 3986 host: {stub}"),
        ));
    }
    if !labels.is_empty() && !prefix.ends_with('.') {
        events.push(Event::new(
            Severity::Danger,
            "HostLabelTrait",
            id,
            "`endpoint` trait hostPrefix contains host labels and does not end in a period (`.`). This can result in \
             clients inadvertently sending data to domains you do not control."
                .to_owned(),
        ));
    }
    let input = input.unwrap_or("smithy.api#Unit");
    for (name, member) in graph.shapes().get(input).map(Shape::members).unwrap_or_default() {
        if !member.traits.contains_key("smithy.api#hostLabel") {
            continue;
        }
        if labels.contains(&name) {
            labels.retain(|l| *l != name);
        } else {
            events.push(Event::error(
                "HostLabelTrait",
                &format!("{input}${name}"),
                format!(
                    "This `{name}` structure member is marked with the `hostLabel` trait, but no corresponding \
                     `endpoint` label could be found when used as the input of the `{id}` operation."
                ),
            ));
        }
    }
    if !labels.is_empty() {
        let listed: Vec<String> = labels.iter().map(|l| format!("`{l}`")).collect();
        events.push(Event::error(
            "HostLabelTrait",
            id,
            format!(
                "This operation uses {input} as input, but the following host labels found in the operation's \
                 `endpoint` trait do not have a corresponding member marked with the `hostLabel` trait: {}",
                listed.join(", ")
            ),
        ));
    }
}

/// Header names: tokens (RFC 9110, 5.6.2), not ones the transport owns,
/// and bound once per structure.
fn headers(id: &str, shape: &Shape, events: &mut Vec<Event>) {
    let mut by_name: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (name, member) in shape.members() {
        let Some(header) = member.traits.get("smithy.api#httpHeader").and_then(Value::as_str) else { continue };
        by_name.entry(header.to_ascii_lowercase()).or_default().push(name);
        let member_id = format!("{id}${name}");
        let tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
        let message = if BLOCKED_HEADERS.contains(&header.to_ascii_lowercase().as_str()) {
            format!("`{header}` is not an allowed HTTP header binding")
        } else if !header.chars().all(tchar) {
            format!("`{header}` is not a valid HTTP header field name according to section 5.6.2 of RFC 9110")
        } else {
            continue;
        };
        events.push(Event::new(Severity::Danger, "HttpHeaderTrait", &member_id, message));
    }
    for (header, members) in by_name.into_iter().filter(|(_, m)| m.len() > 1) {
        events.push(Event::error(
            "HttpHeaderTrait",
            id,
            format!(
                "`httpHeader` field name binding conflicts found for the `{header}` header in the following structure \
                 members: {}",
                ticked(&members)
            ),
        ));
    }
}

fn ticked(names: &[&str]) -> String {
    let mut names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    names.sort();
    names.join(", ")
}

/// Query names bound once per structure, and none that a URI using the
/// structure as input already fixes.
fn queries(id: &str, shape: &Shape, uris: &[(&str, &str)], events: &mut Vec<Event>) {
    let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, member) in shape.members() {
        if let Some(query) = member.traits.get("smithy.api#httpQuery").and_then(Value::as_str) {
            by_name.entry(query).or_default().push(name);
        }
    }
    if by_name.is_empty() {
        return;
    }
    for (query, members) in by_name.iter().filter(|(_, m)| m.len() > 1) {
        events.push(Event::error(
            "HttpQueryTrait",
            id,
            format!(
                "`httpQuery` parameter name binding conflicts found for the `{query}` parameter in the following \
                 structure members: {}",
                ticked(members)
            ),
        ));
    }
    for (operation_id, uri) in uris {
        for literal in parse_uri(uri).1.keys().filter(|k| by_name.contains_key(*k)) {
            events.push(Event::error(
                "HttpQueryTrait",
                id,
                format!("`httpQuery` name `{literal}` conflicts with the `http` trait of the `{operation_id}` operation: `{uri}`"),
            ));
        }
    }
}
