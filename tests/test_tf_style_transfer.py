"""dl_notes.tf.style_transfer: the course's tests, NumPy parity, gradients, training, extractors.

The course's own test values come from `tf.random.set_seed(1)` and `tf.random.normal`, which
this TensorFlow reproduces for the content cost exactly and for the Gram matrix and the
layer's style cost to about 3e-4 (see `test_the_course_values`). The gradient of the
total cost with respect to the pixels, which TensorFlow computes, is checked against finite
differences of the NumPy cost through a tiny fixed ConvNet written twice (Keras and
`dl_notes.convolution`).
"""

import random

import numpy as np
import pytest

from dl_notes import style_transfer as np_st
from dl_notes.convolution import conv_forward
from tests.gradcheck import assert_close_grad, numerical_gradient, tf_gradients


@pytest.fixture(scope="module")
def st():
    pytest.importorskip("tensorflow")
    from dl_notes.tf import style_transfer

    return style_transfer


@pytest.fixture(scope="module")
def tf(st):
    import tensorflow

    return tensorflow


@pytest.fixture(scope="module")
def keras(st):
    import keras

    return keras


# --- the course's tests ----------------------------------------------------------------------


def test_the_course_values(st, tf):
    from tensorflow.python.framework.ops import EagerTensor

    tf.random.set_seed(1)
    a_C = tf.random.normal([1, 1, 4, 4, 3], mean=1, stddev=4)
    a_G = tf.random.normal([1, 1, 4, 4, 3], mean=1, stddev=4)
    J_content = st.compute_content_cost(a_C, a_G)
    assert type(J_content) is EagerTensor
    assert np.isclose(st.compute_content_cost(a_C, a_C), 0.0)
    assert np.isclose(J_content, 7.0568767)  # the course's value, reproduced exactly

    # The course prints GA[0] = [63.193256, -26.729713, -7.732155] and J_style_layer = 14.01649;
    # the same seed draws slightly different numbers in this TensorFlow (63.1888, ..., 14.0178),
    # so these two are held to the course's values within 5e-4 only.
    tf.random.set_seed(1)
    A = tf.random.normal([3, 2 * 1], mean=1, stddev=4)
    GA = st.gram_matrix(A)
    assert GA.shape == (3, 3)
    np.testing.assert_allclose(GA[0, :], [63.193256, -26.729713, -7.732155], rtol=5e-4)
    tf.random.set_seed(1)
    a_S = tf.random.normal([1, 4, 4, 3], mean=1, stddev=4)
    a_G = tf.random.normal([1, 4, 4, 3], mean=1, stddev=4)
    assert np.isclose(st.compute_layer_style_cost(a_G, a_G), 0.0)
    np.testing.assert_allclose(st.compute_layer_style_cost(a_S, a_G), 14.01649, rtol=5e-4)

    J = st.total_cost(0.2, 0.8)
    assert type(J) is EagerTensor and J == 34
    assert np.isclose(st.total_cost(0.3, 0.5, 3, 8), 4.9)


# --- TensorFlow == NumPy ---------------------------------------------------------------------


def test_tf_costs_equal_the_numpy_twins(st, tf, rng):
    shapes = [(1, 6, 5, 3), (1, 3, 3, 4), (1, 2, 2, 6)]
    style = [rng.standard_normal(s) + 0.5 for s in shapes]
    generated = [rng.standard_normal(s) for s in shapes]
    content = [rng.standard_normal(s) for s in shapes]
    layers = [("one", 0.7), ("two", 0.3)]
    T = [[tf.constant(a) for a in out] for out in (style, generated, content)]
    pairs = [
        (st.compute_content_cost(T[2], T[1]), np_st.compute_content_cost(content, generated)),
        (
            st.compute_layer_style_cost(T[0][1], T[1][1]),
            np_st.compute_layer_style_cost(style[1], generated[1]),
        ),
        (
            st.compute_style_cost(T[0], T[1], layers),
            np_st.compute_style_cost(style, generated, layers),
        ),
        (
            st.total_cost(tf.constant(0.25, tf.float64), 1.5, 2, 3),
            np_st.total_cost(0.25, 1.5, 2, 3),
        ),
    ]
    for tf_value, np_value in pairs:
        assert float(tf_value) == pytest.approx(np_value, rel=1e-12)
    A = rng.standard_normal((4, 7))
    np.testing.assert_allclose(st.gram_matrix(tf.constant(A)).numpy(), np_st.gram_matrix(A))


def test_numpy_backward_equals_tensorflow_autodiff(st, rng):
    a_S, a_G = rng.standard_normal((1, 3, 2, 4)) + 0.3, rng.standard_normal((1, 3, 2, 4))
    ref = tf_gradients(lambda a_G: st.compute_layer_style_cost(a_S, a_G), {"a_G": a_G})
    assert_close_grad(np_st.layer_style_cost_backward(a_S, a_G), ref["a_G"], "style da_G vs TF")
    ref = tf_gradients(lambda a_G: st.compute_content_cost([a_S], [a_G]), {"a_G": a_G})
    assert_close_grad(np_st.content_cost_backward(a_S, a_G), ref["a_G"], "content da_G vs TF")


