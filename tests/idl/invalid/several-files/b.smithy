$version: "2.0"
namespace example.invalid

/// Another definition.
string Thing
integer Thing

string Fine
@
