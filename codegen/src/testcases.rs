//! The HTTP protocol compliance test cases of a service (the
//! `smithy.test#httpRequestTests` and `smithy.test#httpResponseTests`
//! traits on its operations and errors), read and checked for the `ir`
//! stage. See <https://smithy.io/2.0/additional-specs/http-protocol-compliance-tests.html>.

use indexmap::IndexMap;
use serde::Deserialize;

use crate::node::Value;

/// Who a case is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AppliesTo {
    /// Clients only.
    Client,
    /// Servers only.
    Server,
}

/// One `httpRequestTests` case: a request a client must send for `params`,
/// and that a server must read as `params`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestCase {
    /// The case id, unique in the model.
    pub id: String,
    /// The protocol the case is for.
    pub protocol: String,
    /// The request method.
    pub method: String,
    /// The request path.
    pub uri: String,
    /// The host the client is configured with (`example.com`, maybe with a
    /// path), for the server the `Host` header.
    #[serde(default)]
    pub host: Option<String>,
    /// The host the request must go to.
    #[serde(default)]
    pub resolved_host: Option<String>,
    /// `key=value` pairs the query must hold.
    #[serde(default)]
    pub query_params: Vec<String>,
    /// Query keys that must not be sent.
    #[serde(default)]
    pub forbid_query_params: Vec<String>,
    /// Query keys that must be sent.
    #[serde(default)]
    pub require_query_params: Vec<String>,
    /// Headers and their values.
    #[serde(default)]
    pub headers: IndexMap<String, String>,
    /// Headers that must not be sent.
    #[serde(default)]
    pub forbid_headers: Vec<String>,
    /// Headers that must be sent.
    #[serde(default)]
    pub require_headers: Vec<String>,
    /// The body.
    #[serde(default)]
    pub body: Option<String>,
    /// The body's media type.
    #[serde(default)]
    pub body_media_type: Option<String>,
    /// The operation's input.
    #[serde(default)]
    pub params: Value,
    /// Protocol- or SDK-specific settings.
    #[serde(default)]
    pub vendor_params: Value,
    /// What the case is about.
    #[serde(default)]
    pub documentation: Option<String>,
    /// Labels.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Clients, servers, or (absent) both.
    #[serde(default)]
    pub applies_to: Option<AppliesTo>,
}

/// One `httpResponseTests` case: a response a client must read as
/// `params`, and that a server must send for `params`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseCase {
    /// The case id, unique in the model.
    pub id: String,
    /// The protocol the case is for.
    pub protocol: String,
    /// The status code.
    pub code: u16,
    /// Headers and their values.
    #[serde(default)]
    pub headers: IndexMap<String, String>,
    /// Headers that must not be sent.
    #[serde(default)]
    pub forbid_headers: Vec<String>,
    /// Headers that must be sent.
    #[serde(default)]
    pub require_headers: Vec<String>,
    /// The body.
    #[serde(default)]
    pub body: Option<String>,
    /// The body's media type.
    #[serde(default)]
    pub body_media_type: Option<String>,
    /// The operation's output, or the error's members.
    #[serde(default)]
    pub params: Value,
    /// Protocol- or SDK-specific settings.
    #[serde(default)]
    pub vendor_params: Value,
    /// What the case is about.
    #[serde(default)]
    pub documentation: Option<String>,
    /// Labels.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Clients, servers, or (absent) both.
    #[serde(default)]
    pub applies_to: Option<AppliesTo>,
}

/// One `httpMalformedRequestTests` case: a request a server must refuse,
/// and how. Cases with `testParameters` are expanded into one case per
/// parameter index, named `<id>_case<n>`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MalformedCase {
    /// The case id, unique in the model.
    pub id: String,
    /// The protocol the case is for.
    pub protocol: String,
    /// The request.
    pub request: MalformedRequest,
    /// The response the server must send.
    pub response: MalformedResponse,
    /// What the case is about.
    #[serde(default)]
    pub documentation: Option<String>,
    /// Labels.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Values substituted for `$name:L` (as they are) and `$name:S` (as a
    /// quoted string) in the case's strings, one case per index.
    #[serde(default)]
    pub test_parameters: IndexMap<String, Vec<String>>,
}

/// The request of a [`MalformedCase`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MalformedRequest {
    /// The method.
    pub method: String,
    /// The path.
    pub uri: String,
    /// The `Host`.
    #[serde(default)]
    pub host: Option<String>,
    /// Query pairs, already percent-encoded.
    #[serde(default)]
    pub query_params: Vec<String>,
    /// Headers.
    #[serde(default)]
    pub headers: IndexMap<String, String>,
    /// The body.
    #[serde(default)]
    pub body: Option<String>,
    /// The body's media type.
    #[serde(default)]
    pub body_media_type: Option<String>,
}

/// The response a server must send to a [`MalformedCase`]'s request.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MalformedResponse {
    /// Headers it must carry (others are not checked).
    #[serde(default)]
    pub headers: IndexMap<String, String>,
    /// The status.
    pub code: u16,
    /// What its body must be.
    #[serde(default)]
    pub body: Option<MalformedBody>,
}

/// What a [`MalformedResponse`]'s body must be.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MalformedBody {
    /// The check.
    pub assertion: BodyAssertion,
    /// The body's media type.
    pub media_type: String,
}

/// How a malformed request's response body is checked.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BodyAssertion {
    /// The body, exactly (JSON compared as values).
    Contents(String),
    /// A regular expression the body's `message` must match.
    MessageRegex(String),
}

