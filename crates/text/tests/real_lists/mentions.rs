//! Mentions in running text: the cues of prose, against real lists.

use crate::common::screening;
use embargo_text::{Mention, TextOptions};

fn mentions(text: &str) -> Vec<Mention> {
    screening().screener().screen_text(text, &TextOptions::default()).unwrap().mentions
}

fn ids(m: &Mention) -> Vec<&str> {
    m.hits.iter().map(|h| h.entity_id.as_str()).collect()
}

#[test]
fn journalists_spellings_titles_and_split_names() {
    let found = mentions(
        "The EU sanctioned Mohammad Bagheri, Major General Seyyed Hojjatullah Qureshi and Brigadier \
         General Saeed Aqa Jani.",
    );
    let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Mohammad Bagheri", "Seyyed Hojjatullah Qureshi", "Saeed Aqa Jani"]);
    assert_eq!(ids(&found[0])[0], "uk-fcdo:RUS1652");
    assert_eq!(ids(&found[1])[0], "uk-fcdo:RUS1654");
    assert_eq!(ids(&found[2])[0], "uk-fcdo:RUS1653");
}

#[test]
fn a_family_name_alone_is_linked_to_the_full_name_before_or_after_it() {
    let found =
        mentions("BAGHERI VISITS MOSCOW\nMajor General Mohammad Bagheri met officials. Bagheri said little.");
    let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["BAGHERI", "Mohammad Bagheri", "Bagheri"]);
    assert_eq!(found[0].linked_to, Some(1), "a headline links forward");
    assert_eq!(found[2].linked_to, Some(1));
    assert_eq!(ids(&found[2]), ids(&found[1]));
}

#[test]
fn an_unlisted_full_name_silences_its_family_name() {
    // "Qureshi" alone would alert (two listed parties hold it); after "Imran Qureshi", an
    // unlisted person, it names him.
    assert!(!mentions("Qureshi denied it.").is_empty());
    assert!(mentions("Reporter Imran Qureshi wrote the story. Qureshi denied it.").is_empty());
}

#[test]
fn places_common_words_and_given_names_do_not_alert() {
    for text in [
        "Satellite images show Moscow and Tehran.",
        "Iran, Russia and Crimea were discussed.",
        "Saeed said the Alliance would meet on Monday.",
        "EU SANCTIONS IRAN OVER DRONES",
    ] {
        assert!(mentions(text).is_empty(), "{text}: {:?}", mentions(text));
    }
}

#[test]
fn possessives_and_spans_map_back_to_the_input() {
    let text = "In Putin\u{2019}s war, Russia\u{2019}s Alabuga Special Economic Zone builds drones.";
    let found = mentions(text);
    let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Putin", "Alabuga Special Economic Zone"]);
    let chars: Vec<char> = text.chars().collect();
    for m in &found {
        assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
    }
    assert!(ids(&found[0]).contains(&"uk-fcdo:RUS0251"));
    assert_eq!(ids(&found[1]), ["uk-fcdo:RUS2080"]);
}

#[test]
fn html_offsets_point_into_the_markup() {
    let html = "<p>Sanctions hit <b>Shahed</b> Aviation Industries &amp; others.</p>";
    let found = screening()
        .screener()
        .screen_text(html, &TextOptions { markup: embargo_text::Markup::Html, ..TextOptions::default() })
        .unwrap()
        .mentions;
    assert_eq!(found[0].text, "Shahed Aviation Industries");
    let chars: Vec<char> = html.chars().collect();
    assert_eq!(
        chars[found[0].start..found[0].end].iter().collect::<String>(),
        "Shahed</b> Aviation Industries"
    );
}

#[test]
fn russian_and_persian() {
    let ru = mentions("Министр обороны Сергей Шойгу заявил, что по словам Шойгу всё идёт по плану.");
    assert_eq!(ru.len(), 2, "{ru:?}");
    assert!(ids(&ru[0]).contains(&"uk-fcdo:RUS0689"));
    assert_eq!(ru[1].linked_to, Some(0));
    let fa = mentions("سرلشکر محمد باقری رئیس ستاد کل نیروهای مسلح گفت");
    assert_eq!(fa.len(), 1, "{fa:?}");
    assert_eq!(fa[0].text, "محمد باقری");
    assert!(ids(&fa[0]).contains(&"uk-fcdo:RUS1652"));
}

#[test]
fn jurisdictions_are_reported_apart() {
    let found = screening()
        .screener()
        .screen_text("Drones flew from Iran over Crimea to Sevastopol.", &TextOptions::default())
        .unwrap();
    assert!(found.mentions.is_empty());
    let codes: Vec<&str> = found.jurisdictions.iter().map(|j| j.code.as_str()).collect();
    assert_eq!(codes, ["IR", "UA-43", "UA-40"]);
    assert_eq!(found.jurisdictions[1].text, "Crimea");
}

#[test]
fn explanations_say_how_the_score_came_about_in_context() {
    let options = TextOptions { explain: true, ..TextOptions::default() };
    let found = screening().screener().screen_text("Kadyrov spoke. Ramzan Kadyrov left.", &options).unwrap();
    let linked = found.mentions[0].hits[0].explanation.as_ref().unwrap();
    assert!(linked.why.contains("the same party as the full mention 'Ramzan Kadyrov'"), "{linked}");
    let single = screening().screener().screen_text("Lukashenko spoke.", &options).unwrap();
    let why = &single.mentions[0].hits[0].explanation.as_ref().unwrap().why;
    assert!(why.contains("one word") && why.contains("distinctiveness"), "{why}");
}
