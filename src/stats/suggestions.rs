//! Improvement suggestions counted and grouped by group (a workshop table, a respondent group) and category.

use indexmap::IndexMap;
use serde::Serialize;

use crate::model::Suggestion;

#[derive(Debug, Clone, Serialize)]
pub struct SuggestionStats {
    pub total: u64,
    pub groups: Vec<SuggestionGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuggestionGroup {
    pub group: String,
    pub count: u64,
    pub categories: Vec<SuggestionCategory>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuggestionCategory {
    /// `None` for suggestions without a category.
    pub category: Option<String>,
    pub count: u64,
    pub votes: u64,
    /// Most voted first, then in file order.
    pub items: Vec<SuggestionItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuggestionItem {
    pub text: String,
    pub votes: Option<u32>,
}

/// Groups suggestions by group then category, both in order of first appearance
/// (compared case-insensitively, first spelling kept).
pub fn compute(suggestions: &[Suggestion]) -> SuggestionStats {
    type Categories = IndexMap<String, (Option<String>, Vec<SuggestionItem>)>;
    let mut groups: IndexMap<String, (String, Categories)> = IndexMap::new();
    for s in suggestions {
        let group = groups
            .entry(crate::text::fold(&s.group))
            .or_insert_with(|| (s.group.trim().to_string(), IndexMap::new()));
        let key = s
            .category
            .as_deref()
            .map(crate::text::fold)
            .unwrap_or_default();
        group
            .1
            .entry(key)
            .or_insert_with(|| {
                (
                    s.category.as_ref().map(|c| c.trim().to_string()),
                    Vec::new(),
                )
            })
            .1
            .push(SuggestionItem {
                text: s.text.clone(),
                votes: s.votes,
            });
    }
    let groups: Vec<SuggestionGroup> = groups
        .into_values()
        .map(|(group, categories)| {
            let categories: Vec<SuggestionCategory> = categories
                .into_values()
                .map(|(category, mut items)| {
                    // Stable: equal votes keep file order.
                    items.sort_by_key(|i| std::cmp::Reverse(i.votes.unwrap_or(0)));
                    SuggestionCategory {
                        category,
                        count: items.len() as u64,
                        votes: items.iter().map(|i| u64::from(i.votes.unwrap_or(0))).sum(),
                        items,
                    }
                })
                .collect();
            SuggestionGroup {
                group,
                count: categories.iter().map(|c| c.count).sum(),
                categories,
            }
        })
        .collect();
    SuggestionStats {
        total: suggestions.len() as u64,
        groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(group: &str, category: Option<&str>, text: &str, votes: Option<u32>) -> Suggestion {
        Suggestion {
            group: group.into(),
            category: category.map(Into::into),
            text: text.into(),
            votes,
        }
    }

    #[test]
    fn groups_and_categories_keep_first_spelling_and_sort_by_votes() {
        let stats = compute(&[
            s("Finalité", Some("Suivi"), "a", Some(1)),
            s("animation", None, "b", None),
            s("finalité", Some("suivi"), "c", Some(4)),
        ]);
        assert_eq!(stats.total, 3);
        assert_eq!(stats.groups[0].group, "Finalité");
        assert_eq!(stats.groups[0].count, 2);
        let cat = &stats.groups[0].categories[0];
        assert_eq!(cat.category.as_deref(), Some("Suivi"));
        assert_eq!(cat.items[0].text, "c");
        assert_eq!(cat.votes, 5);
        assert_eq!(stats.groups[1].categories[0].category, None);
    }
}
