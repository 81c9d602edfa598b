//! Which obligation prevails: for each pair of a finding's obligations that bind one party
//! under different clauses, the rule of the law of treaties that ranks them, or why the law
//! leaves both standing.
//!
//! DESIGN.md, "Which obligation prevails (law of treaties)":
//!
//! > * UN Charter art. 103: Charter obligations prevail over any other agreement.
//! > * Peremptory norms (VCLT art. 53/64): an instrument conflicting with jus cogens is void.
//! > * An instrument that says it is subject to, or not incompatible with, another (VCLT
//! >   art. 30(2)): the other prevails.
//! > * Same parties, same subject, successive instruments (art. 30(3)): the later prevails.
//! > * Different parties (art. 30(4)(b)): both bind; the state is answerable to whichever it
//! >   breaches — the finding stays unresolved, and says so.
//! > * A legally binding instrument outranks a political declaration as a matter of law.
//! > * Material breach (art. 60(2)(b)): when the attacker is itself bound toward its victim by
//! >   the same instrument (a collective pact whose members fight each other), the attacker's
//! >   breach lets the other parties suspend that instrument's obligations toward the attacker
//! >   — the finding stays, marked resolvable under art. 60, so users can tell intra-alliance
//! >   wars from true dilemmas.
//!
//! Sources: Vienna Convention on the Law of Treaties, 23 May 1969, 1155 UNTS 331, arts. 30
//! ("Application of successive treaties relating to the same subject-matter"), 31(1), 53, 60
//! and 64; Charter of the United Nations, art. 103.
//!
//! # The obligations and the pairs
//!
//! Each step of the witness's chain that rests on a clause gives one obligation per party it
//! binds: the bound party toward the other party of the step. Two obligations binding the same
//! party under different clauses (instrument and label) make a pair; pairs are listed in the
//! order of their obligations' ids. Only contradictions between obligations are weighed:
//! conflicts, and tensions without a way out. A violation breaks a single obligation by the
//! party's own act, and an imbalance is structure, not law: their list is empty.
//!
//! # The rules, first applicable wins
//!
//! 1. [`LegalRule::JusCogens`]: a clause stating a peremptory norm prevails; the other
//!    instrument is void to the extent of the conflict (VCLT arts. 53 and 64). First because
//!    nothing may derogate from it, not even a later treaty or the Charter's art. 103.
//! 2. [`LegalRule::CharterArticle103`]: the Charter prevails over any other agreement, earlier
//!    or later, whatever its parties (art. 103; VCLT art. 30(1) is itself "subject to
//!    Article 103").
//! 3. [`LegalRule::BindingOverPolitical`]: a political commitment creates no legal obligation,
//!    so a binding instrument outranks it as a matter of law.
//! 4. [`LegalRule::SubjectTo`]: an instrument that says it is subject to, or not incompatible
//!    with, another yields to it (art. 30(2)). The instruments' own words come before the
//!    residual rules of art. 30(3) and (4), which apply only where the treaties are silent.
//! 5. [`LegalRule::SavingsClause`]: a general savings clause is the same express yielding
//!    (art. 30(2)) without naming the other instrument. When both instruments yield, neither
//!    does by this rule.
//! 6. [`LegalRule::MaterialBreach`]: on a war issue, an obligation owed to the attacker, under
//!    an instrument by which the attacker is itself bound toward its victim, may be suspended
//!    (art. 60(2)(b)): [`Outcome::Resolvable`]. Before the residual rules, because a suspended
//!    obligation leaves nothing for them to rank.
//! 7. [`LegalRule::LexPosterior`]: between instruments with the same parties on the date, the
//!    later by conclusion (signature, else entry into force) prevails (art. 30(3)); equal or
//!    unknown dates leave the pair unresolved.
//! 8. [`LegalRule::DifferentParties`]: otherwise both bind, and the party stays answerable under
//!    the one it breaches (art. 30(4)(b)). Two clauses of one instrument are read together in
//!    good faith (VCLT art. 31(1)); the law ranks neither.
//!
//! # Complexity
//!
//! `O(s + k² · (p + g))` per finding for `s` steps in the witness's chain, `k` obligations
//! binding one party (two in almost every finding), `p` parties of the two instruments and
//! `g` clauses binding the attacker: the output is the pairs themselves.

