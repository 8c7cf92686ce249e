//! What protocols and trait definitions ask of the shapes they apply to:
//! a protocol without inline documents on a service whose closure has one
//! (`NoInlineDocumentSupport`); the selectors of a trait's
//! `@traitValidators`, run from each shape the trait is applied to, and
//! their keys valid event ids (`TraitValidators`); and
//! `@cors`, with `origin` or `origins` but not both (`CorsTrait`).

use super::{closure, Event, Severity};
use crate::model::Shape;
use crate::node::Value;
use crate::selector::{Graph, Selector};

/// A protocol trait applied to a service, as its definition describes it.
pub(super) struct Protocol {
    pub id: String,
    /// The traits the protocol understands.
    pub traits: Vec<String>,
    /// Whether the protocol has no inline documents.
    pub no_inline_documents: bool,
}

/// AWS's protocols, for models that use them without loading their
/// definitions: id, whether they bind HTTP (`@http`, `@httpPayload`, ...),
/// and whether they lack inline documents.
const AWS_PROTOCOLS: &[(&str, bool, bool)] = &[
    ("aws.protocols#restJson1", true, false),
    ("aws.protocols#restXml", true, true),
    ("aws.protocols#awsJson1_0", false, false),
    ("aws.protocols#awsJson1_1", false, false),
    ("aws.protocols#awsQuery", false, true),
    ("aws.protocols#ec2Query", false, true),
];

/// The traits of the HTTP binding protocols.
const HTTP_TRAITS: &[&str] = &[
    "smithy.api#http",
    "smithy.api#httpError",
    "smithy.api#httpHeader",
    "smithy.api#httpLabel",
    "smithy.api#httpPayload",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#httpQuery",
    "smithy.api#httpQueryParams",
    "smithy.api#httpResponseCode",
];

/// The protocol traits applied to `service`.
pub(super) fn protocols(graph: &Graph<'_>, service: &Shape) -> Vec<Protocol> {
    service
        .traits()
        .keys()
        .filter_map(|trait_id| match graph.traits(trait_id).and_then(|t| t.get("smithy.api#protocolDefinition")) {
            Some(definition) => Some(Protocol {
                id: trait_id.clone(),
                traits: definition.strings("traits").map(str::to_owned).collect(),
                no_inline_documents: definition.get("noInlineDocumentSupport").and_then(Value::as_bool) == Some(true),
            }),
            None if graph.traits(trait_id).is_none() => {
                let (_, http, no_documents) = AWS_PROTOCOLS.iter().find(|(id, _, _)| id == trait_id)?;
                Some(Protocol {
                    id: trait_id.clone(),
                    traits: if *http { HTTP_TRAITS.iter().map(|t| (*t).to_owned()).collect() } else { Vec::new() },
                    no_inline_documents: *no_documents,
                })
            }
            None => None,
        })
        .collect()
}

pub(super) fn validate(graph: &Graph<'_>, events: &mut Vec<Event>) {
    for (id, shape) in graph.shapes() {
        if let Shape::Service(_) = shape {
            documents(graph, id, shape, events);
            auth(graph, id, shape, events);
            let api_key = shape.traits().get("smithy.api#httpApiKeyAuth");
            if let Some(location) = api_key.filter(|k| k.get("scheme").is_some()).and_then(|k| k.get("in")) {
                if location.as_str() != Some("header") {
                    events.push(Event::error(
                        "HttpApiKeyAuthTrait",
                        id,
                        format!(
                            "The httpApiKeyAuth trait must have an `in` value of `header` when a `scheme` is \
                             provided, found: {}",
                            location.as_str().unwrap_or_default()
                        ),
                    ));
                }
            }
            if let Some(cors) = shape.traits().get("smithy.api#cors") {
                if cors.get("origin").is_some() && cors.get("origins").is_some() {
                    events.push(Event::error(
                        "CorsTrait",
                        id,
                        "The `origin` and `origins` members of the `cors` trait are mutually exclusive.".to_owned(),
                    ));
                }
            }
        }
        // Each `@traitValidators` key is the event id it emits: identifiers
        // joined by dots.
        let declared = shape.traits().get("smithy.api#traitValidators").and_then(Value::as_object);
        for key in declared.into_iter().flat_map(|d| d.keys()) {
            if !key.split('.').all(crate::load::is_identifier) {
                events.push(Event::error(
                    "TraitValidators",
                    id,
                    format!("`smithy.api#traitValidators` key is not a valid event ID: `{key}`"),
                ));
            }
        }
        for trait_id in shape.traits().keys() {
            trait_validators(graph, id, trait_id, events);
        }
        let namespace =
            shape.traits().get("smithy.api#xmlNamespace").and_then(|n| n.get("uri")).and_then(Value::as_str);
        if let Some(uri) = namespace.filter(|uri| !is_uri(uri)) {
            events.push(Event::error(
                "XmlNamespaceTrait",
                id,
                format!("An `xmlNamespace` trait is applied to the {id} shape with an invalid uri: {uri}"),
            ));
        }
    }
}

