"""Course 4, W3A2: dl_notes.tf.unet, the course's U-Net blocks and model, masks, training."""

import numpy as np
import pytest


@pytest.fixture(scope="module")
def un():
    pytest.importorskip("tensorflow")
    from dl_notes.tf import unet

    return unet


@pytest.fixture(scope="module")
def keras(un):
    import keras

    return keras


HE = ["same", "relu", "HeNormal"]

#: The course's `unet.summary()` for unet_model((96, 128, 3)): (layer, output shape, weights).
COURSE_UNET = [
    ("InputLayer", (None, 96, 128, 3), 0),
    ("Conv2D", (None, 96, 128, 32), 896),
    ("Conv2D", (None, 96, 128, 32), 9248),
    ("MaxPooling2D", (None, 48, 64, 32), 0),
    ("Conv2D", (None, 48, 64, 64), 18496),
    ("Conv2D", (None, 48, 64, 64), 36928),
    ("MaxPooling2D", (None, 24, 32, 64), 0),
    ("Conv2D", (None, 24, 32, 128), 73856),
    ("Conv2D", (None, 24, 32, 128), 147584),
    ("MaxPooling2D", (None, 12, 16, 128), 0),
    ("Conv2D", (None, 12, 16, 256), 295168),
    ("Conv2D", (None, 12, 16, 256), 590080),
    ("Dropout", (None, 12, 16, 256), 0),
    ("MaxPooling2D", (None, 6, 8, 256), 0),
    ("Conv2D", (None, 6, 8, 512), 1180160),
    ("Conv2D", (None, 6, 8, 512), 2359808),
    ("Dropout", (None, 6, 8, 512), 0),
    ("Conv2DTranspose", (None, 12, 16, 256), 1179904),
    ("Concatenate", (None, 12, 16, 512), 0),
    ("Conv2D", (None, 12, 16, 256), 1179904),
    ("Conv2D", (None, 12, 16, 256), 590080),
    ("Conv2DTranspose", (None, 24, 32, 128), 295040),
    ("Concatenate", (None, 24, 32, 256), 0),
    ("Conv2D", (None, 24, 32, 128), 295040),
    ("Conv2D", (None, 24, 32, 128), 147584),
    ("Conv2DTranspose", (None, 48, 64, 64), 73792),
    ("Concatenate", (None, 48, 64, 128), 0),
    ("Conv2D", (None, 48, 64, 64), 73792),
    ("Conv2D", (None, 48, 64, 64), 36928),
    ("Conv2DTranspose", (None, 96, 128, 32), 18464),
    ("Concatenate", (None, 96, 128, 64), 0),
    ("Conv2D", (None, 96, 128, 32), 18464),
    ("Conv2D", (None, 96, 128, 32), 9248),
    ("Conv2D", (None, 96, 128, 32), 9248),
    ("Conv2D", (None, 96, 128, 23), 759),
]


def test_conv_block_matches_the_course(un, keras):
    inputs = keras.Input((96, 128, 3))
    model1 = keras.Model(inputs, un.conv_block(inputs, 32))
    assert un.summary(model1) == [  # the course's output1
        ["InputLayer", [(None, 96, 128, 3)], 0],
        ["Conv2D", (None, 96, 128, 32), 896, *HE],
        ["Conv2D", (None, 96, 128, 32), 9248, *HE],
        ["MaxPooling2D", (None, 48, 64, 32), 0, (2, 2)],
    ]
    inputs = keras.Input((96, 128, 3))
    model2 = keras.Model(inputs, un.conv_block(inputs, 32 * 32, dropout_prob=0.1, max_pooling=True))
    assert un.summary(model2) == [  # the course's output2
        ["InputLayer", [(None, 96, 128, 3)], 0],
        ["Conv2D", (None, 96, 128, 1024), 28672, *HE],
        ["Conv2D", (None, 96, 128, 1024), 9438208, *HE],
        ["Dropout", (None, 96, 128, 1024), 0, 0.1],
        ["MaxPooling2D", (None, 48, 64, 1024), 0, (2, 2)],
    ]


