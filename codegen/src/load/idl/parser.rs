//! A recursive-descent parser from IDL tokens to the [`syntax`](super::syntax)
//! tree of one file. It follows the grammar of the Smithy IDL 2.0
//! specification (and its 1.0 predecessor, selected by `$version`),
//! including where whitespace and line breaks are required and which
//! `///` comments document what. After a syntax error it skips to the next
//! statement (a line starting with an identifier, `@`, `$` or `///`) and
//! goes on, so one run reports every broken statement of a file.

use std::borrow::Cow;

use super::lexer::{decode_string, Kind, Lexer, Token};
use super::syntax::*;

/// A syntax error: where (byte offset) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

type PResult<T> = Result<T, SyntaxError>;

/// Node values may nest this deep; deeper input is an error, not a stack
/// overflow.
const MAX_NESTING: usize = 64;

/// Parses one file. Returns the tree of everything that parsed and every
/// syntax error found.
pub(crate) fn parse(src: &str) -> (File<'_>, Vec<SyntaxError>) {
    let mut p = Parser::new(src);
    p.file();
    (p.file, p.errors)
}

struct Parser<'s> {
    src: &'s str,
    lexer: Lexer<'s>,
    tok: Token,
    /// `///` lines seen and not yet claimed: (start, end) of each line's text.
    docs: Vec<(usize, usize)>,
    nesting: usize,
    input_suffix: Cow<'s, str>,
    output_suffix: Cow<'s, str>,
    file: File<'s>,
    errors: Vec<SyntaxError>,
}

impl<'s> Parser<'s> {
    fn new(src: &'s str) -> Self {
        let mut lexer = Lexer::new(src);
        let tok = lexer.next_token();
        let mut p = Parser {
            src,
            lexer,
            tok,
            docs: Vec::new(),
            nesting: 0,
            input_suffix: Cow::Borrowed("Input"),
            output_suffix: Cow::Borrowed("Output"),
            file: File::default(),
            errors: Vec::new(),
        };
        p.note_doc();
        p
    }

    // ---- token primitives -------------------------------------------------

    fn kind(&self) -> Kind {
        self.tok.kind
    }

