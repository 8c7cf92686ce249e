//! Model documentation (HTML in AWS models, CommonMark in others) turned into
//! rustdoc markdown lines that render cleanly and raise no rustdoc lints.

/// Converts a `smithy.api#documentation` value to markdown lines.
pub fn to_markdown(doc: &str) -> Vec<String> {
    if looks_like_html(doc) {
        let mut lines = Vec::new();
        for line in html_to_markdown(doc).lines() {
            push_line(&mut lines, line.trim_end().to_owned());
        }
        finish(lines)
    } else {
        plain_markdown(doc)
    }
}

/// Whether `doc` has an HTML tag: `<p>`, `</p>`, `<br/>`, `<a href=..>`
/// (an autolink such as `<https://x.io>` is not one).
fn looks_like_html(doc: &str) -> bool {
    doc.match_indices('<').any(|(i, _)| {
        let tag = doc[i + 1..].strip_prefix('/').unwrap_or(&doc[i + 1..]);
        let name = tag.len() - tag.trim_start_matches(|c: char| c.is_ascii_alphanumeric()).len();
        tag.starts_with(|c: char| c.is_ascii_alphabetic())
            && tag[name..].starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/')
    })
}

/// An open `<ul>` or `<ol>`.
struct List {
    /// The last number given, for an ordered list.
    number: Option<usize>,
    /// The column its items' markers start at.
    marker: usize,
    /// The column its current item's content starts at: continuation
    /// paragraphs and nested lists are indented to it, so markdown keeps
    /// them inside the item (and never reads them as code blocks).
    content: usize,
}

