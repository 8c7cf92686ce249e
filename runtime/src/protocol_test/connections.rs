//! What the request fuzzers share: random words and bodies, the checks
//! every answer must pass, and requests sent to a served router over real
//! loopback connections the way careless and hostile clients send them
//! (whole, half-closed after the request, dribbled a few bytes at a time,
//! or stalled part way), which checks the serving code (connection
//! limits, half-close, timeouts) as well as the router.

use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::server::ServerConfig;

/// Words a fuzzer puts in labels, queries, headers and bodies: numbers
/// near the edges of Smithy's grammar, dates, escapes (valid and not).
const WORDS: &[&str] = &[
    "", "a", "0", "-1", "05", "+5", "1.5", "1e400", "NaN", "Infinity", "true", "TRUE", "false", "null", "Foo", "\u{e9}t\u{e9}", "a b",
    "a/b", "%", "%zz", "%C3%28", "%FF", "%2F", "%00", "..", "1985-04-12T23:20:50.52Z", "Tue, 29 Apr 2014 18:30:38 GMT", "1515531081",
    "YmxvYg==", "\"quoted, list\"", "a,b,,c", "{}", "[]",
];

/// A random word: one of a list of edge cases (numbers, dates, escapes), printable ASCII, or percent-escapes.
pub fn word(rng: &mut fastrand::Rng) -> String {
    match rng.u8(..8) {
        0 => (0..rng.usize(..12)).map(|_| rng.char(' '..='~')).collect(),
        1 => (0..rng.usize(..6)).map(|_| format!("%{:02X}", rng.u8(..))).collect(),
        _ => WORDS[rng.usize(..WORDS.len())].to_owned(),
    }
}

/// A random body: empty, random bytes, deep nesting, or a JSON object
/// with some of `fields` holding random values.
pub fn body(rng: &mut fastrand::Rng, fields: &[&str]) -> Vec<u8> {
    match rng.u8(..6) {
        0 => Vec::new(),
        1 => (0..rng.usize(..64)).map(|_| rng.u8(..)).collect(),
        2 => {
            let depth = rng.usize(..200);
            format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes()
        }
        _ => {
            let members: Vec<String> = (0..rng.usize(..4))
                .map(|_| {
                    let value = match rng.u8(..5) {
                        0 => serde_json::Value::from(word(rng)).to_string(),
                        1 => rng.i64(..).to_string(),
                        2 => "{\"a\": {\"b\": [1, null]}}".to_owned(),
                        3 => "null".to_owned(),
                        _ => format!("[{}]", rng.f64()),
                    };
                    format!("\"{}\": {value}", fields[rng.usize(..fields.len().max(1))])
                })
                .collect();
            format!("{{{}}}", members.join(", ")).into_bytes()
        }
    }
}

/// Checks what every answer to a fuzzer's request must be: a status, not
/// 500 (which is what a failed handler becomes), a request id, and for an
/// error (but to `HEAD`) a JSON body with a `message` and an error type.
///
/// # Panics
/// When the response is not so; `shown` describes the request.
pub fn check_answer(shown: &str, response: &http::Response<Bytes>, head: bool) {
    let status = response.status().as_u16();
    assert!((200..600).contains(&status), "{shown}: status {status}");
    assert_ne!(status, 500, "{shown}: a 500 means a handler failed: {:?}", response.body());
    assert!(response.headers().contains_key("x-amzn-requestid"), "{shown}: no request id");
    if status >= 400 && !head {
        let error: serde_json::Value =
            serde_json::from_slice(response.body()).unwrap_or_else(|e| panic!("{shown}: the error body is not JSON ({e}): {:?}", response.body()));
        assert!(error.get("message").is_some_and(serde_json::Value::is_string), "{shown}: {error}");
        assert!(response.headers().contains_key("x-amzn-errortype"), "{shown}: no error type");
    }
}

/// Sends `count` requests from `random` straight to `router` (no
/// connection) and checks every answer with [`check_answer`]. Prints how
/// many got each status.
///
/// # Panics
/// When an answer fails its check (this is a test helper).
pub async fn fuzz_router(router: axum::Router, count: usize, seed: u64, mut random: impl FnMut(&mut fastrand::Rng) -> Option<http::Request<Bytes>>) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut sent = 0;
    let mut statuses = std::collections::BTreeMap::new();
    while sent < count {
        // Requests the `http` crate refuses to build cannot reach a server.
        let Some(request) = random(&mut rng) else { continue };
        let shown = format!("{} {} {:?}", request.method(), request.uri(), request.headers());
        // A response to HEAD has no body, as HTTP says.
        let head = request.method() == http::Method::HEAD;
        let response = crate::protocol_test::call(router.clone(), request).await;
        *statuses.entry(response.status().as_u16()).or_insert(0) += 1;
        check_answer(&shown, &response, head);
        sent += 1;
    }
    eprintln!("{sent} random requests, answered by status: {statuses:?}");
}

