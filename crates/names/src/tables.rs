//! Word tables: titles, particles, patronymic endings, organisation words, spelling variants.
//!
//! The legal forms, organisation symbols, person symbols and name prefixes come from the rigour
//! reference tables (generated into `OUT_DIR` by `build.rs`); the tables written here cover what
//! those do not: military and religious titles, name particles, and the spelling variants of
//! the names that fill sanctions lists.

/// The tables' maps: keys are short words looked up several times per token, for which
/// SipHash was a tenth of the analysis time; foldhash with a fixed seed is several times faster
/// (and the keys come from the crate's own tables, not from callers, so flooding is moot).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;
use std::sync::OnceLock;

#[allow(clippy::all)]
mod reference {
    include!(concat!(env!("OUT_DIR"), "/reference_tables.rs"));
}

use reference::{OBJ_NAME_PREFIXES, ORG_TYPES};

/// Titles and honorifics (in addition to rigour's `person_name_prefixes`), folded.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mister",
    "dr",
    "doctor",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "general",
    "gen",
    "brigadier general",
    "brig gen",
    "brigadier",
    "major general",
    "maj gen",
    "lieutenant general",
    "lt gen",
    "colonel",
    "col",
    "lieutenant colonel",
    "lt col",
    "major",
    "maj",
    "captain",
    "capt",
    "cpt",
    "lieutenant",
    "lt",
    "commander",
    "cdr",
    "admiral",
    "adm",
    "vice admiral",
    "rear admiral",
    "sergeant",
    "sgt",
    "marshal",
    "field marshal",
    "air marshal",
    "commodore",
    "brig",
    "colonel general",
    "general colonel",
    "army general",
    "sheikh",
    "shaikh",
    "shaykh",
    "sheik",
    "shaykha",
    "sheikha",
    "haji",
    "hajji",
    "hajj",
    "al hajj",
    "alhaj",
    "alhaji",
    "el hadj",
    "el hadji",
    "hadj",
    "mullah",
    "mulla",
    "molla",
    "mullah haji",
    "mawlawi",
    "maulvi",
    "mawlavi",
    "maulawi",
    "maulana",
    "mawlana",
    "mufti",
    "imam",
    "ayatollah",
    "ayatullah",
    "grand ayatollah",
    "hojatoleslam",
    "hojjatoleslam",
    "hojatolislam",
    "hujjat al islam",
    "qari",
    "qazi",
    "qadi",
    "amir al muminin",
    "emir",
    "prince",
    "princess",
    "king",
    "president",
    "vice president",
    "prime minister",
    "minister",
    "deputy minister",
    "senator",
    "judge",
    "engineer",
    "eng",
    "his excellency",
    "her excellency",
    "he",
    "rev",
    "reverend",
    "father",
    "bishop",
    "archbishop",
    "metropolitan",
    "patriarch",
    "herr",
    "frau",
    "mme",
    "mlle",
    "monsieur",
    "madame",
    "senor",
    "senora",
    "gospodin",
    "gospozha",
    "ustad",
    "ustadh",
    "ustaz",
    "hafiz",
    "sayed al",
    "mohtaram",
];

/// Name particles and their weights: connectors carry little, kunya and filiation words a
/// little more (they are part of how a person is known).
const PARTICLES: &[(&str, f32)] = &[
    ("al", 0.15),
    ("el", 0.15),
    ("ul", 0.15),
    ("ud", 0.15),
    ("bin", 0.3),
    ("ibn", 0.3),
    ("bint", 0.3),
    ("binti", 0.3),
    ("bte", 0.3),
    ("ben", 0.3),
    ("ould", 0.3),
    ("wuld", 0.3),
    ("abu", 0.5),
    ("abou", 0.5),
    ("umm", 0.5),
    ("van", 0.2),
    ("von", 0.2),
    ("vom", 0.2),
    ("zu", 0.2),
    ("der", 0.15),
    ("den", 0.15),
    ("ter", 0.15),
    ("ten", 0.15),
    ("de", 0.15),
    ("del", 0.15),
    ("della", 0.15),
    ("degli", 0.15),
    ("da", 0.15),
    ("di", 0.15),
    ("du", 0.15),
    ("dos", 0.15),
    ("das", 0.15),
    ("la", 0.15),
    ("le", 0.15),
    ("y", 0.1),
    ("ogly", 0.2),
    ("oglu", 0.2),
    ("ugli", 0.2),
    ("uly", 0.2),
    ("kyzy", 0.2),
    ("qizi", 0.2),
    ("kizi", 0.2),
];

/// The assimilated forms of the Arabic article (`ad-Din`, `ar-Rahman`, `ash-Shami`): particles
/// only when hyphen-attached to the next word, since `As`, `An`, `At` are also names.
const ATTACHED_ARTICLES: &[&str] =
    &["ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh", "ath", "al", "el"];

/// Patronymic endings of East Slavic names (romanised): male, female.
const PATRONYMIC_ENDINGS: &[&str] = &[
    "ovich", "evich", "ovych", "evych", "ievich", "yevich", "ilyich", "ovitch", "evitch", "ovna", "evna",
    "ievna", "yevna", "ichna", "ivna", "inichna", "ogly", "oglu", "ovichi",
];

/// Stopwords of organisation names: weigh almost nothing.
const ORG_STOPWORDS: &[&str] = &[
    "of", "and", "the", "for", "in", "on", "at", "to", "de", "del", "la", "le", "les", "du", "des", "et",
    "und", "y", "e", "i", "da", "do", "dos", "das", "der", "die", "das", "fur", "im", "po", "pod", "na",
    "za", "va",
];

/// Common words of organisation names not covered by rigour's organisation symbols (which come
/// in many languages): lower weight than the distinctive core.
const ORG_COMMON: &[&str] = &[
    "company",
    "companies",
    "co",
    "corporation",
    "corp",
    "group",
    "groups",
    "grp",
    "holding",
    "holdings",
    "trading",
    "trade",
    "traders",
    "industries",
    "industry",
    "industrial",
    "international",
    "intl",
    "inter",
    "enterprise",
    "enterprises",
    "services",
    "service",
    "technologies",
    "technology",
    "tech",
    "technical",
    "engineering",
    "general",
    "import",
    "export",
    "imp",
    "exp",
    "commercial",
    "commerce",
    "development",
    "investment",
    "investments",
    "bank",
    "shipping",
    "logistics",
    "petroleum",
    "oil",
    "gas",
    "energy",
    "construction",
    "manufacturing",
    "products",
    "product",
    "systems",
    "system",
    "solutions",
    "electronics",
    "electronic",
    "electric",
    "metals",
    "metal",
    "mining",
    "chemical",
    "chemicals",
    "machinery",
    "equipment",
    "supply",
    "supplies",
    "global",
    "world",
    "national",
    "united",
    "central",
    "office",
    "center",
    "centre",
    "institute",
    "foundation",
    "association",
    "organization",
    "organisation",
    "ministry",
    "department",
    "agency",
    "authority",
    "committee",
    "council",
    "fund",
    "trust",
    "partners",
    "associates",
    "brothers",
    "bros",
    "sons",
    "factory",
    "plant",
    "works",
    "production",
    "research",
    "scientific",
    "design",
    "bureau",
    "branch",
    "representative",
    "capital",
    "finance",
    "financial",
    "insurance",
    "exchange",
    "marine",
    "maritime",
    "navigation",
    "transport",
    "aviation",
    "airlines",
    "airline",
    "airways",
    "lines",
    "line",
    "petrochemical",
    "pharmaceutical",
    "pharmaceuticals",
    "medical",
    "food",
    "foods",
    "agricultural",
    "textile",
    "steel",
    "cement",
    "power",
    "motors",
    "auto",
    "management",
    "consulting",
    "consultancy",
    "resources",
    "ventures",
    "venture",
    "network",
    "media",
    "security",
    "defense",
    "defence",
    "plc",
    "zavod",
    "kompaniya",
    "gruppa",
    "obyedineniye",
    "obedinenie",
    "nauchno",
    "proizvodstvennoye",
    "proizvodstvennoe",
    "predpriyatie",
    "predpriyatiye",
    "kontsern",
    "kombinat",
    "tsentr",
    "sherkat",
    "sanaye",
    "sanaat",
    "tejarat",
    "bazargani",
    "mohandesi",
    "gostaresh",
    "saderat",
    "tolid",
    "sakhteman",
    "naft",
    "shirkat",
    "sharikat",
    "sharika",
    "mu assasat",
    "muassasa",
    "muassasat",
    "tijara",
    "tijari",
    "trans",
    "refinery",
    "telecom",
    "telecommunications",
    "infrastruktura",
    "dobycha",
    "pererabotka",
    "komissiya",
    "fond",
    "depository",
    "registrar",
    "gongsi",
    "youxian",
    "jituan",
    "maoyi",
    "shiye",
    "keji",
];

