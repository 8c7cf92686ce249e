//! The intermediate representation: the service closure with targets
//! resolved, mixins and `apply` folded in, every rule of the model checked,
//! Rust names assigned once, recursion boxed, and everything sorted.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::node::Value;

use crate::diag::Diagnostics;
use crate::docs;
use crate::endpoints::{self, Binding, EndpointCase, EndpointRules, MemberParam, ParamType};
use crate::model::{Member as AstMember, MembersShape, Model, Shape, Traits};
use crate::naming::{self, FieldName};
use crate::testcases::{self, RequestCase, ResponseCase, TestCase};
use crate::waiters::{self, Waiter};
use crate::Options;

mod http;

const DOC: &str = "smithy.api#documentation";

/// The wire protocol of a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`
    AwsJson1_1,
    /// `aws.protocols#restJson1`
    RestJson1,
    /// `smithy.protocols#rpcv2Cbor`
    RpcV2Cbor,
    /// `smithy.protocols#rpcv2Json`
    RpcV2Json,
}

impl Protocol {
    /// The protocol trait's shape id, as test cases name it.
    pub fn trait_id(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
            Protocol::RestJson1 => "aws.protocols#restJson1",
            Protocol::RpcV2Cbor => "smithy.protocols#rpcv2Cbor",
            Protocol::RpcV2Json => "smithy.protocols#rpcv2Json",
        }
    }

    /// Whether the protocol is Smithy RPC v2, whose bodies ignore
    /// `@jsonName` and `@timestampFormat` (timestamps are always epoch
    /// seconds).
    pub fn rpc_v2(self) -> bool {
        matches!(self, Protocol::RpcV2Cbor | Protocol::RpcV2Json)
    }

    /// Whether members are bound to HTTP messages by the HTTP binding
    /// traits (`@http`, `@httpLabel`, ...).
    pub fn http_bindings(self) -> bool {
        self == Protocol::RestJson1
    }
}

/// An operation's `@http` trait.
#[derive(Clone, Debug)]
pub struct Http {
    /// The method, upper case.
    pub method: String,
    /// The URI pattern as written.
    pub uri: String,
    /// The URI pattern, parsed.
    pub pattern: smithy_runtime::protocol::http::UriPattern,
    /// The status of a successful response.
    pub code: u16,
}

/// Where an HTTP-bound protocol puts a member of an operation's input,
/// output or error structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// A member of the JSON body (the only location of awsJson, and of
    /// members of nested structures).
    Body,
    /// `@httpLabel` in a `{name}` segment; `greedy` for `{name+}`.
    Label {
        /// Whether the label is greedy (may hold `/`).
        greedy: bool,
    },
    /// `@httpQuery("name")`.
    Query(String),
    /// `@httpQueryParams`: a map of query parameters.
    QueryParams,
    /// `@httpHeader("name")`, the name lower case.
    Header(String),
    /// `@httpPrefixHeaders("prefix")`, the prefix lower case.
    PrefixHeaders(String),
    /// `@httpPayload`: the whole body.
    Payload,
    /// `@httpResponseCode`.
    ResponseCode,
}

/// The service being generated.
#[derive(Clone, Debug)]
pub struct Service {
    /// Absolute shape id.
    pub id: String,
    /// The shape name, used in `X-Amz-Target`.
    pub name: String,
    /// The service version.
    pub version: Option<String>,
    /// The protocol.
    pub protocol: Protocol,
    /// The SigV4 signing name (`aws.auth#sigv4`).
    pub signing_name: Option<String>,
    /// `aws.api#service` `sdkId`.
    pub sdk_id: Option<String>,
    /// `aws.api#service` `endpointPrefix`.
    pub endpoint_prefix: Option<String>,
    /// `smithy.api#title`.
    pub title: Option<String>,
    /// The server's service trait: the SDK id, else the shape name.
    pub trait_name: String,
    /// `aws.protocols#awsQueryCompatible`: error responses also carry the
    /// error's awsQuery code in `x-amzn-query-error`.
    pub query_compatible: bool,
    /// `smithy.rules#endpointRuleSet`: how clients find the endpoint.
    pub endpoint_rules: Option<EndpointRules>,
    /// Documentation lines.
    pub docs: Vec<String>,
}

/// `@deprecated`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Deprecated {
    /// Why, and what to use instead.
    pub message: Option<String>,
    /// Since when.
    pub since: Option<String>,
}

/// An operation of the service.
#[derive(Clone, Debug)]
pub struct Operation {
    /// Absolute shape id.
    pub id: String,
    /// The shape name (the wire name in `X-Amz-Target`).
    pub name: String,
    /// The Rust function name.
    pub fn_name: FieldName,
    /// The operation's error enum in `crate::error`.
    pub error_name: String,
    /// The client's fluent builder in `crate::client::fluent`.
    pub fluent_name: String,
    /// The client's paginator in `crate::client::fluent` (paginated
    /// operations only use it).
    pub paginator_name: String,
    /// Input structure id, when the operation has one.
    pub input: Option<String>,
    /// Output structure id, when the operation has one.
    pub output: Option<String>,
    /// Error structure ids (operation and service errors), sorted by name.
    pub errors: Vec<String>,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// `@deprecated`.
    pub deprecated: Option<Deprecated>,
    /// `@paginated` (with the service's defaults), resolved against the
    /// input and output.
    pub paginated: Option<Paginated>,
    /// `@endpoint`: the prefix the operation puts before the endpoint's host.
    pub host_prefix: Option<HostPrefix>,
    /// `@requestCompression` with `gzip`: large request bodies are sent
    /// compressed.
    pub request_compression: bool,
    /// `smithy.waiters#waitable`: the operation's waiters, by name.
    pub waiters: Vec<Waiter>,
    /// `@http`, for HTTP-bound protocols.
    pub http: Option<Http>,
    /// `@httpChecksumRequired`: the request carries `Content-MD5`.
    pub checksum_required: bool,
    /// The endpoint parameters the operation sets, lowest precedence first
    /// (`operationContextParams`, then `contextParam` members, then
    /// `staticContextParams`); empty without endpoint rules.
    pub endpoint_params: Vec<Binding>,
}

/// An `@endpoint(hostPrefix: ...)` and the input members filling its labels.
#[derive(Clone, Debug, PartialEq)]
pub struct HostPrefix {
    /// The template, e.g. `foo.{label}.`.
    pub template: String,
    /// Each `{label}`: the `@hostLabel` input member's name, field and
    /// whether the field is an `Option`.
    pub labels: Vec<(String, FieldName, bool)>,
}

/// A step into a structure member on the way to a paginated value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathStep {
    /// The field name.
    pub field: FieldName,
    /// Whether the field is an `Option`.
    pub optional: bool,
}

/// How an operation's results are paged.
#[derive(Clone, Debug, PartialEq)]
pub struct Paginated {
    /// The input member that carries the token.
    pub input_token: FieldName,
    /// The token's type (a string in most models; DynamoDB uses a map).
    pub token_type: Type,
    /// The path to the output token (a string).
    pub output_token: Vec<PathStep>,
    /// The path to the items of a page and their type, if modelled.
    pub items: Option<(Vec<PathStep>, Type)>,
    /// The input member that sets the page size, and its type.
    pub page_size: Option<(FieldName, Type)>,
}

/// A timestamp wire format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TimestampFormat {
    /// `epoch-seconds`
    EpochSeconds,
    /// `date-time`
    DateTime,
    /// `http-date`
    HttpDate,
}

/// The Rust-facing type of a member.
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    /// `blob`
    Blob,
    /// `boolean`
    Boolean,
    /// `string`
    String,
    /// `byte`
    Byte,
    /// `short`
    Short,
    /// `integer`
    Integer,
    /// `long`
    Long,
    /// `float`
    Float,
    /// `double`
    Double,
    /// `bigInteger`
    BigInteger,
    /// `bigDecimal`
    BigDecimal,
    /// `timestamp` in a wire format.
    Timestamp(TimestampFormat),
    /// `document`
    Document,
    /// `list` / `set`
    List {
        /// Element type.
        member: Box<Type>,
        /// `@sparse`: elements may be null.
        sparse: bool,
        /// Constraints on each element.
        member_constraints: Box<Constraints>,
    },
    /// `map`
    Map {
        /// Key type (a string or string enum).
        key: Box<Type>,
        /// Value type.
        value: Box<Type>,
        /// `@sparse`: values may be null.
        sparse: bool,
        /// Constraints on each key.
        key_constraints: Box<Constraints>,
        /// Constraints on each value.
        value_constraints: Box<Constraints>,
    },
    /// A generated type (structure, union, enum, intEnum), by shape id.
    Named(String),
}

/// `@length`, `@range` and `@pattern` of a member and its target.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    /// `@length` min and max.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@range` min and max.
    pub range: Option<(Option<f64>, Option<f64>)>,
    /// `@pattern`.
    pub pattern: Option<String>,
    /// `@uniqueItems` (on a list).
    pub unique_items: bool,
}

