"""Course 4, W1A2 and W2A1: dl_notes.tf.convnets, the course's Keras ConvNets and ResNet blocks."""

import numpy as np
import pytest


@pytest.fixture(scope="module")
def cn():
    pytest.importorskip("tensorflow")
    from dl_notes.tf import convnets

    return convnets


@pytest.fixture(scope="module")
def keras(cn):
    import keras

    return keras


def _course_x():
    """The course's test input for the blocks: three 4x4x3 images of -1, 1 and 3."""
    return np.concatenate([np.full((1, 4, 4, 3), v) for v in (-1, 1, 3)]).astype(np.float32)


def _ones(keras):
    return lambda seed=0: keras.initializers.Constant(value=1)


def _count(model, layer_class):
    return sum(isinstance(layer, layer_class) for layer in model.layers)


# --- W1A2 --------------------------------------------------------------------------------


def test_happy_model_matches_the_course(cn):
    model = cn.happyModel()
    assert cn.happyModel is cn.happy_model
    expected = [  # the course's expected output of summary(happy_model)
        ["ZeroPadding2D", (None, 70, 70, 3), 0, ((3, 3), (3, 3))],
        ["Conv2D", (None, 64, 64, 32), 4736, "valid", "linear", "GlorotUniform"],
        ["BatchNormalization", (None, 64, 64, 32), 128],
        ["ReLU", (None, 64, 64, 32), 0],
        ["MaxPooling2D", (None, 32, 32, 32), 0, (2, 2), (2, 2), "valid"],
        ["Flatten", (None, 32768), 0],
        ["Dense", (None, 1), 32769, "sigmoid"],
    ]
    assert cn.summary(model) == expected
    assert model.count_params() == 37633
    assert sum(int(np.prod(w.shape)) for w in model.trainable_weights) == 37633 - 64
    out = np.asarray(model(np.random.default_rng(0).random((2, 64, 64, 3)), training=False))
    assert out.shape == (2, 1) and np.all((out > 0) & (out < 1))


def test_happy_model_momentum(cn, keras):
    def momenta(model):
        return [
            layer.momentum
            for layer in model.layers
            if isinstance(layer, keras.layers.BatchNormalization)
        ]

    assert momenta(cn.happy_model()) == [0.99]  # Keras' default, as in the course
    assert momenta(cn.happy_model(momentum=0.9)) == [0.9]
    with pytest.raises(ValueError, match=r"happy_model: momentum must be in \[0, 1\)"):
        cn.happy_model(momentum=1.5)


def test_happy_model_other_input_shape(cn):
    rows = cn.summary(cn.happy_model(input_shape=(32, 32, 1)))
    assert [r[1] for r in rows][-2:] == [(None, 16 * 16 * 32), (None, 1)]
    assert rows[1][2] == 7 * 7 * 1 * 32 + 32


def test_convolutional_model_on_signs_and_digits(cn):
    signs = cn.convolutional_model((64, 64, 3))
    assert cn.summary(signs) == [  # the course's expected output
        ["Conv2D", (None, 64, 64, 8), 392, "same", "linear", "GlorotUniform"],
        ["ReLU", (None, 64, 64, 8), 0],
        ["MaxPooling2D", (None, 8, 8, 8), 0, (8, 8), (8, 8), "same"],
        ["Conv2D", (None, 8, 8, 16), 528, "same", "linear", "GlorotUniform"],
        ["ReLU", (None, 8, 8, 16), 0],
        ["MaxPooling2D", (None, 2, 2, 16), 0, (4, 4), (4, 4), "same"],
        ["Flatten", (None, 64), 0],
        ["Dense", (None, 6), 390, "softmax"],
    ]
    assert signs.count_params() == 1310
    digits = cn.convolutional_model((28, 28, 1))
    assert [r[1] for r in cn.summary(digits)] == [
        (None, 28, 28, 8), (None, 28, 28, 8), (None, 4, 4, 8), (None, 4, 4, 16),
        (None, 4, 4, 16), (None, 1, 1, 16), (None, 16), (None, 6),
    ]  # fmt: skip
    assert digits.count_params() == 766
    probs = np.asarray(digits(np.random.default_rng(1).random((3, 28, 28, 1))))
    assert probs.shape == (3, 6) and np.allclose(probs.sum(axis=1), 1, atol=1e-6)


def test_builders_are_seeded(cn):
    def weights(model):
        return model.get_weights()

    for build in (cn.happy_model, lambda seed: cn.convolutional_model((28, 28, 1), seed=seed)):
        a, b, c = weights(build(seed=0)), weights(build(seed=0)), weights(build(seed=1))
        assert all(np.array_equal(x, y) for x, y in zip(a, b))
        assert not all(np.array_equal(x, z) for x, z in zip(a, c))
    # each layer its own seed: no two kernels of the same shape start equal
    small = [w for w in weights(cn.resnet_small()) if w.ndim == 4]
    same_shape = [
        (i, j) for i in range(len(small)) for j in range(i) if small[i].shape == small[j].shape
    ]
    assert same_shape and not any(np.array_equal(small[i], small[j]) for i, j in same_shape)


