"""dl_notes.data.word_vectors: the shipped file, the course's loaders, GloVe text, the script."""

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from dl_notes.data.word_vectors import (
    WORD_VECTORS_FILE,
    load_word_vectors,
    read_glove_vecs,
    read_glove_vecs_indexed,
    word_vectors_info,
)

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "train_word_vectors.py"


def _script_module():
    spec = importlib.util.spec_from_file_location("train_word_vectors", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the shipped file ----------------------------------------------------------------------


def test_shipped_vectors_are_small_and_packaged():
    assert WORD_VECTORS_FILE.is_file(), "run `make weights`"
    assert WORD_VECTORS_FILE.stat().st_size <= 5e6, "the data policy: at most 5 MB a file"
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["dl_notes"]
    relative = WORD_VECTORS_FILE.relative_to(ROOT / "dl_notes")
    assert any(relative.match(p) for p in patterns), f"add {relative} to package-data"


def test_the_record_says_how_the_vectors_were_made():
    info = word_vectors_info()
    assert info["corpus"] == "full" and info["word2vec"]["workers"] == 1
    assert info["word2vec"]["sg"] == 1 and info["word2vec"]["vector_size"] == 50
    assert 2.3e6 < info["tokens"] < 2.5e6
    assert info["vocabulary"] == 25_179
    assert set(info["evaluation"]) >= {"analogy_accuracy", "wordsim353_spearman"}
    assert info["evaluation"]["everyday_missing"] == []


def test_read_glove_vecs_has_the_course_format():
    started = time.perf_counter()
    words, word_to_vec_map = read_glove_vecs()
    seconds = time.perf_counter() - started
    assert isinstance(words, set) and isinstance(word_to_vec_map, dict)
    assert len(words) == len(word_to_vec_map) == 25_179 and words == set(word_to_vec_map)
    e = word_to_vec_map["happy"]
    assert e.shape == (50,) and e.dtype == np.float64
    assert all(w == w.lower() for w in words)
    assert seconds < 3, f"read_glove_vecs took {seconds:.1f} s"  # about 0.2 s when quiet


def test_everyday_sentiment_words_are_in_the_vocabulary():
    words, _ = read_glove_vecs()
    script = _script_module()
    assert set(script.EVERYDAY_WORDS) <= words


def test_indexed_loader_numbers_words_alphabetically_from_1():
    word_to_index, index_to_word, word_to_vec_map = read_glove_vecs_indexed()
    words, vectors = load_word_vectors()
    assert sorted(word_to_index.values()) == list(range(1, len(words) + 1))
    assert [index_to_word[i] for i in range(1, 6)] == sorted(words.tolist())[:5]
    assert all(word_to_index[w] == i for i, w in index_to_word.items())
    np.testing.assert_array_equal(word_to_vec_map[words[7]], vectors[7])
    assert vectors.shape == (25_179, 50) and vectors.dtype == np.float64


def test_loaders_read_a_glove_text_file(tmp_path):
    path = tmp_path / "glove.tiny.txt"
    path.write_text("the 0.1 -0.2 0.3\ncat 1 2 3\n")
    words, word_to_vec_map = read_glove_vecs(path)
    assert words == {"the", "cat"}
    np.testing.assert_array_equal(word_to_vec_map["cat"], [1.0, 2.0, 3.0])
    word_to_index, index_to_word, _ = read_glove_vecs_indexed(str(path))
    assert word_to_index == {"cat": 1, "the": 2} and index_to_word[2] == "the"


def test_loaders_bad_input(tmp_path):
    missing = tmp_path / "nothing.npz"
    for loader in (read_glove_vecs, read_glove_vecs_indexed, load_word_vectors, word_vectors_info):
        with pytest.raises(FileNotFoundError, match=r"Run `make weights`.*train_word_vectors"):
            loader(missing)
    bad = tmp_path / "vectors.csv"
    bad.write_text("x")
    with pytest.raises(ValueError, match=r"must be a .npz file .* or a GloVe .txt file"):
        read_glove_vecs(bad)
    ragged = tmp_path / "ragged.txt"
    ragged.write_text("a 1 2 3\nb 1 2\n")
    with pytest.raises(ValueError, match=r"line 2 of .* has 2 numbers, but the first line has 3"):
        read_glove_vecs(ragged)
    text = tmp_path / "g.txt"
    text.write_text("a 1 2\n")
    with pytest.raises(ValueError, match=r"only a .npz file written by the script has a record"):
        word_vectors_info(text)


# --- the script ------------------------------------------------------------------------------


def _run_script(out):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--corpus", "gensim-lee", "--epochs", "1", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONWARNINGS="ignore"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_script_runs_end_to_end_on_a_tiny_budget(tmp_path):
    """`--corpus gensim-lee --epochs 1`: gensim's bundled news corpus, seconds on any machine."""
    out = tmp_path / "tiny.npz"
    stdout = _run_script(out)
    assert f"wrote {out}" in stdout and "analogy accuracy" in stdout
    assert "everyday words:" in stdout
    words, word_to_vec_map = read_glove_vecs(out)
    assert 1000 < len(words) < 3000 and word_to_vec_map["the"].shape == (50,)
    info = word_vectors_info(out)
    assert info["corpus"] == "gensim-lee" and info["word2vec"]["epochs"] == 1
    assert info["gensim"] == pytest.importorskip("gensim").__version__


@pytest.mark.slow
def test_the_script_is_bit_reproducible(tmp_path):
    _run_script(tmp_path / "a.npz")
    _run_script(tmp_path / "b.npz")
    a, b = load_word_vectors(tmp_path / "a.npz"), load_word_vectors(tmp_path / "b.npz")
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])


def test_the_script_names_the_debian_packages_it_needs(tmp_path, monkeypatch):
    script = _script_module()
    monkeypatch.setattr(script, "WORDNET_DIR", tmp_path / "wordnet")
    monkeypatch.setattr(script, "FORTUNES_DIR", tmp_path / "fortunes")
    with pytest.raises(SystemExit, match=r"Debian packages wordnet-base .* and fortunes"):
        script.main(["--out", str(tmp_path / "x.npz")])
    with pytest.raises(SystemExit):  # argparse: a wrong suffix
        script.main(["--out", str(tmp_path / "x.bin")])
