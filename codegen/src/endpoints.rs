//! Endpoint rules of a service (`smithy.rules#endpointRuleSet`), how its
//! operations feed them (`smithy.rules#staticContextParams`,
//! `contextParam`, `operationContextParams`), and the cases that check them
//! (`smithy.rules#endpointTests`), read and checked for the `ir` stage. See
//! <https://smithy.io/2.0/additional-specs/rules-engine/index.html>.

use indexmap::IndexMap;
use serde::Deserialize;

use crate::node::Value;

pub(crate) const RULE_SET: &str = "smithy.rules#endpointRuleSet";
pub(crate) const TESTS: &str = "smithy.rules#endpointTests";
pub(crate) const STATIC_CONTEXT: &str = "smithy.rules#staticContextParams";
pub(crate) const CONTEXT: &str = "smithy.rules#contextParam";
pub(crate) const OPERATION_CONTEXT: &str = "smithy.rules#operationContextParams";

/// The type of an endpoint parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    /// `string`
    String,
    /// `boolean`
    Boolean,
    /// `stringArray`
    StringArray,
}

impl ParamType {
    fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "string" => Some(Self::String),
            "boolean" => Some(Self::Boolean),
            "stringarray" => Some(Self::StringArray),
            _ => None,
        }
    }

    /// Whether `value` (a node value) is of this type.
    pub fn admits(self, value: &Value) -> bool {
        match self {
            Self::String => value.is_string(),
            Self::Boolean => value.is_boolean(),
            Self::StringArray => value.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        }
    }
}

/// A parameter of a rule set.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// Its type.
    pub ty: ParamType,
    /// The built-in it is bound to (`AWS::Region`, `SDK::Endpoint`, ...).
    pub built_in: Option<String>,
    /// What it is for.
    pub documentation: Option<String>,
}

/// A service's endpoint rule set.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointRules {
    /// The rule set as (pretty-printed) JSON, for the runtime's rules
    /// engine.
    pub json: String,
    /// The parameters by name.
    pub parameters: IndexMap<String, Parameter>,
}

/// Reads a rule set, with what is wrong with it (the parameters that could
/// be read are kept, so the operations' bindings can still be checked).
pub(crate) fn rules(value: &Value) -> (EndpointRules, Vec<String>) {
    let mut problems = Vec::new();
    let mut parameters = IndexMap::new();
    match value.get("parameters").and_then(Value::as_object) {
        None => problems.push(format!("`{RULE_SET}` needs a `parameters` object")),
        Some(params) => {
            for (name, param) in params {
                let ty = param.get("type").and_then(Value::as_str).and_then(ParamType::parse);
                let Some(ty) = ty else {
                    problems.push(format!("`{RULE_SET}` parameter `{name}` needs a `type` of string, boolean or stringArray"));
                    continue;
                };
                if let Some(default) = param.get("default").filter(|d| !ty.admits(d)) {
                    problems.push(format!("`{RULE_SET}` parameter `{name}` has a default {default} that is not a {ty:?}"));
                }
                let built_in = param.get("builtIn").and_then(Value::as_str).map(str::to_owned);
                let documentation = param.get("documentation").and_then(Value::as_str).map(|d| d.trim().to_owned());
                parameters.insert(name.clone(), Parameter { ty, built_in, documentation });
            }
        }
    }
    if !value.get("rules").is_some_and(Value::is_array) {
        problems.push(format!("`{RULE_SET}` needs a `rules` array"));
    }
    let json = serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string());
    (EndpointRules { json, parameters }, problems)
}

/// One `endpointTests` case.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointCase {
    /// What the case is about.
    #[serde(default)]
    pub documentation: Option<String>,
    /// The rule set's parameters.
    #[serde(default)]
    pub params: IndexMap<String, Value>,
    /// The endpoint or the error expected.
    pub expect: Expect,
    /// Calls that must reach the expected endpoint (or fail with the
    /// expected error) through a configured client.
    #[serde(default)]
    pub operation_inputs: Vec<OperationInput>,
}

/// What a case expects.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Expect {
    /// The endpoint.
    #[serde(default)]
    pub endpoint: Option<ExpectedEndpoint>,
    /// The message of the error.
    #[serde(default)]
    pub error: Option<String>,
}

