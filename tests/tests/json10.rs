//! An awsJson1_0 service (the kitchen sink) end to end: its client and
//! server speak the 1.0 content type and write the full shape id in
//! `__type`; retryable and throttling errors, pageSize, and the generated
//! validation of a service without a modeled validation error.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use integration_tests::{raw_request, serve_router};
use kitchen_sink::client::{Client, RetryConfig};
use kitchen_sink::error::{
    EchoError, GetThingError, ListThingsError, PauseThingError, ProvideErrorMetadata, ResumeThingError,
};
use kitchen_sink::server::{KitchenSink, RequestContext};
use kitchen_sink::types::{
    EchoInput, EchoOutput, GetThingInput, GetThingOutput, ListThingsInput, ListThingsOutput, NotFound, ThingSwitch,
    Throttled,
};

#[derive(Clone, Default)]
struct Sink {
    echo_calls: Arc<AtomicUsize>,
    switched: Arc<std::sync::Mutex<Vec<String>>>,
}

impl KitchenSink for Sink {
    async fn echo(&self, input: EchoInput, _: RequestContext) -> Result<EchoOutput, EchoError> {
        // Throttle the first call to show the client retrying it.
        if self.echo_calls.fetch_add(1, Ordering::SeqCst) == 0 {
            return Err(EchoError::Throttled(Throttled::builder().message("slow down").build()));
        }
        Ok(EchoOutput::builder().set_payload(input.payload).build())
    }

    async fn get_thing(&self, input: GetThingInput, _: RequestContext) -> Result<GetThingOutput, GetThingError> {
        Err(GetThingError::NotFound(NotFound::builder().message(format!("no thing {}", input.thing_id.unwrap_or_default())).build()))
    }

    async fn pause_thing(&self, input: ThingSwitch, _: RequestContext) -> Result<(), PauseThingError> {
        assert!(!input.switch_token.is_empty(), "the client fills a required token left empty");
        self.switched.lock().unwrap().push(format!("pause {} {}", input.thing_id, input.switch_token));
        Ok(())
    }

    async fn resume_thing(&self, input: ThingSwitch, _: RequestContext) -> Result<(), ResumeThingError> {
        assert!(!input.switch_token.is_empty(), "the client fills a required token left empty");
        self.switched.lock().unwrap().push(format!("resume {} {}", input.thing_id, input.switch_token));
        Ok(())
    }

    async fn list_things(&self, input: ListThingsInput, _: RequestContext) -> Result<ListThingsOutput, ListThingsError> {
        let size = input.max_results.unwrap_or(2) as usize;
        let start: usize = input.next_token.as_deref().map_or(0, |t| t.parse().unwrap_or(0));
        let all: Vec<String> = (0..5).map(|i| format!("thing-{i}")).collect();
        let end = (start + size).min(all.len());
        let next = (end < all.len()).then(|| end.to_string());
        Ok(ListThingsOutput::builder().things(all[start..end].to_vec()).set_next_token(next).build())
    }
}

async fn start(sink: Sink) -> (Client, String) {
    let url = serve_router(kitchen_sink::server::router(sink)).await;
    let client = Client::builder()
        .endpoint_url(&url)
        .no_credentials()
        .retry_config(RetryConfig { max_attempts: 3, initial_backoff: Duration::from_millis(1), max_backoff: Duration::from_millis(5) })
        .build();
    (client, url)
}

#[tokio::test]
async fn errors_carry_the_full_shape_id_and_the_1_0_content_type() {
    let (client, url) = start(Sink::default()).await;
    let e = client.get_thing().thing_id("t1").send().await.unwrap_err();
    assert!(matches!(&e, GetThingError::NotFound(n) if n.message() == Some("no thing t1")), "{e:?}");
    assert_eq!(e.status(), Some(404));

    let raw = raw_request(
        "POST",
        &url,
        &[("x-amz-target", "KitchenSink.GetThing"), ("content-type", "application/x-amz-json-1.0")],
        br#"{"thingId": "t1"}"#.to_vec(),
    )
    .await;
    assert_eq!(raw.status, 404);
    assert_eq!(raw.header("content-type"), Some("application/x-amz-json-1.0"));
    assert_eq!(raw.json()["__type"], "test.sink#NotFound");
}

