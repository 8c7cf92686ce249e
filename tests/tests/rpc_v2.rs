//! An rpcv2Cbor service of our own (`tests/models/metrics-cbor.smithy`) end
//! to end: its generated client and server over a real connection, the
//! wire form (path, `Smithy-Protocol`, CBOR bodies), every kind of value
//! in CBOR, pagination, modeled and framework errors, and hostile bodies,
//! which must each get a clear 4xx while the server keeps serving.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use integration_tests::{raw_request, serve_router};
use metrics_cbor::client::{Client, RetryConfig};
use metrics_cbor::error::{GetDataError, ListSeriesError, PingError, ProvideErrorMetadata, PutDataError};
use metrics_cbor::server::{Metrics, RequestContext};
use metrics_cbor::types::{
    Columns, DataPoint, GetDataInput, GetDataOutput, InvalidPointError, ListSeriesInput, ListSeriesOutput, MetricUnit, NotFoundError,
    PutDataInput, PutDataOutput, Series, Statistics, Summary, ThrottledError,
};
use smithy_runtime::codec::cbor;
use smithy_runtime::{BigDecimal, BigInteger, DateTime};

/// An in-memory store: namespace, series and points, in arrival order.
#[derive(Clone, Default)]
struct Store {
    points: Arc<Mutex<Vec<(String, DataPoint)>>>,
    pings: Arc<Mutex<usize>>,
}

impl Metrics for Store {
    async fn put_data(&self, input: PutDataInput, _: RequestContext) -> Result<PutDataOutput, PutDataError> {
        let namespace = input.namespace.unwrap_or_default();
        let points = input.points.unwrap_or_default();
        if let Some(index) = points.iter().position(|p| p.value < 0.0) {
            let error = InvalidPointError::builder().message("values must not be negative").index_value(index as i32).build();
            return Err(PutDataError::InvalidPointError(error));
        }
        let stored = points.len() as i32;
        self.points.lock().unwrap().extend(points.into_iter().map(|p| (namespace.clone(), p)));
        Ok(PutDataOutput::builder().stored(stored).build())
    }

    async fn list_series(&self, input: ListSeriesInput, _: RequestContext) -> Result<ListSeriesOutput, ListSeriesError> {
        let mut names: Vec<(String, String)> = self
            .points
            .lock()
            .unwrap()
            .iter()
            .filter(|(ns, _)| input.namespace.as_ref().is_none_or(|want| want == ns))
            .map(|(ns, p)| (ns.clone(), p.series.clone()))
            .collect();
        names.sort();
        names.dedup();
        let start: usize = input.next_token.as_deref().map_or(0, |t| t.parse().unwrap_or(0));
        let size = input.max_results.unwrap_or(2) as usize;
        let end = (start + size).min(names.len());
        let series = names[start.min(end)..end]
            .iter()
            .map(|(ns, name)| Series::builder().namespace(ns).name(name).build().unwrap())
            .collect::<Vec<_>>();
        let next = (end < names.len()).then(|| end.to_string());
        Ok(ListSeriesOutput::builder().set_series(Some(series)).set_next_token(next).build())
    }

    async fn get_data(&self, input: GetDataInput, _: RequestContext) -> Result<GetDataOutput, GetDataError> {
        let (start, end) = (input.start.unwrap(), input.end.unwrap());
        let points: Vec<DataPoint> = self
            .points
            .lock()
            .unwrap()
            .iter()
            .filter(|(ns, p)| Some(ns) == input.namespace.as_ref() && Some(&p.series) == input.series.as_ref())
            .filter(|(_, p)| p.time >= start && p.time <= end)
            .map(|(_, p)| p.clone())
            .collect();
        if points.is_empty() && input.series.as_deref() == Some("missing") {
            return Err(GetDataError::NotFoundError(NotFoundError::builder().message("no series `missing`").build()));
        }
        let statistics = if points.is_empty() {
            Statistics::Empty
        } else {
            let values = points.iter().map(|p| p.value);
            let summary = Summary::builder()
                .sum(values.clone().sum::<f64>())
                .sample_count(points.len() as i64)
                .maximum(values.clone().fold(f64::NEG_INFINITY, f64::max))
                .minimum(values.fold(f64::INFINITY, f64::min))
                .build()
                .unwrap();
            Statistics::Summary(summary)
        };
        let columns = Columns::builder().times(points.iter().map(|p| p.time).collect::<Vec<_>>()).values(points.iter().map(|p| p.value).collect::<Vec<_>>()).build();
        Ok(GetDataOutput::builder().points(points).statistics(statistics).columns(columns).build())
    }

