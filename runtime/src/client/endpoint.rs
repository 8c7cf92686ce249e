//! Endpoint resolution by a service's `smithy.rules#endpointRuleSet`: the
//! rules engine of the Smithy specification, interpreting the rule set (kept
//! as the JSON the model gives) with the standard library (`isSet`, `not`,
//! `booleanEquals`, `stringEquals`, `getAttr`, `substring`, `parseURL`,
//! `uriEncode`, `isValidHostLabel`, `coalesce`, `ite`, `split`) and the AWS
//! one (`aws.partition`, `aws.parseArn`, `aws.isVirtualHostableS3Bucket`).
//! `aws.partition` reads the partitions in `partitions.json` (from botocore;
//! `python3 tests/scripts/update_partitions.py` refreshes it).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde_json::{Map, Value as Json};

/// A value of an endpoint parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamValue {
    /// A `String` parameter.
    String(String),
    /// A `Boolean` parameter.
    Bool(bool),
    /// A `StringArray` parameter.
    StringArray(Vec<String>),
}

impl From<&str> for ParamValue {
    fn from(value: &str) -> Self {
        Self::String(value.to_owned())
    }
}

impl From<String> for ParamValue {
    fn from(value: String) -> Self {
        Self::String(value)
    }
}

impl From<bool> for ParamValue {
    fn from(value: bool) -> Self {
        Self::Bool(value)
    }
}

impl From<Vec<String>> for ParamValue {
    fn from(value: Vec<String>) -> Self {
        Self::StringArray(value)
    }
}

/// The parameters a rule set is evaluated with, by name (`Region`,
/// `UseFIPS`, ...). Parameters left out take the rule set's defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndpointParams {
    values: BTreeMap<String, ParamValue>,
}

impl EndpointParams {
    /// No parameters set.
    pub fn new() -> Self {
        Self::default()
    }

    /// With parameter `name` set to `value`.
    #[must_use]
    pub fn with(mut self, name: &str, value: impl Into<ParamValue>) -> Self {
        self.values.insert(name.to_owned(), value.into());
        self
    }

    /// Sets parameter `name` to `value`.
    pub fn set(&mut self, name: &str, value: impl Into<ParamValue>) {
        self.values.insert(name.to_owned(), value.into());
    }

    /// The value of parameter `name`, if set.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.values.get(name)
    }

    /// Whether no parameter is set.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Sets every parameter `other` sets, replacing values set here.
    pub fn extend(&mut self, other: &EndpointParams) {
        self.values.extend(other.values.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
}

/// A resolved endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// The URL requests go to.
    pub url: String,
    /// Headers to send with every request.
    pub headers: BTreeMap<String, Vec<String>>,
    /// Further properties (`authSchemes`, ...), as JSON.
    pub properties: Map<String, Json>,
}

/// Why no endpoint could be resolved: the message of the rule set's error
/// rule (`Invalid Configuration: FIPS and custom endpoint are not
/// supported`), or what was wrong with the rule set or parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointError {
    message: String,
}

impl EndpointError {
    fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EndpointError {}

/// The `sigv4` entry of an endpoint's `authSchemes` property: who to sign
/// as, when the endpoint says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SigV4Scheme {
    /// `signingName`
    pub signing_name: Option<String>,
    /// `signingRegion`
    pub signing_region: Option<String>,
}

/// The endpoint's `sigv4` auth scheme, if it names one.
pub fn sigv4_scheme(endpoint: &Endpoint) -> Option<SigV4Scheme> {
    let schemes = endpoint.properties.get("authSchemes")?.as_array()?;
    let scheme = schemes.iter().find(|s| s.get("name").and_then(Json::as_str) == Some("sigv4"))?;
    let field = |k: &str| scheme.get(k).and_then(Json::as_str).map(str::to_owned);
    Some(SigV4Scheme { signing_name: field("signingName"), signing_region: field("signingRegion") })
}

/// A parsed `endpointRuleSet`.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSet {
    parameters: Map<String, Json>,
    rules: Vec<Json>,
}

impl RuleSet {
    /// Reads a rule set from its JSON.
    pub fn parse(json: &str) -> Result<Self, EndpointError> {
        let value: Json = serde_json::from_str(json).map_err(|e| EndpointError::new(format!("the endpoint rule set is not JSON: {e}")))?;
        let parameters = value.get("parameters").and_then(Json::as_object).cloned().unwrap_or_default();
        let rules = value.get("rules").and_then(Json::as_array).cloned().unwrap_or_default();
        Ok(Self { parameters, rules })
    }