#[tokio::test]
async fn throttling_errors_marked_retryable_are_retried() {
    let sink = Sink::default();
    let (client, _) = start(sink.clone()).await;
    let payload = kitchen_sink::types::Everything::builder().required("r").string("s").build().unwrap();
    let out = client.echo().payload(payload.clone()).send().await.unwrap();
    assert_eq!(out.payload, Some(payload));
    assert_eq!(sink.echo_calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn validation_without_a_modeled_error_is_a_validation_exception() {
    let (client, _) = start(Sink::default()).await;
    let e = client.get_thing().send().await.unwrap_err();
    assert_eq!(e.code(), Some("smithy.framework#ValidationException").map(|c| c.rsplit('#').next().unwrap()));
    assert!(e.message().unwrap().contains("at 'thingId' failed to satisfy constraint: Member must not be null"), "{e}");
    let e = client.list_things().max_results(0).prefix("UPPER").send().await.unwrap_err();
    let message = e.message().unwrap();
    assert!(message.starts_with("2 validation errors detected"), "{message}");
    assert!(message.contains("'maxResults'") && message.contains("'prefix'"), "{message}");
}

#[tokio::test]
async fn page_size_and_service_level_pagination_defaults() {
    let (client, _) = start(Sink::default()).await;
    let pages = client.list_things().into_paginator().page_size(2).send().try_collect().await.unwrap();
    assert_eq!(pages.len(), 3);
    let things = client.list_things().into_paginator().page_size(4).items().try_collect().await.unwrap();
    assert_eq!(things.len(), 5);
}

#[tokio::test]
#[allow(deprecated)] // DeleteThing is deprecated in the model; calling it is the point here.
async fn unimplemented_operations_answer_501() {
    let (client, _) = start(Sink::default()).await;
    let e = client.delete_thing().thing_id("t").send().await.unwrap_err();
    assert_eq!(e.status(), Some(501));
    assert_eq!(e.code(), Some("NotImplemented"));
}

#[tokio::test]
async fn operations_sharing_an_input_structure_each_have_a_fluent_builder() {
    let sink = Sink::default();
    let (client, _) = start(sink.clone()).await;
    client.pause_thing().thing_id("t1").send().await.unwrap();
    let input = ThingSwitch::builder().thing_id("t2").build().unwrap();
    client.resume_thing().input(input).send().await.unwrap();
    let switched = sink.switched.lock().unwrap().clone();
    assert_eq!(switched.len(), 2);
    assert!(switched[0].starts_with("pause t1 ") && switched[1].starts_with("resume t2 "), "{switched:?}");
}

/// A `@required @idempotencyToken` member of an input without `@input` is a
/// plain `String`: the builder builds without it (empty), the client fills
/// it when empty, whether sent through the fluent builder or `input()`,
/// and keeps one the caller gave; the server refuses a request without it.
#[tokio::test]
async fn a_required_idempotency_token_is_filled_when_left_empty() {
    let sink = Sink::default();
    let (client, url) = start(sink.clone()).await;
    let built = ThingSwitch::builder().thing_id("t").build().unwrap();
    assert_eq!(built.switch_token, "", "a required token left unset builds empty");
    client.pause_thing().input(built).send().await.unwrap();
    client.pause_thing().thing_id("t").send().await.unwrap();
    client.pause_thing().thing_id("t").switch_token("mine").send().await.unwrap();
    let switched = sink.switched.lock().unwrap().clone();
    let tokens: Vec<&str> = switched.iter().map(|s| s.rsplit(' ').next().unwrap()).collect();
    assert_eq!(tokens[2], "mine");
    assert!(tokens[0].len() == 36 && tokens[1].len() == 36 && tokens[0] != tokens[1], "fresh UUIDs: {tokens:?}");

    let raw = raw_request(
        "POST",
        &url,
        &[("x-amz-target", "KitchenSink.PauseThing"), ("content-type", "application/x-amz-json-1.0")],
        br#"{"thingId": "t"}"#.to_vec(),
    )
    .await;
    assert_eq!(raw.status, 400, "{:?}", raw.json());
    assert!(raw.json()["message"].as_str().unwrap().contains("switchToken"), "{:?}", raw.json());
}

/// A `null` value in a dense map (Smithy: clients SHOULD drop it) loses
/// that entry only, not the response; a server refuses it.
#[tokio::test]
async fn a_null_in_a_dense_map_is_dropped_by_clients_and_refused_by_servers() {
    use smithy_runtime::protocol_test::CapturingTransport;
    let body = r#"{"payload": {"required": "r", "listMap": {"x": [], "y": ["a", "b"], "z": null}}}"#;
    let transport = CapturingTransport::responding(200, &[("content-type", "application/x-amz-json-1.0")], body);
    let client = Client::builder().endpoint_url("http://localhost").no_credentials().transport(transport).build();
    let payload = kitchen_sink::types::Everything::builder().required("r").build().unwrap();
    let output = client.echo().payload(payload).send().await.unwrap();
    let map = output.payload.unwrap().list_map.unwrap();
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    assert_eq!(keys, ["x", "y"]);
    assert_eq!(map["y"], ["a", "b"]);

    let (_, url) = start(Sink::default()).await;
    let raw = raw_request(
        "POST",
        &url,
        &[("x-amz-target", "KitchenSink.Echo"), ("content-type", "application/x-amz-json-1.0")],
        body.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(raw.status, 400, "{:?}", raw.json());
}

#[tokio::test]
async fn unique_items_compares_maps_and_timestamp_lists_by_value() {
    let (client, url) = start(Sink::default()).await;
    // Two equal maps written in opposite orders: each is read into its own
    // HashMap, which holds its entries in an order of its own.
    let keys: Vec<String> = (0..24).map(|i| format!("\"k{i}\": \"v{i}\"")).collect();
    let forward = format!("{{{}}}", keys.join(", "));
    let backward = format!("{{{}}}", keys.iter().rev().cloned().collect::<Vec<_>>().join(", "));
    let echo = |payload: String| {
        let url = url.clone();
        async move {
            let body = format!(r#"{{"payload": {{"required": "r", {payload}}}}}"#);
            let headers = [("x-amz-target", "KitchenSink.Echo"), ("content-type", "application/x-amz-json-1.0")];
            raw_request("POST", &url, &headers, body.into_bytes()).await
        }
    };
    for repeated in [
        format!(r#""uniqueTagMaps": [{forward}, {backward}]"#),
        r#""uniqueTimestampLists": [["2024-01-01T00:00:00Z"], ["2024-01-01T00:00:00.000Z"]]"#.to_owned(),
    ] {
        let raw = echo(repeated.clone()).await;
        assert_eq!(raw.status, 400, "{repeated}");
        let message = raw.json()["message"].as_str().unwrap_or_default().to_owned();
        assert!(message.contains("Member must have unique values"), "{message}");
    }
    // Different values pass validation (and reach the handler, which
    // throttles its first call; the client retries).
    let maps = vec![
        [("a".to_owned(), "1".to_owned())].into_iter().collect(),
        [("a".to_owned(), "2".to_owned())].into_iter().collect(),
    ];
    let stamps = vec![vec![smithy_runtime::DateTime::from_secs(1)], vec![smithy_runtime::DateTime::from_secs(2)]];
    let payload = kitchen_sink::types::Everything::builder()
        .required("r")
        .unique_tag_maps(maps)
        .unique_timestamp_lists(stamps)
        .build()
        .unwrap();
    let out = client.echo().payload(payload.clone()).send().await.unwrap();
    assert_eq!(out.payload, Some(payload));
}