/// Romanised Russian legal forms as OFAC and the UK spell them, beyond the spellings of the
/// rigour table: (alias, generic form, specific form).
const EXTRA_LEGAL_FORMS: &[(&str, &str, &str)] = &[
    ("obschestvo s ogranichennoi otvetstvennostyu", "llc", "ooo"),
    ("obschestvo s ogranichennoy otvetstvennostyu", "llc", "ooo"),
    ("obshchestvo s ogranichennoi otvetstvennostyu", "llc", "ooo"),
    ("obshchestvo s ogranichennoy otvetstvennostyu", "llc", "ooo"),
    ("obshchestvo s ogranichennoi otvetstvennostiu", "llc", "ooo"),
    ("obshestvo s ogranichennoi otvetstvennostyu", "llc", "ooo"),
    ("obshchestvo s ogranichennoj otvetstvennostyu", "llc", "ooo"),
    ("aktsionernoe obschestvo", "jsc", "ao"),
    ("aktsionernoye obshchestvo", "jsc", "ao"),
    ("aktsionernoe obshestvo", "jsc", "ao"),
    ("otkrytoe aktsionernoe obshchestvo", "jsc", "oao"),
    ("otkrytoye aktsionernoye obshchestvo", "jsc", "oao"),
    ("zakrytoe aktsionernoe obschestvo", "jsc", "zao"),
    ("publichnoe aktsionernoe obshchestvo", "jsc", "pao"),
    ("publichnoye aktsionernoye obshchestvo", "jsc", "pao"),
    ("publichnoe aktsionernoe obschestvo", "jsc", "pao"),
    ("open joint stock company", "jsc", "oao"),
    ("closed joint stock company", "jsc", "zao"),
    ("public joint stock company", "jsc", "pao"),
    ("tovarystvo z obmezhenoiu vidpovidalnistiu", "llc", "tov"),
];

