//! Pictures: the commitments in force on a date, the wars up to it and the findings, as a
//! [Graphviz](https://graphviz.org) DOT graph.
//!
//! Render the text with `dot -Tsvg > picture.svg`. What the picture shows:
//!
//! * **parties** are nodes: states as rounded boxes, organisations as hexagons, entities
//!   (claimants to statehood without general recognition) as dashed ellipses; a party a finding
//!   is about has a red outline. An organisation's label lists its members on the date;
//! * **commitments** are edges from the bound party to its beneficiary, one per clause and pair
//!   of parties; a clause binding both parties toward each other is drawn once, with an arrow
//!   at each end. The colour says what the clause requires (alignment, strict or loose;
//!   defence; offense; neutrality; non-aggression; no harm; anything else in grey), the label
//!   names the instrument and the clause (`may:` for a permission, `not:` for a prohibition,
//!   whose arrows are hollow or barred), the tooltip quotes the text. Clauses of binding
//!   instruments are solid, of political ones dashed;
//! * **findings**: the steps of each finding's witness chains are drawn bold and red, labelled
//!   with the finding's kind and number (`conflict 1`); a step that no commitment of the date
//!   carries (two adversaries in an imbalance, say) gets a red dotted edge of its own;
//! * **wars**: every armed attack up to the date is a red dashed arrow from attacker to victim;
//! * a **legend** explains colours, lines and shapes.
//!
//! The text is deterministic: nodes and edges are written in id order, whatever the order of the
//! scenario's file, and every id and label is quoted and escaped.
//!
//! # Example
//!
//! ```
//! let scenario = allegiance::load::from_path("examples/data/caucasus-2022.toml")?;
//! let date = "2022-02-24".parse()?;
//! let report = allegiance::check_on(&scenario, date);
//! let dot = allegiance::dot::to_dot(&scenario, date, report.findings());
//! assert!(dot.starts_with("digraph"));
//! assert!(dot.contains(r#""RUS" -> "UKR""#)); // the invasion
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::finding::{Finding, Kind, Relation};
use crate::graph::CommitmentGraph;
use crate::model::{
    Action, Clause, ClauseLabel, Date, EventKind, Force, Instrument, InstrumentId, Modality,
    PartyId, PartyKind, Reading, Scenario,
};

/// The red of wars and findings.
const RED: &str = "#d00000";

/// Ends the label of a thick edge: an empty last line keeps a straight edge from striking
/// through the text.
const THICK: &str = "\n ";

/// What a commitment edge's colour says: the clause's action, with alignment split by reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    AlignStrict,
    AlignLoose,
    Defend,
    Offense,
    Neutrality,
    NonAggression,
    NoHarm,
    Other,
}

impl Class {
    /// Every class, in the legend's order.
    const ALL: [Class; 8] = [
        Class::AlignStrict,
        Class::AlignLoose,
        Class::Defend,
        Class::Offense,
        Class::Neutrality,
        Class::NonAggression,
        Class::NoHarm,
        Class::Other,
    ];

    fn of(clause: &Clause) -> Class {
        match (&clause.norm.action, clause.norm.reading) {
            (Action::Align, Reading::Strict) => Class::AlignStrict,
            (Action::Align, Reading::Loose) => Class::AlignLoose,
            (Action::Defend, _) => Class::Defend,
            (Action::Offense, _) => Class::Offense,
            (Action::Neutrality, _) => Class::Neutrality,
            (Action::NonAggression, _) => Class::NonAggression,
            (Action::NoHarm, _) => Class::NoHarm,
            _ => Class::Other,
        }
    }

    /// Colours that stay apart for most colour-blind readers (Okabe and Ito), and apart from
    /// the red of wars and findings.
    fn colour(self) -> &'static str {
        match self {
            Class::AlignStrict => "#0072b2",
            Class::AlignLoose => "#56b4e9",
            Class::Defend => "#009e73",
            Class::Offense => "#e69f00",
            Class::Neutrality => "#cc79a7",
            Class::NonAggression => "#8c564b",
            Class::NoHarm => "#6a3d9a",
            Class::Other => "#808080",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Class::AlignStrict => "align (strict)",
            Class::AlignLoose => "align (loose)",
            Class::Defend => "defend",
            Class::Offense => "offense",
            Class::Neutrality => "neutrality",
            Class::NonAggression => "non_aggression",
            Class::NoHarm => "no_harm",
            Class::Other => "other",
        }
    }
}

