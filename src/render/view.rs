//! `/view.json`: what the templates need beyond the statistics, already shaped
//! for them, so that they neither fold theme names nor pick labels themselves.
//!
//! Owns the proposals grouped by theme (in the report's theme order, grouped the
//! way the statistics grouped them, with [`crate::text::fold`]) and the session
//! date as the derived answer lines write it. Words come from
//! the catalogue the templates read (`texts.toml`), not from here. It adds
//! nothing to `data.json`, which stays the statistics alone.

use serde::Serialize;

use crate::config::Config;
use crate::format;
use crate::stats::Stats;
use crate::text::fold;

/// The data a template reads as `/view.json`.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    /// The session date without its weekday (« 15 novembre 2025 »), for the
    /// answer lines derived from a status; none when the config gives no
    /// `session_date`.
    pub session_date_text: Option<String>,
    /// One entry per theme of `proposals.by_theme`, in the same order.
    pub themes: Vec<ThemeItems<'a>>,
    /// Positions in `proposals.items` of proposals whose theme matches none of
    /// `themes` (none, as the statistics group every proposal; listed so that a
    /// template never drops one).
    pub orphans: Vec<usize>,
    /// The project's `[branding]`: accent colour and logo.
    pub branding: ViewBranding,
}

/// `[branding]` of `bilan.toml` as the templates read it.
#[derive(Debug, Default, Serialize)]
pub struct ViewBranding {
    /// The accent colour, `#RRGGBB`; none: the template's own.
    pub colour: Option<String>,
    /// The logo's path in the project folder, from its root (`/images/logo.svg`).
    pub logo: Option<String>,
    /// The logo's alternative text.
    pub logo_alt: Option<String>,
}

/// The branding of `config` for the templates.
pub fn branding(config: &Config) -> ViewBranding {
    let (logo, logo_alt) = match &config.branding.logo {
        Some((path, alt)) => {
            let inside = path.path.strip_prefix(&config.root).unwrap_or(&path.path);
            let parts: Vec<String> = inside
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            (Some(format!("/{}", parts.join("/"))), Some(alt.clone()))
        }
        None => (None, None),
    };
    ViewBranding {
        colour: config.branding.colour.clone(),
        logo,
        logo_alt,
    }
}

/// A theme and its proposals.
#[derive(Debug, Serialize)]
pub struct ThemeItems<'a> {
    /// The theme as `proposals.by_theme[].theme` writes it.
    pub theme: &'a str,
    /// Positions in `proposals.items` (0-based), in register order.
    pub items: Vec<usize>,
}

/// The view of `stats`; `session_date_text` is [`session_date_text`]'s.
pub fn view(stats: &Stats, session_date_text: Option<String>, branding: ViewBranding) -> View<'_> {
    let p = &stats.proposals;
    let keys: Vec<String> = p.by_theme.iter().map(|t| fold(&t.theme)).collect();
    let mut themes: Vec<ThemeItems> = p
        .by_theme
        .iter()
        .map(|t| ThemeItems {
            theme: &t.theme,
            items: Vec::new(),
        })
        .collect();
    let mut orphans = Vec::new();
    for (i, item) in p.items.iter().enumerate() {
        let key = fold(&item.theme);
        match keys.iter().position(|k| *k == key) {
            Some(at) => themes[at].items.push(i),
            None => orphans.push(i),
        }
    }
    View {
        session_date_text,
        themes,
        orphans,
        branding,
    }
}

/// The session date as the derived answer lines write it: « 15 novembre 2025 »,
/// “15 November 2025”; none without a `session_date` (the edition's last day,
/// which the documents otherwise show, is no session).
pub fn session_date_text(config: &Config) -> Option<String> {
    config
        .session_date
        .map(|date| format::short_date(date, config.lang))
}
