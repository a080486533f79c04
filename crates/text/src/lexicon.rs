//! Small word tables of running text: words that are not names even when capitalised (function
//! words, words that open sentences, months, news verbs; and generic words such as demonyms and
//! institutions, which may stand inside a name but are none alone), titles and ranks that stand
//! before names, and the lower-case words that may sit inside a name (`of`, `al`, `bin`).
//!
//! Hand-written because no maintained crate holds what this needs: a stop-word list
//! (`stop-words`) has the function words but not the ranks, offices and demonyms of news about
//! sanctions, nor the Persian military titles. Kept short on purpose: words that fill listed
//! names (`bank`, `industries`) are judged by the gazetteer's counts, not here.

use foldhash::{HashSet, HashSetExt};
use std::sync::OnceLock;

/// Function words and the words that open sentences or report speech, English, Russian and
/// Persian, folded to lower case: a name never holds them, so they end a run of capitalised
/// words ("Iran Sends Drones To Russia" is no name).
const FUNCTION: &str = "
a about above according across after again against ago all almost also although always am among an and
another any anyone anything are around as at away back be because been before being below between both
but by can cannot could did do does doing done down during each either else even ever every few
for from further had has have having he her here hers him his how however if in inside instead
into is it its itself just later least less like many may me meanwhile might more most much must
my near neither never next no nor not now off often on once only or other others our out
over own per perhaps rather same several she should since so some still such than that
the their them then there these they this those though through thus to today together too toward
towards under unless until up upon us very via was we were what whatever when where whether which
while who whom whose why will with within without would yes yet you your
said says say told tells reported reports added noted stated announced warned claimed sends send sent
confirmed denied wrote writes asked believed called described explained showed shows show bite bites
january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
breaking update updated exclusive analysis opinion editorial comment photo video watch read
и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было
вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас
нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их
чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой
совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при
наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три
эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно
всю между также заявил заявила сообщил сообщила сообщает сказал сказала словам
و در به از که این را با است برای آن یک خود تا کرد بر هم نیز گفت شد ها های می وی ما اما یا شده
باید دو اند هر کند دیگر پس او بود کنند بین پیش همه چه روی داد کرده دارد بوده آنها
";

/// Words that are no name on their own but may stand inside one (demonyms, institutions,
/// offices' adjectives): they do not end a run ("Russian Aerospace Forces", "Central Bank of
/// Iran"), but a run made only of them and of titles is not looked up ("Iranian Foreign
/// Minister").
const GENERIC: &str = "
first second third new former last one saint st
news latest live sources source officials official reporter correspondent editor agency press statement
western eastern northern southern central east west north south foreign defence defense interior
finance economy economic acting army staff chief
u s uk eu un us usa nato g7 ceo cfo
sanctions sanctioned sanction designation designations designated treasury department ministry
council commission government regime authorities state states union parliament kremlin white house
war attack attacks strike strikes drone drones missile missiles plant factory zone region city
iranian russian ukrainian belarusian syrian korean chinese american european british french
german israeli turkish emirati indian lebanese iraqi yemeni cuban venezuelan soviet
russians iranians ukrainians americans europeans
россия иран ایران روسیه
";

/// Titles, ranks and offices written before a name, which are no part of it.
const TITLES: &str = "
mr mrs ms miss dr prof professor sir lord lady dame ayatollah grand hojatoleslam hojjatoleslam
general gen major maj brigadier brig colonel col lieutenant lt lieut captain capt commander cmdr cdr
admiral adm vice rear sergeant sgt corporal marshal field deputy
president premier prime minister
secretary spokesman spokeswoman spokesperson ambassador envoy director head chairman chairwoman chair
founder owner executive ceo manager governor mayor senator speaker leader supreme commander-in-chief
king queen prince princess emir crown judge prosecutor officer agent businessman businesswoman
tycoon oligarch billionaire magnate banker trader financier mp mep
генерал генерал-майор генерал-лейтенант генерал-полковник полковник подполковник майор капитан
адмирал маршал министр президент премьер глава директор председатель губернатор мэр посол депутат
сенатор командующий командир заместитель начальник руководитель бизнесмен олигарх господин г-н
سردار سرتیپ سرلشکر سپهبد امیر سرهنگ دریادار آیت‌الله آیت الله حجت‌الاسلام حجت الاسلام دکتر مهندس
آقای خانم وزیر رئیس فرمانده معاون مدیر سخنگوی سخنگو
";

