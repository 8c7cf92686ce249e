//! What the protocol compliance tests a generated crate carries
//! (`tests/protocol_tests.rs`, from Smithy's `smithy.test` traits) run on.
//! It works on HTTP messages, so any protocol's cases use it:
//!
//! * client cases send through a [`CapturingTransport`], which records the
//!   request and answers with a canned response; [`assert_request`]
//!   checks the request as a `smithy.test#httpRequestTests` case says;
//! * server cases [`call`] the generated router in-process; the test
//!   service records what its handler received and replies what the test
//!   set, through a [`Recorder`]; [`assert_response`] checks the response
//!   as a `smithy.test#httpResponseTests` case says;
//! * [`connections`] sends requests to a served router over loopback
//!   connections, whole, half-closed, dribbled or stalled, for fuzzers;
//! * [`assert_same`] compares two values of a generated type exactly (as
//!   their wire forms: floats bit for bit, `NaN` equal to `NaN`, error
//!   metadata aside).
//!
//! Enabled by the `test-util` feature.

use std::any::Any;
use std::fmt::{self, Debug};
use std::future::Future;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use serde::Serialize;
use serde_json::Value;

use crate::client::{BoxFuture, Transport, TransportError};

pub mod connections;
use crate::error::{ErrorMetadata, Unhandled, UnhandledKind};

/// Runs a test's future to completion on a current-thread runtime.
pub fn run<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a test runtime starts").block_on(future)
}

/// A canned HTTP response.
#[derive(Clone, Debug)]
struct Canned {
    status: u16,
    headers: Vec<(String, String)>,
    body: Bytes,
}

/// A client transport that records every request and answers each with
/// the same canned response.
#[derive(Clone)]
pub struct CapturingTransport {
    requests: Arc<Mutex<Vec<http::Request<Bytes>>>>,
    response: Arc<Canned>,
}

impl Debug for CapturingTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CapturingTransport").field("response", &self.response).finish_non_exhaustive()
    }
}

impl Default for CapturingTransport {
    /// Answers `200` with the body `{}`.
    fn default() -> Self {
        Self::responding(200, &[], "{}")
    }
}

impl CapturingTransport {
    /// Answers every request with `status`, `headers` and `body`.
    pub fn responding(status: u16, headers: &[(&str, &str)], body: impl AsRef<[u8]>) -> Self {
        let headers = headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        CapturingTransport {
            requests: Arc::default(),
            response: Arc::new(Canned { status, headers, body: Bytes::copy_from_slice(body.as_ref()) }),
        }
    }

    /// How many requests were sent.
    pub fn requests_sent(&self) -> usize {
        self.requests.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// The last request sent.
    ///
    /// # Panics
    /// When nothing was sent.
    pub fn last_request(&self) -> http::Request<Bytes> {
        let requests = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        let last = requests.last().expect("the client sent no request");
        let mut copy = http::Request::builder().method(last.method().clone()).uri(last.uri().clone());
        for (name, value) in last.headers() {
            copy = copy.header(name, value);
        }
        copy.body(last.body().clone()).expect("a copy of a valid request")
    }
}

impl Transport for CapturingTransport {
    fn send(&self, request: http::Request<Bytes>) -> BoxFuture<Result<http::Response<Bytes>, TransportError>> {
        self.requests.lock().unwrap_or_else(|e| e.into_inner()).push(request);
        let canned = Arc::clone(&self.response);
        Box::pin(async move {
            let mut response = http::Response::builder().status(canned.status);
            for (name, value) in &canned.headers {
                response = response.header(name, value);
            }
            Ok(response.body(canned.body.clone()).expect("a valid canned response"))
        })
    }
}

/// What an `httpRequestTests` case expects of a request. Empty fields
/// expect nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExpectedRequest<'a> {
    /// The method, e.g. `POST`.
    pub method: &'a str,
    /// The path, without the query string.
    pub uri: &'a str,
    /// The host the request must be sent to (`resolvedHost`).
    pub host: Option<&'a str>,
    /// `key=value` pairs (percent-encoded) the query string must hold.
    pub query_params: &'a [&'a str],
    /// Query keys that must not appear.
    pub forbid_query_params: &'a [&'a str],
    /// Query keys that must appear.
    pub require_query_params: &'a [&'a str],
    /// Headers that must have these values.
    pub headers: &'a [(&'a str, &'a str)],
    /// Headers that must not appear.
    pub forbid_headers: &'a [&'a str],
    /// Headers that must appear.
    pub require_headers: &'a [&'a str],
    /// The body; compared as JSON values when the media type is JSON, byte for byte otherwise.
    pub body: Option<&'a str>,
    /// The body's media type.
    pub body_media_type: Option<&'a str>,
}

