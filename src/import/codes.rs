//! Correlates of War country codes and the party ids the importers give them.
//!
//! Both ATOP and COW name states by their COW country code (`ccode`, `member`, `statthr1`):
//! 2 is the United States, 255 Germany, 365 Russia. A scenario names states by their ISO
//! 3166-1 alpha-3 code where one exists (DESIGN.md), so each COW code is mapped by hand,
//! from COW's State System Membership list (2016), in [`COUNTRIES`].
//!
//! # The rule
//!
//! A COW code is given the ISO 3166-1 alpha-3 code *in use today* of the state it names,
//! where that state is the same state as the ISO country: the same code in COW's list up to
//! today (Ottoman Empire and Turkey are COW 640 throughout: `TUR`), or the state the ISO
//! country continues in international law (the Soviet Union's seat and treaties went to
//! Russia: `RUS`). States that no longer exist and that no ISO country continues keep COW's
//! abbreviation behind `COW-`: Austria-Hungary is `COW-AUH`, Bavaria `COW-BAV`, the German
//! Democratic Republic `COW-GDR`, Czechoslovakia `COW-CZE`, South Vietnam `COW-RVN`. The
//! prefix matters: COW's own abbreviations clash with ISO's (COW `AUS` is Austria, ISO `AUS`
//! Australia; COW `KOR` is the Korea of 1887–1905, ISO `KOR` South Korea), so a bare COW
//! abbreviation could name the wrong state. Withdrawn ISO codes (`DDR`, `CSK`, `YUG`, `SUN`)
//! are not used: they are no longer ISO 3166-1 codes, and an id that looks current but is
//! not would mislead.
//!
//! # Decisions worth knowing
//!
//! * **Germany.** COW 255 is Prussia (1816–1870), the German Empire and Reich (1871–1945) and
//!   united Germany (from 3 October 1990); COW 260 is the Federal Republic (1955–1990). Both
//!   are `DEU`: the Federal Republic is the state that continues the Reich in law (the Federal
//!   Constitutional Court, 1973) and that the German Democratic Republic acceded to in 1990,
//!   and COW itself treats Prussia and Germany as one state. The two codes never coexist, so
//!   no two parties are merged on any date; an ATOP alliance that lists both (the Élysée
//!   Treaty: 260 until 3 October 1990, 255 after) binds `DEU` throughout. The German
//!   Democratic Republic (265) is `COW-GDR`.
//! * **Austria.** COW 300 (the Austrian Empire, then Austria-Hungary, 1816–1918) is
//!   `COW-AUH`; COW 305, the Republic of Austria from 1919, is `AUT`. COW gives them
//!   different codes, and the Republic did not continue the Dual Monarchy.
//! * **Serbia and Yugoslavia.** COW 345 is Serbia (1878–1918), Yugoslavia (1918–1992), the
//!   Federal Republic of Yugoslavia (1992–2006) and Serbia again: `SRB`, the state COW's code
//!   continues as. Reading the Yugoslavia of 1918–1992 as Serbia is COW's choice, kept here.
//! * **Yemen.** The Yemen Arab Republic (678) and the People's Democratic Republic (680)
//!   merged in 1990 into a new state (679, `YEM`); neither is continued alone: `COW-YAR`,
//!   `COW-YPR`.
//! * **Vietnam.** North Vietnam (816) is COW's code for Vietnam to this day: `VNM`. South
//!   Vietnam (817) is `COW-RVN`.
//! * **Kosovo** (347) has no ISO 3166-1 code (`XKX` is a user-assigned code): `COW-KOS`.
//! * **Taiwan** (713) is `TWN`, the code ISO 3166-1 assigns.
//! * **Annam.** ATOP 5.1 lists Annam (alliance 1320 with France, 1862) under code 8152, which
//!   is not a COW code (ATOP follows Gleditsch and Ward there): `ATOP-8152`.
//!
//! A code in neither list becomes the party `COW-<code>`, named after the code, and the
//! importer says so in its report.

use crate::spec::{PartyFile, SourceFile};

