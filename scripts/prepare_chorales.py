"""Write `dl_notes/data/chorales.npz`: the soprano lines of the Bach chorales in music21's corpus.

Run it with `python scripts/prepare_chorales.py` (1 to 2 minutes on 2 cores the first time:
music21 parses each chorale in about 0.25 s, too slow for a lab that needs a few hundred).
The lab and `dl_notes.data.music.load_chorales` read the file it writes.

For each file of `music21.corpus.getComposer("bach")` that has a part named "Soprano":

1. the key is estimated (`score.analyze("key")`, Krumhansl-Schmuckler) and the chorale is
   transposed so that a major key becomes C major and a minor key A minor, by the smallest
   interval (at most a tritone), so the melodies share one small set of pitches;
2. tied notes are merged (`stripTies`), rests are dropped, and each note becomes a pair
   (MIDI pitch, duration in sixteenths), durations longer than a whole note cut to a whole note;
3. a chorale that repeats an earlier one's melody is skipped: Bach harmonised several tunes
   more than once (with small changes of rhythm and ornament), and a melody in both the
   training and the test set would flatter the held-out accuracy. "Repeats": more than 20 %
   of its runs of 8 consecutive notes (pitch and duration) occur in one earlier chorale kept.

Nothing is random here (the seed of the split lives in the loader). music21 is BSD-3; the
encodings of its corpus carry their own terms (some restrict commercial use), so the file
is documented on the data page with that caveat.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "dl_notes" / "data" / "chorales.npz"
MAX_SIXTEENTHS = 16  # a whole note
RUN = 8  # notes in a run compared between chorales
SHARED = 0.2  # share of runs in common above which a melody counts as a repeat


def soprano_notes(score):
    """The transposed soprano line of a parsed chorale as `(midi, sixteenths)` arrays, or None."""
    from music21 import interval, pitch

    parts = [p for p in score.parts if (p.partName or "").lower().startswith("soprano")]
    if not parts:
        return None
    key = score.analyze("key")
    target = pitch.Pitch("C" if key.mode == "major" else "A")
    shift = interval.Interval(key.tonic, target).semitones % 12
    if shift > 6:  # the smallest move, up or down
        shift -= 12
    midi, sixteenths = [], []
    for n in parts[0].stripTies().flatten().notesAndRests:
        if n.isRest:
            continue
        if n.isChord:  # a divided soprano: keep the top note
            n = max(n.notes, key=lambda x: x.pitch.midi)
        length = round(float(n.quarterLength) * 4)
        if length < 1:  # grace notes and the like
            continue
        midi.append(n.pitch.midi + shift)
        sixteenths.append(min(length, MAX_SIXTEENTHS))
    if len(midi) < 16:
        return None
    return np.array(midi, np.uint8), np.array(sixteenths, np.uint8), key.mode


def main(limit=None, out=OUT):
    from music21 import corpus

    start = time.perf_counter()
    paths = sorted(corpus.getComposer("bach"), key=lambda p: p.name)
    if limit is not None:
        paths = paths[:limit]
    names, modes, midis, lengths, seen = [], [], [], [], []
    for path in paths:
        got = soprano_notes(corpus.parse(path))
        if got is None:
            continue
        midi, sixteenths, mode = got
        pairs = list(zip(midi.tolist(), sixteenths.tolist()))
        runs = {tuple(pairs[i : i + RUN]) for i in range(len(pairs) - RUN + 1)}
        if any(len(runs & earlier) > SHARED * len(runs) for earlier in seen):
            continue
        seen.append(runs)
        names.append(path.name.split(".mxl")[0].split(".xml")[0])
        modes.append(mode)
        midis.append(midi)
        lengths.append(sixteenths)
    offsets = np.cumsum([0] + [len(m) for m in midis]).astype(np.int32)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        midi=np.concatenate(midis),
        sixteenths=np.concatenate(lengths),
        offsets=offsets,
        names=np.array(names),
        modes=np.array(modes),
    )
    print(
        f"{len(names)} chorales, {offsets[-1]} notes from {len(paths)} files, "
        f"{out.stat().st_size / 1024:.1f} KB in {time.perf_counter() - start:.0f} s -> {out}"
    )
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="parse only the first N files")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    main(args.limit, args.out)
