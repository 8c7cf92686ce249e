//! The Smithy IDL lexer: text in, `(kind, span)` tokens out.
//!
//! It never fails and never allocates: malformed input becomes an
//! [`Kind::Error`] token and the parser decides what to say about it. String
//! and text-block tokens keep their raw span; [`decode_string`] turns them
//! into values (escapes, line endings, text-block indentation) when the
//! parser needs them, so a bad escape is reported where it is.

use std::borrow::Cow;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Spaces and tabs.
    Space,
    /// `\n`, `\r\n` or `\r`.
    Newline,
    /// `,` (whitespace in the IDL).
    Comma,
    /// `// ...` up to and including the line break.
    Comment,
    /// `/// ...` up to and including the line break.
    DocComment,
    At,
    /// `"..."`
    Str,
    /// `"""..."""`
    TextBlock,
    Colon,
    /// `:=`
    Walrus,
    Ident,
    Dot,
    Pound,
    Dollar,
    Number,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Equal,
    Eof,
    Error(LexError),
}

impl Kind {
    /// Spaces, line breaks, commas and plain comments.
    pub(crate) fn is_whitespace(self) -> bool {
        matches!(self, Kind::Space | Kind::Newline | Kind::Comma | Kind::Comment)
    }
}

/// Why the lexer could not make sense of some text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LexError {
    /// A character that starts no token.
    UnexpectedChar,
    /// A `/` not followed by another `/`.
    LoneSlash,
    /// `-` not followed by a digit.
    MinusWithoutDigit,
    /// `.` in a number not followed by a digit.
    DotWithoutDigit,
    /// An exponent without digits.
    ExponentWithoutDigit,
    /// A `"` string with no closing quote.
    UnclosedString,
    /// A `"""` text block with no closing `"""`.
    UnclosedTextBlock,
}

impl LexError {
    pub(crate) fn message(self, found: &str) -> String {
        match self {
            LexError::UnexpectedChar => format!("unexpected character {found:?}"),
            LexError::LoneSlash => "expected `//` to start a comment, found a lone `/`".to_owned(),
            LexError::MinusWithoutDigit => format!("invalid number `{found}`: `-` must be followed by a digit"),
            LexError::DotWithoutDigit => format!("invalid number `{found}`: `.` must be followed by a digit"),
            LexError::ExponentWithoutDigit => {
                format!("invalid number `{found}`: the exponent must have at least one digit")
            }
            LexError::UnclosedString => "unclosed string: no closing `\"` before the end of the file".to_owned(),
            LexError::UnclosedTextBlock => {
                "unclosed text block: no closing `\"\"\"` before the end of the file".to_owned()
            }
        }
    }
}

/// One token: its kind and its byte range in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// Produces tokens one at a time; after the end it keeps returning `Eof`.
pub(crate) struct Lexer<'s> {
    src: &'s [u8],
    pos: usize,
}

impl<'s> Lexer<'s> {
    pub(crate) fn new(src: &'s str) -> Self {
        Lexer { src: src.as_bytes(), pos: 0 }
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.src.get(self.pos + ahead).copied()
    }

    fn eat_while(&mut self, f: impl Fn(u8) -> bool) -> usize {
        let start = self.pos;
        while self.pos < self.src.len() && f(self.src[self.pos]) {
            self.pos += 1;
        }
        self.pos - start
    }

    pub(crate) fn next_token(&mut self) -> Token {
        let start = self.pos;
        let kind = self.scan();
        Token { kind, start, end: self.pos }
    }