/// A finding a drawn step belongs to: its number (1-based, in the order given) and kind.
type Mark = (usize, Kind);

/// One clause between one pair of parties.
#[derive(Debug)]
struct Edge<'a> {
    instrument: &'a Instrument,
    clause: &'a Clause,
    /// The clause binds the lower id toward the higher.
    forward: bool,
    /// The clause binds the higher id toward the lower.
    backward: bool,
    marks: BTreeSet<Mark>,
}

/// A step of a witness chain that no commitment of the date carries.
#[derive(Debug, Default)]
struct Extra {
    marks: BTreeSet<Mark>,
}

/// The picture of `scenario` on `date`: the commitments in force, the armed attacks up to and
/// including the date, and the witness chains of `findings` (numbered from 1 in the order
/// given), as Graphviz DOT text. See the [module documentation](self) for what it shows.
///
/// Pass the findings of [`crate::check_on`] for the same date to see what they are made of, or
/// none for the bare commitments.
///
/// # Complexity
///
/// `O(e log e)` for `e` commitments, attacks and chain steps, plus the cost of
/// [`CommitmentGraph::on`]: linear in the size of the picture, up to the sorting.
pub fn to_dot(scenario: &Scenario, date: Date, findings: &[Finding]) -> String {
    let graph = CommitmentGraph::on(scenario, date);
    // Every clause between every pair, keyed by instrument, clause and the pair in id order.
    let mut edges: BTreeMap<(&InstrumentId, &ClauseLabel, &PartyId, &PartyId), Edge<'_>> =
        BTreeMap::new();
    for commitment in graph.commitments() {
        let (low, high) = ordered(commitment.bound, commitment.beneficiary);
        let edge = edges
            .entry((
                &commitment.instrument.id,
                &commitment.clause.label,
                low,
                high,
            ))
            .or_insert_with(|| Edge {
                instrument: commitment.instrument,
                clause: commitment.clause,
                forward: false,
                backward: false,
                marks: BTreeSet::new(),
            });
        if commitment.bound == low {
            edge.forward = true;
        } else {
            edge.backward = true;
        }
    }

    // The findings' chains: on the commitment they travel along, or on an edge of their own.
    let mut extras: BTreeMap<(&PartyId, &PartyId, String), Extra> = BTreeMap::new();
    let mut caught: BTreeMap<&PartyId, BTreeSet<Mark>> = BTreeMap::new();
    for (at, finding) in findings.iter().enumerate() {
        let mark = (at + 1, finding.kind);
        for party in &finding.parties {
            caught.entry(party).or_default().insert(mark);
        }
        for witness in std::iter::once(&finding.witness).chain(&finding.also) {
            for link in &witness.chain {
                let clause = link.clause.and_then(|it| witness.clauses.get(it));
                let (low, high) = ordered(&link.from, &link.to);
                let carried = clause.and_then(|clause| {
                    edges.get_mut(&(&clause.instrument, &clause.label, low, high))
                });
                match carried {
                    Some(edge) => {
                        edge.marks.insert(mark);
                    }
                    None => {
                        let what = match clause {
                            Some(clause) => format!("{} {}", clause.instrument, clause.label),
                            None => relation(link.relation).to_owned(),
                        };
                        let key = if symmetric(link.relation) {
                            (low, high, what)
                        } else {
                            (&link.from, &link.to, what)
                        };
                        extras.entry(key).or_default().marks.insert(mark);
                    }
                }
            }
        }
    }

    let mut out = String::new();
    let title = match scenario.title() {
        Some(title) => format!("{title}\non {date}"),
        None => format!("commitments on {date}"),
    };
    out.push_str("digraph \"allegiance\" {\n");
    let _ = writeln!(
        out,
        "  graph [label={}, labelloc=t, fontname=\"Helvetica\", fontsize=20, rankdir=LR, \
         nodesep=0.35, ranksep=0.6, newrank=true];",
        quote(&title)
    );
    out.push_str("  node [fontname=\"Helvetica\", fontsize=14, margin=\"0.15,0.06\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=11, arrowsize=0.8];\n");

    // Parties: those that exist on the date, and any a drawn edge or a finding names.
    let mut named: BTreeSet<&PartyId> = BTreeSet::new();
    for (_, _, low, high) in edges.keys() {
        named.insert(low);
        named.insert(high);
    }
    for (from, to, _) in extras.keys() {
        named.insert(from);
        named.insert(to);
    }
    named.extend(caught.keys().copied());
    let wars: Vec<_> = scenario
        .events()
        .iter()
        .filter(|it| it.date <= date)
        .filter_map(|event| match &event.kind {
            EventKind::ArmedAttack {
                attacker,
                victim,
                issue,
                ..
            } => Some((event, attacker, victim, issue)),
            _ => None,
        })
        .collect();
    for (_, attacker, victim, _) in &wars {
        named.insert(attacker);
        named.insert(victim);
    }
    let mut parties: Vec<_> = scenario
        .parties()
        .iter()
        .filter(|it| it.exists.contains(date) || named.contains(&it.id))
        .collect();
    parties.sort_by(|a, b| a.id.cmp(&b.id));
    out.push_str("\n  // parties\n");
    for party in &parties {
        let mut label = format!("{}\n({})", party.name, party.id);
        let mut members: Vec<&PartyId> = party.members_on(date).collect();
        members.sort();
        members.dedup();
        if !members.is_empty() {
            let members: Vec<&str> = members.iter().map(|it| it.as_str()).collect();
            label = format!("{label}\nmembers: {}", members.join(", "));
        }
        let (shape, style, fill) = match party.kind {
            PartyKind::State => ("box", "rounded,filled", "#eef3fa"),
            PartyKind::Organisation { .. } => ("hexagon", "filled", "#fff4d6"),
            PartyKind::Entity => ("ellipse", "dashed,filled", "#f2f2f2"),
        };
        let mut attributes = vec![
            format!("label={}", quote(&label)),
            format!("shape={shape}"),
            format!("style={}", quote(style)),
            format!("fillcolor={}", quote(fill)),
        ];
        match caught.get(&party.id) {
            Some(marks) => {
                attributes.push(format!("color={}", quote(RED)));
                attributes.push("penwidth=2.5".to_owned());
                attributes.push(format!(
                    "tooltip={}",
                    quote(&format!("{}: {}", party.name, marked(marks)))
                ));
            }
            None => attributes.push(format!("tooltip={}", quote(&party.name))),
        }
        let _ = writeln!(
            out,
            "  {} [{}];",
            quote(party.id.as_str()),
            attributes.join(", ")
        );
    }

    out.push_str(
        "\n  // commitments: one edge per clause and pair, from bound party to beneficiary\n",
    );
    for ((instrument_id, label, low, high), edge) in &edges {
        let class = Class::of(edge.clause);
        let (from, to) = if edge.forward {
            (low, high)
        } else {
            (high, low)
        };
        let arrow = match edge.clause.norm.modality {
            Modality::Obligation => "normal",
            Modality::Prohibition => "tee",
            Modality::Permission => "empty",
        };
        let prefix = match edge.clause.norm.modality {
            Modality::Obligation => "",
            Modality::Prohibition => "not: ",
            Modality::Permission => "may: ",
        };
        let mut text = format!("{prefix}{instrument_id} {label}");
        let mut style = vec![match edge.instrument.force {
            Force::Binding => "solid",
            Force::Political => "dashed",
        }];
        let quoted = match &edge.clause.translation {
            Some(translation) => format!("\u{201c}{translation}\u{201d} (translation)"),
            None => format!("\u{201c}{}\u{201d}", edge.clause.text),
        };
        let mut tooltip = format!(
            "{}, {label} ({}): {quoted}",
            edge.instrument.name,
            class.name(),
        );
        let mut attributes = Vec::new();
        if edge.marks.is_empty() {
            attributes.push(format!("color={}", quote(class.colour())));
            attributes.push(format!("fontcolor={}", quote(class.colour())));
            attributes.push("penwidth=1.4".to_owned());
        } else {
            let found = marked(&edge.marks);
            text = format!("{text}\n[{found}]{THICK}");
            tooltip = format!("{found}: {tooltip}");
            style.push("bold");
            attributes.push(format!("color={}", quote(RED)));
            attributes.push(format!("fontcolor={}", quote(RED)));
            attributes.push("penwidth=3".to_owned());
        }
        attributes.insert(0, format!("label={}", quote(&text)));
        attributes.push(format!("style={}", quote(&style.join(","))));
        attributes.push(format!("arrowhead={arrow}"));
        if edge.forward && edge.backward {
            attributes.push("dir=both".to_owned());
            attributes.push(format!("arrowtail={arrow}"));
        }
        attributes.push(format!("tooltip={}", quote(&tooltip)));
        let _ = writeln!(
            out,
            "  {} -> {} [{}];",
            quote(from.as_str()),
            quote(to.as_str()),
            attributes.join(", ")
        );
    }

    if !extras.is_empty() {
        out.push_str("\n  // steps of a finding's chain that no commitment of the date carries\n");
    }
    for ((from, to, what), extra) in &extras {
        let found = marked(&extra.marks);
        let _ = writeln!(
            out,
            "  {} -> {} [label={}, style=\"dotted,bold\", color={red}, fontcolor={red}, \
             penwidth=2.5, dir=none, tooltip={}];",
            quote(from.as_str()),
            quote(to.as_str()),
            quote(&format!("{what}\n[{found}]{THICK}")),
            quote(&format!("{found}: {from} and {to}: {what}")),
            red = quote(RED),
        );
    }

    if !wars.is_empty() {
        out.push_str("\n  // armed attacks up to the date\n");
    }
    let mut wars = wars;
    wars.sort_by(|a, b| (a.0.date, &a.0.id).cmp(&(b.0.date, &b.0.id)));
    for (event, attacker, victim, issue) in &wars {
        let title = scenario
            .issue(issue)
            .map_or_else(|| issue.to_string(), |it| it.title.clone());
        let _ = writeln!(
            out,
            "  {} -> {} [label={}, style=\"dashed\", color={red}, fontcolor={red}, penwidth=2.5, \
             tooltip={}];",
            quote(attacker.as_str()),
            quote(victim.as_str()),
            quote(&format!("attack {}{THICK}", event.date)),
            quote(&format!(
                "{}: {attacker} attacks {victim} ({title})",
                event.date
            )),
            red = quote(RED),
        );
    }

    legend(&mut out);
    out.push_str("}\n");
    out
}

