$version: "2"

namespace test.sink

use aws.protocols#awsJson1_0
use smithy.test#httpRequestTests
use smithy.test#httpResponseTests
use aws.api#service
use aws.auth#sigv4

/// <p>Every shape type and trait the generator supports, on the <b>awsJson1_0</b> protocol.</p>
@service(endpointPrefix: "sink", sdkId: "Kitchen Sink")
@sigv4(name: "sink")
@awsJson1_0
@paginated(inputToken: "nextToken", outputToken: "nextToken", pageSize: "maxResults")
service KitchenSink {
    version: "2025-06-01"
    operations: [Echo, ListThings, PauseThing, ResumeThing]
    resources: [Thing]
    errors: [ServiceFault]
    rename: { "test.other#Everything": "OtherEverything" }
}

resource Thing {
    identifiers: { thingId: String }
    read: GetThing
    operations: [DeleteThing]
}

@deprecated(message: "Things are forever.", since: "2025-07-01")
@idempotent
operation DeleteThing {
    input := {
        @required
        thingId: String
    }
    output: Unit
}

/// Returns what it is sent.
@httpRequestTests([
    {
        body: "{\"requestToken\": \"token-1\", \"payload\": {\"required\": \"r\", \"clientOptional\": \"c\", \"color\": \"dark-green\", \"double\": \"NaN\", \"blob\": \"Ynl0ZXM=\", \"epochSeconds\": 1515531081.5, \"sparseList\": [\"x\", null], \"map\": {\"k\": \"v\"}, \"defaultInt\": 42, \"defaultString\": \"hello\", \"defaultColor\": \"blue\", \"defaultTrue\": true, \"defaultList\": [], \"defaultTime\": 1731000000.25}}"
        bodyMediaType: "application/json"
        documentation: "The payload's members on the wire: an enum value, NaN, a blob in base64, fractional epoch seconds, a sparse list with a null, a map, and every member with a default; an idempotency token given is sent as it is."
        headers: {
            "Content-Type": "application/x-amz-json-1.0"
            "X-Amz-Target": "KitchenSink.Echo"
        }
        id: "KitchenSinkEchoSendsDefaultsAndEveryForm"
        method: "POST"
        params: {
            payload: {
                blob: "bytes"
                clientOptional: "c"
                color: "dark-green"
                double: "NaN"
                epochSeconds: 1515531081.5
                map: { k: "v" }
                required: "r"
                sparseList: ["x", null]
            }
            requestToken: "token-1"
        }
        protocol: "aws.protocols#awsJson1_0"
        uri: "/"
    }
])
@httpResponseTests([
    {
        appliesTo: "client"
        body: "{\"payload\": {\"required\": \"r\", \"clientOptional\": \"c\", \"integer\": -7, \"level\": 2}}"
        bodyMediaType: "application/json"
        code: 200
        documentation: "The output, with the request id the response carries."
        headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amzn-Requestid": "echo-1" }
        id: "KitchenSinkEchoReadsItsOutput"
        params: { payload: { clientOptional: "c", integer: -7, level: 2, required: "r" } }
        protocol: "aws.protocols#awsJson1_0"
    }
])
operation Echo {
    input := with [CommonMixin] {
        @required
        payload: Everything
    }
    output := {
        payload: Everything
    }
    errors: [BadInput, Throttled]
}

@readonly
operation GetThing {
    input := {
        @length(max: 64, min: 1)
        @required
        thingId: String
    }
    output := {
        thing: Everything
        other: test.other#Everything
    }
    errors: [NotFound]
}

@paginated(items: "things")
@readonly
operation ListThings {
    input := {
        nextToken: String

        @range(max: 100, min: 1)
        maxResults: Integer

        @pattern("^[a-z]*$")
        prefix: String
    }
    output := {
        things: StringList
        nextToken: String
    }
}

operation PauseThing {
    input: ThingSwitch
    output: Unit
}

operation ResumeThing {
    input: ThingSwitch
    output: Unit
}

