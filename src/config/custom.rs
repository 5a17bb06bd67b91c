//! What a project words and brands its own way in `bilan.toml`: `[texts]` (any entry
//! of the catalogue `templates/texts.toml`, docs/config.md), `[branding]` (accent
//! colour, logo and its alternative text) and where its suggestions come from
//! (`inputs.suggestions`, a file or a survey's free-text question). Owns reading and
//! checking them; the catalogue merges the words, the templates draw the branding.
//!
//! Words a user writes are data: in an entry the catalogue sets as Typst markup,
//! every character that markup would read (`@`, `<`, `#`, `/`, `_`, `[`…) is
//! escaped, except `*bold*`, `~` (a no-break space) and the values the template
//! passes (`#name`, `#n(count)`, `#pl(count, "…", "…")`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{InputPath, Lang, RawConfig};
use crate::catalogue::{self, Texts};
use crate::diagnostics::did_you_mean;
use crate::messages::Message;
use crate::msg;

/// The least contrast an accent colour must have against white: WCAG 2's 4.5:1 for
/// text, as headings and the organisation's name are set in it.
pub const MIN_CONTRAST: f64 = 4.5;

/// `inputs.suggestions`: a suggestions file, or a free-text question of the surveys.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawSuggestions {
    File(PathBuf),
    Survey { survey_column: String },
}

impl RawSuggestions {
    /// The suggestions file, when it is one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            RawSuggestions::File(path) => Some(path),
            RawSuggestions::Survey { .. } => None,
        }
    }
}

/// `[texts]` as a catalogue override and the branding of `raw`, their problems added
/// to `problems`. Words written once are in the configured language (`--lang` aside).
pub(super) fn resolve(
    raw: &RawConfig,
    root: &Path,
    problems: &mut Vec<Message>,
) -> (Option<String>, Branding) {
    let written_in = raw.report.language.unwrap_or_default();
    let texts = match raw.texts.as_ref().map(|t| texts_override(t, written_in)) {
        Some(Err(found)) => {
            problems.extend(found);
            None
        }
        Some(Ok(source)) => Some(source),
        None => None,
    };
    let branding = raw.branding.resolve(root).unwrap_or_else(|found| {
        problems.extend(found);
        Branding::default()
    });
    (texts, branding)
}

/// `[branding]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBranding {
    pub colour: Option<String>,
    pub logo: Option<PathBuf>,
    pub logo_alt: Option<String>,
}

/// The branding of the documents, checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Branding {
    /// The accent colour as `#RRGGBB`; `None`: the built-in one.
    pub colour: Option<String>,
    /// The logo, an SVG or PNG file of the project, and its alternative text.
    pub logo: Option<(InputPath, String)>,
}

impl RawBranding {
    /// The branding, or every problem found in it.
    pub(super) fn resolve(&self, root: &Path) -> Result<Branding, Vec<Message>> {
        let mut problems = Vec::new();
        let colour = self.colour.as_deref().and_then(|written| {
            let Some(rgb) = parse_hex(written) else {
                problems.push(msg!("config-colour-form", value = written));
                return None;
            };
            let ratio = contrast_with_white(rgb);
            if ratio < MIN_CONTRAST {
                // Rounded down: 4.499 must not read as 4.50.
                let shown = format!("{:.2}", (ratio * 100.0).floor() / 100.0);
                problems.push(msg!(
                    "config-colour-contrast",
                    value = written,
                    ratio_fr = shown.replace('.', ","),
                    ratio = shown
                ));
                return None;
            }
            Some(format!("#{:02X}{:02X}{:02X}", rgb[0], rgb[1], rgb[2]))
        });
        let logo = match (&self.logo, &self.logo_alt) {
            (None, None) => None,
            (None, Some(_)) => {
                problems.push(msg!("config-logo-alt-alone"));
                None
            }
            (Some(path), alt) => {
                let alt = alt.as_deref().map(str::trim).unwrap_or_default();
                let kind = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase);
                if !matches!(kind.as_deref(), Some("svg" | "png")) {
                    problems.push(msg!("config-logo-kind", path = path.display().to_string()));
                }
                // Templates read only the project folder (src/render/world.rs).
                if path.is_absolute()
                    || path
                        .components()
                        .any(|c| matches!(c, std::path::Component::ParentDir))
                {
                    problems.push(msg!(
                        "config-logo-outside",
                        path = path.display().to_string()
                    ));
                }
                if alt.is_empty() {
                    problems.push(msg!("config-logo-alt", path = path.display().to_string()));
                }
                Some((InputPath::resolve(root, path), alt.to_string()))
            }
        };
        if problems.is_empty() {
            Ok(Branding { colour, logo })
        } else {
            Err(problems)
        }
    }
}