/// Sends `count` requests from `random` over loopback connections to the
/// router `make` builds with the given config (the defaults, with 2 s
/// header and body read timeouts so stalled requests end quickly), each
/// delivered whole, half-closed, dribbled or stalled, and checks every
/// answer with [`check_answer`]. Prints how many of each delivery were
/// sent and answered.
///
/// # Panics
/// When an answer fails its check (this is a test helper).
pub async fn fuzz(
    make: impl FnOnce(ServerConfig) -> axum::Router,
    count: usize,
    seed: u64,
    mut random: impl FnMut(&mut fastrand::Rng) -> Option<http::Request<Bytes>>,
) {
    let timeout = Duration::from_secs(2);
    let config = ServerConfig { header_read_timeout: timeout, body_read_timeout: timeout, ..ServerConfig::default() };
    let router = make(config.clone());
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut requests = Vec::new();
    while requests.len() < count {
        let Some(request) = random(&mut rng) else { continue };
        let wire = to_wire(&request);
        let delivery = Delivery::random(&mut rng, wire.len());
        requests.push((wire, delivery));
    }
    let answers = send_all(router, &config, requests, 64).await;
    let mut kinds = std::collections::BTreeMap::new();
    for answer in &answers {
        let kind = match answer.delivery {
            Delivery::Stalled(_) => "stalled",
            Delivery::Whole => "whole",
            Delivery::HalfClosed => "half-closed",
            Delivery::Dribbled => "dribbled",
        };
        *kinds.entry((kind, answer.response.is_some())).or_insert(0) += 1;
        let Some(response) = &answer.response else { continue };
        let shown = String::from_utf8_lossy(&answer.request[..answer.request.len().min(300)]);
        check_answer(&shown, response, answer.request.starts_with(b"HEAD "));
    }
    eprintln!("{} requests over connections, by delivery and whether answered: {kinds:?}", answers.len());
}

/// How a request goes over its connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// All at once.
    Whole,
    /// All at once, then the client shuts down its sending side.
    HalfClosed,
    /// A few bytes at a time with short pauses, well within the timeouts.
    Dribbled,
    /// Only the first `n` bytes (fewer than the whole request), then
    /// nothing: the server must close the connection within its timeouts.
    Stalled(usize),
}

impl Delivery {
    /// A random delivery for a request of `len` bytes: mostly whole, the
    /// rest spread over the other kinds.
    pub fn random(rng: &mut fastrand::Rng, len: usize) -> Self {
        match rng.u8(..10) {
            0..=5 => Delivery::Whole,
            6 | 7 => Delivery::HalfClosed,
            8 => Delivery::Dribbled,
            _ => Delivery::Stalled(rng.usize(..len.max(1))),
        }
    }
}

/// What came back on one connection.
#[derive(Debug)]
pub struct Answer {
    /// The request, as sent.
    pub request: Vec<u8>,
    /// How it was sent.
    pub delivery: Delivery,
    /// The response, when one arrived before the server closed the
    /// connection.
    pub response: Option<http::Response<Bytes>>,
}

