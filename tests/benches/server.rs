//! RetryBuild round trips per second on loopback: the generated router (input
//! parsing, validation, handler, output serialisation) against bare axum
//! handlers that return the same JSON, either as canned bytes or by doing
//! the same parse and serialise work by hand, in one process and run.
//!
//! `cargo bench -p integration-tests --bench server`

use bytes::Bytes;
use codebuild::error::RetryBuildError;
use codebuild::server::{CodeBuild, RequestContext};
use codebuild::types::{RetryBuildInput, RetryBuildOutput};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use integration_tests::axum_router::{routing::post, Router};

#[derive(Clone)]
struct Fixed(RetryBuildOutput);

impl CodeBuild for Fixed {
    async fn retry_build(&self, _: RetryBuildInput, _: RequestContext) -> Result<RetryBuildOutput, RetryBuildError> {
        Ok(self.0.clone())
    }
}

fn output() -> RetryBuildOutput {
    let build: serde_json::Value = serde_json::from_str(include_str!("../fixtures/build.json")).expect("fixture");
    serde_json::from_value(serde_json::json!({ "build": build })).expect("decodes")
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let out = output();
    let body = Bytes::from(serde_json::to_vec(&out).expect("serialises"));
    let (generated, bare, bare_serde) = runtime.block_on(async {
        let generated = integration_tests::serve_router(codebuild::server::router(Fixed(out.clone()))).await;
        // The same work a hand-written handler does: parse the input, build
        // and serialise the output.
        let serde_router = Router::new().route(
            "/",
            post(move |body: Bytes| {
                let out = out.clone();
                async move {
                    let _input: RetryBuildInput = serde_json::from_slice(&body).expect("input");
                    ([("content-type", "application/x-amz-json-1.1")], serde_json::to_vec(&out).expect("output"))
                }
            }),
        );
        let canned = body.clone();
        let bare_router = Router::new().route(
            "/",
            post(move || {
                let canned = canned.clone();
                async move { ([("content-type", "application/x-amz-json-1.1")], canned) }
            }),
        );
        (
            generated,
            integration_tests::serve_router(bare_router).await,
            integration_tests::serve_router(serde_router).await,
        )
    });
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let request_body = Bytes::from_static(br#"{"id": "my-project:5b0b4c5c-6d36-4b1c-9f6e-0d4a2c8e9f10", "idempotencyToken": "t"}"#);

    let mut group = c.benchmark_group("RetryBuild round trip");
    group.throughput(Throughput::Elements(1));
    for (name, url) in [
        ("generated router", &generated),
        ("bare axum handler, canned bytes", &bare),
        ("bare axum handler, parse + serialize", &bare_serde),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                runtime.block_on(async {
                    let request = hyper::Request::post(url.as_str())
                        .header("content-type", "application/x-amz-json-1.1")
                        .header("x-amz-target", "CodeBuild_20161006.RetryBuild")
                        .body(Full::new(request_body.clone()))
                        .expect("request");
                    let response = client.request(request).await.expect("answered");
                    assert_eq!(response.status(), 200);
                    response.into_body().collect().await.expect("body").to_bytes()
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
