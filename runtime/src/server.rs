//! The server plumbing every generated server shares: routing (on
//! `X-Amz-Target` for awsJson, on `@http` routes for restJson1, on
//! `/service/{Service}/operation/{Operation}` for RPC v2), reading and
//! validating input, writing outputs and errors, body limits, panic
//! isolation, and serving on a `TcpListener`.
//!
//! Generated code implements [`Dispatch`] (one match arm per operation) and
//! [`Validate`] (one check per constraint in the model); everything else is
//! here, once.

use std::fmt;
use std::future::Future;
use std::ops::{Bound, RangeBounds};
use std::pin::Pin;
use std::sync::Arc;

pub use axum;
pub use bytes::Bytes;
pub use http::HeaderMap;
pub use regex_lite::Regex;
pub use tokio::net::TcpListener;
use axum::body::Body;
use axum::extract::State;
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

pub use crate::protocol::Protocol;
use crate::protocol::http::Decoded;
use crate::enums::OpenEnum;
use crate::error::{ErrorMetadata, ProvideErrorMetadata, Unhandled, UnhandledKind};

/// A boxed, sendable future.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

mod serving;

pub use serving::{bind, ctrl_c, serve_with};

/// Server settings: limits on what a client may send and how long it may
/// take. Build one from the defaults, e.g.
/// `ServerConfig { request_timeout: Duration::from_secs(5), ..ServerConfig::default() }`.
/// A timeout of `Duration::MAX` never expires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerConfig {
    /// The largest request body accepted; larger ones get 413. Default 10 MiB.
    pub body_limit: usize,
    /// How long a client may take to send a request's head (request line
    /// and headers) before the connection is closed. Default 30 s.
    pub header_read_timeout: std::time::Duration,
    /// How long a client may take to send a request's body once its head
    /// arrived; a slower one gets `408 RequestTimeoutException` and the
    /// connection is closed. Default 60 s.
    pub body_read_timeout: std::time::Duration,
    /// How long a keep-alive connection may wait for its next request
    /// before it is closed. Default 30 s. hyper also counts that wait
    /// toward `header_read_timeout`, so the shorter of the two applies:
    /// set this lower to free idle connections sooner than slow heads.
    pub idle_timeout: std::time::Duration,
    /// How long an operation's handler may take; a slower one is dropped
    /// and the client gets `503 ServiceUnavailable`, which clients retry.
    /// Default 60 s.
    pub request_timeout: std::time::Duration,
    /// The most connections served at once; further clients wait in the
    /// listen backlog until one closes. Default 10,000.
    pub max_connections: usize,
    /// On shutdown, how long requests in flight have to finish before
    /// their connections are dropped. Default 30 s.
    pub shutdown_grace: std::time::Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        use std::time::Duration;
        Self {
            body_limit: 10 * 1024 * 1024,
            header_read_timeout: Duration::from_secs(30),
            body_read_timeout: Duration::from_secs(60),
            idle_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(60),
            max_connections: 10_000,
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

/// What a handler knows about the request besides its input.
#[derive(Clone, Debug)]
pub struct RequestContext {
    /// The id of this request, also sent back as `x-amzn-requestid`.
    pub request_id: String,
    /// The request headers.
    pub headers: http::HeaderMap,
}

/// A response ready to send.
#[derive(Debug)]
pub struct Reply {
    status: u16,
    error_type: Option<String>,
    /// The awsQuery error code and fault (`Code;Sender`) of a modeled error,
    /// for awsQuery-compatible services.
    query_error: Option<&'static str>,
    /// Headers the protocol binds (`@httpHeader` members, a payload's
    /// content type); boxed to keep replies small.
    headers: Box<http::HeaderMap>,
    body: Vec<u8>,
    /// The message of an error the framework raised; written into the
    /// body as the reply is sent, under the message member of the
    /// service's error of this type (see [`ErrorShape::message`]).
    message: Option<String>,
}

impl Reply {
    /// A successful response with `body` (in the protocol's codec).
    pub fn ok(body: Vec<u8>) -> Self {
        Self::new(200, body)
    }

    /// A response with `status` and `body`.
    pub fn new(status: u16, body: Vec<u8>) -> Self {
        Self { status, error_type: None, query_error: None, headers: Box::default(), body, message: None }
    }

    /// An error response `{"__type": type_name, "message": message}`; the
    /// message goes under the member the service's own error `type_name`
    /// models for it (`Message`, say) when there is one.
    pub fn error(status: u16, type_name: &str, message: &str) -> Self {
        Self { error_type: Some(type_name.to_owned()), message: Some(message.to_owned()), ..Self::new(status, Vec::new()) }
    }

    /// The body `{"__type": type_name, <key>: message}`.
    fn error_body(protocol: Protocol, type_name: &str, key: &str, message: &str) -> Vec<u8> {
        let mut body = serde_json::Map::new();
        body.insert("__type".to_owned(), Value::from(type_name));
        body.insert(key.to_owned(), Value::from(message));
        protocol.encode(&Value::Object(body))
    }

    /// Writes a framework error's message into the body, under the message
    /// key of the error of its type among `errors` (else `message`).
    fn write_message(&mut self, errors: &[ErrorShape], protocol: Protocol) {
        let (Some(message), Some(type_name)) = (self.message.take(), self.error_type.as_deref()) else { return };
        let key = errors.iter().find(|e| e.type_name(protocol) == type_name || e.name == type_name).map_or("message", |e| e.message);
        self.body = Self::error_body(protocol, type_name, key, &message);
    }

    /// Marks the reply as the error `type_name` (`X-Amzn-Errortype`), with
    /// its awsQuery code for awsQuery-compatible services.
    pub(crate) fn set_error_type(&mut self, type_name: &str, query_error: Option<&'static str>) {
        self.error_type = Some(type_name.to_owned());
        self.query_error = query_error;
    }

    /// Sets the status (an `@httpResponseCode` member's value).
    pub fn set_status(&mut self, status: u16) {
        self.status = status;
    }

    /// The headers sent with the reply besides the protocol's own.
    pub fn headers_mut(&mut self) -> &mut http::HeaderMap {
        &mut self.headers
    }

    /// The 500 for an output or error that cannot go on the wire (a header
    /// value that is not header text, say).
    pub fn unserializable(problem: &str) -> Self {
        Self::error(500, "InternalFailure", &format!("the server failed to serialize its response: {problem}"))
    }

    /// A 400 `SerializationException` for a request that cannot be read.
    pub fn malformed(message: &str) -> Self {
        Self::error(400, "SerializationException", message)
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `x-amzn-query-error` value an awsQuery-compatible service sends
    /// with this reply: the modeled error's awsQuery code, else the error
    /// type's name, and `Sender` for a 4xx status or `Receiver` for a 5xx.
    fn query_error(&self) -> Option<String> {
        if let Some(value) = self.query_error {
            return Some(value.to_owned());
        }
        let error_type = self.error_type.as_deref()?;
        let code = error_type.rsplit_once('#').map_or(error_type, |(_, name)| name);
        let fault = if self.status >= 500 { "Receiver" } else { "Sender" };
        Some(format!("{code};{fault}"))
    }
}

/// Implemented by each generated server: names the service and routes an
/// operation name to its handler.
pub trait Dispatch: Send + Sync + 'static {
    /// The `X-Amz-Target` prefix (the service shape name).
    fn target_prefix(&self) -> &'static str;

    /// The service's namespace, which RPC v2 paths may name it with.
    fn namespace(&self) -> &'static str {
        ""
    }

    /// The operations' `@http` routes, for HTTP-bound protocols.
    fn routes(&self) -> &'static [Route] {
        &[]
    }

    /// The protocol version.
    fn protocol(&self) -> Protocol;

    /// The service's modeled errors: an error the framework raises (a
    /// validation failure, an unknown route, …) is written with the
    /// message member of the modeled error of the same name.
    fn errors(&self) -> &'static [ErrorShape] {
        &[]
    }

    /// Whether the service is `aws.protocols#awsQueryCompatible`: its error
    /// responses then carry `x-amzn-query-error: Code;Fault`, which clients
    /// of services that moved from awsQuery read the error code from.
    fn query_compatible(&self) -> bool {
        false
    }

    /// Handles `operation`, or `None` when the service has no such operation.
    fn dispatch(&self, operation: &str, request: Request, context: RequestContext) -> Option<BoxFuture<Reply>>;
}