#[derive(Default)]
struct Writer {
    out: String,
    code_depth: usize,
    code_buf: String,
    links: Vec<Option<String>>,
    lists: Vec<List>,
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
            let in_link = self.links.last().is_some_and(Option::is_some);
            match bare_url(word).filter(|_| !in_link) {
                Some(url) => {
                    self.put(&escape(&word[..url.start]));
                    self.put(&format!("<{}>", &word[url.clone()]));
                    self.put(&escape(&word[url.end..]));
                }
                None => self.put(&escape(word)),
            }
        }
    }

    /// Writes content, first indenting a new line to the open list item's
    /// content column.
    fn put(&mut self, content: &str) {
        if self.out.ends_with('\n') {
            if let Some(list) = self.lists.last() {
                self.out.extend(std::iter::repeat_n(' ', list.content));
            }
        }
        self.out.push_str(content);
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
            "ul" | "ol" => {
                self.block();
                let marker = self.lists.last().map_or(0, |l| l.content);
                let number = (tag == "ol").then_some(0);
                self.lists.push(List { number, marker, content: marker });
            }
            "li" => {
                self.line();
                let (marker, bullet) = match self.lists.last_mut() {
                    Some(list) => {
                        let bullet = match &mut list.number {
                            Some(n) => {
                                *n += 1;
                                format!("{n}. ")
                            }
                            None => "- ".to_owned(),
                        };
                        list.content = list.marker + bullet.len();
                        (list.marker, bullet)
                    }
                    None => (0, "- ".to_owned()),
                };
                self.out.extend(std::iter::repeat_n(' ', marker));
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
                    self.put("[");
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
                        self.put(&format!("{fence}{pad}{code}{pad}{fence}"));
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
            self.put(marker);
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
        w.put(&escape(&code));
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

/// Markdown docs (Smithy's own format), made safe for rustdoc: fenced code
/// is kept verbatim but marked `text` unless it names a language (rustdoc
/// would compile an unmarked block as a Rust doctest); elsewhere leading
/// indentation goes (it would make a code block) except before list
/// markers, brackets that are not links are escaped (rustdoc reads
/// `[Optional]` as an intra-doc link) and bare URLs get angle brackets.
fn plain_markdown(doc: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut fence: Option<&str> = None;
    // Whether the last line was a list item or its continuation: an
    // unindented line of text after it starts a new paragraph (markdown
    // would fold it into the item, and clippy's doc_lazy_continuation
    // refuses that).
    let mut in_list = false;
    for line in doc.lines() {
        let trimmed = line.trim();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) && trimmed.trim_start_matches(&marker[..1]).is_empty() {
                fence = None;
                lines.push(trimmed.to_owned());
            } else {
                lines.push(line.trim_end().to_owned());
            }
            continue;
        }
        if let Some(first @ ('`' | '~')) = trimmed.chars().next() {
            let marker = &trimmed[..trimmed.len() - trimmed.trim_start_matches(first).len()];
            if marker.len() >= 3 {
                let info = trimmed[marker.len()..].trim();
                let info = if info.is_empty() || info.starts_with("rust") { "text" } else { info };
                fence = Some(marker);
                lines.push(format!("{marker}{info}"));
                continue;
            }
        }
        let list_item = trimmed.starts_with(['-', '*', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
        let original = line;
        let mut line = if list_item { line.trim_end() } else { trimmed }.to_owned();
        if trimmed.is_empty() {
            in_list = false;
        } else if is_list_marker(trimmed) {
            in_list = true;
        } else if in_list && original.starts_with(char::is_whitespace) {
            // The item goes on, indented as markdown wants it.
            line = format!("  {trimmed}");
        } else if in_list {
            push_line(&mut lines, String::new());
            in_list = false;
        }
        push_line(&mut lines, escape_plain(&line));
    }
    if let Some(marker) = fence {
        lines.push(marker.to_owned());
    }
    finish(lines)
}

/// Whether a trimmed line starts with a markdown list marker: `-`, `*` or
/// `+`, or a number and `.` or `)`, each followed by a space.
fn is_list_marker(trimmed: &str) -> bool {
    let rest = match trimmed.strip_prefix(['-', '*', '+']) {
        Some(rest) => rest,
        None => {
            let digits = trimmed.len() - trimmed.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            match trimmed[digits..].strip_prefix(['.', ')']) {
                Some(rest) if (1..=9).contains(&digits) => rest,
                _ => return false,
            }
        }
    };
    rest.starts_with(' ')
}

/// Adds a line outside code, dropping a blank line that would repeat one.
fn push_line(lines: &mut Vec<String>, line: String) {
    if line.is_empty() && lines.last().is_none_or(String::is_empty) {
        return;
    }
    lines.push(line);
}

fn finish(mut lines: Vec<String>) -> Vec<String> {
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Escapes the brackets of `[text]` that is not a link (`[text](url)`,
/// `[text][ref]`, `[ref]: url`) and wraps bare URLs in `<>`, outside code
/// spans.
fn escape_plain(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut in_code = vec![false; bytes.len()];
    let mut literal = vec![false; bytes.len()];
    let mut open = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                let fence = &line[i..i + run];
                let close = line[i + run..].match_indices(fence).map(|(j, _)| i + run + j).find(|&j| {
                    bytes[j - 1] != b'`' && bytes.get(j + run) != Some(&b'`')
                });
                if let Some(j) = close {
                    in_code[i..j + run].fill(true);
                    i = j + run;
                } else {
                    i += run;
                }
                continue;
            }
            b'\\' => i += 1,
            b'[' => open.push(i),
            b']' => {
                if let Some(o) = open.pop() {
                    let next = bytes.get(i + 1);
                    let definition = o == 0 && next == Some(&b':');
                    let label = o > 0 && bytes[o - 1] == b']';
                    if !matches!(next, Some(b'(' | b'[')) && !definition && !label {
                        literal[o] = true;
                        literal[i] = true;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut out = String::with_capacity(line.len() + 8);
    let push = |out: &mut String, from: usize, to: usize| {
        for (k, c) in line[from..to].char_indices() {
            if literal[from + k] {
                out.push('\\');
            }
            out.push(c);
        }
    };
    let mut at = 0;
    for token in line.split_inclusive(char::is_whitespace) {
        let start = at;
        at += token.len();
        match bare_url(token).filter(|_| !in_code[start]) {
            Some(url) => {
                push(&mut out, start, start + url.start);
                out.push('<');
                out.push_str(&token[url.clone()]);
                out.push('>');
                push(&mut out, start + url.end, at);
            }
            None => push(&mut out, start, at),
        }
    }
    out
}

/// Where a word holds a bare `http(s)://` URL (without the punctuation
/// that ends a sentence or quotes it), unless it is already a link target,
/// link text or an autolink.
fn bare_url(word: &str) -> Option<std::ops::Range<usize>> {
    let start = word.find("https://").or_else(|| word.find("http://"))?;
    let before = &word[..start];
    if before.ends_with("](") || before.ends_with(['[', '<']) {
        return None;
    }
    let rest = &word[start..];
    let len = rest.find(|c: char| c.is_whitespace() || "\"'<>[]".contains(c)).unwrap_or(rest.len());
    let url = rest[..len].trim_end_matches(['.', ',', ')', ';', ':']);
    Some(start..start + url.len())
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
        let md = to_markdown("<ul><li><p>a [b] <i>c</i></p></li><li>d_e https://x.io/y. (\"https://z.io\")</li></ul>");
        assert_eq!(md, ["- a \\[b\\] *c*", "", "- d\\_e <https://x.io/y>. (\"<https://z.io>\")"]);
    }

    #[test]
    fn text_after_a_plain_list_starts_a_paragraph() {
        assert_eq!(
            to_markdown("Values:\n- a: 1\n- b: 2\n  more of b\nThen this.\n1. one\n2) two\n-not a list"),
            ["Values:", "- a: 1", "- b: 2", "  more of b", "", "Then this.", "1. one", "2) two", "", "-not a list"]
        );
    }

    #[test]
    fn plain_markdown_is_kept() {
        assert_eq!(to_markdown("Just `text`.\n\nMore."), ["Just `text`.", "", "More."]);
        assert_eq!(to_markdown("A [link](https://x.io) and [ref][r].\n\n[r]: https://y.io"), [
            "A [link](https://x.io) and [ref][r].",
            "",
            "[r]: <https://y.io>"
        ]);
    }

    #[test]
    fn plain_markdown_is_made_safe_for_rustdoc() {
        assert_eq!(
            to_markdown("Id - [Optional] the id, `[not escaped]`. See https://x.io/a. and \"http://y.io\"."),
            ["Id - \\[Optional\\] the id, `[not escaped]`. See <https://x.io/a>. and \"<http://y.io>\"."]
        );
        assert_eq!(to_markdown("[https://x.io](https://x.io) <https://y.io>"), ["[https://x.io](https://x.io) <https://y.io>"]);
        assert_eq!(
            to_markdown("Run:\n\n```\nfn main() {\n\n\n    [x]\n```\n\n    indented text"),
            ["Run:", "", "```text", "fn main() {", "", "", "    [x]", "```", "", "indented text"]
        );
        assert_eq!(to_markdown("```json\n{}"), ["```json", "{}", "```"]);
    }

    #[test]
    fn nested_lists_stay_inside_their_items() {
        let md = to_markdown(
            "<ul><li><p>A</p><p>more of A</p><ol><li><p>one</p><ol><li>deep</li></ol></li></ol></li><li>B</li></ul><p>after</p>",
        );
        assert_eq!(md, ["- A", "", "  more of A", "", "  1. one", "", "     1. deep", "", "- B", "", "after"]);
    }
}
