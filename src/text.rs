//! Text geometry shared by the engine, the CLI and the composer: byte spans to
//! line:column, display width, sentence and clause boundaries, and making
//! control characters visible. One place, so widths never disagree.

use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// 1-based line and column (in characters) of a byte offset. Offsets inside a
/// character or past the end are clamped.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let byte = floor_char_boundary(text, byte);
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

pub fn floor_char_boundary(text: &str, mut byte: usize) -> usize {
    if byte >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// Display width of one character as the terminal draws it; control
/// characters count as the one-cell picture `visible` replaces them with.
pub fn char_width(c: char) -> usize {
    if c.is_control() { 1 } else { c.width().unwrap_or(0) }
}

pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Replaces control characters with their Unicode "control picture" (U+2400
/// block) so that a pasted escape sequence is shown, never executed.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(visible_char).collect())
}

pub fn visible_char(c: char) -> char {
    match c as u32 {
        0x00..=0x1F => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        0x7F => '\u{2421}',
        _ if is_unsafe(c) => '\u{FFFD}',
        _ => c,
    }
}

/// Characters a terminal must not be handed as they are: controls (C0, DEL,
/// C1: escape sequences) and the invisible bidirectional marks that make
/// text read in another order than it is (U+202E "Trojan Source").
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `visible`, and at most `max` characters of it, with … when cut: for
/// echoing input that may be huge (a 10 MB CSV header).
pub fn visible_capped(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).map(visible_char).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// Ends a sentence wherever it appears.
fn is_hard_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '．' | '\n')
}

/// Closing marks that belong to the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '」' | '』' | '）' | ')' | '"' | '\'' | '”' | '’' | '】' | ']' | '。' | '！' | '？' | '!' | '?' | '．' | '.'
    )
}

/// Splits `text` into trimmed sentence ranges. A full stop ends a sentence
/// only before whitespace, the end, or Japanese text, and not when it closes
/// one of `abbrev_ends` (byte offsets just past "e.g." and the like), so
/// "0.0%", "v1.2" and "e.g. Teams" stay whole.
pub fn sentences(text: &str, abbrev_ends: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let ends = if is_hard_terminator(c) {
            true
        } else if c == '.' {
            let after = i + 1;
            let at_break = next.is_none_or(|n| n.is_whitespace() || crate::note::is_japanese_char(n));
            // "J. Whitfield": an initial, not the end of a sentence.
            let mut back = text[..i].chars().rev();
            let initial =
                back.next().is_some_and(|p| p.is_ascii_uppercase()) && back.next().is_none_or(|p| !p.is_alphanumeric());
            at_break && !initial && !abbrev_ends.contains(&after)
        } else {
            false
        };
        if ends {
            let mut end = i + c.len_utf8();
            if c != '\n' {
                while let Some(&(j, n)) = iter.peek() {
                    if is_closer(n) {
                        end = j + n.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
            }
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn is_clause_separator(c: char) -> bool {
    // Arrows and full-width slashes join the terse clauses of shorthand
    // notes: 「音声途切れ→プロキシが遮断／FW 例外申請中 → 展開停止」.
    matches!(c, '、' | '，' | ',' | ';' | '；' | ':' | '：' | '\u{2014}' | '･' | '→' | '⇒' | '／')
}

/// Splits one sentence range into clause ranges at commas, semicolons and
/// colons (Japanese and ASCII). A colon between digits ("10:30") is no break.
pub fn clauses(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let s = &text[sentence.clone()];
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let digits_around = prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        // " - " and " – " between words: "Blocked - Zscaler inspects SSL".
        let spaced_dash = matches!(c, '-' | '–') && prev == Some(' ') && next == Some(' ');
        if (is_clause_separator(c) && !digits_around) || spaced_dash {
            push_trimmed(text, sentence.start + start..sentence.start + i, &mut out);
            start = i + c.len_utf8();
        }
        prev = Some(c);
    }
    push_trimmed(text, sentence.start + start..sentence.end, &mut out);
    out
}

/// Trims whitespace (including the ideographic space) and trailing sentence
/// punctuation from a range; pushes it if anything is left.
fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let t = trim_range(text, r);
    if !t.is_empty() {
        out.push(t);
    }
}

pub fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    r.start + lead..r.start + lead + body.len()
}

/// Like `trim_range`, and also drops sentence marks at the end, so a reason
/// span reads "technical issues", not "technical issues.".
pub fn trim_punct(text: &str, r: Range<usize>) -> Range<usize> {
    let t = trim_range(text, r);
    let body = text[t.clone()].trim_end_matches(['。', '．', '.', '!', '?', '！', '？', '、', ',']);
    trim_range(text, t.start..t.start + body.len())
}

/// FNV-1a: a small stable hash for draft fingerprints and n-gram keys.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// A fast hasher for the engine's small keys (words, gram ids). SipHash's
/// protection against crafted keys buys nothing for data we ship.
#[derive(Clone, Copy)]
pub struct FastHasher(u64);

impl Default for FastHasher {
    fn default() -> FastHasher {
        FastHasher(FNV_OFFSET)
    }
}

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        // Fold the high bits down: the map takes its bucket from the low bits.
        self.0 ^ (self.0 >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a(self.0, bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub type FastBuild = std::hash::BuildHasherDefault<FastHasher>;

pub fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Unicode categories the engine weighs as content. Hiragana is mostly
/// grammar, so it is not content; kanji, katakana, Latin letters and digits are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    Kanji,
    Katakana,
    Latin,
    Digit,
    Other,
}

pub fn char_class(c: char) -> CharClass {
    match c {
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '々' => CharClass::Kanji,
        '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' => {
            if c == '・' {
                CharClass::Other
            } else {
                CharClass::Katakana
            }
        }
        '0'..='9' | '０'..='９' => CharClass::Digit,
        // Hiragana is grammar (particles, endings), and CJK punctuation is none.
        '\u{3000}'..='\u{309F}' => CharClass::Other,
        c if c.is_alphabetic() => CharClass::Latin,
        _ => CharClass::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, &[]).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn japanese_and_english_sentences() {
        assert_eq!(split("進行中。お客様です。"), ["進行中。", "お客様です。"]);
        assert_eq!(split("Usage 0.0% today. Version 1.2 works."), ["Usage 0.0% today.", "Version 1.2 works."]);
        assert_eq!(split("「はい」と言った。次"), ["「はい」と言った。", "次"]);
        assert_eq!(split("  "), Vec::<&str>::new());
    }

    #[test]
    fn abbreviations_do_not_split() {
        let t = "Apps, e.g. Teams, fail. Next.";
        let e = t.find("e.g.").unwrap() + 4;
        let got: Vec<&str> = sentences(t, &[e]).into_iter().map(|r| &t[r]).collect();
        assert_eq!(got, ["Apps, e.g. Teams, fail.", "Next."]);
    }

    #[test]
    fn clause_split_keeps_times() {
        let t = "Meeting at 10:30, then lunch; done";
        let got: Vec<&str> = clauses(t, 0..t.len()).into_iter().map(|r| &t[r]).collect();
        assert_eq!(got, ["Meeting at 10:30", "then lunch", "done"]);
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("あい\nうえお", 10), (2, 2));
        assert_eq!(line_col("あい\nうえお", 9), (2, 1), "inside a character: clamped");
        assert_eq!(line_col("abc", 99), (1, 4));
    }

    #[test]
    fn widths_and_visibility() {
        assert_eq!(display_width("日本a"), 5);
        assert_eq!(visible("a\u{1b}[31m"), "a\u{241b}[31m");
        assert_eq!(display_width("\u{1b}"), 1);
    }
}
