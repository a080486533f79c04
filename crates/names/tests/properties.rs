//! Properties of name analysis over arbitrary input.

use embargo_model::EntityKind;
use embargo_names::{analyze, joined_forms, normalize, phonetic, skeleton};
use proptest::prelude::*;

/// Strings mixing the scripts, marks, punctuation and compatibility characters names contain.
fn name_like() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[A-Za-z]{1,10}",
        "[А-Яа-яЁёІіЇїЄєҒғҚқ]{1,8}",
        "[\u{0621}-\u{064A}\u{064B}-\u{0652}پچژگکی]{1,8}",
        "[\u{4E00}-\u{4E80}]{1,4}",
        "[\u{AC00}-\u{AC80}]{1,3}",
        "[α-ωΑ-Ωάέήίόύώ]{1,8}",
        "[ა-ჰ]{1,6}",
        "[ա-ֆ]{1,6}",
        "[א-ת]{1,6}",
        "[0-9]{1,5}(st|nd|rd|th)?",
        "[ ,.\\-'’()/&]{1,3}",
        "(Mr|Dr|General|Sheikh|OOO|LLC|JSC|al-|bin|No\\.|M/V)",
        "[\u{0300}-\u{036F}\u{200B}-\u{200F}ﬁ㎆ǅİŉ]{1,2}",
    ];
    proptest::collection::vec(pieces, 0..8).prop_map(|v| v.join(" "))
}

fn kind() -> impl Strategy<Value = Option<EntityKind>> {
    prop_oneof![
        Just(None),
        Just(Some(EntityKind::Person)),
        Just(Some(EntityKind::Organization)),
        Just(Some(EntityKind::Vessel)),
        Just(Some(EntityKind::Unknown)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalize_is_idempotent(s in any::<String>()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn normalize_is_idempotent_on_name_like_text(s in name_like()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn analyze_never_panics_on_arbitrary_strings(s in any::<String>(), k in kind()) {
        let n = analyze(&s, k);
        for t in &n.tokens {
            prop_assert!(!t.text.is_empty());
            prop_assert!(!t.skeleton.is_empty());
            prop_assert!(t.weight > 0.0);
        }
        let _ = joined_forms(&n);
    }

    #[test]
    fn analysis_is_deterministic(s in name_like(), k in kind()) {
        prop_assert_eq!(analyze(&s, k), analyze(&s, k));
    }

    #[test]
    fn token_texts_are_folded_latin_for_supported_scripts(s in name_like(), k in kind()) {
        for t in analyze(&s, k).tokens {
            prop_assert!(t.text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()), "{:?}", t);
            prop_assert_eq!(&t.skeleton, &skeleton(&t.text));
            prop_assert_eq!(&t.phonetic, &phonetic(&t.text));
        }
    }
}
