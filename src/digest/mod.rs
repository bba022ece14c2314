//! The digest: tagged stories grouped by region then theme (or as `--group-by` says), with
//! counts, a table of contents, each entry's lead and tags, and a visible "À trier" group for
//! articles the model is unsure of. [`build_view`] turns stories into a [`DigestView`], plain
//! serialisable data; [`render`] hands it to a template. Templates never call back into the
//! program and the pipeline never formats text for a template.

pub mod markdown;
pub mod render;

use chrono::NaiveDate;
use serde::Serialize;

use crate::dedupe::Story;
use crate::model::{Lang, Tag, Tags, Taxonomy};
use crate::text::lead;

pub use render::{render, OutputFormat, Templates};

/// Leads are cut at a sentence boundary within about this many characters.
const LEAD_CHARS: usize = 320;

/// One level of grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKey {
    /// By region.
    Region,
    /// By theme.
    Theme,
}

impl GroupKey {
    fn head(self) -> &'static str {
        match self {
            GroupKey::Region => "region",
            GroupKey::Theme => "theme",
        }
    }

    /// Parses `region,theme`, `theme,region`, `region` or `theme`.
    pub fn parse_list(text: &str) -> Result<Vec<GroupKey>, String> {
        let mut keys = Vec::new();
        for part in text.split(',').map(str::trim) {
            let key = match part {
                "region" => GroupKey::Region,
                "theme" => GroupKey::Theme,
                other => {
                    return Err(format!(
                    "unknown grouping `{other}`: use region, theme, or both separated by a comma"
                ))
                }
            };
            if keys.contains(&key) {
                return Err(format!("`{part}` is listed twice"));
            }
            keys.push(key);
        }
        Ok(keys)
    }
}

/// What the digest is built with.
#[derive(Debug, Clone)]
pub struct DigestOptions {
    /// The digest's date.
    pub date: NaiveDate,
    /// Display language.
    pub lang: Lang,
    /// Grouping levels, outermost first.
    pub group_by: Vec<GroupKey>,
    /// Below this posterior, on either head, an article goes to "À trier".
    pub min_confidence: f64,
}

/// A tag as a template sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagView {
    /// Label id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Posterior probability, 0 to 1.
    pub confidence: f64,
    /// Posterior as a whole percentage.
    pub percent: u32,
    /// Below the threshold.
    pub uncertain: bool,
}

/// One story in the digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryView {
    /// Headline.
    pub title: String,
    /// First one or two sentences.
    pub lead: String,
    /// Region tag, if the model has a region head.
    pub region: Option<TagView>,
    /// Theme tag, if the model has a theme head.
    pub theme: Option<TagView>,
    /// Source, if given.
    pub source: Option<String>,
    /// Address, if given.
    pub url: Option<String>,
    /// Copies folded into this story (1 when unique).
    pub copies: usize,
}

/// A group of entries, or of sub-groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupView {
    /// Label id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// HTML anchor, unique in the digest.
    pub anchor: String,
    /// Stories in the group, sub-groups included.
    pub count: usize,
    /// Sub-groups (empty at the last level).
    pub groups: Vec<GroupView>,
    /// Entries (empty when there are sub-groups).
    pub entries: Vec<EntryView>,
}

/// The digest's own words, in the digest's language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Words {
    /// Document title.
    pub digest: String,
    /// Heading of the table of contents.
    pub contents: String,
    /// Name of the group of uncertain articles.
    pub to_sort: String,
    /// Explanation under it.
    pub to_sort_note: String,
    /// "article" / "articles".
    pub article: String,
    /// Plural of `article`.
    pub articles: String,
    /// Shown when several copies were folded.
    pub copies: String,
    /// Shown when the input held nothing.
    pub empty: String,
}

impl Words {
    fn new(lang: Lang) -> Self {
        let s = |t: &str| t.to_string();
        match lang {
            Lang::Fr => Words {
                digest: s("Revue de presse"),
                contents: s("Sommaire"),
                to_sort: s("À trier"),
                to_sort_note: s("Le modèle hésite sur ces articles : à classer à la main."),
                article: s("article"),
                articles: s("articles"),
                copies: s("dépêches fusionnées"),
                empty: s("Aucun article aujourd’hui."),
            },
            Lang::En => Words {
                digest: s("News digest"),
                contents: s("Contents"),
                to_sort: s("To sort"),
                to_sort_note: s("The model is unsure about these articles: sort them by hand."),
                article: s("article"),
                articles: s("articles"),
                copies: s("copies folded"),
                empty: s("No article today."),
            },
        }
    }
}

