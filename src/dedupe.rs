//! Folding duplicates: the same dispatch pasted twice, or sent again with the same headline,
//! becomes one story. Matching ignores case, spacing and punctuation; a same-headline update
//! keeps the longer body.

use std::collections::HashMap;
use std::hash::Hasher;

use crate::ingest::Article;

/// An article and how many copies of it the input held (1 when it was unique).
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// The article kept for the story.
    pub article: Article,
    /// Copies folded into it, itself included.
    pub copies: usize,
}

/// The text reduced to lower-case letters and digits separated by single spaces.
fn canonical(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

fn hash(text: &str) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// A stable fingerprint of an article's headline and body, insensitive to case, spacing and
/// punctuation: two pastes of one dispatch share it.
pub fn fingerprint(article: &Article) -> u64 {
    hash(&format!(
        "{}\n{}",
        canonical(&article.title),
        canonical(&article.body)
    ))
}

/// Folds copies of the same story, keeping the order in which stories first appear.
///
/// ```
/// use revue::{dedupe::fold_duplicates, ingest::Article};
/// let a = Article::new("Séisme au Japon", "Un séisme a frappé Tokyo.");
/// let b = Article::new("SÉISME au Japon !", "Un séisme  a frappé Tokyo");
/// let stories = fold_duplicates(vec![a, b]);
/// assert_eq!(stories.len(), 1);
/// assert_eq!(stories[0].copies, 2);
/// ```
pub fn fold_duplicates(articles: Vec<Article>) -> Vec<Story> {
    let mut stories: Vec<Story> = Vec::with_capacity(articles.len());
    let mut by_fingerprint: HashMap<u64, usize> = HashMap::new();
    let mut by_title: HashMap<u64, usize> = HashMap::new();
    for article in articles {
        let whole = fingerprint(&article);
        let title = canonical(&article.title);
        let title_key = (!title.is_empty()).then(|| hash(&title));
        let seen = by_fingerprint
            .get(&whole)
            .or_else(|| title_key.and_then(|k| by_title.get(&k)))
            .copied();
        match seen {
            Some(index) => {
                let story = &mut stories[index];
                story.copies += 1;
                if article.body.len() > story.article.body.len() {
                    story.article = article;
                }
                by_fingerprint.insert(whole, index);
            }
            None => {
                by_fingerprint.insert(whole, stories.len());
                if let Some(key) = title_key {
                    by_title.insert(key, stories.len());
                }
                stories.push(Story { article, copies: 1 });
            }
        }
    }
    stories
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_stories_stay_apart() {
        let stories = fold_duplicates(vec![
            Article::new("Un titre", "Un corps."),
            Article::new("Un autre titre", "Un corps."),
        ]);
        assert_eq!(stories.len(), 2);
    }

    #[test]
    fn same_headline_update_keeps_the_longer_body() {
        let stories = fold_duplicates(vec![
            Article::new("Gaza: les pourparlers achoppent", "Court."),
            Article::new(
                "Gaza : les pourparlers achoppent",
                "Plus long, avec des détails.",
            ),
        ]);
        assert_eq!(stories.len(), 1);
        assert_eq!(stories[0].article.body, "Plus long, avec des détails.");
    }

    #[test]
    fn fingerprint_ignores_case_space_and_punctuation() {
        let a = Article::new("Titre", "Il a dit: « oui ».");
        let b = Article::new("titre", "il a dit oui");
        assert_eq!(fingerprint(&a), fingerprint(&b));
    }
}
