//! Every malformed construct gives a readable message naming where it is, all
//! problems of a model are reported together, and nothing panics.

use smithy_codegen::{generate, load, load_str, Options};

fn problems(json: &str) -> String {
    match load_str("test.json", json) {
        Err(d) => d.to_string(),
        Ok(model) => match generate(&model, &Options::default()) {
            Err(d) => d.to_string(),
            Ok(_) => panic!("expected the model to be rejected"),
        },
    }
}

fn service_with(shapes: &str) -> String {
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "ex#Svc": {{"type": "service", "version": "1", "operations": [{{"target": "ex#Op"}}],
                        "traits": {{"aws.protocols#awsJson1_1": {{}}}}}},
            "ex#Op": {{"type": "operation", "input": {{"target": "ex#In"}}}},
            {shapes}
        }}}}"#
    )
}

#[test]
fn bad_json_names_file_line_and_column() {
    let msg = problems("{\n  \"smithy\": \"2.0\",\n  \"shapes\": {,}\n}");
    assert!(msg.contains("test.json:3:14: not a Smithy JSON AST file"), "{msg}");
}

#[test]
fn unreadable_file_is_reported() {
    let err = load(&["/nonexistent/model.json"]).unwrap_err().to_string();
    assert!(err.contains("/nonexistent/model.json: cannot read file"), "{err}");
}

#[test]
fn dangling_target_names_the_member() {
    let msg = problems(&service_with(r#""ex#In": {"type": "structure", "members": {"a": {"target": "ex#Missing"}}}"#));
    assert!(msg.contains("ex#In$a: member shape targets an unresolved shape `ex#Missing` | Target"), "{msg}");
}

#[test]
fn unsupported_shape_type_names_the_shape() {
    let msg = problems(&service_with(
        r#""ex#In": {"type": "structure", "members": {}}, "ex#Weird": {"type": "tensor"}"#,
    ));
    assert!(msg.contains("ex#Weird: unsupported shape type `tensor`"), "{msg}");
}

#[test]
fn members_colliding_after_snake_casing_are_both_named() {
    let msg = problems(&service_with(
        r#""ex#In": {"type": "structure", "members": {
            "fooBar": {"target": "smithy.api#String"},
            "foo_bar": {"target": "smithy.api#String"}}}"#,
    ));
    assert!(msg.contains("ex#In$fooBar and ex#In$foo_bar share the field name `foo_bar`"), "{msg}");
}

#[test]
fn all_problems_are_reported_together() {
    let msg = problems(&service_with(
        r#""ex#In": {"type": "structure", "members": {
            "a": {"target": "ex#Nope"},
            "b": {"target": "ex#AlsoNope"},
            "e": {"target": "ex#E"}}},
           "ex#E": {"type": "enum", "members": {
            "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}},
            "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}}}}"#,
    ));
    assert!(msg.starts_with("3 problems in the model:"), "{msg}");
    assert!(msg.contains("ex#In$a"), "{msg}");
    assert!(msg.contains("ex#In$b"), "{msg}");
    assert!(msg.contains("ex#E$B: Multiple enum members found with duplicate value `x` | EnumShape"), "{msg}");
}

#[test]
fn missing_protocol_is_reported() {
    let msg = problems(
        r#"{"smithy": "2.0", "shapes": {"ex#Svc": {"type": "service", "traits": {"aws.protocols#restXml": {}}}}}"#,
    );
    assert!(msg.contains("ex#Svc: unsupported protocol aws.protocols#restXml"), "{msg}");
}