use std::collections::{BTreeMap, BTreeSet};

use super::constraint::Node;
use super::draft::Draft;
use super::snapshot::Snapshot;
use crate::finding::{Kind, LegalRule, Obligation, Outcome, Precedence};
use crate::model::{Clause, Instrument, PartyId, RelationKind, Saving};

/// Which obligation prevails, for each pair of the draft's obligations binding one party under
/// different clauses; empty for violations, imbalances and tensions with a way out.
pub(crate) fn of(snapshot: &Snapshot<'_>, draft: &Draft) -> Vec<Precedence> {
    let weighed = match draft.kind {
        Kind::Conflict => true,
        Kind::Tension => draft.way_out.is_none(),
        Kind::Violation | Kind::Imbalance => false,
    };
    if !weighed {
        return Vec::new();
    }
    let war = war(snapshot, draft);
    let mut pairs = Vec::new();
    for held in obligations(snapshot, draft).values() {
        let held: Vec<&Held<'_>> = held.iter().collect();
        for (at, first) in held.iter().enumerate() {
            for second in held.iter().skip(at + 1) {
                if same_clause(first, second) {
                    continue;
                }
                pairs.push(Precedence {
                    first: first.obligation.clone(),
                    second: second.obligation.clone(),
                    outcome: outcome(snapshot, war.as_ref(), first, second),
                });
            }
        }
    }
    pairs.sort_by(|a, b| (&a.first, &a.second).cmp(&(&b.first, &b.second)));
    pairs
}

/// An obligation with the instrument and clause it comes from.
#[derive(Debug)]
struct Held<'a> {
    obligation: Obligation,
    instrument: &'a Instrument,
    clause: &'a Clause,
}

impl PartialEq for Held<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.obligation == other.obligation
    }
}

impl Eq for Held<'_> {}

impl PartialOrd for Held<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Held<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.obligation.cmp(&other.obligation)
    }
}

/// The obligations of the witness's chain, by the party they bind, each set in id order.
fn obligations<'a>(snapshot: &Snapshot<'a>, draft: &Draft) -> BTreeMap<Node, BTreeSet<Held<'a>>> {
    let mut by_party: BTreeMap<Node, BTreeSet<Held<'a>>> = BTreeMap::new();
    for step in &draft.proof.steps {
        let Some((instrument, clause)) = step.clause.and_then(|rank| snapshot.clause(rank)) else {
            continue;
        };
        for bound in &step.bound {
            let toward = if *bound == step.from {
                step.to
            } else if *bound == step.to {
                step.from
            } else {
                continue;
            };
            let (Some(bound_id), Some(toward_id)) =
                (snapshot.party(*bound), snapshot.party(toward))
            else {
                continue;
            };
            if toward == *bound {
                continue;
            }
            by_party.entry(*bound).or_default().insert(Held {
                obligation: Obligation {
                    instrument: instrument.id.clone(),
                    label: clause.label.clone(),
                    bound: bound_id.clone(),
                    toward: toward_id.clone(),
                },
                instrument,
                clause,
            });
        }
    }
    by_party
}

fn same_clause(one: &Held<'_>, other: &Held<'_>) -> bool {
    one.obligation.instrument == other.obligation.instrument
        && one.obligation.label == other.obligation.label
}

fn same_instrument(one: &Held<'_>, other: &Held<'_>) -> bool {
    one.obligation.instrument == other.obligation.instrument
}

/// The attacker and the victim, when the draft's issue is a war issue.
struct War<'a> {
    attacker: &'a PartyId,
    victim: &'a PartyId,
}

fn war<'a>(snapshot: &Snapshot<'a>, draft: &Draft) -> Option<War<'a>> {
    let issue = snapshot.scenario.issue(draft.issue.as_ref()?)?;
    let war = issue.war.as_ref()?;
    Some(War {
        attacker: &war.attacker,
        victim: &war.victim,
    })
}

