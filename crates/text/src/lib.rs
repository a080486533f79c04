//! Free-text and payment screening: which listed parties a news article, a remittance line or
//! a payment message names, and which sanctioned jurisdictions it mentions. No I/O: the caller
//! reads the text or the message and holds the matcher's [`Index`].
//!
//! ```
//! use embargo_matcher::Index;
//! use embargo_model::{Entity, EntityKind, Name, NameRole};
//! use embargo_text::{Gazetteer, TextOptions, TextScreener};
//!
//! let mut bagheri = Entity::new("uk-fcdo", "RUS1652", EntityKind::Person);
//! bagheri.names.push(Name::new("Mohammad BAGHERI", NameRole::Primary));
//! let index = Index::build(vec![bagheri]);
//! let gazetteer = Gazetteer::build(&index);
//! let screener = TextScreener::new(&index, &gazetteer);
//!
//! let text = "Iran's chief of staff, Major General Mohammad Bagheri, met Russian officials in \
//!             Moscow. Bagheri said the talks went well, spokesman Ali Rezaei told reporters.";
//! let found = screener.screen_text(text, &TextOptions::default()).unwrap();
//! assert_eq!(found.mentions.len(), 2);
//! assert_eq!(found.mentions[0].text, "Mohammad Bagheri");
//! assert_eq!(found.mentions[0].hits[0].entity_id, "uk-fcdo:RUS1652");
//! assert_eq!(found.mentions[1].text, "Bagheri");
//! assert_eq!(found.mentions[1].linked_to, Some(0));
//! assert_eq!(found.jurisdictions[0].text, "Iran");
//!
//! let payment = ":20:REF1\n:23B:CRED\n:32A:240105EUR1000,\n:50K:/DE89370400440532013000\n\
//!                ACME GMBH\n:59:/IR580540105180021273113007\nMOHAMMAD BAGHERI\nTEHRAN\n:71A:SHA\n";
//! let screened = screener.screen_payment(payment, &TextOptions::default()).unwrap();
//! let beneficiary = screened.fields.iter().find(|f| f.field == "59").unwrap();
//! assert_eq!(beneficiary.hits[0].entity_id, "uk-fcdo:RUS1652");
//! assert_eq!(beneficiary.jurisdictions[0].code, "IR"); // from the IBAN
//! ```
//!
//! # Mentions in text
//!
//! [`TextScreener::screen_text`] strips HTML or Markdown ([`markup`]), with every character
//! mapped back to its offset in the input, splits the text into words and finds the runs of
//! words that may be names: capital letters, titles and ranks before names, possessives and
//! punctuation that end them, headlines in capitals, scripts without case (Persian, Arabic)
//! where only words held by listed names count. A [`Gazetteer`] of the listed names' words,
//! built once per index, tells in one hash look-up whether a word can be part of a listed name
//! and how many listed parties hold it, so that most words cost nothing and only runs holding
//! an informative listed word are screened through the matcher's index.
//!
//! **Scores in context and in a form field.** A name typed in a form field is all there is:
//! the matcher weighs what the query and the listed name share against what either has alone,
//! and a one-word query ("Putin") scores below the threshold because the listed given name is
//! missing. In running text, a run of two or more words is a name as written and gets that
//! same score. A single word is how prose names a party already introduced or well known, so
//! its score in context is *similarity × distinctiveness* (capped at 0.9): it counts only as a
//! person's family name or as an organisation's one distinctive word, and its distinctiveness
//! falls with the number of listed parties holding it (and is nil for given names, generic
//! words, places, and words under four letters). A single word that belongs to a longer
//! mention elsewhere in the text (a family name after the full name) is linked to it and takes
//! its hits, or none when that mention named no listed party (a journalist, a spokesperson).
//! The details and the figures are in `docs/text.md`.
//!
//! Places are no parties: sanctioned jurisdictions ([`jurisdiction`]: Iran, North Korea, Syria,
//! Cuba, Russia, Belarus, and Crimea, Sevastopol, Donetsk, Luhansk, Zaporizhzhia and Kherson
//! with their towns) are reported as [`JurisdictionMention`]s, and a run that is only a place
//! is never screened as a name.
//!
//! # Payment messages
//!
//! [`TextScreener::screen_payment`] detects the format ([`payment::detect`]: SWIFT MT103, ISO
//! 20022 pacs.008, pain.001, pain.008), parses every field ([`payment`]) and screens each:
//! parties as names with their countries (from the postal address, the BIC's letters 5–6 and
//! the IBAN's first two) and BIC as an identifier, free text (MT 70 and 72, `RmtInf/Ustrd`) as
//! text, and countries and towns against the sanctioned jurisdictions. A malformed message is
//! a [`PaymentError`] naming the field or the line.