#[test]
fn wrong_field_types_in_a_shape_are_reported() {
    let msg = problems(&service_with(r#""ex#In": {"type": "structure", "members": [1, 2]}"#));
    assert!(msg.contains("ex#In: invalid `structure` shape: invalid type: sequence"), "{msg}");
}

#[test]
fn bad_shape_ids_are_reported() {
    let msg = problems(r#"{"smithy": "2.0", "shapes": {"NoNamespace": {"type": "string"}}}"#);
    assert!(msg.contains("NoNamespace: not an absolute shape id"), "{msg}");
}

#[test]
fn operation_errors_must_be_error_structures() {
    let msg = problems(
        r#"{"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}], "traits": {"aws.protocols#awsJson1_1": {}}},
            "ex#Op": {"type": "operation", "errors": [{"target": "ex#NotAnError"}]},
            "ex#NotAnError": {"type": "structure", "members": {}}}}"#,
    );
    assert!(
        msg.contains("ex#Op: `ex#NotAnError` cannot be bound as an error because it is not marked with the `error` trait"),
        "{msg}"
    );
}

#[test]
fn aws_query_errors_need_a_code() {
    let msg = problems(
        r#"{"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}],
                       "traits": {"aws.protocols#awsJson1_0": {}, "aws.protocols#awsQueryCompatible": {}}},
            "ex#Op": {"type": "operation", "errors": [{"target": "ex#NoCode"}, {"target": "ex#TwoParts"}]},
            "ex#NoCode": {"type": "structure", "members": {},
                          "traits": {"smithy.api#error": "client", "aws.protocols#awsQueryError": {"httpResponseCode": 400}}},
            "ex#TwoParts": {"type": "structure", "members": {},
                            "traits": {"smithy.api#error": "client", "aws.protocols#awsQueryError": {"code": "A;B"}}}}}"#,
    );
    assert!(msg.contains("ex#NoCode: `aws.protocols#awsQueryError` needs a non-empty `code` without `;`"), "{msg}");
    assert!(msg.contains("ex#TwoParts: `aws.protocols#awsQueryError` needs a non-empty `code` without `;`"), "{msg}");
}

#[test]
fn garbage_never_panics() {
    let inputs = [
        "",
        "null",
        "[]",
        "{\"smithy\": 2}",
        "{\"smithy\": \"2.0\", \"shapes\": []}",
        "{\"smithy\": \"2.0\", \"shapes\": {\"a#B\": null}}",
        "{\"smithy\": \"2.0\", \"shapes\": {\"a#B\": {\"type\": 5}}}",
        "{\"smithy\": \"2.0\", \"shapes\": {\"a#S\": {\"type\": \"service\"}, \"a#B\": {\"type\": \"list\"}}}",
        "{\"smithy\": \"2.0\", \"shapes\": {\"a#S\": {\"type\": \"service\", \"traits\": {\"aws.protocols#awsJson1_0\": {}}, \"operations\": [{\"target\": \"a#S\"}]}}}",
    ];
    for input in inputs {
        let _ = load_str("x.json", input).map(|m| generate(&m, &Options::default()));
    }
}

#[test]
fn endpoint_parameter_bindings_are_checked_against_the_rule_set() {
    let msg = problems(
        r#"{"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
                "traits": {"aws.protocols#awsJson1_1": {},
                    "smithy.rules#endpointRuleSet": {"version": "1.0", "rules": [],
                        "parameters": {"Bucket": {"type": "String"}, "Flag": {"type": "Boolean", "default": "yes"}}}}},
            "ex#Op": {"type": "operation", "input": {"target": "ex#In"},
                "traits": {"smithy.rules#staticContextParams": {"Bucket": {"value": true}},
                           "smithy.rules#operationContextParams": {"Nope": {"path": "Items[*].Key"}, "Bucket": {"path": "Items[*"}}}},
            "ex#In": {"type": "structure", "members": {
                "a": {"target": "smithy.api#String", "traits": {"smithy.rules#contextParam": {"name": "Missing"}}},
                "b": {"target": "smithy.api#Integer", "traits": {"smithy.rules#contextParam": {"name": "Bucket"}}}}}
        }}"#,
    );
    assert!(msg.starts_with("6 problems in the model:"), "{msg}");
    assert!(msg.contains("ex#Op: `smithy.rules#operationContextParams` entry `Bucket`: the path `Items[*` is not JMESPath"), "{msg}");
    assert!(msg.contains("ex#Svc: `smithy.rules#endpointRuleSet` parameter `Flag` has a default \"yes\" that is not a Boolean"), "{msg}");
    assert!(msg.contains("ex#Op: `smithy.rules#staticContextParams` entry `Bucket` needs a `value` of type String"), "{msg}");
    assert!(msg.contains("ex#Op: `smithy.rules#operationContextParams` sets the endpoint parameter `Nope`, which the service's rule set does not declare"), "{msg}");
    assert!(msg.contains("ex#In$a: `smithy.rules#contextParam` sets the endpoint parameter `Missing`"), "{msg}");
    assert!(msg.contains("ex#In$b: `smithy.rules#contextParam` binds the member to the endpoint parameter `Bucket`, a String"), "{msg}");
}

