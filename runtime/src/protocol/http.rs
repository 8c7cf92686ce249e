//! The HTTP binding pieces every HTTP-bound protocol (restJson1, and later
//! restXml) shares, clients and servers alike: `@http` URI patterns and
//! matching a request path against them, `@httpLabel` and `@httpQuery`
//! percent-encoding, and `@httpHeader` list and `http-date` forms. See
//! <https://smithy.io/2.0/spec/http-bindings.html>.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::DateTime;

/// Everything but RFC 3986's unreserved characters is percent-encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// As [`UNRESERVED`], keeping `/` (greedy labels).
const GREEDY: &AsciiSet = &UNRESERVED.remove(b'/');

/// An `@httpLabel` value as a path segment: percent-encoded, `/` kept for
/// a greedy label (`{key+}`).
pub fn encode_label(value: &str, greedy: bool) -> String {
    utf8_percent_encode(value, if greedy { GREEDY } else { UNRESERVED }).to_string()
}

/// A query key or value, percent-encoded.
pub fn encode_query(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// A label, query key or query value once percent-decoded: its text, or
/// [`NotUtf8`] when the decoded bytes are not UTF-8 (so `%FF` and `%FE`
/// stay different inputs, and neither reaches a handler).
pub type Decoded = Result<String, NotUtf8>;

/// Percent-decoded bytes that are not UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotUtf8;

impl std::fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the value is not UTF-8 once percent-decoded")
    }
}

impl std::error::Error for NotUtf8 {}

/// The `key=value` pairs of a query string, percent-decoded (a key without
/// `=` has an empty value; `+` is kept as it is).
pub fn parse_query(query: &str) -> Vec<(Decoded, Decoded)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// Percent-decodes `text`, strictly: the bytes must be UTF-8.
pub fn decode(text: &str) -> Decoded {
    match percent_decode_str(text).decode_utf8() {
        Ok(text) => Ok(text.into_owned()),
        Err(_) => Err(NotUtf8),
    }
}

/// A list bound to a header, as one value: elements joined with `, `, each
/// quoted (with `"` and `\` escaped) when it holds a comma or a quote or
/// starts or ends with whitespace.
pub fn join_header_list<S: AsRef<str>>(values: &[S]) -> String {
    let quoted: Vec<String> = values
        .iter()
        .map(|v| {
            let v = v.as_ref();
            if v.contains([',', '"']) || v.trim() != v {
                format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
            } else {
                v.to_owned()
            }
        })
        .collect();
    quoted.join(", ")
}

/// A header value holding a list: split at commas outside quotes, each
/// element trimmed and unquoted. An unterminated quote is an error.
pub fn split_header_list(value: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut item = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next() {
                    None => return Err(format!("unterminated quoted element in `{value}`")),
                    Some('"') => break,
                    Some('\\') => item.extend(chars.next()),
                    Some(c) => item.push(c),
                }
            }
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            match chars.next() {
                None => {
                    out.push(item);
                    return Ok(out);
                }
                Some(',') => out.push(item),
                Some(c) => return Err(format!("`{c}` after a quoted element in `{value}`")),
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        out.push(item.trim_end().to_owned());
                        return Ok(out);
                    }
                    Some(',') => break,
                    Some(c) => item.push(c),
                }
            }
            out.push(item.trim_end().to_owned());
        }
    }
}

/// A timestamp in `http-date` form (IMF-fixdate):
/// `Tue, 24 Nov 2026 21:29:15 GMT` (fractions of a second dropped).
pub fn format_http_date(value: DateTime) -> String {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    time::OffsetDateTime::from(value).format(&format).unwrap_or_default()
}

/// A list of `http-date`s bound to a header: each date holds a comma
/// itself, so the list splits at every other comma.
pub fn split_http_dates(value: &str) -> Vec<String> {
    let parts: Vec<&str> = value.split(',').collect();
    parts.chunks(2).map(|pair| pair.join(",").trim().to_owned()).filter(|d| !d.is_empty()).collect()
}