    /// The parameters the rule set declares, by name: whether each is
    /// required, its default and its built-in (`AWS::Region`, ...).
    pub fn parameter_names(&self) -> impl Iterator<Item = &str> {
        self.parameters.keys().map(String::as_str)
    }

    /// The built-in (`AWS::Region`, `SDK::Endpoint`, ...) parameter `name`
    /// is bound to, if any.
    pub fn built_in(&self, name: &str) -> Option<&str> {
        self.parameters.get(name)?.get("builtIn")?.as_str()
    }

    /// Resolves the endpoint for `params`, with the built-in partitions.
    pub fn resolve(&self, params: &EndpointParams) -> Result<Endpoint, EndpointError> {
        self.resolve_with(params, Partitions::builtin())
    }

    /// Resolves the endpoint for `params`, placing regions in `partitions`.
    pub fn resolve_with(&self, params: &EndpointParams, partitions: &Partitions) -> Result<Endpoint, EndpointError> {
        let mut scope: Vec<(String, Value)> = Vec::new();
        for (name, definition) in &self.parameters {
            let value = match params.get(name) {
                Some(ParamValue::String(s)) => Some(Value::Str(s.clone())),
                Some(ParamValue::Bool(b)) => Some(Value::Bool(*b)),
                Some(ParamValue::StringArray(a)) => Some(Value::Array(a.iter().cloned().map(Value::Str).collect())),
                None => definition.get("default").and_then(Value::from_json),
            };
            match value {
                Some(value) => scope.push((name.clone(), value)),
                None if definition.get("required").and_then(Json::as_bool) == Some(true) => {
                    return Err(EndpointError::new(format!("the endpoint parameter `{name}` is required")));
                }
                None => {}
            }
        }
        let mut evaluator = Evaluator { scope, partitions };
        for rule in &self.rules {
            if let Some(outcome) = evaluator.rule(rule)? {
                return outcome;
            }
        }
        Err(EndpointError::new("no endpoint rule matched the parameters"))
    }
}

/// Checks one `smithy.rules#endpointTests` case (its JSON: `params` and
/// `expect`, either an `endpoint` with `url`, `headers` and `properties`, or
/// an `error` message) against `rules`, saying how it differs.
pub fn check_case(rules: &RuleSet, case: &Json, partitions: &Partitions) -> Result<(), String> {
    let mut params = EndpointParams::new();
    for (name, value) in case.get("params").and_then(Json::as_object).into_iter().flatten() {
        match value {
            Json::String(s) => params.set(name, s.as_str()),
            Json::Bool(b) => params.set(name, *b),
            Json::Array(items) => params.set(name, items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect::<Vec<_>>()),
            _ => {}
        }
    }
    let expect = case.get("expect").ok_or("the case has no `expect`")?;
    let result = rules.resolve_with(&params, partitions);
    match (expect.get("endpoint"), expect.get("error").and_then(Json::as_str), result) {
        (Some(want), _, Ok(got)) => {
            let url = want.get("url").and_then(Json::as_str).unwrap_or_default();
            if got.url != url {
                return Err(format!("expected {url}, got {}", got.url));
            }
            let headers: BTreeMap<String, Vec<String>> = want
                .get("headers")
                .and_then(|h| serde_json::from_value(h.clone()).ok())
                .unwrap_or_default();
            if got.headers != headers {
                return Err(format!("expected headers {headers:?}, got {:?}", got.headers));
            }
            let properties = want.get("properties").and_then(Json::as_object).cloned().unwrap_or_default();
            if got.properties != properties {
                return Err(format!("expected properties {properties:?}, got {:?}", got.properties));
            }
            Ok(())
        }
        (Some(want), _, Err(e)) => Err(format!("expected {}, got the error `{e}`", want.get("url").unwrap_or(&Json::Null))),
        (None, Some(message), Err(e)) if e.message() == message => Ok(()),
        (None, Some(message), Err(e)) => Err(format!("expected the error `{message}`, got `{e}`")),
        (None, Some(message), Ok(got)) => Err(format!("expected the error `{message}`, got {}", got.url)),
        (None, None, _) => Err("the case expects neither an endpoint nor an error".to_owned()),
    }
}