#[test]
fn waiters_are_checked() {
    let msg = problems(
        r#"{"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
                "traits": {"aws.protocols#awsJson1_1": {}}},
            "ex#Op": {"type": "operation", "output": {"target": "ex#Out"},
                "traits": {"smithy.waiters#waitable": {
                    "Done": {"acceptors": [
                        {"state": "finished", "matcher": {"success": true}},
                        {"state": "success", "matcher": {"output": {"path": "a[", "expected": "x", "comparator": "stringEquals"}}},
                        {"state": "success", "matcher": {"inputOutput": {"path": "input.a", "expected": "x", "comparator": "stringEquals"}}},
                        {"state": "success", "matcher": {"output": {"path": "a", "expected": "x", "comparator": "sameAs"}}}]},
                    "Slow": {"minDelay": 10, "maxDelay": 5, "acceptors": [{"state": "success", "matcher": {"success": true}}]},
                    "NeverDone": {"acceptors": [{"state": "retry", "matcher": {"success": true}}]}}}},
            "ex#Out": {"type": "structure", "members": {"a": {"target": "smithy.api#String"}}}
        }}"#,
    );
    assert!(msg.starts_with("6 problems in the model:"), "{msg}");
    assert!(msg.contains("ex#Op: waiter `Done`: acceptor 0: `state` must be success, failure or retry"), "{msg}");
    assert!(msg.contains("ex#Op: waiter `Done`: acceptor 1: the path `a[` is not JMESPath"), "{msg}");
    assert!(msg.contains("ex#Op: waiter `Done`: acceptor 2: an `inputOutput` matcher on an operation without input"), "{msg}");
    assert!(msg.contains("ex#Op: waiter `Done`: acceptor 3: unknown comparator Some(\"sameAs\")"), "{msg}");
    assert!(msg.contains("ex#Op: waiter `Slow`: `maxDelay` is less than `minDelay`"), "{msg}");
    assert!(msg.contains("ex#Op: waiter `NeverDone`: no acceptor has the `success` state"), "{msg}");
}

/// A restJson1 service with the operations in `shapes`.
fn rest_service(operations: &[&str], shapes: &str) -> String {
    let targets: Vec<String> = operations.iter().map(|o| format!(r#"{{"target": "ex#{o}"}}"#)).collect();
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "ex#Svc": {{"type": "service", "version": "1", "operations": [{}],
                        "traits": {{"aws.protocols#restJson1": {{}}}}}},
            {shapes}
        }}}}"#,
        targets.join(", ")
    )
}

