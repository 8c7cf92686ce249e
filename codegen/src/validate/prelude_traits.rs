//! What the specification defines for each trait of the `smithy.api`
//! prelude that the validators need: where it may be applied (its
//! selector), what it is structurally exclusive by, and the traits it
//! conflicts with (smithy.io, "Defining traits" and each trait's "Trait
//! selector"). A prelude trait not listed applies anywhere (`*`).

/// How a trait is structurally exclusive (`structurallyExclusive`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Exclusive {
    /// Only one member of a structure may carry it.
    Member,
    /// Only one member of a structure may target a shape carrying it.
    Target,
}

/// A prelude trait's definition: name, selector, exclusivity, conflicts.
pub(super) struct Definition {
    pub name: &'static str,
    pub selector: &'static str,
    pub exclusive: Option<Exclusive>,
    pub conflicts: &'static [&'static str],
}

const fn def(name: &'static str, selector: &'static str) -> Definition {
    Definition { name, selector, exclusive: None, conflicts: &[] }
}

const fn conflicting(name: &'static str, selector: &'static str, conflicts: &'static [&'static str]) -> Definition {
    Definition { name, selector, exclusive: None, conflicts }
}

const fn exclusive(
    name: &'static str,
    selector: &'static str,
    exclusive: Exclusive,
    conflicts: &'static [&'static str],
) -> Definition {
    Definition { name, selector, exclusive: Some(exclusive), conflicts }
}

/// Each HTTP binding trait conflicts with the others.
const NOT_LABEL: &[&str] = &["httpHeader", "httpQuery", "httpPrefixHeaders", "httpPayload", "httpResponseCode", "httpQueryParams"];
const NOT_QUERY: &[&str] = &["httpLabel", "httpHeader", "httpPrefixHeaders", "httpPayload", "httpResponseCode", "httpQueryParams"];
const NOT_QUERY_PARAMS: &[&str] = &["httpLabel", "httpQuery", "httpHeader", "httpPayload", "httpResponseCode", "httpPrefixHeaders"];
const NOT_HEADER: &[&str] = &["httpLabel", "httpQuery", "httpPrefixHeaders", "httpPayload", "httpResponseCode", "httpQueryParams"];
const NOT_PREFIX_HEADERS: &[&str] = &["httpLabel", "httpQuery", "httpHeader", "httpPayload", "httpResponseCode", "httpQueryParams"];
const NOT_PAYLOAD: &[&str] = &["httpLabel", "httpQuery", "httpHeader", "httpPrefixHeaders", "httpResponseCode", "httpQueryParams"];
const NOT_RESPONSE_CODE: &[&str] = &["httpLabel", "httpQuery", "httpHeader", "httpPrefixHeaders", "httpPayload", "httpQueryParams"];