/// The operation a request is for, as the protocol's routing found it, and
/// what the route read of the request.
#[derive(Debug)]
pub(crate) struct Routed {
    pub(crate) operation: String,
    pub(crate) labels: Vec<(String, Decoded)>,
    pub(crate) query: Vec<(Decoded, Decoded)>,
}

/// An operation's `@http` route.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    /// The method.
    pub method: &'static str,
    /// The URI pattern.
    pub uri: &'static str,
    /// The operation's name.
    pub operation: &'static str,
}

/// What an operation reads its input from besides the headers (which are
/// in its [`RequestContext`]).
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The body, expanded when it was compressed.
    pub body: Bytes,
    /// The route's labels and their values, percent-decoded (read them
    /// with [`label`](crate::protocol::http::label)).
    pub labels: Vec<(String, Decoded)>,
    /// The query parameters, percent-decoded, in order (read them with
    /// [`query_value`](crate::protocol::http::query_value) and its
    /// neighbours).
    pub query: Vec<(Decoded, Decoded)>,
}

/// Implemented by generated operation error enums: the response for each.
pub trait OperationErrorResponse: Send {
    /// The reply describing this error.
    fn to_reply(&self, protocol: Protocol) -> Reply;
}

/// Implemented by a generated server for each error structure its
/// operations model.
pub trait ModeledError: Serialize {
    /// How the error goes on the wire.
    const SHAPE: ErrorShape;

