//! HTML reduced to plain text, for the rich-text fields of Decidim exports: tags
//! stripped, entities decoded, paragraphs and line breaks kept as newlines, list items
//! as `- ` lines, scripts and styles dropped. Not a browser: enough for what Decidim's
//! editor writes.

/// The text of an HTML fragment. Text without `<` or `&` is returned trimmed.
pub(crate) fn to_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return html.trim().to_string();
    }
    let mut out = Writer::default();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(after) = rest.strip_prefix("<!--") {
                rest = after.find("-->").map_or("", |end| &after[end + 3..]);
                continue;
            }
            if let Some((tag, after)) = parse_tag(rest) {
                rest = after;
                match tag.name.as_str() {
                    "script" | "style" | "template" if !tag.closing => {
                        let close = format!("</{}", tag.name);
                        rest = find_ascii_ci(rest, &close).map_or("", |i| {
                            let tail = &rest[i..];
                            tail.find('>').map_or("", |j| &tail[j + 1..])
                        });
                    }
                    "br" => out.break_line(1),
                    "li" if !tag.closing => {
                        out.break_line(1);
                        out.text("- ");
                    }
                    "p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                    | "blockquote" | "pre" | "table" | "section" | "article" | "header"
                    | "footer" | "hr" | "dl" => out.break_line(2),
                    "li" | "tr" | "dt" | "dd" => out.break_line(1),
                    "td" | "th" if tag.closing => out.space(),
                    _ => {}
                }
                continue;
            }
        }
        if c == '&'
            && let Some((decoded, after)) = decode_entity(rest)
        {
            out.text_char(decoded);
            rest = after;
            continue;
        }
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
            out.space();
        } else {
            out.text_char(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out.finish()
}

/// Collapses spaces the HTML way and places line breaks only between pieces of text.
#[derive(Default)]
struct Writer {
    out: String,
    pending_space: bool,
    pending_breaks: usize,
}

impl Writer {
    fn space(&mut self) {
        self.pending_space = true;
    }

    fn break_line(&mut self, n: usize) {
        self.pending_breaks = self.pending_breaks.max(n);
    }

    fn flush(&mut self) {
        if self.out.is_empty() {
            self.pending_breaks = 0;
            self.pending_space = false;
            return;
        }
        if self.pending_breaks > 0 {
            while self.out.ends_with(' ') {
                self.out.pop();
            }
            for _ in 0..self.pending_breaks {
                self.out.push('\n');
            }
        } else if self.pending_space && !self.out.ends_with([' ', '\n']) {
            self.out.push(' ');
        }
        self.pending_breaks = 0;
        self.pending_space = false;
    }

    fn text(&mut self, s: &str) {
        self.flush();
        self.out.push_str(s);
    }

    fn text_char(&mut self, c: char) {
        if c == '\u{ad}' {
            return; // soft hyphen
        }
        self.flush();
        self.out.push(c);
    }

    fn finish(self) -> String {
        self.out.trim_end().to_string()
    }
}

struct Tag {
    name: String,
    closing: bool,
}

/// A tag at the start of `s` (`<p class="x">`, `</p>`, `<br/>`) and what follows it;
/// `None` when the `<` does not open a tag (`a < b`).
fn parse_tag(s: &str) -> Option<(Tag, &str)> {
    let body = s.strip_prefix('<')?;
    let (closing, body) = match body.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let first = body.chars().next()?;
    if !(first.is_ascii_alphabetic() || (first == '!' && !closing)) {
        return None;
    }
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '!'))
        .unwrap_or(body.len());
    let name = body[..name_len].to_ascii_lowercase();
    // Find the closing `>`, skipping quoted attribute values.
    let mut quote: Option<char> = None;
    for (i, c) in body[name_len..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => {
                let end = name_len + i + 1;
                return Some((Tag { name, closing }, &body[end..]));
            }
            _ => {}
        }
    }
    None
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// `&amp;`, `&eacute;`, `&#233;`, `&#xE9;` at the start of `s`.
fn decode_entity(s: &str) -> Option<(char, &str)> {
    let body = s.strip_prefix('&')?;
    let end = body.find(';')?;
    if end == 0 || end > 10 {
        return None;
    }
    let name = &body[..end];
    let rest = &body[end + 1..];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        named_entity(name)?
    };
    Some((c, rest))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "shy" => '\u{ad}',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "sbquo" => '‚',
        "bdquo" => '„',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "bull" => '•',
        "middot" => '·',
        "euro" => '€',
        "deg" => '°',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "times" => '×',
        "sect" => '§',
        "para" => '¶',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "auml" => 'ä',
        "aelig" => 'æ',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "ouml" => 'ö',
        "oelig" => 'œ',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yuml" => 'ÿ',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Auml" => 'Ä',
        "AElig" => 'Æ',
        "Ccedil" => 'Ç',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Euml" => 'Ë',
        "Icirc" => 'Î',
        "Iuml" => 'Ï',
        "Ocirc" => 'Ô',
        "Ouml" => 'Ö',
        "OElig" => 'Œ',
        "Ugrave" => 'Ù',
        "Ucirc" => 'Û',
        "Uuml" => 'Ü',
        "Yuml" => 'Ÿ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::to_text;

    #[test]
    fn paragraphs_and_breaks_become_newlines() {
        assert_eq!(
            to_text("<p>Un appel à projets.</p><p>Deuxième<br>ligne</p>"),
            "Un appel à projets.\n\nDeuxième\nligne"
        );
        assert_eq!(
            to_text("<p>\n  Texte   sur\n plusieurs  lignes\n</p>"),
            "Texte sur plusieurs lignes"
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            to_text("l&#39;EMS &amp; la DNSI&nbsp;: &eacute;t&eacute; &#x2019; &laquo;ok&raquo;"),
            "l'EMS & la DNSI\u{a0}: été ’ «ok»"
        );
        assert_eq!(to_text("R&D &unknown; &#0; a&b"), "R&D &unknown; &#0; a&b");
    }

    #[test]
    fn lists_scripts_and_comments() {
        assert_eq!(
            to_text("<p>Actions :</p><ul><li>former</li><li><strong>outiller</strong></li></ul>"),
            "Actions :\n\n- former\n- outiller"
        );
        assert_eq!(to_text("a<script>alert('<p>')</script>b<!-- c -->d"), "abd");
        assert_eq!(to_text("<a href=\"x>y\">lien</a>"), "lien");
    }

    #[test]
    fn plain_text_and_lone_brackets_stay() {
        assert_eq!(to_text("  texte simple "), "texte simple");
        assert_eq!(to_text("a < b et c > d"), "a < b et c > d");
        assert_eq!(to_text("<3 & plus"), "<3 & plus");
    }
}
