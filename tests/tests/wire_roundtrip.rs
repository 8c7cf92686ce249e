//! The generated CodeBuild types against JSON as CodeBuild sends it.

use codebuild::types::{
    Build, BuildPhaseType, EnvironmentVariable, EnvironmentVariableType, ProjectEnvironment, RetryBuildInput,
    RetryBuildOutput, StatusType,
};
use serde_json::{json, Value};

fn fixture() -> Value {
    serde_json::from_str(include_str!("../fixtures/build.json")).expect("fixture is JSON")
}

#[test]
fn full_build_round_trips_to_equal_json() {
    let original = fixture();
    let build: Build = serde_json::from_value(original.clone()).expect("fixture deserialises");
    let back = serde_json::to_value(&build).expect("serialises");
    assert_eq!(back, original);
}

#[test]
fn fixture_sets_every_member_it_claims() {
    let build: Build = serde_json::from_value(fixture()).unwrap();
    assert_eq!(build.build_status, Some(StatusType::Succeeded));
    assert!(build.build_complete);
    assert!(build.build_number.is_some_and(|n| n > 0));
    let phases = build.phases.as_ref().expect("phases");
    assert!(phases.iter().any(|p| p.phase_type == Some(BuildPhaseType::Build)));
    let start = build.start_time.expect("startTime");
    let end = build.end_time.expect("endTime");
    assert!(end > start, "timestamps decode as real date-times");
    let env = build.environment.as_ref().expect("environment");
    assert!(!env.image.is_empty());
}

#[test]
fn retry_build_output_wraps_the_build() {
    let wire = json!({ "build": fixture() });
    let out: RetryBuildOutput = serde_json::from_value(wire.clone()).unwrap();
    assert!(out.build.is_some());
    assert_eq!(serde_json::to_value(&out).unwrap(), wire);
}

#[test]
fn fractional_epoch_seconds_keep_milliseconds() {
    let build: Build = serde_json::from_value(json!({ "startTime": 1515531081.123 })).unwrap();
    let t = build.start_time.unwrap();
    assert_eq!(t.secs(), 1515531081);
    assert_eq!(t.subsec_nanos(), 123_000_000);
    assert_eq!(serde_json::to_value(&build).unwrap(), json!({ "startTime": 1515531081.123, "buildComplete": false }));
}

#[test]
fn whole_second_timestamps_are_written_as_integers() {
    let build: Build = serde_json::from_value(json!({ "endTime": 1700000000 })).unwrap();
    assert_eq!(serde_json::to_value(&build).unwrap()["endTime"], json!(1700000000));
}

#[test]
fn iso_8601_timestamps_are_read_too() {
    let build: Build = serde_json::from_value(json!({ "startTime": "2026-11-24T21:29:15.630Z" })).unwrap();
    let t = build.start_time.unwrap();
    assert_eq!(t.secs(), 1_795_555_755);
    assert_eq!(t.subsec_nanos(), 630_000_000);
}

#[test]
fn unknown_enum_value_survives_unchanged() {
    let build: Build = serde_json::from_value(json!({ "buildStatus": "PAUSED_BY_OPERATOR" })).unwrap();
    assert_eq!(build.build_status, Some(StatusType::Unknown("PAUSED_BY_OPERATOR".to_owned())));
    assert_eq!(serde_json::to_value(&build).unwrap()["buildStatus"], json!("PAUSED_BY_OPERATOR"));
}

#[test]
fn enum_conversions() {
    assert_eq!(StatusType::from("IN_PROGRESS"), StatusType::InProgress);
    assert_eq!(StatusType::InProgress.as_str(), "IN_PROGRESS");
    assert_eq!("TIMED_OUT".parse::<StatusType>().unwrap(), StatusType::TimedOut);
    assert_eq!(StatusType::Failed.to_string(), "FAILED");
    assert!(StatusType::VALUES.contains(&"STOPPED"));
}

#[test]
fn unknown_fields_are_ignored() {
    let build: Build =
        serde_json::from_value(json!({ "id": "p:1", "someFutureMember": { "nested": [1, 2] } })).unwrap();
    assert_eq!(build.id.as_deref(), Some("p:1"));
}

#[test]
fn missing_required_members_get_zero_values() {
    // `name` and `value` are required members of EnvironmentVariable.
    let var: EnvironmentVariable = serde_json::from_value(json!({ "type": "PLAINTEXT" })).unwrap();
    assert_eq!(var.name, "");
    assert_eq!(var.value, "");
    assert_eq!(var.r#type, Some(EnvironmentVariableType::Plaintext));
    let env: ProjectEnvironment = serde_json::from_value(json!({})).unwrap();
    assert_eq!(env.image, "");
}

#[test]
fn members_with_defaults_are_not_optional() {
    let build: Build = serde_json::from_value(json!({})).unwrap();
    assert!(!build.build_complete);
    assert_eq!(serde_json::to_value(&build).unwrap(), json!({ "buildComplete": false }));
}

#[test]
fn null_members_read_as_absent() {
    let build: Build = serde_json::from_value(json!({ "id": null, "phases": null })).unwrap();
    assert_eq!(build.id, None);
    assert_eq!(build.phases, None);
}

#[test]
fn wrong_types_are_errors_not_panics() {
    let err = serde_json::from_value::<Build>(json!({ "buildNumber": "seven" })).unwrap_err();
    assert!(err.to_string().contains("invalid type"), "{err}");
    let err = serde_json::from_value::<Build>(json!({ "startTime": "yesterday" })).unwrap_err();
    assert!(err.to_string().contains("yesterday"), "{err}");
}

#[test]
fn builders_construct_values() {
    let build = Build::builder()
        .id("my-project:1234")
        .build_status(StatusType::InProgress)
        .build_number(7_i64)
        .build_complete(false)
        .build();
    assert_eq!(build.id.as_deref(), Some("my-project:1234"));
    assert_eq!(
        serde_json::to_value(&build).unwrap(),
        json!({ "id": "my-project:1234", "buildStatus": "IN_PROGRESS", "buildNumber": 7, "buildComplete": false })
    );
}

#[test]
fn builders_check_required_members() {
    let err = EnvironmentVariable::builder().name("A").build().unwrap_err();
    assert_eq!(err.to_string(), "EnvironmentVariable: required member `value` was not set");
    let ok = EnvironmentVariable::builder().name("A").value("1").build().unwrap();
    assert_eq!(serde_json::to_value(&ok).unwrap(), json!({ "name": "A", "value": "1" }));
}

#[test]
fn retry_build_input_serialises_as_the_request_body() {
    let input = RetryBuildInput::builder().id("my-project:1234").idempotency_token("tok-1").build();
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({ "id": "my-project:1234", "idempotencyToken": "tok-1" })
    );
    let empty = RetryBuildInput::builder().build();
    assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
}
