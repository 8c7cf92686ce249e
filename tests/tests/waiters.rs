//! Waiters generated from `smithy.waiters#waitable` (DynamoDB's
//! `TableExists` and `TableNotExists`, in tests/models/dynamodb-items.json,
//! and the fixture's own), against a local server whose answers change
//! from one call to the next.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use dynamodb_items::client::waiters::{WaitOptions, WaiterError};
use dynamodb_items::client::{Client, ClientBuilder, RetryConfig};
use dynamodb_items::error::ProvideErrorMetadata;
use dynamodb_items::types::TableStatus;
use integration_tests::stand_in;

const NOT_FOUND: &str = r#"{"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "message": "Requested resource not found"}"#;

fn table(status: &str) -> String {
    format!(r#"{{"Table": {{"TableName": "t", "TableStatus": "{status}"}}}}"#)
}

/// A server answering the `n`th call (from 0) with `script(n)`.
async fn scripted(script: impl Fn(usize) -> (u16, String) + Send + Sync + 'static) -> (Client, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let (url, _) = stand_in(move |request| {
        assert_eq!(request.header("x-amz-target"), Some("DynamoDB_20120810.DescribeTable"));
        script(counter.fetch_add(1, Ordering::SeqCst))
    })
    .await;
    let client = ClientBuilder::default()
        .endpoint_url(url)
        .region("us-east-1")
        .no_credentials()
        .retry_config(RetryConfig::disabled())
        .build();
    (client, calls)
}

fn quick(max_wait_ms: u64) -> WaitOptions {
    WaitOptions { max_wait: Duration::from_millis(max_wait_ms), min_delay: Duration::from_millis(5), max_delay: Duration::from_millis(20) }
}

#[tokio::test]
async fn table_exists_retries_through_creating_and_not_found_until_active() {
    let (client, calls) = scripted(|n| match n {
        0 => (400, NOT_FOUND.to_owned()),
        1 | 2 => (200, table("CREATING")),
        _ => (200, table("ACTIVE")),
    })
    .await;
    let done = client.wait_until_table_exists().table_name("t").wait_with(quick(5_000)).await.unwrap();
    let output = done.unwrap();
    assert_eq!(output.table.unwrap().table_status, Some(TableStatus::Active));
    assert_eq!(calls.load(Ordering::SeqCst), 4);
}

#[tokio::test]
async fn table_not_exists_succeeds_on_the_error_it_waits_for() {
    let (client, calls) = scripted(|n| if n < 2 { (200, table("DELETING")) } else { (400, NOT_FOUND.to_owned()) }).await;
    let done = client.wait_until_table_not_exists().table_name("t").wait_with(quick(5_000)).await.unwrap();
    let error = done.unwrap_err();
    assert_eq!(error.code(), Some("ResourceNotFoundException"));
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn an_error_no_acceptor_matches_ends_the_wait() {
    let (client, calls) =
        scripted(|_| (400, r#"{"__type": "AccessDeniedException", "message": "no"}"#.to_owned())).await;
    let error = client.wait_until_table_exists().table_name("t").wait_with(quick(5_000)).await.unwrap_err();
    let WaiterError::OperationFailed(e) = &error else { panic!("{error:?}") };
    assert_eq!(e.code(), Some("AccessDeniedException"));
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert!(error.to_string().contains("the operation failed"), "{error}");
}

#[tokio::test]
async fn the_wait_gives_up_after_max_wait() {
    let (client, calls) = scripted(|_| (200, table("CREATING"))).await;
    let started = std::time::Instant::now();
    let error = client.wait_until_table_exists().table_name("t").wait_with(quick(200)).await.unwrap_err();
    let WaiterError::ExceededMaxWait { attempts, .. } = error else { panic!("{error:?}") };
    assert!(attempts >= 2 && attempts as usize == calls.load(Ordering::SeqCst), "{attempts}");
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
}

#[tokio::test]
async fn failure_states_input_paths_and_waiters_without_input() {
    use endpoint_rules::client::waiters::WaiterError;
    use endpoint_rules::client::ClientBuilder;

    // GetObject answers with a status that moves on at each call.
    let statuses = ["PENDING", "PENDING", "FAILED"];
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let (url, seen) = stand_in(move |request| {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        match request.header("x-amz-target") {
            Some("Storage.ListAllBuckets") => (200, format!(r#"{{"Buckets": {}}}"#, if n < 1 { "[]" } else { r#"["a"]"# })),
            _ => (200, format!(r#"{{"Status": "{}"}}"#, statuses[n.min(2)])),
        }
    })
    .await;
    let client = ClientBuilder::default().endpoint_url(url).no_credentials().build();
    let options = endpoint_rules::client::waiters::WaitOptions {
        max_wait: Duration::from_secs(5),
        min_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(10),
    };
    let error = client.wait_until_object_ready().bucket("b").key("k").wait_with(options).await.unwrap_err();
    let WaiterError::FailureState(Ok(last)) = &error else { panic!("{error:?}") };
    assert_eq!(last.status.as_deref(), Some("FAILED"));
    assert_eq!(calls.load(Ordering::SeqCst), 3);

    // An inputOutput acceptor reads the input: this key is ready at once.
    calls.store(0, Ordering::SeqCst);
    let done = client.wait_until_object_ready().bucket("b").key("instant").wait_with(options).await.unwrap();
    assert_eq!(done.unwrap().status.as_deref(), Some("PENDING"));
    assert_eq!(calls.load(Ordering::SeqCst), 1);

    // A waiter on an operation without input.
    calls.store(0, Ordering::SeqCst);
    let done = client.wait_until_any_bucket_exists().wait_with(options).await.unwrap();
    assert_eq!(done.unwrap().buckets, Some(vec!["a".to_owned()]));
    assert_eq!(seen.lock().unwrap().len(), 6);
}
