//! Which failures are worth another attempt, and how long to wait.

use std::time::Duration;

use super::config::RetryConfig;
use crate::error::{ErrorMetadata, ProvideErrorMetadata, Unhandled, UnhandledKind};

/// Why a failure may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryKind {
    /// The service is throttling the caller.
    Throttling,
    /// A transient failure: a connection error, a timeout, a 5xx response,
    /// or an error the model marks `@retryable`.
    Transient,
}

/// Error codes the AWS SDKs treat as throttling.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes the AWS SDKs treat as transient.
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException", "InternalError"];

/// Classifies a failure of an attempt that the model does not describe.
pub(super) fn classify(error: &Unhandled) -> Option<RetryKind> {
    match error.kind() {
        UnhandledKind::Transport | UnhandledKind::Timeout => Some(RetryKind::Transient),
        UnhandledKind::Service | UnhandledKind::Parse => classify_service(error.meta()),
        _ => None,
    }
}

/// Classifies an error response by its code and HTTP status, as the AWS
/// SDKs do for every error the model does not mark `@retryable`.
pub(super) fn classify_service(meta: &ErrorMetadata) -> Option<RetryKind> {
    let code = meta.code().unwrap_or_default();
    let status = meta.status().unwrap_or_default();
    if THROTTLING_CODES.contains(&code) || status == 429 {
        Some(RetryKind::Throttling)
    } else if TRANSIENT_CODES.contains(&code) || matches!(status, 500 | 502 | 503 | 504) {
        Some(RetryKind::Transient)
    } else {
        None
    }
}

/// The delay before the retry that follows attempt `attempt` (1-based):
/// full jitter over an exponentially growing, capped window.
pub(super) fn backoff(config: &RetryConfig, attempt: u32) -> Duration {
    let window = config
        .initial_backoff
        .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
        .min(config.max_backoff);
    window.mul_f64(fastrand::f64())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorMetadata;

    #[test]
    fn classification() {
        let service = |code: &str, status| {
            Unhandled::new(UnhandledKind::Service, ErrorMetadata::new().with_code(code).with_status(status))
        };
        assert_eq!(classify(&service("ThrottlingException", 400)), Some(RetryKind::Throttling));
        assert_eq!(classify(&service("Whatever", 503)), Some(RetryKind::Transient));
        assert_eq!(classify(&service("ValidationException", 400)), None);
        let transport = Unhandled::new(UnhandledKind::Transport, ErrorMetadata::new());
        assert_eq!(classify(&transport), Some(RetryKind::Transient));
        let construction = Unhandled::new(UnhandledKind::Construction, ErrorMetadata::new());
        assert_eq!(classify(&construction), None);
    }

    #[test]
    fn backoff_stays_in_its_window() {
        let config = RetryConfig { max_attempts: 5, initial_backoff: Duration::from_millis(100), max_backoff: Duration::from_millis(300) };
        for _ in 0..100 {
            assert!(backoff(&config, 1) < Duration::from_millis(100));
            assert!(backoff(&config, 2) < Duration::from_millis(200));
            assert!(backoff(&config, 8) <= Duration::from_millis(300));
        }
    }
}
