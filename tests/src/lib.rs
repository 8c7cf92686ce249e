//! Support for the integration tests (they live in `tests/tests/`): a
//! loopback HTTP server that records every request and answers from a
//! script, and helpers to find and start third-party tools.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;

/// A request as the server received it.
#[derive(Clone, Debug)]
pub struct Captured {
    /// The method.
    pub method: String,
    /// The path and query.
    pub path: String,
    /// Every header, names lower-cased, in arrival order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Captured {
    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

/// One scripted answer.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Answer with this status, these headers and this body.
    Http(u16, Vec<(&'static str, String)>, Vec<u8>),
    /// Never answer (the connection stays open until the test ends).
    Hang,
}

impl Reply {
    /// A JSON answer with `x-amzn-requestid: req-<status>`.
    pub fn json(status: u16, body: &str) -> Self {
        Reply::Http(
            status,
            vec![
                ("content-type", "application/x-amz-json-1.1".to_owned()),
                ("x-amzn-requestid", format!("req-{status}")),
            ],
            body.as_bytes().to_vec(),
        )
    }
}

/// A loopback server answering from a script (the last reply repeats).
#[derive(Clone, Debug)]
pub struct CaptureServer {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    requests: Arc<Mutex<Vec<Captured>>>,
}

impl CaptureServer {
    /// Starts a server on an ephemeral loopback port.
    pub async fn start(script: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let addr: SocketAddr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(VecDeque::from(script)));
        let recorded = Arc::clone(&requests);
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { return };
                let recorded = Arc::clone(&recorded);
                let script = Arc::clone(&script);
                tokio::spawn(async move {
                    let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let recorded = Arc::clone(&recorded);
                        let script = Arc::clone(&script);
                        async move {
                            let (parts, body) = req.into_parts();
                            let body = body.collect().await.map(|b| b.to_bytes().to_vec()).unwrap_or_default();
                            recorded.lock().unwrap().push(Captured {
                                method: parts.method.to_string(),
                                path: parts.uri.path_and_query().map(|p| p.to_string()).unwrap_or_default(),
                                headers: parts
                                    .headers
                                    .iter()
                                    .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
                                    .collect(),
                                body,
                            });
                            let reply = {
                                let mut script = script.lock().unwrap();
                                if script.len() > 1 { script.pop_front() } else { script.front().cloned() }
                            };
                            match reply.unwrap_or_else(|| Reply::json(200, "{}")) {
                                Reply::Hang => {
                                    tokio::time::sleep(Duration::from_secs(3600)).await;
                                    unreachable!("the test ends first")
                                }
                                Reply::Http(status, headers, body) => {
                                    let mut response = hyper::Response::builder().status(status);
                                    for (k, v) in headers {
                                        response = response.header(k, v);
                                    }
                                    Ok::<_, std::convert::Infallible>(response.body(Full::new(Bytes::from(body))).unwrap())
                                }
                            }
                        }
                    });
                    let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self { url: format!("http://{addr}"), requests }
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Captured> {
        self.requests.lock().unwrap().clone()
    }
}

/// Whether a command-line tool is on `PATH`. Under CI (`CI` set) a missing
/// tool is a failure: `.ci/run` installs every tool the tests use.
pub fn tool_available(tool: &str) -> bool {
    let found = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "{tool} is not installed; .ci/run must install it");
        eprintln!("skipping: {tool} is not installed (bash .ci/run installs it)");
    }
    found
}

/// Whether `python3` can import `module` (e.g. botocore, the AWS SDK for
/// Python's core); under CI a missing module is a failure, as for
/// [`tool_available`].
pub fn python_module_installed(module: &str) -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "{module} is not installed; .ci/run must install it");
        eprintln!("skipping: {module} is not installed (bash .ci/run installs it)");
    }
    ok
}

