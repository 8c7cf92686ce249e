//! The client plumbing every generated client shares, whatever its
//! protocol: configuration, endpoints, credentials, SigV4 signing,
//! compression, retries with backoff, timeouts, and reading responses and
//! errors. An awsJson operation only names itself ([`Handle::call`]), and
//! an RPC v2 one its codec too ([`Handle::call_rpc_v2`]); an HTTP-bound one
//! builds its [`HttpRequest`] and reads its output from the [`HttpResponse`]
//! ([`Handle::send`], [`Output::from_response`]).

mod config;
pub mod credentials;
pub mod endpoint;
mod errors;
mod paginate;
mod retry;
mod transport;
pub mod waiter;

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use serde::de::DeserializeOwned;

pub use config::{CompressionConfig, Config, ConfigBuilder, RetryConfig, TimeoutConfig};
pub use credentials::{Credentials, ProvideCredentials};
pub use errors::{error_code_and_message, query_error_code, sanitize_error_code};
pub use paginate::{ItemStream, PageStream};
pub use retry::RetryKind;
pub use transport::{BoxFuture, HyperTransport, Transport, TransportError};

use crate::error::{ErrorMetadata, ProvideErrorMetadata, Unhandled, UnhandledKind};

pub use crate::protocol::Protocol;

/// What a generated client knows about its service.
#[derive(Debug)]
pub struct ServiceInfo {
    /// The service shape name: the `X-Amz-Target` prefix.
    pub target_prefix: &'static str,
    /// The protocol version.
    pub protocol: Protocol,
    /// The SigV4 signing name (`aws.auth#sigv4`), if the service signs.
    pub signing_name: Option<&'static str>,
    /// The endpoint prefix: `https://<prefix>.<region>.amazonaws.com`.
    pub endpoint_prefix: &'static str,
    /// The service's SDK id, used for `AWS_ENDPOINT_URL_<SDK_ID>`.
    pub sdk_id: &'static str,
    /// `aws.protocols#awsQueryCompatible`: an error's code is the awsQuery
    /// code in `x-amzn-query-error` when the service sends one.
    pub query_compatible: bool,
    /// The service's `smithy.rules#endpointRuleSet`, as JSON; without one
    /// the endpoint is `https://<prefix>.<region>.<partition's domain>`.
    pub endpoint_rules: Option<&'static str>,
}

/// Implemented by every generated operation output: the client hands it
/// what the response said besides its body.
pub trait Output: DeserializeOwned {
    /// Keeps the response's metadata (its request id); the default drops it.
    fn set_metadata(&mut self, meta: crate::ResponseMetadata) {
        let _ = meta;
    }

    /// Reads the output from a successful response, or says why it cannot;
    /// the default reads the body as the output's JSON. HTTP-bound
    /// protocols read headers, the status and payloads as well.
    fn from_response(response: &HttpResponse) -> Result<Self, String> {
        read_body::<crate::codec::Json, Self>(response)
    }
}

/// Operations without output read nothing.
impl Output for crate::union::Unit {}

/// Implemented by every generated operation error enum.
pub trait OperationError: From<Unhandled> + ProvideErrorMetadata + std::error::Error {
    /// The error for a service error `response` with the cleaned `code`.
    fn from_service(code: &str, response: &HttpResponse, meta: ErrorMetadata) -> Self;

    /// Whether the model marks this error `@retryable`, and how; `None`
    /// (the default) leaves the decision to its code and status.
    fn retry_kind(&self) -> Option<RetryKind> {
        None
    }
}

/// The client inside an operation's fluent builder: the shared [`Handle`],
/// typed by the operation's error `E`. Operations that share an input
/// structure thereby get fluent builders of their own.
pub struct Sender<E> {
    handle: Arc<Handle>,
    error: PhantomData<fn() -> E>,
}

impl<E> Sender<E> {
    /// A sender over `handle`.
    pub fn new(handle: &Arc<Handle>) -> Self {
        Self { handle: Arc::clone(handle), error: PhantomData }
    }

    /// A fresh value for an `@idempotencyToken` member the caller left
    /// unset: a random UUID, or what the configured generator makes.
    pub fn idempotency_token(&self) -> String {
        self.handle.config.idempotency_token.map_or_else(idempotency_token, |generate| generate())
    }
}