impl MalformedCase {
    /// The case, or one case per test parameter index with the values
    /// substituted; parameters of unequal lengths are an error.
    pub fn expand(self) -> Result<Vec<MalformedCase>, String> {
        if self.test_parameters.is_empty() {
            return Ok(vec![self]);
        }
        let lengths: Vec<usize> = self.test_parameters.values().map(Vec::len).collect();
        if lengths.windows(2).any(|w| w[0] != w[1]) {
            return Err(format!("`{}`: its testParameters lists differ in length", self.id));
        }
        let mut out = Vec::new();
        for n in 0..lengths[0] {
            let values: Vec<(&str, &str)> = self.test_parameters.iter().map(|(k, v)| (k.as_str(), v[n].as_str())).collect();
            let s = |text: &str| substitute(text, &values);
            let map = |m: &IndexMap<String, String>| m.iter().map(|(k, v)| (s(k), s(v))).collect();
            let request = &self.request;
            let response = &self.response;
            out.push(MalformedCase {
                id: format!("{}_case{n}", self.id),
                protocol: self.protocol.clone(),
                request: MalformedRequest {
                    method: s(&request.method),
                    uri: s(&request.uri),
                    host: request.host.as_deref().map(s),
                    query_params: request.query_params.iter().map(|q| s(q)).collect(),
                    headers: map(&request.headers),
                    body: request.body.as_deref().map(s),
                    body_media_type: request.body_media_type.clone(),
                },
                response: MalformedResponse {
                    headers: map(&response.headers),
                    code: response.code,
                    body: response.body.as_ref().map(|b| MalformedBody {
                        assertion: match &b.assertion {
                            BodyAssertion::Contents(c) => BodyAssertion::Contents(s(c)),
                            BodyAssertion::MessageRegex(r) => BodyAssertion::MessageRegex(s(r)),
                        },
                        media_type: b.media_type.clone(),
                    }),
                },
                documentation: self.documentation.as_deref().map(s),
                tags: self.tags.iter().map(|t| s(t)).collect(),
                test_parameters: IndexMap::new(),
            });
        }
        Ok(out)
    }
}

/// `text` with `$name:L` replaced by the value, `$name:S` by the value as a
/// quoted string, and `$$` by `$`.
fn substitute(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('$') {
            out.push('$');
            rest = after;
            continue;
        }
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        let (name, after) = rest.split_at(end);
        let found = values.iter().find(|(k, _)| *k == name);
        match (found, after.strip_prefix(":L"), after.strip_prefix(":S")) {
            (Some((_, value)), Some(after), _) => {
                out.push_str(value);
                rest = after;
            }
            (Some((_, value)), None, Some(after)) => {
                out.push_str(&serde_json::Value::from(*value).to_string());
                rest = after;
            }
            _ => out.push('$'),
        }
    }
    out.push_str(rest);
    out
}

/// A case and where it belongs.
#[derive(Clone, Debug, PartialEq)]
pub enum TestCase {
    /// A request case of an operation.
    Request {
        /// The operation's id.
        operation: String,
        /// The case.
        case: RequestCase,
    },
    /// A response case of an operation's output, or of one of its errors.
    Response {
        /// The operation's id.
        operation: String,
        /// The error structure's id, for a case on an error.
        error: Option<String>,
        /// The case.
        case: ResponseCase,
    },
    /// A malformed-request case of an operation (servers only).
    Malformed {
        /// The operation's id.
        operation: String,
        /// The case.
        case: MalformedCase,
    },
}

impl TestCase {
    /// The case id.
    pub fn id(&self) -> &str {
        match self {
            TestCase::Request { case, .. } => &case.id,
            TestCase::Response { case, .. } => &case.id,
            TestCase::Malformed { case, .. } => &case.id,
        }
    }

    /// Whether the case is for clients, servers or both.
    pub fn applies_to(&self) -> Option<AppliesTo> {
        match self {
            TestCase::Request { case, .. } => case.applies_to,
            TestCase::Response { case, .. } => case.applies_to,
            TestCase::Malformed { .. } => Some(AppliesTo::Server),
        }
    }
}

pub(crate) const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
pub(crate) const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
pub(crate) const MALFORMED_TESTS: &str = "smithy.test#httpMalformedRequestTests";

/// A case read from a trait value.
pub(crate) trait Case: for<'de> Deserialize<'de> {
    /// Takes the values that may hold numbers past `f64` (its `params`)
    /// from `node`, the case as written: serde reads numbers as `f64`.
    fn keep_exact(&mut self, _node: &Value) {}
}

impl Case for RequestCase {
    fn keep_exact(&mut self, node: &Value) {
        exact(&mut self.params, node.get("params"));
        exact(&mut self.vendor_params, node.get("vendorParams"));
    }
}

impl Case for ResponseCase {
    fn keep_exact(&mut self, node: &Value) {
        exact(&mut self.params, node.get("params"));
        exact(&mut self.vendor_params, node.get("vendorParams"));
    }
}

impl Case for MalformedCase {}

fn exact(value: &mut Value, node: Option<&Value>) {
    if let Some(node) = node {
        value.clone_from(node);
    }
}

/// The cases a trait value lists, or why it cannot be read.
pub(crate) fn parse<T: Case>(trait_id: &str, value: &Value) -> Result<Vec<T>, String> {
    let mut cases: Vec<T> = crate::node::from_value(value).map_err(|e| format!("`{trait_id}` cannot be read: {e}"))?;
    for (case, node) in cases.iter_mut().zip(value.as_array().into_iter().flatten()) {
        case.keep_exact(node);
    }
    Ok(cases)
}
