r"""Person names from Faker's lists: the corpus of the character-level language model.

Taught in: Course 5, week 1: the lab W1A2 ·
[Character-level language model](../../course5/labs/w1a2-character-level-language-model.ipynb),
where they stand in for the course's dinosaur names. What they replace, and why the lesson
survives, is on the [data page](../data.md).

The course trains its model on `dinos.txt`, 1,536 dinosaur names, one a line, read in lower
case. The file cannot be redistributed here, so
[`load_names`][dl_notes.data.names.load_names] reads a list of the same kind and size from
the installed [Faker](https://faker.readthedocs.io) package (MIT license): the static first-
and last-name lists of its `en_US` person provider, 1,584 distinct names once lower-cased
(Faker 40.63, the version pinned in `requirements/lock.txt`), each made of the letters a to z
only. Other locales can be added; their names are kept only if they are plain ASCII letters.
Nothing is generated with Faker's random functions (their output changes between versions):
only the lists are read, then sorted, and a seeded NumPy generator splits them.

[`build_vocabulary`][dl_notes.data.names.build_vocabulary] makes the course's two
dictionaries, `char_to_ix` and `ix_to_char`, the way the course does: the sorted set of
characters in the text, so index 0 is `"\n"` (the end-of-name character) and `a`..`z` are
1..26.

| name | type |
|---|---|
| `load_names(split="train")` | list of str, lower case, e.g. `"madison"` |
| `char_to_ix` | dict str -> int, 27 entries: `{"\n": 0, "a": 1, ..., "z": 26}` |
| `ix_to_char` | dict int -> str, the inverse |
"""

from __future__ import annotations

import re

import numpy as np

from dl_notes._checks import as_rng, check_choice, check_interval
from dl_notes.data._common import _require

__all__ = ["VOCABULARY", "load_names", "build_vocabulary"]

VOCABULARY = "\nabcdefghijklmnopqrstuvwxyz"
"""The 27 characters of the names corpus in index order: `"\n"` (end of name) first, as in the
course's sorted vocabulary, then `a`..`z`."""

_SPLITS = ("train", "test", "all")
_ATTRIBUTES = (  # the static lists of a Faker person provider; some locales lack some of them
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
    "last_names",
    "last_names_male",
    "last_names_female",
)
_LETTERS = re.compile(r"[a-z]+")


def _faker_names(locale):
    """The distinct lower-case a-z names of one Faker locale's person provider (a set)."""
    _require("faker", "faker")
    import importlib

    where = "load_names"
    if not isinstance(locale, str) or not re.fullmatch(r"[a-z]{2,3}(_[A-Za-z]{2,4})?", locale):
        raise ValueError(f"{where}: a locale looks like 'en_US', but {locale!r} was given.")
    try:
        module = importlib.import_module(f"faker.providers.person.{locale}")
    except ModuleNotFoundError:
        raise ValueError(
            f"{where}: Faker has no person provider for locale {locale!r}; "
            "see faker.providers.person for the list (e.g. 'en_US', 'en_GB', 'de_DE')."
        ) from None
    provider = module.Provider
    names = set()
    for attribute in _ATTRIBUTES:
        values = getattr(provider, attribute, ())
        if not isinstance(values, (dict, tuple, list)):  # a few locales compute a list
            continue
        for name in values:  # a dict of name -> frequency, or a tuple / list of names
            if isinstance(name, str) and _LETTERS.fullmatch(name.lower()):
                names.add(name.lower())
    return names


# --8<-- [start:load_names]
def load_names(split="train", seed=0, held_out=0.1, locales=("en_US",)):
    r"""Lower-case person names from Faker's lists, split once into training and held-out names.

    The distinct names of the chosen locales (letters a to z only, lower-cased) are sorted,
    shuffled with `seed`, and the first `round(held_out * n)` of them are the held-out
    (`"test"`) names; the rest are the training names. The same arguments always give the same
    lists, whatever order Faker keeps its names in.

    With the defaults (`en_US`, Faker 40.63): 1,584 names, 1,426 to train on and 158 held out.
    Lengths run from 2 to 11 letters, 6.0 on average (dinosaur names: about 12).

    Source: Faker's static name lists (`faker.providers.person.<locale>.Provider`), MIT license.

    Parameters
    ----------
    split : {"train", "test", "all"}, default "train"
        Which names: the training names, the held-out names, or all of them (sorted).
    seed : int or numpy.random.Generator, default 0
        Seed of the split.
    held_out : float, default 0.1
        Share of the names held out, in $[0, 1)$.
    locales : tuple of str, default ("en_US",)
        Faker locales whose person lists to read, e.g. `("en_US", "en_GB")`.

    Returns
    -------
    names : list of str
        Lower-case names without the end-of-name newline, e.g. `["madison", "ortiz", ...]`.

    Examples
    --------
    >>> train, test = load_names("train"), load_names("test")
    >>> len(train) + len(test) == len(load_names("all")), set(train).isdisjoint(test)
    (True, True)
    """
    where = "load_names"
    check_choice(split, _SPLITS, "split", where)
    check_interval(held_out, "held_out", where, 0.0, 1.0)
    if isinstance(locales, str):
        locales = (locales,)
    if not isinstance(locales, (tuple, list)) or not locales:
        raise ValueError(
            f"{where}: locales must be a non-empty tuple of Faker locales such as ('en_US',), "
            f"but {locales!r} was given."
        )
    rng = as_rng(seed, where, allow_none=False)
    names = sorted(set().union(*(_faker_names(locale) for locale in locales)))
    if split == "all":
        return names
    order = rng.permutation(len(names))
    n_test = int(round(held_out * len(names)))
    chosen = order[:n_test] if split == "test" else order[n_test:]
    return [names[i] for i in np.sort(chosen)]


# --8<-- [end:load_names]


# --8<-- [start:build_vocabulary]
def build_vocabulary(data):
    r"""The course's `char_to_ix` and `ix_to_char`: the sorted characters of the text.

    The course reads `dinos.txt` as one string and writes
    `chars = sorted(set(data)); char_to_ix = {ch: i for i, ch in enumerate(chars)}`. Given the
    names, this joins them with `"\n"` (the file's line ends, which become the end-of-name
    character) and does the same. Sorted, `"\n"` comes before the letters, so it gets index 0;
    for the names corpus the result is `"\n"` -> 0, `a` -> 1, ..., `z` -> 26.

    Parameters
    ----------
    data : list of str, or str
        The names (e.g. from [`load_names`][dl_notes.data.names.load_names]), or the whole text.

    Returns
    -------
    char_to_ix : dict of str -> int
        Each character's index, $0..V-1$ in sorted order.
    ix_to_char : dict of int -> str
        The inverse.

    Examples
    --------
    >>> char_to_ix, ix_to_char = build_vocabulary(["ada", "bob"])
    >>> char_to_ix
    {'\n': 0, 'a': 1, 'b': 2, 'd': 3, 'o': 4}
    """
    where = "build_vocabulary"
    if isinstance(data, str):
        text = data
    elif isinstance(data, (list, tuple)) and all(isinstance(x, str) for x in data):
        text = "\n".join(data) + "\n"
    else:
        raise TypeError(
            f"{where}: data must be a list of names (str) or one string, but a "
            f"{type(data).__name__} was given."
        )
    if not text.strip("\n"):
        raise ValueError(f"{where}: data holds no characters besides newlines.")
    chars = sorted(set(text.lower()) | {"\n"})
    char_to_ix = {ch: i for i, ch in enumerate(chars)}
    ix_to_char = dict(enumerate(chars))
    return char_to_ix, ix_to_char


# --8<-- [end:build_vocabulary]
