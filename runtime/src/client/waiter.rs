//! Waiters (`smithy.waiters#waitable`): call an operation until one of
//! its acceptors says the resource reached the state waited for (or never
//! will), with the jittered exponential delay the Smithy specification
//! gives between attempts.
//!
//! Acceptors are checked in order after each attempt; the first that
//! matches decides. When none matches, an error ends the wait
//! ([`WaiterError::OperationFailed`]) and an output means trying again.
//! Output paths are JMESPath expressions over the output's JSON form (the
//! `jmespath` crate evaluates them).

use std::fmt;
use std::future::Future;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use crate::error::ProvideErrorMetadata;

/// What an acceptor concludes when it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// The wait succeeded.
    Success,
    /// The wait failed: the state waited for will not come.
    Failure,
    /// Try again.
    Retry,
}

/// How a path's result is compared with the expected value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    /// The result is the expected string.
    StringEquals,
    /// The result is the expected boolean (`"true"` or `"false"`).
    BooleanEquals,
    /// The result is a non-empty list whose elements all are the expected
    /// string.
    AllStringEquals,
    /// The result is a list with an element that is the expected string.
    AnyStringEquals,
}

/// What an acceptor looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matcher {
    /// A path into the output (successful attempts only).
    Output {
        /// The JMESPath expression.
        path: &'static str,
        /// The expected value.
        expected: &'static str,
        /// The comparison.
        comparator: Comparator,
    },
    /// A path into `{"input": ..., "output": ...}` (successful attempts
    /// only).
    InputOutput {
        /// The JMESPath expression.
        path: &'static str,
        /// The expected value.
        expected: &'static str,
        /// The comparison.
        comparator: Comparator,
    },
    /// `true`: the attempt succeeded; `false`: it failed with any error.
    Success(bool),
    /// The attempt failed with this error (its shape name or code; of an
    /// absolute shape id, the name).
    ErrorType(&'static str),
}

/// One acceptor of a waiter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Acceptor {
    /// What it concludes.
    pub state: State,
    /// When it matches.
    pub matcher: Matcher,
}

/// How long to wait, and the delays between attempts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaitOptions {
    /// The longest the whole wait may take.
    pub max_wait: Duration,
    /// The shortest delay between attempts (the model's `minDelay` unless
    /// changed).
    pub min_delay: Duration,
    /// The longest delay between attempts (the model's `maxDelay` unless
    /// changed).
    pub max_delay: Duration,
}

/// Why a wait did not succeed.
pub enum WaiterError<O, E> {
    /// An acceptor concluded the wait failed; the attempt it matched.
    FailureState(Result<O, E>),
    /// An attempt failed with an error no acceptor matched.
    OperationFailed(E),
    /// The state was not reached within `max_wait`.
    ExceededMaxWait {
        /// The limit.
        max_wait: Duration,
        /// Attempts made.
        attempts: u32,
    },
    /// The waiter's own definition is broken (a path that does not parse).
    Invalid(String),
}

impl<O: fmt::Debug, E: fmt::Debug> fmt::Debug for WaiterError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::FailureState(last) => f.debug_tuple("FailureState").field(last).finish(),
            Self::OperationFailed(e) => f.debug_tuple("OperationFailed").field(e).finish(),
            Self::ExceededMaxWait { max_wait, attempts } => {
                f.debug_struct("ExceededMaxWait").field("max_wait", max_wait).field("attempts", attempts).finish()
            }
            Self::Invalid(message) => f.debug_tuple("Invalid").field(message).finish(),
        }
    }
}

impl<O, E: fmt::Display> fmt::Display for WaiterError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::FailureState(Ok(_)) => f.write_str("the waiter reached a failure state"),
            Self::FailureState(Err(e)) => write!(f, "the waiter reached a failure state: {e}"),
            Self::OperationFailed(e) => write!(f, "the operation failed: {e}"),
            Self::ExceededMaxWait { max_wait, attempts } => {
                write!(f, "the state was not reached within {max_wait:?} ({attempts} attempts)")
            }
            Self::Invalid(message) => write!(f, "invalid waiter: {message}"),
        }
    }
}

impl<O: fmt::Debug, E: std::error::Error + 'static> std::error::Error for WaiterError<O, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::FailureState(Err(e)) | Self::OperationFailed(e) => Some(e),
            _ => None,
        }
    }
}

