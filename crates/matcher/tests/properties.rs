//! Properties every score keeps.

use embargo_matcher::compare;
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

proptest! {
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