    fn text(&self) -> &'s str {
        &self.src[self.tok.start..self.tok.end]
    }

    fn is_ident(&self, word: &str) -> bool {
        self.tok.kind == Kind::Ident && self.text() == word
    }

    fn advance(&mut self) {
        self.tok = self.lexer.next_token();
        self.note_doc();
    }

    /// Buffers a `///` line when it becomes the current token.
    fn note_doc(&mut self) {
        if self.tok.kind == Kind::DocComment {
            let bytes = self.src.as_bytes();
            let mut start = self.tok.start + 3;
            if bytes.get(start) == Some(&b' ') {
                start += 1;
            }
            let mut end = self.tok.end;
            if end > start && bytes[end - 1] == b'\n' {
                end -= 1;
            }
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
            self.docs.push((start, end.max(start)));
        }
    }

    /// The buffered `///` lines as one documentation string, emptying the
    /// buffer.
    fn take_docs(&mut self) -> Option<String> {
        if self.docs.is_empty() {
            return None;
        }
        let lines: Vec<&str> = self.docs.drain(..).map(|(s, e)| &self.src[s..e]).collect();
        Some(lines.join("\n"))
    }

    fn skip_spaces(&mut self) {
        while self.kind() == Kind::Space {
            self.advance();
        }
    }

    fn skip_ws(&mut self) {
        while self.kind().is_whitespace() {
            self.advance();
        }
    }

    fn skip_ws_and_docs(&mut self) {
        while self.kind().is_whitespace() || self.kind() == Kind::DocComment {
            self.advance();
        }
    }

    fn error<T>(&self, offset: usize, message: impl Into<String>) -> PResult<T> {
        Err(SyntaxError { offset, message: message.into() })
    }

    /// An error at the current token: "expected {what}, found {token}".
    fn expected<T>(&self, what: &str) -> PResult<T> {
        if let Kind::Error(e) = self.kind() {
            return self.error(self.tok.start, e.message(self.text()));
        }
        self.error(self.tok.start, format!("expected {what}, found {}", self.describe()))
    }

    fn describe(&self) -> String {
        let text = self.text();
        match self.kind() {
            Kind::Space => "a space".to_owned(),
            Kind::Newline => "a line break".to_owned(),
            Kind::Comment => "a comment".to_owned(),
            Kind::DocComment => "a documentation comment".to_owned(),
            Kind::Eof => "the end of the file".to_owned(),
            Kind::Ident => format!("`{text}`"),
            Kind::Str | Kind::TextBlock => {
                let short: String = text.chars().take(40).collect();
                if short.len() < text.len() {
                    format!("the string {short}…")
                } else {
                    format!("the string {text}")
                }
            }
            Kind::Number => format!("the number `{text}`"),
            _ => format!("`{text}`"),
        }
    }

    fn expect(&self, kind: Kind, what: &str) -> PResult<()> {
        if self.kind() == kind {
            Ok(())
        } else {
            self.expected(what)
        }
    }

    fn expect_and_skip_spaces(&mut self, what: &str) -> PResult<()> {
        self.expect(Kind::Space, what)?;
        self.skip_spaces();
        Ok(())
    }

    fn expect_and_skip_whitespace(&mut self, what: &str) -> PResult<()> {
        if !self.kind().is_whitespace() {
            return self.expected(what);
        }
        self.skip_ws_and_docs();
        Ok(())
    }

    /// A statement ends with a line break (or a comment, which includes
    /// one, or the end of the file). `///` lines still buffered here
    /// document nothing and are dropped.
    fn expect_and_skip_br(&mut self, after: &str) -> PResult<()> {
        self.skip_spaces();
        self.docs.clear();
        match self.kind() {
            Kind::Newline | Kind::Comment | Kind::DocComment => {
                self.advance();
                self.skip_ws();
                Ok(())
            }
            Kind::Eof => Ok(()),
            _ => self.expected(&format!("a line break after {after}")),
        }
    }

    fn nest(&mut self) -> PResult<()> {
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            return self.error(self.tok.start, format!("values nest deeper than {MAX_NESTING} levels"));
        }
        Ok(())
    }

    // ---- pieces -----------------------------------------------------------

    fn identifier(&mut self, what: &str) -> PResult<At<&'s str>> {
        self.expect(Kind::Ident, what)?;
        let at = At { offset: self.tok.start, value: self.text() };
        self.advance();
        Ok(at)
    }

    /// `namespace` = identifier *("." identifier)
    fn namespace_text(&mut self, what: &str) -> PResult<At<&'s str>> {
        let start = self.tok.start;
        self.expect(Kind::Ident, what)?;
        self.advance();
        let mut end = self.tok.start;
        while self.kind() == Kind::Dot {
            self.advance();
            self.expect(Kind::Ident, "an identifier after `.`")?;
            self.advance();
            end = self.tok.start;
        }
        Ok(At { offset: start, value: &self.src[start..end] })
    }

    /// A shape id as written: `Name`, `Name$member`, `ns.x#Name`,
    /// `ns.x#Name$member`.
    fn shape_id(&mut self, what: &str) -> PResult<IdRef<'s>> {
        let start = self.tok.start;
        self.namespace_text(what)?;
        if self.kind() == Kind::Pound {
            self.advance();
            self.expect(Kind::Ident, "a shape name after `#`")?;
            self.advance();
        }
        if self.kind() == Kind::Dollar {
            self.advance();
            self.expect(Kind::Ident, "a member name after `$`")?;
            self.advance();
        }
        Ok(At { offset: start, value: &self.src[start..self.tok.start] })
    }

    fn string_value(&mut self) -> PResult<Cow<'s, str>> {
        let block = self.kind() == Kind::TextBlock;
        let value = decode_string(self.text(), self.tok.start, block)
            .map_err(|e| SyntaxError { offset: e.offset, message: e.message })?;
        self.advance();
        Ok(value)
    }

    fn number_value(&mut self) -> PResult<crate::node::Number> {
        let text = self.text();
        match crate::node::Number::parse(text) {
            Some(n) => {
                self.advance();
                Ok(n)
            }
            None => self.error(self.tok.start, format!("invalid number `{text}`: not a number as JSON writes it (`-`, digits with no leading zero, an optional fraction and exponent)")),
        }
    }

    /// Any node value.
    fn node(&mut self) -> PResult<At<Node<'s>>> {
        let offset = self.tok.start;
        let value = match self.kind() {
            Kind::Str | Kind::TextBlock => Node::String(self.string_value()?),
            Kind::Number => Node::Number(self.number_value()?),
            Kind::Ident => {
                let id = self.shape_id("a value")?;
                keyword_or_id(id.value)
            }
            Kind::LBrace => self.object()?,
            Kind::LBracket => self.array()?,
            _ => return self.expected("a value (a string, number, `true`, `false`, `null`, shape id, `[` or `{`)"),
        };
        Ok(At { offset, value })
    }

    fn array(&mut self) -> PResult<Node<'s>> {
        self.nest()?;
        self.advance(); // [
        self.skip_ws_and_docs();
        let mut items = Vec::new();
        while self.kind() != Kind::RBracket {
            items.push(self.node()?);
            self.skip_ws_and_docs();
        }
        self.advance(); // ]
        self.nesting -= 1;
        Ok(Node::Array(items))
    }

    fn object(&mut self) -> PResult<Node<'s>> {
        self.nest()?;
        self.advance(); // {
        self.skip_ws_and_docs();
        let mut entries = Vec::new();
        self.entries(&mut entries, Kind::RBrace, "object")?;
        self.advance(); // }
        self.nesting -= 1;
        Ok(Node::Object(entries))
    }

    /// `key: value` pairs up to `end` (not consumed), added to `entries`.
    fn entries(&mut self, entries: &mut Vec<(At<Cow<'s, str>>, At<Node<'s>>)>, end: Kind, what: &str) -> PResult<()> {
        while self.kind() != end {
            let key = self.object_key()?;
            self.skip_ws_and_docs();
            self.expect(Kind::Colon, &format!("`:` after the key `{}`", key.value))?;
            self.advance();
            self.skip_ws_and_docs();
            let value = self.node()?;
            if entries.iter().any(|(k, _)| k.value == key.value) {
                return self.error(key.offset, format!("the key `{}` appears twice in this {what}", key.value));
            }
            entries.push((key, value));
            self.skip_ws_and_docs();
        }
        Ok(())
    }

    fn object_key(&mut self) -> PResult<At<Cow<'s, str>>> {
        let offset = self.tok.start;
        match self.kind() {
            Kind::Ident => {
                let key = self.text();
                self.advance();
                Ok(At { offset, value: Cow::Borrowed(key) })
            }
            Kind::Str => Ok(At { offset, value: self.string_value()? }),
            _ => self.expected("a key (an identifier or a quoted string)"),
        }
    }

    // ---- traits -----------------------------------------------------------

    /// `///` lines and traits in front of a shape or member. Documentation
    /// comments count only before the first trait.
    fn docs_and_traits(&mut self, member: bool) -> PResult<Vec<Trait<'s>>> {
        self.skip_ws();
        let mut docs = None;
        // A statement's documentation is every `///` line since the previous
        // statement's line break; a member's starts at its own first line.
        if self.kind() == Kind::DocComment || (!member && !self.docs.is_empty()) {
            let offset = self.tok.start;
            self.skip_ws_and_docs();
            docs = self.take_docs().map(|text| Trait {
                offset,
                name: "smithy.api#documentation",
                value: Some(At { offset, value: Node::String(Cow::Owned(text)) }),
            });
        } else {
            self.skip_ws_and_docs();
        }
        let mut traits = self.traits()?;
        traits.extend(docs);
        self.skip_ws_and_docs();
        if member {
            self.docs.clear();
        }
        Ok(traits)
    }

    fn traits(&mut self) -> PResult<Vec<Trait<'s>>> {
        let mut traits = Vec::new();
        while self.kind() == Kind::At {
            traits.push(self.one_trait()?);
            self.skip_ws_and_docs();
        }
        Ok(traits)
    }

    /// `@id`, `@id()`, `@id(value)` or `@id(key: value, ...)`.
    fn one_trait(&mut self) -> PResult<Trait<'s>> {
        let offset = self.tok.start;
        self.advance(); // @
        let id = self.shape_id("a trait name after `@`")?;
        if id.value.contains('$') {
            return self.error(id.offset, format!("a trait is a shape, not a member (`{}`)", id.value));
        }
        let name = id.value;
        if self.kind() != Kind::LParen {
            return Ok(Trait { offset, name, value: None });
        }
        self.advance();
        self.skip_ws_and_docs();
        if self.kind() == Kind::RParen {
            self.advance();
            return Ok(Trait { offset, name, value: None });
        }
        let value = self.trait_body()?;
        self.skip_ws_and_docs();
        self.expect(Kind::RParen, &format!("`)` to close the value of trait `@{name}`"))?;
        self.advance();
        Ok(Trait { offset, name, value: Some(value) })
    }

    fn trait_body(&mut self) -> PResult<At<Node<'s>>> {
        let offset = self.tok.start;
        match self.kind() {
            Kind::LBrace | Kind::LBracket | Kind::TextBlock | Kind::Number => self.node(),
            Kind::Str => {
                let first = self.string_value()?;
                self.skip_ws_and_docs();
                if self.kind() == Kind::Colon {
                    self.structured_trait(At { offset, value: first })
                } else {
                    Ok(At { offset, value: Node::String(first) })
                }
            }
            Kind::Ident => {
                let id = self.shape_id("a trait value")?.value;
                self.skip_ws_and_docs();
                if self.kind() == Kind::RParen || id.contains(['.', '#', '$']) {
                    Ok(At { offset, value: keyword_or_id(id) })
                } else {
                    self.expect(Kind::Colon, &format!("`:` after `{id}` or `)`"))?;
                    self.structured_trait(At { offset, value: Cow::Borrowed(id) })
                }
            }
            _ => self.expected("a trait value"),
        }
    }

    /// `key: value, key: value` inside a trait's parentheses; the current
    /// token is the `:` after the first key.
    fn structured_trait(&mut self, first: At<Cow<'s, str>>) -> PResult<At<Node<'s>>> {
        self.nest()?;
        let offset = first.offset;
        self.advance(); // :
        self.skip_ws_and_docs();
        let value = self.node()?;
        let mut entries = vec![(first, value)];
        self.skip_ws_and_docs();
        self.entries(&mut entries, Kind::RParen, "trait")?;
        self.nesting -= 1;
        Ok(At { offset, value: Node::Object(entries) })
    }

    // ---- statements -------------------------------------------------------

    fn file(&mut self) {
        self.skip_ws_and_docs();
        let mut seen_controls: Vec<&'s str> = Vec::new();
        while self.kind() == Kind::Dollar {
            if let Err(e) = self.control(&mut seen_controls) {
                if !self.recover(e) {
                    return;
                }
            }
        }
        self.skip_ws_and_docs();
        while self.is_ident("metadata") {
            if let Err(e) = self.metadata() {
                if !self.recover(e) {
                    return;
                }
            }
        }
        if self.is_ident("namespace") {
            if let Err(e) = self.namespace() {
                if !self.recover(e) {
                    return;
                }
            }
        } else if self.kind() != Kind::Eof {
            let e = if self.kind() == Kind::Dollar {
                SyntaxError {
                    offset: self.tok.start,
                    message: "control statements (`$name: value`) must come first in the file".to_owned(),
                }
            } else {
                self.expected::<()>("a `namespace` statement").unwrap_err()
            };
            self.errors.push(e);
            return;
        }
        while self.kind() != Kind::Eof {
            if let Err(e) = self.shape_or_apply() {
                if !self.recover(e) {
                    return;
                }
            }
        }
    }

    /// Records `e` and skips to a token that can start a statement: an
    /// identifier, `@`, `$` or `///` at the start of a line. Returns false
    /// at the end of the file.
    fn recover(&mut self, e: SyntaxError) -> bool {
        self.errors.push(e);
        loop {
            if self.kind() == Kind::Eof {
                return false;
            }
            self.advance();
            let line_start = self.tok.start == 0 || matches!(self.src.as_bytes()[self.tok.start - 1], b'\n' | b'\r');
            if line_start && matches!(self.kind(), Kind::Ident | Kind::At | Kind::Dollar | Kind::DocComment) {
                self.docs.clear();
                self.note_doc();
                return true;
            }
        }
    }

    fn control(&mut self, seen: &mut Vec<&'s str>) -> PResult<()> {
        let offset = self.tok.start;
        self.advance(); // $
        let key = match self.kind() {
            Kind::Ident => self.identifier("a control statement name")?.value,
            Kind::Str => {
                let text = self.text();
                self.advance();
                &text[1..text.len() - 1]
            }
            _ => return self.expected("a control statement name after `$`"),
        };
        self.skip_spaces();
        self.expect(Kind::Colon, &format!("`:` after `${key}`"))?;
        self.advance();
        self.skip_spaces();
        if seen.contains(&key) {
            return self.error(offset, format!("`${key}` is set more than once"));
        }
        seen.push(key);
        let value = self.node()?;
        match key {
            "version" => {
                self.file.version = Some(match &value.value {
                    Node::String(v) if v == "2" || v == "2.0" => Version::V2,
                    Node::String(v) if v == "1" || v == "1.0" => Version::V1,
                    Node::String(v) => {
                        return self.error(value.offset, format!("unsupported Smithy IDL version `{v}` (expected \"2.0\" or \"1.0\")"))
                    }
                    _ => return self.error(value.offset, "`$version` must be a string such as \"2.0\""),
                })
            }
            "operationInputSuffix" | "operationOutputSuffix" => {
                let suffix = match value.value {
                    Node::String(suffix) if suffix.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') => suffix,
                    _ => {
                        return self.error(
                            value.offset,
                            format!("`${key}` must be a string of letters, digits and `_` (it ends shape names)"),
                        )
                    }
                };
                if key == "operationInputSuffix" {
                    self.input_suffix = suffix;
                } else {
                    self.output_suffix = suffix;
                }
            }
            // Unknown control statements are allowed and ignored.
            _ => {}
        }
        self.expect_and_skip_br(&format!("`${key}`"))
    }

    fn metadata(&mut self) -> PResult<()> {
        self.advance(); // metadata
        self.expect_and_skip_spaces("a space after `metadata`")?;
        let key = match self.kind() {
            Kind::Ident | Kind::Str => self.object_key()?,
            _ => return self.expected("a metadata key (an identifier or a quoted string)"),
        };
        self.skip_spaces();
        self.expect(Kind::Equal, &format!("`=` after the metadata key `{}`", key.value))?;
        self.advance();
        self.skip_spaces();
        let value = self.node()?;
        self.file.metadata.push((key, value));
        self.expect_and_skip_br("a metadata statement")?;
        self.skip_ws_and_docs();
        Ok(())
    }

    fn namespace(&mut self) -> PResult<()> {
        self.advance(); // namespace
        self.expect_and_skip_spaces("a space after `namespace`")?;
        let ns = self.namespace_text("a namespace (such as `com.example`)")?;
        self.file.namespace = Some(ns);
        self.expect_and_skip_br("the namespace")?;
        self.skip_ws_and_docs();
        while self.is_ident("use") {
            if let Err(e) = self.use_statement() {
                if !self.recover(e) {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    fn use_statement(&mut self) -> PResult<()> {
        self.advance(); // use
        self.expect_and_skip_spaces("a space after `use`")?;
        let id = self.shape_id("an absolute shape id after `use`")?;
        if !id.value.contains('#') {
            return self.error(id.offset, format!("`use` needs an absolute shape id (`namespace#Name`), found `{}`", id.value));
        }
        if id.value.contains('$') {
            return self.error(id.offset, format!("`use` cannot import a member (`{}`)", id.value));
        }
        let name = short_name(id.value);
        if let Some(previous) = self.file.uses.iter().find(|u| short_name(u.value) == name) {
            return self.error(id.offset, format!("`use {}` conflicts with `use {}`: both are named `{name}`", id.value, previous.value));
        }
        self.file.uses.push(id);
        self.expect_and_skip_br("the `use` statement")?;
        self.skip_ws_and_docs();
        Ok(())
    }

    fn shape_or_apply(&mut self) -> PResult<()> {
        let traits = self.docs_and_traits(false)?;
        if self.kind() == Kind::Eof {
            // A documentation comment at the end documents nothing.
            return match traits.iter().find(|t| t.name != "smithy.api#documentation") {
                Some(t) => self.error(t.offset, "traits must be followed by the shape they apply to"),
                None => Ok(()),
            };
        }
        let offset = self.tok.start;
        if self.kind() != Kind::Ident {
            return self.expected("a shape definition or an `apply` statement");
        }
        let keyword = self.text();
        match keyword {
            "apply" => return self.apply(traits),
            "use" => return self.error(offset, "`use` statements must come before the first shape"),
            "namespace" => return self.error(offset, "a file has one `namespace` statement, before its shapes"),
            "metadata" => return self.error(offset, "`metadata` statements must come before the `namespace` statement"),
            _ => {}
        }
        let version = self.file.version();
        let body_kind = match keyword {
            "string" | "blob" | "boolean" | "document" | "byte" | "short" | "integer" | "long" | "float" | "double"
            | "bigInteger" | "bigDecimal" | "timestamp" => 0,
            "list" | "map" | "structure" | "union" => 1,
            "set" if version == Version::V1 => 1,
            "set" => return self.error(offset, "`set` does not exist in IDL 2.0: use a `list` with the `@uniqueItems` trait"),
            "enum" | "intEnum" if version == Version::V2 => 2,
            "enum" | "intEnum" => return self.error(offset, format!("`{keyword}` shapes need `$version: \"2\"`")),
            "service" | "resource" => 3,
            "operation" => 4,
            _ => return self.error(offset, format!("unknown shape type `{keyword}`")),
        };
        self.advance();
        self.expect_and_skip_spaces(&format!("a space after `{keyword}`"))?;
        let name = self.identifier(&format!("the name of the {keyword}"))?;
        if let Some(used) = self.file.uses.iter().find(|u| short_name(u.value) == name.value) {
            return self.error(name.offset, format!("the shape name `{}` conflicts with `use {}`", name.value, used.value));
        }
        let mut shape = ShapeDef {
            offset,
            kind: keyword,
            name: Cow::Borrowed(name.value),
            traits,
            for_resource: None,
            mixins: Vec::new(),
            body: Body::None,
        };
        match body_kind {
            0 => self.mixins(&mut shape)?,
            1 => self.aggregate(&mut shape)?,
            2 => self.enum_body(&mut shape)?,
            3 => {
                self.mixins(&mut shape)?;
                self.skip_ws_and_docs();
                self.expect(Kind::LBrace, &format!("`{{` to open the {keyword}'s properties"))?;
                shape.body = Body::Object(self.node()?);
            }
            _ => self.operation(&mut shape)?,
        }
        self.file.shapes.push(shape);
        self.expect_and_skip_br(&format!("the {keyword} `{}`", name.value))
    }

    fn apply(&mut self, traits: Vec<Trait<'s>>) -> PResult<()> {
        if let Some(t) = traits.iter().find(|t| t.name != "smithy.api#documentation") {
            return self.error(t.offset, "traits cannot be applied to an `apply` statement");
        }
        self.advance(); // apply
        self.expect_and_skip_whitespace("a space after `apply`")?;
        let target = self.shape_id("the shape id to apply traits to")?;
        self.expect_and_skip_whitespace("a space before the applied trait")?;
        let traits = match self.kind() {
            Kind::At => vec![self.one_trait()?],
            Kind::LBrace => {
                self.advance();
                self.skip_ws_and_docs();
                let traits = self.traits()?;
                self.skip_ws_and_docs();
                self.expect(Kind::RBrace, "a trait (`@name`) or `}` to close the `apply` block")?;
                self.advance();
                traits
            }
            _ => return self.expected("a trait (`@name`) or `{` after the `apply` target"),
        };
        self.file.applies.push(Apply { target, traits });
        self.expect_and_skip_br("the `apply` statement")
    }

    fn require_v2(&self, offset: usize, what: &str) -> PResult<()> {
        if self.file.version() == Version::V1 {
            return self.error(offset, format!("{what} need `$version: \"2\"` (this file is IDL 1.0)"));
        }
        Ok(())
    }

    fn mixins(&mut self, shape: &mut ShapeDef<'s>) -> PResult<()> {
        self.skip_spaces();
        if !self.is_ident("with") {
            return Ok(());
        }
        self.require_v2(self.tok.start, "mixins (`with [...]`)")?;
        self.advance();
        self.skip_ws_and_docs();
        self.expect(Kind::LBracket, "`[` after `with`")?;
        self.advance();
        self.skip_ws_and_docs();
        loop {
            shape.mixins.push(self.shape_id("a mixin shape id")?);
            self.skip_ws_and_docs();
            if self.kind() == Kind::RBracket {
                break;
            }
        }
        self.advance();
        Ok(())
    }

    fn aggregate(&mut self, shape: &mut ShapeDef<'s>) -> PResult<()> {
        self.skip_spaces();
        if self.is_ident("for") {
            self.require_v2(self.tok.start, "resource bindings (`for Resource`)")?;
            self.advance();
            self.expect_and_skip_spaces("a space after `for`")?;
            shape.for_resource = Some(self.shape_id("a resource shape id after `for`")?);
        }
        self.mixins(shape)?;
        self.skip_ws_and_docs();
        self.docs.clear();
        self.expect(Kind::LBrace, &format!("`{{` to open the members of `{}`", shape.name))?;
        self.advance();
        self.skip_ws();
        let mut members: Vec<MemberDef<'s>> = Vec::new();
        while self.kind() != Kind::RBrace && self.kind() != Kind::Eof {
            if let Some(member) = self.member(&members)? {
                members.push(member);
            }
            self.skip_ws();
        }
        self.expect(Kind::RBrace, &format!("`}}` to close the members of `{}`", shape.name))?;
        self.advance();
        shape.body = Body::Members(members);
        Ok(())
    }

    fn member(&mut self, defined: &[MemberDef<'s>]) -> PResult<Option<MemberDef<'s>>> {
        let traits = self.docs_and_traits(true)?;
        if self.kind() == Kind::RBrace && traits.iter().all(|t| t.name == "smithy.api#documentation") {
            // A documentation comment before `}` documents nothing.
            return Ok(None);
        }
        let offset = self.tok.start;
        let elided = self.kind() == Kind::Dollar;
        if elided {
            self.require_v2(offset, "members with elided targets (`$name`)")?;
            self.advance();
        }
        let name = self.identifier("a member name")?;
        if defined.iter().any(|m| m.name == name.value) {
            return self.error(name.offset, format!("the member `{}` is defined twice", name.value));
        }
        let mut target = None;
        if !elided {
            self.skip_spaces();
            self.expect(Kind::Colon, &format!("`:` and a target after member name `{}`", name.value))?;
            self.advance();
            self.skip_spaces();
            target = Some(self.shape_id(&format!("the target shape of member `{}`", name.value))?);
        }
        self.skip_spaces();
        let mut default = None;
        if self.kind() == Kind::Equal {
            self.require_v2(self.tok.start, "default values (`= value`)")?;
            self.advance();
            self.skip_spaces();
            default = Some(self.node()?);
            self.skip_spaces();
            if self.kind() == Kind::Comma {
                self.advance();
            }
            self.expect_and_skip_br(&format!("the default value of `{}`", name.value))?;
        }
        Ok(Some(MemberDef { offset, name: name.value, target, default, traits }))
    }

    fn enum_body(&mut self, shape: &mut ShapeDef<'s>) -> PResult<()> {
        self.mixins(shape)?;
        self.skip_ws_and_docs();
        self.expect(Kind::LBrace, &format!("`{{` to open the members of `{}`", shape.name))?;
        self.advance();
        self.skip_ws();
        let mut members: Vec<EnumMemberDef<'s>> = Vec::new();
        while self.kind() != Kind::RBrace && self.kind() != Kind::Eof {
            let traits = self.docs_and_traits(true)?;
            if self.kind() == Kind::RBrace && traits.iter().all(|t| t.name == "smithy.api#documentation") {
                break;
            }
            let name = self.identifier("an enum member name")?;
            if members.iter().any(|m| m.name == name.value) {
                return self.error(name.offset, format!("the enum member `{}` is defined twice", name.value));
            }
            self.skip_spaces();
            let mut value = None;
            if self.kind() == Kind::Equal {
                self.advance();
                self.skip_spaces();
                value = Some(self.node()?);
                self.skip_spaces();
                if self.kind() == Kind::Comma {
                    self.advance();
                }
                self.expect_and_skip_br(&format!("the value of `{}`", name.value))?;
            } else {
                self.skip_ws();
            }
            members.push(EnumMemberDef { name: name.value, value, traits });
        }
        self.expect(Kind::RBrace, &format!("`}}` to close the members of `{}`", shape.name))?;
        self.advance();
        shape.body = Body::EnumMembers(members);
        Ok(())
    }

    fn operation(&mut self, shape: &mut ShapeDef<'s>) -> PResult<()> {
        self.mixins(shape)?;
        self.skip_ws_and_docs();
        self.expect(Kind::LBrace, "`{` to open the operation's properties")?;
        self.advance();
        self.skip_ws_and_docs();
        let mut body = OperationBody::default();
        while self.kind() != Kind::RBrace && self.kind() != Kind::Eof {
            let key = self.identifier("an operation property (`input`, `output` or `errors`)")?;
            self.skip_ws_and_docs();
            match key.value {
                "input" | "output" if (if key.value == "input" { &body.input } else { &body.output }).is_some() => {
                    return self.error(key.offset, format!("the operation's `{}` is given twice", key.value));
                }
                "errors" if body.errors.is_some() => {
                    return self.error(key.offset, "the operation's `errors` are given twice");
                }
                "input" | "output" => {
                    let input = key.value == "input";
                    let target = self.io_target(shape, input)?;
                    if input {
                        body.input = Some(target);
                    } else {
                        body.output = Some(target);
                    }
                }
                "errors" => {
                    self.expect(Kind::Colon, "`:` after `errors`")?;
                    self.advance();
                    body.errors = Some(self.id_list()?);
                }
                other => {
                    return self.error(
                        key.offset,
                        format!("unknown operation property `{other}` (expected `input`, `output` or `errors`)"),
                    )
                }
            }
            self.expect_and_skip_whitespace("a line break or `,` after the operation property")?;
            self.skip_ws_and_docs();
        }
        self.expect(Kind::RBrace, "`}` to close the operation's properties")?;
        self.advance();
        shape.body = Body::Operation(body);
        Ok(())
    }

    /// `: Target` or `:= @traits { members }` for an operation's input or
    /// output.
    fn io_target(&mut self, op: &ShapeDef<'s>, input: bool) -> PResult<IoTarget<'s>> {
        let which = if input { "input" } else { "output" };
        match self.kind() {
            Kind::Colon => {
                self.advance();
                self.skip_ws_and_docs();
                Ok(IoTarget::Ref(self.shape_id(&format!("the operation's {which} shape id"))?))
            }
            Kind::Walrus => {
                self.require_v2(self.tok.start, "inline inputs and outputs (`:=`)")?;
                self.advance();
                self.docs.clear();
                self.skip_ws();
                let mut traits = self.docs_and_traits(true)?;
                let offset = self.tok.start;
                let marker = if input { "smithy.api#input" } else { "smithy.api#output" };
                traits.push(Trait { offset, name: marker, value: None });
                let suffix = if input { &self.input_suffix } else { &self.output_suffix };
                let name = format!("{}{suffix}", op.name);
                let mut shape = ShapeDef {
                    offset,
                    kind: "structure",
                    name: Cow::Owned(name.clone()),
                    traits,
                    for_resource: None,
                    mixins: Vec::new(),
                    body: Body::None,
                };
                self.aggregate(&mut shape)?;
                self.file.shapes.push(shape);
                Ok(IoTarget::Inline(At { offset, value: name }))
            }
            _ => self.expected(&format!("`:` or `:=` after `{which}`")),
        }
    }

    fn id_list(&mut self) -> PResult<Vec<IdRef<'s>>> {
        self.nest()?;
        self.skip_ws_and_docs();
        self.expect(Kind::LBracket, "`[` to open a list of shape ids")?;
        self.advance();
        self.skip_ws_and_docs();
        let mut ids = Vec::new();
        while self.kind() != Kind::RBracket {
            ids.push(self.shape_id("a shape id or `]`")?);
            self.skip_ws_and_docs();
        }
        self.advance();
        self.nesting -= 1;
        Ok(ids)
    }
}

fn keyword_or_id(id: &str) -> Node<'_> {
    match id {
        "true" => Node::Bool(true),
        "false" => Node::Bool(false),
        "null" => Node::Null,
        _ => Node::ShapeId(id),
    }
}

/// The name part of an absolute shape id.
fn short_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(src: &str) -> Vec<(usize, String)> {
        parse(src).1.into_iter().map(|e| (e.offset, e.message)).collect()
    }

    #[test]
    fn statements_in_order() {
        let src = "$version: \"2\"\nmetadata a = 1\nnamespace x.y\nuse z#W\n\n@t\nstring S\napply S @u\n";
        let (file, errors) = parse(src);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(file.version, Some(Version::V2));
        assert_eq!(file.metadata.len(), 1);
        assert_eq!(file.namespace.as_ref().map(|n| n.value), Some("x.y"));
        assert_eq!(file.uses[0].value, "z#W");
        assert_eq!((file.shapes[0].kind, file.shapes[0].name.as_ref()), ("string", "S"));
        assert_eq!(file.shapes[0].traits[0].name, "t");
        assert_eq!(file.applies[0].target.value, "S");
    }

    #[test]
    fn documentation_comments_go_where_the_specification_says() {
        let src = "$version: \"2\"\nnamespace x\n/// Shape docs.\n@t\n/// Ignored: after a trait.\nstructure S {\n    /// Member docs.\n    a: String /// Documents the next member.\n    b: String\n}\n";
        let (file, errors) = parse(src);
        assert!(errors.is_empty(), "{errors:?}");
        let doc = |traits: &[Trait<'_>]| {
            traits.iter().find(|t| t.name == "smithy.api#documentation").and_then(|t| match &t.value {
                Some(At { value: Node::String(s), .. }) => Some(s.to_string()),
                _ => None,
            })
        };
        assert_eq!(doc(&file.shapes[0].traits).as_deref(), Some("Shape docs."));
        let Body::Members(members) = &file.shapes[0].body else { panic!() };
        assert_eq!(doc(&members[0].traits).as_deref(), Some("Member docs."));
        assert_eq!(doc(&members[1].traits).as_deref(), Some("Documents the next member."));
    }

    #[test]
    fn every_broken_statement_is_reported() {
        let src = "$version: \"2\"\nnamespace x\nstring A B\nstructure C { d }\nstring E\n";
        let errors = messages(src);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].1.contains("expected a line break after the string `A`, found `B`"), "{errors:?}");
        assert!(errors[1].1.contains("`:` and a target after member name `d`"), "{errors:?}");
        // The statement after the broken ones still parses.
        assert_eq!(parse(src).0.shapes.last().map(|s| s.name.to_string()).as_deref(), Some("E"));
    }

    #[test]
    fn version_gates() {
        assert!(messages("namespace x\nstructure S with [M] {}\n")[0].1.contains("need `$version: \"2\"`"));
        assert!(messages("namespace x\nstructure S { $a }\n")[0].1.contains("elided targets"));
        assert!(messages("namespace x\nstructure S { a: String = 1 }\n")[0].1.contains("default values"));
        assert!(messages("$version: \"2\"\nnamespace x\nset S { member: String }\n")[0].1.contains("`set` does not exist"));
        assert!(messages("$version: \"3\"\n")[0].1.contains("unsupported Smithy IDL version `3`"));
        assert!(messages("$version: \"2\"\n$version: \"2\"\n")[0].1.contains("set more than once"));
    }

    #[test]
    fn trait_values() {
        let (file, errors) = parse("$version: \"2\"\nnamespace x\n@a @b() @c(1) @d(k: v, \"q\": [1]) @e(x.y#Z) @f(true)\nstring S\n");
        assert!(errors.is_empty(), "{errors:?}");
        let values: Vec<Option<Node<'_>>> = file.shapes[0].traits.iter().map(|t| t.value.clone().map(|v| v.value)).collect();
        assert_eq!(values[0], None);
        assert_eq!(values[1], None);
        assert!(matches!(values[2], Some(Node::Number(_))));
        assert!(matches!(&values[3], Some(Node::Object(entries)) if entries.len() == 2));
        assert_eq!(values[4], Some(Node::ShapeId("x.y#Z")));
        assert_eq!(values[5], Some(Node::Bool(true)));
    }
}
