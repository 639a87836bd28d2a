//! Terminal input, decoded from bytes: keys, and bracketed pastes with a
//! bound. crossterm's reader waits for the end of a paste forever, so one
//! stray `ESC[200~` swallowed every key after it, Ctrl-Q included. Here a
//! paste ends at `ESC[201~`, at `MAX_PASTE` bytes, when no byte has come for
//! `PASTE_IDLE_MS`, or `PASTE_MAX_MS` after it began; the keys after it are
//! keys again. Pure: the caller passes bytes and milliseconds.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The most a paste may hold; a note is a few sentences.
pub const MAX_PASTE: usize = 1 << 20;
/// A terminal sends a paste in one burst; a pause this long means no end
/// marker is coming.
pub const PASTE_IDLE_MS: u64 = 300;
/// However it trickles in, a paste ends this long after it began.
pub const PASTE_MAX_MS: u64 = 5000;
/// A lone ESC is the Esc key when nothing follows it within this time.
pub const ESC_MS: u64 = 30;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";
/// A read shorter than this holds whole sequences.
const SHORT_READ: usize = 1024;
/// A control sequence longer than this is garbage, not a key.
const MAX_SEQUENCE: usize = 64;

#[derive(Debug, Default)]
pub struct Decoder {
    /// Bytes of a key sequence not complete yet.
    pending: Vec<u8>,
    /// When `pending` began, for a lone ESC.
    pending_since: u64,
    paste: Option<Paste>,
}

#[derive(Debug)]
struct Paste {
    bytes: Vec<u8>,
    started: u64,
    last: u64,
    /// Already sent, cut at `MAX_PASTE`: the rest is dropped until the
    /// end marker or the time bound, and `bytes` keeps only a tail in
    /// which to find the marker.
    full: bool,
}

impl Decoder {
    /// Decodes `bytes` read at `now_ms`.
    pub fn feed(&mut self, bytes: &[u8], now_ms: u64) -> Vec<Event> {
        let mut out = Vec::new();
        self.expire_paste(now_ms, &mut out);
        if self.pending.is_empty() {
            self.pending_since = now_ms;
        }
        let mut input = std::mem::take(&mut self.pending);
        input.extend_from_slice(bytes);
        self.decode(input, now_ms, &mut out);
        // Terminals write a key's sequence in one go, so an ESC ending a
        // short read is the Esc key (as crossterm decides); only a long
        // read may have cut a sequence, and waits ESC_MS for the rest.
        if self.pending == b"\x1b" && bytes.len() < SHORT_READ {
            self.pending.clear();
            out.push(key(KeyCode::Esc, KeyModifiers::NONE));
        }
        out
    }

    /// Nothing came until `now_ms`: a lone ESC is Esc, an overdue paste ends.
    pub fn idle(&mut self, now_ms: u64) -> Vec<Event> {
        let mut out = Vec::new();
        self.expire_paste(now_ms, &mut out);
        if !self.pending.is_empty() && now_ms.saturating_sub(self.pending_since) >= ESC_MS {
            // What is left cannot complete: an ESC alone, or a cut sequence.
            let rest = std::mem::take(&mut self.pending);
            if rest == b"\x1b" {
                out.push(key(KeyCode::Esc, KeyModifiers::NONE));
            } else if rest[0] == 0x1b && rest.len() == 2 {
                // ESC then one byte that did not complete: Alt-key.
                out.extend(decode_alt(rest[1]));
            }
        }
        out
    }

