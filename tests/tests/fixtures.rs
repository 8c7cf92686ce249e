//! Round trips of the fixture crates' wire forms: every shape kind and trait
//! (kitchen sink), recursive shapes, the naming obstacle course, and a
//! service with no operations.

use kitchen_sink::types::{Choice, Color, Everything, LegacySize, Level};
use serde_json::{json, Value};

fn everything_json() -> Value {
    json!({
        "blob": "aGVsbG8gd29ybGQ=",
        "boolean": true,
        "string": "text",
        "byte": -8,
        "short": 1600,
        "integer": -2000000,
        "long": 9007199254740993_i64,
        "float": 1.5,
        "double": "NaN",
        "bigInteger": 12345,
        "bigDecimal": 2.5,
        "epochSeconds": 1700000000.25,
        "dateTime": "2026-11-24T21:29:15.63Z",
        "httpDate": "Tue, 24 Nov 2026 21:29:15 GMT",
        "document": {"any": ["json", 1, null, {"deep": true}]},
        "color": "dark-green",
        "legacySize": "AWS::EC2::Instance",
        "level": 10,
        "list": ["a", "b"],
        "set": ["x"],
        "sparseList": ["a", null, "c"],
        "map": {"k": "v"},
        "sparseMap": {"one": 1, "none": null},
        "enumKeyed": {"red": 3},
        "timestamps": ["2026-11-24T21:29:15Z"],
        "blobs": {"b": "AAEC"},
        "choice": {"when": 1700000000},
        "nested": {"name": "n"},
        "defaultInt": 7,
        "defaultString": "s",
        "defaultColor": "red",
        "defaultTrue": false,
        "defaultTime": 1700000001.5,
        "defaultList": ["d"],
        "required": "r",
        "clientOptional": "c",
        "secret": "hunter2",
        "password": "p4ss",
        "old": "o"
    })
}

#[test]
fn every_shape_kind_round_trips() {
    let wire = everything_json();
    let value: Everything = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(value.blob.as_deref(), Some(b"hello world".as_slice()));
    assert!(value.double.unwrap().is_nan());
    assert_eq!(value.long, Some(9007199254740993));
    assert_eq!(value.big_integer.as_ref().unwrap().as_str(), "12345");
    assert_eq!(value.color, Some(Color::DarkGreen));
    assert_eq!(value.legacy_size, Some(LegacySize::AwsEc2Instance));
    assert_eq!(value.level, Some(Level::High));
    assert_eq!(value.sparse_list, Some(vec![Some("a".to_owned()), None, Some("c".to_owned())]));
    assert_eq!(value.sparse_map.as_ref().unwrap()["none"], None);
    assert_eq!(value.enum_keyed.as_ref().unwrap()[&Color::Red], 3);
    assert!(matches!(value.choice, Some(Choice::When(_))));
    assert_eq!(value.http_date.unwrap().secs(), 1_795_555_755);
    let back = serde_json::to_value(&value).unwrap();
    // NaN compares unequal to itself as a float but round-trips as the string.
    assert_eq!(back, wire);
}

