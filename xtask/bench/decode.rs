//! Decode speed, ours against aws-sdk-codebuild, each through its public
//! client API with a canned HTTP response (both sign their requests), in
//! one run. Written into a scratch workspace by `cargo xtask bench`.

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn build_json(i: usize) -> serde_json::Value {
    let mut build: serde_json::Value = serde_json::from_str(include_str!("build.json")).expect("fixture");
    let id = format!("my-project:{:08x}-6d36-4b1c-9f6e-0d4a2c8e9f10", i);
    build["arn"] = format!("arn:aws:codebuild:us-east-1:123456789012:build/{id}").into();
    build["id"] = id.into();
    build["buildNumber"] = (1000 + i).into();
    build
}

/// BatchGetBuilds with 100 fully populated builds, as CodeBuild sends it.
fn batch_response() -> Bytes {
    let builds: Vec<_> = (0..100).map(build_json).collect();
    Bytes::from(serde_json::to_vec(&serde_json::json!({ "builds": builds, "buildsNotFound": [] })).unwrap())
}

fn retry_response() -> Bytes {
    Bytes::from(serde_json::to_vec(&serde_json::json!({ "build": build_json(0) })).unwrap())
}

#[derive(Debug)]
struct Canned(Bytes);

impl ours_codebuild::client::Transport for Canned {
    fn send(
        &self,
        _request: http::Request<Bytes>,
    ) -> smithy_runtime::client::BoxFuture<Result<http::Response<Bytes>, smithy_runtime::client::TransportError>> {
        let body = self.0.clone();
        Box::pin(async move {
            Ok(http::Response::builder()
                .status(200)
                .header("content-type", "application/x-amz-json-1.1")
                .header("x-amzn-requestid", "bench")
                .body(body)
                .unwrap())
        })
    }
}

fn ours(body: Bytes) -> ours_codebuild::Client {
    ours_codebuild::Client::builder()
        .endpoint_url("https://codebuild.us-east-1.amazonaws.com")
        .region("us-east-1")
        .credentials(ours_codebuild::client::Credentials::new("AKIDEXAMPLE", "secret", None))
        .retry_config(ours_codebuild::client::RetryConfig::disabled())
        .transport(Canned(body))
        .build()
}

fn sdk(body: Bytes) -> aws_sdk_codebuild::Client {
    use aws_sdk_codebuild::config::{BehaviorVersion, Credentials, Region};
    let http = aws_smithy_http_client::test_util::infallible_client_fn(move |_req| {
        http::Response::builder()
            .status(200)
            .header("content-type", "application/x-amz-json-1.1")
            .header("x-amzn-requestid", "bench")
            .body(aws_smithy_types::body::SdkBody::from(body.clone()))
            .unwrap()
    });
    let config = aws_sdk_codebuild::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "bench"))
        .retry_config(aws_sdk_codebuild::config::retry::RetryConfig::disabled())
        .http_client(http)
        .build();
    aws_sdk_codebuild::Client::from_conf(config)
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();

    let batch = batch_response();
    let mut group = c.benchmark_group(format!("BatchGetBuilds, 100 builds ({} bytes)", batch.len()));
    group.throughput(Throughput::Bytes(batch.len() as u64));
    let (o, s) = (ours(batch.clone()), sdk(batch.clone()));
    group.bench_function("ours", |b| {
        b.iter(|| {
            let out = runtime.block_on(o.batch_get_builds().ids(vec!["my-project:1".to_owned()]).send()).unwrap();
            assert_eq!(out.builds.map(|b| b.len()), Some(100));
        })
    });
    group.bench_function("aws-sdk-codebuild", |b| {
        b.iter(|| {
            let out = runtime.block_on(s.batch_get_builds().ids("my-project:1").send()).unwrap();
            assert_eq!(out.builds().len(), 100);
        })
    });
    group.finish();

    let retry = retry_response();
    let mut group = c.benchmark_group(format!("RetryBuild, one build ({} bytes)", retry.len()));
    group.throughput(Throughput::Elements(1));
    let (o, s) = (ours(retry.clone()), sdk(retry.clone()));
    group.bench_function("ours", |b| {
        b.iter(|| runtime.block_on(o.retry_build().id("my-project:1").idempotency_token("t").send()).unwrap())
    });
    group.bench_function("aws-sdk-codebuild", |b| {
        b.iter(|| runtime.block_on(s.retry_build().id("my-project:1").idempotency_token("t").send()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