    /// Writes the error's `@httpHeader` members (HTTP-bound protocols);
    /// says which cannot be header text.
    fn write_headers(&self, headers: &mut HeaderMap) -> Result<(), String> {
        let _ = headers;
        Ok(())
    }
}

/// The reply for a modeled error structure: its members plus `__type` (the
/// shape name in awsJson 1.1, the full shape id in 1.0).
pub fn modeled_error<T: ModeledError>(error: &T, protocol: Protocol) -> Reply {
    let shape = T::SHAPE;
    let type_name = shape.type_name(protocol);
    let mut body = serde_json::to_value(error).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut body {
        map.insert("__type".to_owned(), Value::from(type_name));
    } else {
        body = serde_json::json!({ "__type": type_name });
    }
    let mut reply = Reply::new(shape.status, body.to_string().into_bytes());
    reply.set_error_type(type_name, shape.query_error);
    reply
}

/// The reply for an [`Unhandled`] error a handler returned: its code and
/// status when it has them (a service-kind error built by the handler),
/// else `500 InternalFailure` with no internal detail.
pub fn unhandled_reply(error: &Unhandled) -> Reply {
    match (error.kind(), error.code()) {
        (UnhandledKind::Service, Some(code)) => {
            Reply::error(error.status().unwrap_or(400), code, error.message().unwrap_or_default())
        }
        _ => Reply::error(500, "InternalFailure", "the server failed to handle the request"),
    }
}

/// A modeled error shape as it goes on the wire. Also where a validation
/// failure is reported: the operation's modeled validation error (e.g.
/// `InvalidInputException`) or [`ErrorShape::VALIDATION_EXCEPTION`].
#[derive(Clone, Copy, Debug)]
pub struct ErrorShape {
    /// The shape name (the error type in awsJson 1.1).
    pub name: &'static str,
    /// The shape id (the error type in awsJson 1.0).
    pub shape_id: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// For awsQuery-compatible services, the `x-amzn-query-error` value:
    /// the error's awsQuery code and fault, e.g. `QueueAlreadyExists;Sender`.
    pub query_error: Option<&'static str>,
    /// The body key of the error's message member (`message`, `Message`,
    /// or its `@jsonName`); `message` when it models none.
    pub message: &'static str,
}

impl ErrorShape {
    /// `ValidationException`, 400: for operations that model no validation error.
    pub const VALIDATION_EXCEPTION: ErrorShape = ErrorShape {
        name: "ValidationException",
        shape_id: "smithy.framework#ValidationException",
        status: 400,
        query_error: None,
        message: "message",
    };

    /// The `__type` and `X-Amzn-Errortype` of this error.
    fn type_name(&self, protocol: Protocol) -> &'static str {
        if protocol.absolute_error_types() {
            self.shape_id
        } else {
            self.name
        }
    }
}

/// Runs one operation of an RPC protocol (awsJson, RPC v2), whose input
/// and output are the whole body in `codec`: reads and validates the
/// input, calls `handler`, and writes the output or error.
pub fn operation<C, I, O, E, F, Fut>(
    request: Request,
    context: RequestContext,
    protocol: Protocol,
    codec: C,
    validation: ErrorShape,
    handler: F,
) -> BoxFuture<Reply>
where
    C: crate::codec::Codec,
    I: DeserializeOwned + Validate + Send + 'static,
    O: Serialize + Send + 'static,
    E: OperationErrorResponse + 'static,
    F: FnOnce(I, RequestContext) -> Fut + Send + 'static,
    Fut: Future<Output = Result<O, E>> + Send + 'static,
{
    let _ = codec;
    let read = |request: &Request, _: &RequestContext| {
        let (input, missing) = crate::de::record_missing_members(|| read_input::<C, I>(&request.body));
        input.map(|input| (input, missing))
    };
    operation_with(request, context, protocol, validation, read, output_reply::<C, O>, handler)
}

/// The reply for an output: its body in codec `C`, or an empty body for an
/// operation without output.
fn output_reply<C: crate::codec::Codec, O: Serialize + 'static>(output: &O) -> Reply {
    if std::any::TypeId::of::<O>() == std::any::TypeId::of::<crate::union::Unit>() {
        return Reply::ok(Vec::new());
    }
    match C::to_vec(output) {
        Ok(body) => Reply::ok(body),
        Err(e) => Reply::unserializable(&e),
    }
}