/// `#RRGGBB` or `#RGB` (the `#` optional) as its three channels.
fn parse_hex(written: &str) -> Option<[u8; 3]> {
    let hex = written.trim().trim_start_matches('#');
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match hex.len() {
        6 => Some([
            channel(&hex[0..2])?,
            channel(&hex[2..4])?,
            channel(&hex[4..6])?,
        ]),
        3 => {
            let double = |i: usize| channel(&hex[i..=i].repeat(2));
            Some([double(0)?, double(1)?, double(2)?])
        }
        _ => None,
    }
}

/// The WCAG 2 contrast ratio of a colour against white (1:1 to 21:1).
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    1.05 / (l + 0.05)
}

/// `[texts]` as a catalogue override (the format of a project's
/// `templates/texts.toml`): each entry is a text for the report's language `lang`,
/// or `{ fr = "…", en = "…" }`. Markup entries are escaped (see the module).
pub(super) fn texts_override(table: &toml::Table, lang: Lang) -> Result<String, Vec<Message>> {
    let mut leaves = Vec::new();
    let mut problems = Vec::new();
    walk(table, "", lang, &mut leaves, &mut problems);
    let builtin = catalogue::builtin();
    let mut root = toml::Table::new();
    for (key, words) in leaves {
        if !builtin.contains(&key) {
            let close = did_you_mean(&key, builtin.keys());
            problems.push(match close {
                Some(close) => msg!("config-texts-unknown-close", key = &key, close = close),
                None => msg!("config-texts-unknown", key = &key),
            });
            continue;
        }
        let mut entry = toml::Table::new();
        for (slot, text) in words {
            let text = if catalogue::is_markup(&key) {
                let allowed = placeholders(builtin.get(&key, slot));
                for name in placeholders(&text) {
                    if !allowed.contains(&name) {
                        let valid = allowed.iter().map(|n| format!("#{n}")).collect::<Vec<_>>();
                        problems.push(msg!(
                            "config-texts-placeholder",
                            key = &key,
                            name = format!("#{name}"),
                            valid = valid.join(", ")
                        ));
                    }
                }
                as_markup(&text)
            } else {
                text
            };
            entry.insert(slot.code().into(), toml::Value::String(text));
        }
        catalogue::insert(&mut root, &key, entry);
    }
    if problems.is_empty() {
        Ok(toml::to_string(&root).unwrap_or_default())
    } else {
        Err(problems)
    }
}

/// The catalogue with the project's `[texts]`, its years not filled in.
pub(super) fn words(source: Option<&str>) -> Result<Texts, String> {
    match source {
        Some(source) => catalogue::builtin().with_override(source),
        None => Ok(catalogue::builtin().clone()),
    }
}

type Leaf = (String, Vec<(Lang, String)>);