def test_conv_block_without_pooling_returns_one_tensor_twice(un, keras):
    next_layer, skip = un.conv_block(keras.Input((8, 8, 3)), 4, max_pooling=False)
    assert next_layer is skip and tuple(skip.shape) == (None, 8, 8, 4)
    pooled, skip = un.conv_block(keras.Input((8, 8, 3)), 4, dropout_prob=0.2)
    assert tuple(pooled.shape) == (None, 4, 4, 4) and tuple(skip.shape) == (None, 8, 8, 4)


def test_upsampling_block_matches_the_course(un, keras):
    expansive, contractive = keras.Input((12, 16, 256)), keras.Input((24, 32, 128))
    model = keras.Model([expansive, contractive], un.upsampling_block(expansive, contractive, 32))
    assert un.summary(model) == [  # the course's output1
        ["InputLayer", [(None, 12, 16, 256)], 0],
        ["Conv2DTranspose", (None, 24, 32, 32), 73760],
        ["InputLayer", [(None, 24, 32, 128)], 0],
        ["Concatenate", (None, 24, 32, 160), 0],
        ["Conv2D", (None, 24, 32, 32), 46112, *HE],
        ["Conv2D", (None, 24, 32, 32), 9248, *HE],
    ]


def test_unet_model_has_the_courses_layers_and_parameters(un, keras):
    unet = un.unet_model()
    assert unet.count_params() == 8_640_471
    rows = un.summary(unet)
    got = [(r[0], tuple(r[1][0]) if r[0] == "InputLayer" else r[1], r[2]) for r in rows]
    assert got == COURSE_UNET
    convs = [r for r in rows if r[0] in ("Conv2D", "Conv2DTranspose")]
    # 20 Conv2D and 4 Conv2DTranspose (the course's text says 23, the original paper's count)
    assert len(convs) == 24
    assert [r[3:] for r in rows if r[0] == "Conv2D"][:-1] == [HE] * 19
    assert rows[-1][3:] == ["same", "linear", "GlorotUniform"]  # conv10: 1x1, no activation
    assert [r[3] for r in rows if r[0] == "Dropout"] == [0.3, 0.3]
    transposes = [layer for layer in unet.layers if isinstance(layer, keras.layers.Conv2DTranspose)]
    assert all(t.strides == (2, 2) and t.kernel_size == (3, 3) for t in transposes)
    assert all(t.padding == "same" for t in transposes)


def test_unet_model_small_and_output(un, rng):
    unet = un.unet_model((32, 48, 3), n_filters=2, n_classes=5)
    out = np.asarray(unet(rng.random((2, 32, 48, 3)), training=False))
    assert out.shape == (2, 32, 48, 5)
    # the weights grow as n_filters^2: 8 filters and 6 classes (the lab's model)
    assert un.unet_model((48, 64, 3), n_filters=8, n_classes=6).count_params() == 540_846


def test_builders_are_seeded(un, keras):
    def weights(model):
        return [np.asarray(w) for w in model.get_weights()]

    a, b = (un.unet_model((16, 16, 3), 2, 3, seed=4) for _ in range(2))
    c = un.unet_model((16, 16, 3), 2, 3, seed=5)
    assert all(np.array_equal(x, y) for x, y in zip(weights(a), weights(b)))
    assert not all(np.array_equal(x, y) for x, y in zip(weights(a), weights(c)))
    # no two layers of the same shape start equal
    kernels = [w for w in weights(a) if w.ndim == 4 and w.shape == (3, 3, 2, 2)]
    assert len(kernels) >= 3 and not np.array_equal(kernels[0], kernels[1])
    # seed=None in a block: the course's string initializer, unseeded
    inputs = keras.Input((8, 8, 3))
    model = keras.Model(inputs, un.conv_block(inputs, 2, dropout_prob=0.5))
    again = keras.Model(inputs, un.conv_block(inputs, 2, dropout_prob=0.5))
    assert un.summary(model)[1][5] == "HeNormal"
    assert not np.array_equal(weights(model)[0], weights(again)[0])