/// Runs one operation: `read` reads the input (and the names of required
/// members the request left out), which is then completed with defaults
/// and validated; `handler` is called, and `write` writes its output (an
/// error writes itself).
pub fn operation_with<I, O, E, F, Fut>(
    request: Request,
    context: RequestContext,
    protocol: Protocol,
    validation: ErrorShape,
    read: impl FnOnce(&Request, &RequestContext) -> Result<(I, Vec<String>), Reply> + Send + 'static,
    write: fn(&O) -> Reply,
    handler: F,
) -> BoxFuture<Reply>
where
    I: Validate + Send + 'static,
    O: Send + 'static,
    E: OperationErrorResponse + 'static,
    F: FnOnce(I, RequestContext) -> Fut + Send + 'static,
    Fut: Future<Output = Result<O, E>> + Send + 'static,
{
    Box::pin(async move {
        let (mut input, missing) = match read(&request, &context) {
            Ok(read) => read,
            Err(reply) => return reply,
        };
        input.fill_defaults();
        let mut validator = Validator::default();
        for member in &missing {
            validator.missing(member);
        }
        input.validate(&mut validator);
        if let Some(reply) = validator.reply(&validation, protocol) {
            return reply;
        }
        match handler(input, context).await {
            Ok(output) => write(&output),
            Err(error) => error.to_reply(protocol),
        }
    })
}

/// Reads an operation input in codec `C`; an empty body reads as `{}`. A
/// body that cannot be read or has wrong types is a
/// `SerializationException` naming the member path and the problem.
pub fn read_input<C: crate::codec::Codec, I: DeserializeOwned>(body: &[u8]) -> Result<I, Reply> {
    C::from_body_tracked(body).map_err(|(path, error)| {
        let message = match path {
            Some(path) => format!("cannot read member `{path}` of the request body: {error}"),
            None => format!("cannot read the request body: {error}"),
        };
        Reply::error(400, "SerializationException", &message)
    })
}

/// Checks the model's constraints on a value; generated for every structure
/// and union an operation input reaches.
pub trait Validate {
    /// Records every constraint `self` violates in `v`.
    fn validate(&self, v: &mut Validator);

    /// Gives the members the request left out their `@default` values
    /// (an operation input's members are optional in Rust, so a client can
    /// leave a default out; the handler still sees the modeled value).
    fn fill_defaults(&mut self) {}
}

impl Validate for crate::union::Unit {
    fn validate(&self, _v: &mut Validator) {}
}

/// An absent optional member has nothing to check.
impl<T: Validate> Validate for Option<T> {
    fn validate(&self, v: &mut Validator) {
        if let Some(value) = self {
            value.validate(v);
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate(&self, v: &mut Validator) {
        (**self).validate(v);
    }
}

/// Where a value sits below the value being validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A structure or union member, by name.
    Member(&'a str),
    /// An element of a list (its position is the segment before).
    Item,
    /// A key of a map.
    Key,
    /// The value of a map at this key.
    Value(&'a str),
}

impl<'a> From<&'a str> for Seg<'a> {
    fn from(member: &'a str) -> Self {
        Seg::Member(member)
    }
}

/// A segment kept in a [`Violation`]'s path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum PathSeg {
    Member(String),
    Index(usize),
    Item,
    Key,
    Value(String),
}

impl From<Seg<'_>> for PathSeg {
    fn from(seg: Seg<'_>) -> Self {
        match seg {
            Seg::Member(m) => PathSeg::Member(m.to_owned()),
            Seg::Item => PathSeg::Item,
            Seg::Key => PathSeg::Key,
            Seg::Value(k) => PathSeg::Value(k.to_owned()),
        }
    }
}

/// What a value breaks.
#[derive(Clone, Debug)]
enum Rule {
    Required,
    Length { len: u64, min: Option<u64>, max: Option<u64> },
    Range { min: Option<f64>, max: Option<f64> },
    Pattern(String),
    Enum(Vec<String>),
    UnknownUnionMember,
    UniqueItems,
}

/// One constraint violation.
#[derive(Clone, Debug)]
struct Violation {
    path: Vec<PathSeg>,
    /// The value, shown in AWS-style messages (strings and numbers).
    value: Option<String>,
    rule: Rule,
}

/// How validation failures are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValidationStyle {
    /// AWS's: `1 validation error detected: Value 'x' at 'a.b' failed to
    /// satisfy constraint: ...` in the error's `message`.
    Aws,
    /// `smithy.framework#ValidationException`'s: a `message` and a
    /// `fieldList` of `{message, path}` with JSON-pointer paths.
    Framework,
}

