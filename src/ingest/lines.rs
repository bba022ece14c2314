//! Reading input line by line without holding the whole file: each line is checked for
//! UTF-8 on its own, so an error names the line and byte offset, and the first block is
//! checked for NUL bytes, which only binary files carry.

use std::io::{BufRead, Read};

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
        match (&mut self.reader)
            .take(MAX_LINE + 1)
            .read_until(b'\n', &mut self.buffer)
        {
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
                let bytes = if self.line == 1 {
                    self.buffer
                        .strip_prefix(b"\xef\xbb\xbf")
                        .unwrap_or(&self.buffer)
                } else {
                    &self.buffer
                };
                // simdutf8's vectorised check, with std's error details.
                match simdutf8::compat::from_utf8(bytes) {
                    Ok(text) => Some(Ok((self.line, text.to_string()))),
                    Err(e) => Some(Err(Error::NotUtf8 {
                        path: self.name.clone(),
                        line: self.line,
                        offset: start + e.valid_up_to(),
                    })),
                }
            }
            Err(e) => Some(Err(Error::io(&self.name, e))),
        }
    }
}
