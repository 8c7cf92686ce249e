// conflicting-traits.smithy:7:13: conflicting values of trait `smithy.api#documentation` on `example.invalid#Thing`: it was already applied at
$version: "2.0"
namespace example.invalid

@documentation("one")
string Thing
apply Thing @documentation("two")
