//! Real CloudWatch clients against a generated CloudWatch server backed by
//! a small in-memory service: boto3 and the AWS CLI, given CloudWatch's
//! model with Smithy RPC v2 CBOR as its only protocol (botocore ranks
//! awsJson first when a service offers both), and this crate's own
//! generated client, whose answers are compared with boto3's. Covered: timestamps both ways
//! (CBOR tag 1), doubles, lists of structures, enums, pagination on both
//! clients, and modeled errors of a query-compatible service, which boto3
//! raises as their own classes under their awsQuery codes.

#[cfg(not(botocore))]
#[test]
fn skipped_without_botocore() {
    use std::io::Write as _;
    // Past the harness's capture, so `cargo test` shows it.
    let _ = std::io::stderr().write_all(b"skipped: peer-cloudwatch: python3 cannot import botocore, so the crate was not generated (pip install botocore)\n");
}

#[cfg(botocore)]
mod peers {
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    use integration_tests::{aws_cli_with_env, boto3_script_with_env, serve_router};
    use peer_cloudwatch::client::{Client, Credentials, RetryConfig};
    use peer_cloudwatch::error::{
        DescribeAlarmsError, GetMetricDataError, ListMetricsError, ProvideErrorMetadata, PutMetricAlarmError,
        PutMetricDataError,
    };
    use peer_cloudwatch::server::{router, CloudWatch, RequestContext};
    use peer_cloudwatch::types::{self as cw, ScanBy, StateValue, Statistic, StatusCode};
    use smithy_runtime::DateTime;

    /// ListMetrics answers this many metrics a page (CloudWatch: 500).
    const METRICS_PAGE: usize = 2;
    /// DescribeAlarms' page when the caller names none (CloudWatch: 50).
    const ALARMS_PAGE: usize = 50;
    /// The most alarms the service keeps.
    const MAX_ALARMS: usize = 100;
    /// CloudWatch refuses values beyond ±2^360.
    const MAX_VALUE: f64 = 2.348_542_582_773_833_3e108;
    /// When the service says alarms were updated, so that both clients see
    /// one time.
    const UPDATED: i64 = 1_764_590_400; // 2025-12-01T12:00:00Z

    /// One data point: its time, value and how many samples it stands for.
    #[derive(Clone, Copy, Debug)]
    struct Point {
        at: DateTime,
        value: f64,
        count: f64,
    }

    /// A metric (dimensions sorted by name) and its points.
    #[derive(Debug)]
    struct Series {
        metric: cw::Metric,
        points: Vec<Point>,
    }

    /// An in-memory CloudWatch: metric series and metric alarms.
    #[derive(Default)]
    struct LocalCloudWatch {
        series: Mutex<Vec<Series>>,
        alarms: Mutex<Vec<cw::MetricAlarm>>,
    }

    fn metric(namespace: &str, name: &str, dimensions: Option<Vec<cw::Dimension>>) -> cw::Metric {
        let mut dimensions = dimensions.unwrap_or_default();
        dimensions.sort_by(|a, b| a.name.cmp(&b.name));
        cw::Metric::builder().namespace(namespace).metric_name(name).dimensions(dimensions).build()
    }

    fn invalid_value(message: String) -> cw::InvalidParameterValueException {
        cw::InvalidParameterValueException::builder().message(message).build()
    }

    /// The points a datum stands for: its value, or its values with their
    /// counts.
    fn points(datum: &cw::MetricDatum, at: DateTime, index: usize) -> Result<Vec<Point>, cw::InvalidParameterValueException> {
        let values: Vec<(f64, f64)> = match (&datum.value, &datum.values) {
            (Some(value), None) => vec![(*value, 1.0)],
            (None, Some(values)) => {
                let counts = datum.counts.clone().unwrap_or_else(|| vec![1.0; values.len()]);
                if counts.len() != values.len() {
                    return Err(invalid_value(format!(
                        "The parameters MetricData.member.{index}.Values and MetricData.member.{index}.Counts must be of the same size."
                    )));
                }
                values.iter().copied().zip(counts).collect()
            }
            _ => {
                return Err(invalid_value(format!(
                    "Exactly one of MetricData.member.{index}.Value and MetricData.member.{index}.Values must be given."
                )))
            }
        };
        values
            .into_iter()
            .map(|(value, count)| {
                if value.is_finite() && value.abs() <= MAX_VALUE {
                    Ok(Point { at, value, count })
                } else {
                    Err(invalid_value(format!("The value {value:e} for parameter MetricData.member.{index}.Value is invalid.")))
                }
            })
            .collect()
    }

