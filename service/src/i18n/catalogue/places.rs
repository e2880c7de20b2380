//! The catalogue's words for places and communities: countries (ISO 3166-1 alpha-2 codes, in
//! English and Spanish as the Unicode CLDR names them), migration corridors (the corridors of
//! the project's networks by name; any other id spelled out), a community's name from what
//! characterises it and its share in words, and lists with a final "and"/"y". Ids stay in
//! URLs, files and the API's id fields; everything a person reads goes through here.

use super::super::Lang;
use puentes_analysis::gaps::{CommunityTheme, Dominant, Place};
use std::borrow::Cow;

/// `(code, English, Spanish)` for every assigned ISO 3166-1 alpha-2 code, sorted by code
/// (the codes of `puentes_analysis::model::rules::COUNTRY_CODES`; names from the Unicode
/// CLDR).
const COUNTRIES: [(&str, &str, &str); 249] = [
    ("AD", "Andorra", "Andorra"),
    ("AE", "United Arab Emirates", "Emiratos Árabes Unidos"),
    ("AF", "Afghanistan", "Afganistán"),
    ("AG", "Antigua & Barbuda", "Antigua y Barbuda"),
    ("AI", "Anguilla", "Anguila"),
    ("AL", "Albania", "Albania"),
    ("AM", "Armenia", "Armenia"),
    ("AO", "Angola", "Angola"),
    ("AQ", "Antarctica", "Antártida"),
    ("AR", "Argentina", "Argentina"),
    ("AS", "American Samoa", "Samoa Americana"),
    ("AT", "Austria", "Austria"),
    ("AU", "Australia", "Australia"),
    ("AW", "Aruba", "Aruba"),
    ("AX", "Åland Islands", "Islas Aland"),
    ("AZ", "Azerbaijan", "Azerbaiyán"),
    ("BA", "Bosnia & Herzegovina", "Bosnia y Herzegovina"),
    ("BB", "Barbados", "Barbados"),
    ("BD", "Bangladesh", "Bangladés"),
    ("BE", "Belgium", "Bélgica"),
    ("BF", "Burkina Faso", "Burkina Faso"),
    ("BG", "Bulgaria", "Bulgaria"),
    ("BH", "Bahrain", "Baréin"),
    ("BI", "Burundi", "Burundi"),
    ("BJ", "Benin", "Benín"),
    ("BL", "St. Barthélemy", "San Bartolomé"),
    ("BM", "Bermuda", "Bermudas"),
    ("BN", "Brunei", "Brunéi"),
    ("BO", "Bolivia", "Bolivia"),
    ("BQ", "Caribbean Netherlands", "Caribe neerlandés"),
    ("BR", "Brazil", "Brasil"),
    ("BS", "Bahamas", "Bahamas"),
    ("BT", "Bhutan", "Bután"),
    ("BV", "Bouvet Island", "Isla Bouvet"),
    ("BW", "Botswana", "Botsuana"),
    ("BY", "Belarus", "Bielorrusia"),
    ("BZ", "Belize", "Belice"),
    ("CA", "Canada", "Canadá"),
    ("CC", "Cocos (Keeling) Islands", "Islas Cocos"),
    ("CD", "Congo - Kinshasa", "República Democrática del Congo"),
    ("CF", "Central African Republic", "República Centroafricana"),
    ("CG", "Congo - Brazzaville", "Congo"),
    ("CH", "Switzerland", "Suiza"),
    ("CI", "Côte d’Ivoire", "Côte d’Ivoire"),
    ("CK", "Cook Islands", "Islas Cook"),
    ("CL", "Chile", "Chile"),
    ("CM", "Cameroon", "Camerún"),
    ("CN", "China", "China"),
    ("CO", "Colombia", "Colombia"),
    ("CR", "Costa Rica", "Costa Rica"),
    ("CU", "Cuba", "Cuba"),
    ("CV", "Cape Verde", "Cabo Verde"),
    ("CW", "Curaçao", "Curazao"),
    ("CX", "Christmas Island", "Isla de Navidad"),
    ("CY", "Cyprus", "Chipre"),
    ("CZ", "Czechia", "Chequia"),
    ("DE", "Germany", "Alemania"),
    ("DJ", "Djibouti", "Yibuti"),
    ("DK", "Denmark", "Dinamarca"),
    ("DM", "Dominica", "Dominica"),
    ("DO", "Dominican Republic", "República Dominicana"),
    ("DZ", "Algeria", "Argelia"),
    ("EC", "Ecuador", "Ecuador"),
    ("EE", "Estonia", "Estonia"),
    ("EG", "Egypt", "Egipto"),
    ("EH", "Western Sahara", "Sáhara Occidental"),
    ("ER", "Eritrea", "Eritrea"),
    ("ES", "Spain", "España"),
    ("ET", "Ethiopia", "Etiopía"),
    ("FI", "Finland", "Finlandia"),
    ("FJ", "Fiji", "Fiyi"),
    ("FK", "Falkland Islands", "Islas Malvinas"),
    ("FM", "Micronesia", "Micronesia"),
    ("FO", "Faroe Islands", "Islas Feroe"),
    ("FR", "France", "Francia"),
    ("GA", "Gabon", "Gabón"),
    ("GB", "United Kingdom", "Reino Unido"),
    ("GD", "Grenada", "Granada"),
    ("GE", "Georgia", "Georgia"),
    ("GF", "French Guiana", "Guayana Francesa"),
    ("GG", "Guernsey", "Guernesey"),
    ("GH", "Ghana", "Ghana"),
    ("GI", "Gibraltar", "Gibraltar"),
    ("GL", "Greenland", "Groenlandia"),
    ("GM", "Gambia", "Gambia"),
    ("GN", "Guinea", "Guinea"),
    ("GP", "Guadeloupe", "Guadalupe"),
    ("GQ", "Equatorial Guinea", "Guinea Ecuatorial"),
    ("GR", "Greece", "Grecia"),
    (
        "GS",
        "South Georgia & South Sandwich Islands",
        "Islas Georgia del Sur y Sandwich del Sur",
    ),
    ("GT", "Guatemala", "Guatemala"),
    ("GU", "Guam", "Guam"),
    ("GW", "Guinea-Bissau", "Guinea-Bisáu"),
    ("GY", "Guyana", "Guyana"),
    ("HK", "Hong Kong SAR China", "RAE de Hong Kong (China)"),
    (
        "HM",
        "Heard Island & McDonald Islands",
        "Islas Heard y McDonald",
    ),
    ("HN", "Honduras", "Honduras"),
    ("HR", "Croatia", "Croacia"),
    ("HT", "Haiti", "Haití"),
    ("HU", "Hungary", "Hungría"),
    ("ID", "Indonesia", "Indonesia"),
    ("IE", "Ireland", "Irlanda"),
    ("IL", "Israel", "Israel"),
    ("IM", "Isle of Man", "Isla de Man"),
    ("IN", "India", "India"),
    (
        "IO",
        "British Indian Ocean Territory",
        "Territorio Británico del Océano Índico",
    ),
    ("IQ", "Iraq", "Irak"),
    ("IR", "Iran", "Irán"),
    ("IS", "Iceland", "Islandia"),
    ("IT", "Italy", "Italia"),
    ("JE", "Jersey", "Jersey"),
    ("JM", "Jamaica", "Jamaica"),
    ("JO", "Jordan", "Jordania"),
    ("JP", "Japan", "Japón"),
    ("KE", "Kenya", "Kenia"),
    ("KG", "Kyrgyzstan", "Kirguistán"),
    ("KH", "Cambodia", "Camboya"),
    ("KI", "Kiribati", "Kiribati"),
    ("KM", "Comoros", "Comoras"),
    ("KN", "St. Kitts & Nevis", "San Cristóbal y Nieves"),
    ("KP", "North Korea", "Corea del Norte"),
    ("KR", "South Korea", "Corea del Sur"),
    ("KW", "Kuwait", "Kuwait"),
    ("KY", "Cayman Islands", "Islas Caimán"),
    ("KZ", "Kazakhstan", "Kazajistán"),
    ("LA", "Laos", "Laos"),
    ("LB", "Lebanon", "Líbano"),
    ("LC", "St. Lucia", "Santa Lucía"),
    ("LI", "Liechtenstein", "Liechtenstein"),
    ("LK", "Sri Lanka", "Sri Lanka"),
    ("LR", "Liberia", "Liberia"),
    ("LS", "Lesotho", "Lesoto"),
    ("LT", "Lithuania", "Lituania"),
    ("LU", "Luxembourg", "Luxemburgo"),
    ("LV", "Latvia", "Letonia"),
    ("LY", "Libya", "Libia"),
    ("MA", "Morocco", "Marruecos"),
    ("MC", "Monaco", "Mónaco"),
    ("MD", "Moldova", "Moldavia"),
    ("ME", "Montenegro", "Montenegro"),
    ("MF", "St. Martin", "San Martín"),
    ("MG", "Madagascar", "Madagascar"),
    ("MH", "Marshall Islands", "Islas Marshall"),
    ("MK", "North Macedonia", "Macedonia del Norte"),
    ("ML", "Mali", "Mali"),
    ("MM", "Myanmar (Burma)", "Myanmar (Birmania)"),
    ("MN", "Mongolia", "Mongolia"),
    ("MO", "Macao SAR China", "RAE de Macao (China)"),
    ("MP", "Northern Mariana Islands", "Islas Marianas del Norte"),
    ("MQ", "Martinique", "Martinica"),
    ("MR", "Mauritania", "Mauritania"),
    ("MS", "Montserrat", "Montserrat"),
    ("MT", "Malta", "Malta"),
    ("MU", "Mauritius", "Mauricio"),
    ("MV", "Maldives", "Maldivas"),
    ("MW", "Malawi", "Malaui"),
    ("MX", "Mexico", "México"),
    ("MY", "Malaysia", "Malasia"),
    ("MZ", "Mozambique", "Mozambique"),
    ("NA", "Namibia", "Namibia"),
    ("NC", "New Caledonia", "Nueva Caledonia"),
    ("NE", "Niger", "Níger"),
    ("NF", "Norfolk Island", "Isla Norfolk"),
    ("NG", "Nigeria", "Nigeria"),
    ("NI", "Nicaragua", "Nicaragua"),
    ("NL", "Netherlands", "Países Bajos"),
    ("NO", "Norway", "Noruega"),
    ("NP", "Nepal", "Nepal"),
    ("NR", "Nauru", "Nauru"),
    ("NU", "Niue", "Niue"),
    ("NZ", "New Zealand", "Nueva Zelanda"),
    ("OM", "Oman", "Omán"),
    ("PA", "Panama", "Panamá"),
    ("PE", "Peru", "Perú"),
    ("PF", "French Polynesia", "Polinesia Francesa"),
    ("PG", "Papua New Guinea", "Papúa Nueva Guinea"),
    ("PH", "Philippines", "Filipinas"),
    ("PK", "Pakistan", "Pakistán"),
    ("PL", "Poland", "Polonia"),
    ("PM", "St. Pierre & Miquelon", "San Pedro y Miquelón"),
    ("PN", "Pitcairn Islands", "Islas Pitcairn"),
    ("PR", "Puerto Rico", "Puerto Rico"),
    ("PS", "Palestinian Territories", "Territorios Palestinos"),
    ("PT", "Portugal", "Portugal"),
    ("PW", "Palau", "Palaos"),
    ("PY", "Paraguay", "Paraguay"),
    ("QA", "Qatar", "Catar"),
    ("RE", "Réunion", "Reunión"),
    ("RO", "Romania", "Rumanía"),
    ("RS", "Serbia", "Serbia"),
    ("RU", "Russia", "Rusia"),
    ("RW", "Rwanda", "Ruanda"),
    ("SA", "Saudi Arabia", "Arabia Saudí"),
    ("SB", "Solomon Islands", "Islas Salomón"),
    ("SC", "Seychelles", "Seychelles"),
    ("SD", "Sudan", "Sudán"),
    ("SE", "Sweden", "Suecia"),
    ("SG", "Singapore", "Singapur"),
    (
        "SH",
        "St. Helena, Ascension & Tristan da Cunha",
        "Santa Elena",
    ),
    ("SI", "Slovenia", "Eslovenia"),
    ("SJ", "Svalbard & Jan Mayen", "Svalbard y Jan Mayen"),
    ("SK", "Slovakia", "Eslovaquia"),
    ("SL", "Sierra Leone", "Sierra Leona"),
    ("SM", "San Marino", "San Marino"),
    ("SN", "Senegal", "Senegal"),
    ("SO", "Somalia", "Somalia"),
    ("SR", "Suriname", "Surinam"),
    ("SS", "South Sudan", "Sudán del Sur"),
    ("ST", "São Tomé & Príncipe", "Santo Tomé y Príncipe"),
    ("SV", "El Salvador", "El Salvador"),
    ("SX", "Sint Maarten", "Sint Maarten"),
    ("SY", "Syria", "Siria"),
    ("SZ", "Eswatini", "Esuatini"),
    ("TC", "Turks & Caicos Islands", "Islas Turcas y Caicos"),
    ("TD", "Chad", "Chad"),
    (
        "TF",
        "French Southern and Antarctic Lands",
        "Territorios Australes Franceses",
    ),
    ("TG", "Togo", "Togo"),
    ("TH", "Thailand", "Tailandia"),
    ("TJ", "Tajikistan", "Tayikistán"),
    ("TK", "Tokelau", "Tokelau"),
    ("TL", "Timor-Leste", "Timor-Leste"),
    ("TM", "Turkmenistan", "Turkmenistán"),
    ("TN", "Tunisia", "Túnez"),
    ("TO", "Tonga", "Tonga"),
    ("TR", "Türkiye", "Turquía"),
    ("TT", "Trinidad & Tobago", "Trinidad y Tobago"),
    ("TV", "Tuvalu", "Tuvalu"),
    ("TW", "Taiwan", "Taiwán"),
    ("TZ", "Tanzania", "Tanzania"),
    ("UA", "Ukraine", "Ucrania"),
    ("UG", "Uganda", "Uganda"),
    (
        "UM",
        "U.S. Outlying Islands",
        "Islas menores alejadas de EE. UU.",
    ),
    ("US", "United States", "Estados Unidos"),
    ("UY", "Uruguay", "Uruguay"),
    ("UZ", "Uzbekistan", "Uzbekistán"),
    ("VA", "Vatican City", "Ciudad del Vaticano"),
    (
        "VC",
        "St. Vincent & Grenadines",
        "San Vicente y las Granadinas",
    ),
    ("VE", "Venezuela", "Venezuela"),
    ("VG", "British Virgin Islands", "Islas Vírgenes Británicas"),
    ("VI", "U.S. Virgin Islands", "Islas Vírgenes de EE. UU."),
    ("VN", "Vietnam", "Vietnam"),
    ("VU", "Vanuatu", "Vanuatu"),
    ("WF", "Wallis & Futuna", "Wallis y Futuna"),
    ("WS", "Samoa", "Samoa"),
    ("YE", "Yemen", "Yemen"),
    ("YT", "Mayotte", "Mayotte"),
    ("ZA", "South Africa", "Sudáfrica"),
    ("ZM", "Zambia", "Zambia"),
    ("ZW", "Zimbabwe", "Zimbabue"),
];

