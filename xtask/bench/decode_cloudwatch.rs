//! Decode speed of an rpcv2Cbor service, ours against aws-sdk-cloudwatch,
//! each through its public client API with a canned HTTP response (both
//! sign their requests), in one run. The bodies are written by ciborium, a
//! third CBOR implementation. Written into a scratch workspace by
//! `cargo xtask bench --model .../cloudwatch.json` (botocore's CloudWatch,
//! converted by `tests/scripts/botocore_to_smithy.py`).

use bytes::Bytes;
use ciborium::Value;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Midnight, 2026-12-01, in epoch seconds.
const DAY: i64 = 1_796_083_200;

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    Value::Map(entries.into_iter().map(|(k, v)| (text(k), v)).collect())
}

fn body(value: &Value) -> Bytes {
    let mut out = Vec::new();
    ciborium::into_writer(value, &mut out).expect("CBOR is written");
    Bytes::from(out)
}

/// GetMetricData: ten metrics over a day at one-minute resolution, 1,440
/// timestamps (tag 1, seconds as a double, as CloudWatch sends them) and
/// values each.
fn metric_data() -> Bytes {
    let results = (0..10)
        .map(|m| {
            let timestamps = (0..1440).map(|i| Value::Tag(1, Box::new(Value::Float((DAY + 60 * i) as f64)))).collect();
            let values = (0..1440).map(|i| Value::Float(((i * 37 + m * 11) % 1000) as f64 / 7.0)).collect();
            map(vec![
                ("Id", text(&format!("m{m}"))),
                ("Label", text("CPUUtilization")),
                ("Timestamps", Value::Array(timestamps)),
                ("Values", Value::Array(values)),
                ("StatusCode", text("Complete")),
            ])
        })
        .collect();
    body(&map(vec![("MetricDataResults", Value::Array(results)), ("Messages", Value::Array(Vec::new()))]))
}

/// ListMetrics: a full page of 500 metrics with two dimensions each.
fn metrics() -> Bytes {
    let metrics = (0..500)
        .map(|i| {
            let dimension = |name: &str, value: String| map(vec![("Name", text(name)), ("Value", Value::Text(value))]);
            map(vec![
                ("Namespace", text("AWS/EC2")),
                ("MetricName", text(["CPUUtilization", "NetworkIn", "DiskReadOps", "StatusCheckFailed"][i % 4])),
                (
                    "Dimensions",
                    Value::Array(vec![
                        dimension("InstanceId", format!("i-0{i:016x}")),
                        dimension("AutoScalingGroupName", format!("web-fleet-{}", i / 50)),
                    ]),
                ),
            ])
        })
        .collect();
    body(&map(vec![("Metrics", Value::Array(metrics)), ("NextToken", text("eyJvZmZzZXQiOjUwMH0="))]))
}

fn response(body: Bytes) -> http::Response<Bytes> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/cbor")
        .header("smithy-protocol", "rpc-v2-cbor")
        .header("x-amzn-requestid", "bench")
        .body(body)
        .unwrap()
}

#[derive(Debug)]
struct Canned(Bytes);

impl ours_cloudwatch::client::Transport for Canned {
    fn send(
        &self,
        _request: http::Request<Bytes>,
    ) -> smithy_runtime::client::BoxFuture<Result<http::Response<Bytes>, smithy_runtime::client::TransportError>> {
        let body = self.0.clone();
        Box::pin(async move { Ok(response(body)) })
    }
}

fn ours(body: Bytes) -> ours_cloudwatch::Client {
    ours_cloudwatch::Client::builder()
        .endpoint_url("https://monitoring.us-east-1.amazonaws.com")
        .region("us-east-1")
        .credentials(ours_cloudwatch::client::Credentials::new("AKIDEXAMPLE", "secret", None))
        .retry_config(ours_cloudwatch::client::RetryConfig::disabled())
        .transport(Canned(body))
        .build()
}

fn sdk(body: Bytes) -> aws_sdk_cloudwatch::Client {
    use aws_sdk_cloudwatch::config::{BehaviorVersion, Credentials, Region};
    let http = aws_smithy_http_client::test_util::infallible_client_fn(move |_req| {
        response(body.clone()).map(aws_smithy_types::body::SdkBody::from)
    });
    let config = aws_sdk_cloudwatch::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "bench"))
        .retry_config(aws_sdk_cloudwatch::config::retry::RetryConfig::disabled())
        .http_client(http)
        .build();
    aws_sdk_cloudwatch::Client::from_conf(config)
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();

    let data = metric_data();
    let mut group = c.benchmark_group(format!("GetMetricData, 10 × 1,440 points ({} bytes)", data.len()));
    group.throughput(Throughput::Bytes(data.len() as u64));
    let (o, s) = (ours(data.clone()), sdk(data.clone()));
    let start = DAY;
    let ours_query = || {
        use ours_cloudwatch::types::{Metric, MetricDataQuery, MetricStat};
        let metric = Metric::builder().namespace("AWS/EC2").metric_name("CPUUtilization").build();
        let stat = MetricStat::builder().metric(metric).period(60).stat("Average").build().unwrap();
        MetricDataQuery::builder().id("m0").metric_stat(stat).build().unwrap()
    };
    group.bench_function("ours", |b| {
        b.iter(|| {
            let out = runtime
                .block_on(
                    o.get_metric_data()
                        .metric_data_queries(vec![ours_query()])
                        .start_time(smithy_runtime::DateTime::from_secs(start))
                        .end_time(smithy_runtime::DateTime::from_secs(start + 86_400))
                        .send(),
                )
                .unwrap();
            let results = out.metric_data_results.unwrap();
            assert_eq!(results.len(), 10);
            assert_eq!(results[9].timestamps.as_ref().map(Vec::len), Some(1440));
        })
    });
    group.bench_function("aws-sdk-cloudwatch", |b| {
        use aws_sdk_cloudwatch::types::{Metric, MetricDataQuery, MetricStat};
        b.iter(|| {
            let metric = Metric::builder().namespace("AWS/EC2").metric_name("CPUUtilization").build();
            let stat = MetricStat::builder().metric(metric).period(60).stat("Average").build();
            let query = MetricDataQuery::builder().id("m0").metric_stat(stat).build();
            let out = runtime
                .block_on(
                    s.get_metric_data()
                        .metric_data_queries(query)
                        .start_time(aws_smithy_types::DateTime::from_secs(start))
                        .end_time(aws_smithy_types::DateTime::from_secs(start + 86_400))
                        .send(),
                )
                .unwrap();
            assert_eq!(out.metric_data_results().len(), 10);
            assert_eq!(out.metric_data_results()[9].timestamps().len(), 1440);
        })
    });
    group.finish();

    let listed = metrics();
    let mut group = c.benchmark_group(format!("ListMetrics, 500 metrics ({} bytes)", listed.len()));
    group.throughput(Throughput::Bytes(listed.len() as u64));
    let (o, s) = (ours(listed.clone()), sdk(listed.clone()));
    group.bench_function("ours", |b| {
        b.iter(|| {
            let out = runtime.block_on(o.list_metrics().namespace("AWS/EC2").send()).unwrap();
            assert_eq!(out.metrics.map(|m| m.len()), Some(500));
        })
    });
    group.bench_function("aws-sdk-cloudwatch", |b| {
        b.iter(|| {
            let out = runtime.block_on(s.list_metrics().namespace("AWS/EC2").send()).unwrap();
            assert_eq!(out.metrics().len(), 500);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
