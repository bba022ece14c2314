//! Reading input line by line without holding the whole file: each line is checked for
//! UTF-8 on its own, so an error names the line and byte offset, and the first block is
//! checked for NUL bytes, which only binary files carry.

use std::io::BufRead;

use crate::error::{Error, Result};

/// The longest line read, in bytes: a dispatch or a JSON object is a few kilobytes, so a
/// line longer than this is not an article (and is not read whole into memory).
pub const MAX_LINE: u64 = 16 << 20;

/// A UTF-8 line reader over any buffered input that counts lines and bytes.
pub(super) struct Lines<R> {
    reader: R,
    name: String,
    line: usize,
    offset: usize,
    buffer: Vec<u8>,
    checked_binary: bool,
    /// Set once the input proved binary: there is nothing more to read in it.
    dead: bool,
}

impl<R: BufRead> Lines<R> {
    pub(super) fn new(reader: R, name: &str) -> Self {
        Lines {
            reader,
            name: name.to_string(),
            line: 0,
            offset: 0,
            buffer: Vec::new(),
            checked_binary: false,
            dead: false,
        }
    }

    /// The underlying reader, for parsers that read on their own (CSV).
    pub(super) fn into_inner(self) -> R {
        self.reader
    }

    /// The file name used in errors.
    pub(super) fn name(&self) -> &str {
        &self.name
    }

    /// The first bytes of the input, without consuming them, after checking they are not
    /// binary.
    pub(super) fn peek(&mut self) -> Result<&[u8]> {
        let name = self.name.clone();
        let block = self.reader.fill_buf().map_err(|e| Error::io(&name, e))?;
        if !self.checked_binary {
            if let Some(position) = block.iter().take(8192).position(|&b| b == 0) {
                let line = 1 + block[..position].iter().filter(|&&b| b == b'\n').count();
                self.dead = true;
                return Err(Error::bad_input(
                    &name,
                    line,
                    "this looks like a binary file, not text (it contains NUL bytes)",
                ));
            }
            self.checked_binary = true;
        }
        Ok(block)
    }

    /// The next line (without its line break) and its 1-based number.
    pub(super) fn next_line(&mut self) -> Option<Result<(usize, String)>> {
        if self.dead {
            return None;
        }
        if let Err(e) = self.peek() {
            return Some(Err(e));
        }
        self.buffer.clear();
        match read_line(&mut self.reader, &mut self.buffer) {
            Ok(0) => None,
            Ok(n) if n as u64 > MAX_LINE => {
                self.line += 1;
                // Skip the rest of the line, so that reading can go on after it.
                let rest = self.reader.skip_until(b'\n').unwrap_or(0);
                self.offset += n + rest;
                Some(Err(Error::bad_input(
                    &self.name,
                    self.line,
                    format!(
                        "this line is longer than {} MiB: it cannot be an article",
                        MAX_LINE >> 20
                    ),
                )))
            }
            Ok(n) => {
                self.line += 1;
                let start = self.offset;
                self.offset += n;
                while matches!(self.buffer.last(), Some(b'\n' | b'\r')) {
                    self.buffer.pop();
                }
                let bom = if self.line == 1 && self.buffer.starts_with(b"\xef\xbb\xbf") {
                    3
                } else {
                    0
                };
                // simdutf8's vectorised check, with std's error details.
                match simdutf8::compat::from_utf8(&self.buffer[bom..]) {
                    Ok(text) => Some(Ok((self.line, text.to_string()))),
                    Err(e) => Some(Err(Error::NotUtf8 {
                        path: self.name.clone(),
                        line: self.line,
                        offset: start + bom + e.valid_up_to(),
                    })),
                }
            }
            Err(e) => Some(Err(Error::io(&self.name, e))),
        }
    }
}

/// Reads up to and including the next `\n`, or to the end of the input, into `line`, but
/// no more than [`MAX_LINE`] + 1 bytes; returns how many bytes were read. `BufRead::read_until`
/// with the `memchr` crate's vectorised search (std's own takes about a dozen times as many
/// instructions a byte).
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<usize> {
    let limit = MAX_LINE as usize + 1;
    let mut read = 0;
    loop {
        let block = match reader.fill_buf() {
            Ok(block) => block,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let block = &block[..block.len().min(limit - read)];
        let (taken, done) = match memchr::memchr(b'\n', block) {
            Some(end) => (end + 1, true),
            None => (block.len(), block.is_empty()),
        };
        line.extend_from_slice(&block[..taken]);
        reader.consume(taken);
        read += taken;
        if done || read == limit {
            return Ok(read);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;

    fn read_all(input: &[u8], capacity: usize) -> Vec<Result<(usize, String)>> {
        let mut lines = Lines::new(BufReader::with_capacity(capacity, input), "t.txt");
        std::iter::from_fn(|| lines.next_line()).collect()
    }

    #[test]
    fn lines_longer_than_the_read_buffer_come_out_whole() {
        let long = "é".repeat(100);
        let input = format!("\u{feff}{long}\r\nb\n\nlast");
        for capacity in [1, 3, 7, 64, 8192] {
            let lines: Vec<(usize, String)> = read_all(input.as_bytes(), capacity)
                .into_iter()
                .map(|line| line.unwrap())
                .collect();
            let expected = [(1, long.as_str()), (2, "b"), (3, ""), (4, "last")];
            let expected: Vec<(usize, String)> =
                expected.iter().map(|&(n, s)| (n, s.to_string())).collect();
            assert_eq!(lines, expected, "capacity {capacity}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_dropped_from_the_first_line_only() {
        let lines = read_all("\u{feff}a\n\u{feff}b\n".as_bytes(), 8192);
        assert_eq!(lines[0].as_ref().unwrap().1, "a");
        assert_eq!(lines[1].as_ref().unwrap().1, "\u{feff}b");
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_offset_in_the_file() {
        let lines = read_all(b"\xef\xbb\xbfab\ncd\xffe\n", 2);
        assert!(lines[0].is_ok());
        match &lines[1] {
            Err(Error::NotUtf8 { line, offset, .. }) => assert_eq!((*line, *offset), (2, 8)),
            other => panic!("expected a UTF-8 error, got {other:?}"),
        }
    }
}
