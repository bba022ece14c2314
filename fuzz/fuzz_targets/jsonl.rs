//! The jsonl parser on arbitrary bytes: errors are fine, panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use revue::ingest::{stream_reader, Columns, Format, RawArticle};

fuzz_target!(|data: &[u8]| {
    let reader: Box<dyn std::io::BufRead + Send> = Box::new(std::io::Cursor::new(data.to_vec()));
    if let Ok(articles) =
        stream_reader(reader, "fuzz", Some(Format::JsonLines), &Columns::default())
    {
        for article in articles.take(10_000) {
            let _ = article.map(RawArticle::repair);
        }
    }
});