/// The legend: the party shapes as nodes, and a table of what colours and lines say.
///
/// A table rather than sample edges: edges would take part in the layout's ranks, which the
/// main graph's labels make wide.
fn legend(out: &mut String) {
    out.push_str("\n  // legend\n");
    out.push_str("  subgraph \"cluster_legend\" {\n");
    out.push_str(
        "    graph [label=\"legend\", fontsize=14, style=\"rounded\", color=\"#bbbbbb\", \
         margin=8];\n",
    );
    out.push_str("    node [fontsize=11];\n");
    // Node names hold a space, which no party id can.
    out.push_str(
        "    \"legend state\" [label=\"state\", shape=box, style=\"rounded,filled\", \
         fillcolor=\"#eef3fa\"];\n",
    );
    out.push_str(
        "    \"legend organisation\" [label=\"organisation\", shape=hexagon, style=filled, \
         fillcolor=\"#fff4d6\"];\n",
    );
    out.push_str(
        "    \"legend entity\" [label=\"entity\", shape=ellipse, style=\"dashed,filled\", \
         fillcolor=\"#f2f2f2\"];\n",
    );
    let _ = writeln!(
        out,
        "    \"legend caught\" [label=\"a finding's party\", shape=box, style=\"rounded,filled\", \
         fillcolor=\"#eef3fa\", color={}, penwidth=2.5];",
        quote(RED)
    );
    let mut rows = String::new();
    let mut row = |sample: String, colour: &str, text: &str| {
        let _ = write!(
            rows,
            "<tr><td align=\"left\">{sample}</td>\
             <td align=\"left\"><font color=\"{colour}\">{text}</font></td></tr>"
        );
    };
    for class in Class::ALL {
        let text = match class {
            Class::Other => "other (consult, integrity, …)",
            other => other.name(),
        };
        row(bar(class.colour(), 36, 3), class.colour(), text);
    }
    let grey = "#555555";
    row(bar(grey, 36, 2), grey, "binding instrument");
    row(dashes(grey, 6, 3, 2), grey, "political instrument");
    row(bar(RED, 36, 4), RED, "in a finding's chain");
    row(dashes(RED, 3, 3, 3), RED, "a finding's step on no clause");
    row(dashes(RED, 6, 3, 3), RED, "armed attack");
    out.push_str("    \"legend lines\" [shape=plain, fontsize=11, label=<");
    out.push_str("<table border=\"0\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"1\">");
    out.push_str(&rows);
    out.push_str(
        "<tr><td colspan=\"2\" align=\"left\">arrow: bound party → beneficiary; \
         at both ends: mutual</td></tr>\
         <tr><td colspan=\"2\" align=\"left\">hollow arrow, <i>may:</i> a permission; \
         bar, <i>not:</i> a prohibition</td></tr>",
    );
    out.push_str("</table>>];\n");
    out.push_str("  }\n");
}