def test_input_shape_is_checked(cn):
    with pytest.raises(
        ValueError, match=r"happy_model: input_shape must be \(height, width, channels\)"
    ):
        cn.happy_model(input_shape=(64, 64))
    with pytest.raises(
        ValueError, match=r"convolutional_model: input_shape must be .* but \(28, 0, 1\)"
    ):
        cn.convolutional_model((28, 0, 1))
    with pytest.raises(ValueError, match=r"resnet50: input_shape must be .* at least 37"):
        cn.resnet50(input_shape=(36, 36, 3))
    with pytest.raises(ValueError, match=r"resnet50: classes must be positive"):
        cn.resnet50(classes=0)
    with pytest.raises(TypeError, match=r"happy_model: seed must be an int >= 0"):
        cn.happy_model(seed=1.5)
    with pytest.raises(TypeError, match=r"summary: model must be a keras.Model"):
        cn.summary([1, 2])


# --- W2A1: the blocks --------------------------------------------------------------------


def test_identity_block_gives_the_courses_numbers(cn, keras):
    A3 = np.asarray(
        cn.identity_block(_course_x(), f=2, filters=[4, 4, 3], initializer=_ones(keras))
    )
    assert A3.shape == (3, 4, 4, 3)
    expected = [  # the course's expected output (batch norm in inference mode)
        [[0, 0, 0, 0], [0, 0, 0, 0]],
        [[192.71236, 192.71236, 192.71236, 96.85618], [96.85619, 96.85619, 96.85619, 48.9281]],
        [[578.1371, 578.1371, 578.1371, 290.56854], [290.56854, 290.56854, 290.56854, 146.78427]],
    ]
    np.testing.assert_allclose(A3[:, (0, -1), :, :].mean(axis=3), expected, rtol=1e-5)


def test_identity_block_with_zero_weights_is_the_identity_after_relu(cn, keras, rng):
    X = rng.standard_normal((2, 5, 5, 4)).astype(np.float32)
    zeros = lambda seed=0: keras.initializers.Zeros()  # noqa: E731
    A = np.asarray(cn.identity_block(X, f=3, filters=[2, 3, 4], initializer=zeros))
    np.testing.assert_array_equal(A, np.maximum(X, 0))


def test_identity_block_in_a_model(cn, keras):
    X_input = keras.Input((6, 6, 8))
    model = keras.Model(X_input, cn.identity_block(X_input, 3, [2, 2, 8]))
    assert model.output_shape == (None, 6, 6, 8)
    assert _count(model, keras.layers.Conv2D) == 3 and _count(model, keras.layers.Add) == 1
    assert _count(model, keras.layers.BatchNormalization) == 3
    # the course's initializer, seed 0 for every convolution: RandomUniform draws in [-0.05, 0.05]
    kernels = [
        layer.kernel.numpy() for layer in model.layers if isinstance(layer, keras.layers.Conv2D)
    ]
    assert all(np.abs(k).max() <= 0.05 for k in kernels)


@pytest.mark.parametrize(
    ("shape", "f", "filters", "s", "expected"),
    [
        ((3, 4, 4, 6), 2, [2, 4, 6], 2, (3, 2, 2, 6)),
        ((3, 4, 4, 6), 2, [2, 4, 8], 1, (3, 4, 4, 8)),
        ((2, 7, 7, 3), 3, [4, 4, 10], 2, (2, 4, 4, 10)),  # ceil(7 / 2) = 4
        ((1, 9, 5, 2), 3, [1, 1, 3], 3, (1, 3, 2, 3)),
    ],
)
def test_convolutional_block_shapes(cn, rng, shape, f, filters, s, expected):
    A = np.asarray(
        cn.convolutional_block(rng.standard_normal(shape).astype(np.float32), f, filters, s=s)
    )
    assert A.shape == expected and A.min() >= 0


def test_convolutional_block_in_a_model(cn, keras):
    X_input = keras.Input((8, 8, 4))
    model = keras.Model(X_input, cn.convolutional_block(X_input, 3, [2, 2, 6]))
    assert model.output_shape == (None, 4, 4, 6)
    assert (
        _count(model, keras.layers.Conv2D) == 4
        and _count(model, keras.layers.BatchNormalization) == 4
    )
    strides = sorted(
        tuple(layer.strides) for layer in model.layers if isinstance(layer, keras.layers.Conv2D)
    )
    assert strides == [(1, 1), (1, 1), (2, 2), (2, 2)]  # the first main-path conv and the shortcut


