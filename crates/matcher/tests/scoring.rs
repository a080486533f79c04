//! Behaviour of the default scorer through `compare`.

use embargo_matcher::{compare, DEFAULT_THRESHOLD};
use embargo_model::EntityKind;

fn score(a: &str, b: &str) -> f64 {
    compare(a, b, None).score
}

/// Every (query, listed) pair scores at the default threshold or above.
fn all_match(pairs: &[(&str, &str)]) {
    for (query, listed) in pairs {
        assert!(score(query, listed) >= DEFAULT_THRESHOLD, "{query} / {listed}: {}", score(query, listed));
    }
}

/// Every (query, listed) pair scores below the default threshold.
fn none_match(pairs: &[(&str, &str)]) {
    for (query, listed) in pairs {
        assert!(score(query, listed) < DEFAULT_THRESHOLD, "{query} / {listed}: {}", score(query, listed));
    }
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

// Classes of issue 11 that an independent test set found: one regression test per class.

/// Companies that share only common words are not one ("Ministry of Defence" / "MINISTRY OF
/// FINANCE", both of the Russian Federation, scored 0.85).
#[test]
fn companies_sharing_only_common_words_do_not_alert() {
    for kind in [None, Some(EntityKind::Organization)] {
        let s = compare(
            "Ministry of Defence of the Russian Federation",
            "MINISTRY OF FINANCE OF THE RUSSIAN FEDERATION",
            kind,
        )
        .score;
        assert!(s < DEFAULT_THRESHOLD, "{kind:?}: {s}");
    }
    // The same ministry still matches, a word dropped or a legal form added.
    assert!(compare("Ministry of Defence of Russia", "MINISTRY OF DEFENCE OF RUSSIA", None).score >= 0.99);
    assert!(compare("Hizbullah Open Joint Stock Company", "Hizbullah", None).score >= 0.85);
}

/// A Chinese name written in characters is read syllable by syllable: one letter off in a
/// one-syllable given name is another name ("龙 陈", Long Chen, scored 0.89 against CHEN, Dong).
#[test]
fn hanzi_one_character_given_names_one_letter_apart_do_not_alert() {
    for kind in [None, Some(EntityKind::Person)] {
        let s = compare("龙 陈", "CHEN, Dong", kind).score;
        assert!(s < 0.75, "{kind:?}: {s}");
    }
    // The same syllables still meet.
    assert!(compare("东 陈", "CHEN, Dong", Some(EntityKind::Person)).score >= 0.9);
}

/// An English given name of a few letters against a listed family name is not the person
/// ("Mark Johnson" against "JOHNSON, Prince", whose Prince is his given name, not a title: read
/// as a title, "Tom Johnson" met JOHNSON alone at 0.80 with a person's kind).
#[test]
fn english_short_given_names_against_a_listed_family_name_do_not_alert() {
    for kind in [None, Some(EntityKind::Person)] {
        for given in ["Mark", "Tom", "Paul", "Jack"] {
            let s = compare(&format!("{given} Johnson"), "JOHNSON, Prince", kind).score;
            assert!(s < DEFAULT_THRESHOLD, "{given} {kind:?}: {s}");
        }
        assert!(compare("Prince Johnson", "JOHNSON, Prince", kind).score >= 0.95);
    }
}

/// A number run into a name is the number written apart ("NAME7622" / "NAME 7622"), and a
/// registration mark or tail number is the same with or without its hyphen.
#[test]
fn numbers_run_into_names_and_marks_without_their_hyphen_match() {
    for (a, b) in [("FUYUAN YU7613", "FUYUAN YU 7613"), ("RA12345", "RA-12345"), ("EP-MMR", "EP MMR")] {
        let s = compare(a, b, None).score;
        assert!(s >= 0.95, "{a} / {b}: {s}");
    }
    // A registration mark one character off is a slip to look at (the RA-12346), at a
    // score below the mark itself; a hull number beside the fleet's words is another vessel.
    let one_off = compare("RA12346", "RA-12345", None).score;
    assert!((DEFAULT_THRESHOLD..0.9).contains(&one_off), "RA12346 / RA-12345: {one_off}");
    assert!(compare("FUYUAN YU 7614", "FUYUAN YU 7613", None).score < DEFAULT_THRESHOLD);
    // Ordinals keep their suffix as written ("924th").
    assert!(compare("924th Regiment", "924 REGIMENT", None).score >= 0.95);
}

/// A particle, its article and the name written as one word (Abdelkader, Abouelkacem,
/// Ibnelkhattab, Binalshibh) are the three words in Latin letters ("Abd El Kader" scored 0.65,
/// "Ibn El Khattab" 0.00: a join is of two words), whichever way each is spelt, and the
/// article may be run into the name instead ("Abu albara").
#[test]
fn a_particle_its_article_and_the_name_written_as_one_word() {
    all_match(&[
        ("Abdelkader Mohamed", "Abd El Kader Mohamed"),
        ("Abdelaziz Saleh", "Abd al-Aziz Saleh"),
        ("Abdurrahman Saleh", "Abd ar-Rahman Saleh"),
        ("Mohamed Abouelkacem", "Mohamed Abou El Kacem"),
        ("Said Aboulfadl", "Said Abou El Fadl"),
        ("Omar Ibnelkhattab", "Omar Ibn El Khattab"),
        ("Ahmed Benelhadj", "Ahmed Ben El Hadj"),
        ("Ramzi Binalshibh", "Ramzi bin al-Shibh"),
        ("Abu albara Qatarji", "Abu al-Bara Qatarji"),
        ("Abou el Khayr Ahmad", "ABU AL-KHAYR, Ahmad"),
        ("Ramzi bin Shibh", "Ramzi bin al-Shibh"),
        ("Abdul Aziz Saleh", "Abd al-Aziz Saleh"),
    ]);
    none_match(&[
        ("Ahmed Abu al-Hassan", "Khaled Abu al-Hassan"),
        ("Abdelkader Mohamed", "Abd El Aziz Mohamed"),
    ]);
}

/// A word in Cyrillic meets a Latin word by its sound or consonants alone, whatever its
/// vowels, only with as many vowel runs: Cyrillic writes its vowels, and КОРОЛЕВ is not KRYLOV
/// nor СТАН Zitouni ("Zitouni EURL" scored 0.87 against "СТАН OOO", 0.66 against "STAN OOO");
/// Belarusian Сяргей still is Sergei.
#[test]
fn a_cyrillic_word_is_forgiven_its_vowels_only_with_as_many_of_them() {
    none_match(&[
        ("Zitouni EURL", "СТАН OOO"),
        ("Ладимир Королев", "KRYLOV, Vladimir"),
        ("Виктория Гаврилова", "Victor Evdokimovich GAVRILOV"),
    ]);
    all_match(&[
        ("Сяргей ХРЫПАЧ", "Sergei Fiodorovich KHRIPACH"),
        ("Сяргей Сіманенка", "Sergei SIMONENKO"),
        ("Владислав Громов", "Vladislav GROMOV"),
    ]);
}

/// Korean legal forms, abbreviated in parentheses ((주), ㈜, (유)) or written out (주식회사), are
/// legal forms, not syllables of a name: "진 (유)", Jin Ltd, scored 0.99 against the person
/// YU, Jin.
#[test]
fn korean_legal_forms_are_not_syllables_of_a_name() {
    none_match(&[("진 (유)", "YU, Jin"), ("손 (유)", "YU SON"), ("나 (주)", "CHU, Na")]);
    all_match(&[
        ("진 (유)", "JIN LLC"),
        ("㈜삼성전자", "삼성전자 주식회사"),
        ("삼성전자 (주)", "삼성전자 주식회사"),
    ]);
}

/// The article ال before a sun letter, written assimilated and run into the name in Latin
/// letters (Essabar, Arrashid), is the article: "زكريا الصبار" scored 0.79 against ZAKARYA
/// ESSABAR.
#[test]
fn an_assimilated_article_run_into_the_name_is_the_article() {
    all_match(&[
        ("زكريا الصبار", "ZAKARYA ESSABAR"),
        ("زكريا الصبار", "Zakarya Assabar"),
        ("هارون الرشيد", "Harun Arrashid"),
    ]);
}

/// A Hebrew vav may be the consonant v and a pe the f of a name from another language, and
/// those readings' consonants and sound are keys too: "נעם פדרמן" (read `nm pdrmn`) scored 0.42
/// against Noam FEDERMAN, "ינון לוי" (`ynon loi`) 0.42 against Yinon LEVY.
#[test]
fn hebrew_vav_and_pe_read_as_consonants_too() {
    all_match(&[("נעם פדרמן", "Noam FEDERMAN"), ("ינון לוי", "Yinon LEVY")]);
}

/// A title of Arabic or Persian origin respelt as the names are (Moullah, Mulah for Mullah) is
/// the title: "Moullah Krekar" scored 0.73 against Mullah Krekar.
#[test]
fn a_title_respelt_as_arabic_names_are_is_the_title() {
    for (query, listed) in [("Moullah Krekar", "Mullah Krekar"), ("Mulah Faizullah", "Mullah Faizullah")] {
        let s = compare(query, listed, Some(EntityKind::Person)).score;
        assert!(s >= 0.95, "{query} / {listed}: {s}");
    }
}

/// A number written with leading zeros is the number ("ZVEZDA 046" scored 0.44 against "ZVEZDA
/// 46" and "ZVEZDA FORTY-SIX"); another number still is another name.
#[test]
fn a_number_with_leading_zeros_is_the_number() {
    all_match(&[
        ("ZVEZDA 46", "ZVEZDA 046"),
        ("ZVEZDA FORTY-SIX", "ZVEZDA 046"),
        ("DOO RAD TWENTY-EIGHT ZVECAN", "DOO RAD 028 ZVECAN"),
        ("RA-1234", "RA-01234"),
    ]);
    none_match(&[("ZVEZDA 047", "ZVEZDA 046"), ("GANG 70", "GANG 07")]);
}

/// Ordinals and numbers written as words are their digits in the names of organisations,
/// vessels and aircraft ("1st" / "First", "Seven Seas" / "7 SEAS"). In persons' names they stay
/// words that also meet their digits: the call signs the lists hold as aliases ("TANGO TWO",
/// "TIGER ONE") are written with digits as often. (An earlier round kept "Sergey TEN" from
/// "Sergey 10", TEN being a family name; no other name is written with those digits.)
#[test]
fn ordinals_and_numbers_as_words_match_their_digits() {
    for (a, b) in [
        ("1st Battalion", "First Battalion"),
        ("Seven Seas Shipping", "7 SEAS SHIPPING"),
        ("44 Brigade", "FORTY BRIGADE"),
    ] {
        let s = compare(a, b, Some(EntityKind::Organization)).score;
        if a.starts_with("44") {
            assert!(s < DEFAULT_THRESHOLD, "{a} / {b}: {s}");
        } else {
            assert!(s >= 0.95, "{a} / {b}: {s}");
        }
    }
    assert!(compare("TANGO TWO", "TANGO 2", Some(EntityKind::Person)).score >= DEFAULT_THRESHOLD);
    assert!(compare("TANGO TWO", "TANGO 3", Some(EntityKind::Person)).score < DEFAULT_THRESHOLD);
}

/// Arabic-script names: Persian and Arabic letter forms (ی/ي/ى, ک/ك, ه/ة) and compounds written
/// joined or apart (علی رضا / علیرضا, عبد الله / عبدالله) are one name; the title سید is one
/// word in both spellings. (Pairs written here, not taken from the held-out OFSI split.)
#[test]
fn arabic_script_letter_forms_and_compounds_match() {
    for (a, b) in [
        ("علی رضا", "علیرضا"),
        ("عبد الله", "عبدالله"),
        ("سید علی", "سيد علي"),
        ("فاطمه", "فاطمة"),
        ("کریمی", "كريمي"),
        ("مصطفى", "مصطفي"),
    ] {
        let s = compare(a, b, None).score;
        assert!(s >= 0.9, "{a} / {b}: {s}");
    }
}

/// Issue 11, round 3: a pet form meets its formal name (and another pet form of it), in a
/// given-name position; the family name still has to agree.
#[test]
fn nicknames() {
    assert!(score("Bob HENDERSON", "Robert HENDERSON") >= 0.9);
    assert!(score("HENDERSON, Bill", "HENDERSON, William") >= 0.9);
    assert!(score("Rob Henderson", "Bobby Henderson") >= 0.9);
    assert!(score("Sasha Petrovich KOVAL", "Aleksandr Petrovich KOVAL") >= DEFAULT_THRESHOLD);
    assert!(score("Bob HENDERSON", "Robert HALVERSON") < DEFAULT_THRESHOLD);
    // A family name written as a pet form is not read as one ("Chol Yong JON", Korean).
    assert!(score("Chol Yong JON", "Chol Yong JOHN") < 1.0);
}

/// Issue 11, round 3: the romanisations of one Russian name (German, French, ISO 9, Library
/// of Congress, English habits) meet; unrelated names still do not.
#[test]
fn cyrillic_transliteration_variants() {
    let listed = "YAKOVLEV, Yevgeniy Yuryevich";
    for written in [
        "JAKOWLEW, Jewgenij Jurjewitsch",
        "IAKOVLEV, Evgenii Iurevich",
        "Âkovlev, Evgenij Ûr'evič",
        "YAKOVLEFF, Evgeny Yurievich",
    ] {
        assert!(score(written, listed) >= DEFAULT_THRESHOLD, "{written}: {}", score(written, listed));
    }
    assert!(score("KHRUSHCHEV, Sergey", "KHROUCHTCHEV, Sergei") >= DEFAULT_THRESHOLD);
    assert!(score("YAKOVLEV, Yevgeniy", "YAKUNIN, Yevgeniy") < DEFAULT_THRESHOLD);
}

/// Issue 11, round 3: a number in words or as an ordinal word meets its digits.
#[test]
fn numbers_in_words_ordinals_and_joined() {
    assert!(score("OCEAN STAR TWELVE", "OCEAN STAR 12") >= DEFAULT_THRESHOLD);
    assert!(score("NORTHERN FORTY-FOUR", "NORTHERN 44") >= DEFAULT_THRESHOLD);
    let c = compare("FIRST CAPITAL HOLDINGS LLC", "1ST CAPITAL HOLDINGS LLC", Some(EntityKind::Organization));
    assert!(c.score >= DEFAULT_THRESHOLD, "{}", c.explanation);
    assert!(score("OCEAN STAR TWELVE", "OCEAN STAR 11") < DEFAULT_THRESHOLD);
}

/// Issue 11, round 3: two different pinyin syllables one letter apart are two names.
#[test]
fn chinese_names_sharing_a_family_name_do_not_alert() {
    assert!(score("Cheng Dong", "CHEN, Dong") < DEFAULT_THRESHOLD);
    assert!(score("DENG Bo", "PENG, Bo") < DEFAULT_THRESHOLD);
    assert!(score("Zhang Wei", "ZHANG, Wei") >= 0.95);
    // A typo that leaves no syllables is still a typo; two syllables written as one word are
    // read as syllables (round 8): Weiming / Weimeng are two names.
    assert!(score("Zhang Weiming", "ZHANG, Weimnig") >= DEFAULT_THRESHOLD);
    assert!(score("Zhang Weiming", "ZHANG, Weimeng") < DEFAULT_THRESHOLD);
}

/// Chinese companies written in characters were read one character a word, their legal form
/// 有限公司 four words of full weight: "阿 科技有限公司" scored 0.85 against 保利科技有限公司
/// sharing only 科技 (technology) and the legal form. The legal form now reads as one, the
/// listed name and its pinyin still meet it.
#[test]
fn chinese_companies_sharing_only_a_common_word_and_the_legal_form_do_not_match() {
    assert!(score("阿 科技有限公司", "保利科技有限公司") < DEFAULT_THRESHOLD);
    assert!(score("欧 科技有限公司", "保利科技有限公司") < DEFAULT_THRESHOLD);
    assert_eq!(score("保利科技有限公司", "保利科技有限公司"), 1.0);
    assert!(score("保利科技股份有限公司", "保利科技有限公司") >= DEFAULT_THRESHOLD);
    assert!(score("Baoli Keji", "保利科技有限公司") >= DEFAULT_THRESHOLD);
}

/// Two syllables of a Chinese name joined by edit distance met one word of another culture's
/// name: "Shen Na" HENNA, "Cai Na" CARINA, "Tang Jie" CANGJIE, "Luo Min" LUMIN (0.82 each).
/// Written as one word they must be those letters or the same syllables.
#[test]
fn two_chinese_syllables_joined_are_not_a_near_word_of_another_name() {
    none_match(&[
        ("Shen Na", "HENNA"),
        ("Cai Na", "CARINA"),
        ("Tang Jie", "CANGJIE"),
        ("Luo Min", "LUMIN"),
        ("Shao Na", "SHONA"),
    ]);
    all_match(&[("Xi Jinping", "XIJINPING"), ("Jeong Suk", "Jeongsuk"), ("Xiu Ying", "XIUYING")]);
}

/// A known Arabic or Persian name written with another romanisation's ending or `kh`: English
/// final `ee` for `i` ("Alee Farhadi" scored 0.56 against Ali FARHADI), the Persian reading
/// `eh` of a final ه for `a` (Rezeh, Yahyeh), Uzbek and Turkic `x` for `kh` (Xalid, Xaled).
/// (Since the Arabic respelling, any word is so respelt, see the next test.)
#[test]
fn known_names_with_a_romanisations_own_ending_or_kh_are_found() {
    all_match(&[
        ("Alee Farhadi", "Ali FARHADI"),
        ("ZARQUN, Abd al Hadee", "ZARQUN, Abd al Hadi"),
        ("HEIDARI, Rezeh", "HEIDARI, Reza"),
        ("Mohammed Yahyeh Maala", "Mohammed Yahya Maala"),
        ("Xalid Al-Fawwaz", "Khalid Al-Fawwaz"),
        ("Xaled Meshal", "Khaled Meshal"),
    ]);
}

/// Any word of a person's name written with another romanisation habit of Arabic and Persian
/// names, known name or not (`embargo_names::arabic_respelling`): final `eh` or `ah` for `a`
/// ("Leileh VASEGHI" scored 0.50 against Leila VASEGHI, "ZIRACCHIAN ZADA" 0.62 against
/// ZIRACCHIAN ZADEH), English `ee` and `oo`, French `ou`, Persian `ei` for `ay`, Uzbek `x` for
/// `kh`, doubled letters single. What would merge two names stays apart: `th` / `s` (Fathi is
/// not Fasi), `dh` / `z` (Adham is not Azam).
#[test]
fn any_name_written_with_another_arabic_romanisation_habit_is_found() {
    all_match(&[
        ("Leileh VASEGHI", "Leila VASEGHI"),
        ("ZIRACCHIAN ZADA, Mahmoud", "ZIRACCHIAN ZADEH, Mahmoud"),
        ("BAZEE, Qassem Mohammed Ali", "BAZI, Qassem Mohammed Ali"),
        ("Faud Taouil", "Faud Tawil"),
        ("XADUR, Tawfiq Ahmad", "KHADUR, Tawfiq Ahmad"),
        ("ABU BAKR, Seif Boulad", "ABU BAKR, Sayf Boulad"),
        ("AL-HAYES, Ahmad Ihsan Feiyad", "AL-HAYES, Ahmad Ihsan Fayyad"),
        ("Abu AL-WAFEH", "Abu AL-WAFA"),
    ]);
    none_match(&[("Fathi Omar", "Fasi Omar"), ("Adham Karimi", "Azam Karimi")]);
}

/// "Al" is the pet form of Alexander or Albert where it cannot be the Arabic article: alone
/// after the family name and a comma, or before a patronymic ("TOTOONOV, Al" scored 0.72
/// against TOTOONOV, Alexander). The article keeps its place everywhere else.
#[test]
fn al_is_alexander_after_a_comma_or_before_a_patronymic_and_the_article_elsewhere() {
    all_match(&[
        ("TOTOONOV, Al", "TOTOONOV, Alexander"),
        ("PETROV, Al", "PETROV, Aleksandr"),
        ("Al Bogdanovich KARLIN", "KARLIN, Alexander Bogdanovich"),
        ("MALKEVICH, Al Aleksandrovich", "MALKEVICH, Alexander Aleksandrovich"),
    ]);
    assert!(score("Al Rashid", "Albert Rashid") < DEFAULT_THRESHOLD);
    assert!(score("Ahmad Al Rashid", "AL RASHID, Ahmad") >= DEFAULT_THRESHOLD);
    assert!(score("ADL, Sayf-Al", "Saif al-Adl") >= DEFAULT_THRESHOLD);
}

/// Pet forms the table lacked (Marty for Martin, Manny for Manuel, Mike for Miguel, Stacy for
/// Anastasia) left the listed person below the threshold (0.72); a name of its own that looks
/// like a pet form (Vera) is not taken for one.
#[test]
fn common_hypocorisms_meet_their_formal_names() {
    all_match(&[
        ("Marty KOVACS", "Martin KOVACS"),
        ("DEMOYA, Jose Mike", "DEMOYA, Jose Miguel"),
        ("Manny Ortega", "Manuel Ortega"),
        ("Stacy Ivanova", "Anastasia Ivanova"),
        ("Nan Petrosyan", "Anna Petrosyan"),
    ]);
    assert!(score("Vera Ivanova", "Veronica Ivanova") < DEFAULT_THRESHOLD);
}

/// A generational suffix or post-nominal letters after a name ("GURG Ph.D." scored 0.69
/// against GURG, "Muhammad Bilal Jr." 0.77 against Muhammad Bilal) and the honorifics of
/// Spanish, Malaysian and Persian usage before it ("Sra. ZUGHRAYBA", "Tan Sri Farouk OMAIRI",
/// "Mohandes YAKUTUMBA") are not part of the name. A roman numeral after a name of unknown
/// kind may be a vessel's, and stays.
#[test]
fn name_suffixes_and_honorifics_are_not_part_of_the_name() {
    all_match(&[
        ("GURG Ph.D.", "GURG"),
        ("Abdulrazak PhD", "Abdulrazak"),
        ("Muhammad Bilal Jr.", "Muhammad Bilal"),
        ("Hajji ABDALLAH KBE", "Hajji ABDALLAH"),
        ("Colonel Mutebutsi MD", "Colonel Mutebutsi"),
        ("Sra. ZUGHRAYBA", "ZUGHRAYBA"),
        ("OMAIRI, Tan Sri Farouk", "OMAIRI, Farouk"),
        ("Ing. MUHAMMAD, Sahib", "MUHAMMAD, Sahib"),
        ("Mohandes YAKUTUMBA", "YAKUTUMBA"),
    ]);
    assert_eq!(compare("Hajji Yasir III", "Hajji Yasir", Some(EntityKind::Person)).score, 1.0);
    // (PRINCE JR / PRINCE SR stood here, below the threshold only while PRINCE was read as a
    // title: a name of one word and Jr. against the same with Sr., JOHN JR / JOHN SR, scores
    // 0.87, and Prince alone is now the given name it is.)
    none_match(&[("OCEAN STAR III", "OCEAN STAR II")]);
}

/// Cyrillic names written the German way (Duden: ж and ш both `sch`, з and с both `s`, ц `z`,
/// х `ch`, в `w`) or with ISO 9's `c` for ц: "Igor Nikolajewitsch MOROSOW" found nothing for
/// MOROZOV, "SCHURAWLEW" nothing for ZHURAVLEV, "KOLCOV" nothing for KOLTSOV. `ch` is х in
/// every word of a name spelt so ("Jachnjuk" beside "Wasiljewitsch").
#[test]
fn cyrillic_names_written_the_german_way_or_with_iso_9_c_are_found() {
    all_match(&[
        ("Igor Nikolajewitsch MOROSOW", "Igor Nikolaevich MOROZOV"),
        ("SCHURAWLEW Aleksandr Aleksandrowitsch", "ZHURAVLEV Aleksandr Aleksandrovich"),
        ("Swetlana Nikolajewna Sacharowa", "Svetlana Nikolaevna Zakharova"),
        ("Wladislaw Garijewitsch Kusnezow", "Vladislav Garievich Kuznetsov"),
        ("Jachnjuk Sergej Wasiljewitsch", "Yakhnyuk Sergey Vasilyevich"),
        ("KOLCOV, Anton Viktorovich", "KOLTSOV, Anton Viktorovich"),
        ("Aleksandr Vladimirovich GUCAN", "Aleksandr Vladimirovich GUTSAN"),
    ]);
}

/// A comma run into the next word is the comma written apart: "HAVANATUR,S.A." read S and A
/// as the initials of a given name after a family name (0.80 against HAVANATUR, S.A.),
/// "MOREXPRESS,S.A. DE C.V." 0.68.
#[test]
fn a_comma_run_into_the_next_word_is_read_as_written_apart() {
    all_match(&[
        ("HAVANATUR,S.A.", "HAVANATUR, S.A."),
        ("MOREXPRESS,S.A. DE C.V.", "MOREXPRESS, S.A. DE C.V."),
        ("SMITH,John", "John SMITH"),
    ]);
}

/// Legal forms that end or start no ordinary word split off a word they are run into: "PSIDMCC"
/// found nothing for PSI DMCC, "FANCE BEARINGSSDN BHD" nothing for FANCE BEARINGS SDN BHD, nor
/// "TRANS GAZELLESPRL", "BERKENRODEbvba" (the deck's legal-form misses).
#[test]
fn vowelless_legal_forms_run_into_a_word_are_split_off() {
    all_match(&[
        ("PSIDMCC", "PSI DMCC"),
        ("FANCE BEARINGSSDN BHD", "FANCE BEARINGS SDN BHD"),
        ("TRANS GAZELLESPRL", "TRANS GAZELLE SPRL"),
        ("BERKENRODEbvba", "BERKENRODE BVBA"),
    ]);
}

/// Titles that were read as words of the name: "Lt. Gen. ABBAS" read LT as the legal form
/// (rigour lists it for Limited), and Engr. and the French Cheikh were no titles ("Engr.
/// Hocine" 0.73 against Hocine, "Cheikh Cuchi" 0.73 against Cuchi: the deck's title misses).
/// LT closing a name is still Limited.
#[test]
fn lt_engr_and_cheikh_before_a_name_are_titles() {
    all_match(&[
        ("Lt. Gen. ABBAS", "ABBAS"),
        ("Engr. Hocine", "Hocine"),
        ("Cheikh Cuchi", "Cuchi"),
        ("Engr. PELARAK, Hassan", "PELARAK, Hassan"),
        ("ACME TRADING LT", "ACME TRADING LTD"),
    ]);
}

/// Persian writes the Arabic ay before a vowel as ei or ey: "Mohammad SEIED" scored 0.32
/// against Mohammad SAYED, "HEIAT JAFFRI, Muhammad Khizar" 0.67 against HAYAT JAFFRI (the
/// deck's transliteration misses).
#[test]
fn persian_ei_before_a_vowel_is_the_arabic_ay() {
    all_match(&[
        ("Mohammad SEIED", "Mohammad SAYED"),
        ("HEIAT JAFFRI, Muhammad Khizar", "HAYAT JAFFRI, Muhammad Khizar"),
        ("SEIADI, Nabil Abdul Salam", "SAYADI, Nabil Abdul Salam"),
    ]);
}

/// Hypocorisms as dictionaries of first names list them, beyond the first table: English
/// (Patti, Geoff, Bert for Norbert and Gilbert, Hattie, Essie), Russian (Petya), Spanish
/// (Paquita), German (Sepp), and an English diminutive in any of its spellings (Peggie /
/// Peggy, Aggy / Aggie, Berney / Bernie). "AMEZCUA CONTRERAS, Patti" scored 0.76 against
/// Patricia, "KATINTIMA, Bert Bashengezi" 0.72 against Norbert (the deck's nickname misses,
/// seed 2024).
#[test]
fn standard_hypocorisms_meet_their_given_names() {
    all_match(&[
        ("AMEZCUA CONTRERAS, Patti", "AMEZCUA CONTRERAS, Patricia"),
        ("KATINTIMA, Bert Bashengezi", "KATINTIMA, Norbert Bashengezi"),
        ("Geoff ASHFIELD", "Jeffrey ASHFIELD"),
        ("Hattie JONES", "Harriet JONES"),
        ("Essie COHEN", "Esther COHEN"),
        ("Petya IVANOV", "Pyotr IVANOV"),
        ("Paquita LOPEZ", "Francisca LOPEZ"),
        ("Sepp MAIER", "Josef MAIER"),
        ("Peggie MOORE", "Margaret MOORE"),
        ("Aggy NANDUTU", "Agnes NANDUTU"),
        ("Berney KOLBIN", "Bernard KOLBIN"),
    ]);
    // Names of their own are left out of the table (Vera, Nora).
    none_match(&[("Vera IVANOVA", "Veronica IVANOVA"), ("Nora SMITH", "Eleanor SMITH")]);
}

/// A syllable left over between two Chinese or Korean names whose family names are known (first
/// in Hangul and characters, before a comma in Latin letters) is another given name when it is
/// the first syllable of a given name of two, or when the family name of one met a given name
/// of the other: "손성민" (Son Seong-min) scored 0.80 against Son Min, "Chen Ping" 0.81 against
/// CHEN, Guo Ping, "郑利" 0.80 against LI, Cheng Yu (the deck's false alerts, seed 2024). The
/// last syllable of a given name left out is a name written short (KIM, Kwang for KIM, Kwang
/// Yon), and Latin words without a comma may be in either order.
#[test]
fn a_first_given_syllable_left_over_is_another_given_name() {
    none_match(&[
        ("손성민", "Son Min"),
        ("Chen Ping", "CHEN, Guo Ping"),
        ("Wu Ming", "WU, An Ming"),
        ("郑利", "LI, Cheng Yu"),
        ("윤병철", "YUN, Chol"),
    ]);
    all_match(&[
        ("KIM, Kwang", "KIM, Kwang Yon"),
        ("WANG, Chung", "WANG, Chung Lang"),
        ("Jo Ryong", "Jo Chun Ryong"),
    ]);
}

/// A legal form is compared as the legal-form table writes it (ГУ, GU and ГУП are `soe`, a
/// state-owned enterprise): "Gu Yong", its Gu read as that legal form, met the Burmese name
/// SOE, Aung at 0.85 (the deck's false alerts, seed 2024). It meets a word of a name only as
/// written.
#[test]
fn a_legal_form_meets_a_word_of_a_name_only_as_written() {
    none_match(&[("Gu Yong", "SOE, Aung")]);
    all_match(&[("Gu Yong", "GU, Yong"), ("GAZPROM PAO", "PAO GAZPROM"), ("ROSNEFT OAO", "OAO ROSNEFT")]);
}

/// ё written as romanisations write it (`yo`, `jo`, `io`) against the `e` Russian print and
/// folding give it: "Grigori Wiktorowitsch BERJOSKIN" found nothing for БЕРЁЗКИН, nor "Pyotr"
/// for Пётр, "Arkadi Nikolajewitsch Ponomarjow" for Пономарёв.
#[test]
fn yo_written_as_a_glide_and_o_meets_the_e_of_print() {
    all_match(&[
        ("Grigori Wiktorowitsch BERJOSKIN", "Григорий Викторович БЕРЁЗКИН"),
        ("Arkadi Nikolajewitsch Ponomarjow", "Аркадий Николаевич Пономарёв"),
        ("Pyotr Semyonovich FYODOROV", "Petr Semenovich FEDOROV"),
        ("Arschinowa Aljona Igorewna", "Аршинова Алёна Игоревна"),
    ]);
}

/// A name ending in al-Din written in Latin letters as three words ("SAIF-AL-DIN", "Salah
/// ad-Din") is the one word lists and Arabic script write joined: "Saif al-Din Mashhadani"
/// scored 0.71 against Saifuddin Mashhadani, "سيف الدين المشهداني" 0.36 against SAIF-AL-DIN
/// AL-MASHHADANI.
#[test]
fn a_name_in_al_din_written_in_three_words_is_the_joined_name() {
    all_match(&[
        ("Saif al-Din Mashhadani", "Saifuddin Mashhadani"),
        ("Salah ad-Din Gasmi", "Salaheddine Gasmi"),
        ("AL-MASHHADANI, Saif al-Din", "Saifuddin Mashhadani"),
        ("سيف الدين المشهداني", "SAIF-AL-DIN AL-MASHHADANI"),
        ("طه محي الدين معروف", "TAHA MUHYI-AL-DIN MA'RUF"),
    ]);
    none_match(&[("Saif al-Din Mashhadani", "Nur al-Din Mashhadani")]);
}

/// A name in al-Din written in Latin letters as two words ("Salah Eddine", "NOR ELDIN") is the
/// joined name too: "صلاح الدين" scored 0 against "Salah Eddine", and "سالم نور الدين امحمد
/// الدبيسكي" 0.57 against "SALEM NOR ELDIN AMOHAMED AL-DABSKI". Edin and Eldin alone stay
/// names (Bosnian given names).
#[test]
fn a_name_in_al_din_written_in_two_words_is_the_joined_name() {
    all_match(&[
        ("صلاح الدين بن علي", "Salah Eddine BEN ALI"),
        ("سالم نور الدين امحمد الدبيسكي", "SALEM NOR ELDIN AMOHAMED AL-DABSKI"),
        ("Nureddin Salem", "NOR ELDIN SALEM"),
        ("HADZIC, Eldin", "Eldin Hadzic"),
    ]);
    assert!(score("صلاح الدين", "Salah Eddine") >= DEFAULT_THRESHOLD);
}

/// A name in al-Rahman other than Abd al-Rahman (Zia ur-Rahman, Aziz ur-Rahman) is one word,
/// as lists write it joined (ZIAURRAHMAN, AZIZIRAHMAN, Matiurrehman) or in three words:
/// "ضياء الرحمن" and "Zia ur Rahman" scored 0 against ZIAURRAHMAN, "عزیز الرحمان عبد الاحد"
/// 0.75 against "Azizirahman ABDUL AHAD".
#[test]
fn a_name_in_al_rahman_is_one_word_however_it_is_written() {
    all_match(&[
        ("ضياء الرحمن", "ZIAURRAHMAN"),
        ("Zia ur Rahman", "ZIAURRAHMAN"),
        ("عزیز الرحمان عبد الاحد", "Azizirahman ABDUL AHAD"),
        ("MATI UR-REHMAN", "Matiurrehman"),
        ("ZAKI-UR-REHMAN", "Zakiurrahman"),
        ("MATI UR-REHMAN", "MATIUR REHMAN"),
        ("عبد الرحمن", "ABD AL-RAHMAN"),
    ]);
    none_match(&[("Zia ur Rahman", "Aziz ur Rahman"), ("ضياء الرحمن", "HABIBURRAHMAN")]);
}

/// الابن (the son) ending a name in Arabic script is Jr., as the lists write it: "فلسيانو
/// سمبوريو ديلوس رييس الإبن" scored 0.75 against "Feliciano Semborio DELOS REYES JR.", ibn
/// weighing as a name.
#[test]
fn the_son_in_arabic_script_is_junior() {
    all_match(&[("فلسيانو سمبوريو ديلوس رييس الإبن", "Feliciano Semborio DELOS REYES JR.")]);
}

/// Letters read as regions of the Arabic-speaking world read them: jim as Egypt's g
/// ("عبد الله محمد رجب عبد الرحمن" scored 0.73 against "ABD ALLAH MOHAMED RAGAB ABDEL
/// RAHMAN"), zah as Iraq's th or the Maghreb's d ("رشيد طعان كاظم" 0.57 against "Rashid Taan
/// Kathim", "عبدالحليم حافظ عبدالفتاح رمادنا" 0.69 against "ABDELHALIM HAFED ABDELFATTAH
/// REMADNA"), thal and tha as Persian and Urdu's z and s ("احمد ذوالقدر" 0.47 against "Ahmed
/// ZULQADR", "عبد الحق وثيق" 0.61 against ABDUL-HAQ WASSIQ), ghain as the Maghreb's g
/// ("عبد القادر لاغوب" 0.53 against ABDELKADER LAAGOUB).
#[test]
fn arabic_letters_read_as_regions_read_them() {
    all_match(&[
        ("عبد الله محمد رجب عبد الرحمن", "ABD ALLAH MOHAMED RAGAB ABDEL RAHMAN"),
        ("جمال عبد الناصر", "Gamal Abdel Nasser"),
        ("رشيد طعان كاظم", "Rashid Taan Kathim"),
        ("عبدالحليم حافظ عبدالفتاح رمادنا", "ABDELHALIM HAFED ABDELFATTAH REMADNA"),
        ("احمد ذوالقدر", "Ahmed ZULQADR"),
        ("عبد الحق وثيق", "ABDUL-HAQ WASSIQ"),
        ("عبد القادر لاغوب", "ABDELKADER LAAGOUB"),
    ]);
    none_match(&[("رجب", "RAGAB OIL"), ("رشيد طعان كاظم", "Rashid Taan KATHIR")]);
}

/// A name run together in Arabic script meets the Latin words it joins by their consonants,
/// the short vowels being unwritten: "مرعي عبدفتاح خليل زغبي" scored 0.76 against "MERAI
/// ABDEFATTAH KHALIL ZOGHBI" (عبد and فتاح, bdfth). Three consonants are too few to tell.
#[test]
fn a_name_run_together_in_arabic_script_meets_the_latin_words_by_their_consonants() {
    all_match(&[
        ("مرعي عبدفتاح خليل زغبي", "MERAI ABDEFATTAH KHALIL ZOGHBI"),
        // In another reading of a word (صدیق read sdiq, not the Persian sdigh): 0.61.
        ("محمد سرور صدیق مل محمد مسعود", "Mohammad Sarwar Siddiqmal MOHAMMAD MASOOD"),
    ]);
    none_match(&[("علی لاهوتی", "EL HEIT, Ali")]);
}

/// A kunya or filiation word and the article in Arabic script are one word, as the Latin
/// spellings run them together (Abulhasan, BINALSHIBH, Abolfazl, Ibnelkhattab): "أبو الحسن"
/// scored 0 against Abulhasan, "رمزي بن الشيبة" 0.32 against RAMZI BINALSHIBH, "أبو الفضل"
/// 0.64 against Abolfazl.
#[test]
fn a_particle_and_its_article_in_arabic_script_are_one_word() {
    all_match(&[
        ("أبو الحسن", "Abulhasan"),
        ("أبو الحسن", "Abu al-Hasan"),
        ("رمزي بن الشيبة", "RAMZI BINALSHIBH"),
        ("رمزي بن الشيبة", "Ramzi bin al-Shibh"),
        ("أبو الفضل", "Abolfazl"),
        ("ابوالفضل", "Abu al-Fadl"),
        ("ابن الخطاب", "Ibnelkhattab"),
    ]);
    none_match(&[("أبو الحسن", "Abulfazl"), ("رمزي بن الشيبة", "RAMZI BINALHASAN")]);
}

/// A name written in Belarusian also reads as Belarusian passports and the lists write it (г
/// h, ў u, я ia: Siarhei, Aliaksandr, Ivanou), every word of it, and a family name in -аў as
/// the Russian -ов: "ХАМЕНКА, Сяргей Мікалаевіч" scored 0.62 against "SIARHEI MIKALAEVICH
/// KHAMENKA" (Сяргей has no letter of Belarusian), "Сяргей Іваноў" 0.43 against "Siarhei
/// IVANOU", "Сяргей Аляксандравiч ЕПIХАЎ" 0.56 against "Sergei Aleksandrovich EPIKHOV".
#[test]
fn a_name_in_belarusian_reads_as_belarusian_passports_write_it() {
    all_match(&[
        ("ХАМЕНКА, Сяргей Мікалаевіч", "SIARHEI MIKALAEVICH KHAMENKA"),
        ("ЦЕРАБАЎ, Сяргей Яўгенавiч", "Siarhei Yaugenavich TSERABAU"),
        ("Сяргей Іваноў", "Siarhei IVANOU"),
        ("Сяргей Аляксандравiч ЕПIХАЎ", "Sergei Aleksandrovich EPIKHOV"),
        ("Аляксандр Лукашэнка", "Aliaksandr LUKASHENKA"),
    ]);
}

/// Abdi is a name of its own (a Somali given name, a Persian and Kurdish family name), not a
/// spelling of Abd al- (Abdul): "سينا عبدالعلی" (Sina Abdolali) scored 0.80 against ABDI, Ali.
#[test]
fn abdi_is_a_name_of_its_own_not_a_spelling_of_abdul() {
    none_match(&[("سينا عبدالعلی", "ABDI, Ali"), ("Hamid Abdul Ali", "ABDI, Ali")]);
    all_match(&[("Abdol Rahman KARIMI", "Abdul Rahman KARIMI"), ("ABDI, Ali", "Ali ABDI")]);
}

/// A word run together with the Turkic -oğlu (Hüseynoğlu, Karaoğlu) is a family name, not a
/// patronymic weighing half a name: "Salman Hüseynoğlu" scored 0.85 against the one-word
/// listed name Salman.
#[test]
fn a_family_name_in_oglu_is_a_family_name_not_a_patronymic() {
    none_match(&[("Salman Hüseynoğlu", "Salman"), ("İbrahim Sədaqətoğlu", "IBRAHIM, Haji")]);
    all_match(&[
        ("Salman HUSEYNOGLU", "HUSEYNOGLU, Salman"),
        ("Ilham Heydar oglu ALIYEV", "ALIYEV, Ilham Heydar oglu"),
    ]);
}

/// A compound given name written as one word in Persian script (محمدامين, Mohammad-Amin),
/// which the analyser splits into its names, does not stand for a listed name of those two
/// names when the family name of the query meets nothing: "محمدامين اشرفی" scored 0.805
/// against AMIN, Muhammad. The compound still meets the same name written apart or joined.
#[test]
fn a_compound_given_name_is_not_a_listed_given_and_family_name() {
    none_match(&[("محمدامين اشرفی", "AMIN, Muhammad"), ("محمدحسين طلوعی", "HASSAN, Mohammad")]);
    all_match(&[
        ("محمدامين اشرفی", "Mohammad Amin ASHRAFI"),
        ("محمدامين اشرفی", "ASHRAFI, Mohammadamin"),
        ("علیرضا کریمی", "KARIMI, Alireza"),
    ]);
}

/// A title written in Arabic script is one in any of its readings: "حاجى مالك نورزى" (Haji
/// written with a final ى, as Afghan hands write ی) scored 0.78 against MALIK NOORZAI, حاجى read
/// as the Arabic `haja` and taken for a name.
#[test]
fn a_title_in_arabic_script_is_a_title_in_any_of_its_readings() {
    all_match(&[("حاجى مالك نورزى", "MALIK NOORZAI"), ("حاجی مالک نورزی", "MALIK NOORZAI")]);
}

/// A legal form written in spaced letters after the comma of "NAME, S.A. DE C.V." ("CROWLANDS,
/// S A DE C V" scored 0.68: the letters were read as a person's initials), and a joint stock
/// company with its noun left out ("Joint-Stock RATEP", 0.47).
#[test]
fn spaced_legal_letters_after_a_comma_and_joint_stock_without_company_are_legal_forms() {
    all_match(&[
        ("CROWLANDS, S A DE C V", "CROWLANDS, S.A. DE C.V."),
        ("AGBAS CONSULTORES, s a de c v", "AGBAS CONSULTORES, S.A. DE C.V."),
        ("Joint-Stock RATEP", "Joint-Stock Company RATEP"),
        (
            "OPEN JOINT-STOCK KALINOVSKIY KHIMICHESKIY ZAVOD",
            "OPEN JOINT-STOCK COMPANY KALINOVSKIY KHIMICHESKIY ZAVOD",
        ),
    ]);
    none_match(&[("BHARDWAJ, s a de c v", "BHARDWAJ, Anuj")]);
}

/// A digit run into a word where a letter it looks like belongs is read both ways ("Fayca1
/// Al-Meqdad" scored 0.78 against Faycal Al-Meqdad); a digit that disagrees with another
/// number is still another vessel.
#[test]
fn a_digit_that_looks_like_a_letter_is_read_as_the_letter() {
    all_match(&[
        ("Fayca1 Al-Meqdad", "Faycal Al-Meqdad"),
        ("JAN6 GYONG", "JANG GYONG"),
        ("BANC0 BANDES", "BANCO BANDES"),
        ("0TLA", "OTLA"),
        ("HAP JANG GANG6", "HAP JANG GANG 6"),
    ]);
    none_match(&[("HAP JANG GANG6", "HAP JANG GANG 7"), ("SEA STAR1", "SEA STAR 2")]);
}

/// A Latin word without a vowel is an acronym or a code, not a name whose consonants a word in
/// Arabic script gives: "ضابطی PLC" (Zabeti) scored 0.87 against SBT S.A., "آريا قاضی" 0.83
/// against UR-CKX. Words with their vowels still meet across scripts.
#[test]
fn a_latin_acronym_is_not_met_by_the_consonants_of_a_word_in_arabic_script() {
    none_match(&[("ضابطی PLC", "SBT S.A."), ("آريا قاضی", "UR-CKX"), ("سماوات Inc", "OOO 'SMT-K'")]);
    all_match(&[("محمد رستمی", "ROSTAMI, Mohammad"), ("رشيد طعان", "Rashid Taan")]);
}

/// A roman numeral ending a name of unknown kind is a person's generation as often as a
/// vessel's number: "BIBA III" scored 0.73 against the listed BIBA (the numeral weighed as a
/// word); two numerals that differ still are two numbers.
#[test]
fn a_roman_numeral_ending_a_name_of_unknown_kind_weighs_less_than_a_word() {
    all_match(&[("BIBA III", "BIBA"), ("Hajji Yasir III", "Hajji Yasir"), ("John Smith III", "John Smith")]);
    none_match(&[("OCEAN STAR II", "OCEAN STAR III"), ("John Smith II", "John Smith III")]);
}

/// FZC is the Emirates' free-zone company as FZCO is: "SUCCESS AVIATION SERVICES FZC" met
/// "SUCCESS AVIATION SERVICES FREE ZONE COMPANY" at 0.73, the form read as a word.
#[test]
fn fzc_is_the_free_zone_company() {
    all_match(&[
        ("SUCCESS AVIATION SERVICES FREE ZONE COMPANY", "SUCCESS AVIATION SERVICES FZC"),
        ("ALPHA TRADING FZCO", "ALPHA TRADING FZC"),
    ]);
}

/// A word in Arabic script of one consonant, read without its short vowels, is little more
/// than that consonant: "علي الحسيني" (Ali al-Husseini) scored 0.89 against "AL-HUSSEINI,
/// Wael" and "عبدالعلی" 0.88 against "Abd El Illah", Ali meeting Wael and Illah by their
/// phonetic code (AL). Such a word meets a name with its consonants that begins as it does.
#[test]
fn a_word_of_one_consonant_in_arabic_script_meets_only_a_name_that_begins_alike() {
    none_match(&[("علي الحسيني", "AL-HUSSEINI, Wael"), ("عبدالعلی", "Abd El Illah")]);
    all_match(&[
        ("علي الحسيني", "AL-HUSSEINI, Ali"),
        ("علي", "Aly"),
        ("وائل", "Wael"),
        ("يحيى جوادي", "YAHIA DJOUADI"),
        ("Жанна", "Janna"),
    ]);
}

/// A long name in Arabic script against a romanisation whose one word has a consonant slipped
/// (a German `ch` for `kh`, `n` heard for `m`, an `h` added), every other word agreeing; in a
/// name of two or three words such a word stays another name (Kazemi / Karimi).
#[test]
fn a_consonant_slipped_in_one_word_of_a_long_name_across_scripts() {
    all_match(&[
        ("خالد عمر حسن الزبيدي", "KHALED OMAR HASAM AL-ZUBAIDI"),
        ("يوسف احمد صالح العنزي", "YOUSEF AHMAD SHALEH AL-ANAZI"),
        ("عبد الرحيم نعمان شيخ زاده", "ABDUL RAHIM NUMAN SHEICH ZADEH"),
    ]);
    none_match(&[
        ("رضا کاظمی", "KARIMI, Reza"),
        ("محمد رضا کاظمی", "Mohammad Reza KARIMI"),
        ("خالد عمر حسن الزبيدي", "KHALED OMAR HASAM AL-TIKRITI"),
    ]);
}

/// A Persian name typed on an Arabic keyboard, which has no gaf, writes kaf for it: كل is Gul.
/// A name that writes گ elsewhere had the letter, and its kaf is a k.
#[test]
fn a_persian_name_written_with_kaf_for_gaf_meets_its_romanisation() {
    all_match(&[("كل محمد احمدی", "GUL MOHAMMAD AHMADI"), ("كلاب الدين رحيمی", "GULAB UDDIN RAHIMI")]);
    none_match(&[("گل احمد حكيمى", "Gul Ahmad GIMI")]);
}

/// A letter read as one that looks like it in capitals (a scan read by OCR, a copy made by eye:
/// `O` / `D`, `I` / `L`, `E` / `F`, `U` / `V`) costs half an edit: "KUOA" scored 0.755 against
/// KUDA. Letters that alternate in spelling rather than in print (Dora / Dara, Olca / Olga,
/// Hull / Bull) stay a full edit: one-word given and family names of three to five letters
/// screened alone alerted 26.3% of the time with the lower-case look-alikes too (`a` / `o`,
/// `h` / `b`, `c` / `g`), 25.3% with these, 25.2% without.
#[test]
fn a_letter_read_as_one_that_looks_like_it_costs_half_an_edit() {
    all_match(&[("KUOA", "KUDA"), ("NIDC", "NIOC"), ("LFNA", "LENA"), ("WAIL", "WALL"), ("BVZA", "BUZA")]);
    none_match(&[("DORA", "DARA"), ("OLCA", "OLGA"), ("HULL", "BULL"), ("TARO", "TARA")]);
}

/// "KNOWLES, JR., Samuel" (OFAC writes the generation between two commas) was read as a name of
/// three words of unknown role, JR among them, and Sammy, the last, got no pet-form reading
/// (0.67 against it).
#[test]
fn a_generation_between_two_commas_belongs_to_the_family_name() {
    all_match(&[("KNOWLES, JR., Sammy", "KNOWLES, JR., Samuel"), ("Samuel KNOWLES", "KNOWLES, JR., Samuel")]);
}

/// A title written after a name of unknown kind ("RABBANI Sheikh", a name turned round, or
/// "TIKHON PATRIARCH") weighed as a word against the listed person, whose title is not part of
/// the name: 0.73. It weighs like a title before the name now. Words of rank that are as often
/// family names stay words.
#[test]
fn a_title_after_the_name_weighs_like_a_title_before_it() {
    use embargo_matcher::{AlignmentScorer, PreparedName, Scorer};
    let against_person = |query: &str, listed: &str| {
        let (q, l) =
            (PreparedName::analyze(query, None), PreparedName::analyze(listed, Some(EntityKind::Person)));
        AlignmentScorer.score(&q.view(), &l.view(), false).score
    };
    for (query, listed) in [
        ("RABBANI Sheikh", "Sheikh RABBANI"),
        ("Ahmad Farooq Qari Alhaj", "Alhaj Qari Ahmad Farooq"),
        ("TIKHON PATRIARCH", "PATRIARCH TIKHON"),
    ] {
        let s = against_person(query, listed);
        assert!(s >= DEFAULT_THRESHOLD, "{query} / {listed}: {s}");
    }
    for (query, listed) in [("Jairaj Doctor", "JAIRAN"), ("Tom Major", "TOM"), ("Luisa Dona", "LUISA")] {
        let s = against_person(query, listed);
        assert!(s < DEFAULT_THRESHOLD, "{query} / {listed}: {s}");
    }
}

/// Three words of a compound name joined by the izafat or the article ("JAISH-I-MOHAMMED",
/// "HARAKAT UL-MUJAHIDEEN") written as one word found nothing: the scorer joined two words at
/// most, and the index filed no such form. The words on either side of the connector now join
/// through it, both ways.
#[test]
fn a_compound_name_with_a_connector_written_as_one_word() {
    all_match(&[
        ("LASHKARITAIBA", "LASHKAR-I-TAIBA"),
        ("TEHRIKETALIBAN", "TEHRIK-E-TALIBAN"),
        ("HARAKATULANSAR", "HARAKAT UL-ANSAR"),
        ("Tehrik e Taliban", "TEHRIKETALIBAN"),
    ]);
    none_match(&[("LASHKARITAIBA", "LASHKAR-I-JHANGVI")]);
}

/// Persian says ق and غ alike and romanises both `gh` (Agha for آقا, Ghasem for قاسم), where
/// Arabic writes ق `q`: "Abdul Qani" and "Abdul Ghani" met on two words of three (0.7). A
/// `gh` that begins no syllable (Hugh, Singh) stays itself.
#[test]
fn q_and_gh_are_one_letter_in_a_persian_or_arabic_name() {
    all_match(&[
        ("Abdul Qani HAIDARI", "Abdul Ghani HAIDARI"),
        ("Ali AQAEI", "Ali AGHAEI"),
        ("Loqman SADRI", "Loghman SADRI"),
    ]);
    none_match(&[("Hugh MORTON", "Huq MORTON")]);
}

/// The article hyphen-attached to a word, its `l` written `I` or `1` ("Khalid AI-HARBI", a scan
/// or a capital I typed for an L) weighed as a name word and left the listed name at 0.75; it
/// is the article. A Chinese given name in Ai- stays a name.
#[test]
fn the_article_written_with_i_or_1_for_its_l_is_the_article() {
    all_match(&[
        ("Khalid AI-HARBI", "Khalid AL-HARBI"),
        ("Nur a1-Huda SALEH", "Nur al-Huda SALEH"),
        ("AI-FURQAN TRADING", "AL-FURQAN TRADING"),
    ]);
    assert_eq!(embargo_names::analyze("Ai-Ling CHEN", None).tokens[0].text, "ai");
}

/// A Korean syllable romanised as one letter or as a particle's letters (오 `o`, 우 `u`, 안 `an`)
/// weighed as an initial or a particle: "안영호" met "O, Yong Ho" at 0.92 and "오영수" met
/// "U, Yong Su" at 0.91, the family name weighing nearly nothing. It is a syllable of the name.
#[test]
fn a_korean_syllable_is_never_an_initial_or_a_particle() {
    none_match(&[("안영호", "O, Yong Ho"), ("오영수", "U, Yong Su")]);
    all_match(&[("안영호", "AN, Yong Ho"), ("오영수", "O, Yong Su"), ("류진우", "RYU, Jin U")]);
}

/// A Chinese character whose romanisation spells a title or a particle (赫 `he`, His
/// Excellency; 德 `de`; 达 `da`) weighed as one: "赫丹" met DAN at 0.95, its family name
/// counting for nearly nothing. It is a syllable of the name.
#[test]
fn a_chinese_character_is_never_a_title_or_a_particle() {
    none_match(&[("赫丹", "DAN"), ("德华", "HUA"), ("达丹", "DAN")]);
    all_match(&[("赫丹", "HE DAN"), ("德华", "DE HUA"), ("何丹", "HE, Dan")]);
}

/// A letter run into a number (A7) weighed as an initial, so that the number alone met the
/// code: "Seven Ltd." scored 0.96 against A7 LIMITED LIABILITY COMPANY. The letter is part of
/// the code; a letter before one digit that looks like a letter ("C0" for CO) is still read
/// both ways.
#[test]
fn a_letter_run_into_a_number_is_part_of_the_code() {
    none_match(&[("Seven Ltd.", "A7 LIMITED LIABILITY COMPANY"), ("B7 LLC", "A7 LIMITED LIABILITY COMPANY")]);
    all_match(&[
        ("A-7 LLC", "A7 LIMITED LIABILITY COMPANY"),
        ("A 7 LLC", "A7 LIMITED LIABILITY COMPANY"),
        ("S7 Airlines", "S7 AIRLINES"),
        ("KOREA RUNGRADO SHIPPING C0", "KOREA RUNGRADO SHIPPING CO"),
    ]);
}

/// A Russian woman's given and family names against a man's (Yevgeniya / Yevgeniy, Zhuravleva
/// / Zhuravlev) met one edit apart each: "Евгения Журавлева" scored 0.84 against "Евгений
/// Николаевич ЖУРАВЛЕВ". Two names that differ by gender alone are two people; one word that
/// differs so (a slip, or a name of both genders) still meets.
#[test]
fn a_womans_name_does_not_meet_a_mans() {
    none_match(&[
        ("Евгения Журавлева", "Евгений Николаевич ЖУРАВЛЕВ"),
        ("Евгения Журавлева", "Evgeny Nikolaevich ZHURAVLEV"),
        ("Aleksandra Maksimova", "Максимов Александр Александрович"),
        ("Yuliy Guryev", "Yulia GURYEVA"),
    ]);
    all_match(&[
        ("Yevgeniya ZHURAVLEVA", "Евгения Журавлева"),
        ("Olga Maksimov", "MAKSIMOVA, Olga"),
        ("Aleksandra Maksimova", "MAKSIMOVA, Aleksandra Ivanovna"),
    ]);
}

/// More standard pet forms (Chick for Charles, Jaap for Jacob, Patsy for Patrick, Gail for
/// Abigail, Thijs for Matthias, Megan for Margaret, Cathy for Katherine), Ian for John, and a
/// diminutive written with -i after two consonants (Abbi, Terri).
#[test]
fn more_pet_forms_meet_their_given_names() {
    all_match(&[
        ("MEADOWS, Ian Edward", "MEADOWS, John Edward"),
        ("SEMATAMA, Chick", "SEMATAMA, Charles"),
        ("KURIAN, Jaap", "KURIAN, Jacob"),
        ("RYAN, Damion Patsy", "RYAN, Damion Patrick"),
        ("TAPIA ORTEGA, Gail", "TAPIA ORTEGA, Abigail"),
        ("GONZALEZ VALENCIA, Abbi", "GONZALEZ VALENCIA, Abigail"),
        ("WARNIG, Thys", "WARNIG, Matthias"),
        ("Megan PAVLOVA", "Margarita PAVLOVA"),
        ("Cathy HARRINGTON", "Katherine HARRINGTON"),
    ]);
    // Not -i after one consonant: Sadi is a name of its own, not Sadie (Sarah).
    none_match(&[("Sadi KHAN", "Sarah KHAN")]);
}

/// A patronymic that met the other name's family name while its own name's family name met
/// nothing: "Андрій Лукʼянович Абраменко" (Andriy, son of Lukyan, ABRAMENKO) scored 0.80
/// against "ЛУКЬЯНОВИЧ, Андрей". The family name left over stands against the other's.
#[test]
fn a_patronymic_meeting_the_other_family_name_leaves_its_own_family_name_against_it() {
    none_match(&[("Андрій Лукʼянович Абраменко", "ЛУКЬЯНОВИЧ, Андрей")]);
    all_match(&[("Андрей Лукьянович", "ЛУКЬЯНОВИЧ, Андрей"), ("Andrey LUKYANOVICH", "ЛУКЬЯНОВИЧ, Андрей")]);
}

/// The word in capitals of a name otherwise in small letters is the family name however it
/// ends: "Viktor YANUKOVYCH" read YANUKOVYCH as a patronymic (weight 0.6, no search key), and
/// "Amir Viktor YANUKOVYCH" scored 0.798 against it.
#[test]
fn a_family_name_in_capitals_that_ends_in_ovych_is_no_patronymic() {
    all_match(&[("Amir Viktor YANUKOVYCH", "Viktor YANUKOVYCH")]);
    let tokens = embargo_names::analyze("Viktor YANUKOVYCH", None).tokens;
    assert_ne!(tokens.last().map(|t| t.role), Some(embargo_names::TokenRole::Patronymic));
    // A patronymic in capitals in a name all in capitals is still one; the word after it is
    // the family name ("Виктор Федорович Янукович" read both as patronymics).
    for name in ["VIKTOR FEDOROVYCH YANUKOVYCH", "Виктор Федорович Янукович"] {
        let tokens = embargo_names::analyze(name, None).tokens;
        assert_eq!(tokens[1].role, embargo_names::TokenRole::Patronymic, "{name}");
        assert_ne!(tokens[2].role, embargo_names::TokenRole::Patronymic, "{name}");
    }
}

/// A letter written apart before a number ("S 7 ENGINEERING LLC") is part of the code as one
/// run into it is, and names that agree only on a number of one or two digits besides words of
/// little information are two names: "Seven Ltd." met "S 7 ENGINEERING LLC" at 0.88 and "7th
/// Brigade" at 0.81.
#[test]
fn a_small_number_alone_does_not_make_two_names_meet() {
    none_match(&[("Seven Ltd.", "S 7 ENGINEERING LLC"), ("Seven Ltd.", "7th Brigade")]);
    all_match(&[
        ("S7 Engineering", "S 7 ENGINEERING LLC"),
        ("AMBER SIX", "AMBER 6"),
        ("7th Brigade", "Seventh Brigade"),
    ]);
}

/// Two companies' names that share one distinctive word, met only by a typo, a sound or
/// another reading, while one of them has a word more are two companies: "Roche S.A.S." met
/// "ROCHEM SERVICE GMBH" at 0.80, "Костин Лимитед" "COSTIN SHIPPING LIMITED" at 0.80, "박
/// (유)" "CENTRAL PARK LIMITED" at 0.85.
#[test]
fn one_word_met_inexactly_does_not_make_two_companies_with_a_word_more_meet() {
    none_match(&[
        ("Roche S.A.S.", "ROCHEM SERVICE GMBH"),
        ("Костин Лимитед", "COSTIN SHIPPING LIMITED"),
        ("박 (유)", "CENTRAL PARK LIMITED"),
        ("Greene LLC", "GREEN INDUSTRIES, LTD"),
    ]);
    all_match(&[
        // A typo with every word there, the word met exactly, a digit read for a letter.
        ("ROCHEN SERVICE GMBH", "ROCHEM SERVICE GMBH"),
        ("Rochem GmbH", "ROCHEM SERVICE GMBH"),
        ("COSTEN LIMITED", "COSTIN LIMITED"),
        ("TAMC0 PETROLEUM", "TAMCO PETROLEUM"),
        ("LLC INTERVESPM", "LLC INTERVESP-M"),
    ]);
}

/// Across scripts, one distinctive word met by its consonants or sound alone does not make two
/// companies one: "صیادی Ltd" met "SKADI LIMITED" at 0.87, "رسولی LLC" "RUSSUL OOO",
/// "Субботин Лтд" "Sabtina Ltd" at 0.87. Romanised, the word still meets.
#[test]
fn one_word_met_by_its_sound_across_scripts_does_not_make_two_companies_meet() {
    none_match(&[
        ("صیادی Ltd", "SKADI LIMITED"),
        ("رسولی LLC", "RUSSUL OOO"),
        ("Субботин Лтд", "Sabtina Ltd"),
    ]);
    all_match(&[("ООО Ромашка", "ROMASHKA LLC"), ("Субботин Лтд", "SUBBOTIN LTD")]);
}

/// Two words run together in camel case are the two words: "Mohamed JafariNajafabadi" found
/// nothing of JAFARI-NAJAFABADI, Mohammad Ali (0.32), "Fateh Najm EddineFARRAJ" scored 0.53
/// against Fateh Najm Eddine FARRAJ.
#[test]
fn words_run_together_in_camel_case_meet_the_words_apart() {
    all_match(&[
        ("Mohamed JafariNajafabadi", "JAFARI-NAJAFABADI, Mohammad Ali"),
        ("Fateh Najm EddineFARRAJ", "Fateh Najm Eddine FARRAJ"),
        ("FirstIslamic Investment Bank Ltd", "FIRST ISLAMIC INVESTMENT BANK LTD"),
        ("PaasbaneAhleHadis", "Paasban-e-Ahle-Hadis"),
        // A prefix of two letters is part of the name, however written.
        ("Ronald McDonald", "Ronald MCDONALD"),
    ]);
}

/// A و after a vowel written as the French write it (`ou`), and a final ق written `gh`, are
/// the list's `w` and `q`: "Samir Faouz" scored 0.44 against Samir Fawz, "Abdul HAGH" 0.44
/// against Abdul HAQ.
#[test]
fn french_ou_for_waw_and_final_gh_for_qaf_meet_the_lists_spelling() {
    all_match(&[
        ("Samir Faouz", "Samir Fawz"),
        ("Sufian Allaou", "Sufian Allaw"),
        ("Khalik Al Faouwaz", "Khalik Al Fawwaz"),
        ("Khaled Al Fawouaz", "Khaled Al Fawwaz"),
        ("Abdul HAGH", "Abdul HAQ"),
        ("Faroogh", "Farooq"),
    ]);
}

/// Two typos in a name of one word of eight letters, the shortest the edit budget allows two
/// in, scored 0.79 ("MALSIIN" for KALSIMIN, "SCSANFOM" for SCANFORM): the budget said a typo,
/// the score said no.
#[test]
fn two_typos_in_a_one_word_name_of_eight_letters_still_meet() {
    all_match(&[("MALSIIN", "KALSIMIN"), ("SCSANFOM", "SCANFORM"), ("BTAUSNA", "BATASUNA")]);
    none_match(&[("MALSIN", "KALSIMIN")]);
}

/// The article written in Arabic script apart from a name of two consonants, and in Latin
/// letters run into it, met nothing: "محمد السيد" scored 0.62 against Mohamed ELSAYED, "سامي بن
/// خميس بن صالح الصيد" 0.68 against SAMI BEN KHAMIS BEN SALEH ELSSEID (three consonants were
/// too few for a join by consonants).
#[test]
fn the_article_run_into_a_short_name_in_latin_letters_meets_it_written_apart() {
    all_match(&[
        ("محمد السيد", "Mohamed ELSAYED"),
        ("Mohamed ELSAYED", "محمد السيد"),
        ("سامي بن خميس بن صالح الصيد", "SAMI BEN KHAMIS BEN SALEH ELSSEID"),
    ]);
    // Not three consonants in a Latin word that does not start with the article.
    none_match(&[("محمد السيد", "Mohamed OLSAYED")]);
}

/// A word in Arabic script that ends in ya (Persian family names: Mohammadi, Abbasi, Hasani)
/// met a Latin word that ends in a consonant by its sound alone ("ایلیا محمدی" / Ali MOHAMMED
/// 0.83, "ياسين عباسی" / 'ABBAS, Yasir 0.83, "نائل الحسيني" / Nabil al-Hasan 0.85): the final ya
/// is read, and a name with it is another name. Read as a vowel, it still meets.
#[test]
fn a_final_ya_in_arabic_script_is_no_latin_name_that_ends_in_a_consonant() {
    none_match(&[
        ("ایلیا محمدی", "Ali MOHAMMED"),
        ("ياسين عباسی", "'ABBAS, Yasir"),
        ("نائل الحسيني", "Nabil al-Hasan"),
    ]);
    all_match(&[
        ("علی محمدی", "Ali MOHAMMADI"),
        ("یحیی موسی", "Yahya MUSA"),
        ("مصطفی حسینی", "Mostafa HOSSEINI"),
        ("مهدی عباسی", "Mehdi ABBASI"),
    ]);
}

/// Words in Hebrew letters met Arabic and Korean names of other letters by the codes of their
/// sounds ("יולי סעיד" / SAADE, Ali 0.83, "איאן שאול" / Yun Chol 0.83): a word in Hebrew letters
/// met only by its sound must be read by the Latin word, as Israeli names are spelt (a yod or
/// vav written double, x for kaf and samekh, the German j, w and s).
#[test]
fn a_hebrew_word_met_by_its_sound_alone_must_be_read_by_the_latin_word() {
    none_match(&[("יולי סעיד", "SAADE, Ali"), ("איאן שאול", "Yun Chol"), ("צופיה אמיר", "AMMARI, Saifi")]);
    all_match(&[
        ("חיים כץ", "Haim KATZ"),
        ("יוסף חיים", "Yosef CHAIM"),
        ("מיכאל אלכסנדר", "Michael ALEXANDER"),
        ("בנימין נתניהו", "Benjamin NETANYAHU"),
        ("ישעיהו ליבוביץ", "Yeshayahu LEIBOWITZ"),
        ("גדי איזנקוט", "Gadi EISENKOT"),
        ("מוחמד סעיד", "Mohammed SAID"),
    ]);
}

/// "CO" run into the word before "LTD" ("XIANGHE TRADECO., LTD.", 0.65 against XIANGHE TRADE
/// CO., LTD.; "EXORACO., LTD" found nothing): the word also reads without it, and one that
/// ends in "co" of its own keeps its letters.
#[test]
fn co_run_into_the_word_before_ltd_reads_apart() {
    all_match(&[
        ("XIANGHE TRADECO., LTD.", "XIANGHE TRADE CO., LTD."),
        ("EXORACO., LTD", "EXORA CO., LTD"),
        ("CHINA SOUTH INDUSTRIES GROUPCO., LTD.", "CHINA SOUTH INDUSTRIES GROUP CO., LTD."),
        ("TOBACCO LIMITED", "TOBACCO LIMITED"),
    ]);
}

/// Edits were counted on the first romanisation of a Cyrillic word only: a Latin spelling of
/// another system with one letter off ("Sjarge", Сяргей being Sjargej in German, "Alekse" for
/// Алексей) met none of them and the name scored 0.56. Each romanisation is a spelling now, one
/// edit away at most (two from the shortest reading met other names); not so for scripts that
/// leave vowels out, whose readings are many.
#[test]
fn a_typo_in_another_romanisation_of_a_cyrillic_word_is_one_edit() {
    all_match(&[
        ("Sjarge CHRYPATSCH", "Сяргей ХРЫПАЧ"),
        ("Alekse Kljawin", "Алексей Клявин"),
        ("Sergej Ivanov", "Сергей Иванов"),
    ]);
    none_match(&[
        ("Sjarge Chrypko", "Сяргей ХРЫПАЧ"),
        ("Oksana Lytkina", "Оксана Владимировна ХЛЯКИНА"),
        ("Никита Вилорович Беляков", "MELIKOV, Nikita"),
    ]);
}
