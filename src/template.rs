//! Note templates (`templates/*.toml`): per status its label, meaning and
//! template lines whose `[bracketed slots]` the composer asks for one at a
//! time. Parsing and filling are pure.

use crate::assets::DataError;
use crate::note::{Lang, Status};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Where a template line comes from: the seed guidance word for word, or ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Seed,
    Statusnote,
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
    pub source: Source,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusTemplates {
    pub id: String,
    pub label: String,
    pub description: String,
    pub template: Vec<Template>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateSet {
    pub lang: String,
    pub status: Vec<StatusTemplates>,
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
                    out.push_str(t);
                    drop_punct = false;
                    after_japanese = false;
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
                        out.push_str(answer);
                        after_japanese = answer.chars().next_back().is_some_and(tight);
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

/// Characters that take no space beside each other: kana, kanji and
/// Japanese punctuation. (Latin words keep their spaces: 「Outlook から」.)
fn tight(c: char) -> bool {
    crate::note::is_japanese_char(c) || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}')
}

impl TemplateSet {
    /// Parses a template file and checks it: the language it claims, all five
    /// statuses, and a definition for every slot a line uses.
    pub fn from_toml(src: &str, lang: Lang) -> Result<TemplateSet, DataError> {
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
                return Err(DataError::at(src, find(&format!("\"{}\"", st.id)), format!("unknown status `{}`", st.id)));
            }
        }
        for t in set.status.iter().flat_map(|s| &s.template) {
            for name in t.slot_names() {
                if !set.slot.contains_key(name) {
                    return Err(DataError::at(
                        src,
                        find(&t.text),
                        format!("slot `[{name}]` has no [slot.\"{name}\"] definition"),
                    ));
                }
            }
        }
        for want in Status::ALL {
            if !set.status.iter().any(|s| s.id == want.id()) {
                return Err(DataError::invalid(format!("no templates for status `{want}`")));
            }
        }
        Ok(set)
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