impl Violation {
    fn path(&self, style: ValidationStyle) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match (style, seg) {
                (ValidationStyle::Aws, seg) => {
                    let text = match seg {
                        PathSeg::Member(m) => m.clone(),
                        PathSeg::Index(i) => (i + 1).to_string(),
                        PathSeg::Item => "member".to_owned(),
                        PathSeg::Key => "key".to_owned(),
                        PathSeg::Value(_) => "value".to_owned(),
                    };
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&text);
                }
                (ValidationStyle::Framework, PathSeg::Item | PathSeg::Key) => {}
                (ValidationStyle::Framework, PathSeg::Member(m) | PathSeg::Value(m)) => {
                    out.push('/');
                    out.push_str(m);
                }
                (ValidationStyle::Framework, PathSeg::Index(i)) => {
                    out.push('/');
                    out.push_str(&i.to_string());
                }
            }
        }
        out
    }

    fn message(&self, style: ValidationStyle) -> String {
        let at = self.path(style);
        let bounds = |what: &str, min: Option<String>, max: Option<String>| match (style, min, max) {
            (ValidationStyle::Framework, Some(min), Some(max)) => format!("Member must {what}between {min} and {max}, inclusive"),
            (_, Some(min), _) if self.below_min() => format!("Member must {what}greater than or equal to {min}"),
            (_, _, Some(max)) => format!("Member must {what}less than or equal to {max}"),
            (_, Some(min), None) => format!("Member must {what}greater than or equal to {min}"),
            (_, None, None) => format!("Member must {what}be valid"),
        };
        let rule = match &self.rule {
            Rule::Required => "Member must not be null".to_owned(),
            Rule::Length { min, max, .. } => bounds("have length ", min.map(|v| v.to_string()), max.map(|v| v.to_string())),
            Rule::Range { min, max } => {
                let what = if style == ValidationStyle::Framework { "be " } else { "have value " };
                bounds(what, min.map(|v| v.to_string()), max.map(|v| v.to_string()))
            }
            Rule::Pattern(p) => format!("Member must satisfy regular expression pattern: {p}"),
            Rule::Enum(values) => format!("Member must satisfy enum value set: [{}]", values.join(", ")),
            Rule::UnknownUnionMember => "Member must set a known union member".to_owned(),
            Rule::UniqueItems => "Member must have unique values".to_owned(),
        };
        let value = match (style, &self.rule, &self.value) {
            (ValidationStyle::Framework, Rule::Length { len, .. }, _) => format!(" with length {len}"),
            (ValidationStyle::Framework, _, _) | (_, _, None) => String::new(),
            (ValidationStyle::Aws, _, Some(v)) => format!(" '{}'", truncate(v)),
        };
        format!("Value{value} at '{at}' failed to satisfy constraint: {rule}")
    }

    /// Whether a length or range violation is of its minimum.
    fn below_min(&self) -> bool {
        match &self.rule {
            Rule::Length { len, min, .. } => min.is_some_and(|min| *len < min),
            Rule::Range { min, .. } => match (min, self.value.as_deref().and_then(|v| v.parse::<f64>().ok())) {
                (Some(min), Some(value)) => value < *min,
                _ => false,
            },
            _ => false,
        }
    }
}

/// Collects constraint violations with the member path they occur at.
#[derive(Debug, Default)]
pub struct Validator {
    path: Vec<PathSeg>,
    violations: Vec<Violation>,
}

fn bound_of<T: Copy>(bound: Bound<&T>) -> Option<T> {
    match bound {
        Bound::Included(v) | Bound::Excluded(v) => Some(*v),
        Bound::Unbounded => None,
    }
}