/// `(id, English, Spanish)` of the migration corridors the project's networks use.
const CORRIDORS: [(&str, &str, &str); 10] = [
    ("andean_south", "Andean south", "Sur andino"),
    (
        "colombia_venezuela",
        "Colombia and Venezuela",
        "Colombia y Venezuela",
    ),
    (
        "darien_costa_rica",
        "Darién and Costa Rica",
        "Darién y Costa Rica",
    ),
    ("guatemala", "Guatemala", "Guatemala"),
    (
        "honduras_el_salvador",
        "Honduras and El Salvador",
        "Honduras y El Salvador",
    ),
    (
        "mx_central_route",
        "Route through central Mexico",
        "Ruta por el centro de México",
    ),
    (
        "mx_northern_border",
        "Mexico's northern border",
        "Frontera norte de México",
    ),
    (
        "mx_southern_border",
        "Mexico's southern border",
        "Frontera sur de México",
    ),
    (
        "us_border_states",
        "U.S. border states",
        "Estados fronterizos de Estados Unidos",
    ),
    ("us_interior", "U.S. interior", "Interior de Estados Unidos"),
];

fn pick(lang: Lang, en: &'static str, es: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Es => es,
    }
}

/// A country's name in `lang` (`MX` → "México"); the code itself when it is not an assigned
/// one, and "" for "".
pub fn country_name(code: &str, lang: Lang) -> Cow<'_, str> {
    match COUNTRIES.binary_search_by(|(c, _, _)| (*c).cmp(code)) {
        Ok(i) => Cow::Borrowed(pick(lang, COUNTRIES[i].1, COUNTRIES[i].2)),
        Err(_) => Cow::Borrowed(code),
    }
}

