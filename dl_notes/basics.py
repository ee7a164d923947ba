r"""NumPy basics from the first programming exercise (Course 1, W2A1).

Taught in: Course 1, [week 2](../../course1/week2.md) and the
[Python-basics lab](../../course1/labs/w2a1-python-basics.ipynb); `flatten_images` in the
Course 3 [error-analysis](../../course3/labs/w2-error-analysis.ipynb) and
[data-mismatch](../../course3/labs/w2-data-mismatch.ipynb) labs.

The exercise's `sigmoid`, `sigmoid_derivative` and `softmax` live in
[`dl_notes.activations`][dl_notes.activations] and its `L1`/`L2` losses in
[`dl_notes.losses`][dl_notes.losses]; this module holds the array
manipulations that have no better home.
"""

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_array, check_ndim

__all__ = ["image2vector", "flatten_images", "normalize_rows"]


# --8<-- [start:image2vector]
def image2vector(image):
    r"""Flatten an image of shape `(height, width, channels)` into a column vector.

    Parameters
    ----------
    image : ndarray, shape (height, width, channels)

    Returns
    -------
    v : ndarray, shape (height * width * channels, 1)
        The pixels in C (row-major) order, as `image.reshape(-1, 1)`.
    """
    image = as_array(image, "image", "image2vector")
    check_ndim(image, 3, "image", "image2vector", "(height, width, channels)")
    return image.reshape(-1, 1)


# --8<-- [end:image2vector]


# --8<-- [start:flatten_images]
def flatten_images(images):
    r"""Turn $m$ images into the course's input matrix: one flattened image per column.

    `images.reshape(m, -1).T`, the step Course 1's W2A2 writes out by hand, with
    `uint8` pixels (0..255) divided by 255 so that they lie in [0, 1]; float images are
    taken as they are (already scaled), keeping their dtype.

    Parameters
    ----------
    images : ndarray, shape (m, height, width) or (m, height, width, channels)
        `uint8` in 0..255, or floats.

    Returns
    -------
    X : ndarray, shape (height * width * channels, m)
        Column $i$ is image $i$ in C (row-major) order.

    Examples
    --------
    >>> import numpy as np
    >>> flatten_images(np.array([[[0, 255], [51, 102]]], dtype=np.uint8)).T
    array([[0. , 1. , 0.2, 0.4]])
    """
    if (
        not isinstance(images, np.ndarray)
        or images.dtype.kind not in "uif"
        or images.ndim not in (3, 4)
    ):
        raise ValueError(
            "flatten_images: images must be an array of shape (m, height, width) or "
            "(m, height, width, channels) with numeric pixels, but "
            + (
                f"an array of shape {images.shape} and dtype {images.dtype}"
                if isinstance(images, np.ndarray)
                else f"a {type(images).__name__}"
            )
            + " was given."
        )
    X = images.reshape(len(images), -1).T
    return X / 255.0 if images.dtype == np.uint8 else X


# --8<-- [end:flatten_images]


# --8<-- [start:normalize_rows]
def normalize_rows(x):
    r"""Divide each row of `x` by its Euclidean norm, $x_i \leftarrow x_i / \lVert x_i \rVert_2$.

    Parameters
    ----------
    x : ndarray, shape (n, d)

    Returns
    -------
    ndarray, shape (n, d)
        Each row has norm 1 (a row of zeros stays zero).

    Examples
    --------
    >>> import numpy as np
    >>> normalize_rows(np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])).round(3)
    array([[0.   , 0.6  , 0.8  ],
           [0.137, 0.824, 0.549]])
    """
    x = as_array(x, "x", "normalize_rows")
    check_ndim(x, 2, "x", "normalize_rows", "(n, d)")
    norms = np.linalg.norm(x, axis=1, keepdims=True)  # shape (n, 1), broadcast over columns
    return x / np.where(norms == 0, 1, norms)


# --8<-- [end:normalize_rows]
