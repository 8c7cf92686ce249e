//! The selector grammar (smithy.io, "Selectors", "Grammar"): text to
//! [`Selector`]. Whitespace between tokens is insignificant.

use super::{Assertion, Comparator, Expr, Neighbor, Operand, Path, Segment, Selector, SelectorError, ShapeType};

/// How deeply selectors may nest inside functions and variables, and how
/// many steps a selector may have in all: bounds on the parser's and the
/// evaluator's recursion for hostile input.
const MAX_DEPTH: usize = 64;
const MAX_STEPS: usize = 1024;

pub(super) fn parse(text: &str) -> Result<Selector, SelectorError> {
    let mut parser = Parser { text, pos: 0, depth: 0, steps: 0 };
    let selector = parser.selector()?;
    parser.skip_ws();
    if parser.pos < text.len() {
        return Err(parser.error(format!("unexpected `{}`", parser.rest_char())));
    }
    Ok(selector)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
    steps: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, message: impl Into<String>) -> SelectorError {
        SelectorError { message: message.into(), offset: self.pos }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn rest_char(&self) -> char {
        self.rest().chars().next().unwrap_or(' ')
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// Consumes `token` (after whitespace) when it comes next.
    fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, token: &str) -> Result<(), SelectorError> {
        if self.eat(token) {
            Ok(())
        } else if self.pos >= self.text.len() {
            Err(self.error(format!("expected `{token}`, found the end of the selector")))
        } else {
            Err(self.error(format!("expected `{token}`, found `{}`", self.rest_char())))
        }
    }

    fn at_end_of_selector(&mut self) -> bool {
        self.skip_ws();
        self.pos >= self.text.len() || self.rest().starts_with([',', ')'])
    }

    /// `Selector = SelectorExpression *(SelectorExpression)`
    fn selector(&mut self) -> Result<Selector, SelectorError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("the selector nests deeper than {MAX_DEPTH} levels")));
        }
        let mut exprs = Vec::new();
        while !self.at_end_of_selector() {
            self.steps += 1;
            if self.steps > MAX_STEPS {
                return Err(self.error(format!("the selector has more than {MAX_STEPS} steps")));
            }
            exprs.push(self.expression()?);
        }
        if exprs.is_empty() {
            return Err(self.error("expected a selector"));
        }
        self.depth -= 1;
        Ok(Selector(exprs))
    }

    fn expression(&mut self) -> Result<Expr, SelectorError> {
        self.skip_ws();
        let rest = self.rest();
        if rest.starts_with("~>") {
            self.pos += 2;
            return Ok(Expr::Neighbor(Neighbor::Recursive));
        }
        if rest.starts_with("-[") {
            self.pos += 2;
            let rels = self.relationships()?;
            self.expect("]->")?;
            return Ok(Expr::Neighbor(Neighbor::Forward(Some(rels))));
        }
        if rest.starts_with("<-[") {
            self.pos += 3;
            let rels = self.relationships()?;
            self.expect("]-")?;
            return Ok(Expr::Neighbor(Neighbor::Reverse(Some(rels))));
        }
        if rest.starts_with('>') {
            self.pos += 1;
            return Ok(Expr::Neighbor(Neighbor::Forward(None)));
        }
        if rest.starts_with('<') {
            self.pos += 1;
            return Ok(Expr::Neighbor(Neighbor::Reverse(None)));
        }
        if rest.starts_with("[@") {
            self.pos += 2;
            return self.scoped_attribute();
        }
        if rest.starts_with('[') {
            self.pos += 1;
            return self.attribute();
        }
        if rest.starts_with("${") {
            self.pos += 2;
            let name = self.identifier()?;
            self.expect("}")?;
            return Ok(Expr::VariableGet(name));
        }
        if rest.starts_with('$') {
            self.pos += 1;
            let name = self.identifier()?;
            self.expect("(")?;
            let selector = self.selector()?;
            self.expect(")")?;
            return Ok(Expr::VariableSet(name, selector));
        }
        if rest.starts_with(':') {
            self.pos += 1;
            let name = self.identifier()?;
            self.expect("(")?;
            let mut args = vec![self.selector()?];
            while self.eat(",") {
                args.push(self.selector()?);
            }
            self.expect(")")?;
            return self.function(name, args);
        }
        if rest.starts_with('*') {
            self.pos += 1;
            return Ok(Expr::ShapeType(ShapeType::Any));
        }
        let start = self.pos;
        let name = self.identifier()?;
        match ShapeType::from_name(&name) {
            Some(shape_type) => Ok(Expr::ShapeType(shape_type)),
            None => Err(SelectorError { message: format!("unknown shape type `{name}`"), offset: start }),
        }
    }

    /// Checks a function's arguments; unknown functions are kept (they
    /// select nothing, as the specification asks).
    fn function(&self, name: String, mut args: Vec<Selector>) -> Result<Expr, SelectorError> {
        let count = |n: &str, ok: bool| {
            if ok {
                Ok(())
            } else {
                Err(self.error(format!("`:{name}` takes {n}, not {}", args.len())))
            }
        };
        Ok(match name.as_str() {
            "test" => Expr::Test(args),
            "is" | "each" => Expr::Is(args),
            "not" | "in" | "root" | "recursive" => {
                count("one selector", args.len() == 1)?;
                let arg = args.remove(0);
                match name.as_str() {
                    "not" => Expr::Not(arg),
                    "in" => Expr::In(arg),
                    "root" => Expr::Root(arg),
                    _ => Expr::Recursive(arg),
                }
            }
            "topdown" => {
                count("one or two selectors", matches!(args.len(), 1 | 2))?;
                let disqualifier = (args.len() == 2).then(|| args.remove(1));
                Expr::TopDown(args.remove(0), disqualifier)
            }
            _ => Expr::Unknown(name),
        })
    }

    fn relationships(&mut self) -> Result<Vec<String>, SelectorError> {
        let mut rels = vec![self.identifier()?];
        while self.eat(",") {
            rels.push(self.identifier()?);
        }
        Ok(rels)
    }

    /// `smithy:Identifier = (ALPHA / "_") *(ALPHA / DIGIT / "_")`
    fn identifier(&mut self) -> Result<String, SelectorError> {
        self.skip_ws();
        let rest = self.rest();
        let len = identifier_len(rest);
        if len == 0 {
            return Err(if rest.is_empty() {
                self.error("expected an identifier, found the end of the selector")
            } else {
                self.error(format!("expected an identifier, found `{}`", self.rest_char()))
            });
        }
        self.pos += len;
        Ok(rest[..len].to_owned())
    }

    /// `"[" SelectorKey [SelectorAttrComparison] "]"`, after the `[`. A
    /// comparison is the scoped assertion `[@: @{key} comparison]`.
    fn attribute(&mut self) -> Result<Expr, SelectorError> {
        let path = self.key()?;
        if self.eat("]") {
            return Ok(Expr::Attribute(path));
        }
        let comparator = self.comparator()?;
        let mut values = vec![Operand::Literal(self.value()?)];
        while self.eat(",") {
            values.push(Operand::Literal(self.value()?));
        }
        let case_insensitive = self.case_insensitive();
        self.expect("]")?;
        Ok(Expr::Scoped(None, vec![Assertion { left: Operand::Context(path), comparator, values, case_insensitive }]))
    }

    /// `"[@" [SelectorKey] ":" assertions "]"`, after the `[@`.
    fn scoped_attribute(&mut self) -> Result<Expr, SelectorError> {
        let key = if self.eat(":") {
            None
        } else {
            let key = self.key()?;
            self.expect(":")?;
            Some(key)
        };
        let mut assertions = vec![self.assertion()?];
        while self.eat("&&") {
            assertions.push(self.assertion()?);
        }
        self.expect("]")?;
        Ok(Expr::Scoped(key, assertions))
    }

    fn assertion(&mut self) -> Result<Assertion, SelectorError> {
        let left = self.scoped_value()?;
        let comparator = self.comparator()?;
        let mut values = vec![self.scoped_value()?];
        while self.eat(",") {
            values.push(self.scoped_value()?);
        }
        let case_insensitive = self.case_insensitive();
        Ok(Assertion { left, comparator, values, case_insensitive })
    }

    fn scoped_value(&mut self) -> Result<Operand, SelectorError> {
        if self.eat("@{") {
            let path = self.path()?;
            self.expect("}")?;
            Ok(Operand::Context(path))
        } else {
            Ok(Operand::Literal(self.value()?))
        }
    }

    /// The `i` before `&&` or `]`.
    fn case_insensitive(&mut self) -> bool {
        self.skip_ws();
        let rest = self.rest();
        if rest.starts_with('i') && identifier_len(rest) == 1 {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// `SelectorKey = Identifier ["|" SelectorPath]`
    fn key(&mut self) -> Result<Path, SelectorError> {
        let start = self.pos;
        let name = self.identifier()?;
        if !matches!(name.as_str(), "id" | "service" | "trait" | "var") {
            return Err(SelectorError {
                message: format!("unknown attribute `{name}`: expected `id`, `service`, `trait` or `var`"),
                offset: start,
            });
        }
        let mut path = vec![Segment::Name(name)];
        if self.eat("|") {
            path.extend(self.path()?);
        }
        Ok(path)
    }

    /// `SelectorPath = SelectorPathSegment *("|" SelectorPathSegment)`
    fn path(&mut self) -> Result<Path, SelectorError> {
        let mut path = vec![self.segment()?];
        while self.eat("|") {
            path.push(self.segment()?);
        }
        Ok(path)
    }

    fn segment(&mut self) -> Result<Segment, SelectorError> {
        if self.eat("(") {
            let name = self.identifier()?;
            self.expect(")")?;
            return Ok(Segment::Function(name));
        }
        Ok(Segment::Name(self.value()?))
    }

    fn comparator(&mut self) -> Result<Comparator, SelectorError> {
        self.skip_ws();
        const TOKENS: &[(&str, Comparator)] = &[
            ("{!=}", Comparator::ProjectionNotEqual),
            ("{<<}", Comparator::ProperSubset),
            ("{<}", Comparator::Subset),
            ("{=}", Comparator::ProjectionEqual),
            ("^=", Comparator::StartsWith),
            ("$=", Comparator::EndsWith),
            ("*=", Comparator::Contains),
            ("!=", Comparator::NotEqual),
            ("?=", Comparator::Exists),
            (">=", Comparator::GreaterOrEqual),
            ("<=", Comparator::LessOrEqual),
            ("=", Comparator::Equal),
            (">", Comparator::Greater),
            ("<", Comparator::Less),
        ];
        for (token, comparator) in TOKENS {
            if self.rest().starts_with(token) {
                self.pos += token.len();
                return Ok(*comparator);
            }
        }
        Err(if self.pos >= self.text.len() {
            self.error("expected a comparator or `]`, found the end of the selector")
        } else {
            self.error(format!("expected a comparator or `]`, found `{}`", self.rest_char()))
        })
    }

    /// `SelectorValue = SelectorText / smithy:Number / smithy:RootShapeId`
    fn value(&mut self) -> Result<String, SelectorError> {
        self.skip_ws();
        let rest = self.rest();
        let Some(first) = rest.chars().next() else {
            return Err(self.error("expected a value, found the end of the selector"));
        };
        if first == '\'' || first == '"' {
            let body = &rest[1..];
            let Some(end) = body.find(first) else {
                return Err(self.error("the quoted text is not closed"));
            };
            if end == 0 {
                return Err(self.error("quoted text must not be empty"));
            }
            self.pos += end + 2;
            return Ok(body[..end].to_owned());
        }
        if first == '-' || first.is_ascii_digit() {
            let len = number_len(rest);
            if len == 0 {
                return Err(self.error("expected a number"));
            }
            self.pos += len;
            return Ok(rest[..len].to_owned());
        }
        let len = shape_id_len(rest);
        if len == 0 {
            return Err(self.error(format!("expected a value, found `{first}`")));
        }
        self.pos += len;
        Ok(rest[..len].to_owned())
    }
}

fn identifier_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    match bytes.first() {
        Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {
            1 + bytes[1..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count()
        }
        _ => 0,
    }
}

/// `Namespace "#" Identifier` or `Identifier`, with dotted namespaces:
/// a root shape id, never a member.
fn shape_id_len(text: &str) -> usize {
    let mut len = identifier_len(text);
    if len == 0 {
        return 0;
    }
    while text[len..].starts_with('.') {
        let next = identifier_len(&text[len + 1..]);
        if next == 0 {
            return len;
        }
        len += 1 + next;
    }
    if text[len..].starts_with('#') {
        let name = identifier_len(&text[len + 1..]);
        if name > 0 {
            len += 1 + name;
        }
    }
    len
}

/// `smithy:Number = [ "-" ] int [ frac ] [ exp ]`
fn number_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = usize::from(bytes.first() == Some(&b'-'));
    let digits = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let int = digits(i);
    if int == 0 {
        return 0;
    }
    i += int;
    if bytes.get(i) == Some(&b'.') && digits(i + 1) > 0 {
        i += 1 + digits(i + 1);
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(i + 1), Some(b'+' | b'-')));
        let exp = digits(i + 1 + sign);
        if exp > 0 {
            i += 1 + sign + exp;
        }
    }
    i
}