/// A corridor's name in `lang` (`mx_southern_border` → "Frontera sur de México"); an id the
/// catalogue does not know is spelled out (`costa_atlantica` → "Costa atlantica").
pub fn corridor_name(id: &str, lang: Lang) -> Cow<'_, str> {
    if let Ok(i) = CORRIDORS.binary_search_by(|(c, _, _)| (*c).cmp(id)) {
        return Cow::Borrowed(pick(lang, CORRIDORS[i].1, CORRIDORS[i].2));
    }
    let spaced = id.replace(['_', '-'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(first) => Cow::Owned(first.to_uppercase().chain(chars).collect()),
        None => Cow::Borrowed(id),
    }
}

/// The corridors the catalogue names, as `(id, name in lang)`, in id order.
pub fn named_corridors(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    CORRIDORS
        .iter()
        .map(move |&(id, en, es)| (id, pick(lang, en, es)))
}

/// Every country, as `(code, name in lang)`, in code order.
pub fn countries(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    COUNTRIES
        .iter()
        .map(move |&(c, en, es)| (c, pick(lang, en, es)))
}

/// A community of the network as a sentence refers to it: its number and what characterises
/// it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Community<'a> {
    /// Its number (as in URLs and the API's `community` fields).
    pub number: u32,
    /// What characterises it (`None` when unknown).
    pub theme: Option<&'a CommunityTheme>,
}