    async fn ping(&self, _: RequestContext) -> Result<(), PingError> {
        let mut pings = self.pings.lock().unwrap();
        *pings += 1;
        // Throttle the first ping to show the client retrying it.
        if *pings == 1 {
            return Err(PingError::ThrottledError(ThrottledError::builder().message("slow down").build()));
        }
        Ok(())
    }
}

async fn start(store: Store) -> (Client, String) {
    let url = serve_router(metrics_cbor::server::router(store)).await;
    let client = Client::builder()
        .endpoint_url(&url)
        .no_credentials()
        .retry_config(RetryConfig { max_attempts: 3, initial_backoff: Duration::from_millis(1), max_backoff: Duration::from_millis(5) })
        .build();
    (client, url)
}

fn time(secs: f64) -> DateTime {
    DateTime::from_secs_f64(secs).unwrap()
}

/// A point with a member of every kind, the awkward values among them.
fn point(series: &str, secs: f64, value: f64) -> DataPoint {
    DataPoint::builder()
        .series(series)
        .time(time(secs))
        .value(value)
        .unit(MetricUnit::Bytes)
        .dimensions(std::collections::HashMap::from([("host".to_owned(), "a".to_owned()), ("é".to_owned(), "ü".to_owned())]))
        .sample(vec![0, 1, 2, 255])
        .count(-9_007_199_254_740_993_i64)
        .weight(f32::INFINITY)
        .exact("-123456789012345678901234567890".parse::<BigInteger>().unwrap())
        .ratio("273.15".parse::<BigDecimal>().unwrap())
        .build()
        .unwrap()
}

#[tokio::test]
async fn every_kind_of_value_makes_the_round_trip() {
    let (client, _) = start(Store::default()).await;
    let points = vec![point("cpu", 1_700_000_000.125, 1.5), point("cpu", 1_700_000_001.0, f64::NAN), point("cpu", 1_700_000_002.5, 1e300)];
    let out = client.put_data().namespace("host/a").set_points(Some(points.clone())).send().await.unwrap();
    assert_eq!(out.stored, Some(3));
    let data = client.get_data().namespace("host/a").series("cpu").start(time(0.0)).end(time(2e9)).send().await.unwrap();
    let read = data.points.unwrap();
    assert_eq!(read.len(), 3);
    for (got, sent) in read.iter().zip(&points) {
        // NaN is not equal to itself: compare its bits.
        assert_eq!(got.value.to_bits(), sent.value.to_bits());
        let (mut got, mut sent) = (got.clone(), sent.clone());
        got.value = 0.0;
        sent.value = 0.0;
        assert_eq!(got, sent);
    }
    match data.statistics {
        Some(Statistics::Summary(summary)) => assert_eq!(summary.sample_count, 3),
        other => panic!("expected a summary, found {other:?}"),
    }
    let columns = data.columns.unwrap();
    assert_eq!(columns.times.unwrap(), points.iter().map(|p| p.time).collect::<Vec<_>>());
    assert_eq!(columns.values.unwrap().len(), 3);
    let empty = client.get_data().namespace("host/a").series("disk").start(time(0.0)).end(time(1.0)).send().await.unwrap();
    assert_eq!(empty.statistics, Some(Statistics::Empty));
}

#[tokio::test]
async fn timestamps_keep_milliseconds() {
    let (client, _) = start(Store::default()).await;
    client.put_data().namespace("n").points(vec![point("s", 1_700_000_000.123_456, 1.0)]).send().await.unwrap();
    let data = client.get_data().namespace("n").series("s").start(time(0.0)).end(time(2e9)).send().await.unwrap();
    let stored = data.points.unwrap()[0].time;
    assert_eq!((stored.secs(), stored.subsec_nanos()), (1_700_000_000, 123_000_000));
}