pub mod gazetteer;
pub mod jurisdiction;
pub mod markup;
pub mod payment;

mod error;
mod lexicon;
mod lookup;
mod mentions;
mod words;

pub use error::{PaymentError, TextError};
pub use gazetteer::{Gazetteer, ListVersion};
pub use jurisdiction::Jurisdiction;
pub use markup::Markup;
pub use payment::{FieldScreening, PaymentFormat, PaymentScreening, ScreenedAs};

use embargo_matcher::{Explanation, Hit, Index, DEFAULT_THRESHOLD};
use serde::{Deserialize, Serialize};

/// The largest text screened at once (8 MiB): far above a long article, far below what would
/// hold a server thread for long.
pub const MAX_TEXT_BYTES: usize = 8 << 20;

/// How to screen a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TextOptions {
    /// Hits scoring below (in context) are not listed.
    pub threshold: f64,
    /// At most this many hits per mention, best first.
    pub limit: usize,
    /// Only entities of these lists; `None` for all.
    pub lists: Option<Vec<String>>,
    /// Attach an explanation to each hit.
    pub explain: bool,
    /// How the input is written.
    pub markup: Markup,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            threshold: DEFAULT_THRESHOLD,
            limit: 10,
            lists: None,
            explain: false,
            markup: Markup::Auto,
        }
    }
}

/// What a text names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextScreening {
    /// Mentions of listed parties, in text order; every hit listed is an alert.
    pub mentions: Vec<Mention>,
    /// Sanctioned jurisdictions named, in text order.
    pub jurisdictions: Vec<JurisdictionMention>,
    /// The lists (and versions) screened against.
    pub lists: Vec<ListVersion>,
}

/// A span of the text that names one or more listed parties.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Character offset (Unicode scalar values, not bytes) in the input where it starts.
    pub start: usize,
    /// Character offset where it ends (exclusive).
    pub end: usize,
    /// The text as written (markup stripped).
    pub text: String,
    /// The listed parties it may name, best first.
    pub hits: Vec<TextHit>,
    /// The mention (index in [`TextScreening::mentions`]) whose party this one names again: a
    /// family name alone linked to the full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked_to: Option<usize>,
}

/// A listed party a mention may name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextHit {
    /// The entity's id (`uk-fcdo:RUS1652`).
    pub entity_id: String,
    /// The list it is on.
    pub list: String,
    /// Its primary name.
    pub caption: String,
    /// The score in context, 0..1.
    pub score: f64,
    /// The listed name that matched.
    pub matched_name: String,
    /// Person, organisation, vessel...
    pub kind: embargo_model::EntityKind,
    /// How the score came about, when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
}

impl TextHit {
    /// The hit as the matcher scored it (a name in a form field).
    pub(crate) fn from_hit(hit: &Hit) -> TextHit {
        TextHit {
            entity_id: hit.entity.id.clone(),
            list: hit.entity.provenance.list.clone(),
            caption: hit.entity.caption().to_owned(),
            score: rounded(hit.score),
            matched_name: hit.matched_name.clone(),
            kind: hit.entity.kind,
            explanation: hit.explanation.clone(),
        }
    }
}

/// Scores to three decimals, as the matcher's explanations show them.
fn rounded(score: f64) -> f64 {
    (score * 1000.0).round() / 1000.0
}