/// Spelling variants of names frequent on sanctions lists, each group led by its canonical key.
/// Romanised, folded; the canonical key goes into [`crate::Token::variants`].
const VARIANT_GROUPS: &[&[&str]] = &[
    &[
        "muhammad",
        "mohammad",
        "mohammed",
        "mohamad",
        "mohamed",
        "muhammed",
        "muhamad",
        "muhamed",
        "mohamud",
        "mohamoud",
        "mohammod",
        "mohmmad",
        "mukhammad",
        "mukhammed",
        "magomed",
        "mahomed",
        "mehmet",
        "mehmed",
        "mohd",
        "mhmd",
        "muhamet",
        "mouhamed",
        "mouhammad",
        "mohamad",
        "mamadou",
        "muhamadu",
        "mohmed",
        "mahammad",
        "mukhamed",
        "muhammadu",
    ],
    &["ahmad", "ahmed", "akhmad", "akhmed", "ahmet", "ehmed", "ahmadu", "ahmd", "achmad", "achmed", "ahamad"],
    &["mahmud", "mahmoud", "mahmood", "makhmud", "mehmood", "mahmut", "mhmwd", "mahamud"],
    &["mustafa", "mostafa", "moustafa", "mustapha", "mostapha", "moustapha", "mustafo", "mstfa"],
    &[
        "hussein", "hossein", "husayn", "hosein", "husain", "hussain", "husein", "hussen", "houssein",
        "huseyn", "gusein", "guseyn", "hoseyn", "hosseyn", "husseyn", "huseynov", "hsyn", "hosain",
        "hossain",
    ],
    &["hassan", "hasan", "hassen", "gasan", "hasen", "hsn", "hasson"],
    &["hasani", "hassani"],
    &["husseini", "hosseini", "husaini", "husayni", "hussaini", "hoseini", "hosseyni", "husseyni"],
    &[
        "qasem", "ghasem", "kasem", "qassem", "kassem", "qasim", "kasim", "gasem", "ghassem", "qassim",
        "kassim",
    ],
    &["qasemi", "ghasemi", "kasemi", "qassemi", "qasimi", "ghassemi"],
    &[
        "qoreishi",
        "ghoreishi",
        "qureishi",
        "qurayshi",
        "quraishi",
        "koreishi",
        "ghoraishi",
        "qureshi",
        "qurashi",
    ],
    &[
        "yusuf", "yousef", "youssef", "yusef", "yousif", "yousuf", "yusif", "jusuf", "iusuf", "yussuf",
        "youcef", "yousof", "yosef", "yossef", "yusof", "yussef",
    ],
    &[
        "abdul", "abdol", "abdel", "abdal", "abd", "abdoul", "abdu", "abdur", "abdus", "abder", "abdou",
        "abdi",
    ],
    &["abdullah", "abdallah", "abdollah", "abdulla", "abdoullah", "abdoulaye", "abdalla"],
    &["ali", "aly", "aliy"],
    &["umar", "omar", "omer", "oumar", "omr"],
    &["usama", "osama", "usamah", "oussama", "ousama"],
    &["uthman", "othman", "osman", "usman", "osmane", "usmon", "ousmane", "otman"],
    &["khalid", "khaled", "halid", "khaleed", "khalit"],
    &["said", "saeed", "saied", "saaed", "sayid", "saiid", "saiyd"],
    &["sayyid", "seyed", "seyyed", "sayed", "syed", "sayyed", "seyyid", "sayeed", "seyd"],
    &["jafar", "jaafar", "djafar", "jafer", "cafer", "dzhafar", "jaffar", "jaafer"],
    &["ibrahim", "ebrahim", "ibragim", "brahim", "ibraheem", "ebraheem", "ibrahima", "ebrahimi"],
    &["ismail", "esmail", "ismayil", "smail", "ismael", "esmaeil", "ismoil", "ismaeel", "esmaeel"],
    &["yahya", "yehia", "yahia", "yahiya", "yehya", "iahia"],
    &["yaqub", "yaqoob", "yakub", "yagub", "yacoub", "yakoub", "yaakub", "yaqoub"],
    &["reza", "riza", "rida", "ridha", "redha", "rza"],
    &["mahdi", "mehdi", "mahdy", "mehdy"],
    &["karim", "kareem", "kerim", "karym"],
    &["rahman", "rehman", "rahmon", "rakhman", "rahmane", "rachman"],
    &["rahim", "raheem", "rakhim", "rahime"],
    &["zayn", "zein", "zain", "zeyn"],
    &["hamid", "hamed", "khamid", "hameed", "hamead"],
    &["majid", "majeed", "madjid", "medjid", "majed", "magid"],
    &["nasser", "nasir", "naser", "nassir", "nasr", "nacer"],
    &["nasrallah", "nasrullah", "nasrollah", "nasralla"],
    &["salih", "saleh", "salah", "salekh"],
    &["sulayman", "suleiman", "soleiman", "sulaiman", "suleyman", "soleyman", "sulejman", "slimane"],
    &["musa", "mousa", "moussa", "mussa", "mosa"],
    &["isa", "issa", "eisa", "esa"],
    &["jawad", "javad", "jauad", "djawad"],
    &["abbas", "abass", "abas"],
    &["hadi", "hady"],
    &["amin", "ameen", "emin"],
    &["hashim", "hashem", "hachem", "hachim", "hasheem"],
    &["hashimi", "hashemi", "hachemi", "hashmi", "hashimy"],
    &["fatima", "fatemeh", "fatma", "fatimah", "fatemah", "fathima"],
    &["zaynab", "zeinab", "zainab", "zaineb", "zeynab"],
    &["aisha", "aicha", "ayesha", "aysha", "aishah", "aiesha"],
    &["khadija", "khadijah", "khadidja", "hatice", "khadijeh"],
    &["maryam", "mariam", "meryem", "miriam", "maryem"],
    &["bakr", "bakar", "baker", "bakir"],
    &["bashir", "basheer", "beshir", "bachir"],
    &["tariq", "tarek", "tarik", "tareq", "tareck"],
    &["walid", "waleed", "valid", "velid"],
    &["anwar", "anouar", "enver", "anvar"],
    &["nur", "nour", "noor"],
    &["nuruddin", "nureddin", "nouredine", "nooruddin", "nuraddin"],
    &["jamal", "gamal", "djamal", "jamaal", "camal", "jemal"],
    &["jalal", "djalal", "galal", "celal"],
    &["jamil", "gamil", "jameel", "djamil", "cemil"],
    &["faisal", "faysal", "feisal", "faycal", "faizal"],
    &["ayman", "aiman", "eyman"],
    &["hamza", "hamzah", "hamsa"],
    &["habib", "habeeb", "khabib"],
    &["ghulam", "gholam", "golam", "gulam", "qolam"],
    &["haqqani", "haqani", "hakkani"],
    &["akhund", "akhoond", "akhond"],
    &["khamenei", "khamenehi", "khamenehei"],
    &["zarif", "zareef"],
    &["soleimani", "sulaimani", "suleimani", "solaimani", "suleymani"],
    &["qadhafi", "gaddafi", "qaddafi", "kadhafi", "ghaddafi", "gadhafi", "kaddafi", "qadhdhafi", "khadafy"],
    &["assad", "asad", "al assad"],
    &["baghdadi", "bagdadi"],
    &["zawahiri", "zawahri", "zawahry"],
    &["taliban", "taleban"],
    // East Slavic given names: Russian, Ukrainian and Belarusian forms and their romanisations.
    &["sergey", "sergei", "serguei", "sergej", "serhiy", "serhii", "sergiy", "sergii", "syarhei", "siarhei"],
    &[
        "aleksandr",
        "alexander",
        "aleksander",
        "alexandr",
        "oleksandr",
        "olexander",
        "olexandr",
        "aliaksandr",
        "alyaksandr",
        "alexandre",
    ],
    &["aleksey", "alexei", "aleksei", "alexey", "oleksiy", "oleksii", "alexej", "aliaksei", "alexeï"],
    &["yuriy", "yuri", "yury", "iurii", "jurij", "yurii", "iouri", "juri", "yurij", "yuryi", "iury"],
    &["dmitriy", "dmitri", "dmitry", "dmitrii", "dmytro", "dmitrij", "dimitri", "dzmitry", "dzmitryi"],
    &[
        "yevgeniy", "evgeny", "evgeniy", "yevgeny", "evgenii", "evgueni", "yevhen", "jewgeni", "yevgenii",
        "evgenij",
    ],
    &["vyacheslav", "viacheslav", "vjaceslav", "vyacheslaw", "viatcheslav", "vyacheslau"],
    &["nikolay", "nikolai", "mykola", "nikolaj", "mikalai", "nicolai"],
    &["mikhail", "mykhailo", "michail", "mikhael", "mikhayl", "mikhal", "mihail", "mikhailo", "mikhaylo"],
    &["andrey", "andrei", "andriy", "andrii", "andrej", "andrew", "andrzej", "andrei", "andrius"],
    &["vladimir", "volodymyr", "uladzimir", "wladimir", "vladymyr"],
    &["igor", "ihor", "ihar"],
    &["grigoriy", "grigory", "grigori", "hryhoriy", "hryhorii", "grigorii", "grigorij"],
    &["georgiy", "georgy", "georgii", "heorhiy", "heorhii", "georgi", "georgij"],
    &["pavel", "pavlo", "paval", "paul", "pawel"],
    &["pyotr", "petr", "petro", "piotr", "pyatro", "peter", "piotr"],
    &["fyodor", "fedor", "fiodor", "fedir", "fyodar", "feodor"],
    &["oleg", "oleh", "aleh"],
    &["tatyana", "tatiana", "tetiana", "tatsiana", "tetyana", "tatjana"],
    &["natalya", "natalia", "nataliya", "natallia", "natalja"],
    &["yelena", "elena", "olena", "alena", "jelena", "yalena", "helena"],
    &["yuliya", "yulia", "iuliia", "julia", "yuliia", "julija", "yuliia"],
    &["anatoliy", "anatoly", "anatolii", "anatolij", "anatol"],
    &["vitaliy", "vitaly", "vitalii", "vitalij", "vitali"],
    &["vasiliy", "vasily", "vasilii", "vasyl", "vasil", "vasilij", "vassili"],
    &["gennadiy", "gennady", "gennadii", "hennadiy", "hennadii", "gennadij"],
    &["kirill", "kyrylo", "kiryl", "cyril"],
    &["valeriy", "valery", "valerii", "valerij", "valeri"],
    &["yevgeniya", "evgeniya", "evgenia", "yevgenia", "yevheniia"],
    &["arkadiy", "arkady", "arkadii", "arkadij"],
    &["leonid", "leanid"],
    &["maksim", "maxim", "maksym", "maksimilian"],
    &["konstantin", "kostiantyn", "kanstantsin", "kostyantyn", "constantin"],
    &["ivan", "ivane", "iwan", "ivan"],
    &["ilya", "illia", "ilia", "ilja", "illya"],
    &["mariya", "maria", "mariia", "marija"],
    &["svetlana", "sviatlana", "svitlana"],
    &["olga", "olha", "volha", "olgha"],
    &["yekaterina", "ekaterina", "kateryna", "katsiaryna", "katerina"],
    &["yevgenievich", "evgenievich", "evgenyevich", "yevgenyevich", "yevhenovych"],
    &["aleksandrovich", "alexandrovich", "oleksandrovych", "aliaksandravich"],
    &["vladimirovich", "volodymyrovych", "uladzimiravich"],
    &["sergeyevich", "sergeevich", "serhiyovych", "sergeevitch"],
    &["alekseyevich", "alekseevich", "alexeyevich", "alexeevich", "oleksiyovych"],
    &["vyacheslavovich", "viacheslavovich"],
    // Korean surnames.
    &["kim", "gim"],
    &["lee", "yi", "ri", "rhee", "rhie", "li", "lei"],
    &["park", "pak", "bak", "bahk"],
    &["choi", "choe", "chwe", "choy"],
    &["jung", "jeong", "chung", "jong", "chong", "cheong"],
    &["kang", "gang"],
    &["cho", "jo", "joh"],
    &["yoon", "yun"],
    &["jang", "chang"],
    &["han", "hahn"],
    &["ryu", "yu", "yoo", "ryoo"],
    &["jon", "jeon", "chon", "chun", "jun"],
    &["un", "eun"],
    &["il", "ill"],
    // Chinese: Wade–Giles and Cantonese spellings of the commonest surnames.
    &["zhang", "chang", "cheung"],
    &["wang", "wong"],
    &["chen", "chan", "chin"],
    &["zhou", "chou", "chow"],
    &["huang", "hwang"],
    &["xu", "hsu", "hui", "tsui"],
    &["zhao", "chao", "chiu"],
    &["wu", "ng"],
    &["liu", "lau", "lao"],
];

