//! Behaviour of the default scorer through `compare`.

use embargo_matcher::{compare, DEFAULT_THRESHOLD};
use embargo_model::EntityKind;

fn score(a: &str, b: &str) -> f64 {
    compare(a, b, None).score
}

#[test]
fn identical_name_scores_one_and_nothing_else_does() {
    assert_eq!(score("Saeed AGHAJANI", "Saeed AGHAJANI"), 1.0);
    assert_eq!(score("saeed aghajani", "SAEED AGHAJANI"), 1.0);
    assert!(score("Saeed AGHAJANI", "AGHAJANI Saeed") < 1.0);
    assert!(score("Saeed AGHAJANI", "Saeed AGHAJANY") < 1.0);
}

#[test]
fn typos_stay_above_the_threshold() {
    assert!(score("Saeed AGHAJANI", "Saeed AGHAJANY") >= DEFAULT_THRESHOLD);
    assert!(score("Abdolrahman KARIMI", "Abdulrahmen KARIMI") >= DEFAULT_THRESHOLD);
    assert!(score("Vladimir PUTIN", "Vladimri PUTIN") >= DEFAULT_THRESHOLD);
}

#[test]
fn reordered_and_dropped_tokens_stay_above_the_threshold() {
    assert!(score("Saeed AGHAJANI", "AGHAJANI Saeed") >= 0.95);
    assert!(score("Mohammad Saeed AGHAJANI", "Saeed AGHAJANI") >= DEFAULT_THRESHOLD);
}

#[test]
fn same_family_name_different_given_name_falls_below_the_threshold() {
    assert!(score("Ali REZAEI", "Hassan REZAEI") < DEFAULT_THRESHOLD);
    assert!(score("Ali REZAEI", "Ali KARIMI") < DEFAULT_THRESHOLD);
}

#[test]
fn vessel_numbers_must_agree() {
    let c = compare("FUYUAN YU 7613", "FUYUAN YU 7631", Some(EntityKind::Vessel));
    assert!(c.score < DEFAULT_THRESHOLD, "{}", c.explanation);
    assert!(c.explanation.render().contains("numbers disagree"));
    assert_eq!(compare("FUYUAN YU 7613", "FUYUAN YU 7613", Some(EntityKind::Vessel)).score, 1.0);
}

#[test]
fn joined_and_split_words_meet() {
    let c = compare("Saeed AGHAJANI", "Saeed AGHA JANI", None);
    assert!(c.score >= DEFAULT_THRESHOLD, "{}", c.explanation);
    assert!(c.score < 1.0);
    assert!(c.explanation.render().contains("split in the listed name"), "{}", c.explanation);
    assert!(score("Saeed AGHA JANI", "Saeed AGHAJANI") >= DEFAULT_THRESHOLD);
}

#[test]
fn unrelated_names_score_low() {
    assert!(score("Vladimir PUTIN", "Kim JONG UN") < 0.3);
    assert!(score("ROSNEFT", "GAZPROM") < 0.3);
}

#[test]
fn empty_names_score_zero_without_panicking() {
    assert_eq!(score("", "Saeed AGHAJANI"), 0.0);
    assert_eq!(score("", ""), 0.0);
    assert_eq!(score("---", "..."), 0.0);
}

#[test]
fn explanation_names_every_token_and_what_was_left() {
    let c = compare("Mohammad Saeed AGHAJANI", "Saeed AGHAJANY", None);
    let text = c.explanation.render().to_lowercase();
    assert!(text.contains("met listed 'aghajany': 1 edit"), "{text}");
    assert!(text.contains("query 'mohammad' unmatched"), "{text}");
    let json = serde_json::to_value(&c.explanation).unwrap();
    assert!(json["children"].as_array().unwrap().len() >= 3);
}

#[test]
fn very_long_names_are_scored_without_blowing_up() {
    let long_a = (0..40).map(|i| format!("word{i}x")).collect::<Vec<_>>().join(" ");
    let long_b = (0..40).rev().map(|i| format!("word{i}x")).collect::<Vec<_>>().join(" ");
    let s = score(&long_a, &long_b);
    assert!((0.9..1.0).contains(&s), "{s}");
}