/// A sanctioned jurisdiction named in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JurisdictionMention {
    /// Character offset in the input where it starts.
    pub start: usize,
    /// Character offset where it ends (exclusive).
    pub end: usize,
    /// The text as written.
    pub text: String,
    /// ISO 3166 code (`IR`, `UA-43`).
    pub code: String,
    /// English name.
    pub name: String,
    /// `comprehensive`, `extensive` or `occupied region`.
    pub regime: String,
}

/// Screens texts and payment messages against one index.
#[derive(Clone, Copy)]
pub struct TextScreener<'a> {
    index: &'a Index,
    gazetteer: &'a Gazetteer,
}

impl<'a> TextScreener<'a> {
    /// A screener over `index`; `gazetteer` must have been built from the same index.
    pub fn new(index: &'a Index, gazetteer: &'a Gazetteer) -> TextScreener<'a> {
        TextScreener { index, gazetteer }
    }

    /// The listed parties and sanctioned jurisdictions `input` names.
    pub fn screen_text(&self, input: &str, options: &TextOptions) -> Result<TextScreening, TextError> {
        if input.len() > MAX_TEXT_BYTES {
            return Err(TextError::TooLarge { bytes: input.len(), limit: MAX_TEXT_BYTES });
        }
        if !(0.0..=1.0).contains(&options.threshold) {
            return Err(TextError::InvalidThreshold(options.threshold));
        }
        let stripped = markup::strip(input, options.markup);
        let words = words::split(&stripped.text);
        let char_starts = CharIndex::new(&stripped.text);
        let settings = mentions::Settings {
            threshold: options.threshold,
            limit: options.limit.max(1),
            lists: &options.lists,
            explain: options.explain,
        };
        let mut finder = mentions::Finder::new(self.index, self.gazetteer, settings, &words);
        let places = finder.jurisdictions();
        let found = finder.find();
        let span = |first: usize, last_exclusive: usize| {
            let (start, end) = (words[first].start, words[last_exclusive - 1].end);
            let text = char_starts.slice(&stripped.text, start, end).to_owned();
            let (start, end) = stripped.input_span(start, end);
            (start, end, text)
        };
        let mentions = found
            .into_iter()
            .map(|f| {
                let (start, end, text) = span(f.words.start, f.words.end);
                let hits = f
                    .hits
                    .iter()
                    .map(|h| TextHit {
                        score: rounded(h.score),
                        explanation: options.explain.then(|| mentions::explain(h)),
                        ..TextHit::from_hit(&h.hit)
                    })
                    .collect();
                Mention { start, end, text, hits, linked_to: f.linked_to }
            })
            .collect();
        let jurisdictions = places
            .into_iter()
            .map(|(first, last, j)| {
                let (start, end, text) = span(first, last);
                JurisdictionMention {
                    start,
                    end,
                    text,
                    code: j.code.to_owned(),
                    name: j.name.to_owned(),
                    regime: j.regime.to_owned(),
                }
            })
            .collect();
        Ok(TextScreening { mentions, jurisdictions, lists: self.gazetteer.lists().to_vec() })
    }

    /// Parses a payment message (MT103, pacs.008, pain.001 or pain.008, detected) and screens
    /// each of its fields; `options.markup` is not used.
    pub fn screen_payment(
        &self,
        message: &str,
        options: &TextOptions,
    ) -> Result<PaymentScreening, PaymentError> {
        payment::screen(self, message, options)
    }

    pub(crate) fn index(&self) -> &Index {
        self.index
    }

    pub(crate) fn gazetteer(&self) -> &Gazetteer {
        self.gazetteer
    }
}

/// Byte offsets of character offsets, for slicing the text by the words' character spans.
struct CharIndex {
    /// Byte offset of each character, and the text's length last; empty for ASCII text.
    bytes: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        if text.is_ascii() {
            return CharIndex { bytes: Vec::new() };
        }
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { bytes }
    }

    fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> &'t str {
        if self.bytes.is_empty() {
            return &text[start..end];
        }
        &text[self.bytes[start]..self.bytes[end]]
    }
}
