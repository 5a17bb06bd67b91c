//! What commands print on the terminal: the `bilan stats` table and CSV, and the
//! closing line of a build.

use std::io::{self, Write};

use bilan::config::Lang;
use bilan::layout;
use bilan::msg;
use bilan::pipeline::DocumentCount;
use bilan::stats::Stats;

/// `note-executif.pdf, 20 fact sheets, synthese.xlsx, data.json, manifest.json`: the
/// files of an edition whose documents are in `lang`, said in `ui`.
pub fn summary(count: DocumentCount, workbook: bool, lang: Lang, ui: Lang) -> String {
    let mut parts = Vec::new();
    if count.notes > 0 {
        parts.push(layout::note_file_name(lang).to_string());
    }
    if count.fiches > 0 {
        parts.push(msg!("summary-fiches", count = count.fiches).render(ui));
    }
    if workbook {
        parts.push(layout::workbook(lang).to_string());
    }
    parts.push(layout::data_json(lang).to_string());
    parts.push(layout::manifest(lang).to_string());
    parts.join(", ")
}

/// Writes rows as aligned columns; the first row is the header, numbers right-aligned.
fn write_aligned(out: &mut impl Write, rows: &[Vec<String>]) -> io::Result<()> {
    write_aligned_with(out, rows, &[])
}

/// [`write_aligned`], the columns `text` left-aligned whatever they hold (a list of
/// counts per value begins with a digit but reads from the left).
fn write_aligned_with(
    out: &mut impl Write,
    rows: &[Vec<String>],
    text: &[usize],
) -> io::Result<()> {
    let width = |s: &str| s.chars().count();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (i, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = widths[c].saturating_sub(width(cell));
            let numeric = i > 0
                && !text.contains(&c)
                && cell
                    .chars()
                    .next()
                    .is_some_and(|ch| ch.is_ascii_digit() || ch == '+' || ch == '-');
            if c > 0 {
                line.push_str("  ");
            }
            if numeric {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if c + 1 < row.len() {
                    line.push_str(&" ".repeat(pad));
                }
            }
        }
        writeln!(out, "{}", line.trim_end())?;
        if i == 0 {
            let rule: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
            writeln!(out, "{}", "─".repeat(rule))?;
        }
    }
    Ok(())
}

/// Terminals show the narrow no-break space poorly; tables use plain spaces.
fn plain(s: &str) -> String {
    s.replace(['\u{202f}', '\u{a0}'], " ")
}

/// The statistics as aligned tables, labelled in the report language.
pub fn write_table(out: &mut impl Write, stats: &Stats, lang: Lang) -> io::Result<()> {
    let fr = lang == Lang::Fr;
    let p = &stats.proposals;
    writeln!(
        out,
        "{} — {} {}",
        stats.report.title,
        if fr { "édition" } else { "edition" },
        stats.report.edition
    )?;
    writeln!(out)?;
    let mut rows = vec![vec![
        if fr { "Statut" } else { "Status" }.to_string(),
        if fr { "Nombre" } else { "Count" }.to_string(),
        if fr { "Part" } else { "Share" }.to_string(),
    ]];
    for s in &p.statuses {
        rows.push(vec![
            s.label.to_string(),
            s.count.to_string(),
            plain(&s.share_text),
        ]);
    }
    rows.push(vec![
        "Total".to_string(),
        p.total.to_string(),
        String::new(),
    ]);
    write_aligned(out, &rows)?;
    writeln!(out)?;

    let mut rows = vec![vec![
        if fr { "Groupe" } else { "Group" }.to_string(),
        if fr { "Nombre" } else { "Count" }.to_string(),
        if fr { "Part" } else { "Share" }.to_string(),
    ]];
    for g in &p.groups {
        rows.push(vec![
            g.label.to_string(),
            g.count.to_string(),
            plain(&g.share_text),
        ]);
    }
    write_aligned(out, &rows)?;
    writeln!(out)?;

    // The group of retained proposals in the documents' words (texts.toml
    // `status_group`, or the project's own [texts]).
    let retained = p
        .groups
        .iter()
        .find(|g| g.code == "retained")
        .map(|g| g.label.clone())
        .unwrap_or_else(|| {
            bilan::catalogue::builtin()
                .get("status_group.retained", lang)
                .to_string()
        });
    let mut rows = vec![vec![
        if fr { "Thème" } else { "Theme" }.to_string(),
        "Total".to_string(),
        capitalised(&retained),
        format!("% {retained}"),
    ]];
    for t in &p.by_theme {
        rows.push(vec![
            t.theme.clone(),
            t.total.to_string(),
            t.retained.to_string(),
            plain(&t.retained_share_text),
        ]);
    }
    write_aligned(out, &rows)?;

    if !stats.statements.is_empty() {
        writeln!(out)?;
        let mut rows = vec![vec![
            "#".to_string(),
            if fr { "Affirmation" } else { "Statement" }.to_string(),
            "n".to_string(),
            if fr { "Sans avis" } else { "No answer" }.to_string(),
            if fr { "D'accord" } else { "Agree" }.to_string(),
            if fr { "IC 95 %" } else { "95% CI" }.to_string(),
        ]];
        for s in &stats.statements {
            rows.push(vec![
                s.index.to_string(),
                plain(&shortened(&s.text)),
                s.n.to_string(),
                s.non_answers.to_string(),
                plain(&s.agree.text),
                plain(&s.agree.interval_text),
            ]);
        }
        write_aligned(out, &rows)?;
    }
    if let Some(note) = &stats.survey.suppression_note {
        writeln!(out, "\n{}", plain(note))?;
    }
    write_ratings(out, stats, fr)?;
    Ok(())
}