# --- the gradient with respect to the pixels -------------------------------------------------


def _tiny_extractor(keras, rng):
    """Two 'valid' 3x3 tanh convolutions in float64 (Keras), and the same weights for NumPy."""
    weights = [
        (rng.standard_normal((3, 3, 3, 4)) * 0.4, rng.standard_normal((1, 1, 1, 4)) * 0.1),
        (rng.standard_normal((3, 3, 4, 5)) * 0.3, rng.standard_normal((1, 1, 1, 5)) * 0.1),
    ]
    inputs = keras.Input((8, 8, 3), dtype="float64")
    x = inputs
    for l, (W, b) in enumerate(weights, 1):
        conv = keras.layers.Conv2D(W.shape[3], 3, activation="tanh", name=f"c{l}", dtype="float64")
        x = conv(x)
        conv.set_weights([W, b.ravel()])
    return keras.Model(inputs, x), weights


def _numpy_outputs(X, weights):
    outputs, A = [], X
    for W, b in weights:
        Z, _ = conv_forward(A, W, b, {"pad": 0, "stride": 1})
        A = np.tanh(Z)
        outputs.append(A)
    return outputs + [outputs[-1]]  # style layers c1, c2, then the content layer c2


def test_gradient_wrt_the_image_matches_finite_differences_of_the_numpy_cost(st, tf, keras, rng):
    net, weights = _tiny_extractor(keras, rng)
    layers = [("c1", 0.4), ("c2", 0.6)]
    model = st.get_layer_outputs(net, layers + [("c2", 1)])
    C, S = rng.random((1, 8, 8, 3)), rng.random((1, 8, 8, 3))
    G = rng.random((1, 8, 8, 3))
    a_C, a_S = model(C), model(S)
    for got, want in zip(a_C, _numpy_outputs(C, weights)):  # the two extractors agree
        np.testing.assert_allclose(got.numpy(), want, rtol=1e-10, atol=1e-12)

    def J_tf(G):
        a_G = model(G)
        return st.total_cost(
            st.compute_content_cost(a_C, a_G), st.compute_style_cost(a_S, a_G, layers)
        )

    a_C_np, a_S_np = _numpy_outputs(C, weights), _numpy_outputs(S, weights)

    def J_np():
        a_G = _numpy_outputs(G, weights)
        return np_st.total_cost(
            np_st.compute_content_cost(a_C_np, a_G), np_st.compute_style_cost(a_S_np, a_G, layers)
        )

    assert float(J_tf(tf.constant(G))) == pytest.approx(J_np(), rel=1e-12)
    dG = tf_gradients(J_tf, {"G": G})["G"]
    assert_close_grad(dG, numerical_gradient(J_np, G), "dJ/dG, TensorFlow vs finite differences")


# --- training --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_vgg(st):
    vgg = st.random_vgg19((32, 32, 3), last_layer="block2_conv2", seed=0)
    layers = [("block1_conv1", 0.5), ("block2_conv1", 0.5)]
    return st.get_layer_outputs(vgg, layers + [("block2_conv2", 1)]), layers


def test_train_step_lowers_the_cost_and_keeps_pixels_in_0_1(st, tf, keras, small_vgg, rng):
    model, layers = small_vgg
    C, S = rng.random((1, 32, 32, 3)).astype(np.float32), rng.random((1, 32, 32, 3))
    generated_image = st.initial_generated_image(C, seed=1)
    train_step = st.make_train_step(
        model, model(C), model(S.astype(np.float32)), layers, keras.optimizers.Adam(0.02)
    )
    J1 = train_step(generated_image)
    J2 = train_step(generated_image)
    J3 = train_step(generated_image)
    assert J1.shape == () and float(J3) < float(J2) < float(J1)
    G = generated_image.numpy()
    assert G.min() >= 0 and G.max() <= 1


def test_style_transfer_records_costs_and_images(st, small_vgg, rng):
    model, layers = small_vgg
    C = (255 * rng.random((1, 32, 32, 3))).astype(np.uint8)
    S = rng.random((1, 32, 32, 3)).astype(np.float32)
    generated_image = st.initial_generated_image(C, seed=0)
    out, history = st.style_transfer(
        model, C, S, generated_image, layers, num_iterations=8, learning_rate=0.02
    )
    assert out is generated_image
    assert all(len(history[k]) == 9 for k in ("J", "J_content", "J_style"))
    np.testing.assert_allclose(
        history["J"], 10 * history["J_content"] + 40 * history["J_style"], rtol=1e-5
    )
    assert sorted(history["images"]) == [0, 2, 4, 6, 8]
    assert history["J_style"][-1] < history["J_style"][0] and history["J"][-1] < history["J"][0]
    np.testing.assert_array_equal(history["images"][8], generated_image.numpy()[0])


