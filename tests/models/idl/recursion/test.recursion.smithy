$version: "2"

namespace test.recursion

use aws.protocols#awsJson1_0

@awsJson1_0
service Recursion {
    version: "1"
    operations: [Put]
}

operation Put {
    input: PutInput
    output: PutInput
}

structure A {
    b: B
    name: String
}

map AttributeMap {
    key: String
    value: AttributeValue
}

union AttributeValue {
    S: String
    N: String
    B: Blob
    BOOL: Boolean
    NULL: Boolean
    L: ListAttributeValue
    M: AttributeMap
}

structure B {
    a: A
    choice: Either
}

union Either {
    left: A
    right: B
}

list ListAttributeValue {
    member: AttributeValue
}

/// A linked list: a structure that contains itself.
structure Node {
    value: Integer
    next: Node
}

structure PutInput {
    item: AttributeMap
    value: AttributeValue
    node: Node
    a: A
}
