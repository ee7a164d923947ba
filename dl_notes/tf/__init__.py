"""The framework half of dl_notes: the course's TensorFlow code.

Taught in: Course 2 ([overview](../../course2/index.md)), Course 3
([week 2](../../course3/week2.md#transfer-learning)) and Course 4
([overview](../../course4/index.md)).

TensorFlow is imported here and only here: `import dl_notes` and the NumPy modules never
pay its start-up time (about 3.5 s per process). Importing `dl_notes.tf` or one of its
modules imports TensorFlow, or raises `ImportError` saying how to install it.

| module | what it holds |
|---|---|
| `dl_notes.tf.intro` | the TensorFlow introduction (Course 2, W3A1): tensors, Variables, `GradientTape`, `tf.data`, Adam |
| `dl_notes.tf.multitask` | transfer and multi-task learning in Keras (Course 3, week 2): the masked multi-task loss, `transfer`, a small ConvNet |
| `dl_notes.tf.classic_nets` | LeNet-5, AlexNet and VGG-16 built untrained (Course 4, week 2), with their parameter counts |
| `dl_notes.tf.lenet` | the NumPy LeNet of `dl_notes.convnet` in Keras (Course 4, W1A1, beyond the course) |
| `dl_notes.tf.convnets` | Course 4's Keras ConvNets (W1A2, W2A1): `happy_model`, `convolutional_model`, the residual blocks, `resnet50` |
| `dl_notes.tf.transfer` | transfer learning with MobileNetV2 (Course 4, W2A2): `data_augmenter`, `alpaca_model`, `fine_tune`, the base pretrained here |
| `dl_notes.tf.yolo` | YOLO (Course 4, W3A1): the course's post-processing (`yolo_filter_boxes`, `yolo_non_max_suppression`, `yolo_eval`, ...) and a tiny detector trained here |
| `dl_notes.tf.unet` | the U-Net of Course 4, W3A2: `conv_block`, `upsampling_block`, `unet_model`, `create_mask`, `train_unet` |
| `dl_notes.tf.face_recognition` | face verification and recognition (Course 4, W4A1): `triplet_loss`, `verify`, `who_is_it`, an encoder trained here with batch-hard triplets |
| `dl_notes.tf.style_transfer` | neural style transfer (Course 4, W4A2): the costs, `make_train_step`, extractors without downloads |
| `dl_notes.tf.music` | music generation (Course 5, W1A3): `djmodel`, `music_inference_model`, `predict_and_sample`, `train_djmodel` |
| `dl_notes.tf.emojify` | Emojify (Course 5, W2A2): `sentences_to_indices`, `pretrained_embedding_layer`, `Emojify_V2`, `train_emojify_v2` |
| `dl_notes.tf.training` | the one training loop every model here uses: `fit` (GradientTape, seeded mini-batches, Adam), for a Keras model or a forward function, with any loss |

TensorFlow's C++ start-up messages are silenced (`TF_CPP_MIN_LOG_LEVEL=2`) unless the
environment already sets that variable. Its oneDNN notice ignores that setting and is
printed straight to the process's standard error while TensorFlow loads, so the import
below sends file descriptor 2 to /dev/null for its duration (errors still raise).
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import contextlib
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@contextlib.contextmanager
def _quiet_stderr():
    """Send the process's file descriptor 2 to /dev/null, then restore it."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no real descriptor (some embedded interpreters)
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


try:
    with _quiet_stderr():
        import tensorflow  # noqa: F401
except ImportError as err:
    raise ImportError(
        "dl_notes.tf needs the 'tensorflow' package, which is not installed. Install it with: "
        "pip install tensorflow-cpu  (or: pip install 'dl-notes[tf]'; on macOS or ARM: "
        "pip install tensorflow)."
    ) from err
