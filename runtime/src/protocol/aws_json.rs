//! The awsJson protocols (1.0 and 1.1): every operation is a `POST /` whose
//! `X-Amz-Target` names it and whose body is the input's JSON.

#[cfg(feature = "client")]
use crate::error::{ErrorMetadata, Unhandled, UnhandledKind};

/// The request of `operation` of `service` with `input` as its body.
#[cfg(feature = "client")]
pub(crate) fn request<I: serde::Serialize>(
    service: &crate::client::ServiceInfo,
    operation: &str,
    input: &I,
) -> Result<crate::client::HttpRequest, Unhandled> {
    let body = serde_json::to_vec(input).map_err(|e| {
        Unhandled::new(UnhandledKind::Construction, ErrorMetadata::new().with_message(format!("cannot serialize the input: {e}")))
            .with_source(e)
    })?;
    let mut request = crate::client::HttpRequest::new("POST", "/".to_owned());
    let target = format!("{}.{operation}", service.target_prefix);
    let headers = &mut request.headers;
    headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(service.protocol.content_type()));
    // The target is made of shape names, which are valid header text.
    if let Ok(target) = http::HeaderValue::try_from(target) {
        headers.insert("x-amz-target", target);
    }
    request.body = body.into();
    Ok(request)
}

/// The operation an awsJson request's `X-Amz-Target` names, or the error
/// reply when it names none of the service's.
#[cfg(feature = "server")]
pub(crate) fn operation(
    parts: &http::request::Parts,
    target_prefix: &str,
) -> Result<crate::server::Routed, crate::server::Reply> {
    use crate::server::Reply;
    if parts.uri.path() != "/" {
        let message = format!("no operation is at {}: awsJson operations are served at /", parts.uri.path());
        return Err(Reply::error(404, "UnknownOperationException", &message));
    }
    if parts.method != http::Method::POST {
        return Err(Reply::error(405, "MethodNotAllowedException", "awsJson operations are invoked with POST"));
    }
    let target = parts.headers.get("x-amz-target").and_then(|v| v.to_str().ok());
    let operation = target
        .and_then(|t| t.rsplit_once('.'))
        .filter(|(prefix, _)| targets_service(prefix, target_prefix))
        .map(|(_, op)| op.to_owned());
    match operation {
        Some(operation) => Ok(crate::server::Routed { operation, labels: Vec::new(), query: Vec::new() }),
        None => {
            let shown = target.unwrap_or("(missing X-Amz-Target)");
            Err(Reply::error(400, "UnknownOperationException", &format!("unknown operation {shown}")))
        }
    }
}

/// Whether an `X-Amz-Target` prefix names the service whose shape name is
/// `service`. Clients built from the older AWS models (botocore, the AWS
/// CLI) send some services' targets with a dotted prefix ending in that
/// name (`com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`).
#[cfg(feature = "server")]
fn targets_service(prefix: &str, service: &str) -> bool {
    prefix == service || prefix.strip_suffix(service).is_some_and(|namespace| namespace.ends_with('.'))
}
