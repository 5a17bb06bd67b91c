//! Problems found in the inputs, collected rather than thrown: every stage pushes
//! what it finds into a [`Diagnostics`] list, and the command decides the exit
//! status once everything has been read.

use std::fmt::{self, Write as _};
use std::io::{self, Write};

use serde::Serialize;

use crate::lang::Lang;
use crate::messages::Message;
use crate::msg;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// What an error stops, which decides the exit status of the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// The input data is wrong (exit 1).
    Data,
    /// A template failed (exit 3).
    Template,
    /// An input could not be read at all (exit 4).
    Io,
}

/// Declares [`Code`]: each variant with its stable English name and its class.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $class:ident;)*) => {
        /// Every kind of problem bilan reports, by a stable English name that JSON
        /// diagnostics carry in every language (`unknown-status`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable name: `unknown-status`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// What an error of this code stops.
            pub fn class(self) -> Class {
                match self {
                    $(Code::$variant => Class::$class,)*
                }
            }
        }
    };
}

codes! {
    /// An input file does not exist.
    MissingFile = "missing-file", Io;
    /// An input file exists but cannot be read (permissions, a folder…).
    UnreadableFile = "unreadable-file", Io;
    /// A file, or a sheet, holds no data.
    EmptyFile = "empty-file", Data;
    /// A file is not of a format bilan reads (or is damaged).
    NotASpreadsheet = "not-a-spreadsheet", Data;
    /// No sheet holds what is looked for.
    NoSheet = "no-sheet", Data;
    /// A file is beyond the sizes bilan reads.
    TooLarge = "too-large", Data;
    /// Text in an encoding that cannot be decoded.
    BadEncoding = "bad-encoding", Data;
    /// A required column is missing.
    MissingColumn = "missing-column", Data;
    /// A required cell is empty.
    EmptyCell = "empty-cell", Data;
    /// A cell is longer than bilan keeps.
    CellTooLong = "cell-too-long", Data;
    /// A cell holds a spreadsheet error (`#REF!`).
    FormulaError = "formula-error", Data;
    /// A status that is none of the known wordings.
    UnknownStatus = "unknown-status", Data;
    /// Two proposals with the same id.
    DuplicateId = "duplicate-id", Data;
    /// A due date that cannot be read.
    BadDate = "bad-date", Data;
    /// A progress that cannot be read.
    BadProgress = "bad-progress", Data;
    /// A number that cannot be read.
    BadNumber = "bad-number", Data;
    /// A proposal whose status calls for a written answer has none.
    MissingAnswer = "missing-answer", Data;
    /// A survey answer that fits no scale.
    UnknownAnswer = "unknown-answer", Data;
    /// A survey column of free text, left aside.
    FreeTextColumn = "free-text-column", Data;
    /// What an input holds that the report does not count or show, set aside: survey
    /// columns that are not agreement statements (ratings, yes/no, scales of more than
    /// five points, values of no known kind), Decidim amendments and unpublished
    /// answers; an error when it cannot be told.
    LeftAside = "left-aside", Data;
    /// Survey columns of plain numbers 1–5, read as agreement levels.
    NumbersAsAgreement = "numbers-as-agreement", Data;
    /// An input is open in a spreadsheet program (its lock file is beside it): its
    /// unsaved changes are not read.
    OpenElsewhere = "open-elsewhere", Data;
    /// A text of the data holds a character no loaded font has (shown as U+FFFD).
    MissingGlyph = "missing-glyph", Data;
    /// Less than half of the proposals of either edition match across the previous
    /// edition and this one (another numbering, another register).
    FewMatches = "few-matches", Data;
    /// A template failed to compile.
    Template = "template", Template;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub file: String,
    pub sheet: Option<String>,
    /// The row number the user sees in their spreadsheet (1-based, title rows counted).
    pub row: Option<usize>,
    /// The column's header as written in the file (or its letter when it has none).
    pub column: Option<String>,
    /// Line and column (1-based) in a text file: a template.
    pub position: Option<(usize, usize)>,
    pub message: Message,
    pub hint: Option<Message>,
    /// How many problems this diagnostic stands for: 1, or the number of problems a
    /// summary sums up ("12 more cells are too long").
    pub occurrences: usize,
}

