//! How the attributes of a query other than its names move a name score.
//!
//! Agreement raises the score by a share of the distance left to 1 (so it never reaches 1.0
//! and matters most for middling name scores); a clear contradiction subtracts. Where either
//! side lacks the attribute nothing changes: most listed entries carry no date of birth or
//! gender, and they must not be punished for it.

use crate::token::PreparedName;
use crate::{Explanation, Query};
use embargo_model::{country, normalize_identifier, DateSpec, Entity, EntityKind, Gender, PartialDate};
use embargo_names::TokenRole;

/// Share of the remaining distance to 1 closed by an agreeing identifier: decisive.
const IDENTIFIER_SHARE: f64 = 0.9;
/// Share closed by an agreeing full date of birth, and by an agreeing year only.
const BIRTH_DATE_SHARE: f64 = 0.3;
const BIRTH_YEAR_SHARE: f64 = 0.2;
/// Share closed by an agreeing country.
const COUNTRY_SHARE: f64 = 0.1;
/// Subtracted for birth dates two or more years apart.
const BIRTH_MISMATCH_PENALTY: f64 = 0.15;
const GENDER_MISMATCH_PENALTY: f64 = 0.1;
/// A person is not a vessel: enough to take an identical name below the default threshold.
const KIND_MISMATCH_PENALTY: f64 = 0.25;
/// Identifier values shorter than this (after reduction to alphanumerics) are too likely to
/// agree by chance to be decisive.
pub(crate) const MIN_IDENTIFIER_LEN: usize = 4;
/// Attributes alone never make a non-identical name score 1.0.
const ATTRIBUTE_CAP: f64 = 0.995;

/// Applies the query's attributes to a name score; returns the new score and, when `explain`
/// asks for them, one explanation per attribute that changed it (the text costs more than the
/// arithmetic, and screening explains only when asked).
///
/// `organisation_by_name`: the query gives no kind, but its names say it is an organisation
/// (see [`is_organisation_by_name`]).
pub(crate) fn adjust(
    query: &Query,
    organisation_by_name: bool,
    entity: &Entity,
    name_score: f64,
    explain: bool,
) -> (f64, Vec<Explanation>) {
    let mut why = Vec::new();
    let score = adjusted(query, organisation_by_name, entity, name_score, explain.then_some(&mut why));
    (score, why)
}

/// What screening reads of every entity's attributes to rule its names out before scoring
/// them, kept together in the index: the entities themselves are scattered over the heap, and
/// reading their dates and countries (nationality, citizenship, addresses, places of birth)
/// cost as much as scoring the name.
#[derive(Debug, Default)]
pub(crate) struct AttributeTable {
    entities: Vec<EntityFacts>,
    /// Birth dates of all entities.
    birth_years: Vec<BirthYears>,
    /// ISO codes of all entities' countries.
    countries: Vec<[u8; 2]>,
}

#[derive(Debug)]
struct EntityFacts {
    /// The entity's spans are `birth_years[births.0..births.1]`.
    births: (u32, u32),
    countries: (u32, u32),
    has_identifiers: bool,
    gender: Option<Gender>,
    kind: EntityKind,
}

/// The query's side of [`AttributeTable`], read once per query.
pub(crate) struct QueryFacts {
    birth_years: Vec<BirthYears>,
    countries: Vec<[u8; 2]>,
    has_identifiers: bool,
    gender: Option<Gender>,
    kind: Option<EntityKind>,
    /// See [`is_organisation_by_name`].
    organisation_by_name: bool,
}

/// A date's years widened by the slack of an approximate date ("circa 1964").
fn widened_years(date: &DateSpec) -> Option<(u16, u16)> {
    let (from, to) = date.year_span()?;
    let slack = if date.approximate { 2 } else { 0 };
    Some((from.saturating_sub(slack), to.saturating_add(slack)))
}

/// A birth date as [`birth_dates`] compares it: its widened years, and the day when it is one
/// day (0 otherwise), which must be equal for a full-date agreement.
#[derive(Debug, Clone, Copy)]
struct BirthYears {
    from: u16,
    to: u16,
    day: u32,
}

