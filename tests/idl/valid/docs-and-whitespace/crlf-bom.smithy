$version: "2.0"

namespace example.docs

/// First line,
///   second line (indent kept), and a blank one:
///
/// done.
@since("1") // a comment after a trait
string CrlfAndBom
