"""
Gallery example
===============
"""

# %%
# The method of :cite:t:`gallery2024`.
