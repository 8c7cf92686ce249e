//! The generated client against loopback servers: the exact requests it
//! sends, every error spelling it must read, retries and timeouts.

use std::time::Duration;

use codebuild::client::{Client, Credentials, RetryConfig, TimeoutConfig};
use codebuild::error::{ProvideErrorMetadata, RetryBuildError, UnhandledKind};
use codebuild::types::{RetryBuildInput, StatusType};
use integration_tests::{CaptureServer, Reply};

fn client(server: &CaptureServer) -> Client {
    Client::builder()
        .endpoint_url(&server.url)
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
        .retry_config(RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
        })
        .build()
}

const BUILD_OK: &str = r#"{"build": {"id": "p:2", "buildStatus": "IN_PROGRESS", "buildNumber": 2, "startTime": 1700000000.5}}"#;

#[tokio::test]
async fn request_has_exactly_the_protocol_headers_and_body() {
    let server = CaptureServer::start(vec![Reply::json(200, BUILD_OK)]).await;
    let out = client(&server).retry_build().id("p:1").idempotency_token("tok-1").send().await.unwrap();
    let build = out.build.unwrap();
    assert_eq!(build.build_status, Some(StatusType::InProgress));
    assert_eq!(build.start_time.unwrap().subsec_nanos(), 500_000_000);

    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    let req = &reqs[0];
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/");
    assert_eq!(req.header("content-type"), Some("application/x-amz-json-1.1"));
    assert_eq!(req.header("x-amz-target"), Some("CodeBuild_20161006.RetryBuild"));
    assert_eq!(req.header("content-length"), Some(req.body.len().to_string().as_str()));
    assert_eq!(req.header("host"), Some(server.url.trim_start_matches("http://")));
    assert!(req.header("x-amz-date").is_some());
    let auth = req.header("authorization").expect("signed");
    assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), "{auth}");
    assert!(auth.contains("/us-east-1/codebuild/aws4_request"), "{auth}");
    assert_eq!(req.json(), serde_json::json!({"id": "p:1", "idempotencyToken": "tok-1"}));
}

#[tokio::test]
async fn missing_idempotency_token_is_filled_with_a_uuid_v4() {
    let server = CaptureServer::start(vec![Reply::json(200, BUILD_OK)]).await;
    client(&server).retry_build().id("p:1").send().await.unwrap();
    let body = server.requests()[0].json();
    let token = body["idempotencyToken"].as_str().expect("token filled");
    let uuid = uuid::Uuid::parse_str(token).expect("a UUID");
    assert_eq!(uuid.get_version_num(), 4);
}

#[tokio::test]
async fn input_without_members_set_sends_only_the_generated_token() {
    let server = CaptureServer::start(vec![Reply::json(200, "{}")]).await;
    let input = RetryBuildInput::builder().idempotency_token("t").build();
    let out = client(&server).retry_build().input(input).set_idempotency_token(None).send().await.unwrap();
    assert!(out.build.is_none());
    let body = server.requests()[0].json();
    assert_eq!(body.as_object().unwrap().keys().collect::<Vec<_>>(), ["idempotencyToken"]);
}

#[tokio::test]
async fn unsigned_when_no_credentials() {
    let server = CaptureServer::start(vec![Reply::json(200, "{}")]).await;
    let client = Client::builder().endpoint_url(&server.url).no_credentials().build();
    client.retry_build().id("x").send().await.unwrap();
    assert!(server.requests()[0].header("authorization").is_none());
}

async fn error_for(reply: Reply) -> RetryBuildError {
    let server = CaptureServer::start(vec![reply]).await;
    client(&server).retry_build().id("nope").send().await.unwrap_err()
}

fn with_header(status: u16, header: &'static str, value: &str, body: &str) -> Reply {
    Reply::Http(
        status,
        vec![(header, value.to_owned()), ("x-amzn-requestid", "rid-1".to_owned())],
        body.as_bytes().to_vec(),
    )
}

