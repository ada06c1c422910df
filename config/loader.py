"""Load the shipped YAML data into ``flows``' models, failing with file and line.

Every problem becomes a :class:`ConfigError` naming the file, the line, the key
and what is wrong, e.g.::

    config/flows/bant.yaml:42: questions[3].choices[1].points: Field required
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from flows.glossary import Glossary
from flows.model import Flow, Kind
from flows.reading import read_reply
from flows.reading.lexicon import Concept, Language, Vocabulary
from flows.routing import GROUP_NAME, Routing, Rule
from flows.text import tokens

DATA_DIR = Path(__file__).resolve().parent
FLOWS_DIR = DATA_DIR / "flows"
GLOSSARY_FILE = DATA_DIR / "glossary.yaml"
VOCABULARY_FILE = DATA_DIR / "vocabulary.yaml"
LANGUAGES_DIR = DATA_DIR / "languages"  # <code>.yaml: a language's words for the concepts
DEFAULT_FLOW = "bant"

M = TypeVar("M", bound=BaseModel)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's when built with it: 10x


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    where: str  # the key path, e.g. questions[2].choices[0].points
    message: str

    def __str__(self) -> str:
        at = f"{self.file}:{self.line}" if self.line else self.file
        return f"{at}: {self.where + ': ' if self.where else ''}{self.message}"


class ConfigError(Exception):
    """One or more problems in the shipped data; ``str()`` lists them, one a line."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _node_at(node: yaml.Node, loc: tuple[Any, ...]) -> yaml.Node:
    """The deepest YAML node along a pydantic error location."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
            if child is None:
                return node
            node = child
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return node
            node = node.value[part]
        else:
            return node
    return node


def _question_named(root: yaml.Node, message: str) -> tuple[Any, ...]:
    """``("questions", i)`` for the question the message is about: the one quoted first."""
    questions = _node_at(root, ("questions",))
    if not isinstance(questions, yaml.SequenceNode):
        return ()
    quoted = []
    for i, q in enumerate(questions.value):
        if isinstance(q, yaml.MappingNode):
            qid = next((v.value for k, v in q.value if k.value == "id"), None)
            if qid and f"'{qid}'" in message:
                quoted.append((message.index(f"'{qid}'"), i))
    return ("questions", min(quoted)[1]) if quoted else ()


def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_model(path: Path, model: type[M], *, display: str | None = None) -> M:
    """Parse ``path`` as YAML and validate it as ``model``."""
    return _load(path, model, display=display)[0]


def _load(path: Path, model: type[M], *, display: str | None = None,
          expected: str = "expected a mapping of keys (id, name, …)") -> tuple[M, yaml.Node]:
    """The model and the YAML nodes it came from (for the lines of later checks)."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError([Problem(name, None, "", f"cannot read the file: {e.strerror}")]) from e
    except UnicodeDecodeError as e:
        line = e.object[:e.start].count(b"\n") + 1
        raise ConfigError([Problem(name, line, "", "not UTF-8 text: save it as UTF-8")]) from e
    try:
        root = yaml.compose(text, Loader=_LOADER)
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 -- a safe loader
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise ConfigError([Problem(name, line, "", f"not valid YAML: {e.problem}")]) from e
    if root is None or not isinstance(data, dict):
        raise ConfigError([Problem(name, 1, "", expected)])
    try:
        return model.model_validate(data), root
    except ValidationError as e:
        problems = []
        errors = e.errors()
        deeper = [tuple(x["loc"]) for x in errors]
        for err in errors:
            loc = tuple(p for p in err["loc"]
                        if not isinstance(p, str) or not p.startswith("function-"))
            if err["type"] == "too_short" and any(
                    len(d) > len(err["loc"]) and d[:len(err["loc"])] == tuple(err["loc"])
                    for d in deeper):
                continue  # a list judged too short only because an item inside failed
            msg = err["msg"].removeprefix("Value error, ")
            if not loc:  # a whole-flow check: point at the question it names, if it does
                loc = _question_named(root, msg)
            if "more than one choice" in msg and len(loc) == 2:
                loc = (*loc, "choices")  # a phrase of two choices: at the choices
            node = _node_at(root, loc)
            problems.append(Problem(name, node.start_mark.line + 1, _where(loc), msg))
        raise ConfigError(problems) from e


def load_vocabulary(path: Path = VOCABULARY_FILE,
                    languages: Path | None = LANGUAGES_DIR) -> Vocabulary:
    """The sales vocabulary, with the words of each language file in ``languages`` added to
    its concepts."""
    vocabulary = load_model(path, Vocabulary, display=_display(path))
    if languages is None or not languages.is_dir():
        return vocabulary
    concepts = dict(vocabulary.concepts)
    problems: list[Problem] = []
    for file in sorted(languages.glob("*.yaml")):
        try:
            words = _language(file, vocabulary)
        except ConfigError as e:
            problems += e.problems
            continue
        for name, more in words.items():
            have = concepts[name]
            concepts[name] = Concept(**{k: tuple(dict.fromkeys((*getattr(have, k),
                                                                  *getattr(more, k))))
                                        for k in ("phrases", "keywords", "titles")})
    if problems:
        raise ConfigError(problems)
    foreign = {name: _words_of([c]) - _words_of([vocabulary.concepts[name]])
               for name, c in concepts.items() if c is not vocabulary.concepts[name]}
    return vocabulary.model_copy(update={"concepts": concepts, "foreign": foreign})