/// A timestamp's form as text in a label, query parameter or header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// Seconds since the epoch, with a fraction when there is one.
    EpochSeconds,
    /// RFC 3339 in UTC.
    DateTime,
    /// IMF-fixdate.
    HttpDate,
}

/// A timestamp as text in `format`.
pub fn format_timestamp(value: DateTime, format: TimestampFormat) -> String {
    match format {
        TimestampFormat::EpochSeconds if value.subsec_nanos() == 0 => value.secs().to_string(),
        TimestampFormat::EpochSeconds => value.as_secs_f64().to_string(),
        TimestampFormat::DateTime => value.to_string(),
        TimestampFormat::HttpDate => format_http_date(value),
    }
}

/// A timestamp from text in exactly `format`: a number of seconds, RFC
/// 3339 in UTC (`Z`), or IMF-fixdate (fractions of a second allowed).
pub fn parse_timestamp(text: &str, format: TimestampFormat) -> Result<DateTime, String> {
    let parsed = match format {
        TimestampFormat::EpochSeconds => {
            let number = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'e' | b'E' | b'+'));
            text.parse::<f64>().ok().filter(|v| number && v.is_finite()).and_then(DateTime::from_secs_f64)
        }
        TimestampFormat::DateTime => Some(text).filter(|t| is_utc_date_time(t)).and_then(DateTime::parse),
        TimestampFormat::HttpDate => parse_http_date(text),
    };
    parsed.ok_or_else(|| format!("`{text}` is not a timestamp in the {format:?} format"))
}

/// Whether `text` is `YYYY-MM-DDTHH:MM:SS[.fraction]Z`.
fn is_utc_date_time(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| b.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let head = digits(0..4) && at(4, b'-') && digits(5..7) && at(7, b'-') && digits(8..10) && at(10, b'T');
    let time = digits(11..13) && at(13, b':') && digits(14..16) && at(16, b':') && digits(17..19);
    let rest = &b[b.len().min(19)..];
    let tail = match rest {
        [b'Z'] => true,
        [b'.', fraction @ .., b'Z'] => !fraction.is_empty() && fraction.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    head && time && tail
}

/// An IMF-fixdate, `Tue, 24 Nov 2026 21:29:15[.fraction] GMT`.
fn parse_http_date(text: &str) -> Option<DateTime> {
    let body = text.strip_suffix(" GMT")?;
    let (whole, fraction) = match body.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) => (whole, fraction),
        Some(_) => return None,
        None => (body, ""),
    };
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second]"
    );
    let parsed = time::PrimitiveDateTime::parse(whole, &format).ok()?.assume_utc();
    let nanos: u32 = format!("{fraction:0<9}").get(..9)?.parse().ok()?;
    DateTime::from_secs_and_nanos(parsed.unix_timestamp(), nanos)
}

/// A scalar as text in a label, query parameter or header, and back.
pub trait Text: Sized {
    /// The value as text.
    fn to_text(&self) -> String;
    /// The value from text, or why the text is not one.
    fn from_text(text: &str) -> Result<Self, String>;
}

impl Text for String {
    fn to_text(&self) -> String {
        self.clone()
    }
    fn from_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl Text for bool {
    fn to_text(&self) -> String {
        self.to_string()
    }
    fn from_text(text: &str) -> Result<Self, String> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!("`{text}` is not a boolean (`true` or `false`)")),
        }
    }
}

