#!/usr/bin/env python3
"""Generate gazetteers/countries.csv from Debian's iso-codes package.

One row per ISO 3166-1 entry (249 in iso-codes 4.15). Names and aliases come from

  * /usr/share/iso-codes/json/iso_3166-1.json  (name, official_name, common_name)
  * /usr/share/locale/<lang>/LC_MESSAGES/iso_3166-1.mo  for es, fr, pt, pt_BR

plus the hand-curated tables further down (everyday forms used in news text,
acronyms, weak aliases, a few corrections of iso-codes translations).

Python 3 standard library only. The output is deterministic: running the
script twice gives byte-identical files. See tools/SOURCES.md.

Usage:
    python3 gazetteers/tools/gen_countries.py            # writes gazetteers/countries.csv
    python3 gazetteers/tools/gen_countries.py --check    # also print the row checks
"""

import argparse
import csv
import gettext
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUTPUT = os.path.join(os.path.dirname(HERE), "countries.csv")
DEFAULT_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
DEFAULT_LOCALE_DIR = "/usr/share/locale"
LANGS = ("es", "fr", "pt", "pt_BR")

COLUMNS = [
    "id", "name", "aliases", "country", "parent", "wikidata",
    "case_sensitive_aliases", "weak_aliases", "topics", "notes", "source",
]

# ---------------------------------------------------------------------------
# Hand-curated data.  Everything below this line up to "End of hand-curated
# data" was written by hand, not taken from iso-codes.  Sources: general
# knowledge of usage in English / Spanish / French / Portuguese news text,
# checked against the cited references where a form is not obvious:
#   DPD  = RAE, Diccionario panhispánico de dudas (2005), list of country
#          names and abbreviations ("EE. UU.", "Méjico", "Catar", ...)
#   FUNDEU = Fundéu RAE recommendations on country names
#   UN   = UN Terminology Database (UNTERM) short / formal names
# ---------------------------------------------------------------------------

# Readable English names where iso-codes has no common_name and its name is an
# inverted or bureaucratic form.  (iso-codes common_name is used automatically
# for BO, IR, KP, KR, LA, MD, SY, TW, TZ, VE, VN.)  The ISO forms stay aliases.
NAME_OVERRIDES = {
    "BN": "Brunei",                            # ISO: Brunei Darussalam
    "CD": "Democratic Republic of the Congo",  # ISO: Congo, The Democratic Republic of the
    "CG": "Republic of the Congo",             # ISO: Congo (ambiguous, see "Congo" below)
    "FK": "Falkland Islands",                  # ISO: Falkland Islands (Malvinas)
    "FM": "Micronesia",                        # ISO: Micronesia, Federated States of
    "PS": "Palestine",                         # ISO: Palestine, State of
    "RU": "Russia",                            # ISO: Russian Federation
    "SX": "Sint Maarten",                      # ISO: Sint Maarten (Dutch part)
    "VA": "Vatican City",                      # ISO: Holy See (Vatican City State)
    "VG": "British Virgin Islands",            # ISO: Virgin Islands, British
    "VI": "U.S. Virgin Islands",               # ISO: Virgin Islands, U.S.
}

# Names that legitimately contain a comma (not an inverted form).
COMMA_NAMES_OK = {"BQ", "SH"}

# Corrections of typos in the iso-codes 4.15 translations (applied to every
# translated string read from the .mo catalogs, not to the English JSON).
FIXES = {
    "Costa de Marfíl": "Costa de Marfil",                        # es typo (DPD: Costa de Marfil)
    "República de Costa de Marfíl": "República de Costa de Marfil",
    "Isla de San Martín (zona holandsea)": "Isla de San Martín (zona holandesa)",
    "Islas Äland": "Islas Åland",                                # es: wrong letter
    "Surinám": "Surinam",                                        # es typo
    "Tunez": "Túnez",                                            # es: missing accent
    "Algeria": "Argelia",                                        # es name left in English
    "Royaume du Bouthan": "Royaume du Bhoutan",                  # fr typo
    "Estados da Eritreia": "Estado da Eritreia",                 # pt: wrong plural
    "Estado da Eritrea": "Estado da Eritreia",                   # pt_BR typo
}