impl<E: OperationError> Sender<E> {
    /// Calls `operation` with `input`; see [`Handle::call`].
    pub async fn call<I: serde::Serialize, O: Output>(
        &self,
        operation: &'static str,
        input: &I,
    ) -> Result<O, E> {
        self.handle.call_with(operation, input, CallOptions::default()).await
    }

    /// Calls `operation` with `input` as `options` say; see
    /// [`Handle::call_with`].
    pub async fn call_with<I: serde::Serialize, O: Output>(
        &self,
        operation: &'static str,
        input: &I,
        options: CallOptions,
    ) -> Result<O, E> {
        self.handle.call_with(operation, input, options).await
    }
}

impl<E: OperationError> Sender<E> {
    /// Calls `operation` of an RPC v2 service with `input` in codec `C`;
    /// see [`Handle::call_rpc_v2`].
    pub async fn call_rpc_v2<C: crate::codec::Codec, I: serde::Serialize + 'static, O: Output>(
        &self,
        operation: &'static str,
        input: &I,
        options: CallOptions,
    ) -> Result<O, E> {
        self.handle.call_rpc_v2::<C, I, O, E>(operation, input, options).await
    }

    /// Sends `request`, an operation's request built by an HTTP-bound
    /// protocol, as `options` say; see [`Handle::send`].
    pub async fn send<O: Output>(&self, request: HttpRequest, options: CallOptions) -> Result<O, E> {
        self.handle.send(request, options).await
    }
}

/// An operation's request as a protocol builds it from the input, before
/// the endpoint, compression and signing.
#[derive(Clone, Debug)]
pub struct HttpRequest {
    /// The method.
    pub method: http::Method,
    /// The path below the endpoint's, percent-encoded, starting with `/`.
    pub path: String,
    /// The query string, percent-encoded, without `?`; may be empty.
    pub query: String,
    /// The headers the protocol sets.
    pub headers: http::HeaderMap,
    /// The body.
    pub body: Bytes,
}

impl HttpRequest {
    /// A request with no headers and an empty body; `method` is upper case
    /// letters (anything else makes a `POST`).
    pub fn new(method: &str, path: String) -> Self {
        let method = http::Method::from_bytes(method.as_bytes()).unwrap_or(http::Method::POST);
        Self { method, path, query: String::new(), headers: http::HeaderMap::new(), body: Bytes::new() }
    }
}

/// A response as it arrived.
#[derive(Clone, Debug)]
pub struct HttpResponse {
    /// The status.
    pub status: u16,
    /// The headers.
    pub headers: http::HeaderMap,
    /// The body.
    pub body: Bytes,
}

/// What an operation's model adds to a call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// `@endpoint`: the prefix the operation puts before the endpoint's
    /// host (its `@hostLabel` members already filled in; see
    /// [`host_prefix`]).
    pub host_prefix: Option<String>,
    /// `@requestCompression` with `gzip`: compress the body when it is
    /// large enough (see [`CompressionConfig`]).
    pub gzip: bool,
    /// The endpoint parameters the operation and its input set.
    pub endpoint_params: endpoint::EndpointParams,
    /// `@httpChecksumRequired`: send the body's MD5 as `Content-MD5`.
    pub content_md5: bool,
}

/// The host prefix of an `@endpoint(hostPrefix: ...)` template with its
/// `{label}`s replaced by the `@hostLabel` members' values. A missing or
/// empty label, or one that would not make a valid host name, is an error
/// (the request is not sent).
pub fn host_prefix(template: &str, labels: &[(&str, Option<&str>)]) -> Result<String, Unhandled> {
    let construction =
        |message: String| Unhandled::new(UnhandledKind::Construction, ErrorMetadata::new().with_message(message));
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').map(|i| open + i).ok_or_else(|| construction(format!("unclosed `{{` in host prefix `{template}`")))?;
        let name = &rest[open + 1..close];
        let value = labels.iter().find(|(n, _)| *n == name).and_then(|(_, v)| *v).unwrap_or_default();
        if value.is_empty() {
            return Err(construction(format!("the host label `{name}` must be set (it goes into the host name)")));
        }
        out.push_str(value);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    let valid_label = |l: &str| {
        !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if !out.trim_end_matches('.').split('.').all(valid_label) {
        return Err(construction(format!("`{out}` does not make a valid host name")));
    }
    Ok(out)
}

impl<E> Clone for Sender<E> {
    fn clone(&self) -> Self {
        Self::new(&self.handle)
    }
}

impl<E> std::fmt::Debug for Sender<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Sender").field(&self.handle).finish()
    }
}