impl Diagnostic {
    pub fn error(code: Code, file: impl Into<String>, message: impl Into<Message>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            sheet: None,
            row: None,
            column: None,
            position: None,
            message: message.into(),
            hint: None,
            occurrences: 1,
        }
    }

    pub fn warning(code: Code, file: impl Into<String>, message: impl Into<Message>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn sheet(mut self, sheet: Option<impl Into<String>>) -> Self {
        self.sheet = sheet.map(Into::into);
        self
    }

    pub fn row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }

    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    /// The line and column (1-based) of a text file (a template) the problem is at.
    pub fn position(mut self, line: usize, column: usize) -> Self {
        self.position = Some((line, column));
        self
    }

    pub fn hint(mut self, hint: impl Into<Message>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The diagnostic standing for `n` problems of its kind (a summary).
    pub fn occurrences(mut self, n: usize) -> Self {
        self.occurrences = n;
        self
    }

    /// The message in English (tests, logs).
    pub fn text(&self) -> String {
        self.message.to_string()
    }

    /// The hint in English (tests, logs).
    pub fn hint_text(&self) -> Option<String> {
        self.hint.as_ref().map(|h| h.to_string())
    }

    /// `error[unknown-status]: inputs/x.xlsx: sheet "Propositions", row 14, column
    /// "Statut": unknown status …` and its hint, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        let severity = match self.severity {
            Severity::Error => msg!("severity-error"),
            Severity::Warning => msg!("severity-warning"),
        };
        let _ = write!(
            out,
            "{}[{}]: {}",
            severity.render(lang),
            self.code,
            self.file
        );
        if let Some((line, column)) = self.position {
            let _ = write!(out, ":{line}:{column}");
        }
        let mut place = Vec::new();
        if let Some(sheet) = &self.sheet {
            place.push(msg!("place-sheet", name = sheet.as_str()).render(lang));
        }
        if let Some(row) = self.row {
            place.push(msg!("place-row", row = row.to_string()).render(lang));
        }
        if let Some(column) = &self.column {
            place.push(msg!("place-column", name = column.as_str()).render(lang));
        }
        if !place.is_empty() {
            let _ = write!(out, ": {}", place.join(", "));
        }
        let _ = write!(out, ": {}", self.message.render(lang));
        if let Some(hint) = &self.hint {
            let _ = write!(
                out,
                "\n  = {}: {}",
                msg!("hint").render(lang),
                hint.render(lang)
            );
        }
        out
    }

    /// The diagnostic as one JSON object: the code stays English, the texts are in
    /// `lang`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "line": self.position.map(|(line, _)| line),
            "column": match self.position {
                Some((_, column)) => serde_json::json!(column),
                None => serde_json::json!(self.column),
            },
            "message": self.message.render(lang),
            "hint": self.hint.as_ref().map(|h| h.render(lang)),
        })
    }
}

impl fmt::Display for Diagnostic {
    /// In English; commands print [`Diagnostic::render`] in the user's language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DiagnosticFormat {
    #[default]
    Human,
    /// One JSON object per line.
    Json,
}

/// Every problem found so far, in the order found.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// How many problems of `severity` were found, those a summary stands for included.
    pub fn count(&self, severity: Severity) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == severity)
            .map(|d| d.occurrences)
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Prints every diagnostic to `out` in the chosen format, its texts in `lang`.
    pub fn print(
        &self,
        out: &mut impl Write,
        format: DiagnosticFormat,
        lang: Lang,
    ) -> io::Result<()> {
        for d in &self.items {
            match format {
                DiagnosticFormat::Human => writeln!(out, "{}", d.render(lang))?,
                DiagnosticFormat::Json => writeln!(out, "{}", d.to_json(lang))?,
            }
        }
        Ok(())
    }

    /// The class of the gravest error, if there is an error: an unreadable input
    /// before a template failure before wrong data.
    pub fn error_class(&self) -> Option<Class> {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.code.class())
            .max()
    }
}

