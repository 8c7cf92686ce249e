//! The generated server with the local CodeBuild behind it: the generated
//! client, raw HTTP and awscli against it on loopback.

use std::time::Duration;

use codebuild::client::{Client, RetryConfig};
use codebuild::error::{ProvideErrorMetadata, RetryBuildError};
use codebuild::server::{CodeBuild, RequestContext, ServerConfig};
use codebuild::types::{Build, RetryBuildInput, RetryBuildOutput, StatusType};
use codebuild_local::{LocalCodeBuild, ManualClock, Seed};
use integration_tests::{raw_request, serve_router};

const ORIGINAL: &str = "my-project:5b0b4c5c-6d36-4b1c-9f6e-0d4a2c8e9f10";

fn seed() -> Seed {
    let mut build: serde_json::Value = serde_json::from_str(include_str!("../fixtures/build.json")).unwrap();
    build["id"] = ORIGINAL.into();
    build["projectName"] = "my-project".into();
    build["buildStatus"] = "SUCCEEDED".into();
    Seed::from_json(&serde_json::json!({ "builds": [build] }).to_string()).unwrap()
}

async fn start(service: LocalCodeBuild) -> (Client, String) {
    let url = serve_router(codebuild::server::router(service)).await;
    let client = Client::builder().endpoint_url(&url).no_credentials().retry_config(RetryConfig::disabled()).build();
    (client, url)
}

#[tokio::test]
async fn retry_build_restarts_the_build() {
    let service = LocalCodeBuild::new(seed());
    let (client, _) = start(service.clone()).await;
    let original = service.build(ORIGINAL).unwrap();
    let out = client.retry_build().id(ORIGINAL).send().await.unwrap();
    let build = out.build.unwrap();
    let id = build.id.clone().unwrap();
    assert!(id.starts_with("my-project:") && id != ORIGINAL, "{id}");
    assert!(uuid::Uuid::parse_str(id.trim_start_matches("my-project:")).is_ok(), "{id}");
    assert_eq!(build.build_number, Some(original.build_number.unwrap() + 1));
    assert_eq!(build.build_status, Some(StatusType::InProgress));
    assert_eq!(build.current_phase.as_deref(), Some("QUEUED"));
    assert!(!build.build_complete);
    assert!(build.end_time.is_none());
    assert!(build.start_time.unwrap() > original.start_time.unwrap());
    assert_eq!(build.source, original.source);
    assert_eq!(build.environment, original.environment);
    assert_eq!(build.service_role, original.service_role);
    assert_eq!(build.project_name.as_deref(), Some("my-project"));
    assert_eq!(service.build(&id), Some(build));
    assert_eq!(service.build_count(), 2);
}

#[tokio::test]
async fn build_arns_are_accepted_as_ids() {
    let (client, _) = start(LocalCodeBuild::new(seed())).await;
    let arn = format!("arn:aws:codebuild:us-east-1:123456789012:build/{ORIGINAL}");
    assert!(client.retry_build().id(arn).send().await.is_ok());
}

#[tokio::test]
async fn unknown_build_is_resource_not_found() {
    let (client, _) = start(LocalCodeBuild::new(seed())).await;
    let e = client.retry_build().id("my-project:does-not-exist").send().await.unwrap_err();
    assert!(e.is_resource_not_found_exception(), "{e:?}");
    assert_eq!(e.message(), Some("Build my-project:does-not-exist does not exist"));
    assert_eq!(e.status(), Some(400));
    assert!(e.request_id().is_some_and(|id| !id.is_empty()));
}

#[tokio::test]
async fn empty_and_malformed_ids_are_invalid_input() {
    let (client, _) = start(LocalCodeBuild::new(seed())).await;
    let e = client.retry_build().id("").send().await.unwrap_err();
    assert!(e.is_invalid_input_exception(), "{e:?}");
    let message = e.message().unwrap();
    assert!(
        message.contains("at 'id' failed to satisfy constraint: Member must have length greater than or equal to 1"),
        "{message}"
    );
    let e = client.retry_build().send().await.unwrap_err();
    assert!(e.is_invalid_input_exception(), "{e:?}");
    let e = client.retry_build().id("no-colon-here").send().await.unwrap_err();
    assert!(e.is_invalid_input_exception(), "{e:?}");
    assert!(e.message().unwrap().contains("no-colon-here"));
}