/// The entries of `table`; a text written once is the report language's.
fn walk(
    table: &toml::Table,
    prefix: &str,
    lang: Lang,
    out: &mut Vec<Leaf>,
    problems: &mut Vec<Message>,
) {
    for (name, value) in table {
        let key = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        match value {
            toml::Value::String(text) => out.push((key, vec![(lang, text.clone())])),
            toml::Value::Table(inner) if inner.keys().all(|k| Lang::from_code(k).is_some()) => {
                let mut words = Vec::new();
                for (code, text) in inner {
                    match (Lang::from_code(code), text) {
                        (Some(lang), toml::Value::String(text)) => words.push((lang, text.clone())),
                        _ => problems.push(msg!("config-texts-not-text", key = &key)),
                    }
                }
                out.push((key, words));
            }
            toml::Value::Table(inner) => walk(inner, &key, lang, out, problems),
            _ => problems.push(msg!("config-texts-not-text", key = &key)),
        }
    }
}

/// The names of the values a markup text inserts (`#date`, `#n`…), `#if` aside.
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find('#') {
        rest = &rest[at + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if name.starts_with(|c: char| c.is_alphabetic()) && name != "if" {
            names.insert(name);
        }
    }
    names.extend(["n".to_string(), "pl".to_string()]);
    names
}

