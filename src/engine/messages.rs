//! Finding messages and grade names in Japanese and English, from
//! `assets/messages/*.toml`. The engine keeps both; the caller picks the
//! note's language (CLI) or the interface language (composer).

use super::{Element, Rule};
use crate::assets::DataError;
use crate::note::{Grade, Lang, Status};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Catalogue {
    grade: BTreeMap<String, String>,
    /// What each checklist element is called: "what blocks", 「連絡回数」.
    element: BTreeMap<String, String>,
    /// Keyed by rule id, or `rule-id.status-id` for a status-specific wording.
    rule: BTreeMap<String, String>,
}

#[derive(Debug)]
pub struct Messages {
    ja: Catalogue,
    en: Catalogue,
    /// (lang, rule, status) -> template, resolved once so rendering a
    /// finding does not build lookup keys.
    resolved: std::collections::HashMap<(Lang, Rule, Option<Status>), String>,
}

impl Messages {
    /// Parses both catalogues and checks that each has a message for every
    /// rule and grade, so no finding is ever shown without words.
    pub fn from_toml(ja: &str, en: &str) -> Result<Messages, (Lang, DataError)> {
        let parse = |lang: Lang, src: &str| -> Result<Catalogue, (Lang, DataError)> {
            let c: Catalogue = crate::assets::parse_toml(src).map_err(|e| (lang, e))?;
            for rule in Rule::ALL {
                if !c.rule.contains_key(rule.id()) {
                    return Err((lang, DataError::invalid(format!("no message for rule `{}`", rule.id()))));
                }
            }
            for key in c.rule.keys() {
                let (rule, status) = key.split_once('.').unwrap_or((key, ""));
                let known_rule = Rule::ALL.iter().any(|r| r.id() == rule);
                if !known_rule || (!status.is_empty() && Status::from_id(status).is_none()) {
                    return Err((lang, DataError::invalid(format!("message for unknown rule `{key}`"))));
                }
            }
            for e in Element::ALL {
                if !c.element.contains_key(e.id()) {
                    return Err((lang, DataError::invalid(format!("no name for checklist element `{}`", e.id()))));
                }
            }
            for g in [Grade::Great, Grade::Marginal, Grade::Poor] {
                if !c.grade.contains_key(g.as_str()) {
                    return Err((lang, DataError::invalid(format!("no name for grade `{g}`"))));
                }
            }
            Ok(c)
        };
        let mut m = Messages { ja: parse(Lang::Ja, ja)?, en: parse(Lang::En, en)?, resolved: Default::default() };
        for lang in [Lang::Ja, Lang::En] {
            let c = m.catalogue(lang);
            let mut add = Vec::new();
            for rule in Rule::ALL {
                let general = c.rule.get(rule.id()).cloned().unwrap_or_default();
                add.push(((lang, rule, None), general.clone()));
                for st in Status::ALL {
                    let specific = c.rule.get(&format!("{}.{}", rule.id(), st.id())).cloned();
                    add.push(((lang, rule, Some(st)), specific.unwrap_or_else(|| general.clone())));
                }
            }
            m.resolved.extend(add);
        }
        Ok(m)
    }

    fn catalogue(&self, lang: Lang) -> &Catalogue {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    /// The message for `rule`, status-specific when the catalogue has one;
    /// `{text}` becomes the flagged words (control characters made visible,
    /// long spans shortened).
    pub fn render(&self, rule: Rule, status: Option<Status>, lang: Lang, flagged: &str) -> String {
        let template = self.resolved.get(&(lang, rule, status)).map_or("", String::as_str);
        if !template.contains("{text}") {
            return template.to_string();
        }
        let flagged = crate::text::visible(flagged.trim());
        let short: String = if flagged.chars().count() > 24 {
            flagged.chars().take(23).chain(std::iter::once('…')).collect()
        } else {
            flagged.into_owned()
        };
        template.replace("{text}", &short)
    }

    pub fn element_name(&self, element: Element, lang: Lang) -> &str {
        self.catalogue(lang).element.get(element.id()).map_or(element.id(), String::as_str)
    }

    pub fn grade_name(&self, grade: Grade, lang: Lang) -> &str {
        self.catalogue(lang).grade.get(grade.as_str()).map_or(grade.as_str(), String::as_str)
    }
}