    /// The statistics this service computes (CloudWatch has percentiles
    /// and more).
    const STATISTICS: &[&str] = &["SampleCount", "Sum", "Average", "Minimum", "Maximum"];

    /// `stat`, one of [`STATISTICS`], of some `points`.
    fn statistic(stat: &str, points: &[Point]) -> f64 {
        let samples: f64 = points.iter().map(|p| p.count).sum();
        let sum: f64 = points.iter().map(|p| p.value * p.count).sum();
        let values = points.iter().map(|p| p.value);
        match stat {
            "SampleCount" => samples,
            "Sum" => sum,
            "Average" => sum / samples,
            "Minimum" => values.fold(f64::INFINITY, f64::min),
            _ => values.fold(f64::NEG_INFINITY, f64::max),
        }
    }

    /// The position a `NextToken` stands for: what [`page`] wrote.
    fn position(token: Option<&str>) -> Option<usize> {
        token.map_or(Some(0), |token| token.strip_prefix("page-")?.parse().ok())
    }

    /// The page of `found` from `start`, `size` long, and the `NextToken`
    /// of the next one, if any.
    fn page<T: Clone>(found: &[&T], start: usize, size: usize) -> (Vec<T>, Option<String>) {
        let page: Vec<T> = found.iter().skip(start).take(size).map(|item| (*item).clone()).collect();
        let next = start + page.len();
        (page, (next < found.len()).then(|| format!("page-{next}")))
    }

    impl CloudWatch for LocalCloudWatch {
        async fn put_metric_data(&self, input: cw::PutMetricDataInput, _: RequestContext) -> Result<(), PutMetricDataError> {
            let namespace = input.namespace.unwrap_or_default();
            let mut stored = Vec::new();
            for (i, datum) in input.metric_data.unwrap_or_default().iter().enumerate() {
                let at = datum.timestamp.unwrap_or_else(DateTime::now);
                let points = points(datum, at, i + 1).map_err(PutMetricDataError::InvalidParameterValueException)?;
                stored.push((metric(&namespace, &datum.metric_name, datum.dimensions.clone()), points));
            }
            let mut series = self.series.lock().unwrap();
            for (metric, points) in stored {
                match series.iter_mut().find(|s| s.metric == metric) {
                    Some(found) => found.points.extend(points),
                    None => series.push(Series { metric, points }),
                }
            }
            Ok(())
        }

        async fn list_metrics(&self, input: cw::ListMetricsInput, _: RequestContext) -> Result<cw::ListMetricsOutput, ListMetricsError> {
            let start = position(input.next_token.as_deref()).ok_or_else(|| {
                ListMetricsError::InvalidParameterValueException(invalid_value("The NextToken is not valid.".to_owned()))
            })?;
            let filters = input.dimensions.unwrap_or_default();
            let series = self.series.lock().unwrap();
            let mut found: Vec<&cw::Metric> = series
                .iter()
                .map(|s| &s.metric)
                .filter(|m| input.namespace.is_none() || m.namespace == input.namespace)
                .filter(|m| input.metric_name.is_none() || m.metric_name == input.metric_name)
                .filter(|m| {
                    let dimensions = m.dimensions.as_deref().unwrap_or_default();
                    filters.iter().all(|f| dimensions.iter().any(|d| d.name == f.name && f.value.as_ref().is_none_or(|v| *v == d.value)))
                })
                .collect();
            found.sort_by(|a, b| (&a.namespace, &a.metric_name).cmp(&(&b.namespace, &b.metric_name)));
            let (metrics, next_token) = page(&found, start, METRICS_PAGE);
            Ok(cw::ListMetricsOutput::builder().metrics(metrics).set_next_token(next_token).build())
        }