/// Whether `text` is a URI reference (RFC 3986): URI characters and
/// percent escapes only, and a scheme, if any, that starts with a letter.
fn is_uri(text: &str) -> bool {
    let allowed = |c: char| c.is_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c);
    let escapes_ok =
        text.split('%').skip(1).all(|rest| rest.len() >= 2 && rest.as_bytes()[..2].iter().all(u8::is_ascii_hexdigit));
    let scheme_ok = match text.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        _ => true,
    };
    text.chars().all(allowed) && escapes_ok && scheme_ok
}

/// An operation's `@auth` names only schemes its service has.
fn auth(graph: &Graph<'_>, id: &str, service: &Shape, events: &mut Vec<Event>) {
    let schemes = service.traits();
    // The service's own `@auth` too.
    for operation in std::iter::once(id.to_owned()).chain(super::contained_operations(graph, id)) {
        let Some(applied) = graph.traits(&operation).and_then(|t| t.get("smithy.api#auth")).and_then(Value::as_array)
        else {
            continue;
        };
        let missing: Vec<&str> =
            applied.iter().filter_map(Value::as_str).filter(|scheme| !schemes.contains_key(*scheme)).collect();
        if !missing.is_empty() {
            events.push(Event::new(
                Severity::Danger,
                "AuthTrait",
                &operation,
                format!(
                    "auth trait applies authentication that is not configured on the service shape, `{id}`: [{}]",
                    missing.join(", ")
                ),
            ));
        }
    }
}

fn documents(graph: &Graph<'_>, id: &str, service: &Shape, events: &mut Vec<Event>) {
    let Some(protocol) = protocols(graph, service).into_iter().find(|p| p.no_inline_documents) else { return };
    let found: Vec<String> =
        closure(graph, id).into_iter().filter(|s| !s.contains('$') && graph.kind(s) == Some("document")).collect();
    if !found.is_empty() {
        events.push(Event::error(
            "NoInlineDocumentSupport",
            id,
            format!(
                "This service uses the `{}` protocol which does not support inline document types, but the \
                 following document types were found in the closure of the service: [{}]",
                protocol.id,
                found.join(", ")
            ),
        ));
    }
}

/// The `@traitValidators` of `trait_id`'s definition, run from `holder`.
fn trait_validators(graph: &Graph<'_>, holder: &str, trait_id: &str, events: &mut Vec<Event>) {
    let Some(validators) =
        graph.traits(trait_id).and_then(|t| t.get("smithy.api#traitValidators")).and_then(Value::as_object)
    else {
        return;
    };
    for (event_id, validator) in validators {
        let Some(selector) = validator.get("selector").and_then(Value::as_str).and_then(|s| Selector::parse(s).ok())
        else {
            continue;
        };
        let severity = match validator.get("severity").and_then(Value::as_str) {
            Some("WARNING") => Severity::Warning,
            Some("DANGER") => Severity::Danger,
            Some("NOTE") => Severity::Note,
            _ => Severity::Error,
        };
        let message = validator.get("message").and_then(Value::as_str);
        for shape in graph.select_from(&selector, holder) {
            let mut text = format!(
                "Found an incompatible shape when validating the constraints of the `{trait_id}` trait attached to \
                 `{holder}`"
            );
            if let Some(message) = message {
                text.push_str(": ");
                text.push_str(message);
            }
            events.push(Event::new(severity, event_id, &shape, text));
        }
    }
}