/// A state of COW's list (or, for one code, of ATOP's), and the party id it gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Country {
    /// Its COW country code (ATOP's for Annam).
    pub code: u32,
    /// Its COW state abbreviation; `None` for a code not in COW's list.
    pub abbreviation: Option<&'static str>,
    /// Its name, as COW's list gives it, in English.
    pub name: &'static str,
    /// Its ISO 3166-1 alpha-3 code, where one exists (see the module's rule).
    pub iso: Option<&'static str>,
}

impl Country {
    /// The party id: the ISO code, else `COW-<abbreviation>`, else `ATOP-<code>`.
    pub fn party_id(&self) -> String {
        match (self.iso, self.abbreviation) {
            (Some(iso), _) => iso.to_owned(),
            (None, Some(abbreviation)) => format!("COW-{abbreviation}"),
            (None, None) => format!("ATOP-{}", self.code),
        }
    }
}

const fn cow(
    code: u32,
    abbreviation: &'static str,
    name: &'static str,
    iso: Option<&'static str>,
) -> Country {
    Country {
        code,
        abbreviation: Some(abbreviation),
        name,
        iso,
    }
}

/// Every state of COW's State System Membership list (2016), in code order, with Annam
/// (ATOP's 8152) at the end. Written by hand from COW's list; see the module's rule.
pub const COUNTRIES: &[Country] = &[
    cow(2, "USA", "United States of America", Some("USA")),
    cow(20, "CAN", "Canada", Some("CAN")),
    cow(31, "BHM", "Bahamas", Some("BHS")),
    cow(40, "CUB", "Cuba", Some("CUB")),
    cow(41, "HAI", "Haiti", Some("HTI")),
    cow(42, "DOM", "Dominican Republic", Some("DOM")),
    cow(51, "JAM", "Jamaica", Some("JAM")),
    cow(52, "TRI", "Trinidad and Tobago", Some("TTO")),
    cow(53, "BAR", "Barbados", Some("BRB")),
    cow(54, "DMA", "Dominica", Some("DMA")),
    cow(55, "GRN", "Grenada", Some("GRD")),
    cow(56, "SLU", "St. Lucia", Some("LCA")),
    cow(57, "SVG", "St. Vincent and the Grenadines", Some("VCT")),
    cow(58, "AAB", "Antigua & Barbuda", Some("ATG")),
    cow(60, "SKN", "St. Kitts and Nevis", Some("KNA")),
    cow(70, "MEX", "Mexico", Some("MEX")),
    cow(80, "BLZ", "Belize", Some("BLZ")),
    cow(90, "GUA", "Guatemala", Some("GTM")),
    cow(91, "HON", "Honduras", Some("HND")),
    cow(92, "SAL", "El Salvador", Some("SLV")),
    cow(93, "NIC", "Nicaragua", Some("NIC")),
    cow(94, "COS", "Costa Rica", Some("CRI")),
    cow(95, "PAN", "Panama", Some("PAN")),
    cow(100, "COL", "Colombia", Some("COL")),
    cow(101, "VEN", "Venezuela", Some("VEN")),
    cow(110, "GUY", "Guyana", Some("GUY")),
    cow(115, "SUR", "Suriname", Some("SUR")),
    cow(130, "ECU", "Ecuador", Some("ECU")),
    cow(135, "PER", "Peru", Some("PER")),
    cow(140, "BRA", "Brazil", Some("BRA")),
    cow(145, "BOL", "Bolivia", Some("BOL")),
    cow(150, "PAR", "Paraguay", Some("PRY")),
    cow(155, "CHL", "Chile", Some("CHL")),
    cow(160, "ARG", "Argentina", Some("ARG")),
    cow(165, "URU", "Uruguay", Some("URY")),
    cow(200, "UKG", "United Kingdom", Some("GBR")),
    cow(205, "IRE", "Ireland", Some("IRL")),
    cow(210, "NTH", "Netherlands", Some("NLD")),
    cow(211, "BEL", "Belgium", Some("BEL")),
    cow(212, "LUX", "Luxembourg", Some("LUX")),
    cow(220, "FRN", "France", Some("FRA")),
    cow(221, "MNC", "Monaco", Some("MCO")),
    cow(223, "LIE", "Liechtenstein", Some("LIE")),
    cow(225, "SWZ", "Switzerland", Some("CHE")),
    cow(230, "SPN", "Spain", Some("ESP")),
    cow(232, "AND", "Andorra", Some("AND")),
    cow(235, "POR", "Portugal", Some("PRT")),
    cow(240, "HAN", "Hanover", None),
    cow(245, "BAV", "Bavaria", None),
    cow(255, "GMY", "Germany", Some("DEU")),
    cow(260, "GFR", "German Federal Republic", Some("DEU")),
    cow(265, "GDR", "German Democratic Republic", None),
    cow(267, "BAD", "Baden", None),
    cow(269, "SAX", "Saxony", None),
    cow(271, "WRT", "Wuerttemburg", None),
    cow(273, "HSE", "Hesse Electoral", None),
    cow(275, "HSG", "Hesse Grand Ducal", None),
    cow(280, "MEC", "Mecklenburg Schwerin", None),
    cow(290, "POL", "Poland", Some("POL")),
    cow(300, "AUH", "Austria-Hungary", None),
    cow(305, "AUS", "Austria", Some("AUT")),
    cow(310, "HUN", "Hungary", Some("HUN")),
    cow(315, "CZE", "Czechoslovakia", None),
    cow(316, "CZR", "Czech Republic", Some("CZE")),
    cow(317, "SLO", "Slovakia", Some("SVK")),
    cow(325, "ITA", "Italy", Some("ITA")),
    cow(327, "PAP", "Papal States", None),
    cow(329, "SIC", "Two Sicilies", None),
    cow(331, "SNM", "San Marino", Some("SMR")),
    cow(332, "MOD", "Modena", None),
    cow(335, "PMA", "Parma", None),
    cow(337, "TUS", "Tuscany", None),
    cow(338, "MLT", "Malta", Some("MLT")),
    cow(339, "ALB", "Albania", Some("ALB")),
    cow(341, "MNG", "Montenegro", Some("MNE")),
    cow(343, "MAC", "Macedonia", Some("MKD")),
    cow(344, "CRO", "Croatia", Some("HRV")),
    cow(345, "YUG", "Yugoslavia", Some("SRB")),
    cow(346, "BOS", "Bosnia and Herzegovina", Some("BIH")),
    cow(347, "KOS", "Kosovo", None),
    cow(349, "SLV", "Slovenia", Some("SVN")),
    cow(350, "GRC", "Greece", Some("GRC")),
    cow(352, "CYP", "Cyprus", Some("CYP")),
    cow(355, "BUL", "Bulgaria", Some("BGR")),
    cow(359, "MLD", "Moldova", Some("MDA")),
    cow(360, "ROM", "Romania", Some("ROU")),
    cow(365, "RUS", "Russia", Some("RUS")),
    cow(366, "EST", "Estonia", Some("EST")),
    cow(367, "LAT", "Latvia", Some("LVA")),
    cow(368, "LIT", "Lithuania", Some("LTU")),
    cow(369, "UKR", "Ukraine", Some("UKR")),
    cow(370, "BLR", "Belarus", Some("BLR")),
    cow(371, "ARM", "Armenia", Some("ARM")),
    cow(372, "GRG", "Georgia", Some("GEO")),
    cow(373, "AZE", "Azerbaijan", Some("AZE")),
    cow(375, "FIN", "Finland", Some("FIN")),
    cow(380, "SWD", "Sweden", Some("SWE")),
    cow(385, "NOR", "Norway", Some("NOR")),
    cow(390, "DEN", "Denmark", Some("DNK")),
    cow(395, "ICE", "Iceland", Some("ISL")),
    cow(402, "CAP", "Cape Verde", Some("CPV")),
    cow(403, "STP", "Sao Tome and Principe", Some("STP")),
    cow(404, "GNB", "Guinea-Bissau", Some("GNB")),
    cow(411, "EQG", "Equatorial Guinea", Some("GNQ")),
    cow(420, "GAM", "Gambia", Some("GMB")),
    cow(432, "MLI", "Mali", Some("MLI")),
    cow(433, "SEN", "Senegal", Some("SEN")),
    cow(434, "BEN", "Benin", Some("BEN")),
    cow(435, "MAA", "Mauritania", Some("MRT")),
    cow(436, "NIR", "Niger", Some("NER")),
    cow(437, "CDI", "Ivory Coast", Some("CIV")),
    cow(438, "GUI", "Guinea", Some("GIN")),
    cow(439, "BFO", "Burkina Faso", Some("BFA")),
    cow(450, "LBR", "Liberia", Some("LBR")),
    cow(451, "SIE", "Sierra Leone", Some("SLE")),
    cow(452, "GHA", "Ghana", Some("GHA")),
    cow(461, "TOG", "Togo", Some("TGO")),
    cow(471, "CAO", "Cameroon", Some("CMR")),
    cow(475, "NIG", "Nigeria", Some("NGA")),
    cow(481, "GAB", "Gabon", Some("GAB")),
    cow(482, "CEN", "Central African Republic", Some("CAF")),
    cow(483, "CHA", "Chad", Some("TCD")),
    cow(484, "CON", "Congo", Some("COG")),
    cow(490, "DRC", "Democratic Republic of the Congo", Some("COD")),
    cow(500, "UGA", "Uganda", Some("UGA")),
    cow(501, "KEN", "Kenya", Some("KEN")),
    cow(510, "TAZ", "Tanzania", Some("TZA")),
    cow(511, "ZAN", "Zanzibar", None),
    cow(516, "BUI", "Burundi", Some("BDI")),
    cow(517, "RWA", "Rwanda", Some("RWA")),
    cow(520, "SOM", "Somalia", Some("SOM")),
    cow(522, "DJI", "Djibouti", Some("DJI")),
    cow(530, "ETH", "Ethiopia", Some("ETH")),
    cow(531, "ERI", "Eritrea", Some("ERI")),
    cow(540, "ANG", "Angola", Some("AGO")),
    cow(541, "MZM", "Mozambique", Some("MOZ")),
    cow(551, "ZAM", "Zambia", Some("ZMB")),
    cow(552, "ZIM", "Zimbabwe", Some("ZWE")),
    cow(553, "MAW", "Malawi", Some("MWI")),
    cow(560, "SAF", "South Africa", Some("ZAF")),
    cow(565, "NAM", "Namibia", Some("NAM")),
    cow(570, "LES", "Lesotho", Some("LSO")),
    cow(571, "BOT", "Botswana", Some("BWA")),
    cow(572, "SWA", "Swaziland", Some("SWZ")),
    cow(580, "MAG", "Madagascar", Some("MDG")),
    cow(581, "COM", "Comoros", Some("COM")),
    cow(590, "MAS", "Mauritius", Some("MUS")),
    cow(591, "SEY", "Seychelles", Some("SYC")),
    cow(600, "MOR", "Morocco", Some("MAR")),
    cow(615, "ALG", "Algeria", Some("DZA")),
    cow(616, "TUN", "Tunisia", Some("TUN")),
    cow(620, "LIB", "Libya", Some("LBY")),
    cow(625, "SUD", "Sudan", Some("SDN")),
    cow(626, "SSD", "South Sudan", Some("SSD")),
    cow(630, "IRN", "Iran", Some("IRN")),
    cow(640, "TUR", "Turkey", Some("TUR")),
    cow(645, "IRQ", "Iraq", Some("IRQ")),
    cow(651, "EGY", "Egypt", Some("EGY")),
    cow(652, "SYR", "Syria", Some("SYR")),
    cow(660, "LEB", "Lebanon", Some("LBN")),
    cow(663, "JOR", "Jordan", Some("JOR")),
    cow(666, "ISR", "Israel", Some("ISR")),
    cow(670, "SAU", "Saudi Arabia", Some("SAU")),
    cow(678, "YAR", "Yemen Arab Republic", None),
    cow(679, "YEM", "Yemen", Some("YEM")),
    cow(680, "YPR", "Yemen People's Republic", None),
    cow(690, "KUW", "Kuwait", Some("KWT")),
    cow(692, "BAH", "Bahrain", Some("BHR")),
    cow(694, "QAT", "Qatar", Some("QAT")),
    cow(696, "UAE", "United Arab Emirates", Some("ARE")),
    cow(698, "OMA", "Oman", Some("OMN")),
    cow(700, "AFG", "Afghanistan", Some("AFG")),
    cow(701, "TKM", "Turkmenistan", Some("TKM")),
    cow(702, "TAJ", "Tajikistan", Some("TJK")),
    cow(703, "KYR", "Kyrgyzstan", Some("KGZ")),
    cow(704, "UZB", "Uzbekistan", Some("UZB")),
    cow(705, "KZK", "Kazakhstan", Some("KAZ")),
    cow(710, "CHN", "China", Some("CHN")),
    cow(712, "MON", "Mongolia", Some("MNG")),
    cow(713, "TAW", "Taiwan", Some("TWN")),
    cow(730, "KOR", "Korea", None),
    cow(731, "PRK", "North Korea", Some("PRK")),
    cow(732, "ROK", "South Korea", Some("KOR")),
    cow(740, "JPN", "Japan", Some("JPN")),
    cow(750, "IND", "India", Some("IND")),
    cow(760, "BHU", "Bhutan", Some("BTN")),
    cow(770, "PAK", "Pakistan", Some("PAK")),
    cow(771, "BNG", "Bangladesh", Some("BGD")),
    cow(775, "MYA", "Myanmar", Some("MMR")),
    cow(780, "SRI", "Sri Lanka", Some("LKA")),
    cow(781, "MAD", "Maldives", Some("MDV")),
    cow(790, "NEP", "Nepal", Some("NPL")),
    cow(800, "THI", "Thailand", Some("THA")),
    cow(811, "CAM", "Cambodia", Some("KHM")),
    cow(812, "LAO", "Laos", Some("LAO")),
    cow(816, "DRV", "Vietnam", Some("VNM")),
    cow(817, "RVN", "Republic of Vietnam", None),
    cow(820, "MAL", "Malaysia", Some("MYS")),
    cow(830, "SIN", "Singapore", Some("SGP")),
    cow(835, "BRU", "Brunei", Some("BRN")),
    cow(840, "PHI", "Philippines", Some("PHL")),
    cow(850, "INS", "Indonesia", Some("IDN")),
    cow(860, "ETM", "East Timor", Some("TLS")),
    cow(900, "AUL", "Australia", Some("AUS")),
    cow(910, "PNG", "Papua New Guinea", Some("PNG")),
    cow(920, "NEW", "New Zealand", Some("NZL")),
    cow(935, "VAN", "Vanuatu", Some("VUT")),
    cow(940, "SOL", "Solomon Islands", Some("SLB")),
    cow(946, "KIR", "Kiribati", Some("KIR")),
    cow(947, "TUV", "Tuvalu", Some("TUV")),
    cow(950, "FIJ", "Fiji", Some("FJI")),
    cow(955, "TON", "Tonga", Some("TON")),
    cow(970, "NAU", "Nauru", Some("NRU")),
    cow(983, "MSI", "Marshall Islands", Some("MHL")),
    cow(986, "PAL", "Palau", Some("PLW")),
    cow(987, "FSM", "Federated States of Micronesia", Some("FSM")),
    cow(990, "WSM", "Samoa", Some("WSM")),
    Country {
        code: 8152,
        abbreviation: None,
        name: "Annam",
        iso: None,
    },
];