/// A member of a structure or union.
#[derive(Clone, Debug)]
pub struct Member {
    /// The member name on the wire.
    pub name: String,
    /// Absolute member id (`ns#Shape$member`).
    pub id: String,
    /// Field name.
    pub field: FieldName,
    /// Variant name (for union members).
    pub variant: String,
    /// The type; `None` for a union member targeting `smithy.api#Unit`.
    pub ty: Option<Type>,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Whether the Rust field is an `Option`.
    pub optional: bool,
    /// `@required`.
    pub required: bool,
    /// A non-null `@default` of a member that is not optional.
    pub default: Option<Value>,
    /// The non-null `@default` of an optional member (an operation input's):
    /// what a server fills in when the request leaves it out.
    pub server_default: Option<Value>,
    /// `@sensitive` on the member or its target.
    pub sensitive: bool,
    /// `@deprecated`.
    pub deprecated: Option<Deprecated>,
    /// Stored in a `Box` to break a containment cycle.
    pub boxed: bool,
    /// `@idempotencyToken`.
    pub idempotency_token: bool,
    /// Constraint traits.
    pub constraints: Constraints,
    /// The key of the member in a JSON body: `@jsonName` where the
    /// protocol honours it (restJson1), else the member name.
    pub json_name: String,
    /// Where an HTTP-bound protocol puts the member; [`Location::Body`]
    /// for awsJson and for members of structures that are not an
    /// operation's input, output or error.
    pub location: Location,
    /// The timestamp format of the member (or its list's elements) as text
    /// in a label, query or header: `@timestampFormat`, else the
    /// location's default.
    pub text_timestamp: TimestampFormat,
    /// `@mediaType` of the member's target: a string header with one is
    /// base64; a payload with one has that `Content-Type`.
    pub media_type: Option<String>,
}

/// An enum case.
#[derive(Clone, Debug)]
pub struct EnumVariant {
    /// Variant name.
    pub variant: String,
    /// Wire value.
    pub value: EnumValue,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// `@deprecated`.
    pub deprecated: Option<Deprecated>,
    /// `@internal` (or, in a legacy `@enum`, the `internal` tag): not part
    /// of the public API, so left out of the values listed to callers.
    pub internal: bool,
}

/// The wire value of an enum case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnumValue {
    /// A string enum value.
    String(String),
    /// An `intEnum` value.
    Int(i32),
}

/// Whether an error is the caller's fault or the service's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorFault {
    /// `@error("client")`
    Client,
    /// `@error("server")`
    Server,
}

/// `@error` and related traits of an error structure.
#[derive(Clone, Debug)]
pub struct ErrorInfo {
    /// Client or server fault.
    pub fault: ErrorFault,
    /// The HTTP status (`@httpError`, else 400 / 500).
    pub status: u16,
    /// `@retryable`, with whether it is throttling.
    pub retryable: Option<bool>,
    /// `aws.protocols#awsQueryError`'s code, for awsQuery-compatible services.
    pub query_code: Option<String>,
}

/// What a generated type is.
#[derive(Clone, Debug)]
pub enum NamedKind {
    /// A structure.
    Structure {
        /// Members, in model order.
        members: Vec<Member>,
        /// Present for error structures.
        error: Option<ErrorInfo>,
        /// `@input`: every member is optional.
        input: bool,
        /// An operation's output: it carries the response's metadata.
        output: bool,
    },
    /// A union.
    Union {
        /// Members, in model order.
        members: Vec<Member>,
    },
    /// A string enum (`enum` or the legacy `@enum` trait).
    Enum {
        /// Cases, in model order.
        variants: Vec<EnumVariant>,
    },
    /// An `intEnum`.
    IntEnum {
        /// Cases, in model order.
        variants: Vec<EnumVariant>,
    },
}

/// A shape that becomes a Rust type.
#[derive(Clone, Debug)]
pub struct NamedShape {
    /// Absolute shape id.
    pub id: String,
    /// The shape name in the service (after `rename`), e.g. the error code.
    pub name: String,
    /// The Rust type name.
    pub rust_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// `@deprecated`.
    pub deprecated: Option<Deprecated>,
    /// `@sensitive`.
    pub sensitive: bool,
    /// The kind and contents.
    pub kind: NamedKind,
}

/// The whole service closure, ready to emit.
#[derive(Clone, Debug)]
pub struct Ir {
    /// The service.
    pub service: Service,
    /// Operations, sorted by name.
    pub operations: Vec<Operation>,
    /// Generated types by shape id.
    pub shapes: BTreeMap<String, NamedShape>,
    /// Things left out or worth knowing.
    pub warnings: Vec<crate::Diagnostic>,
    /// The service's protocol compliance cases for its protocol, when
    /// [`Options::protocol_tests`] asks for them; in operation order.
    pub test_cases: Vec<TestCase>,
    /// The service's `smithy.rules#endpointTests` cases, when
    /// [`Options::endpoint_tests`] asks for them.
    pub endpoint_cases: Vec<EndpointCase>,
}

impl Ir {
    /// The generated type for `id`. Every `Type::Named` in the IR resolves.
    pub fn shape(&self, id: &str) -> &NamedShape {
        &self.shapes[id]
    }

    /// The awsQuery error code of error `shape` (`aws.protocols#awsQueryError`,
    /// else its name) with its fault (`Sender` or `Receiver`): the
    /// `x-amzn-query-error` value an awsQuery-compatible service answers it
    /// with. `None` for other services.
    pub fn query_error(&self, shape: &NamedShape) -> Option<(String, &'static str)> {
        let NamedKind::Structure { error: Some(info), .. } = &shape.kind else { return None };
        let fault = match info.fault {
            ErrorFault::Client => "Sender",
            ErrorFault::Server => "Receiver",
        };
        self.service
            .query_compatible
            .then(|| (info.query_code.clone().unwrap_or_else(|| shape.name.clone()), fault))
    }
}

impl NamedShape {
    /// The body key of error structure `self`'s message: its string member
    /// named `message` in any case (`Message`, say), under its `@jsonName`
    /// where the protocol honours it. The framework writes the errors it
    /// raises itself (validation, routing, media types) under this key, so
    /// clients read their message where the model says it is. `None` when
    /// the error has no such member in its body.
    pub fn error_message_key(&self) -> Option<&str> {
        let NamedKind::Structure { members, error: Some(_), .. } = &self.kind else { return None };
        members
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case("message") && matches!(m.ty, Some(Type::String)) && m.location == Location::Body)
            .map(|m| m.json_name.as_str())
    }
}

/// Builds the IR for the service selected by `options`, collecting every
/// problem found.
pub fn build(model: &Model, options: &Options) -> Result<Ir, Diagnostics> {
    // A model Smithy refuses is refused here with the validators' events:
    // what they judge, the IR does not judge again.
    let refusals: Vec<crate::validate::Event> =
        crate::validate::validate(model).into_iter().filter(crate::validate::Event::is_refusal).collect();
    if !refusals.is_empty() {
        let mut diags = Diagnostics::new();
        for event in refusals {
            let (location, excerpt) = match &event.location {
                Some(at) => (at.position.clone(), at.excerpt.clone()),
                None => (event.shape.clone(), None),
            };
            let message = format!("[{}] {}: {} | {}", event.severity, event.shape, event.message, event.id);
            diags.push_diagnostic(crate::Diagnostic { location, message, excerpt });
        }
        return Err(diags);
    }
    let mut diags = Diagnostics::new();
    let shapes = resolve_mixins_and_applies(model, &mut diags);
    let mut builder = Builder {
        shapes: &shapes,
        diags,
        warnings: Vec::new(),
        unsupported: options.unsupported_operations,
        named: BTreeMap::new(),
        queue: VecDeque::new(),
        outputs: BTreeSet::new(),
        protocol: None,
    };
    let result = builder.build(options);
    let Builder { mut diags, .. } = builder;
    match result {
        Some(ir) => diags.into_result(ir),
        None => {
            if diags.is_empty() {
                diags.push("model", "the model could not be processed");
            }
            Err(diags)
        }
    }
}

/// Folds mixins into the shapes that use them and applies `apply` entries.
fn resolve_mixins_and_applies(model: &Model, diags: &mut Diagnostics) -> BTreeMap<String, Shape> {
    let mut done = flatten(model, diags);
    // Mixin shapes themselves are not part of any closure.
    done.retain(|_, s| !s.traits().contains_key("smithy.api#mixin"));
    done
}

/// Every shape as Smithy sees it once loaded, mixin shapes included: its
/// mixins' members and (non-local) traits folded in, `apply` entries
/// applied. A folded shape's `mixins` list is emptied.
pub(crate) fn flatten(model: &Model, diags: &mut Diagnostics) -> BTreeMap<String, Shape> {
    fold(model, model.shapes.keys().map(String::as_str), diags)
}