/// Everything a digest template receives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DigestView {
    /// `"fr"` or `"en"`.
    pub lang: String,
    /// The date in words ("samedi 12 juillet 2025").
    pub date: String,
    /// The date as `YYYY-MM-DD`.
    pub date_iso: String,
    /// Stories in the digest.
    pub total: usize,
    /// Copies folded away as duplicates.
    pub duplicates_folded: usize,
    /// Groups, outermost level first.
    pub groups: Vec<GroupView>,
    /// Stories below the confidence threshold.
    pub to_sort: Vec<EntryView>,
    /// The digest's own words.
    pub words: Words,
}

/// The date in words in the digest's language: "samedi 12 juillet 2025".
pub fn date_in_words(date: NaiveDate, lang: Lang) -> String {
    let locale = match lang {
        Lang::Fr => chrono::Locale::fr_FR,
        Lang::En => chrono::Locale::en_GB,
    };
    date.format_localized("%A %-d %B %Y", locale).to_string()
}

fn tag_view(taxonomy: &Taxonomy, head: &str, tag: &Tag, options: &DigestOptions) -> TagView {
    TagView {
        id: tag.label.clone(),
        name: taxonomy.name(head, &tag.label, options.lang).to_string(),
        confidence: tag.confidence,
        percent: (tag.confidence * 100.0).round() as u32,
        uncertain: tag.confidence < options.min_confidence,
    }
}