/// The numeric ratings (n, median, count per value) and the yes/no questions (share
/// of yes with its interval) of the surveys, when they have some.
fn write_ratings(out: &mut impl Write, stats: &Stats, fr: bool) -> io::Result<()> {
    if !stats.survey.ratings.is_empty() {
        writeln!(out)?;
        let mut rows = vec![vec![
            if fr { "Note" } else { "Rating" }.to_string(),
            "n".to_string(),
            if fr { "Sans avis" } else { "No answer" }.to_string(),
            if fr { "Médiane" } else { "Median" }.to_string(),
            if fr {
                "Répartition (valeur : nombre)"
            } else {
                "Distribution (value: count)"
            }
            .to_string(),
        ]];
        for r in &stats.survey.ratings {
            rows.push(vec![
                plain(&question(&r.text)),
                r.n.to_string(),
                r.non_answers.to_string(),
                plain(&r.median_text),
                plain(&r.distribution_text),
            ]);
        }
        write_aligned_with(out, &rows, &[4])?;
    }
    if !stats.survey.yes_no.is_empty() {
        writeln!(out)?;
        let mut rows = vec![vec![
            if fr { "Oui / non" } else { "Yes / no" }.to_string(),
            "n".to_string(),
            if fr { "Oui" } else { "Yes" }.to_string(),
            if fr { "Sans avis" } else { "No answer" }.to_string(),
            if fr { "Part de oui" } else { "Share yes" }.to_string(),
            if fr { "IC 95 %" } else { "95% CI" }.to_string(),
        ]];
        for y in &stats.survey.yes_no {
            rows.push(vec![
                plain(&question(&y.text)),
                y.n.to_string(),
                y.yes.to_string(),
                y.non_answers.to_string(),
                plain(&y.yes_share.text),
                plain(&y.yes_share.interval_text),
            ]);
        }
        write_aligned(out, &rows)?;
    }
    Ok(())
}

/// A question's text cut to 60 characters, for a table that fits a terminal.
fn shortened(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > 60 {
        text.chars().take(59).collect::<String>() + "…"
    } else {
        text
    }
}

/// A question's header cut in its middle to 60 characters: a grid's rows share the
/// question's beginning, and differ by their code and their row at the ends
/// (`ActPri[SQ010]. In the hour… [Work or study]`).
fn question(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > 60 {
        let head: String = chars[..30].iter().collect();
        let tail: String = chars[chars.len() - 29..].iter().collect();
        format!("{}…{}", head.trim_end(), tail.trim_start())
    } else {
        text
    }
}

/// `taken up` → `Taken up`.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One CSV row per figure: `section,key,subkey,value`.
pub fn write_csv(out: &mut impl Write, stats: &Stats) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut row = |a: &str, b: &str, c: &str, d: String| w.write_record([a, b, c, &d]);
    row("section", "key", "subkey", "value".to_string())?;
    let p = &stats.proposals;
    row("proposals", "total", "", p.total.to_string())?;
    row("proposals", "counted", "", p.counted.to_string())?;
    for s in &p.statuses {
        row("status", s.code, "count", s.count.to_string())?;
        row("status", s.code, "share", s.share.to_string())?;
    }
    for g in &p.groups {
        row("group", g.code, "count", g.count.to_string())?;
        row("group", g.code, "share", g.share.to_string())?;
    }
    for t in &p.by_theme {
        for (code, count) in &t.by_status {
            row("theme", &t.theme, code, count.to_string())?;
        }
    }
    for s in &stats.statements {
        let key = s.index.to_string();
        row("statement", &key, "text", s.text.clone())?;
        row("statement", &key, "n", s.n.to_string())?;
        row("statement", &key, "non_answers", s.non_answers.to_string())?;
        for (code, count) in &s.counts {
            row("statement", &key, code, count.to_string())?;
        }
        row("statement", &key, "agree_share", s.agree.share.to_string())?;
        row("statement", &key, "agree_low", s.agree.low.to_string())?;
        row("statement", &key, "agree_high", s.agree.high.to_string())?;
        row(
            "statement",
            &key,
            "net_agreement",
            s.net_agreement.to_string(),
        )?;
    }
    for g in &stats.suggestions.groups {
        for c in &g.categories {
            row(
                "suggestions",
                &g.group,
                c.category.as_deref().unwrap_or(""),
                c.count.to_string(),
            )?;
        }
    }
    w.flush()
}
