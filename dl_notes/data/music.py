r"""Melodies for the music LSTM: the soprano lines of Bach's chorales, as tokens and one-hot arrays.

Taught in: Course 5, week 1: the lab
[W1A3 · Music generation with an LSTM](../../course5/labs/w1a3-music-generation-lstm.ipynb).
What the set stands in for is on the [data page](../data.md).

The course trains its LSTM on one jazz solo (Pat Metheny's "And Then I Knew", a MIDI file
shipped with the assignment), cut into 90 distinct "values" by a grammar of note types and
intervals. That file cannot ship here. The stand-in comes from the corpus that the music21
package installs: the **Bach chorales**, four-part hymn settings, of which we keep the
**soprano line**, the melody.

**Why the soprano alone.** The course's model predicts one value per time step: a single
melodic line, as the jazz solo is. A four-part chorale has four notes sounding at once; one
token per chord would need thousands of values, several outputs per step would need another
model. The melody keeps the course's model unchanged.

**Tokens.** A value is a pair (MIDI pitch, duration in quarter notes), such as `(72, 1.0)`,
a C5 crotchet. `scripts/prepare_chorales.py` parses the chorales once (about 2 minutes;
music21 takes about 0.25 s a chorale, too slow for a lab), transposes each to C major or A minor,
and writes the file [`CHORALES_FILE`][dl_notes.data.music.CHORALES_FILE] (10 KB, 276 chorales,
14,072 notes). [`chorale_vocabulary`][dl_notes.data.music.chorale_vocabulary] keeps the
pairs seen at least `min_count` times (92 values with the default 10, close to the course's
90); a rarer note is replaced by the nearest value kept, same pitch first
([`encode_notes`][dl_notes.data.music.encode_notes]), which changes 1.8 % of the notes.

| name | shape | dtype |
|---|---|---|
| a chorale from [`load_chorales`][dl_notes.data.music.load_chorales] | `(n_notes, 2)`: MIDI pitch, duration in sixteenths | int |
| `X` from [`load_music_utils`][dl_notes.data.music.load_music_utils] | `(m, Tx, n_values)`, one-hot, `X[:, 0]` all zeros | float32 |
| `Y` | `(Tx, m, n_values)`, one-hot: `Y[t] = X[:, t + 1]` | float32 |
| `indices_values` | dict `index -> (midi, quarter_length)` | int -> (int, float) |

**Source and license.** music21 is BSD-3-Clause; the corpus encodings carry their own terms,
and some restrict commercial use (see music21's corpus documentation). The chorales themselves
(Bach, d. 1750) are in the public domain.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from dl_notes._checks import as_rng, check_choice, check_positive

__all__ = [
    "CHORALES_FILE",
    "load_chorales",
    "chorale_vocabulary",
    "encode_notes",
    "tokens_to_notes",
    "split_chorales",
    "data_processing",
    "load_music_utils",
]

CHORALES_FILE = Path(__file__).resolve().parent / "chorales.npz"
"""The file `scripts/prepare_chorales.py` writes: every chorale's soprano line, transposed."""


def load_chorales(file=None):
    r"""The soprano lines of the 276 distinct Bach chorales, each a list of (pitch, duration) rows.

    Read from [`CHORALES_FILE`][dl_notes.data.music.CHORALES_FILE], which
    `scripts/prepare_chorales.py` writes from music21's corpus (major keys moved to C major,
    minor keys to A minor; ties merged; rests dropped; notes longer than a whole note cut to
    one; a chorale that repeats the melody of an earlier one skipped).

    Source and license: music21's corpus (music21 is BSD-3-Clause; some corpus encodings
    restrict commercial use); the music is in the public domain.

    Parameters
    ----------
    file : str or Path, optional
        The `.npz` file to read; default `CHORALES_FILE`.

    Returns
    -------
    chorales : list of ndarray of int, each of shape (n_notes, 2)
        Column 0 the MIDI pitch (60 is middle C), column 1 the duration in sixteenth notes
        (4 is a crotchet).
    names : list of str
        The corpus name of each chorale, e.g. `"bwv10.7"`.

    Raises
    ------
    FileNotFoundError
        If the file is missing; the message names the script that writes it.
    """
    path = Path(CHORALES_FILE if file is None else file)
    if not path.exists():
        raise FileNotFoundError(
            f"load_chorales: {path} is missing. It is written by the project's script: run "
            f"`python scripts/prepare_chorales.py` (about 2 minutes, needs music21)."
        )
    with np.load(path) as data:
        midi, sixteenths, offsets = data["midi"], data["sixteenths"], data["offsets"]
        names = [str(n) for n in data["names"]]
    notes = np.stack([midi, sixteenths], axis=1).astype(np.int64)  # (n_all, 2)
    chorales = [notes[a:b] for a, b in zip(offsets[:-1], offsets[1:])]
    return chorales, names