/// `request` as HTTP/1.1 bytes, with `Connection: close` and its
/// `Content-Length`.
pub fn to_wire(request: &http::Request<Bytes>) -> Vec<u8> {
    let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let mut out = format!("{} {target} HTTP/1.1\r\nhost: localhost\r\n", request.method()).into_bytes();
    for (name, value) in request.headers() {
        if name != http::header::CONTENT_LENGTH && name != http::header::CONNECTION && name != http::header::HOST {
            out.extend_from_slice(name.as_str().as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
    }
    out.extend_from_slice(format!("content-length: {}\r\nconnection: close\r\n\r\n", request.body().len()).as_bytes());
    out.extend_from_slice(request.body());
    out
}

/// Sends `request` (wire bytes) to `addr` as `delivery` says and reads
/// until the server closes the connection. An error says what went wrong:
/// the connection stayed open longer than `limit`, or the answer is not
/// HTTP.
pub async fn send(addr: SocketAddr, request: Vec<u8>, delivery: Delivery, limit: Duration) -> Result<Answer, String> {
    let mut stream = TcpStream::connect(addr).await.map_err(|e| format!("cannot connect: {e}"))?;
    let written = match delivery {
        Delivery::Whole | Delivery::HalfClosed => stream.write_all(&request).await,
        Delivery::Dribbled => dribble(&mut stream, &request).await,
        Delivery::Stalled(n) => stream.write_all(&request[..n.min(request.len().saturating_sub(1))]).await,
    };
    // The server may answer and close before reading everything (a 404
    // needs no body): a failed write is not a failure by itself.
    if written.is_ok() && delivery == Delivery::HalfClosed {
        let _ = stream.shutdown().await;
    }
    let mut received = Vec::new();
    let read = tokio::time::timeout(limit, async {
        let mut buf = [0u8; 8192];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    if read.is_err() {
        return Err(format!("the connection was still open after {limit:?} (received {} bytes)", received.len()));
    }
    let head_only = request.starts_with(b"HEAD ");
    let response = if received.is_empty() { None } else { Some(parse_response(&received, head_only)?) };
    Ok(Answer { request, delivery, response })
}

/// Writes `bytes` in pieces of up to 16 bytes, a millisecond apart.
async fn dribble(stream: &mut TcpStream, bytes: &[u8]) -> std::io::Result<()> {
    for piece in bytes.chunks(16) {
        stream.write_all(piece).await?;
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    Ok(())
}

/// Parses one HTTP/1.1 response framed by `Content-Length` (or by the
/// close); `head_only` for a response to `HEAD`, which has no body.
pub fn parse_response(bytes: &[u8], head_only: bool) -> Result<http::Response<Bytes>, String> {
    let shown = || String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| format!("no end of the response head: {}", shown()))?;
    let head = std::str::from_utf8(&bytes[..end]).map_err(|_| format!("the response head is not text: {}", shown()))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| format!("not an HTTP/1.1 status line: {status_line:?}"))?;
    let mut response = http::Response::builder().status(status);
    let mut length = None;
    for line in lines {
        let (name, value) = line.split_once(':').ok_or_else(|| format!("a header line without `:`: {line:?}"))?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.parse::<usize>().map_err(|_| format!("a bad content-length: {value:?}"))?);
        }
        response = response.header(name, value);
    }
    let rest = &bytes[end + 4..];
    let body = match (head_only, length) {
        (true, _) => &[][..],
        (false, Some(n)) => rest.get(..n).ok_or_else(|| format!("the body is shorter than its content-length {n}: {}", rest.len()))?,
        (false, None) => rest,
    };
    response.body(Bytes::copy_from_slice(body)).map_err(|e| format!("not a response: {e}"))
}

/// Serves `router` with `config` on a loopback port, sends `requests`
/// over their own connections, `concurrency` at a time, and shuts the
/// server down gracefully. Each answer is checked against what its
/// delivery promises: a request sent whole (or half-closed, or dribbled)
/// gets a response; a stalled one is closed within the timeouts. The
/// answers come back in the order the requests were given.
///
/// # Panics
/// When the server cannot be started or stopped, or a connection breaks
/// the promise its delivery makes (this is a test helper).
pub async fn send_all(router: axum::Router, config: &ServerConfig, requests: Vec<(Vec<u8>, Delivery)>, concurrency: usize) -> Vec<Answer> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let addr = listener.local_addr().expect("the port's address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = config.clone();
    let server = tokio::spawn(async move {
        crate::server::serve_with(listener, router, &served, async move {
            let _ = stopped.await;
        })
        .await
    });
    // A stalled connection waits out a header or body timeout.
    let limit = config.header_read_timeout.max(config.body_read_timeout).min(Duration::from_secs(60)) + Duration::from_secs(10);
    let mut answers: Vec<Option<Answer>> = Vec::new();
    answers.resize_with(requests.len(), || None);
    let mut pending = requests.into_iter().enumerate();
    let mut running = tokio::task::JoinSet::new();
    loop {
        while running.len() < concurrency.max(1) {
            let Some((i, (request, delivery))) = pending.next() else { break };
            running.spawn(async move { (i, send(addr, request, delivery, limit).await) });
        }
        let Some(done) = running.join_next().await else { break };
        let (i, answer) = done.expect("a connection task finishes");
        let answer = answer.unwrap_or_else(|e| panic!("request {i}: {e}"));
        if !matches!(answer.delivery, Delivery::Stalled(_)) {
            assert!(answer.response.is_some(), "request {i} ({:?}) got no response: {:?}", answer.delivery, String::from_utf8_lossy(&answer.request));
        }
        answers[i] = Some(answer);
    }
    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(60), server).await.expect("the server stops").expect("the server task ends").expect("the server serves");
    answers.into_iter().flatten().collect()
}