def _words_of(concepts: Iterable[Concept]) -> frozenset[str]:
    return frozenset(w for c in concepts for text in (*c.phrases, *c.keywords, *c.titles)
                     for w in tokens(text))


def _language(path: Path, vocabulary: Vocabulary) -> dict[str, Concept]:
    """One language file: concept name -> its words; a name the vocabulary has no concept
    of is a problem at its line."""
    name = _display(path)
    try:
        if yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER) is None:
            return {}  # nothing but comments yet
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        pass  # said with its line below
    language, root = _load(path, Language, display=name, expected=(
        "expected a mapping of concept names (yes, no, decision_maker, …) to their words"))
    problems = [Problem(name, key.start_mark.line + 1, str(key.value),
                        f"'{key.value}' is not a concept of the vocabulary ("
                        + ", ".join(sorted(vocabulary.concepts)) + ")")
                for key, _ in root.value if key.value not in vocabulary.concepts]
    if problems:
        raise ConfigError(problems)
    return language.root


def load_flow(path: Path, vocabulary: Vocabulary | None = None, *,
              display: str | None = None, check_examples: bool = True) -> Flow:
    """One flow file, its choices given the words of the vocabulary concepts they
    ``mean``, and each of its ``examples`` read as its choice (else a problem at its line)."""
    name = display or _display(path)
    flow, root = _load(path, Flow, display=name)
    vocabulary = vocabulary if vocabulary is not None else load_vocabulary()
    flow, problems = _with_vocabulary(flow, vocabulary, root, name)
    if not problems and check_examples:
        problems = _examples(flow, root, name)
    if problems:
        raise ConfigError(problems)
    return flow


def _line(root: yaml.Node, loc: tuple[Any, ...]) -> int:
    return _node_at(root, loc).start_mark.line + 1


def _with_vocabulary(flow: Flow, vocabulary: Vocabulary, root: yaml.Node,
                     name: str) -> tuple[Flow, list[Problem]]:
    problems: list[Problem] = []
    questions = []
    for qi, q in enumerate(flow.questions):
        choices = []
        for ci, c in enumerate(q.choices):
            words: dict[str, list[str]] = {"phrases": list(c.phrases),
                                           "keywords": list(c.keywords),
                                           "titles": list(c.titles)}
            means = list(c.means)
            if q.kind is Kind.YES_NO and c.id not in means and c.id in vocabulary.concepts:
                means.append(c.id)  # a yes/no question's "yes" means yes
            for mi, concept_name in enumerate(means):
                concept = vocabulary.concepts.get(concept_name)
                if concept is None:
                    loc = ("questions", qi, "choices", ci, "means", mi)
                    problems.append(Problem(name, _line(root, loc), _where(loc),
                                            f"'{concept_name}' is not a concept of the "
                                            "vocabulary (" + ", ".join(sorted(vocabulary.concepts))
                                            + ")"))
                    continue
                words["phrases"] += concept.phrases
                words["keywords"] += concept.keywords
                words["titles"] += concept.titles
            choices.append(c.model_copy(update={k: tuple(dict.fromkeys(v))
                                                for k, v in words.items()}))
        cues = tuple(dict.fromkeys((*q.cues, *vocabulary.cues.get(q.criterion, ()))))
        own = {w for c in q.choices for text in (c.label, *c.aliases, *c.phrases, *c.keywords,
                                                 *c.titles) for w in tokens(text)}
        meant = {m for c in q.choices for m in (*c.means, c.id) if m in vocabulary.concepts}
        added = {w for m in meant for w in vocabulary.foreign.get(m, ())}
        english = {w for m in meant
                   for w in _words_of([vocabulary.concepts[m]]) - vocabulary.foreign.get(m, set())}
        foreign = sorted(added - english - own)
        try:
            # Validated again: a phrase that the vocabulary now gives to two choices.
            questions.append(type(q).model_validate(
                {**q.model_dump(), "choices": [c.model_dump() for c in choices], "cues": cues,
                 "foreign": foreign}))
        except ValidationError as e:
            for err in e.errors():
                loc = ("questions", qi, "choices") if any(c.means for c in q.choices) \
                    else ("questions", qi)
                problems.append(Problem(name, _line(root, loc), _where(loc),
                                        err["msg"].removeprefix("Value error, ")))
            questions.append(q)
    resolved = flow.model_copy(update={"questions": tuple(questions),
                                       "fiscal_year_start": vocabulary.fiscal_year_start})
    return resolved, problems