/// Compound-name affixes: `Abdolrahman` = `Abdulrahman`, `Rahmatollah` = `Rahmatullah`.
const PREFIX_VARIANTS: &[(&str, &str)] = &[
    ("abdol", "abdul"),
    ("abdel", "abdul"),
    ("abdal", "abdul"),
    ("abdoul", "abdul"),
    ("abdul", "abdul"),
    ("abdur", "abdul"),
    ("abdor", "abdul"),
    ("abdus", "abdul"),
    ("abdos", "abdul"),
    ("abdin", "abdul"),
];
const SUFFIX_VARIANTS: &[(&str, &str)] = &[
    ("ollah", "ullah"),
    ("ullah", "ullah"),
    ("allah", "ullah"),
    ("olla", "ullah"),
    ("ulla", "ullah"),
    ("alla", "ullah"),
    ("uddin", "uddin"),
    ("eddin", "uddin"),
    ("addin", "uddin"),
    ("oddin", "uddin"),
    ("eddine", "uddin"),
    ("uddine", "uddin"),
    ("edin", "uddin"),
    ("odin", "uddin"),
];

/// Arabic-script spellings of frequent names, folded (hamza forms to ا, ى to ي, ة to ه, Persian
/// ی/ک to ي/ك), with their canonical keys: the skeleton of an unvocalised word is ambiguous,
/// its dictionary entry is not.
const ARABIC_NAMES: &[(&str, &str)] = &[
    ("محمد", "muhammad"),
    ("احمد", "ahmad"),
    ("محمود", "mahmud"),
    ("مصطفي", "mustafa"),
    ("علي", "ali"),
    ("حسن", "hassan"),
    ("حسين", "hussein"),
    ("عبد", "abdul"),
    ("عبدالله", "abdullah"),
    ("قاسم", "qasem"),
    ("يوسف", "yusuf"),
    ("ابراهيم", "ibrahim"),
    ("اسماعيل", "ismail"),
    ("خالد", "khalid"),
    ("عمر", "umar"),
    ("عثمان", "uthman"),
    ("سعيد", "said"),
    ("سيد", "sayyid"),
    ("جعفر", "jafar"),
    ("رضا", "reza"),
    ("مهدي", "mahdi"),
    ("كريم", "karim"),
    ("رحمن", "rahman"),
    ("رحيم", "rahim"),
    ("جواد", "jawad"),
    ("حميد", "hamid"),
    ("مجيد", "majid"),
    ("ناصر", "nasser"),
    ("صالح", "salih"),
    ("سليمان", "sulayman"),
    ("موسي", "musa"),
    ("عيسي", "isa"),
    ("يحيي", "yahya"),
    ("زين", "zayn"),
    ("نور", "nur"),
    ("فاطمه", "fatima"),
    ("زينب", "zaynab"),
    ("عايشه", "aisha"),
    ("عائشه", "aisha"),
    ("خديجه", "khadija"),
    ("مريم", "maryam"),
    ("اسامه", "usama"),
    ("بكر", "bakr"),
    ("ابو", "abu"),
    ("بن", "bin"),
    ("ابن", "ibn"),
    ("بنت", "bint"),
    ("نصرالله", "nasrallah"),
    ("عباس", "abbas"),
    ("هاشم", "hashim"),
    ("هاشمي", "hashimi"),
    ("حسيني", "husseini"),
    ("قاسمي", "qasemi"),
    ("سليماني", "soleimani"),
    ("غلام", "ghulam"),
    ("جمال", "jamal"),
    ("جلال", "jalal"),
    ("جميل", "jamil"),
    ("فيصل", "faisal"),
    ("ايمن", "ayman"),
    ("حمزه", "hamza"),
    ("حبيب", "habib"),
    ("طارق", "tariq"),
    ("وليد", "walid"),
    ("بشير", "bashir"),
    ("انور", "anwar"),
    ("امين", "amin"),
    ("هادي", "hadi"),
    ("يعقوب", "yaqub"),
    ("قريشي", "qoreishi"),
    ("خامنه اي", "khamenei"),
    ("خامنهاي", "khamenei"),
    ("ظريف", "zarif"),
    ("قذافي", "qadhafi"),
    ("القذافي", "qadhafi"),
    ("اسد", "assad"),
    ("بغدادي", "baghdadi"),
    ("ظواهري", "zawahiri"),
];