#[tokio::test]
async fn requests_and_responses_are_rpc_v2_cbor_on_the_wire() {
    let (_, url) = start(Store::default()).await;
    let body = cbor::to_vec(&serde_json::json!({"namespace": "n", "series": "missing", "start": 0, "end": 10})).unwrap();
    let headers = [("smithy-protocol", "rpc-v2-cbor"), ("content-type", "application/cbor"), ("accept", "application/cbor")];
    let raw = raw_request("POST", &format!("{url}/service/Metrics/operation/GetData"), &headers, body.clone()).await;
    assert_eq!(raw.status, 404);
    assert_eq!(raw.headers.get("smithy-protocol").unwrap(), "rpc-v2-cbor");
    assert_eq!(raw.headers.get("content-type").unwrap(), "application/cbor");
    let error: serde_json::Value = cbor::from_slice(&raw.body).unwrap();
    assert_eq!(error["__type"], "example.metrics#NotFoundError");
    assert_eq!(error["message"], "no series `missing`");

    // A path prefix and the namespaced service name reach the operation too.
    let raw = raw_request("POST", &format!("{url}/prefix/service/example.metrics.Metrics/operation/GetData"), &headers, body.clone()).await;
    assert_eq!(raw.status, 404, "{:?}", String::from_utf8_lossy(&raw.body));

    // The protocol's rules: its header, no X-Amz-Target, POST, its media type.
    let get = raw_request("GET", &format!("{url}/service/Metrics/operation/GetData"), &headers, Vec::new()).await;
    assert_eq!(get.status, 405);
    let no_protocol = raw_request("POST", &format!("{url}/service/Metrics/operation/GetData"), &headers[1..], body.clone()).await;
    assert_eq!(no_protocol.status, 400);
    let targeted = [headers.as_slice(), &[("x-amz-target", "Metrics.GetData")]].concat();
    assert_eq!(raw_request("POST", &format!("{url}/service/Metrics/operation/GetData"), &targeted, body.clone()).await.status, 400);
    let json = [("smithy-protocol", "rpc-v2-cbor"), ("content-type", "application/json")];
    assert_eq!(raw_request("POST", &format!("{url}/service/Metrics/operation/GetData"), &json, body.clone()).await.status, 415);
    let unknown = raw_request("POST", &format!("{url}/service/Metrics/operation/Nope"), &headers, body.clone()).await;
    assert_eq!(unknown.status, 400);
    let elsewhere = raw_request("POST", &format!("{url}/service/Other/operation/GetData"), &headers, body).await;
    assert_eq!(elsewhere.status, 404);
    let error: serde_json::Value = cbor::from_slice(&elsewhere.body).unwrap();
    assert_eq!(error["__type"], "UnknownOperationException");
}

#[tokio::test]
async fn modeled_errors_framework_errors_and_retries() {
    let store = Store::default();
    let (client, _) = start(store.clone()).await;
    let e = client.put_data().namespace("n").points(vec![point("s", 1.0, -1.0)]).send().await.unwrap_err();
    match &e {
        PutDataError::InvalidPointError(error) => assert_eq!((error.message(), error.index), (Some("values must not be negative"), Some(0))),
        other => panic!("expected InvalidPointError, found {other:?}"),
    }
    assert_eq!(e.status(), Some(400));
    let e = client.get_data().namespace("n").series("missing").start(time(0.0)).end(time(1.0)).send().await.unwrap_err();
    assert!(matches!(e, GetDataError::NotFoundError(_)), "{e:?}");
    // Validation: the framework's ValidationException, as rpcv2Cbor writes it.
    let e = client.put_data().namespace("bad name!").set_points(Some(Vec::new())).send().await.unwrap_err();
    assert_eq!(e.code(), Some("ValidationException"));
    assert!(e.message().unwrap().contains("'/namespace' failed to satisfy constraint"), "{e}");
    // The throttled first ping is retried.
    client.ping().send().await.unwrap();
    assert_eq!(*store.pings.lock().unwrap(), 2);
}

#[tokio::test]
async fn pages_follow_the_token() {
    let (client, _) = start(Store::default()).await;
    let points: Vec<DataPoint> = (0..5).map(|i| point(&format!("s{i}"), 1.0, 1.0)).collect();
    client.put_data().namespace("n").set_points(Some(points)).send().await.unwrap();
    let pages = client.list_series().into_paginator().page_size(2).send().try_collect().await.unwrap();
    assert_eq!(pages.len(), 3);
    let names: Vec<String> = client.list_series().into_paginator().items().try_collect().await.unwrap().into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["s0", "s1", "s2", "s3", "s4"]);
}

