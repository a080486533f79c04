"""Writes faker-names.tsv from the person providers of Python Faker (MIT licence).

Usage (Faker 40.63.0 was used):
    pip download --no-deps -d /tmp/faker faker==40.63.0
    cd /tmp/faker && unzip -q faker-40.63.0-py3-none-any.whl
    PYTHONPATH=/tmp/faker python3 extract_faker.py > faker-names.tsv

Columns: culture, locale, part, name, latin. `part` is given_m / given_f / given / family_m /
family_f / family / middle_m / middle_f / company_suffix / company_prefix; `latin` is Faker's own romanisation where it gives one
(Japanese name pairs), empty otherwise. Chinese romanised names are Faker's separate
`*_romanized_names` lists, written as their own culture (`chinese_latin`).
"""

import importlib

# culture -> Faker locales (the harness reports alert rates per culture).
CULTURES = [
    ("english", ["en_US", "en_GB"]),
    ("spanish", ["es_ES", "es_MX"]),
    ("german", ["de_DE"]),
    ("french", ["fr_FR"]),
    ("italian", ["it_IT"]),
    ("polish", ["pl_PL"]),
    ("turkish", ["tr_TR"]),
    ("azerbaijani", ["az_AZ"]),
    ("indian", ["en_IN"]),
    ("indian_devanagari", ["hi_IN"]),
    ("nigerian", ["yo_NG"]),
    ("pakistani", ["en_PK"]),
    ("algerian", ["fr_DZ"]),
    ("arabic", ["ar_AA"]),
    ("persian", ["fa_IR"]),
    ("russian", ["ru_RU"]),
    ("ukrainian", ["uk_UA"]),
    ("chinese", ["zh_CN"]),
    ("korean", ["ko_KR"]),
    ("japanese", ["ja_JP"]),
    ("hebrew", ["he_IL"]),
    ("greek", ["el_GR"]),
    ("georgian", ["ka_GE"]),
]

PARTS = {
    "first_names_male": "given_m",
    "first_names_female": "given_f",
    "last_names_male": "family_m",
    "last_names_female": "family_f",
    "middle_names_male": "middle_m",
    "middle_names_female": "middle_f",
}


def names(value):
    if isinstance(value, dict):
        return list(value.keys())
    return list(value)


def company_words(culture, locale):
    """Faker's legal-form words of companies (`company_suffixes`, `company_prefixes`)."""
    try:
        c = importlib.import_module(f"faker.providers.company.{locale}").Provider
    except ModuleNotFoundError:
        return
    for attr, part in (("company_suffixes", "company_suffix"), ("company_prefixes", "company_prefix")):
        for n in names(getattr(c, attr, ()) or ()):
            yield culture, locale, part, n, ""


def rows():
    for culture, locales in CULTURES:
        for locale in locales:
            p = importlib.import_module(f"faker.providers.person.{locale}").Provider
            has = lambda a: isinstance(getattr(p, a, None), (tuple, list, dict)) and len(getattr(p, a)) > 0
            if locale == "ja_JP":
                for kanji, _kana, latin in p.first_name_male_pairs:
                    yield culture, locale, "given_m", kanji, latin
                for kanji, _kana, latin in p.first_name_female_pairs:
                    yield culture, locale, "given_f", kanji, latin
                for kanji, _kana, latin in p.last_name_pairs:
                    yield culture, locale, "family", kanji, latin
                yield from company_words(culture, locale)
                continue
            gendered_given = has("first_names_male") and has("first_names_female")
            for attr, part in PARTS.items():
                if has(attr) and (part.startswith("given") and gendered_given or not part.startswith("given")):
                    for n in names(getattr(p, attr)):
                        yield culture, locale, part, n, ""
            if not gendered_given and has("first_names"):
                for n in names(p.first_names):
                    yield culture, locale, "given", n, ""
            if not (has("last_names_male") and has("last_names_female")):
                last = "last_names" if has("last_names") and len(p.last_names) > 5 else "unisex_last_names"
                for n in names(getattr(p, last)):
                    yield culture, locale, "family", n, ""
            yield from company_words(culture, locale)
            if locale == "zh_CN":
                for n in names(p.first_romanized_names):
                    yield "chinese_latin", locale, "given", n, ""
                for n in names(p.last_romanized_names):
                    yield "chinese_latin", locale, "family", n, ""


# At most this many names of one part of one culture (Faker's weighted lists come most
# frequent first), to keep the file small.
CAP = 1000

seen = set()
per_part = {}
print("culture\tlocale\tpart\tname\tlatin")
for row in rows():
    row = tuple(str(x).strip() for x in row)
    key = (row[0], row[2])
    if not row[3] or row in seen or "\t" in "".join(row) or per_part.get(key, 0) >= CAP:
        continue
    seen.add(row)
    per_part[key] = per_part.get(key, 0) + 1
    print("\t".join(row))
