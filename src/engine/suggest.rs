//! L2 reason suggestion: weighted cue words plus TF-IDF similarity (word
//! uni- and bigrams in English, character 2-3-grams in Japanese) to the
//! centroid of each reason's examples. Data in `assets/reasons/*.toml`;
//! nothing here knows a reason by name. (Similarity to the nearest single
//! example was tried too: no better on the held-out set, and five times
//! slower, so it is gone.)

use super::lexicon::CueHit;
use crate::assets::DataError;
use crate::note::{Lang, Status};
use crate::text::{FNV_OFFSET, fnv1a};
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReasonData {
    id: String,
    description: String,
    not: String,
    cues: Vec<(String, u8)>,
    examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReasonsFile {
    reason: Vec<ReasonData>,
}

/// What a reason means, in one language, for the picker.
#[derive(Debug, Clone)]
pub struct ReasonText {
    pub description: String,
    pub not: String,
}

/// One ranked reason: its L1 and L2 ids, a score in 0..=1 (the share of
/// the candidates' total), and the byte spans of the words that drove it.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub l1: Status,
    pub l2: String,
    pub score: f32,
    pub cues: Vec<Range<usize>>,
}

/// Below this share the best reason is a guess: on the labelled notes
/// (../shared/eval and our own held-out set) a top score under 0.4 was right
/// about a third of the time, one above it 94% of the time. The composer
/// says no clear reason was found instead of offering such a guess.
pub const CONFIDENCE_FLOOR: f32 = 0.4;

impl Suggestion {
    pub fn confident(&self) -> bool {
        self.score >= CONFIDENCE_FLOOR
    }
}

/// Keys are FNV hashes (English) or packed characters (Japanese).
type Ids = crate::text::FastBuild;

/// One language's reason model: cue words, IDF and centroids, and the
/// reasons' texts for the picker.
pub struct Model {
    lang: Lang,
    /// The cue words; the lexicon matcher finds them (see `CueHit`).
    cue_terms: Vec<String>,
    /// Cue -> (reason index, weight).
    cue_meta: Vec<(usize, f32)>,
    /// Gram -> (its row in `centroids`, its IDF): one lookup, one cache
    /// line, per gram.
    rows: HashMap<u64, (u32, f32), Ids>,
    default_idf: f32,
    /// Row-major, `reasons` weights per known gram.
    centroids: Vec<f32>,
    reasons: usize,
    stop: StopSet,
    texts: Vec<ReasonText>,
}

/// The taxonomy's reasons in order; a `Model` per language scores them.
pub struct Suggester {
    ids: Vec<String>,
    l1: Vec<Status>,
}

fn fnv(s: &str) -> u64 {
    fnv1a(FNV_OFFSET, s.as_bytes())
}

fn fnv_continue(h: u64, s: &str) -> u64 {
    fnv1a(h, s.as_bytes())
}

/// A light English stem: enough that "migrating", "migrated" and
/// "migration" meet.
fn stem(w: &str) -> &str {
    for suf in ["ations", "ation", "ings", "ing", "ed", "es", "s"] {
        if w.len() > suf.len() + 3 {
            if let Some(s) = w.strip_suffix(suf) {
                return s;
            }
        }
    }
    w
}

/// Letters, digits, kana and kanji: what Japanese n-grams are made of.
/// Checked by range first; the general Unicode lookup is slow for CJK.
fn gram_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x3000..=0x303F | 0xFF01..=0xFF0F => false,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF10..=0xFF5A => true,
        _ => c.is_alphanumeric(),
    }
}

/// The hashed grams of `text`. English words are lower-cased and stemmed
/// one at a time into a reused buffer: no copy of the whole note, and stop
/// words are looked up by hash.
fn grams(text: &str, lang: Lang, stop: &StopSet) -> Vec<u64> {
    let mut out = Vec::new();
    match lang {
        Lang::En => {
            out.reserve(text.len() / 3);
            let mut word = String::new();
            let mut prev: Option<u64> = None;
            for raw in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                word.clear();
                if raw.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii()) {
                    word.push_str(raw);
                } else {
                    word.extend(raw.chars().flat_map(char::to_lowercase));
                }
                if word.len() <= 1 || stop.contains(&fnv(&word)) {
                    continue;
                }
                let stemmed = stem(&word);
                let h = fnv(stemmed);
                if let Some(p) = prev {
                    // The bigram "prev stemmed" hashed without building it.
                    out.push(fnv_continue(fnv_continue(p, " "), stemmed));
                }
                out.push(h);
                prev = Some(h);
            }
        }
        Lang::Ja => {
            // A character is at most 21 bits, so a 2- or 3-gram packs into a
            // u64 exactly: no hashing, no collisions.
            let mut chars: Vec<u64> = Vec::with_capacity(text.len() / 3 + 1);
            chars.extend(text.chars().filter(|&c| gram_char(c)).map(|c| u64::from(c.to_ascii_lowercase())));
            out.reserve(chars.len() * 2);
            out.extend(chars.windows(2).map(|w| (w[0] << 21) | w[1]));
            out.extend(chars.windows(3).map(|w| (w[0] << 42) | (w[1] << 21) | w[2]));
        }
    }
    out
}