def test_blocks_and_model_reject_bad_input(un, keras):
    x = keras.Input((8, 8, 3))
    with pytest.raises(ValueError, match=r"conv_block: inputs must be a 4-D tensor"):
        un.conv_block(np.zeros((8, 8, 3)), 4)
    with pytest.raises(ValueError, match=r"conv_block: dropout_prob must be in \[0, 1\)"):
        un.conv_block(x, 4, dropout_prob=1.0)
    with pytest.raises(TypeError, match=r"conv_block: max_pooling must be True or False"):
        un.conv_block(x, 4, max_pooling="yes")
    with pytest.raises(ValueError, match=r"conv_block: n_filters must be positive"):
        un.conv_block(x, 0)
    with pytest.raises(ValueError, match=r"upsampling_block: contractive_input must have twice"):
        un.upsampling_block(keras.Input((4, 4, 8)), keras.Input((6, 8, 4)), 4)
    with pytest.raises(ValueError, match=r"unet_model: input_size must be .* multiples of 16"):
        un.unet_model((100, 128, 3))
    with pytest.raises(ValueError, match=r"unet_model: n_classes must be positive"):
        un.unet_model(n_classes=0)
    with pytest.raises(TypeError, match=r"unet_model: seed must be an int >= 0"):
        un.unet_model(seed=1.5)
    with pytest.raises(TypeError, match=r"summary: model must be a keras.Model"):
        un.summary("unet")


def test_create_mask_is_the_courses(un, tf):
    rng = np.random.default_rng(0)
    pred = rng.standard_normal((3, 4, 5, 6)).astype(np.float32)
    expected = tf.argmax(pred, axis=-1)[..., tf.newaxis][0].numpy()  # the course's three lines
    mask = un.create_mask(pred)
    assert mask.shape == (4, 5, 1) and np.array_equal(mask, expected)
    with pytest.raises(ValueError, match=r"create_mask: pred_mask must have shape \(m, n_H"):
        un.create_mask(pred[0])


def test_segmentation_loss_is_the_courses_loss(un, keras, rng):
    Y = rng.integers(0, 4, (3, 8, 8))
    logits = rng.standard_normal((3, 8, 8, 4)).astype(np.float32)
    course = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(Y[..., None], logits)
    ours = np.asarray(un.segmentation_loss(Y[..., None], logits))
    assert ours.shape == (3,)
    assert ours.mean() == pytest.approx(float(course), rel=1e-5)


def test_train_unet_learns_and_predict_masks(un, rng):
    # a toy task: the class is 1 where the red channel is bright, else 0
    X = rng.random((16, 16, 16, 3)).astype(np.float32)
    Y = (X[..., 0] > 0.5).astype(np.int64)
    model = un.unet_model((16, 16, 3), n_filters=4, n_classes=2, seed=1)
    history = un.train_unet(model, X, Y, num_epochs=15, learning_rate=0.03, mini_batch_size=8)
    assert history["cost"][-1] < 0.7 * history["cost"][0]
    masks = un.predict_masks(model, X, batch_size=5)
    assert masks.shape == (16, 16, 16) and masks.dtype == np.int64
    assert np.mean(masks == Y) > 0.75  # chance: 0.5
    assert np.mean(masks == Y) == pytest.approx(history["accuracy"][-1], abs=0.1)
    with pytest.raises(ValueError, match=r"train_unet: X must be \(m, n_H, n_W, n_C\) images"):
        un.train_unet(model, X, Y[:, :8])
    with pytest.raises(ValueError, match=r"train_unet: Y must hold classes 0 to 1"):
        un.train_unet(model, X, Y + 1)
    with pytest.raises(TypeError, match=r"train_unet: Y must hold integer class labels"):
        un.train_unet(model, X, Y.astype(float))
    with pytest.raises(ValueError, match=r"train_unet: the model takes images of shape"):
        un.train_unet(model, X[:, :, :8], Y[:, :, :8])
    with pytest.raises(ValueError, match=r"predict_masks: X must be \(m, n_H, n_W, n_C\)"):
        un.predict_masks(model, X[0])
