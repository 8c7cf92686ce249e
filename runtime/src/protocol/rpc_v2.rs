//! Smithy RPC v2 (rpcv2Cbor, rpcv2Json): every operation is a
//! `POST {prefix}/service/{ServiceName}/operation/{OperationName}` with the
//! input as the body in the protocol's codec and a `Smithy-Protocol`
//! header naming the protocol both ways. The two protocols differ only in
//! their [`Codec`](crate::codec::Codec).

#[cfg(feature = "client")]
use crate::error::{ErrorMetadata, Unhandled, UnhandledKind};

/// The request of `operation` with `input` as its body; an operation
/// without input (`Unit`) sends no body and no `Content-Type`.
#[cfg(feature = "client")]
pub(crate) fn request<C: crate::codec::Codec, I: serde::Serialize + 'static>(
    service: &crate::client::ServiceInfo,
    operation: &str,
    input: &I,
) -> Result<crate::client::HttpRequest, Unhandled> {
    let path = format!("/service/{}/operation/{operation}", service.target_prefix);
    let mut request = crate::client::HttpRequest::new("POST", path);
    let headers = &mut request.headers;
    if let Some(protocol) = service.protocol.smithy_protocol() {
        headers.insert("smithy-protocol", http::HeaderValue::from_static(protocol));
    }
    headers.insert(http::header::ACCEPT, http::HeaderValue::from_static(C::MEDIA_TYPE));
    if std::any::TypeId::of::<I>() != std::any::TypeId::of::<crate::union::Unit>() {
        let body = C::to_vec(input).map_err(|e| {
            Unhandled::new(UnhandledKind::Construction, ErrorMetadata::new().with_message(format!("cannot serialize the input: {e}")))
        })?;
        headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(C::MEDIA_TYPE));
        request.body = body.into();
    }
    Ok(request)
}

/// The operation an RPC v2 request names, or the error reply for a request
/// that names none of the service's or breaks the protocol's rules.
/// `service` is the service's shape name and `namespace` its namespace:
/// the path may name the service either way (`Service` or
/// `com.example.Service`).
#[cfg(feature = "server")]
pub(crate) fn operation(
    parts: &http::request::Parts,
    service: &str,
    namespace: &str,
    protocol: super::Protocol,
) -> Result<crate::server::Routed, crate::server::Reply> {
    use crate::server::Reply;
    // Only the last four segments count: a prefix before them is allowed.
    let segments: Vec<&str> = parts.uri.path().split('/').collect();
    let named = match segments[..] {
        [.., "service", name, "operation", operation] if !operation.is_empty() => {
            let namespaced = name.strip_suffix(service).and_then(|ns| ns.strip_suffix('.'));
            (name == service || namespaced == Some(namespace)).then_some(operation)
        }
        _ => None,
    };
    let Some(operation) = named else {
        let message = format!("no operation is at {}: RPC v2 operations are at /service/{service}/operation/{{Operation}}", parts.uri.path());
        return Err(Reply::error(404, "UnknownOperationException", &message));
    };
    if parts.method != http::Method::POST {
        return Err(Reply::error(405, "MethodNotAllowedException", "RPC v2 operations are invoked with POST"));
    }
    let header = |name: &str| parts.headers.get(name).map(|v| v.to_str().unwrap_or_default());
    let expected = protocol.smithy_protocol().unwrap_or_default();
    match header("smithy-protocol") {
        Some(given) if given == expected => {}
        Some(given) => return Err(Reply::malformed(&format!("the Smithy-Protocol header is `{given}`; this service speaks `{expected}`"))),
        None => return Err(Reply::malformed(&format!("the Smithy-Protocol header is missing; this service speaks `{expected}`"))),
    }
    if header("x-amz-target").is_some() || header("x-amzn-target").is_some() {
        return Err(Reply::malformed("RPC v2 requests must not carry X-Amz-Target"));
    }
    if let Some(content_type) = header("content-type") {
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        if !essence.eq_ignore_ascii_case(protocol.content_type()) {
            let message = format!("the body must be {}, not `{content_type}`", protocol.content_type());
            return Err(Reply::error(415, "UnsupportedMediaTypeException", &message));
        }
    }
    if let Some(accept) = header("accept") {
        let acceptable = accept.split(',').map(|a| a.split(';').next().unwrap_or_default().trim()).any(|a| {
            a == "*/*" || a == "application/*" || a.eq_ignore_ascii_case(protocol.content_type())
        });
        if !acceptable {
            let message = format!("the response is {}, which `Accept: {accept}` refuses", protocol.content_type());
            return Err(Reply::error(406, "NotAcceptableException", &message));
        }
    }
    Ok(crate::server::Routed { operation: operation.to_owned(), labels: Vec::new(), query: Vec::new() })
}

/// A modeled error's body: its members and `__type`, the error's shape id.
#[cfg(feature = "server")]
struct ErrorBody<'a, T>(&'a str, &'a T);

#[cfg(feature = "server")]
impl<T: crate::de::StructFields> serde::Serialize for ErrorBody<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("__type", self.0)?;
        self.1.write_fields(&mut map)?;
        map.end()
    }
}

/// The reply for a modeled error structure in codec `C`.
#[cfg(feature = "server")]
pub fn error_reply<C, T>(error: &T) -> crate::server::Reply
where
    C: crate::codec::Codec,
    T: crate::server::ModeledError + crate::de::StructFields,
{
    let shape = T::SHAPE;
    match C::to_vec(&ErrorBody(shape.shape_id, error)) {
        Ok(body) => {
            let mut reply = crate::server::Reply::new(shape.status, body);
            reply.set_error_type(shape.shape_id, shape.query_error);
            reply
        }
        Err(e) => crate::server::Reply::unserializable(&e),
    }
}