#[tokio::test]
async fn idempotency_token_returns_the_first_build_for_five_minutes() {
    let clock = ManualClock::new(smithy_runtime::DateTime::now());
    let service = LocalCodeBuild::new(seed()).with_clock(clock.clone());
    let (client, _) = start(service.clone()).await;
    let first = client.retry_build().id(ORIGINAL).idempotency_token("tok").send().await.unwrap().build.unwrap();
    clock.advance(Duration::from_secs(4 * 60));
    let again = client.retry_build().id(ORIGINAL).idempotency_token("tok").send().await.unwrap().build.unwrap();
    assert_eq!(again.id, first.id);
    assert_eq!(service.build_count(), 2);

    let mismatch = client.retry_build().id("my-project:other").idempotency_token("tok").send().await.unwrap_err();
    assert!(mismatch.is_invalid_input_exception(), "{mismatch:?}");
    assert!(mismatch.message().unwrap().contains("Parameter mismatch"));

    clock.advance(Duration::from_secs(61));
    let later = client.retry_build().id(ORIGINAL).idempotency_token("tok").send().await.unwrap().build.unwrap();
    assert_ne!(later.id, first.id);
    assert_eq!(service.build_count(), 3);
}

#[tokio::test]
async fn account_limit_is_enforced() {
    let service = LocalCodeBuild::new(seed()).with_account_limit(1);
    let (client, _) = start(service).await;
    client.retry_build().id(ORIGINAL).send().await.unwrap();
    let e = client.retry_build().id(ORIGINAL).send().await.unwrap_err();
    assert!(e.is_account_limit_exceeded_exception(), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_retries_with_one_token_create_one_build() {
    let service = LocalCodeBuild::new(seed());
    let (client, _) = start(service.clone()).await;
    let calls = (0..200).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.retry_build().id(ORIGINAL).idempotency_token("same").send().await })
    });
    let mut ids = std::collections::BTreeSet::new();
    for call in calls {
        ids.insert(call.await.unwrap().unwrap().build.unwrap().id.unwrap());
    }
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(service.build_count(), 2);
}

const TARGET: (&str, &str) = ("x-amz-target", "CodeBuild_20161006.RetryBuild");
const JSON: (&str, &str) = ("content-type", "application/x-amz-json-1.1");