        async fn get_metric_data(&self, input: cw::GetMetricDataInput, _: RequestContext) -> Result<cw::GetMetricDataOutput, GetMetricDataError> {
            if input.next_token.is_some() {
                let message = "This service answers every query in one page.";
                return Err(GetMetricDataError::InvalidNextToken(cw::InvalidNextToken::builder().message(message).build()));
            }
            let (start, end) = (input.start_time.unwrap_or(DateTime::from_secs(0)), input.end_time.unwrap_or_else(DateTime::now));
            let ascending = input.scan_by == Some(ScanBy::TimestampAscending);
            let series = self.series.lock().unwrap();
            let mut results = Vec::new();
            for query in input.metric_data_queries.unwrap_or_default() {
                let Some(stat) = query.metric_stat else { continue };
                let wanted = metric(
                    stat.metric.namespace.as_deref().unwrap_or_default(),
                    stat.metric.metric_name.as_deref().unwrap_or_default(),
                    stat.metric.dimensions.clone(),
                );
                let label = query.label.clone().or(wanted.metric_name.clone());
                let result = cw::MetricDataResult::builder().id(query.id).set_label(label);
                if !STATISTICS.contains(&stat.stat.as_str()) {
                    let message = cw::MessageData::builder().code("InvalidStatistic").value(format!("{} is not computed here.", stat.stat));
                    results.push(result.status_code(StatusCode::InternalError).messages(vec![message.build()]).build());
                    continue;
                }
                // The points of each period holding any, by the period's start.
                let period = i64::from(stat.period.max(1));
                let mut periods: BTreeMap<i64, Vec<Point>> = BTreeMap::new();
                let points = series.iter().filter(|s| s.metric == wanted).flat_map(|s| &s.points);
                for point in points.filter(|p| p.at >= start && p.at < end) {
                    let offset = (point.at.secs() - start.secs()) / period * period;
                    periods.entry(start.secs() + offset).or_default().push(*point);
                }
                let mut stats: Vec<(DateTime, f64)> =
                    periods.iter().map(|(at, points)| (DateTime::from_secs(*at), statistic(&stat.stat, points))).collect();
                if !ascending {
                    stats.reverse();
                }
                let (timestamps, values): (Vec<DateTime>, Vec<f64>) = stats.into_iter().unzip();
                results.push(result.timestamps(timestamps).values(values).status_code(StatusCode::Complete).build());
            }
            Ok(cw::GetMetricDataOutput::builder().metric_data_results(results).build())
        }

        async fn put_metric_alarm(&self, input: cw::PutMetricAlarmInput, _: RequestContext) -> Result<(), PutMetricAlarmError> {
            let name = input.alarm_name.unwrap_or_default();
            let alarm = cw::MetricAlarm::builder()
                .alarm_arn(format!("arn:aws:cloudwatch:us-east-1:123456789012:alarm:{name}"))
                .alarm_name(&name)
                .set_alarm_description(input.alarm_description)
                .actions_enabled(input.actions_enabled.unwrap_or(true))
                .set_metric_name(input.metric_name)
                .set_namespace(input.namespace)
                .set_statistic(input.statistic)
                .dimensions(input.dimensions.unwrap_or_default())
                .set_period(input.period)
                .set_unit(input.unit)
                .set_evaluation_periods(input.evaluation_periods)
                .set_threshold(input.threshold)
                .set_comparison_operator(input.comparison_operator)
                .state_value(StateValue::InsufficientData)
                .state_reason("Unchecked: Initial alarm creation")
                .alarm_configuration_updated_timestamp(DateTime::from_secs(UPDATED))
                .state_updated_timestamp(DateTime::from_secs(UPDATED))
                .build();
            let mut alarms = self.alarms.lock().unwrap();
            let count = alarms.len();
            match alarms.iter_mut().find(|a| a.alarm_name.as_deref() == Some(name.as_str())) {
                Some(existing) => *existing = alarm,
                None if count >= MAX_ALARMS => {
                    let message = format!("The maximum number of alarms ({MAX_ALARMS}) has been reached.");
                    return Err(PutMetricAlarmError::LimitExceededFault(cw::LimitExceededFault::builder().message(message).build()));
                }
                None => alarms.push(alarm),
            }
            Ok(())
        }

        async fn describe_alarms(&self, input: cw::DescribeAlarmsInput, _: RequestContext) -> Result<cw::DescribeAlarmsOutput, DescribeAlarmsError> {
            let start = position(input.next_token.as_deref()).ok_or_else(|| {
                let message = "The service cannot parse the NextToken.";
                DescribeAlarmsError::InvalidNextToken(cw::InvalidNextToken::builder().message(message).build())
            })?;
            let alarms = self.alarms.lock().unwrap();
            let mut found: Vec<&cw::MetricAlarm> = alarms
                .iter()
                .filter(|a| {
                    let name = a.alarm_name.as_deref().unwrap_or_default();
                    input.alarm_names.as_ref().is_none_or(|names| names.iter().any(|n| n == name))
                        && input.alarm_name_prefix.as_ref().is_none_or(|prefix| name.starts_with(prefix.as_str()))
                        && input.state_value.as_ref().is_none_or(|state| a.state_value.as_ref() == Some(state))
                })
                .collect();
            found.sort_by(|a, b| a.alarm_name.cmp(&b.alarm_name));
            let size = input.max_records.map_or(ALARMS_PAGE, |n| usize::try_from(n).unwrap_or(ALARMS_PAGE));
            let (alarms, next_token) = page(&found, start, size);
            Ok(cw::DescribeAlarmsOutput::builder().metric_alarms(alarms).set_next_token(next_token).build())
        }
    }