/// More Arabic and Persian given names and name words, each with the Latin spellings lists
/// use for it (`|`-separated, commonest first): an exact spelling beats a consonant skeleton.
const ARABIC_MORE_NAMES: &[(&str, &str)] = &[
    ("غسان", "ghassan"),
    ("بلال", "bilal|belal"),
    ("رمضان", "ramadan|ramazan|ramzan"),
    ("توفيق", "tawfiq|tawfik|tofiq"),
    ("يونس", "yunus|younes|younis|yunis"),
    ("عدنان", "adnan"),
    ("منصور", "mansour|mansur|mansoor"),
    ("عصام", "issam|isam|esam"),
    ("سمير", "samir|sameer"),
    ("حسام", "husam|hussam|hosam"),
    ("برهان", "burhan|borhan"),
    ("ايوب", "ayyub|ayub|ayoub|ayoob"),
    ("صمد", "samad"),
    ("سلام", "salam"),
    ("روف", "rauf|raouf|rahuf"),
    ("رووف", "rauf|raouf"),
    ("ذاكر", "zakir|dhakir|zaker"),
    ("خان", "khan"),
    ("شاه", "shah"),
    ("ادم", "adam"),
    ("فضل", "fazl|fadl|fazal|fadhl"),
    ("ربيع", "rabi|rabie|rabia"),
    ("مالك", "malik|malek"),
    ("نورزي", "noorzai|nurzai"),
    ("اچکزي", "achakzai|achekzai"),
    ("اچكزي", "achakzai|achekzai"),
    ("باركزي", "barakzai"),
    ("كاكر", "kakar"),
    ("وزير", "wazir|vazir"),
    ("اختر", "akhtar|akhter"),
    ("جان", "jan"),
    ("گل", "gul|gol"),
    ("بخت", "bakht"),
    ("نظر", "nazar"),
    ("عبيد", "obaid|ubaid|ubayd"),
    ("حاجي", "haji|hajji"),
    ("ولد", "ould"),
    ("غالي", "ghali"),
    ("قادر", "qadir|qader|kadir"),
    ("عزيز", "aziz"),
    ("ماهر", "maher|mahir"),
    ("باسل", "basel|basil"),
    ("ياسر", "yasser|yasir|yaser"),
    ("ياسين", "yasin|yassin|yaseen"),
    ("وائل", "wael|wail"),
    ("فراس", "firas|feras"),
    ("زياد", "ziad|ziyad"),
    ("طلال", "talal"),
    ("نبيل", "nabil|nabeel"),
    ("نزار", "nizar|nezar"),
    ("هشام", "hisham|hesham"),
    ("عماد", "imad|emad"),
    ("عمار", "ammar"),
    ("رامي", "rami|ramy"),
    ("سامي", "sami|samy"),
    ("شريف", "sharif|sherif"),
    ("صلاح", "salah|salaheddin"),
    ("عادل", "adel|adil"),
    ("عاطف", "atef|atif"),
    ("فواد", "fuad|fouad|fuad"),
    ("فؤاد", "fuad|fouad"),
    ("فواز", "fawaz|fawwaz"),
    ("كمال", "kamal|kemal"),
    ("لوي", "louai|luay|loay"),
    ("لؤي", "louai|luay|loay"),
    ("مازن", "mazen|mazin"),
    ("مروان", "marwan"),
    ("منير", "munir|mounir"),
    ("مهند", "muhannad|mohanad"),
    ("ناجي", "naji"),
    ("نادر", "nader|nadir"),
    ("هاني", "hani|hany"),
    ("وسيم", "wassim|wasim|waseem"),
    ("يزيد", "yazid"),
    ("حافظ", "hafez|hafiz"),
    ("حيدر", "haidar|heidar|haydar|heydar"),
    ("رشيد", "rashid|rachid"),
    ("سعد", "saad|sad"),
    ("سليم", "salim|selim"),
    ("طه", "taha"),
    ("محسن", "mohsen|muhsin"),
    ("مجتبي", "mojtaba|mujtaba"),
    ("مرتضي", "morteza|murtada|murtaza"),
    ("امير", "amir|ameer"),
    ("بهروز", "behrouz|behruz"),
    ("پرويز", "parviz|parvez"),
    ("داود", "davoud|dawood|dawud|davood"),
    ("شهرام", "shahram"),
    ("صادق", "sadegh|sadiq|sadeq"),
    ("فرهاد", "farhad"),
    ("كاظم", "kazem|kadhim|kazim"),
    ("مسعود", "masoud|masood|masud"),
    ("نعمت", "nemat|nimat"),
    ("وحيد", "vahid|wahid"),
    ("احسان", "ehsan|ihsan"),
    ("اكبر", "akbar"),
    ("اصغر", "asghar|asgar"),
    ("بابك", "babak"),
    ("بيژن", "bijan|bizhan"),
    ("تقي", "taqi|taghi"),
    ("جليل", "jalil"),
    ("حشمت", "heshmat"),
    ("خليل", "khalil"),
    ("رسول", "rasoul|rasul"),
    ("زهرا", "zahra"),
    ("سجاد", "sajjad|sajad"),
    ("شهريار", "shahriar|shahryar"),
    ("فريدون", "fereydoun|fereydoon|faridun"),
    ("قربان", "qorban|ghorban|qurban"),
    ("نوري", "nouri|nuri"),
    ("اسد", "asad|assad"),
    ("منجد", "munajjid|munajed"),
    ("عكاشه", "akkasha|ukasha"),
    ("شكوي", "shekau"),
    ("محمودي", "mahmoudi"),
    ("احمدي", "ahmadi"),
    ("محمدي", "mohammadi"),
    ("رضايي", "rezaei|rezaie"),
    ("كريمي", "karimi"),
    ("رحيمي", "rahimi"),
    ("موسوي", "mousavi|musavi|moussavi"),
    ("جعفري", "jafari|jaafari"),
    ("حسيني", "hosseini|husseini"),
    ("نوروزي", "nowruzi|nourouzi|norouzi"),
    ("صالحي", "salehi"),
    ("شريفي", "sharifi"),
    ("تهراني", "tehrani"),
    ("ميرزا", "mirza"),
    ("مير", "mir"),
    ("ولي", "wali|vali"),
    ("نجيب", "najib|najeeb"),
    ("قاري", "qari"),
    ("ملا", "mullah|mulla"),
    ("سيف", "saif|seif|sayf"),
    ("صدام", "saddam"),
    ("زكي", "zaki|zaky"),
    ("مبارك", "mubarak|moubarak"),
    ("سلامه", "salama|salameh"),
    ("رجا", "raja|rajah"),
    ("تكريتي", "tikriti"),
    ("اكرم", "akram"),
    ("تركي", "turki"),
    ("غازي", "ghazi|ghazy"),
    ("طيب", "tayeb|tayyib|tayib"),
    ("منذر", "munther|mundhir|monzer"),
    ("بشار", "bashar"),
    ("سهيل", "suhail|suhayl|sohail"),
    ("حليم", "halim"),
    ("لطيف", "latif|lateef"),
    ("حي", "hai|hayy"),
    ("خير", "khair|khayr|kheir"),
    ("رافع", "rafi|rafeh"),
    ("بديع", "badi|badie"),
    ("عبود", "abboud|abbud"),
    ("اظهر", "azhar"),
    ("علوي", "alawi|alvi|alavi"),
    ("مرعي", "marei|mari"),
    ("فياض", "fayyad|fayad"),
    ("كبيسي", "kubaisi|kubaysi"),
    ("حمود", "hamoud|hammoud"),
    ("مهاجر", "muhajir|mohajer"),
    ("عوني", "awni|ouni"),
    ("عبده", "abdo|abdu"),
    ("مطيع", "mati|muti"),
    ("ايمن", "ayman"),
];

/// Folds Arabic-script letter forms that spellings use interchangeably.
pub(crate) fn fold_arabic(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ی' | 'ئ' => 'ي',
            'ة' | 'ھ' | 'ہ' | 'ۃ' => 'ه',
            'ے' => 'ي',
            'ک' => 'ك',
            'ؤ' => 'و',
            other => other,
        })
        .collect()
}

/// What a qualifier makes of a legal form: (generic form qualified, (generic, specific) forms
/// of the whole).
pub(crate) type QualifiedForm = (String, (String, String));

/// A word of the legal-form aliases, with the number of aliases that use it: `limited` in
/// dozens, the misspelt aliases of the table (`limitd`, `limitted`) in one or a few.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LegalWord {
    pub word: &'static str,
    pub uses: u32,
}

/// The legal-form words a word may be a typo of: within one typo, and within two.
pub(crate) type Corrections = (Vec<&'static str>, Vec<&'static str>);

pub(crate) struct Tables {
    pub titles: HashMap<String, usize>,
    pub max_title_len: usize,
    pub particles: HashMap<&'static str, f32>,
    pub variants: HashMap<&'static str, &'static str>,
    pub arabic_names: HashMap<String, &'static str>,
    pub org_common: HashMap<String, String>,
    pub org_stopwords: HashMap<&'static str, ()>,
    pub generic_person: HashMap<String, ()>,
    /// Folded alias token sequence (space-joined) → (canonical generic form, specific form).
    pub legal_forms: HashMap<String, (String, String)>,
    pub max_legal_form_len: usize,
    /// Words that qualify a legal form (`public` in `public joint stock company`, `publichnoe`
    /// in `publichnoe aktsionernoe obshchestvo`): word → (generic form of the rest, forms of
    /// the whole). `PUBLICHNOE JSC` is the public joint stock company.
    pub legal_qualifiers: HashMap<String, Vec<QualifiedForm>>,
    /// Words of legal forms (5 letters or more) by each of their one-letter deletions, and
    /// themselves: a symmetric-deletion index for typo correction.
    pub legal_words: HashMap<String, Vec<LegalWord>>,
    /// The legal-form words of 8 letters or more by each of their two-letter deletions.
    pub legal_deletions2: HashMap<String, Vec<LegalWord>>,
    /// What each legal-form word may itself be a typo of (`limted`, a misspelt alias of the
    /// table, of `limited`), computed once: (within one typo, within two).
    pub vocabulary_corrections: HashMap<&'static str, Corrections>,
    /// First words of the legal-form aliases: a window of a name can only be a legal form if it
    /// starts with one.
    pub legal_first_words: HashSet<String>,
    /// [`key_hash`] of the keys of `legal_words`, then of `legal_deletions2`: pre-filters
    /// small enough to stay in cache, where the maps are not.
    pub legal_word_keys: KeyFilter,
    pub legal_deletion2_keys: KeyFilter,
    /// The most bytes other than letters in a legal-form word (none, in practice): a word with
    /// more than this plus one per typo is no typo of one (`7613`).
    pub legal_word_max_non_letters: usize,
    /// The longest key of `obj_prefixes`, in bytes.
    pub obj_prefix_max_len: usize,
    /// [`key_hash`] of every key of the word tables looked up per token (titles, particles,
    /// spelling variants, organisation words and stopwords, generic and symbol person names,
    /// first words of legal forms): see [`Tables::may_list`].
    pub table_words: KeyFilter,
    pub obj_prefixes: HashMap<String, ()>,
    /// rigour person symbols: one-word alias → symbol (`ibn` → `bin`, `shaykh` → `sheikh`).
    pub person_symbols: HashMap<String, String>,
}

