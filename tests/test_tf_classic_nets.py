"""Course 4, week 2: dl_notes.tf.classic_nets, the classic ConvNets' shapes and parameter counts."""

import numpy as np
import pytest

from dl_notes.conv_arithmetic import conv_layer_params, dense_layer_params


@pytest.fixture(scope="module")
def nets():
    pytest.importorskip("tensorflow")
    from dl_notes.tf import classic_nets

    return classic_nets


@pytest.fixture(scope="module")
def keras(nets):
    import keras

    return keras


def _shapes(model):
    return {layer.name: tuple(layer.output.shape[1:]) for layer in model.layers}


def test_lenet5_has_the_lecture_shapes_and_61706_parameters(nets):
    model = nets.lenet5()
    assert model.count_params() == 61_706  # "about 60 thousand"
    assert _shapes(model) == {
        "conv1": (28, 28, 6),
        "pool1": (14, 14, 6),
        "conv2": (10, 10, 16),
        "pool2": (5, 5, 16),
        "flatten": (400,),
        "fc3": (120,),
        "fc4": (84,),
        "output": (10,),
    }
    expected = (
        conv_layer_params(5, 1, 6)
        + conv_layer_params(5, 6, 16)
        + dense_layer_params(400, 120)
        + dense_layer_params(120, 84)
        + dense_layer_params(84, 10)
    )
    assert model.count_params() == expected


def test_alexnet_has_the_lecture_shapes_and_62378344_parameters(nets):
    model = nets.alexnet()
    assert model.count_params() == 62_378_344  # "about 60 million"
    shapes = _shapes(model)
    assert shapes["conv1"] == (55, 55, 96) and shapes["pool1"] == (27, 27, 96)
    assert shapes["conv2"] == (27, 27, 256) and shapes["pool2"] == (13, 13, 256)
    assert shapes["conv5"] == (13, 13, 256) and shapes["pool5"] == (6, 6, 256)
    assert shapes["flatten"] == (9216,) and shapes["fc8"] == (1000,)
    dense = sum(model.get_layer(f"fc{k}").count_params() for k in (6, 7, 8))
    assert 0.93 < dense / model.count_params() < 0.95  # the dense layers: 94 %
    # the paper split conv2, conv4 and conv5 into two groups: each filter saw half the channels
    grouped_saving = sum(
        conv_layer_params(f, n_C_prev, n_C) - conv_layer_params(f, n_C_prev // 2, n_C)
        for f, n_C_prev, n_C in [(5, 96, 256), (3, 384, 384), (3, 384, 256)]
    )
    assert model.count_params() - grouped_saving == 60_965_224  # the paper's two-GPU version


def test_vgg16_matches_keras_applications(nets, keras):
    model = nets.vgg16()
    assert model.count_params() == 138_357_544
    reference = keras.applications.VGG16(weights=None)
    ours = [(layer.name, layer.count_params()) for layer in model.layers]
    theirs = [(layer.name, layer.count_params()) for layer in reference.layers[1:]]
    assert ours == theirs
    assert _shapes(model)["block5_pool"] == (7, 7, 512)


def test_small_inputs_and_class_counts(nets):
    for build, smallest in [(nets.lenet5, 16), (nets.alexnet, 67), (nets.vgg16, 32)]:
        model = build((smallest, smallest, 3), n_classes=7)
        assert model.output_shape == (None, 7)
        with pytest.raises(ValueError, match=rf"at least {smallest}"):
            build((smallest - 1, smallest, 3))


def test_seeded_and_runs_forward(nets, rng):
    X = rng.random((2, 32, 32, 1)).astype(np.float32)
    a, b, c = nets.lenet5(seed=1), nets.lenet5(seed=1), nets.lenet5(seed=2)
    assert np.array_equal(a(X).numpy(), b(X).numpy())
    assert not np.allclose(a(X).numpy(), c(X).numpy())
    probabilities = a(X).numpy()
    assert probabilities.shape == (2, 10) and np.allclose(probabilities.sum(axis=1), 1, atol=1e-5)


def test_bad_arguments(nets):
    with pytest.raises(ValueError, match=r"lenet5: input_shape must be \(n_H, n_W, n_C\)"):
        nets.lenet5((32, 32))
    with pytest.raises(ValueError, match="input_shape must be"):
        nets.vgg16((224.0, 224, 3))
    with pytest.raises(ValueError, match="unknown activation 'softplus'"):
        nets.lenet5(activation="softplus")
    with pytest.raises(ValueError, match="n_classes must be positive"):
        nets.alexnet(n_classes=0)
    with pytest.raises(ValueError, match="seed must be an int >= 0"):
        nets.vgg16(seed=-1)