/// What an `httpResponseTests` case expects of a response.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExpectedResponse<'a> {
    /// The status code.
    pub code: u16,
    /// Headers that must have these values.
    pub headers: &'a [(&'a str, &'a str)],
    /// Headers that must not appear.
    pub forbid_headers: &'a [&'a str],
    /// Headers that must appear.
    pub require_headers: &'a [&'a str],
    /// The body; compared as JSON values when the media type is JSON, byte for byte otherwise.
    pub body: Option<&'a str>,
    /// The body's media type.
    pub body_media_type: Option<&'a str>,
}

/// Checks `request` against `expected`, naming everything that differs.
///
/// # Panics
/// When the request does not match.
pub fn assert_request<B: AsRef<[u8]>>(request: &http::Request<B>, expected: &ExpectedRequest<'_>) {
    let mut problems = Vec::new();
    if !expected.method.is_empty() && !request.method().as_str().eq_ignore_ascii_case(expected.method) {
        problems.push(format!("method: expected {}, found {}", expected.method, request.method()));
    }
    if !expected.uri.is_empty() && request.uri().path() != expected.uri {
        problems.push(format!("path: expected {:?}, found {:?}", expected.uri, request.uri().path()));
    }
    if let Some(host) = expected.host {
        let found = request.uri().authority().map(|a| a.as_str()).unwrap_or_default();
        if found != host {
            problems.push(format!("host: expected {host:?}, found {found:?}"));
        }
    }
    let query: Vec<&str> = request.uri().query().map(|q| q.split('&').filter(|p| !p.is_empty()).collect()).unwrap_or_default();
    let key_of = |pair: &str| pair.split_once('=').map_or(pair, |(k, _)| k).to_owned();
    for want in expected.query_params {
        if !query.contains(want) {
            problems.push(format!("query: expected `{want}` in {query:?}"));
        }
    }
    for key in expected.forbid_query_params {
        if query.iter().any(|p| key_of(p) == *key) {
            problems.push(format!("query: `{key}` must not be sent, found {query:?}"));
        }
    }
    for key in expected.require_query_params {
        if !query.iter().any(|p| key_of(p) == *key) {
            problems.push(format!("query: `{key}` must be sent, found {query:?}"));
        }
    }
    check_headers(request.headers(), expected.headers, expected.forbid_headers, expected.require_headers, &mut problems);
    if let Some(body) = expected.body {
        if let Err(problem) = compare_body(request.body().as_ref(), body, expected.body_media_type) {
            problems.push(problem);
        }
    }
    report("request", &problems, request.headers(), request.body().as_ref());
}

/// Checks `response` against `expected`, naming everything that differs.
///
/// # Panics
/// When the response does not match.
pub fn assert_response<B: AsRef<[u8]>>(response: &http::Response<B>, expected: &ExpectedResponse<'_>) {
    let mut problems = Vec::new();
    if response.status().as_u16() != expected.code {
        problems.push(format!("status: expected {}, found {}", expected.code, response.status()));
    }
    check_headers(response.headers(), expected.headers, expected.forbid_headers, expected.require_headers, &mut problems);
    if let Some(body) = expected.body {
        if let Err(problem) = compare_body(response.body().as_ref(), body, expected.body_media_type) {
            problems.push(problem);
        }
    }
    report("response", &problems, response.headers(), response.body().as_ref());
}