/// The value of an `operationContextParams` path (JMESPath, evaluated by
/// the `jmespath` crate) in `input`'s JSON form: a string, a boolean, or a
/// list of strings (lists of lists flattened, other elements left out).
/// `None` when the path selects nothing of those, or does not parse.
pub fn context_path<T: serde::Serialize + ?Sized>(input: &T, path: &str) -> Option<ParamValue> {
    let json = serde_json::to_value(input).ok()?;
    let result = jmespath::compile(path).ok()?.search(&json).ok()?;
    match serde_json::to_value(&*result).ok()? {
        Json::String(s) => Some(ParamValue::String(s)),
        Json::Bool(b) => Some(ParamValue::Bool(b)),
        Json::Array(items) => {
            fn strings(items: Vec<Json>, out: &mut Vec<String>) {
                for item in items {
                    match item {
                        Json::String(s) => out.push(s),
                        Json::Array(inner) => strings(inner, out),
                        _ => {}
                    }
                }
            }
            let mut out = Vec::new();
            strings(items, &mut out);
            Some(ParamValue::StringArray(out))
        }
        _ => None,
    }
}

/// A value during evaluation; an unset value is `None` around it.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Str(String),
    Bool(bool),
    Int(i64),
    Array(Vec<Value>),
    Record(BTreeMap<String, Value>),
}

impl Value {
    fn from_json(json: &Json) -> Option<Value> {
        Some(match json {
            Json::String(s) => Value::Str(s.clone()),
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Int(n.as_i64()?),
            Json::Array(items) => Value::Array(items.iter().filter_map(Value::from_json).collect()),
            Json::Object(map) => Value::Record(map.iter().filter_map(|(k, v)| Some((k.clone(), Value::from_json(v)?))).collect()),
            Json::Null => return None,
        })
    }

    fn to_json(&self) -> Json {
        match self {
            Value::Str(s) => Json::String(s.clone()),
            Value::Bool(b) => Json::Bool(*b),
            Value::Int(i) => Json::from(*i),
            Value::Array(items) => Json::Array(items.iter().map(Value::to_json).collect()),
            Value::Record(map) => Json::Object(map.iter().map(|(k, v)| (k.clone(), v.to_json())).collect()),
        }
    }
}

/// The outcome of a rule that matched: an endpoint, or the error it says.
type Outcome = Result<Endpoint, EndpointError>;

struct Evaluator<'p> {
    partitions: &'p Partitions,
    /// Parameters and the results of `assign`ed conditions, innermost last.
    scope: Vec<(String, Value)>,
}

fn invalid(what: impl fmt::Display) -> EndpointError {
    EndpointError::new(format!("invalid endpoint rule set: {what}"))
}

