// The shapes of the prelude's trait values that have something to check
// (types, required members, enum values, lengths, patterns, ranges and
// shape ids), as smithy.io's trait definitions give them. The validators
// read `smithy.api.values#X` as `smithy.api#X`; a prelude trait not here
// has no value to judge beyond what the loader already did. Traits whose
// names are shapes here (`range`, `length`) are written with absolute ids.
$version: "2"

namespace smithy.api.values

@smithy.api#length(min: 1)
string NonEmptyString

list NonEmptyStringList {
    member: NonEmptyString
}

map NonEmptyStringMap {
    key: NonEmptyString
    value: NonEmptyString
}

@pattern("^[a-zA-Z_]+[a-zA-Z_0-9]*$")
string EnumConstantBodyName

@idRef(selector: "[trait|authDefinition]", failWhenMissing: true)
string AuthTraitReference

@uniqueItems
list auth {
    member: AuthTraitReference
}

structure deprecated {
    message: String
    since: String
}

enum error {
    CLIENT = "client"
    SERVER = "server"
}

@pattern("^[a-zA-Z_][a-zA-Z_0-9-]*(:[a-zA-Z_][a-zA-Z_0-9-]*)?$")
string xmlName

structure xmlNamespace {
    @required
    uri: NonEmptyString

    @pattern("^[a-zA-Z_][a-zA-Z_0-9-]*$")
    prefix: String
}

list enum {
    member: EnumDefinition
}

structure EnumDefinition {
    @required
    value: NonEmptyString

    name: EnumConstantBodyName

    documentation: String

    tags: NonEmptyStringList

    deprecated: Boolean
}

structure longPoll {
    @required
    @smithy.api#range(min: 1)
    timeoutMillis: Integer
}

structure range {
    min: BigDecimal
    max: BigDecimal
}

structure length {
    min: Long
    max: Long
}

structure paginated {
    inputToken: NonEmptyString
    outputToken: NonEmptyString
    items: NonEmptyString
    pageSize: NonEmptyString
}

structure http {
    @required
    method: NonEmptyString

    @required
    uri: NonEmptyString

    @smithy.api#range(min: 100, max: 999)
    code: Integer
}

@smithy.api#range(min: 200, max: 599)
integer httpError

@smithy.api#length(min: 1)
string httpHeader

@smithy.api#length(min: 1)
string httpQuery

structure retryable {
    throttling: Boolean
}

structure endpoint {
    @required
    hostPrefix: NonEmptyString
}

enum timestampFormat {
    DATE_TIME = "date-time"
    EPOCH_SECONDS = "epoch-seconds"
    HTTP_DATE = "http-date"
}

list tags {
    member: String
}

enum HttpApiKeyLocations {
    HEADER = "header"
    QUERY = "query"
}

structure httpApiKeyAuth {
    @required
    name: NonEmptyString

    @required
    in: HttpApiKeyLocations

    scheme: NonEmptyString
}

structure cors {
    origin: NonEmptyString

    origins: NonEmptyStringMap

    maxAge: Integer

    additionalAllowedHeaders: NonEmptyStringList

    additionalExposedHeaders: NonEmptyStringList
}

enum StructurallyExclusive {
    MEMBER = "member"
    TARGET = "target"
}

structure trait {
    selector: String
    structurallyExclusive: StructurallyExclusive
    conflicts: NonEmptyStringList
}

@smithy.api#length(min: 1)
list references {
    member: Reference
}

structure Reference {
    @required
    resource: String

    ids: NonEmptyStringMap

    service: String

    rel: String
}

list suppress {
    member: NonEmptyString
}

structure requestCompression {
    @required
    encodings: RequestCompressionEncodings
}

list RequestCompressionEncodings {
    member: String
}

@smithy.api#length(min: 1)
map externalDocumentation {
    key: NonEmptyString
    value: NonEmptyString
}

structure metadata {
    @required
    @smithy.api#length(min: 1)
    key: String
}

@smithy.api#length(min: 1)
string resourceIdentifier

@idRef(selector: "[trait|trait]", failWhenMissing: true)
string TraitShapeId

list TraitShapeIdList {
    member: TraitShapeId
}

structure authDefinition {
    traits: TraitShapeIdList
}

structure protocolDefinition {
    traits: TraitShapeIdList
    noInlineDocumentSupport: Boolean
}

structure mixin {
    localTraits: TraitShapeIdList
}
