//! Every Rust name the generator emits is assigned here, once.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict, reserved and 2018+/2024 editions) that need `r#`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static",
    "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where",
    "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Setter names taken by the generated API itself (builder and client
/// methods), or that clippy would read as a std trait method
/// (`should_implement_trait`); such setters get a `_value` suffix.
const RESERVED_MEMBERS: &[&str] = &[
    "build", "builder", "default", "meta", "send", "customize", "config", "input", "with_sender",
    "into_paginator", "add", "as_mut", "as_ref",
    "bitand", "bitor", "bitxor", "borrow", "borrow_mut", "clone", "cmp", "deref", "deref_mut", "div",
    "drop", "eq", "from_iter", "from_str", "hash", "index", "index_mut", "into_iter", "mul", "neg", "next",
    "not", "rem", "shl", "shr", "sub",
];

/// The names of a member: its field, and its builder setter (which must
/// not collide with the builder's own methods such as `build`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldName {
    /// The field identifier as written in code (`r#type`, `self_`).
    pub ident: String,
    /// The field identifier without `r#`, for derived names such as `set_type`.
    pub plain: String,
    /// The setter identifier (`r#type`, `build_value`).
    pub setter: String,
}

/// Snake-case names for a member.
pub fn field_name(member: &str) -> FieldName {
    let mut snake = member.to_snake_case();
    if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake = format!("_{snake}");
    }
    if NOT_RAW.contains(&snake.as_str()) {
        snake.push('_');
    }
    let setter = if RESERVED_MEMBERS.contains(&snake.as_str()) { format!("{snake}_value") } else { raw(&snake) };
    FieldName { ident: raw(&snake), plain: snake, setter }
}

fn raw(snake: &str) -> String {
    if KEYWORDS.contains(&snake) {
        format!("r#{snake}")
    } else {
        snake.to_owned()
    }
}

/// The field of a member that would collide with a field the generator
/// adds itself (`meta` on error structures) gets a `_value` suffix.
pub fn avoid_field(name: &mut FieldName, taken: &str) {
    if name.plain == taken {
        name.plain.push_str("_value");
        name.ident = name.plain.clone();
    }
}

/// Methods of the generated `Client` that operations must not shadow.
const CLIENT_METHODS: &[&str] = &["new", "from_env", "builder", "config", "endpoint", "clone", "fmt"];

/// Snake-case function name for an operation.
pub fn fn_name(name: &str) -> FieldName {
    let mut f = field_name(name);
    if CLIENT_METHODS.contains(&f.plain.as_str()) {
        f.plain.push_str("_operation");
        f.ident = f.plain.clone();
    }
    f
}

/// UpperCamel type name for a shape.
pub fn type_name(shape_name: &str) -> String {
    let mut name = shape_name.to_upper_camel_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("Shape{name}");
    }
    if name == "Self" {
        name = "SelfValue".to_owned();
    }
    name
}

/// Names `crate::error` re-exports from the runtime beside the operations'
/// error enums.
pub const ERROR_MODULE_NAMES: &[&str] =
    &["BuildError", "ErrorMetadata", "ProvideErrorMetadata", "Unhandled", "UnhandledKind"];

/// The error enum of an operation whose type name is `type_name`:
/// `RetryBuildError`, or `BuildOperationError` for an operation `Build`,
/// whose `BuildError` would collide with the runtime's re-exported one.
pub fn operation_error_name(type_name: &str) -> String {
    let name = format!("{type_name}Error");
    if ERROR_MODULE_NAMES.contains(&name.as_str()) {
        format!("{type_name}OperationError")
    } else {
        name
    }
}

/// The server's service trait for a service called `name` (its SDK id or
/// shape name); it must not be one of the names `crate::server` uses
/// beside it.
pub fn service_trait_name(name: &str) -> String {
    let name = type_name(&name.replace(' ', ""));
    if ["RequestContext", "ServerConfig", "S"].contains(&name.as_str()) {
        format!("{name}Service")
    } else {
        name
    }
}

/// UpperCamel variant name for an enum or union member. `Unknown` is taken
/// by the case every generated enum has for values it does not know.
pub fn variant_name(member: &str) -> String {
    let cleaned: String = member.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    let mut name = cleaned.to_upper_camel_case();
    if name.is_empty() {
        name = "Empty".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("V{name}");
    }
    match name.as_str() {
        "Self" => "SelfValue".to_owned(),
        "Unknown" => "UnknownValue".to_owned(),
        _ => name,
    }
}

/// The variant name of a legacy `smithy.api#enum` entry without a `name`.
pub fn variant_from_value(value: &str) -> String {
    variant_name(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        assert_eq!(field_name("buildStatus").ident, "build_status");
        assert_eq!(field_name("type").ident, "r#type");
        assert_eq!(field_name("type").plain, "type");
        assert_eq!(field_name("self").ident, "self_");
        assert_eq!(field_name("gen").ident, "r#gen");
        assert_eq!(field_name("build").ident, "build");
        assert_eq!(field_name("build").setter, "build_value");
        assert_eq!(field_name("type").setter, "r#type");
        assert_eq!(field_name("S3Logs").ident, "s3_logs");
        assert_eq!(field_name("md5sum").ident, "md5sum");
    }

    #[test]
    fn types_and_variants() {
        assert_eq!(type_name("Self"), "SelfValue");
        assert_eq!(type_name("KMSKeyId"), "KmsKeyId");
        assert_eq!(variant_name("IN_PROGRESS"), "InProgress");
        assert_eq!(variant_name("Unknown"), "UnknownValue");
        assert_eq!(variant_from_value("json-file"), "JsonFile");
        assert_eq!(variant_from_value("AWS::EC2::Instance"), "AwsEc2Instance");
        assert_eq!(variant_from_value("Bytes/Second"), "BytesSecond");
        assert_eq!(variant_from_value("1GB"), "V1gb");
        assert_eq!(operation_error_name("RetryBuild"), "RetryBuildError");
        assert_eq!(operation_error_name("Build"), "BuildOperationError");
        assert_eq!(service_trait_name("CodeBuild"), "CodeBuild");
        assert_eq!(service_trait_name("Cost Explorer"), "CostExplorer");
        assert_eq!(service_trait_name("ServerConfig"), "ServerConfigService");
    }
}
