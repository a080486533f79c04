//! Candidate search and scoring of names against listed entities, with explanations. No I/O.
//!
//! ```
//! use embargo_matcher::{compare, Index, Query, ScreenOptions};
//! use embargo_model::{Entity, EntityKind, Name, NameRole};
//!
//! let mut e = Entity::new("un", "IRi.003", EntityKind::Person);
//! e.names.push(Name::new("Saeed AGHAJANI", NameRole::Primary));
//! let index = Index::build(vec![e]);
//!
//! let hits = index.screen(&Query::name("Saeed Aghajany"), &ScreenOptions::default());
//! assert_eq!(hits[0].entity.id, "un:IRi.003");
//! assert!(hits[0].score > 0.8 && hits[0].score < 1.0);
//!
//! let c = compare("FUYUAN YU 7613", "FUYUAN YU 7631", None);
//! assert!(c.score < 0.8);
//! println!("{}", c.explanation); // an indented tree
//! ```
//!
//! # Architecture: how a query finds its listed names
//!
//! *(This section is the matcher's part of ARCHITECTURE.md.)*
//!
//! **Analysis.** Every listed name and every query name goes through `embargo-names`, which
//! gives tokens with a role (given, family, particle, legal form, number...), a weight, and
//! comparison forms: the folded Latin `text`, `variants` (other romanisations, canonical
//! spellings such as mohammad → muhammad, the canonical legal form), a consonant `skeleton`
//! and a `phonetic` code. The index keeps each distinct token form once (`TokenForms`).
//!
//! **Keys.** Each token form is filed under comparison keys, in four namespaces, in one key
//! table (64-bit hashed keys in an open-addressing table of 8-byte slots; a key that leads to one
//! form, as most deletion keys do, holds the form's id in its slot; a second table maps a form to
//! the names it occurs in). Queries prefetch the slots of their keys some keys ahead of
//! reading them, and the names, tokens and forms of their candidates a few candidates ahead of
//! scoring them: the index (some 75 MB) is far larger than the caches, and the misses then
//! overlap:
//!
//! | variation | caught by | how |
//! |---|---|---|
//! | case, punctuation, diacritics, spacing | `FORM(text)` | analysis folds them into the same `text` |
//! | respellings (Mohammed/Muhammad, Hossein/Husayn, -ollah/-ullah) and legal forms (OOO = LLC) | `FORM(variant)` | the query's text and variants are looked up among listed texts and variants |
//! | transliteration (Сергей → sergey/sergei/serguei; Arabic script) | `FORM`, `SKELETON`, `PHONETIC` | the analyser romanises several ways; where the vowels still differ (Arabic script writes no short vowels) the consonant skeleton and phonetic code agree |
//! | other respellings (Kareem/Karim, Yousef/Yusuf) | `PHONETIC(code)`, `SKELETON(consonants)` | |
//! | a consonant slipped in one word of a long name across scripts (بريخ / BARICH, هاشم / HISHAN), kaf for gaf in a Persian name typed on an Arabic keyboard (كل / GUL) | scorer; `FORM(variant)` | in names of four words or more on both sides, a word whose consonants are one edit from those of a reading of the Arabic-script word meets it at 0.76; the other words reach the name. A Persian name written without ک and گ reads its ك as g too |
//! | typos: up to 1 edit in a token of 4–7 letters, 2 edits from 8 letters | `DELETION(d)` | SymSpell: each listed token is filed under every string made by deleting up to 1 (4–7 letters) or 2 (8+) of its letters; the query token's own deletions are looked up. Two strings within k edits share a deletion of depth ≤ k. Insertions, deletions, substitutions and transpositions are all covered. The scorer tolerates no more edits than these keys find (none in three letters against three, one from four letters, two from eight), so that screening finds every pair of words the scorer finds alike. A query word of eight letters or more looks up its two-edit neighbourhood even when a listed word equals it: a listed word two edits away may still make a hit. A query word whose letters are a listed form's reads the forms that form's deletions reach within the budget, filed at build, instead of looking up its own deletion keys (the same forms: they depend on the letters alone) |
//! | a letter read as one that looks like it in print (KUOA / KUDA, WAIL / WALL, BVZA / BUZA) | `DELETION(d)`; scorer | a substitution of `I`/`L`, `O`/`D`, `O`/`Q`, `E`/`F`, `P`/`F`, `U`/`V` (or a digit for its letter in a joined word) costs half an edit, as a transposition does; not letters that alternate in spelling (a/o, c/g) |
//! | a vessel's one-word name of four letters one letter off (NEXO / NEO, DUNE / DUNR, LADY D / LAY D), the query declared a vessel | `DELETION(d)`; scorer | the edit scores 0.86 instead of 0.825, so that such a name alerts, when the word is the name's only word of weight (initials, slipped digits and common words aside); a word of no declared kind stays below |
//! | joined words (query "Aghajani", listed "Agha Jani") | listed *joined forms* | every pair of adjacent listed tokens is also filed as one joined form, under `FORM`, `SKELETON` and depth-1 deletions; a joined form is kept only as the pair of token forms it joins |
//! | split words (query "Aqa Jani", listed "Aghajani") | query joined probes | every pair of adjacent query tokens is also looked up joined, with its full deletion neighbourhood |
//! | a compound with a connector run together (JAISHIMOHAMMED / JAISH-I-MOHAMMED, HARAKATULANSAR / HARAKAT UL-ANSAR) | joined forms and probes across the connector; scorer | the words on either side of an izafat or article of one or two letters are filed and probed joined, and the scorer reads the three as one word against the single one |
//! | reordered, missing or extra tokens | per-token lookup | keys are per token, never per name; one surviving informative token is enough to reach the name |
//! | a typo in a word the listed name repeats (Said Sqid / Said Said, Aung Ang / Aung Aung) | repeated-form pairs | a listed word meets one query word, so a typo's reach of a word another query word met exactly is dropped, except for the names that hold the word twice, which the index lists |
//! | an identifier given with the query | identifier table | normalised identifier → entities, whatever the names say |
//! | the name exactly as listed (up to case, diacritics, punctuation, spacing) | written-name table | the groups of names written so are scored whatever the ranking, and a query of no kind is read as the listed name's kind reads it ("MARSHAL ZHUKOV", a vessel, keeps its title), so no cap crowds out a listed name screened as listed |
//! | a code with its separators dropped or moved (EW-001PA / EW001PA, T7-OKY / T7 OKY, IMPERIYA 19-31 / IMPERIYA 1931), a registration mark one character off (RA-12345 / RA-12346) | written-name table | a name with digits is filed under its letters and digits run together, a registration mark (one word, three digits or more) under its deletions of one character too; the scorer gives the same letters and digits 0.97 and a mark one character off 0.85 (module `code`); a hull number beside words (FU YUAN YU 7613 / 7614) stays another vessel |
//! | pet forms of given names (Bob / Robert, Bill / William, Sasha / Aleksandr, Patti / Patricia, Sepp / Josef, Peggie / Peggy) | `FORM(variant)` | a pet form's formal names are its variants (`embargo-names`' hypocorism table, English, Russian, Spanish, Italian, German and Dutch, with Ian and Iain for John; an English diminutive in `-y`, `-ie` or `-ey`, or `-i` after two consonants), so pet and formal forms share a form; `Al` only where it cannot be the article (after the family name and a comma, or before a patronymic) |
//! | pet forms made, not listed (Alek / Aleksandr, Miggy / Miguel, Vallie / Valentina, Lina / Paulina, Ed / Edgar) | scorer | between two given names: the end cut off (three letters kept), with an English diminutive of what is left (doubled consonant, `-ie`), the beginning cut off (four letters kept, consonant to vowel), the first two letters (as an initial); the other words of the name reach it |
//! | romanisations of one Slavic name (Jakowlew / Yakovlev / Iakovlev, Ivanoff / Ivanov, Yuriy / Iurii / Jurij, ISO 9 `č`, `š`, German Schurawlew / Zhuravlev, ISO 9 Kolcov / Koltsov, ё as yo / jo / e: Pyotr / Petr, Berjoskin / Березкин) | `FORM(variant)` | a name that reads as Slavic (a Slavic family-name or patronymic ending, or Cyrillic script) gives each word a `ru~` key (`embargo_names::slavic_key`) on which the German, French, ISO 9, Library of Congress and English spellings meet; `ch` is х in every word of a name spelt the German way |
//! | a Latin word one edit from another romanisation of a word in a script that writes its vowels (Sjarge / Сяргей, Sjargej in German; Alekse / Алексей) | scorer | a Latin word is compared by edits with each romanisation (up to four) of a Cyrillic, Greek, Georgian or Armenian word, one edit at most, and the bound counts them; every Cyrillic word also has its German transcription (Dschichad, Walerjewitsch), and an Ethiopic word is romanised and read as leaving a vowel out (ግርማይ Girmay / Ghirmay / GHERMAY) |
//! | romanisations of one Arabic or Persian name (Leila / Leileh, Sayf / Seif, Khalid / Xalid, Tawil / Taouil, Karim / Kareem, Agha / Aqa, Sayed / Seied, Hayat / Heiat, Fawz / Faouz, Haq / Hagh) | `FORM(variant)` | each word of a person's name (or of a name of unknown kind) in Latin letters carries its respelling (`embargo_names::arabic_respelling`) |
//! | a name in Hebrew letters (עדן לוי / Eden LEVI, נעם פדרמן / Noam FEDERMAN) | `FORM(variant)`, `SKELETON`; scorer; estimate | a Latin word that reads the Hebrew letters (consonants letter for letter, vowels where Hebrew writes them or leaves them out: `embargo_names::hebrew::hebrew_spells`) meets it as a sound (0.88); a Hebrew word of two consonants, which no skeleton key reaches, also carries its reading with the vowels read in (`eden`, `levi`), and Hebrew words no key reached count as met in the candidates' estimate |
//! | words run together in camel case (JafariNajafabadi, EddineFARRAJ), a legal-form word run into a neighbour where the form's other words are there (ROSSIICLOSED JOINT STOCK COMPANY, LIMITED LIABILITY COMPANYKM) | analysis | camel case splits at the capital after three small letters or more, as a hyphen joins words (not McDonald); the legal-form word splits off however short the rest, never off a legal-form word or a typo of one |
//! | Cyrillic or Greek letters that look like Latin ones in a Latin word (RОSNЕFТ with a Cyrillic О, Е, Т; Gаzprom; ОOO), a romanised name with a letter left in Cyrillic (Zheљka) | analysis | each such letter is read as the Latin letter it looks like (Unicode's confusables, UTS #39, as written: the capital В is B) or, if none, romanised |
//! | a short legal form run into the word before (SEYMEHSRL, FLAVICFZE, ROSNEFTJSC) | analysis | abbreviations of three letters or more that end no ordinary word (SRL, FZE, JSC, LLC, OOO, PLC, KFT, LTDA...) split off; not AO, SA, CO, INC, nor s.r.o. (Khosro) |
//! | a typo in a word of a legal form (LIMITED LABILTY COMPANY, JOINT STOCLK COMPANY, EREE ZONE COMPANY) | analysis | a word one typo from a legal-form word of four letters or more, or two from one of eight or more (counted on the longer word), is read as it where that completes a legal form |
//! | CO run into the word before LTD (XIANGHE TRADECO., LTD.) | `FORM(variant)` | a word of six letters or more that ends in `co` before LTD or LIMITED also reads without it |
//! | the article run into a short name in Latin letters (ELSAYED / السيد) | scorer | the article and a name of two consonants in Arabic script meet a Latin word that starts with the article by their consonants |
//! | a digit for the letter it looks like (SHARAF1, BANC0, 5BIC, 8ANK, NA5R AL-DIN) | `FORM`, `FORM(variant)` | a digit among a word's letters is read as its letter before the word's role, number word or compound is read (8ANK is the common word bank, 5EVENTH the number 7), the digit kept as another spelling; a digit ending a word is a variant only, weighs like a particle in the score, and still probes as a number |
//! | numbers in words (AMBER SIX / AMBER 6, TANGO TWO / TANGO 2, FORTY-FOUR / 44) | `FORM(variant)` | a number word of a name that is no organisation's (of unknown kind, or a person's alias) carries its digits as a variant; in an organisation's name it is read as the number |
//! | several aliases in one string (`X/Y`, `X a.k.a. Y`, `X; Y`, `X (Y)`) | query names | `embargo_names::alias_parts` splits them; each alias is screened as one more name of the query |
//!
//! Tokens with little information (particles, legal forms, common words of organisation
//! names) are not looked up fuzzily when the query has other tokens: "LLC" would reach
//! thousands of names. They are looked up as written and add evidence to the names the other
//! tokens reach (forms of more than 300 names excepted), and they are scored.
//!
//! **Candidates.** Each query token (and each joined pair) collects the token forms its keys
//! reach, best key quality first (form 1.0, phonetic 0.8, skeleton 0.75, deletion 0.7), and
//! credits every name holding one of these forms with
//! `quality × token weight × (1 + ln(names / names holding the form))`, once per query token
//! (two query tokens joined credit only names neither reached alone).
//! Deletion-key hits are verified (true edit distance within budget) before they count. Forms
//! held by more than [`COMMON_FORM_NAMES`] names (MUHAMMAD, ALI) only add evidence to names
//! already reached when another query token met a rare form exactly; otherwise the common
//! forms of the query token holding the fewest names are walked in full (and the others add
//! evidence), so a query made only of common words still reaches its names. Names are then
//! ranked by an *estimate* of their score, made as the scorer makes it from what the keys
//! found (the weight of the informative query tokens that reached the name, at what their keys
//! suggest, against the query's and the listed name's informative weight left over), evidence
//! breaking ties: a listed name made only of what the query holds ("VTB" for "AO VTB
//! DEVELOPMENT") ranks by that, and "SIERRA" outranks "SIERRA NEVADA TRADING" for "Sierra".
//! The [`CANDIDATE_CAP`] (48) best names (all names within 1% of the best estimate or within
//! 0.1 of the lowest score that can make a hit, up to 512, when more than 48 are: namesakes),
//! and at least [`RELATIVE_ESTIMATE_FLOOR`] of the best estimate,
//! are scored exactly; a query never scans every name. Names written and analysed alike (the
//! same name listed by several publishers) are one name to this ranking and to the scorer, and
//! each of their entities gets the score. Recall therefore rests on two things: that some key
//! of some token reaches the name (the table above), and that a true match ranks among the
//! first 48 by estimate. Two tests hold them on every list in `shared/data/lists`
//! (`tests/real_lists.rs`): every listed name screened as listed finds its entity, and for a
//! sample of 300 queries (exact, with a typo, reordered, a word dropped, in another script)
//! screening finds every hit an exhaustive comparison with every listed name finds. The quality
//! harness (`cargo run --release -p embargo-quality`) counts the misses of each kind ("search"
//! misses are candidate generation, "score" misses the scorer).
//!
//! **Scoring.** A [`Scorer`] scores a query name against a listed name; the default
//! [`AlignmentScorer`] aligns tokens one to one (exact dynamic programming over token subsets,
//! joined/split pairs allowed) and weighs matched against unmatched weight (see its docs), with
//! token similarity from exact text, variants, transliteration, phonetic code, skeleton, or
//! edit distance with its cost. Two different syllables of Chinese (in characters, or two
//! pinyin syllables in Latin letters: Chen / Cheng) are two names, not a typo, and two words of
//! a Chinese or Korean name joined meet one word only as those letters or the same syllables;
//! a syllable left over that makes another given name (the first of a given name of two, or a
//! family name met by a given name: Son Seong-min / Son Min) counts 1.5 against the match. A
//! legal form meets a word that is no legal form only as written, not as its canonical form
//! (GU, read as a state-owned enterprise, is not the Burmese name SOE). A woman's name and a
//! man's that differ by gender alone (two words one feminine ending apart: Yevgeniya
//! Zhuravleva / Evgeny Zhuravlev) are capped at 0.7, and a patronymic that meets the other
//! name's family name while its own family name meets nothing stands against it. Two
//! companies' names that share one distinctive word are capped at 0.75 when that word meets
//! only inexactly while one of them has a word more ("Roche S.A.S." / ROCHEM SERVICE GMBH), or
//! meets across scripts by its sound alone ("صیادی Ltd" / SKADI LIMITED). A word met across
//! scripts by its sound or consonants alone is not met when its letters belie it: a final ya in
//! Arabic script against a Latin word that ends in a consonant (محمدی / MOHAMMED), a Hebrew word
//! that the Latin word does not read. A letter of a vessel's or a company's name is no initial
//! of a person's name (KIRA K / Kira Kulagina), and a syllable left over in a name in Hangul or
//! characters stands against the match whatever the other name is (권혜진 / the vessel JIN HYE).
//! Attributes of the
//! query (identifier, date of birth, country, gender, kind) then move the score of the
//! entity's best name (module `attributes`); a query of no kind whose every name
//! ends with a legal form (or has one of two letters written with dots, "Vincent S.A.") counts
//! as an organisation against a listed person. Each hit carries an [`Explanation`] tree when
//! asked, and the id of its *party*: the listings of one real-world party on several lists,
//! linked at build by the lists' cross-references, shared strong identifiers, or the same name
//! and birth day ([`Index::party`]).
//!
//! **Algorithms.** [`Algorithm`] selects the scorer by name: `embargo` (the default,
//! [`AlignmentScorer`]) or `ofac` ([`OfacScorer`], OFAC's Sanctions List Search scoring as OFAC
//! documents it, with its quirks; see its module docs for what is documented and what is
//! inferred).