#[tokio::test]
async fn responses_carry_protocol_headers() {
    let (_, url) = start(LocalCodeBuild::new(seed())).await;
    let ok = raw_request("POST", &url, &[TARGET, JSON], format!(r#"{{"id": "{ORIGINAL}"}}"#).into_bytes()).await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.header("content-type"), Some("application/x-amz-json-1.1"));
    assert!(ok.header("x-amzn-requestid").is_some());
    let out: RetryBuildOutput = serde_json::from_slice(&ok.body).unwrap();
    assert!(out.build.is_some());

    let err = raw_request("POST", &url, &[TARGET, JSON], br#"{"id": "p:none"}"#.to_vec()).await;
    assert_eq!(err.status, 400);
    assert_eq!(err.header("x-amzn-errortype"), Some("ResourceNotFoundException"));
    assert_eq!(err.json(), serde_json::json!({"__type": "ResourceNotFoundException", "message": "Build p:none does not exist"}));
}

#[tokio::test]
async fn bad_requests_get_documented_errors_and_the_server_keeps_serving() {
    let (client, url) = start(LocalCodeBuild::new(seed())).await;
    let deep = format!("{{\"id\": {}1{}}}", "[".repeat(100_000), "]".repeat(100_000));
    type Case = (&'static str, Vec<(&'static str, &'static str)>, Vec<u8>, u16, &'static str);
    let cases: Vec<Case> = vec![
        ("POST", vec![TARGET, JSON], b"{not json".to_vec(), 400, "SerializationException"),
        ("POST", vec![TARGET, JSON], br#"{"id": 5}"#.to_vec(), 400, "SerializationException"),
        ("POST", vec![TARGET, JSON], b"{\"id\": \"\xff\xfe\"}".to_vec(), 400, "SerializationException"),
        ("POST", vec![TARGET, JSON], br#"{"id": "a:b"} trailing"#.to_vec(), 400, "SerializationException"),
        ("POST", vec![TARGET, JSON], deep.into_bytes(), 400, "SerializationException"),
        ("POST", vec![TARGET, JSON], vec![b' '; 50 * 1024 * 1024], 413, "RequestEntityTooLargeException"),
        ("POST", vec![JSON], b"{}".to_vec(), 400, "UnknownOperationException"),
        ("POST", vec![("x-amz-target", "CodeBuild_20161006.NoSuchOperation"), JSON], b"{}".to_vec(), 400, "UnknownOperationException"),
        ("POST", vec![("x-amz-target", "OtherService.RetryBuild"), JSON], b"{}".to_vec(), 400, "UnknownOperationException"),
        ("POST", vec![("x-amz-target", "OtherCodeBuild_20161006.RetryBuild"), JSON], b"{}".to_vec(), 400, "UnknownOperationException"),
        ("POST", vec![("x-amz-target", "RetryBuild"), JSON], b"{}".to_vec(), 400, "UnknownOperationException"),
        ("GET", vec![TARGET], Vec::new(), 405, "MethodNotAllowedException"),
    ];
    for (method, headers, body, status, error) in cases {
        let response = raw_request(method, &url, &headers, body).await;
        assert_eq!(response.status, status, "{method} {headers:?}: {}", String::from_utf8_lossy(&response.body));
        assert_eq!(response.json()["__type"], error, "{method} {headers:?}");
        assert_eq!(response.header("x-amzn-errortype"), Some(error));
        assert!(response.header("x-amzn-requestid").is_some());
        // The next good request is still served.
        assert!(client.retry_build().id(ORIGINAL).send().await.is_ok());
    }
    let wrong_type = raw_request("POST", &url, &[TARGET, JSON], br#"{"id": 5}"#.to_vec()).await;
    let message = wrong_type.json()["message"].as_str().unwrap().to_owned();
    assert!(message.contains("`id`") && message.contains("invalid type"), "{message}");
}

/// Clients generated from the older AWS models send a few services'
/// targets with a dotted namespace before the service name.
#[tokio::test]
async fn a_target_prefix_with_a_namespace_reaches_the_service() {
    let (_, url) = start(LocalCodeBuild::new(seed())).await;
    let target = ("x-amz-target", "com.amazonaws.codebuild.v20161006.CodeBuild_20161006.RetryBuild");
    let ok = raw_request("POST", &url, &[target, JSON], format!(r#"{{"id": "{ORIGINAL}"}}"#).into_bytes()).await;
    assert_eq!(ok.status, 200, "{}", String::from_utf8_lossy(&ok.body));
}

#[tokio::test]
async fn empty_body_reads_as_empty_input() {
    let (_, url) = start(LocalCodeBuild::new(seed())).await;
    let response = raw_request("POST", &url, &[TARGET, JSON], Vec::new()).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["__type"], "InvalidInputException");
}

#[derive(Clone)]
struct Panicky;

impl CodeBuild for Panicky {
    async fn retry_build(&self, input: RetryBuildInput, _: RequestContext) -> Result<RetryBuildOutput, RetryBuildError> {
        if input.id.as_deref() == Some("panic:now") {
            panic!("handler bug");
        }
        Ok(RetryBuildOutput::builder().build_value(Build::builder().id("p:1").build()).build())
    }
}

#[tokio::test]
async fn a_panicking_handler_is_a_500_and_the_server_keeps_serving() {
    let url = serve_router(codebuild::server::router(Panicky)).await;
    let client = Client::builder().endpoint_url(&url).no_credentials().retry_config(RetryConfig::disabled()).build();
    let e = client.retry_build().id("panic:now").send().await.unwrap_err();
    assert_eq!(e.status(), Some(500));
    assert_eq!(e.code(), Some("InternalFailure"));
    assert!(client.retry_build().id("p:1").send().await.is_ok());
}

#[tokio::test]
async fn body_limit_is_configurable() {
    let router = codebuild::server::router_with_config(Panicky, ServerConfig { body_limit: 16, ..ServerConfig::default() });
    let url = serve_router(router).await;
    let response = raw_request("POST", &url, &[TARGET, JSON], br#"{"id": "long:enough-to-exceed"}"#.to_vec()).await;
    assert_eq!(response.status, 413);
}

#[tokio::test]
async fn router_mounts_inside_an_existing_app() {
    use integration_tests::axum_router::{routing::get, Router};
    let app = Router::new()
        .route("/health", get(|| async { "ok" }))
        .nest_service("/codebuild", codebuild::server::router(Panicky));
    let url = serve_router(app).await;
    let health = raw_request("GET", &format!("{url}/health"), &[], Vec::new()).await;
    assert_eq!(health.body, b"ok");
    let client = Client::builder()
        .endpoint_url(format!("{url}/codebuild/"))
        .no_credentials()
        .retry_config(RetryConfig::disabled())
        .build();
    assert!(client.retry_build().id("p:1").send().await.is_ok());
}

#[tokio::test]
async fn graceful_shutdown_finishes_and_stops() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(smithy_runtime::server::serve_with_shutdown(
        listener,
        codebuild::server::router(Panicky),
        async move {
            let _ = stopped.await;
        },
    ));
    let client = Client::builder().endpoint_url(&url).no_credentials().retry_config(RetryConfig::disabled()).build();
    assert!(client.retry_build().id("p:1").send().await.is_ok());
    drop(client);
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(10), server).await.expect("server stops").unwrap().unwrap();
}