/// A solid line of `colour` in a table cell.
fn bar(colour: &str, width: u32, height: u32) -> String {
    format!(
        "<table border=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr>\
         <td width=\"{width}\" height=\"{height}\" fixedsize=\"true\" bgcolor=\"{colour}\"></td>\
         </tr></table>"
    )
}

/// A dashed (or, with short dashes, dotted) line of `colour` in a table cell.
fn dashes(colour: &str, dash: u32, gap: u32, height: u32) -> String {
    let count = 36 / (dash + gap);
    let cells: String = (0..count)
        .map(|_| {
            format!(
                "<td width=\"{dash}\" height=\"{height}\" fixedsize=\"true\" \
                 bgcolor=\"{colour}\"></td>"
            )
        })
        .collect();
    format!("<table border=\"0\" cellspacing=\"{gap}\" cellpadding=\"0\"><tr>{cells}</tr></table>")
}

/// The two ids in order.
fn ordered<'a>(a: &'a PartyId, b: &'a PartyId) -> (&'a PartyId, &'a PartyId) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Whether a chain step says the same read from either end.
fn symmetric(relation: Relation) -> bool {
    matches!(
        relation,
        Relation::NotFightAgainst | Relation::Allied | Relation::Adversaries
    )
}

/// A chain step, in a few words.
fn relation(relation: Relation) -> &'static str {
    match relation {
        Relation::Same => "same stance",
        Relation::NotOpposite => "not the opposite stance",
        Relation::NoHarm => "no harm",
        Relation::FightFor => "fight for",
        Relation::NotFightFor => "not fight for",
        Relation::NotFightAgainst => "not fight each other",
        Relation::Allied => "allied",
        Relation::Adversaries => "adversaries",
        Relation::Recognised => "recognised a territory of",
        Relation::HostileAlliance => "hostile alliance against",
        Relation::Incompatible => "incompatible actions",
    }
}

