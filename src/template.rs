//! Note templates (`templates/*.toml`): per status its label, meaning and
//! template lines whose `[bracketed slots]` the composer asks for one at a
//! time. Parsing and filling are pure.

use crate::assets::DataError;
use crate::note::{Lang, Status};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Where a template line comes from: the seed guidance word for word, ours,
/// or the user's or team's own (the default in their files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Seed,
    Statusnote,
    #[default]
    Own,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    pub question: String,
    pub hint: String,
    pub example: String,
    /// An optional slot left empty is dropped with its sentence punctuation.
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Names the line so a later layer can replace it. Lines without one
    /// are numbered per status: `blocked-1`, `blocked-2`, ...
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub source: Source,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusTemplates {
    pub id: String,
    /// Required in the built-in files; a layer may leave them out.
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub template: Vec<Template>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateSet {
    pub lang: String,
    #[serde(default)]
    pub status: Vec<StatusTemplates>,
    #[serde(default)]
    pub slot: BTreeMap<String, Slot>,
}

/// A piece of a template line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Slot(&'a str),
}

impl Template {
    /// Splits the line into literal text and `[slot]` names.
    pub fn segments(&self) -> Vec<Segment<'_>> {
        let mut out = Vec::new();
        let mut rest = self.text.as_str();
        while let Some(open) = rest.find('[') {
            let Some(len) = rest[open + 1..].find(']') else { break };
            if open > 0 {
                out.push(Segment::Text(&rest[..open]));
            }
            out.push(Segment::Slot(&rest[open + 1..open + 1 + len]));
            rest = &rest[open + len + 2..];
        }
        if !rest.is_empty() {
            out.push(Segment::Text(rest));
        }
        out
    }

    /// Slot names in order of appearance, each once.
    pub fn slot_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for s in self.segments() {
            if let Segment::Slot(n) = s {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        names
    }

    /// The note with `answers` in place. A slot without an answer stays as
    /// `[name]` (the linter flags it), except an optional one, which is
    /// dropped together with the sentence mark and space that followed it.
    pub fn fill(&self, answers: &BTreeMap<String, String>, slots: &BTreeMap<String, Slot>) -> String {
        let mut out = String::new();
        let mut drop_punct = false;
        // The last answer put in ended in Japanese: a space after it goes
        // if Japanese follows too (「対応していない ため」 reads as a typo).
        let mut after_japanese = false;
        let mut last_answer: Option<&str> = None;
        for seg in self.segments() {
            match seg {
                Segment::Text(t) => {
                    let mut t =
                        if drop_punct { t.trim_start_matches(['。', '.', '、', ',']).trim_start() } else { t };
                    if after_japanese {
                        if let Some(rest) = t.strip_prefix(' ').filter(|r| r.chars().next().is_some_and(tight)) {
                            t = rest;
                        }
                    }
                    // 「3回」 typed into 「[連絡した回数] 回連絡」: the counter
                    // is already there, so the template's goes.
                    let unit = last_answer.map_or(0, |a| repeated_unit(a, t));
                    t = &t[unit..];
                    if unit > 0 && last_answer.is_some_and(|a| a.chars().next_back().is_some_and(tight)) {
                        t = t.trim_start_matches(' ');
                    }
                    // An answer that ended a sentence: the next one starts
                    // with a capital.
                    if ends_sentence(&out) {
                        let lead = t.len() - t.trim_start().len();
                        out.push_str(&t[..lead]);
                        push_capitalised(&mut out, &t[lead..]);
                    } else {
                        out.push_str(t);
                    }
                    drop_punct = false;
                    after_japanese = false;
                    last_answer = None;
                }
                Segment::Slot(name) => {
                    let answer = answers.get(name).map(|a| a.trim()).unwrap_or("");
                    after_japanese = false;
                    if !answer.is_empty() {
                        // 「お客様は パイロット」: the template's space goes
                        // between two Japanese words.
                        if answer.chars().next().is_some_and(tight) && out.ends_with(' ') {
                            let before = out[..out.len() - 1].chars().next_back();
                            if before.is_some_and(tight) {
                                out.pop();
                            }
                        }
                        // "[managed or unmanaged] account." starts a sentence.
                        if out.trim_end().is_empty() || ends_sentence(&out) {
                            push_capitalised(&mut out, answer);
                        } else {
                            out.push_str(answer);
                        }
                        after_japanese = answer.chars().next_back().is_some_and(tight);
                        last_answer = Some(answer);
                    } else if slots.get(name).is_some_and(|s| s.optional) {
                        drop_punct = true;
                    } else {
                        out.push('[');
                        out.push_str(name);
                        out.push(']');
                    }
                }
            }
        }
        out.trim_end().to_string()
    }
}