    fn scan(&mut self) -> Kind {
        let Some(c) = self.peek(0) else { return Kind::Eof };
        self.pos += 1;
        match c {
            b' ' | b'\t' => {
                self.eat_while(|c| c == b' ' || c == b'\t');
                Kind::Space
            }
            b'\n' => Kind::Newline,
            b'\r' => {
                if self.peek(0) == Some(b'\n') {
                    self.pos += 1;
                }
                Kind::Newline
            }
            b',' => Kind::Comma,
            b'@' => Kind::At,
            b'$' => Kind::Dollar,
            b'.' => Kind::Dot,
            b'#' => Kind::Pound,
            b'=' => Kind::Equal,
            b'{' => Kind::LBrace,
            b'}' => Kind::RBrace,
            b'[' => Kind::LBracket,
            b']' => Kind::RBracket,
            b'(' => Kind::LParen,
            b')' => Kind::RParen,
            b':' => {
                if self.peek(0) == Some(b'=') {
                    self.pos += 1;
                    Kind::Walrus
                } else {
                    Kind::Colon
                }
            }
            b'/' => self.comment(),
            b'"' => self.string(),
            b'-' | b'0'..=b'9' => self.number(c),
            b'_' | b'a'..=b'z' | b'A'..=b'Z' => self.identifier(c),
            _ => {
                // Step over the whole character, not one byte of it.
                while self.pos < self.src.len() && (self.src[self.pos] & 0xC0) == 0x80 {
                    self.pos += 1;
                }
                Kind::Error(LexError::UnexpectedChar)
            }
        }
    }

    fn comment(&mut self) -> Kind {
        if self.peek(0) != Some(b'/') {
            return Kind::Error(LexError::LoneSlash);
        }
        self.pos += 1;
        let kind = if self.peek(0) == Some(b'/') {
            self.pos += 1;
            Kind::DocComment
        } else {
            Kind::Comment
        };
        self.eat_while(|c| c != b'\n' && c != b'\r');
        match self.peek(0) {
            Some(b'\n') => self.pos += 1,
            Some(b'\r') => {
                self.pos += 1;
                if self.peek(0) == Some(b'\n') {
                    self.pos += 1;
                }
            }
            _ => {}
        }
        kind
    }

    fn string(&mut self) -> Kind {
        if self.peek(0) == Some(b'"') && self.peek(1) == Some(b'"') {
            self.pos += 2;
            loop {
                match self.peek(0) {
                    None => return Kind::Error(LexError::UnclosedTextBlock),
                    Some(b'\\') => self.pos = (self.pos + 2).min(self.src.len()),
                    Some(b'"') if self.peek(1) == Some(b'"') && self.peek(2) == Some(b'"') => {
                        self.pos += 3;
                        return Kind::TextBlock;
                    }
                    Some(_) => self.pos += 1,
                }
            }
        }
        loop {
            match self.peek(0) {
                None => return Kind::Error(LexError::UnclosedString),
                Some(b'\\') => self.pos = (self.pos + 2).min(self.src.len()),
                Some(b'"') => {
                    self.pos += 1;
                    return Kind::Str;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    fn number(&mut self, first: u8) -> Kind {
        let digit = |c: u8| c.is_ascii_digit();
        if first == b'-' && self.eat_while(digit) == 0 {
            return Kind::Error(LexError::MinusWithoutDigit);
        }
        self.eat_while(digit);
        if self.peek(0) == Some(b'.') {
            self.pos += 1;
            if self.eat_while(digit) == 0 {
                return Kind::Error(LexError::DotWithoutDigit);
            }
        }
        if matches!(self.peek(0), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(0), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.eat_while(digit) == 0 {
                return Kind::Error(LexError::ExponentWithoutDigit);
            }
        }
        Kind::Number
    }

    fn identifier(&mut self, first: u8) -> Kind {
        if first == b'_' {
            self.eat_while(|c| c == b'_');
            if !self.peek(0).is_some_and(|c| c.is_ascii_alphanumeric()) {
                return Kind::Error(LexError::UnexpectedChar);
            }
        }
        self.eat_while(|c| c.is_ascii_alphanumeric() || c == b'_');
        Kind::Ident
    }
}

/// A problem inside a string token: the byte offset (in the source) where it
/// is, and what it is.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct StringError {
    pub offset: usize,
    pub message: String,
}

/// The value of a [`Kind::Str`] or [`Kind::TextBlock`] token whose full text
/// (quotes included) starts at byte `start` of the source.
pub(crate) fn decode_string<'s>(text: &'s str, start: usize, text_block: bool) -> Result<Cow<'s, str>, StringError> {
    let quotes = if text_block { 3 } else { 1 };
    let inner = &text[quotes..text.len() - quotes];
    let inner_start = start + quotes;
    let plain = !inner.bytes().any(|b| b == b'\\' || b == b'\r');
    if plain && !text_block {
        check_chars(inner, inner_start)?;
        return Ok(Cow::Borrowed(inner));
    }
    // Line endings are normalised before anything else, as Smithy does.
    let normalized: Cow<'_, str> =
        if inner.contains('\r') { Cow::Owned(inner.replace("\r\n", "\n").replace('\r', "\n")) } else { Cow::Borrowed(inner) };
    // Offsets into `normalized` map back to the source only when nothing was
    // replaced; otherwise errors point at the start of the string.
    let offset_of = |i: usize| if normalized.len() == inner.len() { inner_start + i } else { start };
    let formatted: Cow<'_, str> = if text_block {
        Cow::Owned(format_text_block(&normalized).map_err(|message| StringError { offset: start, message })?)
    } else {
        normalized.clone()
    };
    let offset_of = |i: usize| if text_block { start } else { offset_of(i) };
    check_chars(&formatted, 0).map_err(|e| StringError { offset: offset_of(e.offset), ..e })?;
    unescape(&formatted).map(Cow::Owned).map_err(|(i, message)| StringError { offset: offset_of(i), message })
}

