//! Repair, sentences, the analyser chain and both heads on arbitrary text: confidences
//! stay finite probabilities, nothing panics.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use revue::ingest::Article;
use revue::model::Model;

fuzz_target!(|text: &str| {
    static MODEL: OnceLock<Model> = OnceLock::new();
    let model = MODEL.get_or_init(|| Model::embedded().expect("embedded model"));
    let article = Article::new(text, text);
    let _ = revue::text::lead(&article.body, 320);
    let tags = model.classify(&article);
    for tag in [tags.region, tags.theme].into_iter().flatten() {
        assert!(tag.confidence.is_finite() && (0.0..=1.0).contains(&tag.confidence));
    }
});
