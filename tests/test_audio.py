"""dl_notes.audio: frequencies, envelopes, synthesis, WAV and MIDI bytes, players, piano rolls."""

import base64
import io
import re
import wave

import matplotlib
import numpy as np
import pytest

from dl_notes import audio

matplotlib.use("Agg")


# --- frequencies -------------------------------------------------------------------------


def test_a4_is_440_hz_and_an_octave_doubles():
    assert audio.midi_to_frequency(69) == pytest.approx(440.0)
    f = audio.midi_to_frequency(np.array([[57, 69], [81, 93]]))
    assert f.shape == (2, 2)
    np.testing.assert_allclose(f, [[220, 440], [880, 1760]])
    assert audio.midi_to_frequency(60) == pytest.approx(261.6256, abs=1e-4)  # middle C
    assert audio.midi_to_frequency(70) / audio.midi_to_frequency(69) == pytest.approx(2 ** (1 / 12))
    assert audio.midi_to_frequency(69, a4=432) == pytest.approx(432)


def test_midi_to_frequency_rejects_bad_input():
    with pytest.raises(ValueError, match="finite note numbers"):
        audio.midi_to_frequency([60, np.nan])
    with pytest.raises(TypeError, match="midi must be a NumPy array"):
        audio.midi_to_frequency("A4")
    with pytest.raises(ValueError, match="a4 must be positive"):
        audio.midi_to_frequency(60, a4=0)


# --- envelope ----------------------------------------------------------------------------


def test_adsr_envelope_rises_decays_holds_and_releases():
    rate = 1000
    env = audio.adsr_envelope(1000, rate, attack=0.1, decay=0.1, sustain=0.5, release=0.2)
    assert env.shape == (1000,)
    assert 0 <= env.min() and env.max() <= 1
    assert env[0] < 0.01 and env[-1] < 0.01  # starts and ends silent: no click
    assert env[99] == pytest.approx(1, abs=0.01)  # top of the attack
    assert np.all(np.diff(env[:100]) > 0)  # rising
    assert np.all(np.diff(env[100:200]) < 0)  # decaying to the sustain level
    np.testing.assert_allclose(env[200:800], 0.5)  # held
    assert np.all(np.diff(env[800:]) < 0)  # released


def test_adsr_envelope_of_a_short_note_shrinks_its_segments():
    env = audio.adsr_envelope(10, 1000, attack=0.02, decay=0.02, sustain=0.5, release=0.02)
    assert env.shape == (10,) and env[0] < 0.5 and env[-1] < 0.5 and env.max() > 0.4


def test_adsr_envelope_rejects_bad_input():
    with pytest.raises(ValueError, match=r"sustain must be in \[0, 1\]"):
        audio.adsr_envelope(100, sustain=1.5)
    with pytest.raises(ValueError, match="attack must be in"):
        audio.adsr_envelope(100, attack=-0.1)
    with pytest.raises(TypeError, match="n_samples must be a whole number"):
        audio.adsr_envelope(10.5)


# --- synthesis ---------------------------------------------------------------------------


def test_synthesize_a_pure_tone_sounds_at_its_frequency():
    rate = 8000
    x = audio.synthesize([69], [0.0], [1.0], rate=rate, harmonics=(1.0,), peak=0.5)
    assert x.shape == (8000,)
    assert np.max(np.abs(x)) == pytest.approx(0.5)
    spectrum = np.abs(np.fft.rfft(x))
    assert np.fft.rfftfreq(len(x), 1 / rate)[spectrum.argmax()] == pytest.approx(440, abs=1)


def test_synthesize_places_notes_and_rests_in_time():
    rate = 1000
    onsets, durations = audio.beats_to_seconds([1, 1, 1], bpm=120)  # 0.5 s each
    np.testing.assert_allclose(onsets, [0, 0.5, 1.0])
    np.testing.assert_allclose(durations, [0.5, 0.5, 0.5])
    x = audio.synthesize([60, -1, 64], onsets, durations, rate=rate)
    assert x.shape == (1500,)
    assert np.abs(x[500:1000]).max() == 0  # the rest is silent
    assert np.abs(x[:500]).max() > 0.1 and np.abs(x[1000:]).max() > 0.1


def test_synthesize_leaves_out_harmonics_above_nyquist():
    rate = 8000
    # A6 = 1760 Hz: harmonics 3 (5280 Hz) and above would alias
    x = audio.synthesize([93], [0.0], [1.0], rate=rate, harmonics=(1.0, 0.5, 0.25, 0.125))
    spectrum = np.abs(np.fft.rfft(x))
    freqs = np.fft.rfftfreq(len(x), 1 / rate)
    strong = freqs[spectrum > 0.05 * spectrum.max()]
    assert set(np.round(strong / 1760).astype(int)) <= {1, 2}
    assert not np.any((strong > 100) & (np.abs(strong / 1760 - np.round(strong / 1760)) > 0.01))