impl Evaluator<'_> {
    /// A rule's outcome when its conditions hold; `Ok(None)` when they do
    /// not. `Err` is a broken rule set.
    fn rule(&mut self, rule: &Json) -> Result<Option<Outcome>, EndpointError> {
        let depth = self.scope.len();
        let result = self.rule_in_scope(rule);
        self.scope.truncate(depth);
        result
    }

    fn rule_in_scope(&mut self, rule: &Json) -> Result<Option<Outcome>, EndpointError> {
        for condition in rule.get("conditions").and_then(Json::as_array).into_iter().flatten() {
            let value = self.expr(condition)?;
            let truthy = matches!(value, Some(ref v) if *v != Value::Bool(false));
            if !truthy {
                return Ok(None);
            }
            if let (Some(name), Some(value)) = (condition.get("assign").and_then(Json::as_str), value) {
                self.scope.push((name.to_owned(), value));
            }
        }
        match rule.get("type").and_then(Json::as_str) {
            Some("endpoint") => {
                let endpoint = rule.get("endpoint").ok_or_else(|| invalid("an endpoint rule without `endpoint`"))?;
                Ok(Some(Ok(self.endpoint(endpoint)?)))
            }
            Some("error") => {
                let error = rule.get("error").ok_or_else(|| invalid("an error rule without `error`"))?;
                match self.expr(error)? {
                    Some(Value::Str(message)) => Ok(Some(Err(EndpointError::new(message)))),
                    other => Err(invalid(format!("an error rule's message is {other:?}"))),
                }
            }
            Some("tree") => {
                for sub in rule.get("rules").and_then(Json::as_array).into_iter().flatten() {
                    if let Some(outcome) = self.rule(sub)? {
                        return Ok(Some(outcome));
                    }
                }
                Err(invalid("no rule of a tree rule whose conditions hold matched"))
            }
            other => Err(invalid(format!("unknown rule type {other:?}"))),
        }
    }

    fn endpoint(&mut self, endpoint: &Json) -> Result<Endpoint, EndpointError> {
        let url = match self.expr(endpoint.get("url").ok_or_else(|| invalid("an endpoint without `url`"))?)? {
            Some(Value::Str(url)) => url,
            other => return Err(invalid(format!("an endpoint URL is {other:?}"))),
        };
        let mut headers = BTreeMap::new();
        for (name, values) in endpoint.get("headers").and_then(Json::as_object).into_iter().flatten() {
            let mut out = Vec::new();
            for value in values.as_array().into_iter().flatten() {
                match self.expr(value)? {
                    Some(Value::Str(s)) => out.push(s),
                    other => return Err(invalid(format!("header `{name}` is {other:?}"))),
                }
            }
            headers.insert(name.clone(), out);
        }
        let mut properties = Map::new();
        for (name, value) in endpoint.get("properties").and_then(Json::as_object).into_iter().flatten() {
            if let Some(value) = self.expr(value)? {
                properties.insert(name.clone(), value.to_json());
            }
        }
        Ok(Endpoint { url, headers, properties })
    }

    fn lookup(&self, name: &str) -> Option<Value> {
        self.scope.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    }

    /// Evaluates an expression: a literal (strings are templates), a
    /// reference, or a function call.
    fn expr(&mut self, expr: &Json) -> Result<Option<Value>, EndpointError> {
        Ok(match expr {
            Json::String(template) => Some(Value::Str(self.template(template)?)),
            Json::Bool(b) => Some(Value::Bool(*b)),
            Json::Number(n) => Some(Value::Int(n.as_i64().ok_or_else(|| invalid(format!("the number {n}")))?)),
            Json::Null => None,
            Json::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    out.extend(self.expr(item)?);
                }
                Some(Value::Array(out))
            }
            Json::Object(map) => {
                if let Some(name) = map.get("ref").and_then(Json::as_str) {
                    self.lookup(name)
                } else if let Some(name) = map.get("fn").and_then(Json::as_str) {
                    let argv = map.get("argv").and_then(Json::as_array).map(Vec::as_slice).unwrap_or_default();
                    self.call(name, argv)?
                } else {
                    let mut out = BTreeMap::new();
                    for (key, value) in map {
                        if let Some(value) = self.expr(value)? {
                            out.insert(key.clone(), value);
                        }
                    }
                    Some(Value::Record(out))
                }
            }
        })
    }

    /// A string with `{Name}` and `{Name#path}` placeholders filled in;
    /// `{{` and `}}` are literal braces.
    fn template(&mut self, template: &str) -> Result<String, EndpointError> {
        if !template.contains(['{', '}']) {
            return Ok(template.to_owned());
        }
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(i) = rest.find(['{', '}']) {
            out.push_str(&rest[..i]);
            let tail = &rest[i..];
            if let Some(after) = tail.strip_prefix("{{").or_else(|| tail.strip_prefix("}}")) {
                out.push_str(&tail[..1]);
                rest = after;
                continue;
            }
            if tail.starts_with('}') {
                return Err(invalid(format!("unmatched `}}` in template `{template}`")));
            }
            let close = tail.find('}').ok_or_else(|| invalid(format!("unclosed `{{` in template `{template}`")))?;
            let inner = &tail[1..close];
            let (name, path) = match inner.split_once('#') {
                Some((name, path)) => (name, Some(path)),
                None => (inner, None),
            };
            let value = match (self.lookup(name), path) {
                (Some(v), Some(path)) => get_attr(&v, path)?,
                (value, _) => value,
            };
            match value {
                Some(Value::Str(s)) => out.push_str(&s),
                Some(Value::Bool(b)) => out.push_str(if b { "true" } else { "false" }),
                Some(Value::Int(i)) => out.push_str(&i.to_string()),
                other => return Err(invalid(format!("`{{{inner}}}` in template `{template}` is {other:?}"))),
            }
            rest = &tail[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn call(&mut self, name: &str, argv: &[Json]) -> Result<Option<Value>, EndpointError> {
        let mut args = Vec::with_capacity(argv.len());
        // `coalesce` and `ite` evaluate their arguments lazily.
        match name {
            "coalesce" => {
                for arg in argv {
                    if let Some(value) = self.expr(arg)? {
                        return Ok(Some(value));
                    }
                }
                return Ok(None);
            }
            "ite" => {
                let [condition, then, otherwise] = argv else { return Err(invalid("`ite` takes three arguments")) };
                return match self.expr(condition)? {
                    Some(Value::Bool(true)) => self.expr(then),
                    _ => self.expr(otherwise),
                };
            }
            _ => {}
        }
        for arg in argv {
            args.push(self.expr(arg)?);
        }
        let string = |i: usize| match args.get(i) {
            Some(Some(Value::Str(s))) => Ok(Some(s.as_str())),
            Some(None) | None => Ok(None),
            Some(Some(other)) => Err(invalid(format!("`{name}` argument {i} is {other:?}, not a string"))),
        };
        let boolean = |i: usize| match args.get(i) {
            Some(Some(Value::Bool(b))) => Ok(Some(*b)),
            Some(None) | None => Ok(None),
            Some(Some(other)) => Err(invalid(format!("`{name}` argument {i} is {other:?}, not a boolean"))),
        };
        let int = |i: usize| match args.get(i) {
            Some(Some(Value::Int(n))) => Ok(*n),
            other => Err(invalid(format!("`{name}` argument {i} is {other:?}, not an integer"))),
        };
        Ok(match name {
            "isSet" => Some(Value::Bool(matches!(args.first(), Some(Some(_))))),
            "not" => boolean(0)?.map(|b| Value::Bool(!b)),
            "booleanEquals" => Some(Value::Bool(boolean(0)?.is_some() && boolean(0)? == boolean(1)?)),
            "stringEquals" => Some(Value::Bool(string(0)?.is_some() && string(0)? == string(1)?)),
            "getAttr" => match (args.first().cloned().flatten(), string(1)?) {
                (Some(value), Some(path)) => get_attr(&value, path)?,
                _ => None,
            },
            "substring" => string(0)?.and_then(|s| {
                let (start, stop) = (int(1).ok()?, int(2).ok()?);
                substring(s, start, stop, boolean(3).ok()?.unwrap_or(false)).map(Value::Str)
            }),
            "parseURL" => string(0)?.and_then(parse_url),
            "uriEncode" => string(0)?.map(|s| Value::Str(uri_encode(s))),
            "isValidHostLabel" => string(0)?.map(|s| Value::Bool(is_valid_host_label(s, boolean(1).ok().flatten().unwrap_or(false)))),
            "split" => match (string(0)?, string(1)?) {
                (Some(s), Some(delimiter)) if !delimiter.is_empty() => {
                    let limit = int(2).unwrap_or(0);
                    let parts: Vec<Value> = if limit > 0 {
                        s.splitn(limit as usize, delimiter).map(|p| Value::Str(p.to_owned())).collect()
                    } else {
                        s.split(delimiter).map(|p| Value::Str(p.to_owned())).collect()
                    };
                    Some(Value::Array(parts))
                }
                _ => None,
            },
            "aws.partition" => string(0)?.map(|region| self.partitions.resolve(region)),
            "aws.parseArn" => string(0)?.and_then(parse_arn),
            "aws.isVirtualHostableS3Bucket" => {
                string(0)?.map(|s| Value::Bool(is_virtual_hostable_bucket(s, boolean(1).ok().flatten().unwrap_or(false))))
            }
            other => return Err(invalid(format!("unknown function `{other}`"))),
        })
    }
}

/// `getAttr`: a path of record keys and `[index]`es, e.g. `resourceId[1]`.
fn get_attr(value: &Value, path: &str) -> Result<Option<Value>, EndpointError> {
    let mut current = value.clone();
    for part in path.split('.') {
        let (key, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            current = match current {
                Value::Record(mut map) => match map.remove(key) {
                    Some(v) => v,
                    None => return Ok(None),
                },
                other => return Err(invalid(format!("getAttr `{key}` of {other:?}"))),
            };
        }
        let mut rest = indexes;
        while let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']').ok_or_else(|| invalid(format!("getAttr path `{path}`")))?;
            let index: usize = inner[..close].parse().map_err(|_| invalid(format!("getAttr path `{path}`")))?;
            current = match current {
                Value::Array(mut items) if index < items.len() => items.swap_remove(index),
                Value::Array(_) => return Ok(None),
                other => return Err(invalid(format!("getAttr `[{index}]` of {other:?}"))),
            };
            rest = &inner[close + 1..];
        }
    }
    Ok(Some(current))
}

