//! Generated servers against slow, idle, half-closing and careless clients,
//! over raw sockets: each connection limit of `ServerConfig` closes what it
//! should in the configured time, half-closed requests are answered (a
//! burst past the connection limit from the listen backlog), a graceful
//! shutdown answers every request in flight, invalid UTF-8 and numbers
//! outside Smithy's grammar in labels and queries are refused naming the
//! member, and the errors the framework raises use the modeled error's
//! message member.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use codebuild::server::{CodeBuild, ServerConfig};
use codebuild::types::{RetryBuildInput, RetryBuildOutput};
use integration_tests::raw_request;
use rest_bindings::error::{GetThingError, UntagThingError};
use rest_bindings::server::{RequestContext, RestBindings};
use rest_bindings::types::{GetThingInput, GetThingOutput, UntagThingRequest, UntagThingResponse};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;

/// Echoes `GetThing`'s input; `UntagThing` sleeps for as long as its first
/// tag key says (in milliseconds), counting the calls in flight.
#[derive(Clone, Default)]
struct Things {
    in_flight: Arc<AtomicUsize>,
}

impl RestBindings for Things {
    async fn get_thing(&self, input: GetThingInput, _: RequestContext) -> Result<GetThingOutput, GetThingError> {
        Ok(GetThingOutput::builder().set_thing_arn(input.thing_arn).set_next_token(input.next_token).set_limit(input.limit).build())
    }

    async fn untag_thing(&self, input: UntagThingRequest, _: RequestContext) -> Result<UntagThingResponse, UntagThingError> {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let millis = input.tag_keys.first().and_then(|k| k.parse().ok()).unwrap_or(0);
        tokio::time::sleep(Duration::from_millis(millis)).await;
        Ok(UntagThingResponse::builder().removed(input.tag_keys).build().unwrap())
    }
}

/// A config whose timeouts are short enough to test.
fn short(seconds: f64) -> ServerConfig {
    let timeout = Duration::from_secs_f64(seconds);
    ServerConfig {
        header_read_timeout: timeout,
        body_read_timeout: timeout,
        idle_timeout: timeout,
        request_timeout: timeout,
        shutdown_grace: Duration::from_secs(20),
        ..ServerConfig::default()
    }
}

/// A server for `Things` with `config`, its address, and what stops it.
struct Running {
    addr: std::net::SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    done: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    async fn start(config: ServerConfig) -> Self {
        Self::start_router(rest_bindings::server::router_with_config(Things::default(), config.clone()), config).await
    }

    async fn start_router(router: smithy_runtime::server::axum::Router, config: ServerConfig) -> Self {
        let listener = smithy_runtime::server::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let done = tokio::spawn(async move {
            smithy_runtime::server::serve_with(listener, router, &config, async move {
                let _ = stopped.await;
            })
            .await
        });
        Self { addr, stop: Some(stop), done }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    async fn shutdown(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(30), self.done).await.expect("the server stops").unwrap().unwrap();
    }
}

/// Reads until the server closes the connection (or `limit` passes);
/// returns what arrived and how long the close took.
async fn read_to_close(stream: &mut TcpStream, limit: Duration) -> (Vec<u8>, Duration) {
    let start = Instant::now();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = limit.saturating_sub(start.elapsed());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => return (out, start.elapsed()),
            Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
            Err(_) => panic!("the connection was still open after {limit:?}; it had sent {:?}", String::from_utf8_lossy(&out)),
        }
    }
}