def test_synthesize_rejects_bad_input():
    with pytest.raises(ValueError, match="one entry per note"):
        audio.synthesize([60, 62], [0.0], [1.0])
    with pytest.raises(ValueError, match="durations > 0"):
        audio.synthesize([60], [0.0], [0.0])
    with pytest.raises(ValueError, match="whole note numbers"):
        audio.synthesize([60.5], [0.0], [1.0])
    with pytest.raises(ValueError, match="midi must be a 1-D array"):
        audio.synthesize([[60]], [0.0], [1.0])
    with pytest.raises(ValueError, match="unknown envelope option 'atack'"):
        audio.synthesize([60], [0.0], [1.0], envelope={"atack": 0.1})
    with pytest.raises(ValueError, match=r"peak must be in \(0, 1\]"):
        audio.synthesize([60], [0.0], [1.0], peak=2)
    with pytest.raises(ValueError, match="positive beats"):
        audio.beats_to_seconds([1, 0])


# --- WAV -----------------------------------------------------------------------------------


def test_wav_bytes_have_the_header_length_and_rate_and_read_back(rng):
    x = rng.uniform(-1, 1, 1234)
    data = audio.to_wav_bytes(x, rate=11025)
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    assert len(data) == 44 + 2 * 1234
    with wave.open(io.BytesIO(data)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()) == (
            1,
            2,
            11025,
            1234,
        )
    y, rate = audio.read_wav_bytes(data)
    assert rate == 11025
    np.testing.assert_allclose(y, x, atol=0.5 / 32767 + 1e-12)


def test_wav_rejects_bad_input():
    with pytest.raises(ValueError, match=r"largest magnitude is 1.5; scale it"):
        audio.to_wav_bytes(np.array([0.0, 1.5]))
    with pytest.raises(ValueError, match="waveform must be a 1-D array"):
        audio.to_wav_bytes(np.zeros((2, 10)))
    with pytest.raises(ValueError, match="nan or inf"):
        audio.to_wav_bytes(np.array([0.0, np.nan]))
    with pytest.raises(ValueError, match="not a WAV file"):
        audio.read_wav_bytes(b"not a wav file at all, really")
    with pytest.raises(TypeError, match="data must be bytes"):
        audio.read_wav_bytes("RIFF")


# --- MIDI ----------------------------------------------------------------------------------


def test_varlen_quantities_by_hand():
    assert audio._varlen(0) == b"\x00"
    assert audio._varlen(127) == b"\x7f"
    assert audio._varlen(128) == b"\x81\x00"
    assert audio._varlen(16383) == b"\xff\x7f"


def test_midi_bytes_read_back_with_music21():
    music21 = pytest.importorskip("music21")
    onsets, durations = audio.beats_to_seconds([1, 0.5, 0.5, 2], bpm=90)
    data = audio.to_midi_bytes([60, 64, -1, 67], onsets, durations, bpm=90)
    assert data[:4] == b"MThd" and b"MTrk" in data
    score = music21.converter.parse(data, format="midi")
    notes = [(n.pitch.midi, float(n.offset), float(n.quarterLength)) for n in score.flatten().notes]
    assert notes == [(60, 0.0, 1.0), (64, 1.0, 0.5), (67, 2.0, 2.0)]  # the rest is not written
    assert score.metronomeMarkBoundaries()[0][2].number == pytest.approx(90)


def test_midi_bytes_reject_bad_input():
    with pytest.raises(ValueError, match="velocity must be in 1..127"):
        audio.to_midi_bytes([60], [0.0], [1.0], velocity=0)
    with pytest.raises(TypeError, match="program must be an int"):
        audio.to_midi_bytes([60], [0.0], [1.0], program=1.5)
    with pytest.raises(ValueError, match="at most 127"):
        audio.to_midi_bytes([128], [0.0], [1.0])


# --- players and links ---------------------------------------------------------------------


def test_audio_player_embeds_the_wav_file():
    x = 0.5 * np.sin(np.linspace(0, 100, 800))
    html = audio.audio_player(x, rate=8000, label="a <test>")
    match = re.fullmatch(
        r'<audio controls preload="auto" aria-label="a &lt;test&gt;" '
        r'src="data:audio/wav;base64,([A-Za-z0-9+/=]+)"></audio>',
        html,
    )
    assert match
    assert base64.b64decode(match.group(1)) == audio.to_wav_bytes(x, 8000)
    assert html._repr_html_() == str(html)
    assert repr(html) == f"<HTML <audio> element, {len(html):,} characters>"  # short text/plain


def test_midi_download_link():
    data = audio.to_midi_bytes([60], [0.0], [1.0])
    link = audio.midi_download_link(data, "tune.mid")
    assert link.startswith('<a download="tune.mid" href="data:audio/midi;base64,')
    href = link.split('href="')[1].split('"')[0]
    assert base64.b64decode(href.split(",")[1]) == data
    assert f"({len(data)} bytes)" in link
    with pytest.raises(ValueError, match="bytes of a MIDI file"):
        audio.midi_download_link(b"RIFF....")


def test_plot_piano_roll_draws_one_bar_per_note():
    import matplotlib.pyplot as plt

    onsets, durations = audio.beats_to_seconds([1, 1, 2], bpm=60)
    ax = audio.plot_piano_roll([60, -1, 67], onsets, durations, title="roll")
    bars = [p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle)]
    assert sorted((b.get_x(), round(b.get_y() + 0.4)) for b in bars) == [(0.0, 60), (2.0, 67)]
    assert ax.get_xlim() == (0.0, 4.0) and ax.get_title() == "roll"
    assert "C4" in [t.get_text() for t in ax.get_yticklabels()]
    plt.close(ax.figure)
