$version: "2"

namespace test.obstacle

use aws.protocols#awsJson1_1
use aws.api#service
use aws.auth#sigv4

/// A service whose shapes and members are named after Rust keywords, prelude items and the generator's own API.
@service(sdkId: "Obstacle")
@sigv4(name: "obstacle")
@awsJson1_1
service Obstacle {
    version: "2024-01-01"
    operations: [Result, Config, Match, Build]
}

/// An operation named `Build`: its error enum cannot be `BuildError`, which `crate::error` re-exports from the runtime.
operation Build {
    input: Unit
    output: Unit
    errors: [Error]
}

operation Config {
    input := {
        send: String
        from: String
        into: String
    }
    output: Unit
}

operation Match {}

operation Result {
    input: Option
    output: Box
    errors: [Error]
}

@output
structure Box {
    result: Result2
    error: String
}

structure Builder {
    build: String
    builder: String
}

structure Client {
    config: String
    new: String
}

@error("client")
structure Error {
    message: String
    meta: String
}

integer Integer

@input
structure Option {
    @required
    type: String

    match: Vec
    self: Self
    async: Boolean
    gen: smithy.api#Integer
    build: Builder
    builder: Client
    meta: String
    send: Unknown
    default: String
    input: String
    add: smithy.api#Integer
    crate: String
    super: String
    fn: String
    sender: String
    withSender: String
    intoPaginator: String
}

/// A shape renamed by the service would be another option; this one is simply named Result2.
structure Result2 {
    ok: Boolean = true
}

structure Self {
    self: String
    value: Integer
}

string String

enum Unknown {
    Unknown = "unknown"
    Self = "self"
    JSON_FILE = "json-file"
    EC2_INSTANCE = "AWS::EC2::Instance"
    BYTES_PER_SECOND = "Bytes/Second"
    ONE_GB = "1GB"
}

list Vec {
    member: Self
}