def chorale_vocabulary(chorales, min_count=10):
    r"""The values of the corpus: every (pitch, duration) pair seen at least `min_count` times.

    The course's `get_corpus_data` makes `indices_values` from the set of values in the
    corpus. Here the rarest pairs (a semiquaver on a high A, say) are left out, so every
    value has examples to learn from;
    [`encode_notes`][dl_notes.data.music.encode_notes] moves a rare note to a value kept.
    Values are sorted by pitch, then duration, so an index is stable from run to run.

    Parameters
    ----------
    chorales : list of ndarray of int, each of shape (n_notes, 2)
        From [`load_chorales`][dl_notes.data.music.load_chorales].
    min_count : int, default 10

    Returns
    -------
    indices_values : dict of int to tuple (int, float)
        `index -> (midi, quarter_length)`.
    values_indices : dict of tuple (int, float) to int
        The inverse map.
    """
    where = "chorale_vocabulary"
    chorales = _check_chorales(chorales, where)
    check_positive(min_count, "min_count", where, integer=True)
    counts = Counter(map(tuple, np.concatenate(chorales).tolist()))
    kept = sorted(pair for pair, n in counts.items() if n >= min_count)
    if not kept:
        raise ValueError(
            f"{where}: no (pitch, duration) pair occurs {min_count} times; lower min_count."
        )
    indices_values = {i: (int(p), d / 4) for i, (p, d) in enumerate(kept)}
    values_indices = {v: i for i, v in indices_values.items()}
    return indices_values, values_indices


def encode_notes(notes, values_indices):
    r"""Turn a chorale's notes into value indices, moving a note outside the vocabulary to the
    nearest value.

    "Nearest": the same pitch with the closest duration (on a log scale, so a crotchet is as
    far from a minim as from a quaver), else the closest pitch, then the closest duration.

    Parameters
    ----------
    notes : ndarray of int, shape (n_notes, 2)
        MIDI pitch and duration in sixteenths, as from
        [`load_chorales`][dl_notes.data.music.load_chorales].
    values_indices : dict of tuple (int, float) to int
        From [`chorale_vocabulary`][dl_notes.data.music.chorale_vocabulary].

    Returns
    -------
    indices : ndarray of int, shape (n_notes,)
    """
    where = "encode_notes"
    notes = _check_chorales([notes], where)[0]
    _check_values(values_indices, where)
    return _encode(notes, values_indices)


def _encode(notes, values_indices):
    values = np.array(list(values_indices), dtype=np.float64)  # (n_values, 2)
    index = np.array(list(values_indices.values()))
    pitch = notes[:, 0:1].astype(np.float64)  # (n_notes, 1)
    beats = notes[:, 1:2] / 4
    dp = np.abs(pitch - values[None, :, 0])  # (n_notes, n_values)
    dd = np.abs(np.log2(beats) - np.log2(values[None, :, 1]))
    return index[np.argmin(dp * 100 + dd, axis=1)]  # pitch first, then duration