/// Checks a reasons layer (a user's or team's `reasons/*.toml`): the same
/// schema, every id one of the taxonomy's reasons, cue weights 1 to 3.
fn check_layer(src: &str, suggester: &Suggester) -> Result<ReasonsFile, DataError> {
    let file: ReasonsFile = crate::assets::parse_toml(src)?;
    for r in &file.reason {
        let at = |needle: &str| src.find(needle).unwrap_or(0);
        if !suggester.ids.contains(&r.id) {
            return Err(DataError::at(
                src,
                at(&format!("\"{}\"", r.id)),
                format!(
                    "unknown reason `{}` (expected an L2 id from the taxonomy, e.g. `{}`)",
                    r.id,
                    suggester.ids.first().map_or("", String::as_str)
                ),
            ));
        }
        if let Some((term, _)) = r.cues.iter().find(|(_, w)| *w == 0 || *w > 3) {
            return Err(DataError::at(src, at(&format!("\"{term}\"")), format!("cue `{term}`: weight must be 1 to 3")));
        }
    }
    Ok(file)
}

/// Stop words by their FNV hash (a note's words are hashed anyway).
type StopSet = std::collections::HashSet<u64, Ids>;

impl Model {
    /// Parses and builds one language's model from `assets/reasons/*.toml`.
    /// `stop` are that language's stop words (from its lexicon).
    pub fn build(src: &str, suggester: &Suggester, lang: Lang, stop: Vec<String>) -> Result<Model, DataError> {
        Model::build_layered(src, &[], suggester, lang, stop).map_err(|(_, e)| e)
    }

    /// Builds the model from the built-in file and layers over it: a layer's
    /// reason replaces the entry with its id. An error says which source
    /// (0: the built-in file, i: layer i) it is in.
    pub fn build_layered(
        src: &str,
        layers: &[&str],
        suggester: &Suggester,
        lang: Lang,
        stop: Vec<String>,
    ) -> Result<Model, (usize, DataError)> {
        let mut file: ReasonsFile = crate::assets::parse_toml(src).map_err(|e| (0, e))?;
        for (i, layer) in layers.iter().enumerate() {
            for r in check_layer(layer, suggester).map_err(|e| (i + 1, e))?.reason {
                match file.reason.iter_mut().find(|o| o.id == r.id) {
                    Some(old) => *old = r,
                    None => file.reason.push(r),
                }
            }
        }
        Model::from_file(file, suggester, lang, stop).map_err(|e| (0, e))
    }

    fn from_file(file: ReasonsFile, suggester: &Suggester, lang: Lang, stop: Vec<String>) -> Result<Model, DataError> {
        let order = &suggester.ids;
        let stop: StopSet = stop.iter().map(|w| fnv(w)).collect();
        let mut patterns = Vec::new();
        let mut cue_meta = Vec::new();
        let mut texts = Vec::new();
        let mut docs: Vec<(usize, Vec<u64>)> = Vec::new();
        for (ri, id) in order.iter().enumerate() {
            let r = file
                .reason
                .iter()
                .find(|r| &r.id == id)
                .ok_or_else(|| DataError::invalid(format!("no entry for reason `{id}`")))?;
            for (term, w) in &r.cues {
                if *w == 0 || *w > 3 {
                    return Err(DataError::invalid(format!("reason `{id}`: cue `{term}` weight must be 1 to 3")));
                }
                patterns.push(if lang == Lang::En { term.to_lowercase() } else { term.clone() });
                cue_meta.push((ri, f32::from(*w)));
            }
            texts.push(ReasonText { description: r.description.clone(), not: r.not.clone() });
            for ex in &r.examples {
                docs.push((ri, grams(ex, lang, &stop)));
            }
        }
        if let Some(r) = file.reason.iter().find(|r| !order.contains(&r.id)) {
            return Err(DataError::invalid(format!("unknown reason `{}` (not in the taxonomy)", r.id)));
        }
        let n = docs.len() as f32;
        let mut df: HashMap<u64, f32, Ids> = HashMap::default();
        for (_, g) in &docs {
            let mut seen: Vec<u64> = g.clone();
            seen.sort_unstable();
            seen.dedup();
            for x in seen {
                *df.entry(x).or_default() += 1.0;
            }
        }
        let mut rows: HashMap<u64, (u32, f32), Ids> = HashMap::default();
        for (k, d) in &df {
            rows.insert(*k, (rows.len() as u32, ((n + 1.0) / (d + 1.0)).ln() + 1.0));
        }
        let default_idf = (n + 1.0).ln() + 1.0;
        let reasons = order.len();
        let grams = rows.len();
        let centroids = vec![0.0; grams * reasons];
        let mut m = Model { lang, cue_terms: patterns, cue_meta, rows, default_idf, centroids, reasons, stop, texts };
        let mut sums = vec![vec![0f32; grams]; reasons];
        for (ri, g) in &docs {
            for (row, w) in m.vector(g.clone()) {
                if let Some(row) = row {
                    sums[*ri][row as usize] += w;
                }
            }
        }
        for (ri, sum) in sums.iter().enumerate() {
            let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
            for (row, w) in sum.iter().enumerate() {
                m.centroids[row * reasons + ri] = if norm > 0.0 { w / norm } else { 0.0 };
            }
        }
        Ok(m)
    }

