$version: "2"

namespace test.dynamodb

use aws.protocols#awsJson1_0
use aws.api#service
use aws.auth#sigv4
use smithy.waiters#waitable

/// The item operations of DynamoDB, written for tests against a third-party emulator: an awsJson 1.0 service whose values are a recursive union.
@service(endpointPrefix: "dynamodb", sdkId: "DynamoDB")
@sigv4(name: "dynamodb")
@awsJson1_0
@title("DynamoDB items (fixture)")
service DynamoDB_20120810 {
    version: "2012-08-10"
    operations: [CreateTable, DescribeTable, GetItem, PutItem]
}

/// Creates a table keyed by the given attributes.
operation CreateTable {
    input := {
        /// The table's name.
        @required
        TableName: TableName

        /// The types of the key attributes.
        @required
        AttributeDefinitions: AttributeDefinitions

        /// The key attributes and their roles.
        @required
        KeySchema: KeySchema

        /// How reads and writes are paid for.
        BillingMode: BillingMode
    }
    output := {
        /// The new table.
        TableDescription: TableDescription
    }
    errors: [ResourceInUseException]
}

/// Tells the table's status and size.
@readonly
@waitable(
    TableExists: {
        documentation: "Waits until the table exists and is ready for use."
        acceptors: [
            {
                state: "success"
                matcher: {
                    output: { path: "Table.TableStatus", expected: "ACTIVE", comparator: "stringEquals" }
                }
            }
            {
                state: "retry"
                matcher: { errorType: "ResourceNotFoundException" }
            }
        ]
        minDelay: 20
    }
    TableNotExists: {
        documentation: "Waits until the table is gone."
        acceptors: [
            {
                state: "success"
                matcher: { errorType: "ResourceNotFoundException" }
            }
        ]
        minDelay: 20
    }
)
operation DescribeTable {
    input := {
        /// The table to describe.
        @required
        TableName: TableName
    }
    output := {
        /// The table, as it is now.
        Table: TableDescription
    }
    errors: [ResourceNotFoundException]
}

/// Reads the item with the given key; the output has no item when there is none.
operation GetItem {
    input := {
        /// The table to read from.
        @required
        TableName: TableName

        /// The key attributes of the item.
        @required
        Key: AttributeMap

        /// Whether the read sees every write acknowledged before it.
        ConsistentRead: Boolean
    }
    output := {
        /// The item, when there is one.
        Item: AttributeMap
    }
    errors: [ResourceNotFoundException]
}

/// Writes an item, replacing any item with the same key.
operation PutItem {
    input := {
        /// The table to write to.
        @required
        TableName: TableName

        /// The item, including its key attributes.
        @required
        Item: AttributeMap
    }
    output := {
        /// The item's previous attributes, when asked for.
        Attributes: AttributeMap
    }
    errors: [ResourceNotFoundException]
}

/// The type of a key attribute.
structure AttributeDefinition {
    /// The attribute's name.
    @required
    AttributeName: String

    /// The attribute's type.
    @required
    AttributeType: ScalarAttributeType
}

list AttributeDefinitions {
    member: AttributeDefinition
}

list AttributeList {
    member: AttributeValue
}

map AttributeMap {
    key: String
    value: AttributeValue
}

/// A value of an item's attribute: exactly one member is set.
union AttributeValue {
    /// A string.
    S: String

    /// A number, as its decimal text.
    N: String

    /// Binary data.
    B: Blob

    /// A set of strings.
    SS: StringSet

    /// A set of numbers.
    NS: StringSet

    /// A set of binary values.
    BS: BinarySet

    /// A map of attribute values.
    M: AttributeMap

    /// A list of attribute values.
    L: AttributeList

    /// A null value.
    NULL: Boolean

    /// A boolean.
    BOOL: Boolean
}

/// How reads and writes are paid for.
enum BillingMode {
    PROVISIONED
    PAY_PER_REQUEST
}

list BinarySet {
    member: Blob
}

@length(max: 2, min: 1)
list KeySchema {
    member: KeySchemaElement
}

/// A key attribute and its role.
structure KeySchemaElement {
    /// The attribute's name.
    @required
    AttributeName: String

    /// The attribute's role in the key.
    @required
    KeyType: KeyType
}

/// The role of a key attribute.
enum KeyType {
    HASH
    RANGE
}

/// The table already exists.
@error("client")
structure ResourceInUseException {
    /// What went wrong.
    message: String
}

/// The table does not exist.
@error("client")
structure ResourceNotFoundException {
    /// What went wrong.
    message: String
}

/// The type of a key attribute: string, number or binary.
enum ScalarAttributeType {
    S
    N
    B
}

list StringSet {
    member: String
}

/// A table.
structure TableDescription {
    /// The table's name.
    TableName: TableName

    /// Where the table is in its life.
    TableStatus: TableStatus

    /// How many items the table holds.
    ItemCount: Long

    /// When the table was created.
    CreationDateTime: Timestamp

    /// The key attributes and their roles.
    KeySchema: KeySchema
}

/// A table name.
@length(max: 255, min: 3)
@pattern("^[a-zA-Z0-9_.-]+$")
string TableName

/// Where a table is in its life.
enum TableStatus {
    CREATING
    UPDATING
    DELETING
    ACTIVE
    ARCHIVING
    ARCHIVED
}
