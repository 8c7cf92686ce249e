$version: "1"
namespace example.v1

set Tags {
    member: String
}

integer Count

@box
integer MaybeCount

structure Numbers {
    plain: Count
    boxedTarget: MaybeCount
    preludeBoxed: Integer
    preludePrimitive: PrimitiveBoolean
    @box
    boxedMember: PrimitiveLong
    @required
    stream: Stream
    optionalStream: Stream
}

@streaming
blob Stream