def _examples(flow: Flow, root: yaml.Node, name: str) -> list[Problem]:
    """Each example must read as its own choice (surely, or proposed for a click)."""
    problems = []
    today = date.today()
    for qi, q in enumerate(flow.questions):
        if q.kind is Kind.TEXT:
            continue
        for ci, c in enumerate(q.choices):
            for ei, example in enumerate(c.examples):
                reading = read_reply(q, example, today=today,
                                     fiscal_year_start=flow.fiscal_year_start)
                if reading.choice is not None and reading.choice.id == c.id:
                    continue
                got = (f"read as '{reading.choice.id}' ({reading.confidence})" if reading.choice
                       else "not read as any answer")
                loc = ("questions", qi, "choices", ci, "examples", ei)
                problems.append(Problem(name, _line(root, loc), _where(loc),
                                        f"example {example!r} of '{q.id}.{c.id}' is {got}"))
    return problems


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_flows(directory: Path = FLOWS_DIR, *, check_examples: bool = True) -> dict[str, Flow]:
    """Every ``*.yaml`` flow in ``directory``, by id; the default flow must be there."""
    flows: dict[str, Flow] = {}
    problems: list[Problem] = []
    files = sorted(directory.glob("*.yaml"))
    vocabulary = load_vocabulary()
    for path in files:
        try:
            flow = load_flow(path, vocabulary, display=_display(path),
                             check_examples=check_examples)
        except ConfigError as e:
            problems += e.problems
            continue
        if flow.id in flows:
            problems.append(Problem(_display(path), None, "id",
                                    f"flow id '{flow.id}' is used twice"))
        flows[flow.id] = flow
    if not problems and DEFAULT_FLOW not in flows:
        problems.append(Problem(_display(directory), None, "", f"no flow with id '{DEFAULT_FLOW}' "
                                "(the default flow) among the flow files"))
    if problems:
        raise ConfigError(problems)
    return flows


def load_glossary(path: Path = GLOSSARY_FILE) -> Glossary:
    return load_model(path, Glossary, display=_display(path))


ROUTING_FILE = DATA_DIR / "routing.yaml"


def load_routing(path: Path, flows: dict[str, Flow]) -> Routing:
    """``routing.yaml``, checked against the flows it routes: every flow, tier, question,
    answer and group a rule names must exist (else a problem at its line)."""
    name = _display(path)
    routing, root = _load(path, Routing, display=name)
    problems: list[Problem] = []

    def problem(loc: tuple[Any, ...], message: str) -> None:
        problems.append(Problem(name, _line(root, loc), _where(loc), message))

    for group_name, group in routing.groups.items():
        if not GROUP_NAME.match(group_name):
            problem(("groups", group_name), f"group name '{group_name}': use lower case "
                    "letters, digits, - and _")
        if group.fallback is not None and group.fallback not in routing.groups:
            problem(("groups", group_name, "fallback"),
                    f"'{group.fallback}' is not a group ({', '.join(sorted(routing.groups))})")
        elif group.fallback is not None:
            chain, at = [group_name], group.fallback
            while at is not None and at not in chain:
                chain.append(at)
                at = routing.groups[at].fallback if at in routing.groups else None
            if at is not None:
                problem(("groups", group_name, "fallback"),
                        "the fallbacks go round in a circle: " + " → ".join([*chain, at]))
    located = [(("rules", i), rule) for i, rule in enumerate(routing.rules)]
    if any(k.value == "default" for k, _ in getattr(root, "value", ())):
        located.append((("default",), routing.default))
    for loc, rule in located:
        _check_rule(rule, loc, flows, routing, problem)
    if problems:
        raise ConfigError(problems)
    return routing


def _check_rule(rule: Rule, loc: tuple[Any, ...], flows: dict[str, Flow], routing: Routing,
                problem: Any) -> None:
    when = rule.when
    for i, flow_id in enumerate(when.flow):
        if flow_id not in flows:
            problem((*loc, "when", "flow", i) if len(when.flow) > 1 else (*loc, "when", "flow"),
                    f"'{flow_id}' is not a flow ({', '.join(sorted(flows))})")
    scope = [flows[f] for f in when.flow if f in flows] or list(flows.values())
    tiers = {t.name for f in scope for t in f.verdicts}
    for verdict in when.verdict:
        if verdict not in tiers:
            problem((*loc, "when", "verdict"),
                    f"'{verdict}' is not a verdict of {_which(when.flow)} "
                    f"({', '.join(sorted(tiers))})")
    for question_id, choices in when.answers.items():
        asking = [f for f in scope if f.question(question_id) is not None]
        if not asking:
            problem((*loc, "when", "answers", question_id),
                    f"'{question_id}' is not a question of {_which(when.flow)}")
            continue
        offered = {c.id for f in asking for q in [f.question(question_id)] if q is not None
                   for c in q.choices}
        for choice_id in choices:
            if choice_id not in offered:
                problem((*loc, "when", "answers", question_id),
                        f"'{choice_id}' is not an answer of '{question_id}' "
                        f"({', '.join(sorted(offered))})")
    if rule.assign is not None and rule.assign not in routing.groups:
        problem((*loc, "assign"), f"'{rule.assign}' is not a group"
                + (f" ({', '.join(sorted(routing.groups))})" if routing.groups
                   else " (the file has no groups)"))


def _which(flow_ids: tuple[str, ...]) -> str:
    return "flow " + " or ".join(f"'{f}'" for f in flow_ids) if flow_ids else "any flow"