/// What the law says of one pair: the first rule that applies.
fn outcome(
    snapshot: &Snapshot<'_>,
    war: Option<&War<'_>>,
    first: &Held<'_>,
    second: &Held<'_>,
) -> Outcome {
    let rules = [
        jus_cogens(first, second),
        charter(first, second),
        binding_over_political(first, second),
        subject_to(first, second),
        savings(snapshot, first, second),
        material_breach(snapshot, war, first, second),
    ];
    rules
        .into_iter()
        .flatten()
        .next()
        .unwrap_or_else(|| residual(snapshot, first, second))
}

fn prevails(winner: &Held<'_>, rule: LegalRule, reason: String) -> Outcome {
    Outcome::Prevails {
        instrument: winner.instrument.id.clone(),
        rule,
        reason,
    }
}

/// The one of the two for which `test` holds, with the other, when exactly one does.
fn only<'h, 'a>(
    first: &'h Held<'a>,
    second: &'h Held<'a>,
    test: impl Fn(&Held<'a>, &Held<'a>) -> bool,
) -> Option<(&'h Held<'a>, &'h Held<'a>)> {
    match (test(first, second), test(second, first)) {
        (true, false) => Some((first, second)),
        (false, true) => Some((second, first)),
        _ => None,
    }
}

/// Rule 1: a peremptory clause prevails; the other instrument is void to that extent.
fn jus_cogens(first: &Held<'_>, second: &Held<'_>) -> Option<Outcome> {
    let (winner, loser) = only(first, second, |it, _| it.clause.peremptory)?;
    let reason = format!(
        "{}, {} states a peremptory norm (jus cogens), from which no derogation is permitted: \
         {}, {} is void to the extent that it conflicts with it",
        winner.instrument.id, winner.clause.label, loser.instrument.id, loser.clause.label
    );
    Some(prevails(winner, LegalRule::JusCogens, reason))
}

/// Rule 2: the Charter prevails over any other agreement.
fn charter(first: &Held<'_>, second: &Held<'_>) -> Option<Outcome> {
    let (winner, loser) = only(first, second, |it, _| it.instrument.un_charter)?;
    let reason = format!(
        "{} is the Charter of the United Nations, whose obligations prevail over those under \
         any other international agreement, {} included",
        winner.instrument.id, loser.instrument.id
    );
    Some(prevails(winner, LegalRule::CharterArticle103, reason))
}

/// Rule 3: a binding instrument over a political commitment.
fn binding_over_political(first: &Held<'_>, second: &Held<'_>) -> Option<Outcome> {
    use crate::model::Force;
    let (winner, loser) = only(first, second, |it, other| {
        it.instrument.force == Force::Binding && other.instrument.force == Force::Political
    })?;
    let reason = format!(
        "{} binds in law, while {} is a political commitment that creates no legal obligation",
        winner.instrument.id, loser.instrument.id
    );
    Some(prevails(winner, LegalRule::BindingOverPolitical, reason))
}

/// Rule 4: an instrument subject to, or not incompatible with, the other yields to it.
fn subject_to(first: &Held<'_>, second: &Held<'_>) -> Option<Outcome> {
    let relation = |it: &Held<'_>, other: &Held<'_>| {
        it.instrument
            .relations
            .iter()
            .find(|relation| relation.other == other.instrument.id)
            .map(|relation| relation.kind)
    };
    let (yields, winner) = only(first, second, |it, other| relation(it, other).is_some())?;
    let says = match relation(yields, winner) {
        Some(RelationKind::NotIncompatibleWith) => "not incompatible with",
        Some(RelationKind::SubjectTo) | None => "subject to",
    };
    let reason = format!(
        "{} declares itself {says} {}, whose provisions therefore prevail",
        yields.instrument.id, winner.instrument.id
    );
    Some(prevails(winner, LegalRule::SubjectTo, reason))
}

