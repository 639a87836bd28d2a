//! A small text buffer for the note and the prompts: the cursor moves by
//! grapheme cluster (so 👩‍💻 and が are one step), readline kill keys
//! delete, Ctrl-Z undoes (and brings killed text back), and soft-wrapped
//! rows are measured with the same width function the view draws with.

use crate::text::{char_width, visible_char};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editor {
    text: String,
    /// Byte offset, always on a grapheme boundary.
    cursor: usize,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The last edit was typing; consecutive typing undoes as one step.
    typing: bool,
    single_line: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Snapshot {
    text: String,
    cursor: usize,
}

/// How many undo steps are kept (a note is short; this is plenty).
const UNDO_LIMIT: usize = 500;

impl Editor {
    pub fn new(text: &str) -> Editor {
        let mut e = Editor::default();
        e.text = clean(text, false);
        e.cursor = e.text.len();
        e
    }

    /// A one-line field (tenant, search): newlines typed or pasted become spaces.
    pub fn single_line(text: &str) -> Editor {
        let mut e = Editor::new(&clean(text, true));
        e.single_line = true;
        e
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn set_text(&mut self, text: &str) {
        self.checkpoint(false);
        self.text = clean(text, self.single_line);
        self.cursor = self.text.len();
    }

    fn checkpoint(&mut self, typing: bool) {
        if typing && self.typing {
            return;
        }
        self.undo.push(Snapshot { text: self.text.clone(), cursor: self.cursor });
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.typing = typing;
    }

    fn end_typing(&mut self) {
        self.typing = false;
    }

    /// Inserts typed or pasted text. Control characters are dropped (a paste
    /// can never carry an escape sequence into the note), CR LF becomes LF,
    /// tabs become spaces.
    pub fn insert(&mut self, s: &str) {
        let s = clean(s, self.single_line);
        if s.is_empty() {
            return;
        }
        let typing = s.chars().count() == 1 && !s.contains(char::is_whitespace);
        self.checkpoint(typing);
        self.text.insert_str(self.cursor, &s);
        self.cursor += s.len();
        // Typed before a combining mark, the new letter and the mark are now
        // one grapheme: keep the cursor after the whole cluster.
        if !self.on_boundary(self.cursor) {
            self.cursor = self.next_boundary(self.prev_boundary(self.cursor));
        }
    }

    fn on_boundary(&self, at: usize) -> bool {
        at == self.text.len() || self.text.grapheme_indices(true).any(|(i, _)| i == at)
    }

    fn prev_boundary(&self, at: usize) -> usize {
        self.text[..at].grapheme_indices(true).next_back().map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, at: usize) -> usize {
        self.text[at..].graphemes(true).next().map_or(at, |g| at + g.len())
    }

    fn delete(&mut self, r: Range<usize>) -> bool {
        if r.is_empty() {
            return false;
        }
        self.checkpoint(false);
        self.text.replace_range(r.clone(), "");
        // Deleting can join what was apart into one grapheme ("a" + "\n" +
        // a combining mark becomes "a" with the mark): keep the cursor on a
        // boundary, before the joined cluster.
        self.cursor = r.start;
        if !self.on_boundary(self.cursor) {
            self.cursor = self.prev_boundary(self.cursor);
        }
        self.end_typing();
        true
    }

    pub fn backspace(&mut self) -> bool {
        let p = self.prev_boundary(self.cursor);
        self.delete(p..self.cursor)
    }

    pub fn delete_forward(&mut self) -> bool {
        let n = self.next_boundary(self.cursor);
        self.delete(self.cursor..n)
    }

    pub fn left(&mut self) {
        self.cursor = self.prev_boundary(self.cursor);
        self.end_typing();
    }

    pub fn right(&mut self) {
        self.cursor = self.next_boundary(self.cursor);
        self.end_typing();
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.cursor..].find('\n').map_or(self.text.len(), |i| self.cursor + i)
    }

    pub fn home(&mut self) {
        self.cursor = self.line_start();
        self.end_typing();
    }

    pub fn end(&mut self) {
        self.cursor = self.line_end();
        self.end_typing();
    }

    /// Start of the word before the cursor (Alt-B, Ctrl-W): Unicode word
    /// boundaries, so Japanese moves by script run rather than whole lines.
    fn word_back(&self) -> usize {
        let mut at = self.cursor;
        for (i, w) in self.text[..self.cursor].split_word_bound_indices().rev() {
            at = i;
            if !w.trim().is_empty() && !w.chars().all(|c| c.is_ascii_punctuation()) {
                break;
            }
        }
        at
    }

    fn word_forward(&self) -> usize {
        let mut at = self.cursor;
        for (i, w) in self.text[self.cursor..].split_word_bound_indices() {
            at = self.cursor + i + w.len();
            if !w.trim().is_empty() && !w.chars().all(|c| c.is_ascii_punctuation()) {
                break;
            }
        }
        at
    }

    pub fn word_left(&mut self) {
        self.cursor = self.word_back();
        self.end_typing();
    }

    pub fn word_right(&mut self) {
        self.cursor = self.word_forward();
        self.end_typing();
    }

    /// Ctrl-W: delete the word before the cursor.
    pub fn kill_word(&mut self) -> bool {
        let s = self.word_back();
        self.delete(s..self.cursor)
    }

    /// Ctrl-U: delete to the start of the line.
    pub fn kill_to_start(&mut self) -> bool {
        let s = self.line_start();
        self.delete(s..self.cursor)
    }

    /// Ctrl-K: delete to the end of the line (or the newline itself at its end).
    pub fn kill_to_end(&mut self) -> bool {
        let e = self.line_end();
        let e = if e == self.cursor { self.next_boundary(e) } else { e };
        self.delete(self.cursor..e)
    }

    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some(s) => {
                self.redo.push(Snapshot { text: std::mem::take(&mut self.text), cursor: self.cursor });
                self.text = s.text;
                self.cursor = s.cursor;
                self.typing = false;
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        match self.redo.pop() {
            Some(s) => {
                self.undo.push(Snapshot { text: std::mem::take(&mut self.text), cursor: self.cursor });
                self.text = s.text;
                self.cursor = s.cursor;
                self.typing = false;
                true
            }
            None => false,
        }
    }

    /// Moves to the same display column on the soft-wrapped row above or
    /// below (rows as `wrap` lays them out for `width`).
    pub fn vertical(&mut self, width: u16, down: bool) {
        let rows = wrap(&self.text, width);
        let (row, col) = cursor_position(&self.text, &rows, self.cursor);
        let target = if down { row + 1 } else { row.wrapping_sub(1) };
        let Some(r) = rows.get(target) else {
            self.cursor = if down { self.text.len() } else { 0 };
            return;
        };
        let mut x = 0;
        let mut at = r.start;
        for (i, g) in self.text[r.clone()].grapheme_indices(true) {
            let w = g.chars().map(char_width).sum::<usize>();
            if x + w > col as usize {
                break;
            }
            x += w;
            at = r.start + i + g.len();
        }
        self.cursor = at;
        self.end_typing();
    }
}

/// Normalises text entering the buffer: CR LF and CR to LF, tab to a space,
/// other control characters dropped; in one-line fields, newlines to spaces.
fn clean(s: &str, single_line: bool) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter_map(|c| match c {
            '\n' if single_line => Some(' '),
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Soft-wraps `text` into rows no wider than `width` display columns,
/// breaking at spaces where a Latin word would be cut, anywhere between
/// graphemes otherwise (Japanese has no spaces). Rows are byte ranges;
/// a newline ends a row and belongs to none.
pub fn wrap(text: &str, width: u16) -> Vec<Range<usize>> {
    let width = usize::from(width.max(2));
    wrap_rows(text, |_| width)
}

/// `wrap` with a width per row: `width_of(n)` is the room on row `n`
/// (lists indent the rows after an item's first).
pub fn wrap_rows(text: &str, width_of: impl Fn(usize) -> usize) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let base = line_start;
        line_start += line.len() + 1;
        let mut start = 0;
        let mut x = 0;
        let mut last_space: Option<usize> = None;
        for (i, g) in line.grapheme_indices(true) {
            let w = g.chars().map(|c| char_width(visible_char(c))).sum::<usize>();
            if x + w > width_of(rows.len()) && i > start {
                // Latin words move whole to the next row; Japanese (wide)
                // text breaks anywhere, so it never carries a long tail.
                let cut = match last_space {
                    Some(sp) if sp > start && w < 2 => sp,
                    _ => i,
                };
                rows.push(base + start..base + cut);
                start = cut;
                x = line[start..i].chars().map(char_width).sum();
                last_space = None;
            }
            x += w;
            if g == " " {
                last_space = Some(i + 1);
            }
        }
        rows.push(base + start..base + line.len());
    }
    rows
}

/// The (row, display column) of byte offset `cursor` in wrapped rows. A
/// cursor at the very end of a full row stays at that row's end.
pub fn cursor_position(text: &str, rows: &[Range<usize>], cursor: usize) -> (usize, u16) {
    for (i, r) in rows.iter().enumerate() {
        let next_starts_here = rows.get(i + 1).is_some_and(|n| n.start == cursor && n.start == r.end);
        if cursor >= r.start && cursor <= r.end && !next_starts_here {
            let col: usize = text[r.start..cursor].chars().map(char_width).sum();
            return (i, col as u16);
        }
    }
    (rows.len().saturating_sub(1), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_by_grapheme() {
        let mut e = Editor::new("a👩‍💻がb");
        e.left();
        e.left();
        assert_eq!(&e.text()[e.cursor()..], "がb");
        e.backspace();
        assert_eq!(e.text(), "aがb");
        assert!(e.undo());
        assert_eq!(e.text(), "a👩‍💻がb");
    }

    #[test]
    fn typing_undoes_as_one_step_and_kills_come_back() {
        let mut e = Editor::new("");
        for c in ["お", "客", "様"] {
            e.insert(c);
        }
        e.insert(" ");
        e.insert("x");
        assert!(e.undo());
        assert!(e.undo());
        assert!(e.undo());
        assert_eq!(e.text(), "");
        assert!(e.redo());
        assert_eq!(e.text(), "お客様");
        e.kill_to_start();
        assert_eq!(e.text(), "");
        e.undo();
        assert_eq!(e.text(), "お客様");
    }

    #[test]
    fn typing_before_a_combining_mark_keeps_the_cursor_on_a_boundary() {
        let mut e = Editor::new("\u{301}");
        e.home();
        e.insert("e");
        assert_eq!(e.text(), "e\u{301}");
        assert_eq!(e.cursor(), e.text().len());
    }

    #[test]
    fn paste_drops_controls() {
        let mut e = Editor::new("");
        e.insert("a\x1b[2Jb\r\nc\td");
        assert_eq!(e.text(), "a[2Jb\nc d");
        let mut s = Editor::single_line("");
        s.insert("x\ny");
        assert_eq!(s.text(), "x y");
    }

    #[test]
    fn wraps_by_display_width() {
        let rows = wrap("日本語のテキスト", 6);
        let t = "日本語のテキスト";
        let parts: Vec<&str> = rows.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(parts, ["日本語", "のテキ", "スト"]);
        let t = "hello big world";
        let parts: Vec<&str> = wrap(t, 10).iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(parts, ["hello big ", "world"]);
        assert_eq!(cursor_position("日本語のテキスト", &wrap("日本語のテキスト", 6), 9), (1, 0));
    }
}