/// Builds the digest view from tagged stories.
pub fn build_view(
    stories: &[(Story, Tags)],
    taxonomy: &Taxonomy,
    options: &DigestOptions,
) -> DigestView {
    let mut sorted: Vec<KeyedEntry> = Vec::new();
    let mut to_sort = Vec::new();
    for (story, tags) in stories {
        let article = &story.article;
        let region = tags
            .region
            .as_ref()
            .map(|t| tag_view(taxonomy, "region", t, options));
        let theme = tags
            .theme
            .as_ref()
            .map(|t| tag_view(taxonomy, "theme", t, options));
        let entry = EntryView {
            title: article.title.clone(),
            lead: lead(&article.body, LEAD_CHARS),
            source: article.source.clone(),
            url: article.url.clone().filter(|u| is_web_address(u)),
            copies: story.copies,
            region,
            theme,
        };
        let tag_of = |key: GroupKey| match key {
            GroupKey::Region => entry.region.as_ref(),
            GroupKey::Theme => entry.theme.as_ref(),
        };
        let keys: Option<Vec<GroupLabel>> = options
            .group_by
            .iter()
            .map(|&k| tag_of(k).map(|t| (t.id.clone(), t.name.clone())))
            .collect();
        let uncertain = entry.region.iter().chain(&entry.theme).any(|t| t.uncertain);
        match keys {
            Some(keys) if !uncertain => sorted.push((keys, entry)),
            _ => to_sort.push(entry),
        }
    }
    let groups = group(sorted, &options.group_by, taxonomy, "");
    DigestView {
        lang: match options.lang {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
        .to_string(),
        date: date_in_words(options.date, options.lang),
        date_iso: options.date.format("%Y-%m-%d").to_string(),
        total: stories.len(),
        duplicates_folded: stories.iter().map(|(s, _)| s.copies - 1).sum(),
        groups,
        to_sort,
        words: Words::new(options.lang),
    }
}

/// Groups entries by their first key, recursively; groups in taxonomy order, entries in
/// input order.
/// A group's label id and display name.
type GroupLabel = (String, String);
/// An entry with the labels it is still to be grouped by, outermost first.
type KeyedEntry = (Vec<GroupLabel>, EntryView);

fn group(
    entries: Vec<KeyedEntry>,
    levels: &[GroupKey],
    taxonomy: &Taxonomy,
    parent_anchor: &str,
) -> Vec<GroupView> {
    let Some((&level, deeper)) = levels.split_first() else {
        return Vec::new();
    };
    let mut buckets: Vec<(GroupLabel, Vec<KeyedEntry>)> = Vec::new();
    for (mut keys, entry) in entries {
        let key = keys.remove(0);
        match buckets.iter_mut().find(|(k, _)| k.0 == key.0) {
            Some((_, bucket)) => bucket.push((keys, entry)),
            None => buckets.push((key, vec![(keys, entry)])),
        }
    }
    buckets.sort_by(|a, b| {
        taxonomy
            .order(level.head(), &a.0 .0)
            .cmp(&taxonomy.order(level.head(), &b.0 .0))
    });
    buckets
        .into_iter()
        .map(|((id, name), members)| {
            let anchor = if parent_anchor.is_empty() {
                id.clone()
            } else {
                format!("{parent_anchor}--{id}")
            };
            let anchor = anchor_safe(&anchor);
            let count = members.len();
            if deeper.is_empty() {
                GroupView {
                    id,
                    name,
                    anchor,
                    count,
                    groups: Vec::new(),
                    entries: members.into_iter().map(|(_, e)| e).collect(),
                }
            } else {
                let groups = group(members, deeper, taxonomy, &anchor);
                GroupView {
                    id,
                    name,
                    anchor,
                    count,
                    groups,
                    entries: Vec::new(),
                }
            }
        })
        .collect()
}

/// Only `http` and `https` addresses become links: a `javascript:` or `data:` URL in a
/// dispatch must stay inert.
fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Keeps letters, digits and dashes, so a label from a user's corpus makes a valid anchor.
fn anchor_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Article;

    fn tag(label: &str, confidence: f64) -> Option<Tag> {
        Some(Tag {
            label: label.to_string(),
            confidence,
            runner_up: None,
        })
    }

    fn story(title: &str, region: &str, theme: &str, confidence: f64) -> (Story, Tags) {
        let story = Story {
            article: Article::new(title, "Une phrase. Une autre."),
            copies: 1,
        };
        (
            story,
            Tags {
                region: tag(region, confidence),
                theme: tag(theme, 0.99),
            },
        )
    }

    fn options(group_by: &str) -> DigestOptions {
        DigestOptions {
            date: NaiveDate::from_ymd_opt(2025, 7, 12).unwrap(),
            lang: Lang::Fr,
            group_by: GroupKey::parse_list(group_by).unwrap(),
            min_confidence: 0.5,
        }
    }

    #[test]
    fn french_date_in_words() {
        assert_eq!(
            date_in_words(NaiveDate::from_ymd_opt(2025, 7, 12).unwrap(), Lang::Fr),
            "samedi 12 juillet 2025"
        );
    }

    #[test]
    fn groups_follow_taxonomy_order_and_uncertain_go_to_sort() {
        let stories = vec![
            story("A", "monde", "sante", 0.9),
            story("B", "france", "sport", 0.9),
            story("C", "france", "politique", 0.9),
            story("D", "afrique", "sport", 0.2),
        ];
        let view = build_view(&stories, &Taxonomy::bundled(), &options("region,theme"));
        let regions: Vec<&str> = view.groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(regions, ["france", "monde"]);
        let themes: Vec<&str> = view.groups[0]
            .groups
            .iter()
            .map(|g| g.id.as_str())
            .collect();
        assert_eq!(themes, ["politique", "sport"]);
        assert_eq!(view.groups[0].count, 2);
        assert_eq!(view.to_sort.len(), 1);
        assert_eq!(view.to_sort[0].title, "D");
    }

    #[test]
    fn one_level_grouping() {
        let stories = vec![
            story("A", "monde", "sante", 0.9),
            story("B", "france", "sante", 0.9),
        ];
        let view = build_view(&stories, &Taxonomy::bundled(), &options("theme"));
        assert_eq!(view.groups.len(), 1);
        assert_eq!(view.groups[0].entries.len(), 2);
    }

    #[test]
    fn bad_grouping_is_refused() {
        assert!(GroupKey::parse_list("region,region").is_err());
        assert!(GroupKey::parse_list("source").is_err());
    }
}
