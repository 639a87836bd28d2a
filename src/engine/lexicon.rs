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
    /// A concrete thing a reason can name: a system, product, rule, role,
    /// organisation or event. The evidence that a reason is specific.
    Concrete,
    /// Concrete but broad (devices, partner, 端末): evidence only beside no
    /// generic noun.
    Broad,
    /// Determiners that keep what follows generic: some, certain, 特定の.
    Determiner,
    /// Causes that are vague by nature: 都合, 事情, circumstances.
    VagueCause,
    /// Words that sound like a reason but say nothing the product groups
    /// can act on: busy, low priority, 検討中, 未定.
    Vacuous,
    /// A check still pending: waiting on someone to confirm, 確認中.
    Pending,
    /// Deploying without FastTrack (on their own, through a reseller):
    /// intent for the service is there, so it is no No intent reason.
    SelfDeploy,
    /// Words for the customer or its people: an unreachable customer, not an
    /// unreachable server, contradicts In progress.
    Person,
    /// Placeholders left for the writer: 〇〇, XX, TBD.
    Placeholder,
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
                | Cat::Concrete
                | Cat::Broad
                | Cat::Person
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

impl CategoryData {
    fn extend(&mut self, other: CategoryData) {
        self.terms.extend(other.terms);
        self.exceptions.extend(other.exceptions);
        self.verbs.extend(other.verbs);
        self.forms.extend(other.forms);
    }
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

            /// Adds a layer's terms, exceptions and verb forms to each
            /// category (a user's own vague words join the built-in ones).
            pub fn extend(&mut self, layer: LexiconData) {
                $(self.$field.extend(layer.$field);)*
            }

            /// (category name, number of terms) for each category the
            /// data fills, for `config show`.
            pub fn counts(&self) -> Vec<(&'static str, usize)> {
                let mut out = Vec::new();
                $(
                    let n = self.$field.terms.len() + self.$field.verbs.len() * self.$field.forms.len();
                    if n > 0 {
                        out.push((stringify!($field), n));
                    }
                )*
                out
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
    concrete => Concrete, broad => Broad, determiner => Determiner, vague_cause => VagueCause, vacuous => Vacuous, pending => Pending, self_deploy => SelfDeploy,
    person => Person, placeholder => Placeholder,
}

impl LexiconData {
    /// The stop words, for the reason suggester's similarity.
    pub fn stop_words(&self) -> Vec<String> {
        self.stop.terms.iter().map(|t| t.to_lowercase()).collect()
    }

    /// The English words a Japanese note needs ("no reply", "for now",
    /// "Managed", "E5"): everything but the lists that only name things or
    /// progress, which a Latin word in a Japanese note is taken as anyway
    /// (a name). Leaving those out keeps the Japanese automaton, and so a
    /// one-note run's start-up, small.
    pub fn for_mixed_notes(mut self) -> LexiconData {
        for c in [&mut self.concrete, &mut self.phase, &mut self.activity, &mut self.person, &mut self.when] {
            *c = CategoryData::default();
        }
        self
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

/// One place where a reason cue word (`assets/reasons/*.toml`) occurs;
/// `cue` indexes the suggester's cue list. Cues share the lexicon's scan, so
/// a note is read by one automaton, not two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    pub start: usize,
    pub end: usize,
    pub cue: u32,
}

/// Everything one scan finds in a note.
#[derive(Debug, Default)]
pub struct Scan {
    pub hits: Vec<Hit>,
    /// In order of start.
    pub cues: Vec<CueHit>,
}

/// What a pattern means: a lexicon word, or a reason cue.
#[derive(Debug, Clone, Copy)]
enum Meaning {
    Word {
        cat: Cat,
        exception: bool,
        /// `attempt*`: no word boundary needed after the term.
        prefix: bool,
    },
    Cue(u32),
}

/// The compiled lexicon of one language.
#[derive(Debug)]
pub struct Matcher {
    ac: AhoCorasick,
    /// Pattern id -> every meaning of that string (a word may be in several
    /// categories: "time" is a category noun and a count unit).
    meanings: Vec<Vec<Meaning>>,
}

impl Matcher {
    /// Compiles lexicon data plus extra terms (workload names, taxonomy
    /// labels) and the reason cues. Latin letters match in any case: people
    /// type "fasttrack" and "TEAMS" in both languages.
    /// `data` may hold several lexicons: a Japanese note is read with the
    /// English one too, since managers mix in "no reply", "for now" and
    /// "Managed account" (Latin terms only match whole Latin words, so the
    /// two never collide).
    pub fn build(data: &[&LexiconData], extra: &[(Cat, &str)], cues: &[&str]) -> Result<Matcher, DataError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut meanings: Vec<Vec<Meaning>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut add = |term: &str, meaning: Meaning| {
            let key = term.to_ascii_lowercase();
            let id = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                meanings.push(Vec::new());
                patterns.len() - 1
            });
            let dup = meanings[id].iter().any(|m| match (m, &meaning) {
                (Meaning::Word { cat: a, exception: x, .. }, Meaning::Word { cat: b, exception: y, .. }) => {
                    a == b && x == y
                }
                _ => false,
            });
            if !dup {
                meanings[id].push(meaning);
            }
        };
        for (cat, c) in data.iter().flat_map(|d| d.categories()) {
            let expanded = c.forms.iter().flat_map(|f| c.verbs.iter().map(move |v| f.replace("{v}", v)));
            for term in c.terms.iter().cloned().chain(expanded) {
                let (t, prefix) = split_prefix(&term);
                add(t, Meaning::Word { cat, exception: false, prefix });
            }
            for term in &c.exceptions {
                let (t, prefix) = split_prefix(term);
                add(t, Meaning::Word { cat, exception: true, prefix });
            }
        }
        for &(cat, term) in extra {
            if !term.trim().is_empty() {
                add(term.trim(), Meaning::Word { cat, exception: false, prefix: false });
            }
        }
        for (i, term) in cues.iter().enumerate() {
            if !term.trim().is_empty() {
                add(term, Meaning::Cue(i as u32));
            }
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .map_err(|e| DataError::invalid(format!("lexicon does not compile: {e}")))?;
        Ok(Matcher { ac, meanings })
    }

