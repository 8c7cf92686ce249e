//! What every loader knows of the `smithy.api` prelude: the names of its
//! shapes (so relative ids can resolve to them) and their types (so an
//! annotation trait gets the empty value of its type). The prelude's shapes
//! are built in: they are never part of a loaded [`Model`](crate::Model),
//! and a file that defines them again (Smithy's own `prelude.smithy`) adds
//! nothing.

/// The prelude's namespace.
pub(crate) const NAMESPACE: &str = "smithy.api";

/// Every prelude shape, sorted by name, with its shape type.
const SHAPES: &[(&str, &str)] = &[
    ("AuthTraitReference", "string"),
    ("BigDecimal", "bigDecimal"),
    ("BigInteger", "bigInteger"),
    ("Blob", "blob"),
    ("Boolean", "boolean"),
    ("Byte", "byte"),
    ("ClosureId", "string"),
    ("CommonMark", "string"),
    ("Document", "document"),
    ("Double", "double"),
    ("EnumConstantBodyName", "string"),
    ("EnumDefinition", "structure"),
    ("Example", "structure"),
    ("ExampleError", "structure"),
    ("Float", "float"),
    ("HttpApiKeyLocations", "enum"),
    ("IdempotentErrors", "list"),
    ("Identifier", "string"),
    ("Integer", "integer"),
    ("LocalMixinTrait", "string"),
    ("LocalMixinTraitList", "list"),
    ("Long", "long"),
    ("Namespaces", "list"),
    ("NonEmptyString", "string"),
    ("NonEmptyStringList", "list"),
    ("NonEmptyStringMap", "map"),
    ("PrimitiveBoolean", "boolean"),
    ("PrimitiveByte", "byte"),
    ("PrimitiveDouble", "double"),
    ("PrimitiveFloat", "float"),
    ("PrimitiveInteger", "integer"),
    ("PrimitiveLong", "long"),
    ("PrimitiveShort", "short"),
    ("Reference", "structure"),
    ("Renames", "map"),
    ("RequestCompressionEncodingsList", "list"),
    ("Severity", "enum"),
    ("ShapeClosure", "structure"),
    ("ShapeClosures", "list"),
    ("Short", "short"),
    ("String", "string"),
    ("StructurallyExclusive", "enum"),
    ("Timestamp", "timestamp"),
    ("TraitChangeType", "enum"),
    ("TraitDiffRule", "structure"),
    ("TraitDiffRules", "list"),
    ("TraitShapeId", "string"),
    ("TraitShapeIdList", "list"),
    ("TraitValidator", "structure"),
    ("Unit", "structure"),
    ("addedDefault", "structure"),
    ("auth", "list"),
    ("authDefinition", "structure"),
    ("box", "structure"),
    ("clientOptional", "structure"),
    ("cors", "structure"),
    ("default", "document"),
    ("deprecated", "structure"),
    ("documentation", "string"),
    ("endpoint", "structure"),
    ("enum", "list"),
    ("enumValue", "document"),
    ("error", "enum"),
    ("eventHeader", "structure"),
    ("eventPayload", "structure"),
    ("examples", "list"),
    ("externalDocumentation", "map"),
    ("hostLabel", "structure"),
    ("http", "structure"),
    ("httpApiKeyAuth", "structure"),
    ("httpBasicAuth", "structure"),
    ("httpBearerAuth", "structure"),
    ("httpChecksumRequired", "structure"),
    ("httpDigestAuth", "structure"),
    ("httpError", "integer"),
    ("httpHeader", "string"),
    ("httpLabel", "structure"),
    ("httpPayload", "structure"),
    ("httpPrefixHeaders", "string"),
    ("httpQuery", "string"),
    ("httpQueryParams", "structure"),
    ("httpResponseCode", "structure"),
    ("idRef", "structure"),
    ("idempotencyToken", "structure"),
    ("idempotent", "structure"),
    ("input", "structure"),
    ("internal", "structure"),
    ("jsonName", "string"),
    ("length", "structure"),
    ("longPoll", "structure"),
    ("mediaType", "string"),
    ("metadata", "structure"),
    ("mixin", "structure"),
    ("nestedProperties", "structure"),
    ("noReplace", "structure"),
    ("notProperty", "structure"),
    ("optionalAuth", "structure"),
    ("output", "structure"),
    ("paginated", "structure"),
    ("pattern", "string"),
    ("private", "structure"),
    ("property", "structure"),
    ("protocolDefinition", "structure"),
    ("range", "structure"),
    ("readonly", "structure"),
    ("recommended", "structure"),
    ("references", "list"),
    ("requestCompression", "structure"),
    ("required", "structure"),
    ("requiresLength", "structure"),
    ("resourceIdentifier", "string"),
    ("retryable", "structure"),
    ("sensitive", "structure"),
    ("since", "string"),
    ("sparse", "structure"),
    ("streaming", "structure"),
    ("suppress", "list"),
    ("tags", "list"),
    ("timestampFormat", "enum"),
    ("title", "string"),
    ("trait", "structure"),
    ("traitValidators", "map"),
    ("uniqueItems", "structure"),
    ("unitType", "structure"),
    ("unstable", "structure"),
    ("xmlAttribute", "structure"),
    ("xmlFlattened", "structure"),
    ("xmlName", "string"),
    ("xmlNamespace", "structure"),
];

/// Every prelude shape's name and type.
pub(crate) fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    SHAPES.iter().copied()
}

/// The type of the prelude shape named `name` (`"structure"`, `"list"`, ...).
pub(crate) fn shape_type(name: &str) -> Option<&'static str> {
    SHAPES.binary_search_by(|(n, _)| (*n).cmp(name)).ok().map(|i| SHAPES[i].1)
}

/// Whether `id` (absolute) is a prelude shape.
pub(crate) fn contains(id: &str) -> bool {
    id.strip_prefix("smithy.api#").is_some_and(|name| shape_type(name).is_some())
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorted_for_binary_search() {
        assert!(super::SHAPES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(super::shape_type("String"), Some("string"));
        assert_eq!(super::shape_type("tags"), Some("list"));
        assert!(super::contains("smithy.api#Unit"));
        assert!(!super::contains("smithy.api#Nope"));
    }
}