# Translations that are wrong for the entry they belong to: dropped.
DROP = {
    # pt_BR official name of Afghanistan is given as "Islamic Republic of Pakistan".
    ("AF", "República Islâmica do Paquistão"),
}

# Comma forms that the generic inversion rule leaves alone but that have a
# natural turned-around form.
INVERSION_OVERRIDES = {
    "Syrienne, République arabe": "République arabe syrienne",
    "Lao, République démocratique populaire": "République démocratique populaire lao",
    "Malouines, Îles (Falkland)": "Îles Malouines",
    "Virgin Islands, U.S.": "U.S. Virgin Islands",
    "Islas Vírgenes, de EEUU": "Islas Vírgenes de EE. UU.",
}

# Per-country additions.
#   aliases: ordinary aliases (matched case- and accent-insensitively)
#   cs:      case-sensitive aliases (all-capital acronyms)
#   weak:    weak aliases: also a common word or a person's / place's name in
#            English, Spanish, French or Portuguese.  A weak alias that equals
#            the row's name marks the name itself as weak.
#   note:    text for the notes column
# Adjectives ("American", "mexicain") and regions ("Latin America",
# "North America", "Europe") are never added.
HAND = {
    "AE": {"cs": ["UAE", "EAU"]},  # EAU: es Emiratos Árabes Unidos / fr Émirats arabes unis / pt EAU
    "AI": {"weak": ["Anguila"]},  # es name is also the word for "eel"
    "AR": {"aliases": ["Argentina"],
           # fr name of Argentina, but also the English adjective ("Argentine police")
           "weak": ["Argentine"]},
    "BA": {"aliases": ["Bosnia", "Bosnia-Herzegovina"], "cs": ["BiH"]},
    "BL": {"aliases": ["St. Barts", "St. Barths", "Saint Barts"]},
    "BM": {"weak": ["Bermudas"]},  # es/pt "bermudas" = knee-length shorts (clothing descriptions)
    "BO": {"aliases": ["Bolivia", "Estado Plurinacional de Bolivia"]},
    "BQ": {"aliases": ["Caribbean Netherlands", "Caribe Neerlandés", "BES islands"]},
    "BR": {"aliases": ["Brasil", "Brésil"]},
    "BS": {"aliases": ["The Bahamas"]},
    "BZ": {"aliases": ["Belice"]},
    "CA": {"aliases": ["Canadá"]},
    "CC": {"aliases": ["Cocos Islands", "Keeling Islands"]},
    # The two Congos: "Congo" alone is weak on both (decision, see SOURCES.md);
    # "Congo-Kinshasa" / "Congo-Brazzaville" are the usual disambiguating forms.
    "CD": {"aliases": ["DR Congo", "RD Congo", "RD del Congo", "Congo-Kinshasa",
                       "République démocratique du Congo",
                       "República Democrática do Congo"],
           "cs": ["DRC", "RDC"],
           "weak": ["Congo"],
           "note": "'Congo' is a weak alias of both country:cd and country:cg"},
    "CG": {"aliases": ["Republic of Congo", "Congo-Brazzaville", "República del Congo",
                       "République du Congo"],
           "weak": ["Congo"],
           "note": "'Congo' is a weak alias of both country:cd and country:cg"},
    "CH": {"aliases": ["Suiza", "Suisse", "Suíça"]},
    "CI": {"aliases": ["Ivory Coast", "Costa de Marfil", "Costa do Marfim"]},
    "CL": {"aliases": ["Chile"],
           "weak": ["Chili"]},  # fr name of Chile, but English "chili" (pepper)
    "CM": {"weak": ["Camarões"]},  # pt name; also "shrimps"
    "CN": {"aliases": ["Mainland China",  # news usage for the PRC as opposed to HK/MO/TW
                       "República Popular de China", "Chine"],
           "cs": ["PRC"]},
    "CO": {"aliases": ["Colombie", "Colômbia"]},
    "CR": {"aliases": ["Costa Rica"]},
    "CU": {"aliases": ["Cuba"]},
    "CV": {"aliases": ["Cape Verde", "Cap-Vert"]},  # UN short name changed to Cabo Verde in 2013
    "CZ": {"aliases": ["Czech Republic", "República Checa", "Chequia", "Tchéquie",
                       "République tchèque", "Tchéquia", "República Tcheca"]},
    "DE": {"aliases": ["Alemania", "Allemagne", "Alemanha"]},
    "DM": {"weak": ["Dominique"]},  # fr name, also a common French first name
    "DO": {"aliases": ["República Dominicana", "République dominicaine"]},
    "EC": {"aliases": ["Équateur", "Equador"]},
    "ES": {"aliases": ["España", "Espagne", "Espanha"]},
    "FK": {"aliases": ["Falklands", "Malvinas", "Islas Malvinas", "Ilhas Malvinas"]},
    "FR": {"aliases": ["Francia", "França"]},
    # "Great Britain" is strictly the island; in news it means the UK.
    "GB": {"aliases": ["U.K.", "Britain", "Great Britain", "Reino Unido", "Royaume-Uni",
                       "Gran Bretaña", "Grande-Bretagne", "Grã-Bretanha"],
           "cs": ["UK"]},
    "GD": {"weak": ["Granada", "Grenade"]},  # es/pt: a Spanish and a Nicaraguan city, and "grenade" (es/pt/fr/en)
    "GE": {"weak": ["Georgia", "Géorgie", "Geórgia"],  # also the U.S. state
           "note": "name is weak: 'Georgia' is also a U.S. state"},
    "GH": {"weak": ["Gana"]},  # pt name; es "gana" (verb ganar) is very common
    "GM": {"aliases": ["The Gambia"]},
    "GP": {"weak": ["Guadalupe"]},  # es/pt name; common first name and Mexican place name
    "GT": {"aliases": ["Guatemala"]},
    "HN": {"aliases": ["Honduras"]},
    "HT": {"aliases": ["Haití", "Haïti"]},
    "IN": {"aliases": ["Inde", "Índia"]},
    "IR": {"aliases": ["Irán", "Irão"],
           # pt_BR name; folds to "ira" (es/pt "anger") and "IRA" (Irish Republican Army)
           "weak": ["Irã"]},
    "IT": {"aliases": ["Italia", "Italie", "Itália"]},
    "JE": {"aliases": ["Bailiwick of Jersey"],
           "weak": ["Jersey"],
           "note": "name is weak: 'Jersey' occurs in 'New Jersey' and is a garment"},
    "JM": {"aliases": ["Jamaïque"]},
    "JO": {"weak": ["Jordan"],
           "note": "name is weak: 'Jordan' is also a first name and a surname"},
    "JP": {"aliases": ["Japón", "Japon", "Japão"]},
    "KP": {"aliases": ["North Korea", "Corea del Norte", "Corée du Nord", "Coreia do Norte"],
           "cs": ["DPRK", "RPDC"]},  # RPDC: es/fr/pt abbreviation
    "KR": {"aliases": ["South Korea", "Corea del Sur", "Corée du Sud", "Coreia do Sul",
                       "Republic of Korea"],
           "cs": ["ROK"]},
    "KN": {"aliases": ["St. Kitts and Nevis"]},
    "LA": {"aliases": ["Laos", "Lao PDR",  # "Lao PDR": short form used by the UN and World Bank
                       "República Democrática Popular Lao"]},
    "LC": {"aliases": ["St. Lucia"]},
    "MD": {"aliases": ["Moldavia", "Moldavie", "Moldávia"]},
    "MK": {"aliases": ["Republic of Macedonia", "Former Yugoslav Republic of Macedonia"],
           "cs": ["FYROM"],
           "weak": ["Macedonia", "Macédoine"]},  # former short name; also the Greek region
    "MM": {"aliases": ["Burma", "Birmania", "Birmanie", "Birmânia", "Mianmar"]},
    "MO": {"aliases": ["Macau"]},
    "MS": {"weak": ["Montserrat", "Monserrate"],
           "note": "name is weak: 'Montserrat' is also a first name and a Catalan mountain"},
    "MU": {"aliases": ["Île Maurice", "Isla Mauricio"],
           "weak": ["Maurice", "Mauricio"]},  # fr / es / pt_BR names, all common first names
    "MX": {"aliases": ["México", "Mexique", "Méjico"]},  # Méjico: DPD, accepted variant
    "NI": {"aliases": ["Nicaragua"]},
    "NL": {"aliases": ["Holland", "Holanda", "Hollande", "Países Bajos", "Pays-Bas",
                       "Países Baixos"]},
    "PA": {"aliases": ["Panamá"]},
    "PE": {"aliases": ["Perú", "Pérou"]},
    "PS": {"aliases": ["State of Palestine", "Palestina", "État de Palestine",
                       "Estado de Palestina", "Occupied Palestinian Territory"]},  # the last was the ISO name until 2013
    "PT": {"aliases": ["Portugal"]},
    "PY": {"aliases": ["Paraguai"]},
    "QA": {"weak": ["Catar"]},  # es/pt name (DPD); also the verb "to taste" (es) / "to pick" (pt)
    "RE": {"aliases": ["Réunion Island", "Isla de la Reunión"],
           "weak": ["Réunion", "La Réunion", "Reunião"],
           "note": "name is weak: es 'reunión', fr 'réunion', pt 'reunião' mean 'meeting'"},
    "RU": {"aliases": ["Rusia", "Russie", "Rússia", "Federación de Rusia"]},
    "SV": {"weak": ["Salvador"]},  # fr name; also a first name and the Brazilian city
    "SX": {"aliases": ["Sint Maarten"]},
    "SY": {"aliases": ["Siria", "Syrie", "Síria"]},
    "SZ": {"aliases": ["Swaziland", "Suazilandia", "Esuatíni"]},  # Swaziland: name until 2018
    "TD": {"weak": ["Chad"],
           "note": "name is weak: 'Chad' is also a first name"},
    "TL": {"aliases": ["East Timor"]},
    "TR": {"aliases": ["Turquía", "Turquie", "Turquia", "Republic of Turkey",
                       "República de Turquía", "République de Turquie"],
           "weak": ["Turkey"]},  # also the bird; ISO/UN name since 2022 is Türkiye
    "TT": {"aliases": ["Trinidad y Tobago", "Trinidad e Tobago", "Trinidad & Tobago"]},
    "TW": {"aliases": ["Taiwán", "Taïwan"]},
    "TZ": {"aliases": ["Tanzania", "Tanzanie", "Tanzânia"]},
    "US": {"aliases": ["United States of America", "U.S.", "U.S.A.", "Estados Unidos",
                       "EE.UU.", "EE. UU.", "E.U.A.", "États-Unis", "Etats-Unis",
                       "Estados Unidos da América", "Estados Unidos de Norteamérica"],
           "cs": ["US", "USA", "EEUU", "EUA"],  # EE. UU.: DPD; EUA: pt
           "weak": ["America"]},
    "UY": {"aliases": ["Uruguai"]},
    "VA": {"aliases": ["Vatican", "Vatican City State", "Holy See", "Vaticano",
                       "Ciudad del Vaticano", "Cité du Vatican", "Cidade do Vaticano",
                       "Santa Sede", "Saint-Siège", "Santa Sé"]},
    "VE": {"aliases": ["Venezuela"]},
    "VG": {"cs": ["BVI"]},
    "VI": {"aliases": ["US Virgin Islands"], "cs": ["USVI"]},
    "VN": {"aliases": ["Vietnam", "Viet Nam"]},
}

