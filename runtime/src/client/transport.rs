//! Sending a request: a small trait so users and tests can plug in their
//! own, and the default HTTP/1.1 + rustls transport on hyper.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// A boxed, sendable future.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// Why a request could not be sent or its response not received.
pub type TransportError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Sends one HTTP request and returns the whole response.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request`; the future resolves once the whole body has arrived.
    fn send(&self, request: http::Request<Bytes>) -> BoxFuture<Result<http::Response<Bytes>, TransportError>>;
}

/// The default transport: hyper's pooled HTTP/1.1 client, with TLS by
/// rustls (Mozilla's root certificates) for `https` endpoints.
#[derive(Clone)]
pub struct HyperTransport {
    client: Client<hyper_rustls::HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperTransport").finish_non_exhaustive()
    }
}

impl HyperTransport {
    /// A transport whose connections must be established within
    /// `connect_timeout`.
    pub fn new(connect_timeout: Option<Duration>) -> Self {
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(connect_timeout);
        http.set_nodelay(true);
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        Self { client: Client::builder(TokioExecutor::new()).build(https) }
    }
}

impl Transport for HyperTransport {
    fn send(&self, request: http::Request<Bytes>) -> BoxFuture<Result<http::Response<Bytes>, TransportError>> {
        let client = self.client.clone();
        Box::pin(async move {
            let response = client.request(request.map(Full::new)).await?;
            let (parts, body) = response.into_parts();
            let body = body.collect().await?.to_bytes();
            Ok(http::Response::from_parts(parts, body))
        })
    }
}
