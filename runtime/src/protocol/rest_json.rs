//! The restJson1 protocol: operations are bound to HTTP requests by their
//! `@http` routes and their members' binding traits (see [`super::http`]);
//! the body is JSON of the members left in it, or the `@httpPayload`.

/// A JSON body (a structure's body members, or a structure, union or
/// document payload).
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
    serde_json::to_vec(value).map_err(|e| format!("cannot serialize the body: {e}"))
}

/// A JSON payload read from a body.
pub fn from_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    crate::codec::json::from_body(body).map_err(|e| format!("the body is not the expected JSON: {e}"))
}

/// Reads the label `name` with `parse`: `None` when the route has no such
/// label; a 400 naming the label when its value is not UTF-8 or `parse`
/// refuses it.
#[cfg(feature = "server")]
pub fn read_label<T>(
    request: &crate::server::Request,
    name: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, crate::server::Reply> {
    super::http::label(&request.labels, name)
        .and_then(|text| text.map(parse).transpose())
        .map_err(|e| crate::server::Reply::malformed(&format!("label `{name}`: {e}")))
}

/// Reads the scalar query parameter `key` with `parse`: `None` when the
/// request has none; a 400 naming it when it is given more than once, is
/// not UTF-8, or `parse` refuses it.
#[cfg(feature = "server")]
pub fn read_query<T>(
    request: &crate::server::Request,
    key: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, crate::server::Reply> {
    super::http::query_value(&request.query, key)
        .and_then(|text| text.map(parse).transpose())
        .map_err(|e| crate::server::Reply::malformed(&format!("query `{key}`: {e}")))
}

/// Reads every value of the list query parameter `key` with `parse`:
/// `None` when the request has none; a 400 naming it when a value is not
/// UTF-8 or `parse` refuses one.
#[cfg(feature = "server")]
pub fn read_query_list<T>(
    request: &crate::server::Request,
    key: &str,
    parse: impl FnMut(&str) -> Result<T, String>,
) -> Result<Option<Vec<T>>, crate::server::Reply> {
    let mut parse = parse;
    let items: Result<Vec<T>, String> = super::http::query_values(&request.query, key).map(|text| text.and_then(&mut parse)).collect();
    match items {
        Ok(items) => Ok((!items.is_empty()).then_some(items)),
        Err(e) => Err(crate::server::Reply::malformed(&format!("query `{key}`: {e}"))),
    }
}

/// Every query parameter, for the `@httpQueryParams` member `member`; a
/// 400 naming it when a key or value is not UTF-8.
#[cfg(feature = "server")]
pub fn read_query_params<'a>(request: &'a crate::server::Request, member: &str) -> Result<Vec<(&'a str, &'a str)>, crate::server::Reply> {
    super::http::query_pairs(&request.query)
        .map_err(|e| crate::server::Reply::malformed(&format!("the query parameters of `{member}`: {e}")))
}

/// The routes of a restJson1 service, most specific first, as a server
/// tries them.
#[cfg(feature = "server")]
#[derive(Debug, Default)]
pub(crate) struct Routes(Vec<(http::Method, super::http::UriPattern, &'static str)>);

#[cfg(feature = "server")]
impl Routes {
    /// The routes of `routes`; a route whose pattern does not parse is left
    /// out (the generator checked them all).
    pub(crate) fn new(routes: &[crate::server::Route]) -> Self {
        let mut parsed: Vec<_> = routes
            .iter()
            .filter_map(|r| {
                let method = http::Method::from_bytes(r.method.as_bytes()).ok()?;
                let pattern = super::http::UriPattern::parse(r.uri).ok()?;
                Some((method, pattern, r.operation))
            })
            .collect();
        parsed.sort_by_key(|(_, pattern, _)| pattern.specificity());
        Self(parsed)
    }

    /// The operation whose route matches the request, or the reply: `404`
    /// when no route's pattern matches, `405` when only other methods'
    /// do.
    pub(crate) fn find(&self, method: &http::Method, path: &str, query: &str) -> Result<crate::server::Routed, crate::server::Reply> {
        use crate::server::Reply;
        let pairs = super::http::parse_query(query);
        let mut other_method = false;
        for (route_method, pattern, operation) in &self.0 {
            if let Some(labels) = pattern.matches(path, &pairs) {
                if route_method == method {
                    return Ok(crate::server::Routed { operation: (*operation).to_owned(), labels, query: pairs });
                }
                other_method = true;
            }
        }
        if other_method {
            Err(Reply::error(405, "MethodNotAllowedException", &format!("{path} does not take {method}")))
        } else {
            Err(Reply::error(404, "UnknownOperationException", &format!("no operation is at {method} {path}")))
        }
    }
}

/// The reply for a modeled error structure: its body members as JSON (the
/// type goes in `X-Amzn-Errortype`) and its `@httpHeader` members.
#[cfg(feature = "server")]
pub fn error_reply<T: crate::server::ModeledError>(error: &T) -> crate::server::Reply {
    let shape = T::SHAPE;
    let mut headers = http::HeaderMap::new();
    if let Err(problem) = error.write_headers(&mut headers) {
        return crate::server::Reply::unserializable(&problem);
    }
    let mut reply = match serde_json::to_vec(error) {
        Ok(body) => crate::server::Reply::new(shape.status, body),
        Err(_) => return crate::server::Reply::unserializable("the error is not JSON"),
    };
    reply.set_error_type(shape.name, shape.query_error);
    reply.headers_mut().extend(headers);
    reply
}

/// Checks a request's `Content-Type` against what the operation reads:
/// `expected` for a body (JSON, a payload's media type, `*/*` for any), or
/// empty when the operation reads no body (a body it is sent must then not
/// say a content type). A body without a content type, or one of another
/// type, is `415 UnsupportedMediaTypeException`.
#[cfg(feature = "server")]
pub fn check_content_type(headers: &http::HeaderMap, body: &[u8], expected: &str) -> Result<(), crate::server::Reply> {
    let essence = |t: &str| t.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let given = headers.get(http::header::CONTENT_TYPE).map(|v| essence(v.to_str().unwrap_or("?")));
    let ok = match (expected, &given) {
        ("*/*", _) | ("", None) => true,
        ("", Some(_)) => body.is_empty(),
        (_, None) => body.is_empty(),
        (expected, Some(given)) => *given == essence(expected),
    };
    if ok {
        Ok(())
    } else {
        let expected = if expected.is_empty() { "none (the operation reads no body)" } else { expected };
        let message = format!("the request's Content-Type is {}, not {expected}", given.as_deref().unwrap_or("missing"));
        Err(crate::server::Reply::error(415, "UnsupportedMediaTypeException", &message))
    }
}

/// Checks a request's `Accept` against the response's `content_type`: a
/// client that accepts none of it gets `406 NotAcceptableException`.
#[cfg(feature = "server")]
pub fn check_accept(headers: &http::HeaderMap, content_type: &str) -> Result<(), crate::server::Reply> {
    let Some(accept) = headers.get(http::header::ACCEPT) else { return Ok(()) };
    let Ok(accept) = accept.to_str() else { return Ok(()) };
    let (top, _) = content_type.split_once('/').unwrap_or((content_type, ""));
    let accepted = accept.split(',').map(|a| a.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()).any(|a| {
        a == "*/*" || a == content_type.to_ascii_lowercase() || a.strip_suffix("/*").is_some_and(|t| t == top)
    });
    if accepted {
        Ok(())
    } else {
        Err(crate::server::Reply::error(406, "NotAcceptableException", &format!("the response is {content_type}, which `Accept: {accept}` refuses")))
    }
}