#[test]
fn big_numbers_keep_every_digit() {
    let text = r#"{"bigInteger":123456789012345678901234567890,"bigDecimal":3.141592653589793238462643383279e-3,"required":"r"}"#;
    let value: Everything = serde_json::from_str(text).unwrap();
    assert_eq!(value.big_integer.as_ref().unwrap().as_str(), "123456789012345678901234567890");
    assert_eq!(value.big_decimal.as_ref().unwrap().as_str(), "3.141592653589793238462643383279e-3");
    let back = serde_json::to_string(&value).unwrap();
    assert!(back.contains(r#""bigInteger":123456789012345678901234567890"#), "{back}");
    assert!(back.contains(r#""bigDecimal":3.141592653589793238462643383279e-3"#), "{back}");
    assert!(serde_json::from_str::<Everything>(r#"{"bigInteger": 1.5}"#).is_err());
}

#[test]
fn defaults_fill_missing_members() {
    let value: Everything = serde_json::from_value(json!({"required": "r"})).unwrap();
    assert_eq!(value.default_int, 42);
    assert_eq!(value.default_string, "hello");
    assert_eq!(value.default_color, Color::Blue);
    assert!(value.default_true);
    assert!(value.default_list.is_empty());
    assert_eq!(value.default_time, smithy_runtime::DateTime::from_secs_and_nanos(1_731_000_000, 250_000_000).unwrap());
    assert_eq!(value.client_optional, None, "@clientOptional keeps a required member optional");
    let built = Everything::builder().required("r").build().unwrap();
    assert_eq!(built, value);
    let zero: Everything = serde_json::from_value(json!({})).unwrap();
    assert_eq!(zero.required, "", "a missing required member reads as the zero value");
}

#[test]
fn float_special_values_and_timestamp_formats() {
    for (wire, check) in [("Infinity", f64::INFINITY), ("-Infinity", f64::NEG_INFINITY)] {
        let v: Everything = serde_json::from_value(json!({"double": wire})).unwrap();
        assert_eq!(v.double, Some(check));
        assert_eq!(serde_json::to_value(&v).unwrap()["double"], json!(wire));
    }
    let v: Everything = serde_json::from_value(json!({"dateTime": 1700000000})).unwrap();
    assert_eq!(serde_json::to_value(&v).unwrap()["dateTime"], json!("2023-11-14T22:13:20Z"));
    let v: Everything = serde_json::from_value(json!({"httpDate": "2023-11-14T22:13:20Z"})).unwrap();
    assert_eq!(serde_json::to_value(&v).unwrap()["httpDate"], json!("Tue, 14 Nov 2023 22:13:20 GMT"));
    assert!(serde_json::from_value::<Everything>(json!({"double": "nan"})).is_err());
}

#[test]
fn unions_take_exactly_one_member() {
    let text: Choice = serde_json::from_value(json!({"text": "hi"})).unwrap();
    assert_eq!(text, Choice::Text("hi".to_owned()));
    assert_eq!(serde_json::to_value(&text).unwrap(), json!({"text": "hi"}));
    let unit: Choice = serde_json::from_value(json!({"nothing": {}})).unwrap();
    assert_eq!(unit, Choice::Nothing);
    assert_eq!(serde_json::to_value(&unit).unwrap(), json!({"nothing": {}}));
    let with_type: Choice = serde_json::from_value(json!({"__type": "Choice", "number": 4, "text": null})).unwrap();
    assert_eq!(with_type, Choice::Number(4));
    let unknown: Choice = serde_json::from_value(json!({"futureMember": [1]})).unwrap();
    assert_eq!(unknown, Choice::Unknown);
    assert!(serde_json::to_value(&unknown).is_err(), "Unknown cannot be sent");
    let two = serde_json::from_value::<Choice>(json!({"text": "a", "number": 1})).unwrap_err();
    assert!(two.to_string().contains("more than one member"), "{two}");
    assert!(serde_json::from_value::<Choice>(json!({})).is_err());
}

#[test]
fn enums_keep_unknown_values() {
    let v: Everything = serde_json::from_value(json!({"color": "ultraviolet", "level": 99, "legacySize": "2GB"})).unwrap();
    assert_eq!(v.color, Some(Color::Unknown("ultraviolet".to_owned())));
    assert_eq!(v.level, Some(Level::Unknown(99)));
    let back = serde_json::to_value(&v).unwrap();
    assert_eq!((back["color"].clone(), back["level"].clone(), back["legacySize"].clone()), (json!("ultraviolet"), json!(99), json!("2GB")));
    assert_eq!(LegacySize::from("1GB"), LegacySize::OneGb);
    assert_eq!(LegacySize::BytesSecond.as_str(), "Bytes/Second");
}

#[test]
fn sensitive_members_are_redacted_in_debug() {
    let v: Everything = serde_json::from_value(everything_json()).unwrap();
    let debug = format!("{v:?}");
    assert!(!debug.contains("hunter2") && !debug.contains("p4ss"), "{debug}");
    assert!(debug.contains("*** Sensitive Data Redacted ***"));
    assert!(debug.contains("text"), "other members still print");
    let builder = Everything::builder().secret("hunter2");
    assert!(!format!("{builder:?}").contains("hunter2"));
}

#[test]
fn mixins_apply_and_rename_shape_the_types() {
    // EchoInput takes requestToken and tags from its mixin.
    let input = kitchen_sink::types::EchoInput::builder()
        .request_token("t")
        .tags([("k".to_owned(), "v".to_owned())].into_iter().collect::<std::collections::HashMap<_, _>>())
        .payload(Everything::builder().required("r").build().unwrap())
        .build();
    let wire = serde_json::to_value(&input).unwrap();
    assert_eq!(wire["requestToken"], "t");
    // test.other#Everything is renamed by the service.
    let other = kitchen_sink::types::OtherEverything::builder().note("n").build();
    assert_eq!(serde_json::to_value(&other).unwrap(), json!({"note": "n"}));
}

#[test]
fn recursive_shapes_round_trip() {
    use recursion::types::{AttributeValue, Node, PutInput};
    let wire = json!({
        "item": {"k": {"M": {"inner": {"L": [{"S": "a"}, {"N": "1"}, {"B": "AAE="}, {"BOOL": true}, {"NULL": true}]}}}},
        "value": {"L": [{"L": [{"M": {}}]}]},
        "node": {"value": 1, "next": {"value": 2, "next": {"value": 3}}},
        "a": {"b": {"a": {"name": "deep"}, "choice": {"right": {"choice": {"left": {"name": "x"}}}}}}
    });
    let input: PutInput = serde_json::from_value(wire.clone()).unwrap();
    let node: &Node = input.node.as_ref().unwrap();
    assert_eq!(node.next.as_ref().unwrap().next.as_ref().unwrap().value, Some(3));
    assert!(matches!(&input.value, Some(AttributeValue::L(items)) if items.len() == 1));
    assert_eq!(serde_json::to_value(&input).unwrap(), wire);
}

#[test]
fn obstacle_course_names_work() {
    use obstacle_course::types::{Option as OptionShape, SelfValue, Unknown};
    let v = OptionShape::builder()
        .r#type("t")
        .r#match(vec![SelfValue::builder().self_("s").value(1).build()])
        .r#async(true)
        .r#gen(3)
        .build_value(obstacle_course::types::Builder::builder().build_value("b").builder_value("bb").build())
        .meta_value("m")
        .send_value(Unknown::UnknownValue)
        .default_value("d")
        .input_value("i")
        .add_value(5)
        .crate_("c")
        .build();
    let wire = serde_json::to_value(&v).unwrap();
    assert_eq!(wire["type"], "t");
    assert_eq!(wire["match"], json!([{"self": "s", "value": 1}]));
    assert_eq!(wire["send"], "unknown");
    assert_eq!(wire["build"], json!({"build": "b", "builder": "bb"}));
    assert_eq!(Unknown::from("json-file"), Unknown::JsonFile);
    assert_eq!(Unknown::from("AWS::EC2::Instance"), Unknown::Ec2Instance);
    assert_eq!(Unknown::from("1GB"), Unknown::OneGb);
    assert_eq!(Unknown::from("other"), Unknown::Unknown("other".to_owned()));
    let back: OptionShape = serde_json::from_value(wire).unwrap();
    assert_eq!(back, v);
    // A member named `meta` on an error structure does not clash with the metadata.
    let e = obstacle_course::types::Error::builder().message("m").meta_value("x").build();
    assert_eq!(e.message(), Some("m"));
    assert_eq!(e.meta_value.as_deref(), Some("x"));
    // An operation named `Build` gets `BuildOperationError`; `BuildError` stays the runtime's.
    let op_error = obstacle_course::error::BuildOperationError::Error(e);
    assert!(op_error.is_error());
    let missing: obstacle_course::error::BuildError = smithy_runtime::error::BuildError::missing_field("T", "m");
    assert!(missing.to_string().contains('m'), "{missing}");
}

/// A service whose model has no operations yet still serves: every target
/// is an unknown operation.
#[tokio::test]
async fn a_service_without_operations_answers_unknown_operation() {
    struct Nothing;
    impl no_operations::server::Empty for Nothing {}
    let url = integration_tests::serve_router(no_operations::server::router(Nothing)).await;
    let headers = [("x-amz-target", "Empty.Anything"), ("content-type", "application/x-amz-json-1.1")];
    let response = integration_tests::raw_request("POST", &url, &headers, b"{}".to_vec()).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["__type"], "UnknownOperationException");
}
