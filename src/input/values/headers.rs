//! How column headers are compared with the aliases the readers know.
//!
//! Pure functions over text: no I/O, no diagnostics (callers locate the problem).

use crate::text::fold;

/// The form in which headers are compared: folded, a trailing `:` or `*` (a required
/// mark) dropped, `N°` read as `no` and the middle dot of inclusive writing dropped
/// (`participant·e` → `participante`).
pub(crate) fn header_key(header: &str) -> String {
    let header = header.replace(['°', 'º'], "o").replace('·', "");
    let folded = fold(&header);
    folded
        .trim_end_matches([':', '*', ' '])
        .trim_start_matches(['*', ' '])
        .to_string()
}

/// How well a folded header matches a folded alias: exactly, or as its beginning
/// followed by a non-alphanumeric character (`reponse de l'ems (15/11/2025)` starts
/// with `reponse de l'ems`). Returns the length matched, longer being better.
pub(crate) fn alias_match(header: &str, alias: &str, allow_prefix: bool) -> Option<Match> {
    if header == alias {
        return Some(Match::Exact);
    }
    if allow_prefix
        && header.starts_with(alias)
        && header[alias.len()..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii_alphanumeric())
    {
        return Some(Match::Prefix(alias.len()));
    }
    None
}

/// How a header matched an alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Match {
    /// The header begins with the alias; the number is the alias's length.
    Prefix(usize),
    Exact,
}