/// Checks that the `message` of a JSON error response matches `pattern`
/// (an `httpMalformedRequestTests` case's `messageRegex`).
///
/// # Panics
/// When the body has no `message`, or it does not match.
pub fn assert_message_matches<B: AsRef<[u8]>>(response: &http::Response<B>, pattern: &str) {
    let body = response.body().as_ref();
    let message = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.get("message").or_else(|| v.get("Message")).and_then(Value::as_str).map(str::to_owned));
    let regex = regex_lite::Regex::new(pattern).unwrap_or_else(|e| panic!("the test case's messageRegex {pattern:?}: {e}"));
    let problems = match message {
        None => vec![format!("body: no `message` to match {pattern:?}")],
        Some(m) if !regex.is_match(&m) => vec![format!("message: {m:?} does not match {pattern:?}")],
        Some(_) => Vec::new(),
    };
    report("response", &problems, response.headers(), body);
}

fn report(what: &str, problems: &[String], headers: &http::HeaderMap, body: &[u8]) {
    if !problems.is_empty() {
        panic!(
            "the {what} does not match the test case:\n  - {}\n{what} headers: {headers:?}\n{what} body: {}",
            problems.join("\n  - "),
            String::from_utf8_lossy(body)
        );
    }
}

fn check_headers(
    headers: &http::HeaderMap,
    expected: &[(&str, &str)],
    forbid: &[&str],
    require: &[&str],
    problems: &mut Vec<String>,
) {
    for (name, value) in expected {
        let found: Vec<&str> = headers.get_all(*name).iter().filter_map(|v| v.to_str().ok()).collect();
        // Repeated headers count as one comma-separated list.
        let joined = found.join(", ");
        if found.is_empty() {
            problems.push(format!("header `{name}`: expected {value:?}, not sent"));
        } else if joined != *value {
            problems.push(format!("header `{name}`: expected {value:?}, found {joined:?}"));
        }
    }
    for name in forbid {
        if headers.contains_key(*name) {
            problems.push(format!("header `{name}` must not be sent, found {:?}", headers.get(*name)));
        }
    }
    for name in require {
        if !headers.contains_key(*name) {
            problems.push(format!("header `{name}` must be sent"));
        }
    }
}

/// The bytes of a binary body a case gives as base64 (CBOR's).
///
/// # Panics
/// When `base64` is not base64.
pub fn binary_body(base64: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(base64.trim()).expect("the test case's binary body is base64")
}

/// Compares a body with a case's: as JSON values when the media type is
/// JSON, as CBOR values when it is CBOR (the case gives it as base64), byte
/// for byte otherwise; an empty expected body means an empty body.
fn compare_body(actual: &[u8], expected: &str, media_type: Option<&str>) -> Result<(), String> {
    #[cfg(feature = "cbor")]
    if media_type == Some(crate::codec::cbor::MEDIA_TYPE) && !expected.is_empty() {
        return cbor_value::compare(actual, &binary_body(expected));
    }
    let json = media_type.is_some_and(|m| m.contains("json"));
    if json && !expected.is_empty() {
        let want: Value =
            serde_json::from_str(expected).map_err(|e| format!("the test case's body is not JSON ({e}): {expected}"))?;
        let found: Value = serde_json::from_slice(actual)
            .map_err(|e| format!("body: expected JSON {want}, found {:?} ({e})", String::from_utf8_lossy(actual)))?;
        if found != want {
            return Err(format!("body: expected JSON {want}, found {found}"));
        }
        return Ok(());
    }
    if actual != expected.as_bytes() {
        return Err(format!("body: expected {expected:?}, found {:?}", String::from_utf8_lossy(actual)));
    }
    Ok(())
}

/// CBOR bodies compared as values: map order, integer or float width and
/// definite or indefinite lengths aside, `NaN` equal to `NaN`.
#[cfg(feature = "cbor")]
mod cbor_value {
    use std::collections::BTreeMap;
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

    #[derive(Debug)]
    pub(super) enum CborValue {
        Null,
        Bool(bool),
        Number(f64, Option<i128>),
        Text(String),
        Bytes(Vec<u8>),
        Array(Vec<CborValue>),
        Map(BTreeMap<String, CborValue>),
    }

