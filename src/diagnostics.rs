//! Problems found in the inputs, collected rather than thrown: every stage pushes
//! what it finds into a [`Diagnostics`] list, and the command decides the exit
//! status once everything has been read.

use std::fmt;
use std::io::{self, Write};

use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable machine code, e.g. `unknown-status`.
    pub code: &'static str,
    pub file: String,
    pub sheet: Option<String>,
    /// The row number the user sees in their spreadsheet (1-based, title rows counted).
    pub row: Option<usize>,
    /// The column's header as written in the file (or its letter when it has none).
    pub column: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            sheet: None,
            row: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(
        code: &'static str,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
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

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `inputs/x.xlsx: sheet "Propositions", row 14, column "Statut": error: unknown status …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}[{}]: {}", self.code, self.file)?;
        let mut place = Vec::new();
        if let Some(sheet) = &self.sheet {
            place.push(format!("sheet \"{sheet}\""));
        }
        if let Some(row) = self.row {
            place.push(format!("row {row}"));
        }
        if let Some(column) = &self.column {
            place.push(format!("column \"{column}\""));
        }
        if !place.is_empty() {
            write!(f, ": {}", place.join(", "))?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
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

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Prints every diagnostic to `out` in the chosen format.
    pub fn print(&self, out: &mut impl Write, format: DiagnosticFormat) -> io::Result<()> {
        for d in &self.items {
            match format {
                DiagnosticFormat::Human => writeln!(out, "{d}")?,
                DiagnosticFormat::Json => {
                    let line = serde_json::to_string(d).map_err(io::Error::other)?;
                    writeln!(out, "{line}")?;
                }
            }
        }
        Ok(())
    }
}

/// The closest candidate to `input` when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input = crate::text::fold(input);
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::normalized_damerau_levenshtein(&input, &crate::text::fold(c)),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_sheet_row_and_column() {
        let d = Diagnostic::error("unknown-status", "inputs/p.xlsx", "unknown status \"x\"")
            .sheet(Some("Propositions"))
            .row(14)
            .column("Statut");
        assert_eq!(
            d.to_string(),
            "error[unknown-status]: inputs/p.xlsx: sheet \"Propositions\", row 14, column \"Statut\": unknown status \"x\""
        );
    }

    #[test]
    fn did_you_mean_finds_a_close_label() {
        let labels = ["acceptée mais modifiée", "non retenue", "hors périmètre"];
        assert_eq!(
            did_you_mean("acceptee modifiee", labels),
            Some("acceptée mais modifiée")
        );
        assert_eq!(did_you_mean("zzzz", labels), None);
    }
}