/// The prelude's traits with a selector other than `*`, a structural
/// exclusivity or conflicts, sorted by name.
pub(super) const DEFINITIONS: &[Definition] = &[
    def("addedDefault", "structure > member [trait|default]"),
    def("auth", ":is(service, operation)"),
    def("authDefinition", "structure[trait|trait]"),
    def(
        "box",
        ":test(boolean, byte, short, integer, long, float, double, member > :test(boolean, byte, short, integer, long, float, double))",
    ),
    def("clientOptional", "structure > member"),
    def("cors", "service"),
    def("default", ":is(simpleType, list, map, structure > member :test(> :is(simpleType, list, map)))"),
    def("endpoint", "operation"),
    def("enum", "string :not(enum)"),
    def("enumValue", ":is(enum, intEnum) > member"),
    conflicting("error", "structure", &["trait"]),
    conflicting("eventHeader", "structure > :test(member > :test(boolean, byte, short, integer, long, blob, string, timestamp))", &["eventPayload"]),
    exclusive("eventPayload", "structure > :test(member > :test(blob, string, structure, union))", Exclusive::Member, &["eventHeader"]),
    def("examples", "operation"),
    def("hostLabel", "structure > :test(member[trait|required] > string)"),
    def("http", "operation"),
    def("httpApiKeyAuth", "service"),
    def("httpBasicAuth", "service"),
    def("httpBearerAuth", "service"),
    def("httpChecksumRequired", "operation"),
    def("httpDigestAuth", "service"),
    def("httpError", "structure[trait|error]"),
    conflicting("httpHeader", "structure > :test(member > :test(boolean, number, string, timestamp, list > member > :test(boolean, number, string, timestamp)))", NOT_HEADER),
    conflicting("httpLabel", "structure > member[trait|required] :test(> :test(string, number, boolean, timestamp))", NOT_LABEL),
    exclusive("httpPayload", "structure > member", Exclusive::Member, NOT_PAYLOAD),
    exclusive("httpPrefixHeaders", "structure > member :test(> map :not([trait|sparse]) > member[id|member=value] > string)", Exclusive::Member, NOT_PREFIX_HEADERS),
    conflicting("httpQuery", "structure > member :test(> :test(string, number, boolean, timestamp), > list > member > :test(string, number, boolean, timestamp))", NOT_QUERY),
    exclusive("httpQueryParams", "structure > member :test(> map > member[id|member=value] > :test(string, list > member > string))", Exclusive::Member, NOT_QUERY_PARAMS),
    exclusive("httpResponseCode", "structure :not([trait|input]) > member :test(> integer)", Exclusive::Member, NOT_RESPONSE_CODE),
    exclusive("idempotencyToken", "structure > :test(member > string)", Exclusive::Member, &[]),
    conflicting("idempotent", "operation", &["readonly"]),
    def("idRef", ":test(string, member > string)"),
    conflicting("input", "structure", &["output", "error"]),
    def("jsonName", ":is(structure, union) > member"),
    def("length", ":test(list, map, string, blob, member > :is(list, map, string, blob))"),
    def("longPoll", "operation"),
    def("mediaType", ":is(blob, string)"),
    def("metadata", "dataType :not([trait|input]) :not([trait|output])"),
    def("mixin", ":not(member)"),
    exclusive("nestedProperties", "operation -[input, output]-> structure > member :test(> structure)", Exclusive::Member, &[]),
    def("noReplace", "resource:test(-[put]->)"),
    def("notProperty", ":is(operation -[input, output]-> structure > member, [trait|trait])"),
    def("optionalAuth", "operation"),
    conflicting("output", "structure", &["input", "error"]),
    def("paginated", ":is(service, operation)"),
    def("pattern", ":test(string, member > string)"),
    conflicting("property", "structure > member", &["resourceIdentifier"]),
    def("protocolDefinition", "structure[trait|trait]"),
    def("range", ":test(number, member > number)"),
    conflicting("readonly", "operation", &["idempotent"]),
    conflicting("recommended", "structure > member", &["required"]),
    def("references", ":is(structure, string)"),
    def("requestCompression", "operation"),
    def("required", "structure > member"),
    def("requiresLength", "blob[trait|streaming]"),
    def("resourceIdentifier", "structure > :test(member[trait|required] > string)"),
    def("retryable", "structure[trait|error]"),
    def("sensitive", ":not(:test(service, operation, resource, member))"),
    def("sparse", ":is(list, map)"),
    exclusive("streaming", ":is(blob, union)", Exclusive::Target, &[]),
    def("timestampFormat", ":test(timestamp, member > timestamp)"),
    def("trait", ":is(simpleType, list, map, structure, union)"),
    def("traitValidators", "[trait|trait]"),
    conflicting("uniqueItems", "list :not(> member ~> :is(float, double, document))", &["sparse"]),
    def("unitType", "[id=smithy.api#Unit]"),
    conflicting("xmlAttribute", "structure > :test(member > :test(boolean, number, string, timestamp))", &["xmlNamespace"]),
    def("xmlFlattened", ":is(structure, union) > :test(member > :test(list, map))"),
    def("xmlName", ":is(structure, union, member)"),
    conflicting("xmlNamespace", ":is(service, member, simpleType, list, map, structure, union)", &["xmlAttribute"]),
];
