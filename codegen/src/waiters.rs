//! Waiters (`smithy.waiters#waitable` on operations), read and checked for
//! the `ir` stage. See <https://smithy.io/2.0/additional-specs/waiters.html>.

use crate::node::Value;

pub(crate) const WAITABLE: &str = "smithy.waiters#waitable";

/// What an acceptor concludes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// `success`
    Success,
    /// `failure`
    Failure,
    /// `retry`
    Retry,
}

/// A path comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    /// `stringEquals`
    StringEquals,
    /// `booleanEquals`
    BooleanEquals,
    /// `allStringEquals`
    AllStringEquals,
    /// `anyStringEquals`
    AnyStringEquals,
}

/// What an acceptor matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Matcher {
    /// A path into the output.
    Output {
        /// JMESPath.
        path: String,
        /// The expected value.
        expected: String,
        /// How to compare.
        comparator: Comparator,
    },
    /// A path into `{input, output}`.
    InputOutput {
        /// JMESPath.
        path: String,
        /// The expected value.
        expected: String,
        /// How to compare.
        comparator: Comparator,
    },
    /// Success (`true`) or any error (`false`).
    Success(bool),
    /// An error by shape name.
    ErrorType(String),
}

/// One acceptor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Acceptor {
    /// What it concludes.
    pub state: State,
    /// When.
    pub matcher: Matcher,
}

/// A waiter of an operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiter {
    /// The waiter's name in the model (`TableExists`).
    pub name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Seconds.
    pub min_delay: u64,
    /// Seconds.
    pub max_delay: u64,
    /// The acceptors, in order.
    pub acceptors: Vec<Acceptor>,
    /// Deprecated.
    pub deprecated: bool,
}

impl Waiter {
    /// Whether an acceptor reads the input.
    pub fn reads_input(&self) -> bool {
        self.acceptors.iter().any(|a| matches!(a.matcher, Matcher::InputOutput { .. }))
    }
}

/// The waiters a `waitable` trait value defines, or every problem found.
pub(crate) fn waiters(value: &Value, has_input: bool, has_output: bool) -> Result<Vec<Waiter>, Vec<String>> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let Some(map) = value.as_object() else {
        return Err(vec![format!("`{WAITABLE}` must be an object of waiters by name")]);
    };
    for (name, waiter) in map {
        let at = |what: String| format!("waiter `{name}`: {what}");
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_uppercase()) || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            problems.push(at("the name must be UpperCamelCase letters and digits".to_owned()));
            continue;
        }
        let delay = |key: &str, default: u64| match waiter.get(key) {
            None => Ok(default),
            Some(v) => v.as_u64().filter(|n| *n >= 1).ok_or_else(|| format!("`{key}` must be a whole number of seconds, at least 1")),
        };
        let (min_delay, max_delay) = match (delay("minDelay", 2), delay("maxDelay", 120)) {
            (Ok(min), Ok(max)) if max >= min => (min, max),
            (Ok(_), Ok(_)) => {
                problems.push(at("`maxDelay` is less than `minDelay`".to_owned()));
                continue;
            }
            (Err(e), _) | (_, Err(e)) => {
                problems.push(at(e));
                continue;
            }
        };
        let listed = waiter.get("acceptors").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        let mut acceptors = Vec::new();
        for (n, acceptor) in listed.iter().enumerate() {
            match self::acceptor(acceptor, has_input, has_output) {
                Ok(a) => acceptors.push(a),
                Err(e) => problems.push(at(format!("acceptor {n}: {e}"))),
            }
        }
        if listed.is_empty() {
            problems.push(at("it needs `acceptors`".to_owned()));
        } else if acceptors.len() == listed.len() && !acceptors.iter().any(|a| a.state == State::Success) {
            problems.push(at("no acceptor has the `success` state".to_owned()));
        }
        let docs = waiter.get("documentation").and_then(Value::as_str).map(crate::docs::to_markdown).unwrap_or_default();
        out.push(Waiter { name: name.clone(), docs, min_delay, max_delay, acceptors, deprecated: waiter.get("deprecated").and_then(Value::as_bool) == Some(true) });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Whether `path` is JMESPath (waiter and `operationContextParams` paths
/// are); the error says where it is not.
pub(crate) fn check_path(path: &str) -> Result<(), String> {
    jmespath::compile(path).map(|_| ()).map_err(|e| {
        let reason = e.to_string();
        format!("the path `{path}` is not JMESPath: {}", reason.lines().next().unwrap_or_default())
    })
}

fn acceptor(value: &Value, has_input: bool, has_output: bool) -> Result<Acceptor, String> {
    let state = match value.get("state").and_then(Value::as_str) {
        Some("success") => State::Success,
        Some("failure") => State::Failure,
        Some("retry") => State::Retry,
        other => return Err(format!("`state` must be success, failure or retry, not {other:?}")),
    };
    let matcher = value.get("matcher").and_then(Value::as_object).ok_or("it needs a `matcher` object")?;
    if matcher.len() != 1 {
        return Err("the matcher must set exactly one of output, inputOutput, success and errorType".to_owned());
    }
    let (kind, body) = matcher.iter().next().expect("one entry");
    let path_matcher = |body: &Value| -> Result<(String, String, Comparator), String> {
        let path = body.get("path").and_then(Value::as_str).ok_or("it needs a `path`")?;
        check_path(path)?;
        let expected = body.get("expected").and_then(Value::as_str).ok_or("it needs an `expected` string")?;
        let comparator = match body.get("comparator").and_then(Value::as_str) {
            Some("stringEquals") => Comparator::StringEquals,
            Some("booleanEquals") if expected == "true" || expected == "false" => Comparator::BooleanEquals,
            Some("booleanEquals") => return Err(format!("booleanEquals expects `true` or `false`, not `{expected}`")),
            Some("allStringEquals") => Comparator::AllStringEquals,
            Some("anyStringEquals") => Comparator::AnyStringEquals,
            other => return Err(format!("unknown comparator {other:?}")),
        };
        Ok((path.to_owned(), expected.to_owned(), comparator))
    };
    let matcher = match kind.as_str() {
        "output" if !has_output => return Err("an `output` matcher on an operation without output".to_owned()),
        "output" => {
            let (path, expected, comparator) = path_matcher(body)?;
            Matcher::Output { path, expected, comparator }
        }
        "inputOutput" if !has_input => return Err("an `inputOutput` matcher on an operation without input".to_owned()),
        "inputOutput" => {
            let (path, expected, comparator) = path_matcher(body)?;
            Matcher::InputOutput { path, expected, comparator }
        }
        "success" => Matcher::Success(body.as_bool().ok_or("`success` must be a boolean")?),
        // An absolute shape id matches by its name.
        "errorType" => {
            let name = body.as_str().and_then(|s| s.rsplit('#').next()).filter(|s| !s.is_empty());
            Matcher::ErrorType(name.ok_or("`errorType` must name an error")?.to_owned())
        }
        other => return Err(format!("unknown matcher `{other}`")),
    };
    Ok(Acceptor { state, matcher })
}