@error("client")
@httpResponseTests([
    {
        body: "{\"__type\": \"test.sink#BadInput\", \"message\": \"no\", \"field\": \"payload\"}"
        bodyMediaType: "application/json"
        code: 400
        documentation: "A modeled error and its members."
        headers: { "Content-Type": "application/x-amz-json-1.0" }
        id: "KitchenSinkBadInput"
        params: { field: "payload", message: "no" }
        protocol: "aws.protocols#awsJson1_0"
    }
])
structure BadInput {
    message: String
    field: String
}

map BlobMap {
    key: String
    value: Blob
}

union Choice {
    text: String
    number: Integer
    when: Timestamp
    data: Blob
    nothing: Unit
    nested: Nested
}

enum Color {
    RED = "red"
    BLUE = "blue"
    /// A deep green.
    DARK_GREEN = "dark-green"
}

map ColorCounts {
    key: Color
    value: Long
}

/// Members every request carries.
@mixin
structure CommonMixin {
    @idempotencyToken
    requestToken: String

    tags: TagMap
}

@timestampFormat("date-time")
timestamp DateTime

list DateTimeList {
    member: DateTime
}

/// <p>One member of every kind.</p><ul><li>simple types</li><li>aggregates</li></ul>
structure Everything {
    blob: Blob
    boolean: Boolean
    string: String
    byte: Byte
    short: Short
    integer: Integer
    long: Long
    float: Float
    double: Double
    bigInteger: BigInteger
    bigDecimal: BigDecimal
    epochSeconds: Timestamp
    dateTime: DateTime

    @timestampFormat("http-date")
    httpDate: Timestamp

    document: Document
    color: Color
    legacySize: LegacySize
    level: Level
    list: StringList
    set: StringSet
    sparseList: SparseStrings
    map: TagMap
    sparseMap: SparseMap
    enumKeyed: ColorCounts
    timestamps: DateTimeList
    blobs: BlobMap
    listMap: ListMap
    uniqueTimestampLists: UniqueDateTimeLists
    uniqueTagMaps: UniqueTagMaps
    choice: Choice
    nested: Nested

    defaultInt: Integer = 42

    defaultString: String = "hello"

    defaultColor: Color = "blue"

    defaultTrue: Boolean = true

    defaultList: StringList = []

    defaultTime: Timestamp = 1731000000.25

    @required
    required: String

    @clientOptional
    @required
    clientOptional: String

    secret: Password

    password: Password

    @deprecated(message: "Use string.")
    old: String
}

@enum([
    { name: "ONE_GB", value: "1GB" }
    { name: "BYTES_SECOND", value: "Bytes/Second" }
    { documentation: "An instance.", name: "AWS_EC2_INSTANCE", value: "AWS::EC2::Instance" }
])
string LegacySize

intEnum Level {
    LOW = 1
    HIGH = 10
}

structure Nested {
    /// The name, applied with the apply form.
    @length(min: 1)
    name: String
}

@error("client")
@httpError(404)
structure NotFound {
    message: String
}

@sensitive
string Password

@error("server")
@retryable
structure ServiceFault {
    message: String
}

@sparse
map SparseMap {
    key: String
    value: Integer
}

@sparse
list SparseStrings {
    member: String
}

list StringList {
    member: String
}

@uniqueItems
list StringSet {
    member: String
}

map TagMap {
    key: String
    value: String
}

/// A dense map of lists: a client drops an entry whose value is null.
map ListMap {
    key: String
    value: StringList
}

/// Names a thing to switch; the input of two operations.
structure ThingSwitch {
    @required
    thingId: String

    /// A required token: the client fills it when it is left empty.
    @required
    @idempotencyToken
    switchToken: String
}

@error("client")
@httpError(429)
@retryable(throttling: true)
structure Throttled {
    message: String
}

/// Lists of timestamps, no two equal: they are compared through their wire form.
@uniqueItems
list UniqueDateTimeLists {
    member: DateTimeList
}

/// Maps, no two equal whatever order their entries are in.
@uniqueItems
list UniqueTagMaps {
    member: TagMap
}