/// Which savings clause of `it`'s instrument makes it yield to `other`, if one does.
fn saving(snapshot: &Snapshot<'_>, it: &Held<'_>, other: &Held<'_>) -> Option<Saving> {
    if same_instrument(it, other) {
        return None;
    }
    let savings = &it.instrument.savings;
    if savings.contains(&Saving::RespectsOtherObligations) {
        return Some(Saving::RespectsOtherObligations);
    }
    let third = || {
        !snapshot
            .scenario
            .parties_of(it.instrument, snapshot.date)
            .contains(&&other.obligation.toward)
    };
    (savings.contains(&Saving::NotAgainstThirdParties) && third())
        .then_some(Saving::NotAgainstThirdParties)
}

/// Rule 5: an instrument whose savings clause applies yields to the other, unless both do.
fn savings(snapshot: &Snapshot<'_>, first: &Held<'_>, second: &Held<'_>) -> Option<Outcome> {
    let (yields, winner) = only(first, second, |it, other| {
        saving(snapshot, it, other).is_some()
    })?;
    let reason = match saving(snapshot, yields, winner) {
        Some(Saving::NotAgainstThirdParties) => format!(
            "{} is not directed against third parties, and {} is not a party to it, so {} \
             prevails",
            yields.instrument.id, winner.obligation.toward, winner.instrument.id
        ),
        Some(Saving::RespectsOtherObligations) | None => format!(
            "{} takes into account the other international obligations of its parties, so {} \
             prevails",
            yields.instrument.id, winner.instrument.id
        ),
    };
    Some(prevails(winner, LegalRule::SavingsClause, reason))
}

/// Whether the attacker is bound toward its victim by `instrument` on the date.
fn attacker_bound(snapshot: &Snapshot<'_>, war: &War<'_>, instrument: &Instrument) -> bool {
    let (Some(attacker), Some(victim)) = (snapshot.node(war.attacker), snapshot.node(war.victim))
    else {
        return false;
    };
    snapshot
        .binding()
        .get(attacker as usize)
        .into_iter()
        .flatten()
        .filter_map(|at| snapshot.group(*at))
        .any(|group| {
            group.beneficiaries.contains(&victim)
                && snapshot
                    .clause(group.clause)
                    .is_some_and(|(it, _)| it.id == instrument.id)
        })
}

/// Rule 6: an obligation owed to an attacker that broke the same instrument toward its victim
/// may be suspended.
fn material_breach(
    snapshot: &Snapshot<'_>,
    war: Option<&War<'_>>,
    first: &Held<'_>,
    second: &Held<'_>,
) -> Option<Outcome> {
    let war = war?;
    let suspended = [first, second].into_iter().find(|it| {
        &it.obligation.toward == war.attacker && attacker_bound(snapshot, war, it.instrument)
    })?;
    let reason = format!(
        "{attacker} attacked {victim} though bound toward it by {instrument}, a material breach \
         that lets {bound} suspend its obligation toward {attacker} under {instrument}, {label}",
        attacker = war.attacker,
        victim = war.victim,
        instrument = suspended.instrument.id,
        bound = suspended.obligation.bound,
        label = suspended.clause.label,
    );
    Some(Outcome::Resolvable {
        suspended: suspended.obligation.clone(),
        rule: LegalRule::MaterialBreach,
        reason,
    })
}

/// The parties to `instrument` on the snapshot's date, as a set.
fn parties_of<'s>(snapshot: &'s Snapshot<'_>, instrument: &'s Instrument) -> BTreeSet<&'s PartyId> {
    snapshot
        .scenario
        .parties_of(instrument, snapshot.date)
        .into_iter()
        .collect()
}

