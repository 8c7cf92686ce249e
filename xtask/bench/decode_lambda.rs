//! Decode speed of a restJson1 service, ours against aws-sdk-lambda, each
//! through its public client API with a canned HTTP response (both sign
//! their requests), in one run. Written into a scratch workspace by
//! `cargo xtask bench --model .../lambda.json`.

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// One function as Lambda describes it, every commonly set member present.
fn function_json(i: usize) -> serde_json::Value {
    let name = format!("orders-service-{i:04}");
    let arn = format!("arn:aws:lambda:us-east-1:123456789012:function:{name}");
    serde_json::json!({
        "FunctionName": name,
        "FunctionArn": arn,
        "Runtime": "python3.12",
        "Role": "arn:aws:iam::123456789012:role/service-role/orders-service-role-3kd8s7fh",
        "Handler": "app.handler",
        "CodeSize": 5_242_880 + i,
        "Description": "Processes order events from the checkout queue and writes them to the ledger table.",
        "Timeout": 30,
        "MemorySize": 1024,
        "LastModified": "2026-11-24T21:29:15.630+0000",
        "CodeSha256": "mE7XnmT6hHF1vGkS6dR3ZlQw8b0zj2VnYc1x9k4fQ2A=",
        "Version": "$LATEST",
        "VpcConfig": {
            "SubnetIds": ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
            "SecurityGroupIds": ["sg-0123456789abcdef0"],
            "VpcId": "vpc-0abcdef1234567890",
            "Ipv6AllowedForDualStack": false
        },
        "DeadLetterConfig": { "TargetArn": "arn:aws:sqs:us-east-1:123456789012:orders-dlq" },
        "Environment": { "Variables": {
            "TABLE_NAME": "orders-ledger",
            "LOG_LEVEL": "info",
            "QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
            "FEATURE_FLAGS": "batching,retries,metrics"
        } },
        "KMSKeyArn": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "TracingConfig": { "Mode": "Active" },
        "RevisionId": format!("{:08x}-1c2d-4e5f-8a9b-0c1d2e3f4a5b", i),
        "Layers": [
            { "Arn": "arn:aws:lambda:us-east-1:123456789012:layer:shared-libs:42", "CodeSize": 1_048_576 },
            { "Arn": "arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:53", "CodeSize": 6_134_784 }
        ],
        "State": "Active",
        "LastUpdateStatus": "Successful",
        "FileSystemConfigs": [
            { "Arn": "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0", "LocalMountPath": "/mnt/data" }
        ],
        "PackageType": "Zip",
        "Architectures": ["arm64"],
        "EphemeralStorage": { "Size": 512 },
        "SnapStart": { "ApplyOn": "None", "OptimizationStatus": "Off" },
        "RuntimeVersionConfig": {
            "RuntimeVersionArn": "arn:aws:lambda:us-east-1::runtime:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        },
        "LoggingConfig": { "LogFormat": "JSON", "ApplicationLogLevel": "INFO", "SystemLogLevel": "WARN", "LogGroup": "/aws/lambda/orders" }
    })
}

/// ListFunctions with a page of 100 functions, as Lambda sends it.
fn list_response() -> Bytes {
    let functions: Vec<_> = (0..100).map(function_json).collect();
    Bytes::from(serde_json::to_vec(&serde_json::json!({ "Functions": functions, "NextMarker": "next-page" })).unwrap())
}

#[derive(Debug)]
struct Canned(Bytes);

impl ours_lambda::client::Transport for Canned {
    fn send(
        &self,
        _request: http::Request<Bytes>,
    ) -> smithy_runtime::client::BoxFuture<Result<http::Response<Bytes>, smithy_runtime::client::TransportError>> {
        let body = self.0.clone();
        Box::pin(async move {
            Ok(http::Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .header("x-amzn-requestid", "bench")
                .body(body)
                .unwrap())
        })
    }
}

fn ours(body: Bytes) -> ours_lambda::client::Client {
    ours_lambda::client::Client::builder()
        .endpoint_url("https://lambda.us-east-1.amazonaws.com")
        .region("us-east-1")
        .credentials(ours_lambda::client::Credentials::new("AKIDEXAMPLE", "secret", None))
        .retry_config(ours_lambda::client::RetryConfig::disabled())
        .transport(Canned(body))
        .build()
}

fn sdk(body: Bytes) -> aws_sdk_lambda::Client {
    use aws_sdk_lambda::config::{BehaviorVersion, Credentials, Region};
    let http = aws_smithy_http_client::test_util::infallible_client_fn(move |_req| {
        http::Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .header("x-amzn-requestid", "bench")
            .body(aws_smithy_types::body::SdkBody::from(body.clone()))
            .unwrap()
    });
    let config = aws_sdk_lambda::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "bench"))
        .retry_config(aws_sdk_lambda::config::retry::RetryConfig::disabled())
        .http_client(http)
        .build();
    aws_sdk_lambda::Client::from_conf(config)
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let list = list_response();
    let mut group = c.benchmark_group(format!("ListFunctions, 100 functions ({} bytes)", list.len()));
    group.throughput(Throughput::Bytes(list.len() as u64));
    let (o, s) = (ours(list.clone()), sdk(list.clone()));
    group.bench_function("ours", |b| {
        b.iter(|| {
            let out = runtime.block_on(o.list_functions().max_items(100).send()).unwrap();
            assert_eq!(out.functions.map(|f| f.len()), Some(100));
        })
    });
    group.bench_function("aws-sdk-lambda", |b| {
        b.iter(|| {
            let out = runtime.block_on(s.list_functions().max_items(100).send()).unwrap();
            assert_eq!(out.functions().len(), 100);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