/// Whether `text` is a number in Smithy's grammar (JSON's): an optional
/// `-`, then `0` or digits not starting with `0`; with `fraction`, then an
/// optional `.digits` and an optional exponent. No `+`, no spaces, no
/// leading zeros.
fn is_number(text: &str, fraction: bool) -> bool {
    fn digits(bytes: &[u8]) -> usize {
        bytes.iter().take_while(|b| b.is_ascii_digit()).count()
    }
    let bytes = text.strip_prefix('-').unwrap_or(text).as_bytes();
    let int = digits(bytes);
    if int == 0 || (int > 1 && bytes[0] == b'0') {
        return false;
    }
    let mut rest = &bytes[int..];
    if !fraction {
        return rest.is_empty();
    }
    if let Some(after) = rest.strip_prefix(b".") {
        let n = digits(after);
        if n == 0 {
            return false;
        }
        rest = &after[n..];
    }
    if let Some(after) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let after = after.strip_prefix(b"+").or_else(|| after.strip_prefix(b"-")).unwrap_or(after);
        let n = digits(after);
        if n == 0 {
            return false;
        }
        rest = &after[n..];
    }
    rest.is_empty()
}

macro_rules! text_number {
    ($($t:ty => $what:literal, $fraction:literal),*) => {
        $(impl Text for $t {
            fn to_text(&self) -> String {
                self.to_string()
            }
            fn from_text(text: &str) -> Result<Self, String> {
                if !is_number(text, $fraction) {
                    return Err(format!("`{text}` is not {}", $what));
                }
                text.parse().map_err(|_| format!("`{text}` is not {} (out of range)", $what))
            }
        })*
    };
}

text_number!(
    i8 => "a byte", false, i16 => "a short", false, i32 => "an integer", false, i64 => "a long", false,
    crate::BigInteger => "a big integer", false, crate::BigDecimal => "a big decimal", true
);

macro_rules! text_float {
    ($($t:ty),*) => {
        $(impl Text for $t {
            fn to_text(&self) -> String {
                if self.is_nan() {
                    "NaN".to_owned()
                } else if self.is_infinite() {
                    if *self > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
                } else {
                    self.to_string()
                }
            }
            fn from_text(text: &str) -> Result<Self, String> {
                match text {
                    "NaN" => Ok(<$t>::NAN),
                    "Infinity" => Ok(<$t>::INFINITY),
                    "-Infinity" => Ok(<$t>::NEG_INFINITY),
                    t if is_number(t, true) => t.parse().map_err(|_| format!("`{text}` is not a number")),
                    _ => Err(format!("`{text}` is not a number")),
                }
            }
        })*
    };
}

text_float!(f32, f64);

/// Appends a `@httpLabel` value to `path` as the next segment; an empty
/// value would change which route the path matches, so it is an error.
pub fn push_label(path: &mut String, name: &str, value: &str, greedy: bool) -> Result<(), String> {
    let value = if greedy { value.trim_start_matches('/') } else { value };
    if value.is_empty() {
        return Err(format!("the label `{name}` must not be empty (it goes into the URI path)"));
    }
    path.push('/');
    path.push_str(&encode_label(value, greedy));
    Ok(())
}

/// Appends `key=value` to a query string, both percent-encoded.
pub fn push_query(query: &mut String, key: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(&encode_query(key));
    query.push('=');
    query.push_str(&encode_query(value));
}

/// The values of query parameter `key`, in order; one whose bytes are
/// not UTF-8 is an error.
pub fn query_values<'a>(query: &'a [(Decoded, Decoded)], key: &'a str) -> impl Iterator<Item = Result<&'a str, String>> + 'a {
    query.iter().filter(move |(k, _)| k.as_deref() == Ok(key)).map(|(_, v)| v.as_deref().map_err(ToString::to_string))
}

/// The value of the scalar query parameter `key`: an error when it is
/// given more than once (which value the client meant is unknown) or is
/// not UTF-8.
pub fn query_value<'a>(query: &'a [(Decoded, Decoded)], key: &'a str) -> Result<Option<&'a str>, String> {
    let mut values = query_values(query, key);
    let first = values.next().transpose()?;
    if values.next().is_some() {
        return Err("it is given more than once but takes one value".to_owned());
    }
    Ok(first)
}

