//! Property: every valid model generates, and every generated file parses as
//! Rust. Models are random: every shape kind, names drawn from Rust keywords,
//! prelude items and the generator's own API, enum values that are not
//! identifiers, nesting, and recursion through structures and unions.
//!
//! The normal run checks 256 models; the long run checks 10 000:
//! `cargo test -p smithy-codegen --test random_models -- --ignored`.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use smithy_codegen::{generate, load_str, Options};

const NAMES: &[&str] = &[
    "String", "Result", "Option", "Box", "Vec", "Self", "Error", "Client", "Builder", "Unknown", "type", "match",
    "self", "async", "gen", "build", "builder", "meta", "send", "default", "input", "crate", "super", "fn", "r#", "Some",
    "None", "Ok", "Err", "Into", "From", "Default", "Clone", "Debug", "std", "core", "serde", "smithy_runtime", "value",
    "item", "next", "add", "as_str", "from", "new", "config",
];

const VALUES: &[&str] = &["json-file", "AWS::EC2::Instance", "Bytes/Second", "1GB", "", " space ", "ünïcödé", "a.b", "UPPER", "lower"];

const SIMPLE: &[&str] = &[
    "blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal",
    "timestamp", "document",
];

struct Gen {
    rng: fastrand::Rng,
}

impl Gen {
    fn name(&mut self) -> String {
        if self.rng.bool() {
            NAMES[self.rng.usize(..NAMES.len())].trim_start_matches("r#").to_owned()
        } else {
            let len = self.rng.usize(1..8);
            let mut s: String = (0..len).map(|_| self.rng.alphabetic()).collect();
            if self.rng.bool() {
                s.push_str(&self.rng.u8(..100).to_string());
            }
            s
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.usize(..items.len())]
    }