impl BirthYears {
    fn of(date: &DateSpec) -> Option<BirthYears> {
        let (from, to) = widened_years(date)?;
        let day = match (date.from, date.to) {
            (Some(d), None) => match (d.month, d.day) {
                (Some(m), Some(day)) => u32::from(d.year) << 9 | u32::from(m) << 5 | u32::from(day),
                _ => 0,
            },
            _ => 0,
        };
        Some(BirthYears { from, to, day })
    }
}

fn code(code: &str) -> Option<[u8; 2]> {
    code.as_bytes().try_into().ok()
}

impl AttributeTable {
    pub(crate) fn build(entities: &[std::sync::Arc<Entity>]) -> AttributeTable {
        let mut table = AttributeTable::default();
        for e in entities {
            let births = table.birth_years.len() as u32;
            table.birth_years.extend(e.birth_dates.iter().filter_map(BirthYears::of));
            let countries = table.countries.len() as u32;
            for c in e.all_countries().filter_map(|c| c.code.as_deref().and_then(code)) {
                if !table.countries[countries as usize..].contains(&c) {
                    table.countries.push(c);
                }
            }
            table.entities.push(EntityFacts {
                births: (births, table.birth_years.len() as u32),
                countries: (countries, table.countries.len() as u32),
                has_identifiers: !e.identifiers.is_empty(),
                gender: e.gender,
                kind: e.kind,
            });
        }
        table.entities.shrink_to_fit();
        table.birth_years.shrink_to_fit();
        table.countries.shrink_to_fit();
        table
    }

    /// The full birth dates of entity `e` (one day each, as [`BirthYears::day`] encodes it).
    pub(crate) fn birth_days(&self, e: u32) -> impl Iterator<Item = u32> + '_ {
        let facts = &self.entities[e as usize];
        self.birth_years[facts.births.0 as usize..facts.births.1 as usize]
            .iter()
            .map(|b| b.day)
            .filter(|&d| d != 0)
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.entities.len() * std::mem::size_of::<EntityFacts>()
            + self.birth_years.len() * std::mem::size_of::<BirthYears>()
            + self.countries.len() * 2
    }

    /// Whether a name of entity `e` scoring at most `name_score` could reach `threshold` once
    /// the query's attributes are applied: false only when [`adjust`] would leave it below.
    /// Everything but identifiers is weighed as [`adjust`] weighs it (the adjusted score never
    /// falls as the name score rises, so a name whose bound cannot reach the threshold cannot
    /// either); identifiers are taken to agree whenever both sides have some.
    pub(crate) fn could_reach(&self, query: &QueryFacts, e: u32, name_score: f64, threshold: f64) -> bool {
        let facts = &self.entities[e as usize];
        let listed = &self.birth_years[facts.births.0 as usize..facts.births.1 as usize];
        let mut birth = BirthAgreement::Unknown;
        if !query.birth_years.is_empty() && !listed.is_empty() {
            let (mut same_day, mut closest) = (false, u16::MAX);
            for q in &query.birth_years {
                for e in listed {
                    same_day |= q.day != 0 && q.day == e.day;
                    let gap = if q.from <= e.to && e.from <= q.to {
                        0
                    } else if q.to < e.from {
                        e.from - q.to
                    } else {
                        q.from - e.to
                    };
                    closest = closest.min(gap);
                }
            }
            birth = match closest {
                _ if same_day => BirthAgreement::SameDay,
                0 => BirthAgreement::SameYear,
                1 => BirthAgreement::Unknown,
                _ => BirthAgreement::YearsApart,
            };
        }
        let countries = &self.countries[facts.countries.0 as usize..facts.countries.1 as usize];
        let agreement = Agreement {
            identifier: query.has_identifiers && facts.has_identifiers,
            birth,
            country: query.countries.iter().any(|c| countries.contains(c)),
            gender_conflict: matches!((query.gender, facts.gender), (Some(q), Some(e)) if q != e),
            kind_conflict: query.kind.is_some_and(|q| kinds_conflict(q, facts.kind))
                || (query.organisation_by_name && facts.kind == EntityKind::Person),
        };
        agreement.apply(name_score, &mut |_, _| {}) >= threshold
    }
}