impl Community<'_> {
    /// Its name ([`community_name`]).
    pub fn name(&self, lang: Lang) -> String {
        community_name(self.theme, self.number, lang)
    }

    /// Its name in quotes and its share in words ([`community_in_words`]).
    pub fn in_words(&self, lang: Lang) -> String {
        community_in_words(self.theme, self.number, lang)
    }
}

/// The words of a corridor, country or region value.
fn place_words(d: &Dominant, lang: Lang) -> Cow<'_, str> {
    match d.attribute {
        Place::Corridor => corridor_name(&d.value, lang),
        Place::Country => country_name(&d.value, lang),
        Place::Region => Cow::Borrowed(d.value.as_str()),
    }
}

/// A community's name in `lang`: its place ("Frontera sur de México"), with its region when
/// another community shares the place ("Frontera norte de México · Chihuahua"), and a number
/// when both repeat ("… · Chiapas 2"); "Community 4" / "Comunidad 4" when its members have
/// no place. Names differ between the communities of one network.
pub fn community_name(theme: Option<&CommunityTheme>, community: u32, lang: Lang) -> String {
    let Some(place) = theme.and_then(|t| t.place.as_ref()) else {
        return format!("{} {community}", pick(lang, "Community", "Comunidad"));
    };
    let mut name = place_words(place, lang).into_owned();
    let theme = theme.expect("a place comes from a theme");
    if let Some(region) = &theme.region {
        if region.value != place.value {
            name.push_str(" · ");
            name.push_str(&region.value);
        }
    }
    if let Some(n) = theme.ordinal {
        name.push_str(&format!(" {n}"));
    }
    name
}