/// Rules 7 and 8: the later of two instruments between the same parties, else both stand.
fn residual(snapshot: &Snapshot<'_>, first: &Held<'_>, second: &Held<'_>) -> Outcome {
    let answerable = vec![first.obligation.clone(), second.obligation.clone()];
    let (one, other) = (first.instrument, second.instrument);
    if same_instrument(first, second) {
        return Outcome::Unresolved {
            rule: None,
            reason: format!(
                "{} and {} of {} bind {} alike and are to be read together in good faith \
                 (VCLT art. 31(1)); the instrument ranks neither",
                first.clause.label, second.clause.label, one.id, first.obligation.bound
            ),
            answerable,
        };
    }
    let parties = |it| parties_of(snapshot, it);
    if parties(one) == parties(other) {
        let concluded = |it: &Instrument| it.signed.or(it.in_force.start);
        return match (concluded(one), concluded(other)) {
            (Some(a), Some(b)) if a != b => {
                let (later, earlier, date) = if a > b {
                    (first, second, a)
                } else {
                    (second, first, b)
                };
                let reason = format!(
                    "{} and {} have the same parties, and {}, concluded on {date}, is the later",
                    later.instrument.id, earlier.instrument.id, later.instrument.id
                );
                prevails(later, LegalRule::LexPosterior, reason)
            }
            (Some(_), Some(_)) => Outcome::Unresolved {
                rule: None,
                reason: format!(
                    "{} and {} have the same parties but were concluded on the same day, so \
                     neither is the later",
                    one.id, other.id
                ),
                answerable,
            },
            _ => Outcome::Unresolved {
                rule: None,
                reason: format!(
                    "{} and {} have the same parties, but when one of them was concluded is not \
                     known, so neither can be shown to be the later",
                    one.id, other.id
                ),
                answerable,
            },
        };
    }
    let reason = format!(
        "{one} and {other} have different parties, so both bind {bound}: whichever it keeps, it \
         stays answerable for breaking the other ({a} under {one}, {b} under {other})",
        one = one.id,
        other = other.id,
        bound = first.obligation.bound,
        a = first.obligation.toward,
        b = second.obligation.toward,
    );
    Outcome::Unresolved {
        rule: Some(LegalRule::DifferentParties),
        reason,
        answerable,
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::{Kind, Obligation, Outcome};
    use crate::test_util::{DAY, attack, found, pact, position, scenario};

    /// An instrument as [`pact`] makes it, with `extra` TOML lines added to the instrument
    /// (dates, savings, relations, `un_charter`).
    fn pact_with(
        id: &str,
        force: &str,
        parties: &[&str],
        extra: &str,
        clauses: &[(&str, &str)],
    ) -> String {
        pact(id, force, parties, clauses).replacen(
            "source = \"test\"\n",
            &format!("source = \"test\"\n{extra}\n"),
            1,
        )
    }

    /// A strict alignment clause binding `bound` toward `toward`.
    fn align(bound: &str, toward: &str) -> String {
        format!(
            "action = \"align\"\nreading = \"strict\"\nbound = [\"{bound}\"]\ntoward = [\"{toward}\"]"
        )
    }

    fn short(it: &Obligation) -> String {
        format!("{}→{} {}/{}", it.bound, it.toward, it.instrument, it.label)
    }

    /// One line per pair of every finding on the test day but imbalances:
    /// `kind parties: first | second: outcome`, or `kind parties: -` when the list is empty.
    #[track_caller]
    fn law(entries: &str) -> Vec<String> {
        let scenario = scenario(entries);
        let day = DAY.parse().unwrap_or_else(|error| panic!("{error}"));
        let mut lines = Vec::new();
        for finding in crate::check_on(&scenario, day).findings() {
            if finding.kind == Kind::Imbalance {
                continue;
            }
            let parties: Vec<&str> = finding.parties.iter().map(|it| it.as_str()).collect();
            let head = format!("{} {}", finding.kind.name(), parties.join(","));
            if finding.prevails.is_empty() {
                lines.push(format!("{head}: -"));
            }
            for it in &finding.prevails {
                let outcome = match &it.outcome {
                    Outcome::Prevails {
                        instrument, rule, ..
                    } => format!("{instrument} prevails by {rule:?}"),
                    Outcome::Resolvable {
                        suspended, rule, ..
                    } => format!("suspend {} by {rule:?}", short(suspended)),
                    Outcome::Unresolved {
                        rule, answerable, ..
                    } => {
                        let answerable: Vec<String> = answerable.iter().map(short).collect();
                        format!(
                            "unresolved by {rule:?}, answerable {}",
                            answerable.join(", ")
                        )
                    }
                };
                lines.push(format!(
                    "{head}: {} | {}: {outcome}",
                    short(&it.first),
                    short(&it.second)
                ));
            }
        }
        lines
    }

    /// A must fight on X's side when X attacks (`o`, an offensive pact with X alone), and must
    /// not fight against B (`g`, a general non-aggression treaty of A, B and X); X attacks B.
    fn aggression(g_extra: &str, g_clause: &str, o_extra: &str) -> String {
        pact_with(
            "g",
            "binding",
            &["A", "B", "X"],
            g_extra,
            &[("art. 2(4)", g_clause)],
        ) + &pact_with(
            "o",
            "binding",
            &["A", "B", "X"],
            o_extra,
            &[(
                "art. 1",
                "action = \"offense\"\nbound = [\"A\"]\ntoward = [\"X\"]",
            )],
        ) + &attack("X", "B", "")
    }

    #[test]
    fn a_peremptory_norm_voids_the_clause_that_conflicts_with_it() {
        // A is caught between fighting for the aggressor X (o) and not fighting B (g). The
        // offensive pact o is the later one, between the same parties, so without more it
        // would prevail (30(3)); but g's clause is marked peremptory, and a treaty conflicting
        // with jus cogens is void (VCLT 53/64): g prevails, whatever the dates.
        let entries = aggression(
            "signed = \"1990-01-01\"",
            "action = \"non_aggression\"\nperemptory = true",
            "signed = \"1995-01-01\"",
        );
        assert_eq!(
            law(&entries),
            [
                "conflict A: A→B g/art. 2(4) | A→X o/art. 1: g prevails by JusCogens",
                "violation X: -",
            ]
        );
    }

    #[test]
    fn the_charter_prevails_over_a_later_treaty_between_the_same_parties() {
        // The same dilemma, g now marked as the UN Charter and its clause not peremptory. o is
        // later and has the same parties, which would make it prevail under 30(3); art. 103
        // puts Charter obligations above any other agreement, earlier or later.
        let entries = aggression(
            "signed = \"1990-01-01\"\nun_charter = true",
            "action = \"non_aggression\"",
            "signed = \"1995-01-01\"",
        );
        assert_eq!(
            law(&entries),
            [
                "conflict A: A→B g/art. 2(4) | A→X o/art. 1: g prevails by CharterArticle103",
                "violation X: -",
            ]
        );
    }

    #[test]
    fn a_binding_treaty_outranks_a_political_declaration() {
        // A must hold B's stance (p, binding) and C's (d, political); B supports, C opposes.
        // The contradiction arises through a political instrument: a tension with no way out
        // (interpretive: read loosely, neutral would keep both). A political commitment
        // creates no legal obligation, so p prevails.
        let entries = pact("p", "binding", &["A", "B"], &[("art. 1", &align("A", "B"))])
            + &pact(
                "d",
                "political",
                &["A", "C"],
                &[("art. 1", &align("A", "C"))],
            )
            + &position("B", "q", "support")
            + &position("C", "q", "oppose");
        assert_eq!(
            found(&entries),
            ["tension medium interpretive A q: d/art. 1 p/art. 1 | B C | "]
        );
        assert_eq!(
            law(&entries),
            ["tension A: A→C d/art. 1 | A→B p/art. 1: p prevails by BindingOverPolitical"]
        );
    }

    /// A must hold B's stance under `one` and C's under `two`, both between A, B and C; B
    /// supports, C opposes.
    fn successive(one_extra: &str, two_extra: &str) -> String {
        pact_with(
            "one",
            "binding",
            &["A", "B", "C"],
            one_extra,
            &[("art. 1", &align("A", "B"))],
        ) + &pact_with(
            "two",
            "binding",
            &["A", "B", "C"],
            two_extra,
            &[("art. 1", &align("A", "C"))],
        ) + &position("B", "q", "support")
            + &position("C", "q", "oppose")
    }

    #[test]
    fn an_instrument_subject_to_another_yields_to_it() {
        // `two` is the later treaty between the same parties, so 30(3) alone would make it
        // prevail; but it declares itself subject to `one` (30(2)), and its own words come
        // first: `one` prevails. "Not incompatible with" reads the same way.
        let subject = successive(
            "signed = \"1990-01-01\"",
            "signed = \"1995-01-01\"\nsubject_to = [\"one\"]",
        );
        assert_eq!(
            law(&subject),
            ["conflict A: A→B one/art. 1 | A→C two/art. 1: one prevails by SubjectTo"]
        );
        let compatible = successive(
            "signed = \"1990-01-01\"",
            "signed = \"1995-01-01\"\nnot_incompatible_with = [\"one\"]",
        );
        assert_eq!(
            law(&compatible),
            ["conflict A: A→B one/art. 1 | A→C two/art. 1: one prevails by SubjectTo"]
        );
    }

    #[test]
    fn a_savings_clause_makes_its_instrument_yield() {
        // A must hold B's stance (p, with B) and C's (s, with C). s "takes into account the
        // international obligations of each party": it yields, and p prevails (30(2)).
        let clauses = |saving: &str, other: &str| {
            pact("p", "binding", &["A", "B"], &[("art. 1", &align("A", "B"))])
                + other
                + &pact_with(
                    "s",
                    "binding",
                    &["A", "C"],
                    &format!("savings = [\"{saving}\"]"),
                    &[("art. 1", &align("A", "C"))],
                )
                + &position("B", "q", "support")
                + &position("C", "q", "oppose")
        };
        assert_eq!(
            law(&clauses("respects_other_obligations", "")),
            ["conflict A: A→B p/art. 1 | A→C s/art. 1: p prevails by SavingsClause"]
        );
        // "Not directed against third parties": p's obligation is owed to B, which is no
        // party to s, so s yields again.
        assert_eq!(
            law(&clauses("not_against_third_parties", "")),
            ["conflict A: A→B p/art. 1 | A→C s/art. 1: p prevails by SavingsClause"]
        );
    }

    #[test]
    fn savings_clauses_on_both_sides_cancel_out() {
        // Both p and s yield to their parties' other obligations: neither yields by 30(2),
        // and with different parties both stand (30(4)(b)).
        let entries = pact_with(
            "p",
            "binding",
            &["A", "B"],
            "savings = [\"respects_other_obligations\"]",
            &[("art. 1", &align("A", "B"))],
        ) + &pact_with(
            "s",
            "binding",
            &["A", "C"],
            "savings = [\"respects_other_obligations\"]",
            &[("art. 1", &align("A", "C"))],
        ) + &position("B", "q", "support")
            + &position("C", "q", "oppose");
        assert_eq!(
            law(&entries),
            [
                "conflict A: A→B p/art. 1 | A→C s/art. 1: unresolved by Some(DifferentParties), \
                 answerable A→B p/art. 1, A→C s/art. 1"
            ]
        );
    }

    #[test]
    fn an_attacker_bound_by_the_same_pact_loses_the_promise_made_to_it() {
        // A, B and X are parties to one pact: no fighting each other (art. 1), and assistance
        // to whoever is attacked (art. 3). X attacks B: A must fight for B and must not fight
        // X. X is bound by the same pact toward B (art. 1) and broke it: A may suspend its own
        // art. 1 obligation toward X (60(2)(b)). X's attack is a violation, with no pair.
        let entries = pact(
            "rio",
            "binding",
            &["A", "B", "X"],
            &[
                ("art. 1", "action = \"non_aggression\""),
                ("art. 3", "action = \"defend\""),
            ],
        ) + &attack("X", "B", "");
        assert_eq!(
            law(&entries),
            [
                "conflict A: A→X rio/art. 1 | A→B rio/art. 3: suspend A→X rio/art. 1 by MaterialBreach",
                "violation X: -",
            ]
        );
    }

    #[test]
    fn no_material_breach_when_the_attacker_is_not_bound_toward_its_victim() {
        // A promised X not to fight it (nap, A and X only) and B to defend it (def, A and B
        // only). X attacks B, but no instrument binds X toward B: nothing is suspended. The
        // instruments have different parties, so both bind and A stays answerable under the
        // one it breaks (30(4)(b)).
        let entries = pact(
            "nap",
            "binding",
            &["A", "X"],
            &[("art. 1", "action = \"non_aggression\"")],
        ) + &pact(
            "def",
            "binding",
            &["A", "B"],
            &[("art. 1", "action = \"defend\"")],
        ) + &attack("X", "B", "");
        assert_eq!(
            law(&entries),
            [
                "conflict A: A→B def/art. 1 | A→X nap/art. 1: unresolved by Some(DifferentParties), \
                 answerable A→B def/art. 1, A→X nap/art. 1"
            ]
        );
    }

    #[test]
    fn between_the_same_parties_the_later_treaty_prevails() {
        // `one` (1990) and `two` (1995) have the same parties, A, B and C: the later, `two`,
        // prevails (30(3)).
        assert_eq!(
            law(&successive(
                "signed = \"1990-01-01\"",
                "signed = \"1995-01-01\""
            )),
            ["conflict A: A→B one/art. 1 | A→C two/art. 1: two prevails by LexPosterior"]
        );
        // Concluded the same day (both enter into force on 2000-01-01, unsigned): neither is
        // the later, and the law leaves them unranked.
        assert_eq!(
            law(&successive("", "")),
            [
                "conflict A: A→B one/art. 1 | A→C two/art. 1: unresolved by None, \
                 answerable A→B one/art. 1, A→C two/art. 1"
            ]
        );
    }

    #[test]
    fn between_different_parties_both_bind() {
        // A must hold B's stance (p, A and B) and C's (r, A and C): different parties, so each
        // dyad is governed by its own treaty, and A stays answerable to B under p or to C
        // under r for the one it breaks (30(4)(b)). The later date changes nothing.
        let entries = pact_with(
            "p",
            "binding",
            &["A", "B"],
            "signed = \"1990-01-01\"",
            &[("art. 1", &align("A", "B"))],
        ) + &pact_with(
            "r",
            "binding",
            &["A", "C"],
            "signed = \"1995-01-01\"",
            &[("art. 1", &align("A", "C"))],
        ) + &position("B", "q", "support")
            + &position("C", "q", "oppose");
        assert_eq!(
            law(&entries),
            [
                "conflict A: A→B p/art. 1 | A→C r/art. 1: unresolved by Some(DifferentParties), \
                 answerable A→B p/art. 1, A→C r/art. 1"
            ]
        );
    }

    #[test]
    fn two_clauses_of_one_instrument_are_read_together() {
        // One treaty binds A to hold B's stance (art. 1) and C's (art. 2); no rule ranks two
        // clauses of the same instrument, which are read together in good faith (art. 31(1)).
        let entries = pact(
            "t",
            "binding",
            &["A", "B", "C"],
            &[("art. 1", &align("A", "B")), ("art. 2", &align("A", "C"))],
        ) + &position("B", "q", "support")
            + &position("C", "q", "oppose");
        assert_eq!(
            law(&entries),
            [
                "conflict A: A→B t/art. 1 | A→C t/art. 2: unresolved by None, \
                 answerable A→B t/art. 1, A→C t/art. 2"
            ]
        );
    }

    #[test]
    fn violations_and_tensions_with_a_way_out_weigh_nothing() {
        // A must hold B's stance but declared the opposite: its own act breaks one obligation,
        // and there is no second to weigh it against.
        let violation = pact("p", "binding", &["A", "B"], &[("art. 1", &align("A", "B"))])
            + &position("B", "q", "support")
            + &position("A", "q", "oppose");
        assert_eq!(law(&violation), ["violation A: -"]);
        // A must not oppose B's stance nor C's, loosely: B supports, C opposes, and neutral
        // keeps both. Nothing has to yield.
        let loose = |bound: &str, toward: &str| {
            format!(
                "action = \"align\"\nreading = \"loose\"\nbound = [\"{bound}\"]\ntoward = [\"{toward}\"]"
            )
        };
        let tension = pact("p", "binding", &["A", "B"], &[("art. 1", &loose("A", "B"))])
            + &pact("r", "binding", &["A", "C"], &[("art. 1", &loose("A", "C"))])
            + &position("B", "q", "support")
            + &position("C", "q", "oppose");
        assert_eq!(law(&tension), ["tension A: -"]);
    }
}