/// How the attributes of a query meet those of an entity, whichever way they were read (from
/// the entity for hits, from the [`AttributeTable`] for candidates): one arithmetic for both.
#[derive(Debug, Clone, Copy)]
struct Agreement {
    identifier: bool,
    birth: BirthAgreement,
    country: bool,
    gender_conflict: bool,
    kind_conflict: bool,
}

#[derive(Debug, Clone, Copy)]
enum BirthAgreement {
    Unknown,
    SameDay,
    SameYear,
    YearsApart,
}

/// The attribute a step of [`Agreement::apply`] weighed.
#[derive(Debug, Clone, Copy)]
enum Step {
    Identifier,
    Birth,
    Country,
    Gender,
    Kind,
}

impl Agreement {
    /// The name score moved by each agreement and contradiction in turn (the order matters: a
    /// raise closes a share of what is left); `step` is told what each step changed.
    fn apply(&self, name_score: f64, step: &mut dyn FnMut(Step, f64)) -> f64 {
        let mut score = name_score;
        if self.identifier {
            let change = raise(&mut score, IDENTIFIER_SHARE);
            step(Step::Identifier, change);
        }
        match self.birth {
            BirthAgreement::SameDay => {
                let change = raise(&mut score, BIRTH_DATE_SHARE);
                step(Step::Birth, change);
            }
            BirthAgreement::SameYear => {
                let change = raise(&mut score, BIRTH_YEAR_SHARE);
                step(Step::Birth, change);
            }
            BirthAgreement::YearsApart => {
                score -= BIRTH_MISMATCH_PENALTY;
                step(Step::Birth, -BIRTH_MISMATCH_PENALTY);
            }
            BirthAgreement::Unknown => {}
        }
        if self.country {
            let change = raise(&mut score, COUNTRY_SHARE);
            step(Step::Country, change);
        }
        if self.gender_conflict {
            score -= GENDER_MISMATCH_PENALTY;
            step(Step::Gender, -GENDER_MISMATCH_PENALTY);
        }
        if self.kind_conflict {
            score -= KIND_MISMATCH_PENALTY;
            step(Step::Kind, -KIND_MISMATCH_PENALTY);
        }
        score.clamp(0.0, 1.0)
    }
}

/// Closes `share` of the distance from `score` to 1 (attributes alone never lift a name to
/// 1.0 that was not there); returns the change.
fn raise(score: &mut f64, share: f64) -> f64 {
    let before = *score;
    *score += (1.0 - *score) * share;
    *score = score.min(ATTRIBUTE_CAP.max(before));
    *score - before
}

impl QueryFacts {
    pub(crate) fn of(query: &Query, organisation_by_name: bool) -> QueryFacts {
        let mut countries: Vec<[u8; 2]> =
            query.countries.iter().filter_map(|c| country::resolve(c)).filter_map(code).collect();
        countries.dedup();
        QueryFacts {
            birth_years: query.birth_dates.iter().filter_map(BirthYears::of).collect(),
            countries,
            has_identifiers: !query.identifiers.is_empty(),
            gender: query.gender,
            kind: query.kind,
            organisation_by_name,
        }
    }
}

