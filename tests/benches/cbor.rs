//! Decoding and encoding the same large responses through the generated
//! types of `tests/models/metrics-cbor.smithy` in each body codec: CBOR
//! (ours, over minicbor), JSON (serde_json), and CBOR through ciborium's
//! serde implementation, the alternative the CBOR codec was chosen against.
//! Two shapes: 1,000 data points (structures with text, a map, a blob), and
//! 10,000 times and values in two columns (what GetMetricData returns).
//!
//! `cargo bench -p integration-tests --bench cbor`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use metrics_cbor::types::{Columns, DataPoint, GetDataOutput, MetricUnit, Statistics, Summary};
use smithy_runtime::codec::{cbor, json};
use smithy_runtime::DateTime;

fn output() -> GetDataOutput {
    let points: Vec<DataPoint> = (0..1_000)
        .map(|i| {
            DataPoint::builder()
                .series(format!("cpu.utilization.host-{}", i % 16))
                .time(DateTime::from_secs_f64(1_700_000_000.0 + f64::from(i) * 0.25).expect("a valid time"))
                .value(f64::from(i) * 1.375)
                .unit(MetricUnit::Seconds)
                .dimensions(std::collections::HashMap::from([
                    ("host".to_owned(), format!("host-{}", i % 16)),
                    ("region".to_owned(), "eu-west-1".to_owned()),
                ]))
                .sample(vec![7u8; 16])
                .count(i64::from(i) * 1_000)
                .weight(0.5)
                .build()
                .expect("every required member is set")
        })
        .collect();
    let summary = Summary::builder().sum(1.0).sample_count(1_000).maximum(2.0).minimum(0.0).build().expect("complete");
    GetDataOutput::builder().points(points).statistics(Statistics::Summary(summary)).build()
}

fn columns() -> GetDataOutput {
    let times = (0..10_000).map(|i| DateTime::from_secs_f64(1_700_000_000.0 + f64::from(i) * 60.0).expect("a valid time"));
    let values = (0..10_000).map(|i| f64::from(i) * 0.731 + 12.5);
    let columns = Columns::builder().times(times.collect::<Vec<_>>()).values(values.collect::<Vec<_>>()).build();
    GetDataOutput::builder().columns(columns).build()
}

fn bench(c: &mut Criterion) {
    bench_shape(c, "GetData points", output(), 1_000);
    bench_shape(c, "GetData columns", columns(), 10_000);
}

fn bench_shape(c: &mut Criterion, name: &str, value: GetDataOutput, elements: u64) {
    let cbor_body = cbor::to_vec(&value).expect("encodes");
    let json_body = serde_json::to_vec(&value).expect("encodes");
    eprintln!("{name}: CBOR {} bytes, JSON {} bytes", cbor_body.len(), json_body.len());
    assert_eq!(cbor::from_slice::<GetDataOutput>(&cbor_body).expect("decodes"), value);
    assert_eq!(json::from_body::<GetDataOutput>(&json_body).expect("decodes"), value);

    let mut group = c.benchmark_group(format!("{name} decode"));
    group.throughput(Throughput::Elements(elements));
    group.bench_function("cbor (smithy-runtime)", |b| b.iter(|| cbor::from_slice::<GetDataOutput>(&cbor_body).expect("decodes")));
    group.bench_function("json (serde_json)", |b| b.iter(|| json::from_body::<GetDataOutput>(&json_body).expect("decodes")));
    match ciborium::from_reader::<GetDataOutput, _>(cbor_body.as_slice()) {
        Ok(decoded) if decoded == value => {
            group.bench_function("cbor (ciborium)", |b| {
                b.iter(|| ciborium::from_reader::<GetDataOutput, _>(cbor_body.as_slice()).expect("decodes"))
            });
        }
        Ok(_) => eprintln!("ciborium reads the body as a different value; not measured"),
        Err(e) => eprintln!("ciborium cannot read the body ({e}); not measured"),
    }
    group.finish();

    let mut group = c.benchmark_group(format!("{name} encode"));
    group.throughput(Throughput::Elements(elements));
    group.bench_function("cbor (smithy-runtime)", |b| b.iter(|| cbor::to_vec(&value).expect("encodes")));
    group.bench_function("json (serde_json)", |b| b.iter(|| serde_json::to_vec(&value).expect("encodes")));
    group.bench_function("cbor (ciborium)", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(cbor_body.len());
            ciborium::into_writer(&value, &mut out).expect("encodes");
            out
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
