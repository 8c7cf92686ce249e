$version: "2.0"

namespace example.mixins

@mixin
structure Timestamps {
    /// When it was made.
    created: Timestamp
    updated: Timestamp
}

@mixin(localTraits: [internal])
@internal
structure Identified with [Timestamps] {
    id: String
}

/// A thing.
structure Thing with [Identified] {
    /// Redeclared to add a trait; the target comes from the mixin.
    @required
    $id

    name: String
}

// Traits on a member inherited from a mixin.
apply Thing$created @required

@mixin
string Text

@length(max: 10)
string ShortText with [Text]

@mixin
list TextList {
    member: String
}

list MoreText with [TextList] {}

@mixin
enum BaseColor {
    RED
}

enum Color with [BaseColor] {
    BLUE
}

@mixin
operation Audited {
    errors: [AuditFailure]
}

operation Delete with [Audited] {}

@error("server")
structure AuditFailure {}