impl Validator {
    fn violation<'a>(&mut self, member: impl Into<Seg<'a>>, value: Option<String>, rule: Rule) {
        let mut path = self.path.clone();
        path.push(member.into().into());
        self.violations.push(Violation { path, value, rule });
    }

    /// A `@required` member must be present.
    pub fn required<'a>(&mut self, member: impl Into<Seg<'a>>, present: bool) {
        if !present {
            self.violation(member, None, Rule::Required);
        }
    }

    /// A required member a strict read found absent, at a JSON pointer
    /// (`/list/0/name`).
    pub fn missing(&mut self, pointer: &str) {
        let mut path = self.path.clone();
        for seg in pointer.split('/').filter(|s| !s.is_empty()) {
            match seg.parse::<usize>() {
                // A list position: AWS's paths name the item `member`.
                Ok(i) => path.extend([PathSeg::Index(i), PathSeg::Item]),
                Err(_) => path.push(PathSeg::Member(seg.to_owned())),
            }
        }
        self.violations.push(Violation { path, value: None, rule: Rule::Required });
    }

    /// `@length` on a string (counted in characters), e.g. `1..=64`.
    pub fn length_str<'a>(&mut self, member: impl Into<Seg<'a>>, value: &str, bounds: impl RangeBounds<u64>) {
        let len = value.chars().count() as u64;
        if !bounds.contains(&len) {
            let rule = Rule::Length { len, min: bound_of(bounds.start_bound()), max: bound_of(bounds.end_bound()) };
            self.violation(member, Some(value.to_owned()), rule);
        }
    }

    /// `@length` on a list, map or blob, e.g. `0..=12`.
    pub fn length<'a>(&mut self, member: impl Into<Seg<'a>>, len: usize, bounds: impl RangeBounds<u64>) {
        let len = len as u64;
        if !bounds.contains(&len) {
            let rule = Rule::Length { len, min: bound_of(bounds.start_bound()), max: bound_of(bounds.end_bound()) };
            self.violation(member, None, rule);
        }
    }

    /// `@range` on a number, e.g. `5.0..=480.0`.
    pub fn range<'a>(&mut self, member: impl Into<Seg<'a>>, value: f64, bounds: impl RangeBounds<f64>) {
        if !bounds.contains(&value) {
            let rule = Rule::Range { min: bound_of(bounds.start_bound()), max: bound_of(bounds.end_bound()) };
            self.violation(member, Some(value.to_string()), rule);
        }
    }

    /// `@pattern` on a string. `regex` is compiled once by the caller; an
    /// ECMA 262 pattern this engine cannot compile is not enforced.
    pub fn pattern<'a>(&mut self, member: impl Into<Seg<'a>>, value: &str, pattern: &str, regex: Option<&regex_lite::Regex>) {
        if let Some(regex) = regex {
            if !regex.is_match(value) {
                self.violation(member, Some(value.to_owned()), Rule::Pattern(pattern.to_owned()));
            }
        }
    }

    /// An enum or `intEnum` member must hold one of the model's values.
    pub fn enum_value<'a, E: OpenEnum>(&mut self, member: impl Into<Seg<'a>>, value: &E) {
        if !value.is_known() {
            let values: Vec<String> = E::VALUES.iter().map(ToString::to_string).collect();
            self.violation(member, Some(value.wire_text()), Rule::Enum(values));
        }
    }

    /// A union must have a member this server knows.
    pub fn known_union_member<'a>(&mut self, member: impl Into<Seg<'a>>, known: bool) {
        if !known {
            self.violation(member, None, Rule::UnknownUnionMember);
        }
    }

    /// `@uniqueItems`: no two items of a list are equal, given as keys
    /// equal for equal items (checked in linear time).
    pub fn unique_items<'a, K: std::hash::Hash + Eq>(&mut self, member: impl Into<Seg<'a>>, keys: impl ExactSizeIterator<Item = K>) {
        let mut seen = std::collections::HashSet::with_capacity(keys.len());
        let repeated = keys.into_iter().any(|key| !seen.insert(key));
        if repeated {
            self.violation(member, None, Rule::UniqueItems);
        }
    }

    /// Validates a nested value under `member`.
    pub fn nested<'a>(&mut self, member: impl Into<Seg<'a>>, f: impl FnOnce(&mut Self)) {
        self.path.push(member.into().into());
        f(self);
        self.path.pop();
    }

    /// Validates a structure or union held by `member`.
    pub fn validate<'a, T: Validate + ?Sized>(&mut self, member: impl Into<Seg<'a>>, value: &T) {
        self.nested(member, |v| value.validate(v));
    }

    /// Validates each structure or union in the list `member`.
    pub fn validate_each<'a, 'b, T: Validate + 'b>(&mut self, member: impl Into<Seg<'a>>, items: impl IntoIterator<Item = &'b T>) {
        self.each(member, items, |v, item| v.validate(Seg::Item, item));
    }

    /// Checks each item of the list `member` with `f`, under the item's
    /// position.
    pub fn each<'a, 'b, T: 'b>(
        &mut self,
        member: impl Into<Seg<'a>>,
        items: impl IntoIterator<Item = &'b T>,
        mut f: impl FnMut(&mut Self, &'b T),
    ) {
        self.nested(member, |v| {
            for (i, item) in items.into_iter().enumerate() {
                v.path.push(PathSeg::Index(i));
                f(v, item);
                v.path.pop();
            }
        });
    }

    /// Whether nothing was violated.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// The message for the violations found, if any, in AWS's style.
    pub fn message(&self) -> Option<String> {
        self.message_in(ValidationStyle::Aws)
    }

    /// The message for the violations found, if any, in `style`.
    pub fn message_in(&self, style: ValidationStyle) -> Option<String> {
        let n = self.violations.len();
        if n == 0 {
            return None;
        }
        let messages: Vec<String> = self.violations.iter().map(|v| v.message(style)).collect();
        let separator = if style == ValidationStyle::Framework { "." } else { ":" };
        Some(format!("{n} validation error{} detected{separator} {}", if n == 1 { "" } else { "s" }, messages.join("; ")))
    }

    /// The reply reporting the violations as `shape`, in the style its
    /// protocol and shape call for.
    fn reply(&self, shape: &ErrorShape, protocol: Protocol) -> Option<Reply> {
        let framework = protocol != Protocol::AwsJson1_0
            && protocol != Protocol::AwsJson1_1
            && shape.shape_id == ErrorShape::VALIDATION_EXCEPTION.shape_id;
        let style = if framework { ValidationStyle::Framework } else { ValidationStyle::Aws };
        let message = self.message_in(style)?;
        let mut reply = if framework {
            let fields: Vec<Value> = self
                .violations
                .iter()
                .map(|v| serde_json::json!({ "message": v.message(style), "path": v.path(style) }))
                .collect();
            let mut body = serde_json::json!({ "message": message, "fieldList": fields });
            if protocol.smithy_protocol().is_some() {
                body["__type"] = Value::from(shape.shape_id);
            }
            Reply::new(shape.status, protocol.encode(&body))
        } else {
            Reply::new(shape.status, Reply::error_body(protocol, shape.type_name(protocol), shape.message, &message))
        };
        reply.set_error_type(shape.type_name(protocol), shape.query_error);
        Some(reply)
    }
}

