//! A load test of the serving code, ignored by default (it takes about a
//! minute and wants the machine to itself):
//! `cargo test --release -p integration-tests --test load -- --ignored --nocapture`.
//!
//! 1,000 concurrent keep-alive connections send `BatchGetBuilds` to the
//! local CodeBuild, once alone and once with 100 slowloris connections
//! mixed in (each sends a request head a byte a second and reconnects
//! when the server closes it). Every well-behaved request must be
//! answered 200; the run prints p50, p99 and throughput for both.

use std::time::{Duration, Instant};

use bytes::Bytes;
use codebuild::server::ServerConfig;
use codebuild_local::{LocalCodeBuild, Seed};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

const CONNECTIONS: usize = 1_000;
const REQUESTS_PER_CONNECTION: usize = 20;
const SLOW_CLIENTS: usize = 100;
const ID: &str = "my-project:5b0b4c5c-6d36-4b1c-9f6e-0d4a2c8e9f10";

fn seed() -> Seed {
    let mut build: serde_json::Value = serde_json::from_str(include_str!("../fixtures/build.json")).unwrap();
    build["id"] = ID.into();
    build["projectName"] = "my-project".into();
    Seed::from_json(&serde_json::json!({ "builds": [build] }).to_string()).unwrap()
}

/// One keep-alive connection sending its requests one after another;
/// returns each request's latency.
async fn well_behaved(addr: std::net::SocketAddr) -> Vec<Duration> {
    let stream = TcpStream::connect(addr).await.expect("connect");
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.expect("handshake");
    tokio::spawn(connection);
    let body = Bytes::from(format!(r#"{{"ids":["{ID}"]}}"#));
    let mut latencies = Vec::with_capacity(REQUESTS_PER_CONNECTION);
    for _ in 0..REQUESTS_PER_CONNECTION {
        let request = http::Request::builder()
            .method("POST")
            .uri("/")
            .header("host", "localhost")
            .header("content-type", "application/x-amz-json-1.1")
            .header("x-amz-target", "CodeBuild_20161006.BatchGetBuilds")
            .body(Full::new(body.clone()))
            .unwrap();
        let started = Instant::now();
        let response = sender.send_request(request).await.expect("a well-behaved request is answered");
        let status = response.status();
        let bytes = response.into_body().collect().await.expect("the body arrives").to_bytes();
        latencies.push(started.elapsed());
        assert_eq!(status, 200, "{:?}", String::from_utf8_lossy(&bytes));
    }
    latencies
}

/// A slowloris client: sends a request head a byte a second, forever,
/// reconnecting whenever the server closes it.
async fn slowloris(addr: std::net::SocketAddr) {
    let head = b"POST / HTTP/1.1\r\nHost: localhost\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    loop {
        let Ok(mut stream) = TcpStream::connect(addr).await else {
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        for byte in head.iter().cycle() {
            if stream.write_all(&[*byte]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}

struct Figures {
    p50: Duration,
    p99: Duration,
    throughput: f64,
}

async fn run(slow_clients: usize) -> Figures {
    let listener = smithy_runtime::server::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = ServerConfig::default();
    let router = codebuild::server::router_with_config(LocalCodeBuild::new(seed()), config.clone());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        smithy_runtime::server::serve_with(listener, router, &config, async move {
            let _ = stopped.await;
        })
        .await
    });
    let slow: Vec<_> = (0..slow_clients).map(|_| tokio::spawn(slowloris(addr))).collect();
    // Let the slow clients take their connections first.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let started = Instant::now();
    let clients: Vec<_> = (0..CONNECTIONS).map(|_| tokio::spawn(well_behaved(addr))).collect();
    let mut latencies = Vec::with_capacity(CONNECTIONS * REQUESTS_PER_CONNECTION);
    for client in clients {
        latencies.extend(client.await.expect("a well-behaved client finishes"));
    }
    let elapsed = started.elapsed();
    slow.iter().for_each(tokio::task::JoinHandle::abort);
    let _ = stop.send(());
    server.await.unwrap().unwrap();
    assert_eq!(latencies.len(), CONNECTIONS * REQUESTS_PER_CONNECTION, "every well-behaved request is answered");
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    Figures { p50: at(0.50), p99: at(0.99), throughput: latencies.len() as f64 / elapsed.as_secs_f64() }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a load test: about a minute, run it alone (see the file's documentation)"]
async fn a_thousand_keep_alive_connections_with_and_without_slowloris() {
    let alone = run(0).await;
    let with_slow = run(SLOW_CLIENTS).await;
    let requests = CONNECTIONS * REQUESTS_PER_CONNECTION;
    for (what, f) in [("alone", &alone), (&format!("with {SLOW_CLIENTS} slowloris") as &str, &with_slow)] {
        println!(
            "{requests} requests over {CONNECTIONS} keep-alive connections, {what}: p50 {:.2} ms, p99 {:.2} ms, {:.0} requests/s",
            f.p50.as_secs_f64() * 1e3,
            f.p99.as_secs_f64() * 1e3,
            f.throughput
        );
    }
    println!("throughput with slowloris / alone: {:.2}", with_slow.throughput / alone.throughput);
}