    impl PartialEq for CborValue {
        fn eq(&self, other: &Self) -> bool {
            use CborValue::*;
            match (self, other) {
                (Null, Null) => true,
                (Bool(a), Bool(b)) => a == b,
                (Number(_, Some(a)), Number(_, Some(b))) => a == b,
                (Number(a, _), Number(b, _)) => a == b || (a.is_nan() && b.is_nan()),
                (Text(a), Text(b)) => a == b,
                (Bytes(a), Bytes(b)) => a == b,
                (Array(a), Array(b)) => a == b,
                (Map(a), Map(b)) => a == b,
                _ => false,
            }
        }
    }

    impl<'de> Deserialize<'de> for CborValue {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(V)
        }
    }

    struct V;

    impl<'de> Visitor<'de> for V {
        type Value = CborValue;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a CBOR value")
        }
        fn visit_unit<E>(self) -> Result<CborValue, E> {
            Ok(CborValue::Null)
        }
        fn visit_none<E>(self) -> Result<CborValue, E> {
            Ok(CborValue::Null)
        }
        fn visit_bool<E>(self, v: bool) -> Result<CborValue, E> {
            Ok(CborValue::Bool(v))
        }
        fn visit_i64<E>(self, v: i64) -> Result<CborValue, E> {
            Ok(CborValue::Number(v as f64, Some(v.into())))
        }
        fn visit_u64<E>(self, v: u64) -> Result<CborValue, E> {
            Ok(CborValue::Number(v as f64, Some(v.into())))
        }
        fn visit_i128<E>(self, v: i128) -> Result<CborValue, E> {
            Ok(CborValue::Number(v as f64, Some(v)))
        }
        fn visit_f64<E>(self, v: f64) -> Result<CborValue, E> {
            // A whole float equals the integer it is.
            let int = (v.fract() == 0.0 && v.abs() < 1e18).then_some(v as i128);
            Ok(CborValue::Number(v, int))
        }
        fn visit_str<E>(self, v: &str) -> Result<CborValue, E> {
            Ok(CborValue::Text(v.to_owned()))
        }
        fn visit_bytes<E>(self, v: &[u8]) -> Result<CborValue, E> {
            Ok(CborValue::Bytes(v.to_vec()))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CborValue, A::Error> {
            let mut out = Vec::new();
            while let Some(v) = seq.next_element()? {
                out.push(v);
            }
            Ok(CborValue::Array(out))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CborValue, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((k, v)) = map.next_entry::<String, CborValue>()? {
                out.insert(k, v);
            }
            Ok(CborValue::Map(out))
        }
    }

    pub(super) fn compare(actual: &[u8], expected: &[u8]) -> Result<(), String> {
        let want: CborValue =
            crate::codec::cbor::from_slice(expected).map_err(|e| format!("the test case's body is not CBOR ({e})"))?;
        let found: CborValue = crate::codec::cbor::from_slice(actual).map_err(|e| format!("body: expected CBOR {want:?}, found bytes that are not CBOR ({e})"))?;
        if found != want {
            return Err(format!("body: expected CBOR {want:?}, found {found:?}"));
        }
        Ok(())
    }
}

/// Checks that two values of a generated type are the same, compared as
/// their wire forms: exact for every member, `NaN` equal to `NaN`, error
/// metadata (request id, raw code) aside.
///
/// # Panics
/// When they differ, showing both.
pub fn assert_same<T: Serialize + Debug>(actual: &T, expected: &T) {
    let a = serde_json::to_value(actual).expect("a generated value serializes");
    let e = serde_json::to_value(expected).expect("a generated value serializes");
    if a != e {
        panic!("the values differ:\n  found:    {a}\n  expected: {e}\nfound:    {actual:?}\nexpected: {expected:?}");
    }
}

/// A document (or any JSON value) from JSON text in a test case.
///
/// # Panics
/// When `json` is not JSON.
pub fn document(json: &str) -> crate::Document {
    serde_json::from_str(json).expect("a test case's document is JSON")
}

