//! Rule word lists (`assets/lexicon/*.toml`) and their compiled form: one
//! Aho-Corasick automaton per language that finds every category in a single
//! pass, with word boundaries for Latin words and per-category exceptions.

use crate::assets::DataError;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

/// What a matched word means to the rules. The lexicon fills each category;
/// the engine decides what the category implies in context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cat {
    Vague,
    Hedge,
    Logistics,
    Usage,
    Fasttrack,
    Decline,
    Generic,
    ReasonNoun,
    Category,
    Stop,
    ReasonBefore,
    ReasonAfter,
    Condition,
    Inability,
    NoIntent,
    Restatement,
    Phase,
    PhaseMarker,
    Activity,
    Contact,
    CountUnit,
    NumberWord,
    Managed,
    Whom,
    NewItem,
    When,
    Unreachable,
    Abbreviation,
    /// A workload or product name (assets/workloads.toml).
    Workload,
    /// An L1 or L2 label from the taxonomy: restating it is not a reason.
    Label,
}

pub const CAT_COUNT: usize = Cat::Label as usize + 1;

impl Cat {
    /// Words that carry no reason of their own when the engine weighs how
    /// specific a clause is. Activity verbs ("working on") say that something
    /// happens, not what, so they are not content either.
    pub fn is_noncontent(self) -> bool {
        !matches!(
            self,
            Cat::Phase
                | Cat::PhaseMarker
                | Cat::Contact
                | Cat::CountUnit
                | Cat::NumberWord
                | Cat::Managed
                | Cat::Whom
                | Cat::NewItem
                | Cat::When
                | Cat::Workload
        )
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryData {
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    exceptions: Vec<String>,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    forms: Vec<String>,
}

macro_rules! lexicon_data {
    ($($field:ident => $cat:ident),* $(,)?) => {
        /// One language's lexicon file. Every category is optional so a user
        /// override may hold only what it changes; unknown names are errors.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct LexiconData {
            $(#[serde(default)] $field: CategoryData,)*
        }

        impl LexiconData {
            fn categories(&self) -> Vec<(Cat, &CategoryData)> {
                vec![$((Cat::$cat, &self.$field)),*]
            }
        }
    };
}

lexicon_data! {
    vague => Vague, hedge => Hedge, logistics => Logistics, usage => Usage,
    fasttrack => Fasttrack, decline => Decline, generic => Generic, reason_noun => ReasonNoun,
    category => Category,
    stop => Stop, reason_before => ReasonBefore, reason_after => ReasonAfter,
    condition => Condition, inability => Inability, no_intent => NoIntent,
    restatement => Restatement, phase => Phase, phase_marker => PhaseMarker,
    activity => Activity, contact => Contact, count_unit => CountUnit,
    number_word => NumberWord, managed => Managed, whom => Whom, new_item => NewItem,
    when => When, unreachable => Unreachable, abbreviation => Abbreviation,
}

impl LexiconData {
    /// The stop words, for the reason suggester's similarity.
    pub fn stop_words(&self) -> Vec<String> {
        self.stop.terms.iter().map(|t| t.to_lowercase()).collect()
    }

    pub fn from_toml(src: &str) -> Result<LexiconData, DataError> {
        let data: LexiconData = crate::assets::parse_toml(src)?;
        for (cat, c) in data.categories() {
            if c.forms.is_empty() != c.verbs.is_empty() {
                return Err(DataError::invalid(format!("category {cat:?}: `forms` and `verbs` go together")));
            }
            if let Some(f) = c.forms.iter().find(|f| !f.contains("{v}")) {
                return Err(DataError::invalid(format!("category {cat:?}: form `{f}` has no {{v}}")));
            }
            if let Some(t) = c.terms.iter().chain(&c.exceptions).find(|t| t.trim().is_empty()) {
                return Err(DataError::invalid(format!("category {cat:?}: empty term `{t}`")));
            }
        }
        Ok(data)
    }
}

/// One occurrence of a lexicon term in a note: a byte range and its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub cat: Cat,
}

#[derive(Debug, Clone, Copy)]
struct PatternMeta {
    cat: Cat,
    exception: bool,
    /// `attempt*`: no word boundary needed after the term.
    prefix: bool,
}

/// The compiled lexicon of one language.
#[derive(Debug)]
pub struct Matcher {
    ac: AhoCorasick,
    /// Pattern id -> every meaning of that string (a word may be in several
    /// categories: "time" is a category noun and a count unit).
    metas: Vec<Vec<PatternMeta>>,
}

impl Matcher {
    /// Compiles lexicon data plus extra terms (workload names, taxonomy labels).
    pub fn build(data: &LexiconData, extra: &[(Cat, &str)], case_insensitive: bool) -> Result<Matcher, DataError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut metas: Vec<Vec<PatternMeta>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut add = |term: &str, meta: PatternMeta| {
            let key = if case_insensitive { term.to_ascii_lowercase() } else { term.to_string() };
            let id = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                metas.push(Vec::new());
                patterns.len() - 1
            });
            if !metas[id].iter().any(|m| m.cat == meta.cat && m.exception == meta.exception) {
                metas[id].push(meta);
            }
        };
        for (cat, c) in data.categories() {
            let expanded = c.forms.iter().flat_map(|f| c.verbs.iter().map(move |v| f.replace("{v}", v)));
            for term in c.terms.iter().cloned().chain(expanded) {
                let (t, prefix) = split_prefix(&term);
                add(t, PatternMeta { cat, exception: false, prefix });
            }
            for term in &c.exceptions {
                let (t, prefix) = split_prefix(term);
                add(t, PatternMeta { cat, exception: true, prefix });
            }
        }
        for &(cat, term) in extra {
            if !term.trim().is_empty() {
                add(term.trim(), PatternMeta { cat, exception: false, prefix: false });
            }
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(case_insensitive)
            .build(&patterns)
            .map_err(|e| DataError::invalid(format!("lexicon does not compile: {e}")))?;
        Ok(Matcher { ac, metas })
    }

    /// Every hit in `text`, sorted by start (then longest first), with
    /// boundary failures, exceptions and same-category overlaps removed.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let mut raw: Vec<(Hit, bool)> = Vec::new();
        for m in self.ac.find_overlapping_iter(text) {
            let (start, end) = (m.start(), m.end());
            let metas = &self.metas[m.pattern().as_usize()];
            let left_ok = boundary_ok(text, start, true);
            let right_exact = boundary_ok(text, end, false);
            for meta in metas {
                if !left_ok || !(meta.prefix || right_exact) {
                    continue;
                }
                let end = if meta.prefix { extend_word(text, end) } else { end };
                raw.push((Hit { start, end, cat: meta.cat }, meta.exception));
            }
        }
        raw.sort_by(|(a, ae), (b, be)| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(be.cmp(ae)));
        // A hit is dropped when an exception or a longer hit of its own
        // category that starts no later already covers it.
        let mut exc_end = [0usize; CAT_COUNT];
        let mut hit_end = [0usize; CAT_COUNT];
        let mut out = Vec::with_capacity(raw.len());
        for (hit, exception) in raw {
            let c = hit.cat as usize;
            if exception {
                exc_end[c] = exc_end[c].max(hit.end);
                continue;
            }
            if hit.end <= exc_end[c] || hit.end <= hit_end[c] {
                continue;
            }
            hit_end[c] = hit.end;
            out.push(hit);
        }
        out
    }
}

fn split_prefix(term: &str) -> (&str, bool) {
    match term.strip_suffix('*') {
        Some(t) => (t, true),
        None => (term, false),
    }
}

/// A Latin letter or digit: the characters that make English words. Japanese
/// characters are never part of a Latin word, so 「ATUに」 still finds ATU.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !crate::note::is_japanese_char(c)
}

/// True when a match edge at `at` does not cut through a Latin word: either
/// the term's own edge character or its neighbour is not a word character.
pub(crate) fn boundary_ok(text: &str, at: usize, left_edge: bool) -> bool {
    let (inside, outside) = if left_edge {
        (text[at..].chars().next(), text[..at].chars().next_back())
    } else {
        (text[..at].chars().next_back(), text[at..].chars().next())
    };
    match (inside, outside) {
        (Some(i), Some(o)) => !(is_word_char(i) && is_word_char(o)),
        _ => true,
    }
}

pub(crate) fn extend_word(text: &str, mut end: usize) -> usize {
    for c in text[end..].chars() {
        if is_word_char(c) || c == '\'' {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}