/// The adjusted score, with an explanation per attribute pushed to `why` when given.
fn adjusted(
    query: &Query,
    organisation_by_name: bool,
    entity: &Entity,
    name_score: f64,
    why: Option<&mut Vec<Explanation>>,
) -> f64 {
    let identifier = matching_identifier(query, entity);
    let birth = birth_dates(&query.birth_dates, &entity.birth_dates);
    let country = matching_country(query, entity);
    let agreement = Agreement {
        identifier: identifier.is_some(),
        birth: match birth {
            DateAgreement::FullDate(_) => BirthAgreement::SameDay,
            DateAgreement::Year(_) => BirthAgreement::SameYear,
            DateAgreement::Mismatch(..) => BirthAgreement::YearsApart,
            DateAgreement::Unknown => BirthAgreement::Unknown,
        },
        country: country.is_some(),
        gender_conflict: matches!((query.gender, entity.gender), (Some(q), Some(e)) if q != e),
        kind_conflict: query.kind.is_some_and(|q| kinds_conflict(q, entity.kind))
            || (organisation_by_name && entity.kind == EntityKind::Person),
    };
    let Some(why) = why else { return agreement.apply(name_score, &mut |_, _| {}) };
    agreement.apply(name_score, &mut |step, change| {
        let reason = match step {
            Step::Identifier => format!("identifier {} matches", identifier.as_deref().unwrap_or_default()),
            Step::Birth => match &birth {
                DateAgreement::FullDate(d) => format!("date of birth {d} matches"),
                DateAgreement::Year(y) => format!("year of birth {y} matches"),
                DateAgreement::Mismatch(q, e) => format!("date of birth {q} contradicts listed {e}"),
                DateAgreement::Unknown => String::new(),
            },
            Step::Country => format!("country {} matches", country.unwrap_or_default()),
            Step::Gender => match (query.gender, entity.gender) {
                (Some(q), Some(e)) => format!("gender {q:?} contradicts listed {e:?}").to_lowercase(),
                _ => String::new(),
            },
            Step::Kind => match query.kind {
                Some(kind) => format!("a {} is screened but a {} is listed", kind.as_str(), entity.kind),
                None => format!("a name with a legal form is screened but a {} is listed", entity.kind),
            },
        };
        why.push(Explanation::leaf(change, reason));
    })
}

/// Whether a query that gives no kind names an organisation by every one of its names: each
/// ends with a legal form that cannot be a word of a person's name (`LLC`, `Inc`, `SARL`: three
/// letters or more that do not read as a Chinese or Korean syllable, as `PAO` of "PAO YU YI"
/// does), or has one written with dots (`S.A.`, `S.A.R.L.`); two letters such as `SA` or `AG`
/// may be a word of a person's name. Such a query contradicts a listed person as a query of
/// kind organisation does: "Vincent LLC" is not the person listed as "Vincent" (0.91 on the
/// name alone), nor "Daniels PLC" the one listed as "DANIEL". Vessels and aircraft are left
/// alone: a company is often named as its ship.
pub(crate) fn is_organisation_by_name<'a>(names: impl IntoIterator<Item = &'a PreparedName>) -> bool {
    let mut any = false;
    for name in names {
        any = true;
        let last = name.roles.len().saturating_sub(1);
        let has_legal_form = name.roles.iter().zip(&name.forms).enumerate().any(|(i, (role, forms))| {
            let letters = forms.original.chars().filter(|c| c.is_alphanumeric()).count();
            *role == TokenRole::LegalForm
                && (written_with_dots(&name.original, &forms.original)
                    || (i == last
                        && letters >= 3
                        && embargo_names::cjk_word(&forms.original, &forms.text).is_none()))
        });
        if !has_legal_form {
            return false;
        }
    }
    any
}

/// Whether the word `word` of a name written as `name` was written with dots between its
/// letters: the analysis runs a dotted abbreviation's letters together
/// (`S.A.` is the token `SA`), so the dots are looked for in the name as written. "Vincent
/// S.A." scored 0.91 against the person listed as "Vincent", as "Chochół S.A." did against
/// "Cho Ch'o'l": a legal form of two letters written so is no person's initials.
fn written_with_dots(name: &str, word: &str) -> bool {
    if word.contains('.') {
        return true;
    }
    let letters: Vec<char> = word.chars().collect();
    if letters.len() < 2 || !letters.iter().all(char::is_ascii_alphabetic) {
        return false;
    }
    let mut dotted = String::with_capacity(2 * letters.len());
    for (i, c) in letters.iter().enumerate() {
        if i > 0 {
            dotted.push('.');
        }
        dotted.push(c.to_ascii_lowercase());
    }
    name.to_ascii_lowercase().contains(&dotted)
}

/// Whether a query of kind `query` and a listed entity of kind `listed` contradict each other.
pub(crate) fn kinds_conflict(query: EntityKind, listed: EntityKind) -> bool {
    query != listed && query != EntityKind::Unknown && listed != EntityKind::Unknown
}

/// Whether an entity whose kind contradicts the query's could still reach `threshold`: no
/// agreement lifts a score above 1, so the penalty leaves it at most `1 - penalty`.
pub(crate) fn a_kind_conflict_can_reach(threshold: f64) -> bool {
    1.0 - KIND_MISMATCH_PENALTY >= threshold
}