/// An expected endpoint.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ExpectedEndpoint {
    /// The URL.
    pub url: String,
    /// Headers, with their values.
    #[serde(default)]
    pub headers: IndexMap<String, Vec<String>>,
    /// Further properties (`authSchemes`, ...).
    #[serde(default)]
    pub properties: crate::node::Map,
}

/// A call of a case: the operation, its input, and the client's settings.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationInput {
    /// The operation's name.
    pub operation_name: String,
    /// The input.
    #[serde(default)]
    pub operation_params: Value,
    /// Built-in settings (`AWS::Region`, `AWS::UseFIPS`, ...).
    #[serde(default)]
    pub built_in_params: IndexMap<String, Value>,
    /// The service's own (`clientContextParams`) settings.
    #[serde(default)]
    pub client_params: IndexMap<String, Value>,
}

/// Reads the cases of an `endpointTests` trait.
pub fn cases(value: &Value) -> Result<Vec<EndpointCase>, String> {
    let cases = value.get("testCases").cloned().unwrap_or(Value::Array(Vec::new()));
    let cases: Vec<EndpointCase> = crate::node::from_value(&cases).map_err(|e| format!("`{TESTS}` cannot be read: {e}"))?;
    for (n, case) in cases.iter().enumerate() {
        if case.expect.endpoint.is_some() == case.expect.error.is_some() {
            return Err(format!("`{TESTS}` case {n} must expect either an endpoint or an error"));
        }
    }
    Ok(cases)
}

/// How an operation sets an endpoint parameter.
#[derive(Clone, Debug, PartialEq)]
pub enum Binding {
    /// `staticContextParams`: a constant.
    Static {
        /// The parameter.
        name: String,
        /// Its value.
        value: Value,
    },
    /// `contextParam` on an input member.
    Member {
        /// The parameter.
        name: String,
        /// The member's field.
        field: crate::naming::FieldName,
        /// Whether the field is an `Option`.
        optional: bool,
        /// How the field's value becomes the parameter's.
        kind: MemberParam,
    },
    /// `operationContextParams`: a path into the input.
    Path {
        /// The parameter.
        name: String,
        /// The JMESPath-style path.
        path: String,
    },
}

/// The kind of an input member bound to an endpoint parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberParam {
    /// A `String`.
    String,
    /// A string enum (its wire value).
    Enum,
    /// A `bool`.
    Boolean,
    /// A list of strings.
    StringList,
}

/// Cases whose expectations the runtime's partitions data has overtaken:
/// the data is newer than the tests of the models that carry them. Their
/// tests are generated, ignored with the reason.
#[derive(Clone, Copy, Debug)]
pub struct StaleCase {
    /// The regions (by prefix) the cases are for.
    pub regions: &'static [&'static str],
    /// The parameter the cases set to `true`.
    pub enabled: &'static str,
    /// The errors the cases expect.
    pub errors: &'static [&'static str],
    /// Why the expectation no longer holds.
    pub reason: &'static str,
}

/// Every kind of stale case, in one place.
pub const STALE_CASES: &[StaleCase] = &[StaleCase {
    regions: &["us-iso-", "us-isob-", "eu-isoe-", "us-isof-"],
    enabled: "UseDualStack",
    errors: &[
        "DualStack is enabled but this partition does not support DualStack",
        "FIPS and DualStack are enabled, but this partition does not support one or both",
    ],
    reason: "the runtime's partitions data (botocore 1.43) lists dual-stack support for the aws-iso, aws-iso-b, \
             aws-iso-e and aws-iso-f partitions, which the model's test predates (with botocore 1.40's partitions the case passes: `cargo xtask \
             endpoint-tests --partitions`)",
}];

/// Why `case` is stale, if it is.
pub fn stale(case: &EndpointCase) -> Option<&'static str> {
    let error = case.expect.error.as_deref()?;
    let region = case.params.get("Region").and_then(Value::as_str)?;
    STALE_CASES
        .iter()
        .find(|s| {
            s.errors.contains(&error)
                && s.regions.iter().any(|prefix| region.starts_with(prefix))
                && case.params.get(s.enabled) == Some(&Value::Bool(true))
        })
        .map(|s| s.reason)
}