def test_blocks_bad_input(cn, rng):
    X = rng.standard_normal((2, 4, 4, 3)).astype(np.float32)
    with pytest.raises(
        ValueError, match=r"identity_block: the shortcut adds X, with n_C_prev = 3 .* F3 = 5"
    ):
        cn.identity_block(X, 2, [2, 2, 5])
    with pytest.raises(
        ValueError, match=r"identity_block: X must be a 4-D tensor .* shape \(4, 4, 3\)"
    ):
        cn.identity_block(X[0], 2, [2, 2, 3])
    with pytest.raises(
        ValueError, match=r"convolutional_block: filters must be three positive ints"
    ):
        cn.convolutional_block(X, 2, [2, 2])
    with pytest.raises(
        ValueError, match=r"convolutional_block: filters must be three positive ints"
    ):
        cn.convolutional_block(X, 2, [2, 0, 2])
    with pytest.raises(ValueError, match=r"convolutional_block: s must be positive"):
        cn.convolutional_block(X, 2, [2, 2, 2], s=0)
    with pytest.raises(TypeError, match=r"identity_block: f must be a whole number"):
        cn.identity_block(X, 1.5, [2, 2, 3])


# --- W2A1: the networks ------------------------------------------------------------------


def test_resnet50_has_the_courses_parameters(cn, keras):
    model = cn.ResNet50(input_shape=(64, 64, 3), classes=6)
    assert cn.ResNet50 is cn.resnet50
    assert model.count_params() == 23_600_006
    assert sum(int(np.prod(w.shape)) for w in model.trainable_weights) == 23_546_886
    assert model.output_shape == (None, 6)
    assert _count(model, keras.layers.Conv2D) == 1 + 16 * 3 + 4  # stem, main paths, shortcuts
    assert _count(model, keras.layers.Add) == 16
    stages = [
        tuple(layer.output.shape[1:])
        for layer in model.layers
        if isinstance(layer, keras.layers.Add)
    ]
    assert list(dict.fromkeys(stages)) == [(15, 15, 256), (8, 8, 512), (4, 4, 1024), (2, 2, 2048)]
    assert [stages.count(s) for s in dict.fromkeys(stages)] == [3, 4, 6, 3]
    assert cn.resnet50(input_shape=(37, 37, 3), classes=2).output_shape == (None, 2)  # the smallest


def test_resnet_small(cn, keras):
    model = cn.resnet_small()
    assert model.count_params() == 15_334 and model.output_shape == (None, 6)
    assert _count(model, keras.layers.Conv2D) == 15 and _count(model, keras.layers.Add) == 4
    bns = [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    assert len(bns) == 15 and {layer.momentum for layer in bns} == {0.9}
    wide = cn.resnet_small(input_shape=(32, 32, 3), classes=10, filters=4, momentum=0.99)
    assert wide.output_shape == (None, 10)
    assert {
        layer.momentum
        for layer in wide.layers
        if isinstance(layer, keras.layers.BatchNormalization)
    } == {0.99}
    with pytest.raises(ValueError, match=r"resnet_small: momentum must be in \[0, 1\)"):
        cn.resnet_small(momentum=1.0)
    with pytest.raises(ValueError, match=r"resnet_small: filters must be positive"):
        cn.resnet_small(filters=0)


def test_plain_and_residual_differ_only_by_the_skip_connections(cn, keras, rng):
    plain, residual = cn.plain_and_residual(
        input_shape=(16, 16, 1), classes=4, num_blocks=10, filters=4
    )
    assert (plain.name, residual.name) == ("plain", "residual")
    for model in (plain, residual):
        assert _count(model, keras.layers.Conv2D) == 21 and model.output_shape == (None, 4)
    assert _count(plain, keras.layers.Add) == 0 and _count(residual, keras.layers.Add) == 10
    assert plain.count_params() == residual.count_params()
    assert all(np.array_equal(a, b) for a, b in zip(plain.get_weights(), residual.get_weights()))
    X = rng.random((2, 16, 16, 1)).astype(np.float32)
    assert not np.allclose(np.asarray(plain(X)), np.asarray(residual(X)))
    with pytest.raises(ValueError, match=r"plain_and_residual: num_blocks must be positive"):
        cn.plain_and_residual(num_blocks=0)


def test_a_training_step_is_reproducible(cn, keras, rng):
    from dl_notes.tf.training import fit

    X = rng.random((24, 12, 12, 1)).astype(np.float32)
    y = rng.integers(0, 3, 24)
    runs = []
    for _ in range(2):
        model = cn.resnet_small(input_shape=(12, 12, 1), classes=3, filters=2, seed=5)
        start = model.get_weights()
        history = fit(
            model,
            (X, y),
            keras.losses.sparse_categorical_crossentropy,
            num_epochs=2,
            mini_batch_size=8,
            learning_rate=0.01,
            seed=0,
        )
        runs.append((history["cost"], model.get_weights()))
    (cost_a, weights_a), (cost_b, weights_b) = runs
    assert cost_a == cost_b
    assert all(np.array_equal(a, b) for a, b in zip(weights_a, weights_b))
    assert not all(np.array_equal(a, b) for a, b in zip(start, weights_a))  # it did train