/// The findings a drawn step belongs to: `conflict 1, imbalance 2`.
fn marked(marks: &BTreeSet<Mark>) -> String {
    let names: Vec<String> = marks
        .iter()
        .map(|(number, kind)| format!("{} {number}", kind.name()))
        .collect();
    names.join(", ")
}

/// `text` as a DOT string: in double quotes, with `"` and `\` escaped, line breaks as `\n`
/// (a centred line in a label) and other control characters as spaces.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{DAY, WORLD, pact};

    /// A bound to defend B, and not to fight X; X attacks B: A's obligations clash.
    fn scenario() -> Scenario {
        let text = format!(
            "{WORLD}{}{}{}",
            pact(
                "defence",
                "binding",
                &["A", "B"],
                &[("art. 1", "action = \"defend\"")]
            ),
            pact(
                "peace",
                "political",
                &["A", "X"],
                &[("art. 2", "action = \"non_aggression\"")]
            ),
            "\n[[events]]\nid = \"attack\"\nkind = \"armed_attack\"\ndate = \"2000-01-01\"\n\
             attacker = \"X\"\nvictim = \"B\"\nissue = \"war\"\nsource = \"test\"\n"
        );
        crate::load::from_toml_str(&text).unwrap()
    }

    fn day() -> Date {
        DAY.parse().unwrap()
    }

    /// Braces balance outside strings, and every string is closed.
    fn well_formed(dot: &str) -> bool {
        let (mut depth, mut in_string, mut escaped) = (0_i64, false, false);
        for c in dot.chars() {
            match (in_string, escaped, c) {
                (true, true, _) => escaped = false,
                (true, false, '\\') => escaped = true,
                (true, false, '"') => in_string = false,
                (false, _, '"') => in_string = true,
                (false, _, '{') => depth += 1,
                (false, _, '}') => depth -= 1,
                _ => {}
            }
            if depth < 0 {
                return false;
            }
        }
        depth == 0 && !in_string
    }

    fn line<'a>(dot: &'a str, start: &str) -> &'a str {
        dot.lines()
            .find(|it| it.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no line starts with {start} in\n{dot}"))
    }

    #[test]
    fn the_picture_is_valid_dot_with_every_party_and_commitment() {
        let scenario = scenario();
        let dot = to_dot(&scenario, day(), &[]);
        assert!(dot.starts_with("digraph \"allegiance\" {\n"), "{dot}");
        assert!(dot.ends_with("}\n"));
        assert!(well_formed(&dot), "{dot}");
        for party in ["A", "B", "C", "X"] {
            assert!(dot.contains(&format!("  \"{party}\" [label=")), "{party}");
        }
        // The mutual defence clause is drawn once, both ways, solid and green.
        let defence = line(&dot, "\"A\" -> \"B\" [label=\"defence art. 1\"");
        assert!(defence.contains("dir=both"));
        assert!(defence.contains("style=\"solid\""));
        assert!(defence.contains(Class::Defend.colour()));
        assert_eq!(dot.matches("defence art. 1\"").count(), 1);
        // The political non-aggression clause is dashed.
        let peace = line(&dot, "\"A\" -> \"X\" [label=\"peace art. 2\"");
        assert!(peace.contains("style=\"dashed\""));
        assert!(peace.contains(Class::NonAggression.colour()));
        // The war, attacker to victim.
        let war = line(&dot, "\"X\" -> \"B\"");
        assert!(war.contains("attack 2000-01-01") && war.contains("dashed"));
        assert!(dot.contains("subgraph \"cluster_legend\""));
        // Nothing is a finding's: no bold edge outside the legend.
        assert!(!dot.contains("[conflict"));
    }

    #[test]
    fn the_findings_chain_is_highlighted() {
        let scenario = scenario();
        let report = crate::check_on(&scenario, day());
        let findings = report.findings();
        assert!(!findings.is_empty());
        let dot = to_dot(&scenario, day(), findings);
        assert!(well_formed(&dot), "{dot}");
        let first = findings.first().unwrap();
        let mark = format!("[{} 1", first.kind.name());
        // Each clause of the witness is drawn red and bold, labelled with the finding.
        for clause in &first.witness.clauses {
            let label = format!("label=\"{} {}\\n", clause.instrument, clause.label);
            let edge = dot
                .lines()
                .find(|it| it.contains(&label))
                .unwrap_or_else(|| panic!("{label} not highlighted in\n{dot}"));
            assert!(edge.contains(&mark), "{edge}");
            assert!(edge.contains("bold") && edge.contains(RED), "{edge}");
            assert!(
                edge.contains(&format!("tooltip=\"{}", &mark[1..])),
                "{edge}"
            );
        }
        // The party caught has a red outline.
        for party in &first.parties {
            let node = line(&dot, &format!("\"{party}\" [label="));
            assert!(node.contains(RED) && node.contains("penwidth"), "{node}");
        }
    }

    #[test]
    fn the_picture_is_deterministic_whatever_the_order_of_the_file() {
        let scenario = scenario();
        let findings = crate::check_on(&scenario, day()).findings;
        let text = crate::save::to_toml_string(&scenario);
        // The same scenario with its instruments in the other order.
        let mut blocks: Vec<&str> = text.split("\n[[instruments]]").collect();
        let head = blocks.remove(0);
        blocks.reverse();
        let reordered = format!(
            "{head}\n[[instruments]]{}",
            blocks.join("\n[[instruments]]")
        );
        let other = crate::load::from_toml_str(&reordered).unwrap();
        assert_ne!(
            other.instruments().first().unwrap().id,
            scenario.instruments().first().unwrap().id
        );
        assert_eq!(
            to_dot(&scenario, day(), &findings),
            to_dot(&other, day(), &findings)
        );
    }

    #[test]
    fn ids_and_labels_are_quoted_and_escaped() {
        assert_eq!(quote("AZE"), "\"AZE\"");
        assert_eq!(quote("say \"no\""), "\"say \\\"no\\\"\"");
        assert_eq!(quote("a\\b"), "\"a\\\\b\"");
        assert_eq!(quote("two\nlines\ttab"), "\"two\\nlines tab\"");
        let text = r#"
title = "A \"quoted\" title \\ with a backslash"

[[parties]]
id = "graph"
name = "The \"graph\" state"
kind = "state"

[[parties]]
id = "A{B}"
name = "Braces"
kind = "entity"
"#;
        let scenario = crate::load::from_toml_str(text).unwrap();
        let dot = to_dot(&scenario, day(), &[]);
        assert!(well_formed(&dot), "{dot}");
        assert!(dot.contains(r#"label="A \"quoted\" title \\ with a backslash\non 2000-01-02""#));
        assert!(dot.contains(r#"  "graph" [label="The \"graph\" state\n(graph)""#));
        assert!(dot.contains(r#"  "A{B}" [label="Braces\n(A{B})", shape=ellipse"#));
    }
}
