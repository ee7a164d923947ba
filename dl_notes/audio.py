r"""Sound from NumPy: notes to frequencies, additive synthesis, WAV and MIDI bytes, offline players.

Taught in: Course 5, week 1: the lab
[W1A3 · Music generation with an LSTM](../../course5/labs/w1a3-music-generation-lstm.ipynb)
renders the generated melody, and a training excerpt, with these functions.

A page of this site must play its sound without fetching anything, so the sound is made
here, in NumPy, and embedded in the page as a `data:` URI:

1. [`midi_to_frequency`][dl_notes.audio.midi_to_frequency]: equal temperament,
   $f = 440 \cdot 2^{(p - 69)/12}$ Hz for MIDI note $p$ (69 is the A above middle C);
2. [`synthesize`][dl_notes.audio.synthesize]: each note a sum of a few harmonics
   $\sum_k a_k \sin(2\pi k f t)$, shaped by the attack-decay-sustain-release envelope of
   [`adsr_envelope`][dl_notes.audio.adsr_envelope], the notes mixed into one waveform;
3. [`to_wav_bytes`][dl_notes.audio.to_wav_bytes]: a 16-bit PCM mono WAV file (the
   standard library's `wave`), read back by [`read_wav_bytes`][dl_notes.audio.read_wav_bytes];
4. [`audio_player`][dl_notes.audio.audio_player]: an HTML `<audio>` element whose source is
   that file, base64-encoded; [`midi_download_link`][dl_notes.audio.midi_download_link]: a
   link that saves a MIDI file written by [`to_midi_bytes`][dl_notes.audio.to_midi_bytes];
5. [`plot_piano_roll`][dl_notes.audio.plot_piano_roll]: the notes as bars, pitch against time.

| name | shape | unit |
|---|---|---|
| `midi` | `(n_notes,)` | MIDI note number, int (60 = middle C) |
| `onsets`, `durations` | `(n_notes,)` | seconds |
| `waveform` | `(n_samples,)` | float in [-1, 1], `rate` samples a second |

Everything here is NumPy and the standard library (Matplotlib only to draw); a page stays
light if its clips are short and mono at a low rate: 16-bit samples at 8,000 Hz are
16 KB a second, about 21 KB once base64-encoded.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import base64
import html
import io
import struct
import wave

import numpy as np

from dl_notes._checks import as_array, check_interval, check_ndim, check_positive

__all__ = [
    "midi_to_frequency",
    "adsr_envelope",
    "synthesize",
    "beats_to_seconds",
    "to_wav_bytes",
    "read_wav_bytes",
    "to_midi_bytes",
    "audio_player",
    "midi_download_link",
    "HTMLSnippet",
    "plot_piano_roll",
]


class HTMLSnippet(str):
    """A string of HTML that a notebook displays as HTML (it has `_repr_html_`).

    Its `repr` is a short summary, so a notebook does not store the (long) HTML twice, once
    as HTML and once as plain text.
    """

    def _repr_html_(self):
        return str(self)

    def __repr__(self):
        tag = self.split(" ", 1)[0].lstrip("<")
        return f"<HTML <{tag}> element, {len(self):,} characters>"

    def _repr_pretty_(self, p, cycle):
        p.text(repr(self))


# --8<-- [start:midi_to_frequency]
def midi_to_frequency(midi, a4=440.0):
    r"""The frequency of MIDI notes in equal temperament: $f = a_4 \cdot 2^{(p - 69)/12}$.

    Twelve semitones make an octave, which doubles the frequency; note 69 is A4.

    Parameters
    ----------
    midi : int, float or array_like, any shape
        MIDI note numbers $p$ (60 is middle C, C4); fractional numbers are between the keys.
    a4 : float, default 440.0
        The frequency of A4 in Hz.

    Returns
    -------
    frequency : ndarray of float, same shape as `midi`
        In Hz.
    """
    where = "midi_to_frequency"
    midi = as_array(midi, "midi", where)
    check_positive(a4, "a4", where)
    if not np.all(np.isfinite(midi)):
        raise ValueError(f"{where}: midi must hold finite note numbers, but it holds nan or inf.")
    return a4 * 2.0 ** ((midi - 69) / 12)


# --8<-- [end:midi_to_frequency]


def adsr_envelope(n_samples, rate=8000, attack=0.02, decay=0.1, sustain=0.6, release=0.08):
    r"""An attack-decay-sustain-release envelope: how loud a note is over its life, in [0, 1].

    Linear segments: from 0 up to 1 in `attack` seconds, down to `sustain` in `decay`
    seconds, held, then down to 0 in the last `release` seconds. A note too short for the
    three timed segments has them shrunk in proportion, so it still starts and ends at 0
    (no click).

    Parameters
    ----------
    n_samples : int
        Length of the note in samples.
    rate : int, default 8000
        Samples per second.
    attack, decay, release : float
        Seconds, each >= 0.
    sustain : float, default 0.6
        Level held between decay and release, in [0, 1].

    Returns
    -------
    envelope : ndarray of float, shape (n_samples,)
    """
    where = "adsr_envelope"
    check_positive(n_samples, "n_samples", where, integer=True)
    check_positive(rate, "rate", where, integer=True)
    for name, value in (("attack", attack), ("decay", decay), ("release", release)):
        check_interval(value, name, where, 0, np.inf)
    check_interval(sustain, "sustain", where, 0, 1, closed=(True, True))
    return _adsr(int(n_samples), rate, attack, decay, sustain, release)


def _adsr(n, rate, attack, decay, sustain, release):
    a, d, r = (t * rate for t in (attack, decay, release))
    if a + d + r > n:  # a short note: shrink the timed segments in proportion
        scale = n / (a + d + r)
        a, d, r = a * scale, d * scale, r * scale
    i = np.arange(n) + 0.5  # sample centres
    rise = np.minimum(i / a, 1.0) if a > 0 else np.ones(n)
    fall = 1 - (1 - sustain) * np.clip((i - a) / d, 0, 1) if d > 0 else np.full(n, sustain)
    fall = np.where(i < a, 1.0, fall)
    end = np.clip((n - i) / r, 0, 1) if r > 0 else np.ones(n)
    return rise * fall * end


def synthesize(
    midi, onsets, durations, rate=8000, harmonics=(1.0, 0.5, 0.25, 0.125), envelope=None, peak=0.8
):
    r"""Render notes to one waveform by additive synthesis: a few harmonics per note, enveloped.

    Note $j$ with frequency $f_j$, starting at $t_j$, sounds
    $e_j(t - t_j) \sum_k a_k \sin(2\pi k f_j (t - t_j))$ with $e_j$ the ADSR envelope; the
    notes are summed (chords and overlaps mix) and the sum scaled so its largest magnitude
    is `peak`. Harmonics at or above half the sample rate are left out (they would alias).

    Parameters
    ----------
    midi : array_like of int, shape (n_notes,)
        MIDI note numbers; a negative number is a rest (silence).
    onsets : array_like of float, shape (n_notes,)
        Start times in seconds, >= 0.
    durations : array_like of float, shape (n_notes,)
        Lengths in seconds, > 0.
    rate : int, default 8000
        Samples per second.
    harmonics : sequence of float, default (1.0, 0.5, 0.25, 0.125)
        Amplitudes $a_1, a_2, \dots$ of the fundamental and its overtones.
    envelope : dict, optional
        Keyword arguments of [`adsr_envelope`][dl_notes.audio.adsr_envelope] (`attack`,
        `decay`, `sustain`, `release`).
    peak : float, default 0.8
        Largest magnitude of the result, in (0, 1].

    Returns
    -------
    waveform : ndarray of float, shape (n_samples,)
        `n_samples = ceil(max(onsets + durations) * rate)`, values in [-peak, peak].
    """
    where = "synthesize"
    midi, onsets, durations = _check_notes(midi, onsets, durations, where)
    check_positive(rate, "rate", where, integer=True)
    check_interval(peak, "peak", where, 0, 1, closed=(False, True))
    amps = as_array(harmonics, "harmonics", where)
    check_ndim(amps, 1, "harmonics", where, "(n_harmonics,)")
    options = dict(attack=0.02, decay=0.1, sustain=0.6, release=0.08)
    if envelope is not None:
        unknown = set(envelope) - set(options)
        if unknown:
            raise ValueError(
                f"{where}: unknown envelope option {sorted(unknown)[0]!r}; the options are "
                f"attack, decay, sustain, release."
            )
        options.update(envelope)
        adsr_envelope(1, rate, **options)  # checks the values
    return _synthesize(midi, onsets, durations, int(rate), amps, options, peak)


def _synthesize(midi, onsets, durations, rate, amps, options, peak):
    n_total = int(np.ceil(np.max(onsets + durations) * rate))
    out = np.zeros(n_total)
    k = np.arange(1, len(amps) + 1)  # harmonic numbers
    for p, start, length in zip(midi, onsets, durations):
        if p < 0:  # a rest
            continue
        s0 = int(round(start * rate))
        n = min(int(round(length * rate)), n_total - s0)
        if n <= 0:
            continue
        f = 440.0 * 2.0 ** ((p - 69) / 12)
        keep = k * f < rate / 2  # below Nyquist
        t = np.arange(n) / rate  # (n,)
        tone = amps[keep] @ np.sin(2 * np.pi * f * np.outer(k[keep], t))  # (n,)
        out[s0 : s0 + n] += _adsr(n, rate, **options) * tone
    top = np.max(np.abs(out))
    return out * (peak / top) if top > 0 else out


def beats_to_seconds(quarter_lengths, bpm=100):
    r"""Onsets and durations in seconds of notes played one after the other, from their beats.

    At `bpm` beats a minute a beat lasts $60 / \text{bpm}$ s; note $j$ starts when the
    notes before it have ended.

    Parameters
    ----------
    quarter_lengths : array_like of float, shape (n_notes,)
        Durations in beats (quarter notes), > 0.
    bpm : float, default 100
        Tempo in beats a minute.

    Returns
    -------
    onsets : ndarray of float, shape (n_notes,)
        Seconds.
    durations : ndarray of float, shape (n_notes,)
        Seconds.
    """
    where = "beats_to_seconds"
    q = as_array(quarter_lengths, "quarter_lengths", where)
    check_ndim(q, 1, "quarter_lengths", where, "(n_notes,)")
    check_positive(bpm, "bpm", where)
    if q.size == 0 or not np.all(q > 0):
        raise ValueError(f"{where}: quarter_lengths must be a non-empty list of positive beats.")
    durations = q * 60.0 / bpm
    onsets = np.concatenate([[0.0], np.cumsum(durations)[:-1]])
    return onsets, durations


def to_wav_bytes(waveform, rate=8000):
    r"""A mono WAV file of 16-bit PCM samples, as bytes: sample $x \mapsto \text{round}(32767 x)$.

    Parameters
    ----------
    waveform : array_like of float, shape (n_samples,)
        Values in [-1, 1] (as `synthesize` returns them).
    rate : int, default 8000
        Samples per second.

    Returns
    -------
    data : bytes
        A RIFF/WAVE file: a 44-byte header, then `2 * n_samples` bytes.
    """
    where = "to_wav_bytes"
    x = as_array(waveform, "waveform", where)
    check_ndim(x, 1, "waveform", where, "(n_samples,), mono")
    check_positive(rate, "rate", where, integer=True)
    if not np.all(np.isfinite(x)):
        raise ValueError(f"{where}: waveform holds nan or inf.")
    top = float(np.max(np.abs(x))) if x.size else 0.0
    if top > 1:
        raise ValueError(
            f"{where}: waveform must lie in [-1, 1], but its largest magnitude is {top:.3g}; "
            f"scale it first (x / max|x|)."
        )
    samples = np.round(x * 32767).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(int(rate))
        w.writeframes(samples.tobytes())
    return buffer.getvalue()


def read_wav_bytes(data):
    r"""Read a 16-bit PCM WAV file from bytes: the inverse of `to_wav_bytes`.

    Parameters
    ----------
    data : bytes
        A WAV file of 16-bit samples; several channels are averaged to mono.

    Returns
    -------
    waveform : ndarray of float, shape (n_samples,)
        Values in [-1, 1]: sample / 32767.
    rate : int
        Samples per second.
    """
    where = "read_wav_bytes"
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"{where}: data must be bytes, but a {type(data).__name__} was given.")
    try:
        with wave.open(io.BytesIO(bytes(data)), "rb") as w:
            width, channels, rate = w.getsampwidth(), w.getnchannels(), w.getframerate()
            frames = w.readframes(w.getnframes())
    except (wave.Error, EOFError) as err:
        raise ValueError(f"{where}: data is not a WAV file ({err}).") from None
    if width != 2:
        raise ValueError(f"{where}: only 16-bit samples are read, but the file has {8 * width}.")
    x = np.frombuffer(frames, "<i2").reshape(-1, channels).mean(axis=1) / 32767
    return x, rate


def to_midi_bytes(midi, onsets, durations, bpm=100, velocity=80, program=0):
    r"""A standard MIDI file (format 0, one track) of the notes, as bytes.

    Times are written in ticks, 480 to a beat, at tempo `bpm`: a note at $t$ seconds starts
    at tick $\text{round}(t \cdot \text{bpm} / 60 \cdot 480)$. Any MIDI player, notation
    program or `music21.converter.parse` reads the result.

    Parameters
    ----------
    midi : array_like of int, shape (n_notes,)
        MIDI note numbers in 0..127; a negative number is a rest (not written).
    onsets, durations : array_like of float, shape (n_notes,)
        Seconds.
    bpm : float, default 100
        Tempo written in the file.
    velocity : int, default 80
        Loudness of every note, 1..127.
    program : int, default 0
        General MIDI instrument, 0..127 (0: acoustic grand piano, 19: church organ).

    Returns
    -------
    data : bytes
        Starts with `b"MThd"`.
    """
    where = "to_midi_bytes"
    midi, onsets, durations = _check_notes(midi, onsets, durations, where)
    check_positive(bpm, "bpm", where)
    if np.any(midi > 127):
        raise ValueError(f"{where}: MIDI note numbers must be at most 127, but {midi.max()} given.")
    for name, value, low in (("velocity", velocity, 1), ("program", program, 0)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{where}: {name} must be an int, but {value!r} was given.")
        if not low <= value <= 127:
            raise ValueError(f"{where}: {name} must be in {low}..127, but {value} was given.")
    ticks = 480 * bpm / 60  # per second
    events = []  # (tick, order, bytes): note-offs (order 0) before note-ons at the same tick
    for p, start, length in zip(midi, onsets, durations):
        if p < 0:
            continue
        on, off = round(start * ticks), round((start + length) * ticks)
        events.append((on, 1, bytes([0x90, int(p), int(velocity)])))
        events.append((max(off, on + 1), 0, bytes([0x80, int(p), 0])))
    events.sort(key=lambda e: (e[0], e[1]))
    tempo = round(60_000_000 / bpm)  # microseconds a beat
    track = b"\x00\xff\x51\x03" + tempo.to_bytes(3, "big")
    track += b"\x00" + bytes([0xC0, int(program)])
    now = 0
    for tick, _, message in events:
        track += _varlen(tick - now) + message
        now = tick
    track += b"\x00\xff\x2f\x00"  # end of track
    header = b"MThd" + struct.pack(">IHHH", 6, 0, 1, 480)
    return header + b"MTrk" + struct.pack(">I", len(track)) + track


def _varlen(n):
    """MIDI's variable-length quantity: 7 bits a byte, high bit set on all but the last."""
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    return bytes(reversed(out))