/// Calls `attempt` until an acceptor concludes, waiting between attempts
/// as the Smithy specification says; `input` is the operation's input as
/// JSON, for `inputOutput` matchers. A success returns the attempt it
/// matched (an error, for a waiter that succeeds on one).
pub async fn wait<O, E, F, Fut>(
    acceptors: &[Acceptor],
    options: WaitOptions,
    input: Option<Value>,
    mut attempt: F,
) -> Result<Result<O, E>, WaiterError<O, E>>
where
    O: Serialize,
    E: ProvideErrorMetadata,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<O, E>>,
{
    let start = tokio::time::Instant::now();
    let mut attempts = 0u32;
    loop {
        attempts += 1;
        let result = attempt().await;
        match decide(acceptors, input.as_ref(), &result).map_err(WaiterError::Invalid)? {
            Some(State::Success) => return Ok(result),
            Some(State::Failure) => return Err(WaiterError::FailureState(result)),
            None => {
                if let Err(e) = result {
                    return Err(WaiterError::OperationFailed(e));
                }
            }
            Some(State::Retry) => {}
        }
        let remaining = options.max_wait.saturating_sub(start.elapsed());
        match delay(&options, attempts, remaining, fastrand::f64()) {
            Some(delay) => tokio::time::sleep(delay).await,
            None => return Err(WaiterError::ExceededMaxWait { max_wait: options.max_wait, attempts }),
        }
    }
}

/// `input`'s JSON form, for `inputOutput` matchers.
pub fn input_json<T: Serialize>(input: Option<&T>) -> Option<Value> {
    input.and_then(|input| serde_json::to_value(input).ok())
}

/// The delay before retry `attempt` (1 for the first), with `remaining`
/// of the wait left and `random` in `[0, 1]`: between `min_delay` and
/// `min_delay * 2^(attempt - 1)` (capped at `max_delay`). When that would
/// leave `min_delay` or less, the delay is all that remains, for one last
/// attempt at the deadline. `None` once no time remains.
pub fn delay(options: &WaitOptions, attempt: u32, remaining: Duration, random: f64) -> Option<Duration> {
    let (min, max) = (options.min_delay, options.max_delay.max(options.min_delay));
    if remaining.is_zero() {
        return None;
    }
    let ceiling = if min.is_zero() { 1.0 } else { (max.as_secs_f64() / min.as_secs_f64()).log2() + 1.0 };
    let upper = if f64::from(attempt) > ceiling { max } else { min.saturating_mul(1 << (attempt - 1).min(31)).min(max) };
    let mut delay = min + (upper.saturating_sub(min)).mul_f64(random.clamp(0.0, 1.0));
    if remaining.saturating_sub(delay) <= min {
        delay = remaining;
    }
    Some(delay)
}

/// The state the first matching acceptor concludes, if one matches.
fn decide<O: Serialize, E: ProvideErrorMetadata>(
    acceptors: &[Acceptor],
    input: Option<&Value>,
    result: &Result<O, E>,
) -> Result<Option<State>, String> {
    let mut output_json = None;
    for acceptor in acceptors {
        let matched = match (&acceptor.matcher, result) {
            (Matcher::Success(want), _) => *want == result.is_ok(),
            (Matcher::ErrorType(name), Err(e)) => {
                let name = name.rsplit('#').next().unwrap_or(name);
                e.code().is_some_and(|code| code == name)
            }
            (Matcher::ErrorType(_), Ok(_)) => false,
            (Matcher::Output { .. } | Matcher::InputOutput { .. }, Err(_)) => false,
            (Matcher::Output { path, expected, comparator }, Ok(output)) => {
                let output = output_json.get_or_insert_with(|| serde_json::to_value(output).unwrap_or(Value::Null));
                compare(&search(path, output)?, expected, *comparator)
            }
            (Matcher::InputOutput { path, expected, comparator }, Ok(output)) => {
                let output = output_json.get_or_insert_with(|| serde_json::to_value(output).unwrap_or(Value::Null)).clone();
                let both = serde_json::json!({ "input": input.cloned().unwrap_or(Value::Null), "output": output });
                compare(&search(path, &both)?, expected, *comparator)
            }
        };
        if matched {
            return Ok(Some(acceptor.state));
        }
    }
    Ok(None)
}

/// Evaluates JMESPath `path` over `data`.
fn search(path: &str, data: &Value) -> Result<Value, String> {
    let expression = jmespath::compile(path).map_err(|e| format!("`{path}`: {e}"))?;
    let result = expression.search(data).map_err(|e| format!("`{path}`: {e}"))?;
    serde_json::to_value(&*result).map_err(|e| format!("`{path}`: {e}"))
}