/// The lowest name score that the query's attributes could lift to `threshold`: every
/// attribute the query gives agreeing, none contradicting. A query with an identifier can lift
/// any name score.
pub(crate) fn lowest_name_score_that_can_reach(query: &Query, threshold: f64) -> f64 {
    if !query.identifiers.is_empty() {
        return f64::NEG_INFINITY;
    }
    let mut kept = 1.0;
    if !query.birth_dates.is_empty() {
        kept *= 1.0 - BIRTH_DATE_SHARE.max(BIRTH_YEAR_SHARE);
    }
    if !query.countries.is_empty() {
        kept *= 1.0 - COUNTRY_SHARE;
    }
    // score = 1 - kept × (1 - name score) at best; a little slack for rounding.
    1.0 - (1.0 - threshold) / kept - 1e-9
}

fn matching_identifier(query: &Query, entity: &Entity) -> Option<String> {
    query.identifiers.iter().find_map(|q| {
        let q = normalize_identifier(q);
        (q.chars().count() >= MIN_IDENTIFIER_LEN
            && entity.identifiers.iter().any(|e| e.normalized_value() == q))
        .then_some(q)
    })
}

fn matching_country(query: &Query, entity: &Entity) -> Option<&'static str> {
    query
        .countries
        .iter()
        .filter_map(|c| country::resolve(c))
        .find(|code| entity.all_countries().any(|c| c.code.as_deref() == Some(*code)))
}

enum DateAgreement<'a> {
    FullDate(PartialDate),
    Year(&'a str),
    Mismatch(&'a str, &'a str),
    Unknown,
}

