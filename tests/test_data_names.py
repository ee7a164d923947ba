"""dl_notes.data.names: Faker's name lists, the seeded split, the course's vocabulary."""

import re

import numpy as np
import pytest

pytest.importorskip("faker")

from dl_notes.data.names import VOCABULARY, build_vocabulary, load_names  # noqa: E402


def test_names_are_lower_case_letters_sorted_and_distinct():
    names = load_names("all")
    assert names == sorted(set(names))
    assert all(re.fullmatch("[a-z]+", n) for n in names)
    # the en_US lists: well over a thousand names, as many as the course's 1,536 dinosaurs
    assert 1000 < len(names) < 3000
    # read from the lists themselves: both first and last names are in
    assert {"james", "mary", "smith", "johnson"} <= set(names)


def test_split_is_a_seeded_partition():
    everything = load_names("all")
    train, test = load_names("train"), load_names("test")
    assert set(train).isdisjoint(test)
    assert sorted(train + test) == everything
    assert len(test) == round(0.1 * len(everything))
    # deterministic, and another seed gives another split of the same size
    assert load_names("train") == train and load_names("test", seed=0) == test
    other = load_names("test", seed=1)
    assert len(other) == len(test) and other != test
    # a Generator is accepted as the seed
    assert load_names("test", seed=np.random.default_rng(0)) == test
    # held_out = 0: everything is training data
    assert load_names("train", held_out=0.0) == everything
    assert load_names("test", held_out=0.0) == []


def test_loader_leaves_the_global_generator_alone():
    state = np.random.get_state()[1].copy()
    load_names("train", seed=3)
    assert np.array_equal(np.random.get_state()[1], state)


def test_more_locales_add_names_ascii_only():
    en = load_names("all")
    more = load_names("all", locales=("en_US", "de_DE"))
    assert set(en) < set(more)
    assert all(re.fullmatch("[a-z]+", n) for n in more)
    assert load_names("all", locales="en_US") == en


def test_vocabulary_is_the_course_construction():
    char_to_ix, ix_to_char = build_vocabulary(load_names("all"))
    # the sorted characters of the text: newline first, then a..z, as with dinos.txt
    assert len(char_to_ix) == 27 and "".join(sorted(char_to_ix)) == VOCABULARY
    assert char_to_ix["\n"] == 0 and char_to_ix["a"] == 1 and char_to_ix["z"] == 26
    assert all(ix_to_char[i] == ch for ch, i in char_to_ix.items())
    # from one string, as the course reads the file
    assert build_vocabulary("Ab\nba\n") == ({"\n": 0, "a": 1, "b": 2}, {0: "\n", 1: "a", 2: "b"})
    # a small corpus: only its characters (and the newline)
    assert build_vocabulary(["ada", "bob"])[0] == {"\n": 0, "a": 1, "b": 2, "d": 3, "o": 4}


def test_bad_input():
    with pytest.raises(ValueError, match="load_names: unknown split 'dev'; expected one of"):
        load_names("dev")
    with pytest.raises(ValueError, match=r"held_out must be in \[0.0, 1.0\), but 1.5 was given"):
        load_names(held_out=1.5)
    with pytest.raises(ValueError, match="Faker has no person provider for locale 'xx_XX'"):
        load_names(locales=("xx_XX",))
    with pytest.raises(ValueError, match="a locale looks like 'en_US', but 'english' was given"):
        load_names(locales=("english",))
    with pytest.raises(ValueError, match="locales must be a non-empty tuple"):
        load_names(locales=())
    with pytest.raises(TypeError, match="seed must be an int or a numpy.random.Generator"):
        load_names(seed=None)
    with pytest.raises(TypeError, match="data must be a list of names"):
        build_vocabulary([1, 2])
    with pytest.raises(ValueError, match="no characters besides newlines"):
        build_vocabulary("\n\n")
