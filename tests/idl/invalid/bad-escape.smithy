// bad-escape.smithy:5:19: invalid escape `\q`
$version: "2.0"
namespace example.invalid

@documentation("a \q b")
string Thing