/// The closest candidate to `input` when it is close enough to be a likely typo.
///
/// Short words need to be closer: `ja` is not a typo of `NA`, nor `No` of `NR`. A word
/// of fewer than five letters may differ by one edit at most (`Satut` → `Statut`),
/// and only from a candidate of at least three letters; longer words must keep three
/// quarters of their letters in place. Callers leave out candidates that must never
/// be suggested (the non-answer labels of a survey).
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input = crate::text::fold(input);
    let input = input.trim();
    candidates
        .into_iter()
        .filter_map(|c| {
            let candidate = crate::text::fold(c);
            let shortest = input.chars().count().min(candidate.chars().count());
            let close = if shortest < 5 {
                shortest >= 3 && strsim::damerau_levenshtein(input, &candidate) <= 1
            } else {
                strsim::normalized_damerau_levenshtein(input, &candidate) >= 0.75
            };
            close.then(|| (strsim::normalized_damerau_levenshtein(input, &candidate), c))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_sheet_row_and_column() {
        let d = Diagnostic::error(
            Code::UnknownStatus,
            "inputs/p.xlsx",
            msg!("unknown-status", label = "x"),
        )
        .sheet(Some("Propositions"))
        .row(14)
        .column("Statut");
        assert_eq!(
            d.to_string(),
            "error[unknown-status]: inputs/p.xlsx: sheet \"Propositions\", row 14, column \"Statut\": unknown status \"x\""
        );
        assert_eq!(
            d.render(Lang::Fr),
            "erreur[unknown-status]: inputs/p.xlsx: feuille « Propositions », ligne 14, colonne « Statut »: statut inconnu « x »"
        );
        assert_eq!(d.to_json(Lang::Fr)["code"], "unknown-status");
    }

    #[test]
    fn did_you_mean_finds_a_close_label() {
        let labels = ["acceptée mais modifiée", "non retenue", "hors périmètre"];
        assert_eq!(
            did_you_mean("acceptee modifiee", labels),
            Some("acceptée mais modifiée")
        );
        assert_eq!(did_you_mean("zzzz", labels), None);
        assert_eq!(did_you_mean("Satut", ["Statut", "Thème"]), Some("Statut"));
        assert_eq!(
            did_you_mean("aceptée", ["acceptée", "refusée"]),
            Some("acceptée")
        );
    }

    #[test]
    fn did_you_mean_rejects_short_words_that_merely_look_alike() {
        assert_eq!(did_you_mean("Ja", ["NA", "NR", "agree"]), None);
        assert_eq!(did_you_mean("No", ["NA", "NR", "NSP"]), None);
        assert_eq!(did_you_mean("Oui", ["NSP", "Non"]), None);
        // Half of a long label is not a typo of it.
        assert_eq!(did_you_mean("plutôt", ["plutôt d'accord"]), None);
    }

    #[test]
    fn a_summary_counts_every_problem_it_stands_for() {
        let mut diags = Diagnostics::new();
        let d = |message: &str| {
            Diagnostic::error(
                Code::EmptyCell,
                "f.csv",
                msg!("did-you-mean", label = message),
            )
        };
        diags.push(d("a"));
        diags.push(d("b").occurrences(12));
        diags.push(Diagnostic::warning(
            Code::EmptyCell,
            "f.csv",
            msg!("did-you-mean", label = "c"),
        ));
        assert_eq!(diags.count(Severity::Error), 13);
        assert_eq!(diags.count(Severity::Warning), 1);
    }
}