/// What a community's name rests on, in words: "17 of its 19 organizations work in that
/// corridor" / "17 de sus 19 organizaciones trabajan en ese corredor"; `None` when its
/// members have no place.
pub fn community_share(theme: Option<&CommunityTheme>, lang: Lang) -> Option<String> {
    let theme = theme?;
    let place = theme.place.as_ref()?;
    let (n, size) = (lang.count(place.count), lang.count(theme.size));
    let all = place.count == theme.size;
    let one = place.count == 1;
    let corridor = place.attribute == Place::Corridor;
    Some(match (lang, theme.size == 1, all) {
        (Lang::En, true, _) => format!(
            "its only organization {}",
            if corridor {
                "works in that corridor"
            } else {
                "is in that country"
            }
        ),
        (Lang::Es, true, _) => format!(
            "su única organización {}",
            if corridor {
                "trabaja en ese corredor"
            } else {
                "está en ese país"
            }
        ),
        (Lang::En, false, true) => format!(
            "{} of its organizations {}",
            if theme.size == 2 {
                "both".to_owned()
            } else {
                format!("all {size}")
            },
            if corridor {
                "work in that corridor"
            } else {
                "are in that country"
            }
        ),
        (Lang::Es, false, true) => format!(
            "sus {size} organizaciones {}",
            if corridor {
                "trabajan en ese corredor"
            } else {
                "están en ese país"
            }
        ),
        (Lang::En, false, false) => format!(
            "{n} of its {size} organizations {}",
            match (corridor, one) {
                (true, true) => "works in that corridor",
                (true, false) => "work in that corridor",
                (false, true) => "is in that country",
                (false, false) => "are in that country",
            }
        ),
        (Lang::Es, false, false) => format!(
            "{n} de sus {size} organizaciones {}",
            match (corridor, one) {
                (true, true) => "trabaja en ese corredor",
                (true, false) => "trabajan en ese corredor",
                (false, true) => "está en ese país",
                (false, false) => "están en ese país",
            }
        ),
    })
}

