$version: "2.0"

namespace example.inline

@mixin
structure Paged {
    nextToken: String
    maxResults: Integer
}

resource Item {
    identifiers: {itemId: String}
    properties: {label: String}
}

@readonly
operation ListItems {
    input :=
        /// Documents the input structure.
        @sensitive
        with [Paged] {
            filter: String
        }
    output := with [Paged] {}
}

operation PutItem {
    input := for Item with [Paged] {
        @required
        $itemId
        $label
    }
    output: PutItemOutput
}

@output
structure PutItemOutput {}