fn compare(result: &Value, expected: &str, comparator: Comparator) -> bool {
    match comparator {
        Comparator::StringEquals => result.as_str() == Some(expected),
        Comparator::BooleanEquals => result.as_bool().is_some_and(|b| expected.eq_ignore_ascii_case(if b { "true" } else { "false" })),
        Comparator::AllStringEquals => {
            result.as_array().is_some_and(|items| !items.is_empty() && items.iter().all(|i| i.as_str() == Some(expected)))
        }
        Comparator::AnyStringEquals => result.as_array().is_some_and(|items| items.iter().any(|i| i.as_str() == Some(expected))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(min: u64, max: u64) -> WaitOptions {
        WaitOptions { max_wait: Duration::from_secs(3600), min_delay: Duration::from_secs(min), max_delay: Duration::from_secs(max) }
    }

    #[test]
    fn delays_grow_exponentially_between_the_bounds_and_leave_time_for_a_last_attempt() {
        let hour = Duration::from_secs(3600);
        let o = options(2, 120);
        // The upper bound doubles: 2, 4, 8, ... capped at 120.
        assert_eq!(delay(&o, 1, hour, 1.0).unwrap(), Duration::from_secs(2));
        assert_eq!(delay(&o, 3, hour, 1.0).unwrap(), Duration::from_secs(8));
        assert_eq!(delay(&o, 7, hour, 1.0).unwrap(), Duration::from_secs(120));
        assert_eq!(delay(&o, 30, hour, 1.0).unwrap(), Duration::from_secs(120));
        // Never below the minimum.
        assert_eq!(delay(&o, 5, hour, 0.0).unwrap(), Duration::from_secs(2));
        // Close to the end: all that is left, for a last attempt at the
        // deadline; then nothing.
        assert_eq!(delay(&o, 7, Duration::from_secs(10), 1.0).unwrap(), Duration::from_secs(10));
        assert_eq!(delay(&o, 2, Duration::from_secs(5), 1.0).unwrap(), Duration::from_secs(5));
        assert_eq!(delay(&o, 2, Duration::from_secs(7), 1.0).unwrap(), Duration::from_secs(4));
        assert_eq!(delay(&o, 7, Duration::ZERO, 1.0), None);
    }

    #[test]
    fn error_types_match_by_name() {
        struct Failed(crate::error::ErrorMetadata);
        impl ProvideErrorMetadata for Failed {
            fn meta(&self) -> &crate::error::ErrorMetadata {
                &self.0
            }
        }
        let not_found: Result<(), Failed> = Err(Failed(crate::error::ErrorMetadata::new().with_code("NotFound")));
        let acceptor = |name| [Acceptor { state: State::Success, matcher: Matcher::ErrorType(name) }];
        assert_eq!(decide(&acceptor("NotFound"), None, &not_found), Ok(Some(State::Success)));
        assert_eq!(decide(&acceptor("com.example#NotFound"), None, &not_found), Ok(Some(State::Success)));
        assert_eq!(decide(&acceptor("Other"), None, &not_found), Ok(None));
        assert_eq!(decide(&acceptor("NotFound"), None, &Ok::<(), Failed>(())), Ok(None));
    }

    #[test]
    fn comparators() {
        let list = serde_json::json!(["ACTIVE", "ACTIVE"]);
        assert!(compare(&list, "ACTIVE", Comparator::AllStringEquals));
        assert!(!compare(&serde_json::json!([]), "ACTIVE", Comparator::AllStringEquals));
        assert!(compare(&serde_json::json!(["A", "B"]), "B", Comparator::AnyStringEquals));
        assert!(compare(&serde_json::json!(true), "true", Comparator::BooleanEquals));
        assert!(!compare(&serde_json::json!("true"), "true", Comparator::BooleanEquals));
        assert!(compare(&serde_json::json!("x"), "x", Comparator::StringEquals));
        let ecs = serde_json::json!({"services": [
            {"deployments": [1], "runningCount": 2, "desiredCount": 2},
            {"deployments": [1, 2], "runningCount": 1, "desiredCount": 2}]});
        let path = "length(services[?!(length(deployments) == `1` && runningCount == desiredCount)]) == `0`";
        assert_eq!(search(path, &ecs).unwrap(), Value::Bool(false));
        assert!(search("[?", &ecs).is_err());
    }
}