/// Every query parameter, for an `@httpQueryParams` map; a key or value
/// that is not UTF-8 is an error.
pub fn query_pairs(query: &[(Decoded, Decoded)]) -> Result<Vec<(&str, &str)>, String> {
    query
        .iter()
        .map(|(k, v)| match (k, v) {
            (Ok(k), Ok(v)) => Ok((k.as_str(), v.as_str())),
            (Ok(k), Err(e)) => Err(format!("query `{k}`: {e}")),
            (Err(e), _) => Err(format!("a query key: {e}")),
        })
        .collect()
}

/// The value of the label `name`, once percent-decoded; one that is not
/// UTF-8 is an error.
pub fn label<'a>(labels: &'a [(String, Decoded)], name: &str) -> Result<Option<&'a str>, String> {
    match labels.iter().find(|(label, _)| label == name) {
        Some((_, Ok(text))) => Ok(Some(text)),
        Some((_, Err(e))) => Err(e.to_string()),
        None => Ok(None),
    }
}

/// Sets header `name` (lower case) to `value`; a value that cannot be
/// header text (a line break, say) is an error naming the header.
#[cfg(any(feature = "client", feature = "server"))]
pub fn set_header(headers: &mut http::HeaderMap, name: &str, value: &str) -> Result<(), String> {
    let name = http::HeaderName::try_from(name).map_err(|_| format!("`{name}` is not a header name"))?;
    let value = http::HeaderValue::try_from(value.trim()).map_err(|_| format!("the value of header `{name}` is not valid header text"))?;
    headers.insert(name, value);
    Ok(())
}

/// The value of header `name` as text; several values of it are one list.
#[cfg(any(feature = "client", feature = "server"))]
pub fn header_text(headers: &http::HeaderMap, name: &str) -> Result<Option<String>, String> {
    let mut values = headers.get_all(name).iter().peekable();
    if values.peek().is_none() {
        return Ok(None);
    }
    // Header values are bytes; any UTF-8 text is accepted, not only ASCII.
    let texts: Result<Vec<&str>, _> = values.map(|v| std::str::from_utf8(v.as_bytes())).collect();
    let texts = texts.map_err(|_| format!("the value of header `{name}` is not UTF-8 text"))?;
    Ok(Some(texts.join(", ")))
}

/// The headers whose names start with `prefix`, by the rest of their name.
#[cfg(any(feature = "client", feature = "server"))]
pub fn prefix_headers(headers: &http::HeaderMap, prefix: &str) -> Result<std::collections::HashMap<String, String>, String> {
    let mut out = std::collections::HashMap::new();
    for name in headers.keys() {
        if let Some(rest) = name.as_str().strip_prefix(prefix) {
            if let Some(value) = header_text(headers, name.as_str())? {
                out.insert(rest.to_owned(), value);
            }
        }
    }
    Ok(out)
}

/// A blob (or a `@mediaType` string) as header text: base64.
pub fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A blob from base64 header text.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text.trim()).map_err(|e| format!("`{text}` is not base64: {e}"))
}

/// A `@mediaType` string from base64 header text.
pub fn base64_decode_text(text: &str) -> Result<String, String> {
    String::from_utf8(base64_decode(text)?).map_err(|_| format!("`{text}` is not base64 of UTF-8 text"))
}

/// One segment of an `@http` URI pattern.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Segment {
    /// Literal text.
    Literal(String),
    /// `{name}`: one segment.
    Label(String),
    /// `{name+}`: one or more segments.
    Greedy(String),
}

/// A parsed `@http` URI pattern: `/path/{label}/{rest+}?literal&key=value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UriPattern {
    segments: Vec<Segment>,
    query: Vec<(String, Option<String>)>,
}