def tokens_to_notes(indices, indices_values):
    r"""Turn value indices back into MIDI pitches and durations: the inverse of `encode_notes`.

    Parameters
    ----------
    indices : array_like of int, shape (n,) or (n, 1)
        Value indices, e.g. the `indices` of `predict_and_sample`, shape `(Ty, 1)`.
    indices_values : dict of int to tuple (int, float)

    Returns
    -------
    midi : ndarray of int, shape (n,)
    quarter_lengths : ndarray of float, shape (n,)
        Durations in quarter notes (beats).
    """
    where = "tokens_to_notes"
    _check_values({v: k for k, v in indices_values.items()}, where)
    indices = np.asarray(indices).reshape(-1)
    if indices.dtype.kind not in "iu":
        raise TypeError(f"{where}: indices must be integers, but they have dtype {indices.dtype}.")
    bad = indices[(indices < 0) | (indices >= len(indices_values))]
    if bad.size:
        raise ValueError(
            f"{where}: indices must lie in 0..{len(indices_values) - 1} (the values), "
            f"but they contain {bad[:5].tolist()}."
        )
    table = np.array([indices_values[i] for i in range(len(indices_values))])
    return table[indices, 0].astype(np.int64), table[indices, 1]


def split_chorales(n_chorales, n_test=40, seed=0):
    r"""A seeded split of the chorales into a training and a held-out test set.

    Parameters
    ----------
    n_chorales : int
    n_test : int, default 40
        Chorales held out.
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    train : ndarray of int, shape (n_chorales - n_test,)
    test : ndarray of int, shape (n_test,)
        Indices into the list of chorales, each sorted.
    """
    where = "split_chorales"
    check_positive(n_chorales, "n_chorales", where, integer=True)
    check_positive(n_test, "n_test", where, integer=True)
    if n_test >= n_chorales:
        raise ValueError(
            f"{where}: n_test must be below n_chorales ({n_chorales}), but {n_test} was given."
        )
    order = as_rng(seed, where).permutation(n_chorales)
    return np.sort(order[n_test:]), np.sort(order[:n_test])