fn substring(s: &str, start: i64, stop: i64, reverse: bool) -> Option<String> {
    let len = s.len() as i64;
    if start < 0 || start >= stop || len < stop || !s.is_ascii() {
        return None;
    }
    let (start, stop) = if reverse { (len - stop, len - start) } else { (start, stop) };
    Some(s[start as usize..stop as usize].to_owned())
}

/// `parseURL`: scheme (lowercased), authority (without userinfo), path,
/// normalized path (with slashes at both ends) and whether the host is an
/// IP address; `None` for a scheme other than `http` and `https`, a URL
/// with a query, or one without a host. A fragment is ignored.
fn parse_url(url: &str) -> Option<Value> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let rest = rest.split('#').next().unwrap_or_default();
    if rest.contains('?') {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    if authority.is_empty() {
        return None;
    }
    let host = if authority.starts_with('[') {
        authority.find(']').map_or(authority, |i| &authority[..=i])
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    };
    if host.is_empty() {
        return None;
    }
    let is_ip = (host.starts_with('[') && host.ends_with(']')) || host.parse::<std::net::Ipv4Addr>().is_ok();
    let mut normalized = String::from(path);
    if !normalized.starts_with('/') {
        normalized.insert(0, '/');
    }
    if !normalized.ends_with('/') {
        normalized.push('/');
    }
    let record = BTreeMap::from([
        ("scheme".to_owned(), Value::Str(scheme)),
        ("authority".to_owned(), Value::Str(authority.to_owned())),
        ("path".to_owned(), Value::Str(path.to_owned())),
        ("normalizedPath".to_owned(), Value::Str(normalized)),
        ("isIp".to_owned(), Value::Bool(is_ip)),
    ]);
    Some(Value::Record(record))
}