    /// When `idle` should be called next, if anything is waiting.
    pub fn deadline(&self) -> Option<u64> {
        let paste = self.paste.as_ref().map(|p| (p.last + PASTE_IDLE_MS).min(p.started + PASTE_MAX_MS));
        let esc = (!self.pending.is_empty()).then_some(self.pending_since + ESC_MS);
        match (paste, esc) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn expire_paste(&mut self, now_ms: u64, out: &mut Vec<Event>) {
        let overdue = self.paste.as_ref().is_some_and(|p| {
            now_ms.saturating_sub(p.last) >= PASTE_IDLE_MS || now_ms.saturating_sub(p.started) >= PASTE_MAX_MS
        });
        if overdue {
            self.end_paste(out);
        }
    }

    fn end_paste(&mut self, out: &mut Vec<Event>) {
        if let Some(p) = self.paste.take() {
            if !p.full && !p.bytes.is_empty() {
                out.push(Event::Paste(String::from_utf8_lossy(&p.bytes).into_owned()));
            }
        }
    }

    fn decode(&mut self, input: Vec<u8>, now_ms: u64, out: &mut Vec<Event>) {
        let mut at = 0;
        while at < input.len() {
            if let Some(p) = &mut self.paste {
                // Look for the end marker in the new bytes and the few before.
                let from = p.bytes.len().saturating_sub(PASTE_END.len() - 1);
                p.bytes.extend_from_slice(&input[at..]);
                p.last = now_ms;
                if let Some(i) = find(&p.bytes[from..], PASTE_END) {
                    let end = from + i;
                    // Bytes after the marker are keys again.
                    let rest = p.bytes.split_off(end + PASTE_END.len());
                    p.bytes.truncate(end);
                    self.end_paste(out);
                    return self.decode(rest, now_ms, out);
                }
                if !p.full && p.bytes.len() >= MAX_PASTE {
                    out.push(Event::Paste(String::from_utf8_lossy(&p.bytes[..MAX_PASTE]).into_owned()));
                    p.full = true;
                }
                if p.full {
                    let tail = p.bytes.len().saturating_sub(PASTE_END.len() - 1);
                    p.bytes.drain(..tail);
                }
                return;
            }
            match decode_key(&input[at..]) {
                Step::Event(ev, n) => {
                    out.extend(ev);
                    at += n;
                }
                Step::PasteStart(n) => {
                    at += n;
                    self.paste = Some(Paste { bytes: Vec::new(), started: now_ms, last: now_ms, full: false });
                }
                Step::Incomplete => {
                    self.pending = input[at..].to_vec();
                    return;
                }
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

enum Step {
    /// An event (or nothing, for bytes that mean no key) and bytes used.
    Event(Option<Event>, usize),
    PasteStart(usize),
    Incomplete,
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new_with_kind(code, mods, KeyEventKind::Press))
}

fn char_key(c: char, mods: KeyModifiers) -> Event {
    // As crossterm reports them: an upper-case letter carries Shift.
    let mods = if c.is_ascii_uppercase() { mods | KeyModifiers::SHIFT } else { mods };
    key(KeyCode::Char(c), mods)
}

/// A single byte as a key, the way terminals send them in raw mode.
fn control(b: u8) -> Option<Event> {
    let ctrl = KeyModifiers::CONTROL;
    Some(match b {
        b'\r' | b'\n' => key(KeyCode::Enter, KeyModifiers::NONE),
        b'\t' => key(KeyCode::Tab, KeyModifiers::NONE),
        0x7f => key(KeyCode::Backspace, KeyModifiers::NONE),
        0x00 => key(KeyCode::Char(' '), ctrl),
        0x01..=0x1a => key(KeyCode::Char((b - 1 + b'a') as char), ctrl),
        0x1c..=0x1f => key(KeyCode::Char((b - 0x1c + b'4') as char), ctrl),
        _ => return None,
    })
}

fn decode_alt(b: u8) -> Option<Event> {
    match control(b) {
        Some(Event::Key(mut k)) => {
            k.modifiers |= KeyModifiers::ALT;
            Some(Event::Key(k))
        }
        _ if b.is_ascii() => Some(char_key(b as char, KeyModifiers::ALT)),
        _ => None,
    }
}

fn decode_key(b: &[u8]) -> Step {
    match b[0] {
        0x1b => decode_escape(b),
        c if c < 0x80 => match control(c) {
            Some(ev) => Step::Event(Some(ev), 1),
            None => Step::Event(Some(char_key(c as char, KeyModifiers::NONE)), 1),
        },
        _ => decode_utf8(b).map_or(Step::Incomplete, |(c, n)| match c {
            Some(c) => Step::Event(Some(char_key(c, KeyModifiers::NONE)), n),
            None => Step::Event(None, n),
        }),
    }
}

/// One UTF-8 character: Some((Some(c), len)), Some((None, 1)) for a bad
/// byte (skipped), None when more bytes are needed.
fn decode_utf8(b: &[u8]) -> Option<(Option<char>, usize)> {
    let len = match b[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Some((None, 1)),
    };
    if b.len() < len {
        // Incomplete unless a byte already shows it is not UTF-8.
        return if b[1..].iter().all(|x| x & 0xc0 == 0x80) { None } else { Some((None, 1)) };
    }
    match std::str::from_utf8(&b[..len]) {
        Ok(s) => Some((s.chars().next(), len)),
        Err(_) => Some((None, 1)),
    }
}

fn decode_escape(b: &[u8]) -> Step {
    let Some(&second) = b.get(1) else { return Step::Incomplete };
    match second {
        b'[' => decode_csi(b),
        b'O' => match b.get(2) {
            None => Step::Incomplete,
            Some(&c) => Step::Event(ss3(c, KeyModifiers::NONE), 3),
        },
        // ESC ESC: the first is the Esc key.
        0x1b => Step::Event(Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
        c if c < 0x80 => Step::Event(decode_alt(c), 2),
        _ => match decode_utf8(&b[1..]) {
            None => Step::Incomplete,
            Some((Some(c), n)) => Step::Event(Some(char_key(c, KeyModifiers::ALT)), 1 + n),
            Some((None, _)) => Step::Event(Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
        },
    }
}

fn ss3(c: u8, mods: KeyModifiers) -> Option<Event> {
    let code = match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(c - b'P' + 1),
        _ => return None,
    };
    Some(key(code, mods))
}

/// `ESC [ params final`: cursor keys, Home/End, Delete, F-keys, Shift-Tab,
/// kitty's `CSI code u`, and the paste start marker.
fn decode_csi(b: &[u8]) -> Step {
    let Some(end) = b[2..].iter().position(|&c| (0x40..=0x7e).contains(&c)).map(|i| i + 2) else {
        // A sequence that never ends is dropped, ESC and all.
        return if b.len() > MAX_SEQUENCE { Step::Event(None, b.len()) } else { Step::Incomplete };
    };
    let used = end + 1;
    if b[..used] == *PASTE_START {
        return Step::PasteStart(used);
    }
    let params: Vec<u32> = std::str::from_utf8(&b[2..end])
        .unwrap_or("")
        .split(';')
        .map(|p| p.split(':').next().unwrap_or("").parse().unwrap_or(1))
        .collect();
    let mods = modifiers(params.get(1).copied().unwrap_or(1));
    let first = params.first().copied().unwrap_or(1);
    let ev = match b[end] {
        b'Z' => Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        b'~' => {
            let code = match first {
                1 | 7 => Some(KeyCode::Home),
                2 => Some(KeyCode::Insert),
                3 => Some(KeyCode::Delete),
                4 | 8 => Some(KeyCode::End),
                5 => Some(KeyCode::PageUp),
                6 => Some(KeyCode::PageDown),
                11..=15 => Some(KeyCode::F((first - 10) as u8)),
                17..=21 => Some(KeyCode::F((first - 11) as u8)),
                23 | 24 => Some(KeyCode::F((first - 12) as u8)),
                _ => None, // 201~ outside a paste, and the unknown
            };
            code.map(|c| key(c, mods))
        }
        b'u' => char::from_u32(first).map(|c| match c {
            '\r' => key(KeyCode::Enter, mods),
            '\t' => key(KeyCode::Tab, mods),
            '\u{7f}' => key(KeyCode::Backspace, mods),
            '\u{1b}' => key(KeyCode::Esc, mods),
            c => key(KeyCode::Char(c), mods),
        }),
        c => ss3(c, mods),
    };
    Step::Event(ev, used)
}

/// xterm's modifier parameter: 1 + (1 shift, 2 alt, 4 ctrl).
fn modifiers(p: u32) -> KeyModifiers {
    let bits = p.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode, mods: KeyModifiers) -> Event {
        key(code, mods)
    }

    #[test]
    fn keys_decode_as_crossterm_reports_them() {
        let mut d = Decoder::default();
        let got = d.feed("a現\r\t\x7f\x11\x1b[A\x1b[1;5D\x1b[3~\x1bOP\x1b[Z\x1bb\x1b[15~Z".as_bytes(), 0);
        let none = KeyModifiers::NONE;
        assert_eq!(
            got,
            [
                k(KeyCode::Char('a'), none),
                k(KeyCode::Char('現'), none),
                k(KeyCode::Enter, none),
                k(KeyCode::Tab, none),
                k(KeyCode::Backspace, none),
                k(KeyCode::Char('q'), KeyModifiers::CONTROL),
                k(KeyCode::Up, none),
                k(KeyCode::Left, KeyModifiers::CONTROL),
                k(KeyCode::Delete, none),
                k(KeyCode::F(1), none),
                k(KeyCode::BackTab, KeyModifiers::SHIFT),
                k(KeyCode::Char('b'), KeyModifiers::ALT),
                k(KeyCode::F(5), none),
                k(KeyCode::Char('Z'), KeyModifiers::SHIFT),
            ]
        );
    }

    #[test]
    fn a_lone_escape_is_esc_after_a_moment_and_split_sequences_join() {
        let mut d = Decoder::default();
        assert_eq!(d.feed(b"\x1b", 0), [k(KeyCode::Esc, KeyModifiers::NONE)]);
        // A long read that ends in an ESC may have cut a sequence.
        let mut long = vec![b'a'; SHORT_READ];
        long.push(0x1b);
        assert_eq!(d.feed(&long, 1).len(), SHORT_READ);
        assert_eq!(d.feed(b"[B", 5), [k(KeyCode::Down, KeyModifiers::NONE)]);
        long.truncate(SHORT_READ);
        long.push(0x1b);
        assert_eq!(d.feed(&long, 10).len(), SHORT_READ);
        assert_eq!(d.deadline(), Some(10 + ESC_MS));
        assert_eq!(d.idle(10 + ESC_MS), [k(KeyCode::Esc, KeyModifiers::NONE)]);
        // A character split across two reads.
        let bytes = "在".as_bytes();
        assert!(d.feed(&bytes[..1], 100).is_empty());
        assert_eq!(d.feed(&bytes[1..], 101), [k(KeyCode::Char('在'), KeyModifiers::NONE)]);
    }

    #[test]
    fn a_paste_is_one_event_even_across_reads() {
        let mut d = Decoder::default();
        assert!(d.feed(b"\x1b[200~line one\r\nli", 0).is_empty());
        let got = d.feed(b"ne two\x1b[20", 1);
        assert!(got.is_empty());
        let got = d.feed(b"1~x", 2);
        assert_eq!(got, [Event::Paste("line one\r\nline two".into()), k(KeyCode::Char('x'), KeyModifiers::NONE)]);
    }

    #[test]
    fn an_unterminated_paste_ends_and_keys_are_keys_again() {
        let mut d = Decoder::default();
        assert!(d.feed(b"\x1b[200~stray", 0).is_empty());
        assert_eq!(d.deadline(), Some(PASTE_IDLE_MS));
        assert_eq!(d.idle(PASTE_IDLE_MS), [Event::Paste("stray".into())]);
        assert_eq!(d.feed(b"\x11", PASTE_IDLE_MS + 1), [k(KeyCode::Char('q'), KeyModifiers::CONTROL)]);
        // Typed steadily, it still ends PASTE_MAX_MS after it began.
        let mut d = Decoder::default();
        d.feed(b"\x1b[200~", 0);
        let mut t = 0;
        let mut got = Vec::new();
        while t <= PASTE_MAX_MS {
            t += 100;
            got.extend(d.feed(b"a", t));
        }
        got.extend(d.feed(b"\x11", t + 1));
        assert!(matches!(got.first(), Some(Event::Paste(_))), "{got:?}");
        assert_eq!(got.last(), Some(&k(KeyCode::Char('q'), KeyModifiers::CONTROL)));
    }

    #[test]
    fn a_paste_over_the_size_bound_is_cut() {
        let mut d = Decoder::default();
        d.feed(b"\x1b[200~", 0);
        let got = d.feed(&vec![b'x'; MAX_PASTE + 10], 1);
        assert!(matches!(&got[..], [Event::Paste(p)] if p.len() == MAX_PASTE), "{}", got.len());
        // The rest of that paste is dropped, not typed as keys...
        assert!(d.feed(b"dy", 2).is_empty());
        assert!(d.feed(b"\x1b[201~", 3).is_empty());
        // ...and after its end marker keys are keys.
        assert_eq!(d.feed(b"y", 4), [k(KeyCode::Char('y'), KeyModifiers::NONE)]);
    }
}
