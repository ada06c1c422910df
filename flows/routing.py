"""Routing, pure: which channel a qualified lead goes to, and which AE of a group gets it.

``route(routing, flow, score, answers)`` picks the first rule that matches (the default
otherwise) and says why; ``pick(group, state, unavailable)`` shares a group's leads by
smooth weighted round robin (each member's share within one lead of its weight), skipping
the members who cannot take one. The database keeps the state; this module only decides.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pydantic import Field, field_validator, model_validator

from flows.model import Flow, Frozen, Score

_CHANNEL = re.compile(r"^[CG][A-Z0-9]{2,}$")
_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")
GROUP_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


class Member(Frozen):
    user: str
    weight: int = Field(default=1, ge=1, le=100)

    @field_validator("user")
    @classmethod
    def _user(cls, v: str) -> str:
        if not _USER.match(v):
            raise ValueError(f"'{v}' is not a Slack user ID (U…)")
        return v


class Group(Frozen):
    """AEs who share leads: round robin by weight, at most ``daily_cap`` a day each."""

    members: tuple[Member, ...]
    daily_cap: int | None = Field(default=None, ge=1, le=10_000)
    fallback: str | None = None  # the group that gets the lead when no member can

    @field_validator("members", mode="before")
    @classmethod
    def _plain_ids(cls, v: object) -> object:
        """``[U0ANA, {user: U0BEN, weight: 2}]``: a bare ID is a member of weight 1."""
        if isinstance(v, list | tuple):
            return [{"user": m} if isinstance(m, str) else m for m in v]
        return v

    @model_validator(mode="after")
    def _once_each(self) -> Group:
        if not self.members:
            raise ValueError("an empty group: list its members' Slack user IDs (U…)")
        seen = [m.user for m in self.members]
        twice = sorted({u for u in seen if seen.count(u) > 1})
        if twice:
            raise ValueError(f"{', '.join(twice)} listed twice in one group")
        return self


class When(Frozen):
    """What a rule matches; every condition given must hold (an empty one matches all)."""

    verdict: tuple[str, ...] = ()  # tier names
    flow: tuple[str, ...] = ()  # flow ids
    score_min: int | None = Field(default=None, ge=0)
    score_max: int | None = Field(default=None, ge=0)
    answers: dict[str, tuple[str, ...]] = {}  # question id -> choice ids, any of them

    @field_validator("verdict", "flow", mode="before")
    @classmethod
    def _one_or_many(cls, v: object) -> object:
        return [v] if isinstance(v, str) else v

    @field_validator("answers", mode="before")
    @classmethod
    def _answer_lists(cls, v: object) -> object:
        if isinstance(v, dict):
            return {k: [c] if isinstance(c, str) else c for k, c in v.items()}
        return v

    @model_validator(mode="after")
    def _range(self) -> When:
        if self.score_min is not None and self.score_max is not None \
                and self.score_min > self.score_max:
            raise ValueError(f"score_min {self.score_min} is above score_max {self.score_max}")
        return self


def _channel_id(v: str | None) -> str | None:
    if v is not None and not _CHANNEL.match(v):
        raise ValueError(f"'{v}' is not a channel ID (C… or G…; a #name will not do)")
    return v


class Rule(Frozen):
    name: str = Field(default="", max_length=80)
    when: When = When()
    channel: str | None = None  # None: SALES_CHANNEL
    assign: str | None = None  # a group's name; None: the first to claim it
    accept_within_minutes: float | None = Field(default=None, gt=0)  # else reassigned
    reassign_at_most: int = Field(default=2, ge=0, le=20)  # then escalated

    @field_validator("channel")
    @classmethod
    def _channel(cls, v: str | None) -> str | None:
        return _channel_id(v)


class Routing(Frozen):
    """``config/routing.yaml``: the groups, the rules in order, and the default."""

    groups: dict[str, Group] = {}
    rules: tuple[Rule, ...] = ()
    default: Rule = Rule(name="default")
    # Also skip members whose Slack presence is away (users.getPresence, every minute).
    # Members who left the workspace are skipped whatever this says.
    presence: bool = False
    # The workspace (T…) the rules are for: its channels and AEs are that team's. Required
    # when Qualibot serves many workspaces; every other team's leads go to its own sales
    # channel, for the first to claim them.
    team: str | None = None

    def serves(self, team_id: str | None) -> bool:
        """Whether the rules route the leads of ``team_id``."""
        return self.team is None or self.team == team_id

    @property
    def members(self) -> list[str]:
        """Everyone in any group, each once."""
        return list(dict.fromkeys(m.user for g in self.groups.values() for m in g.members))

    def fallbacks(self, group: str) -> list[str]:
        """The group, then its fallback, and so on."""
        chain: list[str] = []
        at: str | None = group
        while at is not None and at in self.groups and at not in chain:
            chain.append(at)
            at = self.groups[at].fallback
        return chain


# -- which rule -------------------------------------------------------------------------
@dataclass(frozen=True)
class Decision:
    """The rule a lead matched: where it goes, who shares it, and why."""

    rule: int  # 1-based position in the rules; 0 for the default
    channel: str | None  # None: SALES_CHANNEL
    group: str | None
    why: str  # "rule 2 (size: $50,000 or more)"
    accept_within_minutes: float | None = None
    reassign_at_most: int = 0


def matches(when: When, score: Score, answers: Mapping[str, str]) -> bool:
    if when.verdict and score.verdict not in when.verdict:
        return False
    if when.flow and score.flow_id not in when.flow:
        return False
    if when.score_min is not None and score.total < when.score_min:
        return False
    if when.score_max is not None and score.total > when.score_max:
        return False
    return all(answers.get(q) in choices for q, choices in when.answers.items())


def describe_when(when: When, flow: Flow | None = None) -> str:
    """The conditions in words: "size: $50,000 or more · score ≥ 22"."""
    parts = []
    for question_id, choices in when.answers.items():
        question = flow.question(question_id) if flow else None
        labels = []
        for c in choices:
            choice = question.choice(c) if question else None
            labels.append(choice.summary_label if choice else c)
        parts.append(f"{question_id}: {' or '.join(labels)}")
    if when.verdict:
        parts.append(" or ".join(when.verdict))
    if when.flow:
        parts.append("flow " + " or ".join(when.flow))
    if when.score_min is not None:
        parts.append(f"score ≥ {when.score_min}")
    if when.score_max is not None:
        parts.append(f"score ≤ {when.score_max}")
    return " · ".join(parts)


def route(routing: Routing, flow: Flow | None, score: Score,
          answers: Mapping[str, str]) -> Decision:
    """The first rule the lead matches, else the default."""
    for i, rule in enumerate(routing.rules, start=1):
        if matches(rule.when, score, answers):
            said = rule.name or describe_when(rule.when, flow) or "every lead"
            return Decision(i, rule.channel, rule.assign, f"rule {i} ({said})",
                            rule.accept_within_minutes, rule.reassign_at_most)
    d = routing.default
    return Decision(0, d.channel, d.assign, "the default rule", d.accept_within_minutes,
                    d.reassign_at_most)


# -- which AE ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Pick:
    user: str
    state: dict[str, int]  # the group's round-robin state after this pick


def pick(group: Group, state: Mapping[str, int], unavailable: Sequence[str] | set[str] = ()
         ) -> Pick | None:
    """Smooth weighted round robin (nginx's) over the members who can take a lead: each
    gains its weight, the highest (first in the list on a tie) is picked and pays back the
    total. Over n picks each member gets within one lead of n × weight / total weights.
    None when nobody can take it."""
    eligible = [m for m in group.members if m.user not in unavailable]
    if not eligible:
        return None
    current = {m.user: state.get(m.user, 0) for m in group.members}
    for m in eligible:
        current[m.user] += m.weight
    chosen = max(eligible, key=lambda m: current[m.user])  # max keeps the first of equals
    current[chosen.user] -= sum(m.weight for m in eligible)
    return Pick(chosen.user, current)


def headline(decision: Decision, channel: str) -> str:
    """The rule and where it sent the lead: "rule 2 (size: $50,000 or more) → <#C0ENT>"."""
    return f"{decision.why} → <#{channel}>"


def assigned_why(head: str, user: str | None, *, how: str = "round robin",
                 today: int | None = None, cap: int | None = None, note: str = "") -> str:
    """The explanation on the card and in the export: "rule 2 (size: $50,000 or more) →
    <#C0ENT>: assigned to <@U0ANA> (round robin, 3 of 8 today)"."""
    if user is None:
        return f"{head}: open to the first to claim it" + (f" ({note})" if note else "")
    counted = f"{today} of {cap} today" if cap is not None and today is not None \
        else (f"{today} today" if today is not None else "")
    detail = ", ".join(x for x in (how, counted, note) if x)
    return f"{head}: assigned to <@{user}> ({detail})"


@dataclass(frozen=True)
class Placement:
    """Where a qualified lead goes and to whom, as stored with its verdict."""

    channel: str
    assigned_to: str | None
    why: str  # the whole explanation
    head: str  # its first part: the rule and the channel
    rule: int
    rule_group: str | None  # the rule's group (reassignments start there again)
    group: str | None  # the group the AE was picked from
    window: float | None  # minutes to accept before it moves on
    most: int  # reassignments before it is escalated

    def record(self) -> dict[str, object]:
        """As stored in ``handoffs.route``."""
        return {"rule": self.rule, "rule_group": self.rule_group, "group": self.group,
                "why": self.why, "head": self.head, "window": self.window,
                "most": self.most, "tried": [], "passes": []}