/// Cities and regions that news about sanctions names (capitals, industrial towns of the
/// drone programmes), other than the sanctioned jurisdictions: places, no parties, even where a
/// listed company holds the name ("BANK OF MOSCOW").
const PLACES: &str = "
europe asia africa america americas eurasia caucasus balkans gulf sahel
moscow tehran teheran beijing dubai minsk damascus pyongyang kyiv kiev washington brussels london
paris berlin ankara istanbul tbilisi baku yerevan tashkent almaty astana caracas havana beirut baghdad
kabul islamabad karachi delhi mumbai shanghai shenzhen hongkong kong singapore tatarstan yelabuga
elabuga kazan izhevsk isfahan esfahan shiraz tabriz mashhad qom karaj semnan kerman kish qeshm
ahvaz yazd arak bushehr chabahar zahedan kermanshah hamadan urmia rasht grozny chechnya чечня чечни чечне
dagestan donbas bakhmut avdiivka pokrovsk chernihiv sumy
mediterranean baltic caspian
kharkiv odesa odessa dnipro lviv kursk belgorod bryansk rostov novosibirsk yekaterinburg
petersburg vladivostok murmansk kaliningrad sochi krasnodar volgograd samara ufa perm chelyabinsk
москва тегеран минск киев дамаск пекин казань елабуга тегеране москве
تهران مسکو
";

/// Lower-case words that may stand inside a name (`Central Bank of Iran`, `Abu al-Hasan`).
const CONNECTORS: &str =
    "of the for de del da dos das al el ul ud bin ibn bint abu van von der den du la le y di";

/// Common English words (SCOWL levels 10 to 35, no proper names): a one-word mention that is a
/// dictionary word ("Satellite", "Delta") is too ordinary to name a party alone.
const DICTIONARY: &str = include_str!("../data/english-words.txt");

/// The words of a table, folded as the words of a text are (`embargo_names::normalize`: a
/// Persian `رئیس` or a Russian `ё` is looked up as the text's word will be).
fn table(words: &'static str) -> HashSet<String> {
    let mut set = HashSet::with_capacity(words.len() / 6);
    set.extend(words.split_whitespace().map(embargo_names::normalize));
    set
}

/// Builds every table now (the dictionary takes a few milliseconds).
pub(crate) fn warm_up() {
    let word = "the";
    let _ = (is_function(word), is_generic(word), is_title(word), is_place(word), is_connector(word));
    let _ = is_dictionary_word(word);
}

/// Whether `folded` (lower case) is a function word of running text.
pub(crate) fn is_function(folded: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| table(FUNCTION)).contains(folded)
}

/// Whether `folded` (lower case) is a generic word: no name alone.
pub(crate) fn is_generic(folded: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| table(GENERIC)).contains(folded)
}

/// Whether `folded` (lower case) is a title, rank or office.
pub(crate) fn is_title(folded: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| table(TITLES)).contains(folded)
}

/// Whether `folded` (lower case) is a common English word.
pub(crate) fn is_dictionary_word(folded: &str) -> bool {
    static SET: OnceLock<HashSet<&str>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = HashSet::with_capacity(41_000);
        set.extend(DICTIONARY.lines().filter(|l| !l.starts_with('#')));
        set
    })
    .contains(folded)
}

/// Whether `folded` (lower case) is a city or region (not a sanctioned jurisdiction) or a
/// country.
pub(crate) fn is_place(folded: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| table(PLACES)).contains(folded)
        || (folded.len() >= 4 && embargo_model::country::resolve_folded(folded).is_some())
}

/// Whether `folded` (lower case) may stand in lower case inside a name.
pub(crate) fn is_connector(folded: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| table(CONNECTORS)).contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_answer_in_three_languages() {
        assert!(is_function("the") && is_function("said") && is_function("заявил") && is_function("در"));
        assert!(is_generic("iranian") && is_generic("ministry") && !is_function("iranian"));
        assert!(is_title("brigadier") && is_title("генерал") && is_title("سردار"));
        assert!(is_connector("of") && is_connector("al"));
        assert!(!is_function("bagheri") && !is_title("bagheri"));
        assert!(is_dictionary_word("satellite") && !is_dictionary_word("shahed"));
        assert!(is_place("moscow") && is_place("germany") && !is_place("us") && !is_place("bagheri"));
    }
}