#[tokio::test]
async fn error_type_from_header() {
    let e = error_for(with_header(400, "x-amzn-errortype", "ResourceNotFoundException", r#"{"message": "no such build"}"#)).await;
    assert!(e.is_resource_not_found_exception(), "{e:?}");
    assert_eq!(e.message(), Some("no such build"));
    assert_eq!(e.code(), Some("ResourceNotFoundException"));
    assert_eq!(e.status(), Some(400));
    assert_eq!(e.request_id(), Some("rid-1"));
    match e {
        RetryBuildError::ResourceNotFoundException(inner) => assert_eq!(inner.message(), Some("no such build")),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn error_type_from_body_code() {
    let e = error_for(Reply::json(400, r#"{"code": "InvalidInputException", "Message": "bad id"}"#)).await;
    assert!(e.is_invalid_input_exception(), "{e:?}");
    assert_eq!(e.message(), Some("bad id"));
    assert_eq!(e.request_id(), Some("req-400"));
}

#[tokio::test]
async fn error_type_from_plain_type() {
    let e = error_for(Reply::json(400, r#"{"__type": "AccountLimitExceededException", "message": "too many"}"#)).await;
    assert!(e.is_account_limit_exceeded_exception(), "{e:?}");
    assert_eq!(e.to_string(), "AccountLimitExceededException: too many");
}

#[tokio::test]
async fn error_type_with_namespace() {
    let e = error_for(Reply::json(400, r#"{"__type": "com.amazonaws.codebuild#ResourceNotFoundException", "errorMessage": "gone"}"#)).await;
    assert!(e.is_resource_not_found_exception(), "{e:?}");
    assert_eq!(e.message(), Some("gone"));
}

#[tokio::test]
async fn error_type_with_namespace_and_suffix() {
    let e = error_for(Reply::json(
        400,
        r#"{"__type": "aws.protocoltests#InvalidInputException:http://internal.amazon.com/coral/com.amazon.coral.validate/"}"#,
    ))
    .await;
    assert!(e.is_invalid_input_exception(), "{e:?}");
}

#[tokio::test]
async fn unknown_error_code_is_unhandled_with_its_details() {
    let e = error_for(Reply::json(400, r#"{"__type": "BrandNewException", "message": "surprise"}"#)).await;
    let RetryBuildError::Unhandled(u) = &e else { panic!("{e:?}") };
    assert_eq!(u.kind(), UnhandledKind::Service);
    assert_eq!(e.code(), Some("BrandNewException"));
    assert_eq!(e.message(), Some("surprise"));
    assert_eq!(e.status(), Some(400));
    assert_eq!(e.request_id(), Some("req-400"));
}

#[tokio::test]
async fn html_error_page_is_a_parse_error_with_status_and_first_bytes() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let server = CaptureServer::start(vec![Reply::Http(502, vec![], page.as_bytes().to_vec())]).await;
    let e = client(&server).retry_build().id("x").send().await.unwrap_err();
    let RetryBuildError::Unhandled(u) = &e else { panic!("{e:?}") };
    assert_eq!(u.kind(), UnhandledKind::Parse);
    assert_eq!(e.status(), Some(502));
    let message = e.message().unwrap();
    assert!(message.contains("<html><body><h1>502 Bad Gateway"), "{message}");
    assert!(e.to_string().contains("(HTTP 502)"), "{e}");
    assert_eq!(server.requests().len(), 3, "a 502 is retried");
}

#[tokio::test]
async fn empty_error_body_keeps_the_status() {
    let e = error_for(Reply::Http(403, vec![], Vec::new())).await;
    let RetryBuildError::Unhandled(u) = &e else { panic!("{e:?}") };
    assert_eq!(u.kind(), UnhandledKind::Service);
    assert_eq!(e.status(), Some(403));
    assert_eq!(e.code(), None);
}

#[tokio::test]
async fn truncated_json_is_a_parse_error() {
    let e = error_for(Reply::json(400, r#"{"__type": "InvalidInputExc"#)).await;
    let RetryBuildError::Unhandled(u) = &e else { panic!("{e:?}") };
    assert_eq!(u.kind(), UnhandledKind::Parse);
    assert!(e.message().unwrap().contains("InvalidInputExc"));
    let ok_but_truncated = CaptureServer::start(vec![Reply::json(200, r#"{"build": {"id": "p"#)]).await;
    let e = client(&ok_but_truncated).retry_build().id("x").send().await.unwrap_err();
    assert!(matches!(&e, RetryBuildError::Unhandled(u) if u.kind() == UnhandledKind::Parse), "{e:?}");
    assert_eq!(e.status(), Some(200));
}

#[tokio::test]
async fn server_errors_are_retried_with_the_same_token() {
    let server = CaptureServer::start(vec![
        Reply::json(500, r#"{"__type": "InternalFailure"}"#),
        Reply::json(500, r#"{"__type": "InternalFailure"}"#),
        Reply::json(200, BUILD_OK),
    ])
    .await;
    let out = client(&server).retry_build().id("p:1").send().await.unwrap();
    assert_eq!(out.build.unwrap().id.as_deref(), Some("p:2"));
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3);
    let tokens: Vec<_> = reqs.iter().map(|r| r.json()["idempotencyToken"].clone()).collect();
    assert!(tokens[0].is_string());
    assert!(tokens.iter().all(|t| *t == tokens[0]), "{tokens:?}");
}

#[tokio::test]
async fn modeled_client_errors_are_not_retried() {
    let server = CaptureServer::start(vec![Reply::json(400, r#"{"__type": "InvalidInputException"}"#)]).await;
    let e = client(&server).retry_build().id("p:1").send().await.unwrap_err();
    assert!(e.is_invalid_input_exception());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn modeled_errors_with_a_transient_status_are_retried() {
    // InvalidInputException is not @retryable, but a 503 is retried whatever
    // the error, as the AWS SDKs do.
    let server = CaptureServer::start(vec![
        Reply::json(503, r#"{"__type": "InvalidInputException", "message": "busy"}"#),
        Reply::json(200, BUILD_OK),
    ])
    .await;
    client(&server).retry_build().id("p:1").send().await.unwrap();
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn throttling_is_retried() {
    let server = CaptureServer::start(vec![
        Reply::json(400, r#"{"__type": "ThrottlingException", "message": "slow down"}"#),
        Reply::json(200, BUILD_OK),
    ])
    .await;
    client(&server).retry_build().id("p:1").send().await.unwrap();
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn retries_stop_at_max_attempts() {
    let server = CaptureServer::start(vec![Reply::json(503, "{}")]).await;
    let e = client(&server).retry_build().id("p:1").send().await.unwrap_err();
    assert_eq!(e.status(), Some(503));
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn attempt_timeout_fires_against_a_silent_server() {
    let server = CaptureServer::start(vec![Reply::Hang]).await;
    let client = Client::builder()
        .endpoint_url(&server.url)
        .no_credentials()
        .retry_config(RetryConfig::disabled())
        .timeout_config(TimeoutConfig { attempt: Some(Duration::from_millis(200)), ..TimeoutConfig::default() })
        .build();
    let started = std::time::Instant::now();
    let e = client.retry_build().id("p:1").send().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    let RetryBuildError::Unhandled(u) = &e else { panic!("{e:?}") };
    assert_eq!(u.kind(), UnhandledKind::Timeout);
}

#[tokio::test]
async fn operation_timeout_bounds_all_attempts() {
    let server = CaptureServer::start(vec![Reply::Hang]).await;
    let client = Client::builder()
        .endpoint_url(&server.url)
        .no_credentials()
        .timeout_config(TimeoutConfig {
            attempt: Some(Duration::from_millis(100)),
            operation: Some(Duration::from_millis(250)),
            ..TimeoutConfig::default()
        })
        .build();
    let e = client.retry_build().id("p:1").send().await.unwrap_err();
    assert!(matches!(&e, RetryBuildError::Unhandled(u) if u.kind() == UnhandledKind::Timeout), "{e:?}");
    assert!(e.message().unwrap().contains("timeout"), "{e}");
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let port = integration_tests::free_port();
    let client = Client::builder()
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .no_credentials()
        .retry_config(RetryConfig { max_attempts: 2, initial_backoff: Duration::from_millis(1), max_backoff: Duration::from_millis(2) })
        .build();
    let e = client.retry_build().id("p:1").send().await.unwrap_err();
    assert!(matches!(&e, RetryBuildError::Unhandled(u) if u.kind() == UnhandledKind::Transport), "{e:?}");
}

#[tokio::test]
async fn paginator_follows_tokens_and_yields_pages_and_items() {
    let server = CaptureServer::start(vec![
        Reply::json(200, r#"{"ids": ["a", "b"], "nextToken": "t1"}"#),
        Reply::json(200, r#"{"ids": ["c"], "nextToken": "t2"}"#),
        Reply::json(200, r#"{"ids": ["d"]}"#),
    ])
    .await;
    let items = client(&server).list_builds().into_paginator().items().try_collect().await.unwrap();
    assert_eq!(items, ["a", "b", "c", "d"]);
    let tokens: Vec<_> = server.requests().iter().map(|r| r.json().get("nextToken").cloned()).collect();
    assert_eq!(tokens, [None, Some("t1".into()), Some("t2".into())]);
    for r in server.requests() {
        assert_eq!(r.header("x-amz-target"), Some("CodeBuild_20161006.ListBuilds"));
    }
}

#[tokio::test]
async fn paginator_stops_on_a_repeated_token_and_on_errors() {
    let server = CaptureServer::start(vec![Reply::json(200, r#"{"ids": ["a"], "nextToken": "same"}"#)]).await;
    let mut pages = client(&server).list_builds().into_paginator().send();
    let mut count = 0;
    while let Some(page) = pages.next().await {
        page.unwrap();
        count += 1;
    }
    assert_eq!(count, 2, "the page repeating the token it was sent ends the stream");

    let failing = CaptureServer::start(vec![
        Reply::json(200, r#"{"ids": ["a"], "nextToken": "t1"}"#),
        Reply::json(400, r#"{"__type": "InvalidInputException", "message": "bad token"}"#),
    ])
    .await;
    let mut items = client(&failing).list_builds().into_paginator().items();
    assert_eq!(items.next().await.unwrap().unwrap(), "a");
    assert!(items.next().await.unwrap().unwrap_err().is_invalid_input_exception());
    assert!(items.next().await.is_none());
}