def audio_player(waveform, rate=8000, label="audio"):
    r"""An HTML `<audio>` player that holds its sound: the WAV file base64-encoded in a `data:` URI.

    Nothing is fetched when the page plays it, so it works offline and in a static site.
    In a notebook the result displays as the player; it is also a plain string of HTML.
    `IPython.display.Audio(waveform, rate=rate)` makes a similar player, but rescales the
    sound to full scale and needs IPython.

    Parameters
    ----------
    waveform : array_like of float, shape (n_samples,)
        Values in [-1, 1].
    rate : int, default 8000
    label : str, default "audio"
        Accessible name of the player (`aria-label`).

    Returns
    -------
    html : HTMLSnippet
        `<audio controls preload="auto" src="data:audio/wav;base64,..."></audio>`.
    """
    data = to_wav_bytes(waveform, rate)
    uri = "data:audio/wav;base64," + base64.b64encode(data).decode("ascii")
    return HTMLSnippet(
        f'<audio controls preload="auto" aria-label="{html.escape(str(label))}" '
        f'src="{uri}"></audio>'
    )


def midi_download_link(data, filename="music.mid", text=None):
    r"""An HTML link that saves MIDI bytes as a file: a `data:audio/midi` URI with `download`.

    Parameters
    ----------
    data : bytes
        A MIDI file, e.g. from [`to_midi_bytes`][dl_notes.audio.to_midi_bytes].
    filename : str, default "music.mid"
        Name the browser saves it under.
    text : str, optional
        Text of the link; default "Download `filename` (n bytes)".

    Returns
    -------
    html : HTMLSnippet
        `<a download="music.mid" href="data:audio/midi;base64,...">...</a>`.
    """
    where = "midi_download_link"
    if not isinstance(data, (bytes, bytearray)) or not bytes(data).startswith(b"MThd"):
        raise ValueError(f"{where}: data must be the bytes of a MIDI file (starting with MThd).")
    text = text or f"Download {filename} ({len(data)} bytes)"
    uri = "data:audio/midi;base64," + base64.b64encode(bytes(data)).decode("ascii")
    return HTMLSnippet(
        f'<a download="{html.escape(filename)}" href="{uri}">{html.escape(text)}</a>'
    )