mod attributes;
mod cjk;
mod code;
mod explain;
mod index;
mod ofac;
mod scorer;
mod text;
mod token;

pub use index::{Index, IndexStats, CANDIDATE_CAP, COMMON_FORM_NAMES, RELATIVE_ESTIMATE_FLOOR};
pub use ofac::{soundex, OfacScorer, SOUNDEX_FLOOR};
pub use scorer::{token_similarity, AlignmentScorer, NameScore, Scorer, TokenMatch, MIN_TOKEN_SIMILARITY};
pub use text::osa_distance;
pub use token::{scoring_weight, NameToken, NameView, PreparedName, TokenForms};

use embargo_model::{DateSpec, Entity, EntityKind, Gender};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The default alert threshold. On the quality harness (`cargo run --release -p
/// embargo-quality`, seed 42, every list in `shared/data/lists`, 95,833 names) it gives 98.85%
/// recall over the variation types with a target (cross-script 95.22%), 0.55% alerts on names
/// that are on no list (target ≤ 1%), no listed vessel alerting when screened as a company, and
/// precision 98.1% / recall 93.8% (F1 0.959) on the labelled pairs. 0.75 would give 99.04%
/// recall with 2.20% alerts; 0.85 gives 97.8% recall with 0.10% alerts.
pub const DEFAULT_THRESHOLD: f64 = 0.80;