    /// Every hit in `text`, sorted by start (then longest first), with
    /// boundary failures, exceptions and same-category overlaps removed; and
    /// the cue words, leftmost-longest without overlaps ("contractor staff",
    /// not "contractor").
    pub fn scan(&self, text: &str) -> Scan {
        // About one raw hit per 8 bytes in real notes: one allocation.
        let mut raw: Vec<(Hit, bool)> = Vec::with_capacity(text.len() / 8 + 8);
        let mut cues: Vec<CueHit> = Vec::with_capacity(8);
        for m in self.ac.find_overlapping_iter(text) {
            let (start, end) = (m.start(), m.end());
            if !boundary_ok(text, start, true) {
                continue;
            }
            let right_exact = boundary_ok(text, end, false);
            for meaning in &self.meanings[m.pattern().as_usize()] {
                match *meaning {
                    Meaning::Word { cat, exception, prefix } => {
                        if !(prefix || right_exact) {
                            continue;
                        }
                        let end = if prefix { extend_word(text, end) } else { end };
                        raw.push((Hit { start, end, cat }, exception));
                    }
                    Meaning::Cue(cue) if right_exact => cues.push(CueHit { start, end, cue }),
                    Meaning::Cue(_) => {}
                }
            }
        }
        Scan { hits: resolve(raw), cues: leftmost_longest(cues) }
    }
}

/// Drops a hit when an exception or a longer hit of its own category that
/// starts no later already covers it.
fn resolve(mut raw: Vec<(Hit, bool)>) -> Vec<Hit> {
    raw.sort_by(|(a, ae), (b, be)| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(be.cmp(ae)));
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

/// The leftmost, then longest, cue matches that do not overlap. One string
/// can be a cue of several reasons: all of its cues at that span are kept.
fn leftmost_longest(mut cues: Vec<CueHit>) -> Vec<CueHit> {
    cues.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.cue.cmp(&b.cue)));
    let mut out: Vec<CueHit> = Vec::with_capacity(cues.len());
    let mut taken: Option<(usize, usize)> = None;
    for c in cues {
        match taken {
            Some((s, e)) if c.start == s && c.end == e => out.push(c),
            Some((_, e)) if c.start < e => {}
            _ => {
                taken = Some((c.start, c.end));
                out.push(c);
            }
        }
    }
    out
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
    // ASCII and Japanese first: the general Unicode lookup is slow for kana.
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { !crate::note::is_japanese_char(c) && c.is_alphanumeric() }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(lexicon: &str, cues: &[&str]) -> Matcher {
        let data = LexiconData::from_toml(lexicon).expect("test lexicon parses");
        Matcher::build(&[&data], &[], cues).expect("test lexicon compiles")
    }

    fn cue_spans<'t>(m: &Matcher, text: &'t str) -> Vec<(&'t str, u32)> {
        m.scan(text).cues.iter().map(|c| (&text[c.start..c.end], c.cue)).collect()
    }

    #[test]
    fn a_cue_string_listed_for_two_reasons_counts_for_both() {
        // 「ID 同期」 is a cue of a readiness reason and of IT infrastructure;
        // the old separate cue scan credited only the first.
        let m = matcher("", &["ID 同期", "同期", "ID 同期"]);
        assert_eq!(cue_spans(&m, "ID 同期の問題のため"), [("ID 同期", 0), ("ID 同期", 2)]);
    }

    #[test]
    fn the_longest_cue_wins_and_a_cue_inside_a_word_is_not_one() {
        let m = matcher("", &["contractor", "contractor staff", "ad"]);
        assert_eq!(cue_spans(&m, "Contractor staff load the ADFS farm"), [("Contractor staff", 1)]);
        // "ADFS" is not the cue "AD"; "ad" alone still is.
        assert_eq!(cue_spans(&m, "the ad sync"), [("ad", 2)]);
    }

    #[test]
    fn latin_words_match_in_any_case_in_japanese_notes_too() {
        let m = matcher("[fasttrack]\nterms = [\"FastTrack\"]\n", &[]);
        let hits = m.scan("fasttrack の支援は不要です").hits;
        assert_eq!(hits.iter().map(|h| h.cat).collect::<Vec<_>>(), [Cat::Fasttrack]);
    }
}