/// The state a COW country code names (or ATOP's 8152, Annam); `None` for a code in
/// neither list.
///
/// # Example
///
/// ```
/// use allegiance::import::codes;
///
/// assert_eq!(codes::country(255).map(|it| it.party_id()), Some("DEU".to_owned()));
/// assert_eq!(codes::country(300).map(|it| it.party_id()), Some("COW-AUH".to_owned()));
/// assert_eq!(codes::country(8152).map(|it| it.party_id()), Some("ATOP-8152".to_owned()));
/// assert_eq!(codes::country(1), None);
/// ```
pub fn country(code: u32) -> Option<&'static Country> {
    COUNTRIES
        .binary_search_by_key(&code, |it| it.code)
        .ok()
        .and_then(|at| COUNTRIES.get(at))
}

/// The party id of a COW country code: see the module's rule; `COW-<code>` for a code in
/// neither list.
///
/// # Example
///
/// ```
/// use allegiance::import::codes::party_id;
///
/// assert_eq!(party_id(2), "USA");
/// assert_eq!(party_id(260), "DEU");
/// assert_eq!(party_id(305), "AUT");
/// assert_eq!(party_id(999), "COW-999");
/// ```
pub fn party_id(code: u32) -> String {
    country(code).map_or_else(|| format!("COW-{code}"), Country::party_id)
}

