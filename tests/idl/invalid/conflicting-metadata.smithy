// conflicting-metadata.smithy:4:10: metadata `owner` conflicts with the value set at
$version: "2.0"
metadata owner = "a"
metadata owner = "b"
namespace example.invalid
