//! Text from a scenario file, made safe to print: the text renderings (a report's `Display`,
//! the load errors' `Display`) show every control character and every invisible formatting
//! character as an escape (`\u{1b}`, `\n`), so that no file can move the cursor, recolour a
//! terminal, reverse the text that follows, or hide a character in an id.
//!
//! The data itself is kept verbatim: a quotation is quoted as the source has it, saving writes
//! it back unchanged, and JSON output escapes what JSON must.

use std::fmt;

/// Whether a character is shown as an escape: a control character (C0, DEL, C1) or an
/// invisible formatting character (soft hyphen, zero-width characters, bidirectional
/// controls, line and paragraph separators, the byte-order mark).
pub(crate) fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// A text shown with its hidden characters escaped; the rest as it is.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Visible<'a>(pub &'a str);

impl fmt::Display for Visible<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(is_hidden) {
            let (shown, hidden) = rest.split_at(at);
            f.write_str(shown)?;
            let mut chars = hidden.chars();
            if let Some(c) = chars.next() {
                match c {
                    '\n' => f.write_str("\\n")?,
                    '\r' => f.write_str("\\r")?,
                    '\t' => f.write_str("\\t")?,
                    _ => write!(f, "{}", c.escape_unicode())?,
                }
            }
            rest = chars.as_str();
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped_and_the_rest_kept() {
        let text = "Шуша\u{1b}[31m red\u{7}\n\tdone\u{202e}olleh\u{200b}";
        assert_eq!(
            Visible(text).to_string(),
            "Шуша\\u{1b}[31m red\\u{7}\\n\\tdone\\u{202e}olleh\\u{200b}"
        );
        assert_eq!(Visible("plain \"text\"").to_string(), "plain \"text\"");
        assert!(!Visible("\u{85}\u{9b}").to_string().chars().any(is_hidden));
    }
}
