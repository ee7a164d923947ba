"""Train the 50-d word vectors that dl_notes ships: `make weights` runs this script.

The Course 5 word-vector labs (W2A1 operations on word vectors, W2A2 Emojify) load GloVe 6B
50-d vectors (400,000 words trained on 6 billion tokens), which cannot be downloaded here and
ship with no Python package. This script makes the project's stand-in: gensim `Word2Vec`
(skip-gram with negative sampling, 50 dimensions like the course's GloVe file) trained on
about 2.4 million tokens of permissively licensed text that exists offline:

- the glosses of WordNet 3.0 (Debian package `wordnet-base`, WordNet license),
- the Wikipedia excerpt bundled in gensim's test data (106 articles, CC BY-SA),
- the fortunes of the Debian package `fortunes` (BSD and mixed permissive licenses).

Tokens are lower-cased alphabetic words. The `--max-vocab` most frequent words seen at least
`--min-count` times are kept; the vectors are stored as float16 with the word list in a
compressed `.npz` (`dl_notes/weights/word_vectors_50d.npz`, under 5 MB), together with a JSON
record of the corpus, the parameters, the library versions, the training time and the
evaluation figures (analogy accuracy on gensim's `questions-words.txt`, Spearman correlation
with `wordsim353.tsv`, both computed by gensim on the stored float16 vectors).

    python scripts/train_word_vectors.py          # the shipped file: about a minute or two
    python scripts/train_word_vectors.py --corpus gensim-lee --epochs 1 --out /tmp/wv.npz
                                                  # seconds, any machine: a check

One worker thread and a fixed seed make the result bit-reproducible for a given gensim version
and machine (gensim's multi-threaded training is not). After a rerun, update the figures on the
data page and in `dl_notes/data/word_vectors.py` with those this script prints.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

WORDNET_DIR = Path("/usr/share/wordnet")
FORTUNES_DIR = Path("/usr/share/games/fortunes")
WIKI_FILE = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "dl_notes" / "weights" / "word_vectors_50d.npz"

# Everyday words learners put in sentiment sentences (the Emojify lab's kind of vocabulary).
EVERYDAY_WORDS = (
    "i you he she we they my your me is am are was not no very so really "
    "happy sad love hate like food hungry eat ate lunch dinner breakfast ball baseball "
    "game play played smile laugh great good bad angry funny joke fun excited tired "
    "friend family home work job school dog cat music song dance party birthday "
    "beautiful wonderful terrible awful nice best worst hope feel feeling cry upset "
    "win won lost miss today tonight tomorrow"
).split()

# Chunks of at most this many tokens: Word2Vec truncates longer "sentences" at 10,000.
CHUNK = 1000


def tokenize(text):
    """Lower-cased alphabetic tokens of `text` (gensim's `simple_preprocess`, 1 to 30 letters)."""
    from gensim.utils import simple_preprocess

    return simple_preprocess(text, deacc=False, min_len=1, max_len=30)


def wordnet_glosses():
    """Yield one token list per WordNet 3.0 synset gloss (definition and examples)."""
    for pos in ("adj", "adv", "noun", "verb"):
        with open(WORDNET_DIR / f"data.{pos}", encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):  # the license header
                    continue
                _, sep, gloss = line.partition(" | ")
                if sep:
                    tokens = tokenize(gloss)
                    if tokens:
                        yield tokens


def fortunes():
    """Yield one token list per fortune (the `%`-separated records of each fortune file)."""
    for path in sorted(FORTUNES_DIR.iterdir()):
        if path.suffix in (".dat", ".u8") or path.is_symlink() or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for record in text.split("\n%\n"):
            tokens = tokenize(record)
            if tokens:
                yield tokens


def wikipedia():
    """Yield the articles of gensim's bundled Wikipedia excerpt, in chunks of 1,000 tokens."""
    from gensim.corpora.wikicorpus import WikiCorpus
    from gensim.test.utils import datapath

    wiki = WikiCorpus(
        datapath(WIKI_FILE),
        dictionary={},  # no vocabulary pass
        processes=1,
        token_min_len=1,
        token_max_len=30,
        lower=True,
    )
    for article in wiki.get_texts():
        for start in range(0, len(article), CHUNK):
            yield article[start : start + CHUNK]


def gensim_lee():
    """Yield the documents of gensim's bundled Lee background news corpus (the tiny check)."""
    from gensim.test.utils import datapath

    with open(datapath("lee_background.cor"), encoding="utf-8") as f:
        for line in f:
            tokens = tokenize(line)
            if tokens:
                yield tokens


def check_debian_corpora():
    """Fail with a message naming the Debian packages when their files are missing."""
    missing = []
    if not (WORDNET_DIR / "data.noun").is_file():
        missing.append(f"wordnet-base (WordNet 3.0 glosses, {WORDNET_DIR}/data.*)")
    if not FORTUNES_DIR.is_dir() or not any(FORTUNES_DIR.glob("*.dat")):
        missing.append(f"fortunes (the fortune files, {FORTUNES_DIR})")
    if missing:
        sys.exit(
            "train_word_vectors: the 'full' corpus needs the Debian packages "
            + " and ".join(missing)
            + ". Install them with `sudo apt-get install wordnet-base fortunes`, or run "
            "`--corpus gensim-lee` for the small check corpus."
        )


def load_corpus(name):
    """Return (sentences, per-source token counts) for corpus `name`."""
    if name == "gensim-lee":
        sources = {"gensim Lee background corpus": gensim_lee}
    else:
        check_debian_corpora()
        sources = {
            "WordNet 3.0 glosses (Debian wordnet-base)": wordnet_glosses,
            "Wikipedia excerpt in gensim's test data (" + WIKI_FILE + ")": wikipedia,
            "fortunes (Debian fortunes)": fortunes,
        }
    sentences, counts = [], {}
    for label, source in sources.items():
        part = list(source())
        sentences.extend(part)
        counts[label] = sum(len(s) for s in part)
    return sentences, counts


def evaluate(words, vectors):
    """Analogy accuracy and WordSim353 correlation of the stored vectors, computed by gensim."""
    import logging

    from gensim.models import KeyedVectors
    from gensim.test.utils import datapath

    logging.getLogger("gensim").setLevel(logging.ERROR)
    kv = KeyedVectors(vectors.shape[1])
    kv.add_vectors(list(words), vectors.astype(np.float32))
    accuracy, sections = kv.evaluate_word_analogies(datapath("questions-words.txt"))
    total = sections[-1]
    n_in = len(total["correct"]) + len(total["incorrect"])
    with open(datapath("questions-words.txt")) as f:
        n_questions = sum(1 for line in f if not line.startswith(":"))
    pearson, spearman, oov = kv.evaluate_word_pairs(datapath("wordsim353.tsv"))
    return {
        "analogy_accuracy": float(accuracy),
        "analogy_questions_in_vocabulary": n_in,
        "analogy_questions": n_questions,
        "analogy_coverage": n_in / n_questions,
        "wordsim353_spearman": float(spearman.statistic),
        "wordsim353_pearson": float(pearson.statistic),
        "wordsim353_oov_percent": float(oov),
    }


def main(argv=None):
    """Parse the options, train, store; print the time, the size and the evaluation figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the .npz file to write")
    parser.add_argument("--corpus", choices=("full", "gensim-lee"), default="full")
    parser.add_argument("--epochs", type=int, default=10, help="passes over the corpus")
    parser.add_argument("--dim", type=int, default=50, help="vector size")
    parser.add_argument("--window", type=int, default=5)
    parser.add_argument("--negative", type=int, default=10, help="negative samples per pair")
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--max-vocab", type=int, default=30000, help="most frequent words kept")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.out.suffix != ".npz":
        parser.error(f"--out must end with .npz, not {args.out.name!r}")

    import gensim
    from gensim.models import Word2Vec

    started = time.perf_counter()
    sentences, counts = load_corpus(args.corpus)
    n_tokens = sum(counts.values())
    print(f"corpus {args.corpus}: {n_tokens:,} tokens in {len(sentences):,} sentences", flush=True)
    for label, n in counts.items():
        print(f"  {n:>10,}  {label}")
    read_seconds = time.perf_counter() - started

    # Word2Vec's own min_count prunes rare words; the vocabulary is then cut to the
    # max_vocab most frequent (ties broken by first appearance, so deterministic).
    frequency = Counter(token for s in sentences for token in s)
    kept = [w for w, c in frequency.most_common() if c >= args.min_count][: args.max_vocab]
    cutoff = frequency[kept[-1]]

    params = {
        "sg": 1,
        "hs": 0,
        "negative": args.negative,
        "vector_size": args.dim,
        "window": args.window,
        "min_count": max(args.min_count, cutoff),
        "sample": 1e-3,
        "alpha": 0.025,
        "min_alpha": 0.0001,
        "epochs": args.epochs,
        "seed": args.seed,
        "workers": 1,  # one worker: bit-reproducible
    }
    t0 = time.perf_counter()
    model = Word2Vec(sentences=sentences, **params)
    train_seconds = time.perf_counter() - t0
    print(f"trained in {train_seconds:.1f} s ({args.epochs} epochs, 1 worker)", flush=True)

    # Most frequent first (gensim's index order), stored as float16.
    words = np.array(model.wv.index_to_key[: args.max_vocab])
    vectors = model.wv.vectors[: args.max_vocab].astype(np.float16)
    figures = evaluate(words, vectors)
    in_vocab = set(words.tolist())
    everyday_missing = [w for w in EVERYDAY_WORDS if w not in in_vocab]
    figures["everyday_coverage"] = 1 - len(everyday_missing) / len(EVERYDAY_WORDS)
    figures["everyday_missing"] = everyday_missing

    meta = {
        "corpus": args.corpus,
        "sources_tokens": counts,
        "tokens": n_tokens,
        "sentences": len(sentences),
        "vocabulary": len(words),
        "tokenizer": "gensim.utils.simple_preprocess(min_len=1, max_len=30), lower-cased",
        "word2vec": params,
        "max_vocab": args.max_vocab,
        "gensim": gensim.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "read_seconds": round(read_seconds, 1),
        "train_seconds": round(train_seconds, 1),
        "evaluation": figures,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, words=words, vectors=vectors, meta=np.array(json.dumps(meta)))
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB): {len(words):,} words x "
        f"{args.dim}; all {time.perf_counter() - started:.0f} s"
    )
    print(
        f"analogy accuracy {figures['analogy_accuracy']:.4f} on "
        f"{figures['analogy_questions_in_vocabulary']:,} of {figures['analogy_questions']:,} "
        f"questions in the vocabulary ({figures['analogy_coverage']:.1%}); WordSim353 Spearman "
        f"rho {figures['wordsim353_spearman']:.4f} ({figures['wordsim353_oov_percent']:.1f}% "
        f"pairs out of vocabulary)"
    )
    print(
        f"everyday words: {figures['everyday_coverage']:.1%} of {len(EVERYDAY_WORDS)} in the "
        f"vocabulary; missing: {', '.join(everyday_missing) or 'none'}"
    )
    return meta


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