/// The shapes that [`flatten`] changes, folded: those with mixins and those
/// `apply` entries reach. The others are as the model has them.
pub(crate) fn flatten_changed(model: &Model, diags: &mut Diagnostics) -> BTreeMap<String, Shape> {
    let changed = model
        .shapes
        .iter()
        .filter(|(_, shape)| !shape.mixins().is_empty())
        .map(|(id, _)| id)
        .map(String::as_str)
        .chain(model.applies.iter().map(|(target, _)| target.split_once('$').map_or(target.as_str(), |(shape, _)| shape)));
    let changed: BTreeSet<&str> = changed.collect();
    let mut folded = fold(model, changed.iter().copied(), diags);
    // Folding brings in the mixins the changed shapes use, unchanged.
    folded.retain(|id, _| changed.contains(id.as_str()));
    folded
}

/// Folds the mixins of `ids` (and of the mixins they use) and applies the
/// `apply` entries that reach them.
fn fold<'a>(model: &Model, ids: impl Iterator<Item = &'a str>, diags: &mut Diagnostics) -> BTreeMap<String, Shape> {
    let mut done: BTreeMap<String, Shape> = BTreeMap::new();
    for id in ids {
        let mut stack = Vec::new();
        resolve_mixin(id, model, &mut done, &mut stack, diags);
    }
    for (target, traits) in &model.applies {
        let (shape_id, member) = match target.split_once('$') {
            Some((s, m)) => (s, Some(m)),
            None => (target.as_str(), None),
        };
        let Some(shape) = done.get_mut(shape_id) else {
            diags.push(target, "`apply` targets a shape that is not in the model");
            continue;
        };
        let slot = match member {
            None => Some(&mut shape.common_mut().traits),
            Some(m) => member_traits_mut(shape, m),
        };
        match slot {
            Some(slot) => slot.extend(traits.iter().map(|(k, v)| (k.clone(), v.clone()))),
            None => diags.push(target, "`apply` targets a member that does not exist"),
        }
    }
    done
}

fn member_traits_mut<'a>(shape: &'a mut Shape, member: &str) -> Option<&'a mut Traits> {
    match shape {
        Shape::Structure(s) | Shape::Union(s) | Shape::Enum(s) | Shape::IntEnum(s) => {
            s.members.get_mut(member).map(|m| &mut m.traits)
        }
        Shape::List(l) | Shape::Set(l) if member == "member" => l.member.as_mut().map(|m| &mut m.traits),
        Shape::Map(m) => match member {
            "key" => m.key.as_mut().map(|m| &mut m.traits),
            "value" => m.value.as_mut().map(|m| &mut m.traits),
            _ => None,
        },
        _ => None,
    }
}

fn resolve_mixin(
    id: &str,
    model: &Model,
    done: &mut BTreeMap<String, Shape>,
    stack: &mut Vec<String>,
    diags: &mut Diagnostics,
) -> Option<Shape> {
    if let Some(shape) = done.get(id) {
        return Some(shape.clone());
    }
    let shape = model.shapes.get(id)?;
    if stack.iter().any(|s| s == id) {
        diags.push(id, format!("mixin cycle: {} -> {id}", stack.join(" -> ")));
        return None;
    }
    let mut resolved = shape.clone();
    if !shape.mixins().is_empty() {
        stack.push(id.to_owned());
        let mut traits = Traits::new();
        let mut members: indexmap::IndexMap<String, AstMember> = indexmap::IndexMap::new();
        for mixin in shape.mixins() {
            let Some(m) = resolve_mixin(&mixin.target, model, done, stack, diags) else {
                if !model.shapes.contains_key(&mixin.target) {
                    diags.push(id, format!("mixin `{}` is not in the model", mixin.target));
                }
                continue;
            };
            if !m.traits().contains_key("smithy.api#mixin") {
                diags.push(id, format!("`{}` is used as a mixin but lacks the `smithy.api#mixin` trait", mixin.target));
            }
            if m.type_name() != shape.type_name() {
                diags.push(
                    id,
                    format!("mixin `{}` is a {}, but the shape is a {}", mixin.target, m.type_name(), shape.type_name()),
                );
            }
            let local: BTreeSet<&str> = m
                .traits()
                .get("smithy.api#mixin")
                .and_then(|v| v.get("localTraits"))
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for (k, v) in m.traits() {
                if k != "smithy.api#mixin" && !local.contains(k.as_str()) {
                    traits.insert(k.clone(), v.clone());
                }
            }
            if let Some(ms) = members_of(&m) {
                for (name, member) in &ms.members {
                    members.insert(name.clone(), member.clone());
                }
            }
        }
        stack.pop();
        let own = resolved.common_mut();
        for (k, v) in std::mem::take(&mut own.traits) {
            traits.insert(k, v);
        }
        own.traits = traits;
        own.mixins.clear();
        if let Some(ms) = members_of_mut(&mut resolved) {
            for (name, member) in std::mem::take(&mut ms.members) {
                match members.get_mut(&name) {
                    // A redeclared mixin member may only add traits.
                    Some(existing) => existing.traits.extend(member.traits),
                    None => {
                        members.insert(name, member);
                    }
                }
            }
            ms.members = members;
        }
    }
    done.insert(id.to_owned(), resolved.clone());
    Some(resolved)
}

fn members_of(shape: &Shape) -> Option<&MembersShape> {
    match shape {
        Shape::Structure(s) | Shape::Union(s) | Shape::Enum(s) | Shape::IntEnum(s) => Some(s),
        _ => None,
    }
}

fn members_of_mut(shape: &mut Shape) -> Option<&mut MembersShape> {
    match shape {
        Shape::Structure(s) | Shape::Union(s) | Shape::Enum(s) | Shape::IntEnum(s) => Some(s),
        _ => None,
    }
}

/// A `smithy.api#` prelude shape: its type and whether it has a zero default.
fn prelude(id: &str) -> Option<(Type, bool)> {
    let name = id.strip_prefix("smithy.api#")?;
    let (ty, default) = match name {
        "String" => (Type::String, false),
        "Blob" => (Type::Blob, false),
        "Boolean" => (Type::Boolean, false),
        "Byte" => (Type::Byte, false),
        "Short" => (Type::Short, false),
        "Integer" => (Type::Integer, false),
        "Long" => (Type::Long, false),
        "Float" => (Type::Float, false),
        "Double" => (Type::Double, false),
        "BigInteger" => (Type::BigInteger, false),
        "BigDecimal" => (Type::BigDecimal, false),
        "Timestamp" => (Type::Timestamp(TimestampFormat::EpochSeconds), false),
        "Document" => (Type::Document, false),
        "PrimitiveBoolean" => (Type::Boolean, true),
        "PrimitiveByte" => (Type::Byte, true),
        "PrimitiveShort" => (Type::Short, true),
        "PrimitiveInteger" => (Type::Integer, true),
        "PrimitiveLong" => (Type::Long, true),
        "PrimitiveFloat" => (Type::Float, true),
        "PrimitiveDouble" => (Type::Double, true),
        _ => return None,
    };
    Some((ty, default))
}

const UNIT: &str = "smithy.api#Unit";

fn shape_name(id: &str) -> &str {
    id.split_once('#').map_or(id, |(_, n)| n)
}

fn docs_of(traits: &Traits) -> Vec<String> {
    traits.get(DOC).and_then(Value::as_str).map(docs::to_markdown).unwrap_or_default()
}

fn deprecated_of(traits: &Traits) -> Option<Deprecated> {
    traits.get("smithy.api#deprecated").map(|v| Deprecated {
        message: v.get("message").and_then(Value::as_str).map(str::to_owned),
        since: v.get("since").and_then(Value::as_str).map(str::to_owned),
    })
}

fn has(traits: &Traits, name: &str) -> bool {
    traits.contains_key(name)
}

struct Builder<'m> {
    shapes: &'m BTreeMap<String, Shape>,
    diags: Diagnostics,
    warnings: Vec<crate::Diagnostic>,
    unsupported: crate::Unsupported,
    /// Named shapes reached so far (id → kind), filled in by `build`.
    named: BTreeMap<String, NamedShape>,
    queue: VecDeque<String>,
    /// The operations' output structures, which carry response metadata.
    outputs: BTreeSet<String>,
    /// The service's protocol, once known.
    protocol: Option<Protocol>,
}