/// What a test service's handlers received, and the replies they give.
#[derive(Default)]
pub struct Recorder {
    received: Mutex<Option<Box<dyn Any + Send>>>,
    reply: Mutex<Option<Box<dyn Any + Send>>>,
}

impl Debug for Recorder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recorder").finish_non_exhaustive()
    }
}

impl Recorder {
    /// Records what a handler received (an operation's input, or `()`).
    pub fn record<T: Any + Send>(&self, input: T) {
        *self.received.lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(input));
    }

    /// What the handler received, if it ran and it is a `T`.
    pub fn received<T: Any>(&self) -> Option<T> {
        let received = self.received.lock().unwrap_or_else(|e| e.into_inner()).take()?;
        received.downcast::<T>().ok().map(|b| *b)
    }

    /// Makes the next handler return `reply` (an operation's
    /// `Result<Output, Error>`).
    pub fn set_reply<T: Any + Send>(&self, reply: T) {
        *self.reply.lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(reply));
    }

    /// The reply a test set for this handler, else an unhandled error
    /// (the server answers it with a 500; request tests only look at what
    /// the handler received).
    pub fn reply<O: Any, E: Any + From<Unhandled>>(&self) -> Result<O, E> {
        let reply = self.reply.lock().unwrap_or_else(|e| e.into_inner()).take();
        match reply.map(|r| r.downcast::<Result<O, E>>()) {
            Some(Ok(reply)) => *reply,
            _ => {
                let meta = ErrorMetadata::new().with_code("NoReply").with_message("the test set no reply");
                Err(E::from(Unhandled::new(UnhandledKind::Service, meta)))
            }
        }
    }
}

/// A request to the server, as a case describes it.
///
/// # Panics
/// When the case's method, URI or headers are not valid HTTP.
pub fn request(method: &str, uri: &str, host: Option<&str>, headers: &[(&str, &str)], body: impl AsRef<[u8]>) -> http::Request<Bytes> {
    let mut request = http::Request::builder().method(method).uri(uri);
    if let Some(host) = host {
        request = request.header(http::header::HOST, host);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(Bytes::copy_from_slice(body.as_ref())).expect("the test case's request is valid HTTP")
}

/// Sends `request` through `router` in-process and collects the response.
pub async fn call(router: axum::Router, request: http::Request<Bytes>) -> http::Response<Bytes> {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let request = request.map(axum::body::Body::from);
    let response = router.oneshot(request).await.unwrap_or_else(|never| match never {});
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("the router's response body arrives").to_bytes();
    http::Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_compared_as_the_case_says() {
        let request = http::Request::builder()
            .method("POST")
            .uri("https://example.com/path?a=1&b=2")
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Many", "a")
            .header("X-Many", "b")
            .body(Bytes::from_static(br#"{"x": 1, "y": [true]}"#))
            .unwrap();
        let expected = ExpectedRequest {
            method: "POST",
            uri: "/path",
            host: Some("example.com"),
            query_params: &["a=1"],
            forbid_query_params: &["c"],
            require_query_params: &["b"],
            headers: &[("content-type", "application/x-amz-json-1.1"), ("X-Many", "a, b")],
            forbid_headers: &["X-Nope"],
            require_headers: &["X-Many"],
            body: Some(r#"{"y":[true],"x":1}"#),
            body_media_type: Some("application/json"),
        };
        assert_request(&request, &expected);
        let wrong = ExpectedRequest { body: Some(r#"{"x": 2}"#), ..expected };
        let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| assert_request(&request, &wrong))).unwrap_err();
        let message = panic.downcast_ref::<String>().unwrap();
        assert!(message.contains("body: expected JSON {\"x\":2}"), "{message}");
        let raw = ExpectedRequest { body: Some("{\"y\":[true],\"x\":1}"), body_media_type: None, ..expected };
        assert!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| assert_request(&request, &raw))).is_err());
    }

    #[test]
    fn recorders_hand_back_what_they_got() {
        let recorder = Recorder::default();
        recorder.record(5_u8);
        assert_eq!(recorder.received::<u8>(), Some(5));
        assert_eq!(recorder.received::<u8>(), None);
        assert!(recorder.reply::<u8, Unhandled>().is_err());
        recorder.set_reply::<Result<u8, Unhandled>>(Ok(3));
        assert_eq!(recorder.reply::<u8, Unhandled>().ok(), Some(3));
    }
}

/// What an `smithy.rules#endpointTests` case expects of an endpoint.
#[derive(Clone, Copy, Debug)]
pub struct ExpectedEndpoint<'a> {
    /// The URL.
    pub url: &'a str,
    /// Headers and their values.
    pub headers: &'a [(&'a str, &'a [&'a str])],
    /// The properties, as JSON (`{}` for none).
    pub properties: &'a str,
}

