"""dl_notes: every algorithm of the Deep Learning Specialization, from scratch.

The package is organised by concept (activations, losses, initialization, layers,
optimizers, data, plotting), not by course; the site's
[course-function index](https://dl-notes.github.io/dl-notes/reference/course-functions/)
maps every function a course assignment asks for to its home here.

`import dl_notes` imports NumPy code only; TensorFlow is imported only by the modules that
need it.
"""

__version__ = "0.1.0"