/// Percent-encodes everything but the unreserved characters.
fn uri_encode(s: &str) -> String {
    const UNRESERVED: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
    percent_encoding::utf8_percent_encode(s, UNRESERVED).to_string()
}

/// A DNS label: 1 to 63 letters, digits and `-`, starting with a letter or
/// digit; with `allow_dots`, several joined by `.`.
fn is_valid_host_label(s: &str, allow_dots: bool) -> bool {
    let label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.as_bytes()[0].is_ascii_alphanumeric()
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if allow_dots {
        s.split('.').all(label)
    } else {
        label(s)
    }
}

/// An S3 bucket name usable as a host label: 3 to 63 lowercase letters,
/// digits and `-`, starting and ending with a letter or digit, not an IP
/// address; with `allow_dots`, each `.`-separated part a host label.
fn is_virtual_hostable_bucket(s: &str, allow_dots: bool) -> bool {
    let ok = |part: &str| {
        (3..=63).contains(&part.len())
            && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && part.as_bytes()[0].is_ascii_alphanumeric()
            && part.as_bytes()[part.len() - 1].is_ascii_alphanumeric()
    };
    if !allow_dots {
        return ok(s);
    }
    let looks_like_ip = s.split('.').count() == 4 && s.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    (3..=63).contains(&s.len())
        && !looks_like_ip
        && s.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') && p.as_bytes()[0].is_ascii_alphanumeric() && p.as_bytes()[p.len() - 1].is_ascii_alphanumeric())
}

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, the
/// resource split at `:` and `/`.
fn parse_arn(arn: &str) -> Option<Value> {
    let mut parts = arn.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let (partition, service, region, account, resource) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    let resource_id = resource.split([':', '/']).map(|p| Value::Str(p.to_owned())).collect();
    Some(Value::Record(BTreeMap::from([
        ("partition".to_owned(), Value::Str(partition.to_owned())),
        ("service".to_owned(), Value::Str(service.to_owned())),
        ("region".to_owned(), Value::Str(region.to_owned())),
        ("accountId".to_owned(), Value::Str(account.to_owned())),
        ("resourceId".to_owned(), Value::Array(resource_id)),
    ])))
}

struct Partition {
    id: String,
    regex: Option<regex_lite::Regex>,
    regions: Map<String, Json>,
    outputs: Map<String, Json>,
}

/// The AWS partitions (`aws`, `aws-cn`, `aws-us-gov`, ...) that
/// `aws.partition` places regions in, with what each supports (DNS
/// suffixes, FIPS, dual-stack). [`Partitions::builtin`] is the copy this
/// crate carries; [`Partitions::parse`] reads another (botocore's
/// `partitions.json` format).
#[derive(Debug)]
pub struct Partitions {
    list: Vec<Partition>,
}

impl fmt::Debug for Partition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

