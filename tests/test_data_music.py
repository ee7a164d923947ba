"""dl_notes.data.music: the chorale melodies, their values, and the course's X and Y arrays."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dl_notes.data import music

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def chorales():
    return music.load_chorales()


def test_the_shipped_file_holds_276_melodies(chorales):
    notes, names = chorales
    assert len(notes) == len(names) == 276
    assert sum(len(c) for c in notes) == 14072
    assert all(c.ndim == 2 and c.shape[1] == 2 and len(c) >= 16 for c in notes)
    allnotes = np.concatenate(notes)
    assert allnotes[:, 0].min() >= 50 and allnotes[:, 0].max() <= 90  # soprano range
    assert set(allnotes[:, 1]) <= set(range(1, 17))  # a sixteenth to a whole note
    assert all(n.startswith("bwv") for n in names) and len(set(names)) == len(names)
    assert music.CHORALES_FILE.stat().st_size < 1_000_000


def test_the_data_file_is_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["dl_notes"]
    relative = music.CHORALES_FILE.relative_to(ROOT / "dl_notes")
    assert any(relative.match(p) for p in patterns), f"add {relative} to package-data"


def test_a_missing_file_names_the_script(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"scripts/prepare_chorales\.py"):
        music.load_chorales(tmp_path / "nothing.npz")


def test_vocabulary_keeps_the_common_pairs(chorales):
    notes, _ = chorales
    indices_values, values_indices = music.chorale_vocabulary(notes)
    assert len(indices_values) == 92
    assert list(indices_values) == list(range(92))
    assert list(indices_values.values()) == sorted(indices_values.values())
    assert all(values_indices[v] == i for i, v in indices_values.items())
    assert (72, 1.0) in values_indices  # C5 crotchet, the commonest
    fewer, _ = music.chorale_vocabulary(notes, min_count=100)
    assert len(fewer) < 92


def test_encode_moves_rare_notes_to_the_nearest_value():
    values_indices = {(60, 1.0): 0, (60, 2.0): 1, (62, 0.5): 2}
    notes = np.array([[60, 4], [60, 12], [63, 4], [60, 1]])
    # a dotted minim is nearer a minim than a crotchet (log scale); no 63: 62, its only length
    np.testing.assert_array_equal(music.encode_notes(notes, values_indices), [0, 1, 2, 0])


def test_encode_then_decode_is_the_identity_on_the_vocabulary(chorales):
    notes, _ = chorales
    indices_values, values_indices = music.chorale_vocabulary(notes)
    changed = 0
    for c in notes:
        midi, beats = music.tokens_to_notes(music.encode_notes(c, values_indices), indices_values)
        changed += np.sum((midi != c[:, 0]) | (beats * 4 != c[:, 1]))
    share = changed / sum(len(c) for c in notes)
    assert round(100 * share, 1) == 1.8  # the docstring's figure
    midi, beats = music.tokens_to_notes(np.array([[0], [91]]), indices_values)
    assert midi.shape == beats.shape == (2,)
    assert (midi[0], beats[0]) == indices_values[0]


def test_split_is_seeded_and_disjoint():
    train, test = music.split_chorales(276, 40, seed=0)
    assert len(train) == 236 and len(test) == 40
    assert set(train) | set(test) == set(range(276)) and not set(train) & set(test)
    again = music.split_chorales(276, 40, seed=0)
    assert np.array_equal(again[1], test)
    assert not np.array_equal(music.split_chorales(276, 40, seed=1)[1], test)


def test_data_processing_by_hand():
    corpus = [np.array([0, 1, 2, 3, 4]), np.array([5, 0, 1, 2, 3, 4]), np.array([1])]
    X, Y, n_values = music.data_processing(corpus, dict.fromkeys(range(6)), m=None, Tx=4)
    # m=None: windows start at multiples of Tx // 2 = 2 inside each chorale; the third is too short
    assert n_values == 6 and X.shape == (3, 4, 6) and Y.shape == (4, 3, 6)
    np.testing.assert_array_equal(Y.argmax(-1).T, [[0, 1, 2, 3], [5, 0, 1, 2], [1, 2, 3, 4]])
    assert not X[:, 0].any()
    np.testing.assert_array_equal(X[:, 1:].argmax(-1), [[0, 1, 2], [5, 0, 1], [1, 2, 3]])
    assert np.array_equal(Y[:-1], X[:, 1:].transpose(1, 0, 2))
    assert np.all(Y.sum(-1) == 1)


def test_data_processing_windows_stay_inside_one_chorale():
    corpus = [np.arange(10) % 3, 3 + np.arange(10) % 3]  # values 0-2, then 3-5
    X, Y, _ = music.data_processing(corpus, dict.fromkeys(range(6)), m=50, Tx=4, seed=0)
    tokens = Y.argmax(-1).T  # (m, Tx)
    assert np.all((tokens < 3).all(1) | (tokens >= 3).all(1))
    X2, _, _ = music.data_processing(corpus, dict.fromkeys(range(6)), m=50, Tx=4, seed=0)
    assert np.array_equal(X, X2)


def test_data_processing_rejects_bad_input():
    values = dict.fromkeys(range(3))
    with pytest.raises(ValueError, match="outside 0..2"):
        music.data_processing([np.array([0, 3, 1])], values, m=2, Tx=2)
    with pytest.raises(ValueError, match="as long as Tx = 5"):
        music.data_processing([np.array([0, 1, 2])], values, m=2, Tx=5)
    with pytest.raises(TypeError, match="non-empty list of sequences"):
        music.data_processing(np.array([0, 1, 2]), values)
    with pytest.raises(ValueError, match="m must be positive"):
        music.data_processing([np.array([0, 1, 2])], values, m=0, Tx=2)


def test_other_functions_reject_bad_input(chorales):
    notes, _ = chorales
    _, values_indices = music.chorale_vocabulary(notes)
    with pytest.raises(ValueError, match=r"integer array \(n_notes, 2\)"):
        music.encode_notes(np.array([60, 4]), values_indices)
    with pytest.raises(ValueError, match="durations be at least one sixteenth"):
        music.encode_notes(np.array([[60, 0]]), values_indices)
    with pytest.raises(TypeError, match="non-empty dict"):
        music.encode_notes(np.array([[60, 4]]), [])
    with pytest.raises(ValueError, match="occurs 100000 times"):
        music.chorale_vocabulary(notes, min_count=100000)
    with pytest.raises(ValueError, match=r"lie in 0..2"):
        music.tokens_to_notes([0, 3], {0: (60, 1.0), 1: (62, 1.0), 2: (64, 1.0)})
    with pytest.raises(ValueError, match="n_test must be below n_chorales"):
        music.split_chorales(10, 10)
    with pytest.raises(ValueError, match="unknown split 'dev'"):
        music.load_music_utils(split="dev")


def test_load_music_utils_has_the_course_shapes():
    X, Y, n_values, indices_values = music.load_music_utils()
    assert X.shape == (60, 30, 92) and Y.shape == (30, 60, 92) and n_values == 92
    assert X.dtype == Y.dtype == np.float32
    assert len(indices_values) == 92 and indices_values[0] == (55, 1.0)
    X_all, _, _, _ = music.load_music_utils(m=None)
    X_test, Y_test, _, _ = music.load_music_utils(m=None, split="test")
    assert X_all.shape[0] == 450 and X_test.shape[0] == 88
    # held-out windows come from other chorales: none equals a training window
    train = {w.tobytes() for w in X_all.argmax(-1)}
    assert not any(w.tobytes() in train for w in X_test.argmax(-1))


@pytest.mark.slow
def test_the_script_runs_end_to_end_on_three_files(tmp_path):
    pytest.importorskip("music21")
    out = tmp_path / "three.npz"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "prepare_chorales.py"),
            "--limit",
            "3",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "chorales" in result.stdout and str(out) in result.stdout
    notes, names = music.load_chorales(out)
    assert 1 <= len(notes) <= 3 and len(names) == len(notes)
    shipped, shipped_names = music.load_chorales()
    for c, name in zip(notes, names):  # the same chorales as in the shipped file
        assert np.array_equal(c, shipped[shipped_names.index(name)])
