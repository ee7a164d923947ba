"""Course 4, W4A1: dl_notes.tf.face_recognition, the course's triplet loss, verify, who_is_it."""

import numpy as np
import pytest

from dl_notes import face_recognition as fr
from tests.test_face_recognition import COURSE_CASES


@pytest.fixture(scope="module")
def tfr():
    pytest.importorskip("tensorflow")
    from dl_notes.tf import face_recognition

    return face_recognition


@pytest.fixture(scope="module")
def tf(tfr):
    import tensorflow as tf

    return tf


@pytest.fixture(scope="module")
def encoder(tfr):
    return tfr.face_encoder(n_e=8, filters=(4, 4, 4, 4), seed=0)


@pytest.fixture(scope="module")
def photos():
    from dl_notes.data.identities import load_identities_dataset

    X_train, y_train, X_val, y_val, _, _ = load_identities_dataset((12, 4, 2), (4, 3, 2), seed=0)
    return X_train, y_train, X_val, y_val


# --- the triplet loss ------------------------------------------------------------------------


def test_triplet_loss_course_test(tfr, tf):
    """The course's unit test: its random call gives 527.2598, then the hand-made cases."""
    tf.random.set_seed(1)
    y_true = (None, None, None)  # it is not used
    y_pred = (
        tf.random.normal([3, 128], mean=6, stddev=0.1, seed=1),
        tf.random.normal([3, 128], mean=1, stddev=1, seed=1),
        tf.random.normal([3, 128], mean=3, stddev=4, seed=1),
    )
    loss = tfr.triplet_loss(y_true, y_pred)
    assert isinstance(loss, tf.Tensor) and loss.shape == ()
    assert float(loss) == pytest.approx(527.2598, abs=1e-3)
    assert fr.triplet_loss(y_true, [t.numpy() for t in y_pred]) == pytest.approx(527.2598, abs=1e-3)
    for y_pred, alpha, expected in COURSE_CASES:
        assert float(tfr.triplet_loss(y_true, y_pred, alpha)) == expected


def test_triplet_loss_numpy_twin_and_gradients(tfr, tf, rng):
    A, P, N = (rng.standard_normal((7, 5)) for _ in range(3))
    alpha = 0.9
    assert float(tfr.triplet_loss(None, [A, P, N], alpha)) == pytest.approx(
        fr.triplet_loss(None, [A, P, N], alpha), rel=1e-12
    )
    variables = [tf.Variable(x) for x in (A, P, N)]
    with tf.GradientTape() as tape:
        loss = tfr.triplet_loss(None, variables, alpha)
    for mine, theirs in zip(
        fr.triplet_loss_backward((A, P, N), alpha), tape.gradient(loss, variables)
    ):
        np.testing.assert_allclose(mine, theirs.numpy(), rtol=1e-12, atol=1e-12)


# --- mining ----------------------------------------------------------------------------------


def test_batch_hard_matches_numpy(tfr, tf, rng):
    E = fr.l2_normalize(rng.standard_normal((16, 6)))
    labels = np.array([0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 5, 5, 6, 6])  # person 4 alone
    mine = fr.mine_triplets(E, labels)
    theirs = tfr.batch_hard_triplets(tf.constant(E), tf.constant(labels))
    for a, b in zip(mine, theirs):
        np.testing.assert_array_equal(a, b.numpy())
    a, p, n = mine
    expected = fr.triplet_loss(None, (E[a], E[p], E[n]), 0.3) / len(a)
    loss = tfr.batch_hard_triplet_loss(tf.constant(labels), tf.constant(E), 0.3)
    assert float(loss) == pytest.approx(expected, rel=1e-12)
    # no usable anchor: the loss is 0, not nan
    alone = tfr.batch_hard_triplet_loss(tf.constant([0, 1]), tf.constant(E[:2]))
    assert float(alone) == 0.0


# --- the encoder, img_to_encoding, verify, who_is_it --------------------------------------------


def test_face_encoder_outputs_unit_vectors_and_is_seeded(tfr, photos):
    X = photos[0][:5]
    model = tfr.face_encoder(seed=3)
    assert model.output_shape == (None, 32) and model.input_shape == (None, 32, 32, 3)
    E = tfr.encode(model, X)
    assert E.shape == (5, 32) and E.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(E, axis=1), 1, atol=1e-5)
    np.testing.assert_array_equal(E, tfr.encode(tfr.face_encoder(seed=3), X))
    assert not np.allclose(E, tfr.encode(tfr.face_encoder(seed=4), X))
    with pytest.raises(ValueError, match="input_shape must be"):
        tfr.face_encoder(input_shape=(32, 32))
    with pytest.raises(ValueError, match="filters must be four positive ints"):
        tfr.face_encoder(filters=(8, 8))
    with pytest.raises(ValueError, match="seed must be an int >= 0"):
        tfr.face_encoder(seed=-1)