fn truncate(value: &str) -> String {
    const SHOWN: usize = 64;
    if value.chars().count() <= SHOWN {
        value.to_owned()
    } else {
        let mut s: String = value.chars().take(SHOWN).collect();
        s.push('…');
        s
    }
}

/// A structure, union, document, list or map as a key equal for equal
/// values, for `@uniqueItems`: its JSON with every object's keys sorted,
/// so two equal maps give one key whatever order they hold their entries
/// in.
pub fn unique_key<T: Serialize + ?Sized>(value: &T) -> String {
    fn sort_keys(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.sort_keys();
                map.values_mut().for_each(sort_keys);
            }
            Value::Array(items) => items.iter_mut().for_each(sort_keys),
            _ => {}
        }
    }
    let mut json = serde_json::to_value(value).unwrap_or_default();
    sort_keys(&mut json);
    json.to_string()
}

/// Compiles `@pattern`s once per process; `None` when the pattern uses
/// syntax this engine lacks.
pub fn compile_pattern(cell: &'static std::sync::OnceLock<Option<regex_lite::Regex>>, pattern: &str) -> Option<&'static regex_lite::Regex> {
    cell.get_or_init(|| regex_lite::Regex::new(pattern).ok()).as_ref()
}

#[derive(Clone)]
struct Shared {
    dispatch: Arc<dyn Dispatch>,
    config: ServerConfig,
    /// The `@http` routes, most specific first.
    routes: Arc<crate::protocol::rest_json::Routes>,
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shared").field("target_prefix", &self.dispatch.target_prefix()).finish_non_exhaustive()
    }
}

/// An `axum::Router` serving `dispatch`: at `POST /` for awsJson, at the
/// operations' routes for restJson1. It answers every path (as its
/// fallback), so a request for no operation gets the protocol's own error
/// reply. Mount it in an existing app with `Router::merge` (the app then
/// has no fallback of its own) or `Router::nest_service`.
pub fn router(dispatch: Arc<dyn Dispatch>, config: ServerConfig) -> axum::Router {
    let routes = Arc::new(crate::protocol::rest_json::Routes::new(dispatch.routes()));
    let shared = Shared { dispatch, config, routes };
    axum::Router::new().fallback(handle).with_state(shared)
}

async fn handle(State(shared): State<Shared>, request: http::Request<Body>) -> http::Response<Body> {
    let request_id = request_id();
    let protocol = shared.dispatch.protocol();
    let mut reply = route(&shared, request, &request_id).await;
    reply.write_message(shared.dispatch.errors(), protocol);
    let mut response = http::Response::builder().status(reply.status);
    if let Some(headers) = response.headers_mut() {
        // awsJson always says its content type; restJson1 and RPC v2 when
        // there is a body and the operation set none of its own.
        let typed = !reply.body.is_empty() || matches!(protocol, Protocol::AwsJson1_0 | Protocol::AwsJson1_1);
        if typed && !reply.headers.contains_key(http::header::CONTENT_TYPE) {
            headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(protocol.content_type()));
        }
        if let Some(name) = protocol.smithy_protocol() {
            headers.insert("smithy-protocol", http::HeaderValue::from_static(name));
        }
        headers.extend(std::mem::take(&mut *reply.headers));
    }
    response = response.header("x-amzn-requestid", &request_id);
    if let Some(error_type) = &reply.error_type {
        response = response.header("x-amzn-errortype", error_type);
    }
    if let Some(query_error) = reply.query_error().filter(|_| shared.dispatch.query_compatible()) {
        response = response.header("x-amzn-query-error", query_error);
    }
    response.body(Body::from(reply.body)).unwrap_or_else(|_| {
        let mut fallback = http::Response::new(Body::empty());
        *fallback.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
        fallback
    })
}