/// A free loopback TCP port.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A `moto_server` (a third-party AWS emulator) on a loopback port, stopped
/// when dropped.
#[derive(Debug)]
pub struct Moto {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Moto {
    /// Starts `moto_server` and waits until it accepts connections; `None`
    /// when it is not installed (outside CI).
    pub fn start() -> Option<Self> {
        use std::io::BufRead;
        if !tool_available("moto_server") {
            return None;
        }
        // Port 0: moto binds a port of its own and names it, so tests
        // starting servers at once never race for a port.
        let mut child = std::process::Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", "0"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("moto_server starts");
        let mut lines = std::io::BufReader::new(child.stderr.take().expect("piped stderr")).lines();
        let port = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|line| line.split_once("Running on http://127.0.0.1:").and_then(|(_, port)| port.trim().parse::<u16>().ok()))
            .expect("moto_server names the port it listens on");
        // Keep reading what it logs, so that it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Some(Self { child, url: format!("http://127.0.0.1:{port}") })
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A raw HTTP answer.
#[derive(Debug)]
pub struct RawResponse {
    /// The status.
    pub status: u16,
    /// The headers, names lower-cased.
    pub headers: http::HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Sends one request as written, for tests of what a server does with
/// requests no well-behaved client would send.
pub async fn raw_request(method: &str, url: &str, headers: &[(&str, &str)], body: Vec<u8>) -> RawResponse {
    let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
        .build_http::<Full<Bytes>>();
    let mut request = hyper::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let response = client.request(request.body(Full::new(Bytes::from(body))).unwrap()).await.expect("request sent");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("body read").to_bytes().to_vec();
    RawResponse { status: parts.status.as_u16(), headers: parts.headers, body }
}

/// Runs a boto3 `script` (`python3 -c script url`) with no user
/// configuration, and reads the JSON it prints.
///
/// # Panics
/// When the script fails or prints no JSON.
pub async fn boto3_script(script: &'static str, url: String) -> serde_json::Value {
    boto3_script_with_env(script, url, &[]).await
}

/// [`boto3_script`] with more environment variables (`AWS_DATA_PATH` for
/// models of botocore's own).
///
/// # Panics
/// When the script fails or prints no JSON.
pub async fn boto3_script_with_env(script: &'static str, url: String, env: &[(&str, &str)]) -> serde_json::Value {
    let mut command = std::process::Command::new("python3");
    command
        .args(["-c", script, &url])
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .envs(env.iter().copied());
    let out = tokio::task::spawn_blocking(move || command.output().expect("python3 runs"))
    .await
    .expect("the script's thread finishes");
    assert!(out.status.success(), "boto3 failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

/// Runs the AWS CLI (`aws --output json SERVICE ARGS...`) against `url`,
/// with test credentials, no retries and no user configuration.
pub async fn aws_cli(url: &str, service: &str, args: &[&str]) -> std::process::Output {
    aws_cli_with_env(url, service, args, &[]).await
}

/// [`aws_cli`] with more environment variables (`AWS_DATA_PATH` for models
/// of botocore's own).
pub async fn aws_cli_with_env(url: &str, service: &str, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = std::process::Command::new("aws");
    command
        .args(["--endpoint-url", url, "--output", "json", service])
        .args(args)
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("AWS_PAGER", "")
        .envs(env.iter().copied());
    tokio::task::spawn_blocking(move || command.output().expect("aws runs")).await.unwrap()
}

/// Serves `router` on an ephemeral loopback port; returns its URL.
pub async fn serve_router(router: axum_router::Router) -> String {
    let listener = smithy_runtime::server::bind("127.0.0.1:0").await.expect("bind loopback");
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = smithy_runtime::server::serve_with_shutdown(listener, router, std::future::pending()).await;
    });
    url
}

/// A request a [`stand_in`] received.
#[derive(Clone, Debug)]
pub struct Seen {
    /// The method.
    pub method: String,
    /// The path and query.
    pub path: String,
    /// The headers.
    pub headers: http::HeaderMap,
    /// The body, as text.
    pub body: String,
}

impl Seen {
    /// Header `name`, if it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Field `key` of a form-encoded body, decoded.
    pub fn form(&self, key: &str) -> Option<String> {
        self.body.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == key).then(|| percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned())
        })
    }
}

/// A loopback server answering every request with `respond`'s status and
/// body, recording what it received; returns its URL and the record.
pub async fn stand_in(
    respond: impl Fn(&Seen) -> (u16, String) + Send + Sync + 'static,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<Seen>>>) {
    use axum_router::http::{Method, StatusCode, Uri};
    use std::sync::{Arc, Mutex};
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let respond = Arc::new(respond);
    let record = Arc::clone(&seen);
    let router = axum_router::Router::new().fallback(
        move |method: Method, uri: Uri, headers: http::HeaderMap, body: axum_router::body::Bytes| {
            let (record, respond) = (Arc::clone(&record), Arc::clone(&respond));
            async move {
                let seen = Seen {
                    method: method.to_string(),
                    path: uri.to_string(),
                    headers,
                    body: String::from_utf8_lossy(&body).into_owned(),
                };
                let (status, body) = respond(&seen);
                record.lock().unwrap_or_else(|e| e.into_inner()).push(seen);
                (StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), body)
            }
        },
    );
    (serve_router(router).await, seen)
}

/// The axum types the generated router is made of.
pub use smithy_runtime::server::axum as axum_router;