/// True when `out` ends a sentence (". ", "? ", "!"): what follows starts
/// with a capital. Japanese needs no capitals, so 。 is not checked.
fn ends_sentence(out: &str) -> bool {
    let t = out.trim_end();
    t.len() < out.len() && t.ends_with(['.', '!', '?'])
}

/// Pushes `s` with its first letter upper-cased (Latin letters only).
fn push_capitalised(out: &mut String, s: &str) {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() && c.is_ascii() => {
            out.extend(c.to_uppercase());
            out.push_str(chars.as_str());
        }
        _ => out.push_str(s),
    }
}

/// Bytes at the start of `next` that repeat the unit the answer before it
/// ended with: a number then a counter or unit word ("3回" before 「回連絡」,
/// "3 attempts" before " attempts by email"). 0 when nothing repeats.
fn repeated_unit(answer: &str, next: &str) -> usize {
    let lead = next.len() - next.trim_start().len();
    let rest = &next[lead..];
    // The answer's tail after its last digit is the unit it gave.
    let Some((at, d)) = answer.char_indices().rev().find(|&(_, c)| c.is_ascii_digit() || ('０'..='９').contains(&c))
    else {
        return 0;
    };
    let unit = answer[at + d.len_utf8()..].trim();
    if unit.is_empty() || unit.chars().count() > 24 {
        return 0;
    }
    let whole_word = |end: usize| rest[end..].chars().next().is_none_or(|c| !c.is_ascii_alphanumeric());
    if rest.starts_with(unit) && (!unit.is_ascii() || whole_word(unit.len())) {
        return lead + unit.len();
    }
    // "3 attempts" before "contact attempts by": the template's phrase ends
    // with the answer's unit word within its first words.
    let Some(last) = unit.split_whitespace().next_back().filter(|w| w.is_ascii()) else { return 0 };
    let mut end = 0;
    for word in rest.split_inclusive(' ').take(3) {
        end += word.len();
        if word.trim_end().trim_end_matches([',', '.']) == last {
            return lead + rest[..end].trim_end().len();
        }
    }
    0
}

/// Characters that take no space beside each other: kana, kanji and
/// Japanese punctuation. (Latin words keep their spaces: 「Outlook から」.)
fn tight(c: char) -> bool {
    crate::note::is_japanese_char(c) || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}')
}

impl TemplateSet {
    /// Parses a template file and checks it: the language it claims, all five
    /// statuses with their label and meaning, and a definition for every
    /// slot a line uses.
    pub fn from_toml(src: &str, lang: Lang) -> Result<TemplateSet, DataError> {
        let mut set = TemplateSet::parse_checked(src, lang, &BTreeMap::new())?;
        for want in Status::ALL {
            match set.status.iter().find(|s| s.id == want.id()) {
                None => return Err(DataError::invalid(format!("no templates for status `{want}`"))),
                Some(st) if st.label.trim().is_empty() || st.description.trim().is_empty() => {
                    return Err(DataError::at(
                        src,
                        src.find(&format!("\"{}\"", st.id)).unwrap_or(0),
                        format!("status `{want}` needs a label and a description"),
                    ));
                }
                Some(_) => {}
            }
        }
        set.number_lines();
        Ok(set)
    }

    /// Parses a layer (a user's or team's file, the same schema, holding only
    /// what it adds or replaces). `base` is the set it will lie over: its
    /// slots may be used without being defined again.
    pub fn layer_from_toml(src: &str, lang: Lang, base: &TemplateSet) -> Result<TemplateSet, DataError> {
        TemplateSet::parse_checked(src, lang, &base.slot)
    }

