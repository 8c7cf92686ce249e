//! restJson1 required members that are plain values (an input without
//! `@input`): a list and a map in the query, a header list and an
//! idempotency token in headers, end to end; a request missing one is
//! refused naming it, and a client drops a `null` in a dense map.

use std::sync::{Arc, Mutex};

use integration_tests::{raw_request, serve_router};
use rest_bindings::client::Client;
use rest_bindings::error::UntagThingError;
use rest_bindings::server::{RequestContext, RestBindings};
use rest_bindings::types::{UntagThingRequest, UntagThingResponse};

#[derive(Clone, Default)]
struct Things(Arc<Mutex<Vec<UntagThingRequest>>>);

impl RestBindings for Things {
    async fn untag_thing(&self, input: UntagThingRequest, _: RequestContext) -> Result<UntagThingResponse, UntagThingError> {
        let removed = input.tag_keys.clone();
        self.0.lock().unwrap().push(input);
        Ok(UntagThingResponse::builder().removed(removed).build().unwrap())
    }
}

#[tokio::test]
async fn required_query_and_header_lists_and_a_required_token_round_trip() {
    let things = Things::default();
    let url = serve_router(rest_bindings::server::router(things.clone())).await;
    let client = Client::builder().endpoint_url(&url).no_credentials().build();
    let output = client
        .untag_thing()
        .thing_arn("arn:aws:thing:us-east-1:1:thing/a")
        .tag_keys(vec!["team".to_owned(), "cost center".to_owned()])
        .filters(std::collections::HashMap::from([("scope".to_owned(), "all".to_owned())]))
        .owners(vec!["ops".to_owned()])
        .send()
        .await
        .unwrap();
    assert_eq!(output.removed, ["team", "cost center"]);
    let seen = things.0.lock().unwrap().pop().unwrap();
    assert_eq!(seen.thing_arn, "arn:aws:thing:us-east-1:1:thing/a");
    assert_eq!(seen.filters.get("scope").map(String::as_str), Some("all"));
    assert_eq!(seen.owners, ["ops"]);
    assert_eq!(seen.request_token.len(), 36, "the client filled the empty token: {:?}", seen.request_token);

    // Without the required query list: a 400 naming it.
    let raw = raw_request("DELETE", &format!("{url}/things/a/tags"), &[("x-owners", "ops"), ("x-request-token", "t")], Vec::new()).await;
    assert_eq!(raw.status, 400, "{:?}", raw.json());
    assert!(raw.json()["message"].as_str().unwrap().contains("tagKeys"), "{:?}", raw.json());
}

#[tokio::test]
async fn a_client_drops_a_null_in_a_dense_map() {
    use smithy_runtime::protocol_test::CapturingTransport;
    let body = r#"{"removed": ["a"], "counts": {"x": [], "y": ["a", "b"], "z": null}}"#;
    let transport = CapturingTransport::responding(200, &[("content-type", "application/json")], body);
    let client = Client::builder().endpoint_url("http://localhost").no_credentials().transport(transport).build();
    let request = client.untag_thing().thing_arn("a").tag_keys(vec!["a".to_owned()]).filters(std::collections::HashMap::new()).owners(Vec::new());
    let output = request.send().await.unwrap();
    let counts = output.counts.unwrap();
    let mut keys: Vec<&String> = counts.keys().collect();
    keys.sort();
    assert_eq!(keys, ["x", "y"]);
}
