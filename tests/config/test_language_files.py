"""Language files (config/languages/<code>.yaml) add their words to the vocabulary's concepts;
a concept that does not exist or a bad shape stops start-up with the file and line."""
from __future__ import annotations

from pathlib import Path

import pytest

from config.loader import VOCABULARY_FILE, ConfigError, load_vocabulary


def languages(tmp_path: Path, text: str, name: str = "xx.yaml") -> Path:
    folder = tmp_path / "languages"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(ConfigError) as e:
        load_vocabulary(VOCABULARY_FILE, folder)
    return [str(p) for p in e.value.problems]


def test_a_language_file_adds_its_words_to_the_concepts(tmp_path: Path) -> None:
    folder = languages(tmp_path, 'no_budget:\n  phrases: ["zz geen geld"]\n'
                                 'decision_maker:\n  titles: ["zz baas"]\n')
    vocabulary = load_vocabulary(VOCABULARY_FILE, folder)
    assert "zz geen geld" in vocabulary.concepts["no_budget"].phrases
    assert "no budget" in vocabulary.concepts["no_budget"].phrases  # the shipped words stay
    assert "zz baas" in vocabulary.concepts["decision_maker"].titles
    assert {"zz", "geen", "geld"} <= vocabulary.foreign["no_budget"]


def test_an_unknown_concept_is_refused_at_its_line(tmp_path: Path) -> None:
    folder = languages(tmp_path, '# Dutch\nneed:\n  phrases: ["nodig"]\nbudgett:\n'
                                 '  phrases: ["geld"]\n')
    (found,) = problems(folder)
    assert found.startswith(f"{folder / 'xx.yaml'}:4: budgett: 'budgett' is not a concept of "
                            "the vocabulary (")


@pytest.mark.parametrize(("text", "line", "where", "message"), [
    ('need:\n  phrase: ["nodig"]\n', 2, "need.phrase", "Extra inputs are not permitted"),
    ('need:\n  phrases: "nodig"\n', 2, "need.phrases", "Input should be a valid tuple"),
    ('need: ["nodig"]\n', 1, "need", "Input should be a valid dictionary"),
    ('- need\n', 1, "", "expected a mapping of concept names"),
    ('need:\n  phrases: ["nodig"\n', 3, "", "not valid YAML"),
])
def test_a_bad_shape_is_refused_with_its_line(tmp_path: Path, text: str, line: int, where: str,
                                              message: str) -> None:
    folder = languages(tmp_path, text)
    (found,) = problems(folder)
    at = f"{folder / 'xx.yaml'}:{line}: " + (f"{where}: " if where else "")
    assert found.startswith(at + message), found


def test_a_file_of_only_comments_loads(tmp_path: Path) -> None:
    folder = languages(tmp_path, "# our own language, to fill in\n")
    assert load_vocabulary(VOCABULARY_FILE, folder).concepts == load_vocabulary(
        VOCABULARY_FILE, None).concepts


def test_a_file_not_in_utf8_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "languages"
    folder.mkdir()
    (folder / "xx.yaml").write_bytes('need:\n  phrases: ["bisogno è"]\n'.encode("latin-1"))
    (found,) = problems(folder)
    assert found == f"{folder / 'xx.yaml'}:2: not UTF-8 text: save it as UTF-8"


def test_the_shipped_language_files_load() -> None:
    vocabulary = load_vocabulary()
    assert "presupuesto aprobado" in vocabulary.concepts["funded"].phrases
    assert "社長" in vocabulary.concepts["decision_maker"].titles
