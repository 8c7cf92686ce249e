// unclosed-string.smithy:5:16: unclosed string
$version: "2.0"
namespace example.invalid

@documentation("never closed)
string Thing
