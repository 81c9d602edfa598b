//! `defend`: assist the beneficiary if it is attacked.
//!
//! | clause | constraint on the bound party A toward beneficiary B |
//! |---|---|
//! | defend, B attacked by X (X among named adversaries, if any; not if B provoked it, where the clause says so) | A fights on B's side |
//!
//! A defence clause is not triggered by its beneficiary's own attack: who attacked whom
//! decides. A prohibition ("shall not assist") reads as: A does not fight on B's side in a
//! war B is a principal of.
//!
//! # Source in law
//!
//! UN Charter art. 51 (collective self-defence); e.g. North Atlantic Treaty art. 5,
//! Collective Security Treaty art. 4.

use super::{Instance, IssueView, NormInfo, adversary_named, war_event};
use crate::engine::constraint::{Constraint, Item, Rule, Val, Var};
use crate::finding::Relation;
use crate::model::Modality;

pub(crate) const INFO: NormInfo = NormInfo {
    action: "defend",
    code: "allegiance::norm::defend",
    summary: "when the beneficiary is attacked, the bound party fights on its side",
};

pub(super) fn lower(
    issue: &IssueView<'_>,
    it: &Instance<'_>,
    present: &dyn Fn(Item) -> bool,
    acc: &mut Vec<Constraint>,
) {
    let Some((war, event)) = war_event(issue, present) else {
        return;
    };
    let (attacker, victim) = issue.principals.unzip();
    let norm = &it.clause.norm;
    let items = vec![it.item(), event];
    match norm.modality {
        Modality::Obligation => {
            let provoked = norm.unless_provoked && war.provoked == Some(true);
            if it.beneficiary == war.victim && adversary_named(attacker, it.clause) && !provoked {
                let rule = Rule::Fix(Var::Fight(it.bound), Val::Minus);
                acc.push(it.constraint(rule, items, it.beneficiary, Relation::FightFor));
            }
        }
        Modality::Prohibition => not_on_side(it, war, attacker, victim, items, acc),
        Modality::Permission => {}
    }
}

/// A prohibition to assist: the bound party does not fight on the beneficiary's side.
pub(super) fn not_on_side(
    it: &Instance<'_>,
    war: crate::engine::snapshot::WarOn,
    attacker: Option<&crate::model::PartyId>,
    victim: Option<&crate::model::PartyId>,
    items: Vec<Item>,
    acc: &mut Vec<Constraint>,
) {
    let side = if it.beneficiary == war.attacker && adversary_named(victim, it.clause) {
        Val::Plus
    } else if it.beneficiary == war.victim && adversary_named(attacker, it.clause) {
        Val::Minus
    } else {
        return;
    };
    let rule = Rule::Exclude(Var::Fight(it.bound), side);
    acc.push(it.constraint(rule, items, it.beneficiary, Relation::NotFightFor));
}
