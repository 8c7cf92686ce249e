//! Model documentation (HTML in AWS models, CommonMark in others) turned into
//! rustdoc markdown lines that render cleanly and raise no rustdoc lints.

/// Converts a `smithy.api#documentation` value to markdown lines.
pub fn to_markdown(doc: &str) -> Vec<String> {
    let text = if looks_like_html(doc) { html_to_markdown(doc) } else { doc.to_owned() };
    normalize(&text)
}

fn looks_like_html(doc: &str) -> bool {
    doc.match_indices('<').any(|(i, _)| {
        doc[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
    })
}

#[derive(Default)]
struct Writer {
    out: String,
    code_depth: usize,
    code_buf: String,
    links: Vec<Option<String>>,
    lists: Vec<Option<usize>>,
    item_start: bool,
}

impl Writer {
    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        if self.code_depth > 0 {
            self.code_buf.push_str(&decoded);
            return;
        }
        let mut first = true;
        for word in decoded.split(|c: char| c.is_whitespace()) {
            if !first {
                self.space();
            }
            first = false;
            if word.is_empty() {
                continue;
            }
            self.item_start = false;
            if word.starts_with("http://") || word.starts_with("https://") {
                let end = word.trim_end_matches(['.', ',', ')', ';', ':']);
                let in_link = self.links.last().is_some_and(Option::is_some);
                if in_link {
                    self.out.push_str(&escape(end));
                } else {
                    self.out.push('<');
                    self.out.push_str(end);
                    self.out.push('>');
                }
                self.out.push_str(&escape(&word[end.len()..]));
            } else {
                self.out.push_str(&escape(word));
            }
        }
    }

    fn space(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with([' ', '\n']) {
            self.out.push(' ');
        }
    }

    fn block(&mut self) {
        if self.item_start {
            return;
        }
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push_str(if self.out.ends_with('\n') { "\n" } else { "\n\n" });
        }
    }

    fn line(&mut self) {
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn open(&mut self, tag: &str, attrs: &str) {
        match tag {
            "p" | "div" | "note" | "important" | "dl" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.block(),
            "br" | "dt" | "dd" => self.line(),
            "ul" => {
                self.block();
                self.lists.push(None);
            }
            "ol" => {
                self.block();
                self.lists.push(Some(0));
            }
            "li" => {
                self.line();
                let indent = "  ".repeat(self.lists.len().saturating_sub(1));
                let bullet = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{n}. ")
                    }
                    _ => "- ".to_owned(),
                };
                self.out.push_str(&indent);
                self.out.push_str(&bullet);
                self.item_start = true;
            }
            "code" => {
                self.code_depth += 1;
            }
            "b" | "strong" => self.emphasis("**"),
            "i" | "em" => self.emphasis("*"),
            "a" => {
                let href = attr(attrs, "href").filter(|h| h.starts_with("http://") || h.starts_with("https://"));
                if href.is_some() && self.code_depth == 0 {
                    self.out.push('[');
                }
                self.links.push(href.filter(|_| self.code_depth == 0));
            }
            _ => {}
        }
    }

    fn close(&mut self, tag: &str) {
        match tag {
            "p" | "div" | "note" | "important" | "dl" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.block(),
            "ul" | "ol" => {
                self.lists.pop();
                self.block();
            }
            "li" | "dt" | "dd" => self.line(),
            "code" if self.code_depth > 0 => {
                self.code_depth -= 1;
                if self.code_depth == 0 {
                    let code = std::mem::take(&mut self.code_buf);
                    let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !code.is_empty() {
                        self.item_start = false;
                        let fence = if code.contains('`') { "``" } else { "`" };
                        let pad = if code.starts_with('`') || code.ends_with('`') { " " } else { "" };
                        self.out.push_str(&format!("{fence}{pad}{code}{pad}{fence}"));
                    }
                }
            }
            "b" | "strong" => self.emphasis("**"),
            "i" | "em" => self.emphasis("*"),
            "a" => {
                if let Some(Some(href)) = self.links.pop() {
                    if self.out.ends_with('[') {
                        self.out.pop();
                        self.out.push('<');
                        self.out.push_str(&href);
                        self.out.push('>');
                    } else {
                        self.out.push_str(&format!("]({href})"));
                    }
                }
            }
            _ => {}
        }
    }

    fn emphasis(&mut self, marker: &str) {
        if self.code_depth == 0 {
            self.out.push_str(marker);
        }
    }
}

fn html_to_markdown(html: &str) -> String {
    let mut w = Writer::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        w.text(&rest[..lt]);
        let after = &rest[lt + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match (is_tag, after.find('>')) {
            (true, Some(gt)) => {
                let inner = &after[..gt];
                rest = &after[gt + 1..];
                if inner.starts_with('!') {
                    continue;
                }
                let (closing, inner) = match inner.strip_prefix('/') {
                    Some(i) => (true, i),
                    None => (false, inner),
                };
                let inner = inner.trim_end_matches('/');
                let name_end = inner.find(|c: char| c.is_whitespace()).unwrap_or(inner.len());
                let tag = inner[..name_end].to_ascii_lowercase();
                if closing {
                    w.close(&tag);
                } else {
                    w.open(&tag, &inner[name_end..]);
                    if inner.len() != after[..gt].len() && tag != "br" {
                        // A self-closing tag such as `<p/>`.
                        w.close(&tag);
                    }
                }
            }
            _ => {
                w.text("<");
                rest = after;
            }
        }
    }
    w.text(rest);
    if !w.code_buf.is_empty() {
        let code = std::mem::take(&mut w.code_buf);
        w.out.push_str(&escape(&code));
    }
    w.out
}

fn attr(attrs: &str, name: &str) -> Option<String> {
    let start = attrs.find(&format!("{name}="))? + name.len() + 1;
    let value = &attrs[start..];
    let quote = value.chars().next()?;
    let value = if quote == '"' || quote == '\'' {
        let v = &value[1..];
        &v[..v.find(quote)?]
    } else {
        value.split_whitespace().next()?
    };
    Some(decode_entities(value))
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&i| i <= 8);
        let decoded = semi.and_then(|i| {
            let entity = &after[..i];
            let c = match entity {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => entity
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, i))
        });
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes characters that markdown or rustdoc would otherwise interpret.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn normalize(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        let line = if line.trim_start().starts_with(['-', '1', '2', '3', '4', '5', '6', '7', '8', '9']) {
            line.to_owned()
        } else {
            line.trim_start().to_owned()
        };
        if line.is_empty() && lines.last().is_none_or(String::is_empty) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[test]
    fn paragraphs_code_and_links() {
        let md = to_markdown(
            "<p>Restarts a <code>build</code>.</p> <p>See <a href=\"https://example.com/x\">the guide</a> &amp; more.</p>",
        );
        assert_eq!(md, ["Restarts a `build`.", "", "See [the guide](https://example.com/x) & more."]);
    }

    #[test]
    fn lists_and_escapes() {
        let md = to_markdown("<ul><li><p>a [b] <i>c</i></p></li><li>d_e https://x.io/y.</li></ul>");
        assert_eq!(md, ["- a \\[b\\] *c*", "", "- d\\_e <https://x.io/y>."]);
    }

    #[test]
    fn plain_markdown_is_kept() {
        assert_eq!(to_markdown("Just `text`.\n\nMore."), ["Just `text`.", "", "More."]);
    }
}
