// unknown-trait.smithy:5:1: unknown trait `@requird`
$version: "2.0"
namespace example.invalid

@requird
string Thing