/// A name-scoring algorithm, selectable by name (`--algorithm`, the `algorithm` parameter of
/// `/match`): embargo's own (the default) or OFAC's Sanctions List Search scoring.
///
/// ```
/// use embargo_matcher::{compare_with, Algorithm};
///
/// let algorithm: Algorithm = "ofac".parse().unwrap();
/// let c = compare_with(algorithm.scorer(), "AHMAD", "AHMAD, Mohammad Hassan", None);
/// assert_eq!(c.score, 1.0); // OFAC counts the searched name's parts only
/// let err = "jaro".parse::<Algorithm>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown algorithm 'jaro': choose one of embargo, ofac");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Algorithm {
    /// [`AlignmentScorer`]: token alignment with transliteration, respellings, typos and roles.
    #[default]
    Embargo,
    /// [`OfacScorer`]: OFAC's Sanctions List Search scoring as OFAC documents it (Jaro-Winkler,
    /// Soundex, name parts, the first-letter prefilter), quirks included.
    Ofac,
}

impl Algorithm {
    /// Every algorithm, the default first.
    pub const ALL: [Algorithm; 2] = [Algorithm::Embargo, Algorithm::Ofac];

    /// The algorithm's name as parsed and shown (`embargo`, `ofac`).
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Embargo => "embargo",
            Algorithm::Ofac => "ofac",
        }
    }

    /// The scorer to hand to [`Index::screen_with`] and [`compare_with`].
    pub fn scorer(self) -> &'static dyn Scorer {
        match self {
            Algorithm::Embargo => &AlignmentScorer,
            Algorithm::Ofac => &OfacScorer,
        }
    }
}

