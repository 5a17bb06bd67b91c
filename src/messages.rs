//! The message catalogue of everything bilan says to a person on the terminal:
//! diagnostics, their hints, and the commands' own lines. Messages are [Project
//! Fluent](https://projectfluent.org) files in `locales/<lang>/`, compiled into the
//! binary; a [`Message`] is an id and its arguments, rendered in a language by a
//! [`Catalog`] when it is printed. Plurals follow each language's rules (`1 erreur`,
//! `2 erreurs`; `1 error`, `2 errors`).
//!
//! Codes (`unknown-status`) stay English and stable in every language; only the text
//! is translated. The documents' own words are not here: they live in the templates'
//! text catalogue.

use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::lang::Lang;

/// The Fluent files of each language; every id must be in all of them (tested).
const SOURCES: [(Lang, &[(&str, &str)]); 2] = [
    (
        Lang::En,
        &[
            ("cli.ftl", include_str!("../locales/en/cli.ftl")),
            (
                "diagnostics.ftl",
                include_str!("../locales/en/diagnostics.ftl"),
            ),
            ("survey.ftl", include_str!("../locales/en/survey.ftl")),
            ("config.ftl", include_str!("../locales/en/config.ftl")),
            ("decidim.ftl", include_str!("../locales/en/decidim.ftl")),
            ("fonts.ftl", include_str!("../locales/en/fonts.ftl")),
            ("custom.ftl", include_str!("../locales/en/custom.ftl")),
        ],
    ),
    (
        Lang::Fr,
        &[
            ("cli.ftl", include_str!("../locales/fr/cli.ftl")),
            (
                "diagnostics.ftl",
                include_str!("../locales/fr/diagnostics.ftl"),
            ),
            ("survey.ftl", include_str!("../locales/fr/survey.ftl")),
            ("config.ftl", include_str!("../locales/fr/config.ftl")),
            ("decidim.ftl", include_str!("../locales/fr/decidim.ftl")),
            ("fonts.ftl", include_str!("../locales/fr/fonts.ftl")),
            ("custom.ftl", include_str!("../locales/fr/custom.ftl")),
        ],
    ),
];

/// A value a message is given.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
    /// A message of its own, rendered in the same language.
    Message(Message),
}

impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Message(m)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(s: Cow<'_, str>) -> Self {
        Arg::Text(s.into_owned())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64, f64);

/// A message to show a person: its id in the catalogue and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// The message with argument `name` set to `value`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        catalog(lang).format(self)
    }
}

impl fmt::Display for Message {
    /// The message in English (logs, tests); a command prints it in the user's language
    /// with [`Message::render`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Text not yet in the catalogue, shown as it is in every language.
impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::new("raw").arg("text", text)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::new("raw").arg("text", text)
    }
}

/// `msg!("unknown-status", label = text)`: a [`Message`] with named arguments.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Message::new($id)$(.arg(stringify!($name), $value))*
    };
}

/// The messages of one language.
pub struct Catalog {
    bundle: FluentBundle<FluentResource>,
}

impl Catalog {
    fn new(lang: Lang) -> Catalog {
        let id = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Terminals and JSON consumers show the isolation marks as stray characters.
        bundle.set_use_isolating(false);
        for (lang_, files) in SOURCES {
            if lang_ != lang {
                continue;
            }
            for (_, text) in files {
                // A syntax error is caught by the tests; at run time the valid entries of
                // the file are still used.
                let resource = FluentResource::try_new(text.to_string())
                    .unwrap_or_else(|(partial, _)| partial);
                let _ = bundle.add_resource(resource);
            }
        }
        Catalog { bundle }
    }

    /// `message` in this catalogue's language; its id itself when it is missing, so
    /// that nothing is ever hidden.
    pub fn format(&self, message: &Message) -> String {
        let Some(pattern) = self.bundle.get_message(message.id).and_then(|m| m.value()) else {
            return message.id.to_string();
        };
        let mut args = FluentArgs::new();
        for (name, value) in &message.args {
            match value {
                Arg::Text(s) => args.set(*name, FluentValue::from(s.as_str())),
                Arg::Number(n) => args.set(*name, FluentValue::from(*n)),
                Arg::Message(m) => args.set(*name, FluentValue::from(self.format(m))),
            }
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&args), &mut errors)
            .into_owned()
    }
}