#[tokio::test]
async fn a_slow_head_a_slow_body_and_an_idle_connection_are_closed_in_time() {
    let server = Running::start(short(1.0)).await;
    let limit = Duration::from_secs(6);

    // A head that never finishes.
    let mut slow_head = TcpStream::connect(server.addr).await.unwrap();
    slow_head.write_all(b"GET /things/a HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    // A body that stops after 10 of 100 bytes.
    let mut slow_body = TcpStream::connect(server.addr).await.unwrap();
    slow_body
        .write_all(b"DELETE /things/a/tags?tagKeys=k&scope=all HTTP/1.1\r\nHost: x\r\nX-Owners: o\r\nX-Request-Token: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":12345")
        .await
        .unwrap();
    // A keep-alive connection that goes quiet after one request.
    let mut idle = TcpStream::connect(server.addr).await.unwrap();
    idle.write_all(b"GET /things/a HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();

    let opened = Instant::now();
    let (head, _) = read_to_close(&mut slow_head, limit).await;
    let head_took = opened.elapsed();
    assert!(head.is_empty() || head.starts_with(b"HTTP/1.1 408"), "{:?}", String::from_utf8_lossy(&head));
    let (body, _) = read_to_close(&mut slow_body, limit).await;
    let body_took = opened.elapsed();
    let body = String::from_utf8_lossy(&body);
    assert!(body.starts_with("HTTP/1.1 408"), "a slow body is answered 408: {body}");
    assert!(body.contains("RequestTimeoutException"), "{body}");
    let (answer, _) = read_to_close(&mut idle, limit).await;
    let idle_took = opened.elapsed();
    assert!(answer.starts_with(b"HTTP/1.1 200"), "{:?}", String::from_utf8_lossy(&answer));
    for (what, took) in [("head", head_took), ("body", body_took), ("idle", idle_took)] {
        assert!(took >= Duration::from_millis(900), "the {what} connection was closed before its timeout: {took:?}");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn a_connection_that_stays_busy_is_not_closed_as_idle() {
    let server = Running::start(ServerConfig { idle_timeout: Duration::from_millis(300), ..short(5.0) }).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    // A request whose handler takes twice the idle timeout.
    let request = b"DELETE /things/a/tags?tagKeys=600&scope=all HTTP/1.1\r\nHost: x\r\nX-Owners: o\r\nX-Request-Token: t\r\nConnection: close\r\n\r\n";
    stream.write_all(request).await.unwrap();
    let (answer, _) = read_to_close(&mut stream, Duration::from_secs(10)).await;
    assert!(answer.starts_with(b"HTTP/1.1 200"), "{:?}", String::from_utf8_lossy(&answer));
    server.shutdown().await;
}

#[tokio::test]
async fn a_slow_handler_gets_a_503_the_client_retries() {
    let server = Running::start(ServerConfig { request_timeout: Duration::from_millis(200), ..short(5.0) }).await;
    let response = raw_request("DELETE", &format!("{}/things/a/tags?tagKeys=2000&scope=all", server.url()), &[("x-owners", "o"), ("x-request-token", "t")], Vec::new()).await;
    assert_eq!(response.status, 503, "{:?}", response.json());
    assert_eq!(response.headers["x-amzn-errortype"], "ServiceUnavailable");
    server.shutdown().await;
}

/// 300 clients at once, each sending a request and shutting down its
/// sending side, against a server that serves 8 connections at a time: the
/// other clients wait in the listen backlog (which `bind` makes large
/// enough; with tokio's 128 the kernel resets some), and each is answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_half_closed_request_of_a_burst_past_the_connection_limit_is_answered() {
    let server = Running::start(ServerConfig { max_connections: 8, ..ServerConfig::default() }).await;
    let tries = 300;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..tries {
        let addr = server.addr;
        tasks.spawn(async move {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            let request = format!("GET /things/t{i} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            stream.write_all(request.as_bytes()).await.unwrap();
            stream.shutdown().await.unwrap();
            let (answer, _) = read_to_close(&mut stream, Duration::from_secs(20)).await;
            String::from_utf8_lossy(&answer).into_owned()
        });
    }
    let mut answered = 0;
    while let Some(answer) = tasks.join_next().await {
        let answer = answer.unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
        answered += 1;
    }
    assert_eq!(answered, tries);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graceful_shutdown_answers_every_request_in_flight_and_refuses_new_ones() {
    let things = Things::default();
    let in_flight = Arc::clone(&things.in_flight);
    let config = ServerConfig::default();
    let server = Running::start_router(rest_bindings::server::router_with_config(things, config.clone()), config).await;
    let url = server.url();
    let addr = server.addr;
    let requests = 200;
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..requests {
        let url = url.clone();
        calls.spawn(async move { raw_request("DELETE", &format!("{url}/things/a/tags?tagKeys=1500&scope=all"), &[("x-owners", "o"), ("x-request-token", "t")], Vec::new()).await });
    }
    let waited = Instant::now();
    while in_flight.load(Ordering::SeqCst) < requests {
        assert!(waited.elapsed() < Duration::from_secs(20), "only {} requests reached the handler", in_flight.load(Ordering::SeqCst));
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let stopping = tokio::spawn(server.shutdown());
    // The listener closes at once: a new connection is refused.
    let refused = Instant::now();
    loop {
        match TcpStream::connect(addr).await {
            Err(_) => break,
            Ok(_) if refused.elapsed() > Duration::from_secs(5) => panic!("new connections are still accepted during shutdown"),
            Ok(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
    let mut answered = 0;
    while let Some(response) = calls.join_next().await {
        let response = response.unwrap();
        assert_eq!(response.status, 200, "{:?}", response.json());
        answered += 1;
    }
    assert_eq!(answered, requests);
    stopping.await.unwrap();
}

#[tokio::test]
async fn at_the_connection_limit_new_clients_wait_for_a_free_slot() {
    let server = Running::start(ServerConfig { max_connections: 1, ..short(1.0) }).await;
    // The one slot: a keep-alive connection, served once (so it surely holds
    // the slot), then idle until its idle timeout.
    let mut holder = TcpStream::connect(server.addr).await.unwrap();
    holder.write_all(b"GET /things/a HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let mut first = [0u8; 12];
    holder.read_exact(&mut first).await.unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    let started = Instant::now();
    let response = raw_request("GET", &format!("{}/things/a", server.url()), &[], Vec::new()).await;
    assert_eq!(response.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(700), "served before the slot was free: {:?}", started.elapsed());
    // By now the holder was closed as idle.
    read_to_close(&mut holder, Duration::from_secs(5)).await;
    server.shutdown().await;
}

async fn get(url: &str, path: &str, headers: &[(&str, &str)]) -> integration_tests::RawResponse {
    raw_request("GET", &format!("{url}{path}"), headers, Vec::new()).await
}

#[tokio::test]
async fn labels_and_queries_are_decoded_strictly_naming_the_member() {
    let server = Running::start(ServerConfig::default()).await;
    let url = server.url();
    // The modeled SerializationException's message member is `detail`.
    for (path, member) in [
        ("/things/%FF", "label `thingArn`"),
        ("/things/%FE", "label `thingArn`"),
        ("/things/a?nextToken=%FF", "query `nextToken`"),
        ("/things/a?limit=05", "query `limit`"),
        ("/things/a?limit=+5", "query `limit`"),
        ("/things/a?limit=%205", "query `limit`"),
        ("/things/a?limit=5&limit=6", "query `limit`"),
    ] {
        let response = get(&url, path, &[]).await;
        assert_eq!(response.status, 400, "{path}: {:?}", response.json());
        assert_eq!(response.headers["x-amzn-errortype"], "SerializationException", "{path}");
        let detail = response.json()["detail"].as_str().unwrap_or_default().to_owned();
        assert!(detail.starts_with(member), "{path}: {:?}", response.json());
        assert!(response.json().get("message").is_none(), "{path}: {:?}", response.json());
    }
    let response = get(&url, "/things/caf%C3%A9?nextToken=%E2%98%95&limit=5", &[]).await;
    assert_eq!(response.status, 200, "{:?}", response.json());
    assert_eq!(response.json(), serde_json::json!({ "thingArn": "café", "nextToken": "☕", "limit": 5 }));
    // A parameter no member binds is not read, whatever its bytes.
    assert_eq!(get(&url, "/things/a?unbound=%FF", &[]).await.status, 200);
    // Booleans are `true` or `false`, exactly.
    assert_eq!(get(&url, "/things/a", &[("x-verbose", "true")]).await.status, 200);
    let response = get(&url, "/things/a", &[("x-verbose", "TRUE")]).await;
    assert_eq!(response.status, 400);
    assert!(response.json()["detail"].as_str().unwrap().contains("header `x-verbose`"), "{:?}", response.json());
    server.shutdown().await;
}

#[tokio::test]
async fn framework_errors_use_the_modeled_message_member() {
    let server = Running::start(ServerConfig::default()).await;
    let url = server.url();
    // Validation: the modeled ValidationException's member is `Message`.
    let response = raw_request("GET", &format!("{url}/things/a?limit=500"), &[], Vec::new()).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.headers["x-amzn-errortype"], "ValidationException");
    let body = response.json();
    assert!(body["Message"].as_str().unwrap().contains("Member must have value less than or equal to 100"), "{body}");
    assert!(body.get("message").is_none(), "{body}");
    // An error the service does not model keeps `message`.
    let response = raw_request("GET", &format!("{url}/nowhere"), &[], Vec::new()).await;
    assert_eq!(response.status, 404);
    assert!(response.json()["message"].as_str().is_some(), "{:?}", response.json());
    server.shutdown().await;
}

/// A header value that is valid UTF-8 but not ASCII reaches the handler.
#[tokio::test]
async fn a_non_ascii_header_value_is_read() {
    struct Echo;
    impl CodeBuild for Echo {
        async fn retry_build(&self, input: RetryBuildInput, context: codebuild::server::RequestContext) -> Result<RetryBuildOutput, codebuild::error::RetryBuildError> {
            let _ = input;
            let header = smithy_runtime::protocol::http::header_text(&context.headers, "x-note").unwrap().unwrap_or_default();
            assert_eq!(header, "café ☕");
            Ok(RetryBuildOutput::builder().build())
        }
    }
    let config = ServerConfig::default();
    let server = Running::start_router(codebuild::server::router_with_config(Echo, config.clone()), config).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let body = br#"{"id":"p:1"}"#;
    let mut request = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: CodeBuild_20161006.RetryBuild\r\nConnection: close\r\nContent-Length: {}\r\nX-Note: ",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice("café ☕\r\n\r\n".as_bytes());
    request.extend_from_slice(body);
    stream.write_all(&request).await.unwrap();
    let (answer, _) = read_to_close(&mut stream, Duration::from_secs(10)).await;
    assert!(answer.starts_with(b"HTTP/1.1 200"), "{:?}", String::from_utf8_lossy(&answer));
    server.shutdown().await;
}

/// boto3 reads the message of a validation error from the modeled
/// `Message` member (as its modeled field and as `Error.Message`), and of
/// a malformed-request error from the `@jsonName` of its message member. boto3 learns the service from a
/// botocore model of the fixture written at run time.
#[tokio::test(flavor = "multi_thread")]
async fn boto3_reads_the_message_of_framework_errors_from_the_modeled_member() {
    if !integration_tests::python_module_installed("boto3") {
        return;
    }
    let server = Running::start(ServerConfig::default()).await;
    let seen = integration_tests::boto3_script(BOTO3_ERRORS, server.url()).await;
    let validation = &seen["validation"];
    assert_eq!(validation["Code"], "ValidationException", "{seen}");
    assert!(validation["Message"].as_str().unwrap().contains("Member must have value less than or equal to 100"), "{seen}");
    assert_eq!(validation["Error"], validation["Message"], "{seen}");
    let malformed = &seen["malformed"];
    assert_eq!(malformed["Code"], "SerializationException", "{seen}");
    assert!(malformed["Message"].as_str().unwrap().starts_with("label `thingArn`"), "{seen}");
    assert_eq!(seen["ok"], serde_json::json!({ "thingArn": "caf\u{e9}", "limit": 5 }));
    server.shutdown().await;
}

const BOTO3_ERRORS: &str = r#"
import atexit, json, os, shutil, sys, tempfile
error = {"httpStatusCode": 400, "senderFault": True}
model = {
    "version": "2.0",
    "metadata": {
        "apiVersion": "2026-12-01", "endpointPrefix": "rest-bindings", "protocol": "rest-json",
        "serviceFullName": "Rest Bindings", "serviceId": "Rest Bindings", "signatureVersion": "v4",
        "signingName": "rest-bindings", "uid": "rest-bindings-2026-12-01",
    },
    "operations": {
        "GetThing": {
            "name": "GetThing", "http": {"method": "GET", "requestUri": "/things/{thingArn}"},
            "input": {"shape": "GetThingInput"}, "output": {"shape": "GetThingOutput"},
            "errors": [{"shape": "ValidationException"}, {"shape": "SerializationException"}],
        },
    },
    "shapes": {
        "GetThingInput": {"type": "structure", "required": ["thingArn"], "members": {
            "thingArn": {"shape": "String", "location": "uri", "locationName": "thingArn"},
            "limit": {"shape": "Integer", "location": "querystring", "locationName": "limit"},
        }},
        "GetThingOutput": {"type": "structure", "members": {"thingArn": {"shape": "String"}, "limit": {"shape": "Integer"}}},
        "ValidationException": {"type": "structure", "members": {"Message": {"shape": "String"}}, "error": error, "exception": True},
        "SerializationException": {"type": "structure", "members": {"message": {"shape": "String", "locationName": "detail"}}, "error": error, "exception": True},
        "String": {"type": "string"},
        "Integer": {"type": "integer"},
    },
}
rules = {
    "version": "1.0",
    "parameters": {"Endpoint": {"builtIn": "SDK::Endpoint", "required": False, "type": "String"}},
    "rules": [
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}], "endpoint": {"url": {"ref": "Endpoint"}}, "type": "endpoint"},
        {"conditions": [], "error": "an endpoint URL is required", "type": "error"},
    ],
}
data = tempfile.mkdtemp()
atexit.register(shutil.rmtree, data, ignore_errors=True)
folder = os.path.join(data, "rest-bindings", "2026-12-01")
os.makedirs(folder)
for name, document in [("service-2.json", model), ("endpoint-rule-set-1.json", rules)]:
    with open(os.path.join(folder, name), "w") as f:
        json.dump(document, f)
os.environ["AWS_DATA_PATH"] = data
import boto3, botocore.exceptions
client = boto3.client("rest-bindings", endpoint_url=sys.argv[1], region_name="us-east-1",
                      aws_access_key_id="testing", aws_secret_access_key="testing")
seen = {}
try:
    client.get_thing(thingArn="a", limit=500)
except botocore.exceptions.ClientError as e:
    seen["validation"] = {"Code": e.response["Error"]["Code"], "Message": e.response.get("Message"), "Error": e.response["Error"]["Message"]}
# botocore encodes the label itself; an invalid byte must come raw.
client.meta.events.register("before-send.*", lambda request, **kw: setattr(request, "url", request.url.replace("/things/b", "/things/%FF")))
try:
    client.get_thing(thingArn="b")
except botocore.exceptions.ClientError as e:
    # The modeled members are read into the response beside `Error`.
    seen["malformed"] = {"Code": e.response["Error"]["Code"], "Message": e.response.get("message")}
client.meta.events.unregister("before-send.*")
out = client.get_thing(thingArn="caf\u00e9", limit=5)
seen["ok"] = {k: v for k, v in out.items() if k != "ResponseMetadata"}
print(json.dumps(seen))
"#;