def plot_piano_roll(midi, onsets, durations, ax=None, title=None, color="C0"):
    r"""Draw notes as a piano roll: one bar per note, time across, pitch up.

    Parameters
    ----------
    midi : array_like of int, shape (n_notes,)
        MIDI note numbers; negative ones (rests) are not drawn.
    onsets, durations : array_like of float, shape (n_notes,)
        Seconds (or beats: the axis is labelled seconds, the shapes do not care).
    ax : matplotlib.axes.Axes, optional
    title : str, optional
    color : str, default "C0"

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    midi, onsets, durations = _check_notes(midi, onsets, durations, "plot_piano_roll")
    ax = ax or plt.subplots(figsize=(7, 2.8))[1]
    played = midi >= 0
    for p, start, length in zip(midi[played], onsets[played], durations[played]):
        ax.add_patch(plt.Rectangle((start, p - 0.4), length * 0.95, 0.8, color=color, linewidth=0))
    if played.any():
        low, high = int(midi[played].min()), int(midi[played].max())
        ticks = [p for p in range(low - 1, high + 2) if p % 12 in (0, 4, 7)]  # C, E, G
        ax.set_yticks(ticks, [_note_name(p) for p in ticks])
        ax.set_ylim(low - 1.5, high + 1.5)
    ax.set_xlim(0, float(np.max(onsets + durations)))
    ax.set_xlabel("time (s)")
    ax.set_ylabel("pitch")
    ax.grid(axis="y", alpha=0.3)
    if title:
        ax.set_title(title)
    return ax


def _note_name(p):
    names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
    return f"{names[p % 12]}{p // 12 - 1}"


def _check_notes(midi, onsets, durations, where):
    """The three note arrays as 1-D arrays of one length: int pitches, float times."""
    arrays = []
    for name, value in (("midi", midi), ("onsets", onsets), ("durations", durations)):
        a = as_array(value, name, where)
        check_ndim(a, 1, name, where, "(n_notes,)")
        if not np.all(np.isfinite(a)):
            raise ValueError(f"{where}: {name} holds nan or inf.")
        arrays.append(a)
    midi, onsets, durations = arrays
    if not (len(midi) == len(onsets) == len(durations)) or len(midi) == 0:
        raise ValueError(
            f"{where}: midi, onsets and durations must have one entry per note, the same number "
            f"(> 0), but they have {len(midi)}, {len(onsets)} and {len(durations)}."
        )
    if np.any(midi != np.round(midi)):
        raise ValueError(f"{where}: midi must hold whole note numbers, but it has fractions.")
    if np.any(onsets < 0) or np.any(durations <= 0):
        raise ValueError(f"{where}: onsets must be >= 0 and durations > 0 (seconds).")
    return midi.astype(np.int64), onsets, durations