def test_img_to_encoding_array_and_file(tfr, encoder, photos, tmp_path):
    import keras

    photo = photos[0][0]
    encoding = tfr.img_to_encoding(photo, encoder)
    assert encoding.shape == (1, 8)
    np.testing.assert_allclose(np.linalg.norm(encoding), 1, rtol=1e-6)
    np.testing.assert_allclose(encoding, tfr.encode(encoder, photo[None]), atol=1e-6)
    np.testing.assert_allclose(tfr.img_to_encoding(photo[None], encoder), encoding)
    path = tmp_path / "face.png"  # the course's way: a path to an image file
    keras.utils.save_img(path, photo, scale=False)
    np.testing.assert_allclose(tfr.img_to_encoding(str(path), encoder), encoding, atol=1e-6)
    with pytest.raises(ValueError, match=r"must have shape \(32, 32, 3\)"):
        tfr.img_to_encoding(np.zeros((28, 28, 3)), encoder)
    with pytest.raises(TypeError, match="path to an image file or a photo"):
        tfr.img_to_encoding([[0]], encoder)
    with pytest.raises(FileNotFoundError, match="no image file"):
        tfr.img_to_encoding(str(tmp_path / "missing.png"), encoder)
    with pytest.raises(TypeError, match="model must be a keras.Model"):
        tfr.img_to_encoding(photo, "facenet")


def test_verify_and_who_is_it_on_photos(tfr, encoder, photos, capsys):
    X, y = photos[0], photos[1]
    first = {p: int(np.flatnonzero(y == p)[0]) for p in range(3)}
    database = {f"person {p}": tfr.img_to_encoding(X[i], encoder) for p, i in first.items()}
    photo = X[np.flatnonzero(y == 1)[1]]  # another photo of person 1
    E = tfr.img_to_encoding(photo, encoder)
    expected = float(np.linalg.norm(E - database["person 1"]))
    dist, door_open = tfr.verify(photo, "person 1", database, encoder, threshold=expected + 1e-3)
    assert dist == pytest.approx(expected, abs=1e-6) and door_open is True
    assert capsys.readouterr().out == "It's person 1, welcome in!\n"
    dist, door_open = tfr.verify(photo, "person 1", database, encoder, threshold=expected - 1e-3)
    assert door_open is False
    min_dist, identity = tfr.who_is_it(photo, database, encoder, verbose=False)
    assert (min_dist, identity) == fr.who_is_it(E, database, verbose=False)
    # the course's test 3: a photo of the database is at distance 0 from itself
    min_dist, identity = tfr.who_is_it(X[first[2]], database, encoder, verbose=False)
    assert identity == "person 2" and min_dist == pytest.approx(0, abs=1e-6)


# --- training --------------------------------------------------------------------------------


def test_train_encoder_lowers_the_loss_and_is_reproducible(tfr, photos):
    X, y = photos[0], photos[1]

    def run():
        model = tfr.face_encoder(n_e=8, filters=(4, 8, 8, 8), seed=0)
        history = tfr.train_encoder(model, X, y, num_steps=8, n_people=6, n_photos=2, seed=1)
        return model, history

    model, history = run()
    assert len(history["cost"]) == len(history["active"]) == 8
    assert np.mean(history["cost"][-3:]) < np.mean(history["cost"][:3])
    again, history_again = run()
    np.testing.assert_allclose(history["cost"], history_again["cost"], rtol=1e-5)
    np.testing.assert_allclose(tfr.encode(model, X[:4]), tfr.encode(again, X[:4]), atol=1e-5)


@pytest.mark.slow
def test_trained_encoder_verifies_unseen_people_better_than_pixels(tfr):
    """A short training already separates people it never saw better than raw pixels do."""
    from dl_notes.data.identities import load_identities_dataset

    X_train, y_train, X_val, y_val, _, _ = load_identities_dataset((60, 30, 2), (8, 8, 2), seed=3)
    model = tfr.face_encoder(n_e=16, filters=(8, 16, 32, 32), seed=0)
    tfr.train_encoder(model, X_train, y_train, num_steps=120, n_people=12, n_photos=4, seed=0)
    pairs, same = fr.make_pairs(y_val, 600, seed=0)
    auc = fr.roc_auc(*fr.roc_curve(fr.pair_distances(tfr.encode(model, X_val), pairs), same)[:2])
    pixels = X_val.reshape(len(X_val), -1).astype(float)
    auc_pixels = fr.roc_auc(*fr.roc_curve(fr.pair_distances(pixels, pairs), same)[:2])
    assert auc > auc_pixels + 0.05, (auc, auc_pixels)


def test_train_encoder_bad_input(tfr, encoder, photos):
    X, y = photos[0], photos[1]
    with pytest.raises(ValueError, match="n_people >= 2 people"):
        tfr.train_encoder(encoder, X, y, n_people=40)
    with pytest.raises(ValueError, match=r"y must be 48 integer labels"):
        tfr.train_encoder(encoder, X, y[:10])
    with pytest.raises(ValueError, match="X must be photos of shape"):
        tfr.train_encoder(encoder, X[0], y)
    with pytest.raises(ValueError, match="learning_rate must be positive"):
        tfr.train_encoder(encoder, X, y, learning_rate=0)
    with pytest.raises(TypeError, match="model must be a keras.Model"):
        tfr.encode(None, X)