# Weak aliases that two rows may share on purpose (documented in notes).
SHARED_WEAK_OK = {"congo"}

# ------------------------------ End of hand-curated data -------------------

# Words after the comma in an inverted ISO form ("Korea, Republic of") that
# mean "put the part after the comma first".
_TRAILING_PREPOSITIONS = {"of", "the", "de", "du", "da", "do", "del", "des", "dos", "das", "la"}
_LEADING_NOUNS = {"Islas", "Isla", "Îles", "Île", "Ilhas", "Ilha"}


def clean(s):
    """Normalise apostrophes and white space; keep accents as written."""
    s = unicodedata.normalize("NFC", s).replace("\u2019", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def fold(s):
    """Case- and accent-insensitive key."""
    s = unicodedata.normalize("NFKD", s.replace("\u2019", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s.casefold()).strip()


def strip_article(s):
    """'the State of Eritrea' -> 'State of Eritrea'; "l'État de Palestine" -> 'État de Palestine'."""
    for art in ("the ", "The ", "l'"):
        if s.startswith(art) and len(s) > len(art):
            rest = s[len(art):]
            return rest[0].upper() + rest[1:]
    return s


def invert(s):
    """Turn an inverted ISO form around: 'Corée, République de' -> 'République de Corée'.

    Returns None for comma forms that are not inversions ('Bonaire, Sint
    Eustatius and Saba', 'Taiwan, Province of China', 'Virgin Islands, British').
    """
    if s in INVERSION_OVERRIDES:
        return INVERSION_OVERRIDES[s]
    if s.count(",") != 1:
        return None
    head, tail = (p.strip() for p in s.split(","))
    if not head or not tail or "(" in tail:
        return None
    if tail.endswith("'"):
        out = tail + head
    elif tail.split()[-1].lower() in _TRAILING_PREPOSITIONS or tail in _LEADING_NOUNS:
        out = tail + " " + head
    else:
        return None
    out = strip_article(out)
    return out[0].upper() + out[1:]


def iso_codes_version():
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    return out


def load_catalogs(locale_dir):
    cats = {}
    for lang in LANGS:
        path = os.path.join(locale_dir, lang, "LC_MESSAGES", "iso_3166-1.mo")
        with open(path, "rb") as f:
            cats[lang] = gettext.GNUTranslations(f)
    return cats


def translate(cat, msgid):
    s = cat.gettext(msgid)
    return s if s and s != msgid else None


def build_rows(entries, cats, version):
    source_base = "Debian iso-codes %s (iso_3166-1)" % version
    rows = []
    for e in entries:
        a2 = e["alpha_2"]
        hand = HAND.get(a2, {})
        msgids = [e[k] for k in ("common_name", "name", "official_name") if k in e]

        def expand(s, translated=False):
            s = clean(s)
            if translated:
                s = FIXES.get(s, s)
            if (a2, s) in DROP:
                return []
            out = [strip_article(s)]
            inv = invert(s)
            if inv:
                out.append(clean(inv))
            return out

        iso = []
        for m in msgids:
            iso += expand(m)
        for lang in LANGS:
            for m in msgids:
                t = translate(cats[lang], m)
                if t:
                    iso += expand(t, translated=True)

        if a2 in NAME_OVERRIDES:
            name = NAME_OVERRIDES[a2]
        else:
            name = clean(e.get("common_name") or e["name"])
        if "," in name and a2 not in COMMA_NAMES_OK:
            raise SystemExit("unreadable name for %s: %r" % (a2, name))

        hand_aliases = [clean(x) for x in hand.get("aliases", [])]
        hand_cs = [clean(x) for x in hand.get("cs", [])]
        hand_weak = [clean(x) for x in hand.get("weak", [])]

        name_key = fold(name)
        weak_keys = {fold(x) for x in hand_weak}
        cs_keys = {fold(x) for x in hand_cs}  # a cs acronym is never also an ordinary alias

        aliases, cs, weak = [], [], []
        seen = {name_key}
        hand_used = a2 in NAME_OVERRIDES
        for s, from_hand in [(x, False) for x in iso] + [(x, True) for x in hand_aliases]:
            k = fold(s)
            if k in seen or k in weak_keys or k in cs_keys:
                continue
            seen.add(k)
            if re.fullmatch(r"[A-Z]{2,}", s):  # all-capital acronym from iso-codes
                cs.append(s)
            else:
                aliases.append(s)
            hand_used |= from_hand
        for s in hand_cs:
            if s not in cs:
                cs.append(s)
                hand_used = True
        for s in hand_weak:
            k = fold(s)
            if k in {fold(x) for x in weak}:
                continue
            weak.append(s)
            hand_used = True

        notes = hand.get("note", "")
        rows.append({
            "id": "country:" + a2.lower(),
            "name": name,
            "aliases": "|".join(aliases),
            "country": a2,
            "parent": "",
            "wikidata": "",
            "case_sensitive_aliases": "|".join(cs),
            "weak_aliases": "|".join(weak),
            "topics": "",
            "notes": notes,
            "source": source_base + ("; hand-curated aliases" if hand_used else ""),
        })
    rows.sort(key=lambda r: r["id"])
    return rows


def check(rows):
    """Return a list of problems (empty if the rows are fine)."""
    problems = []
    ids = [r["id"] for r in rows]
    if len(set(ids)) != len(ids):
        problems.append("duplicate ids")
    owners = {}
    for r in rows:
        if not r["name"] or not r["source"]:
            problems.append("%s: empty name or source" % r["id"])
        items = []
        for col in ("aliases", "case_sensitive_aliases", "weak_aliases"):
            if r[col] == "":
                continue
            for x in r[col].split("|"):
                if x.strip() != x or not x:
                    problems.append("%s: empty or padded item in %s" % (r["id"], col))
                items.append((col, x))
        keys = [fold(x) for _, x in items]
        name_key = fold(r["name"])
        for (col, x), k in zip(items, keys):
            if keys.count(k) > 1:
                problems.append("%s: %r repeated within the row" % (r["id"], x))
            if k == name_key and col != "weak_aliases":
                problems.append("%s: alias %r repeats the name" % (r["id"], x))
        for col, x in [("name", r["name"])] + items:
            owners.setdefault(fold(x), []).append((r["id"], col, x))
    for k, who in sorted(owners.items()):
        ids_ = sorted({w[0] for w in who})
        if len(ids_) < 2:
            continue
        all_weak = all(w[1] == "weak_aliases" for w in who)
        if all_weak and k in SHARED_WEAK_OK:
            continue
        problems.append("alias shared by %s: %s" % (", ".join(ids_), who))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", default=DEFAULT_JSON, help="iso_3166-1.json (default: %(default)s)")
    ap.add_argument("--locale-dir", default=DEFAULT_LOCALE_DIR, help="default: %(default)s")
    ap.add_argument("--iso-codes-version", default=None,
                    help="version string for the source column (default: from dpkg-query)")
    ap.add_argument("--output", default=DEFAULT_OUTPUT, help="default: %(default)s")
    ap.add_argument("--check", action="store_true", help="print a summary of the checks")
    args = ap.parse_args()

    version = args.iso_codes_version or iso_codes_version()
    if not version:
        raise SystemExit("cannot find the iso-codes version; pass --iso-codes-version")
    with open(args.json, encoding="utf-8") as f:
        entries = json.load(f)["3166-1"]
    cats = load_catalogs(args.locale_dir)
    rows = build_rows(entries, cats, version)

    problems = check(rows)
    if problems:
        for p in problems:
            print("error: " + p, file=sys.stderr)
        raise SystemExit(1)

    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, args.output)

    if args.check:
        n_alias = sum(len(r["aliases"].split("|")) for r in rows if r["aliases"])
        print("%d rows, %d aliases, %d case-sensitive, %d weak; checks passed" % (
            len(rows), n_alias,
            sum(len(r["case_sensitive_aliases"].split("|")) for r in rows if r["case_sensitive_aliases"]),
            sum(len(r["weak_aliases"].split("|")) for r in rows if r["weak_aliases"])))
        for r in rows:
            if any(fold(x) == fold(r["name"]) for x in r["weak_aliases"].split("|") if x):
                print("name is also a weak alias: %s %s" % (r["id"], r["name"]))


if __name__ == "__main__":
    main()
