//! Properties every score keeps.

use embargo_matcher::{compare, AlignmentScorer, PreparedName, Scorer};
use embargo_model::EntityKind;
use proptest::prelude::*;

fn kind() -> impl Strategy<Value = Option<EntityKind>> {
    prop_oneof![
        Just(None),
        Just(Some(EntityKind::Person)),
        Just(Some(EntityKind::Organization)),
        Just(Some(EntityKind::Vessel)),
    ]
}

/// Names like the lists': a few words of letters, sometimes a number, a comma or a legal form.
fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => "[A-Za-z]{1,12}",
            1 => "[0-9]{1,4}",
            1 => Just("LLC".to_owned()),
            1 => Just("al".to_owned()),
            1 => "[А-Яа-я]{2,8}",
        ],
        1..6,
    )
    .prop_map(|words| words.join(" "))
}

/// A name and another made from it the way lists and queries differ: letters changed,
/// dropped or doubled, words joined, dropped or swapped, or another name altogether.
fn related_names() -> impl Strategy<Value = (String, String)> {
    (name(), name(), prop::collection::vec((0usize..64, 0u8..6, "[a-zа-я]"), 0..4)).prop_map(
        |(a, other, edits)| {
            let mut words: Vec<String> = a.split(' ').map(str::to_owned).collect();
            for (at, how, letter) in edits {
                let w = at % words.len();
                let mut chars: Vec<char> = words[w].chars().collect();
                let c = at % chars.len().max(1);
                match how {
                    0 if !chars.is_empty() => chars[c] = letter.chars().next().unwrap_or('x'),
                    1 if chars.len() > 1 => {
                        chars.remove(c);
                    }
                    2 if c + 1 < chars.len() => chars.swap(c, c + 1),
                    3 if w + 1 < words.len() => {
                        let next = words.remove(w + 1);
                        chars.extend(next.chars());
                    }
                    4 if words.len() > 1 => {
                        words.remove(w);
                        continue;
                    }
                    5 => return (a.clone(), other.clone()),
                    _ => chars.insert(c, letter.chars().next().unwrap_or('x')),
                }
                words[w] = chars.into_iter().collect();
            }
            (a.clone(), words.join(" "))
        },
    )
}

proptest! {
    /// Screening skips candidates whose bound is below the threshold: the bound must hold.
    #[test]
    fn the_upper_bound_is_never_below_the_score((a, b) in related_names(), k in kind()) {
        let (a, b) = (PreparedName::analyze(&a, k), PreparedName::analyze(&b, k));
        let score = AlignmentScorer.score(&a.view(), &b.view(), false).score;
        let bound = AlignmentScorer.upper_bound(&a.view(), &b.view());
        prop_assert!(score <= bound + 1e-6, "{:?} / {:?}: score {} above bound {}", a.original, b.original, score, bound);
    }

    #[test]
    fn a_name_matches_itself_with_one(a in name(), k in kind()) {
        prop_assert_eq!(compare(&a, &a, k).score, 1.0);
    }

    #[test]
    fn comparison_is_symmetric(a in name(), b in name(), k in kind()) {
        let ab = compare(&a, &b, k).score;
        let ba = compare(&b, &a, k).score;
        prop_assert!((ab - ba).abs() < 1e-9, "{} vs {}: {} != {}", a, b, ab, ba);
    }

    #[test]
    fn scores_stay_within_zero_and_one(a in "\\PC{0,40}", b in "\\PC{0,40}", k in kind()) {
        let s = compare(&a, &b, k).score;
        prop_assert!((0.0..=1.0).contains(&s));
    }

    #[test]
    fn a_typo_never_scores_one(a in "[a-z]{6,10} [a-z]{6,10}", at in 0usize..6) {
        let mut b: Vec<char> = a.chars().collect();
        b[at] = if b[at] == 'q' { 'x' } else { 'q' };
        let b: String = b.into_iter().collect();
        prop_assert!(compare(&a, &b, None).score < 1.0);
    }
}