/// Rejects control characters other than tab and line breaks, which the
/// grammar does not allow unescaped. (An unescaped `"` cannot be inside a
/// quoted string token, and text blocks allow it.)
fn check_chars(s: &str, base: usize) -> Result<(), StringError> {
    match s.bytes().position(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) {
        None => Ok(()),
        Some(i) => Err(StringError {
            offset: base + i,
            message: format!("invalid character {:?} in a string; escape it", char::from(s.as_bytes()[i])),
        }),
    }
}

/// Removes the incidental whitespace of a text block (the text between the
/// quotes, line endings already normalised), as the specification defines:
/// the opening quotes must be followed by a line break; the smallest
/// indentation of the non-blank lines and of the closing line is removed
/// from every line; trailing spaces are removed from every line.
fn format_text_block(text: &str) -> Result<String, String> {
    let Some(body) = text.strip_prefix('\n') else {
        return Err(if text.is_empty() {
            "a text block cannot be empty".to_owned()
        } else {
            "a text block must start with a line break after the opening `\"\"\"`".to_owned()
        });
    };
    let lines: Vec<&str> = body.split('\n').collect();
    let last = lines.len() - 1;
    let indent = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| match line.find(|c| c != ' ') {
            Some(n) => Some(n),
            None if i == last => Some(line.len()),
            None => None,
        })
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(body.len());
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_end_matches(' ');
        if trimmed.len() > indent {
            out.push_str(&trimmed[indent..]);
        }
        if i < last {
            out.push('\n');
        }
    }
    Ok(out)
}

/// Applies the escapes of a string's contents. Errors give the offset in `s`.
fn unescape(s: &str) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    loop {
        // Copy the run up to the next escape in one go.
        let Some(next) = s[copied..].find('\\') else {
            out.push_str(&s[copied..]);
            return Ok(out);
        };
        out.push_str(&s[copied..copied + next]);
        let i = copied + next;
        let mut chars = s[i + 1..].char_indices().peekable();
        let Some((_, e)) = chars.next() else {
            return Err((i, "a string cannot end with a lone `\\`".to_owned()));
        };
        match e {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '\n' => {}
            'u' => {
                let unit = hex4(&mut chars).ok_or((i, "`\\u` must be followed by four hexadecimal digits".to_owned()))?;
                let code = if (0xD800..0xDC00).contains(&unit) {
                    // A high surrogate must be followed by an escaped low one.
                    let low = match (chars.next(), chars.next()) {
                        (Some((_, '\\')), Some((_, 'u'))) => hex4(&mut chars),
                        _ => None,
                    };
                    match low {
                        Some(low) if (0xDC00..0xE000).contains(&low) => 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00),
                        _ => return Err((i, "a `\\u` high surrogate must be followed by a `\\u` low surrogate".to_owned())),
                    }
                } else {
                    unit
                };
                match char::from_u32(code) {
                    Some(c) => out.push(c),
                    None => return Err((i, format!("`\\u{unit:04X}` is a lone surrogate, not a character"))),
                }
            }
            other => return Err((i, format!("invalid escape `\\{other}`"))),
        }
        copied = chars.peek().map_or(s.len(), |(j, _)| i + 1 + j);
    }
}

