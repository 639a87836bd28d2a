//! JSON for terminals and pipes: serde_json's output, with the characters
//! it leaves raw but a terminal acts on (C1 controls, U+2028/2029, bidi
//! marks such as U+202E) written as `\\uXXXX` escapes. The JSON means the
//! same; only a reader that prints it raw is safer.

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter, Serializer};
use std::io::{self, Write};

fn needs_escape(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}') || crate::text::is_unsafe(c)
}

/// False when `s` holds no character `needs_escape` names: each of them
/// starts with one of these bytes (DEL, then the lead bytes of U+0080-009F,
/// U+061C and U+2000-206F; serde_json escapes C0 itself). One vectorised
/// pass: most notes have none of them.
pub fn may_need_escape(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3(0x7f, 0xc2, 0xd8, b).is_some() || memchr::memchr(0xe2, b).is_some()
}

/// A formatter that escapes what `needs_escape` names and hands everything
/// else to the compact or pretty formatter it wraps.
struct Safe<F>(F);

impl<F: Formatter> Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        // Every character `needs_escape` names starts with one of these
        // bytes (DEL, then the lead bytes of U+0080-009F, U+061C and
        // U+2000-206F; serde_json escapes C0 itself, outside fragments):
        // most notes have none, and a vectorised search skips the char walk.
        if !may_need_escape(fragment) {
            return w.write_all(fragment.as_bytes());
        }
        let mut from = 0;
        for (i, c) in fragment.char_indices() {
            if needs_escape(c) {
                w.write_all(&fragment.as_bytes()[from..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(w, "\\u{u:04x}")?;
                }
                from = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[from..])
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `serde_json::to_writer`, terminal-safe.
pub fn to_writer<W: Write, T: ?Sized + Serialize>(w: W, value: &T) -> io::Result<()> {
    value.serialize(&mut Serializer::with_formatter(w, Safe(CompactFormatter))).map_err(io::Error::other)
}

/// `serde_json::to_writer_pretty`, terminal-safe.
pub fn to_writer_pretty<W: Write, T: ?Sized + Serialize>(w: W, value: &T) -> io::Result<()> {
    value.serialize(&mut Serializer::with_formatter(w, Safe(PrettyFormatter::new()))).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_and_bidi_marks_are_escaped_and_mean_the_same() {
        let s = "a\u{85}b\u{9b}[2Jc\u{202e}d\u{2028}e\u{1b}f 現在";
        let mut out = Vec::new();
        to_writer(&mut out, &serde_json::json!({ "note": s })).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, r#"{"note":"a\u0085b\u009b[2Jc\u202ed\u2028e\u001bf 現在"}"#);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["note"], s);
    }
}