impl Partitions {
    /// Reads partitions from JSON of botocore's `partitions.json` format:
    /// `{"partitions": [{"id", "regionRegex", "regions", "outputs"}]}`.
    pub fn parse(json: &str) -> Result<Self, EndpointError> {
        let bad = |what: String| EndpointError::new(format!("invalid partitions data: {what}"));
        let data: Json = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
        let entries = data.get("partitions").and_then(Json::as_array).ok_or_else(|| bad("no `partitions` array".to_owned()))?;
        let mut list = Vec::with_capacity(entries.len());
        for p in entries {
            let id = p.get("id").and_then(Json::as_str).ok_or_else(|| bad("a partition without an `id`".to_owned()))?;
            let regex = match p.get("regionRegex").and_then(Json::as_str) {
                Some(r) => Some(regex_lite::Regex::new(r).map_err(|e| bad(format!("partition `{id}`: regionRegex: {e}")))?),
                None => None,
            };
            list.push(Partition {
                id: id.to_owned(),
                regex,
                regions: p.get("regions").and_then(Json::as_object).cloned().unwrap_or_default(),
                outputs: p.get("outputs").and_then(Json::as_object).cloned().unwrap_or_default(),
            });
        }
        Ok(Self { list })
    }

    /// The partitions this crate carries (`partitions.json`, from botocore;
    /// `python3 tests/scripts/update_partitions.py` refreshes it).
    pub fn builtin() -> &'static Partitions {
        static BUILTIN: OnceLock<Partitions> = OnceLock::new();
        BUILTIN.get_or_init(|| Partitions::parse(include_str!("partitions.json")).unwrap_or(Partitions { list: Vec::new() }))
    }

    /// The DNS suffix of `region`'s partition (`amazonaws.com`,
    /// `amazonaws.com.cn`, ...).
    pub fn dns_suffix(&self, region: &str) -> String {
        match self.resolve(region) {
            Value::Record(map) => match map.get("dnsSuffix") {
                Some(Value::Str(suffix)) => suffix.clone(),
                _ => "amazonaws.com".to_owned(),
            },
            _ => "amazonaws.com".to_owned(),
        }
    }

    /// The ids of the partitions, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|p| p.id.as_str())
    }

    /// `aws.partition`: the partition a region belongs to (listed by name,
    /// else matching a partition's region pattern, else `aws`), with the
    /// region's own overrides.
    fn resolve(&self, region: &str) -> Value {
        let all = &self.list;
        let chosen = all
            .iter()
            .find(|p| p.regions.contains_key(region))
            .or_else(|| all.iter().find(|p| p.regex.as_ref().is_some_and(|r| r.is_match(region))))
            .or_else(|| all.iter().find(|p| p.id == "aws"));
        let Some(p) = chosen else { return Value::Record(BTreeMap::new()) };
        let mut outputs = p.outputs.clone();
        if let Some(Json::Object(overrides)) = p.regions.get(region) {
            for (k, v) in overrides {
                outputs.insert(k.clone(), v.clone());
            }
        }
        Value::from_json(&Json::Object(outputs)).unwrap_or(Value::Record(BTreeMap::new()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"{
        "version": "1.0",
        "parameters": {
            "Region": {"type": "String", "builtIn": "AWS::Region"},
            "UseFIPS": {"type": "Boolean", "required": true, "default": false},
            "Endpoint": {"type": "String"}
        },
        "rules": [
            {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}],
             "rules": [
                {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
                 "error": "Invalid Configuration: FIPS and custom endpoint are not supported", "type": "error"},
                {"conditions": [], "endpoint": {"url": {"ref": "Endpoint"}}, "type": "endpoint"}
             ], "type": "tree"},
            {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
             "rules": [
                {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
                 "endpoint": {"url": "https://svc-fips.{Region}.{P#dnsSuffix}", "headers": {"x-a": ["{P#name}"]}}, "type": "endpoint"},
                {"conditions": [], "endpoint": {"url": "https://svc.{Region}.{P#dnsSuffix}",
                 "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "{Region}"}]}}, "type": "endpoint"}
             ], "type": "tree"},
            {"conditions": [], "error": "Invalid Configuration: Missing Region", "type": "error"}
        ]
    }"#;

    #[test]
    fn rules_resolve_endpoints_and_errors() {
        let rules = RuleSet::parse(RULES).unwrap();
        let resolve = |p: EndpointParams| rules.resolve(&p);
        let e = resolve(EndpointParams::new().with("Region", "us-west-2")).unwrap();
        assert_eq!(e.url, "https://svc.us-west-2.amazonaws.com");
        assert_eq!(e.properties["authSchemes"][0]["signingRegion"], "us-west-2");
        let e = resolve(EndpointParams::new().with("Region", "cn-north-1").with("UseFIPS", true)).unwrap();
        assert_eq!(e.url, "https://svc-fips.cn-north-1.amazonaws.com.cn");
        assert_eq!(e.headers["x-a"], ["aws-cn"]);
        let e = resolve(EndpointParams::new().with("Endpoint", "http://localhost:4566")).unwrap();
        assert_eq!(e.url, "http://localhost:4566");
        let err = resolve(EndpointParams::new().with("Endpoint", "http://x").with("UseFIPS", true)).unwrap_err();
        assert_eq!(err.message(), "Invalid Configuration: FIPS and custom endpoint are not supported");
        assert_eq!(resolve(EndpointParams::new()).unwrap_err().message(), "Invalid Configuration: Missing Region");
    }

    #[test]
    fn library_functions() {
        let partition = |region| Partitions::builtin().resolve(region);
        assert_eq!(partition("us-gov-west-1"), partition("us-gov-east-1"));
        let Value::Record(p) = partition("eu-west-3") else { panic!() };
        assert_eq!(p["name"], Value::Str("aws".to_owned()));
        let Some(Value::Record(u)) = parse_url("https://example.com:8443/a/b") else { panic!() };
        assert_eq!(u["authority"], Value::Str("example.com:8443".to_owned()));
        assert_eq!(u["normalizedPath"], Value::Str("/a/b/".to_owned()));
        assert_eq!(u["isIp"], Value::Bool(false));
        assert!(parse_url("https://example.com?x=1").is_none());
        let Some(Value::Record(u)) = parse_url("http://127.0.0.1") else { panic!() };
        assert_eq!(u["isIp"], Value::Bool(true));
        let Some(Value::Record(u)) = parse_url("HTTPS://user:pw@10.0.0.1:8443/x#frag") else { panic!() };
        assert_eq!((&u["scheme"], &u["authority"], &u["path"]), (&Value::Str("https".to_owned()), &Value::Str("10.0.0.1:8443".to_owned()), &Value::Str("/x".to_owned())));
        assert_eq!(u["isIp"], Value::Bool(true));
        assert!(parse_url("ftp://example.com").is_none());
        assert!(parse_url("https://").is_none());
        assert_eq!(substring("abcdef", 0, 4, false).as_deref(), Some("abcd"));
        assert_eq!(substring("abcdef", 0, 4, true).as_deref(), Some("cdef"));
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(uri_encode("a b/c"), "a%20b%2Fc");
        assert!(is_valid_host_label("a-b", false) && !is_valid_host_label("a.b", false) && is_valid_host_label("a.b", true));
        assert!(!is_valid_host_label("-a", false));
        assert!(is_virtual_hostable_bucket("my-bucket", false) && !is_virtual_hostable_bucket("My", false));
        assert!(!is_virtual_hostable_bucket("192.168.0.1", true));
        let Some(Value::Record(arn)) = parse_arn("arn:aws:s3:us-east-1:123:accesspoint/my-ap") else { panic!() };
        assert_eq!(arn["resourceId"], Value::Array(vec![Value::Str("accesspoint".to_owned()), Value::Str("my-ap".to_owned())]));
        assert!(parse_arn("arn:aws:s3").is_none());
    }

    #[test]
    fn context_paths() {
        let input = serde_json::json!({
            "RequestItems": {"t1": [], "t2": []},
            "Table": {"Name": "t", "Enabled": true},
            "Items": [{"Arn": "a1"}, {"Arn": "a2"}, {"Other": 1}],
        });
        let strings = |v: &[&str]| Some(ParamValue::StringArray(v.iter().map(|s| (*s).to_owned()).collect()));
        assert_eq!(context_path(&input, "keys(RequestItems)"), strings(&["t1", "t2"]));
        assert_eq!(context_path(&input, "Table.Name"), Some(ParamValue::String("t".to_owned())));
        assert_eq!(context_path(&input, "Table.Enabled"), Some(ParamValue::Bool(true)));
        assert_eq!(context_path(&input, "Items[*].Arn"), strings(&["a1", "a2"]));
        assert_eq!(context_path(&input, "[Table.Name, Items[*].Arn]"), strings(&["t", "a1", "a2"]));
        assert_eq!(context_path(&input, "Missing.Field"), None);
        assert_eq!(context_path(&input, "Items[1"), None);
        // DynamoDB's TransactWriteItems: a multi-select in a projection,
        // flattened; members an item lacks are left out.
        let transact = serde_json::json!({"TransactItems": [
            {"Put": {"TableName": "a"}}, {"Delete": {"TableName": "b"}}, {"ConditionCheck": {"TableName": "c"}}]});
        let path = "TransactItems[*].[ConditionCheck.TableName, Put.TableName, Delete.TableName, Update.TableName][]";
        assert_eq!(context_path(&transact, path), strings(&["a", "b", "c"]));
    }
}