fn hex4(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> Option<u32> {
    let mut value = 0;
    for _ in 0..4 {
        let (_, c) = chars.next()?;
        value = value * 16 + c.to_digit(16)?;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Kind> {
        let mut lexer = Lexer::new(src);
        let mut out = Vec::new();
        loop {
            let t = lexer.next_token();
            if t.kind == Kind::Eof {
                return out;
            }
            out.push(t.kind);
        }
    }

    fn string(src: &str) -> Result<String, StringError> {
        let block = src.starts_with("\"\"\"");
        decode_string(src, 0, block).map(Cow::into_owned)
    }

    #[test]
    fn tokens() {
        use Kind::*;
        assert_eq!(
            kinds("@a.b#C$d(x: -1.5e3) := // c\n/// d\r\n\"s\""),
            [At, Ident, Dot, Ident, Pound, Ident, Dollar, Ident, LParen, Ident, Colon, Space, Number, RParen, Space, Walrus, Space, Comment, DocComment, Str]
        );
        assert_eq!(kinds("__x _"), [Ident, Space, Error(LexError::UnexpectedChar)]);
        assert_eq!(kinds("1. -x 1e"), [
            Error(LexError::DotWithoutDigit),
            Space,
            Error(LexError::MinusWithoutDigit),
            Ident,
            Space,
            Error(LexError::ExponentWithoutDigit)
        ]);
        assert_eq!(kinds("é/x"), [Error(LexError::UnexpectedChar), Error(LexError::LoneSlash), Ident]);
        assert_eq!(kinds("\"abc"), [Error(LexError::UnclosedString)]);
        assert_eq!(kinds("\"\"\"\nabc\""), [Error(LexError::UnclosedTextBlock)]);
        assert_eq!(kinds("\"\"x"), [Str, Ident]);
    }

    #[test]
    fn escapes() {
        assert_eq!(string(r#""a\"b\\c\/d\b\f\n\r\t\u00e9\uD83D\uDE00""#).unwrap(), "a\"b\\c/d\u{8}\u{c}\n\r\té😀");
        assert_eq!(string("\"line\\\nnext\"").unwrap(), "linenext");
        assert_eq!(string("\"a\r\nb\rc\"").unwrap(), "a\nb\nc");
        assert!(string(r#""\x""#).unwrap_err().message.contains("invalid escape `\\x`"));
        assert_eq!(string(r#""ab\q""#).unwrap_err().offset, 3);
        assert!(string(r#""\u12""#).is_err());
        assert!(string(r#""\uD800""#).is_err());
        assert!(string("\"a\u{1}\"").is_err());
    }

    #[test]
    fn text_blocks_lose_incidental_whitespace() {
        assert_eq!(string("\"\"\"\n    Hello\n      there\n    \"\"\"").unwrap(), "Hello\n  there\n");
        assert_eq!(string("\"\"\"\n  a  \n\n  b\"\"\"").unwrap(), "a\n\nb");
        assert_eq!(string("\"\"\"\n    a \"quoted\" \\\"\"\"\n  \"\"\"").unwrap(), "  a \"quoted\" \"\"\"\n");
        assert_eq!(string("\"\"\"\n  x\\n  y\n  \"\"\"").unwrap(), "x\n  y\n");
        assert!(string("\"\"\"x\"\"\"").unwrap_err().message.contains("must start with a line break"));
        assert!(string("\"\"\"\"\"\"").unwrap_err().message.contains("cannot be empty"));
    }
}