/// Asserts that the rules resolved the endpoint `expected` describes: its
/// URL, headers and properties (compared as JSON values).
pub fn assert_endpoint(
    result: &Result<crate::client::endpoint::Endpoint, crate::client::endpoint::EndpointError>,
    expected: &ExpectedEndpoint<'_>,
) {
    let endpoint = match result {
        Ok(endpoint) => endpoint,
        Err(e) => panic!("expected the endpoint {}, got the error `{e}`", expected.url),
    };
    assert_eq!(endpoint.url, expected.url, "the endpoint's URL");
    let headers: std::collections::BTreeMap<String, Vec<String>> = expected
        .headers
        .iter()
        .map(|(name, values)| ((*name).to_owned(), values.iter().map(|v| (*v).to_owned()).collect()))
        .collect();
    assert_eq!(endpoint.headers, headers, "the endpoint's headers");
    let properties: Value = serde_json::from_str(expected.properties).expect("the expected properties are JSON");
    assert_eq!(Value::Object(endpoint.properties.clone()), properties, "the endpoint's properties");
}

/// Asserts that the rules gave the error `message`.
pub fn assert_endpoint_error(
    result: &Result<crate::client::endpoint::Endpoint, crate::client::endpoint::EndpointError>,
    message: &str,
) {
    match result {
        Ok(endpoint) => panic!("expected the error `{message}`, got the endpoint {}", endpoint.url),
        Err(e) => assert_eq!(e.message(), message, "the endpoint error"),
    }
}

/// Asserts that a call sent its request to the endpoint `expected`
/// describes: the URL's scheme and host, its path leading the request's,
/// and the endpoint's headers among the request's. `result` is the call's
/// (its output does not matter; its error explains a request not sent).
pub fn assert_call_endpoint<T: Debug, E: Debug>(
    transport: &CapturingTransport,
    result: &Result<T, E>,
    expected: &ExpectedEndpoint<'_>,
) {
    assert!(transport.requests_sent() > 0, "expected a request to {}, but none was sent: {result:?}", expected.url);
    let request = transport.last_request();
    let want: http::Uri = expected.url.parse().expect("the expected URL is a URI");
    let got = request.uri();
    assert_eq!(got.scheme_str(), want.scheme_str(), "the scheme of {got}");
    assert_eq!(got.authority(), want.authority(), "the host of {got}");
    let prefix = want.path().trim_end_matches('/');
    assert!(got.path().starts_with(prefix), "the path of {got} starts with {prefix}");
    for (name, values) in expected.headers {
        let sent: Vec<&str> = request.headers().get_all(*name).iter().filter_map(|v| v.to_str().ok()).collect();
        assert_eq!(sent, values.to_vec(), "the header `{name}`");
    }
}

/// Asserts that a call failed with `message` (an endpoint error: nothing
/// was sent).
pub fn assert_call_error<T: Debug, E: crate::error::ProvideErrorMetadata + Debug>(
    transport: &CapturingTransport,
    result: &Result<T, E>,
    message: &str,
) {
    match result {
        Ok(output) => panic!("expected the error `{message}`, got {output:?}"),
        Err(e) => assert_eq!(e.message(), Some(message), "the error of {e:?}"),
    }
    assert_eq!(transport.requests_sent(), 0, "no request is sent");
}
