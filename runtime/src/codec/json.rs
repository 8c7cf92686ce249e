//! JSON bodies: serde_json, reading every body through one `&str` reader.

use serde::de::Error as _;

/// Reads a JSON body as `T`; an empty (or all-whitespace) body reads as
/// `{}`. The body's UTF-8 is checked once, so serde_json does not check
/// each string again. Every body goes through the one `&str` reader, so
/// each type's reading code is compiled once; a body that is not UTF-8 is
/// an error naming where the bad byte is.
pub fn from_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return serde_json::from_str("{}");
    }
    let text = std::str::from_utf8(body).map_err(|e| not_utf8(body, e.valid_up_to()))?;
    serde_json::from_str(text)
}

/// The error for a body whose UTF-8 goes bad at byte `at`, with the line
/// and column serde_json would give.
fn not_utf8(body: &[u8], at: usize) -> serde_json::Error {
    let before = &body[..at];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = at - before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1) + 1;
    serde_json::Error::custom(format_args!("invalid UTF-8 at line {line} column {column}"))
}

