//! Reading JSON AST files into a [`Model`], reporting every problem.

use std::collections::BTreeMap;
use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::diag::Diagnostics;
use crate::model::{Model, Shape, SHAPE_TYPES};

#[derive(Deserialize)]
struct RawFile<'a> {
    smithy: Option<String>,
    #[serde(default)]
    metadata: BTreeMap<String, Value>,
    #[serde(default, borrow)]
    shapes: IndexMap<String, &'a RawValue>,
}

/// Reads and merges the JSON AST files at `paths` (a directory stands for
/// every `*.json` file in it, in name order).
pub fn load<P: AsRef<Path>>(paths: &[P]) -> Result<Model, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut model = Model::default();
    let mut files = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_dir() {
            match std::fs::read_dir(path) {
                Ok(entries) => {
                    let mut found: Vec<_> = entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e == "json"))
                        .collect();
                    found.sort();
                    files.extend(found);
                }
                Err(e) => diags.push(path.display().to_string(), format!("cannot read directory: {e}")),
            }
        } else {
            files.push(path.to_path_buf());
        }
    }
    for file in files {
        let name = file.display().to_string();
        match std::fs::read_to_string(&file) {
            Ok(text) => merge_file(&mut model, &name, &text, &mut diags),
            Err(e) => diags.push(name, format!("cannot read file: {e}")),
        }
    }
    diags.into_result(model)
}

/// Parses one JSON AST document held in memory; `name` is used in messages.
pub fn load_str(name: &str, text: &str) -> Result<Model, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut model = Model::default();
    merge_file(&mut model, name, text, &mut diags);
    diags.into_result(model)
}

fn merge_file(model: &mut Model, name: &str, text: &str, diags: &mut Diagnostics) {
    let raw: RawFile<'_> = match serde_json::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            diags.push(
                format!("{name}:{}:{}", e.line(), e.column()),
                format!("not a Smithy JSON AST file: {}", strip_position(&e)),
            );
            return;
        }
    };
    match raw.smithy.as_deref() {
        Some(v) if v == "2.0" || v == "2" || v.starts_with("1.") || v == "1" => {}
        Some(v) => diags.push(name, format!("unsupported Smithy IDL version `{v}` (expected 2.0 or 1.0)")),
        None => diags.push(name, "missing the `smithy` version key"),
    }
    model.metadata.extend(raw.metadata);
    for (id, raw_shape) in raw.shapes {
        if let Err(problem) = check_shape_id(&id) {
            diags.push(&id, problem);
            continue;
        }
        match parse_shape(raw_shape) {
            Ok(Shape::Apply(apply)) => model.applies.push((id, apply.common.traits)),
            Ok(shape) => match model.shapes.get(&id) {
                Some(existing) if *existing != shape => {
                    diags.push(&id, format!("defined twice with different contents (again in {name})"))
                }
                _ => {
                    model.shapes.insert(id, shape);
                }
            },
            Err(problem) => diags.push(id, problem),
        }
    }
}

fn parse_shape(raw: &RawValue) -> Result<Shape, String> {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(rename = "type")]
        shape_type: Option<Value>,
    }
    let probe: Probe = serde_json::from_str(raw.get()).map_err(|e| format!("a shape must be a JSON object ({e})"))?;
    match probe.shape_type {
        Some(Value::String(t)) if SHAPE_TYPES.contains(&t.as_str()) => {
            serde_json::from_str(raw.get()).map_err(|e| format!("invalid `{t}` shape: {}", strip_position(&e)))
        }
        Some(Value::String(t)) => Err(format!(
            "unsupported shape type `{t}` (expected one of: {})",
            SHAPE_TYPES.join(", ")
        )),
        Some(other) => Err(format!("the shape `type` must be a string, found `{other}`")),
        None => Err("the shape has no `type`".to_owned()),
    }
}

/// Checks the form `namespace#Name` (with an optional `$member` for `apply`).
fn check_shape_id(id: &str) -> Result<(), String> {
    let Some((namespace, rest)) = id.split_once('#') else {
        return Err("not an absolute shape id (expected `namespace#Name`)".to_owned());
    };
    let name = rest.split_once('$').map_or(rest, |(shape, _)| shape);
    let ident_ok = |s: &str| {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if namespace.split('.').all(ident_ok) && ident_ok(name) {
        Ok(())
    } else {
        Err("not a valid shape id (expected `namespace#Name` made of identifiers)".to_owned())
    }
}

fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}