impl<'m> Builder<'m> {
    fn build(&mut self, options: &Options) -> Option<Ir> {
        let (service_id, service_shape) = self.select_service(options)?;
        let service = self.service(&service_id, service_shape)?;
        self.protocol = Some(service.protocol);
        let renames: BTreeMap<String, String> = service_shape.rename.clone().into_iter().collect();

        let mut op_ids = BTreeSet::new();
        let mut seen_resources = BTreeSet::new();
        for op in &service_shape.operations {
            op_ids.insert(op.target.clone());
        }
        for r in &service_shape.resources {
            self.collect_resource(&r.target, &mut op_ids, &mut seen_resources);
        }
        if let Some(selected) = &options.operations {
            for name in selected {
                if !op_ids.iter().any(|id| shape_name(id) == name) {
                    self.diags.push(&service_id, format!("selected operation `{name}` is not an operation of the service"));
                }
            }
            op_ids.retain(|id| selected.contains(shape_name(id)));
        }

        let mut operations = Vec::new();
        for id in &op_ids {
            if let Some(op) = self.operation(id, &service_shape.errors) {
                operations.push(op);
            }
        }
        operations.sort_by(|a, b| a.name.cmp(&b.name));
        self.outputs = operations.iter().filter_map(|o| o.output.clone()).collect();
        self.check_unique(operations.iter().map(|o| (o.fn_name.ident.clone(), o.id.clone())), "operation function");
        let waiter_names = operations.iter().flat_map(|o| o.waiters.iter().map(|w| (w.name.to_ascii_lowercase(), format!("{}: waiter {}", o.id, w.name))));
        self.check_unique(waiter_names.collect::<Vec<_>>().into_iter(), "waiter");

        while let Some(id) = self.queue.pop_front() {
            self.named_shape(&id, &renames);
        }
        let rust_names: Vec<_> = self.named.values().map(|s| (s.rust_name.clone(), s.id.clone())).collect();
        self.check_unique(rust_names.into_iter(), "Rust type");
        let names: Vec<_> = self.named.values().map(|s| (s.name.to_ascii_lowercase(), s.id.clone())).collect();
        self.check_unique(names.into_iter(), "shape name in the service closure (add a `rename` to the service)");
        self.box_recursion();
        self.box_large_union_members();
        if service.protocol.http_bindings() {
            self.settle_http_bindings(&operations);
        }
        let service_paginated = service_shape.common.traits.get("smithy.api#paginated");
        for op in &mut operations {
            op.host_prefix = self.host_prefix(op);
            if let Some(rules) = &service.endpoint_rules {
                op.endpoint_params = self.endpoint_bindings(op, rules);
            }
            let own = match self.shapes.get(&op.id) {
                Some(Shape::Operation(o)) => o.common.traits.get("smithy.api#paginated"),
                _ => None,
            };
            if let Some(own) = own {
                op.paginated = self.paginated(op, own, service_paginated);
            }
        }
        let test_cases = if options.protocol_tests { self.test_cases(&service, &operations) } else { Vec::new() };
        let endpoint_cases = if options.endpoint_tests { self.endpoint_cases(&service, &operations) } else { Vec::new() };
        Some(Ir {
            service,
            operations,
            shapes: std::mem::take(&mut self.named),
            warnings: std::mem::take(&mut self.warnings),
            test_cases,
            endpoint_cases,
        })
    }

    /// The service's `endpointTests` cases, checked against its rule set
    /// and operations.
    fn endpoint_cases(&mut self, service: &Service, operations: &[Operation]) -> Vec<EndpointCase> {
        let Some(value) = self.shapes.get(&service.id).and_then(|s| s.traits().get(endpoints::TESTS)) else {
            return Vec::new();
        };
        let Some(rules) = &service.endpoint_rules else {
            self.diags.push(&service.id, format!("`{}` needs `{}`", endpoints::TESTS, endpoints::RULE_SET));
            return Vec::new();
        };
        let cases = match endpoints::cases(value) {
            Ok(cases) => cases,
            Err(e) => {
                self.diags.push(&service.id, e);
                return Vec::new();
            }
        };
        for (n, case) in cases.iter().enumerate() {
            for (name, value) in &case.params {
                match rules.parameters.get(name) {
                    None => self.diags.push(&service.id, format!("endpoint test case {n} sets `{name}`, which the rule set does not declare")),
                    Some(p) if !p.ty.admits(value) => {
                        self.diags.push(&service.id, format!("endpoint test case {n} sets `{name}` to {value}, not a {:?}", p.ty))
                    }
                    Some(_) => {}
                }
            }
            for input in &case.operation_inputs {
                if !operations.iter().any(|o| o.name == input.operation_name) {
                    // The operation may only have been left out (`Options::operations`).
                    let in_model = self
                        .shapes
                        .iter()
                        .any(|(id, s)| matches!(s, Shape::Operation(_)) && shape_name(id) == input.operation_name);
                    if !in_model {
                        self.diags.push(&service.id, format!("endpoint test case {n} calls `{}`, which the service does not have", input.operation_name));
                    }
                }
            }
        }
        cases
    }

    /// The endpoint parameters `op` sets: `operationContextParams`, input
    /// members with `contextParam`, and `staticContextParams`, each checked
    /// against the rule set's declaration.
    fn endpoint_bindings(&mut self, op: &Operation, rules: &EndpointRules) -> Vec<Binding> {
        let shapes: &'m BTreeMap<String, Shape> = self.shapes;
        let Some(traits) = shapes.get(&op.id).map(Shape::traits) else { return Vec::new() };
        let mut out = Vec::new();
        let declared = |name: &str, what: &str, diags: &mut Diagnostics, at: &str| {
            let found = rules.parameters.get(name).map(|p| p.ty);
            if found.is_none() {
                diags.push(at, format!("`{what}` sets the endpoint parameter `{name}`, which the service's rule set does not declare"));
            }
            found
        };
        for (name, setting) in traits.get(endpoints::OPERATION_CONTEXT).and_then(Value::as_object).into_iter().flatten() {
            let Some(path) = setting.get("path").and_then(Value::as_str).filter(|p| !p.trim().is_empty()) else {
                self.diags.push(&op.id, format!("`{}` entry `{name}` needs a `path`", endpoints::OPERATION_CONTEXT));
                continue;
            };
            if let Err(e) = waiters::check_path(path) {
                self.diags.push(&op.id, format!("`{}` entry `{name}`: {e}", endpoints::OPERATION_CONTEXT));
                continue;
            }
            if declared(name, endpoints::OPERATION_CONTEXT, &mut self.diags, &op.id).is_some() {
                out.push(Binding::Path { name: name.clone(), path: path.to_owned() });
            }
        }
        let input_members = op.input.as_ref().and_then(|id| match (shapes.get(id), self.named.get(id)) {
            (Some(Shape::Structure(model)), Some(NamedShape { kind: NamedKind::Structure { members, .. }, .. })) => {
                Some((model, members.clone()))
            }
            _ => None,
        });
        for (model, members) in input_members.iter() {
            for (member_name, member) in &model.members {
                let Some(setting) = member.traits.get(endpoints::CONTEXT) else { continue };
                let at = format!("{}${member_name}", op.input.as_deref().unwrap_or_default());
                let Some(name) = setting.get("name").and_then(Value::as_str) else {
                    self.diags.push(&at, format!("`{}` needs a `name`", endpoints::CONTEXT));
                    continue;
                };
                let Some(ty) = declared(name, endpoints::CONTEXT, &mut self.diags, &at) else { continue };
                let Some(m) = members.iter().find(|m| &m.name == member_name) else { continue };
                let kind = match (&m.ty, ty) {
                    (Some(Type::String), ParamType::String) => MemberParam::String,
                    (Some(Type::Boolean), ParamType::Boolean) => MemberParam::Boolean,
                    (Some(Type::Named(id)), ParamType::String)
                        if matches!(self.named.get(id).map(|s| &s.kind), Some(NamedKind::Enum { .. })) =>
                    {
                        MemberParam::Enum
                    }
                    (Some(Type::List { member, .. }), ParamType::StringArray) if **member == Type::String => MemberParam::StringList,
                    _ => {
                        self.diags.push(&at, format!("`{}` binds the member to the endpoint parameter `{name}`, a {ty:?}, which the member's type is not", endpoints::CONTEXT));
                        continue;
                    }
                };
                out.push(Binding::Member { name: name.to_owned(), field: m.field.clone(), optional: m.optional, kind });
            }
        }
        for (name, setting) in traits.get(endpoints::STATIC_CONTEXT).and_then(Value::as_object).into_iter().flatten() {
            let Some(ty) = declared(name, endpoints::STATIC_CONTEXT, &mut self.diags, &op.id) else { continue };
            match setting.get("value") {
                Some(value) if ty.admits(value) => out.push(Binding::Static { name: name.clone(), value: value.clone() }),
                _ => self.diags.push(&op.id, format!("`{}` entry `{name}` needs a `value` of type {ty:?}", endpoints::STATIC_CONTEXT)),
            }
        }
        out
    }