async fn route(shared: &Shared, request: http::Request<Body>, request_id: &str) -> Reply {
    let (parts, body) = request.into_parts();
    let found = match shared.dispatch.protocol() {
        Protocol::RestJson1 => shared.routes.find(&parts.method, parts.uri.path(), parts.uri.query().unwrap_or_default()),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
            crate::protocol::aws_json::operation(&parts, shared.dispatch.target_prefix())
        }
        protocol => crate::protocol::rpc_v2::operation(&parts, shared.dispatch.target_prefix(), shared.dispatch.namespace(), protocol),
    };
    let Routed { operation, labels, query } = match found {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let config = &shared.config;
    let collect = http_body_util::Limited::new(body, config.body_limit).collect();
    let Ok(collected) = tokio::time::timeout(serving::bounded(config.body_read_timeout), collect).await else {
        let message = format!("the request body did not arrive within {} s", config.body_read_timeout.as_secs_f64());
        let mut reply = Reply::error(408, "RequestTimeoutException", &message);
        // The rest of the body may still come; the connection cannot be
        // reused.
        reply.headers.insert(http::header::CONNECTION, http::HeaderValue::from_static("close"));
        return reply;
    };
    let body = match collected {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => {
            return Reply::error(
                413,
                "RequestEntityTooLargeException",
                &format!("the request body is larger than {} bytes", shared.config.body_limit),
            );
        }
        Err(_) => return Reply::malformed("the request body could not be read"),
    };
    // Clients compress large bodies of `@requestCompression` operations.
    let encodings = parts.headers.get_all(http::header::CONTENT_ENCODING);
    let gzipped = encodings.iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(|e| e.trim().eq_ignore_ascii_case("gzip"));
    let body = if gzipped {
        match crate::protocol::gunzip(&body, shared.config.body_limit) {
            Ok(expanded) => Bytes::from(expanded),
            Err(e) => return Reply::malformed(&format!("the gzip request body could not be read: {e}")),
        }
    } else {
        body
    };
    let context = RequestContext { request_id: request_id.to_owned(), headers: parts.headers };
    let request = Request { body, labels, query };
    let Some(future) = shared.dispatch.dispatch(&operation, request, context) else {
        return Reply::error(400, "UnknownOperationException", &format!("unknown operation {operation}"));
    };
    // A panic in the handler becomes a 500 and the server keeps serving;
    // a handler past its time is dropped and answered with a 503, which
    // clients retry.
    match tokio::time::timeout(serving::bounded(config.request_timeout), CatchPanic(future)).await {
        Ok(Some(reply)) => reply,
        Ok(None) => Reply::error(500, "InternalFailure", "the server failed to handle the request"),
        Err(_) => Reply::error(
            503,
            "ServiceUnavailable",
            &format!("the server did not handle the request within {} s", config.request_timeout.as_secs_f64()),
        ),
    }
}

/// Resolves to `None` instead of unwinding when the inner future panics.
struct CatchPanic(BoxFuture<Reply>);

impl Future for CatchPanic {
    type Output = Option<Reply>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Reply>> {
        let inner = self.0.as_mut();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(std::task::Poll::Ready(reply)) => std::task::Poll::Ready(Some(reply)),
            Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
            Err(_) => std::task::Poll::Ready(None),
        }
    }
}

/// A request id: a random UUID v4 (from a fast, non-cryptographic source;
/// request ids only need to be unique).
fn request_id() -> String {
    uuid::Builder::from_random_bytes(fastrand::u128(..).to_le_bytes()).into_uuid().to_string()
}

/// Serves `router` on `listener` with the default [`ServerConfig`] until
/// `shutdown` resolves, then answers the requests in flight; see
/// [`serve_with`].
pub async fn serve_with_shutdown(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, router, &ServerConfig::default(), shutdown).await
}

/// Serves `router` on `listener` with the default [`ServerConfig`] until
/// the process receives Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, router: axum::Router) -> std::io::Result<()> {
    serve_with_shutdown(listener, router, ctrl_c()).await
}

/// What a service trait's default method answers: `501 NotImplemented`
/// for `operation`.
pub fn not_implemented<O, E: From<Unhandled>>(operation: &str) -> std::future::Ready<Result<O, E>> {
    let message = format!("{operation} is not implemented by this server");
    std::future::ready(Err(E::from(service_error("NotImplemented", 501, &message))))
}

/// Builds [`ErrorMetadata`] for an [`Unhandled`] error a handler returns to
/// send a specific error code and status.
pub fn service_error(code: &str, status: u16, message: &str) -> Unhandled {
    Unhandled::new(
        UnhandledKind::Service,
        ErrorMetadata::new().with_code(code).with_status(status).with_message(message),
    )
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::unique_key;

    #[test]
    fn equal_maps_give_one_unique_key_whatever_their_order() {
        // Each HashMap has its own random order; enough keys make two
        // equal maps iterate differently almost surely.
        let entries: Vec<(String, u32)> = (0..32).map(|i| (format!("key{i}"), i)).collect();
        let forward: HashMap<String, u32> = entries.iter().cloned().collect();
        let backward: HashMap<String, u32> = entries.iter().rev().cloned().collect();
        assert_eq!(unique_key(&forward), unique_key(&backward));
        assert_eq!(unique_key(&vec![forward.clone()]), unique_key(&vec![backward]));
        let mut other = forward.clone();
        other.insert("key0".to_owned(), 99);
        assert_ne!(unique_key(&forward), unique_key(&other));
        // Nested objects are sorted too.
        let nested = |m: &HashMap<String, u32>| serde_json::json!({ "b": m, "a": [m] });
        assert_eq!(unique_key(&nested(&forward)), unique_key(&nested(&forward.clone())));
    }
}
