//! The taxonomy: each head's labels with their French and English names (and their UN M49
//! areas or IPTC Media Topic codes), read from `data/taxonomy.toml` and stored in the model.
//! Labels outside it are welcome: they display as they are, after the known ones.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One label of a head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// The id the model predicts (`asie-pacifique`, `sante`).
    pub id: String,
    /// French display name.
    pub fr: String,
    /// English display name.
    pub en: String,
    /// UN M49 area codes (regions).
    #[serde(default)]
    pub m49: Vec<String>,
    /// M49 codes counted in another region.
    #[serde(default)]
    pub except: Vec<String>,
    /// IPTC Media Topic code (themes).
    #[serde(default)]
    pub iptc: Option<String>,
    /// What the label covers.
    #[serde(default)]
    pub note: Option<String>,
}

/// Display language for names and the digest's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French.
    #[default]
    Fr,
    /// English.
    En,
}

/// Regions and themes, in display order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taxonomy {
    /// Region labels.
    #[serde(default, rename = "region")]
    pub regions: Vec<Category>,
    /// Theme labels.
    #[serde(default, rename = "theme")]
    pub themes: Vec<Category>,
}

impl Taxonomy {
    /// Parses the TOML layout of `data/taxonomy.toml`.
    pub fn from_toml(text: &str) -> Result<Self> {
        toml::from_str(text).map_err(|e| Error::Usage(format!("taxonomy: {e}")))
    }

    /// The taxonomy shipped in `data/taxonomy.toml`.
    pub fn bundled() -> Self {
        Self::from_toml(include_str!("../../data/taxonomy.toml"))
            .expect("data/taxonomy.toml is checked by the test suite")
    }

    fn categories(&self, head: &str) -> &[Category] {
        match head {
            "region" => &self.regions,
            "theme" => &self.themes,
            _ => &[],
        }
    }

    /// The display name of `id` for `head`; an unknown id displays as it is.
    pub fn name<'a>(&'a self, head: &str, id: &'a str, lang: Lang) -> &'a str {
        match self.categories(head).iter().find(|c| c.id == id) {
            Some(c) => match lang {
                Lang::Fr => &c.fr,
                Lang::En => &c.en,
            },
            None => id,
        }
    }

    /// Sort key of `id` for `head`: known labels in taxonomy order, then the others
    /// alphabetically.
    pub fn order<'a>(&self, head: &str, id: &'a str) -> (usize, &'a str) {
        let categories = self.categories(head);
        let position = categories.iter().position(|c| c.id == id);
        (position.unwrap_or(categories.len()), id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_taxonomy_has_the_default_ids() {
        let taxonomy = Taxonomy::bundled();
        let regions: Vec<&str> = taxonomy.regions.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            regions,
            [
                "france",
                "europe",
                "afrique",
                "ameriques",
                "asie-pacifique",
                "moyen-orient",
                "monde"
            ]
        );
        assert_eq!(taxonomy.themes.len(), 11);
        assert!(taxonomy
            .themes
            .iter()
            .all(|t| t.iptc.as_deref().is_some_and(|c| c.starts_with("medtop:"))));
        assert!(taxonomy.regions.iter().all(|r| !r.m49.is_empty()));
    }

    #[test]
    fn unknown_labels_display_as_they_are() {
        let taxonomy = Taxonomy::bundled();
        assert_eq!(taxonomy.name("theme", "sante", Lang::Fr), "Santé");
        assert_eq!(taxonomy.name("theme", "sante", Lang::En), "Health");
        assert_eq!(taxonomy.name("theme", "tech-news", Lang::Fr), "tech-news");
        assert!(taxonomy.order("theme", "zzz") > taxonomy.order("theme", "societe"));
    }
}
