//! Error types shared by every generated operation.

use std::error::Error as StdError;
use std::fmt;

/// What is known about a failed call: the error code the service sent, its
/// message, the HTTP status and the request id (`x-amzn-requestid`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    code: Option<String>,
    message: Option<String>,
    status: Option<u16>,
    request_id: Option<String>,
}

impl ErrorMetadata {
    /// Metadata with every part unknown.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the error code (the cleaned error type name).
    #[must_use]
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Sets the message.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Sets the HTTP status.
    #[must_use]
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Sets the request id.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// The error code, e.g. `ResourceNotFoundException`.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message the service sent.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The request id the service assigned (`x-amzn-requestid`).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// Access to the [`ErrorMetadata`] of any error a generated operation returns.
pub trait ProvideErrorMetadata {
    /// The metadata of this error.
    fn meta(&self) -> &ErrorMetadata;

    /// The error code, e.g. `ResourceNotFoundException`.
    fn code(&self) -> Option<&str> {
        self.meta().code()
    }

    /// The message the service sent.
    fn message(&self) -> Option<&str> {
        self.meta().message()
    }

    /// The HTTP status of the response.
    fn status(&self) -> Option<u16> {
        self.meta().status()
    }

    /// The request id the service assigned.
    fn request_id(&self) -> Option<&str> {
        self.meta().request_id()
    }
}

/// Why a call failed when the failure is not one the model describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnhandledKind {
    /// The service answered with an error code the model does not list.
    Service,
    /// The request could not be sent or the response not received.
    Transport,
    /// A timeout elapsed.
    Timeout,
    /// The response could not be read (not JSON, truncated, wrong types).
    Parse,
    /// The request could not be built (e.g. a required member is missing).
    Construction,
    /// No credentials could be had to sign the request.
    Credentials,
}

impl fmt::Display for UnhandledKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Service => "service error",
            Self::Transport => "transport error",
            Self::Timeout => "timeout",
            Self::Parse => "response could not be parsed",
            Self::Construction => "request could not be built",
            Self::Credentials => "no credentials",
        })
    }
}

/// An error the model does not describe: an unknown service error code, or a
/// transport, timeout, parse or construction failure.
#[derive(Debug)]
pub struct Unhandled {
    kind: UnhandledKind,
    meta: ErrorMetadata,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
}

impl Unhandled {
    /// A new error of `kind` described by `meta`.
    pub fn new(kind: UnhandledKind, meta: ErrorMetadata) -> Self {
        Self { kind, meta, source: None }
    }

    /// Attaches the underlying cause.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<Box<dyn StdError + Send + Sync + 'static>>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Why the call failed.
    pub fn kind(&self) -> UnhandledKind {
        self.kind
    }
}

impl ProvideErrorMetadata for Unhandled {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if let Some(code) = self.meta.code() {
            write!(f, ": {code}")?;
        }
        if let Some(status) = self.meta.status() {
            write!(f, " (HTTP {status})")?;
        }
        if let Some(message) = self.meta.message() {
            write!(f, ": {message}")?;
        }
        if let Some(request_id) = self.meta.request_id() {
            write!(f, " [request id {request_id}]")?;
        }
        Ok(())
    }
}

impl StdError for Unhandled {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn StdError + 'static))
    }
}

/// A builder could not produce a value because a required member was not set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    shape: &'static str,
    member: &'static str,
}

impl BuildError {
    /// A missing required `member` of the structure `shape`.
    pub fn missing_field(shape: &'static str, member: &'static str) -> Self {
        Self { shape, member }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: required member `{}` was not set", self.shape, self.member)
    }
}

impl StdError for BuildError {}

/// Reads a modeled error structure from an error `body` in codec `C`,
/// attaching `meta`; a body that does not parse becomes an [`Unhandled`]
/// parse error saying why.
pub fn parse_error_body<C, T>(body: &[u8], meta: ErrorMetadata) -> Result<T, Unhandled>
where
    C: crate::codec::Codec,
    T: serde::de::DeserializeOwned + WithErrorMetadata,
{
    match C::from_body::<T>(body) {
        Ok(error) => Ok(error.with_error_metadata(meta)),
        Err(e) => Err(Unhandled::new(UnhandledKind::Parse, meta).with_source(format!("cannot read the error body: {e}"))),
    }
}

/// Implemented by generated error structures to take on the metadata of the
/// response they came in.
pub trait WithErrorMetadata {
    /// Returns `self` carrying `meta`.
    fn with_error_metadata(self, meta: ErrorMetadata) -> Self;
}

impl From<BuildError> for Unhandled {
    fn from(error: BuildError) -> Self {
        Unhandled::new(UnhandledKind::Construction, ErrorMetadata::new().with_message(error.to_string())).with_source(error)
    }
}

/// What a successful response said besides its body: the request id the
/// service gave it (`x-amzn-requestid`). Operation outputs carry it; see
/// their `request_id()`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseMetadata {
    request_id: Option<String>,
}

impl ResponseMetadata {
    /// The request id, when the service sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// With `request_id`.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }
}