# --8<-- [start:data_processing]
def data_processing(corpus, values_indices, m=60, Tx=30, seed=0):
    r"""Cut windows of `Tx` values out of the corpus and one-hot encode them: the course's
    training set.

    Each example is a window $v_1, \dots, v_{T_x}$ of consecutive values of one chorale. The
    model reads $x^{\langle 1 \rangle} = \vec 0$, then $x^{\langle t \rangle} = v_{t-1}$, and
    must predict $y^{\langle t \rangle} = v_t$: the next value, so
    $y^{\langle t \rangle} = x^{\langle t+1 \rangle}$.

    Departs from the course in two ways. The course draws windows from one long sequence;
    here a window never crosses from one chorale into the next. And the course leaves its
    last target $y^{\langle T_x \rangle}$ all zeros (its window holds $T_x$ values and the
    first is dropped); here it is the next value, so every output has a target.

    Parameters
    ----------
    corpus : list of ndarray of int
        Sequences of value indices (one per chorale, e.g. from `encode_notes`). A sequence
        shorter than `Tx` gives no window.
    values_indices : dict
        The vocabulary; only its size `n_values` is used.
    m : int or None, default 60
        Windows drawn at random (seeded), without replacement while enough exist. None takes
        every window that starts at a multiple of `Tx // 2` (overlapping by half).
    Tx : int, default 30
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    X : ndarray of float32, shape (m, Tx, n_values)
    Y : ndarray of float32, shape (Tx, m, n_values)
    n_values : int
    """
    where = "data_processing"
    check_positive(Tx, "Tx", where, integer=True)
    if m is not None:
        check_positive(m, "m", where, integer=True)
    if not isinstance(corpus, (list, tuple)) or not corpus:
        raise TypeError(
            f"{where}: corpus must be a non-empty list of sequences of value indices, but a "
            f"{type(corpus).__name__} was given."
        )
    n_values = len(values_indices)
    corpus = [np.asarray(c, dtype=np.int64).reshape(-1) for c in corpus]
    bad = [c for c in corpus if c.size and (c.min() < 0 or c.max() >= n_values)]
    if bad:
        raise ValueError(
            f"{where}: the corpus holds indices outside 0..{n_values - 1} (the vocabulary "
            f"has {n_values} values); encode it with encode_notes first."
        )
    starts = [(k, s) for k, c in enumerate(corpus) for s in range(len(c) - Tx + 1)]
    if not starts:
        raise ValueError(f"{where}: no sequence in the corpus is as long as Tx = {Tx}.")
    if m is None:
        step = max(Tx // 2, 1)
        chosen = [(k, s) for k, s in starts if s % step == 0]
    else:
        rng = as_rng(seed, where)
        picks = rng.choice(len(starts), size=m, replace=m > len(starts))
        chosen = [starts[i] for i in picks]
    windows = np.stack([corpus[k][s : s + Tx] for k, s in chosen])  # (m, Tx)
    return _one_hot_windows(windows, n_values) + (n_values,)


# --8<-- [end:data_processing]


def _one_hot_windows(windows, n_values):
    m, Tx = windows.shape
    eye = np.eye(n_values, dtype=np.float32)
    Y = eye[windows.T]  # (Tx, m, n_values): the value to predict at each step
    X = np.zeros((m, Tx, n_values), np.float32)
    X[:, 1:] = eye[windows[:, :-1]]  # x<t> = y<t-1>; x<1> = 0, the course's start
    return X, Y


def load_music_utils(m=60, Tx=30, split="train", n_test=40, min_count=10, seed=0):
    r"""The training (or held-out) set of the music LSTM, in the course's shapes.

    Loads the chorales, builds the vocabulary from all of them (the set of symbols only; no
    statistics of the test set are used), encodes each chorale, splits the chorales with
    [`split_chorales`][dl_notes.data.music.split_chorales]`(n_test, seed)` and cuts `m`
    windows out of the chosen part with
    [`data_processing`][dl_notes.data.music.data_processing].

    The course's `load_music_utils(file)` returns `(X, Y, n_values, indices_values, chords)`;
    a melody has no chord track, so this returns the first four.

    Parameters
    ----------
    m : int or None, default 60
        Windows drawn (the course's 60); None takes every window, overlapping by half.
    Tx : int, default 30
    split : {"train", "test"}, default "train"
        Cut the windows from the training chorales or from the `n_test` held-out ones.
    n_test : int, default 40
    min_count : int, default 10
        See [`chorale_vocabulary`][dl_notes.data.music.chorale_vocabulary].
    seed : int, default 0
        Seed of the split and of the windows.

    Returns
    -------
    X : ndarray of float32, shape (m, Tx, n_values)
    Y : ndarray of float32, shape (Tx, m, n_values)
    n_values : int
    indices_values : dict of int to tuple (int, float)
        `index -> (midi, quarter_length)`.
    """
    where = "load_music_utils"
    check_choice(split, ("train", "test"), "split", where)
    chorales, _ = load_chorales()
    indices_values, values_indices = chorale_vocabulary(chorales, min_count)
    train, test = split_chorales(len(chorales), n_test, seed)
    corpus = [_encode(chorales[k], values_indices) for k in (train if split == "train" else test)]
    rng = as_rng(seed + 1 if split == "test" else seed, where)
    X, Y, n_values = data_processing(corpus, values_indices, m, Tx, rng)
    return X, Y, n_values, indices_values


# --- checks ------------------------------------------------------------------------------


def _check_chorales(chorales, where):
    if not isinstance(chorales, (list, tuple)) or not chorales:
        raise TypeError(
            f"{where}: chorales must be a non-empty list of (n_notes, 2) arrays, but a "
            f"{type(chorales).__name__} was given."
        )
    out = []
    for c in chorales:
        c = np.asarray(c)
        if c.ndim != 2 or c.shape[1] != 2 or c.dtype.kind not in "iu":
            raise ValueError(
                f"{where}: each chorale must be an integer array (n_notes, 2) of MIDI pitch and "
                f"duration in sixteenths, but one has shape {c.shape} and dtype {c.dtype}."
            )
        if c.size and (c[:, 1].min() < 1 or c[:, 0].min() < 0 or c[:, 0].max() > 127):
            raise ValueError(
                f"{where}: pitches must lie in 0..127 and durations be at least one sixteenth."
            )
        out.append(c.astype(np.int64))
    return out


def _check_values(values_indices, where):
    if not isinstance(values_indices, dict) or not values_indices:
        raise TypeError(
            f"{where}: the vocabulary must be a non-empty dict, as chorale_vocabulary returns, "
            f"but a {type(values_indices).__name__} was given."
        )
