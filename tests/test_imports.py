"""Import costs: the NumPy half of dl_notes never imports TensorFlow or mlxtend, and the
TensorFlow half says how to install TensorFlow when it is missing."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Every module of dl_notes outside dl_notes.tf, packages' modules included ("data.images"): all
#: of them are NumPy-only (TensorFlow lives in dl_notes.tf).
NUMPY_MODULES = sorted(
    ".".join(p.relative_to(ROOT / "dl_notes").with_suffix("").parts).removesuffix(".__init__")
    for p in (ROOT / "dl_notes").rglob("*.py")
    if p.relative_to(ROOT / "dl_notes").parts[0] != "tf" and p != ROOT / "dl_notes" / "__init__.py"
)


def test_numpy_modules_import_neither_tensorflow_nor_mlxtend():
    code = (
        "import sys, importlib, dl_notes; "
        f"[importlib.import_module('dl_notes.' + m) for m in {NUMPY_MODULES!r}]; "
        "found = [m for m in ('tensorflow', 'keras', 'mlxtend') if m in sys.modules]; "
        "print(found); sys.exit(1 if found else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, (
        f"importing the NumPy modules imported {result.stdout.strip()}: {result.stderr[-500:]}"
    )


def test_dl_notes_tf_without_tensorflow_says_how_to_install():
    code = (
        "import sys; sys.modules['tensorflow'] = None\n"
        "try:\n    import dl_notes.tf.intro\n"
        "except ImportError as err:\n    print(err)\n    sys.exit(0)\n"
        "sys.exit('no ImportError')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    message = result.stdout
    assert "'tensorflow' package" in message
    assert "pip install tensorflow-cpu" in message and "pip install 'dl-notes[tf]'" in message
