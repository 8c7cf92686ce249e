//! Model problems, collected and reported together.

use std::cmp::Ordering;
use std::fmt;

/// One problem with the model, naming where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The shape or member id, file, or `file:line:column` the problem is
    /// in.
    pub location: String,
    /// What is wrong.
    pub message: String,
    /// For problems in IDL files: the line of the source, and a caret under
    /// the column.
    pub excerpt: Option<String>,
}

impl Diagnostic {
    /// A problem at `location` without a source excerpt.
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { location: location.into(), message: message.into(), excerpt: None }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let Some(excerpt) = &self.excerpt {
            for line in excerpt.lines() {
                write!(f, "\n      {line}")?;
            }
        }
        Ok(())
    }
}

impl Ord for Diagnostic {
    /// By location, with runs of digits compared as numbers (so
    /// `a.smithy:9:1` comes before `a.smithy:10:1`), then by message.
    fn cmp(&self, other: &Self) -> Ordering {
        natural_cmp(&self.location, &other.location)
            .then_with(|| self.message.cmp(&other.message))
            .then_with(|| self.excerpt.cmp(&other.excerpt))
    }
}

impl PartialOrd for Diagnostic {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let db = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (na, nb) = (trim_zeros(&a[..da]), trim_zeros(&b[..db]));
                let order = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb)).then_with(|| da.cmp(&db));
                if order != Ordering::Equal {
                    return order;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&c| c == b'0').count();
    &digits[zeros.min(digits.len().saturating_sub(1))..]
}

/// Every problem found in a model, sorted by location.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem at `location`.
    pub fn push(&mut self, location: impl Into<String>, message: impl Into<String>) {
        self.0.push(Diagnostic::new(location, message));
    }

    /// Records a problem.
    pub fn push_diagnostic(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Whether no problem was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of problems recorded.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The problems, in the order they were recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// `Ok(value)` when no problem was recorded, else every problem, sorted
    /// and deduplicated.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            self.0.sort();
            self.0.dedup();
            Err(self)
        }
    }

    /// Moves every problem of `other` into `self`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        writeln!(f, "{n} problem{} in the model:", if n == 1 { "" } else { "s" })?;
        for d in &self.0 {
            writeln!(f, "  - {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_sort_by_line_number() {
        let mut d = Diagnostics::new();
        d.push("a.smithy:10:1", "x");
        d.push("a.smithy:9:12", "x");
        d.push("a.smithy:9:2", "x");
        let sorted: Vec<String> = d.into_result(()).unwrap_err().iter().map(|d| d.location.clone()).collect();
        assert_eq!(sorted, ["a.smithy:9:2", "a.smithy:9:12", "a.smithy:10:1"]);
    }

    #[test]
    fn excerpts_follow_the_message() {
        let d = Diagnostic { excerpt: Some("3 | a\n  |  ^".to_owned()), ..Diagnostic::new("f:3:2", "bad") };
        assert_eq!(d.to_string(), "f:3:2: bad\n      3 | a\n        |  ^");
    }
}