/// A configured connection to one service; generated clients hold it in an
/// `Arc` and call [`Handle::call`] once per operation call.
#[derive(Debug)]
pub struct Handle {
    service: &'static ServiceInfo,
    config: Config,
    /// The service's endpoint rules and the parameters the configuration
    /// gives them.
    rules: Option<(endpoint::RuleSet, endpoint::EndpointParams)>,
    /// The rules' parameter bound to `AWS::Auth::AccountId`, set from the
    /// credentials at each call.
    account_id_param: Option<String>,
    /// The endpoint of calls that add no parameters of their own, or why
    /// there is none (such calls then fail with the reason).
    endpoint: Result<endpoint::Endpoint, endpoint::EndpointError>,
}

impl Handle {
    /// A handle for `service` configured by `config`; the endpoint is
    /// resolved here, and again for each call whose operation adds endpoint
    /// parameters.
    pub fn new(service: &'static ServiceInfo, config: Config) -> Self {
        let mut account_id_param = None;
        let (rules, endpoint) = match service.endpoint_rules.map(endpoint::RuleSet::parse) {
            None => (None, Ok(config.default_endpoint(service))),
            Some(Err(e)) => (None, Err(e)),
            Some(Ok(rules)) => {
                account_id_param =
                    rules.parameter_names().find(|n| rules.built_in(n) == Some("AWS::Auth::AccountId")).map(str::to_owned);
                let params = config.endpoint_params(&rules);
                let endpoint = rules.resolve(&params);
                (Some((rules, params)), endpoint)
            }
        };
        Self { service, config, rules, account_id_param, endpoint }
    }

