//! The HTTP protocol compliance test cases of a service (the
//! `smithy.test#httpRequestTests` and `smithy.test#httpResponseTests`
//! traits on its operations and errors), read and checked for the `ir`
//! stage. See <https://smithy.io/2.0/additional-specs/http-protocol-compliance-tests.html>.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

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
}

impl TestCase {
    /// The case id.
    pub fn id(&self) -> &str {
        match self {
            TestCase::Request { case, .. } => &case.id,
            TestCase::Response { case, .. } => &case.id,
        }
    }

    /// Whether the case is for clients, servers or both.
    pub fn applies_to(&self) -> Option<AppliesTo> {
        match self {
            TestCase::Request { case, .. } => case.applies_to,
            TestCase::Response { case, .. } => case.applies_to,
        }
    }
}

pub(crate) const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
pub(crate) const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";

/// The cases a trait value lists, or why it cannot be read.
pub(crate) fn parse<T: for<'de> Deserialize<'de>>(trait_id: &str, value: &Value) -> Result<Vec<T>, String> {
    serde_json::from_value(value.clone()).map_err(|e| format!("`{trait_id}` cannot be read: {e}"))
}