/// Compares dates of birth: a full date agreeing to the day, years overlapping (ranges and
/// "circa" widen them), or years at least two apart. One year apart is left alone: lists and
/// documents disagree by a year often enough (calendar conversions, rounding of ages).
fn birth_dates<'a>(query: &'a [DateSpec], listed: &'a [DateSpec]) -> DateAgreement<'a> {
    let span = widened_years;
    let mut closest: Option<(u16, &str, &str)> = None;
    let mut year_match = None;
    for q in query {
        let Some((qa, qb)) = span(q) else { continue };
        for e in listed {
            let Some((ea, eb)) = span(e) else { continue };
            if let (Some(x), Some(y)) = (q.from, e.from) {
                if q.to.is_none() && e.to.is_none() && x.day.is_some() && x == y {
                    return DateAgreement::FullDate(x);
                }
            }
            if qa <= eb && ea <= qb {
                year_match.get_or_insert(q.raw.as_str());
                continue;
            }
            let gap = if qb < ea { ea - qb } else { qa - eb };
            if !matches!(&closest, Some((g, _, _)) if *g <= gap) {
                closest = Some((gap, &q.raw, &e.raw));
            }
        }
    }
    if let Some(y) = year_match {
        return DateAgreement::Year(y);
    }
    match closest {
        Some((gap, q, e)) if gap >= 2 => DateAgreement::Mismatch(q, e),
        _ => DateAgreement::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use embargo_model::Country;

    /// Screening skips the attributes of candidates whose name score is below this bound: it
    /// must be exactly where the best agreement could still lift a name to the threshold.
    #[test]
    fn name_scores_below_the_bound_cannot_reach_the_threshold() {
        let mut entity = Entity::new("test", "1", EntityKind::Person);
        entity.birth_dates.push(DateSpec::parse("1964-03-12"));
        entity.countries.push(Country::from_published("Iran"));
        let mut query = Query::name("x");
        query.birth_dates.push(DateSpec::parse("1964-03-12"));
        query.countries.push("IR".into());
        for threshold in [0.7, 0.8, 0.9] {
            let bound = lowest_name_score_that_can_reach(&query, threshold);
            assert!(adjust(&query, false, &entity, bound + 1e-6, false).0 >= threshold);
            assert!(adjust(&query, false, &entity, bound - 1e-6, false).0 < threshold);
            assert_eq!(lowest_name_score_that_can_reach(&Query::name("x"), threshold), threshold - 1e-9);
        }
        query.identifiers.push("A1234567".into());
        assert_eq!(lowest_name_score_that_can_reach(&query, 0.8), f64::NEG_INFINITY);
    }

    /// Screening skips a candidate when its name bound, adjusted by what the index keeps of
    /// the entity's attributes, is below the threshold: that must never rule out a name that
    /// the exact adjustment lifts to the threshold, and (identifiers apart) must rule out every
    /// other, which holds only if the adjusted score never falls as the name score rises.
    #[test]
    fn names_are_ruled_out_by_attributes_exactly_where_the_adjustment_leaves_them_below() {
        let mut entity = Entity::new("test", "1", EntityKind::Person);
        entity.birth_dates.push(DateSpec::parse("1964-03-12"));
        entity.birth_dates.push(DateSpec::parse("circa 1970"));
        entity.nationalities.push(Country::from_published("Iran"));
        entity.gender = Some(Gender::Male);
        let with_id = {
            let mut e = entity.clone();
            e.identifiers.push(embargo_model::Identifier::new(embargo_model::IdKind::Passport, "A1234567"));
            e
        };
        let queries = [
            (Some("1964-03-12"), Some("IR"), Some("A1234567"), None, None),
            (Some("1964"), Some("Iran"), None, Some(Gender::Female), None),
            (Some("1966"), None, None, None, None),
            (Some("1973"), None, None, None, None),
            (Some("1990"), Some("IR"), None, None, Some(EntityKind::Organization)),
            (None, Some("FR"), Some("Z999999"), None, Some(EntityKind::Person)),
        ];
        for entity in [entity, with_id] {
            let table = AttributeTable::build(&[std::sync::Arc::new(entity.clone())]);
            for ((dob, country, id, gender, kind), by_name) in
                queries.into_iter().flat_map(|q| [(q, false), (q, true)])
            {
                let mut query = Query::name("x");
                query.birth_dates.extend(dob.map(DateSpec::parse));
                query.countries.extend(country.map(String::from));
                query.identifiers.extend(id.map(String::from));
                query.gender = gender;
                query.kind = kind;
                let facts = QueryFacts::of(&query, by_name);
                let mut last = f64::NEG_INFINITY;
                for step in 0..=1000 {
                    let name_score = f64::from(step) / 1000.0;
                    let score = adjust(&query, by_name, &entity, name_score, false).0;
                    assert!(score >= last, "{dob:?} {country:?} {id:?}: falls at name score {name_score}");
                    last = score;
                    for threshold in [0.7, 0.8, 0.9] {
                        let could = table.could_reach(&facts, 0, name_score, threshold);
                        assert!(could || score < threshold, "{dob:?} {country:?} {id:?} at {name_score}");
                        if id.is_none() {
                            assert_eq!(could, score >= threshold, "{dob:?} {country:?} at {name_score}");
                        }
                    }
                }
            }
        }
    }

    /// Screening leaves out entities of a contradicting kind when the threshold is above what
    /// they could reach: an identical name with every other attribute agreeing must be exactly
    /// where the bound says.
    #[test]
    fn an_entity_of_another_kind_reaches_at_most_what_the_bound_says() {
        let mut entity = Entity::new("test", "1", EntityKind::Organization);
        entity.birth_dates.push(DateSpec::parse("1964-03-12"));
        entity.countries.push(Country::from_published("Iran"));
        entity.identifiers.push(embargo_model::Identifier::new(embargo_model::IdKind::Passport, "A1234567"));
        let mut query = Query::name("x");
        query.kind = Some(EntityKind::Person);
        query.birth_dates.push(DateSpec::parse("1964-03-12"));
        query.countries.push("IR".into());
        query.identifiers.push("A1234567".into());
        let best = adjust(&query, false, &entity, 1.0, false).0;
        assert!(a_kind_conflict_can_reach(best));
        assert!(!a_kind_conflict_can_reach(best + 1e-9));
        query.kind = Some(EntityKind::Unknown);
        assert!(!kinds_conflict(EntityKind::Unknown, EntityKind::Organization));
        assert_eq!(adjust(&query, false, &entity, 1.0, false).0, 1.0);
    }
}