impl Tables {
    /// Whether `word` may be a key of the word tables (see [`Tables::table_words`]); false is
    /// certain, and spares the look-ups of a distinctive word (most are in no table).
    pub(crate) fn may_list(&self, word: &str) -> bool {
        self.table_words.may_contain(key_hash(word.as_bytes()))
    }
}

/// Tables are built once, on first use, from the constants above and the generated rigour
/// tables: the aliases go through the same tokenizer as names, so that `ООО`, `O.O.O.` and
/// `ooo` land on the same key.
pub(crate) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(build_tables)
}

fn folded_key(phrase: &str) -> String {
    crate::plain_token_texts(phrase).join(" ")
}

fn build_tables() -> Tables {
    let mut titles = HashMap::default();
    let mut max_title_len = 1;
    for t in TITLES.iter().copied().chain(reference::PERSON_NAME_PREFIXES.iter().copied()) {
        let key = folded_key(t);
        let len = key.split(' ').count();
        if key.is_empty() || key == "the" {
            continue;
        }
        max_title_len = max_title_len.max(len);
        titles.insert(key, len);
    }
    let particles: HashMap<&str, f32> = PARTICLES.iter().copied().collect();
    let mut variants = HashMap::default();
    for group in VARIANT_GROUPS {
        for v in group.iter() {
            variants.entry(*v).or_insert(group[0]);
        }
    }
    let mut arabic_names: HashMap<String, &'static str> = HashMap::default();
    for (arabic, key) in ARABIC_NAMES.iter().chain(ARABIC_MORE_NAMES) {
        arabic_names.entry(fold_arabic(arabic)).or_insert(key);
    }
    let mut org_common = HashMap::default();
    for (symbol, aliases) in reference::ORG_SYMBOLS {
        for alias in aliases.iter() {
            let key = folded_key(alias);
            // Short words of other languages (chang, mir, lu, islam) are names as often as
            // they are organisation words: only the longer ones are taken.
            if key.len() >= 6 && !key.contains(' ') {
                org_common.entry(key).or_insert_with(|| symbol.to_lowercase());
            }
        }
    }
    for word in ORG_COMMON {
        org_common.entry((*word).to_owned()).or_insert_with(|| (*word).to_owned());
    }
    let org_stopwords: HashMap<&str, ()> = ORG_STOPWORDS.iter().map(|w| (*w, ())).collect();
    let generic_person: HashMap<String, ()> = reference::GENERIC_PERSON_NAMES
        .iter()
        .map(|n| folded_key(n))
        .filter(|k| !k.contains(' '))
        .map(|k| (k, ()))
        .collect();
    let mut legal_forms: HashMap<String, (String, String)> = HashMap::default();
    let mut max_legal_form_len = 1;
    for (display, compare, generic, aliases) in ORG_TYPES {
        let specific = folded_key(if compare.is_empty() { display } else { compare }).replace(' ', "");
        let specific = if specific.is_empty() {
            aliases.first().map(|a| folded_key(a).replace(' ', "")).unwrap_or_default()
        } else {
            specific
        };
        let canonical = if generic.is_empty() { specific.clone() } else { generic.to_lowercase() };
        for alias in aliases.iter().chain([display, compare]) {
            let key = folded_key(alias);
            if key.is_empty() {
                continue;
            }
            max_legal_form_len = max_legal_form_len.max(key.split(' ').count());
            legal_forms.entry(key).or_insert_with(|| (canonical.clone(), specific.clone()));
        }
    }
    for (alias, generic, specific) in EXTRA_LEGAL_FORMS {
        let key = folded_key(alias);
        max_legal_form_len = max_legal_form_len.max(key.split(' ').count());
        legal_forms.entry(key).or_insert_with(|| ((*generic).to_owned(), (*specific).to_owned()));
    }
    // (qualifier, generic form of the rest, whole alias, its forms)
    let mut qualified: Vec<(&str, &str, &str, &(String, String))> = Vec::new();
    for (key, forms) in &legal_forms {
        let Some((word, rest)) = key.split_once(' ') else { continue };
        if let Some(rest_forms) = legal_forms.get(rest) {
            if word.len() >= 4 {
                qualified.push((word, &rest_forms.0, key, forms));
            }
        }
    }
    // The shortest alias gives the reading (`public jsc` rather than `public joint stock
    // commercial bank`), the same whatever the hash order.
    qualified.sort_by_key(|(word, generic, key, _)| (*word, *generic, key.len(), *key));
    let mut legal_qualifiers: HashMap<String, Vec<QualifiedForm>> = HashMap::default();
    for (i, (word, generic, _, forms)) in qualified.iter().enumerate() {
        // A qualifier qualifies several forms (`public jsc`, `public limited company`); a word
        // before one alias only is as likely an ordinary word (`trade free zone company`).
        let aliases = qualified.iter().filter(|q| q.0 == *word).count();
        let first_of_generic = i == 0 || qualified[i - 1].0 != *word || qualified[i - 1].1 != *generic;
        if aliases >= 2 && first_of_generic {
            legal_qualifiers
                .entry((*word).to_owned())
                .or_default()
                .push(((*generic).to_owned(), (*forms).clone()));
        }
    }
    let mut vocabulary: Vec<&'static str> = Vec::new();
    let leak = |w: String| -> &'static str {
        // Built once per process (tables live in a OnceLock): the leak is bounded and intended.
        Box::leak(w.into_boxed_str())
    };
    for key in legal_forms.keys() {
        if !key.contains(' ') && key.len() < 6 {
            continue;
        }
        for word in key.split(' ') {
            if word.len() >= 5 && word.is_ascii() && !vocabulary.contains(&word) {
                vocabulary.push(leak(word.to_owned()));
            }
        }
    }
    vocabulary.sort_unstable();
    let mut legal_word_uses: HashMap<&'static str, u32> = HashMap::default();
    for key in legal_forms.keys() {
        for word in key.split(' ') {
            if let Ok(i) = vocabulary.binary_search(&word) {
                *legal_word_uses.entry(vocabulary[i]).or_default() += 1;
            }
        }
    }
    let mut legal_words: HashMap<String, Vec<LegalWord>> = HashMap::default();
    for &word in &vocabulary {
        let legal_word = LegalWord { word, uses: legal_word_uses.get(word).copied().unwrap_or(0) };
        for variant in std::iter::once(word.to_owned()).chain(deletions(word)) {
            let entry = legal_words.entry(variant).or_default();
            if !entry.contains(&legal_word) {
                entry.push(legal_word);
            }
        }
    }
    let obj_prefixes: HashMap<String, ()> = OBJ_NAME_PREFIXES
        .iter()
        .map(|p| folded_key(p))
        .filter(|k| !k.is_empty() && k != "the")
        .chain(["mv", "m v", "mt", "m t", "ms"].map(str::to_owned))
        .map(|k| (k, ()))
        .collect();
    let obj_prefix_max_len = obj_prefixes.keys().map(String::len).max().unwrap_or(0);
    let mut person_symbols = HashMap::default();
    for (symbol, aliases) in reference::PERSON_SYMBOLS {
        for alias in aliases.iter() {
            let key = folded_key(alias);
            if !key.is_empty() && !key.contains(' ') {
                person_symbols.entry(key).or_insert_with(|| symbol.to_lowercase());
            }
        }
    }
    let mut legal_deletions2: HashMap<String, Vec<LegalWord>> = HashMap::default();
    for (variant, words) in &legal_words {
        for &word in words {
            if word.word.len() >= 8 && variant.len() + 1 == word.word.len() {
                for second in deletions(variant) {
                    let entry = legal_deletions2.entry(second).or_default();
                    if !entry.contains(&word) {
                        entry.push(word);
                    }
                }
            }
        }
    }
    let legal_first_words: HashSet<String> =
        legal_forms.keys().map(|k| k.split(' ').next().unwrap_or("").to_owned()).collect();
    let table_words = KeyFilter::new(
        titles
            .keys()
            .map(String::as_str)
            .chain(particles.keys().copied())
            .chain(variants.keys().copied())
            .chain(org_common.keys().map(String::as_str))
            .chain(org_stopwords.keys().copied())
            .chain(generic_person.keys().map(String::as_str))
            .chain(person_symbols.keys().map(String::as_str))
            .chain(legal_first_words.iter().map(String::as_str))
            .map(|k| key_hash(k.as_bytes())),
        17,
    );
    let legal_word_max_non_letters = vocabulary.iter().map(|w| non_letters(w)).max().unwrap_or(0);
    let legal_word_keys = KeyFilter::new(legal_words.keys().map(|k| key_hash(k.as_bytes())), 17);
    let legal_deletion2_keys = KeyFilter::new(legal_deletions2.keys().map(|k| key_hash(k.as_bytes())), 19);
    let typo_index = TypoIndex {
        words: &legal_words,
        deletions2: &legal_deletions2,
        word_keys: &legal_word_keys,
        deletion2_keys: &legal_deletion2_keys,
        max_non_letters: legal_word_max_non_letters,
    };
    let vocabulary_corrections = vocabulary
        .iter()
        .map(|&word| {
            let own_uses = legal_word_uses.get(word).copied().unwrap_or(0);
            (
                word,
                (typo_index.corrections(word, own_uses, false), typo_index.corrections(word, own_uses, true)),
            )
        })
        .filter(|(_, (one, two))| !one.is_empty() || !two.is_empty())
        .collect();
    Tables {
        legal_word_keys,
        legal_deletion2_keys,
        legal_word_max_non_letters,
        obj_prefix_max_len,
        table_words,
        vocabulary_corrections,
        legal_deletions2,
        legal_first_words,
        legal_words,
        person_symbols,
        titles,
        max_title_len,
        particles,
        variants,
        arabic_names,
        org_common,
        org_stopwords,
        generic_person,
        legal_forms,
        max_legal_form_len,
        legal_qualifiers,
        obj_prefixes,
    }
}