/// `text` as Typst markup that prints it as written, but for `*bold*`, `~` and the
/// values inserted with `#name` or `#name(…)`.
fn as_markup(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // The years the catalogue fills in later.
        if c == '{'
            && let Some(year) = ["{edition}", "{next-edition}"].into_iter().find(|y| {
                chars[i..]
                    .iter()
                    .take(y.chars().count())
                    .copied()
                    .eq(y.chars())
            })
        {
            out.push_str(year);
            i += year.chars().count();
            continue;
        }
        if c == '#' && chars.get(i + 1).is_some_and(|c| c.is_alphabetic()) {
            let start = i;
            i += 1;
            while chars
                .get(i)
                .is_some_and(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
            {
                i += 1;
            }
            if chars.get(i) == Some(&'(') {
                i = after_call(&chars, i);
            }
            out.extend(&chars[start..i]);
            continue;
        }
        if matches!(
            c,
            '\\' | '_' | '`' | '$' | '<' | '>' | '@' | '[' | ']' | '#' | '/' | '=' | '-' | '+'
        ) {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The position after the call's arguments opened at `open` (strings skipped).
fn after_call(chars: &[char], open: usize) -> usize {
    let mut depth = 0;
    let mut in_string = false;
    let mut i = open;
    while i < chars.len() {
        match (chars[i], in_string) {
            ('"', _) => in_string = !in_string,
            ('\\', true) => i += 1,
            ('(', false) => depth += 1,
            (')', false) => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    chars.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 1e-9);
        assert!((contrast_with_white([255, 255, 255]) - 1.0).abs() < 1e-9);
        // The built-in accent, #1F4E79: 8.7:1.
        let ratio = contrast_with_white([0x1F, 0x4E, 0x79]);
        assert!((8.6..8.8).contains(&ratio), "{ratio}");
        // #777777 is the classic just-too-light grey: 4.48:1.
        assert!(contrast_with_white([0x77, 0x77, 0x77]) < MIN_CONTRAST);
        assert_eq!(parse_hex("#2e7d32"), Some([0x2E, 0x7D, 0x32]));
        assert_eq!(parse_hex("fff"), Some([255, 255, 255]));
        assert_eq!(parse_hex("vert"), None);
        assert_eq!(parse_hex("#12345"), None);
    }

    fn branding_problems(toml: &str) -> Vec<&'static str> {
        let raw: RawBranding = toml::from_str(toml).unwrap();
        match raw.resolve(Path::new("/p")) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().map(|m| m.id).collect(),
        }
    }

    #[test]
    fn branding_is_checked_key_by_key() {
        let raw: RawBranding =
            toml::from_str("colour = \"#2e7d32\"\nlogo = \"img/logo.PNG\"\nlogo_alt = \" Ville \"")
                .unwrap();
        let branding = raw.resolve(Path::new("/p")).unwrap();
        assert_eq!(branding.colour.as_deref(), Some("#2E7D32"));
        let (logo, alt) = branding.logo.unwrap();
        assert_eq!(logo.path, Path::new("/p/img/logo.PNG"));
        assert_eq!(alt, "Ville");
        assert_eq!(
            branding_problems("colour = \"vert\""),
            ["config-colour-form"]
        );
        assert_eq!(
            branding_problems("colour = \"#777777\""),
            ["config-colour-contrast"]
        );
        assert_eq!(
            branding_problems("logo = \"logo.jpg\"\nlogo_alt = \"x\""),
            ["config-logo-kind"]
        );
        assert_eq!(
            branding_problems("logo = \"logo.svg\""),
            ["config-logo-alt"]
        );
        assert_eq!(
            branding_problems("logo = \"../logo.svg\"\nlogo_alt = \"x\""),
            ["config-logo-outside"]
        );
        assert_eq!(
            branding_problems("logo_alt = \"x\""),
            ["config-logo-alt-alone"]
        );
        let message = msg!(
            "config-colour-contrast",
            value = "#777777",
            ratio_fr = "4,47",
            ratio = "4.47"
        );
        assert!(message.render(Lang::Fr).contains("contraste de 4,47:1"));
        assert!(message.render(Lang::En).contains("contrast of only 4.47:1"));
    }

    #[test]
    fn a_text_written_once_is_the_report_languages() {
        let table: toml::Table = "[ui]\nnote-kind = \"Briefing\"\n".parse().unwrap();
        let source = texts_override(&table, Lang::En).unwrap();
        let texts = words(Some(&source)).unwrap().for_edition(2025);
        assert_eq!(texts.get("ui.note-kind", Lang::En), "Briefing");
        assert_eq!(
            texts.get("ui.note-kind", Lang::Fr),
            catalogue::builtin().get("ui.note-kind", Lang::Fr)
        );
        let wrong: toml::Table = "[ui]\nnote-kind = 3\n".parse().unwrap();
        let problems = texts_override(&wrong, Lang::Fr).unwrap_err();
        assert_eq!(problems[0].id, "config-texts-not-text");
    }

    #[test]
    fn user_words_are_data_but_for_bold_and_values() {
        assert_eq!(
            as_markup("Écrire à contact@villeneuve.fr <ici> https://x.fr [1] #2 _a_"),
            "Écrire à contact\\@villeneuve.fr \\<ici\\> https:\\/\\/x.fr \\[1\\] \\#2 \\_a\\_"
        );
        assert_eq!(
            as_markup("*Porter* #pl(count, \"la (une)\", \"les \" + n(count)) (#ids)."),
            "*Porter* #pl(count, \"la (une)\", \"les \" + n(count)) (#ids)."
        );
        assert_eq!(
            as_markup("en {next-edition}, pas en {edition} ni {autre}"),
            "en {next-edition}, pas en {edition} ni {autre}"
        );
        let names = placeholders("#if date != none [le #date]#n(x) #owner");
        assert!(names.contains("date") && names.contains("owner") && !names.contains("if"));
    }

    #[test]
    fn texts_name_unknown_keys_and_values() {
        let table: toml::Table = "[status]\naccepted = \"adoptée\"\naccepte = \"x\"\n\
             [note]\nstep-inform = \"Informer #qui\"\n"
            .parse()
            .unwrap();
        let problems = texts_override(&table, Lang::Fr).unwrap_err();
        let ids: Vec<&str> = problems.iter().map(|m| m.id).collect();
        assert_eq!(
            ids,
            // In key order: `note…` before `status…`.
            ["config-texts-placeholder", "config-texts-unknown-close"]
        );
        let ok: toml::Table = "[status]\naccepted = { fr = \"adoptée\", en = \"adopted\" }\n\
             [note]\nstep-inform = \"*Écrire* à a@b.fr le #date\"\n"
            .parse()
            .unwrap();
        let source = texts_override(&ok, Lang::Fr).unwrap();
        let texts = words(Some(&source)).unwrap().for_edition(2025);
        assert_eq!(texts.get("status.accepted", Lang::En), "adopted");
        assert_eq!(
            texts.get("note.step-inform", Lang::Fr),
            "*Écrire* à a\\@b.fr le #date"
        );
    }
}