#[test]
fn http_binding_problems_name_the_shape_or_member() {
    let msg = problems(&rest_service(
        &["Get", "Put", "NoHttp", "Twin"],
        r#"
        "ex#Get": {"type": "operation", "input": {"target": "ex#GetIn"},
                   "traits": {"smithy.api#http": {"method": "GET", "uri": "/things/{id}/{missing}"}}},
        "ex#GetIn": {"type": "structure", "members": {
            "id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}}},
            "stray": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}
        }},
        "ex#Put": {"type": "operation", "input": {"target": "ex#PutIn"},
                   "traits": {"smithy.api#http": {"method": "PUT", "uri": "/things"}}},
        "ex#PutIn": {"type": "structure", "members": {
            "a": {"target": "smithy.api#Blob", "traits": {"smithy.api#httpPayload": {}}},
            "b": {"target": "smithy.api#Blob", "traits": {"smithy.api#httpPayload": {}}},
            "c": {"target": "smithy.api#String"},
            "h": {"target": "ex#Pairs", "traits": {"smithy.api#httpHeader": "X-H"}}
        }},
        "ex#Pairs": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}},
        "ex#NoHttp": {"type": "operation"},
        "ex#Twin": {"type": "operation", "traits": {"smithy.api#http": {"method": "PUT", "uri": "/things"}}}
        "#,
    ));
    // Smithy's validators judge all of these, with Smithy's event ids.
    for expected in [
        "ex#GetIn$id: Trait `httpLabel` cannot be applied to `ex#GetIn$id`",
        "ex#Get: This operation uses `ex#GetIn` as input, but the following URI labels found in the operation's \
         `http` trait do not have a corresponding member marked with the `httpLabel` trait: `missing` | HttpLabelTrait",
        "ex#GetIn$stray: This `stray` structure member is marked with the `httpLabel` trait, but no corresponding \
         `http` URI label could be found",
        "ex#PutIn: The `httpPayload` trait can be applied to only a single member of a shape, but it was found on the \
         following members: `a`, `b` | ExclusiveStructureMemberTrait",
        "ex#PutIn: A member of this structure is marked with the `httpPayload` trait, but the following structure \
         members are not explicitly bound to the HTTP message: `c` | HttpPayload",
        "ex#PutIn$h: Trait `httpHeader` cannot be applied to `ex#PutIn$h`",
        "ex#NoHttp: The `aws.protocols#restJson1` protocol requires all operations in the `ex#Svc` service define the \
         `http` trait, but this operation is missing the `http` trait. | HttpBindingsMissing",
        "ex#Twin: Operation URI, `/things`, conflicts with other operation URIs in the same service: [`ex#Put` \
         (/things)] | HttpUriConflict",
    ] {
        assert!(msg.contains(expected), "expected {expected:?} in:\n{msg}");
    }
}

#[test]
fn rpcv2_cbor_refuses_documents_naming_the_member() {
    let model = service_with(r#""ex#In": {"type": "structure", "members": {"doc": {"target": "smithy.api#Document"}, "own": {"target": "ex#Doc"}}},
        "ex#Doc": {"type": "document"}"#)
    .replace("aws.protocols#awsJson1_1", "smithy.protocols#rpcv2Cbor");
    let msg = problems(&model);
    assert!(msg.contains("ex#In$doc: targets the document `smithy.api#Document`, which the rpcv2Cbor protocol does not support"), "{msg}");
    assert!(msg.contains("ex#In$own: targets the document `ex#Doc`"), "{msg}");
}

#[test]
fn a_big_integer_default_must_be_a_whole_number() {
    let msg = problems(&service_with(
        r#""ex#In": {"type": "structure", "members": {
            "count": {"target": "smithy.api#BigInteger", "traits": {"smithy.api#default": 1.5}},
            "total": {"target": "smithy.api#BigInteger", "traits": {"smithy.api#default": 1e3}},
            "precise": {"target": "smithy.api#BigDecimal", "traits": {"smithy.api#default": 0.100000000000000000000001}}}}"#,
    ));
    assert!(msg.contains("ex#In$count: Error validating @default trait: bigInteger value must be a whole number"), "{msg}");
    assert!(!msg.contains("ex#In$total"), "{msg}");
    assert!(!msg.contains("ex#In$precise"), "{msg}");
    // Without the bad one, the defaults are generated digit for digit.
    let model = load_str("test.json", &service_with(
        r#""ex#In": {"type": "structure", "members": {
            "total": {"target": "smithy.api#BigInteger", "traits": {"smithy.api#default": 1e3}},
            "precise": {"target": "smithy.api#BigDecimal", "traits": {"smithy.api#default": 0.100000000000000000000001}}}}"#,
    ))
    .unwrap();
    let code: String = generate(&model, &Options::default()).unwrap().into_iter().map(|f| f.contents).collect();
    assert!(code.contains(r#"from_str("1000")"#), "{code}");
    assert!(code.contains(r#""0.100000000000000000000001""#), "{code}");
}