/// A community as a sentence names it: “Frontera sur de México” (17 de sus 19
/// organizaciones trabajan en ese corredor).
pub fn community_in_words(theme: Option<&CommunityTheme>, community: u32, lang: Lang) -> String {
    let name = community_name(theme, community, lang);
    match community_share(theme, lang) {
        Some(share) => format!("“{name}” ({share})"),
        None => format!("“{name}”"),
    }
}

/// Items joined as a person lists them: "A", "A and B", "A, B and C" / "A, B y C" ("e"
/// before an "i" sound).
pub fn list_in_words<S: AsRef<str>>(items: &[S], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!(
                "{} {} {}",
                head.join(", "),
                lang.and_before(last.as_ref()),
                last.as_ref()
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use puentes_analysis::model::rules::COUNTRY_CODES;

    fn theme(place: Option<(Place, &str, usize)>, size: usize) -> CommunityTheme {
        CommunityTheme {
            size,
            place: place.map(|(attribute, value, count)| Dominant {
                attribute,
                value: value.into(),
                count,
            }),
            region: None,
            ordinal: None,
        }
    }

    #[test]
    fn every_assigned_country_has_a_name_in_each_language() {
        let codes: Vec<&str> = COUNTRIES.iter().map(|c| c.0).collect();
        assert_eq!(codes, COUNTRY_CODES);
        assert_eq!(country_name("MX", Lang::Es), "México");
        assert_eq!(country_name("US", Lang::En), "United States");
        assert_eq!(country_name("US", Lang::Es), "Estados Unidos");
        assert_eq!(country_name("SV", Lang::Es), "El Salvador");
        assert_eq!(country_name("", Lang::Es), "");
        for lang in Lang::ALL {
            for (code, name) in countries(lang) {
                assert!(!name.is_empty() && name != code, "{code}: {name}");
            }
        }
    }

    #[test]
    fn corridors_by_name_and_unknown_ids_spelled_out() {
        let ids: Vec<&str> = CORRIDORS.iter().map(|c| c.0).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted, "binary search needs id order");
        assert_eq!(
            corridor_name("mx_southern_border", Lang::Es),
            "Frontera sur de México"
        );
        assert_eq!(
            corridor_name("mx_southern_border", Lang::En),
            "Mexico's southern border"
        );
        assert_eq!(
            corridor_name("costa_atlantica", Lang::Es),
            "Costa atlantica"
        );
        assert_eq!(corridor_name("", Lang::En), "");
    }

    #[test]
    fn community_names_and_their_share_in_words() {
        let south = theme(Some((Place::Corridor, "mx_southern_border", 17)), 19);
        assert_eq!(
            community_name(Some(&south), 0, Lang::Es),
            "Frontera sur de México"
        );
        assert_eq!(
            community_in_words(Some(&south), 0, Lang::Es),
            "“Frontera sur de México” (17 de sus 19 organizaciones trabajan en ese corredor)"
        );
        assert_eq!(
            community_in_words(Some(&south), 0, Lang::En),
            "“Mexico's southern border” (17 of its 19 organizations work in that corridor)"
        );
        let guatemala = theme(Some((Place::Country, "GT", 4)), 4);
        assert_eq!(
            community_in_words(Some(&guatemala), 2, Lang::Es),
            "“Guatemala” (sus 4 organizaciones están en ese país)"
        );
        let one = theme(Some((Place::Country, "US", 1)), 3);
        assert_eq!(
            community_share(Some(&one), Lang::En).as_deref(),
            Some("1 of its 3 organizations is in that country")
        );
        let mut north = theme(Some((Place::Corridor, "mx_northern_border", 6)), 9);
        north.region = Some(Dominant {
            attribute: Place::Region,
            value: "Chihuahua".into(),
            count: 5,
        });
        north.ordinal = Some(2);
        assert_eq!(
            community_name(Some(&north), 3, Lang::Es),
            "Frontera norte de México · Chihuahua 2"
        );
        let nowhere = theme(None, 3);
        assert_eq!(community_name(Some(&nowhere), 4, Lang::Es), "Comunidad 4");
        assert_eq!(
            community_in_words(Some(&nowhere), 4, Lang::En),
            "“Community 4”"
        );
        assert_eq!(community_name(None, 7, Lang::En), "Community 7");
    }

    #[test]
    fn lists_end_with_and() {
        assert_eq!(list_in_words::<&str>(&[], Lang::Es), "");
        assert_eq!(list_in_words(&["salud"], Lang::Es), "salud");
        assert_eq!(
            list_in_words(&["salud", "albergue"], Lang::Es),
            "salud y albergue"
        );
        assert_eq!(
            list_in_words(&["salud", "albergue", "idiomas"], Lang::Es),
            "salud, albergue e idiomas"
        );
        assert_eq!(
            list_in_words(&["health", "shelter", "food"], Lang::En),
            "health, shelter and food"
        );
    }
}
