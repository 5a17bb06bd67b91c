//! The texts the documents show, set in the report's typography: a French report on
//! French data (`report.data_language`) gets [`crate::text::french`] (typographic
//! apostrophes, no-break spaces before `: ; ! ?`) on the texts that come from the
//! inputs (titles, descriptions, answers, conditions, statements, suggestions); an
//! English report, or English data, gets them as read (French spacing on English text
//! is wrong). bilan's own French sentences are written typeset where they are made.
//!
//! The statistics (`data.json`, the workbook) keep every text verbatim: only the copy
//! served to the templates as `/data.json` and `/fiche.json` is typeset here. Must not
//! change a figure, a code or a key.

use std::borrow::Cow;

use crate::config::Lang;
use crate::stats::Stats;
use crate::stats::proposals::ProposalItem;
use crate::text::french;

/// `stats` as the documents show it: a typeset copy in a French report on data written
/// in French (`data_lang`), else borrowed as is.
pub fn for_documents(stats: &Stats, lang: Lang, data_lang: Lang) -> Cow<'_, Stats> {
    match (lang, data_lang) {
        (Lang::En, _) | (_, Lang::En) => Cow::Borrowed(stats),
        (Lang::Fr, Lang::Fr) => {
            let mut shown = stats.clone();
            typeset(&mut shown);
            Cow::Owned(shown)
        }
    }
}

/// Applies French typography to every input text of `stats` the documents show.
fn typeset(stats: &mut Stats) {
    for item in &mut stats.proposals.items {
        typeset_proposal(item);
    }
    for statement in &mut stats.statements {
        set(&mut statement.text);
        if let Some(question) = &mut statement.question {
            set(question);
        }
    }
    for rating in &mut stats.survey.ratings {
        set(&mut rating.text);
    }
    for question in &mut stats.survey.yes_no {
        set(&mut question.text);
    }
    for column in &mut stats.survey.set_aside {
        set(&mut column.heading.text);
        for text in [&mut column.heading.question, &mut column.heading.row]
            .into_iter()
            .flatten()
        {
            set(text);
        }
    }
    let items = stats
        .suggestions
        .groups
        .iter_mut()
        .flat_map(|g| &mut g.categories)
        .flat_map(|c| &mut c.items);
    for item in items {
        set(&mut item.text);
    }
    if let Some(follow_up) = &mut stats.follow_up {
        for change in &mut follow_up.proposals {
            set(&mut change.title);
        }
        for gone in &mut follow_up.gone_proposals {
            set(&mut gone.title);
        }
    }
}

fn typeset_proposal(item: &mut ProposalItem) {
    set(&mut item.title);
    let optional = [&mut item.description, &mut item.answer, &mut item.condition];
    for text in optional.into_iter().flatten() {
        set(text);
    }
}

fn set(text: &mut String) {
    *text = french(text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Overrides};
    use crate::diagnostics::Diagnostics;
    use crate::model::{Origin, Proposal, Register, Status};
    use crate::stats::{self, SurveyAccumulator};

    /// The statistics of a register of one proposal titled `title`.
    fn stats_with_title(title: &str) -> Stats {
        let text = "[report]\ntitle = \"T\"\norganisation = \"O\"\nedition = 2025\n\
                    [inputs]\nproposals = \"p.csv\"\n";
        let config =
            Config::parse(text, std::path::Path::new("/p"), &Overrides::default()).expect("config");
        let register = Register {
            proposals: vec![Proposal {
                id: "P01".into(),
                theme: "Thème".into(),
                title: title.into(),
                description: None,
                status: Status::Accepted,
                answer: Some("C'est fait : voir ici.".into()),
                owner: None,
                due: None,
                condition: None,
                progress: None,
                previous_id: None,
                origin: Origin::default(),
            }],
            rows_read: 1,
            status_wordings: Vec::new(),
        };
        stats::compute(
            &config,
            stats::Inputs {
                register: &register,
                previous: None,
                earlier: &[],
                survey: &SurveyAccumulator::new(),
                suggestions: &[],
                sources: Vec::new(),
                diagnostics: &Diagnostics::new(),
            },
        )
    }

    #[test]
    fn a_french_report_shows_french_typography_and_keeps_the_statistics_verbatim() {
        let stats = stats_with_title("a friendly time!");
        let shown = for_documents(&stats, Lang::Fr, Lang::Fr);
        let item = &shown.proposals.items[0];
        assert_eq!(item.title, "a friendly time\u{202f}!");
        assert_eq!(item.answer.as_deref(), Some("C’est fait\u{a0}: voir ici."));
        assert_eq!(stats.proposals.items[0].title, "a friendly time!");
        assert_eq!(
            stats.proposals.items[0].answer.as_deref(),
            Some("C'est fait : voir ici.")
        );
    }

    #[test]
    fn an_english_report_shows_the_text_as_read() {
        let stats = stats_with_title("a friendly time!");
        let shown = for_documents(&stats, Lang::En, Lang::Fr);
        assert!(matches!(shown, Cow::Borrowed(_)));
        assert_eq!(shown.proposals.items[0].title, "a friendly time!");
    }

    #[test]
    fn english_data_in_a_french_report_is_shown_as_read() {
        let stats = stats_with_title("a friendly time!");
        let shown = for_documents(&stats, Lang::Fr, Lang::En);
        assert!(matches!(shown, Cow::Borrowed(_)));
        assert_eq!(shown.proposals.items[0].title, "a friendly time!");
    }
}