    /// The endpoint of a call whose operation sets `params` (its
    /// `staticContextParams`, `contextParam` members and
    /// `operationContextParams`), which take precedence over the
    /// configuration's.
    pub fn resolve_endpoint(
        &self,
        params: &endpoint::EndpointParams,
    ) -> std::borrow::Cow<'_, Result<endpoint::Endpoint, endpoint::EndpointError>> {
        match &self.rules {
            Some((rules, base)) if !params.is_empty() => {
                let mut all = base.clone();
                all.extend(params);
                std::borrow::Cow::Owned(rules.resolve(&all))
            }
            _ => std::borrow::Cow::Borrowed(&self.endpoint),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The URL requests go to; empty when the configuration resolves no
    /// endpoint (calls then fail saying why).
    pub fn endpoint(&self) -> &str {
        self.endpoint.as_ref().map_or("", |e| e.url.as_str())
    }

    /// Calls `operation` of an awsJson service with `input` as its JSON
    /// body, retrying as configured, and reads the output `O` or the error
    /// `E`.
    pub async fn call<I, O, E>(&self, operation: &'static str, input: &I) -> Result<O, E>
    where
        I: serde::Serialize,
        O: Output,
        E: OperationError,
    {
        self.call_with(operation, input, CallOptions::default()).await
    }

    /// [`Handle::call`], with the host prefix and compression an
    /// operation's model asks for.
    pub async fn call_with<I, O, E>(&self, operation: &'static str, input: &I, options: CallOptions) -> Result<O, E>
    where
        I: serde::Serialize,
        O: Output,
        E: OperationError,
    {
        let request = crate::protocol::aws_json::request(self.service, operation, input)?;
        self.send(request, options).await
    }

    /// Calls `operation` of an RPC v2 service (rpcv2Cbor, rpcv2Json) with
    /// `input` as its body in codec `C`, retrying as configured, and reads
    /// the output `O` or the error `E` in the same codec.
    pub async fn call_rpc_v2<C, I, O, E>(&self, operation: &'static str, input: &I, options: CallOptions) -> Result<O, E>
    where
        C: crate::codec::Codec,
        I: serde::Serialize + 'static,
        O: Output,
        E: OperationError,
    {
        let request = crate::protocol::rpc_v2::request::<C, I>(self.service, operation, input)?;
        self.send_in::<C, O, E>(request, options, read_body::<C, O>).await
    }

    /// Sends `request` (an operation's request as its protocol built it)
    /// to the endpoint, compressed and signed as configured and `options`
    /// say, retrying as configured, and reads the output `O` or the error
    /// `E`.
    pub async fn send<O, E>(&self, request: HttpRequest, options: CallOptions) -> Result<O, E>
    where
        O: Output,
        E: OperationError,
    {
        self.send_in::<crate::codec::Json, O, E>(request, options, O::from_response).await
    }

    /// [`Handle::send`] for a protocol whose bodies are in codec `C` and
    /// whose outputs `read` reads.
    async fn send_in<C, O, E>(&self, request: HttpRequest, options: CallOptions, read: ReadOutput<O>) -> Result<O, E>
    where
        C: crate::codec::Codec,
        O: Output,
        E: OperationError,
    {
        let compression = &self.config.compression;
        let gzip = options.gzip && !compression.disabled && request.body.len() >= compression.min_size_bytes as usize;
        let mut request = request;
        if gzip {
            request.body = Bytes::from(crate::protocol::gzip(&request.body));
            // After any encoding the input set itself.
            let encoding = match request.headers.get(http::header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()) {
                Some(given) if !given.trim().is_empty() => format!("{given}, gzip"),
                _ => "gzip".to_owned(),
            };
            if let Ok(value) = http::HeaderValue::try_from(encoding) {
                request.headers.insert(http::header::CONTENT_ENCODING, value);
            }
        }
        // A query-compatible service's clients say so, and the service
        // answers errors with their awsQuery codes.
        if self.service.query_compatible {
            request.headers.insert("x-amzn-query-mode", http::HeaderValue::from_static("true"));
        }
        if options.content_md5 {
            use base64::Engine as _;
            use md5::Digest as _;
            let digest = base64::engine::general_purpose::STANDARD.encode(md5::Md5::digest(&request.body));
            if let Ok(value) = http::HeaderValue::try_from(digest) {
                request.headers.insert("content-md5", value);
            }
        }
        let prefix = options.host_prefix.filter(|_| !self.config.disable_host_prefix);
        let call = async {
            let credentials = self.credentials().await.map_err(E::from)?;
            // Credentials that know their account feed account-based
            // endpoints.
            let mut params = options.endpoint_params;
            let account = credentials.as_ref().and_then(|c| c.account_id());
            if let (Some(name), Some(account)) = (&self.account_id_param, account) {
                if params.get(name).is_none() {
                    params.set(name, account);
                }
            }
            let endpoint = self.resolve_endpoint(&params);
            let parts = RequestParts { request: &request, prefix: prefix.as_deref(), endpoint: &endpoint, credentials: credentials.as_ref() };
            self.invoke_with_retries::<C, O, E>(&parts, read).await
        };
        match self.config.timeouts.operation {
            None => call.await,
            Some(limit) => match tokio::time::timeout(limit, call).await {
                Ok(result) => result,
                Err(_) => Err(E::from(timeout_error("operation", limit))),
            },
        }
    }

    async fn invoke_with_retries<C, O, E>(&self, request: &RequestParts<'_>, read: ReadOutput<O>) -> Result<O, E>
    where
        C: crate::codec::Codec,
        O: Output,
        E: OperationError,
    {
        let max_attempts = self.config.retry.max_attempts.max(1);
        let mut attempt = 1;
        loop {
            // Modeled `@retryable` errors say how; any other error retries
            // on its kind (a failed connection, a timeout), code or status.
            let (error, kind) = match self.attempt(request).await {
                Ok(response) => match read_response::<C, O, E>(response, self.service.query_compatible, read) {
                    Ok(output) => return Ok(output),
                    Err(error) => {
                        let kind = error.retry_kind().or_else(|| retry::classify_service(error.meta()));
                        (error, kind)
                    }
                },
                Err(unhandled) => {
                    let kind = retry::classify(&unhandled);
                    (E::from(unhandled), kind)
                }
            };
            if kind.is_none() || attempt >= max_attempts {
                return Err(error);
            }
            tokio::time::sleep(retry::backoff(&self.config.retry, attempt)).await;
            attempt += 1;
        }
    }

    /// The credentials to sign this call with: none for an unsigned service
    /// or client.
    async fn credentials(&self) -> Result<Option<Credentials>, Unhandled> {
        let (Some(_), Some(provider)) = (self.service.signing_name, self.config.credentials_provider()) else {
            return Ok(None);
        };
        match provider.provide_credentials().await {
            Ok(credentials) => Ok(Some(credentials)),
            Err(e) => {
                let message = format!("no credentials to sign with: {e}");
                Err(Unhandled::new(UnhandledKind::Credentials, ErrorMetadata::new().with_message(message)).with_source(Box::new(e)))
            }
        }
    }

    /// One attempt: build, sign and send the request, within the attempt
    /// timeout.
    async fn attempt(&self, parts: &RequestParts<'_>) -> Result<HttpResponse, Unhandled> {
        let request = self.build_request(parts)?;
        let send = self.config.transport.send(request);
        let response = match self.config.timeouts.attempt {
            None => send.await,
            Some(limit) => match tokio::time::timeout(limit, send).await {
                Ok(result) => result,
                Err(_) => return Err(timeout_error("attempt", limit)),
            },
        };
        let response = response.map_err(|e| {
            let kind = if is_timeout(&*e) { UnhandledKind::Timeout } else { UnhandledKind::Transport };
            Unhandled::new(kind, ErrorMetadata::new().with_message(e.to_string())).with_source(e)
        })?;
        let (parts, body) = response.into_parts();
        Ok(HttpResponse { status: parts.status.as_u16(), headers: parts.headers, body })
    }

    fn build_request(&self, parts: &RequestParts<'_>) -> Result<http::Request<Bytes>, Unhandled> {
        let construction = |message: String| {
            Unhandled::new(UnhandledKind::Construction, ErrorMetadata::new().with_message(message))
        };
        let endpoint = parts.endpoint.as_ref().map_err(|e| construction(e.to_string()))?;
        let uri: http::Uri = endpoint.url.parse().map_err(|e| construction(format!("invalid endpoint `{}`: {e}", endpoint.url)))?;
        let authority = uri
            .authority()
            .map(|a| a.as_str())
            .ok_or_else(|| construction(format!("endpoint `{}` has no host", endpoint.url)))?;
        let host = format!("{}{authority}", parts.prefix.unwrap_or_default());
        // The operation's path goes below the endpoint's own path.
        let request = parts.request;
        let path = format!("{}{}", uri.path().trim_end_matches('/'), request.path);
        let query = if request.query.is_empty() { String::new() } else { format!("?{}", request.query) };
        let scheme = uri.scheme_str().unwrap_or("https");
        let uri: http::Uri = format!("{scheme}://{host}{path}{query}")
            .parse()
            .map_err(|e| construction(format!("invalid request URI `{scheme}://{host}{path}{query}`: {e}")))?;
        let mut builder = http::Request::builder().method(request.method.clone()).uri(uri);
        if let Some(headers) = builder.headers_mut() {
            headers.clone_from(&request.headers);
        }
        builder = builder.header(http::header::HOST, host);
        // A request without a body says nothing of its length.
        if !request.body.is_empty() {
            builder = builder.header(http::header::CONTENT_LENGTH, request.body.len());
        }
        let mut request = builder
            .header(http::header::USER_AGENT, concat!("smithy-json-rs/", env!("CARGO_PKG_VERSION")))
            .body(request.body.clone())
            .map_err(|e| construction(format!("cannot build the request: {e}")))?;
        for (name, values) in &endpoint.headers {
            for value in values {
                let (Ok(name), Ok(value)) = (http::HeaderName::try_from(name), http::HeaderValue::try_from(value)) else {
                    return Err(construction(format!("the endpoint's header `{name}: {value}` is not valid HTTP")));
                };
                request.headers_mut().append(name, value);
            }
        }
        if let (Some(name), Some(credentials)) = (self.service.signing_name, parts.credentials) {
            // The endpoint's sigv4 auth scheme may sign for another region
            // or name.
            let scheme = endpoint::sigv4_scheme(endpoint);
            let name = scheme.as_ref().and_then(|s| s.signing_name.as_deref()).unwrap_or(name);
            let region = scheme.as_ref().and_then(|s| s.signing_region.as_deref()).unwrap_or(&self.config.region);
            let time = self.config.signing_time.unwrap_or_else(SystemTime::now);
            config::sign(&mut request, credentials, region, name, time)
                .map_err(|e| construction(format!("cannot sign the request: {e}")))?;
        }
        Ok(request)
    }
}

/// What one operation call puts in each attempt's request.
struct RequestParts<'a> {
    request: &'a HttpRequest,
    prefix: Option<&'a str>,
    endpoint: &'a Result<endpoint::Endpoint, endpoint::EndpointError>,
    credentials: Option<&'a Credentials>,
}

/// How a protocol reads an operation's output from a successful response.
type ReadOutput<O> = fn(&HttpResponse) -> Result<O, String>;

/// Reads the body of `response` as `O` in codec `C`, or says why it
/// cannot, quoting the body's start.
pub fn read_body<C: crate::codec::Codec, O: serde::de::DeserializeOwned>(response: &HttpResponse) -> Result<O, String> {
    C::from_body(&response.body).map_err(|e| body_error(&response.body, &e))
}

fn read_response<C: crate::codec::Codec, O: Output, E: OperationError>(
    response: HttpResponse,
    query_compatible: bool,
    read: ReadOutput<O>,
) -> Result<O, E> {
    let mut meta = ErrorMetadata::new().with_status(response.status);
    if let Some(id) = header(&response.headers, "x-amzn-requestid").or_else(|| header(&response.headers, "x-amz-request-id")) {
        meta = meta.with_request_id(id);
    }
    if (200..300).contains(&response.status) {
        let mut output = read(&response)
            .map_err(|message| E::from(Unhandled::new(UnhandledKind::Parse, meta.clone().with_message(message))))?;
        let mut response_meta = crate::ResponseMetadata::default();
        if let Some(id) = meta.request_id() {
            response_meta = response_meta.with_request_id(id);
        }
        output.set_metadata(response_meta);
        return Ok(output);
    }
    let error = match error_code_and_message::<C>(&response.headers, &response.body) {
        Ok((code, message)) => {
            if let Some(message) = message {
                meta = meta.with_message(message);
            }
            // An awsQuery-compatible service's code is its awsQuery code;
            // the error type still picks the modeled error, as either does.
            let query_code = query_compatible.then(|| query_error_code(&response.headers)).flatten();
            match code.or_else(|| query_code.clone()) {
                Some(code) => {
                    meta = meta.with_code(query_code.unwrap_or_else(|| code.clone()));
                    E::from_service(&code, &response, meta)
                }
                None => E::from(Unhandled::new(UnhandledKind::Service, meta)),
            }
        }
        Err(e) => E::from(parse_error(meta, &response.body, &e)),
    };
    Err(error)
}

fn header(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// A parse error that carries the status and the first bytes of the body.
fn parse_error(meta: ErrorMetadata, body: &[u8], error: &str) -> Unhandled {
    Unhandled::new(UnhandledKind::Parse, meta.with_message(body_error(body, error)))
}

/// Why `body` cannot be read, with its first bytes.
pub fn body_error(body: &[u8], error: &str) -> String {
    const SHOWN: usize = 200;
    let shown = String::from_utf8_lossy(&body[..body.len().min(SHOWN)]);
    let more = if body.len() > SHOWN { "…" } else { "" };
    format!("the body is not what the operation returns ({error}); it starts: {shown:?}{more}")
}

fn timeout_error(what: &str, limit: Duration) -> Unhandled {
    Unhandled::new(
        UnhandledKind::Timeout,
        ErrorMetadata::new().with_message(format!("the {what} timeout of {limit:?} elapsed")),
    )
}

fn is_timeout(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::TimedOut {
                return true;
            }
        }
        if e.to_string().contains("timed out") {
            return true;
        }
        current = e.source();
    }
    false
}

/// The error for an input that cannot make a request (an empty label, a
/// header value that is not header text): nothing is sent.
pub fn invalid_input(message: String) -> Unhandled {
    Unhandled::new(UnhandledKind::Construction, ErrorMetadata::new().with_message(message))
}

/// A fresh idempotency token (a random UUID v4), for `@idempotencyToken`
/// members the caller left empty.
pub fn idempotency_token() -> String {
    uuid::Uuid::new_v4().to_string()
}