impl UriPattern {
    /// Reads a pattern; says what is wrong with a malformed one.
    pub fn parse(pattern: &str) -> Result<Self, String> {
        let (path, query) = pattern.split_once('?').unwrap_or((pattern, ""));
        let Some(path) = path.strip_prefix('/') else {
            return Err(format!("the URI pattern `{pattern}` must start with `/`"));
        };
        let mut segments = Vec::new();
        let mut names = Vec::new();
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            let segment = match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(label) => {
                    let (name, greedy) = match label.strip_suffix('+') {
                        Some(name) => (name, true),
                        None => (label, false),
                    };
                    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                        return Err(format!("`{{{label}}}` in `{pattern}` is not a label"));
                    }
                    if names.contains(&name) {
                        return Err(format!("the label `{name}` appears twice in `{pattern}`"));
                    }
                    names.push(name);
                    if greedy {
                        Segment::Greedy(name.to_owned())
                    } else {
                        Segment::Label(name.to_owned())
                    }
                }
                None if segment.contains(['{', '}']) => {
                    return Err(format!("the segment `{segment}` of `{pattern}` mixes a label with text"));
                }
                None => Segment::Literal(segment.to_owned()),
            };
            segments.push(segment);
        }
        if segments.iter().filter(|s| matches!(s, Segment::Greedy(_))).count() > 1 {
            return Err(format!("`{pattern}` has more than one greedy label"));
        }
        let query = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
                None => (pair.to_owned(), None),
            })
            .collect();
        Ok(Self { segments, query })
    }

    /// The path segments.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The query literals: a key with the value it must have, or `None`
    /// for a key that must only be present.
    pub fn query_literals(&self) -> &[(String, Option<String>)] {
        &self.query
    }

    /// The labels' values (percent-decoded) when `path` and `query`
    /// (decoded pairs) match the pattern.
    pub fn matches(&self, path: &str, query: &[(Decoded, Decoded)]) -> Option<Vec<(String, Decoded)>> {
        for (key, value) in &self.query {
            let found = query.iter().any(|(k, v)| k.as_ref() == Ok(key) && value.as_ref().is_none_or(|want| v.as_ref() == Ok(want)));
            if !found {
                return None;
            }
        }
        let path = path.strip_prefix('/').unwrap_or(path);
        let path = path.strip_suffix('/').unwrap_or(path);
        let parts: Vec<&str> = if path.is_empty() { Vec::new() } else { path.split('/').collect() };
        let mut labels = Vec::new();
        let mut i = 0;
        for (n, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Literal(text) => {
                    if parts.get(i).map(|p| decode(p)) != Some(Ok(text.clone())) {
                        return None;
                    }
                    i += 1;
                }
                Segment::Label(name) => {
                    let part = parts.get(i).filter(|p| !p.is_empty())?;
                    labels.push((name.clone(), decode(part)));
                    i += 1;
                }
                Segment::Greedy(name) => {
                    // What the segments after it leave.
                    let after = self.segments.len() - n - 1;
                    let end = parts.len().checked_sub(after)?;
                    if end <= i {
                        return None;
                    }
                    let value = parts[i..end].join("/");
                    if value.is_empty() {
                        return None;
                    }
                    labels.push((name.clone(), decode(&value)));
                    i = end;
                }
            }
        }
        (i == parts.len()).then_some(labels)
    }

    /// A key ordering patterns from the most specific: segment by segment,
    /// a literal before a label before a greedy label; then more query
    /// literals first. A router tries patterns in this order.
    pub fn specificity(&self) -> (Vec<u8>, std::cmp::Reverse<usize>) {
        let key = self
            .segments
            .iter()
            .map(|s| match s {
                Segment::Literal(_) => 0,
                Segment::Label(_) => 1,
                Segment::Greedy(_) => 2,
            })
            .collect();
        (key, std::cmp::Reverse(self.query.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_queries_are_percent_encoded() {
        assert_eq!(encode_label("a b/c%d~e", false), "a%20b%2Fc%25d~e");
        assert_eq!(encode_label("a b/c", true), "a%20b/c");
        assert_eq!(encode_label("ü", false), "%C3%BC");
        assert_eq!(encode_query("a&b=c d+e"), "a%26b%3Dc%20d%2Be");
        let pairs = parse_query("a=1&b=x%20y&b=2&flag&c=a+b");
        let want = [("a", "1"), ("b", "x y"), ("b", "2"), ("flag", ""), ("c", "a+b")];
        assert_eq!(pairs, want.iter().map(|(k, v)| (Ok((*k).to_owned()), Ok((*v).to_owned()))).collect::<Vec<_>>());
    }

    #[test]
    fn percent_decoding_is_strict_utf8() {
        assert_eq!(decode("%C3%BC"), Ok("ü".to_owned()));
        assert_eq!(decode("%FF"), Err(NotUtf8));
        assert_eq!(decode("a%C3"), Err(NotUtf8), "a truncated sequence");
        let query = parse_query("token=%FF&ok=1&twice=1&twice=2&%FE=x");
        assert_eq!(query_value(&query, "ok"), Ok(Some("1")));
        assert_eq!(query_value(&query, "absent"), Ok(None));
        assert_eq!(query_value(&query, "token").unwrap_err(), "the value is not UTF-8 once percent-decoded");
        assert!(query_value(&query, "twice").unwrap_err().contains("more than once"));
        assert_eq!(query_values(&query, "twice").collect::<Result<Vec<_>, _>>(), Ok(vec!["1", "2"]));
        assert!(query_pairs(&query).is_err());
        assert_eq!(query_pairs(&parse_query("a=1&b=2")), Ok(vec![("a", "1"), ("b", "2")]));
        let labels = UriPattern::parse("/tags/{arn}").unwrap().matches("/tags/%FF", &[]).unwrap();
        assert_eq!(label(&labels, "arn").unwrap_err(), "the value is not UTF-8 once percent-decoded");
        let labels = UriPattern::parse("/tags/{arn}").unwrap().matches("/tags/a%2Fb", &[]).unwrap();
        assert_eq!(label(&labels, "arn"), Ok(Some("a/b")));
        assert_eq!(label(&labels, "other"), Ok(None));
        assert!(UriPattern::parse("/\u{fffd}").is_ok_and(|p| p.matches("/%FF", &[]).is_none()), "a literal never matches bytes that are not UTF-8");
    }

    #[test]
    fn numbers_and_booleans_follow_smithys_grammar() {
        for good in ["0", "5", "-5", "123", "-0"] {
            assert!(i32::from_text(good).is_ok(), "{good}");
        }
        for bad in ["05", "+5", " 5", "5 ", "", "-", "1.0", "1e3", "0x5", "5a", "--5", "00"] {
            assert!(i32::from_text(bad).is_err(), "{bad:?}");
            assert!(i64::from_text(bad).is_err(), "{bad:?}");
        }
        assert!(i8::from_text("128").unwrap_err().contains("out of range"));
        for good in ["0", "1.5", "-1.5e10", "2E-3", "1e+21", "NaN", "Infinity", "-Infinity", "10"] {
            assert!(f64::from_text(good).is_ok(), "{good}");
            assert!(f32::from_text(good).is_ok(), "{good}");
        }
        for bad in ["+1.5", ".5", "5.", "1e", "01.5", " 1", "inf", "nan", "-NaN", "infinity", "1.5f", "0x1p3"] {
            assert!(f64::from_text(bad).is_err(), "{bad:?}");
        }
        assert_eq!(bool::from_text("true"), Ok(true));
        assert_eq!(bool::from_text("false"), Ok(false));
        for bad in ["TRUE", "True", " true", "1", "", "yes"] {
            assert!(bool::from_text(bad).is_err(), "{bad:?}");
        }
    }

    #[cfg(any(feature = "client", feature = "server"))]
    #[test]
    fn header_text_takes_any_utf8() {
        let mut headers = http::HeaderMap::new();
        headers.insert("x-name", http::HeaderValue::from_bytes("café ☕".as_bytes()).unwrap());
        headers.insert("x-bytes", http::HeaderValue::from_bytes(b"\xff\xfe").unwrap());
        assert_eq!(header_text(&headers, "x-name"), Ok(Some("café ☕".to_owned())));
        assert!(header_text(&headers, "x-bytes").unwrap_err().contains("x-bytes"));
    }

    #[test]
    fn header_lists_round_trip_with_quoting() {
        let values = ["plain", "with, comma", "with \"quote\"", " padded ", ""];
        let joined = join_header_list(&values);
        assert_eq!(joined, r#"plain, "with, comma", "with \"quote\"", " padded ", "#);
        assert_eq!(split_header_list(&joined).unwrap(), values);
        assert_eq!(split_header_list("a,b ,  c").unwrap(), ["a", "b", "c"]);
        assert!(split_header_list(r#""open"#).is_err());
        assert!(split_header_list(r#""a" b"#).is_err());
    }

    #[test]
    fn http_dates() {
        let t = DateTime::from_secs(1_576_540_098);
        assert_eq!(format_http_date(t), "Mon, 16 Dec 2019 23:48:18 GMT");
        let list = format!("{}, {}", format_http_date(t), format_http_date(t));
        assert_eq!(split_http_dates(&list), [format_http_date(t), format_http_date(t)]);
    }

    #[test]
    fn uri_patterns_parse_and_match() {
        let p = UriPattern::parse("/functions/{FunctionName}/versions/{Qualifier}?Action=Invoke&force").unwrap();
        let query = parse_query("Action=Invoke&force&x=1");
        let labels = p.matches("/functions/my%20fn/versions/%241", &query).unwrap();
        assert_eq!(labels, [("FunctionName".to_owned(), Ok("my fn".to_owned())), ("Qualifier".to_owned(), Ok("$1".to_owned()))]);
        assert!(p.matches("/functions/f/versions/1", &parse_query("Action=Other&force")).is_none());
        assert!(p.matches("/functions/f/versions/1", &parse_query("Action=Invoke")).is_none());
        assert!(p.matches("/functions//versions/1", &query).is_none(), "labels are not empty");
        assert!(p.matches("/functions/f/versions/1/extra", &query).is_none());

        let greedy = UriPattern::parse("/buckets/{Bucket}/{Key+}/meta").unwrap();
        let labels = greedy.matches("/buckets/b/a/b%2Fc/d/meta", &[]).unwrap();
        assert_eq!(labels[1], ("Key".to_owned(), Ok("a/b/c/d".to_owned())));
        assert!(greedy.matches("/buckets/b/meta", &[]).is_none(), "a greedy label takes at least one segment");
        assert_eq!(UriPattern::parse("/").unwrap().matches("/", &[]), Some(vec![]));
        assert!(UriPattern::parse("/").unwrap().matches("/x", &[]).is_none());

        for bad in ["no/slash", "/{a}/{a}", "/{a+}/{b+}", "/x{a}", "/{}", "/{a b}"] {
            assert!(UriPattern::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn literals_rank_before_labels_before_greedy_labels() {
        let mut patterns: Vec<UriPattern> =
            ["/{a+}", "/x/{b}", "/x/y", "/{c}/y", "/x/y?q"].iter().map(|p| UriPattern::parse(p).unwrap()).collect();
        patterns.sort_by_key(UriPattern::specificity);
        let order: Vec<String> = patterns.iter().map(|p| format!("{:?}", p.segments())).collect();
        assert!(order[0].contains("Literal(\"x\"), Literal(\"y\")") && patterns[0].query_literals().len() == 1, "{order:?}");
        assert_eq!(patterns.last().unwrap().segments(), [Segment::Greedy("a".to_owned())]);
    }
}
