//! The generated client against moto, a third-party CodeBuild emulator.

use codebuild::client::{Client, Credentials, RetryConfig};
use codebuild::error::{ProvideErrorMetadata, RetryBuildError};
use integration_tests::Moto;

#[tokio::test(flavor = "multi_thread")]
async fn retry_build_against_moto_is_a_clean_error() {
    let Some(moto) = Moto::start() else { return };
    let client = Client::builder()
        .endpoint_url(&moto.url)
        .region("us-east-1")
        .credentials(Credentials::new("testing", "testing", None))
        .retry_config(RetryConfig::disabled())
        .build();
    // moto does not implement RetryBuild: whatever it answers must come back
    // as an error value carrying the HTTP status, never a panic.
    let err = client.retry_build().id("no-such-project:1").send().await.unwrap_err();
    assert!(matches!(err, RetryBuildError::Unhandled(_) | RetryBuildError::ResourceNotFoundException(_)), "{err:?}");
    assert!(err.status().is_some(), "moto answered: {err}");
    eprintln!("moto's answer to RetryBuild: {err}");
}