def test_clip_0_1_and_the_initial_image(st, tf, rng):
    x = tf.constant([-0.5, 0.0, 0.3, 1.0, 1.7])
    np.testing.assert_array_equal(st.clip_0_1(x).numpy(), np.float32([0, 0, 0.3, 1, 1]))
    C = rng.random((1, 6, 6, 3)).astype(np.float32)
    G = st.initial_generated_image(C, noise=0.25, seed=3)
    assert isinstance(G, tf.Variable) and G.dtype == tf.float32
    G = G.numpy()
    assert np.abs(G - C).max() <= 0.25 + 1e-6 and G.min() >= 0 and G.max() <= 1
    np.testing.assert_array_equal(G, st.initial_generated_image(C, seed=3).numpy())
    assert not np.array_equal(G, st.initial_generated_image(C, seed=4).numpy())


# --- the feature extractors ------------------------------------------------------------------


def test_random_vgg19_is_seeded_named_and_leaves_python_random_alone(st, keras):
    state = random.getstate()
    a, b = st.random_vgg19((32, 32, 3), seed=0), st.random_vgg19((32, 32, 3), seed=0)
    c = st.random_vgg19((32, 32, 3), seed=1)
    assert random.getstate() == state
    assert [layer.name for layer in a.layers][2:5] == [
        "block1_conv1",
        "block1_conv2",
        "block1_pool",
    ]
    assert a.layers[-1].name == "block3_conv2" and a.output_shape == (None, 8, 8, 256)
    assert not a.trainable
    for wa, wb in zip(a.get_weights(), b.get_weights()):
        np.testing.assert_array_equal(wa, wb)
    kernel = a.get_layer("block2_conv1").get_weights()[0]  # He: std sqrt(2 / (9 * 64))
    assert kernel.std() == pytest.approx(np.sqrt(2 / (9 * 64)), rel=0.02)
    assert not np.array_equal(kernel, c.get_layer("block2_conv1").get_weights()[0])


def test_digit_extractor_is_the_pretrained_base_on_larger_images(st, tf, rng):
    from dl_notes.tf.transfer import pretrained_base

    X = rng.random((2, 32, 32, 3)).astype(np.float32)
    net = st.digit_extractor((32, 32, 3))
    np.testing.assert_allclose(
        net(X).numpy(), pretrained_base()(2 * X - 1).numpy(), rtol=1e-4, atol=1e-4
    )
    model = st.get_layer_outputs(net, st.DIGIT_STYLE_LAYERS + st.DIGIT_CONTENT_LAYER)
    sizes = [tuple(out.shape[1:3]) for out in model(X[:1])]
    assert sizes == [(16, 16), (16, 16), (8, 8), (4, 4), (2, 2)]  # 1/2, 1/2, 1/4, 1/8, 1/16


def test_bad_input_messages(st, tf, small_vgg, rng):
    model, layers = small_vgg
    a = tf.constant(rng.standard_normal((1, 2, 2, 3)))
    with pytest.raises(ValueError, match=r"compute_layer_style_cost: a_S must hold one image"):
        st.compute_layer_style_cost(a[0], a)
    with pytest.raises(ValueError, match=r"compute_content_cost: a_C and a_G must have the same"):
        st.compute_content_cost([a], [a[:, :1]])
    with pytest.raises(ValueError, match=r"gram_matrix: A must be a 2-D tensor"):
        st.gram_matrix(a)
    with pytest.raises(ValueError, match=r"generated_image_output has 2 outputs, but STYLE_LAYERS"):
        st.compute_style_cost([a] * 6, [a, a])
    with pytest.raises(ValueError, match=r"get_layer_outputs: random_vgg19 has no layer named"):
        st.get_layer_outputs(st.random_vgg19((32, 32, 3), "block1_conv2"), [("conv5_1", 1)])
    with pytest.raises(ValueError, match=r"random_vgg19: VGG-19 has no layer 'conv5_1'"):
        st.random_vgg19((32, 32, 3), last_layer="conv5_1")
    with pytest.raises(ValueError, match=r"digit_extractor: input_shape must be \(height, width"):
        st.digit_extractor((16, 16, 3))
    C = rng.random((1, 32, 32, 3)).astype(np.float32)
    with pytest.raises(TypeError, match=r"style_transfer: generated_image must be a tf.Variable"):
        st.style_transfer(model, C, C, tf.constant(C), layers)
    with pytest.raises(ValueError, match=r"style_transfer: style_image must be one RGB image"):
        st.style_transfer(model, C, C[0], st.initial_generated_image(C), layers)
    with pytest.raises(ValueError, match=r"initial_generated_image: noise must be >= 0"):
        st.initial_generated_image(C, noise=-0.1)
    with pytest.raises(ValueError, match=r"content_image must hold uint8 values or floats in"):
        st.initial_generated_image(C * 3)
