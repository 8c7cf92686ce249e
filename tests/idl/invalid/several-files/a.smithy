$version: "2.0"
namespace example.invalid

/// One definition.
string Thing

structure Broken {
    a String
}
