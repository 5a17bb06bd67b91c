//! Text helpers shared by the stages: the folded form used to match headers and
//! labels, and French typography for text shown to readers.

/// The form in which headers and labels are compared: lowercase, accents removed,
/// apostrophes and dashes unified, every run of spaces or punctuation spacing folded
/// to one space, trimmed. `"  Réponse de l’EMS "` → `"reponse de l'ems"`.
pub fn fold(s: &str) -> String {
    // "N°" is "no", not deunicode's "Ndeg".
    let ascii = deunicode::deunicode(&s.replace(['°', 'º'], "o"));
    let mut out = String::with_capacity(ascii.len());
    let mut space = false;
    for c in ascii.chars() {
        let c = match c {
            '`' => '\'',
            '_' | '\u{a0}' => ' ',
            c => c.to_ascii_lowercase(),
        };
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// No-break space.
pub const NBSP: char = '\u{a0}';
/// Narrow no-break space (espace fine insécable).
pub const NNBSP: char = '\u{202f}';

/// Applies French typography to running text: typographic apostrophes, a narrow
/// no-break space before `; ! ?` and a no-break space before `:` and inside « ».
/// Spaces the writer already put are replaced; none are added inside URLs or times.
pub fn french(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' => out.push('’'),
            ';' | '!' | '?' | ':' => {
                let space = if c == ':' { NBSP } else { NNBSP };
                let prev = out.chars().last();
                let next = chars.get(i + 1).copied();
                let in_url = c == ':' && next == Some('/');
                let between_digits = prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit());
                let repeated = matches!(prev, Some('!' | '?'));
                if in_url || between_digits || repeated || prev.is_none() {
                    out.push(c);
                } else {
                    while out.ends_with([' ', NBSP, NNBSP]) {
                        out.pop();
                    }
                    out.push(space);
                    out.push(c);
                }
            }
            '«' => {
                out.push('«');
                out.push(NBSP);
                while chars.get(i + 1).is_some_and(|n| n.is_whitespace()) {
                    i += 1;
                }
            }
            '»' => {
                while out.ends_with([' ', NBSP, NNBSP]) {
                    out.pop();
                }
                out.push(NBSP);
                out.push('»');
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_accents_and_spacing() {
        assert_eq!(fold("  Réponse de l’EMS "), "reponse de l'ems");
        assert_eq!(fold("N°"), "no");
        assert_eq!(fold("ÉCHÉANCE"), "echeance");
        assert_eq!(fold("à  éclaircir"), "a eclaircir");
    }

    #[test]
    fn french_spaces_and_apostrophes() {
        assert_eq!(
            french("Note : l'EMS ? oui ! « ok »"),
            "Note\u{a0}: l’EMS\u{202f}? oui\u{202f}! «\u{a0}ok\u{a0}»"
        );
        assert_eq!(
            french("voir https://x.fr à 10:30"),
            "voir https://x.fr à 10:30"
        );
    }
}
