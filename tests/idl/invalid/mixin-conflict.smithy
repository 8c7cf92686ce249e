// mixin-conflict.smithy:11:1: `example.invalid#Thing`: the member `id` targets `smithy.api#Integer`, but the member it redeclares from the mixin `example.invalid#Base` targets `smithy.api#String`
$version: "2.0"
namespace example.invalid

@mixin
structure Base {
    id: String
}

// A redeclared mixin member must keep its target.
structure Thing with [Base] {
    id: Integer
}