    /// The language of a template file, read from its `lang` key.
    pub fn lang_of(src: &str) -> Result<Lang, DataError> {
        #[derive(Deserialize)]
        struct Head {
            lang: Option<String>,
        }
        // Other keys are checked by the full parse; here only `lang` matters.
        let head: Head = toml::from_str(src).unwrap_or(Head { lang: None });
        match head.lang.as_deref().and_then(Lang::from_code) {
            Some(l) => Ok(l),
            None => Err(DataError::at(
                src,
                src.find("lang").unwrap_or(0),
                "expected lang = \"ja\" or lang = \"en\" at the top of the file",
            )),
        }
    }

    fn parse_checked(src: &str, lang: Lang, known_slots: &BTreeMap<String, Slot>) -> Result<TemplateSet, DataError> {
        let set: TemplateSet = crate::assets::parse_toml(src)?;
        let find = |needle: &str| src.find(needle).unwrap_or(0);
        if Lang::from_code(&set.lang) != Some(lang) {
            return Err(DataError::at(
                src,
                find("lang"),
                format!("expected lang = \"{}\", found \"{}\"", lang, set.lang),
            ));
        }
        for st in &set.status {
            if Status::from_id(&st.id).is_none() {
                return Err(DataError::at(
                    src,
                    find(&format!("\"{}\"", st.id)),
                    format!(
                        "unknown status `{}` (expected one of: in-progress, blocked, no-intent, unknown, duplicate-invalid)",
                        st.id
                    ),
                ));
            }
        }
        for t in set.status.iter().flat_map(|s| &s.template) {
            for name in t.slot_names() {
                if !set.slot.contains_key(name) && !known_slots.contains_key(name) {
                    return Err(DataError::at(
                        src,
                        find(&t.text),
                        format!("slot `[{name}]` has no [slot.\"{name}\"] definition"),
                    ));
                }
            }
        }
        Ok(set)
    }

    /// Gives every line without an id its number within its status.
    fn number_lines(&mut self) {
        for st in &mut self.status {
            for (i, t) in st.template.iter_mut().enumerate() {
                if t.id.is_empty() {
                    t.id = format!("{}-{}", st.id, i + 1);
                }
            }
        }
    }

    /// Lays `layer` over this set: a status's label and meaning when the
    /// layer gives them, a line with a known id replaced in place, other
    /// lines added after the status's own, slots added or replaced by name.
    /// Returns the ids of the lines the layer gave, in order, with whether
    /// each replaced one.
    pub fn overlay(&mut self, layer: TemplateSet) -> Vec<(String, bool)> {
        let mut touched = Vec::new();
        for lst in layer.status {
            let Some(st) = self.status.iter_mut().find(|s| s.id == lst.id) else { continue };
            if !lst.label.trim().is_empty() {
                st.label = lst.label;
            }
            if !lst.description.trim().is_empty() {
                st.description = lst.description;
            }
            for mut t in lst.template {
                if t.id.is_empty() {
                    t.id = format!("{}-{}", st.id, st.template.len() + 1);
                }
                match st.template.iter_mut().find(|o| o.id == t.id) {
                    Some(old) => {
                        touched.push((t.id.clone(), true));
                        *old = t;
                    }
                    None => {
                        touched.push((t.id.clone(), false));
                        st.template.push(t);
                    }
                }
            }
        }
        self.slot.extend(layer.slot);
        touched
    }

    pub fn for_status(&self, status: Status) -> Option<&StatusTemplates> {
        self.status.iter().find(|s| s.id == status.id())
    }

    pub fn slot_names(&self) -> impl Iterator<Item = &str> {
        self.slot.keys().map(String::as_str)
    }

    /// The embedded templates, parsed once per process. They are tested
    /// data (tests/data.rs), so failing here is a bug.
    pub fn shared(lang: Lang) -> &'static TemplateSet {
        static JA: std::sync::OnceLock<TemplateSet> = std::sync::OnceLock::new();
        static EN: std::sync::OnceLock<TemplateSet> = std::sync::OnceLock::new();
        let cell = if lang == Lang::Ja { &JA } else { &EN };
        cell.get_or_init(|| TemplateSet::builtin(lang).unwrap_or_else(|e| panic!("{e}")))
    }

    /// The embedded templates for a language.
    pub fn builtin(lang: Lang) -> Result<TemplateSet, DataError> {
        let (file, src) = match lang {
            Lang::Ja => crate::assets::TEMPLATES_JA,
            Lang::En => crate::assets::TEMPLATES_EN,
        };
        TemplateSet::from_toml(src, lang).map_err(|e| e.in_file(file))
    }
}