impl std::fmt::Display for Algorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A name given for an [`Algorithm`] that is none of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAlgorithm(pub String);

impl std::fmt::Display for UnknownAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let choices: Vec<&str> = Algorithm::ALL.iter().map(|a| a.name()).collect();
        write!(f, "unknown algorithm '{}': choose one of {}", self.0, choices.join(", "))
    }
}

impl std::error::Error for UnknownAlgorithm {}

impl embargo_errors::ErrorCode for UnknownAlgorithm {
    fn error_code(&self) -> embargo_errors::Code {
        embargo_errors::Code::UnknownAlgorithm
    }
}

impl std::str::FromStr for Algorithm {
    type Err = UnknownAlgorithm;

    /// Parses an algorithm's name, ignoring case and surrounding spaces.
    fn from_str(s: &str) -> Result<Algorithm, UnknownAlgorithm> {
        let wanted = s.trim();
        Algorithm::ALL
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownAlgorithm(s.to_owned()))
    }
}

/// What is screened: one party described by example.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    /// One or more names of the same party (e.g. a name in Latin and in Cyrillic script).
    pub names: Vec<String>,
    #[serde(default)]
    pub kind: Option<EntityKind>,
    /// Dates of birth or incorporation, as given ("1964", "1964-03-12", "circa 1964").
    #[serde(default)]
    pub birth_dates: Vec<DateSpec>,
    /// Countries (names or ISO codes) of nationality, residence or registration.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Identifier values (passport, INN, IMO, ...); compared on their alphanumerics.
    #[serde(default)]
    pub identifiers: Vec<String>,
    #[serde(default)]
    pub gender: Option<Gender>,
}