static CATALOGS: LazyLock<[Catalog; 2]> =
    LazyLock::new(|| [Catalog::new(Lang::Fr), Catalog::new(Lang::En)]);

/// The catalogue of `lang`, built once.
pub fn catalog(lang: Lang) -> &'static Catalog {
    match lang {
        Lang::Fr => &CATALOGS[0],
        Lang::En => &CATALOGS[1],
    }
}

/// The language of messages for a POSIX locale value (`fr_FR.UTF-8`, `fr`, `C`):
/// French for any French locale, else English.
pub fn lang_of_locale(value: &str) -> Lang {
    let language = value.split(['_', '.', '@', '-']).next().unwrap_or("");
    if language.eq_ignore_ascii_case("fr") {
        Lang::Fr
    } else {
        Lang::En
    }
}

/// The language of messages from the environment, as gettext chooses it: the first
/// of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty.
pub fn lang_from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| var(name))
        .find(|value| !value.is_empty())
        .map(|value| lang_of_locale(&value))
        .unwrap_or(Lang::En)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn ids(text: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, errors)| panic!("syntax errors: {errors:?}"));
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_language_has_every_message_and_parses() {
        let [(_, en), (_, fr)] = SOURCES;
        for ((name, en_text), (fr_name, fr_text)) in en.iter().zip(fr.iter()) {
            assert_eq!(name, fr_name);
            let (en_ids, fr_ids) = (ids(en_text), ids(fr_text));
            assert!(!en_ids.is_empty(), "{name} is empty");
            assert_eq!(
                en_ids.symmetric_difference(&fr_ids).collect::<Vec<_>>(),
                Vec::<&String>::new(),
                "{name}: ids in one language only"
            );
        }
    }

    /// Every id the code names with `msg!` is in the catalogue of every language: a
    /// missing one would print its bare id.
    #[test]
    fn every_message_the_code_uses_exists() {
        let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        let mut used = BTreeSet::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("read src") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("read source");
                for (at, _) in text.match_indices("msg!(") {
                    let rest = text[at + 5..].trim_start();
                    if let Some(id) = rest.strip_prefix('"').and_then(|r| r.split('"').next())
                        && !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    {
                        used.insert(id.to_string());
                    }
                }
            }
        }
        assert!(used.len() > 20, "found only {} ids", used.len());
        used.remove("no-such-message");
        for lang in Lang::ALL {
            for id in &used {
                assert!(
                    catalog(lang).bundle.get_message(id).is_some(),
                    "message {id:?} is missing in {lang}"
                );
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let m = |n: usize| {
            msg!(
                "closing-check",
                proposals = n,
                errors = n,
                warnings = 0usize
            )
        };
        assert_eq!(
            m(1).render(Lang::En),
            "checked 1 proposal: 1 error, 0 warnings"
        );
        assert_eq!(
            m(2).render(Lang::Fr),
            "2 propositions vérifiées : 2 erreurs, 0 avertissement"
        );
        assert_eq!(
            m(1).render(Lang::Fr),
            "1 proposition vérifiée : 1 erreur, 0 avertissement"
        );
    }

    #[test]
    fn a_missing_message_shows_its_id() {
        assert_eq!(
            Message::new("no-such-message").render(Lang::Fr),
            "no-such-message"
        );
    }

    #[test]
    fn locale_picks_the_language_as_gettext_does() {
        assert_eq!(lang_of_locale("fr_FR.UTF-8"), Lang::Fr);
        assert_eq!(lang_of_locale("fr"), Lang::Fr);
        assert_eq!(lang_of_locale("fr_CA@euro"), Lang::Fr);
        assert_eq!(lang_of_locale("C"), Lang::En);
        assert_eq!(lang_of_locale("en_GB.UTF-8"), Lang::En);
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(lang_from_env(env(&[("LANG", "fr_FR.UTF-8")])), Lang::Fr);
        assert_eq!(
            lang_from_env(env(&[("LANG", "fr_FR.UTF-8"), ("LC_ALL", "C")])),
            Lang::En
        );
        assert_eq!(
            lang_from_env(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "fr_BE"),
                ("LANG", "C")
            ])),
            Lang::Fr
        );
        assert_eq!(lang_from_env(env(&[])), Lang::En);
    }
}