/// The word with one letter deleted, at each position.
fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices().map(move |(i, c)| format!("{}{}", &word[..i], &word[i + c.len_utf8()..]))
}

/// The legal-form word `word` is, if it is one (`limited`, `obshchestvo`, `joint`...).
pub(crate) fn legal_word<'t>(word: &str, tables: &'t Tables) -> Option<&'t LegalWord> {
    // Most words are not: the filter says so without the map's memory traffic.
    if !tables.legal_word_keys.may_contain(key_hash(word.as_bytes())) {
        return None;
    }
    tables.legal_words.get(word)?.iter().find(|w| w.word == word)
}

/// The legal-form words `word` may miss by a typo (substitution, insertion, deletion or
/// transposition of neighbours), or, with `two_typos` and a word of 8 letters or more, by two:
/// only words more legal forms use than `word` itself, the most used first, then the closest in
/// length. Empty for a word too short or far from all of them. Whether a correction stands is
/// decided by the caller: only where it completes a legal form, so every close word is offered
/// (`CENTURE` is as close to `centre` as to `venture`; only `JOINT VENTURE` is a legal form).
/// `known` is `word`'s own entry when it is a legal-form word (see [`legal_word`]).
pub(crate) fn correct_legal_word(
    word: &str,
    known: Option<&LegalWord>,
    two_typos: bool,
    tables: &Tables,
) -> Vec<&'static str> {
    if let Some(known) = known {
        // A legal-form word's corrections are the same every time: computed once.
        return match tables.vocabulary_corrections.get(known.word) {
            Some((one, two)) => if two_typos { two } else { one }.clone(),
            None => Vec::new(),
        };
    }
    let index = TypoIndex {
        words: &tables.legal_words,
        deletions2: &tables.legal_deletions2,
        word_keys: &tables.legal_word_keys,
        deletion2_keys: &tables.legal_deletion2_keys,
        max_non_letters: tables.legal_word_max_non_letters,
    };
    index.corrections(word, 0, two_typos)
}

/// The symmetric-deletion indexes of the legal-form words.
struct TypoIndex<'t> {
    words: &'t HashMap<String, Vec<LegalWord>>,
    deletions2: &'t HashMap<String, Vec<LegalWord>>,
    word_keys: &'t KeyFilter,
    deletion2_keys: &'t KeyFilter,
    max_non_letters: usize,
}

/// Bytes of `word` that are not ASCII letters.
fn non_letters(word: &str) -> usize {
    word.bytes().filter(|b| !b.is_ascii_alphabetic()).count()
}

impl TypoIndex<'_> {
    /// See [`correct_legal_word`]; `own_uses`: in how many aliases `word` itself is.
    fn corrections(&self, word: &str, own_uses: u32, two_typos: bool) -> Vec<&'static str> {
        let mut found: Vec<LegalWord> = Vec::new();
        // Legal-form words are short; longer words are not looked at (which also keeps the
        // two-typo search bounded on hostile input).
        if word.len() < 4 || word.len() > 32 || !word.is_ascii() {
            return Vec::new();
        }
        // Each typo brings one character at most that no legal-form word has.
        let typos = if two_typos && word.len() >= 8 { 2 } else { 1 };
        if non_letters(word) > self.max_non_letters + typos {
            return Vec::new();
        }
        let consider = |map: &HashMap<String, Vec<LegalWord>>, key: &str, found: &mut Vec<LegalWord>| {
            for &candidate in map.get(key).into_iter().flatten() {
                if candidate.uses > own_uses && candidate.word != word && !found.contains(&candidate) {
                    found.push(candidate);
                }
            }
        };
        // Symmetric deletion: the word and its deletions (ASCII, checked above) meet the
        // legal-form words and their deletions; one typo needs one deletion on either side at
        // most. Most words are far from every legal-form word: a key whose hash the filter of
        // an index does not hold is not in it, and is neither built nor looked up.
        let hashes = DeletionHashes::new(word);
        let (in_words, in_deletions2) =
            (|hash| self.word_keys.may_contain(hash), |hash| self.deletion2_keys.may_contain(hash));
        // Allocated at the first key built (most words build none).
        let mut key = String::new();
        if in_words(hashes.whole()) {
            consider(self.words, word, &mut found);
        }
        for skip in 0..word.len() {
            if !in_words(hashes.without(skip)) {
                continue;
            }
            key.clear();
            key.push_str(&word[..skip]);
            key.push_str(&word[skip + 1..]);
            consider(self.words, &key, &mut found);
        }
        if found.is_empty() && two_typos && word.len() >= 8 {
            // Two typos (two substitutions need two deletions on each side).
            if in_deletions2(hashes.whole()) {
                consider(self.deletions2, word, &mut found);
            }
            for a in 0..word.len() {
                if in_deletions2(hashes.without(a)) {
                    key.clear();
                    key.push_str(&word[..a]);
                    key.push_str(&word[a + 1..]);
                    consider(self.deletions2, &key, &mut found);
                }
                for b in a + 1..word.len() {
                    let hash = hashes.without_two(a, b);
                    let (words, deletions2) = (in_words(hash), in_deletions2(hash));
                    if !words && !deletions2 {
                        continue;
                    }
                    key.clear();
                    key.push_str(&word[..a]);
                    key.push_str(&word[a + 1..b]);
                    key.push_str(&word[b + 1..]);
                    if words {
                        consider(self.words, &key, &mut found);
                    }
                    if deletions2 {
                        consider(self.deletions2, &key, &mut found);
                    }
                }
            }
        }
        found.sort_by_key(|c| (std::cmp::Reverse(c.uses), c.word.len().abs_diff(word.len()), c.word));
        found.into_iter().map(|c| c.word).collect()
    }
}

/// A Bloom filter of key hashes (two bits per key): "not there" is certain, "there" is
/// checked in the map it filters.
pub(crate) struct KeyFilter {
    bits: Vec<u64>,
    shift: u32,
}

