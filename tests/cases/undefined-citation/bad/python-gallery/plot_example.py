"""
Plotting an example
===================

As in :cite:`known2024` and :cite:`missing_module`.
"""
# expect: 5 undefined-citation 'missing_module'

import math


def area(r):
    """The area, after :cite:p:`missing_function`."""
    # expect: 13 undefined-citation 'missing_function'
    return math.pi * r * r


##############################################################################
# A text block of sphinx-gallery, reST with the ``#`` taken off :cite:`missing_block`.
# expect: 19 undefined-citation 'missing_block'

print(area(2))  # a comment :cite:`not_read_in_code` is code, not text

# %% [markdown]
# A Jupytext markdown cell is MyST: {cite}`missing_md_cell`.
# expect: 25 undefined-citation 'missing_md_cell'
