//! The CSV and TSV parsers on arbitrary bytes: errors are fine, panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use revue::ingest::{stream_reader, Columns, Format, RawArticle};

fuzz_target!(|data: &[u8]| {
    for format in [Format::Csv, Format::Tsv] {
        let reader: Box<dyn std::io::BufRead + Send> = Box::new(std::io::Cursor::new(data.to_vec()));
        if let Ok(articles) = stream_reader(reader, "fuzz", Some(format), &Columns::default()) {
            for article in articles.take(10_000) {
                let _ = article.map(RawArticle::repair);
            }
        }
    }
});
