//! Escaping for Markdown, which has none of its own: article text containing `*`, `#`, `[`
//! or `<` must neither change the structure of the digest nor inject HTML into a viewer that
//! renders it. Installed as tera's escape function for the Markdown templates, so every
//! `{{ value }}` is escaped unless a template marks it `| safe`.

use std::io::Write;

/// Characters that mean something in CommonMark inline text, escaped with a backslash.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '!', '&', '{', '}',
];

/// Escapes `input` for Markdown: inline punctuation gets a backslash, line breaks become
/// spaces (a value can never start a new block), and a value that begins like a list item
/// or a heading (`- `, `+ `, `1. `, `=`) gets its first character escaped.
///
/// ```
/// let mut out = Vec::new();
/// revue::digest::markdown::escape("# <b>*gras*</b>\n- liste", &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), r"\# \<b\>\*gras\*\</b\> - liste");
/// ```
pub fn escape(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let mut first = true;
    let mut ordered_item = false;
    let mut chars = input.chars();
    let mut buf = [0u8; 4];
    while let Some(c) = chars.next() {
        if first && c.is_ascii_digit() {
            ordered_item = starts_ordered_item(c, chars.clone());
        }
        let closes_item_number = ordered_item && matches!(c, '.' | ')');
        if closes_item_number {
            ordered_item = false;
        }
        let starts_block = first && matches!(c, '-' | '+' | '=');
        if starts_block || closes_item_number || SPECIAL.contains(&c) {
            out.write_all(b"\\")?;
        }
        let c = if c == '\n' || c == '\r' { ' ' } else { c };
        out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
        first = false;
    }
    Ok(())
}

fn starts_ordered_item(first: char, rest: impl Iterator<Item = char>) -> bool {
    let mut digits = std::iter::once(first)
        .chain(rest)
        .skip_while(char::is_ascii_digit);
    matches!(digits.next(), Some('.') | Some(')')) && matches!(digits.next(), Some(' ') | None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        escape(text, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn structure_characters_are_escaped() {
        assert_eq!(
            escaped("[lien](javascript:alert(1))"),
            r"\[lien\](javascript:alert(1))"
        );
        assert_eq!(
            escaped("<script>alert(1)</script>"),
            r"\<script\>alert(1)\</script\>"
        );
        assert_eq!(escaped("a | b"), r"a \| b");
    }

    #[test]
    fn block_starts_are_neutralised() {
        assert_eq!(escaped("1. premier"), r"1\. premier");
        assert_eq!(escaped("12) deuxième"), r"12\) deuxième");
        assert_eq!(escaped("- tiret"), r"\- tiret");
        assert_eq!(escaped("ligne\n# titre"), r"ligne \# titre");
        assert_eq!(escaped("2025 fut"), "2025 fut");
    }

    #[test]
    fn ordinary_french_text_is_untouched() {
        assert_eq!(
            escaped("L’armée a tiré 57.882 obus, selon l’ONU."),
            "L’armée a tiré 57.882 obus, selon l’ONU."
        );
    }
}