    /// The `smithy.test` cases of the operations and their errors that are
    /// for the service's protocol. A case on an error is run through the
    /// first operation (by name) that can return it.
    fn test_cases(&mut self, service: &Service, operations: &[Operation]) -> Vec<TestCase> {
        let protocol = service.protocol.trait_id();
        let mut out = Vec::new();
        for op in operations {
            let traits = self.shapes.get(&op.id).map(Shape::traits);
            if let Some(value) = traits.and_then(|t| t.get(testcases::REQUEST_TESTS)) {
                match testcases::parse::<RequestCase>(testcases::REQUEST_TESTS, value) {
                    Ok(cases) => out.extend(
                        cases
                            .into_iter()
                            .filter(|c| c.protocol == protocol)
                            .map(|case| TestCase::Request { operation: op.id.clone(), case }),
                    ),
                    Err(e) => self.diags.push(&op.id, e),
                }
            }
            if let Some(value) = traits.and_then(|t| t.get(testcases::MALFORMED_TESTS)) {
                let cases = testcases::parse::<testcases::MalformedCase>(testcases::MALFORMED_TESTS, value).and_then(|cases| {
                    let expanded: Result<Vec<Vec<_>>, String> =
                        cases.into_iter().filter(|c| c.protocol == protocol).map(testcases::MalformedCase::expand).collect();
                    expanded.map(|cases| cases.into_iter().flatten().collect::<Vec<_>>())
                });
                match cases {
                    Ok(cases) => out.extend(cases.into_iter().map(|case| TestCase::Malformed { operation: op.id.clone(), case })),
                    Err(e) => self.diags.push(&op.id, e),
                }
            }
            if let Some(value) = traits.and_then(|t| t.get(testcases::RESPONSE_TESTS)) {
                match testcases::parse::<ResponseCase>(testcases::RESPONSE_TESTS, value) {
                    Ok(cases) => out.extend(
                        cases
                            .into_iter()
                            .filter(|c| c.protocol == protocol)
                            .map(|case| TestCase::Response { operation: op.id.clone(), error: None, case }),
                    ),
                    Err(e) => self.diags.push(&op.id, e),
                }
            }
        }
        let errors: BTreeSet<&String> = operations.iter().flat_map(|op| &op.errors).collect();
        for error in errors {
            let Some(value) = self.shapes.get(error).and_then(|s| s.traits().get(testcases::RESPONSE_TESTS)) else {
                continue;
            };
            let Some(op) = operations.iter().find(|op| op.errors.contains(error)) else { continue };
            match testcases::parse::<ResponseCase>(testcases::RESPONSE_TESTS, value) {
                Ok(cases) => out.extend(cases.into_iter().filter(|c| c.protocol == protocol).map(|case| {
                    TestCase::Response { operation: op.id.clone(), error: Some(error.clone()), case }
                })),
                Err(e) => self.diags.push(error, e),
            }
        }
        out
    }

    /// Resolves `@paginated` (the operation's, over the service's defaults)
    /// against the operation's input and output.
    fn paginated(&mut self, op: &Operation, own: &Value, service: Option<&Value>) -> Option<Paginated> {
        let field = |k: &str| {
            own.get(k)
                .and_then(Value::as_str)
                .or_else(|| service.and_then(|s| s.get(k)).and_then(Value::as_str))
                .map(str::to_owned)
        };
        // The validators (`PaginatedTrait`) have checked that the tokens are
        // set and name members of the right kinds; what is left here is what
        // a generated paginator needs beyond that.
        let (input_token, output_token) = (field("inputToken")?, field("outputToken")?);
        let (input, output) = (op.input.as_ref()?, op.output.as_ref()?);
        let input_member = |name: &str| -> Option<Member> {
            match &self.named.get(input)?.kind {
                NamedKind::Structure { members, .. } => members.iter().find(|m| m.name == name).cloned(),
                _ => None,
            }
        };
        let token_member = input_member(&input_token).filter(|m| m.ty.is_some())?;
        let token_type = token_member.ty.clone()?;
        let Some((output_token, _)) = self.member_path(output, &output_token).filter(|(_, ty)| *ty == token_type) else {
            self.diags.push(
                &op.id,
                format!("`@paginated` outputToken `{output_token}` is not a member path of the output with the input token's type"),
            );
            return None;
        };
        let items = match field("items") {
            None => None,
            Some(path) => match self.member_path(output, &path)? {
                (steps, ty @ (Type::List { .. } | Type::Map { .. })) => Some((steps, ty)),
                _ => return None,
            },
        };
        let page_size = match field("pageSize") {
            None => None,
            Some(name) => {
                let m = input_member(&name)?;
                Some((m.field.clone(), m.ty.clone()?))
            }
        };
        Some(Paginated { input_token: token_member.field, token_type, output_token, items, page_size })
    }

    /// Follows a dotted member path (`a.b.c`) from structure `id`.
    fn member_path(&self, id: &str, path: &str) -> Option<(Vec<PathStep>, Type)> {
        let mut current = id.to_owned();
        let mut steps = Vec::new();
        let mut ty = None;
        for segment in path.split('.') {
            if ty.is_some() {
                match ty.take() {
                    Some(Type::Named(next)) => current = next,
                    _ => return None,
                }
            }
            let NamedKind::Structure { members, .. } = &self.named.get(&current)?.kind else { return None };
            let m = members.iter().find(|m| m.name == segment)?;
            steps.push(PathStep { field: m.field.clone(), optional: m.optional });
            ty = Some(m.ty.clone()?);
        }
        Some((steps, ty?))
    }