impl Query {
    pub fn name(name: impl Into<String>) -> Query {
        Query { names: vec![name.into()], ..Query::default() }
    }
}

/// How to screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenOptions {
    /// Hits scoring below are dropped.
    pub threshold: f64,
    /// At most this many hits, best first.
    pub limit: usize,
    /// Only entities of these lists (list ids such as `ofac-sdn`); `None` for all.
    pub lists: Option<Vec<String>>,
    /// Attach an [`Explanation`] to each hit.
    pub explain: bool,
    /// Which scorer scores candidates: embargo's own (default) or OFAC's.
    #[serde(default)]
    pub algorithm: Algorithm,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions {
            threshold: DEFAULT_THRESHOLD,
            limit: 10,
            lists: None,
            explain: false,
            algorithm: Algorithm::Embargo,
        }
    }
}

/// A score explanation: a small tree of (value, why, children). Its `Display` is an indented
/// tree for the terminal; serde gives the JSON form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub value: f64,
    pub why: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Explanation>,
}

/// One listed entity the query may be.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub entity: Arc<Entity>,
    /// The real-world party the entity is a listing of, by the smallest id among its listings
    /// (the same person on OFAC, the UN and the UK lists has one party id); see
    /// [`Index::party`] for its listings.
    pub party_id: String,
    /// 0..1; 1.0 only for an identical name.
    pub score: f64,
    /// The listed name that scored best; of names scoring alike, one written as the query if
    /// there is one.
    pub matched_name: String,
    /// The query name that scored best.
    pub query_name: String,
    pub explanation: Option<Explanation>,
}

/// The result of comparing one pair of names.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub score: f64,
    pub explanation: Explanation,
}

/// Compares two names with the default scorer; `kind` (when known) tells the analyser whether
/// legal forms or personal-name roles apply. Symmetric: `compare(a, b, k)` and
/// `compare(b, a, k)` give the same score.
pub fn compare(a: &str, b: &str, kind: Option<EntityKind>) -> Comparison {
    compare_with(&AlignmentScorer, a, b, kind)
}

/// Compares two names with `scorer`.
pub fn compare_with(scorer: &dyn Scorer, a: &str, b: &str, kind: Option<EntityKind>) -> Comparison {
    let a = PreparedName::analyze(a, kind);
    let b = PreparedName::analyze(b, kind);
    let result = scorer.score(&a.view(), &b.view(), true);
    let mut explanation = result.explanation.unwrap_or_else(|| Explanation::leaf(result.score, ""));
    explanation.why =
        format!("'{}' against '{}', {} scorer: {}", a.original, b.original, scorer.name(), explanation.why);
    Comparison { score: result.score, explanation }
}