    /// A model with one service, one operation and `n` random shapes.
    fn model(&mut self) -> Value {
        let n = self.rng.usize(2..14);
        // Shape names: unique case-insensitively and as Rust type names.
        let mut names = Vec::new();
        // The service and operation take their names first.
        let mut seen: BTreeSet<String> = ["Svc", "Op"].iter().flat_map(|n| [format!("rust:{n}"), format!("smithy:{}", n.to_lowercase())]).collect();
        // The prelude shapes members target are in the service's closure too.
        seen.extend(["string", "integer", "timestamp", "unit"].map(|n| format!("smithy:{n}")));
        while names.len() < n {
            let name = self.name();
            let name = if name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) { name } else { format!("S{name}") };
            // Distinct as Rust type names and case-insensitively in the closure.
            let keys = [format!("rust:{}", name.to_upper_camel_case()), format!("smithy:{}", name.to_lowercase())];
            if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && keys.iter().all(|k| !seen.contains(k)) {
                seen.extend(keys);
                names.push(name);
            }
        }
        let kinds: Vec<&str> = (0..n)
            .map(|i| match i {
                0 | 1 => "structure",
                _ => *self.pick(&["structure", "union", "enum", "intEnum", "list", "map", "simple", "legacyEnum"]),
            })
            .collect();
        let id = |i: usize| format!("rand.model#{}", names[i]);
        let mut shapes = Map::new();
        for i in 0..n {
            let shape = match kinds[i] {
                "structure" | "union" => {
                    let members = self.members(&kinds, i, &id, kinds[i] == "union");
                    json!({"type": kinds[i], "members": members})
                }
                "enum" => {
                    let mut members = Map::new();
                    let mut used = BTreeSet::new();
                    let chosen: Vec<(usize, &str)> =
                        VALUES.iter().copied().enumerate().filter(|_| self.rng.bool()).collect();
                    for (k, value) in chosen {
                        let name = format!("{}{k}", self.name());
                        if used.insert(name.to_upper_camel_case()) {
                            members.insert(name, json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": format!("{value}{k}")}}));
                        }
                    }
                    if members.is_empty() {
                        members.insert("ONLY".into(), json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "only"}}));
                    }
                    json!({"type": "enum", "members": members})
                }
                "legacyEnum" => {
                    let entries: Vec<Value> = VALUES.iter().enumerate().map(|(k, v)| json!({"value": format!("{v}#{k}")})).collect();
                    json!({"type": "string", "traits": {"smithy.api#enum": entries}})
                }
                "intEnum" => {
                    let members: Map<String, Value> = (0..self.rng.usize(1..5))
                        .map(|k| (format!("V{k}"), json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": k as i64 * 7 - 3}})))
                        .collect();
                    json!({"type": "intEnum", "members": members})
                }
                "list" => {
                    let member = self.target(&kinds, i, &id, false);
                    let mut shape = json!({"type": if self.rng.bool() { "list" } else { "set" }, "member": {"target": member}});
                    if self.rng.u8(..4) == 0 {
                        shape["traits"] = json!({"smithy.api#sparse": {}});
                    }
                    shape
                }
                "map" => {
                    let key = match (0..n).find(|&k| kinds[k] == "enum") {
                        Some(k) if self.rng.bool() => id(k),
                        _ => "smithy.api#String".to_owned(),
                    };
                    let value = self.target(&kinds, i, &id, false);
                    json!({"type": "map", "key": {"target": key}, "value": {"target": value}})
                }
                _ => {
                    let t = *self.pick(SIMPLE);
                    let mut shape = json!({"type": t});
                    if t == "timestamp" {
                        shape["traits"] = json!({"smithy.api#timestampFormat": self.pick(&["epoch-seconds", "date-time", "http-date"])});
                    }
                    if t == "string" && self.rng.bool() {
                        shape["traits"] = json!({"smithy.api#length": {"min": 1}, "smithy.api#pattern": "^[a-z]+$", "smithy.api#sensitive": {}});
                    }
                    shape
                }
            };
            let mut shape = shape;
            if self.rng.u8(..5) == 0 {
                shape.as_object_mut().unwrap().entry("traits").or_insert(json!({}))["smithy.api#documentation"] =
                    json!("<p>Some <code>docs</code> with [brackets] and <a href=\"https://example.com\">a link</a>.</p>");
            }
            shapes.insert(id(i), shape);
        }
        shapes.insert("rand.model#Svc".into(), json!({
            "type": "service", "version": "1", "operations": [{"target": "rand.model#Op"}],
            "traits": {(if self.rng.bool() { "aws.protocols#awsJson1_1" } else { "aws.protocols#awsJson1_0" }): {}}
        }));
        shapes.insert("rand.model#Op".into(), json!({"type": "operation", "input": {"target": id(0)}, "output": {"target": id(1)}}));
        json!({"smithy": "2.0", "shapes": shapes})
    }

    /// A member target: any structure or union (recursion is fine through
    /// them), or a list/map/simple shape defined earlier (so lists and maps
    /// never contain themselves directly), or a prelude shape.
    fn target(&mut self, kinds: &[&str], from: usize, id: &dyn Fn(usize) -> String, allow_unit: bool) -> String {
        loop {
            match self.rng.u8(..10) {
                0 => return "smithy.api#String".to_owned(),
                1 => return "smithy.api#Integer".to_owned(),
                2 => return "smithy.api#Timestamp".to_owned(),
                3 if allow_unit => return "smithy.api#Unit".to_owned(),
                _ => {
                    let k = self.rng.usize(..kinds.len());
                    let ok = matches!(kinds[k], "structure" | "union" | "enum" | "intEnum" | "legacyEnum") || k < from;
                    if ok {
                        return id(k);
                    }
                }
            }
        }
    }

    fn members(&mut self, kinds: &[&str], i: usize, id: &dyn Fn(usize) -> String, union: bool) -> Map<String, Value> {
        let mut members = Map::new();
        let mut taken = BTreeSet::new();
        let count = self.rng.usize(if union { 1..5 } else { 0..8 });
        while members.len() < count {
            let name = self.name();
            let snake = name.to_snake_case();
            let variant = name.to_upper_camel_case();
            // Members that would collide after renaming, or that differ only
            // in case (Smithy refuses those), are a model error, tested
            // elsewhere; keep this model valid.
            let keys = [snake.clone(), format!("set_{snake}"), format!("v:{variant}"), format!("lower:{}", name.to_lowercase())];
            if snake.is_empty() || snake.starts_with("set_") || keys.iter().any(|k| taken.contains(k)) {
                continue;
            }
            taken.extend(keys);
            // A union's first member ends recursion: a union whose members
            // all lead back to it can have no value, which Smithy refuses.
            let target =
                if union && members.is_empty() { "smithy.api#String".to_owned() } else { self.target(kinds, i, id, union) };
            let mut traits = Map::new();
            if !union && target == "smithy.api#String" {
                match self.rng.u8(..6) {
                    0 => {
                        traits.insert("smithy.api#required".into(), json!({}));
                    }
                    1 => {
                        traits.insert("smithy.api#default".into(), json!("dflt"));
                    }
                    // (`@sensitive` goes on the target: Smithy 2.0 refuses it on members.)
                    2 => {
                        traits.insert("smithy.api#length".into(), json!({"min": 1}));
                    }
                    3 => {
                        traits.insert("smithy.api#deprecated".into(), json!({"message": "old", "since": "1.0"}));
                    }
                    _ => {}
                }
            }
            members.insert(name, json!({"target": target, "traits": traits}));
        }
        members
    }
}

fn check(seed: u64) -> Result<(), TestCaseError> {
    let model = Gen { rng: fastrand::Rng::with_seed(seed) }.model();
    let text = serde_json::to_string_pretty(&model).unwrap();
    let loaded = load_str("random.json", &text).map_err(|d| TestCaseError::fail(format!("{d}\n{text}")))?;
    // Valid to Smithy too: no validator refuses it.
    let refusals: Vec<String> =
        smithy_codegen::validate::validate(&loaded).iter().filter(|e| e.is_refusal()).map(ToString::to_string).collect();
    if !refusals.is_empty() {
        return Err(TestCaseError::fail(format!("{}\n{text}", refusals.join("\n"))));
    }
    let files = generate(&loaded, &Options::default()).map_err(|d| TestCaseError::fail(format!("{d}\n{text}")))?;
    for file in files {
        syn::parse_file(&file.contents)
            .map_err(|e| TestCaseError::fail(format!("{} does not parse: {e}\n{text}", file.path)))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn random_models_generate_parsable_rust(seed in any::<u64>()) {
        check(seed)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]
    #[test]
    #[ignore = "long run: cargo test -p smithy-codegen --test random_models -- --ignored"]
    fn random_models_long_run(seed in any::<u64>()) {
        check(seed)?;
    }
}
