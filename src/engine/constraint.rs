//! The constraint vocabulary: variables, values, constraints, and the items (clauses,
//! positions, events) each constraint rests on.

use crate::finding::Relation;

/// A party, by its rank in id order on the snapshot (so that every tie is broken by ids, not
/// by the order of the file).
pub(crate) type Node = u32;

/// A position variable of one party on the issue being solved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Var {
    /// Its stance: support / neutral / oppose.
    Stance(Node),
    /// On a war issue, its belligerence: attacker's side / out / victim's side.
    Fight(Node),
}

impl Item {
    /// The item of a clause between two parties, in either order.
    pub(crate) fn clause(rank: u32, one: Node, other: Node) -> Item {
        Item::Clause(rank, one.min(other), one.max(other))
    }

    /// The clause's rank, for a clause.
    pub(crate) fn rank(self) -> Option<u32> {
        match self {
            Item::Clause(rank, ..) => Some(rank),
            Item::Position(_) | Item::Event(_) => None,
        }
    }
}

impl Var {
    pub(crate) fn node(self) -> Node {
        match self {
            Var::Stance(node) | Var::Fight(node) => node,
        }
    }
}

/// A value of a variable. For a stance: support, neutral, oppose. For belligerence: the
/// attacker's side, out, the victim's side. Fighting on the attacker's side implies support,
/// on the victim's side oppose, so the two share one three-valued type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Val {
    /// Support; the attacker's side.
    Plus,
    /// Neutral; out of the war.
    Zero,
    /// Oppose; the victim's side.
    Minus,
}

impl Val {
    /// The three values, in order.
    pub(crate) const ALL: [Val; 3] = [Val::Plus, Val::Zero, Val::Minus];

    pub(crate) fn opposite(self) -> Option<Val> {
        match self {
            Val::Plus => Some(Val::Minus),
            Val::Minus => Some(Val::Plus),
            Val::Zero => None,
        }
    }

    pub(crate) fn is_opposite(self, other: Val) -> bool {
        self.opposite() == Some(other)
    }

    /// The value as one bit of a set of values (`u8`).
    pub(crate) fn bit(self) -> u8 {
        match self {
            Val::Plus => 1,
            Val::Zero => 2,
            Val::Minus => 4,
        }
    }

    pub(crate) fn stance(self) -> crate::model::Stance {
        match self {
            Val::Plus => crate::model::Stance::Support,
            Val::Zero => crate::model::Stance::Neutral,
            Val::Minus => crate::model::Stance::Oppose,
        }
    }

    pub(crate) fn of_stance(stance: crate::model::Stance) -> Val {
        match stance {
            crate::model::Stance::Support => Val::Plus,
            crate::model::Stance::Neutral => Val::Zero,
            crate::model::Stance::Oppose => Val::Minus,
        }
    }
}

/// Something a constraint rests on. Removing an item removes every constraint that rests on
/// it; witnesses are minimal sets of items.
///
/// Each holds a rank in id order (clauses by instrument id then label, positions by party,
/// issue and date, events by id), so sorting items sorts them by ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Item {
    /// A clause between two parties (the lower node first): every instance of the clause
    /// binding one of them toward the other. A witness is minimal in these, so a collective
    /// pact is cut down to the pairs that matter.
    Clause(u32, Node, Node),
    /// A declared position.
    Position(u32),
    /// An event.
    Event(u32),
}

/// The items a constraint rests on: none, one or two, held inline so that constraints are
/// `Copy` and a check of a thousand hypothetical wars allocates nothing per constraint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Items {
    len: u8,
    at: [Item; 2],
}

impl Items {
    /// No item: a constraint added by the engine itself (a stance tried for a way out).
    pub(crate) const NONE: Items = Items {
        len: 0,
        at: [Item::Event(0); 2],
    };

    /// One item.
    pub(crate) fn one(item: Item) -> Items {
        Items {
            len: 1,
            at: [item, item],
        }
    }

    /// Two items.
    pub(crate) fn two(first: Item, second: Item) -> Items {
        Items {
            len: 2,
            at: [first, second],
        }
    }

    /// The items, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Item> {
        self.at.iter().take(usize::from(self.len))
    }
}

/// What a constraint requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    /// The variable has this value (a declared position, an event, a duty to fight).
    Fix(Var, Val),
    /// The variable does not have this value.
    Exclude(Var, Val),
    /// Two stances are the same (strict alignment).
    Same(Node, Node),
    /// Two variables of one kind are not opposite (loose alignment; non-aggression).
    NotOpposite(Var, Var),
}

/// One constraint, the items it rests on, and how to tell it in a witness's chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Constraint {
    pub rule: Rule,
    /// The items it rests on: its clause, and the event or position that triggered it.
    pub items: Items,
    /// For the chain: the party the constraint comes from (the beneficiary of a clause, the
    /// party whose declared stance binds), and the relation it imposes.
    pub tell: Tell,
}

/// How a constraint reads as a step of a witness's chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tell {
    /// The party the requirement comes from, when it is another party.
    pub from: Option<Node>,
    /// The relation of the step.
    pub relation: Option<Relation>,
    /// The clause behind it, when there is one.
    pub clause: Option<u32>,
    /// The party the clause binds at this step.
    pub bound: Option<Node>,
    /// The party whose own act or position this is, for facts.
    pub actor: Option<Node>,
}

impl Tell {
    pub(crate) const FACT: Tell = Tell {
        from: None,
        relation: None,
        clause: None,
        bound: None,
        actor: None,
    };
}
