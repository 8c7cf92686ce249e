//! Reading the error type and message of an error response in a JSON or
//! CBOR body.

use serde::Deserialize;

/// Cleans an error type name as the awsJson protocols say: keep what is
/// before the first `:`, then what is after the first `#`
/// (`aws.protocoltests#FooError:http://internal…` → `FooError`).
pub fn sanitize_error_code(raw: &str) -> &str {
    let before_colon = raw.split_once(':').map_or(raw, |(code, _)| code);
    let after_hash = before_colon.split_once('#').map_or(before_colon, |(_, code)| code);
    after_hash.trim()
}

#[derive(Deserialize)]
struct ErrorBody {
    code: Option<Loose>,
    #[serde(rename = "__type")]
    type_: Option<Loose>,
    message: Option<Loose>,
    #[serde(rename = "Message")]
    message_upper: Option<Loose>,
    #[serde(rename = "errorMessage")]
    error_message: Option<Loose>,
}

/// A member that is text, or anything else (ignored).
#[derive(Deserialize)]
#[serde(untagged)]
enum Loose {
    Text(String),
    Other(serde::de::IgnoredAny),
}

/// The cleaned error code (from the `X-Amzn-Errortype` header, else the
/// body's `code`, else its `__type`) and the message (`message`, `Message`
/// or `errorMessage`) of an error response. An empty body has neither; a
/// body that is not a JSON object is an error.
pub fn error_code_and_message<C: crate::codec::Codec>(
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<(Option<String>, Option<String>), String> {
    let header_code = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map(sanitize_error_code)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok((header_code, None));
    }
    let parsed: ErrorBody = C::from_body(body)?;
    let text = |v: Option<Loose>| match v {
        Some(Loose::Text(s)) => Some(s),
        _ => None,
    };
    let body_code = text(parsed.code)
        .or_else(|| text(parsed.type_))
        .map(|c| sanitize_error_code(&c).to_owned())
        .filter(|c| !c.is_empty());
    let message = text(parsed.message).or_else(|| text(parsed.message_upper)).or_else(|| text(parsed.error_message));
    Ok((header_code.or(body_code), message))
}

/// The awsQuery error code an awsQuery-compatible service sends in
/// `x-amzn-query-error: Code;Fault`; `None` when the header is absent or
/// not of that form.
pub fn query_error_code(headers: &http::HeaderMap) -> Option<String> {
    let value = headers.get("x-amzn-query-error")?.to_str().ok()?;
    match value.split(';').collect::<Vec<_>>()[..] {
        [code, _fault] if !code.trim().is_empty() => Some(code.trim().to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_error_codes() {
        let code = |value: &str| {
            let mut headers = http::HeaderMap::new();
            headers.insert("x-amzn-query-error", value.parse().unwrap());
            query_error_code(&headers)
        };
        assert_eq!(code("AWS.SimpleQueueService.NonExistentQueue;Sender").as_deref(), Some("AWS.SimpleQueueService.NonExistentQueue"));
        assert_eq!(code("InternalError;Receiver").as_deref(), Some("InternalError"));
        assert_eq!(code("NoFault"), None);
        assert_eq!(code(";Sender"), None);
        assert_eq!(code("A;B;C"), None);
        assert_eq!(query_error_code(&http::HeaderMap::new()), None);
    }

    fn parse(header: Option<&str>, body: &str) -> (Option<String>, Option<String>) {
        let mut headers = http::HeaderMap::new();
        if let Some(h) = header {
            headers.insert("x-amzn-errortype", h.parse().unwrap());
        }
        error_code_and_message::<crate::codec::Json>(&headers, body.as_bytes()).unwrap()
    }

    #[test]
    fn every_spelling() {
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(parse(Some("FooError"), "{}"), (some("FooError"), None));
        assert_eq!(parse(Some("FooError:http://internal.amazon.com/x"), ""), (some("FooError"), None));
        assert_eq!(parse(None, r#"{"code": "FooError", "message": "m"}"#), (some("FooError"), some("m")));
        assert_eq!(parse(None, r#"{"__type": "FooError", "Message": "m"}"#), (some("FooError"), some("m")));
        assert_eq!(parse(None, r#"{"__type": "aws.protocoltests#FooError"}"#), (some("FooError"), None));
        assert_eq!(
            parse(None, r#"{"__type": "aws.protocoltests#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "errorMessage": "e"}"#),
            (some("FooError"), some("e"))
        );
        assert_eq!(parse(Some("FromHeader"), r#"{"__type": "FromBody"}"#).0, some("FromHeader"));
        assert_eq!(parse(None, r#"{"code": "A", "__type": "B"}"#).0, some("A"));
    }

    #[test]
    fn bodies_that_are_not_json_objects_are_errors() {
        let headers = http::HeaderMap::new();
        assert!(error_code_and_message::<crate::codec::Json>(&headers, b"<html>Bad Gateway</html>").is_err());
        assert!(error_code_and_message::<crate::codec::Json>(&headers, br#"{"__type": "Foo"#).is_err());
    }
}