impl KeyFilter {
    /// A filter of `2^log2_bits` bits holding `hashes`.
    fn new(hashes: impl Iterator<Item = u64>, log2_bits: u32) -> KeyFilter {
        let mut filter = KeyFilter { bits: vec![0; 1 << (log2_bits - 6)], shift: 64 - log2_bits };
        for h in hashes {
            for bit in filter.bits_of(h) {
                filter.bits[bit >> 6] |= 1 << (bit & 63);
            }
        }
        filter
    }

    fn bits_of(&self, h: u64) -> [usize; 2] {
        [
            (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize,
            (h.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) >> self.shift) as usize,
        ]
    }

    fn may_contain(&self, h: u64) -> bool {
        self.bits_of(h).iter().all(|&bit| self.bits[bit >> 6] & (1 << (bit & 63)) != 0)
    }
}

/// Polynomial hashes of a word (32 bytes at most) with one or two bytes deleted, each in
/// constant time from prefix hashes; equal to [`key_hash`] of the shortened word.
struct DeletionHashes {
    /// `prefix[i]`: hash of the first `i` bytes.
    prefix: [u64; 33],
    len: usize,
}

const HASH_BASE: u64 = 0x0000_0100_0000_01b3;

/// `POW[k]`: `HASH_BASE^k`.
const POW: [u64; 33] = {
    let mut pow = [1u64; 33];
    let mut k = 1;
    while k < 33 {
        pow[k] = pow[k - 1].wrapping_mul(HASH_BASE);
        k += 1;
    }
    pow
};

/// The hash of a key of the typo indexes (its length mixed in).
fn key_hash(bytes: &[u8]) -> u64 {
    let h = bytes.iter().fold(0u64, |h, &b| h.wrapping_mul(HASH_BASE).wrapping_add(u64::from(b)));
    with_len(h, bytes.len())
}

fn with_len(h: u64, len: usize) -> u64 {
    h ^ (len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl DeletionHashes {
    fn new(word: &str) -> DeletionHashes {
        let bytes = word.as_bytes();
        let len = bytes.len().min(32);
        let mut prefix = [0u64; 33];
        for i in 0..len {
            prefix[i + 1] = prefix[i].wrapping_mul(HASH_BASE).wrapping_add(u64::from(bytes[i]));
        }
        DeletionHashes { prefix, len }
    }

    /// Hash of bytes `from..to`.
    fn range(&self, from: usize, to: usize) -> u64 {
        self.prefix[to].wrapping_sub(self.prefix[from].wrapping_mul(POW[to - from]))
    }

    fn whole(&self) -> u64 {
        with_len(self.prefix[self.len], self.len)
    }

    fn without(&self, i: usize) -> u64 {
        let h =
            self.range(0, i).wrapping_mul(POW[self.len - 1 - i]).wrapping_add(self.range(i + 1, self.len));
        with_len(h, self.len - 1)
    }

    fn without_two(&self, a: usize, b: usize) -> u64 {
        let head = self.range(0, a).wrapping_mul(POW[b - a - 1]).wrapping_add(self.range(a + 1, b));
        let h = head.wrapping_mul(POW[self.len - 1 - b]).wrapping_add(self.range(b + 1, self.len));
        with_len(h, self.len - 2)
    }
}

/// The other form of a common abbreviation of organisation names (`corp` ↔ `corporation`).
pub(crate) fn abbreviation_pair(word: &str) -> Option<&'static str> {
    Some(match word {
        "corp" => "corporation",
        "co" => "company",
        "intl" => "international",
        "inc" => "incorporated",
        "ltd" => "limited",
        "mfg" => "manufacturing",
        "tech" => "technology",
        "grp" => "group",
        "assoc" => "association",
        "natl" => "national",
        "dept" => "department",
        "bros" => "brothers",
        "ind" => "industries",
        "eng" => "engineering",
        "svc" => "services",
        "mgmt" => "management",
        "hldg" => "holding",
        "invest" => "investment",
        "corporation" => "corp",
        "company" => "co",
        "international" => "intl",
        "incorporated" => "inc",
        "limited" => "ltd",
        "manufacturing" => "mfg",
        "technology" => "tech",
        "group" => "grp",
        "association" => "assoc",
        "national" => "natl",
        "department" => "dept",
        "brothers" => "bros",
        "industries" => "ind",
        "engineering" => "eng",
        "services" => "svc",
        "management" => "mgmt",
        "holding" => "hldg",
        "investment" => "invest",
        _ => return None,
    })
}

pub(crate) fn is_attached_article(word: &str) -> bool {
    ATTACHED_ARTICLES.contains(&word)
}

/// The canonical key of a name spelling (`mohammed` → `muhammad`), with compound affixes
/// canonicalised (`abdolrahman` → `abdulrahman`, `rahmatollah` → `rahmatullah`).
pub fn canonical_spelling(word: &str) -> Option<String> {
    let t = tables();
    if let Some(c) = t.may_list(word).then(|| t.variants.get(word)).flatten() {
        return Some((*c).to_owned());
    }
    let mut out = None::<String>;
    for (prefix, canonical) in PREFIX_VARIANTS {
        if word.len() > prefix.len() + 2 && word.starts_with(prefix) {
            let rest = &word[prefix.len()..];
            let rest = t.variants.get(rest).copied().unwrap_or(rest);
            out = Some(format!("{canonical}{rest}"));
            break;
        }
    }
    let base = out.as_deref().unwrap_or(word);
    for (suffix, canonical) in SUFFIX_VARIANTS {
        if base.len() > suffix.len() + 2 && base.ends_with(suffix) {
            let stem = &base[..base.len() - suffix.len()];
            return Some(format!("{stem}{canonical}"));
        }
    }
    out.filter(|o| o != word)
}

/// Whether two words are spellings of two *different* known names (`hassan` / `hussein`,
/// `karimi` / `rahimi` are not, `ahmad` / `mahmud` are): their skeletons or phonetic codes may
/// agree, their canonical keys do not, so a matcher should not take them for respellings.
///
/// ```
/// assert!(embargo_names::distinct_known_names("hassan", "hussein"));
/// assert!(!embargo_names::distinct_known_names("hossein", "husayn"));
/// assert!(!embargo_names::distinct_known_names("hassan", "zakani"));
/// ```
pub fn distinct_known_names(a: &str, b: &str) -> bool {
    match (canonical_spelling(a), canonical_spelling(b)) {
        (Some(x), Some(y)) => x != y,
        _ => false,
    }
}

/// The known spellings of a name (the whole group, canonical key first), if the word is one of
/// them: `yousef` → `[yusuf, yousef, youssef, ...]`.
pub fn spelling_variants(word: &str) -> Option<&'static [&'static str]> {
    let canonical = *tables().variants.get(word)?;
    VARIANT_GROUPS.iter().copied().find(|g| g[0] == canonical)
}

pub(crate) fn patronymic_ending(word: &str) -> bool {
    PATRONYMIC_ENDINGS.iter().any(|e| word.len() >= e.len() + 3 && word.ends_with(e))
}

#[cfg(test)]
mod deletion_hash_tests {
    use super::*;

    #[test]
    fn deletion_hashes_equal_the_hashes_of_the_shortened_words() {
        for word in ["limited", "obshchestvo", "a", "ab", "tovarystvo", "abcdefghijklmnopqrstuvwxyz012345"] {
            let h = DeletionHashes::new(word);
            let b = word.as_bytes();
            assert_eq!(h.whole(), key_hash(b));
            for i in 0..b.len() {
                let one: Vec<u8> = [&b[..i], &b[i + 1..]].concat();
                assert_eq!(h.without(i), key_hash(&one), "{word} without {i}");
                for j in i + 1..b.len() {
                    let two: Vec<u8> = [&b[..i], &b[i + 1..j], &b[j + 1..]].concat();
                    assert_eq!(h.without_two(i, j), key_hash(&two), "{word} without {i}, {j}");
                }
            }
        }
    }
}