/// The states of the table that become the party `id`, in code order (two for `DEU`: 255 and
/// 260).
pub fn countries_of(id: &str) -> Vec<&'static Country> {
    COUNTRIES.iter().filter(|it| it.party_id() == id).collect()
}

/// The party a scenario declares for `id`: a state named after the first of its COW codes,
/// sourced to COW's list with the codes it stands for. An id that no code of the table gives
/// (`COW-999`) is a state named after its id, with an assumption saying so.
///
/// # Example
///
/// ```
/// use allegiance::import::codes::party_file;
///
/// let germany = party_file("DEU");
/// assert_eq!(germany.name, "Germany");
/// assert_eq!(germany.kind, "state");
/// let source = germany.source.unwrap();
/// assert!(source.citation.contains("255 (GMY)") && source.citation.contains("260 (GFR)"));
/// ```
pub fn party_file(id: &str) -> PartyFile {
    let countries = countries_of(id);
    let codes: Vec<String> = countries
        .iter()
        .map(|it| match it.abbreviation {
            Some(abbreviation) => format!("{} ({abbreviation})", it.code),
            None => format!("{} (ATOP only)", it.code),
        })
        .collect();
    let (name, source) = match countries.first() {
        Some(first) => {
            let assumption = (countries.len() > 1).then(|| {
                format!(
                    "COW codes {} are one party here: see allegiance::import::codes",
                    codes.join(" and ")
                )
            });
            let citation = format!(
                "Correlates of War Project, State System Membership (2016): country code{} {}",
                if countries.len() > 1 { "s" } else { "" },
                codes.join(", ")
            );
            let source = SourceFile {
                citation,
                url: None,
                assumption,
            };
            (first.name.to_owned(), source)
        }
        None => {
            let source = SourceFile {
                citation: "Correlates of War Project, State System Membership (2016)".to_owned(),
                url: None,
                assumption: Some(format!(
                    "`{id}` is a code in neither COW's list nor the importer's table"
                )),
            };
            (id.to_owned(), source)
        }
    };
    PartyFile {
        id: id.to_owned(),
        name,
        kind: "state".to_owned(),
        source: Some(source),
        ..PartyFile::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_every_code_is_unique() {
        assert!(COUNTRIES.windows(2).all(|it| it[0].code < it[1].code));
        // 217 states of COW's 2016 list, and Annam.
        assert_eq!(COUNTRIES.len(), 218);
    }

    #[test]
    fn iso_codes_are_three_capitals_and_only_germany_is_shared() {
        let mut isos: Vec<&str> = COUNTRIES.iter().filter_map(|it| it.iso).collect();
        assert!(
            isos.iter()
                .all(|it| it.len() == 3 && it.chars().all(|c| c.is_ascii_uppercase()))
        );
        isos.sort_unstable();
        let shared: Vec<&str> = isos
            .windows(2)
            .filter(|it| it[0] == it[1])
            .map(|it| it[0])
            .collect();
        assert_eq!(shared, ["DEU"]);
    }

    #[test]
    fn no_party_id_is_given_to_two_states_but_germany() {
        let mut ids: Vec<String> = COUNTRIES.iter().map(Country::party_id).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before - ids.len(), 1);
    }

    #[test]
    fn unknown_codes_keep_their_number() {
        assert_eq!(party_id(12345), "COW-12345");
        let party = party_file("COW-12345");
        assert_eq!(party.name, "COW-12345");
        assert!(party.source.unwrap().assumption.is_some());
    }
}
