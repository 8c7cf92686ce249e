//! Generator options: selecting operations, and skipping what the protocol
//! cannot carry.

use smithy_codegen::{generate, generate_with_warnings, load, load_str, Options, Unsupported};

fn kitchen_sink() -> smithy_codegen::Model {
    load(&[concat!(env!("CARGO_MANIFEST_DIR"), "/models/kitchen-sink.json")]).unwrap()
}

fn file<'a>(files: &'a [smithy_codegen::GeneratedFile], path: &str) -> &'a str {
    &files.iter().find(|f| f.path == path).unwrap().contents
}

#[test]
fn selected_operations_generate_only_their_closure() {
    let options = Options { operations: Some(["ListThings".to_owned()].into()), ..Options::default() };
    let files = generate(&kitchen_sink(), &options).unwrap();
    let types = file(&files, "src/types.rs");
    assert!(types.contains("pub struct ListThingsOutput"));
    assert!(types.contains("pub struct ServiceFault"), "service errors stay");
    assert!(!types.contains("pub struct Everything"), "Echo's closure is left out");
    let client = file(&files, "src/client.rs");
    assert!(client.contains("pub fn list_things(&self)"));
    assert!(!client.contains("pub fn echo(&self)"));

    let all = generate(&kitchen_sink(), &Options::default()).unwrap();
    assert!(file(&all, "src/types.rs").len() > 2 * types.len());
}

#[test]
fn selecting_an_unknown_operation_is_an_error() {
    let options = Options { operations: Some(["Nope".to_owned()].into()), ..Options::default() };
    let err = generate(&kitchen_sink(), &options).unwrap_err().to_string();
    assert!(err.contains("selected operation `Nope` is not an operation of the service"), "{err}");
}

const STREAMING: &str = r#"{"smithy": "2.0", "shapes": {
    "ex#Svc": {"type": "service", "operations": [{"target": "ex#Tail"}, {"target": "ex#Get"}],
               "traits": {"aws.protocols#awsJson1_1": {}}},
    "ex#Tail": {"type": "operation", "output": {"target": "ex#TailOutput"}},
    "ex#TailOutput": {"type": "structure", "members": {"events": {"target": "ex#Events"}}},
    "ex#Events": {"type": "union", "members": {"line": {"target": "ex#Line"}},
                  "traits": {"smithy.api#streaming": {}}},
    "ex#Line": {"type": "structure", "members": {"text": {"target": "smithy.api#String"}}},
    "ex#Get": {"type": "operation"}
}}"#;

#[test]
fn event_streams_are_an_error_by_default() {
    let model = load_str("stream.json", STREAMING).unwrap();
    let err = generate(&model, &Options::default()).unwrap_err().to_string();
    assert!(err.contains("ex#Tail: the output streams (`ex#Events`)"), "{err}");
}

#[test]
fn event_streams_can_be_skipped_with_a_warning() {
    let model = load_str("stream.json", STREAMING).unwrap();
    let options = Options { unsupported_operations: Unsupported::Skip, ..Options::default() };
    let generated = generate_with_warnings(&model, &options).unwrap();
    assert_eq!(generated.warnings.len(), 1);
    assert_eq!(generated.warnings[0].location, "ex#Tail");
    assert!(generated.warnings[0].message.starts_with("operation skipped"));
    let client = file(&generated.files, "src/client.rs");
    assert!(client.contains("pub fn get(&self)") && !client.contains("pub fn tail(&self)"));
}