/// Hostile and broken bodies: each must be answered with a 4xx that says
/// what is wrong, never a 5xx, and the server must go on serving.
fn hostile_bodies() -> Vec<(&'static str, Vec<u8>)> {
    let map = |entries: &[u8]| [&[0xbf][..], entries, &[0xff]].concat();
    vec![
        // A text string declaring 4 GiB, with three bytes behind it.
        ("a declared length far beyond the body", map(&[0x69, b'n', b'a', b'm', b'e', b's', b'p', b'a', b'c', b'e', 0x7b, 0, 0, 0, 1, 0, 0, 0, 0, b'a', b'b', b'c'])),
        ("an array declaring 2^63 items", map(&[0x66, b'p', b'o', b'i', b'n', b't', b's', 0x9b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])),
        ("100k-deep nesting", [vec![0x81; 100_000], vec![0x01]].concat()),
        ("100k-deep nesting in a member", map(&[&[0x61, b'x'][..], &[0x9f; 100_000]].concat())),
        ("an endless indefinite-length array", vec![0x9f; 50_000]),
        ("an endless indefinite-length string", [vec![0xbf, 0x7f], [0x61, b'a'].repeat(20_000)].concat()),
        ("a tag on a member name", map(&[0xc1, 0x69, b'n', b'a', b'm', b'e', b's', b'p', b'a', b'c', b'e', 0x61, b'n'])),
        ("a bignum where text belongs", map(&[0x69, b'n', b'a', b'm', b'e', b's', b'p', b'a', b'c', b'e', 0xc2, 0x41, 0x01])),
        ("invalid UTF-8 in text", map(&[0x69, b'n', b'a', b'm', b'e', b's', b'p', b'a', b'c', b'e', 0x62, 0xc3, 0x28])),
        ("a repeated member", map(&[0x69, b'n', b'a', b'm', b'e', b's', b'p', b'a', b'c', b'e', 0x61, b'a', 0x69, b'n', b'a', b'm', b'e', b's', b'p', b'a', b'c', b'e', 0x61, b'b'])),
        ("a truncated item", vec![0xbf, 0x69, b'n', b'a', b'm', b'e']),
        ("a lone break", vec![0xff]),
        ("a reserved initial byte", vec![0x1c]),
        ("trailing bytes", [map(&[]), vec![0x00]].concat()),
        ("not CBOR at all", b"{\"namespace\": \"n\"}".to_vec()),
    ]
}

#[tokio::test]
async fn hostile_bodies_get_a_clear_400_and_the_server_keeps_serving() {
    let (client, url) = start(Store::default()).await;
    let headers = [("smithy-protocol", "rpc-v2-cbor"), ("content-type", "application/cbor")];
    for (what, body) in hostile_bodies() {
        let raw = raw_request("POST", &format!("{url}/service/Metrics/operation/PutData"), &headers, body).await;
        assert_eq!(raw.status, 400, "{what}: {:?}", String::from_utf8_lossy(&raw.body));
        let error: serde_json::Value = cbor::from_slice(&raw.body).unwrap_or_else(|e| panic!("{what}: the error is not CBOR: {e}"));
        let message = error["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty() && error["__type"] == "SerializationException", "{what}: {error}");
    }
    client.put_data().namespace("n").points(vec![point("s", 1.0, 1.0)]).send().await.unwrap();
}

/// Random damage to valid bodies: truncations, flipped bytes and spliced
/// headers, sent to the router in process; every answer is a 2xx or a 4xx.
fn fuzz(cases: usize, seed: u64) {
    smithy_runtime::protocol_test::run(async {
        let router = metrics_cbor::server::router(Store::default());
        let input = PutDataInput::builder().namespace("n").points(vec![point("s", 1_700_000_000.5, 2.0)]).build();
        let valid = cbor::to_vec(&input).unwrap();
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut statuses = std::collections::BTreeMap::new();
        for _ in 0..cases {
            let mut body = valid.clone();
            for _ in 0..rng.usize(1..4) {
                match rng.u8(0..4) {
                    0 => body.truncate(rng.usize(0..=body.len())),
                    1 if !body.is_empty() => {
                        let i = rng.usize(0..body.len());
                        body[i] = rng.u8(..);
                    }
                    2 => {
                        // A head with a huge or indefinite argument.
                        let i = rng.usize(0..=body.len());
                        let head = [rng.u8(0..8) << 5 | rng.choice([27u8, 31, 26]).unwrap()];
                        body.splice(i..i, head.iter().copied().chain((0..8).map(|_| rng.u8(..))));
                    }
                    _ => {
                        let i = rng.usize(0..=body.len());
                        body.splice(i..i, std::iter::repeat_n(rng.choice([0x81u8, 0x9f, 0xbf, 0xc1]).unwrap(), rng.usize(1..300)));
                    }
                }
            }
            let request = smithy_runtime::protocol_test::request(
                "POST",
                "/service/Metrics/operation/PutData",
                None,
                &[("smithy-protocol", "rpc-v2-cbor"), ("content-type", "application/cbor")],
                &body,
            );
            let response = smithy_runtime::protocol_test::call(router.clone(), request).await;
            let status = response.status().as_u16();
            assert!(status < 500, "a damaged body got {status}: {:?}\nbody: {body:02x?}", response.body());
            *statuses.entry(status).or_insert(0usize) += 1;
        }
        eprintln!("cbor fuzz: {cases} bodies, seed {seed}, by status {statuses:?}");
    });
}

#[test]
fn damaged_bodies_never_get_a_5xx() {
    fuzz(3_000, 26);
}

/// The long run: `cargo test -p integration-tests --test rpc_v2 -- --ignored`.
#[test]
#[ignore = "long: 100,000 damaged bodies"]
fn damaged_bodies_never_get_a_5xx_long() {
    fuzz(100_000, 2026);
}
