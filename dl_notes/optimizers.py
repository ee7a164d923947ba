r"""Parameter updates.

Taught in: Course 1, [week 3](../../course1/week3.md) and
[week 4](../../course1/week4.md) (plain gradient descent).

Every update takes the parameters and the gradients as the dicts used throughout
dl_notes (`"W1", "b1", ...` and `"dW1", "db1", ...`) and returns new parameters;
the inputs are left unchanged.
"""

from __future__ import annotations

from dl_notes._checks import check_positive, check_same_shape

__all__ = ["update_parameters"]


# --8<-- [start:update_parameters]
def update_parameters(parameters, grads, learning_rate):
    r"""One step of gradient descent: $W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]}$, $b^{[l]} \leftarrow b^{[l]} - \alpha\, db^{[l]}$.

    Parameters
    ----------
    parameters : dict
        `W{l}`, `b{l}` for l = 1..L.
    grads : dict
        `dW{l}`, `db{l}` with the same shapes.
    learning_rate : float
        $\alpha$.

    Returns
    -------
    parameters : dict
        A new dict with the updated arrays.
    """
    check_positive(learning_rate, "learning_rate", "update_parameters")
    updated = {}
    for key, value in parameters.items():
        grad_key = "d" + key
        if grad_key not in grads:
            raise ValueError(
                f"update_parameters: grads has no {grad_key!r} for parameter {key!r}; "
                f"grads has keys {sorted(grads)}."
            )
        check_same_shape(value, grads[grad_key], (key, grad_key), "update_parameters")
        updated[key] = value - learning_rate * grads[grad_key]
    return updated
# --8<-- [end:update_parameters]