    /// What boto3 does: writes points of three metrics (values with counts
    /// among them) and three alarms, then reads them back page by page, and
    /// meets three modeled errors.
    const BOTO3: &str = r#"
import datetime, json, sys, boto3
cw = boto3.client("cloudwatch", endpoint_url=sys.argv[1], region_name="us-east-1",
                  aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret")
t0 = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.timezone.utc)
at = lambda s: t0 + datetime.timedelta(seconds=s)
web1 = [{"Name": "Host", "Value": "web-1"}, {"Name": "Az", "Value": "us-east-1a"}]
web2 = [{"Name": "Host", "Value": "web-2"}]
cw.put_metric_data(Namespace="Shop", MetricData=[
    {"MetricName": "Latency", "Dimensions": web1, "Timestamp": at(s), "Value": v, "Unit": "Milliseconds"}
    for s, v in [(0, 12.5), (30, 7.5), (60, 20.0), (90.5, 0.25)]
] + [
    {"MetricName": "Latency", "Dimensions": web2, "Timestamp": at(10), "Value": 99.0},
    {"MetricName": "Orders", "Timestamp": at(5), "Values": [1.0, 2.5], "Counts": [3.0, 2.0]},
])
cw.put_metric_data(Namespace="Other", MetricData=[{"MetricName": "Queue", "Value": 1.0}])
pages = [[[m["MetricName"], m.get("Dimensions", [])] for m in p["Metrics"]]
         for p in cw.get_paginator("list_metrics").paginate(Namespace="Shop")]
data = cw.get_metric_data(
    MetricDataQueries=[
        {"Id": "avg", "MetricStat": {"Metric": {"Namespace": "Shop", "MetricName": "Latency", "Dimensions": web1},
                                     "Period": 60, "Stat": "Average"}},
        {"Id": "orders", "Label": "orders placed",
         "MetricStat": {"Metric": {"Namespace": "Shop", "MetricName": "Orders"}, "Period": 300, "Stat": "Sum"}},
    ],
    StartTime=t0, EndTime=at(300), ScanBy="TimestampAscending")
results = {r["Id"]: {"label": r["Label"], "status": r["StatusCode"], "values": r["Values"],
                     "timestamps": [t.isoformat() for t in r["Timestamps"]]}
           for r in data["MetricDataResults"]}
for i in range(3):
    cw.put_metric_alarm(AlarmName=f"latency-{i}", MetricName="Latency", Namespace="Shop", Dimensions=web2,
                        Statistic="Average", Period=60, EvaluationPeriods=2, Threshold=10.0 * (i + 1),
                        ComparisonOperator="GreaterThanThreshold", AlarmDescription="slow pages")
alarm_pages = [[a["AlarmName"] for a in p["MetricAlarms"]]
               for p in cw.get_paginator("describe_alarms").paginate(AlarmNamePrefix="latency-",
                                                                       PaginationConfig={"PageSize": 2})]
alarm = cw.describe_alarms(AlarmNames=["latency-1"])["MetricAlarms"][0]
alarm = {k: alarm[k] for k in ["AlarmArn", "Threshold", "StateValue", "Statistic", "ComparisonOperator",
                               "EvaluationPeriods", "ActionsEnabled", "Dimensions"]} | {
    "updated": alarm["AlarmConfigurationUpdatedTimestamp"].isoformat()}

def raised(call, kind):
    try:
        call()
    except kind as e:
        return {"class": type(e).__name__, "code": e.response["Error"]["Code"],
                "message": e.response["Error"]["Message"],
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None

errors = {
    "token": raised(lambda: cw.describe_alarms(NextToken="nonsense"), cw.exceptions.InvalidNextToken),
    "value": raised(lambda: cw.put_metric_data(Namespace="Shop", MetricData=[{"MetricName": "Latency", "Value": 1e200}]),
                    cw.exceptions.InvalidParameterValueException),
    "data_token": raised(lambda: cw.get_metric_data(MetricDataQueries=[], StartTime=t0, EndTime=at(60), NextToken="x"),
                         cw.exceptions.InvalidNextToken),
}
print(json.dumps({"pages": pages, "results": results, "alarm_pages": alarm_pages, "alarm": alarm, "errors": errors}))
"#;

    /// Writes botocore's CloudWatch model with rpcv2Cbor as its only
    /// protocol into a botocore data folder (`AWS_DATA_PATH`), where boto3
    /// and the AWS CLI find it before their own, as they would any model a
    /// user supplies: botocore ranks awsJson above rpcv2Cbor whatever order
    /// a service lists them in, and this server speaks rpcv2Cbor only.
    const CBOR_ONLY: &str = r#"
import json, os, sys, botocore.loaders
model = botocore.loaders.Loader().load_service_model("cloudwatch", "service-2")
model["metadata"]["protocols"] = ["smithy-rpc-v2-cbor"]
folder = os.path.join(sys.argv[1], "cloudwatch", model["metadata"]["apiVersion"])
os.makedirs(folder, exist_ok=True)
with open(os.path.join(folder, "service-2.json"), "w") as f:
    json.dump(model, f)
"#;

    fn client(url: &str) -> Client {
        Client::builder()
            .endpoint_url(url)
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
            .retry_config(RetryConfig::disabled())
            .build()
    }

    fn iso(t: DateTime) -> String {
        t.to_string()
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn boto3_the_aws_cli_and_the_generated_client_against_a_generated_server() {
        if !integration_tests::python_module_installed("boto3") {
            return;
        }
        let url = serve_router(router(LocalCloudWatch::default())).await;
        let data = std::env::temp_dir().join(format!("peer-cloudwatch-{}", std::process::id()));
        let written = std::process::Command::new("python3").args(["-c", CBOR_ONLY]).arg(&data).output().expect("python3 runs");
        assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
        let data_path = data.to_str().expect("a UTF-8 temporary folder");
        let env = [("AWS_DATA_PATH", data_path)];
        let seen = boto3_script_with_env(BOTO3, url.clone(), &env).await;

        // Dimensions come back sorted by name; two metrics a page.
        let web1 = serde_json::json!([{"Name": "Az", "Value": "us-east-1a"}, {"Name": "Host", "Value": "web-1"}]);
        let web2 = serde_json::json!([{"Name": "Host", "Value": "web-2"}]);
        assert_eq!(
            seen["pages"],
            serde_json::json!([[["Latency", web1], ["Latency", web2]], [["Orders", []]]]),
            "{seen}"
        );
        // Averages of (12.5, 7.5) and (20, 0.25); 3 × 1 + 2 × 2.5.
        assert_eq!(
            seen["results"],
            serde_json::json!({
                "avg": {"label": "Latency", "status": "Complete", "values": [10.0, 10.125],
                        "timestamps": ["2026-12-01T12:00:00+00:00", "2026-12-01T12:01:00+00:00"]},
                "orders": {"label": "orders placed", "status": "Complete", "values": [8.0],
                           "timestamps": ["2026-12-01T12:00:00+00:00"]},
            }),
            "{seen}"
        );
        assert_eq!(seen["alarm_pages"], serde_json::json!([["latency-0", "latency-1"], ["latency-2"]]), "{seen}");
        assert_eq!(
            seen["alarm"],
            serde_json::json!({
                "AlarmArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:latency-1", "Threshold": 20.0,
                "StateValue": "INSUFFICIENT_DATA", "Statistic": "Average", "ComparisonOperator": "GreaterThanThreshold",
                "EvaluationPeriods": 2, "ActionsEnabled": true, "Dimensions": web2,
                "updated": "2025-12-01T12:00:00+00:00",
            }),
            "{seen}"
        );
        // A query-compatible service: boto3 reads each error's awsQuery code
        // from `x-amzn-query-error` and raises the modeled class.
        let errors = &seen["errors"];
        assert_eq!(errors["token"]["class"], "InvalidNextToken", "{seen}");
        assert_eq!(errors["token"]["code"], "InvalidNextToken", "{seen}");
        assert_eq!(errors["token"]["message"], "The service cannot parse the NextToken.", "{seen}");
        assert_eq!(errors["token"]["status"], 400, "{seen}");
        assert_eq!(errors["value"]["class"], "InvalidParameterValueException", "{seen}");
        assert_eq!(errors["value"]["code"], "InvalidParameterValue", "{seen}");
        assert_eq!(errors["value"]["message"], "The value 1e200 for parameter MetricData.member.1.Value is invalid.", "{seen}");
        assert_eq!(errors["value"]["status"], 400, "{seen}");
        assert_eq!(errors["data_token"]["class"], "InvalidNextToken", "{seen}");

        // The AWS CLI reads what boto3 wrote, following ListMetrics' pages.
        let out = aws_cli_with_env(&url, "cloudwatch", &["describe-alarms", "--alarm-names", "latency-2"], &env).await;
        assert!(out.status.success(), "aws failed: {}", String::from_utf8_lossy(&out.stderr));
        let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(answer["MetricAlarms"][0]["Threshold"], 30.0, "{answer}");
        assert_eq!(answer["MetricAlarms"][0]["AlarmDescription"], "slow pages", "{answer}");
        let out = aws_cli_with_env(&url, "cloudwatch", &["list-metrics", "--namespace", "Shop"], &env).await;
        assert!(out.status.success(), "aws failed: {}", String::from_utf8_lossy(&out.stderr));
        let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let names: Vec<&str> = answer["Metrics"].as_array().unwrap().iter().filter_map(|m| m["MetricName"].as_str()).collect();
        assert_eq!(names, ["Latency", "Latency", "Orders"], "{answer}");
        std::fs::remove_dir_all(&data).unwrap();

        // The generated client reads the same server and sees what boto3 saw.
        let client = client(&url);
        let mut pages = client.list_metrics().namespace("Shop").into_paginator().send();
        let mut listed = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.unwrap().metrics.unwrap_or_default();
            listed.push(page.iter().map(|m| m.metric_name.clone().unwrap_or_default()).collect::<Vec<_>>());
        }
        assert_eq!(listed, [vec!["Latency", "Latency"], vec!["Orders"]]);

        let t0 = DateTime::parse("2026-12-01T12:00:00Z").unwrap();
        let query = cw::MetricDataQuery::builder()
            .id("avg")
            .metric_stat(
                cw::MetricStat::builder()
                    .metric(
                        cw::Metric::builder()
                            .namespace("Shop")
                            .metric_name("Latency")
                            .dimensions(vec![
                                cw::Dimension::builder().name("Host").value("web-1").build().unwrap(),
                                cw::Dimension::builder().name("Az").value("us-east-1a").build().unwrap(),
                            ])
                            .build(),
                    )
                    .period(60)
                    .stat("Average")
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap();
        let data = client
            .get_metric_data()
            .metric_data_queries(vec![query])
            .start_time(t0)
            .end_time(DateTime::from_secs(t0.secs() + 300))
            .scan_by(ScanBy::TimestampAscending)
            .send()
            .await
            .unwrap();
        let result = &data.metric_data_results.unwrap()[0];
        let timestamps: Vec<String> = result.timestamps.clone().unwrap().into_iter().map(iso).collect();
        let expected = &seen["results"]["avg"];
        assert_eq!(result.values.as_ref().map(|v| serde_json::json!(v)), Some(expected["values"].clone()));
        assert_eq!(timestamps, ["2026-12-01T12:00:00Z", "2026-12-01T12:01:00Z"]);
        assert_eq!(result.status_code, Some(StatusCode::Complete));

        let alarms = client.describe_alarms().alarm_names(vec!["latency-1".to_owned()]).send().await.unwrap();
        let alarm = &alarms.metric_alarms.unwrap()[0];
        assert_eq!(alarm.alarm_arn.as_deref(), seen["alarm"]["AlarmArn"].as_str());
        assert_eq!(alarm.threshold, seen["alarm"]["Threshold"].as_f64());
        assert_eq!(alarm.statistic, Some(Statistic::Average));
        assert_eq!(alarm.state_value, Some(StateValue::InsufficientData));
        assert_eq!(alarm.alarm_configuration_updated_timestamp.map(iso).as_deref(), Some("2025-12-01T12:00:00Z"));

        let err = client.describe_alarms().next_token("nonsense").send().await.unwrap_err();
        assert!(matches!(err, DescribeAlarmsError::InvalidNextToken(_)), "{err:?}");
        assert_eq!(err.message(), errors["token"]["message"].as_str());
        assert_eq!(err.status(), Some(400));
        let datum = cw::MetricDatum::builder().metric_name("Latency").value(1e200).build().unwrap();
        let err = client.put_metric_data().namespace("Shop").metric_data(vec![datum]).send().await.unwrap_err();
        assert!(matches!(err, PutMetricDataError::InvalidParameterValueException(_)), "{err:?}");
        assert_eq!(err.message(), errors["value"]["message"].as_str());
    }
}
