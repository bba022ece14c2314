//! Properties of the text stages and the parsers on arbitrary input: nothing panics, and
//! what must hold for any text holds.

use proptest::prelude::*;
use revue::ingest::{parse, stream_reader, Columns, Format, RawArticle};
use revue::model::Model;
use revue::text::analyzer::tokenize;
use revue::text::normalize::normalize_spaces;
use revue::text::{lead, repair, split_sentences};
use unicode_segmentation::UnicodeSegmentation;

fn model() -> &'static Model {
    static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| Model::embedded().unwrap())
}

/// Text that looks like pasted French copy: letters, accents, quotes, dots, digits, odd spaces.
fn copy_like() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Zéèàçœ’'“”″«».,;:!?0-9 \u{a0}\u{202f}\n\\-]{0,300}")
        .unwrap()
}

/// Text made of the characters the tokenizer treats apart: letters of one and two bytes,
/// joiners, separators, spaces of every kind, digits, combining marks, `_`, other scripts.
fn tokenizer_edge_cases() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "[abZéÉłẞ’'.:·,;\\-«»…—_×東12 \n\u{a0}\u{202f}\u{301}\u{200b}]{0,40}",
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn tokenizer_cuts_like_unicode_words_between_spaces(text in tokenizer_edge_cases()) {
        let ours: Vec<&str> = tokenize(&text).collect();
        let reference: Vec<&str> = text
            .split(char::is_whitespace)
            .flat_map(|piece| piece.unicode_words())
            .collect();
        prop_assert_eq!(ours, reference);
    }

    #[test]
    fn repair_never_panics_and_leaves_no_odd_space(text in copy_like()) {
        let repaired = repair(&text);
        let clean = !repaired.contains('\u{a0}') && !repaired.contains("  ") && !repaired.contains('\n');
        prop_assert!(clean, "odd space left in {:?}", repaired);
        prop_assert_eq!(normalize_spaces(&repaired), repaired.clone());
    }

    #[test]
    fn sentences_cover_the_text_in_order(text in copy_like()) {
        let repaired = repair(&text);
        let joined = split_sentences(&repaired).join(" ");
        prop_assert_eq!(joined, repaired.clone());
        let lead = lead(&repaired, 320);
        prop_assert!(repaired.starts_with(&lead));
    }

    #[test]
    fn the_analyser_and_scorer_take_any_text(text in any::<String>()) {
        let model = model();
        let article = revue::ingest::Article::new(&text, &text);
        let tags = model.classify(&article);
        for tag in [tags.region, tags.theme].into_iter().flatten() {
            prop_assert!(tag.confidence.is_finite() && (0.0..=1.0).contains(&tag.confidence));
        }
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        for format in [Format::Dispatch, Format::JsonLines, Format::Csv, Format::Tsv] {
            let reader: Box<dyn std::io::BufRead + Send> = Box::new(std::io::Cursor::new(bytes.clone()));
            if let Ok(stream) = stream_reader(reader, "fuzz", Some(format), &Columns::default()) {
                for item in stream.take(1000) {
                    let _ = item.map(RawArticle::repair);
                }
            }
        }
    }

    #[test]
    fn jsonl_round_trips_titles_and_bodies(title in "[A-Za-zé ]{1,40}", body in "[A-Za-zé .]{1,200}") {
        let line = serde_json::json!({"title": title, "body": body}).to_string();
        let articles = parse(&line, Format::JsonLines, "p.jsonl", &Columns::default()).unwrap();
        prop_assert_eq!(&articles[0].title, &repair(&title));
        prop_assert_eq!(&articles[0].body, &repair(&body));
    }

    #[test]
    fn model_files_never_panic_when_damaged(cut in 0usize..4000, flip in 0usize..4000) {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/default.revue")).unwrap();
        let mut damaged = bytes[..cut.min(bytes.len())].to_vec();
        if let Some(b) = damaged.get_mut(flip) {
            *b ^= 0x5a;
        }
        let _ = Model::from_bytes(&damaged, "damaged");
    }
}