    /// TF-IDF weights of a gram list, L2-normalised, as (row of a known
    /// gram, weight). Unknown grams still count towards the norm.
    fn vector(&self, mut grams: Vec<u64>) -> Vec<(Option<u32>, f32)> {
        grams.sort_unstable();
        let mut counts: Vec<(u64, f32)> = Vec::with_capacity(grams.len());
        for g in grams {
            match counts.last_mut() {
                Some((k, c)) if *k == g => *c += 1.0,
                _ => counts.push((g, 1.0)),
            }
        }
        let mut out: Vec<(Option<u32>, f32)> = counts
            .iter()
            .map(|&(k, c)| {
                let (row, idf) = match self.rows.get(&k) {
                    Some(&(row, idf)) => (Some(row), idf),
                    None => (None, self.default_idf),
                };
                let tf = if c > 1.0 { 1.0 + c.ln() } else { 1.0 };
                (row, tf * idf)
            })
            .collect();
        let norm = out.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            out.iter_mut().for_each(|(_, x)| *x /= norm);
        }
        out
    }

    /// The cue words, for the lexicon matcher to find; a `CueHit::cue`
    /// indexes this list.
    pub fn cue_terms(&self) -> Vec<&str> {
        self.cue_terms.iter().map(String::as_str).collect()
    }

    /// A known gram's weight in each reason's centroid.
    fn centroid_row(&self, row: u32) -> &[f32] {
        let at = row as usize * self.reasons;
        &self.centroids[at..at + self.reasons]
    }
}

const W_CUE: f32 = 0.55;
const W_CENTROID: f32 = 0.6;

impl Suggester {
    /// `order` is the taxonomy's reasons (id, L1).
    pub fn new(order: &[(String, Status)]) -> Suggester {
        Suggester { ids: order.iter().map(|(i, _)| i.clone()).collect(), l1: order.iter().map(|(_, s)| *s).collect() }
    }

    /// What reason `l2` means, in the model's language.
    pub fn text<'m>(&self, m: &'m Model, l2: &str) -> Option<&'m ReasonText> {
        let i = self.ids.iter().position(|x| x == l2)?;
        m.texts.get(i)
    }

    /// Ranks the reasons of `status` (every L1/L2 pair when None) for the
    /// note and returns the best `limit`, best first. `cues` are the note's
    /// cue words as the lexicon scan found them. Duplicate/Invalid has no L2:
    /// nothing is suggested.
    pub fn suggest(
        &self,
        m: &Model,
        text: &str,
        cues: &[CueHit],
        status: Option<Status>,
        limit: usize,
    ) -> Vec<Suggestion> {
        let cands: Vec<usize> = (0..self.ids.len()).filter(|&i| status.is_none_or(|s| self.l1[i] == s)).collect();
        if cands.is_empty() || text.trim().is_empty() {
            return Vec::new();
        }
        let mut cue_sum = vec![0f32; self.ids.len()];
        let mut cue_spans: Vec<Vec<Range<usize>>> = vec![Vec::new(); self.ids.len()];
        for hit in cues {
            let (s, e) = (hit.start, hit.end);
            let Some(&(ri, w)) = m.cue_meta.get(hit.cue as usize) else { continue };
            // Each cue word counts once per reason. The hits come by start,
            // so a repeat can only be the last one kept.
            if cue_spans[ri].last().is_none_or(|r| r.start != s) {
                cue_sum[ri] += w;
                cue_spans[ri].push(s..e);
            }
        }
        let v = m.vector(grams(text, m.lang, &m.stop));
        // Only the candidates' similarities are needed: with a status that
        // is a handful of the reasons.
        let mut centroid = vec![0f32; self.ids.len()];
        for (row, w) in &v {
            if let Some(row) = row {
                let row = m.centroid_row(*row);
                for &c in &cands {
                    centroid[c] += w * row[c];
                }
            }
        }
        let raw: Vec<(usize, f32)> =
            cands.iter().map(|&i| (i, W_CUE * cue_sum[i] / (cue_sum[i] + 3.0) + W_CENTROID * centroid[i])).collect();
        // Scores as shares: a softmax over the raw scores, so the top one
        // reads as how clearly it beats its neighbours.
        let max = raw.iter().map(|r| r.1).fold(f32::MIN, f32::max);
        let total: f32 = raw.iter().map(|r| ((r.1 - max) * 12.0).exp()).sum();
        let mut ranked: Vec<(usize, f32)> = raw.iter().map(|&(i, x)| (i, ((x - max) * 12.0).exp() / total)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| self.ids[a.0].cmp(&self.ids[b.0])));
        // Only the best few are ever shown; building the rest is waste.
        ranked
            .into_iter()
            .take(limit)
            .map(|(i, score)| Suggestion {
                l1: self.l1[i],
                l2: self.ids[i].clone(),
                score,
                cues: std::mem::take(&mut cue_spans[i]),
            })
            .collect()
    }
}