    fn check_unique(&mut self, items: impl Iterator<Item = (String, String)>, what: &str) {
        let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, id) in items {
            by_name.entry(name).or_default().push(id);
        }
        for (name, ids) in by_name {
            if ids.len() > 1 {
                self.diags.push(&ids[0], format!("{} share the {what} name `{name}`", ids.join(" and ")));
            }
        }
    }

    fn select_service(&mut self, options: &Options) -> Option<(String, &'m crate::model::ServiceShape)> {
        let shapes: &'m BTreeMap<String, Shape> = self.shapes;
        let services: Vec<_> = shapes
            .iter()
            .filter_map(|(id, s)| match s {
                Shape::Service(svc) => Some((id.clone(), svc)),
                _ => None,
            })
            .collect();
        match &options.service {
            Some(wanted) => match services.into_iter().find(|(id, _)| id == wanted || shape_name(id) == wanted) {
                Some(found) => Some(found),
                None => {
                    self.diags.push(wanted, "the selected service is not in the model");
                    None
                }
            },
            None => match services.len() {
                0 => {
                    self.diags.push("model", "the model has no service shape");
                    None
                }
                1 => services.into_iter().next(),
                _ => {
                    let ids: Vec<_> = services.iter().map(|(id, _)| id.as_str()).collect();
                    self.diags.push("model", format!("the model has several services ({}); select one", ids.join(", ")));
                    None
                }
            },
        }
    }

    fn service(&mut self, id: &str, shape: &crate::model::ServiceShape) -> Option<Service> {
        let traits = &shape.common.traits;
        const SUPPORTED: &str =
            "aws.protocols#awsJson1_1, aws.protocols#awsJson1_0, aws.protocols#restJson1, smithy.protocols#rpcv2Cbor, smithy.protocols#rpcv2Json";
        // A service that offers several protocols is spoken in the first of
        // rpcv2Cbor, awsJson, restJson1 and rpcv2Json it has, as AWS's SDKs
        // choose (CloudWatch offers rpcv2Cbor, awsJson1_0 and awsQuery).
        let protocol = if has(traits, "smithy.protocols#rpcv2Cbor") {
            Protocol::RpcV2Cbor
        } else if has(traits, "aws.protocols#awsJson1_1") {
            Protocol::AwsJson1_1
        } else if has(traits, "aws.protocols#awsJson1_0") {
            Protocol::AwsJson1_0
        } else if has(traits, "aws.protocols#restJson1") {
            Protocol::RestJson1
        } else if has(traits, "smithy.protocols#rpcv2Json") {
            Protocol::RpcV2Json
        } else {
            let found: Vec<_> =
                traits.keys().filter(|k| k.starts_with("aws.protocols#") || k.starts_with("smithy.protocols#")).cloned().collect();
            self.diags.push(
                id,
                if found.is_empty() {
                    format!("the service has no protocol trait; supported: {SUPPORTED}")
                } else {
                    format!("unsupported protocol {}; supported: {SUPPORTED}", found.join(", "))
                },
            );
            return None;
        };
        let api = traits.get("aws.api#service");
        let api_str = |k: &str| api.and_then(|a| a.get(k)).and_then(Value::as_str).map(str::to_owned);
        let sdk_id = api_str("sdkId");
        Some(Service {
            trait_name: naming::service_trait_name(sdk_id.as_deref().unwrap_or(shape_name(id))),
            id: id.to_owned(),
            name: shape_name(id).to_owned(),
            version: shape.version.clone(),
            protocol,
            signing_name: traits
                .get("aws.auth#sigv4")
                .and_then(|v| v.get("name"))
                .and_then(Value::as_str)
                .map(str::to_owned),
            sdk_id,
            query_compatible: has(traits, "aws.protocols#awsQueryCompatible"),
            endpoint_rules: traits.get(endpoints::RULE_SET).map(|value| {
                let (rules, problems) = endpoints::rules(value);
                for problem in problems {
                    self.diags.push(id, problem);
                }
                rules
            }),
            endpoint_prefix: api_str("endpointPrefix"),
            title: traits.get("smithy.api#title").and_then(Value::as_str).map(str::to_owned),
            docs: docs_of(traits),
        })
    }

    fn collect_resource(&mut self, id: &str, ops: &mut BTreeSet<String>, seen: &mut BTreeSet<String>) {
        let shapes: &'m BTreeMap<String, Shape> = self.shapes;
        if !seen.insert(id.to_owned()) {
            return;
        }
        match shapes.get(id) {
            Some(Shape::Resource(r)) => {
                let lifecycle = [&r.create, &r.put, &r.read, &r.update, &r.delete, &r.list];
                for t in lifecycle.into_iter().flatten().chain(&r.operations).chain(&r.collection_operations) {
                    ops.insert(t.target.clone());
                }
                for child in &r.resources {
                    self.collect_resource(&child.target, ops, seen);
                }
            }
            Some(other) => self.diags.push(id, format!("bound as a resource but is a {}", other.type_name())),
            None => self.diags.push(id, "resource is not in the model"),
        }
    }

    fn operation(&mut self, id: &str, service_errors: &[crate::model::Target]) -> Option<Operation> {
        let shapes: &'m BTreeMap<String, Shape> = self.shapes;
        let op = match shapes.get(id) {
            Some(Shape::Operation(op)) => op,
            Some(other) => {
                self.diags.push(id, format!("bound as an operation but is a {}", other.type_name()));
                return None;
            }
            None => {
                self.diags.push(id, "operation is not in the model");
                return None;
            }
        };
        let traits = &op.common.traits;
        let mut io = |target: &Option<crate::model::Target>, what: &str| -> Option<String> {
            let target = target.as_ref()?;
            if target.target == UNIT {
                return None;
            }
            match shapes.get(&target.target) {
                Some(Shape::Structure(_)) => {
                    self.queue.push_back(target.target.clone());
                    Some(target.target.clone())
                }
                Some(other) => {
                    self.diags.push(id, format!("{what} `{}` must be a structure, not a {}", target.target, other.type_name()));
                    None
                }
                None => {
                    self.diags.push(id, format!("{what} `{}` is not in the model", target.target));
                    None
                }
            }
        };
        for (target, what) in [(&op.input, "input"), (&op.output, "output")] {
            let Some(Shape::Structure(s)) = target.as_ref().and_then(|t| shapes.get(&t.target)) else { continue };
            for m in s.members.values() {
                // HTTP-bound protocols carry a streaming blob as the body,
                // read whole; event streams are not carried.
                let streaming = match shapes.get(&m.target) {
                    Some(Shape::Union(u)) => has(&u.common.traits, "smithy.api#streaming"),
                    Some(Shape::Blob(b)) => {
                        has(&b.common.traits, "smithy.api#streaming") && !self.protocol.is_some_and(Protocol::http_bindings)
                    }
                    _ => false,
                };
                if !streaming {
                    continue;
                }
                let message = match self.protocol {
                    Some(Protocol::RestJson1) => format!("the {what} is an event stream (`{}`), which is not supported yet", m.target),
                    _ => format!("the {what} streams (`{}`), which awsJson cannot carry here", m.target),
                };
                match self.unsupported {
                    crate::Unsupported::Error => {
                        self.diags.push(id, format!("{message}; to leave it out, set `Unsupported::Skip` (`cargo xtask generate --skip-unsupported`)"));
                    }
                    crate::Unsupported::Skip => {
                        self.warnings.push(crate::Diagnostic::new(id, format!("operation skipped: {message}")));
                    }
                }
                return None;
            }
        }
        let input = io(&op.input, "input");
        let output = io(&op.output, "output");
        let mut errors = BTreeSet::new();
        for e in op.errors.iter().chain(service_errors) {
            match shapes.get(&e.target) {
                Some(Shape::Structure(s)) if has(&s.common.traits, "smithy.api#error") => {
                    errors.insert(e.target.clone());
                    self.queue.push_back(e.target.clone());
                }
                Some(_) => self.diags.push(id, format!("error `{}` must be a structure with the `smithy.api#error` trait", e.target)),
                None => self.diags.push(id, format!("error `{}` is not in the model", e.target)),
            }
        }
        let mut errors: Vec<String> = errors.into_iter().collect();
        errors.sort_by(|a, b| shape_name(a).cmp(shape_name(b)).then(a.cmp(b)));
        let name = shape_name(id).to_owned();
        let type_name = naming::type_name(&name);
        let waiters = match traits.get(waiters::WAITABLE).map(|v| waiters::waiters(v, input.is_some(), output.is_some())) {
            None => Vec::new(),
            Some(Ok(waiters)) => waiters,
            Some(Err(problems)) => {
                for problem in problems {
                    self.diags.push(id, problem);
                }
                Vec::new()
            }
        };
        Some(Operation {
            id: id.to_owned(),
            fn_name: naming::fn_name(&name),
            error_name: naming::operation_error_name(&type_name),
            fluent_name: format!("{type_name}FluentBuilder"),
            paginator_name: format!("{type_name}Paginator"),
            name,
            input,
            output,
            errors,
            docs: docs_of(traits),
            deprecated: deprecated_of(traits),
            paginated: None,
            host_prefix: None,
            http: if self.protocol.is_some_and(Protocol::http_bindings) { self.http(id, traits) } else { None },
            checksum_required: has(traits, "smithy.api#httpChecksumRequired"),
            waiters,
            endpoint_params: Vec::new(),
            request_compression: traits
                .get("smithy.api#requestCompression")
                .and_then(|v| v.get("encodings"))
                .and_then(Value::as_array)
                .is_some_and(|encodings| encodings.iter().any(|e| e.as_str().is_some_and(|e| e.eq_ignore_ascii_case("gzip")))),
        })
    }

    /// An operation's `@endpoint` host prefix, its `{label}`s resolved to
    /// the input's `@hostLabel` string members.
    fn host_prefix(&mut self, op: &Operation) -> Option<HostPrefix> {
        let endpoint = self.shapes.get(&op.id)?.traits().get("smithy.api#endpoint")?;
        let Some(template) = endpoint.get("hostPrefix").and_then(Value::as_str) else {
            self.diags.push(&op.id, "`smithy.api#endpoint` needs a string `hostPrefix`");
            return None;
        };
        let members = match op.input.as_ref().and_then(|id| self.named.get(id)).map(|s| &s.kind) {
            Some(NamedKind::Structure { members, .. }) => members.clone(),
            _ => Vec::new(),
        };
        let mut labels = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|i| open + i) else {
                self.diags.push(&op.id, format!("host prefix `{template}` has an unclosed `{{`"));
                return None;
            };
            let name = &rest[open + 1..close];
            let bound = self.shapes.get(op.input.as_deref().unwrap_or_default()).and_then(|s| s.member(name));
            let is_label = bound.is_some_and(|m| has(&m.traits, "smithy.api#hostLabel"));
            match members.iter().find(|m| m.name == name) {
                Some(m) if is_label && m.ty == Some(Type::String) => labels.push((name.to_owned(), m.field.clone(), m.optional)),
                _ => {
                    self.diags.push(&op.id, format!("host prefix label `{{{name}}}` needs a `@hostLabel` string member `{name}` in the input"));
                    return None;
                }
            }
            rest = &rest[close + 1..];
        }
        Some(HostPrefix { template: template.to_owned(), labels })
    }

    fn named_shape(&mut self, id: &str, renames: &BTreeMap<String, String>) {
        if self.named.contains_key(id) {
            return;
        }
        let shapes: &'m BTreeMap<String, Shape> = self.shapes;
        let Some(shape) = shapes.get(id) else { return };
        let traits = shape.traits();
        let name = renames.get(id).cloned().unwrap_or_else(|| shape_name(id).to_owned());
        let kind = match shape {
            Shape::Structure(s) => {
                let error = self.error_info(id, traits);
                let input = has(traits, "smithy.api#input");
                let mut members = self.members(id, s, input, false);
                let output = self.outputs.contains(id);
                // Errors and outputs keep their metadata in a private `meta`.
                if error.is_some() || output {
                    members.iter_mut().for_each(|m| naming::avoid_field(&mut m.field, "meta"));
                }
                NamedKind::Structure { members, error, input, output }
            }
            Shape::Union(s) => NamedKind::Union { members: self.members(id, s, false, true) },
            Shape::Enum(s) => NamedKind::Enum { variants: self.enum_variants(id, s) },
            Shape::IntEnum(s) => NamedKind::IntEnum { variants: self.int_enum_variants(id, s) },
            Shape::String(_) => NamedKind::Enum { variants: self.legacy_enum_variants(id, traits) },
            _ => return,
        };
        let rust_name = naming::type_name(&name);
        self.named.insert(
            id.to_owned(),
            NamedShape {
                id: id.to_owned(),
                name,
                rust_name,
                docs: docs_of(traits),
                deprecated: deprecated_of(traits),
                sensitive: has(traits, "smithy.api#sensitive"),
                kind,
            },
        );
    }

    fn error_info(&mut self, id: &str, traits: &Traits) -> Option<ErrorInfo> {
        // The validators have held `@error` to `client` or `server` and
        // `@httpError` to a status code.
        let fault = match traits.get("smithy.api#error")?.as_str() {
            Some("server") => ErrorFault::Server,
            _ => ErrorFault::Client,
        };
        let status = match traits.get("smithy.api#httpError").and_then(Value::as_u64) {
            Some(s) => u16::try_from(s).unwrap_or(500),
            None => match fault {
                ErrorFault::Client => 400,
                ErrorFault::Server => 500,
            },
        };
        let retryable = traits
            .get("smithy.api#retryable")
            .map(|v| v.get("throttling").and_then(Value::as_bool).unwrap_or(false));
        let query_code = traits.get("aws.protocols#awsQueryError").and_then(|v| {
            let code = v.get("code").and_then(Value::as_str).filter(|c| !c.is_empty() && !c.contains(';'));
            if code.is_none() {
                self.diags.push(id, format!("`aws.protocols#awsQueryError` needs a non-empty `code` without `;`, found {v}"));
            }
            code.map(str::to_owned)
        });
        Some(ErrorInfo { fault, status, retryable, query_code })
    }

    fn members(&mut self, id: &str, shape: &MembersShape, input: bool, union: bool) -> Vec<Member> {
        let shapes: &'m BTreeMap<String, Shape> = self.shapes;
        let mut out = Vec::new();
        for (name, m) in &shape.members {
            let member_id = format!("{id}${name}");
            let traits = &m.traits;
            let ty = if union && m.target == UNIT {
                None
            } else {
                match self.resolve(&member_id, &m.target, traits, &mut Vec::new()) {
                    Some(ty) => Some(ty),
                    None => continue,
                }
            };
            let target_traits = shapes.get(&m.target).map(Shape::traits);
            let target_default = match prelude(&m.target) {
                Some((Type::Boolean, true)) => Some(Value::Bool(false)),
                Some((_, true)) => Some(Value::from(0)),
                _ => target_traits.and_then(|t| t.get("smithy.api#default")).cloned(),
            };
            let default = match traits.get("smithy.api#default") {
                Some(Value::Null) => None,
                Some(v) => Some(v.clone()),
                None => target_default.filter(|v| !v.is_null()),
            };
            let required = has(traits, "smithy.api#required");
            let client_optional = has(traits, "smithy.api#clientOptional");
            let optional = union || input || client_optional || !(required || default.is_some());
            let sensitive = has(traits, "smithy.api#sensitive") || target_traits.is_some_and(|t| has(t, "smithy.api#sensitive"));
            let constraints = self.member_constraints(m);
            let http = self.protocol.is_some_and(Protocol::http_bindings);
            let json_name = match traits.get("smithy.api#jsonName").and_then(Value::as_str) {
                Some(json_name) if http => json_name.to_owned(),
                _ => name.clone(),
            };
            let location = if http && !union { self.location(&member_id, traits) } else { Location::Body };
            let text_timestamp = self.text_timestamp(traits, &m.target, &location);
            let media_type = target_traits.and_then(|t| t.get("smithy.api#mediaType")).and_then(Value::as_str).map(str::to_owned);
            let mut docs = docs_of(traits);
            if docs.is_empty() {
                docs = target_traits.map(docs_of).unwrap_or_default();
            }
            out.push(Member {
                name: name.clone(),
                id: member_id,
                field: naming::field_name(name),
                variant: naming::variant_name(name),
                ty,
                docs,
                optional,
                required,
                server_default: if optional && !union { default.clone() } else { None },
                default: if optional { None } else { default },
                sensitive,
                deprecated: deprecated_of(traits),
                boxed: false,
                idempotency_token: has(traits, "smithy.api#idempotencyToken"),
                constraints,
                json_name,
                location,
                text_timestamp,
                media_type,
            });
        }
        if union {
            self.check_unique(out.iter().map(|m| (m.variant.clone(), m.id.clone())), "variant");
        } else {
            self.check_unique(out.iter().map(|m| (m.field.plain.clone(), m.id.clone())), "field");
            let setters = out.iter().flat_map(|m| {
                let setter = m.field.setter.trim_start_matches("r#").to_owned();
                [(setter, m.id.clone()), (format!("set_{}", m.field.plain), m.id.clone())]
            });
            self.check_unique(setters.collect::<Vec<_>>().into_iter(), "builder method");
        }
        out
    }

    /// Resolves a member target to a type, reporting what is wrong.
    fn resolve(&mut self, member_id: &str, target: &str, member_traits: &Traits, stack: &mut Vec<String>) -> Option<Type> {
        if let Some((ty, _)) = prelude(target) {
            return Some(match ty {
                Type::Timestamp(_) => Type::Timestamp(self.timestamp_format(member_id, member_traits, None)),
                Type::Document => self.document(member_id, target),
                ty => ty,
            });
        }
        if target == UNIT {
            self.diags.push(member_id, "only union members and operation input/output may target smithy.api#Unit");
            return None;
        }
        let shapes: &'m BTreeMap<String, Shape> = self.shapes;
        let Some(shape) = shapes.get(target) else {
            self.diags.push(member_id, format!("targets `{target}`, which is not in the model"));
            return None;
        };
        if stack.iter().any(|s| s == target) {
            self.diags.push(member_id, format!("`{target}` contains itself without a structure or union in between"));
            return None;
        }
        let ty = match shape {
            Shape::Blob(_) => Type::Blob,
            Shape::Boolean(_) => Type::Boolean,
            Shape::String(s) if has(&s.common.traits, "smithy.api#enum") => {
                self.queue.push_back(target.to_owned());
                Type::Named(target.to_owned())
            }
            Shape::String(_) => Type::String,
            Shape::Byte(_) => Type::Byte,
            Shape::Short(_) => Type::Short,
            Shape::Integer(_) => Type::Integer,
            Shape::Long(_) => Type::Long,
            Shape::Float(_) => Type::Float,
            Shape::Double(_) => Type::Double,
            Shape::BigInteger(_) => Type::BigInteger,
            Shape::BigDecimal(_) => Type::BigDecimal,
            Shape::Timestamp(t) => Type::Timestamp(self.timestamp_format(member_id, member_traits, Some(&t.common.traits))),
            Shape::Document(_) => self.document(member_id, target),
            Shape::Enum(_) | Shape::IntEnum(_) | Shape::Structure(_) | Shape::Union(_) => {
                self.queue.push_back(target.to_owned());
                Type::Named(target.to_owned())
            }
            Shape::List(l) | Shape::Set(l) => {
                let Some(m) = &l.member else {
                    self.diags.push(target, "a list needs a `member`");
                    return None;
                };
                stack.push(target.to_owned());
                let member = self.resolve(&format!("{target}$member"), &m.target, &m.traits, stack);
                stack.pop();
                Type::List {
                    member: Box::new(member?),
                    sparse: has(&l.common.traits, "smithy.api#sparse"),
                    member_constraints: Box::new(self.member_constraints(m)),
                }
            }
            Shape::Map(m) => {
                let (Some(k), Some(v)) = (&m.key, &m.value) else {
                    self.diags.push(target, "a map needs a `key` and a `value`");
                    return None;
                };
                stack.push(target.to_owned());
                let key = self.resolve(&format!("{target}$key"), &k.target, &k.traits, stack);
                let value = self.resolve(&format!("{target}$value"), &v.target, &v.traits, stack);
                stack.pop();
                let key = key?;
                let key_ok = match &key {
                    Type::String => true,
                    Type::Named(id) => matches!(shapes.get(id), Some(Shape::Enum(_) | Shape::String(_))),
                    _ => false,
                };
                if !key_ok {
                    self.diags.push(format!("{target}$key"), "a map key must target a string or string enum");
                    return None;
                }
                Type::Map {
                    key: Box::new(key),
                    value: Box::new(value?),
                    sparse: has(&m.common.traits, "smithy.api#sparse"),
                    key_constraints: Box::new(self.member_constraints(k)),
                    value_constraints: Box::new(self.member_constraints(v)),
                }
            }
            Shape::Service(_) | Shape::Operation(_) | Shape::Resource(_) | Shape::Apply(_) => {
                self.diags.push(member_id, format!("targets `{target}`, a {}, which is not a data shape", shape.type_name()));
                return None;
            }
        };
        Some(ty)
    }

    /// The constraints of a member: its target's, overridden by its own.
    fn member_constraints(&self, member: &AstMember) -> Constraints {
        let mut constraints = self.shapes.get(&member.target).map(|t| constraints_of(t.traits())).unwrap_or_default();
        let own = constraints_of(&member.traits);
        constraints.length = own.length.or(constraints.length);
        constraints.range = own.range.or(constraints.range);
        constraints.pattern = own.pattern.or(constraints.pattern);
        // An IDL 1.0 `set` is a list with unique items.
        constraints.unique_items |= matches!(self.shapes.get(&member.target), Some(Shape::Set(_)));
        constraints
    }

    /// A member targeting a document, which rpcv2Cbor does not carry.
    fn document(&mut self, member_id: &str, target: &str) -> Type {
        if self.protocol == Some(Protocol::RpcV2Cbor) {
            self.diags.push(member_id, format!("targets the document `{target}`, which the rpcv2Cbor protocol does not support"));
        }
        Type::Document
    }

    fn timestamp_format(&mut self, member_id: &str, member: &Traits, target: Option<&Traits>) -> TimestampFormat {
        if self.protocol.is_some_and(Protocol::rpc_v2) {
            return TimestampFormat::EpochSeconds;
        }
        let value = member
            .get("smithy.api#timestampFormat")
            .or_else(|| target.and_then(|t| t.get("smithy.api#timestampFormat")));
        match value.and_then(Value::as_str) {
            None | Some("epoch-seconds") => TimestampFormat::EpochSeconds,
            Some("date-time") => TimestampFormat::DateTime,
            Some("http-date") => TimestampFormat::HttpDate,
            Some(other) => {
                self.diags.push(member_id, format!("unknown timestampFormat `{other}` (expected epoch-seconds, date-time or http-date)"));
                TimestampFormat::EpochSeconds
            }
        }
    }

    fn enum_variants(&mut self, id: &str, shape: &MembersShape) -> Vec<EnumVariant> {
        let variants: Vec<EnumVariant> = shape
            .members
            .iter()
            .map(|(name, m)| {
                let value = match m.traits.get("smithy.api#enumValue") {
                    None => name.clone(),
                    Some(Value::String(s)) => s.clone(),
                    Some(other) => {
                        self.diags.push(format!("{id}${name}"), format!("an enum value must be a string, found {other}"));
                        name.clone()
                    }
                };
                EnumVariant {
                    variant: naming::variant_name(name),
                    value: EnumValue::String(value),
                    docs: docs_of(&m.traits),
                    deprecated: deprecated_of(&m.traits),
                    internal: has(&m.traits, "smithy.api#internal"),
                }
            })
            .collect();
        self.check_variants(id, &variants);
        variants
    }

    fn int_enum_variants(&mut self, id: &str, shape: &MembersShape) -> Vec<EnumVariant> {
        let mut variants = Vec::new();
        for (name, m) in &shape.members {
            let value = m.traits.get("smithy.api#enumValue").and_then(Value::as_i64).and_then(|v| i32::try_from(v).ok());
            let Some(value) = value else {
                self.diags.push(format!("{id}${name}"), "an intEnum member needs an integer `smithy.api#enumValue` that fits in 32 bits");
                continue;
            };
            variants.push(EnumVariant {
                variant: naming::variant_name(name),
                value: EnumValue::Int(value),
                docs: docs_of(&m.traits),
                deprecated: deprecated_of(&m.traits),
                internal: has(&m.traits, "smithy.api#internal"),
            });
        }
        self.check_variants(id, &variants);
        variants
    }

    fn legacy_enum_variants(&mut self, id: &str, traits: &Traits) -> Vec<EnumVariant> {
        let Some(entries) = traits.get("smithy.api#enum").and_then(Value::as_array) else {
            self.diags.push(id, "`smithy.api#enum` must be a list of enum definitions");
            return Vec::new();
        };
        let mut variants = Vec::new();
        for entry in entries {
            let Some(value) = entry.get("value").and_then(Value::as_str) else {
                self.diags.push(id, format!("`smithy.api#enum` entry without a string `value`: {entry}"));
                continue;
            };
            let name = entry.get("name").and_then(Value::as_str);
            let docs = entry.get("documentation").and_then(Value::as_str).map(docs::to_markdown).unwrap_or_default();
            variants.push(EnumVariant {
                variant: name.map_or_else(|| naming::variant_from_value(value), naming::variant_name),
                value: EnumValue::String(value.to_owned()),
                docs,
                deprecated: entry.get("deprecated").and_then(Value::as_bool).unwrap_or(false).then(Deprecated::default),
                internal: entry
                    .get("tags")
                    .and_then(Value::as_array)
                    .is_some_and(|tags| tags.iter().any(|t| t.as_str() == Some("internal"))),
            });
        }
        self.check_variants(id, &variants);
        variants
    }

    fn check_variants(&mut self, id: &str, variants: &[EnumVariant]) {
        let mut names: BTreeMap<&str, usize> = BTreeMap::new();
        let mut values: BTreeSet<String> = BTreeSet::new();
        for v in variants {
            *names.entry(&v.variant).or_default() += 1;
            let value = match &v.value {
                EnumValue::String(s) => s.clone(),
                EnumValue::Int(i) => i.to_string(),
            };
            if !values.insert(value.clone()) {
                self.diags.push(id, format!("enum value `{value}` appears twice"));
            }
        }
        for (name, count) in names {
            if count > 1 {
                self.diags.push(id, format!("{count} enum members share the Rust variant name `{name}`"));
            }
        }
    }

    /// Boxes every direct (not through a list or map) structure/union member
    /// that stays inside its strongly connected component: exactly the edges
    /// that would make a Rust type infinitely large.
    fn box_recursion(&mut self) {
        let ids: Vec<String> = self.named.keys().cloned().collect();
        let index: BTreeMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        let edges: Vec<Vec<usize>> = ids
            .iter()
            .map(|id| {
                direct_members(&self.named[id])
                    .filter_map(|m| match &m.ty {
                        Some(Type::Named(t)) => index.get(t.as_str()).copied(),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        let component = strongly_connected(&edges);
        let mut to_box: BTreeSet<(usize, String)> = BTreeSet::new();
        for (i, id) in ids.iter().enumerate() {
            for m in direct_members(&self.named[id]) {
                if let Some(Type::Named(t)) = &m.ty {
                    if let Some(&j) = index.get(t.as_str()) {
                        if component[i] == component[j] {
                            to_box.insert((i, m.name.clone()));
                        }
                    }
                }
            }
        }
        for (i, name) in to_box {
            if let Some(shape) = self.named.get_mut(&ids[i]) {
                if let NamedKind::Structure { members, .. } | NamedKind::Union { members } = &mut shape.kind {
                    members.iter_mut().filter(|m| m.name == name).for_each(|m| m.boxed = true);
                }
            }
        }
    }
}

/// Union members whose payload is estimated larger than this many bytes are
/// boxed, so one large member does not make every value of the union large.
const LARGE_UNION_MEMBER: usize = 128;

impl Builder<'_> {
    fn box_large_union_members(&mut self) {
        let mut to_box = Vec::new();
        for (id, shape) in &self.named {
            if let NamedKind::Union { members } = &shape.kind {
                for m in members.iter().filter(|m| !m.boxed) {
                    let size = m.ty.as_ref().map_or(0, |t| estimated_size(&self.named, t, &mut Vec::new()));
                    if size > LARGE_UNION_MEMBER {
                        to_box.push((id.clone(), m.name.clone()));
                    }
                }
            }
        }
        for (id, name) in to_box {
            if let Some(NamedKind::Union { members }) = self.named.get_mut(&id).map(|s| &mut s.kind) {
                members.iter_mut().filter(|m| m.name == name).for_each(|m| m.boxed = true);
            }
        }
    }
}

/// A rough size in bytes of a value of `ty` on a 64-bit target.
fn estimated_size(named: &BTreeMap<String, NamedShape>, ty: &Type, stack: &mut Vec<String>) -> usize {
    match ty {
        Type::Boolean | Type::Byte => 1,
        Type::Short => 2,
        Type::Integer | Type::Float => 4,
        Type::Long | Type::Double => 8,
        Type::Timestamp(_) => 16,
        Type::Blob | Type::String | Type::BigInteger | Type::BigDecimal | Type::List { .. } => 24,
        Type::Document => 32,
        Type::Map { .. } => 48,
        Type::Named(id) => {
            if stack.iter().any(|s| s == id) {
                return 8;
            }
            let Some(shape) = named.get(id) else { return 8 };
            stack.push(id.clone());
            let size = match &shape.kind {
                NamedKind::Enum { .. } => 24,
                NamedKind::IntEnum { .. } => 8,
                NamedKind::Structure { members, error, .. } => {
                    let fields: usize = members
                        .iter()
                        .map(|m| match (&m.ty, m.boxed) {
                            (_, true) | (None, _) => 8,
                            (Some(t), false) => estimated_size(named, t, stack) + if m.optional { 8 } else { 0 },
                        })
                        .sum();
                    fields + if error.is_some() { 72 } else { 0 }
                }
                NamedKind::Union { members } => {
                    8 + members
                        .iter()
                        .map(|m| match (&m.ty, m.boxed) {
                            (Some(t), false) => estimated_size(named, t, stack),
                            _ => 8,
                        })
                        .max()
                        .unwrap_or(0)
                }
            };
            stack.pop();
            size
        }
    }
}

fn direct_members(shape: &NamedShape) -> impl Iterator<Item = &Member> {
    let members: &[Member] = match &shape.kind {
        NamedKind::Structure { members, .. } | NamedKind::Union { members } => members,
        _ => &[],
    };
    members.iter()
}

/// Tarjan's algorithm, iterative; returns a component number per node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[v] == usize::MAX {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

fn constraints_of(traits: &Traits) -> Constraints {
    let min_max_u = |v: &Value| (v.get("min").and_then(Value::as_u64), v.get("max").and_then(Value::as_u64));
    let min_max_f = |v: &Value| (v.get("min").and_then(Value::as_f64), v.get("max").and_then(Value::as_f64));
    Constraints {
        length: traits.get("smithy.api#length").map(min_max_u),
        range: traits.get("smithy.api#range").map(min_max_f),
        pattern: traits.get("smithy.api#pattern").and_then(Value::as_str).map(str::to_owned),
        unique_items: has(traits, "smithy.api#uniqueItems"),
    }
}

