//! Decoding a RetryBuild response carrying a fully populated Build: through
//! the generated client's public API with a canned HTTP response (request
//! building and response handling included), and serde alone.
//!
//! `cargo bench -p integration-tests --bench decode`

use std::sync::Arc;

use bytes::Bytes;
use codebuild::client::{Client, RetryConfig, Transport};
use codebuild::types::RetryBuildOutput;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use smithy_runtime::client::{BoxFuture, TransportError};

/// Answers every request with the same response, as a recorded service would.
#[derive(Debug)]
struct Canned(Bytes);

impl Transport for Canned {
    fn send(&self, _request: http::Request<Bytes>) -> BoxFuture<Result<http::Response<Bytes>, TransportError>> {
        let body = self.0.clone();
        Box::pin(async move {
            Ok(http::Response::builder()
                .status(200)
                .header("content-type", "application/x-amz-json-1.1")
                .header("x-amzn-requestid", "bench")
                .body(body)
                .expect("valid response"))
        })
    }
}

fn response() -> Bytes {
    let build: serde_json::Value = serde_json::from_str(include_str!("../fixtures/build.json")).expect("fixture");
    Bytes::from(serde_json::to_vec(&serde_json::json!({ "build": build })).expect("serialises"))
}

fn bench(c: &mut Criterion) {
    let body = response();
    let mut group = c.benchmark_group("RetryBuild response");
    group.throughput(Throughput::Bytes(body.len() as u64));

    group.bench_function("serde_json::from_slice", |b| {
        b.iter(|| serde_json::from_slice::<RetryBuildOutput>(&body).expect("decodes"))
    });

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let client = Arc::new(
        Client::builder()
            .endpoint_url("http://127.0.0.1:1")
            .no_credentials()
            .retry_config(RetryConfig::disabled())
            .transport(Canned(body.clone()))
            .build(),
    );
    group.bench_function("client call (canned HTTP)", |b| {
        b.iter(|| runtime.block_on(client.retry_build().id("p:1").idempotency_token("t").send()).expect("decodes"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
